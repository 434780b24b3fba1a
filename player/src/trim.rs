//! Trim paths (`tm`): keeps the part of a path between two fractions of its
//! length, as lottie-web does for "simultaneously" trims. Pure geometry.

use crate::geometry::{cubic_point, hypot, Path, PathEl, Vec2};

/// Samples per cubic segment when measuring length.
const SAMPLES: usize = 16;

#[derive(Clone, Copy)]
struct Segment {
    from: Vec2,
    c1: Vec2,
    c2: Vec2,
    to: Vec2,
    length: f64,
    /// Length from the start at each of the SAMPLES + 1 sample points.
    table: [f64; SAMPLES + 1],
}

fn cubic(s: &Segment, t: f64) -> Vec2 {
    cubic_point(s.from, s.c1, s.c2, s.to, t)
}

fn measure(from: Vec2, c1: Vec2, c2: Vec2, to: Vec2) -> Segment {
    let mut s = segment_of([from, c1, c2, to]);
    let mut previous = from;
    for i in 1..=SAMPLES {
        let p = cubic(&s, i as f64 / SAMPLES as f64);
        s.length += hypot(p.x - previous.x, p.y - previous.y);
        if let Some(slot) = s.table.get_mut(i) {
            *slot = s.length;
        }
        previous = p;
    }
    s
}

/// A straight line as a cubic with evenly spaced controls, so that its
/// parameter is proportional to length.
fn line(from: Vec2, to: Vec2) -> Segment {
    let third = |k: f64| Vec2::new(from.x + (to.x - from.x) * k, from.y + (to.y - from.y) * k);
    measure(from, third(1.0 / 3.0), third(2.0 / 3.0), to)
}

/// The path as cubic segments (lines become straight cubics), per subpath.
fn segments(path: &Path) -> Vec<Vec<Segment>> {
    let mut subpaths: Vec<Vec<Segment>> = Vec::new();
    let (mut start, mut at) = (Vec2::default(), Vec2::default());
    for el in &path.0 {
        match *el {
            PathEl::MoveTo(p) => {
                subpaths.push(Vec::new());
                start = p;
                at = p;
            }
            PathEl::LineTo(p) => {
                if let Some(current) = subpaths.last_mut() {
                    current.push(line(at, p));
                }
                at = p;
            }
            PathEl::CubicTo(c1, c2, p) => {
                if let Some(current) = subpaths.last_mut() {
                    current.push(measure(at, c1, c2, p));
                }
                at = p;
            }
            PathEl::Close => {
                if let Some(current) = subpaths.last_mut() {
                    if at != start {
                        current.push(line(at, start));
                    }
                }
                at = start;
            }
        }
    }
    subpaths
}

/// Splits the bezier of `s` at parameter `t`: the part before, the part after.
fn split(s: &Segment, t: f64) -> ([Vec2; 4], [Vec2; 4]) {
    let lerp = |a: Vec2, b: Vec2| Vec2::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
    let (p01, p12, p23) = (lerp(s.from, s.c1), lerp(s.c1, s.c2), lerp(s.c2, s.to));
    let (p012, p123) = (lerp(p01, p12), lerp(p12, p23));
    let mid = lerp(p012, p123);
    ([s.from, p01, p012, mid], [mid, p123, p23, s.to])
}

fn segment_of(points: [Vec2; 4]) -> Segment {
    let [from, c1, c2, to] = points;
    Segment {
        from,
        c1,
        c2,
        to,
        length: 0.0,
        table: [0.0; SAMPLES + 1],
    }
}

/// Parameter of `s` at `distance` from its start, from its length table.
fn parameter_at(s: &Segment, distance: f64) -> f64 {
    if s.length <= 0.0 {
        return 0.0;
    }
    let i = s.table.partition_point(|l| *l < distance).clamp(1, SAMPLES);
    let (l0, l1) = (
        s.table.get(i - 1).copied().unwrap_or(0.0),
        s.table.get(i).copied().unwrap_or(s.length),
    );
    let within = if l1 > l0 {
        (distance - l0) / (l1 - l0)
    } else {
        0.0
    };
    ((i as f64 - 1.0 + within) / SAMPLES as f64).clamp(0.0, 1.0)
}

