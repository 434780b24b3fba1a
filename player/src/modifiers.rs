//! Path modifiers that rebuild a shape vertex by vertex, as lottie-web's
//! shape modifiers do: pucker & bloat, zig-zag, round corners, offset path. Owns the
//! conversion between [`Path`] commands and Lottie's vertex form (a point
//! with absolute in and out control points). Pure geometry: no Lottie
//! parsing, no frame timing, no drawing.

use std::f64::consts::FRAC_PI_2;

use crate::geometry::{atan2, cos, hypot, sin, Path, PathEl, Vec2};
use crate::lottie::LineJoin;

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
                let distance = hypot(other.x - v.at.x, other.y - v.at.y);
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
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// The control points (after spreading straight handles).
    points: [Vec2; 4],
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
            points: [p0, p1, p2, p3],
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

    fn derivative(&self, t: f64) -> Vec2 {
        let axis = |a: f64, b: f64, c: f64| (3.0 * t * a + 2.0 * b) * t + c;
        Vec2::new(
            axis(self.a.x, self.b.x, self.c.x),
            axis(self.a.y, self.b.y, self.c.y),
        )
    }

    fn normal_angle(&self, t: f64) -> f64 {
        let d = self.derivative(t);
        atan2(d.x, d.y)
    }

    fn tangent_angle(&self, t: f64) -> f64 {
        let d = self.derivative(t);
        atan2(d.y, d.x)
    }

    /// Where the curve changes its bending direction, inside (0, 1).
    fn inflections(&self) -> Vec<f64> {
        let denom = self.a.y * self.b.x - self.a.x * self.b.y;
        if denom.abs() <= 1e-5 {
            return Vec::new();
        }
        let cusp = -0.5 * (self.a.y * self.c.x - self.a.x * self.c.y) / denom;
        let square = cusp * cusp - (self.b.y * self.c.x - self.b.x * self.c.y) / (3.0 * denom);
        if square < 0.0 {
            return Vec::new();
        }
        let root = square.sqrt();
        if root <= 1e-5 {
            return if root > 0.0 && root < 1.0 {
                vec![cusp]
            } else {
                Vec::new()
            };
        }
        [cusp - root, cusp + root]
            .into_iter()
            .filter(|r| *r > 0.0 && *r < 1.0)
            .collect()
    }

    /// The two halves at `t` (de Casteljau).
    fn split(&self, t: f64) -> (Segment, Segment) {
        let [p0, p1, p2, p3] = self.points;
        if t <= 0.0 {
            return (Segment::new(p0, p0, p0, p0), *self);
        }
        if t >= 1.0 {
            return (*self, Segment::new(p3, p3, p3, p3));
        }
        let (p10, p11, p12) = (lerp(p0, p1, t), lerp(p1, p2, t), lerp(p2, p3, t));
        let (p20, p21) = (lerp(p10, p11, t), lerp(p11, p12, t));
        let mid = lerp(p20, p21, t);
        (
            Segment::new(p0, p10, p20, mid),
            Segment::new(mid, p21, p12, p3),
        )
    }

    /// Tight bounds: centre and size.
    fn bounds(&self) -> (Vec2, Vec2) {
        let axis = |p: [f64; 4], a: f64, b: f64, c: f64, d: f64| {
            let (mut lo, mut hi) = (p[0].min(p[3]), p[0].max(p[3]));
            // Where the derivative 3a t² + 2b t + c is zero.
            let (qa, qb, qc) = (3.0 * a, 2.0 * b, c);
            if qa != 0.0 {
                let disc = qb * qb - 4.0 * qa * qc;
                if disc >= 0.0 {
                    let root = disc.sqrt();
                    for t in [(-qb - root) / (2.0 * qa), (-qb + root) / (2.0 * qa)] {
                        if t > 0.0 && t < 1.0 {
                            let v = ((a * t + b) * t + c) * t + d;
                            lo = lo.min(v);
                            hi = hi.max(v);
                        }
                    }
                }
            }
            ((lo + hi) / 2.0, hi - lo)
        };
        let [p0, p1, p2, p3] = self.points;
        let (cx, w) = axis(
            [p0.x, p1.x, p2.x, p3.x],
            self.a.x,
            self.b.x,
            self.c.x,
            self.d.x,
        );
        let (cy, h) = axis(
            [p0.y, p1.y, p2.y, p3.y],
            self.a.y,
            self.b.y,
            self.c.y,
            self.d.y,
        );
        (Vec2::new(cx, cy), Vec2::new(w, h))
    }

    /// Parameters where the two curves cross (bounding-box subdivision to
    /// 2 units or 7 levels, as lottie-web finds them).
    fn intersections(&self, other: &Segment) -> Vec<(f64, f64)> {
        fn recurse(
            a: (Segment, f64, f64),
            b: (Segment, f64, f64),
            depth: u32,
            out: &mut Vec<(f64, f64)>,
        ) {
            let ((ca, sa), (cb, sb)) = (a.0.bounds(), b.0.bounds());
            if (ca.x - cb.x).abs() * 2.0 >= sa.x + sb.x || (ca.y - cb.y).abs() * 2.0 >= sa.y + sb.y
            {
                return;
            }
            let small = |s: Vec2| s.x <= 2.0 && s.y <= 2.0;
            if depth >= 7 || (small(sa) && small(sb)) {
                out.push(((a.1 + a.2) / 2.0, (b.1 + b.2) / 2.0));
                return;
            }
            let halves = |s: (Segment, f64, f64)| {
                let mid = (s.1 + s.2) / 2.0;
                let (l, r) = s.0.split(0.5);
                [(l, s.1, mid), (r, mid, s.2)]
            };
            for x in halves(a) {
                for y in halves(b) {
                    recurse(x, y, depth + 1, out);
                }
            }
        }
        let mut out = Vec::new();
        recurse((*self, 0.0, 1.0), (*other, 0.0, 1.0), 0, &mut out);
        out
    }
}

