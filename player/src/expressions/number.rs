//! Numbers as text and text as numbers, as JS converts them
//! (`String(n)`, `Number(s)`).
//!
//! Must never differ from JS on a finite number's digits: the shortest
//! text that reads back as the same number.

/// JS `ToNumber` of a string: trimmed, empty is 0, decimal, hex or
/// `Infinity`, anything else NaN.
pub fn string_to_number(s: &str) -> f64 {
    let s = s.trim();
    if s.is_empty() {
        return 0.0;
    }
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        return u64::from_str_radix(hex, 16).map_or(f64::NAN, |n| n as f64);
    }
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    if unsigned == "Infinity" {
        return if s.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    if !unsigned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
    {
        return f64::NAN;
    }
    s.parse().unwrap_or(f64::NAN)
}

/// JS `Number.prototype.toString()`: the shortest digits that read back
/// as the same number, placed as JS places them.
pub fn number_to_string(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if n == 0.0 {
        return "0".into();
    }
    if n.fract() == 0.0 && n.abs() < 1e21 {
        let mut out = String::new();
        if n < 0.0 {
            out.push('-');
        }
        // Exact below 2^64; above, the digits of the shortest form follow.
        if n.abs() < 1.8e19 {
            let mut digits = Vec::new();
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "integral, below 2^64"
            )]
            let mut rest = n.abs() as u64;
            while rest > 0 {
                digits.push(b'0' + (rest % 10) as u8);
                rest /= 10;
            }
            out.extend(digits.iter().rev().map(|&d| char::from(d)));
            return out;
        }
    }
    // The shortest round-trip digits and exponent, from core's formatter.
    let sci = format!("{:e}", n.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let k = i32::try_from(digits.len()).unwrap_or(1);
    let point = exponent + 1;
    let mut out = String::new();
    if n < 0.0 {
        out.push('-');
    }
    let zeros = |count: i32| "0".repeat(usize::try_from(count).unwrap_or(0));
    if k <= point && point <= 21 {
        out.push_str(&digits);
        out.push_str(&zeros(point - k));
    } else if 0 < point && point <= 21 {
        let split = usize::try_from(point).unwrap_or(0);
        out.push_str(digits.get(..split).unwrap_or_default());
        out.push('.');
        out.push_str(digits.get(split..).unwrap_or_default());
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        out.push_str(&zeros(-point));
        out.push_str(&digits);
    } else {
        out.push_str(digits.get(..1).unwrap_or_default());
        if k > 1 {
            out.push('.');
            out.push_str(digits.get(1..).unwrap_or_default());
        }
        out.push('e');
        out.push(if point - 1 < 0 { '-' } else { '+' });
        out.push_str(&(point - 1).unsigned_abs().to_string());
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
