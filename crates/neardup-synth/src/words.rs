//! Built-in English word lists used by the synthetic corpus generator.
//!
//! Every list is a whitespace-separated string so that the source stays
//! compact; [`mod@crate::lexicon`] parses them once into inflected forms.
//! Lists of common words are written roughly in decreasing order of
//! frequency in news prose: the generator samples them with a Zipf-like law
//! over that rank order.
//!
//! Notation (nouns): `child/children` gives an irregular plural, a trailing
//! `*` marks a mass noun without a plural, `_` stands for a space inside a
//! compound (`interest_rate`).
//!
//! Notation (verbs): `go/went/gone` gives irregular past and past
//! participle (`cut/cut` when both are the same), a `+` after the base form
//! doubles the final consonant before `-ed`/`-ing` (`stop+` -> `stopped`,
//! `stopping`).

/// Function words: never spun, never counted as content words.
pub const FUNCTION_WORDS: &str = "
the a an and or but nor so yet for of to in on at by with from into onto upon
about above below over under between among through during before after since
until while as than then that this these those there here which who whom whose
what when where why how whether if because although though unless whereas it
its he him his she her hers they them their theirs we us our ours you your
yours i me my mine is are was were be been being am has have had having do
does did doing done will would shall should can could may might must not no
only also just very too more most less least much many some any each every
either neither both all few several such other another same own again once
ever even still already up down out off back away around across along against
toward towards within without per via amid despite itself himself herself
themselves ourselves yourself one two three four five six seven eight nine
ten s t ll ve re d don isn wasn aren weren hasn haven hadn won wouldn couldn
shouldn didn doesn cannot
";

/// General nouns, most frequent first.
pub const NOUNS: &str = "
year time people* way day man/men government company number group problem
fact week month part place case point area country city state world family
life/lives work system program question plan issue home service school
business money* night minister official report member law power market policy
price rate cost level war end result change interest side health* support
effort decision leader community deal move control election campaign security*
agency party court force office record increase attack crisis/crises process
plan project statement source council board center region village town project
economy information* evidence* child/children woman/women person/people
resident authority official worker voter student patient customer driver
soldier farmer officer firefighter volunteer victim witness spokesperson
analyst expert critic investor supporter opponent lawmaker protester citizen
reporter journalist neighbour owner manager director chief/chiefs president
governor mayor judge lawyer prosecutor doctor nurse teacher scientist engineer
researcher economist historian activist official consumer tenant landlord
passenger commuter tourist visitor shopper employer employee family neighbour
household friend son daughter father mother parent wife/wives husband brother
sister team player coach fan audience crowd group organisation institution
firm industry sector network operation program strategy approach method
measure step action response reaction proposal bill budget tax fund funding*
payment loan debt deficit revenue profit loss/losses income salary wage
spending* investment contract agreement treaty talks* negotiation dispute
conflict struggle fight battle violence* protest demonstration rally march
strike riot arrest charge trial verdict sentence appeal ruling investigation
inquiry probe review audit study survey poll analysis/analyses figure data*
statistic estimate forecast target goal aim purpose reason cause effect impact
consequence risk threat danger warning concern fear worry hope doubt question
debate discussion argument criticism* complaint demand request call appeal
pressure tension anger frustration outrage shock surprise relief recovery
growth decline drop fall rise surge jump gain boost cut reduction shortage
supply demand production output capacity stock share bond currency dollar
inflation* unemployment* job employment* trade export import tariff sanction
border territory land property building house/houses apartment road street
bridge tunnel railway station airport port harbour hospital clinic school
university college library museum church mosque temple park square market
shop store factory plant farm field river lake sea coast island mountain hill
valley forest desert beach shore bay capital suburb district neighbourhood
province county region zone site location facility centre headquarters*
office room hall floor wall roof window door gate fence car vehicle truck bus
train plane aircraft/aircraft ship boat engine machine device phone computer
screen camera tool weapon gun bomb missile drone rocket equipment* material
product item goods* food* water* fuel oil gas coal electricity* power energy
heat light fire smoke flood storm rain* snow* wind drought earthquake wave
weather* temperature climate season summer winter spring autumn morning
evening afternoon weekend hour minute moment period decade century era age
history* future past present tradition culture art music film book story news*
article letter message statement speech interview comment remark claim
allegation accusation denial admission promise pledge commitment vow threat
offer bid plan vision idea theory belief view opinion position stance attitude
approach style pattern trend rule regulation standard guideline requirement
condition term limit restriction ban measure safeguard protection right
freedom justice* equality* democracy rights* vote ballot seat majority
minority opposition coalition alliance partner ally rival enemy neighbour
region nation people* population generation youth* elder adult teenager baby
crowd queue line list series/series set range variety kind type form version
model sample example case instance detail feature element factor aspect
dimension scale size length distance height weight amount quantity volume
total average share percentage proportion majority bulk handful dozen
thousand million billion half/halves quarter third fraction piece portion
section chapter page line word name title label brand logo symbol sign signal
clue hint sign trace mark spot scene picture image photo video footage*
recording broadcast channel station programme show series episode season
event ceremony celebration festival concert game match race tournament
championship title medal prize award honour tribute memorial funeral wedding
birthday anniversary holiday vacation trip journey flight route path track
lane corridor passage entrance exit access* link connection relationship tie
bond contact meeting summit conference session hearing committee panel
commission council assembly parliament congress senate cabinet ministry
department agency bureau unit division branch wing arm body organisation
charity foundation trust association union federation league club society
movement party faction camp side front line army/armies troop navy police*
guard patrol unit squad crew staff* personnel* team force
";

/// General verbs (transitive where possible), most frequent first.
pub const VERBS: &str = "
say/said make/made take/took/taken give/gave/given get+/got find/found
tell/told show/showed/shown call use expect include continue provide
leave/left keep/kept hold/held bring/brought
begin+/began/begun help allow offer consider receive increase reduce
build/built create report lose/lost pay/paid meet/met lead/led run+/ran/run
raise lift cut+/cut set+/set put+/put spend/spent win+/won send/sent
announce confirm reject approve accept deny warn urge ask plan+ face reach
follow remain launch open close end start stop+ block ban+ back support
oppose criticise challenge question investigate examine review study measure
track monitor watch check test control manage run handle address tackle
resolve settle solve fix repair restore rebuild replace remove clear move
transfer shift switch change adjust improve boost strengthen expand extend
grow/grew/grown develop produce deliver supply ship+ export import sell/sold
buy/bought trade invest fund finance cover protect defend guard secure save
rescue evacuate shelter feed/fed treat cure test vaccinate hire employ train
recruit appoint elect nominate name honour praise thank welcome greet host
visit attend join leave quit+/quit resign retire sack fire dismiss suspend
delay postpone cancel halt freeze/froze/frozen pause resume restart revive
renew sign draft write/wrote/written publish release issue post share reveal
disclose expose uncover discover identify detect spot+ notice observe record
document describe explain discuss debate negotiate agree/agreed settle broker
mediate demand seek/sought request require need want prefer+ choose/chose/chosen
decide determine assess evaluate estimate calculate count predict forecast/forecast
project target prioritise focus concentrate emphasise stress highlight
underline signal indicate suggest propose recommend advise inform notify alert
remind convince persuade encourage inspire motivate push press pressure force
compel+ oblige prevent avoid escape flee/fled survive endure suffer damage
destroy hit+/hit strike/struck attack bomb shell raid storm seize capture arrest
detain charge accuse sue prosecute convict sentence jail release free acquit+
pardon fine punish penalise condemn blame criticise fault target threaten
intimidate harass abuse kill injure wound hurt/hurt shoot/shot burn flood
collapse break/broke/broken crack split+/split shake/shook/shaken spread/spread
affect disrupt hamper hinder slow worsen deepen ease calm soften cool
stabilise recover rebound rally climb rise/rose/risen fall/fell/fallen drop+
plunge tumble slide/slid sink/sank/sunk surge soar jump double triple halve
top+ exceed surpass beat/beat/beaten defeat overcome/overcame/overcome lose
draw/drew/drawn tie score celebrate mark commemorate mourn remember forget+/forgot/forgotten
ignore overlook dismiss downplay play describe portray present represent
serve operate work function perform carry transport drive/drove/driven fly/flew/flown
land sail ride/rode/ridden walk march gather collect raise donate contribute
allocate distribute divide share assign grant award earn gain obtain acquire
purchase own possess occupy inhabit settle populate fill empty load unload
pack store stock stockpile hoard waste spend consume use exploit tap+ harness
mine drill dig+/dug plant harvest grow cultivate water irrigate protect
preserve conserve maintain sustain keep retain hold contain limit restrict
curb cap+ regulate license permit+ authorise allow enable empower equip+
upgrade modernise reform overhaul restructure reorganise merge split acquire
list value price cost/cost charge bill tax subsidise fund sponsor back insure
guarantee promise pledge vow commit+ dedicate devote contribute link connect
tie bind/bound attach join unite divide separate isolate exclude include
involve engage recruit enlist mobilise deploy station position base locate
find place install erect construct design plan+ map+ chart survey inspect
audit scrutinise probe query challenge contest dispute appeal overturn uphold
reverse annul repeal scrap+ abolish end terminate conclude finish complete
achieve accomplish fulfil meet reach attain secure win+/won clinch seal
finalise approve ratify endorse adopt pass amend revise update modify alter
convert transform turn shape form frame define clarify confirm verify
prove/proved/proven demonstrate establish determine settle
";

