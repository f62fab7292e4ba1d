//! From a record's text to what the clustering keeps of it: a signature and a
//! few numbers. The text itself is dropped as soon as it is signed.

use crate::corpus::{Location, SkipReason};
use crate::minhash::{MinHasher, SignScratch};
use crate::params::{Params, SpinParams};
use crate::shingle::{count_distinct, fmix64, keep_long_runs, shingles_into, Boilerplate};
use crate::text::{for_each_token, ImmutableWords, Script, Token};

/// What is kept of a signed document (besides its signature).
#[derive(Clone, Debug)]
// Not #[non_exhaustive]: a stage file's row is read back into one
// (the staged pipeline's contract, docs/output.md).
pub struct DocInfo {
    /// Document id.
    pub id: Box<str>,
    /// Publication time, Unix seconds.
    pub date: Option<i64>,
    /// Number of words (tokens: characters too, in a text shingled by
    /// characters).
    pub words: u32,
    /// Number of distinct shingles signed (boilerplate left out).
    pub shingles: u32,
    /// Number of boilerplate shingles left out.
    pub boilerplate: u32,
    /// Hash of the normalised word sequence: equal for exact copies.
    pub content_hash: u64,
    /// Where the record lives.
    pub location: Location,
    /// The wire service the text credits (dateline or credit), if any.
    pub wire: Option<Box<str>>,
    /// Immutable-word shingles in the spin view's signature (0: not in the
    /// spin view).
    pub spin_shingles: u32,
    /// Its site's key hashed ([`crate::corpus::site_hash`]; 0: none): the
    /// aligner's rule for a story in another site's page needs two sites
    /// ([`crate::rules::SpinEvidence::is_wrapped_copy`]).
    pub site: u64,
}

impl DocInfo {
    /// A document's facts from what signing its text found out.
    pub fn signed(id: &str, date: Option<i64>, location: Location, t: &SignedText) -> Self {
        DocInfo {
            id: id.into(),
            date,
            words: t.words,
            shingles: t.shingles,
            boilerplate: t.boilerplate,
            content_hash: t.content_hash,
            location,
            wire: None,
            spin_shingles: t.spin_shingles,
            site: 0,
        }
    }

    /// On the site of `url` (a URL or a site name), if any.
    pub fn with_site(self, url: Option<&str>) -> Self {
        DocInfo {
            site: crate::corpus::site_hash(url),
            ..self
        }
    }

    /// With the wire service `text` credits, if any.
    pub fn with_wire_of(self, text: &str) -> Self {
        DocInfo {
            wire: crate::wire::wire_service(text)
                .and_then(|c| c.agency)
                .map(Into::into),
            ..self
        }
    }
}

/// What signing a text found out (besides the signatures).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignedText {
    /// Words in the text.
    pub words: u32,
    /// Distinct shingles signed.
    pub shingles: u32,
    /// Boilerplate shingles left out.
    pub boilerplate: u32,
    /// Hash of the normalised word sequence.
    pub content_hash: u64,
    /// Immutable-word shingles signed into the spin signature (0 when the
    /// document has too few to be in the spin view).
    pub spin_shingles: u32,
}

/// The spin view's word table, hasher and settings.
pub struct SpinSigner {
    words: ImmutableWords,
    hasher: MinHasher,
    params: SpinParams,
}

impl SpinSigner {
    /// A signer for the spin view; token hashes use `seed`.
    pub fn new(params: &SpinParams, seed: u64) -> Self {
        SpinSigner {
            words: ImmutableWords::new(seed),
            // A different seed from the verbatim view's: the views are independent.
            hasher: MinHasher::new(params.num_perm, fmix64(seed ^ 0x5350_494e)),
            params: params.clone(),
        }
    }

    /// Spin signature length.
    pub fn num_perm(&self) -> usize {
        self.params.num_perm
    }
}

