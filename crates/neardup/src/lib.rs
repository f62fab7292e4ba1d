//! # neardup
//!
//! Find near-duplicate text at crawl scale, and explain what was found.
//!
//! The data flows one way, stage by stage, each stage a module:
//!
//! ```text
//! corpus ─► text ─► shingle ─► minhash ─► lsh ─► verify ─► cluster ─► report
//! (files,   (words   (word       (one-perm   (bands  (Jaccard,  (union-find,
//!  JSONL,    with     n-gram      MinHash,    of      contain-   origin,
//!  .gz/.zst, byte     hashes;     densified)  rows)   ment)      relations)
//!  stdin)    spans)   boilerplate
//!                     left out)
//! ```
//!
//! * [`corpus`] reads sources in batches and names every record it cannot use.
//! * [`text`] normalises (NFKC, lowercase) and tokenises, keeping byte spans.
//! * [`shingle`] hashes word n-grams and filters boilerplate found by
//!   [`boilerplate`] (high document frequency in a sample chosen by text
//!   hash, per site and corpus-wide) and by [`frames`] (the header and
//!   footer that pages without a site share with their siblings).
//! * [`minhash`] builds signatures at one hash per shingle (one-permutation
//!   hashing with optimal densification).
//! * [`lsh`] picks bands × rows for a threshold and buckets in parallel.
//! * [`verify`] checks candidates by estimated Jaccard and containment;
//!   [`exact`] re-reads the pairs whose estimates sit near a threshold and
//!   counts them exactly.
//! * [`rules`] is the one place of decisions: when a document may be dropped
//!   for another and under which relation, which copy is kept, what is spun.
//!   `cluster`, `dedup`, `explain` and the report all call it.
//! * [`cluster`] builds clusters as stars around the kept copy (every member
//!   verified directly against it) inside the connected components.
//! * [`stages`] are the same steps as functions on batches (sign, pairs,
//!   components) for a run split across processes or machines;
//!   [`pipeline`] runs them in one process. The `neardup` command (crate
//!   `neardup-cli`) writes the results (JSON Lines, text, and an HTML page
//!   with every copy side by side with its origin).
//!
//! What the library hands back (clusters, members, matches, explanations,
//! alignments, scores, skipped records, relations and verdicts) is marked
//! `#[non_exhaustive]`: a later version may add a field or a variant
//! without breaking a program that reads them. What a program hands in
//! (`Params` through its builder, `Document`, `DocFacts`, `Location`,
//! `Span`) stays constructible.
//!
//! Raw text never stays in memory: a document is signed as soon as it is read
//! and only its signatures (`2 × num_perm` bytes, 16-bit bins, and the spin
//! view's) and a few numbers are kept; a phase that does not read a table
//! puts it aside in a temporary file ([`spill`]).
//!
//! ```
//! use neardup::minhash::{estimate_jaccard, MinHasher};
//! use neardup::params::Params;
//! use neardup::signing::{shingle_text, Scratch};
//!
//! let params = Params::default();
//! let hasher = MinHasher::new(params.num_perm, params.seed);
//! let sign = |text: &str| {
//!     let mut scratch = Scratch::default();
//!     shingle_text(text, &params, &mut scratch);
//!     hasher.sign(scratch.shingles().iter().copied()).unwrap()
//! };
//! let story = "The deputy minister arrived in the capital on Saturday for talks with the \
//!     leader of the country, state media said, adding that the two sides discussed \
//!     trade, energy and the reconstruction of the eastern port after the floods. \
//!     The visit follows weeks of negotiations over a new shipping agreement.";
//! let copy = story.replace("on Saturday", "Saturday"); // a syndicated copy's small edit
//! let other = "Shares in the mining company fell sharply after it warned that profits \
//!     would halve this year, blaming lower metal prices, a strike at its largest mine \
//!     and the cost of new safety rules that came into force in the spring.";
//! assert!(estimate_jaccard(&sign(story), &sign(&copy)) > 0.6);
//! assert!(estimate_jaccard(&sign(story), &sign(other)) < 0.1);
//! ```

pub mod align;
pub mod boilerplate;
pub mod cluster;
pub mod collections;
pub mod corpus;
mod error;
pub mod exact;
pub mod explain;
pub mod frames;
pub mod index;
pub mod lsh;
pub mod main_text;
pub mod minhash;
pub mod params;
pub mod pipeline;
pub mod rows;
pub mod rules;
pub mod shared_text;
pub mod shingle;
pub mod signing;
pub mod spill;
pub mod spin;
pub mod stages;
pub mod stats;
pub mod text;
pub mod verify;
pub mod wire;
pub mod wrapped_stars;

pub use error::{Error, Result};
pub use index::{Document, Index, Match};
pub use params::{Params, ParamsBuilder, Profile};