fn polar(p: Vec2, angle: f64, length: f64) -> Vec2 {
    Vec2::new(p.x + cos(angle) * length, p.y - sin(angle) * length)
}

/// Where the lines through (a1, a2) and (b1, b2) meet; `None` if parallel.
fn line_intersection(a1: Vec2, a2: Vec2, b1: Vec2, b2: Vec2) -> Option<Vec2> {
    let cross = |u: [f64; 3], v: [f64; 3]| {
        [
            u[1] * v[2] - u[2] * v[1],
            u[2] * v[0] - u[0] * v[2],
            u[0] * v[1] - u[1] * v[0],
        ]
    };
    let h = |p: Vec2| [p.x, p.y, 1.0];
    let r = cross(cross(h(a1), h(a2)), cross(h(b1), h(b2)));
    (r[2].abs() > 1e-5).then(|| Vec2::new(r[0] / r[2], r[1] / r[2]))
}

/// One segment moved `amount` to its side (control polygon offset).
fn offset_segment(s: &Segment, amount: f64) -> Segment {
    let offset_line = |p: Vec2, q: Vec2| {
        let angle = atan2(q.x - p.x, q.y - p.y);
        (polar(p, angle, amount), polar(q, angle, amount))
    };
    let [q0, q1, q2, q3] = s.points;
    let (p0, p1a) = offset_line(q0, q1);
    let (p1b, p2b) = offset_line(q1, q2);
    let (p2a, p3) = offset_line(q2, q3);
    let p1 = line_intersection(p0, p1a, p1b, p2b).unwrap_or(p1a);
    let p2 = line_intersection(p2a, p3, p1b, p2b).unwrap_or(p2a);
    Segment::new(p0, p1, p2, p3)
}

