//! How neardup words what it found, kept apart from the engine (which
//! returns codes and numbers) so that every front end says the same thing:
//!
//! * [`reasons`]: a verdict, an origin step, a kind of wire credit and why
//!   an origin was chosen, in English;
//! * [`explain_json`]: the JSON of `neardup explain --format json`, which
//!   the Python package's `neardup.explain` returns too.

pub mod explain_json;
pub mod reasons;
