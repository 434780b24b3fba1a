//! Shape items as paths at one frame: rectangles (rounded), ellipses,
//! polystars and bezier paths, in lottie-web's vertex order.
//!
//! Never builds a polystar the budget could not take (its points are
//! counted first); charging for the elements is `shapes.rs`'s.

use std::f64::consts::PI;

use super::Evaluator;
use crate::geometry::{cos, sin, Path, PathEl, Vec2};
use crate::lottie::{BezierShape, Polystar, ShapeItem};

/// Bezier handle length for a quarter circle (lottie-web's value).
const KAPPA: f64 = 0.5519;

impl Evaluator<'_> {
    /// The outline of a shape item (rect, ellipse, polystar, path) at
    /// `frame`; `None` for items that are not shapes.
    pub(super) fn shape_path(&mut self, item: &ShapeItem, frame: f64) -> Option<Path> {
        let mut shape = Path::default();
        match item {
            ShapeItem::Rect {
                position,
                size,
                roundness,
                reversed,
            } => {
                let (p, s) = (position.at(frame), size.at(frame));
                let r = roundness.at(frame);
                rect_path(&mut shape, p.x, p.y, s.x, s.y, r);
                if *reversed {
                    reverse(&mut shape);
                }
            }
            ShapeItem::Ellipse {
                position,
                size,
                reversed,
            } => {
                let (p, s) = (position.at(frame), size.at(frame));
                ellipse_path(&mut shape, p.x, p.y, s.x / 2.0, s.y / 2.0);
                if *reversed {
                    reverse(&mut shape);
                }
            }
            ShapeItem::Polystar(star) => {
                // Charged when added to the geometry; refuse early what the
                // budget could never take.
                let points = polystar_points(star, frame);
                if points > self.work_left {
                    self.work_left = 0;
                } else {
                    polystar_path(&mut shape, star, frame, points);
                }
            }
            ShapeItem::Path(bezier) => bezier_path(&mut shape, &bezier.value_at(frame)),
            _ => return None,
        }
        Some(shape)
    }
}

/// A closed outline (a move, segments, a close) drawn the other way round
/// from the same start, as lottie-web draws rectangles and ellipses with
/// `d: 3`: where a trim starts and which way it runs.
fn reverse(path: &mut Path) {
    // (The lite build hands such files over, so it leaves this out.)
    if !crate::FULL {
        return;
    }
    // Each segment turned round, ending where it started; then all of
    // them in the other order, after the move to the same start.
    let mut turned = Vec::with_capacity(path.0.len() + 1);
    let (mut start, mut at) = (Vec2::default(), Vec2::default());
    for el in &path.0 {
        match *el {
            PathEl::MoveTo(p) => (start, at) = (p, p),
            PathEl::LineTo(p) => {
                turned.push(PathEl::LineTo(at));
                at = p;
            }
            PathEl::CubicTo(c1, c2, p) => {
                turned.push(PathEl::CubicTo(c2, c1, at));
                at = p;
            }
            PathEl::Close => {}
        }
    }
    // The closing line, when the last segment stops short of the start.
    if at != start {
        turned.push(PathEl::LineTo(at));
    }
    turned.push(PathEl::MoveTo(start));
    turned.reverse();
    turned.push(PathEl::Close);
    path.0 = turned;
}

fn rect_path(path: &mut Path, cx: f64, cy: f64, w: f64, h: f64, radius: f64) {
    let (x0, y0, x1, y1) = (cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0);
    let r = radius.max(0.0).min(w.abs() / 2.0).min(h.abs() / 2.0);
    let p = Vec2::new;
    if r <= 0.0 {
        // lottie-web's vertex order: top right, clockwise.
        path.0.extend([
            PathEl::MoveTo(p(x1, y0)),
            PathEl::LineTo(p(x1, y1)),
            PathEl::LineTo(p(x0, y1)),
            PathEl::LineTo(p(x0, y0)),
            PathEl::Close,
        ]);
        return;
    }
    let k = r * (1.0 - KAPPA);
    path.0.extend([
        PathEl::MoveTo(p(x1, y0 + r)),
        PathEl::LineTo(p(x1, y1 - r)),
        PathEl::CubicTo(p(x1, y1 - k), p(x1 - k, y1), p(x1 - r, y1)),
        PathEl::LineTo(p(x0 + r, y1)),
        PathEl::CubicTo(p(x0 + k, y1), p(x0, y1 - k), p(x0, y1 - r)),
        PathEl::LineTo(p(x0, y0 + r)),
        PathEl::CubicTo(p(x0, y0 + k), p(x0 + k, y0), p(x0 + r, y0)),
        PathEl::LineTo(p(x1 - r, y0)),
        PathEl::CubicTo(p(x1 - k, y0), p(x1, y0 + k), p(x1, y0 + r)),
        PathEl::Close,
    ]);
}

