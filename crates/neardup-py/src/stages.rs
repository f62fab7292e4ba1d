//! The staged pipeline over Arrow batches (`neardup.boilerplate`, `sign`,
//! `verify`, `components`): the contracts of the command's stage files
//! ([`neardup::stages::arrow`]), so that an engine such as Spark can run
//! each stage inside its own tasks (docs/distributed.md).
//!
//! A document is named across stages by a key the caller gives (an integer
//! column, e.g. the row number or Spark's `monotonically_increasing_id()`):
//! keys order records as they were read, so among repeated ids the
//! smallest key is the one kept. The key becomes the document's
//! [`Location`] (source and line, [`doc_key`]), and the texts handed back
//! to `verify` and `components` are found by it.

use crate::columns::{Column, Kind, RecordColumns};
use crate::{learn_boilerplate, py_err, settings};
use arrow::pyarrow::PyArrowType;
use arrow_array::cast::AsArray;
use arrow_array::types::UInt64Type;
use arrow_array::{Array, RecordBatch};
use arrow_schema::{ArrowError, DataType, SchemaRef};
use neardup::boilerplate::{in_sample, site_sample_budget};
use neardup::corpus::sample::{top_up_level, top_up_plan, TopUpDepths};
use neardup::corpus::{FetchedTexts, Location, ReadBack, ReadBackFailure, READ_BACK_BATCH_BYTES};
use neardup::params::Params;
use neardup::rows::DocRows;
use neardup::shingle::Boilerplate;
use neardup::signing::Signer;
use neardup::stages::arrow as stage_arrow;
use neardup::stages::pairs::{corpus_band_rows, BandRow, KeyedPair};
use neardup::stages::{
    candidate_pairs_of_bands, cluster_part_owned, cluster_verified_owned, doc_key, into_id_order,
    sign_text, spin_band_rows, spin_candidates_of_bands, verify_candidates, DocKey, KeyIndex,
    SignedCorpus, LINE_BITS,
};
use neardup::stats::{NoProgress, RunStats};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

/// A row left out: its key, its id (or `row N`), the reason's code and message.
pub type SkippedRow = (u64, String, String, String);

type Batches = Vec<PyArrowType<RecordBatch>>;

fn unwrap(batches: Batches) -> Vec<RecordBatch> {
    batches.into_iter().map(|b| b.0).collect()
}

/// A batch of `schema` from its columns.
fn batch(
    schema: SchemaRef,
    columns: Vec<arrow_array::ArrayRef>,
) -> PyResult<PyArrowType<RecordBatch>> {
    RecordBatch::try_new(schema, columns)
        .map(PyArrowType)
        .map_err(py_err)
}

/// The location that carries `key` ([`doc_key`] gives it back): the line's
/// bits as the line and the offset (texts are found by `(source, offset)`).
fn location_of(key: DocKey, len: usize) -> Location {
    let line = key & ((1 << LINE_BITS) - 1);
    Location {
        source: (key >> LINE_BITS) as u32,
        line,
        offset: line,
        len: len as u64,
    }
}

/// The unsigned integers of column `name` (any integer type; no nulls, no
/// negative numbers).
fn keys_of(b: &RecordBatch, name: &str) -> Result<Vec<u64>, String> {
    let a = b
        .column_by_name(name)
        .ok_or_else(|| format!("no key column {name:?} in the batch"))?;
    if !a.data_type().is_integer() {
        return Err(format!(
            "key column {name:?} has Arrow type {}, not an integer",
            a.data_type()
        ));
    }
    if a.null_count() > 0 {
        return Err(format!("key column {name:?} has nulls"));
    }
    let u =
        arrow_cast::cast(a, &DataType::UInt64).map_err(|e| format!("key column {name:?}: {e}"))?;
    if u.null_count() > 0 {
        return Err(format!("key column {name:?} has negative keys"));
    }
    Ok(u.as_primitive::<UInt64Type>().values().to_vec())
}

