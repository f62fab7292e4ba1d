//! Sentence templates for news prose.
//!
//! Syntax: `{SLOT}` is filled by the writer (see [`crate::prose`]),
//! `[a|b|c]` picks one alternative (alternatives nest, and may be empty),
//! everything else is literal. Slots come every one to three words, so two
//! articles built from the same template share almost no word 5-grams
//! unless they also share the filled-in words.
//!
//! Slots: `N`/`NS` noun singular/plural, `H`/`HS` people noun
//! singular/plural, `A` adjective, `V`/`VS`/`VD`/`VN`/
//! `VG` verb base/-s/past/participle/-ing, `ADV` adverb, `K`/`KS`/`KA`/`KV`/
//! `KVS`/`KVD`/`KVG` the event's key nouns/adjectives/verbs, `P` a person
//! (title on first mention, surname later), `PA` a person who may be
//! introduced with an appositive, `PRON`/`POSS` he/she, his/her of the last
//! person, `PL` place, `REG` country, `PROV` region, `ORG`/`ORG2`
//! organisations, `DAY`/`NEXTDAY` weekdays, `DATE` ("March 14"), `MONTH`,
//! `FACT` a numeric fact ("12,000 residents"), `NUMBIG`, `NUMW` small
//! number, `MONEY`, `PCT`, `YEAR`, `DECADE`, `Q` a quote, `CITY2` another
//! place, `OUTLET` the publishing outlet.

/// Opening sentences.
pub const LEDE: &[&str] = &[
    "{KA} {KS} {KVD} [parts of |the outskirts of |central |]{PL} on {DAY}, [officials said|authorities said|police said|according to local officials], [affecting|leaving behind] {FACT} [across the region|in the area|and disrupting {A} {NS}].",
    "The {ORG} [said|announced|confirmed] on {DAY} that it would {V} {A} {NS} in {PL} after a {KA} {K} [prompted|sparked|triggered] [concern|criticism|protests|anger] among {HS}.",
    "At least {FACT} were [affected|involved|caught up] after a {KA} {K} {KVD} {PL} [late|early] on {DAY}, {PA} said.",
    "{PL} [officials|authorities] were [scrambling|struggling|racing] to [help|reach|support|account for] {FACT} on {DAY} after a {K} that [experts|analysts|officials] described as [the worst|the largest|the most serious] in {NUMW} [years|decades].",
    "{PA} [said|warned|insisted] on {DAY} that the {K} in {PL} [would|could|might] {V} {A} {NS} [for months|for years|within weeks|before the end of the year].",
    "[Hundreds|Thousands|Dozens] of {HS} [gathered|queued|waited|protested] in {PL} on {DAY} [as|after] the {ORG} [announced|confirmed|unveiled] a {KA} {K} [worth|costing|valued at] {MONEY}.",
    "A {KA} {K} in {PL} has [left|displaced|affected|hit] {FACT}, the {ORG} said on {DAY}, [in the latest sign of|amid growing concern over|as pressure mounts over] {A} {NS}.",
    "The {ORG} on {DAY} [moved|voted|agreed|decided] to {V} {A} {NS} [in|across] {PL}, [a decision|a step|a move] that [critics|supporters|analysts] said would {V} the {K} [for years|for a generation|in the short term].",
    "{KA} {KS} [swept through|hit|struck|spread across] {PL} on {DAY}, [injuring|displacing|stranding|affecting] {FACT} and [leaving|prompting] {A} {NS} [behind|in its wake|across the region].",
    "[Police|Officials|Investigators|Authorities] in {PL} said on {DAY} they had {VN} {FACT} [in connection with|following|as part of] a {KA} {K} [that|which] {VD} {A} {NS}.",
    "{PL} [was reeling|remained on edge|was counting the cost] on {DAY} after a {K} [that|which] {VD} {A} {NS} and {VD} {FACT}, [according to|said] the {ORG}.",
    "The {K} [that|which] {VD} {PL} [late on|early on|on] {DAY} has {VN} {FACT}, {PA} said, [warning|adding|noting] that {A} {NS} [could|may|would] {V} [further|again|soon].",
    "{PA} [announced|unveiled|outlined] a {A} {N} on {DAY} [to|intended to] {V} the {K} in {PL}, which has {VN} {FACT} [since {MONTH}|this year|in recent weeks].",
    "A {A} {N} [over|about|surrounding] the {K} in {PL} [deepened|intensified|escalated|eased] on {DAY} as the {ORG} {VD} {A} {NS}.",
    "{FACT} had been {VN} in {PL} by {DAY} [evening|afternoon|morning] as {A} {KS} [continued to|threatened to|began to] {V} {A} {NS}, [officials|emergency services|the authorities] said.",
    "In {PL}, {A} {HS} spent {DAY} [counting the cost of|assessing|coming to terms with] a {KA} {K} that {VD} {FACT}.",
    "The {ORG} [has|had] {VN} {FACT} [after|following|amid] a {KA} {K} in {PL}, [it said|officials confirmed|a statement said] on {DAY}.",
    "[Fresh|New|Growing] [questions|doubts|fears] [emerged|surfaced|mounted] in {PL} on {DAY} over the {ORG}'s [handling|response|management] of a {KA} {K} that has {VN} {FACT}.",
    "{PA} [vowed|pledged|promised] on {DAY} to {V} the {A} {NS} [behind|responsible for|linked to] a {KA} {K} in {PL} that {VD} {FACT}.",
    "The {KA} {K} in {PL} [could|will|may] {V} {A} {NS} [as much as|by up to|by nearly] {PCT}, the {ORG} [warned|estimated|said] on {DAY}.",
];

