//! JSON: a small parser into a plain tree, and a writer, shared by the
//! manifest reader and the player's Lottie import. It replaces serde_json in
//! the shipped wasm, where serde's machinery cost several KB gzip for a job
//! this simple (docs/benchmarks.md).
//!
//! Owns: RFC 8259 syntax (strict: no comments, no trailing commas, no
//! control characters in strings), a nesting limit, numbers as `f64`, and
//! objects as ordered key/value lists where the last of duplicate keys wins
//! (as in `JSON.parse`). Must never panic, whatever the input; errors say
//! the line, never quote the text.

use core::fmt::{self, Write};

/// A JSON literal written as Rust tokens, for tests: `json!({ "a": [1, 2] })`.
/// Negative numbers need no space after the minus sign, so write them in a
/// string and [`parse`] it instead. Panics on invalid JSON.
#[doc(hidden)]
#[macro_export]
macro_rules! json {
    ($($tokens:tt)+) => {
        $crate::json::parse(stringify!($($tokens)+)).expect("a valid json! literal")
    };
}

/// How deep arrays and objects may nest (serde_json's default too).
pub const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// Any number, as the nearest `f64` (within an ulp or two for more than
    /// 15 significant digits).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

/// A JSON object: its members in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map(Vec<(String, Value)>);

/// Where the text stops being JSON: the 1-based line (templates hold no
/// personal data, but the message still quotes nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError {
    /// Line of the problem.
    pub line: usize,
}

impl Map {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `key` (the last one, if the key is repeated).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` is a member.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, replacing an earlier value.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(member) => member.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// The members in document order (a repeated key appears each time).
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The keys in document order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'m> IntoIterator for &'m Map {
    type Item = (&'m String, &'m Value);
    type IntoIter = core::iter::Map<
        core::slice::Iter<'m, (String, Value)>,
        fn(&'m (String, Value)) -> (&'m String, &'m Value),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut map = Map::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl Value {
    /// The value of `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|o| o.get(key))
    }

    /// The value of `key` to change or move out (the last one, if the key
    /// is repeated), if this is an object that has it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        match self {
            Value::Object(map) => map
                .0
                .iter_mut()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The number, if this is a whole number from 0 to 2^53.
    pub fn as_u64(&self) -> Option<u64> {
        let n = self.as_f64()?;
        (n.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(&n)).then_some(n as u64)
    }

    /// The number, if this is a whole number within ±2^53.
    pub fn as_i64(&self) -> Option<i64> {
        let n = self.as_f64()?;
        (n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0).then_some(n as i64)
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// Whether this is a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// Whether this is a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<f64> for Value {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

/// Parses `text` as one JSON value (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let value = parser.value();
    parser.skip_whitespace();
    match value {
        Some(value) if parser.pos == parser.bytes.len() => Ok(value),
        _ => Err(SyntaxError {
            line: 1 + text
                .as_bytes()
                .iter()
                .take(parser.pos)
                .filter(|&&b| b == b'\n')
                .count(),
        }),
    }
}

