//! Small deterministic pseudo-random number generator.
//!
//! The corpus must be bit-identical across platforms, compilers and crate
//! versions, so the generator does not use `rand`: it uses xoshiro256**
//! seeded through splitmix64, and every derived quantity is computed with
//! integer arithmetic or correctly rounded IEEE operations (`+ - * / sqrt`),
//! never with platform `libm` functions such as `ln` or `powf`.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// One step of splitmix64: advances `state` and returns a mixed value.
#[inline]
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** generator.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator seeded from a single `u64` through splitmix64.
    pub fn new(seed: u64) -> Self {
        let mut st = seed;
        let s = [
            splitmix64(&mut st),
            splitmix64(&mut st),
            splitmix64(&mut st),
            splitmix64(&mut st),
        ];
        Rng { s }
    }

    /// An independent stream for (`seed`, `tag`, `index`): used so that each
    /// site, story and document draws from its own stream, which keeps the
    /// output stable when unrelated parts of the generator change.
    pub fn derive(seed: u64, tag: u64, index: u64) -> Self {
        let mut buf = [0u8; 16];
        buf[..8].copy_from_slice(&tag.to_le_bytes());
        buf[8..].copy_from_slice(&index.to_le_bytes());
        Rng::new(xxh3_64_with_seed(&buf, seed))
    }

    /// A child stream drawn from this one.
    pub fn fork(&mut self) -> Self {
        Rng::new(self.next_u64())
    }

    /// Next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform integer in `0..n` (`n > 0`), by multiply-shift.
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform index in `0..n` (`n > 0`).
    #[inline]
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform integer in `lo..=hi` (returns `lo` when `hi <= lo`).
    #[inline]
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo {
            lo
        } else {
            lo + self.index(hi - lo + 1)
        }
    }

    /// Uniform `u64` in `lo..=hi`.
    #[inline]
    pub fn range_u64(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below(hi - lo + 1)
        }
    }

    /// Uniform float in `[0, 1)` with 53 random bits.
    #[inline]
    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `true` with probability `p`.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// A uniformly chosen element of a non-empty slice.
    #[inline]
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.index(xs.len())]
    }

    /// A uniformly chosen string of a non-empty slice of strings.
    #[inline]
    pub fn pick_str<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.index(xs.len())]
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.index(i + 1);
            xs.swap(i, j);
        }
    }

    /// Triangular distribution on `[lo, hi]` with the given mode.
    pub fn triangular(&mut self, lo: f64, mode: f64, hi: f64) -> f64 {
        if hi <= lo {
            return lo;
        }
        let u = self.f64();
        let c = (mode - lo) / (hi - lo);
        if u < c {
            lo + (u * (hi - lo) * (mode - lo)).sqrt()
        } else {
            hi - ((1.0 - u) * (hi - lo) * (hi - mode)).sqrt()
        }
    }

    /// Index drawn with probability proportional to `weights`.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut u = self.f64() * total;
        for (i, w) in weights.iter().enumerate() {
            if u < *w {
                return i;
            }
            u -= w;
        }
        weights.len() - 1
    }
}

/// Zipf-Mandelbrot sampler over ranks `0..n`: P(r) proportional to
/// `1 / (r + 1 + q)`. Uses only division, so tables are identical on every
/// platform.
#[derive(Clone, Debug)]
pub struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    /// Sampler over `n >= 1` ranks with offset `q >= 0`.
    pub fn new(n: usize, q: f64) -> Self {
        let mut cdf = Vec::with_capacity(n.max(1));
        let mut acc = 0.0;
        for r in 0..n.max(1) {
            acc += 1.0 / (r as f64 + 1.0 + q);
            cdf.push(acc);
        }
        Zipf { cdf }
    }

    /// Number of ranks.
    pub fn len(&self) -> usize {
        self.cdf.len()
    }

    /// Always false: a sampler has at least one rank.
    pub fn is_empty(&self) -> bool {
        self.cdf.is_empty()
    }

    /// A rank in `0..len()`.
    #[inline]
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cdf[self.cdf.len() - 1];
        let u = rng.f64() * total;
        self.cdf
            .partition_point(|&c| c <= u)
            .min(self.cdf.len() - 1)
    }
}