/// Appends the part of `segments` between lengths `from` and `to` as an
/// open subpath, or, with `join`, as the continuation of the last subpath
/// of `out` (which ends where this part starts).
fn extract(out: &mut Path, segments: &[Segment], from: f64, to: f64, join: bool) {
    let mut offset = 0.0;
    let mut started = join;
    for s in segments {
        let (a, b) = (offset, offset + s.length);
        offset = b;
        if b <= from || a >= to {
            continue;
        }
        let (ta, tb) = (parameter_at(s, from - a), parameter_at(s, to - a));
        let mut piece = *s;
        if tb < 1.0 {
            piece = segment_of(split(&piece, tb).0);
        }
        if ta > 0.0 && tb > 0.0 {
            piece = segment_of(split(&piece, ta / tb).1);
        }
        if !started {
            out.0.push(PathEl::MoveTo(piece.from));
            started = true;
        }
        out.0.push(PathEl::CubicTo(piece.c1, piece.c2, piece.to));
    }
}

/// The length of `path`, all subpaths.
pub fn length(path: &Path) -> f64 {
    segments(path).iter().flatten().map(|s| s.length).sum()
}

/// What a trim keeps, as fractions of the length.
enum Kept {
    All,
    Nothing,
    /// One range, or two when the offset wraps past the end (the second
    /// empty otherwise).
    Ranges([(f64, f64); 2]),
}

/// The ranges kept from `start` to `end` (fractions, 0..=1) shifted by
/// `offset` (turns), wrapping around, as lottie-web computes them.
fn kept(start: f64, end: f64, offset: f64) -> Kept {
    let (mut s, mut e) = (start.clamp(0.0, 1.0), end.clamp(0.0, 1.0));
    if s > e {
        std::mem::swap(&mut s, &mut e);
    }
    if e - s >= 1.0 {
        return Kept::All;
    }
    if e <= s {
        return Kept::Nothing;
    }
    let shift = crate::geometry::wrap(offset, 1.0);
    let (s, e) = (s + shift, e + shift);
    Kept::Ranges(if e <= 1.0 {
        [(s, e), (0.0, 0.0)]
    } else if s >= 1.0 {
        [(s - 1.0, e - 1.0), (0.0, 0.0)]
    } else {
        [(s, 1.0), (0.0, e - 1.0)]
    })
}

/// The part of `path` inside the trimmed range when it is one piece of a
/// longer sequence (After Effects' "individually" trims): the sequence is
/// `total` long and `path` starts `before` into it.
pub fn trim_piece(path: &Path, total: f64, before: f64, start: f64, end: f64, offset: f64) -> Path {
    let ranges = match kept(start, end, offset) {
        Kept::All => return path.clone(),
        Kept::Nothing => return Path::default(),
        Kept::Ranges(ranges) => ranges,
    };
    let mut out = Path::default();
    let mut at = before;
    for subpath in segments(path) {
        let length: f64 = subpath.iter().map(|s| s.length).sum();
        for (from, to) in ranges {
            let (from, to) = (from * total - at, to * total - at);
            if to > 0.0 && from < length && to > from {
                extract(&mut out, &subpath, from.max(0.0), to.min(length), false);
            }
        }
        at += length;
    }
    out
}

/// Keeps the part of each subpath of `path` from `start` to `end`
/// (fractions of its length, 0..=1) shifted by `offset` (turns), wrapping
/// around. When the kept part wraps past the end of a closed path, the
/// part from the start continues the part that reached the end, as
/// lottie-web's TrimModifier continues the last piece of a closed shape:
/// one outline, so a fill covers the whole arc rather than two slivers
/// each closed by its own chord, and a stroke joins rather than caps there.
/// (lottie-web measures a shape's subpaths as one length and joins by the
/// last one's `c` flag; here each subpath is trimmed by its own length and
/// joined when it ends where it starts: the same for the one-contour paths
/// of `sh`, `rc`, `el` and `sr` items.)
pub fn trim(path: &Path, start: f64, end: f64, offset: f64) -> Path {
    let ranges = match kept(start, end, offset) {
        Kept::All => return path.clone(),
        Kept::Nothing => return Path::default(),
        Kept::Ranges(ranges) => ranges,
    };
    let mut out = Path::default();
    for subpath in segments(path) {
        let length: f64 = subpath.iter().map(|s| s.length).sum();
        if length <= 0.0 {
            continue;
        }
        // Closed: it ends where it starts (`segments` adds the closing
        // line), so the piece from the start goes on from the end.
        let closed = subpath
            .first()
            .zip(subpath.last())
            .is_some_and(|(first, last)| first.from == last.to);
        let mut join = false;
        for (from, to) in ranges {
            if to > from {
                extract(&mut out, &subpath, from * length, to * length, join);
                join = closed;
            }
        }
    }
    out
}

