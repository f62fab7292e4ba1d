//! Generated proper names: people, places, countries, organisations, and
//! number/date formatting helpers shared by the writers.

use crate::lexicon::Lexicon;
use crate::rng::Rng;

/// A generated place name ("Halverston", "Port Ardley").
pub fn place(rng: &mut Rng, lex: &Lexicon) -> String {
    let mut s = String::new();
    if rng.chance(0.15) {
        s.push_str(rng.pick_str(&lex.place_prefixes));
        s.push(' ');
    }
    s.push_str(rng.pick_str(&lex.place_heads));
    s.push_str(rng.pick_str(&lex.place_tails));
    s
}

/// A generated country name ("Valdoria").
pub fn country(rng: &mut Rng, lex: &Lexicon) -> String {
    let head = rng.pick(&lex.place_heads);
    let tail = rng.pick(&lex.country_tails);
    // Avoid a doubled vowel at the joint ("Osto" + "ora").
    let head = head.trim_end_matches(['a', 'e', 'i', 'o', 'u']);
    let head = if head.len() < 2 { "Val" } else { head };
    format!("{head}{tail}")
}

/// A person's name: (first, last, female).
pub fn person(rng: &mut Rng, lex: &Lexicon) -> (String, String, bool) {
    let female = rng.chance(0.5);
    let first = if female {
        rng.pick(&lex.first_f)
    } else {
        rng.pick(&lex.first_m)
    };
    let last = rng.pick(&lex.surnames);
    (first.to_string(), last.to_string(), female)
}

/// A full name as one string.
pub fn full_name(rng: &mut Rng, lex: &Lexicon) -> String {
    let (f, l, _) = person(rng, lex);
    format!("{f} {l}")
}

/// Fills an organisation pattern (`{PL}`, `{REG}`, `{SUR}`).
pub fn organisation(
    pattern: &str,
    place: &str,
    country: &str,
    rng: &mut Rng,
    lex: &Lexicon,
) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('}') else {
            break;
        };
        match &rest[i + 1..i + j] {
            "PL" => out.push_str(place),
            "REG" => out.push_str(country),
            _ => out.push_str(rng.pick_str(&lex.surnames)),
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

/// Number words used for values below ten (news style).
pub const SMALL_NUMBERS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// Appends `n` with comma thousands separators ("12,000").
pub fn push_thousands(out: &mut String, n: u64) {
    let digits = n.to_string();
    let len = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
}

/// `n` with comma thousands separators.
pub fn thousands(n: u64) -> String {
    let mut s = String::new();
    push_thousands(&mut s, n);
    s
}

/// Appends a count in news style: words below ten, digits above.
pub fn push_count(out: &mut String, n: u64) {
    if n < 10 {
        out.push_str(SMALL_NUMBERS[n as usize]);
    } else {
        push_thousands(out, n);
    }
}

/// A plausible count for a fact: small, medium or large, rounded the way
/// reporters round.
pub fn fact_value(rng: &mut Rng) -> u64 {
    match rng.index(10) {
        0..=2 => rng.range_u64(3, 60),
        3..=5 => rng.range_u64(12, 99) * 10 + if rng.chance(0.4) { rng.below(10) } else { 0 },
        6..=8 => rng.range_u64(11, 99) * 100,
        _ => rng.range_u64(11, 450) * 1000,
    }
}

/// A money amount ("$4.5 million", "€120 million", "$850,000").
pub fn money(rng: &mut Rng) -> String {
    let cur = rng.weighted(&[0.5, 0.2, 0.15, 0.15]);
    let mut amount = String::new();
    match rng.index(4) {
        0 => {
            push_thousands(&mut amount, rng.range_u64(15, 990) * 1000);
        }
        1 | 2 => {
            let whole = rng.range_u64(1, 950);
            amount.push_str(&whole.to_string());
            if whole < 20 && rng.chance(0.6) {
                amount.push('.');
                amount.push_str(&rng.range_u64(1, 9).to_string());
            }
            amount.push_str(" million");
        }
        _ => {
            amount.push_str(&rng.range_u64(1, 30).to_string());
            if rng.chance(0.5) {
                amount.push('.');
                amount.push_str(&rng.range_u64(1, 9).to_string());
            }
            amount.push_str(" billion");
        }
    }
    match cur {
        0 => format!("${amount}"),
        1 => format!("€{amount}"),
        2 => format!("£{amount}"),
        _ => format!("{amount} crowns"),
    }
}

/// A percentage ("37 percent", "4.2 percent", "12%").
pub fn percent(rng: &mut Rng) -> String {
    let whole = rng.range_u64(1, 89);
    let mut s = whole.to_string();
    if whole < 15 && rng.chance(0.5) {
        s.push('.');
        s.push_str(&rng.range_u64(1, 9).to_string());
    }
    if rng.chance(0.15) {
        s.push('%');
    } else {
        s.push_str(" percent");
    }
    s
}

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Month names.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date (year, month 1-12, day 1-31) of days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Weekday index (0 = Monday) of days since 1970-01-01.
pub fn weekday(days: i64) -> usize {
    // 1970-01-01 was a Thursday.
    ((days + 3).rem_euclid(7)) as usize
}

/// ISO 8601 UTC timestamp of minutes since 1970-01-01 ("2026-03-14T09:30:00Z").
pub fn iso_timestamp(minutes: i64) -> String {
    let days = minutes.div_euclid(1440);
    let mins = minutes.rem_euclid(1440);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:00Z", mins / 60, mins % 60)
}
