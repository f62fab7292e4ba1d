//! From a record's text to what the clustering keeps of it: a signature and a
//! few numbers. The text itself is dropped as soon as it is signed.

use crate::corpus::{Location, SkipReason};
use crate::minhash::{MinHasher, SignScratch};
use crate::params::Params;
use crate::shingle::{fmix64, Boilerplate, Shingler};
use crate::text::for_each_token;

/// What is kept of a signed document (besides its signature).
#[derive(Clone, Debug)]
pub struct DocInfo {
    /// Document id.
    pub id: Box<str>,
    /// Publication time, Unix seconds.
    pub date: Option<i64>,
    /// Number of words.
    pub words: u32,
    /// Number of shingles signed (boilerplate left out).
    pub shingles: u32,
    /// Number of boilerplate shingles left out.
    pub boilerplate: u32,
    /// Hash of the normalised word sequence: equal for exact copies.
    pub content_hash: u64,
    /// Where the record lives.
    pub location: Location,
    /// The wire service the text credits (dateline or credit), if any.
    pub wire: Option<Box<str>>,
}

/// Per-thread buffers.
#[derive(Default)]
pub struct Scratch {
    token: Vec<u8>,
    shingles: Vec<u64>,
    sign: SignScratch,
    table: Vec<u64>,
    kept: Vec<u64>,
}

impl Scratch {
    /// The shingle hashes of the last text passed to [`shingle_text`].
    pub fn shingles(&self) -> &[u64] {
        &self.shingles
    }

    /// The shingles and a spare table another stage may reuse per document.
    pub fn shingles_and_table(&mut self) -> (&[u64], &mut Vec<u64>) {
        (&self.shingles, &mut self.table)
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch buffers.
pub fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|s| f(&mut s.borrow_mut()))
}

/// Shingle hashes of a text, its word count and content hash.
pub fn shingle_text(text: &str, params: &Params, scratch: &mut Scratch) -> (u32, u64) {
    let mut shingler = Shingler::new(params.shingle_size);
    let mut words = 0u32;
    let mut content = 0u64;
    let out = &mut scratch.shingles;
    out.clear();
    for_each_token(text, params.seed, &mut scratch.token, |t| {
        words += 1;
        // One multiply per word keeps this off the critical path; order matters.
        content = (content ^ t.hash).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        if let Some(s) = shingler.push(t.hash) {
            out.push(s);
        }
    });
    out.extend(shingler.finish());
    (words, fmix64(content ^ words as u64))
}

/// Signs one text into `sig`. Errors are the reasons a document is not clustered.
pub fn sign_text(
    text: &str,
    params: &Params,
    hasher: &MinHasher,
    boilerplate: &Boilerplate,
    scratch: &mut Scratch,
    sig: &mut [u32],
) -> Result<(u32, u32, u32, u64), SkipReason> {
    let (words, content_hash) = shingle_text(text, params, scratch);
    if words == 0 {
        return Err(SkipReason::Empty);
    }
    if (words as usize) < params.min_words {
        return Err(SkipReason::TooShort {
            words: words as usize,
            min: params.min_words,
        });
    }
    let all = scratch.shingles.len();
    // One lookup per shingle: split the kept shingles off as we count.
    let kept = &mut scratch.kept;
    kept.clear();
    if !boilerplate.is_empty() {
        kept.extend(
            scratch
                .shingles
                .iter()
                .copied()
                .filter(|&h| !boilerplate.contains(h)),
        );
    }
    let boiler = if boilerplate.is_empty() {
        0
    } else {
        all - kept.len()
    };
    // A document that is nearly all "boilerplate" is either a story syndicated
    // beyond max-df or a page of pure chrome: keep its shingles rather than
    // signing the few that are left.
    let filter =
        boiler > 0 && ((all - boiler) as f64) >= params.min_kept_share * all as f64 && all > boiler;
    let used = if filter {
        hasher.sign_into(kept.iter().copied(), &mut scratch.sign, sig);
        all - boiler
    } else {
        hasher.sign_into(scratch.shingles.iter().copied(), &mut scratch.sign, sig);
        all
    };
    let left_out = if filter { boiler } else { 0 };
    Ok((words, used as u32, left_out as u32, content_hash))
}