/// A segment offset, split at its inflections first so each piece's
/// control polygon is convex.
fn offset_split(s: &Segment, amount: f64) -> Vec<Segment> {
    let flex = s.inflections();
    match flex.as_slice() {
        [] => vec![offset_segment(s, amount)],
        [t] => {
            let (l, r) = s.split(*t);
            vec![offset_segment(&l, amount), offset_segment(&r, amount)]
        }
        [t0, t1, ..] => {
            let (l, rest) = s.split(*t0);
            let (m, r) = rest.split((t1 - t0) / (1.0 - t0));
            vec![
                offset_segment(&l, amount),
                offset_segment(&m, amount),
                offset_segment(&r, amount),
            ]
        }
    }
}

/// Cuts two neighbouring offset pieces where they cross.
fn prune(a: &mut Vec<Segment>, b: &mut Vec<Segment>) {
    let first_crossing = |x: &Segment, y: &Segment| {
        let mut found = x.intersections(y);
        if found.first().is_some_and(|(t, _)| (t - 1.0).abs() <= 1e-5) {
            found.remove(0);
        }
        found.first().copied()
    };
    if let (Some(last), Some(first)) = (a.last().copied(), b.first().copied()) {
        if let Some((ta, tb)) = first_crossing(&last, &first) {
            if let Some(slot) = a.last_mut() {
                *slot = last.split(ta).0;
            }
            if let Some(slot) = b.first_mut() {
                *slot = first.split(tb).1;
            }
        }
    }
    if a.len() > 1 && b.len() > 1 {
        if let (Some(first), Some(last)) = (a.first().copied(), b.last().copied()) {
            if let Some((ta, tb)) = first_crossing(&first, &last) {
                *a = vec![first.split(ta).0];
                *b = vec![last.split(tb).1];
            }
        }
    }
}

/// Joins two offset pieces as lottie-web does; returns the join's end.
fn join(
    out: &mut Vec<Vertex>,
    s1: &Segment,
    s2: &Segment,
    line_join: LineJoin,
    miter_limit: f64,
) -> Vec2 {
    let (p0, p1) = (s1.points[3], s2.points[0]);
    if line_join == LineJoin::Bevel || p0 == p1 {
        return p0;
    }
    if line_join == LineJoin::Round {
        let angle_out = -s1.tangent_angle(1.0);
        let angle_in = -s2.tangent_angle(0.0) + std::f64::consts::PI;
        let normal = angle_out + FRAC_PI_2;
        let center = line_intersection(p0, polar(p0, normal, 100.0), p1, polar(p1, normal, 100.0));
        let radius = center.map_or(hypot(p0.x - p1.x, p0.y - p1.y) / 2.0, |c| {
            hypot(c.x - p0.x, c.y - p0.y)
        });
        if let Some(last) = out.last_mut() {
            last.out = polar(p0, angle_out, 2.0 * radius * ROUND_CORNER);
        }
        out.push(Vertex {
            into: polar(p1, angle_in, 2.0 * radius * ROUND_CORNER),
            at: p1,
            out: p1,
        });
        return p1;
    }
    let t0 = if p0 == s1.points[2] {
        s1.points[0]
    } else {
        s1.points[2]
    };
    let t1 = if p1 == s2.points[1] {
        s2.points[3]
    } else {
        s2.points[1]
    };
    match line_intersection(t0, p0, p1, t1) {
        Some(x) if hypot(x.x - p0.x, x.y - p0.y) < miter_limit => {
            out.push(Vertex::sharp(x));
            x
        }
        _ => p0,
    }
}

