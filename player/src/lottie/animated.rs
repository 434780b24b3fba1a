//! Animated properties: fixed or keyframed, decided once at import, so a
//! fixed value costs nothing per frame. Owns keyframe interpolation and
//! easing (hold, linear, cubic bezier).
//!
//! Values are typed as the model uses them (velato's shape): `f64` for
//! scalars, [`Vec2`] for points, sizes and scales, [`Rgba`] for colours,
//! `[f64; 3]` for 3D orientations, paths and gradient stops; each says how
//! it interpolates through [`Lerp`]. A keyframe's timing is kept apart from
//! its values ([`KeyTiming`]), so finding the keyframe at a frame and easing
//! toward the next are compiled once for every type. Never reads JSON (the
//! importer does) and never allocates per frame for a fixed value
//! ([`Animated::value_at`] borrows it).

use std::borrow::Cow;

use crate::geometry::{cubic_point, hypot, on_line, Rgba, Vec2};

/// An easing curve between two keyframes: After Effects' cubic bezier with
/// fixed end points (0,0) and (1,1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Easing {
    /// Out tangent of the first keyframe (`o`).
    pub out: Vec2,
    /// In tangent of the second keyframe (`i`).
    pub into: Vec2,
}

impl Easing {
    /// Linear timing.
    pub const LINEAR: Easing = Easing {
        out: Vec2::new(0.0, 0.0),
        into: Vec2::new(1.0, 1.0),
    };

    /// Eased progress for linear progress `x` in 0..=1.
    pub fn apply(&self, x: f64) -> f64 {
        let (x1, y1, x2, y2) = (self.out.x, self.out.y, self.into.x, self.into.y);
        if x1 == y1 && x2 == y2 {
            return x;
        }
        // Solve bezier_x(t) = x by bisection (robust for any control points
        // in 0..=1, which import clamps), then evaluate bezier_y(t).
        let bez = |t: f64, p1: f64, p2: f64| {
            let u = 1.0 - t;
            3.0 * u * u * t * p1 + 3.0 * u * t * t * p2 + t * t * t
        };
        let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
        let mut t = x;
        for _ in 0..32 {
            let v = bez(t, x1, x2);
            if (v - x).abs() < 1e-7 {
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
}

/// Tangents of a motion path between two position keyframes (`to` of the
/// first, `ti` of the second), relative to their end points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpatialTangents {
    /// Out tangent, relative to the start value.
    pub out: Vec2,
    /// In tangent, relative to the end value.
    pub into: Vec2,
}

/// Points sampled along a motion path to find a point by its distance.
const MOTION_PATH_SAMPLES: usize = 64;

/// When a keyframe starts and how it moves on to the next one: the part of
/// a keyframe that does not depend on the value's type, so that finding
/// the keyframe at a frame and easing toward the next are compiled once,
/// not once per kind of value.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTiming {
    /// Time in frames (layer-local).
    pub time: f64,
    /// Hold: keep the start value until the next keyframe.
    pub hold: bool,
    /// Timing to the next keyframe.
    pub easing: Easing,
    /// The second dimension's timing, where it has one of its own (`o.x`,
    /// `o.y`, `i.x`, `i.y` as lists that differ at index 1): lottie-web
    /// eases each dimension of a multidimensional value by its own curve
    /// (`interpolateValue`). Further dimensions (z, a colour's blue) are
    /// eased with the first curve: drawn flat or never split in practice.
    pub easing_y: Option<Easing>,
    /// A curved motion path to the next keyframe (positions only).
    pub spatial: Option<SpatialTangents>,
}

impl KeyTiming {
    /// How far toward the next keyframe, eased, for the first dimension and
    /// for the second, from the linear share `linear`. Not generic, so the
    /// easing is compiled once, not into every type's `Animated::at`.
    #[inline(never)]
    fn eased(&self, linear: f64) -> (f64, f64) {
        let progress = self.easing.apply(linear);
        let progress_y = self.easing_y.map_or(progress, |e| e.apply(linear));
        (progress, progress_y)
    }
}

/// Keyframes sorted by time: each one's timing, and its start value with
/// the value it reaches at the next keyframe (the two lists are as long).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyframes<T> {
    timing: Vec<KeyTiming>,
    values: Vec<(T, T)>,
}

