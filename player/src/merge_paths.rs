//! Merge paths (`mm`): the paths above it in a group combined into one, as
//! After Effects, Skottie and lottie-android draw them (lottie-web ignores
//! them). "Merge" appends the paths; "add", "subtract", "intersect" and
//! "exclude intersections" apply from the first path down, each result
//! taken with the next path. Pure geometry, no Lottie and no browser.
//!
//! The boolean modes work on polygons: every path is flattened at a
//! tolerance the caller picks for the screen, every edge is cut where it
//! crosses another, and a piece is kept when the result is inside on one
//! side and outside on the other (nonzero winding of each operand), turned
//! so that the kept pieces wind once around the result. Work grows with
//! the square of the edge count: the caller asks [`cost`] first.
//!
//! Exported geometry is full of exact coincidences, which must stay exact:
//! a straight cubic is one edge, and a curve, its crossings included, is
//! computed the same whichever way it is traced, so that a path drawn out
//! and back, or two shapes sharing a side, meet as identical pieces.

use crate::geometry::{cubic_point, hypot, Path, PathEl, Vec2};

/// How the paths are combined (`mm` 1 to 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeMode {
    /// One path made of all subpaths, unchanged.
    Merge,
    /// Union.
    Add,
    /// The first path with the next ones cut out.
    Subtract,
    /// Where all paths overlap.
    Intersect,
    /// Where an odd number of them overlap, pairwise.
    Exclude,
}

impl MergeMode {
    /// The mode of Lottie's `mm` value (unknown values merge, as Skottie).
    pub fn from_lottie(mm: f64) -> MergeMode {
        match mm as i64 {
            2 => MergeMode::Add,
            3 => MergeMode::Subtract,
            4 => MergeMode::Intersect,
            5 => MergeMode::Exclude,
            _ => MergeMode::Merge,
        }
    }

    fn inside(self, in_result: bool, in_next: bool) -> bool {
        match self {
            MergeMode::Merge | MergeMode::Add => in_result || in_next,
            MergeMode::Subtract => in_result && !in_next,
            MergeMode::Intersect => in_result && in_next,
            MergeMode::Exclude => in_result != in_next,
        }
    }
}

/// Most straight pieces one cubic becomes.
const MAX_PIECES: usize = 64;

/// A directed edge of a polygon, and which operand it belongs to (0 the
/// result so far, 1 the next path).
#[derive(Debug, Clone, Copy)]
struct Edge {
    from: Vec2,
    to: Vec2,
    operand: usize,
}

/// Edges of `path` flattened to within about `tolerance`; every subpath is
/// closed, as a fill closes it.
fn edges(path: &Path, tolerance: f64, operand: usize, out: &mut Vec<Edge>) {
    let (mut start, mut at) = (Vec2::default(), Vec2::default());
    let mut push = |from: Vec2, to: Vec2| {
        if from != to {
            out.push(Edge { from, to, operand });
        }
    };
    for el in &path.0 {
        match *el {
            PathEl::MoveTo(p) => {
                push(at, start);
                start = p;
                at = p;
            }
            PathEl::LineTo(p) => {
                push(at, p);
                at = p;
            }
            PathEl::CubicTo(c1, c2, to) if straight(at, c1, c2, to, tolerance) => {
                push(at, to);
                at = to;
            }
            PathEl::CubicTo(c1, c2, to) => {
                // Flatness from the control polygon's second differences.
                let dd =
                    |a: Vec2, b: Vec2, c: Vec2| hypot(a.x - 2.0 * b.x + c.x, a.y - 2.0 * b.y + c.y);
                let bend = dd(at, c1, c2).max(dd(c1, c2, to));
                let wanted = (0.75 * bend / tolerance).sqrt().ceil();
                let pieces = if wanted.is_finite() {
                    (wanted as usize).clamp(1, MAX_PIECES)
                } else {
                    1
                };
                // Computed from the end that sorts first, so that a curve
                // and the same curve traced back give the very same points
                // (a path out and back, or two shapes sharing a side, then
                // meet as identical edges).
                let backwards = (to.x, to.y) < (at.x, at.y);
                let (p0, p1, p2, p3) = if backwards {
                    (to, c2, c1, at)
                } else {
                    (at, c1, c2, to)
                };
                for i in 1..=pieces {
                    let k = if backwards { pieces - i } else { i };
                    let t = k as f64 / pieces as f64;
                    let p = if i == pieces {
                        to
                    } else {
                        cubic_point(p0, p1, p2, p3, t)
                    };
                    push(at, p);
                    at = p;
                }
            }
            PathEl::Close => {
                push(at, start);
                at = start;
            }
        }
    }
    push(at, start);
}

