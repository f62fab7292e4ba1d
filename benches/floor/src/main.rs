//! `neardup-floor`: the least work any MinHash dedup tool must do on a JSON
//! Lines corpus (issue 15, "Speed at the floor"), so that `neardup cluster`'s
//! whole-process time can be quoted as a ratio to it, measured in the same
//! run (`farm-bench --vs`, see the README next to this crate).
//!
//! ```text
//! neardup-floor FILE [--text-field text] [--threads N]
//! ```
//!
//! # What it does
//!
//! 1. **Read** the file from disk in large chunks ([`CHUNK_SIZE`] bytes
//!    read, cut after the last newline; the partial line is carried into
//!    the next chunk). No memory map: a tool that streams a corpus larger
//!    than memory reads it, and so does the floor. The reading runs on the
//!    calling thread while the workers sign; a fixed set of buffers is
//!    recycled between them, so a reader ahead of the workers waits instead
//!    of holding the file in memory.
//! 2. **Parse** every line with serde_json, decoding the text field only
//!    (borrowed from the line when it has no escapes) and skipping every
//!    other field without allocating. The field name is chosen at run time,
//!    so the record is read through a [`DeserializeSeed`] rather than a
//!    derived struct; the work is the same as a derived struct with
//!    `#[serde(borrow)] text: Cow<str>`.
//! 3. **Lowercase** (a byte loop for ASCII text, `str::to_lowercase`
//!    otherwise) and **split on whitespace** (Unicode `White_Space`).
//! 4. **Hash** every word with xxh3 and every window of [`SHINGLE`] words
//!    into one u64: a rolling polynomial over the word hashes (O(1) a word)
//!    finished by Murmur3's 64-bit avalanche, as neardup does. A text of 1
//!    to 4 words makes one shingle of all its words; an empty text none.
//! 5. **Sign** with one-permutation MinHash, [`BINS`] bins: the top 7 bits
//!    of a shingle hash pick the bin, the bin keeps the smallest low 32
//!    bits. An empty bin copies the next non-empty one (cyclically).
//! 6. Work is split over a rayon pool of `--threads` threads (all cores by
//!    default), one chunk a task.
//!
//! To keep the optimiser from dropping the signatures, each is hashed with
//! xxh3 and the hashes are summed (wrapping) into a checksum: a sum rather
//! than an xor so that two equal signatures do not cancel, and a
//! commutative one so that it does not depend on the order the threads
//! finish in. The program prints one line:
//!
//! ```text
//! documents D skipped S shingles N checksum 0x... seconds T
//! ```
//!
//! `documents` counts the records with a string text field (an empty text
//! is a document without a signature); `skipped` the non-blank lines that
//! are not JSON objects or have no string text (neardup skips those too);
//! `seconds` runs from the start of `main` to the print.
//!
//! # What it does not do
//!
//! Nothing more: no LSH, no candidate pairs, no verification, no
//! clustering, no boilerplate filter, no Unicode normalisation, no output
//! file. It is a floor, not a dedup tool.

use memchr::{memchr, memrchr};
use rayon::{Scope, ThreadPoolBuilder};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::ops::AddAssign;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Mutex;
use std::time::Instant;
use xxhash_rust::xxh3::xxh3_64;

/// Bytes read from the file for each chunk (plus the partial line carried
/// over from the one before).
pub const CHUNK_SIZE: usize = 4 << 20;
/// Words in a shingle.
pub const SHINGLE: usize = 5;
/// MinHash bins (a power of two: the bin is the top bits of the hash).
pub const BINS: usize = 128;
const BIN_BITS: u32 = BINS.trailing_zeros();

/// A signature: the smallest low 32 bits of the shingle hashes of each bin.
pub type Signature = [u32; BINS];

/// Base of the rolling polynomial (odd, high-entropy).
const BASE: u64 = 0x9E37_79B9_7F4A_7C15;
/// `BASE^(SHINGLE-1)`: the weight of the word that leaves the window.
const BASE_POW: u64 = {
    let mut p = 1u64;
    let mut i = 1;
    while i < SHINGLE {
        p = p.wrapping_mul(BASE);
        i += 1;
    }
    p
};

