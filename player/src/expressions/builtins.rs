//! The built-in functions' behaviour: lottie-web 5.13's ExpressionManager
//! vector arithmetic (`sum`/`$bm_sum`, `sub`, `mul`, `div`, `mod`,
//! `$bm_neg`, with its quirks: a number added to an array changes only
//! its first element, `mul` and `div` of arrays round to `Float32Array`
//! precision, mismatched lengths keep the longer array's extra elements),
//! `clamp`, `length`, `normalize`, `linear`, `ease*`, colour conversions,
//! `random`, and JS's global functions; `Math` is `math.rs`'s, array and
//! string methods `methods.rs`'s.
//!
//! Must never see a host object: the interpreter converts them
//! (`Host::value_of`) before a built-in runs. Never loops without
//! charging the budget for work proportional to an argument's size.

use super::math::{self, f32_round, Transcendental};
use super::names::Builtin;
use super::number::{js_rem, parse_float, parse_int, rem_steps};
use super::random::Rng;
use super::value::{Ctx, Value};
use super::Error;

/// The argument at `i`, or `undefined`.
pub(crate) fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// lottie-web's `isNumerable`: numbers, booleans and strings.
fn numerable(v: Value) -> bool {
    matches!(v, Value::Number(_) | Value::Bool(_) | Value::Str(_))
}

/// `$bm_isInstanceOfArray`: `undefined` and `null` have no constructor.
fn is_array(v: Value) -> Result<bool, Error> {
    match v {
        Value::Undefined | Value::Null => Err(Error::NoProperties),
        Value::Array(_) => Ok(true),
        _ => Ok(false),
    }
}

/// The elements of an array, copied (so that the heap may grow).
fn elements(cx: &Ctx<'_>, v: Value) -> Vec<Value> {
    cx.array(v).map(<[Value]>::to_vec).unwrap_or_default()
}

/// JS `a + b` on primitives and arrays: concatenation if either side is a
/// string (or becomes one: arrays, objects), else numeric addition.
pub(crate) fn js_add(cx: &mut Ctx<'_>, a: Value, b: Value) -> Result<Value, Error> {
    let stringy = |v: Value| {
        !matches!(
            v,
            Value::Undefined | Value::Null | Value::Bool(_) | Value::Number(_)
        )
    };
    if !stringy(a) && !stringy(b) {
        return Ok(Value::Number(cx.to_number(a) + cx.to_number(b)));
    }
    let mut text = String::new();
    cx.write(a, &mut text, 0)?;
    cx.write(b, &mut text, 0)?;
    cx.new_string(text)
}

/// `parseInt(v, 10)` as `sub` and `mod` apply it to strings.
fn int_of_string(cx: &Ctx<'_>, v: Value) -> Value {
    match v {
        Value::Str(_) => Value::Number(parse_int(cx.str(v).unwrap_or_default(), 10.0)),
        other => other,
    }
}

/// `sum` (`add`, `$bm_sum`) and `sub` (`$bm_sub`).
fn add_or_sub(cx: &mut Ctx<'_>, a: Value, b: Value, subtract: bool) -> Result<Value, Error> {
    let op = |cx: &mut Ctx<'_>, x: Value, y: Value| -> Result<Value, Error> {
        if subtract {
            Ok(Value::Number(cx.to_number(x) - cx.to_number(y)))
        } else {
            js_add(cx, x, y)
        }
    };
    if numerable(a) && numerable(b) {
        if subtract {
            let (a, b) = (int_of_string(cx, a), int_of_string(cx, b));
            return op(cx, a, b);
        }
        return op(cx, a, b);
    }
    if !subtract && (matches!(a, Value::Str(_)) || matches!(b, Value::Str(_))) {
        return op(cx, a, b);
    }
    let (a_array, b_array) = (is_array(a)?, matches!(b, Value::Array(_)));
    if a_array && numerable(b) {
        let mut items = elements(cx, a);
        if let Some(first) = items.first_mut() {
            *first = op(cx, *first, b)?;
        } else {
            items.push(op(cx, Value::Undefined, b)?);
        }
        return cx.new_array(items);
    }
    if numerable(a) && b_array {
        let mut items = elements(cx, b);
        let first = items.first().copied().unwrap_or(Value::Undefined);
        let new = op(cx, a, first)?;
        match items.first_mut() {
            Some(slot) => *slot = new,
            None => items.push(new),
        }
        return cx.new_array(items);
    }
    if a_array && is_array(b)? {
        let (x, y) = (elements(cx, a), elements(cx, b));
        cx.charge(x.len().max(y.len()))?;
        let mut out = Vec::with_capacity(x.len().max(y.len()));
        for i in 0..x.len().max(y.len()) {
            let (p, q) = (arg(&x, i), arg(&y, i));
            out.push(match (p, q) {
                (Value::Number(_), Value::Number(_)) => op(cx, p, q)?,
                (_, Value::Undefined) => p,
                _ if p.truthy(cx) => p,
                _ => q,
            });
        }
        return cx.new_array(out);
    }
    Ok(Value::Number(0.0))
}

