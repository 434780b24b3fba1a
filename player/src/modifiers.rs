//! Path modifiers that rebuild a shape vertex by vertex, as lottie-web's
//! shape modifiers do: pucker & bloat, zig-zag, round corners. Owns the
//! conversion between [`Path`] commands and Lottie's vertex form (a point
//! with absolute in and out control points). Pure geometry: no Lottie
//! parsing, no frame timing, no drawing.

use std::f64::consts::FRAC_PI_2;

use crate::geometry::{cos, sin, Path, PathEl, Vec2};

/// After Effects' and lottie-web's handle length for a rounded corner.
const ROUND_CORNER: f64 = 0.5519;

/// One vertex: the point and its absolute control points.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Vertex {
    into: Vec2,
    at: Vec2,
    out: Vec2,
}

impl Vertex {
    fn sharp(at: Vec2) -> Self {
        Vertex {
            into: at,
            at,
            out: at,
        }
    }
}

/// A subpath in vertex form.
#[derive(Debug, Default)]
struct Contour {
    vertices: Vec<Vertex>,
    closed: bool,
}

fn contours(path: &Path) -> Vec<Contour> {
    let mut out: Vec<Contour> = Vec::new();
    for el in &path.0 {
        match *el {
            PathEl::MoveTo(p) => out.push(Contour {
                vertices: vec![Vertex::sharp(p)],
                closed: false,
            }),
            PathEl::LineTo(p) => {
                if let Some(c) = out.last_mut() {
                    c.vertices.push(Vertex::sharp(p));
                }
            }
            PathEl::CubicTo(c1, c2, p) => {
                if let Some(c) = out.last_mut() {
                    if let Some(last) = c.vertices.last_mut() {
                        last.out = c1;
                    }
                    c.vertices.push(Vertex {
                        into: c2,
                        at: p,
                        out: p,
                    });
                }
            }
            PathEl::Close => {
                if let Some(c) = out.last_mut() {
                    c.closed = true;
                    // A closing segment drawn out ends on the first vertex:
                    // fold it back in, so each corner appears once.
                    if c.vertices.len() > 1 {
                        let first = c.vertices.first().map(|v| v.at);
                        if let (Some(first), Some(&last)) = (first, c.vertices.last()) {
                            if last.at == first {
                                c.vertices.pop();
                                if let Some(v) = c.vertices.first_mut() {
                                    v.into = last.into;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn to_path(contours: &[Contour]) -> Path {
    let mut path = Path::default();
    for c in contours {
        let Some(first) = c.vertices.first() else {
            continue;
        };
        path.0.push(PathEl::MoveTo(first.at));
        for pair in c.vertices.windows(2) {
            if let [a, b] = pair {
                path.0.push(PathEl::CubicTo(a.out, b.into, b.at));
            }
        }
        if c.closed {
            if let Some(last) = c.vertices.last() {
                path.0.push(PathEl::CubicTo(last.out, first.into, first.at));
            }
            path.0.push(PathEl::Close);
        }
    }
    path
}

fn lerp(a: Vec2, b: Vec2, t: f64) -> Vec2 {
    Vec2::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
}

/// Pucker (negative `amount` percent) pulls vertices to the centre of the
/// contour's vertices and pushes the handles out; bloat does the opposite.
pub fn pucker_bloat(path: &Path, amount: f64) -> Path {
    let t = amount / 100.0;
    let mut all = contours(path);
    for c in &mut all {
        let n = c.vertices.len() as f64;
        if n == 0.0 {
            continue;
        }
        let sum = c.vertices.iter().fold(Vec2::new(0.0, 0.0), |s, v| {
            Vec2::new(s.x + v.at.x, s.y + v.at.y)
        });
        let center = Vec2::new(sum.x / n, sum.y / n);
        for v in &mut c.vertices {
            v.at = lerp(v.at, center, t);
            v.out = lerp(v.out, center, -t);
            v.into = lerp(v.into, center, -t);
        }
    }
    to_path(&all)
}

/// Rounds sharp corners (vertices without handles) with `radius`, at most
/// half of each adjacent side, as lottie-web does.
pub fn round_corners(path: &Path, radius: f64) -> Path {
    let mut all = contours(path);
    for c in &mut all {
        let len = c.vertices.len();
        let mut rounded = Vec::with_capacity(len * 2);
        for (i, v) in c.vertices.iter().enumerate() {
            let sharp = v.at == v.out && v.at == v.into;
            let open_end = !c.closed && (i == 0 || i + 1 == len);
            if !sharp || open_end {
                rounded.push(*v);
                continue;
            }
            let neighbour = |j: usize| c.vertices.get(j).map_or(v.at, |n| n.at);
            let previous = neighbour(if i == 0 { len - 1 } else { i - 1 });
            let next = neighbour(if i + 1 == len { 0 } else { i + 1 });
            let toward = |other: Vec2| {
                let distance = (other.x - v.at.x).hypot(other.y - v.at.y);
                let share = if distance > 0.0 {
                    (distance / 2.0).min(radius) / distance
                } else {
                    0.0
                };
                lerp(v.at, other, share)
            };
            let start = toward(previous);
            let end = toward(next);
            rounded.push(Vertex {
                into: start,
                at: start,
                out: lerp(start, v.at, ROUND_CORNER),
            });
            rounded.push(Vertex {
                into: lerp(end, v.at, ROUND_CORNER),
                at: end,
                out: end,
            });
        }
        c.vertices = rounded;
    }
    to_path(&all)
}

/// A cubic segment in polynomial form, as lottie-web's `PolynomialBezier`
/// (straight handles are spread to thirds, so lines have a direction).
struct Segment {
    a: Vec2,
    b: Vec2,
    c: Vec2,
    d: Vec2,
}

impl Segment {
    fn new(p0: Vec2, mut p1: Vec2, mut p2: Vec2, p3: Vec2) -> Self {
        if p0 == p1 {
            p1 = lerp(p0, p3, 1.0 / 3.0);
        }
        if p2 == p3 {
            p2 = lerp(p0, p3, 2.0 / 3.0);
        }
        let coefficients = |p0: f64, p1: f64, p2: f64, p3: f64| {
            (
                -p0 + 3.0 * p1 - 3.0 * p2 + p3,
                3.0 * p0 - 6.0 * p1 + 3.0 * p2,
                -3.0 * p0 + 3.0 * p1,
                p0,
            )
        };
        let x = coefficients(p0.x, p1.x, p2.x, p3.x);
        let y = coefficients(p0.y, p1.y, p2.y, p3.y);
        Segment {
            a: Vec2::new(x.0, y.0),
            b: Vec2::new(x.1, y.1),
            c: Vec2::new(x.2, y.2),
            d: Vec2::new(x.3, y.3),
        }
    }

    fn point(&self, t: f64) -> Vec2 {
        let axis = |a: f64, b: f64, c: f64, d: f64| ((a * t + b) * t + c) * t + d;
        Vec2::new(
            axis(self.a.x, self.b.x, self.c.x, self.d.x),
            axis(self.a.y, self.b.y, self.c.y, self.d.y),
        )
    }

    fn normal_angle(&self, t: f64) -> f64 {
        let axis = |a: f64, b: f64, c: f64| (3.0 * t * a + 2.0 * b) * t + c;
        let (dx, dy) = (
            axis(self.a.x, self.b.x, self.c.x),
            axis(self.a.y, self.b.y, self.c.y),
        );
        dx.atan2(dy)
    }
}

/// Zig-zag: `ridges` points per segment, alternately `amplitude` to each
/// side, with sharp corners or (`smooth`) curved ones. lottie-web's
/// construction, point for point.
pub fn zig_zag(path: &Path, amplitude: f64, ridges: usize, smooth: bool) -> Path {
    let mut all = contours(path);
    for c in &mut all {
        let len = c.vertices.len();
        let count = if c.closed { len } else { len.saturating_sub(1) };
        if count == 0 {
            continue;
        }
        let at = |i: usize| {
            c.vertices
                .get(i % len)
                .map_or(Vec2::new(0.0, 0.0), |v| v.at)
        };
        let mut out = Vec::with_capacity(count * (ridges + 1) + 1);
        let mut push = |point: Vec2, angle: f64, direction: f64, out_len: f64, in_len: f64| {
            let (o, i) = (angle - FRAC_PI_2, angle + FRAC_PI_2);
            let p = Vec2::new(
                point.x + cos(angle) * direction * amplitude,
                point.y - sin(angle) * direction * amplitude,
            );
            out.push(Vertex {
                at: p,
                out: Vec2::new(p.x + cos(o) * out_len, p.y - sin(o) * out_len),
                into: Vec2::new(p.x + cos(i) * in_len, p.y - sin(i) * in_len),
            });
        };
        let share = 1.0 / ((ridges as f64 + 1.0) * 2.0);
        let corner =
            |cur: usize, direction: f64, push: &mut dyn FnMut(Vec2, f64, f64, f64, f64)| {
                let point = at(cur);
                let previous = at(if cur == 0 { len - 1 } else { cur - 1 });
                let next = at(cur + 1);
                // Perpendicular to previous→next, rotated a quarter turn.
                let (vx, vy) = (next.x - previous.x, next.y - previous.y);
                let angle = -((-vx).atan2(vy));
                let distance = |other: Vec2| {
                    if smooth {
                        (point.x - other.x).hypot(point.y - other.y)
                    } else {
                        0.0
                    }
                };
                push(
                    point,
                    angle,
                    direction,
                    distance(next) * share,
                    distance(previous) * share,
                );
            };
        let mut direction = -1.0;
        corner(0, direction, &mut push);
        for i in 0..count {
            let (from, to) = (i % len, (i + 1) % len);
            let (Some(a), Some(b)) = (c.vertices.get(from), c.vertices.get(to)) else {
                break;
            };
            let segment = Segment::new(a.at, a.out, b.into, b.at);
            let side = if smooth {
                (b.at.x - a.at.x).hypot(b.at.y - a.at.y) * share
            } else {
                0.0
            };
            direction = -direction;
            for r in 0..ridges {
                let t = (r as f64 + 1.0) / (ridges as f64 + 1.0);
                push(
                    segment.point(t),
                    segment.normal_angle(t),
                    direction,
                    side,
                    side,
                );
                direction = -direction;
            }
            corner(i + 1, direction, &mut push);
        }
        c.vertices = out;
    }
    to_path(&all)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, reason = "tests")]
    use super::*;

    fn square() -> Path {
        let p = Vec2::new;
        Path(vec![
            PathEl::MoveTo(p(0.0, 0.0)),
            PathEl::LineTo(p(10.0, 0.0)),
            PathEl::LineTo(p(10.0, 10.0)),
            PathEl::LineTo(p(0.0, 10.0)),
            PathEl::Close,
        ])
    }

    #[test]
    fn vertex_form_round_trips_and_folds_the_closing_segment() {
        let c = contours(&square());
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].vertices.len(), 4);
        let again = contours(&to_path(&c));
        assert_eq!(again[0].vertices, c[0].vertices);
    }

    #[test]
    fn pucker_pulls_corners_in_and_bloat_pushes_handles_out() {
        let puckered = contours(&pucker_bloat(&square(), 50.0));
        let corner = puckered[0].vertices[0];
        assert_eq!(corner.at, Vec2::new(2.5, 2.5));
        // The handle moved away from the centre (5, 5).
        assert_eq!(corner.out, Vec2::new(-2.5, -2.5));
        assert_eq!(pucker_bloat(&square(), 0.0), to_path(&contours(&square())));
    }

    #[test]
    fn round_corners_split_each_sharp_corner_in_two() {
        let rounded = contours(&round_corners(&square(), 2.0));
        assert_eq!(rounded[0].vertices.len(), 8);
        assert_eq!(rounded[0].vertices[0].at, Vec2::new(0.0, 2.0));
        assert_eq!(rounded[0].vertices[1].at, Vec2::new(2.0, 0.0));
        // A radius larger than half a side stops at the middle.
        let big = contours(&round_corners(&square(), 50.0));
        assert_eq!(big[0].vertices[1].at, Vec2::new(5.0, 0.0));
    }

    #[test]
    fn zig_zag_adds_ridges_per_side_and_alternates() {
        let zz = contours(&zig_zag(&square(), 1.0, 1, false));
        // Closed: a corner, then per side one ridge and a corner.
        assert_eq!(zz[0].vertices.len(), 1 + 4 * 2);
        let ridge = zz[0].vertices[1].at;
        assert!(
            (ridge.x - 5.0).abs() < 1e-9 && (ridge.y.abs() - 1.0).abs() < 1e-9,
            "{ridge:?}"
        );
        let next_ridge = zz[0].vertices[3].at;
        assert!((next_ridge.y - 5.0).abs() < 1e-9, "{next_ridge:?}");
    }
}
