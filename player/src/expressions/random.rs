//! Deterministic randomness: lottie-web's `seedrandom` (David Bau's ARC4
//! generator as lottie-web 5.13 bundles it, without the RC4-drop its copy
//! leaves out), so that a seed gives the numbers lottie-web gives for it;
//! and `noise`, a smooth 1-D gradient noise in −1…1 (After Effects' own
//! Perlin noise is not published; lottie-web has none).
//!
//! Must never read a clock or any entropy: every number comes from the
//! seed.

use super::number::number_to_string;

/// The generator's state (ARC4).
#[derive(Clone, Debug)]
pub(crate) struct Rng {
    s: [u8; 256],
    i: u8,
    j: u8,
}

impl Default for Rng {
    fn default() -> Rng {
        Rng::from_seed_text("")
    }
}

impl Rng {
    /// `Math.seedrandom(seed)` of a number: the seed is the number's JS
    /// text with a NUL after it (seedrandom's `flatten` of a non-string).
    pub(crate) fn from_number(seed: f64) -> Rng {
        let mut text = number_to_string(seed);
        text.push('\0');
        Rng::from_seed_text(&text)
    }

    /// `Math.seedrandom(text)`.
    pub(crate) fn from_seed_text(text: &str) -> Rng {
        // mixkey: the text's UTF-16 units smeared into a key of ≤256 bytes.
        let mut key = [0u8; 256];
        let mut len = 0usize;
        let mut smear: u32 = 0;
        for (j, unit) in text.encode_utf16().enumerate() {
            let k = j & 255;
            let old = key.get(k).copied().unwrap_or(0);
            smear ^= u32::from(old) * 19;
            let byte = (smear.wrapping_add(u32::from(unit)) & 255) as u8;
            if let Some(slot) = key.get_mut(k) {
                *slot = byte;
            }
            len = len.max(k + 1);
        }
        if len == 0 {
            len = 1;
        }
        let mut s = [0u8; 256];
        for (i, v) in s.iter_mut().enumerate() {
            *v = i as u8;
        }
        let mut j: u8 = 0;
        for i in 0..256 {
            let t = s.get(i).copied().unwrap_or(0);
            j = j
                .wrapping_add(
                    key.get(i.checked_rem(len).unwrap_or(0))
                        .copied()
                        .unwrap_or(0),
                )
                .wrapping_add(t);
            s.swap(i, usize::from(j));
        }
        Rng { s, i: 0, j: 0 }
    }

    /// ARC4's next `count` outputs as one number.
    fn g(&mut self, count: u32) -> f64 {
        let mut r = 0.0;
        for _ in 0..count {
            self.i = self.i.wrapping_add(1);
            let t = self.s.get(usize::from(self.i)).copied().unwrap_or(0);
            self.j = self.j.wrapping_add(t);
            self.s.swap(usize::from(self.i), usize::from(self.j));
            let si = self.s.get(usize::from(self.i)).copied().unwrap_or(0);
            let out = self
                .s
                .get(usize::from(si.wrapping_add(t)))
                .copied()
                .unwrap_or(0);
            r = r * 256.0 + f64::from(out);
        }
        r
    }

    /// The next number in [0, 1), every bit of the mantissa random.
    pub(crate) fn next(&mut self) -> f64 {
        const SIGNIFICANCE: f64 = 4_503_599_627_370_496.0; // 2^52
        const OVERFLOW: f64 = 9_007_199_254_740_992.0; // 2^53
        let mut n = self.g(6);
        let mut d = 281_474_976_710_656.0; // 2^48
        let mut x = 0.0;
        while n < SIGNIFICANCE {
            n = (n + x) * 256.0;
            d *= 256.0;
            x = self.g(1);
        }
        while n >= OVERFLOW {
            n /= 2.0;
            d /= 2.0;
            x = (x / 2.0).floor();
        }
        (n + x) / d
    }
}

/// A hash of a lattice point into a gradient in −1…1.
fn gradient(i: f64) -> f64 {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a hash of the bits"
    )]
    let mut h = (i as i64 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 29;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 32;
    #[allow(clippy::cast_precision_loss, reason = "a fraction of the hash")]
    let unit = (h >> 11) as f64 / 9_007_199_254_740_992.0;
    unit * 2.0 - 1.0
}

/// Smooth 1-D gradient noise: 0 at integers, in −1…1.
pub(crate) fn noise(x: f64) -> f64 {
    if !x.is_finite() {
        return 0.0;
    }
    let i = x.floor();
    let f = x - i;
    let a = gradient(i) * f;
    let b = gradient(i + 1.0) * (f - 1.0);
    let fade = f * f * f * (f * (f * 6.0 - 15.0) + 10.0);
    ((a + (b - a) * fade) * 2.0).clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_lottie_web_seedrandom() {
        // From node, lottie-web 5.13's seedRandom: BMMath.seedrandom(seed);
        // then BMMath.random() three times.
        let cases: [(f64, [f64; 3]); 3] = [
            (
                0.0,
                [
                    0.956_574_135_681_380_1,
                    0.549_439_351_783_995_9,
                    0.864_099_938_343_060_1,
                ],
            ),
            (
                12345.5,
                [
                    0.788_814_250_736_331_2,
                    0.486_702_485_424_429_6,
                    0.869_170_078_649_913_5,
                ],
            ),
            (
                2_000_000.04,
                [
                    0.261_908_634_037_043_2,
                    0.676_600_654_396_628_2,
                    0.311_736_120_951_251_4,
                ],
            ),
        ];
        for (seed, expected) in cases {
            let mut rng = Rng::from_number(seed);
            let got = [rng.next(), rng.next(), rng.next()];
            assert_eq!(got, expected, "seed {seed}");
        }
        let mut text = Rng::from_seed_text("hello");
        assert_eq!(text.next(), 0.059_841_154_764_998_974);
    }

    #[test]
    fn noise_is_smooth_and_bounded() {
        let mut previous = noise(0.0);
        assert!(previous.abs() < 1e-12);
        for step in 1..2000 {
            let x = f64::from(step) * 0.01;
            let n = noise(x);
            assert!((-1.0..=1.0).contains(&n));
            assert!((n - previous).abs() < 0.1, "{x}");
            previous = n;
        }
    }
}