/// A UTF-8 byte order mark, which some writers put before the first line.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What a run counted and the checksum of its signatures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Records with a string text field.
    pub documents: u64,
    /// Non-blank lines that are not a JSON object with a string text field.
    pub skipped: u64,
    /// Shingles over all documents (with repeats within a document).
    pub shingles: u64,
    /// Wrapping sum of the xxh3 of each signature's bytes.
    pub checksum: u64,
}

impl AddAssign for Totals {
    fn add_assign(&mut self, o: Totals) {
        self.documents += o.documents;
        self.skipped += o.skipped;
        self.shingles += o.shingles;
        self.checksum = self.checksum.wrapping_add(o.checksum);
    }
}

/// How to run: the text field, the threads and the chunk size (the tests
/// use tiny chunks so that lines straddle chunk boundaries).
#[derive(Clone, Debug)]
pub struct Options {
    /// Name of the top-level field that holds the text.
    pub text_field: String,
    /// Worker threads.
    pub threads: usize,
    /// Bytes read for each chunk.
    pub chunk_size: usize,
}

/// Reads `input` to the end and signs every record in it.
///
/// The calling thread reads; `opts.threads` rayon workers sign one chunk
/// each at a time. The totals do not depend on the thread count or the
/// chunk size: every line is signed whole, wherever the chunks are cut, and
/// the totals are sums.
pub fn run<R: Read>(mut input: R, opts: &Options) -> io::Result<Totals> {
    let pool = ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(io::Error::other)?;
    // One buffer being filled, one being signed by each worker, one ready:
    // more would only let the reader run further ahead.
    let buffers = opts.threads + 2;
    let (free_tx, free_rx) = sync_channel::<Vec<u8>>(buffers);
    for _ in 0..buffers {
        free_tx.send(Vec::new()).expect("the channel has room");
    }
    let totals = Mutex::new(Totals::default());
    let chunk_size = opts.chunk_size.max(1);

    let workers = Workers {
        totals: &totals,
        field: &opts.text_field,
        free: free_tx,
    };
    pool.in_place_scope(|scope| -> io::Result<()> {
        let mut buf = free_rx.recv().expect("a buffer is free");
        // Bytes of `buf` that hold data (the first ones carried over).
        let mut filled = 0;
        let mut first = true;
        loop {
            // Buffers stay at their largest length: zeroed once, not per read.
            let want = filled + chunk_size;
            if buf.len() < want {
                buf.resize(want, 0);
            }
            // Only new bytes can hold a newline: the carry is what followed
            // the last one.
            let start = filled;
            let mut eof = false;
            while filled < want {
                match input.read(&mut buf[filled..want]) {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            if eof {
                if filled > 0 {
                    workers.sign(scope, buf, filled, first);
                }
                return Ok(());
            }
            let Some(newline) = memrchr(b'\n', &buf[start..filled]) else {
                // A line longer than the buffer: read more of it.
                continue;
            };
            let cut = start + newline + 1;
            // The partial last line starts the next buffer.
            let mut next = free_rx.recv().expect("the workers return buffers");
            let carry = filled - cut;
            if next.len() < carry {
                next.resize(carry, 0);
            }
            next[..carry].copy_from_slice(&buf[cut..filled]);
            workers.sign(scope, buf, cut, first);
            first = false;
            buf = next;
            filled = carry;
        }
    })?;
    Ok(totals.into_inner().expect("no worker panicked"))
}

/// What the signing tasks share: where they add their totals, the text
/// field, and where they return their buffers.
struct Workers<'a> {
    totals: &'a Mutex<Totals>,
    field: &'a str,
    free: SyncSender<Vec<u8>>,
}

impl<'a> Workers<'a> {
    /// Signs `buf[..len]` on a worker, adds to the totals, frees the buffer.
    /// `first`: the chunk starts the file (and may start with a byte order
    /// mark).
    fn sign<'s>(&self, scope: &Scope<'s>, buf: Vec<u8>, len: usize, first: bool)
    where
        'a: 's,
    {
        let (totals, field, free) = (self.totals, self.field, self.free.clone());
        scope.spawn(move |_| {
            let mut data = &buf[..len];
            if first {
                data = data.strip_prefix(BOM).unwrap_or(data);
            }
            let t = sign_lines(data, field);
            *totals.lock().expect("no worker panicked") += t;
            // The channel has room for every buffer: this never blocks, and
            // its receiver lives until `run` returns.
            let _ = free.send(buf);
        });
    }
}