/// General body sentences.
pub const BODY: &[&str] = &[
    "The {K} [came|comes] [as|after|amid] {A} {NS} [in|across|around] {PL} {VD} {A} {NS} [last year|earlier this month|in {YEAR}|over the past decade].",
    "[Officials|Analysts|Critics|Residents|Experts] [said|say|argued|noted] the {N} had {VN} {ADV} [since|after] a {A} {N} in {YEAR}.",
    "According to the {ORG}, {PCT} of {NS} in {REG} [now|still|currently] {V} {A} {NS}.",
    "The {ORG} [said|reported|estimated] that {FACT} had been {VN} by {DAY} [evening|morning|afternoon].",
    "The {A} [cause|scale|cost] of the {K} [remains|remained] [unclear|uncertain|under investigation|disputed], and {HS} [said|warned] they would {V} the {N} [in the coming days|next week|before {MONTH}].",
    "[It was not immediately clear|It remains unclear|It is not yet known] [whether|how|when] the {N} would {V} {A} {NS}.",
    "In {YEAR}, a {A} {K} in {CITY2} [left|forced out|cost] {NUMBIG} {NS} and {A} {NS} {VD} [for weeks|for months].",
    "{PA} [said|told reporters|told a news conference] the {N} [would|could] {V} {MONEY} [over the next|within] {NUMW} years.",
    "[Meanwhile|At the same time|Separately], the {ORG2} {VD} a {A} {N} [aimed at|designed for] [reducing|improving|protecting|expanding] {A} {NS}.",
    "{A} {NS} [in|near|outside] {PL} had been {VN} [by|during] the {K}, [according to|said] the {ORG}.",
    "The {N} is [expected|likely|set] to {V} {A} {NS} [in {REG}|across the region|nationwide|in {PROV}].",
    "Some {HS} [said|complained] that the {N} had [failed to|been slow to|done little to] {V} {A} {NS}.",
    "{PL} has [long|previously|repeatedly] {VN} {A} {NS}, but [officials|critics|residents] say {A} {NS} [remain|are] {A}.",
    "The {ORG}, which {VS} {A} {NS} [in|across] {REG}, [said|declined to say] [whether|how] it would {V} the {K}.",
    "{NUMBIG} {NS} had been {VN} [by|as of] {DAY} [night|morning|afternoon], [up from|compared with|down from] {NUMBIG} [a week earlier|the previous day|last year].",
    "[Earlier this week|Earlier this month|Last year], {A} {HS} {VD} the {N} and {VD} {A} {NS}.",
    "[Local media|State media|Regional newspapers] [reported|said] that {A} {NS} had {VN} the {K}, [though|but] [officials|the government] [did not confirm|denied] the [reports|claims|figures].",
    "The {N} will be {VN} [on|by] {NEXTDAY}, [a spokesperson for|officials at] the {ORG} said.",
    "{PRON} [added|said] that {A} {NS} [should|must|would] [be|remain] {A} [until|while] the {N} is {VN}.",
    "[Under|Despite|Because of] the {A} {N}, {NS} [in|across] {PL} [will|could|must] {V} {A} {NS} [by|before] {MONTH}.",
    "The {ORG} [estimates|believes|says] the {K} [has cost|could cost|will cost] {MONEY}, [roughly|about|nearly] {PCT} of [its|the region's|the city's] {A} {N}.",
    "[Residents|Witnesses|Shop owners|Local traders] [described|recalled|reported] {A} {NS} and {A} {NS} as the {K} {KVD} the {N}.",
    "{P} [said|noted|stressed] that the {ORG} had {VN} {NUMW} {A} {NS} [since {MONTH}|this year|in the past month].",
    "[Critics|Opponents|Campaigners] [accuse|have accused] the {ORG} of [failing to|refusing to|being slow to] {V} {A} {NS} [in|across] {PROV}.",
    "The [latest|new|revised] [figures|data|estimates] [show|suggest|indicate] that {A} {NS} [rose|fell|climbed|dropped] by {PCT} [in|during] {MONTH}.",
    "{A} {HS} [have|had] [already|also|reportedly] {VN} {A} {NS} [in|near|around] {CITY2}, [some|about|nearly] {NUMW} [kilometres|miles|hours] from {PL}.",
    "[A|One] {A} {H}, who [asked not to be named|declined to give a name|spoke on condition of anonymity], said the {NS} had {VN} [without warning|for days|overnight].",
    "The {ORG2} said it [had|has] {VN} {A} {NS} and was [working with|talking to|in contact with] the {ORG} to {V} the {N}.",
    "[Television|Social media|Drone] [footage|images|pictures] [showed|appeared to show] {A} {NS} and {A} {NS} [in|near|outside] {PL}.",
    "The {N} [follows|comes after|is the latest in] a [series|string|wave] of {A} {NS} [in|across] {REG} [this year|since {YEAR}|in recent months].",
    "{P} [has|had] [previously|repeatedly|often] {VN} the {ORG} [over|for] its {A} {N} of {A} {NS}.",
    "The {ORG} [did not respond to|declined|ignored] [requests|a request] for comment on {DAY}.",
    "{NUMBIG} {HS} [signed|backed|supported] a [petition|letter|campaign] [calling for|demanding|urging] {A} {NS} [in|for] {PL}.",
    "[Economists|Analysts|Observers] [said|warned|cautioned] that {A} {NS} could {V} the {N} [by|as much as] {PCT} [this year|next year|over the next decade].",
    "[Roads|Schools|Offices|Shops] [in|around] {PL} [remained|were] [closed|shut|empty] on {DAY} [as|while] {NS} {VD} {A} {NS}.",
    "The {ORG} [said|confirmed] it would [hold|open|launch] a {A} [review|inquiry|investigation] into the {K} [next week|on {NEXTDAY}|within days].",
    "{A} {HS} [are|were] [expected|due|scheduled] to {V} {A} {NS} [later this week|on {NEXTDAY}|by the end of {MONTH}].",
    "The {K} [has|had] [also|already] {VN} {A} {NS} [in|across] {PROV}, [where|as] {A} {NS} [have|had] {VN} [for years|since {YEAR}].",
    "[Asked|Pressed] [about|on] the {A} {N}, {P} [said|replied] the {ORG} was [doing everything|working hard|trying] to {V} {A} {NS}.",
    "[Nearly|About|Almost|More than] {PCT} of {HS} [surveyed|polled|questioned] by the {ORG2} said they [supported|opposed|feared] {A} {NS}.",
    "[Insurance|Industry|Government] [estimates|figures] put the [damage|cost|bill] at {MONEY}, [excluding|not including|on top of] {A} {NS}.",
    "{PL}, [a city|a town|a port city|a market town] of [about|some|nearly] {NUMBIG} people, has {ADV} {VN} {A} {NS} [in recent years|since the {DECADE}].",
    "[Unlike|As with] the {K} in {CITY2} in {YEAR}, [officials|residents|the authorities] [said|hoped] the {A} {NS} would {V} [quickly|soon|in time].",
    "The {A} {N} [is|was] [one of|among] the [largest|most serious|most expensive|most closely watched] {NS} in {REG} [since {YEAR}|in a decade|in recent memory].",
    "{P} [is|was] [expected|due|scheduled] to {V} the {ORG} on {NEXTDAY} [to|and] {V} {A} {NS}.",
    "{A} {HS} [linked to|involved in|affected by] the {K} [will|would|could] [receive|be offered|be given] {A} {NS} [worth|of up to] {MONEY}.",
    "[Investigators|Inspectors|Engineers|Officials] [were|are] [examining|studying|reviewing] {A} {NS} [to determine|to establish|to find out] [what|how|why] the {K} {VD}.",
    "[Throughout|During|For much of] {DAY}, {A} {HS} [continued to|began to|struggled to] {V} {A} {NS} [in|around|near] {PL}.",
    "The {N}, [first|originally|initially] {VN} in {YEAR}, [was|had been] [meant|designed|intended] to {V} {A} {NS}.",
    "[Both|Several|Many] {A} {HS} [said|agreed|acknowledged] the {K} [had|has] [exposed|highlighted|revealed] {A} {NS} in {REG}.",
];

