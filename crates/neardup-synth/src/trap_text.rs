//! Texts of the traps ([`super::traps`]): small-site chrome, short notices,
//! page templates, the wire sentences that house style rewrites, and the
//! house-style edits themselves.
//!
//! Everything here is pure: a function of its arguments and the random
//! stream it is given. The wording was written for this generator after
//! the register of real pages (a volunteer-run town site, a non-profit
//! newsroom's republishing licence, an agency earnings brief), not copied
//! from any.

use crate::event::Event;
use crate::lexicon::Lexicon;
use crate::names::{self, MONTHS, SMALL_NUMBERS, WEEKDAYS};
use crate::rng::Rng;

/// Fills `{KEY}` slots of `pattern` from `values` (a missing key is a bug
/// in a template: it panics).
pub fn fill_slots(pattern: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 64);
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let j = i + rest[i..].find('}').expect("a closed slot");
        let key = &rest[i + 1..j];
        let v = values
            .iter()
            .find(|(k, _)| *k == key)
            .unwrap_or_else(|| panic!("no value for slot {key}"));
        out.push_str(&v.1);
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}

/// The fixed text between the slots of `pattern`, trimmed, non-empty
/// pieces only (what every page filled from it contains verbatim).
pub fn literals(pattern: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = pattern;
    loop {
        let end = rest.find('{').unwrap_or(rest.len());
        let piece = rest[..end].trim();
        if !piece.is_empty() {
            out.push(piece);
        }
        match rest[end..].find('}') {
            Some(j) => rest = &rest[end + j + 1..],
            None => return out,
        }
    }
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

// ---------------------------------------------------------------------
// Small-site chrome
// ---------------------------------------------------------------------

const SMALL_TAGLINES: &[&str] = &[
    "Community news for {T} and the surrounding villages",
    "The independent voice of {T}, run by volunteers since {Y}",
    "Local news, events and notices from {T} and district",
];

const SMALL_NAVS: &[&str] = &[
    "Home | News | Council | Schools | Business | Sport | Community | What's on | Obituaries | Letters | Photos | Contact us | Donate",
    "Home | Latest | Town hall | Planning | Health | Education | Clubs and sport | Events | Family notices | Opinion | Advertise | About",
];

const SMALL_COOKIES: &[&str] = &[
    "This site uses cookies. Some of them are essential for the site to work, and others help us understand how visitors use our pages so that we can improve them. We never sell your data to anyone. You can accept all cookies, reject the ones that are not essential, or choose which ones to allow. Our cookie policy explains the details. Accept | Reject | Settings",
    "We use a small number of cookies to keep this website running and to count how many people read each story. We do not use advertising cookies and we do not share what we collect. By continuing to browse you agree to this; you can change your mind at any time on our privacy page. OK | Tell me more",
];

const SMALL_SUPPORT: &[&str] = &[
    "{N} is run by a small team of local volunteers and is funded by readers like you. We do not have a paywall, and we never will. If you value independent news about {T}, please consider a small monthly donation. Every contribution, however small, helps us keep reporting on council meetings, planning decisions, schools and the people who make our town what it is. Donate now",
    "Before you go: {N} costs about {P} a year to run, and every penny comes from readers, local businesses and the odd bake sale. There are no billionaire owners here. If this story was useful to you, please chip in so that we can keep covering {T} properly for another year. Support us",
];

const SMALL_NEWSLETTERS: &[&str] = &[
    "Get the {T} Weekly in your inbox. Every Friday we send a short round-up of the week's local news, upcoming events, road closures and family notices. It is free, and you can unsubscribe at any time with one click. Your email address: Sign me up. We will only use your address to send you the newsletter.",
    "Never miss a story from {T}. Join more than {K} readers who get our free evening email with the day's headlines, the weather and what's on this weekend. Enter your email. Subscribe. You can leave whenever you like, and we will never pass your details on.",
];

const SMALL_RELATED: &[&str] = &[
    "Parish council approves new play area at {T} recreation ground",
    "Volunteers needed for the {T} spring litter pick",
    "Library opening hours to change from next month",
    "Road closure planned on the high street for resurfacing works",
    "{T} Youth Football Club celebrates its best season in a decade",
    "Farmers' market returns to the square this weekend",
    "New bus timetable: what changes for {T} passengers",
    "Plans for forty homes on former dairy site go to appeal",
    "Primary school marks its centenary with a summer fair",
    "Residents asked for views on the future of the old cinema",
];

const SMALL_ABOUT: &[&str] = &[
    "About us: {N} is a not-for-profit community news website covering {T} and the nearby villages. We publish stories from our own contributors and selected articles from news agencies. Got a story, a photo or an event you would like us to cover? Email the editor at editor@{D}.",
    "Who we are: a group of {T} residents who believe that every town deserves its own newspaper. Our reporters are volunteers, our editor is paid a small fee, and our accounts are published every spring. Send news, letters and photographs to news@{D}.",
];

const SMALL_FOOTERS: &[&str] = &[
    "© {Y2} {N}. All rights reserved. Registered as a community interest company in {T}. Privacy | Cookies | Terms | Accessibility | Advertise with us | Contact. Follow us on Facebook, Instagram and X for breaking local news and photos.",
    "{N}, The Old Post Office, {T}. Copyright {Y2}. Content may not be reproduced without permission. Privacy notice | Cookie settings | Complaints | Corrections | Site map. Find us on Facebook and Instagram.",
];

/// A small site (a handful of pages in the corpus) and its page chrome,
/// identical on every page: the text above the story and the text below.
#[derive(Clone, Debug)]
pub struct SmallSite {
    /// Id prefix ("town3").
    pub key: String,
    /// Display name.
    pub name: String,
    /// Host name.
    pub domain: String,
    /// Masthead, navigation and cookie notice.
    pub top: String,
    /// Support box, newsletter box, related links, about box and footer.
    pub bottom: String,
    next: u64,
}

impl SmallSite {
    /// Small site number `k` with chrome drawn from `rng`.
    pub fn generate(k: usize, rng: &mut Rng, lex: &Lexicon) -> SmallSite {
        let town = names::place(rng, lex);
        let name = match rng.index(3) {
            0 => format!("The {town} Voice"),
            1 => format!("{town} Matters"),
            _ => format!("{town} Community News"),
        };
        let domain = format!(
            "{}.example",
            name.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect::<String>()
        );
        let values = [
            ("N", name.clone()),
            ("T", town),
            ("D", domain.clone()),
            ("Y", rng.range(1978, 2019).to_string()),
            ("Y2", "2026".to_string()),
            ("P", format!("£{},000", rng.range(9, 40))),
            ("K", format!("{},{:03}", rng.range(1, 9), rng.range(0, 999))),
        ];
        let pick = |rng: &mut Rng, xs: &[&str]| fill_slots(rng.pick_str(xs), &values);
        let masthead = format!("{}\n{}", name, pick(rng, SMALL_TAGLINES));
        let top = [masthead, pick(rng, SMALL_NAVS), pick(rng, SMALL_COOKIES)].join("\n\n");
        let mut related: Vec<&str> = SMALL_RELATED.to_vec();
        rng.shuffle(&mut related);
        let related: Vec<String> = related[..5]
            .iter()
            .map(|t| fill_slots(t, &values))
            .collect();
        let bottom = [
            pick(rng, SMALL_SUPPORT),
            pick(rng, SMALL_NEWSLETTERS),
            format!("More from {name}\n{}", related.join("\n")),
            pick(rng, SMALL_ABOUT),
            pick(rng, SMALL_FOOTERS),
        ]
        .join("\n\n");
        SmallSite {
            key: format!("town{k}"),
            name,
            domain,
            top,
            bottom,
            next: 0,
        }
    }

    /// Words of chrome on every page.
    pub fn chrome_words(&self) -> usize {
        word_count(&self.top) + word_count(&self.bottom)
    }

    /// Next document id on this site.
    pub fn next_id(&mut self) -> String {
        self.next += 1;
        format!("{}/{:06}", self.key, self.next)
    }
}

// ---------------------------------------------------------------------
// Short notices
// ---------------------------------------------------------------------

/// Short notices (30-80 words) that sites append to many unrelated
/// stories: (title when published on its own, text). `{O}` is an
/// organisation, `{N}` the outlet, `{Z}` a phone number.
pub const NOTICES: &[(&str, &str)] = &[
    ("Correction", "Correction: An earlier version of this article misstated the date of the council meeting and the name of the committee chair. The meeting takes place on the first Tuesday of each month. We apologise for the error, which has now been corrected."),
    ("Republishing this article", "This article was produced by {O}, a non-profit newsroom, and is republished here under a Creative Commons licence that allows sharing without changes. You may republish it for free, online or in print, provided you credit {O} and do not edit the text. Photographs and illustrations are not covered by this licence."),
    ("Disclaimer", "Disclaimer: The views expressed in this article are those of the author and do not necessarily reflect the editorial position of {N}. This content is provided for general information only and does not constitute legal, financial or medical advice. Readers should seek professional advice before acting on anything published here."),
    ("Editor's note", "Editor's note: This story has been updated to include a response from the company, which was received after publication. Comments on this article have been closed for legal reasons. If you have information about this story, you can contact our newsroom in confidence."),
    ("Where to get help", "If you or someone you know has been affected by any of the issues raised in this story, help is available. Call the free and confidential support line on {Z}, open 24 hours a day, every day of the year, or visit our help page for a list of local services."),
    ("How we use automated tools", "Transparency statement: Parts of this article were drafted with the help of automated tools and were reviewed, edited and fact-checked by a member of our editorial staff before publication. Read our standards page to learn how and when we use such tools in our journalism."),
    ("About this series", "This article is part of {O}, an editorially independent series supported by a grant from a charitable foundation. The funder had no say in the choice of topics, the reporting or the editing, and did not see the article before it was published."),
    ("Reprint terms", "You are free to share and reprint this article in any medium, for any purpose and without charge, on condition that this notice is kept in full with every copy. The article is supplied as it stands, with no promise of any kind about its accuracy, and the author accepts no liability for any use made of it."),
];

const NOTICE_ORGS: &[&str] = &[
    "the Civic Ledger Project",
    "Open Harbour Reporting",
    "the Lowland Investigative Desk",
    "Common Ground News",
];

/// One notice, filled: (title, text).
pub fn notice(rng: &mut Rng, outlet: &str) -> (String, String) {
    let (title, text) = NOTICES[rng.index(NOTICES.len())];
    let values = [
        ("O", rng.pick_str(NOTICE_ORGS).to_string()),
        ("N", outlet.to_string()),
        (
            "Z",
            format!("0800 {:03} {:04}", rng.range(100, 999), rng.range(0, 9999)),
        ),
    ];
    (title.to_string(), fill_slots(text, &values))
}

// ---------------------------------------------------------------------
// Templated pages
// ---------------------------------------------------------------------

/// A page template: a title pattern and paragraph patterns whose `{KEY}`
/// slots take names and values ([`fill_template`]).
#[derive(Clone, Copy, Debug)]
pub struct PageTemplate {
    /// Name ("obituary").
    pub name: &'static str,
    /// Title pattern.
    pub title: &'static str,
    /// Paragraph patterns.
    pub paragraphs: &'static [&'static str],
}

