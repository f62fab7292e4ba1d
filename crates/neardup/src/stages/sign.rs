//! Stage 1: records to signed documents and band keys.
//!
//! Signing needs only the record and the run's signer (settings, hashers
//! and the boilerplate set, which must be the same for every batch of a
//! corpus: it is found once over all inputs, [`crate::boilerplate`]), so any
//! batch can be signed anywhere.

use super::SignedCorpus;
use crate::corpus::{Location, Record, SkipReason};
use crate::signing::{with_scratch, DocInfo, Signer};
use rayon::prelude::*;

/// One signed document: what is kept of it and its signatures.
#[derive(Clone, Debug)]
pub struct SignedDoc {
    /// The facts kept of the document (its place is its key).
    pub doc: DocInfo,
    /// `num_perm` bins.
    pub signature: Vec<u16>,
    /// The spin view's bins (empty when the view is off).
    pub spin_signature: Vec<u16>,
}

/// Signs one record, or says why it is not clustered.
pub fn sign_record(rec: &Record, signer: &Signer) -> Result<SignedDoc, SkipReason> {
    sign_text(
        &rec.id,
        &rec.text,
        rec.date,
        rec.site.as_deref(),
        rec.location,
        signer,
    )
}

/// Signs one document handed over in parts (an engine's row: its key is
/// its `location`, [`super::doc_key`]), or says why it is not clustered.
pub fn sign_text(
    id: &str,
    text: &str,
    date: Option<i64>,
    url: Option<&str>,
    location: Location,
    signer: &Signer,
) -> Result<SignedDoc, SkipReason> {
    let mut signature = vec![0u16; signer.params.num_perm];
    let mut spin_signature = vec![0u16; signer.spin_num_perm()];
    let t = with_scratch(|s| signer.sign(text, s, &mut signature, &mut spin_signature))?;
    Ok(SignedDoc {
        doc: DocInfo::signed(id, date, location, &t)
            .with_wire_of(text)
            .with_site(url),
        signature,
        spin_signature,
    })
}

/// A batch of records signed: the documents in input order, and the
/// position in the batch of each record not signed with the reason.
#[derive(Clone, Debug, Default)]
pub struct SignedBatch {
    /// The signed documents, in the batch's order.
    pub corpus: SignedCorpus,
    /// `(position in the batch, why)` for each record left out.
    pub skipped: Vec<(usize, SkipReason)>,
}

/// Signs a batch of records in parallel; the result keeps their order.
pub fn sign_batch(records: &[Record], signer: &Signer) -> SignedBatch {
    let signed: Vec<_> = records.par_iter().map(|r| sign_record(r, signer)).collect();
    let mut out = SignedBatch::default();
    for (i, s) in signed.into_iter().enumerate() {
        match s {
            Ok(d) => out.corpus.push(d),
            Err(why) => out.skipped.push((i, why)),
        }
    }
    out
}
