//! Text normalisation and tokenisation.
//!
//! A token is a maximal run of alphanumeric characters (plus combining marks,
//! so decomposed accents stay inside their word), except in the scripts
//! written without spaces (Chinese, Japanese, Thai...), where each character
//! is a token ([`is_unspaced`]; a document made mostly of such characters is
//! shingled by characters, see [`Script`]). Each token is normalised
//! (Unicode NFKC, then lowercase) and hashed with xxh3; the token keeps its
//! byte span in the *original* text so that the reporter can point at it.
//!
//! Word boundaries are found sixteen bytes at a time (`classify`); an ASCII
//! word of up to 15 bytes is lowercased and hashed from those bytes without
//! a byte loop. NFKC is only run on tokens that contain non-ASCII characters
//! (NFKC leaves ASCII unchanged, so the result is the same).

mod classify;
mod immutables;
mod tokenize;

pub use immutables::{for_each_immutable, ImmutableWords};
pub use tokenize::{
    for_each_token, is_unspaced, normalize_token, tokenize, word_hash, Script, Token,
};