/// Per-thread buffers.
#[derive(Default)]
pub struct Scratch {
    token: Vec<u8>,
    shingles: Vec<u64>,
    sign: SignScratch,
    table: Vec<u64>,
    kept: Vec<u64>,
    /// Tokens of the last text, and their hashes.
    tokens: Vec<Token>,
    words: Vec<u64>,
    /// Immutable-word hashes of the last text, and the token index of each.
    spin_words: Vec<u64>,
    spin_at: Vec<u32>,
    /// Spin-view shingle hashes, and those left after the boilerplate filter.
    spin_hashes: Vec<u64>,
    spin_kept: Vec<u64>,
    /// Per verbatim shingle: left out as boilerplate.
    boiler_mask: Vec<bool>,
    /// How the last text was shingled.
    script: Script,
}

impl Scratch {
    /// How the last text passed to [`shingle_text`] was shingled (by words
    /// or by characters).
    pub fn script(&self) -> Script {
        self.script
    }

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

/// Shingle hashes of a text, its word count and content hash. The text is
/// shingled by words or characters as its script says ([`Scratch::script`]).
pub fn shingle_text(text: &str, params: &Params, scratch: &mut Scratch) -> (u32, u64) {
    shingle_views(text, params, None, scratch)
}

/// [`shingle_text`], plus the spin view's shingles (into `scratch.spin_hashes`)
/// when `spin` is given and the text is shingled by words.
///
/// The shingle size is the script's ([`Params::shingle_size_for`]): words
/// for text with spaces, characters when most tokens are characters of
/// scripts without spaces. The spin view's immutables are English function
/// words, numbers and capitalised names; a Chinese or Japanese text has
/// none of them to keep, so it is left out of that view (no immutables, no
/// spin signature) rather than judged on its few Latin words.
///
/// One pass over the text collects the token hashes (and the spin view's
/// immutable words with the index of their token); the shingles are then
/// rolled over those arrays in tight loops, which keeps the window in a
/// register instead of in a per-token callback's captured state.
fn shingle_views(
    text: &str,
    params: &Params,
    spin: Option<&SpinSigner>,
    scratch: &mut Scratch,
) -> (u32, u64) {
    let bytes = text.as_bytes();
    let tokens = &mut scratch.tokens;
    let words = &mut scratch.words;
    tokens.clear();
    words.clear();
    // The spin view needs the tokens' spans; the verbatim view only hashes.
    let keep_tokens = spin.is_some();
    let chars = for_each_token(text, params.seed, &mut scratch.token, |t| {
        words.push(t.hash);
        if keep_tokens {
            tokens.push(t);
        }
    });
    let script = Script::of_counts(words.len(), chars);
    scratch.script = script;
    let spin = spin.filter(|_| script == Script::Words);
    let spin_words = &mut scratch.spin_words;
    let spin_at = &mut scratch.spin_at;
    spin_words.clear();
    spin_at.clear();
    if let Some(sp) = spin {
        let mut prev_end = 0usize;
        for (i, t) in tokens.iter().enumerate() {
            if let Some(h) = sp.words.immutable(bytes, t, prev_end) {
                spin_words.push(h);
                spin_at.push(i as u32);
            }
            prev_end = t.end;
        }
    }
    let content = content_of(words);
    shingles_into(
        words,
        params.shingle_size_for(script),
        &mut scratch.shingles,
    );
    scratch.spin_hashes.clear();
    if let Some(sp) = spin {
        shingles_into(spin_words, sp.params.shingle_size, &mut scratch.spin_hashes);
    }
    (words.len() as u32, content)
}

/// The content hash of a text's word hashes: equal for exact copies.
fn content_of(words: &[u64]) -> u64 {
    // Order matters: exact copies share this hash, reorderings do not.
    let content = words
        .iter()
        .fold(0u64, |c, &h| (c ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    fmix64(content ^ words.len() as u64)
}

/// The content hash signing gives `text` ([`DocInfo::content_hash`]),
/// from its words alone: what a text read back is checked against.
pub fn content_hash(text: &str, params: &Params) -> u64 {
    hash_words(text, params, |_| {})
}

/// The content hash of `text`, calling `each` with every word's hash on
/// the way.
fn hash_words(text: &str, params: &Params, mut each: impl FnMut(&Token)) -> u64 {
    with_scratch(|s| {
        let words = &mut s.words;
        words.clear();
        for_each_token(text, params.seed, &mut s.token, |t| {
            each(&t);
            words.push(t.hash);
        });
        content_of(words)
    })
}

/// What a text read back for the aligner is checked and judged by, from
/// one pass over its words: its content hash ([`content_hash`]: is it the
/// text signed?), the share of its words that are English function words
/// ([`crate::rules::function_share`], the spin rule's test for English),
/// its distinct numbers ([`crate::rules::distinct_numbers`]) and its main
/// run of paragraphs ([`crate::main_text`]). `words`
/// must be made with `params.seed`.
pub fn read_back_facts(
    text: &str,
    params: &Params,
    words: &crate::text::ImmutableWords,
) -> (u64, ReadBackFacts) {
    let (mut all, mut hits) = (0usize, 0usize);
    let main = crate::main_text::main_text(text);
    let mut numbers = crate::rules::Numbers::new(main);
    let content = hash_words(text, params, |t| {
        all += 1;
        hits += usize::from(words.function_class(t.hash).is_some());
        numbers.add(text, t, main);
    });
    let crate::rules::Numbers {
        all: numbers,
        main: main_numbers,
    } = numbers.finish();
    let facts = ReadBackFacts {
        function_share: crate::rules::share_of(hits, all),
        numbers,
        main,
        main_numbers,
    };
    (content, facts)
}

/// What the spin rule reads of one text besides the alignment
/// ([`read_back_facts`]).
pub struct ReadBackFacts {
    /// Share of its words that are English function words.
    pub function_share: f64,
    /// Its distinct numbers, as sorted token hashes.
    pub numbers: Vec<u64>,
    /// Its main run of paragraphs ([`crate::main_text`]).
    pub main: Option<crate::main_text::MainText>,
    /// The distinct numbers of that run (None without one).
    pub main_numbers: Option<Vec<u64>>,
}

/// Everything signing needs besides the text: settings, hashers, the
/// boilerplate set.
pub struct Signer<'a> {
    /// Run settings.
    pub params: &'a Params,
    /// The verbatim view's hasher.
    pub hasher: MinHasher,
    /// The spin view's signer, when the view is on.
    pub spin: Option<SpinSigner>,
    /// Shingles left out as boilerplate.
    pub boilerplate: &'a Boilerplate,
}

impl<'a> Signer<'a> {
    /// The signer for `params` (spin view as configured there).
    pub fn new(params: &'a Params, boilerplate: &'a Boilerplate) -> Self {
        Signer {
            params,
            hasher: MinHasher::new(params.num_perm, params.seed),
            spin: params
                .spin
                .as_ref()
                .map(|sp| SpinSigner::new(sp, params.seed)),
            boilerplate,
        }
    }

    /// The shingles `sign` signs for `text`: its boilerplate left out when
    /// the signer leaves it out (empty for a text it would not sign). The
    /// same selection as [`Signer::sign`], without the signatures.
    pub fn signed_shingles<'s>(&self, text: &str, scratch: &'s mut Scratch) -> &'s [u64] {
        self.signed_shingles_hashed(text, scratch).0
    }

