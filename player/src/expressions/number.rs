//! Numbers as text and text as numbers, as JS converts them
//! (`String(n)`, `Number(s)`), and JS's `ToInt32` and `%`.
//!
//! Must never differ from JS on a finite number's digits: the shortest
//! text that reads back as the same number.
//!
//! In the wasm player the JS engine converts (the `js` half below): its
//! answers are JS's by definition, as `Math`'s are (`Host::math`), and the
//! Rust conversions (digits, rounding, powers of ten, `parseInt`'s and
//! `parseFloat`'s prefixes) stay out of the shipped wasm: 1.6 KB
//! gzip (docs/benchmarks.md). Natively, for the tests and the native
//! tools, the Rust half computes the same up to 15 significant digits;
//! texts of more digits may read an ulp off there, and it reads neither
//! `0b` nor `0o` in `Number("…")`.

#[cfg(target_arch = "wasm32")]
pub use js::{number_to_string, string_to_number};
#[cfg(target_arch = "wasm32")]
pub(crate) use js::{parse_decimal, parse_float, parse_int, to_fixed};

/// JS's white space and line terminators (`trim`, `Number(" 1 ")`).
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `s` without JS white space at its start (and at its end with `end`),
/// without `core::str`'s pattern machinery.
pub(crate) fn trim(s: &str, end: bool) -> &str {
    let start = s
        .char_indices()
        .find(|&(_, c)| !is_space(c))
        .map_or(s.len(), |(i, _)| i);
    let rest = s.get(start..).unwrap_or_default();
    if !end {
        return rest;
    }
    let stop = rest
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_space(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    rest.get(..stop).unwrap_or_default()
}

/// Where `needle` first occurs in `haystack` (the binding engine's, which
/// the importer uses too).
pub(crate) use binding_engine::find;

/// Exact powers of ten in `f64`.
#[cfg(not(target_arch = "wasm32"))]
const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `x × 10^exp`, by exact powers of ten in the largest steps.
#[cfg(not(target_arch = "wasm32"))]
fn scaled(mut x: f64, exp: i32) -> f64 {
    let mut left = exp;
    while left != 0 && x != 0.0 && x.is_finite() {
        let step = left.unsigned_abs().min(22);
        let power = POWERS.get(step as usize).copied().unwrap_or(1e22);
        if left > 0 {
            x *= power;
            left -= step as i32;
        } else {
            x /= power;
            left += step as i32;
        }
    }
    x
}

/// A decimal number in JS's literal grammar (`12`, `1.5`, `.5`, `5.`,
/// `1e-3`; no sign): up to 19 significant digits, correctly rounded up to
/// 15 digits and exponents to ±22 (as the workspace's JSON parser),
/// within an ulp or two beyond. `None` if `text` is not one.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn parse_decimal(text: &str) -> Option<f64> {
    let (mantissa, exponent) = match text.bytes().position(|b| b == b'e' || b == b'E') {
        Some(e) => (text.get(..e)?, Some(text.get(e + 1..)?)),
        None => (text, None),
    };
    let mut exp: i32 = 0;
    if let Some(e) = exponent {
        let (sign, digits) = match e.as_bytes().first() {
            Some(b'-') => (-1, e.get(1..)?),
            Some(b'+') => (1, e.get(1..)?),
            _ => (1, e),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        for b in digits.bytes() {
            exp = (exp * 10 + i32::from(b - b'0')).min(100_000);
        }
        exp *= sign;
    }
    let mut significand: u64 = 0;
    let (mut kept, mut digits, mut point) = (0, 0, false);
    for b in mantissa.bytes() {
        match b {
            b'.' if !point => point = true,
            b'0'..=b'9' => {
                digits += 1;
                if kept < 19 {
                    if significand > 0 || b != b'0' {
                        significand = significand * 10 + u64::from(b - b'0');
                        kept += 1;
                    }
                    if point {
                        exp -= 1;
                    }
                } else if !point {
                    exp += 1;
                }
            }
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    #[allow(
        clippy::cast_precision_loss,
        reason = "19 digits round once, as documented"
    )]
    Some(scaled(significand as f64, exp))
}

/// JS `ToNumber` of a string: trimmed, empty is 0, decimal, hex or
/// `Infinity`, anything else NaN.
#[cfg(not(target_arch = "wasm32"))]
pub fn string_to_number(s: &str) -> f64 {
    let s = trim(s, true);
    if s.is_empty() {
        return 0.0;
    }
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        let mut n = 0.0;
        for c in hex.chars() {
            let Some(d) = c.to_digit(16) else {
                return f64::NAN;
            };
            n = n * 16.0 + f64::from(d);
        }
        return if hex.is_empty() { f64::NAN } else { n };
    }
    let unsigned = s
        .strip_prefix('+')
        .or_else(|| s.strip_prefix('-'))
        .unwrap_or(s);
    let magnitude = if unsigned == "Infinity" {
        f64::INFINITY
    } else {
        parse_decimal(unsigned).unwrap_or(f64::NAN)
    };
    if s.starts_with('-') {
        -magnitude
    } else {
        magnitude
    }
}

