//! Fictional publishers and their page chrome.
//!
//! Each site has a fixed header and footer block (30-120 words each) that
//! appears on every page it publishes, a house style (how it writes dates,
//! thousands separators and quotation marks), a home city and a few staff
//! reporters. Several sites share one of three common cookie-banner
//! texts, as sites built on the same consent platform do. Wire agencies
//! publish the originals with a dateline and a credit line and no chrome.

use crate::lexicon::Lexicon;
use crate::names;
use crate::rng::Rng;

/// Cookie-banner texts shared by several sites.
pub const COOKIE_BANNERS: [&str; 3] = [
    "We use cookies and similar technologies to improve your experience, personalise content and ads, and analyse our traffic. By clicking Accept all you agree to the storing of cookies on your device. You can change your choices at any time in Cookie settings.",
    "This website uses cookies to give you the best possible experience. Some are essential for the site to work, others help us understand how you use it and show you relevant advertising. Accept all cookies or manage your preferences.",
    "We and our partners store and access information on your device to provide personalised ads and content, measure performance and develop our services. Click to consent to the use of this technology across the web, or refuse and customise your choices.",
];

const TAGLINES: &[&str] = &[
    "Independent journalism since {Y}",
    "Your trusted source for {C} news",
    "News, sport and weather for {C} and beyond",
    "The voice of {C} since {Y}",
    "Award-winning local journalism",
    "Fearless. Independent. Local.",
    "Serving {C} for more than a century",
    "All the news that matters to {C}",
];

const HEADER_EXTRAS: &[&str] = &[
    "Get breaking news alerts from {N} straight to your phone",
    "Support independent journalism: become a member from just {P} a month",
    "Listen to our daily news podcast, {C} Today, every weekday morning",
    "Today's edition: {C} and district",
    "Sign up to our free morning briefing",
    "Live: traffic and travel updates for {C}",
    "Subscribe now and get your first three months for {P}",
];

const NAV_EXTRAS: &[&str] = &[
    "E-edition",
    "Archive",
    "Competitions",
    "Announcements",
    "Shop",
    "Games",
    "Horoscopes",
    "Crosswords",
    "Family notices",
    "Live blogs",
    "Explainers",
    "Investigations",
    "Partner content",
    "Directory",
];

const FOOTER_PIECES: &[&str] = &[
    "© 2026 {N} Media Group Ltd. All rights reserved.",
    "Published by {N} Media, {D} Harbour Street, {C}.",
    "{N} is a member of the Independent Press Standards Council and abides by the Editors' Code of Practice.",
    "Download the {N} app for iOS and Android.",
    "Registered office: {D} Market Square, {C}. Company number {Z}.",
    "No part of this website may be reproduced without our written permission.",
    "Got a story? Contact our newsroom on news@{M} or call {Z}.",
    "Follow us on Facebook, X, Instagram, YouTube and LinkedIn.",
];

const FOOTER_LINKS: &[&str] = &[
    "About us",
    "Contact us",
    "Careers",
    "Advertise",
    "Privacy policy",
    "Cookie policy",
    "Terms of use",
    "Accessibility",
    "Corrections",
    "Complaints",
    "Site map",
    "RSS feeds",
    "Editorial standards",
    "Archive",
    "Newsletters",
    "Manage subscription",
    "Help centre",
    "Syndication",
];

const NEWSLETTER_PROMPTS: &[&str] = &[
    "Sign up for the morning briefing from {N}: the day's top stories, delivered to your inbox every weekday. Enter your email address. By signing up you agree to our privacy policy.",
    "Don't miss a thing. Get our free newsletter with the biggest stories from {C} and around the world. Sign up now.",
    "Newsletter: The Briefing. Everything you need to know, every morning, in five minutes. Subscribe for free.",
];

const SPONSORED: &[&str] = &[
    "Homeowners in {C} are switching to this new solar deal",
    "Doctors stunned by this one simple morning habit",
    "The one thing every {C} driver should know before renewing",
    "Here is what a new roof should cost you in 2026",
    "Retirees in {C} are snapping up these bungalows",
    "This little-known savings account pays far more interest",
];

/// How a site writes thousands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thousands {
    /// "12,000" (wire style).
    Comma,
    /// "12 000".
    Space,
    /// "12\u{a0}000" (no-break space).
    Nbsp,
    /// "12.000".
    Dot,
}

