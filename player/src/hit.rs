//! Hit-testing a layer's drawn area, for a template's actions
//! (docs/interaction.md): what one layer put into a frame's display list
//! (its [`crate::display_list::LayerSpan`]), as shapes in canvas pixels that a point can be
//! tested against, and their bounds (where the player puts the action's
//! button).
//!
//! Owns the geometry of "is this point on what the layer drew": fills by
//! their fill rule, strokes by their width, images and text by their boxes;
//! anything drawn fully transparent does not count. The layer's own
//! drawing: masks and mattes that cut it are not applied (a button is
//! drawn whole), and what a matte group draws is not counted. Pure
//! arithmetic on the display list: never draws, never touches the browser. A `HitArea` shares the frame's paths, which for
//! glyph text are the outlines of a bound text: drop it with the data
//! (the player does, `Interactive::forget`).

use std::rc::Rc;

use crate::display_list::{DisplayItem, DisplayList, Paint};
use crate::geometry::{cubic_point, Affine, Path, PathEl, Vec2};
use crate::lottie::{FillRule, Justify};

/// Segments a cubic is flattened into: buttons are large and smooth, and a
/// pixel of error at their rounded corners is below what a finger hits.
const CUBIC_STEPS: usize = 12;

/// Alpha under which a drawing counts as not there (a faded-out button).
const VISIBLE_ALPHA: f64 = 0.01;

/// One drawn thing a point can hit.
#[derive(Debug, Clone)]
enum Shape {
    /// Inside a filled path.
    Fill(Affine, Rc<Path>, FillRule),
    /// Within half the width of a stroked path.
    Stroke(Affine, Rc<Path>, f64),
    /// Inside a box `(x, y, width, height)` of the item's space (an image,
    /// a text's lines).
    Box(Affine, [f64; 4]),
}

/// What some layers drew at one frame, in canvas pixels.
#[derive(Debug, Clone, Default)]
pub struct HitArea {
    shapes: Vec<Shape>,
}

impl HitArea {
    /// What the layers `uids` drew into `list` (every span of theirs: a
    /// layer of a precomp used twice draws twice).
    pub fn of(list: &DisplayList, uids: &[usize]) -> Self {
        let mut shapes = Vec::new();
        for span in list.spans.iter().filter(|s| uids.contains(&s.layer)) {
            // How many shapes there were where each open group began: what
            // a matte group drew (a track matte, masks drawn as a matte)
            // cuts the layer and is not part of it.
            let mut opened = Vec::new();
            for item in list.items.get(span.items.clone()).unwrap_or_default() {
                match item {
                    DisplayItem::PushGroup => opened.push(shapes.len()),
                    #[cfg(feature = "full")]
                    DisplayItem::PushGroupBeyond(_) => opened.push(shapes.len()),
                    DisplayItem::PopMatte(_) => {
                        if let Some(matte) = opened.pop() {
                            shapes.truncate(matte);
                        }
                        opened.pop();
                    }
                    DisplayItem::PopFilters { .. } | DisplayItem::PopOpacity(_) => {
                        opened.pop();
                    }
                    _ => {
                        if let Some(shape) = shape_of(item) {
                            shapes.push(shape);
                        }
                    }
                }
            }
        }
        Self { shapes }
    }

    /// Whether the layers drew anything visible.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    /// Whether canvas point `p` is on what was drawn.
    pub fn contains(&self, p: Vec2) -> bool {
        self.shapes.iter().any(|shape| match shape {
            Shape::Fill(m, path, rule) => m
                .inverse()
                .is_some_and(|inv| inside(&flatten(path), inv.apply(p), *rule)),
            Shape::Stroke(m, path, width) => m.inverse().is_some_and(|inv| {
                let q = inv.apply(p);
                let reach = width / 2.0;
                flatten(path).iter().any(|line| {
                    line.windows(2)
                        .any(|w| matches!(w, [a, b] if distance(q, *a, *b) <= reach))
                })
            }),
            Shape::Box(m, [x, y, w, h]) => m.inverse().is_some_and(|inv| {
                let q = inv.apply(p);
                q.x >= *x && q.x <= x + w && q.y >= *y && q.y <= y + h
            }),
        })
    }