/// Whether the cubic from `from` to `to` is its chord: both control points
/// on it (within a quarter of `tolerance`) and between its ends. Exports
/// write straight segments so, with handles of zero length (Illustrator's
/// outlines everywhere): flattened by the control polygon, a chord became
/// up to dozens of pieces, and two operands sharing a side then cut it at
/// points a rounding apart, which no longer matched as one outline
/// (lottie-android's man_and_pay: a clipping rectangle, drawn twice in
/// opposite directions, erased the hair it should have kept).
fn straight(from: Vec2, c1: Vec2, c2: Vec2, to: Vec2, tolerance: f64) -> bool {
    let chord = Vec2::new(to.x - from.x, to.y - from.y);
    let length2 = chord.x * chord.x + chord.y * chord.y;
    let on_chord = |c: Vec2| {
        let d = Vec2::new(c.x - from.x, c.y - from.y);
        if length2 == 0.0 {
            return d.x == 0.0 && d.y == 0.0;
        }
        let along = (d.x * chord.x + d.y * chord.y) / length2;
        let off = (d.x * chord.y - d.y * chord.x).abs() / length2.sqrt();
        (0.0..=1.0).contains(&along) && off <= tolerance / 4.0
    };
    on_chord(c1) && on_chord(c2)
}

/// How many straight edges the operands become at `tolerance`: the work of
/// [`merge`] grows with its square.
pub fn cost(operands: &[Path], tolerance: f64) -> usize {
    let mut all = Vec::new();
    for path in operands {
        edges(path, tolerance, 0, &mut all);
    }
    all.len().saturating_mul(all.len())
}

/// `operands` combined by `mode`, the boolean modes flattened to within
/// about `tolerance`.
pub fn merge(operands: &[Path], mode: MergeMode, tolerance: f64) -> Path {
    if mode == MergeMode::Merge {
        return Path(operands.iter().flat_map(|p| p.0.iter().copied()).collect());
    }
    let mut result: Vec<Edge> = Vec::new();
    for (index, path) in operands.iter().enumerate() {
        let mut all = std::mem::take(&mut result);
        edges(path, tolerance, 1, &mut all);
        // The first path against nothing: cleaned of its own overlaps.
        let mode = if index == 0 { MergeMode::Add } else { mode };
        result = combine(&all, mode);
    }
    contours(result)
}

/// The edges that bound `mode` of operand 0 and operand 1, cut and turned.
fn combine(all: &[Edge], mode: MergeMode) -> Vec<Edge> {
    let cuts = cut_points(all);
    let mut pieces = Vec::new();
    for (edge, cuts) in all.iter().zip(&cuts) {
        let mut from = edge.from;
        for &(_, to) in cuts.iter().chain(std::iter::once(&(1.0, edge.to))) {
            if from != to {
                pieces.push(Edge { from, to, ..*edge });
            }
            from = to;
        }
    }
    (0..pieces.len())
        .filter_map(|index| classify(index, &pieces, mode))
        .collect()
}