/// General adjectives, most frequent first.
pub const ADJECTIVES: &str = "
new last first other local national public political economic social former
major large big small great high low long short early late recent current
previous next final main key central top senior young old good bad strong
weak full hard difficult easy clear serious significant important possible
likely unlikely able available free open close private official general
special military federal international foreign regional global domestic
financial human total real true whole certain particular common single
similar different various several available potential further additional
annual daily weekly monthly initial original future past present modern
traditional historic ancient rural urban northern southern eastern western
coastal remote nearby entire vast huge massive enormous tiny minor limited
widespread growing rising falling increasing declining rapid sudden gradual
steady slow quick fast heavy light severe mild harsh extreme intense fierce
violent peaceful calm quiet busy crowded empty dangerous safe secure risky
unsafe fragile stable unstable uncertain unclear unknown unprecedented unusual
rare typical normal regular frequent constant permanent temporary immediate
urgent critical crucial vital essential necessary basic fundamental primary
secondary direct indirect formal informal legal illegal criminal civil
constitutional judicial democratic independent controversial popular unpopular
famous prominent leading powerful influential wealthy poor rich expensive cheap
affordable costly profitable successful failed effective efficient productive
positive negative optimistic pessimistic hopeful confident cautious careful
concerned worried anxious angry furious frustrated disappointed surprised
shocked relieved pleased happy proud grateful sad tragic devastating deadly
fatal dramatic remarkable impressive extraordinary ordinary simple complex
complicated detailed comprehensive broad narrow deep shallow wide thick thin
warm hot cold cool wet dry green clean dirty fresh alive dead missing injured
wounded displaced homeless vulnerable elderly disabled sick healthy medical
mental physical environmental technical scientific academic educational
cultural artistic religious ethnic racial diverse mixed joint mutual shared
collective individual personal specific unique distinct separate overall
average maximum minimum net gross fiscal monetary commercial industrial
agricultural digital online electronic nuclear solar renewable green
sustainable strategic tactical diplomatic bilateral multilateral sovereign
territorial administrative legislative executive presidential parliamentary
electoral partisan bipartisan radical moderate conservative liberal
progressive right-wing left-wing extremist armed unarmed hostile friendly
neutral fair unfair equal unequal honest transparent accountable responsible
liable guilty innocent accused alleged suspected convicted reported estimated
expected planned proposed approved rejected disputed contested preliminary
provisional interim emergency humanitarian relief senior junior veteran
longtime lengthy brief fresh renewed sharp modest substantial considerable
slight marginal notable noticeable visible invisible apparent obvious evident
hidden secret confidential sensitive controversial bitter heated tense
troubled struggling booming thriving ailing crippled battered
";

/// Adverbs, most frequent first.
pub const ADVERBS: &str = "
now also still already recently currently previously later soon quickly
slowly gradually suddenly immediately finally eventually initially largely
mainly mostly partly fully completely entirely nearly almost roughly
approximately about widely heavily sharply steadily significantly
considerably slightly marginally strongly firmly clearly openly publicly
privately officially formally directly personally jointly separately
repeatedly frequently regularly rarely often sometimes occasionally
increasingly particularly especially notably simply really actually
certainly probably possibly likely apparently reportedly allegedly
reportedly seriously badly severely critically urgently carefully closely
deeply highly fairly relatively extremely deliberately effectively
successfully properly rapidly swiftly promptly instantly temporarily
permanently locally nationally internationally globally overseas abroad
elsewhere nationwide together alone early late however meanwhile
nevertheless moreover furthermore instead otherwise therefore thus hence
";

/// One topic: vocabulary that gives articles on an event a shared theme.
pub struct TopicWords {
    /// Short name, used in section paths of URLs and in page chrome.
    pub name: &'static str,
    /// Topic nouns (same notation as [`NOUNS`]).
    pub nouns: &'static str,
    /// Topic verbs (same notation as [`VERBS`]).
    pub verbs: &'static str,
    /// Topic adjectives.
    pub adjectives: &'static str,
    /// Roles, `T:` for a title written before a name ("Interior Minister
    /// Ana Kovar"), `A:` for an affiliation role ("spokesperson").
    pub roles: &'static str,
    /// Organisation patterns separated by `;`: `{PL}` city, `{REG}`
    /// region/country, `{SUR}` surname.
    pub orgs: &'static str,
    /// Plural count nouns for the event's numeric facts ("12,000 residents").
    pub counts: &'static str,
}