/// Historical or explanatory context sentences.
pub const BACKGROUND: &[&str] = &[
    "The {K} is the [latest|second|third|worst] [in a series of|of several] {A} {NS} to [hit|affect|strike] {PL} [since {YEAR}|in recent years].",
    "{PL}, [a city|a town|a region|a port] of [about|some|nearly] {NUMBIG} people, has {ADV} {VN} {A} {NS} [in recent years|since the {DECADE}].",
    "[Since|Until] {YEAR}, the {ORG} has {VN} {A} {NS} [in|across] {PROV} [and|while] {A} {NS} {VD} [steadily|sharply|slowly].",
    "[Decades|Years] of {A} {NS} have [left|made] {REG} [especially|particularly] [vulnerable|exposed|sensitive] to {A} {NS}.",
    "[The last time|When] a {K} of this [scale|size|kind] [struck|hit|affected] {PL}, in {YEAR}, {NUMBIG} {NS} [were|had been] {VN}.",
    "{REG} [introduced|passed|adopted] {A} {NS} [in|after] {YEAR} [following|after] a {A} {N} [that|which] {VD} {A} {NS}.",
    "The {ORG} was [set up|founded|created|established] in {YEAR} to {V} {A} {NS} and {V} {A} {NS}.",
    "[Experts|Researchers|Analysts] have [long|repeatedly|previously] warned that {A} {NS} [in|across] {REG} [could|would] {V} {A} {NS}.",
    "[Over|During] the past {NUMW} [years|decades], {A} {NS} in {PROV} have [doubled|tripled|fallen by half|grown sharply], according to the {ORG2}.",
    "The {N} [has|had] been [a source of|the subject of|at the centre of] {A} [debate|tension|controversy] in {REG} [for years|since {YEAR}|since the {DECADE}].",
    "[Similar|Comparable] {NS} in {CITY2} and {CITY2} [have|had] {VN} {A} {NS} [in recent years|over the past decade].",
    "{A} {NS} [account for|represent|make up] [about|roughly|nearly] {PCT} of {A} {NS} in {REG}, [official|government|industry] [figures|data|statistics] show.",
];

