//! A skip reason taken apart into plain values and put together again, so
//! that a stage file can store the records a shard skipped and a later
//! stage report them exactly as the one-command run would.

use super::SkipReason;
use crate::text::Script;
use std::collections::BTreeSet;
use std::sync::Mutex;

/// A [`SkipReason`] as plain values: its code, an optional text and two
/// numbers (which ones depend on the code).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReasonParts {
    /// [`SkipReason::code`].
    pub code: String,
    /// The reason's text: a message, a JSON type, a place, a script.
    pub text: Option<String>,
    /// Its first number (bytes, words, a byte offset), or 0.
    pub a: u64,
    /// Its second number (a limit), or 0.
    pub b: u64,
}

impl SkipReason {
    /// This reason as plain values ([`SkipReason::from_parts`] undoes it).
    pub fn parts(&self) -> ReasonParts {
        let text = |t: &str| Some(t.to_string());
        let (t, a, b) = match self {
            SkipReason::MalformedJson(m) => (text(m), 0, 0),
            SkipReason::TextNotString(t) | SkipReason::BadId(t) => (text(t), 0, 0),
            SkipReason::DirectoryLoop(s)
            | SkipReason::Unreadable(s)
            | SkipReason::NotADocument(s) => (text(s), 0, 0),
            SkipReason::DuplicateId { first } => (text(first), 0, 0),
            SkipReason::TooLarge { bytes, max } => (None, *bytes, *max),
            SkipReason::InvalidUtf8(at) => (None, *at as u64, 0),
            SkipReason::TooShort { words, min, script } => {
                let s = match script {
                    Script::Words => "words",
                    Script::Characters => "characters",
                };
                (text(s), *words as u64, *min as u64)
            }
            SkipReason::NotAnObject
            | SkipReason::MissingText
            | SkipReason::EmptyId
            | SkipReason::Empty
            | SkipReason::HtmlNotExtracted => (None, 0, 0),
        };
        ReasonParts {
            code: self.code().to_string(),
            text: t,
            a,
            b,
        }
    }

    /// The reason [`SkipReason::parts`] took apart (None for a code this
    /// version does not know).
    pub fn from_parts(p: &ReasonParts) -> Option<SkipReason> {
        let text = || p.text.clone().unwrap_or_default();
        Some(match p.code.as_str() {
            "malformed_json" => SkipReason::MalformedJson(text()),
            "not_an_object" => SkipReason::NotAnObject,
            "missing_text" => SkipReason::MissingText,
            "text_not_string" => SkipReason::TextNotString(intern(&text())),
            "bad_id" => SkipReason::BadId(intern(&text())),
            "empty_id" => SkipReason::EmptyId,
            "too_large" => SkipReason::TooLarge {
                bytes: p.a,
                max: p.b,
            },
            "directory_loop" => SkipReason::DirectoryLoop(text()),
            "invalid_utf8" => SkipReason::InvalidUtf8(p.a as usize),
            "empty" => SkipReason::Empty,
            "too_short" => SkipReason::TooShort {
                words: p.a as usize,
                min: p.b as usize,
                script: match p.text.as_deref() {
                    Some("characters") => Script::Characters,
                    _ => Script::Words,
                },
            },
            "duplicate_id" => SkipReason::DuplicateId { first: text() },
            "unreadable" => SkipReason::Unreadable(text()),
            "not_a_document" => SkipReason::NotADocument(text()),
            "html_not_extracted" => SkipReason::HtmlNotExtracted,
            _ => return None,
        })
    }
}

/// The `'static` copy of a JSON type's name: the few names a reader uses
/// (`a number`, `null`), each leaked once however many records name it.
fn intern(s: &str) -> &'static str {
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&n) = names.get(s) {
        return n;
    }
    let n: &'static str = Box::leak(s.into());
    names.insert(n);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_comes_back_from_its_parts() {
        let all = [
            SkipReason::MalformedJson("EOF at 3".into()),
            SkipReason::NotAnObject,
            SkipReason::MissingText,
            SkipReason::TextNotString("an array"),
            SkipReason::BadId("a boolean"),
            SkipReason::EmptyId,
            SkipReason::TooLarge { bytes: 9, max: 4 },
            SkipReason::DirectoryLoop("a/b".into()),
            SkipReason::InvalidUtf8(17),
            SkipReason::Empty,
            SkipReason::TooShort {
                words: 3,
                min: 20,
                script: Script::Characters,
            },
            SkipReason::DuplicateId {
                first: "x.jsonl:4".into(),
            },
            SkipReason::Unreadable("denied".into()),
            SkipReason::NotADocument("request".into()),
            SkipReason::HtmlNotExtracted,
        ];
        for r in all {
            let back = SkipReason::from_parts(&r.parts());
            assert_eq!(back.as_ref(), Some(&r));
            assert_eq!(back.unwrap().to_string(), r.to_string());
        }
        let unknown = ReasonParts {
            code: "from_the_future".into(),
            ..ReasonParts::default()
        };
        assert_eq!(SkipReason::from_parts(&unknown), None);
    }
}