/// The page templates: obituaries, earnings briefs, weather, match
/// reports and appointment press releases.
pub const PAGE_TEMPLATES: [PageTemplate; 5] = [
    PageTemplate {
        name: "obituary",
        title: "{FULL}, {AGE}, of {TOWN}",
        paragraphs: &[
            "{FULL} of {TOWN} passed away peacefully on {WDAY}, {DATE}, at {HOSPICE}, surrounded by {POSS} family. {PRON} was {AGE} years old.",
            "Born in {TOWN2} in {BYEAR}, {FIRST} worked for {YEARS} years as {JOB} before retiring in {RYEAR}. {PRON} was a member of the {CLUB} for more than {CYEARS} years and will be remembered for {POSS} kindness, {POSS} sense of humour and {POSS} love of {HOBBY}.",
            "{FIRST} is survived by {POSS} {PARTNER} {PNAME}, {POSS} children {CHILD1} and {CHILD2}, and {GRAND} grandchildren.",
            "A funeral service will be held at {CHURCH} on {FWDAY}, {FDATE}, at {HOUR}. Family flowers only, please. Donations in {POSS} memory may be made to {CHARITY}.",
            "Arrangements are by {SURNAME2} and Sons Funeral Directors, {TOWN}.",
        ],
    },
    PageTemplate {
        name: "earnings",
        title: "{CO} reports {DIRN} quarterly profit as revenue {RDIR}",
        paragraphs: &[
            "{CO} on {WDAY} reported a {DIRN} net profit for the {QUARTER} quarter, as revenue {RDIR} to ${REV} million from ${REVPREV} million a year earlier.",
            "Net income was ${NI} million, or {EPS} cents per share, compared with ${NIPREV} million, or {EPSPREV} cents per share, in the same period last year. Analysts had on average expected earnings of {EPSEST} cents per share.",
            "Chief executive {FULL} said the company had seen {TONE} demand in its {SEGMENT} business during the quarter. \"We remain focused on disciplined growth and on returning capital to our shareholders,\" {LAST} said in a statement.",
            "The company {GUIDE} its full-year revenue forecast of ${GLOW} million to ${GHIGH} million. Its shares {SDIR} {SPCT}% in extended trading.",
            "{CO} will hold a conference call with analysts at {HOUR} on {FWDAY}.",
        ],
    },
    PageTemplate {
        name: "weather",
        title: "{TOWN} weather: {SKY} skies and a high of {HIGH} degrees on {WDAY}",
        paragraphs: &[
            "Residents of {TOWN} can expect {SKY} skies on {WDAY}, with a high of {HIGH} degrees and an overnight low of {LOW} degrees, according to the latest forecast from the {REGION} Weather Service.",
            "Winds will blow from the {WINDDIR} at {WIND} to {WIND2} kilometres per hour, and there is a {RAIN}% chance of rain in the afternoon. Sunrise is at {SUNRISE} and sunset at {SUNSET}.",
            "The outlook for the weekend is {OUTLOOK}, with temperatures {TREND} to around {WKND} degrees by Sunday.",
            "This forecast is updated every morning at 6am. For weather warnings in your area, visit the {REGION} Weather Service website.",
        ],
    },
    PageTemplate {
        name: "match_report",
        title: "{HOME} {HS}-{AS} {AWAY}: {SCORER1} on target at {GROUND}",
        paragraphs: &[
            "{HOME} beat {AWAY} {HS}-{AS} at {GROUND} on {WDAY} in front of a crowd of {CROWD}.",
            "{SCORER1} opened the scoring in the {MIN1}th minute and {SCORER2} added another {MIN2} minutes after the break. {AWAY} pulled one back through {SCORER3} late on, but {HOME} held on to move up to {POS} in the table.",
            "{HOME} manager {FULL} said after the match: \"The players worked incredibly hard today and deserved the three points. We will enjoy this one and then turn our attention to {NEXT}.\"",
            "{HOME} travel to {NEXT} on {FWDAY}, while {AWAY} host {NEXT2}.",
        ],
    },
    PageTemplate {
        name: "appointment",
        title: "{FULL} joins {CO} as {ROLE}",
        paragraphs: &[
            "{TOWN}, {DATE} -- {CO}, a provider of {SECTOR} services, today announced the appointment of {FULL} as {ROLE}, effective {FDATE}. {PRON} will report to chief executive {CEO} and will be based in {TOWN}.",
            "{LAST} joins from {PREVCO}, where {PRONL} served as {PREVROLE} for {YEARS} years and led a team of more than {TEAM} people. {PRON} holds a degree in {DEGREE} from the University of {TOWN2}.",
            "\"We are delighted to welcome {FIRST} to {CO},\" said {CEO}. \"{POSSC} experience will be invaluable as we continue to grow our business and serve our customers.\"",
            "\"I am excited to join {CO} at such an important time for the company,\" said {LAST}. \"I look forward to working with the team to build on its strong foundations.\"",
            "About {CO}: {CO} was founded in {BYEAR} and employs {EMP} people in {NCOUNTRIES} countries. For more information, visit {CODOMAIN}.",
        ],
    },
];