/// Where each edge crosses the others, as (parameter, point) in order along
/// it. A crossing's point is computed once and shared by both edges, so the
/// pieces meet exactly; edges that overlap along one line are cut at each
/// other's ends, so their common stretch becomes identical pieces.
fn cut_points(all: &[Edge]) -> Vec<Vec<(f64, Vec2)>> {
    const EPS: f64 = 1e-9;
    let inner = |t: f64| t > EPS && t < 1.0 - EPS;
    let mut cuts: Vec<Vec<(f64, Vec2)>> = vec![Vec::new(); all.len()];
    for (i, p) in all.iter().enumerate() {
        for (j, q) in all.iter().enumerate().skip(i + 1) {
            if p.from.x.max(p.to.x) < q.from.x.min(q.to.x)
                || q.from.x.max(q.to.x) < p.from.x.min(p.to.x)
                || p.from.y.max(p.to.y) < q.from.y.min(q.to.y)
                || q.from.y.max(q.to.y) < p.from.y.min(p.to.y)
            {
                continue;
            }
            let r = Vec2::new(p.to.x - p.from.x, p.to.y - p.from.y);
            let s = Vec2::new(q.to.x - q.from.x, q.to.y - q.from.y);
            let d = Vec2::new(q.from.x - p.from.x, q.from.y - p.from.y);
            let (r_len, s_len) = (hypot(r.x, r.y), hypot(s.x, s.y));
            let denom = r.x * s.y - r.y * s.x;
            if denom.abs() <= 1e-12 * r_len * s_len {
                // Parallel: on one line when q's start is on p's line.
                if (d.x * r.y - d.y * r.x).abs() > 1e-9 * r_len * (r_len + hypot(d.x, d.y)) {
                    continue;
                }
                let along_p =
                    |v: Vec2| ((v.x - p.from.x) * r.x + (v.y - p.from.y) * r.y) / (r_len * r_len);
                let along_q =
                    |v: Vec2| ((v.x - q.from.x) * s.x + (v.y - q.from.y) * s.y) / (s_len * s_len);
                for end in [q.from, q.to] {
                    let t = along_p(end);
                    if inner(t) {
                        insert_cut(cuts.get_mut(i), t, end);
                    }
                }
                for end in [p.from, p.to] {
                    let u = along_q(end);
                    if inner(u) {
                        insert_cut(cuts.get_mut(j), u, end);
                    }
                }
                continue;
            }
            let t = (d.x * s.y - d.y * s.x) / denom;
            let u = (d.x * r.y - d.y * r.x) / denom;
            if !(-EPS..=1.0 + EPS).contains(&t) || !(-EPS..=1.0 + EPS).contains(&u) {
                continue;
            }
            // At an end of either edge, that end itself (touching corners
            // and T-junctions then join exactly).
            let point = if t <= EPS {
                p.from
            } else if t >= 1.0 - EPS {
                p.to
            } else if u <= EPS {
                q.from
            } else if u >= 1.0 - EPS {
                q.to
            } else {
                crossing_point(p, q)
            };
            if inner(t) {
                insert_cut(cuts.get_mut(i), t, point);
            }
            if inner(u) {
                insert_cut(cuts.get_mut(j), u, point);
            }
        }
    }
    cuts
}

/// Where the lines of two edges that are not parallel cross, computed the
/// same whichever way each edge runs and whichever comes first: an edge
/// and its twin traced back (a path out and back, two shapes sharing a
/// side) are then cut at the very same points, and their pieces stay
/// twins.
fn crossing_point(p: &Edge, q: &Edge) -> Vec2 {
    let key = |v: Vec2| (v.x, v.y);
    let canonical = |e: &Edge| {
        if key(e.to) < key(e.from) {
            (e.to, e.from)
        } else {
            (e.from, e.to)
        }
    };
    let (mut a, mut b) = (canonical(p), canonical(q));
    if (key(b.0), key(b.1)) < (key(a.0), key(a.1)) {
        std::mem::swap(&mut a, &mut b);
    }
    let r = Vec2::new(a.1.x - a.0.x, a.1.y - a.0.y);
    let s = Vec2::new(b.1.x - b.0.x, b.1.y - b.0.y);
    let d = Vec2::new(b.0.x - a.0.x, b.0.y - a.0.y);
    let t = (d.x * s.y - d.y * s.x) / (r.x * s.y - r.y * s.x);
    Vec2::new(a.0.x + r.x * t, a.0.y + r.y * t)
}