/// A site's house style, applied to syndicated copies.
#[derive(Clone, Debug)]
pub struct SiteStyle {
    /// "said on Saturday" -> "said Saturday".
    pub drop_on_weekday: bool,
    /// Thousands separator.
    pub thousands: Thousands,
    /// Typographic quotes and apostrophes.
    pub curly_quotes: bool,
    /// Probability of keeping the wire dateline on syndicated copies.
    pub keep_dateline: f64,
}

/// A fictional news site.
#[derive(Clone, Debug)]
pub struct Site {
    /// Id prefix ("site17").
    pub key: String,
    /// Display name ("The Halverston Courier").
    pub name: String,
    /// Host name.
    pub domain: String,
    /// Home city.
    pub city: String,
    /// Fixed header block.
    pub header: String,
    /// Fixed footer block.
    pub footer: String,
    /// House style.
    pub style: SiteStyle,
    /// Staff reporters.
    pub reporters: Vec<String>,
    /// Newsletter prompt used in heavy chrome.
    pub newsletter: String,
    /// Navigation sections.
    pub sections: Vec<&'static str>,
    next: u64,
}

/// A wire agency.
#[derive(Clone, Debug)]
pub struct Wire {
    /// Id prefix ("wire1").
    pub key: String,
    /// Agency name ("Meridian Press").
    pub name: &'static str,
    /// Host name.
    pub domain: String,
    /// Dash used after the dateline.
    pub dash: &'static str,
    /// Reporters and editors for credit lines.
    pub staff: Vec<String>,
    next: u64,
}

/// The fixed wire agencies.
pub const WIRE_NAMES: [&str; 4] = [
    "Meridian Press",
    "Continental Wire",
    "Atlas News Agency",
    "Northstar Newswire",
];