fn ellipse_path(path: &mut Path, cx: f64, cy: f64, rx: f64, ry: f64) {
    let (kx, ky) = (rx * KAPPA, ry * KAPPA);
    let p = Vec2::new;
    path.0.extend([
        PathEl::MoveTo(p(cx, cy - ry)),
        PathEl::CubicTo(p(cx + kx, cy - ry), p(cx + rx, cy - ky), p(cx + rx, cy)),
        PathEl::CubicTo(p(cx + rx, cy + ky), p(cx + kx, cy + ry), p(cx, cy + ry)),
        PathEl::CubicTo(p(cx - kx, cy + ry), p(cx - rx, cy + ky), p(cx - rx, cy)),
        PathEl::CubicTo(p(cx - rx, cy - ky), p(cx - kx, cy - ry), p(cx, cy - ry)),
        PathEl::Close,
    ]);
}

/// Most points a polystar may have (the work budget bounds the rest).
const MAX_POLYSTAR_POINTS: f64 = 100_000.0;

/// Vertex count of a polystar at `frame`: points × 2 for a star.
fn polystar_points(star: &Polystar, frame: f64) -> usize {
    let points = star
        .points
        .at(frame)
        .floor()
        .clamp(0.0, MAX_POLYSTAR_POINTS) as usize;
    if star.star {
        points * 2
    } else {
        points
    }
}

/// lottie-web's `convertStarToPath` / `convertPolygonToPath`: vertices
/// around the centre from the top, alternating radii for a star, with
/// tangents along the circle scaled by roundness.
fn polystar_path(path: &mut Path, star: &Polystar, frame: f64, vertices: usize) {
    if vertices < 2 {
        return;
    }
    let centre = star.position.at(frame);
    let outer = (
        star.outer_radius.at(frame),
        star.outer_roundness.at(frame) / 100.0,
    );
    let inner = (
        star.inner_radius.at(frame),
        star.inner_roundness.at(frame) / 100.0,
    );
    let direction = if star.reversed { -1.0 } else { 1.0 };
    let step = 2.0 * PI / vertices as f64;
    // Tangent length per unit of roundness: a quarter of the arc between points
    // for polygons, half of it (over twice the points) for stars.
    let arc = |radius: f64| {
        if star.star {
            2.0 * PI * radius / (vertices as f64 * 2.0)
        } else {
            2.0 * PI * radius / (vertices as f64 * 4.0)
        }
    };
    let mut angle = -PI / 2.0 + star.rotation.at(frame) * PI / 180.0;
    let mut corners = Vec::with_capacity(vertices);
    for i in 0..vertices {
        let (radius, roundness) = if !star.star || i % 2 == 0 {
            outer
        } else {
            inner
        };
        let (x, y) = (radius * cos(angle), radius * sin(angle));
        let length = (x * x + y * y).sqrt();
        let (ox, oy) = if length == 0.0 {
            (0.0, 0.0)
        } else {
            (y / length, -x / length)
        };
        let k = arc(radius) * roundness * direction;
        let v = Vec2::new(x + centre.x, y + centre.y);
        corners.push((
            v,
            Vec2::new(v.x - ox * k, v.y - oy * k),
            Vec2::new(v.x + ox * k, v.y + oy * k),
        ));
        angle += step * direction;
    }
    let Some(&(first, _, first_in)) = corners.first() else {
        return;
    };
    path.0.push(PathEl::MoveTo(first));
    for pair in corners.windows(2) {
        if let [(_, out, _), (v, _, into)] = pair {
            path.0.push(PathEl::CubicTo(*out, *into, *v));
        }
    }
    if let Some(&(_, out, _)) = corners.last() {
        path.0.push(PathEl::CubicTo(out, first_in, first));
    }
    path.0.push(PathEl::Close);
}

pub(super) fn bezier_path(path: &mut Path, shape: &BezierShape) {
    let Some(&first) = shape.vertices.first() else {
        return;
    };
    let point = |list: &[Vec2], i: usize| list.get(i).copied().unwrap_or_default();
    let segment = |from: usize, to: usize| {
        let (a, b) = (point(&shape.vertices, from), point(&shape.vertices, to));
        let (out, into) = (
            point(&shape.out_tangents, from),
            point(&shape.in_tangents, to),
        );
        PathEl::CubicTo(
            Vec2::new(a.x + out.x, a.y + out.y),
            Vec2::new(b.x + into.x, b.y + into.y),
            b,
        )
    };
    path.0.push(PathEl::MoveTo(first));
    for i in 1..shape.vertices.len() {
        path.0.push(segment(i - 1, i));
    }
    if shape.closed {
        path.0.push(segment(shape.vertices.len() - 1, 0));
        path.0.push(PathEl::Close);
    }
}