    /// The bounds of what was drawn, `[x, y, width, height]` in canvas
    /// pixels (strokes grown by half their width).
    pub fn bounds(&self) -> Option<[f64; 4]> {
        let mut min = Vec2::new(f64::INFINITY, f64::INFINITY);
        let mut max = Vec2::new(f64::NEG_INFINITY, f64::NEG_INFINITY);
        let mut add = |m: &Affine, p: Vec2, grow: f64| {
            let q = m.apply(p);
            min = Vec2::new(min.x.min(q.x - grow), min.y.min(q.y - grow));
            max = Vec2::new(max.x.max(q.x + grow), max.y.max(q.y + grow));
        };
        for shape in &self.shapes {
            match shape {
                Shape::Fill(m, path, _) | Shape::Stroke(m, path, _) => {
                    let grow = match shape {
                        Shape::Stroke(_, _, width) => width / 2.0 * m.magnification(),
                        _ => 0.0,
                    };
                    for line in flatten(path) {
                        for p in line {
                            add(m, p, grow);
                        }
                    }
                }
                Shape::Box(m, [x, y, w, h]) => {
                    for p in [(*x, *y), (x + w, *y), (*x, y + h), (x + w, y + h)] {
                        add(m, Vec2::new(p.0, p.1), 0.0);
                    }
                }
            }
        }
        (min.x <= max.x && min.y <= max.y && (max.x - min.x).is_finite()).then_some([
            min.x,
            min.y,
            max.x - min.x,
            max.y - min.y,
        ])
    }
}

fn visible(paint: &Paint) -> bool {
    match paint {
        Paint::Solid(c) => c.a > VISIBLE_ALPHA,
        // A gradient's stops may fade; count it as drawn.
        _ => true,
    }
}

fn shape_of(item: &DisplayItem) -> Option<Shape> {
    Some(match item {
        DisplayItem::Fill {
            transform,
            path,
            paint,
            rule,
        } if visible(paint) => Shape::Fill(*transform, Rc::clone(path), *rule),
        DisplayItem::Stroke {
            transform,
            path,
            paint,
            style,
        } if visible(paint) => Shape::Stroke(*transform, Rc::clone(path), style.width),
        DisplayItem::Image {
            transform,
            width,
            height,
            opacity,
            ..
        } if *opacity > VISIBLE_ALPHA => Shape::Box(*transform, [0.0, 0.0, *width, *height]),
        DisplayItem::Text { transform, run } if run.color.a > VISIBLE_ALPHA => {
            let r#box = match run.text_box {
                Some(b) => [b.position.x, b.position.y, b.size.x, b.size.y],
                None => {
                    // Point text: its lines' box estimated from the size
                    // (no measuring here; the text itself is never kept).
                    let mut lines = 0.0;
                    let mut longest: f64 = 0.0;
                    for line in run.text.split(['\r', '\n', '\u{3}']) {
                        lines += 1.0;
                        longest = longest.max(line.chars().count() as f64);
                    }
                    let width = longest * run.size * 0.55 + longest * run.tracking;
                    let left = match run.justify {
                        Justify::Right => -width,
                        Justify::Center => -width / 2.0,
                        _ => 0.0,
                    };
                    let top = -run.size * 0.8;
                    [left, top, width, run.size + (lines - 1.0) * run.line_height]
                }
            };
            Shape::Box(*transform, r#box)
        }
        _ => return None,
    })
}

/// `path` as polylines, one per subpath, closed ones ending where they
/// began.
fn flatten(path: &Path) -> Vec<Vec<Vec2>> {
    let mut lines: Vec<Vec<Vec2>> = Vec::new();
    let mut current: Vec<Vec2> = Vec::new();
    for el in &path.0 {
        match *el {
            PathEl::MoveTo(p) => {
                if current.len() > 1 {
                    lines.push(std::mem::take(&mut current));
                }
                current.clear();
                current.push(p);
            }
            PathEl::LineTo(p) => current.push(p),
            PathEl::CubicTo(c1, c2, end) => {
                let start = current.last().copied().unwrap_or(c1);
                for step in 1..=CUBIC_STEPS {
                    let t = step as f64 / CUBIC_STEPS as f64;
                    current.push(cubic_point(start, c1, c2, end, t));
                }
            }
            PathEl::Close => {
                if let Some(&first) = current.first() {
                    current.push(first);
                }
            }
        }
    }
    if current.len() > 1 {
        lines.push(current);
    }
    lines
}

