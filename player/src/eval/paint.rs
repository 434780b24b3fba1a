//! Paint: a fill's or stroke's colour (the layer's bound colour, its
//! slot's, else its own), gradients with their opacity stops folded in,
//! and dash patterns, all at one frame.
//!
//! Pure values: pushes no draw and spends no budget.

use std::f64::consts::PI;
use std::rc::Rc;

use super::Evaluator;
use crate::display_list::Paint;
use crate::geometry::{atan2, cos, hypot, sin, Rgba, Vec2};
use crate::lottie::{Brush, Dash};

impl Evaluator<'_> {
    /// The layer's bound fill colour, else `own`.
    pub(super) fn fill_color(&self, own: Rgba) -> Rgba {
        self.current.and_then(|c| c.fill).unwrap_or(own)
    }

    /// The layer's bound stroke colour, else `own`.
    pub(super) fn stroke_color(&self, own: Rgba) -> Rgba {
        self.current.and_then(|c| c.stroke).unwrap_or(own)
    }

    /// A fill's or stroke's paint: the layer's bound colour, else its
    /// slot's bound colour, else its own brush.
    pub(super) fn bound_paint(
        &self,
        bound: Option<Rgba>,
        slot: Option<usize>,
        brush: &Brush,
        frame: f64,
        alpha: f64,
    ) -> Paint {
        match bound.or_else(|| self.overrides.slot_color(slot)) {
            Some(color) => Paint::Solid(color.with_opacity(alpha)),
            None => paint(brush, frame, alpha),
        }
    }
}

/// A brush at `frame`, with `alpha` applied.
fn paint(brush: &Brush, frame: f64, alpha: f64) -> Paint {
    match brush {
        Brush::Solid(color) => Paint::Solid(color.at(frame).opaque().with_opacity(alpha)),
        Brush::Gradient(g) => {
            let (start, end) = (g.start.at(frame), g.end.at(frame));
            let stops = gradient_stops(g.color_stops, &g.stops.value_at(frame), alpha);
            if !g.radial {
                return Paint::Linear { start, end, stops };
            }
            // lottie-web: the focus moves from the centre toward the end point,
            // turned by the highlight angle, by the highlight length (< 100%).
            let radius = hypot(end.x - start.x, end.y - start.y);
            let angle =
                atan2(end.y - start.y, end.x - start.x) + g.highlight_angle.at(frame) * PI / 180.0;
            let distance = radius * (g.highlight_length.at(frame) / 100.0).clamp(-0.99, 0.99);
            let focus = Vec2::new(
                start.x + cos(angle) * distance,
                start.y + sin(angle) * distance,
            );
            Paint::Radial {
                center: start,
                radius,
                focus,
                stops,
            }
        }
    }
}

/// Lottie's flat stop list (offset, r, g, b × `colors`, then offset, alpha
/// pairs) as colour stops with the opacity stops folded in, at every offset
/// either list names.
fn gradient_stops(colors: usize, numbers: &[f64], alpha: f64) -> Rc<[(f64, Rgba)]> {
    let split = (colors * 4).min(numbers.len());
    let (color_part, alpha_part) = numbers.split_at(split);
    let mut color_stops: Vec<(f64, [f64; 3])> = color_part
        .chunks_exact(4)
        .map(|c| match c {
            [o, r, g, b] => (*o, [*r, *g, *b]),
            _ => (0.0, [0.0; 3]),
        })
        .collect();
    let mut alpha_stops: Vec<(f64, f64)> = alpha_part
        .chunks_exact(2)
        .map(|a| match a {
            [o, v] => (*o, *v),
            _ => (0.0, 1.0),
        })
        .collect();
    rising(&mut color_stops);
    rising(&mut alpha_stops);
    // Insertion, not slice::sort (see docs/benchmarks.md): lists are short.
    let mut offsets: Vec<f64> = Vec::with_capacity(color_stops.len() + alpha_stops.len());
    for offset in color_stops
        .iter()
        .map(|c| c.0)
        .chain(alpha_stops.iter().map(|a| a.0))
    {
        if !offsets.contains(&offset) {
            let at = offsets.partition_point(|o| *o < offset);
            offsets.insert(at, offset);
        }
    }
    // Two stops of one list at the same offset are a hard edge (After
    // Effects' stripes): each offset takes the value just below it and
    // the one just above it, and gives two stops where they differ.
    // Collected through a Vec: straight into `Rc<[_]>`, it took std's
    // exact-size `Rc` builder, 120 B gzip of the lite player for this list.
    let mut stops = Vec::with_capacity(offsets.len());
    for offset in offsets {
        let at = |above: bool| {
            let [r, g, b] = interpolate(&color_stops, offset, above, [0.0; 3], |a, b, t| {
                [
                    a[0] + (b[0] - a[0]) * t,
                    a[1] + (b[1] - a[1]) * t,
                    a[2] + (b[2] - a[2]) * t,
                ]
            });
            let a = interpolate(&alpha_stops, offset, above, 1.0, |a, b, t| a + (b - a) * t);
            (
                offset.clamp(0.0, 1.0),
                Rgba {
                    r,
                    g,
                    b,
                    a: a * alpha,
                },
            )
        };
        let (below, above) = (at(false), at(true));
        if below != above {
            stops.push(below);
        }
        stops.push(above);
    }
    stops.into()
}