fn word_len(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn fill(pattern: &str, name: &str, city: &str, domain: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let j = rest[i..].find('}').map(|j| i + j).unwrap_or(rest.len() - 1);
        match &rest[i + 1..j] {
            "N" => out.push_str(name),
            "C" => out.push_str(city),
            "M" => out.push_str(domain),
            "Y" => out.push_str(&rng.range(1840, 1995).to_string()),
            "D" => out.push_str(&rng.range(2, 240).to_string()),
            "P" => out.push_str(rng.pick_str(&["£1", "$1", "€2", "£4.99", "$5"])),
            _ => out.push_str(&format!("0{}", rng.range(1_000_000, 9_999_999))),
        }
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}

fn slug(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl Site {
    /// Generates site number `k` (1-based) from its own stream.
    pub fn generate(k: usize, rng: &mut Rng, lex: &Lexicon) -> Site {
        let city = names::place(rng, lex);
        let mast = rng.pick(&lex.mastheads);
        let name = match rng.index(10) {
            0..=5 => format!("The {city} {mast}"),
            6 | 7 => format!("{city} {mast}"),
            8 => format!("{city} Today"),
            _ => format!("{city} News Online"),
        };
        let domain = format!("www.{}.example", slug(name.trim_start_matches("The ")));
        let style = SiteStyle {
            drop_on_weekday: rng.chance(0.45),
            thousands: match rng.weighted(&[0.55, 0.2, 0.1, 0.15]) {
                0 => Thousands::Comma,
                1 => Thousands::Space,
                2 => Thousands::Nbsp,
                _ => Thousands::Dot,
            },
            curly_quotes: rng.chance(0.35),
            keep_dateline: [0.2, 0.6, 0.9][rng.index(3)],
        };
        let mut sections: Vec<&'static str> = lex.sections.clone();
        rng.shuffle(&mut sections);
        sections.truncate(rng.range(8, 18));

        // Header: name and tagline, optional extras and cookie banner, nav.
        let h_target = rng.range(30, 120);
        let mut lines: Vec<String> = Vec::new();
        let tagline = fill(rng.pick_str(TAGLINES), &name, &city, &domain, rng);
        lines.push(format!("{name} | {tagline}"));
        if rng.chance(0.55) {
            let banner = COOKIE_BANNERS[rng.index(COOKIE_BANNERS.len())];
            if word_len(banner) + word_len(&lines[0]) + 4 <= h_target {
                lines.push(format!("{banner} Accept all | Reject all"));
            }
        }
        let mut extras: Vec<&str> = HEADER_EXTRAS.to_vec();
        rng.shuffle(&mut extras);
        let mut used: usize = lines.iter().map(|l| word_len(l)).sum();
        for e in extras {
            let e = fill(e, &name, &city, &domain, rng);
            if used + word_len(&e) + 6 <= h_target {
                used += word_len(&e);
                lines.push(e);
            }
        }
        lines.push("Subscribe | Sign in | Search".to_string());
        used += 3;
        let mut nav = String::from("Home");
        used += 1;
        for s in &sections {
            if used >= h_target {
                break;
            }
            nav.push_str(" | ");
            nav.push_str(s);
            used += 1;
        }
        let mut more: Vec<&str> = lex
            .sections
            .iter()
            .copied()
            .filter(|s| !sections.contains(s))
            .chain(NAV_EXTRAS.iter().copied())
            .collect();
        rng.shuffle(&mut more);
        let mut more = more.into_iter();
        while used < h_target {
            nav.push_str(" | ");
            nav.push_str(more.next().unwrap_or("More"));
            used += 1;
        }
        lines.insert(1, nav);
        let header = lines.join("\n");

        // Footer: sentences, then links up to the target length.
        let f_target = rng.range(30, 120);
        let mut pieces: Vec<&str> = FOOTER_PIECES.to_vec();
        rng.shuffle(&mut pieces);
        let mut flines: Vec<String> = Vec::new();
        let mut used = 0;
        for p in pieces {
            let p = fill(p, &name, &city, &domain, rng);
            if used + word_len(&p) <= f_target.saturating_sub(6) {
                used += word_len(&p);
                flines.push(p);
            }
        }
        let mut links: Vec<&str> = FOOTER_LINKS.to_vec();
        rng.shuffle(&mut links);
        let mut link_line = String::new();
        for l in links.iter().cycle() {
            if used >= f_target {
                break;
            }
            if !link_line.is_empty() {
                link_line.push_str(" | ");
            }
            link_line.push_str(l);
            used += word_len(l);
        }
        flines.insert(0, link_line);
        let footer = flines.join("\n");

        let reporters = (0..rng.range(4, 8))
            .map(|_| names::full_name(rng, lex))
            .collect();
        let newsletter = fill(rng.pick_str(NEWSLETTER_PROMPTS), &name, &city, &domain, rng);
        Site {
            key: format!("site{k}"),
            name,
            domain,
            city,
            header,
            footer,
            style,
            reporters,
            newsletter,
            sections,
            next: 0,
        }
    }

    /// Next document id on this site ("site17/000123").
    pub fn next_id(&mut self) -> String {
        self.next += 1;
        format!("{}/{:06}", self.key, self.next)
    }

    /// Sponsored-link lines for heavy chrome.
    pub fn sponsored(&self, rng: &mut Rng, n: usize) -> Vec<String> {
        (0..n)
            .map(|_| {
                let p = rng.pick(SPONSORED);
                fill(p, &self.name, &self.city, &self.domain, rng)
            })
            .collect()
    }
}

impl Wire {
    /// Wire agency `k` (1-based).
    pub fn generate(k: usize, rng: &mut Rng, lex: &Lexicon) -> Wire {
        let name = WIRE_NAMES[(k - 1) % WIRE_NAMES.len()];
        Wire {
            key: format!("wire{k}"),
            name,
            domain: format!("www.{}.example", slug(name)),
            dash: ["-", "-", "\u{2014}", "--"][(k - 1) % 4],
            staff: (0..12).map(|_| names::full_name(rng, lex)).collect(),
            next: 0,
        }
    }

    /// Next document id of this agency.
    pub fn next_id(&mut self) -> String {
        self.next += 1;
        format!("{}/{:06}", self.key, self.next)
    }

    /// Dateline prefix: "NEW HALVERSTON (Meridian Press) - ".
    pub fn dateline(&self, place: &str) -> String {
        format!("{} ({}) {} ", place.to_uppercase(), self.name, self.dash)
    }

    /// Credit line: "(Reporting by A; Editing by B)".
    pub fn credit(&self, rng: &mut Rng) -> String {
        let a = rng.pick(&self.staff);
        let b = rng.pick(&self.staff);
        match rng.index(3) {
            0 => format!("(Reporting by {a}; Editing by {b})"),
            1 => format!("(Reporting by {a}; Additional reporting by {b})"),
            _ => format!("Copyright 2026 {}. All rights reserved.", self.name),
        }
    }
}