/// Topic vocabularies.
pub const TOPICS: &[TopicWords] = &[
    TopicWords {
        name: "politics",
        nouns: "election vote ballot candidate campaign parliament coalition
            opposition minister cabinet reshuffle referendum turnout poll
            constituency mandate majority legislation bill amendment reform
            scandal resignation speaker lawmaker senator motion confidence
            budget manifesto rally debate veto/vetoes spokesman/spokesmen
            negotiator delegation summit treaty diplomat embassy sanction
            lobby faction party leadership term constitution decree",
        verbs: "vote elect campaign resign nominate veto legislate govern
            amend ratify impeach lobby negotiate reshuffle dissolve",
        adjectives: "electoral parliamentary presidential partisan
            constitutional diplomatic bipartisan legislative ruling
            opposition centrist populist nationalist",
        roles: "T:Prime Minister;T:Foreign Minister;T:Interior Minister;
            T:Finance Minister;T:Senator;T:Opposition Leader;T:Speaker;
            A:spokesperson;A:campaign manager;A:party chairman;A:senior adviser",
        orgs: "{REG} National Assembly;Ministry of Foreign Affairs;
            {REG} Electoral Commission;Democratic Renewal Party;
            United {REG} Alliance;{PL} City Council;Citizens' Reform Movement",
        counts: "voters ballots seats lawmakers delegates protesters
            signatures candidates",
    },
    TopicWords {
        name: "business",
        nouns: "company shareholder profit revenue earnings dividend merger
            takeover acquisition bank lender loan mortgage bond stock share
            investor market inflation interest_rate economy recession growth
            forecast quarter factory output export supplier retailer
            consumer price wage layoff bankruptcy debt credit tariff subsidy
            startup valuation executive board regulator",
        verbs: "invest acquire merge borrow lend trade export import
            downsize restructure outsource rebound slump soar",
        adjectives: "quarterly fiscal monetary corporate commercial
            financial economic industrial inflationary profitable
            insolvent bullish bearish",
        roles: "T:Chief Executive;T:Finance Minister;T:Central Bank Governor;
            A:chief economist;A:analyst;A:spokesperson;A:chairman;
            A:chief financial officer",
        orgs: "{SUR} Holdings;{PL} Savings Bank;{REG} Central Bank;
            {SUR} and {SUR} Industries;{REG} Chamber of Commerce;
            {PL} Stock Exchange;National Statistics Office",
        counts: "jobs workers shares customers employees stores households
            tonnes units",
    },
    TopicWords {
        name: "crime",
        nouns: "police* detective suspect victim witness shooting stabbing
            robbery burglary theft fraud murder homicide assault kidnapping
            arrest warrant raid search trial jury verdict sentence prison
            jail prosecutor defence lawyer judge court hearing charge
            indictment evidence* investigation motive weapon gang cartel
            smuggling trafficking bail custody parole inmate",
        verbs: "arrest detain charge prosecute convict acquit sentence
            investigate interrogate testify smuggle rob+ steal/stole/stolen
            murder stab+",
        adjectives: "criminal forensic judicial fraudulent armed violent
            suspected accused alleged convicted undercover",
        roles: "T:Police Chief;T:Detective Inspector;T:Judge;
            T:Public Prosecutor;T:Attorney General;A:police spokesperson;
            A:defence lawyer;A:court spokesperson",
        orgs: "{PL} Police Department;{REG} Criminal Investigation Bureau;
            {PL} District Court;{REG} Supreme Court;
            Office of the Public Prosecutor;{PL} Correctional Centre",
        counts: "suspects officers arrests victims witnesses inmates
            charges firearms",
    },
    TopicWords {
        name: "disaster",
        nouns: "flood flooding* storm hurricane cyclone typhoon earthquake
            tremor aftershock landslide mudslide wildfire blaze fire
            drought heatwave rainfall* river dam levee evacuation shelter
            rescuer survivor casualty death toll damage* debris* rubble*
            power_outage emergency* relief* aid* warning forecast wind",
        verbs: "evacuate rescue flood collapse burn rage sweep/swept
            devastate batter inundate submerge strand",
        adjectives: "torrential catastrophic devastating severe deadly
            flooded stranded displaced seismic coastal low-lying",
        roles: "T:Mayor;T:Governor;T:Fire Chief;T:Interior Minister;
            A:emergency services spokesperson;A:meteorologist;
            A:civil defence official;A:rescue coordinator",
        orgs: "{PL} Fire and Rescue Service;{REG} Civil Defence Agency;
            National Meteorological Service;{PL} Water Authority;
            {REG} Red Cross;{REG} Disaster Management Agency",
        counts: "residents homes people families households buildings
            villages rescuers",
    },
    TopicWords {
        name: "health",
        nouns: "hospital clinic patient doctor nurse vaccine vaccination
            virus outbreak infection case epidemic pandemic disease
            illness symptom treatment drug medicine therapy trial surgery
            diagnosis ward bed emergency_room waiting_list health_care*
            mortality* immunity* booster dose screening cancer diabetes",
        verbs: "vaccinate infect diagnose treat hospitalise quarantine
            prescribe recover screen immunise",
        adjectives: "medical clinical infectious contagious chronic acute
            pharmaceutical surgical viral respiratory",
        roles: "T:Health Minister;T:Chief Medical Officer;T:Dr.;
            A:epidemiologist;A:hospital spokesperson;A:virologist;
            A:public health official",
        orgs: "{PL} General Hospital;{REG} Health Service;
            National Institute of Public Health;{REG} Medical Association;
            {SUR} Pharmaceuticals;Ministry of Health",
        counts: "patients cases doses nurses doctors beds infections
            deaths",
    },
    TopicWords {
        name: "technology",
        nouns: "software* app platform data* privacy* algorithm chip
            semiconductor network internet* broadband smartphone device
            cyberattack hacker breach outage server cloud startup
            developer user account password encryption* update feature
            artificial_intelligence* robot automation* satellite",
        verbs: "hack encrypt download upload launch stream automate
            digitise patch upgrade",
        adjectives: "digital online technological wireless automated
            encrypted virtual cyber mobile",
        roles: "T:Digital Minister;T:Chief Technology Officer;
            A:security researcher;A:company spokesperson;A:software engineer;
            A:tech analyst",
        orgs: "{SUR} Systems;{SUR} Technologies;{REG} Cyber Security Centre;
            {PL} Data Protection Authority;National Telecoms Regulator",
        counts: "users accounts customers devices records subscribers
            servers engineers",
    },
    TopicWords {
        name: "sport",
        nouns: "match game season league title championship tournament
            final semi-final goal point striker goalkeeper coach manager
            club squad fan stadium injury transfer contract referee
            penalty victory defeat draw record medal race lap athlete
            trophy cup",
        verbs: "score defeat beat/beat/beaten win+/won draw/drew/drawn qualify
            coach sign relegate promote",
        adjectives: "sporting athletic competitive unbeaten victorious
            defending reigning injured",
        roles: "T:Coach;T:Captain;A:head coach;A:club chairman;
            A:team spokesperson;A:sporting director",
        orgs: "{PL} United;{PL} Athletic Club;{REG} Football Federation;
            {PL} Rovers;{REG} Olympic Committee;{REG} Cycling Union",
        counts: "fans spectators goals points tickets players runners
            medals",
    },
    TopicWords {
        name: "environment",
        nouns: "climate emissions* carbon* pollution* wildlife* habitat
            forest deforestation* species/species conservation* reserve
            coral reef glacier ice coastline recycling* waste* plastic
            pesticide biodiversity* wetland solar_panel wind_farm
            renewable_energy* pipeline power_plant",
        verbs: "pollute recycle conserve protect emit+ restore
            deforest contaminate",
        adjectives: "environmental ecological renewable sustainable
            endangered toxic polluted protected green",
        roles: "T:Environment Minister;A:climate scientist;A:campaigner;
            A:conservationist;A:energy analyst",
        orgs: "{REG} Environment Agency;{PL} Wildlife Trust;
            Green Future Coalition;{SUR} Energy;National Parks Service",
        counts: "hectares acres tonnes species trees turbines animals
            megawatts",
    },
    TopicWords {
        name: "conflict",
        nouns: "army/armies soldier troop rebel militant militia ceasefire
            offensive airstrike shelling* artillery* missile drone border
            frontline convoy checkpoint refugee civilian casualty hostage
            negotiation truce peace* war invasion occupation defence
            battalion commander garrison",
        verbs: "shell bomb invade occupy shoot/shot ambush deploy retreat
            advance withdraw/withdrew/withdrawn",
        adjectives: "military armed hostile strategic tactical rebel
            wounded besieged",
        roles: "T:Defence Minister;T:General;T:Colonel;T:Foreign Minister;
            A:military spokesperson;A:rebel commander;A:UN envoy",
        orgs: "{REG} Armed Forces;{REG} Ministry of Defence;
            {REG} Liberation Front;International Monitoring Mission;
            {REG} Border Guard",
        counts: "soldiers civilians troops refugees fighters prisoners
            casualties hostages",
    },
    TopicWords {
        name: "transport",
        nouns: "train railway rail line station airport flight airline
            passenger commuter bus motorway highway road bridge tunnel
            traffic* congestion* crash collision derailment delay
            cancellation timetable fare ticket port ferry cargo* freight*
            pilot driver",
        verbs: "derail crash collide delay cancel divert ground reroute
            commute",
        adjectives: "rail aviation maritime congested delayed cancelled
            high-speed",
        roles: "T:Transport Minister;A:airline spokesperson;
            A:rail operator spokesperson;A:aviation analyst;A:union leader",
        orgs: "{REG} Railways;{PL} International Airport;{SUR} Airways;
            {PL} Transit Authority;National Road Safety Agency;
            {PL} Port Authority",
        counts: "passengers flights trains commuters vehicles drivers
            kilometres routes",
    },
    TopicWords {
        name: "education",
        nouns: "school pupil student teacher classroom curriculum exam
            university campus tuition* scholarship degree graduate lecturer
            headteacher enrolment literacy* grade term semester funding*
            strike union",
        verbs: "teach/taught enrol+ graduate educate tutor examine study",
        adjectives: "academic educational primary secondary undergraduate
            vocational",
        roles: "T:Education Minister;T:Professor;A:headteacher;
            A:union representative;A:university spokesperson",
        orgs: "{PL} University;{REG} Teachers' Union;
            {PL} School District;National Education Board;
            {PL} Institute of Technology",
        counts: "students pupils teachers schools graduates lecturers
            applicants classrooms",
    },
    TopicWords {
        name: "culture",
        nouns: "festival concert album film director actor actress artist
            exhibition gallery museum theatre novel author award premiere
            audience* performance painting sculpture heritage* musician
            band tour ticket critic",
        verbs: "perform premiere exhibit publish compose stage curate
            star+ direct",
        adjectives: "artistic cultural cinematic literary musical critically
            acclaimed",
        roles: "T:Culture Minister;A:festival director;A:curator;
            A:film critic;A:museum director",
        orgs: "{PL} Arts Festival;{PL} National Gallery;{REG} Film Institute;
            {PL} Philharmonic Orchestra;{SUR} Publishing",
        counts: "visitors tickets artists films works performers copies
            fans",
    },
    TopicWords {
        name: "science",
        nouns: "study research* researcher scientist experiment laboratory
            discovery telescope planet asteroid galaxy fossil genome cell
            particle mission spacecraft probe orbit observatory sample
            journal specimen theory",
        verbs: "discover observe analyse measure detect sequence launch
            orbit publish",
        adjectives: "scientific experimental genetic molecular planetary
            astronomical fossilised",
        roles: "T:Professor;T:Dr.;A:lead researcher;A:astronomer;
            A:mission scientist;A:geneticist",
        orgs: "{PL} Institute of Science;{REG} Space Agency;
            {PL} Observatory;National Research Council;{SUR} Laboratory",
        counts: "samples researchers species stars years genes specimens
            observations",
    },
];

