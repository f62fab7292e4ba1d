//! One JSON Lines record to a [`Record`], picking fields by configurable name.
//!
//! Only the id, text, date and site fields are decoded; every other field is skipped
//! without allocating. Strings without escapes are borrowed from the line.
//!
//! A field name with dots is a path into nested objects: `metadata.id` is
//! the key `id` of the object under `metadata` (a key spelled `metadata.id`
//! at the top level matches too, so flat records read as before). Such an
//! object is kept as raw text while the line is parsed and read again at
//! the next level down, which costs one more pass over that object only.

use super::{jsonl_quick, parse_date, Location, Record, SkipReason};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// The names of the fields neardup reads.
#[derive(Clone, Debug)]
pub struct FieldNames {
    /// Document id (`id`).
    pub id: String,
    /// Document text (`text`).
    pub text: String,
    /// Publication date (`date`), used by the origin rule.
    pub date: String,
    /// The publishing site (`url`, whose host is used): boilerplate is
    /// what many pages of one site share.
    pub site: String,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: "id".into(),
            text: "text".into(),
            date: "date".into(),
            site: "url".into(),
        }
    }
}

/// A JSON value we care about: a string (borrowed when possible), a number
/// rendered as text, or the name of some other JSON type.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Scalar<'a> {
    Str(Cow<'a, str>),
    Number(String),
    Other(&'static str),
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::Number(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Scalar::Other("a fractional number"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Other("a boolean"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Other("null"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other("an object"))
    }
}

struct ScalarSeed;
impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// The id field's value. Read from its raw text so that an integer too
/// large for 64 bits keeps its exact digits (serde would hand it over as a
/// rounded float).
fn id_scalar<'de, E: de::Error>(raw: &'de RawValue) -> Result<Scalar<'de>, E> {
    let text = raw.get();
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Scalar::Number(text.to_owned()));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    ScalarSeed.deserialize(&mut de).map_err(E::custom)
}

struct Key<'a>(Cow<'a, str>);
impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_str(ScalarVisitor)? {
            Scalar::Str(s) => Ok(Key(s)),
            _ => Err(de::Error::custom("object key is not a string")),
        }
    }
}

/// The fields, in [`Fields::values`] order.
const ID: usize = 0;

#[derive(Default)]
struct Fields<'a> {
    /// id, text, date, site.
    values: [Option<Scalar<'a>>; 4],
    is_object: bool,
}

/// Reads the fields of one object `depth` levels below the record (0: the
/// record), looking for the fields still `wanted` there.
struct RecordVisitor<'f> {
    names: [&'f str; 4],
    depth: usize,
    wanted: [bool; 4],
}

/// Part `depth` of a dotted field name.
fn part(name: &str, depth: usize) -> Option<&str> {
    name.split('.').nth(depth)
}

impl<'de> RecordVisitor<'_> {
    /// Field `f`'s value read from its raw JSON text.
    fn leaf<E: de::Error>(f: usize, raw: &'de RawValue) -> Result<Scalar<'de>, E> {
        if f == ID {
            return id_scalar(raw);
        }
        let mut de = serde_json::Deserializer::from_str(raw.get());
        ScalarSeed.deserialize(&mut de).map_err(E::custom)
    }
}

impl<'de> Visitor<'de> for RecordVisitor<'_> {
    type Value = Fields<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Fields {
            is_object: true,
            ..Default::default()
        };
        while let Some(Key(k)) = map.next_key::<Key>()? {
            // Which fields end at this key, and which go on below it.
            let mut ends = [false; 4];
            let mut below = [false; 4];
            let mut any = false;
            for f in 0..4 {
                let name = self.names[f];
                if !self.wanted[f] {
                    continue;
                }
                if self.depth == 0 && k == name {
                    ends[f] = true;
                } else if (self.depth > 0 || name.contains('.'))
                    && part(name, self.depth) == Some(&k)
                {
                    if part(name, self.depth + 1).is_none() {
                        ends[f] = true;
                    } else {
                        below[f] = true;
                    }
                }
                any |= ends[f] || below[f];
            }
            if !any {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if !below.contains(&true) {
                // The common case: flat fields, read in one pass.
                let value = match ends.iter().position(|&e| e) {
                    Some(ID) => id_scalar(map.next_value::<&RawValue>()?)?,
                    _ => map.next_value_seed(ScalarSeed)?,
                };
                assign(&mut out.values, ends, value);
                continue;
            }
            let raw = map.next_value::<&RawValue>()?;
            for f in (0..4).filter(|&f| ends[f]) {
                out.values[f] = Some(Self::leaf(f, raw)?);
            }
            let inner = RecordVisitor {
                names: self.names,
                depth: self.depth + 1,
                wanted: below,
            };
            let mut de = serde_json::Deserializer::from_str(raw.get());
            let found =
                de::Deserializer::deserialize_any(&mut de, inner).map_err(de::Error::custom)?;
            for (f, v) in found.values.into_iter().enumerate() {
                if v.is_some() {
                    out.values[f] = v;
                }
            }
        }
        Ok(out)
    }
    // Any other top-level value: consume it and report "not an object".
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Fields::default())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Fields::default())
    }
}