/// The boilerplate set learned from `batches` (see `neardup.boilerplate`):
/// the sorted hashes as little-endian u64, to hand to every `sign` task.
/// With `total_text_bytes` (of the whole corpus, [`text_bytes`]) and
/// `top_up` (the site top-up's depths: `(depth, level, last)`, from
/// [`sample_depths`] and the running sum of [`sample_keys`]' docs),
/// `batches` need hold only the sampled rows ([`sample_keys`]: those under
/// the cut-off and the site top-up), and give the set the whole corpus
/// would. The depths are the whole corpus's: the sampled rows alone hold
/// no rank beyond them, so they would find deeper ones, and a site's bar
/// depends on its depth
/// ([`neardup::corpus::sample::SiteTopUp::may_have_more`]).
#[pyfunction]
#[pyo3(signature = (batches, id_field, text_field, url_field=None, settings=None, total_text_bytes=None, top_up=None))]
#[allow(clippy::too_many_arguments)]
pub fn boilerplate<'py>(
    py: Python<'py>,
    batches: Batches,
    id_field: &str,
    text_field: &str,
    url_field: Option<&str>,
    settings: Option<&Bound<'py, PyDict>>,
    total_text_bytes: Option<u64>,
    top_up: Option<TopUpArg>,
) -> PyResult<Bound<'py, PyBytes>> {
    let params = settings::params_from(settings)?;
    let top_up = match top_up {
        Some(arg) => Some(top_up_depths(arg, total_text_bytes, &params).map_err(py_err)?),
        None => None,
    };
    let batches = unwrap(batches);
    let columns =
        RecordColumns::of(&batches, id_field, text_field, None, url_field).map_err(py_err)?;
    let bytes = py.allow_threads(|| {
        let (docs, _) = columns.records().documents();
        let docs: Vec<_> = docs.into_iter().map(|(_, d)| d).collect();
        learn_boilerplate(&docs, &params, total_text_bytes, top_up)
            .hashes()
            .iter()
            .flat_map(|h| h.to_le_bytes())
            .collect::<Vec<u8>>()
    });
    Ok(PyBytes::new(py, &bytes))
}

/// `boilerplate`'s `top_up`: `(depth, level, last)`, `last` a site in
/// [`signed_order`].
pub type TopUpArg = (usize, Option<usize>, Option<i64>);

/// The top-up's depths from `boilerplate`'s `top_up`, checked against the
/// rule [`sample_depths`] follows with these settings: an error names what
/// does not fit (depths found with other settings, a `last` without a
/// level, or no total text to cut the sample from).
fn top_up_depths(
    (depth, level, last): TopUpArg,
    total_text_bytes: Option<u64>,
    params: &Params,
) -> Result<TopUpDepths, String> {
    if total_text_bytes.is_none() {
        return Err(
            "top_up is given without total_text_bytes: the depths are those of a \
                    corpus held in parts, whose total text the sample is cut from"
                .to_string(),
        );
    }
    let pages = params.site_sample_pages;
    let min_pages = params.site_min_pages();
    let again = "give what sample_depths returned with the same settings";
    if depth > pages {
        return Err(format!(
            "top_up: depth {depth} is deeper than site_sample_pages ({pages}): {again}"
        ));
    }
    if depth != 0 && depth < min_pages {
        return Err(format!(
            "top_up: depth {depth} is under the {min_pages} pages a site needs (site_min_df): {again}"
        ));
    }
    if let Some(level) = level {
        let want = top_up_level(depth, params.site_sample_pages, min_pages);
        if want != Some(level) {
            let want = want.map_or("None".to_string(), |l| l.to_string());
            return Err(format!(
                "top_up: level {level} is not the one after depth {depth} ({want}): {again}"
            ));
        }
    }
    let partial = match (level, last) {
        (_, None) => None,
        (None, Some(last)) => {
            return Err(format!(
                "top_up: a last site ({last}) without a level: give the level sample_depths \
                 returned, or None for both"
            ))
        }
        (Some(_), Some(NO_SITE)) => {
            return Err(format!(
                "top_up: last is {NO_SITE}, no site in sample_keys' order: it must be a site"
            ))
        }
        (Some(level), Some(last)) => Some((level, unsigned_order(last))),
    };
    Ok(TopUpDepths { depth, partial })
}