/// Synonym groups for the spinner, one group per line: the part of speech
/// (`n`, `v`, `a`, `r` for adverbs) followed by interchangeable words.
/// Any member can be replaced by any other member of its group, in the
/// same inflection.
pub const SYNONYMS: &str = "
n war conflict struggle
n soldier trooper serviceman/servicemen
n government administration regime
n official functionary
n people* folks* individuals*
n year twelvemonth
n company firm enterprise business
n number figure quantity
n group collective bloc
n problem issue difficulty trouble
n fact reality
n week sennight
n part portion segment
n place location spot site
n area zone district
n country nation land
n city municipality metropolis
n world globe planet
n family household clan
n plan scheme blueprint proposal
n home residence dwelling
n service facility
n report account dispatch
n member participant
n law statute legislation*
n power authority influence
n market marketplace bazaar
n policy strategy approach
n price cost charge
n level degree grade
n end conclusion finish close
n result outcome consequence
n change shift alteration
n interest curiosity attention
n health* wellbeing* fitness*
n effort attempt endeavour
n decision choice determination
n leader chief head boss
n deal agreement arrangement pact
n move step manoeuvre
n control command management
n election vote poll
n campaign drive crusade
n security* safety* protection*
n agency bureau office
n party faction
n court tribunal
n force strength might
n record file
n increase rise boost hike
n crisis/crises emergency predicament
n process procedure
n statement declaration announcement
n council board committee
n centre hub core
n village hamlet
n town township
n economy* commerce*
n information* data* intelligence*
n evidence* proof* testimony*
n child/children kid youngster
n woman/women lady/ladies
n resident inhabitant local
n worker labourer employee
n voter elector
n student pupil learner
n patient sufferer
n customer client shopper
n driver motorist
n farmer grower rancher
n officer cop
n victim casualty sufferer
n witness observer onlooker
n spokesperson representative mouthpiece
n analyst commentator observer
n expert specialist authority
n critic detractor sceptic
n investor backer financier
n supporter advocate backer
n opponent adversary rival foe
n lawmaker legislator
n protester demonstrator
n citizen national
n reporter correspondent journalist
n neighbour neighbor
n owner proprietor holder
n manager supervisor administrator
n president head chairman/chairmen
n judge magistrate justice
n lawyer attorney solicitor
n doctor physician medic
n teacher educator instructor
n scientist researcher boffin
n team squad side
n fan supporter enthusiast
n crowd throng mob
n organisation organization institution body
n industry sector trade
n operation campaign mission
n strategy plan tactic
n response reply reaction
n proposal suggestion proposition
n bill measure
n budget allocation
n tax levy duty
n fund kitty pool
n payment instalment remittance
n loan credit advance
n debt liability obligation
n revenue income takings
n profit earnings gain
n loss/losses deficit shortfall
n salary wage pay
n investment stake
n contract deal agreement
n treaty accord pact
n dispute row quarrel
n fight battle clash
n violence* bloodshed* brutality*
n protest demonstration rally
n strike walkout stoppage
n arrest detention apprehension
n charge accusation allegation
n trial hearing
n investigation inquiry probe
n study review analysis/analyses
n survey poll questionnaire
n estimate projection
n forecast prediction outlook
n target goal objective aim
n risk hazard danger peril
n threat menace
n warning caution alert
n concern worry anxiety unease
n fear dread alarm
n hope expectation aspiration
n doubt uncertainty scepticism
n debate discussion deliberation
n criticism* censure* condemnation*
n complaint grievance
n demand call request
n pressure strain stress
n tension friction strain
n anger fury rage outrage
n shock surprise astonishment
n relief respite
n recovery rebound revival
n growth expansion
n decline drop fall downturn slump
n surge spike jump
n shortage scarcity deficit
n supply provision stock
n production output manufacturing*
n job post position role
n trade commerce*
n border frontier boundary
n building structure edifice
n house/houses home dwelling
n road street highway
n hospital infirmary clinic
n factory plant works*
n river stream waterway
n coast shoreline seaboard
n forest woodland wood
n car automobile vehicle
n plane aircraft/aircraft airliner
n ship vessel boat
n phone handset telephone
n weapon arm armament
n fire blaze inferno
n flood deluge inundation
n storm tempest gale
n rain* rainfall* downpour
n wind gust breeze
n drought dry_spell
n earthquake quake tremor
n evacuation* exodus*
n shelter refuge haven
n survivor escapee
n damage* destruction* devastation*
n debris* rubble* wreckage*
n weather* conditions*
n morning dawn
n evening dusk nightfall
n moment instant
n story tale account
n news* reports*
n speech address oration
n interview conversation
n comment remark observation
n claim assertion allegation
n promise pledge vow commitment
n offer bid proposal
n idea notion concept
n view opinion perspective
n position stance standpoint
n rule regulation
n restriction limitation curb
n ban prohibition embargo
n right entitlement
n freedom liberty
n majority bulk
n opposition resistance
n coalition alliance union
n partner ally associate
n enemy foe adversary
n population populace
n event occasion happening
n ceremony rite ritual
n game match contest
n victory win triumph
n defeat loss beating
n journey trip voyage
n route path course
n meeting gathering assembly
n summit meeting
n talks* negotiations* discussions*
n hearing session
n committee panel board
n army/armies military force
n troop soldier
n police* constabulary* law_enforcement*
n staff* personnel* workforce*
n outbreak eruption flare-up
n disease illness sickness ailment
n drug medication medicine
n vaccine jab inoculation
n virus bug pathogen
n treatment therapy remedy
n suspect defendant accused
n prison jail penitentiary
n sentence term
n robbery heist hold-up
n murder killing homicide
n gang mob syndicate
n match fixture game
n season campaign
n goal strike
n coach trainer manager
n club side outfit
n stadium arena ground
n emissions* discharges*
n pollution* contamination*
n wildlife* fauna*
n refugee evacuee exile
n civilian non-combatant
n ceasefire truce armistice
n offensive assault onslaught
n airstrike air_raid bombing
n passenger traveller rider
n flight service
n crash collision accident
n delay hold-up postponement
n school academy
n exam test examination
n festival fair gala
n film movie picture
n exhibition exhibit show
n album record
n discovery finding breakthrough
n experiment trial test
n company corporation
n merger combination amalgamation
n profit surplus
n inflation* price_growth*
n recession downturn slump
n layoff redundancy job_cut
n shareholder stockholder investor
n software* programs*
n breach leak
n hacker intruder
n platform service
n device gadget
v say/said state declare assert
v make/made produce create
v take/took/taken grab+ seize
v give/gave/given provide offer
v find/found discover locate
v show/showed/shown display demonstrate
v call summon
v use employ utilise utilize
v expect anticipate predict
v include incorporate encompass
v continue proceed persist
v provide supply furnish
v leave/left depart exit
v keep/kept retain preserve
v hold/held keep/kept maintain
v bring/brought deliver convey
v begin+/began/begun start commence
v help assist aid support
v allow permit+ let+/let
v consider weigh contemplate
v receive get+/got obtain
v increase raise boost lift
v reduce lower cut+/cut trim+
v build/built construct erect
v create establish found
v report record note
v lose/lost forfeit
v pay/paid remit settle
v meet/met encounter
v lead/led guide head
v raise lift elevate
v announce declare proclaim unveil
v confirm verify corroborate
v reject dismiss rebuff spurn
v approve endorse sanction
v accept embrace
v deny refute dispute
v warn caution alert
v urge press implore
v ask request
v face confront
v reach attain hit+/hit
v follow pursue
v remain stay
v launch initiate
v open unlock unveil
v close shut+/shut
v end terminate conclude finish
v start begin+/began/begun
v stop+ halt cease
v block obstruct bar+
v ban+ prohibit outlaw forbid/forbade/forbidden
v support back endorse
v oppose resist contest
v criticise criticize condemn slam+
v challenge contest dispute
v investigate probe examine
v examine inspect scrutinise
v review reassess
v study analyse research
v monitor track observe
v watch observe view
v check verify
v manage run+/ran/run oversee
v handle manage tackle
v address tackle confront
v resolve settle solve
v fix repair mend
v restore reinstate
v rebuild reconstruct
v replace substitute
v remove eliminate
v clear clean
v move relocate shift
v change alter modify
v improve enhance upgrade
v boost bolster strengthen
v expand extend widen broaden
v grow/grew/grown increase expand
v develop evolve
v produce generate manufacture
v deliver hand
v sell/sold vend
v buy/bought purchase
v fund finance bankroll
v protect shield safeguard
v defend guard
v secure obtain
v save rescue salvage
v rescue save
v evacuate empty
v hire employ recruit
v appoint name designate
v elect choose/chose/chosen select
v praise commend applaud hail
v welcome greet
v visit tour
v attend join
v resign quit+/quit
v dismiss sack fire
v suspend stop+
v delay postpone defer+
v cancel scrap+ axe
v freeze/froze/frozen halt
v resume restart renew
v sign ink
v publish release issue
v reveal disclose expose
v discover uncover unearth
v identify pinpoint
v notice spot+ see/saw/seen
v describe portray depict
v explain clarify
v discuss debate
v negotiate bargain
v agree/agreed concur
v demand insist
v seek/sought look_for pursue
v require need
v want desire wish
v decide resolve
v assess evaluate appraise
v estimate calculate
v predict forecast/forecast foresee/foresaw/foreseen
v suggest propose
v recommend advise
v inform notify tell/told
v encourage urge
v force compel+ oblige
v prevent avert stop+
v avoid evade
v escape flee/fled
v survive outlive endure
v suffer endure
v damage harm impair
v destroy ruin wreck
v hit+/hit strike/struck
v attack assault
v seize capture
v arrest detain apprehend
v charge accuse indict
v jail imprison incarcerate
v release free liberate
v condemn denounce
v blame fault
v threaten menace
v kill slay/slew/slain
v injure wound hurt/hurt
v collapse crumble
v break/broke/broken shatter smash
v spread/spread extend
v affect impact
v disrupt disturb
v worsen deteriorate
v ease relieve alleviate
v recover recuperate rebound
v climb rise/rose/risen
v fall/fell/fallen drop+ decline
v plunge plummet dive
v surge soar rocket
v exceed surpass top+
v defeat beat/beat/beaten
v score net+
v celebrate commemorate
v mourn grieve lament
v ignore disregard
v carry convey transport
v gather collect assemble
v donate contribute give/gave/given
v earn gain
v acquire obtain
v limit restrict curb cap+
v regulate govern
v merge combine unite
v complete finish
v achieve accomplish attain
v pass approve
v adopt embrace
v amend revise
v update refresh
v prove/proved/proven demonstrate
v vote ballot
v evacuate clear
v flood swamp inundate
v burn blaze
v treat cure heal
v infect contaminate
v hack breach
v launch release
v win+/won triumph
v perform play
v deploy station
v withdraw/withdrew/withdrawn pull_out
v crash smash
v teach/taught educate instruct
v publish print
a new fresh novel recent
a last final previous
a local regional
a national countrywide
a public communal
a political governmental
a economic financial fiscal
a social societal
a former previous onetime
a major main principal
a large big huge sizeable
a small little minor
a great huge considerable
a high elevated lofty
a low reduced modest
a long lengthy extended
a short brief
a early initial
a late belated delayed
a main chief principal primary
a key crucial vital central
a senior high-ranking
a young youthful
a old aged elderly
a good fine positive
a bad poor negative
a strong powerful robust sturdy
a weak feeble frail
a hard difficult tough
a difficult hard tricky challenging
a easy simple straightforward
a clear obvious evident plain
a serious grave severe
a significant substantial considerable
a important essential significant
a possible feasible potential
a likely probable
a able capable
a available accessible
a free complimentary
a open accessible
a official formal
a special particular exceptional
a military armed
a international global worldwide
a foreign overseas international
a global worldwide international
a domestic internal
a human personal
a total complete entire
a real actual genuine
a whole entire complete
a certain sure
a common widespread frequent
a similar comparable alike
a different distinct dissimilar
a various diverse assorted
a potential possible prospective
a annual yearly
a daily everyday
a current present existing
a modern contemporary
a traditional conventional customary
a historic historical
a ancient old age-old
a rural country rustic
a urban city metropolitan
a remote isolated distant
a vast huge immense enormous
a huge enormous massive
a massive huge colossal
a tiny minute miniature
a limited restricted
a widespread extensive pervasive
a growing increasing mounting rising
a rising increasing growing mounting
a rapid fast swift quick
a sudden abrupt
a steady stable constant
a slow sluggish gradual
a quick rapid fast speedy
a heavy weighty hefty
a severe harsh extreme
a intense fierce strong
a violent brutal vicious
a peaceful calm tranquil
a busy hectic
a dangerous hazardous risky perilous
a safe secure protected
a unstable volatile
a uncertain unclear
a unknown unidentified
a unprecedented unparalleled
a unusual uncommon unique
a rare uncommon unusual
a typical normal usual
a regular routine
a frequent regular common
a permanent lasting enduring
a temporary short-term provisional
a immediate instant prompt
a urgent pressing critical
a critical crucial vital
a crucial vital essential
a vital essential crucial
a essential vital necessary
a necessary needed required
a basic fundamental elementary
a legal lawful legitimate
a illegal unlawful illicit
a criminal unlawful
a controversial contentious divisive
a popular well-liked
a famous renowned celebrated
a prominent leading notable
a powerful influential mighty
a wealthy rich affluent
a poor impoverished needy
a expensive costly pricey
a cheap inexpensive affordable
a successful effective
a effective efficient
a confident certain sure
a cautious careful wary
a concerned worried anxious
a worried anxious concerned uneasy
a angry furious irate
a furious enraged livid
a disappointed dismayed
a surprised astonished amazed
a happy pleased glad
a proud honoured
a sad sorrowful unhappy
a tragic terrible dreadful
a devastating crushing ruinous
a deadly lethal fatal
a dramatic striking
a remarkable extraordinary notable
a simple basic plain
a complex complicated intricate
a detailed thorough
a comprehensive extensive thorough
a broad wide
a deep profound
a warm mild
a hot scorching
a cold chilly icy
a wet damp soggy
a dry arid parched
a clean spotless
a fresh new
a missing lost absent
a injured hurt wounded
a displaced uprooted
a homeless destitute
a vulnerable susceptible
a sick ill unwell
a healthy fit
a medical clinical
a environmental ecological
a scientific academic
a personal private individual
a specific particular
a unique distinct singular
a separate distinct
a overall total general
a joint shared combined
a digital electronic
a online web-based
a renewable sustainable
a humanitarian charitable
a emergency crisis
a heated fierce
a tense strained
a bitter acrimonious
a struggling ailing
a armed equipped
a hostile unfriendly
a fair just equitable
a unfair unjust
a responsible accountable
a guilty culpable
a alleged supposed purported
a suspected presumed
a preliminary initial provisional
a modest moderate
a substantial sizeable
a sharp steep
a slight minor marginal
a notable noteworthy
a visible noticeable
a apparent evident
a secret covert clandestine
a sensitive delicate
a troubled beleaguered
a booming thriving flourishing
a torrential heavy
a catastrophic disastrous
a stranded marooned
r now currently presently
r also additionally likewise
r still yet
r already previously
r recently lately
r currently presently
r previously formerly earlier
r later subsequently afterwards
r soon shortly
r quickly rapidly swiftly fast
r slowly gradually
r suddenly abruptly
r immediately instantly promptly
r finally ultimately eventually
r eventually ultimately
r initially originally
r largely mostly mainly
r mainly chiefly primarily
r mostly largely mainly
r partly partially
r fully completely entirely
r completely totally entirely
r nearly almost virtually
r almost nearly practically
r roughly approximately about
r widely broadly extensively
r heavily greatly
r sharply steeply
r steadily consistently
r significantly considerably substantially
r slightly marginally somewhat
r strongly firmly vigorously
r clearly plainly obviously
r openly publicly
r officially formally
r directly straight
r repeatedly frequently often
r frequently often regularly
r rarely seldom
r often frequently
r sometimes occasionally
r increasingly progressively
r particularly especially notably
r especially particularly
r really truly genuinely
r actually really
r certainly definitely surely
r probably likely presumably
r possibly perhaps maybe
r apparently seemingly evidently
r reportedly supposedly
r allegedly supposedly purportedly
r seriously gravely severely
r badly severely
r severely gravely badly
r urgently desperately
r carefully cautiously
r closely carefully
r deeply profoundly
r highly extremely very
r extremely exceedingly
r deliberately intentionally
r effectively efficiently
r successfully effectively
r rapidly quickly swiftly
r temporarily provisionally
r permanently forever
r however nevertheless nonetheless
r meanwhile meantime
r moreover furthermore besides
r together jointly
r nationwide countrywide
r abroad overseas
";

