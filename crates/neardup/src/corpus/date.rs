//! Dates for the origin rule, to Unix seconds.
//!
//! Parsing is strict (the `jiff` crate): an impossible date such as
//! `2026-02-31` is a bad date, never moved to the next valid one, because
//! dates decide which copy is the origin. Accepted: RFC 3339 / ISO 8601
//! (`2026-03-14T14:10:00Z`, with an offset, or without one: UTC), a date
//! alone (`2026-03-14`, midnight UTC), RFC 2822 (`Sat, 14 Mar 2026 14:10:00
//! +0000`, as in RSS), and the long forms news sites print (`March 14, 2026`,
//! `14 March 2026`).

use jiff::civil::{Date, DateTime};
use jiff::{fmt::strtime, tz::TimeZone, Timestamp};

/// Written forms of a date alone, as news pages print them.
const NEWS_DATES: [&str; 4] = ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y"];

/// Unix seconds of a civil date-time read as UTC.
fn utc(dt: DateTime) -> Option<i64> {
    Some(dt.to_zoned(TimeZone::UTC).ok()?.timestamp().as_second())
}

/// Unix seconds of 0001-01-01 and of 9999-12-31T23:59:59: the years
/// [`format_date`] writes with four digits. Anything outside is no date a
/// page was published on.
const YEARS_1_TO_9999: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;

/// Parses a date (see the module documentation); None when it is not one
/// of the accepted forms, is not a real date, or is outside years 1-9999.
pub fn parse_date(s: &str) -> Option<i64> {
    parse_any(s.trim()).filter(|t| YEARS_1_TO_9999.contains(t))
}

fn parse_any(s: &str) -> Option<i64> {
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t.as_second());
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return utc(dt);
    }
    if let Ok(d) = s.parse::<Date>() {
        return utc(d.to_datetime(jiff::civil::Time::midnight()));
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.timestamp().as_second());
    }
    news_date(s)
}

/// `March 14, 2026` and the like: words, single spaces, a comma, and a
/// four-digit year last (strftime parsing alone would take any white space
/// and a year of one digit).
fn news_date(s: &str) -> Option<i64> {
    let plain = s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b',');
    let year = s.rsplit(' ').next()?;
    if !plain || s.contains("  ") || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NEWS_DATES.iter().find_map(|f| {
        let d = strtime::parse(f, s).ok()?.to_date().ok()?;
        utc(d.to_datetime(jiff::civil::Time::midnight()))
    })
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn parses_common_forms() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("1970-01-02T00:00:00Z"), Some(86_400));
        assert_eq!(
            parse_date("2024-03-01 10:00"),
            parse_date("2024-03-01T10:00:00Z")
        );
        assert_eq!(
            parse_date("2024-03-01T12:00:00+02:00"),
            parse_date("2024-03-01T10:00:00Z")
        );
        assert_eq!(
            parse_date("2024-03-01T10:00:00.123Z"),
            parse_date("2024-03-01T10:00:00Z")
        );
        assert!(parse_date("2024-02-29").unwrap() < parse_date("2024-03-01").unwrap());
    }

    #[test]
    fn parses_rfc2822_and_news_forms() {
        let want = parse_date("2026-03-14T14:10:00Z");
        assert_eq!(parse_date("Sat, 14 Mar 2026 14:10:00 +0000"), want);
        assert_eq!(parse_date("Sat, 14 Mar 2026 15:10:00 +0100"), want);
        assert_eq!(parse_date("2026-03-14 14:10:00"), want);
        let day = parse_date("2026-03-14");
        assert_eq!(parse_date("March 14, 2026"), day);
        assert_eq!(parse_date("14 March 2026"), day);
        assert_eq!(parse_date("Mar 14, 2026"), day);
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in [
            "2026-02-31",
            "2026-02-29",
            "2026-04-31T10:00:00Z",
            "2026-02-30 10:00",
            "Tue, 31 Feb 2026 10:00:00 +0000",
            "February 30, 2026",
            "3\n\n\nmAy\n\n-\u{c}\u{c}3  ",
            "3 May 3",
            "-0003-05-03",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert!(parse_date("2024-02-29").is_some(), "a leap day");
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "yesterday",
            "2024-13-01",
            "2024/03/01",
            "2024-03-01T25:00",
            "2024-03-01Tnoon",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}

/// Civil date of a day number since 1970-01-01 (inverse of `days_from_civil`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_date(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in [
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z",
            "1969-12-31T12:00:00Z",
            "2026-11-23T18:31:45Z",
        ] {
            assert_eq!(format_date(parse_date(s).unwrap()), s);
        }
    }
}