struct Parser<'t> {
    bytes: &'t [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &[u8], value: Value) -> Option<Value> {
        let end = self.pos.checked_add(word.len())?;
        (self.bytes.get(self.pos..end)? == word).then(|| {
            self.pos = end;
            value
        })
    }

    /// `None` at the first error; `pos` is then where it was found.
    fn value(&mut self) -> Option<Value> {
        self.skip_whitespace();
        match self.peek()? {
            b'{' => self.nested(Self::object),
            b'[' => self.nested(Self::array),
            b'"' => self.string().map(Value::String),
            b't' => self.literal(b"true", Value::Bool(true)),
            b'f' => self.literal(b"false", Value::Bool(false)),
            b'n' => self.literal(b"null", Value::Null),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            _ => None,
        }
    }

    fn nested(&mut self, f: fn(&mut Self) -> Option<Value>) -> Option<Value> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let value = f(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Option<Value> {
        self.eat(b'[')?;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Some(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_whitespace();
            match self.next()? {
                b',' => {}
                b']' => return Some(Value::Array(items)),
                _ => {
                    self.pos -= 1;
                    return None;
                }
            }
        }
    }

    fn object(&mut self) -> Option<Value> {
        self.eat(b'{')?;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Some(Value::Object(Map(members)));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return None;
            }
            let key = self.string()?;
            self.skip_whitespace();
            self.eat(b':')?;
            let value = self.value()?;
            members.push((key, value));
            self.skip_whitespace();
            match self.next()? {
                b',' => {}
                b'}' => return Some(Value::Object(Map(members))),
                _ => {
                    self.pos -= 1;
                    return None;
                }
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control
            // character at once (the input is UTF-8 already).
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            out.push_str(core::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?);
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => {
                    let c = match self.next()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    };
                    out.push(c);
                }
                _ => {
                    self.pos -= 1; // a control character
                    return None;
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = char::from(self.next()?).to_digit(16)?;
            n = n * 16 + digit;
        }
        Some(n)
    }

    /// After `\u`: a character, joining a surrogate pair; a lone surrogate
    /// becomes U+FFFD (a Rust string cannot hold it; `JSON.parse` would).
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first)
            && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u".as_slice())
        {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Some(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            self.pos = save;
        }
        Some(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number in JSON's grammar. The significant digits (up to 19) make
    /// an integer that one multiplication or division by an exact power of
    /// ten turns into the result: correctly rounded up to 15 digits and
    /// exponents to ±22, within an ulp or two beyond.
    fn number(&mut self) -> Option<f64> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let int_start = self.pos;
        let int_digits = self.digits();
        if int_digits == 0 || (int_digits > 1 && self.bytes.get(int_start) == Some(&b'0')) {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        let mut exponent: i64 = 0;
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            let sign = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    -1
                }
                Some(b'+') => {
                    self.pos += 1;
                    1
                }
                _ => 1,
            };
            let exp_start = self.pos;
            if self.digits() == 0 {
                return None;
            }
            for &b in self.bytes.get(exp_start..self.pos)? {
                exponent = (exponent * 10 + i64::from(b - b'0')).min(100_000);
            }
            exponent *= sign;
        }
        // The digits without the point, skipping leading zeros.
        let mut significand: u64 = 0;
        let mut kept = 0;
        let mut scale = exponent;
        let mut after_point = false;
        for &b in self.bytes.get(int_start..self.pos)? {
            match b {
                b'.' => after_point = true,
                b'0'..=b'9' => {
                    if kept < 19 {
                        if significand > 0 || b != b'0' {
                            significand = significand * 10 + u64::from(b - b'0');
                            kept += 1;
                        }
                        if after_point {
                            scale -= 1;
                        }
                    } else if !after_point {
                        scale += 1; // an integer digit beyond the 19 kept
                    }
                }
                _ => break, // the exponent
            }
        }
        let value = scaled(significand as f64, scale);
        if !value.is_finite() {
            self.pos = start;
            return None; // out of range, as serde_json and JSON itself mean it
        }
        Some(if negative { -value } else { value })
    }
}

/// `x × 10^exp`, exact powers of ten applied by the largest steps.
fn scaled(mut x: f64, exp: i64) -> f64 {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    if x == 0.0 {
        return 0.0;
    }
    let mut left = exp;
    while left != 0 {
        let step = left.unsigned_abs().min(22);
        let power = POWERS.get(step as usize).copied().unwrap_or(1e22);
        if left > 0 {
            x *= power;
            left -= step as i64;
        } else {
            x /= power;
            left += step as i64;
        }
        if x == 0.0 || !x.is_finite() {
            break;
        }
    }
    x
}

impl fmt::Display for Value {
    /// Compact JSON. Non-finite numbers (which JSON cannot hold) are `null`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Value::Number(n) if n.is_finite() => write!(f, "{n}"),
            Value::Number(_) => f.write_str("null"),
            Value::String(s) => write_string(f, s),
            Value::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Value::Object(map) => {
                f.write_char('{')?;
                for (i, (key, value)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write_string(f, key)?;
                    write!(f, ":{value}")?;
                }
                f.write_char('}')
            }
        }
    }
}

fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if u32::from(c) < 0x20 => write!(f, "\\u{:04x}", u32::from(c))?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

/// `n` in decimal, without `core::fmt` (whose machinery costs kilobytes of
/// wasm): for paths, line numbers and CSS values.
pub fn decimal(n: i64) -> String {
    let mut digits = [0u8; 20];
    let mut rest = n.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(d) = digits.get_mut(start) {
            *d = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || start == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(21);
    if n < 0 {
        out.push('-');
    }
    for &d in digits.get(start..).unwrap_or_default() {
        out.push(char::from(d));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::float_cmp,
        clippy::indexing_slicing,
        reason = "tests"
    )]
    use super::*;

    #[test]
    fn decimal_writes_whole_numbers() {
        for n in [0, 7, 10, 409, -1, -90, i64::MAX, i64::MIN] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn values() {
        let v =
            parse(r#" {"a": [1, -2.5e1, true, false, null, "x\"\n\u00e9\ud83d\ude00"], "b": {}} "#)
                .unwrap();
        let a = v.get("a").unwrap().as_array().unwrap();
        assert_eq!(a[0].as_f64(), Some(1.0));
        assert_eq!(a[1].as_f64(), Some(-25.0));
        assert_eq!(a[2], Value::Bool(true));
        assert_eq!(a[4], Value::Null);
        assert_eq!(a[5].as_str(), Some("x\"\né😀"));
        assert!(v.get("b").unwrap().as_object().unwrap().is_empty());
    }

    #[test]
    fn numbers() {
        for (text, want) in [
            ("0", 0.0),
            ("-0", -0.0),
            ("0.1", 0.1),
            ("123.456", 123.456),
            ("1e22", 1e22),
            ("1E-7", 1e-7),
            ("2.5e+3", 2500.0),
            ("0.000001", 1e-6),
            ("12345678901234567890", 12345678901234567890.0),
            ("1e-400", 0.0),
        ] {
            assert_eq!(parse(text).unwrap().as_f64(), Some(want), "{text}");
        }
        // Long decimals: within two ulps.
        let third = parse("0.33333333333333333333333")
            .unwrap()
            .as_f64()
            .unwrap();
        assert!(
            (third - 1.0 / 3.0).abs() <= 2.0 * f64::EPSILON / 3.0,
            "{third}"
        );
        assert_eq!(parse("7").unwrap().as_u64(), Some(7));
        assert_eq!(parse("7.5").unwrap().as_u64(), None);
        assert_eq!(parse("-7").unwrap().as_u64(), None);
        assert_eq!(parse("-7").unwrap().as_i64(), Some(-7));
    }

    #[test]
    fn bad_json_gives_the_line_and_never_panics() {
        for text in [
            "",
            " ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "\"abc",
            "\"\\x\"",
            "\"\\u12\"",
            "\"a\u{1}\"",
            "{1:2}",
            "[1 2]",
            "1 2",
            "1e400",
            "-1e999",
            "NaN",
            "Infinity",
            "// c\n1",
            "\u{feff}1",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
        assert_eq!(parse("{\n\"a\": 1,\n\"b\": }").unwrap_err().line, 3);
    }

    #[test]
    fn nesting_is_limited() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).is_err());
        let hostile = "[".repeat(100_000);
        assert!(parse(&hostile).is_err());
    }

    #[test]
    fn duplicate_keys_last_wins_and_lone_surrogates_are_replaced() {
        let v = parse(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(v.get("a").unwrap().as_f64(), Some(2.0));
        assert_eq!(parse(r#""\ud800x""#).unwrap().as_str(), Some("\u{FFFD}x"));
    }

    #[test]
    fn writes_what_it_reads() {
        let text = r#"{"a":[1,2.5,"q\"\\\n\u0001é"],"b":{"c":null,"d":true}}"#;
        let v = parse(text).unwrap();
        assert_eq!(v.to_string(), text);
        assert_eq!(parse(&v.to_string()).unwrap(), v);
        assert_eq!(Value::Number(f64::NAN).to_string(), "null");
    }
}