/// Phrase swaps for the spinner, `from => to | to` per line. Phrases are
/// matched case-insensitively on whole words.
pub const PHRASES: &str = "
according to => in line with | as indicated by | as per
since => because | as
foreign minister => international minister | overseas minister
interior minister => home minister | internal affairs minister
prime minister => premier | head of government
in addition => additionally | on top of that
as well as => along with | together with
because of => owing to | on account of
due to => owing to | as a result of
in order to => so as to | to be able to
more than => over | in excess of
at least => no fewer than | a minimum of
a number of => several | a variety of
told reporters => informed journalists | advised the press
news conference => press briefing | media event
on the other hand => conversely | alternatively
for example => for instance | as an example
in recent years => lately | over the last few years
at the same time => simultaneously | concurrently
as a result => consequently | therefore
in the wake of => following | after
said in a statement => stated in a release | declared in a statement
so far => thus far | up to now
took place => happened | occurred
set up => established | created
carried out => conducted | performed
called for => demanded | urged
police said => officers stated | law enforcement said
officials said => authorities stated | functionaries said
the government => the administration | the authorities
";

/// Female first names (mixed origins; a few with non-ASCII letters).
pub const FIRST_NAMES_F: &str = "
Ana Maria Elena Sofia Laura Julia Clara Nadia Irina Olga Katarina Marta
Lucia Isabel Carmen Rosa Ines Teresa Helena Eva Anna Sara Lena Nina Mira
Daria Yara Leila Amira Fatima Zainab Aisha Noor Priya Anjali Meera Kavya
Mei Lin Yuki Hana Soo-jin Min-ji Thandiwe Amara Chioma Ngozi Wanjiru
Abena Efua Grace Emily Hannah Charlotte Olivia Amelia Harriet Alice Megan
Rachel Rebecca Natalie Chloe Sophie Caroline Fiona Siobhan Aoife Niamh
Ingrid Astrid Freya Sigrid Maja Annika Zoë Chiara Giulia Francesca
Ludmila Tatiana Svetlana Agnieszka Małgorzata Zuzana Petra Jana Dorota
Camila Valentina Gabriela Paula Renata Ximena Lorena Beatriz Marisol
Noémie Élodie Camille Margaux Amélie Josephine Diane Judith Miriam Esther
";