/// `mul` and `div`: numbers, or an array and a number (as a
/// `Float32Array`); anything else is 0.
fn mul_or_div(cx: &mut Ctx<'_>, a: Value, b: Value, divide: bool) -> Result<Value, Error> {
    let op = |x: f64, y: f64| if divide { x / y } else { x * y };
    if numerable(a) && numerable(b) {
        return Ok(Value::Number(op(cx.to_number(a), cx.to_number(b))));
    }
    let (array, scalar, array_first) = if is_array(a)? && numerable(b) {
        (a, b, true)
    } else if numerable(a) && is_array(b)? {
        (b, a, false)
    } else {
        return Ok(Value::Number(0.0));
    };
    let s = cx.to_number(scalar);
    let len = cx.array(array).map_or(0, <[Value]>::len);
    cx.numbers_with(len, &mut |cx, i| {
        let e = at(cx, array, i);
        f32_round(if array_first { op(e, s) } else { op(s, e) })
    })
}

/// The number at `i` of an array (NaN where there is none, as `v[i]` of a
/// number or a short array reads `undefined`).
fn at(cx: &Ctx<'_>, v: Value, i: usize) -> f64 {
    cx.array(v)
        .and_then(|items| items.get(i))
        .map_or(f64::NAN, |&e| cx.to_number(e))
}

/// `linear(t, tMin, tMax, v1, v2)` and `linear(t, v1, v2)`.
fn linear(cx: &mut Ctx<'_>, args: &[Value]) -> Result<Value, Error> {
    let mut a: [Value; 5] = core::array::from_fn(|i| arg(args, i));
    if matches!(a[3], Value::Undefined) || matches!(a[4], Value::Undefined) {
        a = [a[0], Value::Number(0.0), Value::Number(1.0), a[1], a[2]];
    }
    let (t, mut lo, mut hi) = (cx.to_number(a[0]), cx.to_number(a[1]), cx.to_number(a[2]));
    if hi < lo {
        core::mem::swap(&mut lo, &mut hi);
    }
    if t <= lo {
        return Ok(a[3]);
    }
    if t >= hi {
        return Ok(a[4]);
    }
    #[allow(clippy::float_cmp, reason = "JS ===")]
    let perc = if hi == lo { 0.0 } else { (t - lo) / (hi - lo) };
    mix(cx, a[3], a[4], perc)
}

/// `v1 + (v2 − v1) · k`, element by element for arrays (Float32Array).
fn mix(cx: &mut Ctx<'_>, v1: Value, v2: Value, k: f64) -> Result<Value, Error> {
    let Some(len) = cx.array(v1).map(<[Value]>::len).filter(|&n| n > 0) else {
        let (p, q) = (cx.to_number(v1), cx.to_number(v2));
        return Ok(Value::Number(p + (q - p) * k));
    };
    mix_arrays(cx, v1, v2, k, len)
}