/// Signs every line of `data` (whole lines; the last may lack its newline).
pub fn sign_lines(data: &[u8], field: &str) -> Totals {
    let mut totals = Totals::default();
    let mut signer = Signer::default();
    let mut rest = data;
    while !rest.is_empty() {
        let line;
        (line, rest) = match memchr(b'\n', rest) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match text_of(line, field) {
            Some(text) => {
                totals.documents += 1;
                let (shingles, signature) = signer.sign(&text);
                totals.shingles += shingles;
                if let Some(sig) = signature {
                    totals.checksum = totals.checksum.wrapping_add(checksum(&sig));
                }
            }
            None => totals.skipped += 1,
        }
    }
    totals
}

/// The xxh3 of a signature's bytes (little-endian, whatever the machine).
pub fn checksum(sig: &Signature) -> u64 {
    let mut bytes = [0u8; BINS * 4];
    for (out, v) in bytes.chunks_exact_mut(4).zip(sig) {
        out.copy_from_slice(&v.to_le_bytes());
    }
    xxh3_64(&bytes)
}

/// The text field of a JSON line, or None when the line is not a JSON
/// object with a string under that name (the first such key counts).
pub fn text_of<'a>(line: &'a [u8], field: &str) -> Option<Cow<'a, str>> {
    let mut de = serde_json::Deserializer::from_slice(line);
    let text = TextOf(field).deserialize(&mut de).ok()?;
    de.end().ok()?;
    text
}

/// Reads a record, keeping only the value of key `.0`.
struct TextOf<'f>(&'f str);

impl<'de> DeserializeSeed<'de> for TextOf<'_> {
    type Value = Option<Cow<'de, str>>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TextOf<'_> {
    type Value = Option<Cow<'de, str>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut text = None;
        while let Some(is_text) = map.next_key_seed(IsKey(self.0))? {
            if is_text && text.is_none() {
                // A text that is not a string fails the record: skipped.
                text = Some(map.next_value_seed(CowStr)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(text)
    }
}

/// Compares an object key with a name without allocating (escaped keys
/// arrive as a temporary `&str`).
struct IsKey<'f>(&'f str);

impl<'de> DeserializeSeed<'de> for IsKey<'_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for IsKey<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == self.0)
    }
}

/// A JSON string, borrowed from the line when it has no escapes.
struct CowStr;

