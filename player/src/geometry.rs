//! Plain 2D geometry: points, affine matrices, bezier paths, colours.
//! Owns no state and knows nothing of Lottie or the browser.

/// A point or vector.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Vec2 {
    /// x
    pub x: f64,
    /// y
    pub y: f64,
}

impl Vec2 {
    /// A new point.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// A 2D affine matrix in Canvas2D's order: `x' = a x + c y + e`,
/// `y' = b x + d y + f`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Affine(pub [f64; 6]);

impl Default for Affine {
    fn default() -> Self {
        Self::IDENTITY
    }
}

impl Affine {
    /// The identity.
    pub const IDENTITY: Affine = Affine([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// A translation.
    pub const fn translate(x: f64, y: f64) -> Self {
        Affine([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// A scale about the origin.
    pub const fn scale(sx: f64, sy: f64) -> Self {
        Affine([sx, 0.0, 0.0, sy, 0.0, 0.0])
    }

    /// A rotation by `radians`, clockwise on screen (y down).
    pub fn rotate(radians: f64) -> Self {
        let (s, c) = sin_cos(radians);
        Affine([c, s, -s, c, 0.0, 0.0])
    }

    /// After Effects skew: shear by `skew` radians along the axis at `axis`
    /// radians (lottie-web's `skewFromAxis(-skew, axis)`).
    pub fn skew(skew: f64, axis: f64) -> Self {
        if skew == 0.0 {
            return Self::IDENTITY;
        }
        Affine::rotate(-axis) * Affine([1.0, 0.0, tan(-skew), 1.0, 0.0, 0.0]) * Affine::rotate(axis)
    }

    /// Applies the matrix to a point.
    pub fn apply(&self, p: Vec2) -> Vec2 {
        let [a, b, c, d, e, f] = self.0;
        Vec2::new(a * p.x + c * p.y + e, b * p.x + d * p.y + f)
    }

    /// The inverse matrix, when there is one.
    pub fn inverse(&self) -> Option<Affine> {
        let [a, b, c, d, e, f] = self.0;
        let det = a * d - b * c;
        if det == 0.0 || !det.is_finite() {
            return None;
        }
        let (ia, ib, ic, id) = (d / det, -b / det, -c / det, a / det);
        Some(Affine([
            ia,
            ib,
            ic,
            id,
            -(ia * e + ic * f),
            -(ib * e + id * f),
        ]))
    }

    /// How much the transform stretches a length, at most (the larger
    /// column length, within √2 of the exact value; infinite when not
    /// finite). Stretched shapes count, however thin they get the other way.
    pub fn magnification(&self) -> f64 {
        let [a, b, c, d, _, _] = self.0;
        let m = hypot(a, b).max(hypot(c, d));
        if m.is_finite() {
            m
        } else {
            f64::INFINITY
        }
    }

    /// Whether every coefficient is finite (hostile files can make NaN).
    pub fn is_finite(&self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }
}

impl std::ops::Mul for Affine {
    type Output = Affine;
    /// `self * rhs` applies `rhs` first, then `self`.
    fn mul(self, rhs: Affine) -> Affine {
        let [a1, b1, c1, d1, e1, f1] = self.0;
        let [a2, b2, c2, d2, e2, f2] = rhs.0;
        Affine([
            a1 * a2 + c1 * b2,
            b1 * a2 + d1 * b2,
            a1 * c2 + c1 * d2,
            b1 * c2 + d1 * d2,
            a1 * e2 + c1 * f2 + e1,
            b1 * e2 + d1 * f2 + f1,
        ])
    }
}

/// One path command.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PathEl {
    /// Start a subpath.
    MoveTo(Vec2),
    /// A straight segment.
    LineTo(Vec2),
    /// A cubic bezier: two control points, then the end point.
    CubicTo(Vec2, Vec2, Vec2),
    /// Close the subpath.
    Close,
}

/// A bezier path made of subpaths.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Path(pub Vec<PathEl>);

impl Path {
    /// The box around the path's points and control points under
    /// `transform` (which holds its curves): left, top, right, bottom;
    /// infinities the wrong way round for an empty path.
    pub fn control_box(&self, transform: &Affine) -> [f64; 4] {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        let mut add = |p: Vec2| {
            let p = transform.apply(p);
            b = [b[0].min(p.x), b[1].min(p.y), b[2].max(p.x), b[3].max(p.y)];
        };
        for el in &self.0 {
            match *el {
                PathEl::MoveTo(p) | PathEl::LineTo(p) => add(p),
                PathEl::CubicTo(c1, c2, p) => {
                    add(c1);
                    add(c2);
                    add(p);
                }
                PathEl::Close => {}
            }
        }
        b
    }

    /// Appends `other`'s subpaths, transformed by `m`.
    pub fn extend_transformed(&mut self, other: &Path, m: &Affine) {
        self.0.extend(other.0.iter().map(|el| match *el {
            PathEl::MoveTo(p) => PathEl::MoveTo(m.apply(p)),
            PathEl::LineTo(p) => PathEl::LineTo(m.apply(p)),
            PathEl::CubicTo(a, b, c) => PathEl::CubicTo(m.apply(a), m.apply(b), m.apply(c)),
            PathEl::Close => PathEl::Close,
        }));
    }

    /// Whether the path has no commands.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// An axis-aligned rectangle from its top-left corner and size.
    pub fn rect(x: f64, y: f64, w: f64, h: f64) -> Path {
        Path(vec![
            PathEl::MoveTo(Vec2::new(x, y)),
            PathEl::LineTo(Vec2::new(x + w, y)),
            PathEl::LineTo(Vec2::new(x + w, y + h)),
            PathEl::LineTo(Vec2::new(x, y + h)),
            PathEl::Close,
        ])
    }
}

/// A straight (not premultiplied) RGBA colour, components 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rgba {
    /// red
    pub r: f64,
    /// green
    pub g: f64,
    /// blue
    pub b: f64,
    /// alpha
    pub a: f64,
}

impl Rgba {
    /// Black with alpha `a` (mask and matte drawing use alpha only).
    pub const fn black(a: f64) -> Self {
        Rgba {
            r: 0.0,
            g: 0.0,
            b: 0.0,
            a,
        }
    }

    /// Opaque white.
    pub const WHITE: Rgba = Rgba {
        r: 1.0,
        g: 1.0,
        b: 1.0,
        a: 1.0,
    };

    /// The same colour, fully opaque (Lottie's fills and strokes ignore a
    /// colour's own alpha: opacity is a property of its own).
    pub fn opaque(self) -> Rgba {
        Rgba { a: 1.0, ..self }
    }

    /// The same colour with alpha multiplied by `opacity`.
    pub fn with_opacity(self, opacity: f64) -> Rgba {
        Rgba {
            a: self.a * opacity,
            ..self
        }
    }

    /// The colour a share `t` of the way to `to`'s colour; alpha kept.
    pub fn mix(self, to: Rgba, t: f64) -> Rgba {
        Rgba {
            r: self.r + (to.r - self.r) * t,
            g: self.g + (to.g - self.g) * t,
            b: self.b + (to.b - self.b) * t,
            a: self.a,
        }
    }

    /// The colour as 8-bit RGBA, clamped.
    pub fn to_rgba8(self) -> [u8; 4] {
        let q = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        [q(self.r), q(self.g), q(self.b), q(self.a)]
    }
}

/// `x` wrapped into `[0, period)` (as `rem_euclid`, for a positive
/// period) through `floor`, a wasm instruction: `%` on floats links libm's
/// exact `fmod`, with 128-bit integer division (2 KB of wasm).
pub fn wrap(x: f64, period: f64) -> f64 {
    let wrapped = x - (x / period).floor() * period;
    // Rounding can land on `period` itself for x just below a multiple.
    if wrapped >= period {
        0.0
    } else {
        wrapped
    }
}

/// Whether `c` lies on the line through `a` and `b`, by lottie-web's
/// `pointOnLine2D` and its absolute tolerance (twice the triangle's area
/// within 0.001): how lottie-web tells a straight segment or motion path
/// written as a cubic.
pub fn on_line(a: Vec2, b: Vec2, c: Vec2) -> bool {
    let det = a.x * b.y + a.y * c.x + b.x * c.y - c.x * b.y - c.y * a.x - b.x * a.y;
    det.abs() < 0.001
}

/// The point at parameter `t` of the cubic Bézier `p0`, `p1`, `p2`, `p3`.
pub fn cubic_point(p0: Vec2, p1: Vec2, p2: Vec2, p3: Vec2, t: f64) -> Vec2 {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Vec2::new(
        a * p0.x + b * p1.x + c * p2.x + d * p3.x,
        a * p0.y + b * p1.y + c * p2.y + d * p3.y,
    )
}

/// Sine and cosine of `x` radians without libm's large-argument reduction
/// (kilobytes of wasm, for angles no animation reaches): reduced by whole
/// turns, then quarter turns, then series that are exact to about 1e-16 on
/// ±π/4. Precision fades only for angles of millions of turns.
pub fn sin_cos(x: f64) -> (f64, f64) {
    use std::f64::consts::{FRAC_PI_2, TAU};
    if !x.is_finite() {
        return (f64::NAN, f64::NAN);
    }
    let r = x - (x / TAU + 0.5).floor() * TAU;
    let quarter = (r / FRAC_PI_2 + 0.5).floor();
    let y = r - quarter * FRAC_PI_2;
    let y2 = y * y;
    let sin = y
        * (1.0
            + y2 * (-1.0 / 6.0
                + y2 * (1.0 / 120.0
                    + y2 * (-1.0 / 5_040.0
                        + y2 * (1.0 / 362_880.0
                            + y2 * (-1.0 / 39_916_800.0 + y2 / 6_227_020_800.0))))));
    let cos = 1.0
        + y2 * (-0.5
            + y2 * (1.0 / 24.0
                + y2 * (-1.0 / 720.0
                    + y2 * (1.0 / 40_320.0 + y2 * (-1.0 / 3_628_800.0 + y2 / 479_001_600.0)))));
    match (quarter as i64).rem_euclid(4) {
        0 => (sin, cos),
        1 => (cos, -sin),
        2 => (-sin, -cos),
        _ => (-cos, sin),
    }
}

/// Sine of `x` radians (see [`sin_cos`]).
pub fn sin(x: f64) -> f64 {
    sin_cos(x).0
}

/// Cosine of `x` radians (see [`sin_cos`]).
pub fn cos(x: f64) -> f64 {
    sin_cos(x).1
}

/// Tangent of `x` radians (see [`sin_cos`]).
pub fn tan(x: f64) -> f64 {
    let (s, c) = sin_cos(x);
    s / c
}

/// `x.hypot(y)` as lottie-web computes distances (`Math.sqrt(x * x +
/// y * y)`): libm's `hypot`, which guards against overflow no drawing
/// reaches, is 370 B of wasm.
pub fn hypot(x: f64, y: f64) -> f64 {
    (x * x + y * y).sqrt()
}

/// `y.atan2(x)` without libm's (`atan2` and `atan`, 900 B of wasm): the
/// quadrant from the signs, the angle from an arctangent series on
/// |t| ≤ tan(π/12), within 1e-15 of libm's (relative); its special cases
/// (zeros, infinities, NaN) as C defines them.
pub fn atan2(y: f64, x: f64) -> f64 {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    let angle = if x.is_infinite() && y.is_infinite() {
        // The two infinite directions: a diagonal.
        if x > 0.0 {
            FRAC_PI_4
        } else {
            3.0 * FRAC_PI_4
        }
    } else if y == 0.0 || x.is_infinite() {
        // On the x axis (C: by the sign of x, -0 counting as negative).
        if x.is_sign_negative() {
            PI
        } else {
            0.0
        }
    } else if x == 0.0 || y.is_infinite() {
        FRAC_PI_2
    } else {
        let a = atan_positive(y.abs() / x.abs());
        if x < 0.0 {
            PI - a
        } else {
            a
        }
    };
    angle.copysign(y)
}

/// `t.atan()` for `t ≥ 0` (infinity included): past 1 through π/2 −
/// atan(1/t), past tan(π/12) through π/6 + atan of the rest (tangent
/// subtraction), then the alternating series to its 13th term (the 14th
/// is below 1e-17 on |t| ≤ 0.268).
fn atan_positive(t: f64) -> f64 {
    use std::f64::consts::{FRAC_PI_2, FRAC_PI_6};
    const SQRT_3: f64 = 1.732_050_807_568_877_2;
    const TAN_PI_12: f64 = 0.267_949_192_431_122_7;
    let (t, flipped) = if t > 1.0 { (1.0 / t, true) } else { (t, false) };
    let (t, offset) = if t > TAN_PI_12 {
        ((t * SQRT_3 - 1.0) / (t + SQRT_3), FRAC_PI_6)
    } else {
        (t, 0.0)
    };
    let t2 = t * t;
    let mut series = 0.0;
    for n in (0..13u8).rev() {
        let term = 1.0 / f64::from(2 * n + 1);
        series = series * t2 + if n % 2 == 0 { term } else { -term };
    }
    let a = offset + t * series;
    if flipped {
        FRAC_PI_2 - a
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_agrees_with_rem_euclid() {
        for (x, period) in [
            (0.0, 1.0),
            (0.25, 1.0),
            (-0.25, 1.0),
            (3.75, 1.0),
            (-7.5, 2.0),
            (179.5, 150.0),
            (1e9 + 0.5, 60.0),
            (1.0 - 1e-17, 1.0),
        ] {
            let (ours, std) = (wrap(x, period), f64::rem_euclid(x, period));
            assert!((0.0..period).contains(&ours), "{x} {period}: {ours}");
            assert!(
                (ours - std).abs() < 1e-6 || (period - (ours - std).abs()) < 1e-6,
                "{x} {period}: {ours} vs {std}"
            );
        }
    }

    #[test]
    fn multiplication_applies_right_first() {
        let m = Affine::translate(10.0, 0.0) * Affine::scale(2.0, 2.0);
        assert_eq!(m.apply(Vec2::new(1.0, 1.0)), Vec2::new(12.0, 2.0));
    }

    #[test]
    fn inverse_undoes() {
        let m = Affine::translate(3.0, -2.0) * Affine::rotate(0.7) * Affine::scale(2.0, 0.5);
        let p = (m.inverse().unwrap_or_default() * m).apply(Vec2::new(5.0, 7.0));
        assert!(
            (p.x - 5.0).abs() < 1e-9 && (p.y - 7.0).abs() < 1e-9,
            "{p:?}"
        );
        assert_eq!(Affine::scale(0.0, 1.0).inverse(), None);
    }

    #[test]
    fn rotation_is_clockwise_on_screen() {
        let p = Affine::rotate(std::f64::consts::FRAC_PI_2).apply(Vec2::new(1.0, 0.0));
        assert!((p.x).abs() < 1e-9 && (p.y - 1.0).abs() < 1e-9, "{p:?}");
    }

    #[test]
    fn sin_cos_match_the_standard_library() {
        for i in -2000..2000 {
            let x = f64::from(i) * 0.0137;
            let (s, c) = sin_cos(x);
            assert!(
                (s - x.sin()).abs() < 1e-12 && (c - x.cos()).abs() < 1e-12,
                "{x}"
            );
        }
        assert!((tan(0.5) - 0.5_f64.tan()).abs() < 1e-12);
        assert!(sin_cos(f64::NAN).0.is_nan());
    }

    #[test]
    fn colours_quantize_and_clamp() {
        let c = Rgba {
            r: 1.5,
            g: 0.5,
            b: -1.0,
            a: 1.0,
        }
        .with_opacity(0.5);
        assert_eq!(c.to_rgba8(), [255, 128, 0, 128]);
    }

    #[test]
    fn atan2_is_libms_within_1e_15() {
        let values = [
            0.0,
            -0.0,
            1e-300,
            -3e-308,
            0.1,
            -0.25,
            0.267_949_192_431_122_7,
            0.5,
            1.0,
            -1.0,
            1.5,
            2.0,
            -3.7,
            10.0,
            1e6,
            -1e300,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        let mut checked = 0;
        for &y in &values {
            for &x in &values {
                let (ours, libm) = (atan2(y, x), y.atan2(x));
                assert!(
                    ours.to_bits() == libm.to_bits() || (ours - libm).abs() <= 1e-15 * libm.abs(),
                    "atan2({y}, {x}): {ours} against {libm}"
                );
                checked += 1;
            }
        }
        // And a dense sweep of directions.
        for i in 0..20_000 {
            let angle = f64::from(i) / 20_000.0 * std::f64::consts::TAU - std::f64::consts::PI;
            let (y, x) = (angle.sin() * 3.0, angle.cos() * 3.0);
            let (ours, libm) = (atan2(y, x), y.atan2(x));
            assert!(
                (ours - libm).abs() <= 1e-15 * libm.abs().max(1e-300),
                "atan2({y}, {x}): {ours} {libm} {}",
                (ours - libm) / libm
            );
            checked += 1;
        }
        assert!(atan2(f64::NAN, 1.0).is_nan() && atan2(1.0, f64::NAN).is_nan());
        assert_eq!(checked, 19 * 19 + 20_000);
    }

    #[test]
    fn hypot_is_the_distance() {
        assert_eq!(hypot(3.0, 4.0), 5.0);
        assert_eq!(hypot(-5.0, 12.0), 13.0);
        assert!((hypot(1e-3, 2e-3) - 1e-3f64.hypot(2e-3)).abs() < 1e-18);
    }
}