/// Parses one JSON line (without its newline) into a record.
///
/// `fallback_id` is used when the record has no id field.
pub fn parse_line<'a>(
    line: &'a str,
    fields: &FieldNames,
    location: Location,
    fallback_id: impl FnOnce() -> String,
) -> Result<Record<'a>, (Option<String>, SkipReason)> {
    parse_with(line, fields, location, fallback_id, true)
}

/// [`parse_line`] without the quick reader: the reference the fuzz target
/// `parse_line` checks it against (built only under `cargo fuzz`).
#[cfg(fuzzing)]
pub fn parse_line_by_serde<'a>(
    line: &'a str,
    fields: &FieldNames,
    location: Location,
    fallback_id: impl FnOnce() -> String,
) -> Result<Record<'a>, (Option<String>, SkipReason)> {
    parse_with(line, fields, location, fallback_id, false)
}

/// [`parse_line`], trying the quick reader first when `quick` is set and
/// no field name is a dotted path.
fn parse_with<'a>(
    line: &'a str,
    fields: &FieldNames,
    location: Location,
    fallback_id: impl FnOnce() -> String,
    quick: bool,
) -> Result<Record<'a>, (Option<String>, SkipReason)> {
    let names = [&*fields.id, &*fields.text, &*fields.date, &*fields.site];
    let flat = quick && !names.iter().any(|n| n.contains('.'));
    let values = match flat
        .then(|| jsonl_quick::read_fields(line, names))
        .flatten()
    {
        Some(values) => values,
        None => serde_fields(line, names)?,
    };
    record_of(values, location, fallback_id)
}

/// Puts `value` into every field `at` marks: moved into the last, copied
/// into the others (two fields named alike). A text with escapes is owned,
/// so a copy for every field doubled every record's text in flight.
pub(super) fn assign<'a>(values: &mut [Option<Scalar<'a>>; 4], at: [bool; 4], value: Scalar<'a>) {
    let last = (0..4).rev().find(|&f| at[f]).expect("a field to fill");
    for f in (0..last).filter(|&f| at[f]) {
        values[f] = Some(value.clone());
    }
    values[last] = Some(value);
}

/// The fields of a line read by serde_json: the reference, and the reader
/// of every line the quick one leaves (`jsonl_quick`).
fn serde_fields<'a>(
    line: &'a str,
    names: [&str; 4],
) -> Result<[Option<Scalar<'a>>; 4], (Option<String>, SkipReason)> {
    let mut de = serde_json::Deserializer::from_str(line);
    let visitor = RecordVisitor {
        names,
        depth: 0,
        wanted: [true; 4],
    };
    let parsed =
        de::Deserializer::deserialize_any(&mut de, visitor).and_then(|f| de.end().map(|_| f));
    let f = match parsed {
        Ok(f) => f,
        Err(e) => return Err((None, SkipReason::MalformedJson(e.to_string()))),
    };
    if !f.is_object {
        return Err((None, SkipReason::NotAnObject));
    }
    Ok(f.values)
}