/// Appends the decimal digits of `n`.
pub(crate) fn push_integer(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(d) = digits.get_mut(start) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            break;
        }
    }
    for &d in digits.get(start..).unwrap_or_default() {
        out.push(char::from(d));
    }
}

/// The shortest significant digits (as an integer and their count) and
/// the decimal exponent of the first, that read back as `x` (positive,
/// finite): tried from 1 to 17 digits.
#[cfg(not(target_arch = "wasm32"))]
fn shortest(x: f64) -> (u64, i32, i32) {
    let mut e = 0i32;
    while e < 308 && scaled(1.0, e + 1) <= x {
        e += 1;
    }
    while e > -324 && scaled(1.0, e) > x {
        e -= 1;
    }
    let mut best = (0, 17, e);
    for p in 1..=17 {
        let n = scaled(x, p - 1 - e).round();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "below 10^18"
        )]
        let digits = n as u64;
        // Rounding up may carry into one more digit (9.99 → 10.0).
        let (digits, e) = if n >= scaled(1.0, p) {
            (digits / 10, e + 1)
        } else {
            (digits, e)
        };
        #[allow(clippy::cast_precision_loss, reason = "the check below decides")]
        if scaled(digits as f64, e - p + 1) == x || p == 17 {
            best = (digits, p, e);
            break;
        }
    }
    // Trailing zeros are not significant.
    let (mut digits, mut p, e) = best;
    while p > 1 && digits % 10 == 0 {
        digits /= 10;
        p -= 1;
    }
    (digits, p, e)
}

/// JS `Number.prototype.toString()`: the shortest digits that read back
/// as the same number (exact up to 15 significant digits; numbers that
/// need 16 or 17 may differ from JS in the last one), placed as JS places
/// them.
#[cfg(not(target_arch = "wasm32"))]
pub fn number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let mut out = String::new();
    if n == 0.0 {
        out.push('0');
        return out;
    }
    if n < 0.0 {
        out.push('-');
    }
    let x = n.abs();
    if x.fract() == 0.0 && x < 9_007_199_254_740_992.0 {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "an integer below 2^53"
        )]
        push_integer(&mut out, x as u64);
        return out;
    }
    let (digits, k, e) = shortest(x);
    let mut text = String::new();
    push_integer(&mut text, digits);
    let point = e + 1;
    let zeros = |out: &mut String, count: i32| {
        for _ in 0..count {
            out.push('0');
        }
    };
    if k <= point && point <= 21 {
        out.push_str(&text);
        zeros(&mut out, point - k);
    } else if 0 < point && point <= 21 {
        let split = usize::try_from(point).unwrap_or(0);
        out.push_str(text.get(..split).unwrap_or_default());
        out.push('.');
        out.push_str(text.get(split..).unwrap_or_default());
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        zeros(&mut out, -point);
        out.push_str(&text);
    } else {
        out.push_str(text.get(..1).unwrap_or_default());
        if k > 1 {
            out.push('.');
            out.push_str(text.get(1..).unwrap_or_default());
        }
        out.push('e');
        out.push(if point - 1 < 0 { '-' } else { '+' });
        push_integer(&mut out, u64::from((point - 1).unsigned_abs()));
    }
    out
}

/// `n.toFixed(digits)` for `digits` in 0..=100: rounded half up (JS picks
/// the larger candidate); past 2^53 or 1e21, as `toString`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn to_fixed(n: f64, digits: u32) -> String {
    let scaled_up = scaled(n.abs(), i32::try_from(digits).unwrap_or(0)).round();
    if !n.is_finite() || n.abs() >= 1e21 || scaled_up >= 9_007_199_254_740_992.0 {
        return number_to_string(n);
    }
    let mut text = String::new();
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "an integer below 2^53"
    )]
    push_integer(&mut text, scaled_up as u64);
    let d = digits as usize;
    while text.len() < d + 1 {
        text.insert(0, '0');
    }
    let mut out = String::new();
    if n < 0.0 {
        out.push('-');
    }
    let split = text.len() - d;
    out.push_str(text.get(..split).unwrap_or_default());
    if d > 0 {
        out.push('.');
        out.push_str(text.get(split..).unwrap_or_default());
    }
    out
}