/// Male first names (mixed origins; a few with non-ASCII letters).
pub const FIRST_NAMES_M: &str = "
Tomas Jonas Lukas Mateo Daniel David Michael Peter Paul Andrew Stefan
Marco Luca Pietro Giovanni Antonio Carlos Miguel José Javier Diego Pablo
Rafael Andrés Alejandro Ivan Dmitri Sergei Nikolai Alexei Pavel Viktor
Oleksandr Bogdan Marek Piotr Tomasz Jakub Ondřej Miroslav Karel Zoltan
Ahmed Omar Khalid Hassan Yusuf Tariq Karim Samir Rahul Arjun Vikram Sanjay
Anil Wei Jian Hiroshi Kenji Takeshi Min-jun Ji-hoon Kwame Kofi Chinedu
Oluwaseun Tunde Jabari Baraka Thabo Sipho James John Robert William
Richard Thomas Charles George Edward Henry Oliver Harry Jack Samuel
Benjamin Nathan Owen Liam Connor Declan Cillian Sean Lars Erik Magnus
Henrik Nils Anders Søren Jürgen Klaus Matthias Florian Sebastian Tobias
François Étienne Julien Mathieu Olivier Laurent Rémi Hugo Felipe Rodrigo
";

/// Surnames (mixed origins). Chosen so that none is also a common English
/// word, which keeps names apart from vocabulary in spinning and analysis.
pub const SURNAMES: &str = "
Kovar Reyes Novak Horvat Petrov Ivanova Kowalski Nowak Müller Schneider
Fischer Weber Becker Hoffmann Schulz Koch Richter Bauer Wolfram Lindqvist
Johansson Andersson Nilsson Larsen Hansen Jensen Nielsen Virtanen
Korhonen Mäkinen Rossi Russo Ferrari Esposito Bianchi Romano Colombo
Ricci Marino Greco Bruno Gallo Conti Costa Giordano Mancini Lombardi
Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Garcia Fernández
González Rodríguez López Martínez Sánchez Pérez Gómez Díaz Álvarez Romero
Navarro Torres Domínguez Vázquez Ramos Castillo Morales Ortega Delgado
Castro Ortiz Rubio Marín Sanz Iglesias Medina Garrido Cortés Guerrero
Dubois Lefebvre Moreau Laurent Girard Bonnet Dupont Lambert Fontaine
Rousseau Vincent Muller Leroy Garnier Chevalier Perrin Morel Mercier
Okafor Adeyemi Mensah Owusu Boateng Kamau Otieno Mwangi Nkosi Dlamini
Mahlangu Banda Phiri Diallo Traoré Keita Haddad Khoury Nasser Mansour
Rahman Hussain Qureshi Siddiqui Chaudhry Sharma Verma Gupta Iyer Nair
Reddy Menon Patel Desai Mehta Kapoor Chen Wang Zhang Liu Huang Zhao Zhou
Tanaka Suzuki Takahashi Watanabe Yamamoto Nakamura Kobayashi Sato Kim
Choi Jung Kang Cho Nguyen Tran Pham Hoang Vu Dang Bui Santos
Oliveira Pereira Almeida Carvalho Ribeiro Fernandes Gomes Martins
Araújo Barbosa Rocha Dias Teixeira Moreira Cardoso Murphy O'Brien Kelly
Sullivan Walsh McCarthy O'Connor Byrne Doyle Gallagher Kennedy Lynch
Quinn Brennan Fitzgerald Donovan Whitfield Ashworth Pemberton Fairbanks
Hartley Thornton Caldwell Hargreaves Sutcliffe Ellery Winslow Prescott
Blackwood Kingsley Ramsey Sinclair Montague Aldridge Lockhart Radcliffe
Hollis Merrick Thackeray Oduya Valdés Brankovic Jovanovic Nikolic
Popescu Ionescu Constantin Dumitru Stoica Papadopoulos Georgiou Demir
Yilmaz Kaya Şahin Çelik Aksoy Erdem Halloran Trelane Vasquez Ostrowski
";

/// Leading syllables of generated place names.
pub const PLACE_HEADS: &str = "
Halver Ard Kess Brin Dun Mar Tor Wel Ash Bel Cor Dar Ell Fen Gar Hol Ist
Kar Lin Mor Nor Ost Pen Quar Ros Sel Tam Ul Val Wyn Yar Zel Alder Bran
Carrow Dor Esk Fal Glen Hart Iver Jar Kil Lan Mil Nes Orm Pell Rav Sten
Thal Ven Wold Ber Cal Dres Emb Fros Gran Hav Kern Lor Mad Nav Ort Pras
Riv Sav Tren Vor Amber Bright Cold Elm Oak Stone Thorn Wester Easter
";

/// Trailing syllables of generated place names.
pub const PLACE_TAILS: &str = "
ston ley moor ford bury ham wick field port haven mouth dale vale stead
worth by thorpe gate bridge holm stad berg burg hausen ovo ava ina grad
ovka ice ino ano ara eta os ia ton ville mont court lund vik kirk brook
minster cliffe wood ridge well
";

/// Prefixes that sometimes precede generated place names.
pub const PLACE_PREFIXES: &str = "New Port Fort Saint East West North South Upper Lower Lake Mount";