const JOBS: &[&str] = &[
    "a primary school teacher",
    "an engineer at the county council",
    "a nurse",
    "a postman",
    "a bookkeeper",
    "a carpenter",
    "a pharmacist",
    "a bus driver",
];
const CLUBS: &[&str] = &[
    "town bowls club",
    "parish choir",
    "local rotary club",
    "rambling association",
    "amateur dramatic society",
    "allotment society",
];
const HOBBIES: &[&str] = &[
    "gardening",
    "crosswords",
    "jazz",
    "fishing",
    "cricket",
    "baking",
    "birdwatching",
];
const CHARITIES: &[&str] = &[
    "the local hospice",
    "the county air ambulance",
    "a heart research charity",
    "the lifeboat service",
];
const SECTORS: &[&str] = &[
    "logistics",
    "payroll",
    "cloud storage",
    "industrial cleaning",
    "insurance software",
];
const ROLES: &[&str] = &[
    "chief financial officer",
    "head of sales",
    "chief operating officer",
    "general counsel",
    "director of engineering",
];
const SKIES: &[&str] = &["clear", "cloudy", "overcast", "sunny", "grey"];
const OUTLOOKS: &[&str] = &["mostly dry", "unsettled", "bright but cold", "wet"];
const COMPASS: &[&str] = &["north", "south", "east", "west", "north-west", "south-west"];
const DEGREES: &[&str] = &["economics", "law", "accounting", "engineering", "history"];