impl<T> Default for Keyframes<T> {
    fn default() -> Self {
        Keyframes {
            timing: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<T> Keyframes<T> {
    /// Adds a keyframe after the others (import keeps them in time order).
    pub fn push(&mut self, timing: KeyTiming, start: T, end: T) {
        self.timing.push(timing);
        self.values.push((start, end));
    }

    /// The time of the last keyframe and the value it reaches.
    pub fn last(&self) -> Option<(f64, &T)> {
        Some((self.timing.last()?.time, &self.values.last()?.1))
    }

    /// Fixed when there are fewer than two keyframes (`default` when none).
    pub fn into_animated(mut self, default: T) -> Animated<T> {
        if self.values.len() > 1 {
            return Animated::Keyframed(self);
        }
        Animated::Fixed(self.values.pop().map_or(default, |(start, _)| start))
    }
}

/// What expressions read of keyframes (`numKeys`, `key(n)`, `loopOut`).
#[cfg(feature = "expressions")]
impl<T> Keyframes<T> {
    /// How many keyframes.
    pub fn count(&self) -> usize {
        self.timing.len()
    }

    /// The `i`th keyframe (from 0): its time and its value.
    pub fn key(&self, i: usize) -> Option<(f64, &T)> {
        Some((self.timing.get(i)?.time, &self.values.get(i)?.0))
    }
}

/// Where a frame falls among keyframes: the keyframe before it, and how far
/// (linear, 0..=1, not eased yet) toward the next one; `None` when the
/// start value holds.
fn locate(timing: &[KeyTiming], frame: f64) -> (usize, Option<f64>) {
    let Some(first) = timing.first() else {
        return (0, None);
    };
    if frame <= first.time {
        return (0, None);
    }
    // The last keyframe whose time is <= frame; after the last keyframe,
    // its start value holds.
    let index = timing
        .partition_point(|k| k.time <= frame)
        .saturating_sub(1);
    let (Some(key), Some(next)) = (timing.get(index), timing.get(index + 1)) else {
        return (index, None);
    };
    let span = next.time - key.time;
    if key.hold || span <= 0.0 {
        return (index, None);
    }
    (index, Some(((frame - key.time) / span).clamp(0.0, 1.0)))
}

/// A property that is either fixed or keyframed.
#[derive(Debug, Clone, PartialEq)]
pub enum Animated<T> {
    /// The same value at every frame.
    Fixed(T),
    /// Two or more keyframes.
    Keyframed(Keyframes<T>),
    /// A property with an After Effects expression (feature `expressions`):
    /// the value its script gave at the frame being drawn
    /// ([`super::script_values`]), else the property without it; with the id
    /// of its [`super::scripted::Script`].
    #[cfg(feature = "expressions")]
    Scripted(Box<(Animated<T>, u32)>),
}

/// Values that keyframes can interpolate.
pub trait Lerp: Clone + Default {
    /// The value at `t` (0..=1) between `self` and `to`.
    fn lerp(&self, to: &Self, t: f64) -> Self;

    /// The value with its first dimension `t` and its second `t_y` of the
    /// way (per-dimension easing); other types ease as one.
    fn lerp_xy(&self, to: &Self, t: f64, _t_y: f64) -> Self {
        self.lerp(to, t)
    }

    /// The value a share `t` of the way along a curved motion path.
    fn lerp_spatial(&self, to: &Self, t: f64, _tangents: &SpatialTangents) -> Self {
        self.lerp(to, t)
    }

    /// The value from an expression's numbers (`None`: a kind of value
    /// scripts do not set).
    #[cfg(feature = "expressions")]
    fn from_numbers(_numbers: &[f64; 4]) -> Option<Self> {
        None
    }

    /// What script `id` gave at `frame` in this pass, as this type (paths
    /// have a table of their own).
    #[cfg(feature = "expressions")]
    fn scripted(id: u32, frame: f64) -> Option<Self> {
        super::script_values::value(id, frame).and_then(|n| Self::from_numbers(&n))
    }
}

impl Lerp for Vec<f64> {
    fn lerp(&self, to: &Self, t: f64) -> Self {
        if to.len() != self.len() {
            return self.clone();
        }
        self.iter().zip(to).map(|(a, b)| a + (b - a) * t).collect()
    }
}

impl Lerp for f64 {
    #[cfg(feature = "expressions")]
    fn from_numbers(n: &[f64; 4]) -> Option<Self> {
        Some(n[0])
    }

    fn lerp(&self, to: &Self, t: f64) -> Self {
        self + (to - self) * t
    }
}

impl Lerp for Rgba {
    #[cfg(feature = "expressions")]
    fn from_numbers(n: &[f64; 4]) -> Option<Self> {
        Some(Rgba {
            r: n[0],
            g: n[1],
            b: n[2],
            a: n[3],
        })
    }

    fn lerp(&self, to: &Self, t: f64) -> Self {
        Rgba {
            r: self.r.lerp(&to.r, t),
            g: self.g.lerp(&to.g, t),
            b: self.b.lerp(&to.b, t),
            a: self.a.lerp(&to.a, t),
        }
    }
}

impl Lerp for [f64; 3] {
    #[cfg(feature = "expressions")]
    fn from_numbers(n: &[f64; 4]) -> Option<Self> {
        Some([n[0], n[1], n[2]])
    }

    fn lerp(&self, to: &Self, t: f64) -> Self {
        let ([x, y, z], [tx, ty, tz]) = (*self, *to);
        [x.lerp(&tx, t), y.lerp(&ty, t), z.lerp(&tz, t)]
    }
}

/// An expression's view of a property: up to four components, each
/// interpolated as the typed value would be (x and y each by its own
/// easing, positions along their motion path).
#[cfg(feature = "expressions")]
impl Lerp for [f64; 4] {
    fn lerp(&self, to: &Self, t: f64) -> Self {
        self.lerp_xy(to, t, t)
    }

    fn lerp_xy(&self, to: &Self, t: f64, t_y: f64) -> Self {
        let mut out = *self;
        for (i, (o, b)) in out.iter_mut().zip(to).enumerate() {
            *o = o.lerp(b, if i == 1 { t_y } else { t });
        }
        out
    }

    fn lerp_spatial(&self, to: &Self, t: f64, tangents: &SpatialTangents) -> Self {
        let xy = |v: &Self| Vec2::new(v[0], v[1]);
        let p = xy(self).lerp_spatial(&xy(to), t, tangents);
        let mut out = self.lerp(to, t);
        out[0] = p.x;
        out[1] = p.y;
        out
    }

    fn from_numbers(n: &[f64; 4]) -> Option<Self> {
        Some(*n)
    }
}

impl Lerp for Vec2 {
    #[cfg(feature = "expressions")]
    fn from_numbers(n: &[f64; 4]) -> Option<Self> {
        Some(Vec2::new(n[0], n[1]))
    }

    fn lerp(&self, to: &Self, t: f64) -> Self {
        self.lerp_xy(to, t, t)
    }

    fn lerp_xy(&self, to: &Self, t: f64, t_y: f64) -> Self {
        Vec2::new(self.x.lerp(&to.x, t), self.y.lerp(&to.y, t_y))
    }

    /// As lottie-web: `t` is a share of the path's length (not of the bezier
    /// parameter), so motion keeps the keyframes' timing along the curve;
    /// and a path whose handles lie on the line between its ends is that
    /// line ([`on_line`], lottie-web's `pointOnLine2D`).
    fn lerp_spatial(&self, to: &Self, t: f64, tangents: &SpatialTangents) -> Self {
        let (p0, p3) = (*self, *to);
        let p1 = Vec2::new(p0.x + tangents.out.x, p0.y + tangents.out.y);
        let p2 = Vec2::new(p3.x + tangents.into.x, p3.y + tangents.into.y);
        // lottie-web drops the motion-path handles of a keyframe whose
        // handles both lie on the line (`KeyframedMultidimensionalProperty`)
        // and moves along the line: handles along the line can still run
        // past its end and back (lottie-android's pagado: 511.5 → 580 →
        // 521.5), which lottie-web never draws. (Its 3D test, for a z other
        // than 0, is left out: positions here are 2D. And lottie-web tests
        // against the next keyframe's own `s`, so in files of older
        // Bodymovin versions, whose last keyframe has no `s`, it keeps the
        // handles of the keyframe before it; here that keyframe too moves
        // along the line to its `e`.)
        if p0 != p3 && on_line(p0, p3, p1) && on_line(p0, p3, p2) {
            return self.lerp(to, t);
        }
        let point = |u: f64| cubic_point(p0, p1, p2, p3, u);
        // Cumulative length at each sample.
        let mut lengths = [0.0_f64; MOTION_PATH_SAMPLES + 1];
        let (mut previous, mut sum) = (p0, 0.0);
        for (i, slot) in lengths.iter_mut().enumerate().skip(1) {
            let p = point(i as f64 / MOTION_PATH_SAMPLES as f64);
            sum += hypot(p.x - previous.x, p.y - previous.y);
            *slot = sum;
            previous = p;
        }
        let total = lengths.last().copied().unwrap_or(0.0);
        if total <= 0.0 || !total.is_finite() {
            return self.lerp(to, t);
        }
        let target = t.clamp(0.0, 1.0) * total;
        let i = lengths
            .partition_point(|l| *l < target)
            .clamp(1, MOTION_PATH_SAMPLES);
        let (l0, l1) = (
            lengths.get(i - 1).copied().unwrap_or(0.0),
            lengths.get(i).copied().unwrap_or(total),
        );
        let within = if l1 > l0 {
            (target - l0) / (l1 - l0)
        } else {
            0.0
        };
        point((i as f64 - 1.0 + within) / MOTION_PATH_SAMPLES as f64)
    }
}

impl<T> Animated<T> {
    /// Times of the first and last keyframe; `None` when fixed.
    pub fn key_span(&self) -> Option<(f64, f64)> {
        match self {
            Animated::Fixed(_) => None,
            Animated::Keyframed(keys) => {
                Some((keys.timing.first()?.time, keys.timing.last()?.time))
            }
            #[cfg(feature = "expressions")]
            Animated::Scripted(scripted) => scripted.0.key_span(),
        }
    }

    /// The same timing with each value converted by `convert` (import reads
    /// every property as numbers first, then gives it its type). A function
    /// pointer and a plain loop: one small copy per target type.
    pub fn map<U>(self, convert: fn(T) -> U) -> Animated<U> {
        match self {
            Animated::Fixed(v) => Animated::Fixed(convert(v)),
            Animated::Keyframed(keys) => {
                let mut values = Vec::with_capacity(keys.values.len());
                for (start, end) in keys.values {
                    values.push((convert(start), convert(end)));
                }
                Animated::Keyframed(Keyframes {
                    timing: keys.timing,
                    values,
                })
            }
            #[cfg(feature = "expressions")]
            Animated::Scripted(scripted) => {
                let (base, id) = *scripted;
                Animated::Scripted(Box::new((base.map(convert), id)))
            }
        }
    }

    /// Whether the value is `value` at every frame (keyframes that happen
    /// to hold one value do not count: import makes those fixed).
    pub fn is_fixed_at(&self, value: &T) -> bool
    where
        T: PartialEq,
    {
        matches!(self, Animated::Fixed(v) if v == value)
    }

    /// Changes every value in place (the fixed one, or each keyframe's).
    pub fn for_each_value(&mut self, mut change: impl FnMut(&mut T)) {
        match self {
            Animated::Fixed(v) => change(v),
            Animated::Keyframed(keys) => {
                for (start, end) in &mut keys.values {
                    change(start);
                    change(end);
                }
            }
            #[cfg(feature = "expressions")]
            Animated::Scripted(scripted) => scripted.0.for_each_value(change),
        }
    }
}

impl<T: Lerp> Animated<T> {
    /// The value at `frame`, borrowed when it is fixed: a static path or
    /// gradient is not copied once per frame.
    pub fn value_at(&self, frame: f64) -> Cow<'_, T> {
        match self {
            Animated::Fixed(v) => Cow::Borrowed(v),
            _ => Cow::Owned(self.at(frame)),
        }
    }

    /// The value at `frame`.
    pub fn at(&self, frame: f64) -> T {
        let keys = match self {
            Animated::Fixed(v) => return v.clone(),
            Animated::Keyframed(keys) => keys,
            #[cfg(feature = "expressions")]
            Animated::Scripted(scripted) => {
                let (base, id) = &**scripted;
                return T::scripted(*id, frame).unwrap_or_else(|| base.at(frame));
            }
        };
        let (index, progress) = locate(&keys.timing, frame);
        // Import never builds an empty list; a default beats a panic.
        let Some((start, end)) = keys.values.get(index) else {
            return T::default();
        };
        let (Some(linear), Some(key)) = (progress, keys.timing.get(index)) else {
            return start.clone();
        };
        let (progress, progress_y) = key.eased(linear);
        match &key.spatial {
            Some(tangents) => start.lerp_spatial(end, progress, tangents),
            None => start.lerp_xy(end, progress, progress_y),
        }
    }

    /// The value at `frame` without its expression (keyframes only), as
    /// lottie-web's `valueAtTime` and auto-orient read a property.
    pub fn base_at(&self, frame: f64) -> T {
        match self {
            #[cfg(feature = "expressions")]
            Animated::Scripted(scripted) => scripted.0.at(frame),
            _ => self.at(frame),
        }
    }

    /// Its keyframes, if it has some (a scripted property's own).
    #[cfg(feature = "expressions")]
    pub fn keyframes(&self) -> Option<&Keyframes<T>> {
        match self {
            Animated::Fixed(_) => None,
            Animated::Keyframed(keys) => Some(keys),
            Animated::Scripted(scripted) => scripted.0.keyframes(),
        }
    }

    /// Whether the value never changes.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Animated::Fixed(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keyframes of x: (time, start, end, hold, motion-path tangents).
    fn keys(list: &[(f64, f64, f64, bool, Option<SpatialTangents>)]) -> Animated<Vec2> {
        let mut keys = Keyframes::default();
        for &(time, start, end, hold, spatial) in list {
            let timing = KeyTiming {
                time,
                hold,
                easing: Easing::LINEAR,
                easing_y: None,
                spatial,
            };
            keys.push(timing, Vec2::new(start, 0.0), Vec2::new(end, 0.0));
        }
        keys.into_animated(Vec2::default())
    }

    #[test]
    fn motion_paths_follow_the_curve_by_distance() {
        // A half-circle-ish arc from (0,0) to (100,0) bulging up to y ≈ -75.
        let arc = SpatialTangents {
            out: Vec2::new(0.0, -100.0),
            into: Vec2::new(0.0, -100.0),
        };
        let a = keys(&[
            (0.0, 0.0, 100.0, false, Some(arc)),
            (10.0, 100.0, 100.0, false, None),
        ]);
        let middle = a.at(5.0);
        assert!((middle.x - 50.0).abs() < 0.5, "{middle:?}");
        assert!((middle.y + 75.0).abs() < 0.5, "{middle:?}");
        let end = a.at(10.0);
        assert_eq!((end.x, end.y), (100.0, 0.0));
    }

    #[test]
    fn handles_along_the_line_make_straight_motion_as_in_lottie_web() {
        // lottie-android's pagado on x: both handles on the line, the
        // incoming one far past the end. lottie-web moves along the line,
        // 511.5 to 521.5; the path itself would run to about 580 and back.
        let along = SpatialTangents {
            out: Vec2::new(12.67, 0.0),
            into: Vec2::new(84.33, 0.0),
        };
        let a = keys(&[
            (0.0, 511.5, 521.5, false, Some(along)),
            (10.0, 521.5, 521.5, false, None),
        ]);
        assert!((a.at(5.0).x - 516.5).abs() < 1e-9, "{:?}", a.at(5.0));
        assert!(a.at(8.0).x <= 521.5, "{:?}", a.at(8.0));
        // A handle off the line bends the path: it is followed.
        let bent = SpatialTangents {
            out: Vec2::new(12.67, 40.0),
            ..along
        };
        let b = keys(&[
            (0.0, 511.5, 521.5, false, Some(bent)),
            (10.0, 521.5, 521.5, false, None),
        ]);
        assert!(b.at(5.0).y > 0.5, "{:?}", b.at(5.0));
        // The tolerance is lottie-web's: 0.001 on twice the triangle's area.
        let (a, b) = (Vec2::new(0.0, 0.0), Vec2::new(0.0, 100.0));
        assert!(on_line(a, b, Vec2::new(0.000_001, 5.0)));
        assert!(!on_line(a, b, Vec2::new(0.001, 5.0)));
    }

    #[test]
    fn linear_keyframes_interpolate_and_clamp() {
        let a = keys(&[
            (0.0, 0.0, 100.0, false, None),
            (10.0, 100.0, 100.0, false, None),
        ]);
        assert_eq!(a.at(-5.0).x, 0.0);
        assert_eq!(a.at(5.0).x, 50.0);
        assert_eq!(a.at(10.0).x, 100.0);
        assert_eq!(a.at(99.0).x, 100.0);
    }

    #[test]
    fn hold_keyframes_jump() {
        let a = keys(&[
            (0.0, 0.0, 100.0, true, None),
            (10.0, 100.0, 100.0, false, None),
        ]);
        assert_eq!(a.at(9.99).x, 0.0);
        assert_eq!(a.at(10.0).x, 100.0);
    }

    #[test]
    fn one_keyframe_is_fixed_and_none_is_the_default() {
        assert_eq!(
            keys(&[(3.0, 7.0, 9.0, false, None)]),
            Animated::Fixed(Vec2::new(7.0, 0.0))
        );
        assert_eq!(keys(&[]), Animated::Fixed(Vec2::default()));
    }

    #[test]
    fn bezier_easing_matches_css_ease_in_out() {
        // CSS ease-in-out is cubic-bezier(0.42, 0, 0.58, 1): symmetric, slow at the ends.
        let e = Easing {
            out: Vec2::new(0.42, 0.0),
            into: Vec2::new(0.58, 1.0),
        };
        assert!((e.apply(0.5) - 0.5).abs() < 1e-6);
        assert!(e.apply(0.1) < 0.05);
        assert!(e.apply(0.9) > 0.95);
        assert_eq!(Easing::LINEAR.apply(0.3), 0.3);
    }

    #[test]
    fn fixed_values_are_borrowed_and_mapped_values_keep_their_timing() {
        let fixed = Animated::Fixed(vec![1.0, 2.0]);
        assert!(matches!(fixed.value_at(3.0), Cow::Borrowed(_)));
        let keyed = keys(&[
            (0.0, 0.0, 100.0, false, None),
            (10.0, 100.0, 100.0, false, None),
        ]);
        assert!(!keyed.is_fixed());
        assert!(matches!(keyed.value_at(5.0), Cow::Owned(_)));
        let scalar = keyed.map(|p| p.x);
        assert_eq!(scalar.at(5.0), 50.0);
        assert_eq!(scalar.key_span(), Some((0.0, 10.0)));
    }
}
