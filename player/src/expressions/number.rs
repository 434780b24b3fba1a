//! Numbers as text and text as numbers, as JS converts them
//! (`String(n)`, `Number(s)`).
//!
//! Must never differ from JS on a finite number's digits: the shortest
//! text that reads back as the same number.

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
const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `x × 10^exp`, by exact powers of ten in the largest steps.
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