/// `parseInt(text, radix)`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn parse_int(text: &str, radix: f64) -> f64 {
    let text = trim(text, false);
    let (negative, mut digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    // JS reads the radix with `ToInt32` (2^32 + 2 is 2).
    let mut radix = f64::from(to_int32(radix));
    if radix == 0.0 || radix == 16.0 {
        if let Some(rest) = digits
            .strip_prefix("0x")
            .or_else(|| digits.strip_prefix("0X"))
        {
            digits = rest;
            radix = 16.0;
        }
    }
    if radix == 0.0 {
        radix = 10.0;
    }
    if !(2.0..=36.0).contains(&radix) {
        return f64::NAN;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "2..=36"
    )]
    let base = radix as u32;
    let mut n = 0.0;
    let mut any = false;
    for c in digits.chars() {
        // `to_digit` with a radix it cannot see is in 2..=36 keeps its
        // assert, a panic site and its location in the wasm.
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 10,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => break,
        };
        if d >= base {
            break;
        }
        n = n * radix + f64::from(d);
        any = true;
    }
    match (any, negative) {
        (false, _) => f64::NAN,
        (true, true) => -n,
        (true, false) => n,
    }
}

/// `parseFloat(text)`: the longest decimal prefix.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn parse_float(text: &str) -> f64 {
    let text = trim(text, false);
    for prefix in ["Infinity", "+Infinity"] {
        if text.starts_with(prefix) {
            return f64::INFINITY;
        }
    }
    if text.starts_with("-Infinity") {
        return f64::NEG_INFINITY;
    }
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')))
        .map_or(text.len(), |(i, _)| i);
    (1..=end)
        .rev()
        .find_map(|n| text.get(..n).and_then(parse_decimal_signed))
        .unwrap_or(f64::NAN)
}

/// A decimal with an optional sign.
#[cfg(not(target_arch = "wasm32"))]
fn parse_decimal_signed(text: &str) -> Option<f64> {
    match text.as_bytes().first() {
        Some(b'-') => parse_decimal(text.get(1..)?).map(|n| -n),
        Some(b'+') => parse_decimal(text.get(1..)?),
        _ => parse_decimal(text),
    }
}

/// JS `ToInt32`: truncated, modulo 2^32 (without `f64::rem_euclid`,
/// which is `fmod`: see [`js_rem`]).
#[allow(
    clippy::cast_possible_truncation,
    reason = "ToInt32 is a truncation modulo 2^32 by definition"
)]
pub(crate) fn to_int32(n: f64) -> i32 {
    const TWO_32: f64 = 4_294_967_296.0;
    if !n.is_finite() {
        return 0;
    }
    let t = n.trunc();
    // Below 2^63 the integer is exact in an `i64`; above, a multiple of
    // 2^32 taken off first leaves the same residue (both exact: dividing
    // by a power of two, and a difference of two close multiples of 2^10).
    let t = if t.abs() < 9.2e18 {
        t
    } else {
        t - (t / TWO_32).trunc() * TWO_32
    };
    t as i64 as i32
}

/// JS `a % b` (C's `fmod`), exact, by subtracting `|b|` doubled as far as
/// it goes and then halved back: each difference is exact (Sterbenz), and
/// at most about 2,100 turns each way (charged: [`rem_steps`]). Rust's `%`
/// on floats links compiler-builtins' `fmod` and its 128-bit division:
/// 2.1 KB of wasm that only the expression engine would use. That one is
/// faster on numbers far apart (0.2 µs against this one's 11 for
/// `f64::MAX % 5e-324`, 0.66 against 3.6 for `1e300 % 7`); what scripts
/// compute, such as an angle modulo 360, takes this one a few turns.
pub(crate) fn js_rem(a: f64, b: f64) -> f64 {
    let (mut r, b) = (a.abs(), b.abs());
    if !r.is_finite() || b.is_nan() || b == 0.0 {
        return f64::NAN;
    }
    if r >= b {
        let mut d = b;
        while d * 2.0 <= r {
            d *= 2.0;
        }
        while d >= b {
            if r >= d {
                r -= d;
            }
            d /= 2.0;
        }
    }
    r.copysign(a)
}

/// The budget steps a run is charged for [`js_rem`] of `a` and `b`: one
/// per eight turns of its loops (two per bit the exponents lie apart), so
/// that a script of `%` on numbers far apart runs out of budget as one of
/// any other operator would, instead of taking seconds.
pub(crate) fn rem_steps(a: f64, b: f64) -> u32 {
    #[allow(clippy::cast_possible_truncation, reason = "an 11-bit exponent field")]
    let exponent = |x: f64| ((x.to_bits() >> 52) & 0x7ff) as u32;
    exponent(a).saturating_sub(exponent(b)) / 4
}

/// The conversions of the JS engine the wasm player runs in.
#[cfg(target_arch = "wasm32")]
mod js {
    use js_sys::{JsString, Number};
    use wasm_bindgen::{JsCast, JsValue};

    /// JS `Number(s)` of a decimal literal's text (`None` where it reads
    /// as NaN: not a number).
    pub(crate) fn parse_decimal(text: &str) -> Option<f64> {
        let n = string_to_number(text);
        (!n.is_nan()).then_some(n)
    }