/// The slot values of one templated page, drawn in a fixed order (so the
/// page depends on the stream alone).
fn template_values(rng: &mut Rng, lex: &Lexicon, day: i64) -> Vec<(&'static str, String)> {
    let (first, last, female) = names::person(rng, lex);
    let (ceo_f, ceo_l, _) = names::person(rng, lex);
    let date = |d: i64| {
        let (_, m, dd) = names::civil_from_days(d);
        format!("{} {dd}", MONTHS[m as usize - 1])
    };
    let weekday = |d: i64| WEEKDAYS[names::weekday(d)].to_string();
    let town = names::place(rng, lex);
    let sur = |rng: &mut Rng| rng.pick_str(&lex.surnames).to_string();
    let team = |rng: &mut Rng| {
        format!(
            "{} {}",
            names::place(rng, lex),
            ["United", "Town", "Rovers", "Athletic"][rng.index(4)]
        )
    };
    let hs = rng.range(2, 4);
    let rev_prev = rng.range(120, 900);
    let up = rng.chance(0.5);
    let high = rng.range(4, 31);
    let co = format!(
        "{} {}",
        sur(rng),
        ["Holdings", "Group", "Systems", "Industries"][rng.index(4)]
    );
    let fday = day + rng.range(3, 9) as i64;
    let pronoun = if female { "She" } else { "He" };
    vec![
        ("FULL", format!("{first} {last}")),
        ("FIRST", first),
        ("LAST", last),
        ("PRON", pronoun.to_string()),
        ("PRONL", pronoun.to_lowercase()),
        ("POSS", if female { "her" } else { "his" }.to_string()),
        ("POSSC", if female { "Her" } else { "His" }.to_string()),
        ("AGE", rng.range(61, 98).to_string()),
        ("TOWN2", names::place(rng, lex)),
        ("TOWN", town),
        ("WDAY", weekday(day)),
        ("DATE", date(day)),
        ("FWDAY", weekday(fday)),
        ("FDATE", date(fday)),
        ("HOSPICE", format!("{} House", sur(rng))),
        ("BYEAR", rng.range(1928, 1965).to_string()),
        ("YEARS", rng.range(11, 38).to_string()),
        ("RYEAR", rng.range(1990, 2020).to_string()),
        ("CYEARS", rng.range(10, 40).to_string()),
        ("JOB", rng.pick_str(JOBS).to_string()),
        ("CLUB", rng.pick_str(CLUBS).to_string()),
        ("HOBBY", rng.pick_str(HOBBIES).to_string()),
        (
            "PARTNER",
            if female { "husband" } else { "wife" }.to_string(),
        ),
        ("PNAME", names::person(rng, lex).0),
        ("CHILD1", names::person(rng, lex).0),
        ("CHILD2", names::person(rng, lex).0),
        ("GRAND", SMALL_NUMBERS[rng.range(2, 9)].to_string()),
        (
            "CHURCH",
            format!("St {}'s Church", names::person(rng, lex).0),
        ),
        (
            "HOUR",
            format!("{}.{:02}", rng.range(9, 15), [0, 15, 30, 45][rng.index(4)]),
        ),
        ("CHARITY", rng.pick_str(CHARITIES).to_string()),
        ("SURNAME2", sur(rng)),
        ("CO", co.clone()),
        (
            "CODOMAIN",
            format!(
                "www.{}.example",
                co.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_lowercase()
            ),
        ),
        ("DIRN", if up { "higher" } else { "lower" }.to_string()),
        ("RDIR", if up { "rose" } else { "fell" }.to_string()),
        (
            "QUARTER",
            ["first", "second", "third", "fourth"][rng.index(4)].to_string(),
        ),
        ("REV", (rev_prev * rng.range(80, 125) / 100).to_string()),
        ("REVPREV", rev_prev.to_string()),
        ("NI", rng.range(5, 90).to_string()),
        ("NIPREV", rng.range(5, 90).to_string()),
        ("EPS", rng.range(3, 95).to_string()),
        ("EPSPREV", rng.range(3, 95).to_string()),
        ("EPSEST", rng.range(3, 95).to_string()),
        (
            "TONE",
            ["strong", "steady", "weaker", "mixed"][rng.index(4)].to_string(),
        ),
        ("SEGMENT", rng.pick_str(SECTORS).to_string()),
        (
            "GUIDE",
            ["raised", "cut", "reaffirmed"][rng.index(3)].to_string(),
        ),
        ("GLOW", (rev_prev * 4).to_string()),
        ("GHIGH", (rev_prev * 4 + rng.range(40, 200)).to_string()),
        ("SDIR", if up { "rose" } else { "fell" }.to_string()),
        ("SPCT", format!("{}.{}", rng.range(1, 14), rng.range(0, 9))),
        ("SKY", rng.pick_str(SKIES).to_string()),
        ("HIGH", high.to_string()),
        ("LOW", (high - rng.range(2, 9).min(high)).to_string()),
        ("REGION", names::place(rng, lex)),
        ("WINDDIR", rng.pick_str(COMPASS).to_string()),
        ("WIND", rng.range(5, 20).to_string()),
        ("WIND2", rng.range(21, 45).to_string()),
        ("RAIN", (rng.range(0, 18) * 5).to_string()),
        (
            "SUNRISE",
            format!("{}.{:02}am", rng.range(5, 7), rng.range(0, 59)),
        ),
        (
            "SUNSET",
            format!("{}.{:02}pm", rng.range(4, 8), rng.range(0, 59)),
        ),
        ("OUTLOOK", rng.pick_str(OUTLOOKS).to_string()),
        ("TREND", ["rising", "falling"][rng.index(2)].to_string()),
        ("WKND", rng.range(3, 28).to_string()),
        ("HOME", team(rng)),
        ("AWAY", team(rng)),
        ("HS", hs.to_string()),
        ("AS", rng.range(1, hs - 1).to_string()),
        ("GROUND", format!("{} Park", sur(rng))),
        ("CROWD", names::thousands(rng.range_u64(900, 24_000))),
        ("SCORER1", names::full_name(rng, lex)),
        ("SCORER2", names::full_name(rng, lex)),
        ("SCORER3", names::full_name(rng, lex)),
        ("MIN1", rng.range(4, 40).to_string()),
        ("MIN2", rng.range(2, 30).to_string()),
        (
            "POS",
            ["fourth", "sixth", "ninth", "11th", "14th"][rng.index(5)].to_string(),
        ),
        ("NEXT", team(rng)),
        ("NEXT2", team(rng)),
        ("ROLE", rng.pick_str(ROLES).to_string()),
        ("SECTOR", rng.pick_str(SECTORS).to_string()),
        ("CEO", format!("{ceo_f} {ceo_l}")),
        (
            "PREVCO",
            format!(
                "{} {}",
                sur(rng),
                ["Partners", "Logistics", "Bank", "Group"][rng.index(4)]
            ),
        ),
        ("PREVROLE", rng.pick_str(ROLES).to_string()),
        ("TEAM", (rng.range(2, 30) * 10).to_string()),
        ("DEGREE", rng.pick_str(DEGREES).to_string()),
        ("EMP", names::thousands(rng.range_u64(120, 9_000))),
        ("NCOUNTRIES", rng.range(3, 40).to_string()),
    ]
}

