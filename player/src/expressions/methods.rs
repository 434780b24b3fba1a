//! Properties and methods of the language's own values: arrays (`length`,
//! elements, `push`, `pop`, `concat`, `slice`, `indexOf`, `join`), strings
//! (`length`, characters, `indexOf`, `substr`, `substring`, `slice`,
//! `split`, `charAt`, `charCodeAt`, `toUpperCase`, `toLowerCase`,
//! `replace` of a string, `trim`), numbers (`toFixed`, `toString`), object
//! literals' properties, caught errors' `name` and `message`, `Math`'s
//! members. Strings are indexed by character (JS counts UTF-16 units: the
//! same outside astral characters); case changes are ASCII only (no
//! Unicode tables in the wasm).
//!
//! Must never see a host object (the interpreter asks the host), and never
//! build an array or string past its cap (the heap refuses).

use super::builtins::arg;
use super::names::{self, Builtin};
use super::number::{self, number_to_string};
use super::value::{Ctx, Value};
use super::{Error, MAX_ARRAY_LEN};

/// A property key: an array index, or a name.
pub(crate) enum Key<'a> {
    Index(usize),
    Name(&'a str),
    /// A number that is no index (negative, fractional): no element.
    None,
}

/// The key `v` names (numbers as indices, strings of digits too).
pub(crate) fn key<'a>(cx: &'a Ctx<'_>, v: Value, text: &'a mut String) -> Key<'a> {
    match v {
        Value::Number(n) => index_of(n).map_or(Key::None, Key::Index),
        Value::Str(_) => {
            let s = cx.str(v).unwrap_or_default();
            let canonical = !s.is_empty()
                && s.len() < 10
                && s.bytes().all(|b| b.is_ascii_digit())
                && (s == "0" || !s.starts_with('0'));
            // Only a canonical index is read as a number: in the wasm
            // player that is a call into JS, not for every `.length`.
            match canonical.then(|| number::parse_decimal(s)).flatten() {
                Some(n) => index_of(n).map_or(Key::Name(s), Key::Index),
                None => Key::Name(s),
            }
        }
        other => {
            if cx.write(other, text, 0).is_err() {
                return Key::None;
            }
            Key::Name(text.as_str())
        }
    }
}

fn index_of(n: f64) -> Option<usize> {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked integral and in range"
    )]
    let i = n as usize;
    (n >= 0.0 && n.fract() == 0.0 && n < 4_294_967_295.0).then_some(i)
}

/// `object[key]` on anything but a host object.
pub(crate) fn property(cx: &mut Ctx<'_>, object: Value, key_value: Value) -> Result<Value, Error> {
    let mut text = String::new();
    let found = match (object, key(cx, key_value, &mut text)) {
        (Value::Undefined | Value::Null, _) => return Err(Error::NoProperties),
        (Value::Array(_), Key::Index(i)) => cx.array(object).and_then(|a| a.get(i)).copied(),
        (Value::Array(_), Key::Name("length")) => {
            Some(count(cx.array(object).map_or(0, <[Value]>::len)))
        }
        (Value::Str(_), Key::Name("length")) => {
            Some(count(cx.str(object).unwrap_or_default().chars().count()))
        }
        (Value::Str(_), Key::Index(i)) => {
            let c = cx.str(object).unwrap_or_default().chars().nth(i);
            return c.map_or(Ok(Value::Undefined), |c| cx.new_string(String::from(c)));
        }
        (Value::Object(o), Key::Name(name)) => cx.object_get(o, name),
        (Value::Object(o), Key::Index(i)) => cx.object_get(o, &index_text(i)),
        (Value::Builtin(Builtin::Math), Key::Name(name)) => {
            names::math_member(name).map(|m| match m {
                Ok(b) => Value::Builtin(b),
                Err(n) => Value::Number(n),
            })
        }
        (Value::Error(e), Key::Name("name" | "message")) => {
            return cx.new_string(e.name().to_owned());
        }
        _ => None,
    };
    Ok(found.unwrap_or(Value::Undefined))
}

/// An index as a property name.
fn index_text(i: usize) -> String {
    let mut text = String::new();
    number::push_integer(&mut text, i as u64);
    text
}

#[allow(
    clippy::cast_precision_loss,
    reason = "lengths are capped far below 2^52"
)]
fn count(n: usize) -> Value {
    Value::Number(n as f64)
}