impl<'de> DeserializeSeed<'de> for CowStr {
    type Value = Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for CowStr {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// Per-thread scratch: the lowercased text and the bins' minima.
pub struct Signer {
    lower: String,
    mins: [u64; BINS],
}

impl Default for Signer {
    fn default() -> Self {
        Signer {
            lower: String::new(),
            mins: [EMPTY; BINS],
        }
    }
}

/// A bin no shingle fell into (above every 32-bit minimum).
const EMPTY: u64 = u64::MAX;

impl Signer {
    /// The shingle count and the signature of a text (None when it has no
    /// words).
    pub fn sign(&mut self, text: &str) -> (u64, Option<Signature>) {
        if text.is_ascii() {
            self.lower.clear();
            self.lower.push_str(text);
            self.lower.make_ascii_lowercase();
        } else {
            self.lower = text.to_lowercase();
        }
        self.mins = [EMPTY; BINS];
        let mins = &mut self.mins;
        let mut shingles = 0u64;
        // The last SHINGLE word hashes, and the window's polynomial
        // Σ h_j · BASE^(SHINGLE-1-j).
        let mut ring = [0u64; SHINGLE];
        let mut words = 0usize;
        let mut poly = 0u64;
        for_each_word(&self.lower, |word| {
            let h = xxh3_64(word);
            let slot = words % SHINGLE;
            if words >= SHINGLE {
                poly = poly.wrapping_sub(ring[slot].wrapping_mul(BASE_POW));
            }
            poly = poly.wrapping_mul(BASE).wrapping_add(h);
            ring[slot] = h;
            words += 1;
            if words >= SHINGLE {
                add_shingle(mins, poly);
                shingles += 1;
            }
        });
        if words == 0 {
            return (0, None);
        }
        if words < SHINGLE {
            add_shingle(mins, poly);
            shingles = 1;
        }
        (shingles, Some(densify(mins)))
    }
}

/// Calls `f` on each whitespace-separated word of `text` (as
/// `str::split_whitespace`, with a byte loop when the text is ASCII).
pub fn for_each_word(text: &str, mut f: impl FnMut(&[u8])) {
    if text.is_ascii() {
        // The ASCII characters with Unicode White_Space: u8's
        // is_ascii_whitespace leaves out the vertical tab (0x0B).
        let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        for w in text.as_bytes().split(ws) {
            if !w.is_empty() {
                f(w);
            }
        }
    } else {
        for w in text.split_whitespace() {
            f(w.as_bytes());
        }
    }
}

/// Adds one shingle, given its polynomial, to the bins.
#[inline]
fn add_shingle(mins: &mut [u64; BINS], poly: u64) {
    let h = fmix64(poly);
    let bin = (h >> (64 - BIN_BITS)) as usize;
    // `min`, not a branch: whether a shingle beats its bin is a coin toss.
    mins[bin] = mins[bin].min(h & 0xFFFF_FFFF);
}

/// The signature of the bins, each empty bin taking the value of the next
/// non-empty one (cyclically). At least one bin must be filled.
fn densify(mins: &[u64; BINS]) -> Signature {
    let mut sig = [0u32; BINS];
    let last = mins
        .iter()
        .rposition(|&m| m != EMPTY)
        .expect("a signed text has a shingle");
    // Walking down from the last filled bin, `next` is the nearest filled
    // bin above (wrapping round to the last filled one for the top bins).
    let mut next = mins[last];
    for (s, &m) in sig.iter_mut().zip(mins).rev() {
        if m != EMPTY {
            next = m;
        }
        *s = next as u32;
    }
    sig
}

/// Murmur3's 64-bit finaliser: every input bit affects every output bit,
/// so the bin (high bits) and the value (low bits) are both well mixed.
#[inline]
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

const USAGE: &str = "usage: neardup-floor FILE [--text-field text] [--threads N]";

fn parse_args(args: impl Iterator<Item = String>) -> Result<(String, Options), String> {
    let mut file = None;
    let mut opts = Options {
        text_field: "text".into(),
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        chunk_size: CHUNK_SIZE,
    };
    let mut args = args;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--text-field" => opts.text_field = args.next().ok_or("--text-field needs a name")?,
            "--threads" => {
                let n = args.next().ok_or("--threads needs a number")?;
                opts.threads = match n.parse() {
                    Ok(n) if n > 0 => n,
                    _ => return Err(format!("--threads: {n:?} is not a positive number")),
                };
            }
            "-h" | "--help" => return Err(String::new()),
            _ if a.starts_with('-') => return Err(format!("unknown option {a}")),
            _ if file.is_none() => file = Some(a),
            _ => return Err(format!("one FILE only, not {a:?} too")),
        }
    }
    Ok((file.ok_or("FILE is missing")?, opts))
}

