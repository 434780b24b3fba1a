//! `Math`'s functions with JS's edge cases (`Math.max` of a NaN is NaN,
//! `Math.round` rounds halves up, `Math.pow(1, NaN)` is NaN), `Math.abs` of
//! an array element-wise (lottie-web's `BMMath.abs`), and lottie-web's
//! colour conversions and `lookAt`.
//!
//! Must never see a host object (converted before) nor allocate beyond the
//! arrays it returns.

use super::names::Builtin;
use super::number::to_int32;
use super::value::{Ctx, Value};
use super::Error;

/// Rounded as a `Float32Array` stores it (and `Math.fround`).
#[allow(
    clippy::cast_possible_truncation,
    reason = "Float32Array's rounding, on purpose"
)]
pub(crate) fn f32_round(n: f64) -> f64 {
    f64::from(n as f32)
}

/// JS `Math.max` of two numbers.
pub(crate) fn js_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a == b {
        // max(−0, +0) is +0.
        if a.is_sign_negative() {
            b
        } else {
            a
        }
    } else if a > b {
        a
    } else {
        b
    }
}

/// JS `Math.min` of two numbers.
pub(crate) fn js_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a == b {
        if a.is_sign_negative() {
            a
        } else {
            b
        }
    } else if a < b {
        a
    } else {
        b
    }
}

/// JS `Math.round`: halves toward +∞.
pub(crate) fn round(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let floor = x.floor();
    let r = if x - floor >= 0.5 { floor + 1.0 } else { floor };
    if r == 0.0 && x < 0.0 {
        -0.0
    } else {
        r
    }
}

/// The host's transcendental functions ([`super::Host::math`]).
pub(crate) type Transcendental<'a> = &'a mut dyn FnMut(Builtin, f64, f64) -> f64;

/// Whether `Math`'s `b` is one the host computes ([`native_math`] by
/// default).
pub(crate) fn is_transcendental(b: Builtin) -> bool {
    matches!(
        b,
        Builtin::Acos
            | Builtin::Acosh
            | Builtin::Asin
            | Builtin::Asinh
            | Builtin::Atan
            | Builtin::Atanh
            | Builtin::Atan2
            | Builtin::Cbrt
            | Builtin::Expm1
            | Builtin::Cos
            | Builtin::Cosh
            | Builtin::Exp
            | Builtin::Log
            | Builtin::Log1p
            | Builtin::Log2
            | Builtin::Log10
            | Builtin::Pow
            | Builtin::Sin
            | Builtin::Sinh
            | Builtin::Tan
            | Builtin::Tanh
    )
}

/// `Math`'s transcendental functions in Rust (libm): what
/// [`super::Host::math`] computes unless the host answers with the JS
/// engine's own `Math` (smaller in the wasm, and lottie-web's exact bits).
/// `y` is the second argument (`atan2`, `pow`); other functions are 0.
pub fn native_math(f: Builtin, x: f64, y: f64) -> f64 {
    match f {
        Builtin::Acos => x.acos(),
        Builtin::Acosh => x.acosh(),
        Builtin::Asin => x.asin(),
        Builtin::Asinh => x.asinh(),
        Builtin::Atan => x.atan(),
        Builtin::Atanh => x.atanh(),
        Builtin::Atan2 => x.atan2(y),
        Builtin::Cbrt => x.cbrt(),
        Builtin::Expm1 => x.exp_m1(),
        Builtin::Cos => x.cos(),
        Builtin::Cosh => x.cosh(),
        Builtin::Exp => x.exp(),
        Builtin::Log => x.ln(),
        Builtin::Log1p => x.ln_1p(),
        Builtin::Log2 => x.log2(),
        Builtin::Log10 => x.log10(),
        Builtin::Pow => x.powf(y),
        Builtin::Sin => x.sin(),
        Builtin::Sinh => x.sinh(),
        Builtin::Tan => x.tan(),
        Builtin::Tanh => x.tanh(),
        _ => 0.0,
    }
}

/// JS `Math.pow`: its NaN cases before the host's `pow`.
pub(crate) fn pow(x: f64, y: f64, math: Transcendental<'_>) -> f64 {
    if y.is_nan() || (x.abs() == 1.0 && y.is_infinite()) {
        return f64::NAN;
    }
    math(Builtin::Pow, x, y)
}