/// Converts a relative index (negative from the end) into 0..=len.
fn relative(cx: &Ctx<'_>, v: Value, len: usize, default: usize) -> usize {
    if matches!(v, Value::Undefined) {
        return default;
    }
    let n = cx.to_number(v).trunc();
    #[allow(
        clippy::cast_precision_loss,
        reason = "lengths are capped far below 2^52"
    )]
    let len_f = len as f64;
    let i = if n.is_nan() {
        0.0
    } else if n < 0.0 {
        (len_f + n).max(0.0)
    } else {
        n.min(len_f)
    };
    index_of(i).unwrap_or(0).min(len)
}

/// `receiver.name(args)` for the language's own values; `None` when there
/// is no such method.
pub(crate) fn call(
    cx: &mut Ctx<'_>,
    receiver: Value,
    name: &str,
    args: &[Value],
) -> Option<Result<Value, Error>> {
    match receiver {
        Value::Array(_) => array_method(cx, receiver, name, args),
        Value::Str(_) => string_method(cx, receiver, name, args),
        Value::Number(n) => match name {
            "toFixed" => Some(to_fixed(cx, n, arg(args, 0))),
            "toString" => Some(cx.new_string(number_to_string(n))),
            _ => None,
        },
        _ => None,
    }
}

fn array_method(
    cx: &mut Ctx<'_>,
    array: Value,
    name: &str,
    args: &[Value],
) -> Option<Result<Value, Error>> {
    let items = cx.array(array)?;
    let len = items.len();
    Some(match name {
        "push" => {
            if len + args.len() > MAX_ARRAY_LEN {
                return Some(Err(Error::TooLarge));
            }
            if let Err(e) = cx.heap.reserve(args.len()) {
                return Some(Err(e));
            }
            let items = cx.array_mut(array)?;
            items.extend_from_slice(args);
            Ok(count(items.len()))
        }
        "pop" => Ok(cx.array_mut(array)?.pop().unwrap_or(Value::Undefined)),
        "concat" => {
            let mut out = items.to_vec();
            for &a in args {
                match cx.array(a) {
                    Some(more) => out.extend_from_slice(more),
                    None => out.push(a),
                }
                if out.len() > MAX_ARRAY_LEN {
                    return Some(Err(Error::TooLarge));
                }
            }
            cx.new_array(out)
        }
        "slice" => {
            let start = relative(cx, arg(args, 0), len, 0);
            let end = relative(cx, arg(args, 1), len, len);
            let part = items
                .get(start..end.max(start))
                .unwrap_or_default()
                .to_vec();
            cx.new_array(part)
        }
        "indexOf" => {
            let target = arg(args, 0);
            let found = items.iter().position(|&v| cx.strict_equals(v, target));
            Ok(found.map_or(Value::Number(-1.0), count))
        }
        "join" | "toString" => {
            let separator = match arg(args, 0) {
                Value::Undefined => ",".to_owned(),
                v => {
                    let mut s = String::new();
                    if let Err(e) = cx.write(v, &mut s, 0) {
                        return Some(Err(e));
                    }
                    s
                }
            };
            let mut out = String::new();
            for (i, &v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(&separator);
                }
                if !matches!(v, Value::Undefined | Value::Null) {
                    if let Err(e) = cx.write(v, &mut out, 1) {
                        return Some(Err(e));
                    }
                }
            }
            cx.new_string(out)
        }
        _ => return None,
    })
}

