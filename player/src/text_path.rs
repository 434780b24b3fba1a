//! Text on a path (`t.p`, full player): a mask's path at one frame, sampled
//! as lottie-web samples it (150 points a Bézier segment, a straight one
//! two), and the point and direction at a length along it, for
//! `text_layout::place_letters`, which walks each letter's centre along it.
//!
//! Pure geometry: never measures, draws or keeps a text.

use crate::geometry::{Affine, Vec2};
use crate::lottie::BezierShape;

/// Points each curved segment is sampled at (lottie-web's
/// `defaultCurveSegments`).
const CURVE_SAMPLES: usize = 150;
/// Most samples one path keeps (a path of 64 curved segments): a longer
/// path is followed along its first ones.
const MAX_SAMPLES: usize = 64 * CURVE_SAMPLES;

/// A text path at one frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextPathAt {
    /// Sample points, each with its distance from the one before (0 for
    /// the first of each segment, as lottie-web lists them).
    pub points: Vec<(Vec2, f64)>,
    /// The path's length.
    pub total: f64,
    /// Whether it closes (lengths past its end wrap around).
    pub closed: bool,
    /// Where the first letter starts along it (`f`).
    pub first_margin: f64,
    /// Whether letters turn with the path (`p`).
    pub perpendicular: bool,
    /// Whether the letters spread over the whole path (`a`).
    pub force_alignment: bool,
}

impl TextPathAt {
    /// `shape`, reversed when `reversed` (lottie-web keeps a closed path's
    /// first vertex first), sampled.
    pub fn new(shape: &BezierShape, reversed: bool) -> TextPathAt {
        let count = shape.vertices.len();
        let vertex = |i: usize| {
            // Reversed: in and out tangents swap, the order runs back.
            let j = match (reversed, shape.closed) {
                (false, _) => i,
                (true, true) => (count - i) % count,
                (true, false) => count - 1 - i,
            };
            let v = shape.vertices.get(j).copied().unwrap_or_default();
            let inn = shape.in_tangents.get(j).copied().unwrap_or_default();
            let out = shape.out_tangents.get(j).copied().unwrap_or_default();
            if reversed {
                (v, out, inn)
            } else {
                (v, inn, out)
            }
        };
        let segments = if shape.closed {
            count
        } else {
            count.saturating_sub(1)
        };
        let mut path = TextPathAt {
            closed: shape.closed,
            ..TextPathAt::default()
        };
        for s in 0..segments {
            if path.points.len() + CURVE_SAMPLES > MAX_SAMPLES {
                break;
            }
            let ((from, _, out), (to, inn, _)) = (vertex(s), vertex((s + 1) % count));
            let (c1, c2) = (add(from, out), add(to, inn));
            let straight = (from.x != to.x || from.y != to.y)
                && on_line(from, to, c1)
                && on_line(from, to, c2);
            let samples = if straight { 2 } else { CURVE_SAMPLES };
            let mut last: Option<Vec2> = None;
            for k in 0..samples {
                let t = k as f64 / (samples - 1) as f64;
                let point = cubic(from, c1, c2, to, t);
                let step = last.map_or(0.0, |l| distance(l, point));
                path.total += step;
                path.points.push((point, step));
                last = Some(point);
            }
        }
        path
    }

    /// The point at `length` along the path and the direction there (a
    /// unit vector along the sample chord it falls on): a closed path
    /// wraps around, an open one goes on straight past its ends.
    pub fn at(&self, length: f64) -> Option<(Vec2, Vec2)> {
        let length = if self.closed && self.total > 0.0 {
            length.rem_euclid(self.total)
        } else {
            length
        };
        // The chord (from the sample before `i` to `i`) the length is on.
        let chords = || {
            self.points
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, (_, step))| *step > 0.0)
        };
        let mut before = 0.0;
        let mut found = None;
        for (i, (_, step)) in chords() {
            found = Some((i, before));
            if before + step >= length {
                break;
            }
            before += step;
        }
        let (i, before) = found?;
        let (end, step) = *self.points.get(i)?;
        let (start, _) = *self.points.get(i - 1)?;
        let t = (length - before) / step;
        let direction = Vec2::new((end.x - start.x) / step, (end.y - start.y) / step);
        let point = Vec2::new(
            start.x + (end.x - start.x) * t,
            start.y + (end.y - start.y) * t,
        );
        Some((point, direction))
    }

    /// Where a letter whose centre is at `length` goes: to the path's point
    /// there, turned along it when letters are perpendicular to it.
    pub fn place(&self, length: f64) -> Affine {
        let Some((point, direction)) = self.at(length) else {
            return Affine::translate(0.0, 0.0);
        };
        let turn = if self.perpendicular {
            Affine([
                direction.x,
                direction.y,
                -direction.y,
                direction.x,
                0.0,
                0.0,
            ])
        } else {
            Affine::IDENTITY
        };
        Affine::translate(point.x, point.y) * turn
    }
}