fn main() -> ExitCode {
    let start = Instant::now();
    let (path, opts) = match parse_args(std::env::args().skip(1)) {
        Ok(x) => x,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("neardup-floor: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let totals = match File::open(&path).and_then(|f| run(f, &opts)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("neardup-floor: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "documents {} skipped {} shingles {} checksum {:#018x} seconds {:.3}",
        totals.documents,
        totals.skipped,
        totals.shingles,
        totals.checksum,
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(threads: usize, chunk_size: usize) -> Options {
        Options {
            text_field: "text".into(),
            threads,
            chunk_size,
        }
    }

    fn run_on(corpus: &str, threads: usize, chunk_size: usize) -> Totals {
        run(corpus.as_bytes(), &opts(threads, chunk_size)).unwrap()
    }

    fn sig(text: &str) -> Signature {
        Signer::default().sign(text).1.expect("the text has words")
    }

    fn line(text: &str) -> String {
        format!(
            "{{\"id\":1,\"text\":{}}}\n",
            serde_json::to_string(text).unwrap()
        )
    }

    #[test]
    fn counts_documents_and_shingles() {
        let corpus = [
            // 7 words: 3 five-word shingles.
            line("one two three four five six seven"),
            // 5 words: 1; 3 words: 1 of all its words; empty: none.
            line("a b c d e"),
            line("only three words"),
            line(""),
            // Blank lines are not records; these are skipped.
            "\n  \r\n".to_string(),
            "not json\n".to_string(),
            "{\"id\":2}\n".to_string(),
            "{\"text\":42}\n".to_string(),
            "[\"text\"]\n".to_string(),
            // Other fields, nested or escaped, are passed over; no final
            // newline.
            "{\"meta\":{\"text\":[1,{\"a\":null}]},\"t\\u0065xt\":\"x y z w v u\"}".to_string(),
        ]
        .concat();
        let t = run_on(&corpus, 2, 16);
        assert_eq!(t.documents, 5);
        assert_eq!(t.skipped, 4);
        assert_eq!(t.shingles, 3 + 1 + 1 + 2);
        assert_eq!(run_on("", 2, 16), Totals::default());
        assert_eq!(run_on("\n\n", 2, 1), Totals::default());
        assert_eq!(Signer::default().sign("").0, 0);
        assert_eq!(Signer::default().sign("  \t ").1, None);
    }

    #[test]
    fn signatures_follow_the_text() {
        let a = "The quick brown fox jumps over the lazy dog near the river bank";
        assert_eq!(sig(a), sig(a));
        // Case and whitespace are not part of a word.
        assert_eq!(sig(a), sig(&a.to_uppercase().replace(' ', " \t\n ")));
        assert_ne!(
            sig(a),
            sig("The quick brown fox jumps over the lazy cat near the river bank")
        );
        assert_ne!(sig(a), sig("the quick brown fox"));
        // Word order counts: the same words, other 5-grams.
        assert_ne!(sig("a b c d e f"), sig("f e d c b a"));
        // Non-ASCII text is lowercased by Unicode rules.
        assert_eq!(
            sig("ÉCOLE ŁÓDŹ straße ÀÉÎÕÜ one two"),
            sig("école łódź straße àéîõü one two")
        );
        assert_ne!(
            sig("école publique de la ville"),
            sig("ecole publique de la ville")
        );
    }

    #[test]
    fn a_signature_is_of_the_set_of_5_grams() {
        // The same five 5-grams (abcde, bcdea, cdeab, deabc, eabcd) met in
        // another order: a window's hash is of its words alone.
        assert_eq!(sig("a b c d e a b c d e"), sig("c d e a b c d e a b"));
        assert_eq!(
            sig("a b c d e a b c d e"),
            sig("a b c d e a b c d e a b c d")
        );
        assert_ne!(sig("a b c d e a b c d e"), sig("a b c d e a b c"));
        // One shingle fills one bin; densification copies it to the others.
        let one = sig("a b c d e");
        assert!(one.iter().all(|&v| v == one[0]), "{one:?}");
        let mut two = sig("a b c d e f").to_vec();
        two.sort_unstable();
        two.dedup();
        assert!(two.len() <= 2, "{two:?}");
    }

    #[test]
    fn escaped_and_borrowed_texts_sign_alike() {
        let plain = "{\"text\":\"caf\u{e9} au lait, s'il vous pla\u{ee}t\"}\n";
        let escaped = "{\"text\":\"caf\\u00e9 au lait, s'il vous pla\\u00eet\"}\n";
        let t = run_on(plain, 1, CHUNK_SIZE);
        assert_eq!(t.documents, 1);
        assert_eq!(t, run_on(escaped, 1, CHUNK_SIZE));
        // The byte order mark before the first line is not part of it.
        assert_eq!(t, run_on(&format!("\u{feff}{plain}"), 1, CHUNK_SIZE));
    }

    #[test]
    fn ascii_words_split_as_split_whitespace() {
        let text = "a\u{b}b\u{c}c\rd\te\nf  g \u{1c}h";
        let mut words = Vec::new();
        for_each_word(text, |w| {
            words.push(std::str::from_utf8(w).unwrap().to_owned())
        });
        let want: Vec<_> = text.split_whitespace().collect();
        assert_eq!(words, want);
    }

    #[test]
    fn text_field_is_chosen() {
        let corpus = "{\"text\":\"not this one\",\"body\":\"a b c d e f\"}\n";
        let mut o = opts(1, CHUNK_SIZE);
        o.text_field = "body".into();
        let t = run(corpus.as_bytes(), &o).unwrap();
        assert_eq!((t.documents, t.shingles), (1, 2));
        assert_eq!(t.checksum, checksum(&sig("a b c d e f")));
        // Of two text keys, the first counts.
        let twice = "{\"text\":\"a b c d e f\",\"text\":\"g h\"}\n";
        assert_eq!(run_on(twice, 1, CHUNK_SIZE), t);
    }

    #[test]
    fn checksum_counts_every_signature() {
        let one = run_on(&line("a b c d e f"), 1, CHUNK_SIZE);
        let two = run_on(&line("a b c d e f").repeat(2), 1, CHUNK_SIZE);
        // A sum, not an xor: a repeat does not cancel its original.
        assert_ne!(two.checksum, 0);
        assert_eq!(two.checksum, one.checksum.wrapping_mul(2));
    }

    #[test]
    fn threads_and_chunks_do_not_change_the_result() {
        // Texts of many lengths (some longer than the small chunks), a few
        // repeats, and a last line without its newline.
        let mut corpus = String::new();
        for i in 0..300u64 {
            let n = (i * 7919) % 40;
            let words: Vec<String> = (0..n).map(|j| format!("w{}", (i * j + j) % 23)).collect();
            corpus.push_str(&line(&words.join(if i % 3 == 0 { " " } else { "  \t" })));
            if i % 50 == 0 {
                corpus.push_str("broken {\n");
            }
        }
        corpus.push_str("{\"text\":\"the end without a newline\"}");
        let want = run_on(&corpus, 1, CHUNK_SIZE);
        assert_eq!(want.documents, 301);
        assert_eq!(want.skipped, 6);
        for threads in [1, 2, 3] {
            for chunk in [1, 2, 7, 64, 1000] {
                assert_eq!(
                    run_on(&corpus, threads, chunk),
                    want,
                    "{threads} threads, {chunk}-byte chunks"
                );
            }
        }
    }

    #[test]
    fn arguments() {
        let args = |s: &str| parse_args(s.split_whitespace().map(String::from));
        let (file, o) = args("c.jsonl --text-field body --threads 3").unwrap();
        assert_eq!(
            (file.as_str(), o.text_field.as_str(), o.threads),
            ("c.jsonl", "body", 3)
        );
        assert!(args("--threads 0 c.jsonl").is_err());
        assert!(args("a b").is_err());
        assert!(args("").is_err());
    }
}
