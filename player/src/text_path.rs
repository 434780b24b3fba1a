//! Text on a path (`t.p`, full player): a mask's path at one frame, sampled
//! as lottie-web samples it (150 points a Bézier segment, a straight one
//! two, for at most [`MAX_SEGMENTS`] segments: a longer path is followed
//! along its first ones), and a [`Walk`] along it that gives each letter's
//! place as lottie-web's `getMeasures` does, for
//! `text_layout::place_letters`: forward to each letter, a letter moved
//! back along the path placed on the straight line of the chord the walk
//! is on, a closed path wrapped, an open one continued straight past its
//! end.
//!
//! Pure geometry: never measures, draws or keeps a text. Finding a place
//! is a binary search, so a long text on a long path stays cheap.

use crate::geometry::{cubic_point, hypot, on_line, wrap, Affine, Vec2};
use crate::lottie::BezierShape;

/// Points each curved segment is sampled at (lottie-web's
/// `defaultCurveSegments`): what sampling a path costs the frame's budget
/// per segment.
pub const CURVE_SAMPLES: usize = 150;
/// Most segments of a path sampled.
pub const MAX_SEGMENTS: usize = 256;

/// A text path at one frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextPathAt {
    /// Sample points, each with its distance from the one before (0 for
    /// the first of each segment, as lottie-web lists them).
    pub points: Vec<(Vec2, f64)>,
    /// The length from the first point to each.
    pub lengths: Vec<f64>,
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
                (true, true) => (count - i).checked_rem(count).unwrap_or(0),
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
        for s in 0..segments.min(MAX_SEGMENTS) {
            let ((from, _, out), (to, inn, _)) =
                (vertex(s), vertex((s + 1).checked_rem(count).unwrap_or(0)));
            let (c1, c2) = (add(from, out), add(to, inn));
            let straight = (from.x != to.x || from.y != to.y)
                && on_line(from, to, c1)
                && on_line(from, to, c2);
            let samples = if straight { 2 } else { CURVE_SAMPLES };
            let mut last: Option<Vec2> = None;
            for k in 0..samples {
                let t = k as f64 / (samples - 1) as f64;
                let point = cubic_point(from, c1, c2, to, t);
                let step = last.map_or(0.0, |l| hypot(point.x - l.x, point.y - l.y));
                path.total += step;
                path.points.push((point, step));
                path.lengths.push(path.total);
                last = Some(point);
            }
        }
        path
    }

    /// Where the first letter of each line starts along the path: the
    /// first margin, a negative one on a closed path counted back from
    /// its end.
    pub fn start(&self) -> f64 {
        if self.closed && self.first_margin < 0.0 && self.total > 0.0 {
            wrap(self.first_margin, self.total)
        } else {
            self.first_margin
        }
    }

    /// A walk from the path's start (one per line of text).
    pub fn walk(&self) -> Walk {
        let first = self.first_chord(1);
        Walk {
            chord: first,
            laps: 0.0,
        }
    }

    /// The first chord from `from` on that has a length (its end point's
    /// index), or the last one.
    fn first_chord(&self, from: usize) -> usize {
        let n = self.points.len();
        (from..n)
            .find(|&i| self.points.get(i).is_some_and(|(_, step)| *step > 0.0))
            .unwrap_or(n.saturating_sub(1))
    }

    /// The length along the path up to point `i`.
    fn length_at(&self, i: usize) -> f64 {
        self.lengths.get(i).copied().unwrap_or(self.total)
    }
}

/// A walk along a [`TextPathAt`]: the chord it is on (the index of its end
/// point) and how many times it went round a closed path.
#[derive(Debug, Clone, Copy)]
pub struct Walk {
    chord: usize,
    laps: f64,
}

