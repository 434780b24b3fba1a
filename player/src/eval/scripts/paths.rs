//! Paths as expressions see them, as lottie-web 5.13's shape expressions
//! give them: a path item's `path` (also `shape`, or the item called with
//! `'Path'`, `'ADBE Vector Shape'` or 2), the script's own path
//! (`thisProperty`, `value` in a path's script), and paths the script
//! makes with `createPath(points, inTangents, outTangents, isClosed)`;
//! their `points()`, `inTangents()`, `outTangents()` (tangents relative
//! to their vertex), `isClosed()`, and `pointOnPath`, `tangentOnPath` and
//! `normalOnPath` along the path's length, measured as lottie-web measures
//! it (150 points a segment, lengths and shares in float32 as its typed
//! arrays keep them, the point rounded to a thousandth by JS's rounding,
//! a share just below 0 the first segment's end and further below NaN).
//! Unlike lottie-web, which measures a path at its first `pointOnPath`
//! and keeps those lengths for the property's life (however the path
//! moves later), every call measures the path as it is. What a path's
//! script gives, a path, is `Ae::path_result`'s. The rigs these make: a
//! path linked to another ("link path"), After Effects' Create Nulls From
//! Paths (points that follow nulls, nulls that follow points, a null that
//! traces a path).
//!
//! Must never keep a path past the run, nor make, read out, measure or
//! give one without charging the budget for its size (a vertex a step, a
//! sample of a measure half a step); a path made or measured is at most
//! [`MAX_VERTICES`] vertices, and a run makes at most [`MAX_MADE`].

use super::host::{Ae, Node, PathMethod, PathRef};
use crate::expressions::{js_round, Budget, Ctx, Error, Host, Value};
use crate::geometry::{cubic_point, hypot, Vec2};
use crate::lottie::animated::Animated;
use crate::lottie::script_values as scripted;
use crate::lottie::{BezierShape, ShapeItem};
use crate::text_path::CURVE_SAMPLES;

/// Most vertices of a path a script makes or reads as lists.
const MAX_VERTICES: usize = 4_096;
/// Most paths one run makes.
const MAX_MADE: usize = 256;

impl Ae<'_, '_> {
    /// `path.name`: one of its functions.
    pub(super) fn path_member(
        &mut self,
        cx: &Ctx<'_>,
        p: PathRef,
        key: Value,
    ) -> Result<Value, Error> {
        let method = match cx.str(key).unwrap_or_default() {
            "points" => PathMethod::Points,
            "inTangents" => PathMethod::InTangents,
            "outTangents" => PathMethod::OutTangents,
            "isClosed" => PathMethod::IsClosed,
            "pointOnPath" => PathMethod::PointOn,
            "tangentOnPath" => PathMethod::VectorOn(true),
            "normalOnPath" => PathMethod::VectorOn(false),
            "createPath" => return self.hand(Node::CreatePath),
            other => {
                let other = other.to_owned();
                return Ok(self.unknown(&other));
            }
        };
        self.hand(Node::PathMethod(p, method))
    }

    /// Calls path `p`'s function `method`.
    pub(super) fn path_call(
        &mut self,
        cx: &mut Ctx<'_>,
        p: PathRef,
        method: PathMethod,
        args: &[Value],
    ) -> Result<Value, Error> {
        let number = |cx: &Ctx<'_>, i: usize| args.get(i).map(|v| cx.to_number(*v));
        // The time argument: the vertex lists' first, the others' second.
        let time_at = match method {
            PathMethod::PointOn | PathMethod::VectorOn(_) => 1,
            _ => 0,
        };
        let frame = match args.get(time_at) {
            None | Some(Value::Undefined) => self.frame,
            Some(_) => number(cx, time_at).unwrap_or(f64::NAN) * self.runner.comp.frame_rate,
        };
        let shape = self
            .path_at(p, frame, Some(&mut *cx.budget))
            .ok_or(Error::Type)?;
        cx.charge(shape.vertices.len())?;
        let list = match method {
            PathMethod::Points => &shape.vertices,
            PathMethod::InTangents => &shape.in_tangents,
            PathMethod::OutTangents => &shape.out_tangents,
            PathMethod::IsClosed => return Ok(Value::Bool(shape.closed)),
            PathMethod::PointOn | PathMethod::VectorOn(_) => {
                cx.charge(shape.vertices.len().min(MAX_VERTICES) * CURVE_SAMPLES / 2)?;
                let segments = Segments::new(&shape);
                let perc = number(cx, 0).unwrap_or(f64::NAN);
                let point = match method {
                    PathMethod::VectorOn(tangent) => {
                        segments.vector_on(perc, shape.closed, tangent)
                    }
                    _ => segments.point_on(perc),
                };
                return cx.new_numbers(&[point.x, point.y]);
            }
        };
        let mut items = Vec::with_capacity(list.len());
        for v in list {
            items.push(cx.new_numbers(&[v.x, v.y])?);
        }
        cx.new_array(items)
    }