    /// [`Signer::signed_shingles`], and the text's content hash
    /// ([`DocInfo::content_hash`]) found on the way.
    pub fn signed_shingles_hashed<'s>(
        &self,
        text: &str,
        scratch: &'s mut Scratch,
    ) -> (&'s [u64], u64) {
        let (words, content) = shingle_views(text, self.params, None, scratch);
        let min = self.params.min_tokens_for(scratch.script);
        if words == 0 || (words as usize) < min {
            return (&[], content);
        }
        if self.boilerplate.is_empty() {
            return (&scratch.shingles, content);
        }
        let frame = self.boilerplate.frame_of(text);
        let mask = &mut scratch.boiler_mask;
        mask.clear();
        mask.extend(
            scratch
                .shingles
                .iter()
                .map(|&h| self.boilerplate.is_chrome(h, frame)),
        );
        keep_long_runs(mask);
        let boiler = mask.iter().filter(|&&b| b).count();
        if !leaves_out_boilerplate(scratch.shingles.len(), boiler, self.params) {
            return (&scratch.shingles, content);
        }
        unmasked(&scratch.shingles, mask, &mut scratch.kept);
        (&scratch.kept, content)
    }

    /// Spin signature length (0 when the view is off).
    pub fn spin_num_perm(&self) -> usize {
        self.spin.as_ref().map_or(0, SpinSigner::num_perm)
    }

    /// Signs one text into `sig` (and, with the spin view on, `spin_sig`).
    /// Errors are the reasons a document is not clustered.
    pub fn sign(
        &self,
        text: &str,
        scratch: &mut Scratch,
        sig: &mut [u16],
        spin_sig: &mut [u16],
    ) -> Result<SignedText, SkipReason> {
        let Signer {
            params,
            hasher,
            spin,
            boilerplate,
        } = self;
        let spin = spin.as_ref();
        let (words, content_hash) = shingle_views(text, params, spin, scratch);
        if words == 0 {
            return Err(SkipReason::Empty);
        }
        let script = scratch.script;
        if (words as usize) < params.min_tokens_for(script) {
            return Err(SkipReason::TooShort {
                words: words as usize,
                min: params.min_tokens_for(script),
                script,
            });
        }
        let all = scratch.shingles.len();
        // One lookup per shingle: split the kept shingles off as we count, and
        // remember which were left out for the spin view.
        let kept = &mut scratch.kept;
        let mask = &mut scratch.boiler_mask;
        kept.clear();
        mask.clear();
        let boiler = if boilerplate.is_empty() {
            0
        } else {
            // Written unconditionally, kept by advancing: whether a shingle
            // is chrome is unpredictable within a page.
            kept.resize(all, 0);
            mask.resize(all, false);
            let frame = boilerplate.frame_of(text);
            let mut n = 0;
            for (i, &h) in scratch.shingles.iter().enumerate() {
                let b = boilerplate.is_chrome(h, frame);
                mask[i] = b;
                kept[n] = h;
                n += usize::from(!b);
            }
            kept.truncate(n);
            // A long run of "boilerplate" is a shared text, not chrome.
            if keep_long_runs(mask) > 0 {
                unmasked(&scratch.shingles, mask, kept);
            }
            all - kept.len()
        };
        let filter = leaves_out_boilerplate(all, boiler, params);
        let signed: &[u64] = if filter { kept } else { &scratch.shingles };
        hasher.sign_into(signed.iter().copied(), &mut scratch.sign, sig);
        // The set size, not the shingle count: containment is estimated
        // from it, and a text that repeats a passage (one license quoted
        // for each of its authors) has far fewer distinct shingles.
        let distinct = count_distinct(signed, &mut scratch.table);
        let left_out = if filter { boiler } else { 0 };
        let spin_shingles = match spin {
            Some(sp) if script == Script::Words => {
                sign_spin_view(sp, params.shingle_size, filter, scratch, spin_sig)
            }
            _ => 0,
        };
        Ok(SignedText {
            words,
            shingles: distinct as u32,
            boilerplate: left_out as u32,
            content_hash,
            spin_shingles,
        })
    }
}

