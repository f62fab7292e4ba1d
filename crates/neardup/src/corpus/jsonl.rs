//! One JSON Lines record to a [`Record`], picking fields by configurable name.
//!
//! Only the id, text, date and site fields are decoded; every other field is skipped
//! without allocating. Strings without escapes are borrowed from the line.

use super::{parse_date, Location, Record, SkipReason};
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
enum Scalar<'a> {
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

#[derive(Default)]
struct Fields<'a> {
    id: Option<Scalar<'a>>,
    text: Option<Scalar<'a>>,
    date: Option<Scalar<'a>>,
    site: Option<Scalar<'a>>,
    is_object: bool,
}

struct RecordVisitor<'f> {
    names: &'f FieldNames,
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
            let slot = if k == self.names.text {
                &mut out.text
            } else if k == self.names.id {
                out.id = Some(id_scalar(map.next_value::<&RawValue>()?)?);
                continue;
            } else if k == self.names.date {
                &mut out.date
            } else if k == self.names.site {
                &mut out.site
            } else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            *slot = Some(map.next_value_seed(ScalarSeed)?);
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
    let mut de = serde_json::Deserializer::from_str(line);
    let visitor = RecordVisitor { names: fields };
    let parsed =
        de::Deserializer::deserialize_any(&mut de, visitor).and_then(|f| de.end().map(|_| f));
    let f = match parsed {
        Ok(f) => f,
        Err(e) => return Err((None, SkipReason::MalformedJson(e.to_string()))),
    };
    if !f.is_object {
        return Err((None, SkipReason::NotAnObject));
    }
    let (id, id_from_location) = match f.id {
        Some(Scalar::Str(s)) if s.is_empty() => return Err((None, SkipReason::EmptyId)),
        Some(Scalar::Str(s)) => (s, false),
        Some(Scalar::Number(n)) => (Cow::Owned(n), false),
        Some(Scalar::Other(t)) => return Err((None, SkipReason::BadId(t))),
        None => (Cow::Owned(fallback_id()), true),
    };
    let text = match f.text {
        Some(Scalar::Str(s)) => s,
        Some(Scalar::Number(_)) => {
            return Err((Some(id.into_owned()), SkipReason::TextNotString("a number")))
        }
        Some(Scalar::Other(t)) => {
            return Err((Some(id.into_owned()), SkipReason::TextNotString(t)))
        }
        None => return Err((Some(id.into_owned()), SkipReason::MissingText)),
    };
    let (date, bad_date) = match f.date {
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
        site: match f.site {
            Some(Scalar::Str(s)) => Some(s),
            _ => None,
        },
        id_from_location,
        bad_date,
        location,
        sample_hash: 0,
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
    fn unparsable_date_is_flagged_not_fatal() {
        let r = parse(r#"{"id":"a","text":"x","date":"last week"}"#).unwrap();
        assert!(r.bad_date && r.date.is_none());
    }
}
