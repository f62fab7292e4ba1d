//! The library's error type.
//!
//! Messages name the setting by its field in [`crate::params::Params`]
//! (`threshold`, `num_perm`); the command line maps those names to its flags
//! (`--threshold`), a Python binding to its keyword arguments.

use crate::corpus::SkipReason;
use std::fmt;

/// What can go wrong in the library.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A setting is out of its range.
    InvalidSetting {
        /// The field of [`crate::params::Params`] (`spin.threshold` for the
        /// spin view's).
        setting: &'static str,
        /// The value given.
        value: String,
        /// What it must be.
        expected: String,
    },
    /// A document could not be indexed (empty, too short ...).
    Skipped {
        /// Its id.
        id: String,
        /// Why.
        reason: SkipReason,
    },
    /// A document with this id is already in the index.
    DuplicateId(String),
    /// No document with this id is in the index.
    UnknownId(String),
    /// Settings that change the signatures differ from those the index was
    /// signed with (the named one): sign again instead.
    IncompatibleSettings(&'static str),
}

impl Error {
    /// The setting an [`Error::InvalidSetting`] or
    /// [`Error::IncompatibleSettings`] names.
    pub fn setting(&self) -> Option<&'static str> {
        match self {
            Error::InvalidSetting { setting, .. } | Error::IncompatibleSettings(setting) => {
                Some(setting)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidSetting {
                setting,
                value,
                expected,
            } => write!(f, "{setting} must be {expected}, got {value}"),
            Error::Skipped { id, reason } => write!(f, "document {id:?} not indexed: {reason}"),
            Error::DuplicateId(id) => write!(f, "a document with id {id:?} is already indexed"),
            Error::UnknownId(id) => write!(f, "no document with id {id:?} in the index"),
            Error::IncompatibleSettings(s) => write!(
                f,
                "{s} differs from the setting the signatures were made with: sign the documents again"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