/// `v1[i] + (v2[i] − v1[i]) · k` for `len` elements, as a
/// `Float32Array` (`linear`, `ease`).
fn mix_arrays(cx: &mut Ctx<'_>, v1: Value, v2: Value, k: f64, len: usize) -> Result<Value, Error> {
    cx.numbers_with(len, &mut |cx, i| {
        let p = at(cx, v1, i);
        f32_round(p + (at(cx, v2, i) - p) * k)
    })
}

/// `ease`, `easeIn`, `easeOut` (lottie-web's `applyEase`, with its bezier
/// curves).
fn ease(cx: &mut Ctx<'_>, args: &[Value], curve: (f64, f64, f64, f64)) -> Result<Value, Error> {
    let [t, lo, hi, mut v1, mut v2] = core::array::from_fn(|i| arg(args, i));
    let mut t = cx.to_number(t);
    if matches!(v1, Value::Undefined) {
        (v1, v2) = (lo, hi);
    } else {
        t = (t - cx.to_number(lo)) / (cx.to_number(hi) - cx.to_number(lo));
    }
    let t = t.clamp(0.0, 1.0);
    let k = bezier_easing(curve, t);
    if is_array(v1)? {
        let len = cx.array(v1).map_or(0, <[Value]>::len);
        return mix_arrays(cx, v1, v2, k, len);
    }
    let (p, q) = (cx.to_number(v1), cx.to_number(v2));
    Ok(Value::Number((q - p) * k + p))
}

/// A CSS-style cubic bezier easing at `x` (bisection to 1e-7).
fn bezier_easing((x1, y1, x2, y2): (f64, f64, f64, f64), x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 || x >= 1.0 {
        return x;
    }
    let bez = |t: f64, p1: f64, p2: f64| {
        let u = 1.0 - t;
        3.0 * u * u * t * p1 + 3.0 * u * t * t * p2 + t * t * t
    };
    let (mut lo, mut hi, mut t) = (0.0, 1.0, x);
    for _ in 0..40 {
        let v = bez(t, x1, x2);
        if (v - x).abs() < 1e-9 {
            break;
        }
        if v < x {
            lo = t;
        } else {
            hi = t;
        }
        t = 0.5 * (lo + hi);
    }
    bez(t, y1, y2)
}

/// `length(a)`, `length(a, b)`: a distance.
fn length(cx: &Ctx<'_>, a: Value, b: Value) -> f64 {
    if let Value::Number(x) = a {
        let y = if b.truthy(cx) { cx.to_number(b) } else { 0.0 };
        return (x - y).abs();
    }
    let n = cx.array(a).map_or(0, <[Value]>::len);
    let n = if b.truthy(cx) {
        n.min(cx.array(b).map_or(0, <[Value]>::len))
    } else {
        n.min(6)
    };
    let sum: f64 = (0..n)
        .map(|i| {
            let q = if b.truthy(cx) { at(cx, b, i) } else { 0.0 };
            (q - at(cx, a, i)).powi(2)
        })
        .sum();
    sum.sqrt()
}

/// `random()`, `random(max)`, `random(min, max)` (arrays share one draw,
/// as in lottie-web).
fn random(
    cx: &mut Ctx<'_>,
    args: &[Value],
    gauss: Option<Transcendental<'_>>,
) -> Result<Value, Error> {
    let (mut min, mut max) = (arg(args, 0), arg(args, 1));
    if matches!(max, Value::Undefined) {
        if matches!(min, Value::Undefined) {
            (min, max) = (Value::Number(0.0), Value::Number(1.0));
        } else {
            (min, max) = (Value::Undefined, min);
        }
    }
    let r = if let Some(m) = gauss {
        // Mean ½, 90% within 0…1 (After Effects' documented spread).
        let (u, v) = (cx.rng().next(), cx.rng().next());
        let normal = (-2.0 * m(Builtin::Log, 1.0 - u, 0.0)).sqrt()
            * m(Builtin::Cos, core::f64::consts::TAU * v, 0.0);
        0.5 + normal * 0.5 / 1.644_853_626_951_472_2
    } else {
        cx.rng().next()
    };
    if let Some(len) = cx.array(max).map(<[Value]>::len) {
        return cx.numbers_with(len, &mut |cx, i| {
            let lo = if min.truthy(cx) { at(cx, min, i) } else { 0.0 };
            f32_round(lo + r * (at(cx, max, i) - lo))
        });
    }
    let lo = if matches!(min, Value::Undefined) {
        0.0
    } else {
        cx.to_number(min)
    };
    Ok(Value::Number(lo + r * (cx.to_number(max) - lo)))
}