/// Keeps `list` ordered by parameter (insertion: a few cuts per edge).
fn insert_cut(list: Option<&mut Vec<(f64, Vec2)>>, t: f64, point: Vec2) {
    let Some(list) = list else { return };
    let at = list.iter().position(|(k, _)| *k > t).unwrap_or(list.len());
    list.insert(at, (t, point));
}

/// Piece `index`, turned so that the result is on its winding side, or
/// `None` when the result is on both sides or neither. Identical pieces
/// (shared outlines) count together and only the first is kept.
fn classify(index: usize, pieces: &[Edge], mode: MergeMode) -> Option<Edge> {
    let piece = *pieces.get(index)?;
    let mid = Vec2::new(
        (piece.from.x + piece.to.x) / 2.0,
        (piece.from.y + piece.to.y) / 2.0,
    );
    // A ray across the piece, never along it: +x for steep pieces, +y for
    // flat ones. `own` is what crossing an edge along the piece adds to the
    // winding.
    let along_x = (piece.to.y - piece.from.y).abs() >= (piece.to.x - piece.from.x).abs();
    let own = |e: &Edge| {
        let forward = if along_x {
            e.to.y > e.from.y
        } else {
            e.to.x < e.from.x
        };
        if forward {
            1
        } else {
            -1
        }
    };
    // Winding just beyond the piece along the ray (`after`), and what
    // crossing the piece and its twins adds (`across`).
    let mut after = [0i32; 2];
    let mut across = [0i32; 2];
    for (j, edge) in pieces.iter().enumerate() {
        let twin = (edge.from == piece.from && edge.to == piece.to)
            || (edge.from == piece.to && edge.to == piece.from);
        if twin {
            if j < index {
                return None;
            }
            if let Some(slot) = across.get_mut(edge.operand) {
                *slot += own(edge);
            }
        } else if let Some(slot) = after.get_mut(edge.operand) {
            *slot += crossing(edge, mid, along_x);
        }
    }
    let inside_after = mode.inside(after[0] != 0, after[1] != 0);
    let before = [after[0] + across[0], after[1] + across[1]];
    let inside_before = mode.inside(before[0] != 0, before[1] != 0);
    if inside_before == inside_after {
        return None;
    }
    // Inside before the piece: crossing it must add one; inside after it,
    // take one away.
    let wanted = if inside_before { 1 } else { -1 };
    Some(if own(&piece) == wanted {
        Edge {
            operand: 0,
            ..piece
        }
    } else {
        Edge {
            from: piece.to,
            to: piece.from,
            operand: 0,
        }
    })
}

/// What `edge` adds to the winding number of `point` along a ray to +x
/// (`along_x`) or +y, counted so that both rays give the same number.
fn crossing(edge: &Edge, point: Vec2, along_x: bool) -> i32 {
    let (a, b) = (edge.from, edge.to);
    if along_x {
        if (a.y <= point.y) != (b.y <= point.y) {
            let x = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if x > point.x {
                return if b.y > a.y { 1 } else { -1 };
            }
        }
    } else if (a.x <= point.x) != (b.x <= point.x) {
        let y = a.y + (point.x - a.x) * (b.y - a.y) / (b.x - a.x);
        if y > point.y {
            return if b.x < a.x { 1 } else { -1 };
        }
    }
    0
}