fn string_method(
    cx: &mut Ctx<'_>,
    string: Value,
    name: &str,
    args: &[Value],
) -> Option<Result<Value, Error>> {
    let text = cx.str(string)?.to_owned();
    let chars: Vec<char> = text.chars().collect();
    let len = chars.len();
    let part = |a: usize, b: usize| -> String {
        chars.get(a..b.max(a)).unwrap_or_default().iter().collect()
    };
    let arg_text = |cx: &mut Ctx<'_>, i: usize| -> String {
        let mut s = String::new();
        let _ = cx.write(arg(args, i), &mut s, 0);
        s
    };
    let number = |cx: &Ctx<'_>, i: usize| cx.to_number(arg(args, i));
    Some(match name {
        "indexOf" => {
            let needle = arg_text(cx, 0);
            let from = relative(cx, arg(args, 1), len, 0);
            let hay = part(from, len);
            if let Err(e) = cx.charge(hay.len().saturating_mul(needle.len()) / 64) {
                return Some(Err(e));
            }
            Ok(
                number::find(&hay, &needle).map_or(Value::Number(-1.0), |byte| {
                    count(from + hay.get(..byte).unwrap_or_default().chars().count())
                }),
            )
        }
        "substr" => {
            let start = relative(cx, arg(args, 0), len, 0);
            let n = if matches!(arg(args, 1), Value::Undefined) {
                len
            } else {
                relative(cx, arg(args, 1).max_zero(cx), len, len)
            };
            cx.new_string(part(start, (start + n).min(len)))
        }
        "substring" => {
            let clamp = |v: f64| {
                if v.is_nan() {
                    0
                } else {
                    index_of(v.trunc().clamp(0.0, 4e9)).unwrap_or(0).min(len)
                }
            };
            let a = clamp(number(cx, 0));
            let b = if matches!(arg(args, 1), Value::Undefined) {
                len
            } else {
                clamp(number(cx, 1))
            };
            cx.new_string(part(a.min(b), a.max(b)))
        }
        "slice" => {
            let a = relative(cx, arg(args, 0), len, 0);
            let b = relative(cx, arg(args, 1), len, len);
            cx.new_string(part(a, b))
        }
        "charAt" => {
            let i = number(cx, 0);
            let i = if i.is_nan() {
                0
            } else {
                index_of(i.trunc()).unwrap_or(usize::MAX)
            };
            cx.new_string(part(i.min(len), (i.saturating_add(1)).min(len)))
        }
        "charCodeAt" => {
            let i = index_of(number(cx, 0).trunc()).unwrap_or(usize::MAX);
            Ok(chars.get(i).map_or(Value::Number(f64::NAN), |&c| {
                Value::Number(f64::from(u32::from(c)))
            }))
        }
        "toUpperCase" => cx.new_string(text.to_ascii_uppercase()),
        "toLowerCase" => cx.new_string(text.to_ascii_lowercase()),
        "trim" => cx.new_string(number::trim(&text, true).to_owned()),
        "toString" => Ok(string),
        "replace" => {
            let (from, to) = (arg_text(cx, 0), arg_text(cx, 1));
            let replaced = match number::find(&text, &from) {
                Some(at) => {
                    let mut out = text.get(..at).unwrap_or_default().to_owned();
                    out.push_str(&to);
                    out.push_str(text.get(at + from.len()..).unwrap_or_default());
                    out
                }
                None => text.clone(),
            };
            cx.new_string(replaced)
        }
        "split" => split(cx, &text, &chars, arg(args, 0)),
        _ => return None,
    })
}

/// `text.split(separator)` (a string separator; none gives `[text]`).
fn split(cx: &mut Ctx<'_>, text: &str, chars: &[char], separator: Value) -> Result<Value, Error> {
    let parts: Vec<String> = match separator {
        Value::Undefined => vec![text.to_owned()],
        _ => {
            let mut separator_text = String::new();
            cx.write(separator, &mut separator_text, 0)?;
            if separator_text.is_empty() {
                chars.iter().map(|&c| String::from(c)).collect()
            } else {
                cx.charge(text.len().saturating_mul(separator_text.len()) / 64)?;
                let mut parts = Vec::new();
                let mut rest = text;
                while let Some(at) = number::find(rest, &separator_text) {
                    parts.push(rest.get(..at).unwrap_or_default().to_owned());
                    rest = rest.get(at + separator_text.len()..).unwrap_or_default();
                }
                parts.push(rest.to_owned());
                parts
            }
        }
    };
    if parts.len() > MAX_ARRAY_LEN {
        return Err(Error::TooLarge);
    }
    let mut items = Vec::with_capacity(parts.len());
    for p in parts {
        items.push(cx.new_string(p)?);
    }
    cx.new_array(items)
}

impl Value {
    /// Negative numbers as 0 (`substr`'s length).
    fn max_zero(self, cx: &Ctx<'_>) -> Value {
        Value::Number(cx.to_number(self).max(0.0))
    }
}

/// `n.toFixed(digits)`.
fn to_fixed(cx: &mut Ctx<'_>, n: f64, digits: Value) -> Result<Value, Error> {
    let d = cx.to_number(digits);
    let d = if d.is_nan() { 0.0 } else { d.trunc() };
    if !(0.0..=100.0).contains(&d) {
        return Err(Error::Range);
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "0..=100"
    )]
    cx.new_string(number::to_fixed(n, d as u32))
}
