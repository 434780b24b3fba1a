//! Animated properties: fixed or keyframed, decided once at import, so a
//! fixed value costs nothing per frame. Owns keyframe interpolation and
//! easing (hold, linear, cubic bezier).

use crate::geometry::Vec2;

/// Up to four components (scalar, point, colour). Unused ones are zero.
pub type Components = [f64; 4];

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

/// One keyframe. `end` is the value reached at the next keyframe.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyframe<T> {
    /// Time in frames (layer-local).
    pub time: f64,
    /// Value at `time`.
    pub start: T,
    /// Value at the next keyframe's time.
    pub end: T,
    /// Hold: keep `start` until the next keyframe.
    pub hold: bool,
    /// Timing to the next keyframe.
    pub easing: Easing,
    /// A curved motion path to the next keyframe (positions only).
    pub spatial: Option<SpatialTangents>,
}

/// A property that is either fixed or keyframed.
#[derive(Debug, Clone, PartialEq)]
pub enum Animated<T> {
    /// The same value at every frame.
    Fixed(T),
    /// Keyframes sorted by time; never empty.
    Keyframed(Vec<Keyframe<T>>),
}

/// Values that keyframes can interpolate.
pub trait Lerp: Clone + Default {
    /// The value at `t` (0..=1) between `self` and `to`.
    fn lerp(&self, to: &Self, t: f64) -> Self;

    /// The value a share `t` of the way along a curved motion path.
    fn lerp_spatial(&self, to: &Self, t: f64, _tangents: &SpatialTangents) -> Self {
        self.lerp(to, t)
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

impl Lerp for Components {
    fn lerp(&self, to: &Self, t: f64) -> Self {
        let mut out = *self;
        for (o, b) in out.iter_mut().zip(to) {
            *o += (b - *o) * t;
        }
        out
    }

    /// As lottie-web: `t` is a share of the path's length (not of the bezier
    /// parameter), so motion keeps the keyframes' timing along the curve.
    fn lerp_spatial(&self, to: &Self, t: f64, tangents: &SpatialTangents) -> Self {
        let p0 = Vec2::new(self[0], self[1]);
        let p3 = Vec2::new(to[0], to[1]);
        let p1 = Vec2::new(p0.x + tangents.out.x, p0.y + tangents.out.y);
        let p2 = Vec2::new(p3.x + tangents.into.x, p3.y + tangents.into.y);
        let point = |u: f64| {
            let v = 1.0 - u;
            let (a, b, c, d) = (v * v * v, 3.0 * v * v * u, 3.0 * v * u * u, u * u * u);
            Vec2::new(
                a * p0.x + b * p1.x + c * p2.x + d * p3.x,
                a * p0.y + b * p1.y + c * p2.y + d * p3.y,
            )
        };
        // Cumulative length at each sample.
        let mut lengths = [0.0_f64; MOTION_PATH_SAMPLES + 1];
        let (mut previous, mut sum) = (p0, 0.0);
        for (i, slot) in lengths.iter_mut().enumerate().skip(1) {
            let p = point(i as f64 / MOTION_PATH_SAMPLES as f64);
            sum += (p.x - previous.x).hypot(p.y - previous.y);
            *slot = sum;
            previous = p;
        }
        let total = lengths.last().copied().unwrap_or(0.0);
        let mut out = self.lerp(to, t); // keeps any third component
        if total <= 0.0 || !total.is_finite() {
            return out;
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
        let p = point((i as f64 - 1.0 + within) / MOTION_PATH_SAMPLES as f64);
        out[0] = p.x;
        out[1] = p.y;
        out
    }
}

impl<T> Animated<T> {
    /// Times of the first and last keyframe; `None` when fixed.
    pub fn key_span(&self) -> Option<(f64, f64)> {
        match self {
            Animated::Fixed(_) => None,
            Animated::Keyframed(keys) => Some((keys.first()?.time, keys.last()?.time)),
        }
    }

    /// Changes every value in place (the fixed one, or each keyframe's).
    pub fn for_each_value(&mut self, mut change: impl FnMut(&mut T)) {
        match self {
            Animated::Fixed(v) => change(v),
            Animated::Keyframed(keys) => {
                for key in keys {
                    change(&mut key.start);
                    change(&mut key.end);
                }
            }
        }
    }
}

impl<T: Lerp> Animated<T> {
    /// The value at `frame`.
    pub fn at(&self, frame: f64) -> T {
        match self {
            Animated::Fixed(v) => v.clone(),
            Animated::Keyframed(keys) => {
                // Import never builds an empty list; a default beats a panic.
                let Some(first) = keys.first() else {
                    return T::default();
                };
                if frame <= first.time {
                    return first.start.clone();
                }
                // The last keyframe whose time is <= frame.
                let index = keys.partition_point(|k| k.time <= frame).saturating_sub(1);
                let (Some(key), Some(next)) = (keys.get(index), keys.get(index + 1)) else {
                    // After the last keyframe: its start value holds.
                    return keys
                        .last()
                        .map_or_else(|| first.start.clone(), |k| k.start.clone());
                };
                let span = next.time - key.time;
                if key.hold || span <= 0.0 {
                    return key.start.clone();
                }
                let progress = key
                    .easing
                    .apply(((frame - key.time) / span).clamp(0.0, 1.0));
                match &key.spatial {
                    Some(tangents) => key.start.lerp_spatial(&key.end, progress, tangents),
                    None => key.start.lerp(&key.end, progress),
                }
            }
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

    fn key(time: f64, start: f64, end: f64) -> Keyframe<Components> {
        Keyframe {
            time,
            start: [start, 0.0, 0.0, 0.0],
            end: [end, 0.0, 0.0, 0.0],
            hold: false,
            easing: Easing::LINEAR,
            spatial: None,
        }
    }

    #[test]
    fn motion_paths_follow_the_curve_by_distance() {
        // A half-circle-ish arc from (0,0) to (100,0) bulging up to y ≈ -75.
        let mut k = key(0.0, 0.0, 100.0);
        k.spatial = Some(SpatialTangents {
            out: Vec2::new(0.0, -100.0),
            into: Vec2::new(0.0, -100.0),
        });
        let a = Animated::Keyframed(vec![k, key(10.0, 100.0, 100.0)]);
        let middle = a.at(5.0);
        assert!((middle[0] - 50.0).abs() < 0.5, "{middle:?}");
        assert!((middle[1] + 75.0).abs() < 0.5, "{middle:?}");
        let end = a.at(10.0);
        assert_eq!((end[0], end[1]), (100.0, 0.0));
    }

    #[test]
    fn linear_keyframes_interpolate_and_clamp() {
        let a = Animated::Keyframed(vec![key(0.0, 0.0, 100.0), key(10.0, 100.0, 100.0)]);
        assert_eq!(a.at(-5.0)[0], 0.0);
        assert_eq!(a.at(5.0)[0], 50.0);
        assert_eq!(a.at(10.0)[0], 100.0);
        assert_eq!(a.at(99.0)[0], 100.0);
    }

    #[test]
    fn hold_keyframes_jump() {
        let mut k = key(0.0, 0.0, 100.0);
        k.hold = true;
        let a = Animated::Keyframed(vec![k, key(10.0, 100.0, 100.0)]);
        assert_eq!(a.at(9.99)[0], 0.0);
        assert_eq!(a.at(10.0)[0], 100.0);
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
}