/// Suffixes for generated country and region names.
pub const COUNTRY_TAILS: &str = "ia land stan ora ania onia esia avia ica ia mark";

/// Masthead nouns for generated news sites.
pub const MASTHEADS: &str = "
Gazette Herald Tribune Post Chronicle Courier Times Observer Ledger
Sentinel Dispatch Record Star Journal Mercury Examiner Advertiser Express
Telegraph Echo Standard Argus Bulletin Monitor Clarion Beacon Register
Messenger Review Daily
";

/// Site sections (navigation bars and URL paths).
pub const SECTIONS: &str = "
News World Business Politics Sport Opinion Culture Lifestyle Weather Video
Podcasts Obituaries Travel Science Health Technology Local Events Jobs
Classifieds Puzzles Property Motoring Food Arts Books Education Environment
Money Features Photos Letters Columnists Crime Courts Transport
";

/// Less frequent general nouns, appended after [`NOUNS`] in rank order.
pub const NOUNS_EXTRA: &str = "
accident account acre address advantage adviser affair agenda aid* airline
airport alarm album allowance ambassador ambulance amendment ancestor angle
animal ankle answer apology appetite applicant application appointment
archive arena arrival artist asset assistant athlete atmosphere attempt
attorney auction author autumn avenue award backlog badge baggage* balance
ballot bank banner bargain barrel barrier basement basket battery beach
beard bedroom beef* beer bell belt bench benefit bicycle billboard biography
biscuit blanket blast blessing blood* blueprint boardroom bonus booklet boot
bottle boundary bowl brain bread* breakfast breakthrough brick briefing
broadband* brochure bucket buffer bulletin bureaucracy burden cabin cable
cafe calendar canal cancer candidate canvas capability captain carbon*
career cargo* carpet cartoon cash* castle catalogue category cattle* cave
ceiling cemetery certificate chain chair chairman/chairmen chamber champion
channel chapel character charity chart checkpoint chemical chest chicken
chimney chip choir circle circuit clause client cliff clock cloth cloud
cluster coalition coat code coffee* coin collapse colleague collection
colony column comedy commander commissioner commodity compensation*
competition competitor compound compromise concept concession concrete*
confession confidence conscience* consensus* consent* constituency
consultant container contest context contractor contribution convention
conviction cook cooperation* copper* copy corner corporation correspondent
corruption* costume cottage cotton* counsel counter couple courage* cousin
coverage* cow crack craft crane credit creek crew cricket* crop cruise
cupboard curfew currency curtain cushion custody* custom cycle dairy damage*
dancer darkness* dawn deadline dealer debut deck defendant delegate
delegation delivery democracy dentist deposit deputy descendant designer
desk destination detective diet dignity* dinner diplomat disaster discount
dish dispute distinction diversity* doctrine document dog dollar domain
donation donor dose draft drain drama drawing dream dress driver drone dust*
duty eagle earnings* ease* editor edition egg elbow electorate elephant
embassy emergency emotion empire encounter enterprise entertainment*
enthusiasm* entrepreneur envelope epidemic equation estate ethics* exam
excuse exercise exhibit exile expansion expedition expenditure expertise*
explosion exposure extension fabric facade faith fame* fashion fee festival
fiction* filter finance* fine finger fisherman/fishermen flag fleet
flexibility* flight flour* flower fog* folk* fountain fragment framework
fraud* freight* fridge frontier fruit* funeral furniture* galaxy gallery
garage garden garlic* gear generator genre gesture ghost gift glacier glass
glimpse glove gold* golf* gossip* grain grant grass* gravel* grid grocery
guidance* guide guitar habit habitat hair* hammer handbook harbour
hardware* harvest headline heir helicopter helmet herb heritage* highway
hint holder honey* horizon horse hospitality* hostage hotel humour* hunger*
hunter hurricane hut hypothesis/hypotheses ice* icon identity ideology
illusion immigrant immigration* incentive incident indicator infant
infection inflation* ingredient inhabitant initiative injection injury ink*
inmate innovation input insect insight inspector installation instinct
instrument insurance* intellectual intention interior interval invasion
inventory invitation iron* island jacket jail jewellery* journey joy*
jury justice* keyboard kid kingdom kitchen knee knife/knives label labour*
ladder lake lamp landscape laptop laughter* lawn layer leaflet lecture
legacy legend leisure* lens lesson liability licence lifestyle lighthouse
limb liquid literature* livestock* lobby lorry lottery luggage* lunch
luxury machinery* magazine magnet mailbox mainland mall mandate manifesto
manner manual manuscript map marathon margin marine marriage mask mass
master maze meadow meal meat* mechanism medal medicine melody memo memory
menu merchant mercy* merger metal meter method microphone midnight
migrant mile milk* mill mind mineral minimum mirror mission mixture mobile
monastery monitor monk monopoly monument mood* mortgage motion motive
motorway mud* mural muscle mystery myth nail narrative neck needle nest
newcomer newsletter newspaper nightmare noise* nominee norm notebook
notion novel novelist nutrition* oath obligation occasion ocean offender
offspring* oil* opera orbit orchard orchestra orphan outbreak outfit outlet
outlook oven overview oxygen* pace package pain painter palace pamphlet pan
panic* paper parade paradox parcel parish parking* parliament passport
pasture patent pathway patrol pavement pawn peak peasant pen penalty pencil
pension pepper* performance permit pest pet petition petrol* pharmacy
philosophy photographer physician piano pie pig pile pilgrim pill pillar
pilot pin pioneer pipe pit pitch pizza plague planet plaque plastic* plate
platform plea plot pocket poem poet poetry* poison* pole pollution* pond
pool pope portrait possession poster pot potato/potatoes poverty* powder
prairie prayer preacher precedent predator preference pregnancy premium
prescription president prey* priest princess principle printer prison
prisoner privacy* privilege prize producer profession professor profile
prophet prosecutor prosperity* protein province psychology* pub publisher
pulse pump punishment puzzle pyramid qualification quarry queen quota quote
rabbit race radar radiation* radio rail rainbow ranch rank ransom ratio
raw* reader realm rebel receipt recession recipe recipient reef referee
refuge refund regime rehearsal relative reliability* religion remedy rent
replica reputation rescue reservation reservoir resignation resistance*
resolution resort respect* restaurant retailer retreat revenue revolution
rhythm rice* ridge rifle ring rival robot rock rocket rod romance root rope
rose round routine row rubbish* rug ruin rumour runway sailor salad salary
salt* sanctuary sand* sandwich satellite sauce scandal scar scenario
schedule scheme scholar scholarship scope score scrap script sculpture seal
secretary sediment seed segment seminar senator sensation servant session
settlement settler shade shadow shaft sheep/sheep shell shelter sheriff
shield shift shirt shoe shortage shoulder shower shrine sibling sidewalk
siege sight silence* silk* silver* simulation singer sink skeleton sketch
skill skin skirt skull sky slave sleep* slogan slope slot smell smile
snake soap* socket soil* soldier solution song soul soup* source souvenir
space speaker specialist spectrum speed sphere spice spider spine spirit
sponsor spot spouse squad stable stadium stage stair stake stall stamp
statue status* steam* steel* stem stimulus/stimuli stomach stone storage*
storey strait stranger straw stream strength* stress* stripe stroke
structure studio stuff* style subject submarine subscription subsidy
substance suburb subway successor sugar* suicide suit suite summit sun
supermarket surgeon surgery surplus surrender suspicion swamp sweater
symptom syndrome tablet tackle tactic tail talent* tank tape taste tattoo
taxi tea* tear technician technique teenager telescope temple tenant tender
tent terminal terrace terrain testimony* textbook texture theatre theft
therapist thesis/theses thread threshold throat throne thumb ticket tide
tile timber* tin* tissue toilet tolerance* toll tomb tone tongue tourism*
tower toy tractor trader traffic* tragedy trail trailer transcript transit*
trap tray treasure treasury trench tribe trick trophy truck trunk trustee
tube tuition* tunnel turbine tutor twin typhoon tyre umbrella uncle
underground* uniform universe utility vacancy vaccine valley valve van
vase vegetable vendor venture venue verdict verse vessel veteran veto/vetoes
vice victory villa villain vinegar* violin virtue* visa vision vitamin
voice volcano volunteer voyage wage wagon waiter walk warehouse warrior
waste* watch wealth* weapon web wedding weed weekday welfare* well whale
wheat* wheel whisky* widow wilderness* willow wine wing wire wisdom* wolf/wolves
wood wool* workshop worm wound wreck wrist writer yard yield youth* zone
";