#[cfg(test)]
mod pieces {
    #![allow(clippy::indexing_slicing, reason = "tests")]
    use super::*;

    #[test]
    fn pieces_of_a_sequence_keep_their_share_of_the_range() {
        let p = Vec2::new;
        let line = |y: f64| Path(vec![PathEl::MoveTo(p(0.0, y)), PathEl::LineTo(p(10.0, y))]);
        assert!((length(&line(0.0)) - 10.0).abs() < 1e-9);
        // Two lines of 10 in sequence, trimmed to 25%..75% of the 20.
        let first = trim_piece(&line(0.0), 20.0, 0.0, 0.25, 0.75, 0.0);
        let second = trim_piece(&line(5.0), 20.0, 10.0, 0.25, 0.75, 0.0);
        assert!(matches!(first.0[0], PathEl::MoveTo(q) if (q.x - 5.0).abs() < 1e-6));
        assert!(matches!(second.0[0], PathEl::MoveTo(q) if q == p(0.0, 5.0)));
        // 0..50%: all of the first, none of the second.
        assert!(trim_piece(&line(5.0), 20.0, 10.0, 0.0, 0.5, 0.0).is_empty());
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, reason = "tests")]
    use super::*;

    fn end_points(path: &Path) -> Vec<(f64, f64)> {
        path.0
            .iter()
            .filter_map(|el| match el {
                PathEl::MoveTo(p) | PathEl::CubicTo(_, _, p) | PathEl::LineTo(p) => {
                    Some(((p.x * 100.0).round() / 100.0, (p.y * 100.0).round() / 100.0))
                }
                PathEl::Close => None,
            })
            .collect()
    }

    fn line() -> Path {
        Path(vec![
            PathEl::MoveTo(Vec2::new(0.0, 0.0)),
            PathEl::LineTo(Vec2::new(100.0, 0.0)),
        ])
    }

    #[test]
    fn trims_a_line_by_length() {
        assert_eq!(
            end_points(&trim(&line(), 0.25, 0.75, 0.0)),
            vec![(25.0, 0.0), (75.0, 0.0)]
        );
        assert_eq!(
            end_points(&trim(&line(), 0.75, 0.25, 0.0)),
            vec![(25.0, 0.0), (75.0, 0.0)]
        );
        assert!(trim(&line(), 0.5, 0.5, 0.0).is_empty());
        assert_eq!(trim(&line(), 0.0, 1.0, 0.3), line());
    }

    #[test]
    fn offsets_wrap_around_a_closed_path() {
        // A 10x10 square: 40 long. 0..0.25 offset by 0.875 turn covers the
        // last half side and the first half side, as one outline (one
        // move) around the corner where the square closes.
        let square = Path::rect(0.0, 0.0, 10.0, 10.0);
        let trimmed = trim(&square, 0.0, 0.25, 0.875);
        assert_eq!(
            end_points(&trimmed),
            vec![(0.0, 5.0), (0.0, 0.0), (5.0, 0.0)]
        );
        let moves = |p: &Path| {
            p.0.iter()
                .filter(|el| matches!(el, PathEl::MoveTo(_)))
                .count()
        };
        assert_eq!(moves(&trimmed), 1);
        // An open path that wraps keeps two pieces: its ends do not meet.
        assert_eq!(moves(&trim(&line(), 0.0, 0.5, 0.75)), 2);
        // An open line, then the square (a repeater's second trim of a
        // group's geometry): the line still in two pieces, the square one.
        let mut both = line();
        both.0.extend(square.0.iter().cloned());
        assert_eq!(moves(&trim(&both, 0.0, 0.25, 0.875)), 3);
    }
}