/// A page filled from `t` with fresh names and values: (title, body).
pub fn fill_template(t: &PageTemplate, rng: &mut Rng, lex: &Lexicon, day: i64) -> (String, String) {
    let values = template_values(rng, lex, day);
    let body: Vec<String> = t
        .paragraphs
        .iter()
        .map(|p| fill_slots(p, &values))
        .collect();
    (fill_slots(t.title, &values), body.join("\n\n"))
}

// ---------------------------------------------------------------------
// House style
// ---------------------------------------------------------------------

/// Wire sentences full of what house style rewrites: "said on Saturday",
/// "U.S.", "per cent", "Mr Halloran", serial commas, small numbers in
/// words. `{MR}` is an honorific and a surname, `{W}` the event's
/// weekday, `{N1}`/`{N2}` small numbers in words, `{X}`/`{Y}` decimals.
const STYLE_SENTENCES: &[&str] = &[
    "{MR} said on {W} that the U.S. embassy in {PL} had been informed and that {N1} diplomats would travel to the capital next week.",
    "The U.S. State Department said on {W} it was aware of the reports and was in contact with officials in {CO}, {ORG}, and the United Nations.",
    "Consumer prices in {CO} rose {X} per cent in the year to {M}, the statistics office said on {W}, the fastest pace in {N1} years.",
    "{MR} told reporters on {W} that {N1} of the {N2} members of the committee had backed the plan.",
    "Support for the measure fell to {X} per cent from {Y} per cent a month earlier, according to a poll published on {W} by {ORG}.",
    "In a statement on {W}, the U.S. Treasury said it would review the findings, the contracts, and the payments made since {YEAR}.",
    "{MR}, who has led the agency for {N2} years, said the review would be completed within {N1} weeks.",
    "Officials from the U.S., the U.K., and {CO} are due to meet in {PL} next month to discuss the next steps.",
    "{MR} declined to say on {W} whether the {N1} remaining cases would be reopened.",
    "The figure was about {X} per cent higher than the {N2}-year average, a U.N. agency said on {W}.",
    "Unemployment in {PL} stands at {X} per cent, and {MR} has promised {N1} new training schemes, a jobs fund, and lower taxes for small firms.",
    "The defence ministry said on {W} that {N1} of its programmes had been suspended whilst the organisation analysed the results.",
    "{MR}, who travelled to {PL} on {W}, criticised the labour rules and said the city centre needed {N1} new health centres.",
    "Neighbouring {CO} has recognised the findings, and the U.N. has asked both sides to honour the agreement.",
    "The organisation said it would prioritise the modernisation of the harbour and finalise a programme to stabilise prices.",
    "Labour leaders criticised the plan as a betrayal of the neighbourhood and said the licence had been authorised without proper analysis.",
    "The government has mobilised {N1} defence units and said it favoured a centralised approach, a spokesman said on {W}.",
    "Rumours of a privatisation programme have been circulating for months, and {MR} said on {W} that the organisations involved had been told to minimise delays.",
];