/// Kept edges joined end to start into closed subpaths.
fn contours(mut edges: Vec<Edge>) -> Path {
    let mut path = Vec::new();
    let mut used = vec![false; edges.len()];
    for first in 0..edges.len() {
        if used.get(first).copied().unwrap_or(true) {
            continue;
        }
        let Some(start) = edges.get(first).copied() else {
            continue;
        };
        if let Some(u) = used.get_mut(first) {
            *u = true;
        }
        path.push(PathEl::MoveTo(start.from));
        let (mut at, mut current) = (start.to, first);
        while at != start.from {
            // Pieces of one outline mostly follow each other: look there first.
            let next = (current + 1..edges.len()).chain(0..current).find(|&k| {
                !used.get(k).copied().unwrap_or(true) && edges.get(k).is_some_and(|e| e.from == at)
            });
            let Some(next) = next else { break };
            path.push(PathEl::LineTo(at));
            if let Some(u) = used.get_mut(next) {
                *u = true;
            }
            current = next;
            at = edges.get(next).map_or(start.from, |e| e.to);
        }
        if at != start.from {
            path.push(PathEl::LineTo(at));
        }
        path.push(PathEl::Close);
    }
    edges.clear();
    Path(path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    fn square(x: f64, y: f64, size: f64) -> Path {
        Path::rect(x, y, size, size)
    }

    /// Signed area of every subpath, summed (polygons only).
    fn area(path: &Path) -> f64 {
        let mut total = 0.0;
        let (mut start, mut at) = (Vec2::default(), Vec2::default());
        for el in &path.0 {
            match *el {
                PathEl::MoveTo(p) => {
                    start = p;
                    at = p;
                }
                PathEl::LineTo(p) => {
                    total += at.x * p.y - p.x * at.y;
                    at = p;
                }
                PathEl::Close => {
                    total += at.x * start.y - start.x * at.y;
                    at = start;
                }
                PathEl::CubicTo(..) => unreachable!("polygons only"),
            }
        }
        total / 2.0
    }

    fn merged(mode: MergeMode) -> Path {
        merge(&[square(0.0, 0.0, 2.0), square(1.0, 1.0, 2.0)], mode, 0.1)
    }

    #[test]
    fn boolean_modes_of_two_overlapping_squares() {
        // Each square 4, overlap 1. Every result winds the same way as its
        // first operand (Path::rect winds positive here).
        assert_eq!(area(&merged(MergeMode::Add)), 7.0);
        assert_eq!(area(&merged(MergeMode::Subtract)), 3.0);
        assert_eq!(area(&merged(MergeMode::Intersect)), 1.0);
        assert_eq!(area(&merged(MergeMode::Exclude)), 6.0);
        // Union: one outline of 8 corners.
        let union = merged(MergeMode::Add);
        let count = |p: &Path, k: fn(&PathEl) -> bool| p.0.iter().filter(|e| k(e)).count();
        assert_eq!(count(&union, |e| matches!(e, PathEl::MoveTo(_))), 1);
        assert_eq!(count(&union, |e| matches!(e, PathEl::LineTo(_))), 7);
    }

    #[test]
    fn merge_mode_appends_the_paths_unchanged() {
        let a = square(0.0, 0.0, 2.0);
        let b = square(1.0, 1.0, 2.0);
        let both = merged(MergeMode::Merge);
        assert_eq!(both.0.len(), a.0.len() + b.0.len());
        assert_eq!(both.0[..a.0.len()], a.0[..]);
    }

    #[test]
    fn disjoint_and_nested_operands() {
        let far = [square(0.0, 0.0, 1.0), square(5.0, 5.0, 1.0)];
        assert_eq!(area(&merge(&far, MergeMode::Add, 0.1)), 2.0);
        assert!(merge(&far, MergeMode::Intersect, 0.1).is_empty());
        assert_eq!(area(&merge(&far, MergeMode::Subtract, 0.1)), 1.0);
        // A hole: the inner square cut out of the outer one.
        let nested = [square(0.0, 0.0, 4.0), square(1.0, 1.0, 2.0)];
        assert_eq!(area(&merge(&nested, MergeMode::Subtract, 0.1)), 12.0);
        assert_eq!(area(&merge(&nested, MergeMode::Intersect, 0.1)), 4.0);
    }

    #[test]
    fn operands_are_taken_in_order_from_the_first() {
        // (a ∪ b) − c, not a ∪ (b − c).
        let ops = [
            square(0.0, 0.0, 2.0),
            square(2.0, 0.0, 2.0),
            square(1.0, 0.0, 2.0),
        ];
        assert_eq!(area(&merge(&ops, MergeMode::Add, 0.1)), 8.0);
        let cut = merge(
            &[merge(&ops[..2], MergeMode::Add, 0.1), ops[2].clone()],
            MergeMode::Subtract,
            0.1,
        );
        assert_eq!(area(&cut), 4.0);
    }

    #[test]
    fn shared_and_collinear_edges() {
        // Side by side, sharing an edge: one rectangle.
        let pair = [square(0.0, 0.0, 2.0), square(2.0, 0.0, 2.0)];
        let union = merge(&pair, MergeMode::Add, 0.1);
        assert_eq!(area(&union), 8.0);
        assert!(merge(&pair, MergeMode::Intersect, 0.1).is_empty());
        assert_eq!(area(&merge(&pair, MergeMode::Subtract, 0.1)), 4.0);
        // The same square twice, or once turned the other way round.
        let twice = [square(0.0, 0.0, 2.0), square(0.0, 0.0, 2.0)];
        assert_eq!(area(&merge(&twice, MergeMode::Add, 0.1)), 4.0);
        assert_eq!(area(&merge(&twice, MergeMode::Intersect, 0.1)), 4.0);
        assert!(merge(&twice, MergeMode::Subtract, 0.1).is_empty());
        assert!(merge(&twice, MergeMode::Exclude, 0.1).is_empty());
    }

    /// A square as exports write it: cubics with handles of zero length,
    /// clockwise or (`reversed`) the other way round.
    fn cubic_square(size: f64, reversed: bool) -> Path {
        let mut corners = [
            Vec2::new(0.0, 0.0),
            Vec2::new(size, 0.0),
            Vec2::new(size, size),
            Vec2::new(0.0, size),
        ];
        if reversed {
            corners.reverse();
        }
        let mut els = vec![PathEl::MoveTo(corners[0])];
        for (i, &from) in corners.iter().enumerate() {
            let to = corners[(i + 1) % 4];
            els.push(PathEl::CubicTo(from, to, to));
        }
        els.push(PathEl::Close);
        Path(els)
    }

    #[test]
    fn straight_cubics_are_one_edge_each() {
        // Four edges, not dozens: the work of a merge grows with the square.
        assert_eq!(cost(&[cubic_square(100.0, false)], 0.01), 16);
        // lottie-android's man_and_pay: a shape intersected with a
        // clipping rectangle drawn twice, in opposite directions, keeps the
        // shape (it was cut into slivers where the two flattened sides met).
        let shape = square(10.0, 10.0, 20.0);
        let ops = [shape, cubic_square(100.0, false), cubic_square(100.0, true)];
        assert_eq!(area(&merge(&ops, MergeMode::Intersect, 0.01)).abs(), 400.0);
        let rect = [cubic_square(100.0, false), cubic_square(100.0, true)];
        assert_eq!(area(&merge(&rect, MergeMode::Add, 0.01)).abs(), 10_000.0);
        // A handle past the end is no chord: that curve is flattened.
        let overshoot = Path(vec![
            PathEl::MoveTo(Vec2::new(0.0, 0.0)),
            PathEl::CubicTo(
                Vec2::new(0.0, 0.0),
                Vec2::new(150.0, 0.0),
                Vec2::new(100.0, 0.0),
            ),
            PathEl::LineTo(Vec2::new(0.0, 50.0)),
            PathEl::Close,
        ]);
        assert!(cost(&[overshoot], 0.01) > 9);
    }

    #[test]
    fn a_curve_traced_out_and_back_encloses_nothing() {
        // lottie-android's man_and_pay draws each curl of hair as a path out
        // and back along a curve, crossing the outline of the hair: merged
        // with it, the hair must stay whole at every flatness.
        let curl = |k: f64| {
            let (a, b) = (Vec2::new(-3.0 + k, 4.0), Vec2::new(6.0, 13.7 - k));
            let (c1, c2) = (Vec2::new(1.3, -2.1 + k), Vec2::new(9.7 - k, 4.4));
            Path(vec![
                PathEl::MoveTo(a),
                PathEl::CubicTo(c1, c2, b),
                PathEl::CubicTo(c2, c1, a),
                PathEl::Close,
            ])
        };
        for tolerance in [0.3, 0.05, 0.01, 0.002] {
            let mut ops: Vec<Path> = (0..6).map(|k| curl(f64::from(k) * 0.7)).collect();
            ops.push(square(0.0, 0.0, 10.0));
            let union = merge(&ops, MergeMode::Add, tolerance);
            assert!(
                (area(&union).abs() - 100.0).abs() < 1e-6,
                "{tolerance}: {}",
                area(&union)
            );
            assert!(
                merge(&ops[..6], MergeMode::Add, tolerance).is_empty(),
                "{tolerance}"
            );
        }
    }

    #[test]
    fn curves_are_flattened_within_the_tolerance() {
        // A circle of radius 10 from four cubics, intersected with itself.
        let k = 0.5523 * 10.0;
        let circle = Path(vec![
            PathEl::MoveTo(Vec2::new(10.0, 0.0)),
            PathEl::CubicTo(Vec2::new(10.0, k), Vec2::new(k, 10.0), Vec2::new(0.0, 10.0)),
            PathEl::CubicTo(
                Vec2::new(-k, 10.0),
                Vec2::new(-10.0, k),
                Vec2::new(-10.0, 0.0),
            ),
            PathEl::CubicTo(
                Vec2::new(-10.0, -k),
                Vec2::new(-k, -10.0),
                Vec2::new(0.0, -10.0),
            ),
            PathEl::CubicTo(
                Vec2::new(k, -10.0),
                Vec2::new(10.0, -k),
                Vec2::new(10.0, 0.0),
            ),
            PathEl::Close,
        ]);
        let half = Path::rect(0.0, -20.0, 20.0, 40.0);
        let cut = merge(&[circle, half], MergeMode::Intersect, 0.01);
        let expected = std::f64::consts::PI * 100.0 / 2.0;
        assert!((area(&cut) - expected).abs() < 0.5, "{}", area(&cut));
        assert!(cost(&[cut], 0.01) > 0);
    }

    #[test]
    fn self_overlapping_first_path_is_cleaned() {
        // Two overlapping squares as one path: its union outline only.
        let mut both = square(0.0, 0.0, 2.0);
        both.0.extend(square(1.0, 1.0, 2.0).0);
        let far = square(10.0, 10.0, 1.0);
        let union = merge(&[both, far], MergeMode::Add, 0.1);
        assert_eq!(area(&union), 8.0);
        assert_eq!(
            union
                .0
                .iter()
                .filter(|e| matches!(e, PathEl::MoveTo(_)))
                .count(),
            2
        );
    }

    #[test]
    fn degenerate_input_gives_no_panic() {
        let nan = Path(vec![
            PathEl::MoveTo(Vec2::new(f64::NAN, 0.0)),
            PathEl::LineTo(Vec2::new(1.0, f64::INFINITY)),
        ]);
        let point = Path(vec![PathEl::MoveTo(Vec2::new(1.0, 1.0)), PathEl::Close]);
        for mode in [
            MergeMode::Add,
            MergeMode::Subtract,
            MergeMode::Intersect,
            MergeMode::Exclude,
        ] {
            let _ = merge(
                &[
                    nan.clone(),
                    point.clone(),
                    Path::default(),
                    square(0.0, 0.0, 1.0),
                ],
                mode,
                0.0,
            );
            let _ = merge(&[square(0.0, 0.0, 1.0), square(0.0, 0.0, 1.0)], mode, 0.1);
        }
    }
}