/// First-person quote bodies (no final punctuation).
pub const QUOTE: &[&str] = &[
    "we are {ADV} {A} about the {N} [and|but] we will {V} every {N} [we can|possible]",
    "this is a {A} {N} for {PL} and for [everyone|all of us|the whole of {REG}]",
    "nobody [expected|wanted|predicted] the {K} to {V} {A} {NS} [so quickly|like this|this year]",
    "[our|these] {HS} [need|deserve|want] {A} {NS}, not {A} {NS}",
    "I have [never|rarely] seen a {A} {N} like this in {NUMW} years",
    "we {VD} the {N}, [and|but] the {NS} [were|are] still {A}",
    "the {K} has {VN} [everything|so much|a great deal], [but|and] we [must|will] {V} [together|again]",
    "there will be a {A} {N}, and [we|the government] [will|must] {V} it {ADV}",
    "it is [too early|premature|difficult] to say [how|whether|when] the {NS} will {V}",
    "[people|families|residents|workers] are {A} [and|but] {A}, and they [want|deserve] {A} {NS}",
    "we [will|must] not [allow|let] {A} {NS} to {V} our {NS}",
    "[what happened|what we saw|what we are seeing] [in|across] {PL} is [simply|completely|absolutely] {A}",
    "[our priority|my priority|the priority] [is|remains] to {V} the {NS} and {V} {A} {NS}",
    "[we have|I have] {VN} the {ORG} [to|and asked them to] {V} {A} {NS} [immediately|as soon as possible|without delay]",
    "the {HS} [told us|showed us|made clear] that {A} {NS} [were|are] not {A} [enough|at all]",
    "[this|the {K}] [is|was] a {A} [reminder|warning|wake-up call] [for|to] {A} {NS} [everywhere|in {REG}|across the country]",
    "we [owe|promised] it to the {HS} to {V} {A} {NS}",
    "[everyone|everybody] [here|in {PL}] [knows|understands] that the {N} [will|could] {V} {A} {NS}",
];