/// Calls a built-in with converted arguments.
pub(crate) fn call(
    cx: &mut Ctx<'_>,
    b: Builtin,
    args: &[Value],
    m: Transcendental<'_>,
) -> Result<Value, Error> {
    let a = arg(args, 0);
    let b1 = arg(args, 1);
    Ok(match b {
        Builtin::Math => return Err(Error::NotAFunction),
        Builtin::Sum => return add_or_sub(cx, a, b1, false),
        Builtin::Sub => return add_or_sub(cx, a, b1, true),
        Builtin::Mul => return mul_or_div(cx, a, b1, false),
        Builtin::Div => return mul_or_div(cx, a, b1, true),
        Builtin::Mod => {
            let (x, y) = (int_of_string(cx, a), int_of_string(cx, b1));
            let (x, y) = (cx.to_number(x), cx.to_number(y));
            cx.charge(rem_steps(x, y) as usize)?;
            Value::Number(js_rem(x, y))
        }
        Builtin::Neg => match a {
            Value::Array(_) => {
                let len = cx.array(a).map_or(0, <[Value]>::len);
                return cx.numbers_with(len, &mut |cx, i| -at(cx, a, i));
            }
            _ => Value::Number(-cx.to_number(a)),
        },
        Builtin::IsArray => Value::Bool(is_array(a)?),
        Builtin::Clamp => {
            let (mut lo, mut hi) = (cx.to_number(b1), cx.to_number(arg(args, 2)));
            if lo > hi {
                core::mem::swap(&mut lo, &mut hi);
            }
            Value::Number(math::js_min(math::js_max(cx.to_number(a), lo), hi))
        }
        Builtin::Length => Value::Number(length(cx, a, b1)),
        Builtin::Normalize => {
            let l = Value::Number(length(cx, a, Value::Undefined));
            return mul_or_div(cx, a, l, true);
        }
        Builtin::Dot => {
            let n = cx
                .array(a)
                .map_or(0, <[Value]>::len)
                .min(cx.array(b1).map_or(0, <[Value]>::len));
            Value::Number((0..n).map(|i| at(cx, a, i) * at(cx, b1, i)).sum())
        }
        Builtin::Cross => {
            let [x, y, z] = core::array::from_fn(|i| at(cx, a, i));
            let [p, q, r] = core::array::from_fn(|i| at(cx, b1, i));
            return cx.new_numbers(&[y * r - z * q, z * p - x * r, x * q - y * p]);
        }
        Builtin::DegreesToRadians => {
            Value::Number(cx.to_number(a) * (core::f64::consts::PI / 180.0))
        }
        Builtin::RadiansToDegrees => {
            Value::Number(cx.to_number(a) / (core::f64::consts::PI / 180.0))
        }
        Builtin::Linear => return linear(cx, args),
        Builtin::Ease => return ease(cx, args, (0.33, 0.0, 0.667, 1.0)),
        Builtin::EaseIn => return ease(cx, args, (0.333, 0.0, 0.833, 0.833)),
        Builtin::EaseOut => return ease(cx, args, (0.167, 0.167, 0.667, 1.0)),
        Builtin::Random => return random(cx, args, None),
        Builtin::GaussRandom => return random(cx, args, Some(m)),
        Builtin::SeedRandom
        | Builtin::Noise
        | Builtin::TimeToFrames
        | Builtin::FramesToTime
        | Builtin::Number
        | Builtin::String
        | Builtin::ParseInt
        | Builtin::ParseFloat
        | Builtin::IsNaN
        | Builtin::IsFinite => return globals(cx, b, args),
        Builtin::RgbToHsl | Builtin::HslToRgb | Builtin::LookAt => {
            return math::color_or_look(m, cx, b, a, b1)
        }
        _ => return math::call(cx, b, args, m),
    })
}