/// An offset below the one before it counts as that one, as SVG's
/// `<stop>`s (lottie-web's) read it: an edge there, and a list that only
/// grows, which `interpolate` needs.
fn rising<T>(stops: &mut [(f64, T)]) {
    let mut floor = f64::NEG_INFINITY;
    for stop in stops {
        floor = stop.0.max(floor);
        stop.0 = floor;
    }
}

/// The value of `stops` (sorted by offset) at `offset`, held beyond the
/// ends: where stops share the offset, the first of them (`above` false:
/// the value reached from below) or the last (`above` true).
fn interpolate<T: Copy>(
    stops: &[(f64, T)],
    offset: f64,
    above: bool,
    empty: T,
    mix: impl Fn(T, T, f64) -> T,
) -> T {
    let after = stops.partition_point(|(o, _)| *o < offset || (above && *o == offset));
    let before = after.checked_sub(1).and_then(|i| stops.get(i));
    match (before, stops.get(after)) {
        // Not mixed at the stop after: its own value, exactly (a mix at
        // t = 1 can be an ulp off, which would read as an edge).
        (Some(&(o0, v0)), Some(&(o1, v1))) if o0 < o1 && offset < o1 => {
            mix(v0, v1, (offset - o0) / (o1 - o0))
        }
        (_, Some(&(_, v))) | (Some(&(_, v)), None) => v,
        (None, None) => empty,
    }
}

/// A dash pattern at `frame`: an odd list is repeated, as Canvas2D and SVG
/// do; an all-zero one means a solid line.
pub(super) fn dash_at(dash: &Dash, frame: f64) -> Option<(Rc<[f64]>, f64)> {
    let lengths: Vec<f64> = dash.lengths.iter().map(|l| l.at(frame).max(0.0)).collect();
    if lengths.iter().all(|l| *l == 0.0) {
        return None;
    }
    Some((lengths.into(), dash.offset.at(frame)))
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::panic,
        reason = "tests"
    )]
    use super::*;
    use crate::lottie::Composition;

    #[test]
    fn markers_are_kept() {
        let json = r#"{"w":100,"h":100,"fr":10,"ip":0,"op":20,"layers":[],
            "markers":[{"tm":5,"cm":"intro","dr":10},{"cm":"no time"}]}"#;
        let comp = Composition::from_json(json).unwrap();
        assert_eq!(comp.markers.len(), 1);
        assert_eq!(
            (
                comp.markers[0].name.as_str(),
                comp.markers[0].start,
                comp.markers[0].duration
            ),
            ("intro", 5.0, 10.0)
        );
    }

    #[test]
    fn gradient_stops_fold_opacity_stops_in() {
        // Two colour stops (red at 0, blue at 1) and opacity 1 → 0 stops at 0 and 0.5.
        let stops = gradient_stops(
            2,
            &[0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.5, 0.0],
            1.0,
        );
        let shown: Vec<_> = stops.iter().map(|(o, c)| (*o, c.to_rgba8())).collect();
        assert_eq!(
            shown,
            vec![
                (0.0, [255, 0, 0, 255]),
                (0.5, [128, 0, 128, 0]),
                (1.0, [0, 0, 255, 0])
            ]
        );
    }

    #[test]
    fn a_stop_between_others_gives_one_stop() {
        // Colour values whose mix at the middle stop (t = 1) is an ulp
        // off its own (1 + (0.1 - 1) = 0.09999999999999998): still one
        // stop there, no false edge.
        let stops = gradient_stops(
            3,
            &[0.0, 1.0, 1.0, 1.0, 0.5, 0.1, 0.3, 0.9, 1.0, 0.2, 0.9, 0.3],
            1.0,
        );
        let offsets: Vec<f64> = stops.iter().map(|(o, _)| *o).collect();
        assert_eq!(offsets, vec![0.0, 0.5, 1.0]);
        assert_eq!(stops[1].1.r, 0.1);
    }

    #[test]
    fn an_offset_below_the_one_before_counts_as_that_one() {
        // Red at 0.7, then blue at 0.3: as SVG reads such stops, blue
        // starts at 0.7, a hard edge there.
        let stops = gradient_stops(2, &[0.7, 1.0, 0.0, 0.0, 0.3, 0.0, 0.0, 1.0], 1.0);
        let shown: Vec<_> = stops.iter().map(|(o, c)| (*o, c.to_rgba8())).collect();
        assert_eq!(
            shown,
            vec![(0.7, [255, 0, 0, 255]), (0.7, [0, 0, 255, 255])]
        );
    }

    #[test]
    fn stops_at_one_offset_keep_a_hard_edge() {
        // Green then red, both at 0.5 (a hard colour edge), and opacity
        // 0.25 then 1, both at 0.75 (a hard opacity edge): each edge gives
        // two stops at its offset, the value below it and the one above.
        let stops = gradient_stops(
            2,
            &[
                0.5, 0.0, 1.0, 0.0, 0.5, 1.0, 0.0, 0.0, 0.75, 0.25, 0.75, 1.0,
            ],
            1.0,
        );
        let shown: Vec<_> = stops.iter().map(|(o, c)| (*o, c.to_rgba8())).collect();
        assert_eq!(
            shown,
            vec![
                (0.5, [0, 255, 0, 64]),
                (0.5, [255, 0, 0, 64]),
                (0.75, [255, 0, 0, 64]),
                (0.75, [255, 0, 0, 255]),
            ]
        );
    }
}