/// The bytes of text of the rows of `batches` that are documents (an id
/// and a text): a part's share of the total the boilerplate sample is cut
/// from.
#[pyfunction]
pub fn text_bytes(batches: Batches, id_field: &str, text_field: &str) -> PyResult<u64> {
    let batches = unwrap(batches);
    let columns = RecordColumns::of(&batches, id_field, text_field, None, None).map_err(py_err)?;
    let (docs, _) = columns.records().documents();
    Ok(docs.iter().map(|(_, d)| d.text.len() as u64).sum())
}

/// Which rows of `batches` (in order, across the batches) are under the
/// boilerplate sample's cut-off for a corpus with `total_text_bytes` of
/// text: the documents whose text hashes under it. The sample also takes
/// the site top-up, which needs the whole corpus's ranks: [`sample_keys`].
#[pyfunction]
#[pyo3(signature = (batches, id_field, text_field, total_text_bytes, settings=None))]
pub fn sample_mask(
    batches: Batches,
    id_field: &str,
    text_field: &str,
    total_text_bytes: u64,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyArrowType<arrow::array::ArrayData>> {
    let params = settings::params_from(settings)?;
    let batches = unwrap(batches);
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    let columns = RecordColumns::of(&batches, id_field, text_field, None, None).map_err(py_err)?;
    let (docs, _) = columns.records().documents();
    let mut mask = vec![false; rows];
    for (row, d) in &docs {
        mask[*row] = in_sample(d.text, total_text_bytes, &params);
    }
    Ok(PyArrowType(
        arrow_array::BooleanArray::from(mask).into_data(),
    ))
}

/// No top-up group (key 0: no url and a text too short for a frame) in
/// [`sample_keys`]' `site`: `i64::MIN`.
const NO_SITE: i64 = i64::MIN;

/// A sample hash as an int64 whose signed order is the hash's unsigned
/// order: its top bit flipped (Spark, SQL and pyarrow's sorts know no
/// unsigned 64-bit integers). 0 becomes `i64::MIN`, `u64::MAX` `i64::MAX`.
fn signed_order(hash: u64) -> i64 {
    (hash ^ (1 << 63)) as i64
}

/// The key [`signed_order`] turned into `key`.
fn unsigned_order(key: i64) -> u64 {
    (key as u64) ^ (1 << 63)
}

/// The boilerplate sample's keys of each row of `batches` (in order,
/// across the batches), as columns `site`, `hash` and `len` (int64):
/// the group the row tops the sample up with (its site's key, or without
/// a url its frame key: [`neardup::boilerplate::sample_keys`]) and the
/// text's sample hash, both in [`signed_order`] (so that sorting and
/// comparing the int64 is sorting and comparing the u64 keys the top-up
/// orders groups by; no group, key 0, is [`NO_SITE`], the least int64,
/// which no group has), and the text's bytes. Rows that
/// are not documents (no id or text) have nulls. A corpus held in parts
/// finds its sample from them (`neardup.sample_keys`): the rows with
/// `hash <= sample_cut`, and the site top-up, ranked per site by `hash`
/// ([`sample_depths`]).
#[pyfunction]
#[pyo3(signature = (batches, id_field, text_field, url_field=None, settings=None))]
pub fn sample_keys(
    py: Python<'_>,
    batches: Batches,
    id_field: &str,
    text_field: &str,
    url_field: Option<&str>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyArrowType<RecordBatch>> {
    let params = settings::params_from(settings)?;
    let batches = unwrap(batches);
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    let columns =
        RecordColumns::of(&batches, id_field, text_field, None, url_field).map_err(py_err)?;
    let (site, hash, len) = py.allow_threads(|| {
        let (docs, _) = columns.records().documents();
        let keys: Vec<(u64, u64)> = docs
            .par_iter()
            .map(|(_, d)| neardup::boilerplate::sample_keys(d.text, d.url, &params))
            .collect();
        let (mut site, mut hash, mut len) = (vec![None; rows], vec![None; rows], vec![None; rows]);
        for ((row, d), (s, h)) in docs.iter().zip(keys) {
            site[*row] = Some(signed_order(s));
            hash[*row] = Some(signed_order(h));
            len[*row] = Some(d.text.len() as i64);
        }
        (site, hash, len)
    });
    let column = |v: Vec<Option<i64>>| -> arrow_array::ArrayRef {
        std::sync::Arc::new(arrow_array::Int64Array::from(v))
    };
    RecordBatch::try_from_iter([
        ("site", column(site)),
        ("hash", column(hash)),
        ("len", column(len)),
    ])
    .map(PyArrowType)
    .map_err(py_err)
}

/// The boilerplate sample's hash cut-off for a corpus of
/// `total_text_bytes` of text, in the order of [`sample_keys`]' `hash`
/// ([`signed_order`]): the rows with `hash <= cut` are sampled (all of
/// them while the text is under `df_sample_bytes`).
#[pyfunction]
#[pyo3(signature = (total_text_bytes, settings=None))]
pub fn sample_cut(total_text_bytes: u64, settings: Option<&Bound<'_, PyDict>>) -> PyResult<i64> {
    let params = settings::params_from(settings)?;
    Ok(signed_order(neardup::boilerplate::sample_cut(
        total_text_bytes,
        &params,
    )))
}

/// The depths of the site top-up for a corpus of `total_text_bytes` of
/// text, as [`neardup::corpus::sample::SiteLowest::depths`] finds them:
/// `added_by_rank[r - 1]` is the text (bytes) of the rows ranked `r` in
/// their site by hash (SQL's `rank()`, ties sharing the lower rank) and
/// above the cut-off, summed over the sites with at least `site_min_pages`
/// pages ([`sample_settings`]), for `r` up to `site_sample_pages` (ranks
/// beyond it are not read; missing ones count 0). Returns `(depth, level,
/// left)`: every counted site's rows above the cut-off ranked at most
/// `depth` join the sample (0: none; [`top_up_depth`] within
/// [`site_sample_budget`]); with `level` (None: no deeper level fits in
/// `site_sample_pages`), so do those ranked at most `level` of the
/// sites in the longest prefix, in key order, whose text between the two
/// ranks totals at most `left` bytes
/// ([`neardup::corpus::sample::top_up_partial`]).
#[pyfunction]
#[pyo3(signature = (added_by_rank, total_text_bytes, settings=None))]
pub fn sample_depths(
    added_by_rank: Vec<u64>,
    total_text_bytes: u64,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<(usize, Option<usize>, u64)> {
    let params = settings::params_from(settings)?;
    let plan = top_up_plan(
        &added_by_rank,
        site_sample_budget(total_text_bytes, &params),
        params.site_sample_pages,
        params.site_min_pages(),
    );
    Ok((plan.depth, plan.level, plan.left))
}

/// The settings that size the boilerplate sample, defaults filled in:
/// `df_sample_bytes`, `site_sample_pages`, `site_sample_bytes`,
/// `site_min_df`, and `site_min_pages`, the pages a site needs in the
/// corpus to count in the top-up (`site_min_df`, at least 2).
#[pyfunction]
#[pyo3(signature = (settings=None))]
pub fn sample_settings(
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<HashMap<&'static str, u64>> {
    let params = settings::params_from(settings)?;
    Ok(HashMap::from([
        ("df_sample_bytes", params.df_sample_bytes),
        ("site_sample_pages", params.site_sample_pages as u64),
        ("site_sample_bytes", params.site_sample_bytes),
        ("site_min_df", params.site_min_df as u64),
        ("site_min_pages", params.site_min_pages() as u64),
    ]))
}

/// A boilerplate set from `neardup.boilerplate`'s bytes.
fn boilerplate_of(bytes: &[u8]) -> PyResult<Boilerplate> {
    if bytes.len() % 8 != 0 {
        return Err(py_err(
            "boilerplate: not a multiple of 8 bytes (little-endian u64 hashes)",
        ));
    }
    Ok(Boilerplate::new(bytes.chunks_exact(8).map(|c| {
        u64::from_le_bytes(c.try_into().expect("8 bytes"))
    })))
}

/// Signs the rows of `batches` (see `neardup.sign`): the signed documents,
/// their band rows, and the rows left out.
#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (batches, key_field, id_field, text_field, date_field=None, url_field=None, boilerplate=None, settings=None))]
#[allow(clippy::type_complexity)]
pub fn sign(
    py: Python<'_>,
    batches: Batches,
    key_field: &str,
    id_field: &str,
    text_field: &str,
    date_field: Option<&str>,
    url_field: Option<&str>,
    boilerplate: Option<&[u8]>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<(
    PyArrowType<RecordBatch>,
    PyArrowType<RecordBatch>,
    Vec<SkippedRow>,
)> {
    let params = settings::params_from(settings)?;
    let boiler = boilerplate_of(boilerplate.unwrap_or_default())?;
    let batches = unwrap(batches);
    let keys: Vec<u64> = batches
        .iter()
        .map(|b| keys_of(b, key_field))
        .collect::<Result<Vec<_>, _>>()
        .map_err(py_err)?
        .concat();
    let columns =
        RecordColumns::of(&batches, id_field, text_field, date_field, url_field).map_err(py_err)?;
    let (corpus, bands, skipped) = py.allow_threads(|| {
        let (docs, skipped) = columns.records().documents();
        let mut skipped: Vec<SkippedRow> = skipped
            .into_iter()
            .map(|(row, (id, code, why))| (keys[row], id, code, why))
            .collect();
        let signer = Signer::new(&params, &boiler);
        let signed: Vec<_> = docs
            .par_iter()
            .map(|(row, d)| {
                let at = location_of(keys[*row], d.text.len());
                sign_text(d.id, d.text, d.date, d.url, at, &signer)
            })
            .collect();
        let mut corpus = SignedCorpus::default();
        for ((row, d), s) in docs.iter().zip(signed) {
            match s {
                Ok(s) => corpus.push(s),
                Err(why) => skipped.push((
                    keys[*row],
                    d.id.to_string(),
                    why.code().to_string(),
                    why.to_string(),
                )),
            }
        }
        skipped.sort_by_key(|s| s.0);
        let bands: Vec<BandRow> = corpus_band_rows(&corpus, &params).collect();
        (corpus, bands, skipped)
    });
    let spin_k = spin_bins(&params);
    let rows = stage_arrow::doc_rows(&corpus, params.num_perm, spin_k);
    let docs = batch(stage_arrow::docs_schema(), stage_arrow::doc_columns(&rows))?;
    let bands = batch(
        stage_arrow::bands_schema(),
        stage_arrow::band_columns(&bands),
    )?;
    Ok((docs, bands, skipped))
}

fn spin_bins(params: &Params) -> usize {
    params.spin.as_ref().map_or(0, |s| s.num_perm)
}

/// The signed documents of `batches` in id order (repeated rows of a
/// document, and repeated ids, settled as the command settles repeated
/// ids: the smallest key is kept), their keys, and the rows dropped.
fn load_docs(
    batches: &[RecordBatch],
    params: &Params,
    with_spin: bool,
) -> PyResult<(SignedCorpus, KeyIndex, Vec<SkippedRow>)> {
    let mut corpus = SignedCorpus::default();
    for b in batches {
        let bins = (params.num_perm, spin_bins(params));
        stage_arrow::read_docs(b, &mut corpus, bins, with_spin)
            .map_err(|e| py_err(format!("docs: {e}")))?;
    }
    let (corpus, dropped) = into_id_order(corpus, params, &|_| String::new());
    let mut seen: Vec<DocKey> = corpus.docs.iter().map(|d| doc_key(&d.location)).collect();
    seen.sort_unstable();
    let repeated = dropped
        .into_iter()
        .filter_map(|s| {
            let key = doc_key(&s.location?);
            // The same document handed over twice is no repeated id.
            seen.binary_search(&key).is_err().then(|| {
                (
                    key,
                    s.id.unwrap_or_default(),
                    s.reason.code().to_string(),
                    "an earlier row has the same id (the first is kept)".to_string(),
                )
            })
        })
        .collect();
    let index = KeyIndex::new(&corpus.docs);
    Ok((corpus, index, repeated))
}

/// The band rows of `bands` (any bands, in any order).
fn band_rows_of(bands: Batches) -> PyResult<Vec<BandRow>> {
    let mut rows = Vec::new();
    for b in unwrap(bands) {
        stage_arrow::read_bands(&b, &mut rows).map_err(|e| py_err(format!("bands: {e}")))?;
    }
    Ok(rows)
}

/// Texts handed over as `key`, `text` columns, found by the key their
/// location carries. The keys asked for and not held are noted: a stage
/// that could not read a text it needed would decide otherwise than the
/// command (on an estimate, or without aligning a pair), so it returns
/// them with its result ([`KeyedTexts::missing`]), and the caller asks
/// for them or fails.
struct KeyedTexts {
    texts: HashMap<DocKey, String>,
    missing: Mutex<BTreeSet<DocKey>>,
    /// Keys whose text is not the one signed (its words differ).
    changed: Mutex<BTreeSet<DocKey>>,
}

impl KeyedTexts {
    fn of(batches: &[RecordBatch]) -> PyResult<Self> {
        let mut texts = HashMap::new();
        for b in batches {
            let keys = keys_of(b, "key").map_err(|e| py_err(format!("texts: {e}")))?;
            let col =
                Column::of(b, "text", Kind::Text).map_err(|e| py_err(format!("texts: {e}")))?;
            for (i, k) in keys.into_iter().enumerate() {
                if let Some(t) = col.str(i) {
                    texts.insert(k, t.to_string());
                }
            }
        }
        Ok(KeyedTexts {
            texts,
            missing: Mutex::default(),
            changed: Mutex::default(),
        })
    }

    /// An error naming a text handed over that is not the one signed:
    /// counted on, it would decide the pair on other words.
    fn check_changed(&self) -> PyResult<()> {
        let changed = self.changed.lock().unwrap_or_else(|e| e.into_inner());
        match changed.first() {
            None => Ok(()),
            Some(first) => Err(py_err(format!(
                "the texts of {} documents are not the texts they were signed with (the first key \
                 {first}): a text must be handed over as `sign` read it, and every stage given \
                 the settings `sign` was",
                changed.len()
            ))),
        }
    }

    /// The keys asked for and not held, in order.
    fn missing(self) -> Vec<DocKey> {
        self.missing
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect()
    }
}

impl ReadBack for KeyedTexts {
    fn fetch(&self, locations: &[Location]) -> FetchedTexts {
        // The keys not held are told back through `failed`.
        locations
            .iter()
            .filter_map(|l| Some(((l.source, l.offset), self.texts.get(&doc_key(l))?.clone())))
            .collect()
    }

    fn batch_bytes(&self) -> u64 {
        READ_BACK_BATCH_BYTES
    }

    fn failed(&self, failure: ReadBackFailure) {
        let key = doc_key(&failure.location);
        let set = if failure.changed {
            &self.changed
        } else {
            &self.missing
        };
        set.lock().unwrap_or_else(|e| e.into_inner()).insert(key);
    }
}

/// Verifies the candidate pairs of some band rows (see `neardup.verify`):
/// the verified pairs by keys, the first in id order first, and the keys
/// of the texts a pair near a threshold is counted on that `texts` lacks
/// (the pairs are those of the command only when there are none).
#[pyfunction]
#[pyo3(signature = (bands, docs, texts, boilerplate=None, settings=None))]
pub fn verify(
    py: Python<'_>,
    bands: Batches,
    docs: Batches,
    texts: Batches,
    boilerplate: Option<&[u8]>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<(PyArrowType<RecordBatch>, Vec<DocKey>)> {
    let (keyed, read) = run_verify(py, bands, docs, texts, boilerplate, settings)?;
    let pairs = batch(
        stage_arrow::pairs_schema(),
        stage_arrow::pair_columns(&keyed),
    )?;
    Ok((pairs, read.missing()))
}

/// `verify`'s work: the verified pairs, and the texts it was given (with
/// the keys it missed).
fn run_verify(
    py: Python<'_>,
    bands: Batches,
    docs: Batches,
    texts: Batches,
    boilerplate: Option<&[u8]>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<(Vec<KeyedPair>, KeyedTexts)> {
    let params = settings::params_from(settings)?;
    let boiler = boilerplate_of(boilerplate.unwrap_or_default())?;
    let rows = band_rows_of(bands)?;
    let (corpus, index, _) = load_docs(&unwrap(docs), &params, false)?;
    let read = KeyedTexts::of(&unwrap(texts))?;
    let keyed: Vec<KeyedPair> = py.allow_threads(|| {
        let candidates = candidate_pairs_of_bands(&rows, &corpus, &index, &params);
        let mut stats = RunStats::default();
        let edges = verify_candidates(
            &candidates,
            &corpus,
            &read,
            &boiler,
            &params,
            &mut stats,
            None,
        );
        edges.iter().map(|e| KeyedPair::of(e, &index)).collect()
    });
    read.check_changed()?;
    Ok((keyed, read))
}

/// The spin view's band rows of signed documents (see
/// `neardup.spin_bands`): one a band for each document in the view.
#[pyfunction]
#[pyo3(signature = (docs, settings=None))]
pub fn spin_bands(
    py: Python<'_>,
    docs: Batches,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyArrowType<RecordBatch>> {
    let params = settings::params_from(settings)?;
    let (corpus, _, _) = load_docs(&unwrap(docs), &params, true)?;
    let rows = py.allow_threads(|| spin_band_rows(&corpus, &params));
    batch(
        stage_arrow::bands_schema(),
        stage_arrow::band_columns(&rows),
    )
}

/// The spin view's candidate pairs of some of its buckets (see
/// `neardup.spin_pairs`), as the keys `a` (first in id order) and `b`;
/// with `groups` (`key`, `group` columns), none inside one group.
#[pyfunction]
#[pyo3(signature = (bands, docs, groups=None, settings=None))]
pub fn spin_pairs(
    py: Python<'_>,
    bands: Batches,
    docs: Batches,
    groups: Option<Batches>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<(Vec<u64>, Vec<u64>)> {
    let params = settings::params_from(settings)?;
    let rows = band_rows_of(bands)?;
    let (corpus, index, _) = load_docs(&unwrap(docs), &params, true)?;
    let groups = match groups {
        Some(g) => Some(group_of_each(&unwrap(g), &index, corpus.docs.len())?),
        None => None,
    };
    let pairs = py.allow_threads(|| {
        spin_candidates_of_bands(&rows, &corpus, &index, groups.as_deref(), &params)
    });
    Ok(pairs
        .into_iter()
        .map(|(a, b)| (index.key(a), index.key(b)))
        .unzip())
}

/// A group number for each of `n` documents (by index) from `key`,
/// `group` columns; a document without a row is a group of its own.
fn group_of_each(batches: &[RecordBatch], index: &KeyIndex, n: usize) -> PyResult<Vec<u32>> {
    let mut of: Vec<Option<u64>> = vec![None; n];
    for b in batches {
        let keys = keys_of(b, "key").map_err(|e| py_err(format!("groups: {e}")))?;
        let groups = keys_of(b, "group").map_err(|e| py_err(format!("groups: {e}")))?;
        for (k, g) in keys.into_iter().zip(groups) {
            if let Some(d) = index.index(k) {
                of[d as usize] = Some(g);
            }
        }
    }
    // Dense numbers: the named groups first, then one per ungrouped document.
    let mut named: Vec<u64> = of.iter().flatten().copied().collect();
    named.sort_unstable();
    named.dedup();
    let mut next = named.len() as u32;
    Ok(of
        .into_iter()
        .map(|g| match g {
            Some(g) => named.binary_search(&g).expect("a named group") as u32,
            None => {
                next += 1;
                next - 1
            }
        })
        .collect())
}

/// Clusters signed documents by their verified pairs (see
/// `neardup.components`): the per-document rows, the repeated ids left
/// out, and the keys of the texts the spin view read that `texts` lacks
/// (the rows are those of the command only when there are none). With
/// `spin` (`a`, `b` key columns: the spin view's candidates of the whole
/// corpus, [`spin_pairs`] without groups, those of these documents), the
/// documents are one part of a larger corpus and the spin view takes those
/// candidates instead of bucketing the part again.
#[pyfunction]
#[pyo3(signature = (docs, pairs, texts, spin=None, boilerplate=None, settings=None))]
pub fn components(
    py: Python<'_>,
    docs: Batches,
    pairs: Batches,
    texts: Batches,
    spin: Option<Batches>,
    boilerplate: Option<&[u8]>,
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<(PyArrowType<RecordBatch>, Vec<SkippedRow>, Vec<DocKey>)> {
    let given = (spin, boilerplate);
    let (rows, repeated, read) = run_components(py, docs, pairs, texts, given, settings)?;
    Ok((PyArrowType(rows.map_err(py_err)?), repeated, read.missing()))
}

/// `components`' work: the rows, the repeated ids, and the texts it was
/// given (with the keys it missed).
fn run_components(
    py: Python<'_>,
    docs: Batches,
    pairs: Batches,
    texts: Batches,
    (spin, boilerplate): (Option<Batches>, Option<&[u8]>),
    settings: Option<&Bound<'_, PyDict>>,
) -> PyResult<(Result<RecordBatch, ArrowError>, Vec<SkippedRow>, KeyedTexts)> {
    let params = settings::params_from(settings)?;
    let boiler = boilerplate_of(boilerplate.unwrap_or_default())?;
    let (corpus, index, repeated) = load_docs(&unwrap(docs), &params, true)?;
    let mut keyed = Vec::new();
    for b in unwrap(pairs) {
        stage_arrow::read_pairs(&b, &mut keyed).map_err(|e| py_err(format!("pairs: {e}")))?;
    }
    let spin = match spin {
        Some(s) => Some(spin_candidates_of(&unwrap(s), &index)?),
        None => None,
    };
    let read = KeyedTexts::of(&unwrap(texts))?;
    let rows = py.allow_threads(|| {
        let edges = keyed.iter().filter_map(|p| p.edge(&index)).collect();
        drop(keyed);
        let mut stats = RunStats::default();
        // Done with the corpus: its tables wait in temporary files while
        // not read, as in `neardup components` (crate::spill).
        let (clustering, _, docs) = match spin {
            Some(spin) => {
                let at = (&read, &boiler, &params);
                cluster_part_owned(
                    corpus,
                    spin,
                    edges,
                    at.0,
                    at.1,
                    at.2,
                    &mut stats,
                    &NoProgress,
                )
            }
            None => cluster_verified_owned(
                corpus,
                None,
                None,
                edges,
                &read,
                &boiler,
                &params,
                &mut stats,
                &NoProgress,
            ),
        };
        neardup::rows::arrow::docs_batch(DocRows::new(&docs, &clustering).iter())
    });
    read.check_changed()?;
    Ok((rows, repeated, read))
}

/// The spin candidates of `batches` (`a`, `b` key columns) as indices into
/// the documents `index` names: each key must be one of them, or the part
/// was cut through a candidate pair and its clusters would not be the
/// whole's.
fn spin_candidates_of(batches: &[RecordBatch], index: &KeyIndex) -> PyResult<Vec<(u32, u32)>> {
    let mut out = Vec::new();
    for b in batches {
        let a = keys_of(b, "a").map_err(|e| py_err(format!("spin: {e}")))?;
        let bs = keys_of(b, "b").map_err(|e| py_err(format!("spin: {e}")))?;
        for (ka, kb) in a.into_iter().zip(bs) {
            let at = |k: u64| {
                index.index(k).ok_or_else(|| {
                    py_err(format!(
                        "spin: the candidate pair ({ka}, {kb}) names key {k}, which is not one of \
                         these documents: each part must hold both documents of its candidates"
                    ))
                })
            };
            out.push((at(ka)?, at(kb)?));
        }
    }
    Ok(out)
}

/// The stage batches' schemas: `docs`, `bands`, `pairs` and `rows` (what
/// `components` returns).
#[pyfunction]
pub fn schemas() -> HashMap<&'static str, PyArrowType<arrow_schema::Schema>> {
    [
        ("docs", stage_arrow::docs_schema()),
        ("bands", stage_arrow::bands_schema()),
        ("pairs", stage_arrow::pairs_schema()),
        ("rows", neardup::rows::arrow::docs_schema()),
    ]
    .into_iter()
    .map(|(n, s)| (n, PyArrowType(s.as_ref().clone())))
    .collect()
}