/// Less frequent general verbs, appended after [`VERBS`] in rank order.
pub const VERBS_EXTRA: &str = "
abandon absorb accelerate accommodate accompany accumulate adapt admire
admit+ adopt advertise advocate aggravate aim alarm align allege alleviate
amass analyse anticipate apologise applaud appreciate arrange articulate
ascend aspire assemble assert assign assist assure attach attract auction
audit bake balance bargain bathe battle beg+ behave belong bless boast
bolster borrow bounce brace breathe breed/bred brief broadcast/broadcast
browse budget bury calculate calm campaign canvass caution cease chair
chase cheer chew circulate cite clarify classify clean climb cling/clung
coach coincide collaborate collide combat combine comfort command comment
commission compare compensate compete compile complain comply compose
comprise compromise concede conceive condemn conduct confess confine
confront congratulate conquer consolidate consult contemplate contend
contradict convene cooperate coordinate cope correct correspond counter
crawl credit crush cultivate dance dare dazzle debate decorate dedicate
defy delegate delight depart depict deplore deport deposit deprive derive
descend deserve designate despatch detain deteriorate devise diagnose dictate
differ diminish dine disagree/disagreed disappear disappoint discard discharge
disclose discourage disguise dislike dispatch displace display dispose
distinguish distort distract diversify donate drain dress drift drown
dwell/dwelt elaborate elevate embark embrace emerge emigrate endanger
endorse enforce enhance enjoy enlarge enquire enrich ensure entertain
entitle envisage erase erode erupt escalate escort evade evolve exaggerate
excavate exchange excite exclaim excuse execute exhibit exhaust expel+
experiment explode explore export expose express fade fascinate favour
fetch flourish fold forbid+/forbade/forbidden forge format foster frighten
frustrate gamble glance glow govern grab+ graduate greet grin+ guess hail
hammer harm hasten haunt heal heat hesitate highlight hunt hurry illustrate
imagine imitate implement imply impose imprison improvise incur+ induce
indulge infer+ inflict inherit inhibit inject inquire insert insist
inspect install instruct insult integrate intend intensify interact
intercept interfere interpret interrupt intervene introduce invade invent
invite irritate isolate jog+ judge justify kneel/knelt knit+ knock label
lament laugh lean leap lecture liberate lick linger listen loan lobby
locate lock lodge marvel+ mediate memorise mention migrate mimic mislead/misled
mock modify moderate mount multiply murmur narrate negotiate neglect nod+
nurture obey object obscure occupy offend operate orchestrate organise
originate outline outnumber outweigh overhaul overlook overrule oversee/oversaw/overseen
overturn owe pack paint paralyse pardon parade participate patrol+ pause
penetrate perceive persist photograph pile pinpoint pioneer plead pledge
plot+ plunge polish pose possess postpone pour practise praise pray preach
precede predict prepare prescribe preserve preside pretend prevail proceed
proclaim profit prohibit prolong promote prompt pronounce propose prosper
protest provoke punish purchase pursue qualify quarrel+ question queue
quote race rally ratify react rebel+ recall reckon reclaim recognise
reconcile recount recruit rectify redeem refer+ reflect refrain refuse
regain register rehearse reinforce reject rejoice relate relax relay
relieve relish rely remark remedy render repay/repaid repeat repel+ replicate
reproduce rescue resemble resent reside resist respond rest retain retire
retreat retrieve reunite revise revive revolve reward rid+/rid ridicule ring/rang/rung
rinse roam roar rob+ rotate rub+ rule rush sacrifice satisfy scan+ scare
scatter schedule scold scramble scream screen seal search secure sense
shatter shelter shine/shone shiver shout shrink/shrank/shrunk shrug+ sigh
simplify simulate situate sketch skip+ slash slip+ smash smell smile smoke
snap+ soak sort speculate spell sponsor sprint squeeze stab+ stagger stare
startle starve steer stimulate stir+ stitch stretch strive/strove/striven
stroll structure stumble subdue submit+ subscribe substitute succeed
suffocate summarise summon supervise suppress surrender surround suspect
sustain swallow swap+ sway swear/swore/sworn sweat swell swing/swung
symbolise sympathise tackle tailor tease tempt tend terrify testify thrive
tighten tolerate torture trace trail transcend transfer+ transform translate
transmit+ trap+ travel tremble trigger triumph trouble trust tumble tune
twist unfold unify unite unleash unveil uphold/upheld urge utter vacate
vanish vary venture verify vow wander warrant weaken weave/wove/woven
weigh whisper widen wipe wish withstand/withstood witness worship wrap+
wrestle yield
";

/// Less frequent adjectives, appended after [`ADJECTIVES`] in rank order.
pub const ADJECTIVES_EXTRA: &str = "
abrupt absent abundant accurate active acute adequate adjacent advanced
aggressive agile ambitious ample anonymous apparent appropriate arbitrary
ashamed automatic autonomous aware awful awkward bare bizarre bold boring
brave brilliant bumpy candid capable careless casual cheerful chronic civic
classic clever clumsy coherent comfortable compact compatible competent
compulsory concise concrete consistent conspicuous constructive
contemporary convenient cosy courageous creative credible crude cruel
curious decent decisive defensive definite delicate dense dependent
desperate destructive diligent dim diplomatic disciplined discreet dismal
distant dominant dubious dull dumb durable dusty dynamic eager eccentric
elegant eligible eloquent emotional endless energetic enthusiastic
exceptional excessive exclusive exotic experienced explicit extensive
faint faithful false familiar fancy fantastic fatal feasible fertile
fictional flat flawed flexible fluent foolish forceful formidable fortunate
fragile frank fraudulent frequent friendly frightened frozen fruitful
functional generous genuine gentle gigantic glad gloomy glorious graceful
gradual grand graphic grave greedy grim gross guilty handsome harmless
harsh hasty hazardous helpful helpless hidden hollow holy honest horrible
humble hungry ideal idle ignorant illegal imaginary immense imminent
impartial impatient imperial implicit impossible improper inadequate
incapable incredible indifferent indigenous indispensable inevitable
inferior infinite informal inherent initial innocent innovative insecure
instant intact intelligent intimate intricate invaluable isolated jealous
joyful just keen kind lame lasting lawful lazy legitimate lethal lively
logical lonely loose loud lovely loyal lucky magnificent mandatory manual
marginal marine mature meaningful mechanical mere messy mighty miserable
mobile moral naive nasty neat nervous noble noisy nominal notorious novel
numerous obscure odd offensive optional orderly organic outstanding
overdue painful pale parallel passive patient peculiar perfect persistent
petty plain pleasant plentiful polite poorly precious precise predictable
pregnant premature prestigious pretty prior profound prolonged prompt
proper prosperous protective provincial prudent punctual pure puzzled
quiet random rational raw ready realistic reasonable reckless redundant
refined relevant reliable reluctant remarkable repeated resilient
respectful restless rigid robust rough royal rude rusty sacred scarce
scary sceptical secular selective selfish sensible sentimental shallow
shy silent silly sincere skilled slender smart smooth sober solid sophisticated
sound spare spectacular splendid spontaneous stark sticky stiff straight
strange strict stubborn stunning subtle sudden superb superior supreme
surplus suspicious sweet swift symbolic tame tender terrible thorough
tidy tight timely tired tolerant tough toxic transparent tremendous
trivial tropical ugly ultimate unaware uncomfortable underground uneasy
unemployed unfit unhappy uniform unlikely unpaid unrealistic unstable
upset useful useless valid valuable vague verbal vibrant vicious vigorous
vivid voluntary wary weird wicked wild willing wise witty wooden worthy
";

/// People nouns for subject positions that need a human ("Some residents
/// said"), most frequent first. All are also in [`NOUNS`].
pub const HUMANS: &str = "
official resident worker expert analyst critic voter student teacher
farmer driver patient customer officer witness volunteer lawmaker
protester citizen reporter journalist neighbour owner manager director
doctor nurse scientist engineer researcher economist activist consumer
tenant landlord passenger commuter tourist visitor shopper employer
employee parent investor supporter opponent lawyer judge soldier
firefighter victim spokesperson family leader member
";