/// A record from its fields' values, or why it is not one.
fn record_of<'a>(
    [id, text, date, site]: [Option<Scalar<'a>>; 4],
    location: Location,
    fallback_id: impl FnOnce() -> String,
) -> Result<Record<'a>, (Option<String>, SkipReason)> {
    let (id, id_from_location) = match id {
        Some(Scalar::Str(s)) if s.is_empty() => return Err((None, SkipReason::EmptyId)),
        Some(Scalar::Str(s)) => (s, false),
        Some(Scalar::Number(n)) => (Cow::Owned(n), false),
        Some(Scalar::Other(t)) => return Err((None, SkipReason::BadId(t))),
        None => (Cow::Owned(fallback_id()), true),
    };
    let text = match text {
        Some(Scalar::Str(s)) => s,
        Some(Scalar::Number(_)) => {
            return Err((Some(id.into_owned()), SkipReason::TextNotString("a number")))
        }
        Some(Scalar::Other(t)) => {
            return Err((Some(id.into_owned()), SkipReason::TextNotString(t)))
        }
        None => return Err((Some(id.into_owned()), SkipReason::MissingText)),
    };
    let (date, bad_date) = match date {
        Some(Scalar::Str(s)) => match parse_date(&s) {
            Some(d) => (Some(d), false),
            None => (None, true),
        },
        Some(Scalar::Other("null")) | None => (None, false),
        Some(_) => (None, true),
    };
    Ok(Record {
        id,
        text,
        date,
        site: match site {
            Some(Scalar::Str(s)) => Some(s),
            _ => None,
        },
        id_from_location,
        bad_date,
        location,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc() -> Location {
        Location {
            source: 0,
            line: 1,
            offset: 0,
            len: 0,
        }
    }

    fn parse(line: &str) -> Result<Record<'_>, (Option<String>, SkipReason)> {
        parse_line(line, &FieldNames::default(), loc(), || "f:1".into())
    }

    #[test]
    fn reads_fields_and_ignores_others() {
        let r = parse(r#"{"url":"u","id":"a1","meta":{"x":[1,2]},"text":"Hello \"world\"","date":"2024-01-02"}"#).unwrap();
        assert_eq!(r.id, "a1");
        assert_eq!(r.text, "Hello \"world\"");
        assert!(r.date.is_some() && !r.bad_date && !r.id_from_location);
    }

    #[test]
    fn borrows_unescaped_text() {
        let r = parse(r#"{"id":"a","text":"plain words"}"#).unwrap();
        assert!(matches!(r.text, Cow::Borrowed(_)));
    }

    #[test]
    fn numeric_ids_and_fallback_ids() {
        assert_eq!(parse(r#"{"id":42,"text":"x"}"#).unwrap().id, "42");
        let r = parse(r#"{"text":"x"}"#).unwrap();
        assert_eq!(r.id, "f:1");
        assert!(r.id_from_location);
    }

    #[test]
    fn long_integer_ids_keep_their_digits_and_empty_ids_are_refused() {
        let id = "123456789012345678901234567890";
        let line = format!(r#"{{"id":{id},"text":"x"}}"#);
        assert_eq!(parse(&line).unwrap().id, id);
        assert_eq!(parse(r#"{"id":-7,"text":"x"}"#).unwrap().id, "-7");
        assert_eq!(
            parse(r#"{"id":1.5,"text":"x"}"#).unwrap_err().1,
            SkipReason::BadId("a fractional number")
        );
        assert_eq!(parse(r#"{"id":"a\"b","text":"x"}"#).unwrap().id, "a\"b");
        assert_eq!(
            parse(r#"{"id":"","text":"x"}"#).unwrap_err().1,
            SkipReason::EmptyId
        );
    }

    #[test]
    fn custom_field_names() {
        let names = FieldNames {
            id: "doc_id".into(),
            text: "body".into(),
            date: "published".into(),
            site: "source".into(),
        };
        let r = parse_line(
            r#"{"doc_id":"z","body":"b","published":"2020-01-01"}"#,
            &names,
            loc(),
            String::new,
        )
        .unwrap();
        assert_eq!((r.id.as_ref(), r.text.as_ref()), ("z", "b"));
        assert!(r.date.is_some());
    }

    #[test]
    fn problems_are_named() {
        let reason = |l| parse(l).unwrap_err().1;
        assert!(matches!(
            reason(r#"{"id":"a","text":"x""#),
            SkipReason::MalformedJson(_)
        ));
        assert!(matches!(
            reason(r#"{"id":"a"} trailing"#),
            SkipReason::MalformedJson(_)
        ));
        assert_eq!(reason(r#"[1,2]"#), SkipReason::NotAnObject);
        assert_eq!(reason(r#"{"id":"a"}"#), SkipReason::MissingText);
        assert_eq!(
            reason(r#"{"id":"a","text":null}"#),
            SkipReason::TextNotString("null")
        );
        assert_eq!(
            reason(r#"{"id":"a","text":["x"]}"#),
            SkipReason::TextNotString("an array")
        );
        assert_eq!(
            reason(r#"{"id":"a","text":3}"#),
            SkipReason::TextNotString("a number")
        );
        assert_eq!(
            reason(r#"{"id":true,"text":"x"}"#),
            SkipReason::BadId("a boolean")
        );
        let (id, _) = parse(r#"{"id":"a"}"#).unwrap_err();
        assert_eq!(id.as_deref(), Some("a"), "the id is reported when known");
    }

    #[test]
    fn dotted_names_reach_into_nested_objects() {
        let names = FieldNames {
            id: "metadata.id".into(),
            text: "content.body.text".into(),
            date: "metadata.published".into(),
            site: "metadata".into(),
        };
        let line = r#"{"metadata":{"lang":"en","id":7,"published":"2024-05-06"},"content":{"body":{"text":"deep \"words\""}},"text":"top"}"#;
        let r = parse_line(line, &names, loc(), || "f:1".into()).unwrap();
        assert_eq!((r.id.as_ref(), r.text.as_ref()), ("7", "deep \"words\""));
        assert!(r.date.is_some() && !r.id_from_location);
        // The object itself is not a site name.
        assert!(r.site.is_none());
        // A path that stops short, or runs into a non-object, is missing.
        let short = r#"{"metadata":"x","content":{"body":{"text":"t"}}}"#;
        let r = parse_line(short, &names, loc(), || "f:1".into()).unwrap();
        assert!(r.id_from_location);
        assert_eq!(
            parse_line(r#"{"content":{"body":{}}}"#, &names, loc(), String::new)
                .unwrap_err()
                .1,
            SkipReason::MissingText
        );
        // A wrong type at the end of the path is named.
        let bad = r#"{"metadata":{"id":true},"content":{"body":{"text":"t"}}}"#;
        assert_eq!(
            parse_line(bad, &names, loc(), String::new).unwrap_err().1,
            SkipReason::BadId("a boolean")
        );
        // A flat key spelled with the dots still matches.
        let flat = r#"{"metadata.id":"f","content.body.text":"t"}"#;
        let r = parse_line(flat, &names, loc(), String::new).unwrap();
        assert_eq!((r.id.as_ref(), r.text.as_ref()), ("f", "t"));
    }

    #[test]
    fn unparsable_date_is_flagged_not_fatal() {
        let r = parse(r#"{"id":"a","text":"x","date":"last week"}"#).unwrap();
        assert!(r.bad_date && r.date.is_none());
    }

    /// Random JSON for the quick reader's differential test: records with
    /// the wanted fields and others, every escape spelling, whitespace
    /// anywhere, nested values, repeated keys; `r` is a seeded
    /// xorshift.
    struct Writer(u64);
    impl Writer {
        fn r(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
        fn ws(&mut self, out: &mut String) {
            for _ in 0..self.r(4).saturating_sub(2) {
                out.push([' ', '\t', '\n', '\r'][self.r(4) as usize]);
            }
        }
        fn string(&mut self, out: &mut String) {
            const CHARS: [char; 12] = [
                'a', 'Z', ' ', '"', '\\', '/', '\n', '\u{1}', 'é', '中', '😀', '\u{7f}',
            ];
            out.push('"');
            for _ in 0..self.r(24) {
                let c = CHARS[self.r(CHARS.len() as u64) as usize];
                match (c, self.r(3)) {
                    ('"', _) => out.push_str("\\\""),
                    ('\\', _) => out.push_str("\\\\"),
                    ('\n', 0) => out.push_str("\\n"),
                    ('/', 0) => out.push_str("\\/"),
                    (c, 0) | (c @ ('\u{1}' | '\n'), _) => {
                        let mut units = [0u16; 2];
                        for u in c.encode_utf16(&mut units) {
                            if self.r(2) == 0 {
                                out.push_str(&format!("\\u{u:04x}"));
                            } else {
                                out.push_str(&format!("\\u{u:04X}"));
                            }
                        }
                    }
                    (c, _) => out.push(c),
                }
            }
            out.push('"');
        }
        /// Writes a value; true when it is a string or null, or an
        /// integer (`1`), what the quick reader takes in a wanted field.
        fn value(&mut self, out: &mut String, depth: u32) -> (bool, bool) {
            self.ws(out);
            let kind = match self.r(if depth > 3 { 6 } else { 8 }) {
                0 | 1 | 4 | 5 => {
                    self.string(out);
                    (true, false)
                }
                2 => {
                    let n = self.r(5) as usize;
                    out.push_str(["0", "-12", "99999999999999999999999", "3.5e-2", "120E+3"][n]);
                    (false, n < 3)
                }
                3 => {
                    let n = self.r(3) as usize;
                    out.push_str(["true", "false", "null"][n]);
                    (n == 2, false)
                }
                6 => {
                    out.push('[');
                    for k in 0..self.r(4) {
                        if k > 0 {
                            out.push(',');
                        }
                        self.value(out, depth + 1);
                    }
                    self.ws(out);
                    out.push(']');
                    (false, false)
                }
                _ => {
                    self.object(out, depth + 1);
                    (false, false)
                }
            };
            self.ws(out);
            kind
        }
        /// Writes an object; true when the quick reader must take it (as
        /// the record: no escaped key, every wanted field's value plain).
        fn object(&mut self, out: &mut String, depth: u32) -> bool {
            const KEYS: [&str; 7] = ["id", "text", "date", "url", "title", "te\\u0078t", ""];
            let mut quick = true;
            out.push('{');
            for k in 0..self.r(7) {
                if k > 0 {
                    out.push(',');
                }
                self.ws(out);
                let key = self.r(KEYS.len() as u64) as usize;
                out.push('"');
                out.push_str(KEYS[key]);
                out.push('"');
                self.ws(out);
                out.push(':');
                let (plain, integer) = self.value(out, depth);
                quick &= match key {
                    0 => plain || integer,
                    1..=3 => plain,
                    5 => false,
                    _ => true,
                };
            }
            self.ws(out);
            out.push('}');
            quick
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// On every line the quick reader accepts it gives what serde_json
        /// gives; lines are written at random and then, half of them,
        /// damaged (a byte cut, a special byte put in, the end cut off).
        #[test]
        fn the_quick_reader_agrees_with_serde(seed in 1u64.., cut in 0usize..400, put in 0usize..8, how in 0u8..5) {
            let mut w = Writer(seed);
            let mut line = String::new();
            w.ws(&mut line);
            let takes = w.object(&mut line, 0);
            w.ws(&mut line);
            // Damage lands anywhere, or (how 4) just before a bracket,
            // comma, quote or digit, where a slip is likeliest to pass.
            let at: Vec<usize> = if how == 4 {
                line.match_indices(|c: char| "}],\"0123456789".contains(c)).map(|(i, _)| i).collect()
            } else {
                line.char_indices().map(|(i, _)| i).collect()
            };
            let cut = (!at.is_empty()).then(|| at[cut % at.len()]);
            match (how, cut) {
                (1, Some(at)) => {
                    line.remove(at);
                }
                (2 | 4, Some(at)) => line.insert(at, ['"', '\\', ',', '}', ']', '\u{1}', 'u', '0'][put]),
                (3, Some(at)) => line.truncate(at),
                _ => {}
            }
            let names = ["id", "text", "date", "url"];
            let quick = jsonl_quick::read_fields(&line, names);
            let reference = serde_fields(&line, names);
            if let Some(values) = quick {
                proptest::prop_assert_eq!(Ok(values), reference, "{}", line);
            } else {
                proptest::prop_assert!(how != 0 || !takes, "refused {}", line);
            }
        }
    }
}