/// A `Math` function.
pub(crate) fn call(
    cx: &mut Ctx<'_>,
    b: Builtin,
    args: &[Value],
    math: Transcendental<'_>,
) -> Result<Value, Error> {
    if let (Builtin::Abs, Some(items)) = (
        b,
        cx.array(args.first().copied().unwrap_or(Value::Undefined)),
    ) {
        if !items.is_empty() {
            let (len, array) = (items.len(), args.first().copied().unwrap_or_default());
            return cx.numbers_with(len, &mut |cx, i| {
                cx.array(array)
                    .and_then(|a| a.get(i))
                    .map_or(f64::NAN, |&v| cx.to_number(v).abs())
            });
        }
    }
    cx.charge(args.len() / 4)?;
    if b == Builtin::MathRandom {
        return Ok(Value::Number(cx.rng().next()));
    }
    let cx = &*cx;
    let n = |i: usize| args.get(i).map_or(f64::NAN, |&v| cx.to_number(v));
    let x = n(0);
    let r = match b {
        Builtin::Pow => pow(x, n(1), math),
        b if is_transcendental(b) => math(b, x, n(1)),
        Builtin::Abs => x.abs(),
        Builtin::Ceil => x.ceil(),
        #[allow(clippy::cast_sign_loss, reason = "ToUint32 reinterprets the bits")]
        Builtin::Clz32 => f64::from((to_int32(x) as u32).leading_zeros()),
        Builtin::Floor => x.floor(),
        Builtin::Fround => f32_round(x),
        Builtin::Hypot => {
            let mut sum = 0.0;
            let mut infinite = false;
            for i in 0..args.len() {
                let v = n(i);
                infinite |= v.is_infinite();
                sum += v * v;
            }
            if infinite {
                f64::INFINITY
            } else {
                sum.sqrt()
            }
        }
        Builtin::Imul => f64::from(to_int32(x).wrapping_mul(to_int32(n(1)))),
        Builtin::Max | Builtin::Min => {
            let max = b == Builtin::Max;
            let mut r = if max {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
            for i in 0..args.len() {
                r = if max {
                    js_max(r, n(i))
                } else {
                    js_min(r, n(i))
                };
            }
            r
        }
        Builtin::Round => round(x),
        Builtin::Sign => {
            if x.is_nan() || x == 0.0 {
                x
            } else {
                x.signum()
            }
        }
        Builtin::Sqrt => x.sqrt(),
        Builtin::Trunc => x.trunc(),
        _ => return Err(Error::NotAFunction),
    };
    Ok(Value::Number(r))
}

/// The number at `i` of an array value (NaN if none).
fn at(cx: &Ctx<'_>, v: Value, i: usize) -> f64 {
    cx.array(v)
        .and_then(|items| items.get(i))
        .map_or(f64::NAN, |&e| cx.to_number(e))
}

/// An array's fourth element as it is (alpha passes through).
fn fourth(cx: &Ctx<'_>, v: Value) -> Value {
    cx.array(v)
        .and_then(|items| items.get(3))
        .copied()
        .unwrap_or(Value::Undefined)
}

fn hue_to_rgb(p: f64, q: f64, mut t: f64) -> f64 {
    if t < 0.0 {
        t += 1.0;
    }
    if t > 1.0 {
        t -= 1.0;
    }
    if t < 1.0 / 6.0 {
        return p + (q - p) * 6.0 * t;
    }
    if t < 0.5 {
        return q;
    }
    if t < 2.0 / 3.0 {
        return p + (q - p) * (2.0 / 3.0 - t) * 6.0;
    }
    p
}

/// `rgbToHsl`, `hslToRgb` and `lookAt`, as lottie-web computes them.
#[allow(
    clippy::float_cmp,
    reason = "lottie-web's switch on the maximum is exact"
)]
pub(crate) fn color_or_look(
    math: Transcendental<'_>,
    cx: &mut Ctx<'_>,
    b: Builtin,
    a: Value,
    b1: Value,
) -> Result<Value, Error> {
    let [x, y, z] = core::array::from_fn(|i| at(cx, a, i));
    let alpha = fourth(cx, a);
    let out = match b {
        Builtin::RgbToHsl => {
            let (max, min) = (js_max(js_max(x, y), z), js_min(js_min(x, y), z));
            let l = (max + min) / 2.0;
            let (mut h, mut s) = (0.0, 0.0);
            if max != min {
                let d = max - min;
                s = if l > 0.5 {
                    d / (2.0 - max - min)
                } else {
                    d / (max + min)
                };
                h = if max == x {
                    (y - z) / d + if y < z { 6.0 } else { 0.0 }
                } else if max == y {
                    (z - x) / d + 2.0
                } else {
                    (x - y) / d + 4.0
                } / 6.0;
            }
            [h, s, l]
        }
        Builtin::HslToRgb => {
            if y == 0.0 {
                [z, z, z]
            } else {
                let q = if z < 0.5 {
                    z * (1.0 + y)
                } else {
                    z + y - z * y
                };
                let p = 2.0 * z - q;
                [
                    hue_to_rgb(p, q, x + 1.0 / 3.0),
                    hue_to_rgb(p, q, x),
                    hue_to_rgb(p, q, x - 1.0 / 3.0),
                ]
            }
        }
        _ => {
            let deg = core::f64::consts::PI / 180.0;
            let f = [at(cx, b1, 0) - x, at(cx, b1, 1) - y, at(cx, b1, 2) - z];
            let pitch = math(Builtin::Atan2, f[0], (f[1] * f[1] + f[2] * f[2]).sqrt()) / deg;
            let yaw = -math(Builtin::Atan2, f[1], f[2]) / deg;
            return cx.new_numbers(&[yaw, pitch, 0.0]);
        }
    };
    cx.new_array(vec![
        Value::Number(out[0]),
        Value::Number(out[1]),
        Value::Number(out[2]),
        alpha,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases_as_js() {
        assert_eq!(round(2.5), 3.0);
        assert_eq!(round(-2.5), -2.0);
        assert_eq!(round(0.499_999_999_999_999_94), 0.0);
        assert!(round(-0.2).is_sign_negative());
        assert!(pow(1.0, f64::NAN, &mut native_math).is_nan());
        assert!(js_max(1.0, f64::NAN).is_nan());
        assert!(js_max(-0.0, 0.0).is_sign_positive());
        assert!(js_min(-0.0, 0.0).is_sign_negative());
    }
}