    /// `createPath(points, inTangents, outTangents, isClosed)`: missing
    /// tangents are zero, as lottie-web's; a property given as a point
    /// (`transform.position`) is its value.
    pub(super) fn create_path(&mut self, cx: &mut Ctx<'_>, args: &[Value]) -> Result<Value, Error> {
        if self.made.len() >= MAX_MADE {
            return Err(Error::TooLarge);
        }
        let mut lists: [Vec<Vec2>; 3] = Default::default();
        for (i, list) in lists.iter_mut().enumerate() {
            let items = self.plain(cx, args.get(i).copied().unwrap_or_default())?;
            let items = cx.array(items).map(<[Value]>::to_vec).unwrap_or_default();
            cx.charge(items.len())?;
            for item in items.into_iter().take(MAX_VERTICES) {
                let xy = self.plain(cx, item)?;
                let xy = cx.array(xy).unwrap_or_default();
                let n = |j: usize| xy.get(j).map_or(0.0, |v| cx.to_number(*v));
                list.push(Vec2::new(n(0), n(1)));
            }
        }
        let [vertices, mut in_tangents, mut out_tangents] = lists;
        for tangents in [&mut in_tangents, &mut out_tangents] {
            tangents.resize(vertices.len(), Vec2::default());
        }
        self.made.push(BezierShape {
            closed: args.get(3).is_some_and(|v| v.truthy(cx)),
            vertices,
            in_tangents,
            out_tangents,
        });
        self.hand(Node::Path(PathRef::Made(self.made.len() as u32 - 1)))
    }

    /// `v`, or a property's value.
    fn plain(&mut self, cx: &mut Ctx<'_>, v: Value) -> Result<Value, Error> {
        match v {
            Value::Host(object) => self.value_of(cx, object),
            other => Ok(other),
        }
    }

    /// What a path's script gave as its path: a path it holds (an item's
    /// path at the script's frame, its script run first, or one it made).
    pub(super) fn path_result(
        &mut self,
        result: Value,
        budget: &mut Budget,
    ) -> Option<BezierShape> {
        let Value::Host(object) = result else {
            return None;
        };
        let Node::Path(p) = self.node(object)? else {
            return None;
        };
        let path = self.path_at(p, self.frame, Some(&mut *budget))?;
        // Kept in the frame's table: a step a vertex.
        budget.steps = budget
            .steps
            .checked_sub(u32::try_from(path.vertices.len()).ok()?)?;
        Some(path)
    }

    /// Path `p` at `frame`: at the script's frame what its script gives
    /// (run first, from `budget`; none: read without running anything),
    /// at any other its keyframes', as lottie-web's `getValueAtTime`.
    pub(super) fn path_at(
        &mut self,
        p: PathRef,
        frame: f64,
        budget: Option<&mut Budget>,
    ) -> Option<BezierShape> {
        let animated = match p {
            PathRef::Made(i) => return self.made.get(i as usize).cloned(),
            PathRef::Own => return Some(self.script.path.as_deref()?.base_at(frame)),
            PathRef::Item(uid, fact) => match self.shape_item(uid, fact)? {
                ShapeItem::Path(animated) => animated,
                _ => return None,
            },
        };
        let id = match animated {
            Animated::Scripted(scripted) if frame == self.frame => scripted.1,
            _ => return Some(animated.base_at(frame)),
        };
        if let Some(budget) = budget {
            self.runner.ensure(id, frame, budget);
        }
        Some(scripted::path(id, frame).unwrap_or_else(|| animated.base_at(frame)))
    }
}

/// A path's segments, each sampled as lottie-web's `getBezierLength`, and
/// where the path ends (its first vertex if closed, else its last).
struct Segments(Vec<Segment>, Vec2);

/// One segment of [`Segments`].
struct Segment {
    points: [Vec2; 4],
    /// The length from the segment's start at each of its samples.
    lengths: Vec<f64>,
}

impl Segments {
    fn new(shape: &BezierShape) -> Segments {
        let count = shape.vertices.len();
        let vertex = |i: usize| {
            let v = shape.vertices.get(i).copied().unwrap_or_default();
            let inn = shape.in_tangents.get(i).copied().unwrap_or_default();
            let out = shape.out_tangents.get(i).copied().unwrap_or_default();
            (v, inn, out)
        };
        let open = count.saturating_sub(1);
        let segments = if shape.closed && count > 0 {
            count
        } else {
            open
        };
        let mut list = Vec::with_capacity(segments.min(MAX_VERTICES));
        for s in 0..segments.min(MAX_VERTICES) {
            let ((from, _, out), (to, inn, _)) = (vertex(s), vertex((s + 1) % count.max(1)));
            let at = |v: Vec2, d: Vec2| Vec2::new(v.x + d.x, v.y + d.y);
            let points = [from, at(from, out), at(to, inn), to];
            let mut lengths = Vec::with_capacity(CURVE_SAMPLES);
            let (mut total, mut last) = (0.0, from);
            for k in 0..CURVE_SAMPLES {
                let t = k as f64 / (CURVE_SAMPLES - 1) as f64;
                let point = cubic_point(points[0], points[1], points[2], points[3], t);
                total += hypot(point.x - last.x, point.y - last.y);
                // lottie-web keeps them in a Float32Array.
                lengths.push(f64::from(total as f32));
                last = point;
            }
            list.push(Segment { points, lengths });
        }
        let end = match shape.closed {
            true => shape.vertices.first(),
            false => shape.vertices.last(),
        };
        Segments(list, end.copied().unwrap_or_default())
    }