/// Whether `p` is inside the (implicitly closed) polylines by `rule`.
fn inside(lines: &[Vec<Vec2>], p: Vec2, rule: FillRule) -> bool {
    let mut winding = 0i32;
    for line in lines {
        let closing = [line.last().copied(), line.first().copied()];
        let edges = line
            .windows(2)
            .filter_map(|w| match w {
                [a, b] => Some((*a, *b)),
                _ => None,
            })
            .chain(match closing {
                [Some(a), Some(b)] => Some((a, b)),
                _ => None,
            });
        for (a, b) in edges {
            if (a.y <= p.y) != (b.y <= p.y) {
                let x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
                if x > p.x {
                    winding += if b.y > a.y { 1 } else { -1 };
                }
            }
        }
    }
    match rule {
        FillRule::EvenOdd => winding % 2 != 0,
        _ => winding != 0,
    }
}

/// Distance from `p` to the segment `a`–`b`.
fn distance(p: Vec2, a: Vec2, b: Vec2) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (a.x + t * dx - p.x, a.y + t * dy - p.y);
    (ex * ex + ey * ey).sqrt()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;
    use crate::eval::evaluate_watching;
    use crate::lottie::Composition;
    use crate::overrides::Overrides;

    /// A 100×100 comp: an ellipse button (40 wide, centred at 50,50) that
    /// moves right from frame 10 and fades out from frame 20; a stroked
    /// line; a hidden layer.
    const ANIMATION: &str = r#"{"w": 100, "h": 100, "fr": 10, "ip": 0, "op": 40, "layers": [
      {"ty": 4, "nm": "Button", "ind": 1, "ip": 0, "op": 40, "st": 0,
       "ks": {"p": {"a": 1, "k": [{"t": 10, "s": [50, 50]}, {"t": 11, "s": [80, 50]}]},
              "o": {"a": 1, "k": [{"t": 20, "s": [100]}, {"t": 21, "s": [0]}]}},
       "shapes": [{"ty": "el", "p": {"k": [0, 0]}, "s": {"k": [40, 20]}},
                  {"ty": "fl", "c": {"k": [1, 0, 0, 1]}, "o": {"k": 100}}]},
      {"ty": 4, "nm": "Line", "ind": 2, "ip": 0, "op": 40, "st": 0, "ks": {},
       "shapes": [{"ty": "sh", "ks": {"k": {"c": false, "v": [[10, 90], [90, 90]], "i": [[0, 0], [0, 0]], "o": [[0, 0], [0, 0]]}}},
                  {"ty": "st", "c": {"k": [0, 0, 0, 1]}, "o": {"k": 100}, "w": {"k": 4}}]},
      {"ty": 4, "nm": "Hidden", "hd": true, "ind": 3, "ip": 0, "op": 40, "st": 0, "ks": {},
       "shapes": [{"ty": "rc", "p": {"k": [50, 50]}, "s": {"k": [100, 100]}, "r": {"k": 0}},
                  {"ty": "fl", "c": {"k": [0, 0, 0, 1]}, "o": {"k": 100}}]}]}"#;

    fn area(frame: f64, name: &str, scale: f64) -> HitArea {
        area_in(ANIMATION, frame, name, scale)
    }

    fn area_in(animation: &str, frame: f64, name: &str, scale: f64) -> HitArea {
        let comp = Composition::from_json(animation).unwrap();
        let uids: Vec<usize> = comp
            .all_layers()
            .filter(|l| l.name == name)
            .map(|l| l.uid)
            .collect();
        let view = Affine::scale(scale, scale);
        let list = evaluate_watching(&comp, frame, &Overrides::default(), view, &uids);
        HitArea::of(&list, &uids)
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "hit areas are the full player's (actions): the lite evaluation records no layer spans"
    )]
    fn a_click_hits_the_drawn_shape_not_its_box() {
        let button = area(0.0, "Button", 1.0);
        assert!(button.contains(Vec2::new(50.0, 50.0)));
        assert!(button.contains(Vec2::new(31.0, 50.0)));
        // Inside the ellipse's bounding box, outside the ellipse.
        assert!(!button.contains(Vec2::new(32.0, 42.0)));
        assert!(!button.contains(Vec2::new(75.0, 50.0)));
        let [x, y, w, h] = button.bounds().unwrap();
        assert!((x - 30.0).abs() < 0.5 && (y - 40.0).abs() < 0.5, "{x} {y}");
        assert!((w - 40.0).abs() < 0.5 && (h - 20.0).abs() < 0.5, "{w} {h}");
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "hit areas are the full player's (actions): the lite evaluation records no layer spans"
    )]
    fn the_area_follows_the_layer_and_the_canvas_scale() {
        let moved = area(15.0, "Button", 1.0);
        assert!(moved.contains(Vec2::new(80.0, 50.0)) && !moved.contains(Vec2::new(50.0, 50.0)));
        let sharp = area(0.0, "Button", 2.0);
        assert!(sharp.contains(Vec2::new(100.0, 100.0)) && !sharp.contains(Vec2::new(50.0, 50.0)));
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "hit areas are the full player's (actions): the lite evaluation records no layer spans"
    )]
    fn faded_hidden_and_stroked_layers() {
        assert!(area(25.0, "Button", 1.0).is_empty(), "fully transparent");
        assert!(area(0.0, "Hidden", 1.0).is_empty(), "hidden");
        let line = area(0.0, "Line", 1.0);
        assert!(line.contains(Vec2::new(50.0, 91.5)));
        assert!(!line.contains(Vec2::new(50.0, 93.0)));
        let [_, y, _, h] = line.bounds().unwrap();
        assert!((y - 88.0).abs() < 0.01 && (h - 4.0).abs() < 0.01);
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "hit areas are the full player's (actions): the lite evaluation records no layer spans"
    )]
    fn what_a_matte_draws_is_not_the_layer() {
        // A button whose inverted mask at half opacity is drawn as an alpha
        // matte (a rectangle the composition's size with the path in it), and a
        // precomp button cut by a track matte the size of the frame: the
        // areas are the buttons' own shapes.
        let animation = r#"{"w": 100, "h": 100, "fr": 10, "ip": 0, "op": 10,
          "assets": [{"id": "c", "layers": [
            {"ty": 4, "nm": "Frame", "td": 1, "ind": 1, "ks": {},
             "shapes": [{"ty": "rc", "p": {"k": [50, 50]}, "s": {"k": [100, 100]}, "r": {"k": 0}},
                        {"ty": "fl", "c": {"k": [0, 0, 0, 1]}, "o": {"k": 100}}]},
            {"ty": 4, "nm": "Inner", "tt": 1, "ind": 2, "ks": {},
             "shapes": [{"ty": "rc", "p": {"k": [20, 20]}, "s": {"k": [10, 10]}, "r": {"k": 0}},
                        {"ty": "fl", "c": {"k": [0, 0, 1, 1]}, "o": {"k": 100}}]}]}],
          "layers": [
            {"ty": 4, "nm": "Masked", "ind": 1, "ks": {}, "hasMask": true,
             "masksProperties": [{"mode": "a", "inv": true, "o": {"k": 50}, "x": {"k": 0},
               "pt": {"k": {"c": true, "v": [[0, 0], [0, 10], [10, 10], [10, 0]],
                 "i": [[0, 0], [0, 0], [0, 0], [0, 0]], "o": [[0, 0], [0, 0], [0, 0], [0, 0]]}}}],
             "shapes": [{"ty": "rc", "p": {"k": [70, 70]}, "s": {"k": [20, 20]}, "r": {"k": 0}},
                        {"ty": "fl", "c": {"k": [1, 0, 0, 1]}, "o": {"k": 100}}]},
            {"ty": 0, "nm": "Precomp", "refId": "c", "ind": 2, "w": 100, "h": 100, "ks": {}}]}"#;
        let masked = area_in(animation, 0.0, "Masked", 1.0);
        assert!(masked.contains(Vec2::new(70.0, 70.0)));
        assert!(
            !masked.contains(Vec2::new(30.0, 30.0)),
            "the mask's rectangle"
        );
        let [x, y, w, h] = masked.bounds().unwrap();
        assert!((x - 60.0).abs() < 0.5 && (y - 60.0).abs() < 0.5, "{x} {y}");
        assert!((w - 20.0).abs() < 0.5 && (h - 20.0).abs() < 0.5, "{w} {h}");
        let precomp = area_in(animation, 0.0, "Precomp", 1.0);
        assert!(precomp.contains(Vec2::new(20.0, 20.0)));
        assert!(!precomp.contains(Vec2::new(80.0, 80.0)), "the track matte");
    }
}
