//! Dates for the origin rule: ISO 8601 / RFC 3339 prefixes to Unix seconds.

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn num(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(s).ok()?.parse().ok()
}

/// Parses `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` (or a
/// space instead of `T`) and `Z` or `±HH:MM`. Returns Unix seconds (UTC).
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86_400;
    let rest = &b[10..];
    if rest.is_empty() {
        return Some(secs);
    }
    if rest[0] != b'T' && rest[0] != b' ' || rest.len() < 6 || rest[3] != b':' {
        return None;
    }
    let (hh, mm) = (num(&rest[1..3])?, num(&rest[4..6])?);
    let mut i = 6;
    let mut ss = 0;
    if rest.len() >= 9 && rest[6] == b':' {
        ss = num(&rest[7..9])?;
        i = 9;
        if rest.len() > i && rest[i] == b'.' {
            i += 1;
            while i < rest.len() && rest[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    secs += hh * 3600 + mm * 60 + ss;
    let tz = &rest[i..];
    match tz {
        [] | [b'Z'] | [b'z'] => Some(secs),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let off = num(&[*h1, *h2])? * 3600 + num(&[*m1, *m2])? * 60;
            Some(if *sign == b'+' {
                secs - off
            } else {
                secs + off
            })
        }
        _ => None,
    }
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
