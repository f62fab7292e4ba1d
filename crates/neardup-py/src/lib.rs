//! Python bindings of neardup: the extension module `neardup._neardup`,
//! wrapped by the package in `python/neardup` (which holds the documented
//! API and the type stubs).
//!
//! Tables cross from pyarrow into Rust through the Arrow C data interface
//! (no copy of the texts); the work runs with the GIL released, on rayon's
//! threads, under the same rules as the `neardup` command: the same
//! boilerplate sample while the texts are under the sample size, the same
//! signing, verification, stars and spin view, the same rows
//! ([`neardup::rows`]). Settings are the library's field names
//! (`threshold`, `num_perm`, `bands`/`rows` ...), so errors name what the
//! caller typed.

mod columns;
mod settings;
mod stages;

use arrow::pyarrow::PyArrowType;
use arrow_array::RecordBatch;
use columns::{RecordColumns, Skipped};
use neardup::boilerplate::sample_boilerplate_of_part;
use neardup::corpus::sample::TopUpDepths;
use neardup::index::{Document, Index};
use neardup::rows::arrow::docs_batch;
use neardup::rows::DocRows;
use neardup::shingle::Boilerplate;
use neardup::Params;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

pyo3::create_exception!(
    _neardup,
    NeardupError,
    PyValueError,
    "A setting or an input neardup cannot use; the message names it."
);

/// A library error as the Python exception.
fn py_err(e: impl std::fmt::Display) -> PyErr {
    NeardupError::new_err(e.to_string())
}

/// Clusters the rows of `batches` (see `neardup.cluster`): the
/// per-document rows as one record batch, and the rows left out as
/// `(id, code, message)`.
#[pyfunction]
#[pyo3(signature = (batches, id_field, text_field, date_field=None, url_field=None, settings=None))]
fn cluster(
    py: Python<'_>,
    batches: Vec<PyArrowType<RecordBatch>>,
    id_field: &str,
    text_field: &str,
    date_field: Option<&str>,
    url_field: Option<&str>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<(PyArrowType<RecordBatch>, Vec<Skipped>)> {
    let params = settings::params_from(settings)?;
    let batches: Vec<RecordBatch> = batches.into_iter().map(|b| b.0).collect();
    let columns =
        RecordColumns::of(&batches, id_field, text_field, date_field, url_field).map_err(py_err)?;
    let (rows, skipped) = py
        .allow_threads(|| {
            let (docs, skipped) = columns.records().documents();
            let docs: Vec<_> = docs.into_iter().map(|(_, d)| d).collect();
            let mut skipped: Vec<Skipped> = skipped.into_iter().map(|(_, s)| s).collect();
            let boilerplate = learn_boilerplate(&docs, &params, None, None);
            let mut index = Index::with_boilerplate(params, boilerplate);
            skipped.extend(index.extend_skipping(docs).iter().map(columns::skipped_row));
            let clusters = index.clusters();
            let rows = DocRows::new(&clusters.docs, &clusters.clustering);
            docs_batch(rows.iter()).map(|b| (b, skipped))
        })
        .map_err(py_err)?;
    Ok((PyArrowType(rows), skipped))
}

/// The boilerplate of `docs` as the command learns it: sampled from the
/// texts (all of them while they are under the sample size), unless
/// `max_df` turns it off. `total_text`: the text of the whole corpus
/// when `docs` are the parts' sampled rows only (None: `docs` are all);
/// `top_up`: the whole corpus's top-up depths then (None: found from `docs`).
fn learn_boilerplate(
    docs: &[Document<'_>],
    params: &Params,
    total_text: Option<u64>,
    top_up: Option<TopUpDepths>,
) -> Boilerplate {
    if params.max_df >= 1.0 {
        return Boilerplate::default();
    }
    let sample: Vec<(&str, Option<&str>)> = docs.iter().map(|d| (d.text, d.url)).collect();
    let total = total_text.unwrap_or_else(|| sample.iter().map(|(t, _)| t.len() as u64).sum());
    sample_boilerplate_of_part(&sample, total, top_up, params).set
}

/// Explains two texts (see `neardup.explain`): the JSON that `neardup
/// explain --format json` prints.
#[pyfunction]
#[pyo3(signature = (text_a, text_b, settings=None))]
fn explain(
    py: Python<'_>,
    text_a: &str,
    text_b: &str,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let params = settings::params_from(settings)?;
    py.allow_threads(|| {
        let e = neardup::explain::explain(text_a, text_b, &params);
        let mut out = Vec::new();
        neardup_words::explain_json::write(&e, &mut out).map_err(py_err)?;
        String::from_utf8(out).map_err(py_err)
    })
}

/// The extension module.
#[pymodule]
fn _neardup(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(cluster, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(stages::boilerplate, m)?)?;
    m.add_function(wrap_pyfunction!(stages::text_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(stages::sample_mask, m)?)?;
    m.add_function(wrap_pyfunction!(stages::sample_keys, m)?)?;
    m.add_function(wrap_pyfunction!(stages::sample_cut, m)?)?;
    m.add_function(wrap_pyfunction!(stages::sample_depths, m)?)?;
    m.add_function(wrap_pyfunction!(stages::sample_settings, m)?)?;
    m.add_function(wrap_pyfunction!(stages::sign, m)?)?;
    m.add_function(wrap_pyfunction!(stages::verify, m)?)?;
    m.add_function(wrap_pyfunction!(stages::components, m)?)?;
    m.add_function(wrap_pyfunction!(stages::spin_bands, m)?)?;
    m.add_function(wrap_pyfunction!(stages::spin_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(stages::schemas, m)?)?;
    m.add("NeardupError", m.py().get_type::<NeardupError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