/// One wire sentence that house style rewrites, for `ev` (its people,
/// places and weekday).
pub fn style_sentence(rng: &mut Rng, ev: &Event) -> String {
    let p = rng.pick(&ev.people);
    let honorific = if p.female { "Ms" } else { "Mr" };
    let n1 = rng.range(2, 5);
    let values = [
        ("MR", format!("{honorific} {}", p.last)),
        ("W", WEEKDAYS[names::weekday(ev.day)].to_string()),
        ("N1", SMALL_NUMBERS[n1].to_string()),
        ("N2", SMALL_NUMBERS[rng.range(n1 + 1, 9)].to_string()),
        ("X", format!("{}.{}", rng.range(1, 19), rng.range(1, 9))),
        ("Y", format!("{}.{}", rng.range(20, 60), rng.range(1, 9))),
        ("PL", ev.place.clone()),
        ("CO", ev.country.clone()),
        (
            "ORG",
            ev.orgs
                .first()
                .cloned()
                .unwrap_or_else(|| "the central bank".into()),
        ),
        ("M", MONTHS[rng.index(12)].to_string()),
        ("YEAR", rng.range(2015, 2024).to_string()),
    ];
    fill_slots(rng.pick_str(STYLE_SENTENCES), &values)
}

/// A house-style edit that sites make to wire copy. None changes what the
/// text says, and none is a synonym swap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HouseEdit {
    /// "said on Saturday" -> "said Saturday".
    DropOnWeekday,
    /// "U.S." -> "US", "U.K." -> "UK", "U.N." -> "UN".
    Abbreviations,
    /// "4.2 per cent" -> "4.2 percent".
    Percent,
    /// "Mr Halloran" -> "Halloran".
    NoHonorifics,
    /// "A, B, and C" -> "A, B and C".
    NoSerialComma,
    /// "three" -> "3" (two to nine in figures; "one" stays, as in "one of").
    Figures,
    /// British -> American spelling ("defence" -> "defense"): one word for
    /// another, which is what a synonym counter sees.
    AmericanSpelling,
}