/// JS's global functions, the random seed, noise and frame conversions.
fn globals(cx: &mut Ctx<'_>, b: Builtin, args: &[Value]) -> Result<Value, Error> {
    let a = arg(args, 0);
    let b1 = arg(args, 1);
    let num = |cx: &Ctx<'_>, v| Value::Number(cx.to_number(v));
    Ok(match b {
        Builtin::SeedRandom => {
            let seed = js_add(cx, Value::Number(cx.clock.seed), a)?;
            *cx.rng = Some(match seed {
                Value::Str(_) => Rng::from_seed_text(cx.str(seed).unwrap_or_default()),
                _ => Rng::from_number(cx.to_number(seed)),
            });
            Value::Undefined
        }
        Builtin::Noise => {
            let x = match a {
                Value::Array(_) => at(cx, a, 0) + 1.7 * at(cx, a, 1) + 3.1 * at(cx, a, 2).max(0.0),
                _ => cx.to_number(a),
            };
            Value::Number(super::random::noise(x))
        }
        Builtin::TimeToFrames => {
            let t = if !a.truthy(cx) && a != Value::Number(0.0) {
                cx.clock.time
            } else {
                cx.to_number(a)
            };
            let fps = if b1.truthy(cx) {
                cx.to_number(b1)
            } else {
                cx.clock.frame_rate
            };
            Value::Number(t * fps)
        }
        Builtin::FramesToTime => {
            let fps = if b1.truthy(cx) {
                cx.to_number(b1)
            } else {
                cx.clock.frame_rate
            };
            Value::Number(cx.to_number(a) / fps)
        }
        Builtin::Number => {
            if args.is_empty() {
                Value::Number(0.0)
            } else {
                num(cx, a)
            }
        }
        Builtin::String => {
            if args.is_empty() {
                return cx.new_string(String::new());
            }
            return cx.to_string_value(a);
        }
        Builtin::ParseInt => {
            let text = cx.to_string_value(a)?;
            let radix = if matches!(b1, Value::Undefined) {
                0.0
            } else {
                cx.to_number(b1)
            };
            Value::Number(parse_int(cx.str(text).unwrap_or_default(), radix))
        }
        Builtin::ParseFloat => {
            let text = cx.to_string_value(a)?;
            Value::Number(parse_float(cx.str(text).unwrap_or_default()))
        }
        Builtin::IsNaN => Value::Bool(cx.to_number(a).is_nan()),
        Builtin::IsFinite => Value::Bool(cx.to_number(a).is_finite()),
        _ => return Err(Error::NotAFunction),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numbers_as_js() {
        assert_eq!(parse_int("  42px", 0.0), 42.0);
        assert_eq!(parse_int("-0x1f", 0.0), -31.0);
        assert_eq!(parse_int("z", 36.0), 35.0);
        assert_eq!(parse_int("10", 4_294_967_298.0), 2.0);
        assert!(parse_int("10", 37.0).is_nan());
        assert!(parse_int("px", 10.0).is_nan());
        assert_eq!(parse_float("3.5e2xyz"), 350.0);
        assert_eq!(parse_float(".5."), 0.5);
        assert!(parse_float("e5").is_nan());
    }

    #[test]
    fn eases_as_css_curves() {
        assert_eq!(bezier_easing((0.33, 0.0, 0.667, 1.0), 0.0), 0.0);
        assert_eq!(bezier_easing((0.33, 0.0, 0.667, 1.0), 1.0), 1.0);
        let mid = bezier_easing((0.33, 0.0, 0.667, 1.0), 0.5);
        assert!((mid - 0.501_682_860_827_917_2).abs() < 1e-8, "{mid}");
    }
}