/// Offset path (`op`): each contour grown (or shrunk, negative `amount`)
/// with `line_join` (1 miter, 2 round, 3 bevel) corners; lottie-web's
/// construction. Open contours come back as their outline.
pub fn offset_path(path: &Path, amount: f64, line_join: LineJoin, miter_limit: f64) -> Path {
    let mut all = contours(path);
    for c in &mut all {
        let len = c.vertices.len();
        let count = if c.closed { len } else { len.saturating_sub(1) };
        let segment = |i: usize, inverted: bool| {
            let (Some(a), Some(b)) = (c.vertices.get(i), c.vertices.get((i + 1) % len.max(1)))
            else {
                return None;
            };
            Some(if inverted {
                Segment::new(b.at, b.into, a.out, a.at)
            } else {
                Segment::new(a.at, a.out, b.into, b.at)
            })
        };
        let mut pieces: Vec<Vec<Segment>> = (0..count)
            .filter_map(|i| segment(i, false))
            .map(|s| offset_split(&s, amount))
            .collect();
        if !c.closed {
            pieces.extend(
                (0..count)
                    .rev()
                    .filter_map(|i| segment(i, true))
                    .map(|s| offset_split(&s, amount)),
            );
        }
        for i in 1..pieces.len() {
            if let [.., a, b] = pieces.get_mut(..=i).unwrap_or_default() {
                prune(a, b);
            }
        }
        if pieces.len() > 1 {
            let n = pieces.len();
            let (head, tail) = pieces.split_at_mut(n - 1);
            if let (Some(last), Some(first)) = (tail.first_mut(), head.first_mut()) {
                prune(last, first);
            }
        }
        let mut out: Vec<Vertex> = Vec::new();
        let mut last_point: Option<Vec2> = None;
        let mut last_segment: Option<Segment> = None;
        for piece in &pieces {
            if let (Some(previous), Some(first)) = (last_segment, piece.first()) {
                last_point = Some(join(&mut out, &previous, first, line_join, miter_limit));
            }
            last_segment = piece.last().copied();
            for s in piece {
                let [p0, p1, p2, p3] = s.points;
                match out.last_mut() {
                    Some(v) if last_point == Some(p0) => v.out = p1,
                    _ => out.push(Vertex {
                        into: p0,
                        at: p0,
                        out: p1,
                    }),
                }
                out.push(Vertex {
                    into: p2,
                    at: p3,
                    out: p3,
                });
                last_point = Some(p3);
            }
        }
        if let (Some(last), Some(first)) = (last_segment, pieces.first().and_then(|p| p.first())) {
            join(&mut out, &last, first, line_join, miter_limit);
        }
        c.vertices = out;
        c.closed = c.closed || count > 0;
    }
    to_path(&all)
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
                let angle = -atan2(-vx, vy);
                let distance = |other: Vec2| {
                    if smooth {
                        hypot(point.x - other.x, point.y - other.y)
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
                hypot(b.at.x - a.at.x, b.at.y - a.at.y) * share
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
    fn offset_path_grows_a_square_with_mitred_corners() {
        let big = {
            let mut p = Path::default();
            p.extend_transformed(&square(), &crate::geometry::Affine::scale(10.0, 10.0));
            p
        };
        let grown = contours(&offset_path(&big, 20.0, LineJoin::Miter, 100.0));
        let xs: Vec<f64> = grown[0].vertices.iter().map(|v| v.at.x).collect();
        let ys: Vec<f64> = grown[0].vertices.iter().map(|v| v.at.y).collect();
        let (min_x, max_x) = xs
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(*x), b.max(*x)));
        let (min_y, max_y) = ys
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(*y), b.max(*y)));
        // The square (0..100) grown by 20 on every side, either way round.
        assert!(
            (max_x - min_x - 140.0).abs() < 1e-6 && (max_y - min_y - 140.0).abs() < 1e-6,
            "{xs:?} {ys:?}"
        );
        let shrunk = contours(&offset_path(&big, -20.0, LineJoin::Miter, 100.0));
        let xs: Vec<f64> = shrunk[0].vertices.iter().map(|v| v.at.x).collect();
        let width = xs.iter().cloned().fold(f64::MIN, f64::max)
            - xs.iter().cloned().fold(f64::MAX, f64::min);
        // Where the shrunk sides cross, they are cut to within the 2-unit
        // tolerance lottie-web finds crossings with.
        assert!((width - 60.0).abs() < 2.0, "{xs:?}");
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