impl Walk {
    /// The point at `length` along `path` and the direction there (along
    /// the chord it falls on), the walk moved forward to it; `None` for a
    /// path without two distinct points.
    pub fn at(&mut self, path: &TextPathAt, length: f64) -> Option<(Vec2, Vec2)> {
        if !length.is_finite() || path.total <= 0.0 {
            return None;
        }
        let mut local = length - self.laps * path.total;
        if path.closed && local > path.total {
            // Whole turns round the path, then the rest from its start.
            let turns = (local / path.total).floor();
            self.laps += turns;
            local -= turns * path.total;
            self.chord = path.first_chord(1);
        }
        if local > path.length_at(self.chord) {
            // Forward: the first chord from here that reaches `local`.
            let rest = path.lengths.get(self.chord..).unwrap_or_default();
            let ahead = rest.partition_point(|l| *l < local);
            self.chord = if self.chord + ahead < path.points.len() {
                self.chord + ahead
            } else {
                // Past an open path's end: on along its last chord.
                path.first_chord(path.points.len().saturating_sub(1))
            };
        }
        // A length before the chord's start (a letter moved back) lies on
        // its straight line, as lottie-web's walk never goes back.
        let (end, step) = *path.points.get(self.chord)?;
        let (start, _) = *path.points.get(self.chord.checked_sub(1)?)?;
        if step <= 0.0 {
            return None;
        }
        let t = (local - path.length_at(self.chord - 1)) / step;
        let direction = Vec2::new((end.x - start.x) / step, (end.y - start.y) / step);
        let point = Vec2::new(
            start.x + (end.x - start.x) * t,
            start.y + (end.y - start.y) * t,
        );
        Some((point, direction))
    }

    /// Where a letter whose centre is at `length` goes: to the path's point
    /// there, turned along it when letters are perpendicular to it.
    pub fn place(&mut self, path: &TextPathAt, length: f64) -> Affine {
        let Some((point, direction)) = self.at(path, length) else {
            return Affine::IDENTITY;
        };
        let turn = if path.perpendicular {
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

    /// The point at `length`, from a fresh walk.
    fn at(path: &TextPathAt, length: f64) -> (Vec2, Vec2) {
        path.walk().at(path, length).unwrap()
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
        let (p, d) = at(&path, 25.0);
        assert!(near(p, 25.0, 0.0) && near(d, 1.0, 0.0));
        assert!(near(at(&path, -10.0).0, -10.0, 0.0));
        assert!(near(at(&path, 130.0).0, 130.0, 0.0));
        let reversed = TextPathAt::new(&line, true);
        let (p, d) = at(&reversed, 25.0);
        assert!(near(p, 75.0, 0.0) && near(d, -1.0, 0.0));
    }

    /// A closed square wraps around: its perimeter is the total, a length
    /// past it comes round again, and a negative first margin starts that
    /// far back from the end; perpendicular letters turn with each side.
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
        assert!(near(at(&path, 15.0).0, 10.0, 5.0));
        assert!(near(at(&path, 55.0).0, 10.0, 5.0));
        assert!(near(at(&path, 4_000_015.0).0, 10.0, 5.0));
        path.first_margin = -5.0;
        assert!(near(at(&path, path.start()).0, 0.0, 5.0));
        path.perpendicular = true;
        // Down the right side: x along the path is y on screen.
        let turned = path.walk().place(&path, 15.0);
        assert!(near(turned.apply(Vec2::new(1.0, 0.0)), 10.0, 6.0));
        // The reversed square keeps its first vertex and runs the other way.
        let reversed = TextPathAt::new(&square, true);
        assert!(near(at(&reversed, 5.0).0, 0.0, 5.0));
    }

    /// The walk only goes forward, as lottie-web's: a letter moved back
    /// behind the chord the walk is on lies on that chord's line, not on
    /// the path.
    #[test]
    fn a_letter_moved_back_lies_on_the_chord_the_walk_is_on() {
        let corner = shape(
            false,
            &[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)],
            &[(0.0, 0.0); 3],
            &[(0.0, 0.0); 3],
        );
        let path = TextPathAt::new(&corner, false);
        let mut walk = path.walk();
        assert!(near(walk.at(&path, 15.0).unwrap().0, 10.0, 5.0));
        assert!(near(walk.at(&path, 5.0).unwrap().0, 10.0, -5.0));
        assert!(walk.at(&path, f64::NAN).is_none());
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
        let (mid, direction) = at(&path, path.total / 2.0);
        let r = std::f64::consts::FRAC_1_SQRT_2 * 100.0;
        assert!((mid.x - r).abs() < 0.1 && (mid.y - r).abs() < 0.1);
        assert!((direction.x + direction.y).abs() < 0.05);
    }

    /// A path without two distinct points gives no place.
    #[test]
    fn an_empty_path_places_nothing() {
        let path = TextPathAt::new(&BezierShape::default(), false);
        assert!(path.walk().at(&path, 3.0).is_none());
    }
}
