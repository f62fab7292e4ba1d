//! Keyword settings to [`Params`]: the library's field names, datasketch's
//! vocabulary where it has one (`threshold`, `num_perm`, `bands` and
//! `rows`). The profile is applied first, so that explicit settings win.

use crate::py_err;
use neardup::{Params, Profile};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The settings a keyword dictionary names, checked.
pub fn params_from(settings: Option<&Bound<'_, PyDict>>) -> PyResult<Params> {
    let mut b = Params::builder();
    let Some(settings) = settings else {
        return b.build().map_err(py_err);
    };
    if let Some(p) = settings.get_item("profile")? {
        b = b.profile(match p.extract::<String>()?.as_str() {
            "article" => Profile::Article,
            "whole-text" | "whole_text" => Profile::WholeText,
            other => {
                return Err(py_err(format!(
                    "profile must be \"article\" or \"whole-text\", got {other:?}"
                )))
            }
        });
    }
    let (mut bands, mut rows) = (None, None);
    for (key, value) in settings.iter() {
        let key: String = key.extract()?;
        b = match key.as_str() {
            "profile" => b,
            "threshold" => b.threshold(value.extract()?),
            "containment" => b.containment(value.extract()?),
            "excerpts" => b.excerpts(value.extract()?),
            "num_perm" => b.num_perm(value.extract()?),
            "shingle_size" => b.shingle_size(value.extract()?),
            "char_shingle_size" => b.char_shingle_size(value.extract()?),
            "lsh_threshold" => b.lsh_threshold(value.extract()?),
            "seed" => b.seed(value.extract()?),
            "min_words" => b.min_words(value.extract()?),
            "spin" => b.spin(value.extract()?),
            "df_sample_bytes" => b.df_sample_bytes(value.extract()?),
            "site_sample_pages" => b.site_sample_pages(value.extract()?),
            "site_sample_bytes" => b.site_sample_bytes(value.extract()?),
            "site_sample_share" => b.site_sample_share(value.extract()?),
            "max_df" => b.max_df(value.extract()?),
            "min_df_count" => b.min_df_count(value.extract()?),
            "site_min_df" => b.site_min_df(value.extract()?),
            "site_min_share" => b.site_min_share(value.extract()?),
            "max_align_bytes" => b.max_align_bytes(value.extract()?),
            "bands" => {
                bands = Some(value.extract::<usize>()?);
                b
            }
            "rows" => {
                rows = Some(value.extract::<usize>()?);
                b
            }
            other => {
                return Err(PyTypeError::new_err(format!(
                    "unknown setting {other:?} (known: {})",
                    KNOWN.join(", ")
                )))
            }
        };
    }
    match (bands, rows) {
        (Some(bands), Some(rows)) => b = b.bands_rows(bands, rows),
        (None, None) => {}
        _ => return Err(py_err("bands and rows must be given together")),
    }
    b.build().map_err(py_err)
}

/// Every setting `params_from` reads.
const KNOWN: &[&str] = &[
    "profile",
    "threshold",
    "containment",
    "excerpts",
    "num_perm",
    "bands",
    "rows",
    "lsh_threshold",
    "shingle_size",
    "char_shingle_size",
    "min_words",
    "seed",
    "spin",
    "df_sample_bytes",
    "site_sample_pages",
    "site_sample_bytes",
    "site_sample_share",
    "max_df",
    "min_df_count",
    "site_min_df",
    "site_min_share",
    "max_align_bytes",
];