    /// JS `Number(s)`.
    pub fn string_to_number(s: &str) -> f64 {
        JsValue::from_str(s).unchecked_into_f64()
    }

    /// JS `String(n)`.
    pub fn number_to_string(n: f64) -> String {
        text(
            JsValue::from_f64(n)
                .unchecked_ref::<Number>()
                .to_string_with_radix(10),
        )
    }

    /// `n.toFixed(digits)` (`digits` in 0..=100, as its caller clamps it).
    pub(crate) fn to_fixed(n: f64, digits: u32) -> String {
        text(
            JsValue::from_f64(n)
                .unchecked_ref::<Number>()
                .to_fixed(u8::try_from(digits).unwrap_or(100)),
        )
    }

    /// `parseInt(text, radix)`: JS reads `radix` with `ToInt32`, and any
    /// radix but 0 outside 2..=36 gives NaN.
    pub(crate) fn parse_int(text: &str, radix: f64) -> f64 {
        match u8::try_from(super::to_int32(radix)) {
            Ok(r @ (0 | 2..=36)) => js_sys::parse_int(text, r),
            _ => f64::NAN,
        }
    }

    /// `parseFloat(text)`.
    pub(crate) fn parse_float(text: &str) -> f64 {
        js_sys::parse_float(text)
    }

    /// A JS string as Rust's (never fails: a `RangeError` is impossible
    /// with the arguments above).
    fn text(s: Result<JsString, JsValue>) -> String {
        s.map(String::from).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_in_js() {
        // Expected values from node: String(n).
        for (n, js) in [
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (123456789012.0, "123456789012"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (-42.0, "-42"),
            (2.5, "2.5"),
            (1e300, "1e+300"),
            (-0.0, "0"),
            (f64::NAN, "NaN"),
            (123.456, "123.456"),
            (5e-324, "5e-324"),
            (1.2345e20, "123450000000000000000"),
            (1.0 / 3.0, "0.3333333333333333"),
            (core::f64::consts::PI, "3.141592653589793"),
            (123_456_789.125, "123456789.125"),
            (1e-7, "1e-7"),
            (1e23, "1e+23"),
            (0.000_123, "0.000123"),
            (-1.5e-10, "-1.5e-10"),
            (2f64.powi(60), "1152921504606847000"),
        ] {
            assert_eq!(number_to_string(n), js, "{n}");
        }
    }

    #[test]
    fn strings_read_as_numbers_as_in_js() {
        for (s, n) in [
            (" 12 ", 12.0),
            ("", 0.0),
            ("0x1f", 31.0),
            ("-Infinity", f64::NEG_INFINITY),
            ("1e3", 1000.0),
            (".5", 0.5),
        ] {
            assert_eq!(string_to_number(s), n, "{s}");
        }
        for s in ["inf", "nan", "12px", "1,2"] {
            assert!(string_to_number(s).is_nan(), "{s}");
        }
    }
}

#[cfg(test)]
mod fixed_tests {
    use super::*;

    #[test]
    fn to_fixed_as_js() {
        // From node: (n).toFixed(d).
        for (n, d, js) in [
            (2.5, 0, "3"),
            (1.005, 2, "1.00"),
            (-1.5, 0, "-2"),
            (123.456, 1, "123.5"),
            (0.125, 2, "0.13"),
            (-0.001, 2, "-0.00"),
            (5.0, 3, "5.000"),
            (0.0, 2, "0.00"),
        ] {
            assert_eq!(to_fixed(n, d), js, "{n} {d}");
        }
    }
}

#[cfg(test)]
mod arithmetic_tests {
    use super::{js_rem, to_int32};

    #[test]
    fn remainders_are_fmods() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            3.0,
            -7.25,
            1e-300,
            5e-324,
            2.5e-308,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            123_456.789,
            0.1,
            1e20,
            4_294_967_296.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            360.0,
            -359.99,
            2.0f64.powi(64) + 4096.0,
        ];
        for a in values {
            for b in values {
                let (ours, rusts) = (js_rem(a, b), a % b);
                assert!(
                    ours.to_bits() == rusts.to_bits() || ours.is_nan() && rusts.is_nan(),
                    "{a} % {b}: {ours} against {rusts}"
                );
            }
        }
    }

    #[test]
    fn to_int32_wraps_as_js() {
        // From node: x | 0.
        for (n, js) in [
            (4_294_967_297.5, 1),
            (-1.9, -1),
            (2_147_483_648.0, -2_147_483_648),
            (1e20, 1_661_992_960),
            (-1e20, -1_661_992_960),
            (9.3e18, -81_657_856),
            (1e300, 0),
            (f64::NAN, 0),
        ] {
            assert_eq!(to_int32(n), js, "{n}");
        }
    }
}