/// All house edits.
pub const HOUSE_EDITS: [HouseEdit; 7] = [
    HouseEdit::DropOnWeekday,
    HouseEdit::Abbreviations,
    HouseEdit::Percent,
    HouseEdit::NoHonorifics,
    HouseEdit::NoSerialComma,
    HouseEdit::Figures,
    HouseEdit::AmericanSpelling,
];

/// British spellings and their American forms (lowercase).
pub const AMERICAN_SPELLINGS: &[(&str, &str)] = &[
    ("centre", "center"),
    ("centres", "centers"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    ("kilometre", "kilometer"),
    ("kilometres", "kilometers"),
    ("metres", "meters"),
    ("theatre", "theater"),
    ("theatres", "theaters"),
    ("analyse", "analyze"),
    ("analysed", "analyzed"),
    ("criticise", "criticize"),
    ("criticised", "criticized"),
    ("recognise", "recognize"),
    ("recognised", "recognized"),
    ("realise", "realize"),
    ("organisation", "organization"),
    ("organisations", "organizations"),
    ("labour", "labor"),
    ("neighbour", "neighbor"),
    ("neighbours", "neighbors"),
    ("neighbouring", "neighboring"),
    ("honour", "honor"),
    ("favour", "favor"),
    ("behaviour", "behavior"),
    ("harbour", "harbor"),
    ("rumours", "rumors"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("travelled", "traveled"),
    ("towards", "toward"),
    ("whilst", "while"),
    ("amongst", "among"),
    ("grey", "gray"),
    ("ageing", "aging"),
    ("prioritise", "prioritize"),
    ("modernisation", "modernization"),
    ("finalise", "finalize"),
    ("stabilise", "stabilize"),
    ("neighbourhood", "neighborhood"),
    ("authorised", "authorized"),
    ("mobilised", "mobilized"),
    ("favoured", "favored"),
    ("centralised", "centralized"),
    ("privatisation", "privatization"),
    ("minimise", "minimize"),
];

/// Applies `edits` to `text`.
pub fn apply_house_style(text: &str, edits: &[HouseEdit]) -> String {
    let mut s = text.to_string();
    for e in edits {
        s = match e {
            HouseEdit::DropOnWeekday => super::edits::drop_on_weekday(&s),
            HouseEdit::Abbreviations => s
                .replace("U.S.", "US")
                .replace("U.K.", "UK")
                .replace("U.N.", "UN"),
            HouseEdit::Percent => s.replace(" per cent", " percent"),
            HouseEdit::NoHonorifics => drop_honorifics(&s),
            HouseEdit::NoSerialComma => s.replace(", and ", " and "),
            HouseEdit::Figures => map_words(&s, small_figure),
            HouseEdit::AmericanSpelling => map_words(&s, american),
        };
    }
    s
}

/// "Mr Halloran" -> "Halloran" (only before a capitalised word).
fn drop_honorifics(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let hit = ["Mr ", "Ms ", "Mrs "]
            .iter()
            .filter_map(|h| rest.find(h).map(|i| (i, h.len())))
            .filter(|&(i, n)| {
                let before_ok = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric();
                let after_ok = rest[i + n..].starts_with(|c: char| c.is_uppercase());
                before_ok && after_ok
            })
            .min();
        match hit {
            Some((i, n)) => {
                out.push_str(&rest[..i]);
                rest = &rest[i + n..];
            }
            None => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// "three" -> "3" for lowercase two to nine.
fn small_figure(w: &str) -> Option<String> {
    SMALL_NUMBERS[2..]
        .iter()
        .position(|n| *n == w)
        .map(|i| (i + 2).to_string())
}

/// The American spelling of `w`, keeping an initial capital.
fn american(w: &str) -> Option<String> {
    let lower = w.to_lowercase();
    let (_, us) = AMERICAN_SPELLINGS.iter().find(|(uk, _)| *uk == lower)?;
    let mut out = us.to_string();
    if w.starts_with(|c: char| c.is_uppercase()) {
        out[..1].make_ascii_uppercase();
    }
    Some(out)
}

/// Rewrites whole words (runs of letters, digits, hyphens and
/// apostrophes, so "nine-year" is one word) where `f` has a replacement.
fn map_words(text: &str, f: fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match f(word) {
            Some(r) => out.push_str(&r),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '-' || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// How a quoting article introduces a passage of another outlet's report.
pub const QUOTE_INTROS: &[&str] = &[
    "As {W} reported earlier, the background is this:",
    "The original report by {W} set out the sequence of events:",
    "{W}, which first reported the story, wrote at the time:",
    "According to the account published by {W}:",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_style_edits_do_what_they_say_and_nothing_else() {
        let wire = "Mr Halloran said on Saturday that the U.S. and the U.N. had sent three \
                    envoys, and that prices rose 4.2 per cent in the city centre, one of the \
                    organisations said. Officials from Dresia, Ostrava, and Kel met on Monday.";
        let all = apply_house_style(wire, &HOUSE_EDITS);
        assert_eq!(
            all,
            "Halloran said Saturday that the US and the UN had sent 3 envoys and that \
             prices rose 4.2 percent in the city center, one of the organizations said. \
             Officials from Dresia, Ostrava and Kel met Monday."
        );
        assert_eq!(apply_house_style(wire, &[]), wire);
        // Words that only contain a trigger are left alone.
        let tricky = "Mrs. Summers gave nineteen centres to Mr. X; someone said on Saturdays";
        assert_eq!(
            apply_house_style(tricky, &[HouseEdit::Figures, HouseEdit::NoHonorifics]),
            tricky
        );
        assert_eq!(
            apply_house_style(
                "Defence, nine-year",
                &[HouseEdit::AmericanSpelling, HouseEdit::Figures]
            ),
            "Defense, nine-year"
        );
    }

    #[test]
    fn templates_fill_every_slot_and_keep_their_fixed_text() {
        let lex = crate::lexicon::lexicon();
        for (k, t) in PAGE_TEMPLATES.iter().enumerate() {
            let mut rng = Rng::new(k as u64);
            let (title, body) = fill_template(t, &mut rng, lex, 20_500);
            assert!(!title.contains('{') && !body.contains('{'), "{}", t.name);
            for p in t.paragraphs {
                for lit in literals(p) {
                    assert!(body.contains(lit), "{}: {lit:?} missing", t.name);
                }
            }
            let (_, other) = fill_template(t, &mut rng, lex, 20_500);
            assert_ne!(body, other, "{}: two fills differ", t.name);
        }
    }

    #[test]
    fn small_site_chrome_is_300_to_400_words() {
        let lex = crate::lexicon::lexicon();
        for k in 1..40 {
            let s = SmallSite::generate(k, &mut Rng::new(k as u64), lex);
            assert!(
                (300..=400).contains(&s.chrome_words()),
                "{}: {}",
                s.name,
                s.chrome_words()
            );
        }
    }

    #[test]
    fn notices_are_30_to_80_words() {
        let mut rng = Rng::new(1);
        for _ in 0..64 {
            let (_, text) = notice(&mut rng, "The Kelby Courier");
            let n = word_count(&text);
            assert!((30..=80).contains(&n), "{n}: {text}");
        }
    }
}