/// Sentences carrying a quote (`Q` is the quote body).
pub const QUOTE_WRAP: &[&str] = &[
    "\"{Q},\" {P} said.",
    "\"{Q},\" said {P}.",
    "\"{Q},\" {P} told [reporters|a news conference|{OUTLET}] on {DAY}.",
    "{PA} said: \"{Q}.\"",
    "\"{Q},\" {P} [said in a statement|wrote on social media|added|told local radio].",
    "{PA} [told reporters|said] on {DAY}: \"{Q}.\"",
    "\"{Q},\" {P} [said|added], [describing|calling] the {K} [as|] {A}.",
    "[Speaking|Asked] [in|about] {PL}, {P} said: \"{Q}.\"",
];

/// Follow-ups after a quote.
pub const QUOTE_FOLLOW: &[&str] = &[
    "\"{Q},\" {PRON} added.",
    "{PRON} [also|later] said the {ORG} would {V} {A} {NS} [on|by] {NEXTDAY}.",
    "\"{Q}.\"",
    "{PRON} did not [say|explain|specify] [how|when|whether] the {NS} would be {VN}.",
];

/// Reactions of organisations and people.
pub const REACTION: &[&str] = &[
    "The {ORG2} [welcomed|criticised|condemned|questioned] the [decision|move|announcement|response], [calling it|describing it as] {A}.",
    "[Opposition|Community|Business|Union] leaders [said|warned|argued] the {ORG} had [ignored|underestimated|overlooked] {A} {NS} [for years|for too long].",
    "{P} [rejected|dismissed|denied] [the criticism|the claims|those accusations], saying the {ORG} had {VN} {A} {NS} [from the start|within hours|immediately].",
    "[Neighbouring|Nearby|Other] [cities|towns|regions|countries] [offered|sent|pledged] {A} {NS} and {NUMBIG} {NS}.",
    "[Several|Some|Many] {HS} [took to|turned to] social media to [express|voice|share] {A} {NS} [about|over] the {K}.",
    "The {ORG2} [said|announced] it would [donate|contribute|provide] {MONEY} to {V} {A} {NS} in {PL}.",
    "[A petition|An appeal|A campaign] [launched|started|organised] by {A} {HS} had [gathered|attracted|drawn] {NUMBIG} [signatures|supporters|donations] by {DAY}.",
    "[Religious|Business|Community] [groups|leaders] in {PL} [called for|urged|demanded] {A} {NS} and {A} {NS}.",
];