fn add(a: Vec2, b: Vec2) -> Vec2 {
    Vec2::new(a.x + b.x, a.y + b.y)
}

fn distance(a: Vec2, b: Vec2) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    (dx * dx + dy * dy).sqrt()
}

fn cubic(p0: Vec2, p1: Vec2, p2: Vec2, p3: Vec2, t: f64) -> Vec2 {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    Vec2::new(
        a * p0.x + b * p1.x + c * p2.x + d * p3.x,
        a * p0.y + b * p1.y + c * p2.y + d * p3.y,
    )
}

/// lottie-web's `pointOnLine2D`: `p` on the line through `a` and `b`
/// within its absolute tolerance.
fn on_line(a: Vec2, b: Vec2, p: Vec2) -> bool {
    let det = a.x * b.y + a.y * p.x + b.x * p.y - p.x * b.y - p.y * a.x - b.x * a.y;
    det.abs() < 0.001
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn shape(
        closed: bool,
        vertices: &[(f64, f64)],
        out: &[(f64, f64)],
        inn: &[(f64, f64)],
    ) -> BezierShape {
        let v = |list: &[(f64, f64)]| list.iter().map(|&(x, y)| Vec2::new(x, y)).collect();
        BezierShape {
            closed,
            vertices: v(vertices),
            in_tangents: v(inn),
            out_tangents: v(out),
        }
    }

    fn near(a: Vec2, x: f64, y: f64) -> bool {
        (a.x - x).abs() < 1e-6 && (a.y - y).abs() < 1e-6
    }

    /// A straight segment is two samples; a point along it, and past its
    /// ends on an open path, lies on its line.
    #[test]
    fn an_open_line_is_followed_and_continued_past_its_ends() {
        let line = shape(
            false,
            &[(0.0, 0.0), (100.0, 0.0)],
            &[(0.0, 0.0); 2],
            &[(0.0, 0.0); 2],
        );
        let path = TextPathAt::new(&line, false);
        assert_eq!(path.points.len(), 2);
        assert_eq!(path.total, 100.0);
        let (p, d) = path.at(25.0).unwrap();
        assert!(near(p, 25.0, 0.0) && near(d, 1.0, 0.0));
        assert!(near(path.at(-10.0).unwrap().0, -10.0, 0.0));
        assert!(near(path.at(130.0).unwrap().0, 130.0, 0.0));
        let reversed = TextPathAt::new(&line, true);
        let (p, d) = reversed.at(25.0).unwrap();
        assert!(near(p, 75.0, 0.0) && near(d, -1.0, 0.0));
    }

    /// A closed square wraps around: its perimeter is the total, a length
    /// past it (or below 0) comes round again; perpendicular letters turn
    /// with each side.
    #[test]
    fn a_closed_path_wraps_and_turns_its_letters() {
        let square = shape(
            true,
            &[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)],
            &[(0.0, 0.0); 4],
            &[(0.0, 0.0); 4],
        );
        let mut path = TextPathAt::new(&square, false);
        assert_eq!(path.total, 40.0);
        assert!(near(path.at(15.0).unwrap().0, 10.0, 5.0));
        assert!(near(path.at(55.0).unwrap().0, 10.0, 5.0));
        assert!(near(path.at(-5.0).unwrap().0, 0.0, 5.0));
        path.perpendicular = true;
        // Down the right side: x along the path is y on screen.
        let turned = path.place(15.0);
        assert!(near(turned.apply(Vec2::new(1.0, 0.0)), 10.0, 6.0));
        // The reversed square keeps its first vertex and runs the other way.
        let reversed = TextPathAt::new(&square, true);
        assert!(near(reversed.at(5.0).unwrap().0, 0.0, 5.0));
    }

    /// A curve is sampled at 150 points, and its length is the polyline's
    /// (a quarter circle of radius 100: within a hundredth of 50π).
    #[test]
    fn a_curve_is_sampled_as_lottie_web_samples_it() {
        let k = 55.228_474_983_079_34;
        let arc = shape(
            false,
            &[(100.0, 0.0), (0.0, 100.0)],
            &[(0.0, k), (0.0, 0.0)],
            &[(0.0, 0.0), (k, 0.0)],
        );
        let path = TextPathAt::new(&arc, false);
        assert_eq!(path.points.len(), CURVE_SAMPLES);
        assert!((path.total - 50.0 * std::f64::consts::PI).abs() < 0.05);
        let (mid, direction) = path.at(path.total / 2.0).unwrap();
        let r = std::f64::consts::FRAC_1_SQRT_2 * 100.0;
        assert!((mid.x - r).abs() < 0.1 && (mid.y - r).abs() < 0.1);
        assert!((direction.x + direction.y).abs() < 0.05);
    }

    /// A path without two distinct points gives no place.
    #[test]
    fn an_empty_path_places_nothing() {
        let path = TextPathAt::new(&BezierShape::default(), false);
        assert!(path.at(3.0).is_none());
    }
}