    /// `pointOnPath(perc)`: the point a share `perc` of the path's length
    /// along it; past its end, its first vertex (closed) or its last.
    fn point_on(&self, perc: f64) -> Vec2 {
        let added = |s: &Segment| s.lengths.last().copied().unwrap_or(0.0);
        let total: f64 = self.0.iter().map(added).sum();
        let at = total * perc;
        let mut before = 0.0;
        for segment in &self.0 {
            let length = added(segment);
            if before + length > at {
                let t = segment.t_at((at - before) / length);
                let [a, b, c, d] = segment.points;
                let p = cubic_point(a, b, c, d, t);
                let thousandth = |x: f64| js_round(x * 1000.0) / 1000.0;
                return Vec2::new(thousandth(p.x), thousandth(p.y));
            }
            before += length;
        }
        self.1
    }

    /// `tangentOnPath` (`tangent`) or `normalOnPath`: the unit direction
    /// from the point at `perc` to the one a thousandth further, as
    /// lottie-web's `vectorOnPath` (which reads 1 as the path's `closed`
    /// and 0 as 0.999).
    fn vector_on(&self, perc: f64, closed: bool, tangent: bool) -> Vec2 {
        let perc = match perc {
            1.0 => f64::from(u8::from(closed)),
            0.0 => 0.999,
            other => other,
        };
        let (a, b) = (self.point_on(perc), self.point_on(perc + 0.001));
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let length = hypot(dx, dy);
        if length == 0.0 {
            return Vec2::new(0.0, 0.0);
        }
        match tangent {
            true => Vec2::new(dx / length, dy / length),
            false => Vec2::new(-dy / length, dx / length),
        }
    }
}

impl Segment {
    /// The curve's parameter a share `perc` of its length along it, as
    /// lottie-web's `getDistancePerc` finds it between its samples.
    fn t_at(&self, perc: f64) -> f64 {
        let lengths = &self.lengths;
        let last = lengths.len().saturating_sub(1);
        let percent = |i: usize| f64::from((i as f64 / last.max(1) as f64) as f32);
        let at = perc * lengths.last().copied().unwrap_or(0.0);
        let length = |i: usize| lengths.get(i).copied().unwrap_or(0.0);
        // lottie-web's search from an index below 0: from -1 it runs to
        // the segment's end, from further below it reads past the array.
        let start = ((last as f64) * perc).floor();
        if start < 0.0 {
            return if start == -1.0 { 1.0 } else { f64::NAN };
        }
        // (`min`, not `clamp`: its assert formats floats, +14 KB.)
        let start = start.min(last as f64) as usize;
        if start == last || start == 0 || at == length(start) {
            return percent(start);
        }
        let mut i = start;
        // At most one pass over the samples, in the direction of `at`.
        for _ in 0..=last {
            if length(i) <= at && length(i + 1) > at {
                let share = (at - length(i)) / (length(i + 1) - length(i));
                return percent(i) + (percent(i + 1) - percent(i)) * share;
            }
            i = match length(i) > at {
                true if i > 0 => i - 1,
                false if i + 1 < last => i + 1,
                _ => break,
            };
        }
        percent(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(points: &[(f64, f64)], closed: bool) -> BezierShape {
        BezierShape {
            closed,
            vertices: points.iter().map(|&(x, y)| Vec2::new(x, y)).collect(),
            in_tangents: vec![Vec2::default(); points.len()],
            out_tangents: vec![Vec2::default(); points.len()],
        }
    }

    /// lottie-web's figures for the same calls (its `pointOnPath` run in
    /// Node on the same paths).
    #[test]
    fn points_along_a_path_are_where_lottie_web_puts_them() {
        let square = line(
            &[(10.0, 10.0), (30.0, 10.0), (30.0, 30.0), (10.0, 30.0)],
            true,
        );
        let on = |shape: &BezierShape, perc: f64| Segments::new(shape).point_on(perc);
        assert_eq!(on(&square, 0.375), Vec2::new(30.0, 20.0));
        // Just below 0: the first segment's end; further below: NaN.
        assert_eq!(on(&square, -0.001), Vec2::new(30.0, 10.0));
        assert!(on(&square, -0.5).x.is_nan());
        // Past the end of a closed path: its first vertex.
        assert_eq!(on(&square, 1.5), Vec2::new(10.0, 10.0));
        // Every segment of a long path is measured (not the first 256).
        let long: Vec<(f64, f64)> = (0..300).map(|i| (f64::from(i), 0.0)).collect();
        let p = on(&line(&long, false), 0.99);
        assert!((p.x - 296.01).abs() < 0.001, "{p:?}");
        // Halves rounded up, as JS's Math.round.
        let tiny = line(&[(-0.0625, 0.0), (1.0, 0.0)], false);
        assert_eq!(on(&tiny, 0.0).x, -0.062);
    }
}