/// The shingles whose mask flag is not set, into `kept`.
fn unmasked(shingles: &[u64], mask: &[bool], kept: &mut Vec<u64>) {
    kept.clear();
    kept.extend(
        shingles
            .iter()
            .zip(mask)
            .filter(|(_, &b)| !b)
            .map(|(&h, _)| h),
    );
}

/// Whether the signer leaves out a document's `boiler` boilerplate shingles
/// (of `all`). A document that is nearly all "boilerplate" is either a story
/// syndicated beyond max-df, one article a site carries twice, or a page of
/// pure chrome: its shingles are kept rather than signing the few that are
/// left. "The few": under `min_kept_share` of the document *and* under
/// `min_kept_shingles`. A 60-word story in 340 words of a small site's chrome
/// is 15% of its page, but 50-odd shingles of its own are a story to
/// compare, and keeping the chrome merged two such pages of different
/// stories (generated traps, docs/evaluation.md).
pub fn leaves_out_boilerplate(all: usize, boiler: usize, params: &Params) -> bool {
    let kept = all.saturating_sub(boiler);
    boiler > 0
        && kept >= MIN_FILTERED_KEPT
        && (kept as f64 >= params.min_kept_share * all as f64 || kept >= params.min_kept_shingles)
}

/// Fewest shingles a filtered document keeps: fewer are what fills a
/// notice's slots (the outlet's name in a disclaimer whose wording is
/// boilerplate), not a text to compare.
const MIN_FILTERED_KEPT: usize = 20;