/// Closing sentences: what happens next.
pub const CLOSING: &[&str] = &[
    "The {ORG} is expected to {V} {A} {N} [on|by] {NEXTDAY}.",
    "[Investigations|Talks|Repairs|Inspections] [were|are] [continuing|expected to continue|due to resume] [on|by] {NEXTDAY}, [officials|organisers|the authorities] said.",
    "{P} is [due|expected|scheduled] to [meet|visit|address] {A} {HS} in {PL} [on|later on] {NEXTDAY}.",
    "A [full|final|detailed] [report|review|assessment] of the {K} is [expected|due] [by|in] {MONTH}.",
    "[Officials|The authorities|Organisers] [said|warned] {A} {NS} [could|would|might] [continue|last|persist] [for days|for weeks|until {MONTH}].",
    "The {ORG} [said|added] it would [publish|release|provide] {A} {NS} [on|by] {NEXTDAY}.",
    "[Residents|Members of the public|Those affected] [were urged|have been asked|were told] to {V} {A} {NS} and [avoid|report|contact] {A} {NS}.",
    "[Further|More|Additional] {NS} [are|were] [expected|planned|likely] [in the coming days|next week|before {MONTH}].",
];

/// Headlines (no final punctuation).
pub const HEADLINE: &[&str] = &[
    "{KA} {K} {KVS} {PL}",
    "{PL} {K}: {ORG} [vows|promises|pledges] to {V} {NS}",
    "{K} in {PL} [leaves|affects|hits] {FACT}",
    "{P} [warns|says|insists] {K} [will|could] {V} {NS}",
    "[Thousands|Hundreds] {VD} as {K} [hits|strikes|spreads to] {PL}",
    "{ORG} to {V} {A} {NS} after {PL} {K}",
    "What we know about the {PL} {K}",
    "{PL} [braces|prepares] for {A} {K}",
    "{A} {NS} {VD} in {PL} {K}",
    "{FACT} [affected|hit] as {KA} {K} {KVS} {PL}",
    "{PL}: {K} [sparks|fuels|raises] {A} [fears|anger|questions]",
    "{K} [costs|could cost] {PL} {MONEY}, {ORG} says",
    "[Anger|Questions|Fears] [grow|mount] over {PL} {K}",
    "{P}: '{Q}'",
    "[Live|Latest|Update]: {KA} {K} in {PL}",
    "{PL} {K} [death toll|damage bill|cost] [rises|climbs] as {NS} {V}",
    "How the {K} in {PL} {VD} {A} {NS}",
    "{REG} [orders|launches|opens] {A} [inquiry|review|investigation] into {PL} {K}",
];

/// Local sentences added by syndicating sites (`OUTLET` is the site,
/// `CITY2` the site's home city).
pub const LOCAL: &[&str] = &[
    "[Residents of|Officials in|Families in] {CITY2} said they were [monitoring|following|watching] the situation [closely|in {PL}|with concern].",
    "{OUTLET} has [contacted|approached|asked] the {ORG} for [comment|a response|further details].",
    "{CITY2} [lies|is] about {NUMW} hours [from|by road from] {PL}.",
    "Readers affected by the {K} can contact the {OUTLET} newsroom.",
    "[Several|A number of] {CITY2} [businesses|families|charities] have [links|ties|connections] to {PL}.",
    "The {CITY2} council said it [had no plans|was preparing|was ready] to {V} {A} {NS}.",
    "[This story|This article|This report] [has been|was] [updated|edited] with [local reaction|additional reporting] from {CITY2}.",
    "A [vigil|collection|fundraiser] for those affected [will be held|is planned] in {CITY2} on {NEXTDAY}.",
];