/// Signs the immutable shingles of the last text. A spin shingle is left
/// out as boilerplate when the verbatim shingle ending at the same word was:
/// the chrome of a page is full of capitalised words.
fn sign_spin_view(
    sp: &SpinSigner,
    shingle_size: usize,
    filter: bool,
    scratch: &mut Scratch,
    spin_sig: &mut [u16],
) -> u32 {
    let hashes = &scratch.spin_hashes;
    let signed: &[u64] = if filter {
        // Spin shingle j ends at the token of immutable word j + n - 1 (the
        // last one, for a text with fewer than n).
        let n = sp.params.shingle_size;
        let at = &scratch.spin_at;
        let ends = &at[n.min(at.len()).saturating_sub(1)..];
        let mask = &scratch.boiler_mask;
        let last = mask.len() - 1;
        let kept = &mut scratch.spin_kept;
        kept.clear();
        kept.extend(
            hashes
                .iter()
                .zip(ends)
                .filter(|&(_, &t)| !mask[(t as usize + 1).saturating_sub(shingle_size).min(last)])
                .map(|(&h, _)| h),
        );
        kept
    } else {
        hashes
    };
    let kept = signed.len();
    if (kept as u32) < sp.params.min_shingles {
        return 0;
    }
    sp.hasher
        .sign_into(signed.iter().copied(), &mut scratch.sign, spin_sig);
    kept as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_its_filter_when_a_story_is_left() {
        let p = Params::default();
        // 70 shingles of a story in 400 of chrome: 15% of the page, filtered.
        assert!(leaves_out_boilerplate(470, 400, &p));
        // 10 of 100 left: too few to sign, the page keeps them all.
        assert!(!leaves_out_boilerplate(100, 90, &p));
        // Nothing left (one article carried twice by its site): kept whole.
        assert!(!leaves_out_boilerplate(300, 300, &p));
        // A quarter left: filtered by the share alone.
        assert!(leaves_out_boilerplate(100, 75, &p));
        assert!(!leaves_out_boilerplate(100, 0, &p), "nothing to leave out");
        // A notice whose wording is boilerplate, 14 of 53 left (its slots):
        // a quarter, but too few to compare, so it keeps them all ...
        assert!(!leaves_out_boilerplate(53, 39, &p));
        // ... and with 20 left it is filtered.
        assert!(leaves_out_boilerplate(53, 33, &p));
    }

    #[test]
    fn the_shingle_count_is_the_set_size() {
        let p = Params::default();
        let boiler = Boilerplate::default();
        let signer = Signer::new(&p, &boiler);
        let passage = "one license granted to every holder named below in full ";
        let once = passage.to_string();
        let thrice = passage.repeat(3);
        let mut sig = vec![0u16; p.num_perm];
        let mut spin_sig = vec![0u16; signer.spin_num_perm()];
        let count = |text: &str, sig: &mut [u16], spin: &mut [u16]| {
            with_scratch(|s| signer.sign(text, s, sig, spin).unwrap().shingles)
        };
        let n1 = count(&once, &mut sig, &mut spin_sig);
        let n3 = count(&thrice, &mut sig, &mut spin_sig);
        // ten words: six shingles; three times over (26 shingles), only
        // ten different windows: one per starting word
        assert_eq!(n1, 6);
        assert_eq!(n3, 10);
    }
}
