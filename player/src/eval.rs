//! Frame evaluation: the model at one frame, plus the bound texts, into a
//! [`DisplayList`]. Owns the Lottie drawing semantics (layer order, parenting,
//! time stretch and remap, shape groups, fill and stroke scope).
//!
//! Must never touch the browser, allocate per frame beyond the display list,
//! or copy a text (texts are shared `Rc`s). Hostile nesting is bounded by
//! [`MAX_PRECOMP_DEPTH`] and [`MAX_ITEMS`].

use std::f64::consts::PI;
use std::rc::Rc;

use binding_engine::SecretText;

use crate::display_list::{DisplayItem, DisplayList, StrokeStyle, TextRun};
use crate::geometry::{Affine, Path, PathEl, Rgba, Vec2};
use crate::lottie::animated::{Animated, Components};
use crate::lottie::{BezierShape, Composition, Layer, LayerKind, Position, ShapeItem, Transform};

/// Deepest precomp nesting drawn.
pub const MAX_PRECOMP_DEPTH: usize = 32;
/// Most items one frame may hold; a file that needs more is cut off there.
pub const MAX_ITEMS: usize = 100_000;

/// Bezier handle length for a quarter circle (lottie-web's value).
const KAPPA: f64 = 0.5519;

/// Texts that replace text layers' own, indexed by text slot. Built once per
/// binding; shared with the display list, never copied.
#[derive(Debug, Default)]
pub struct TextOverrides(Vec<Option<Rc<SecretText>>>);

impl TextOverrides {
    /// No overrides, for `slots` text layers.
    pub fn new(slots: usize) -> Self {
        Self(vec![None; slots])
    }

    /// Replaces the text of `slot`.
    pub fn set(&mut self, slot: usize, text: Rc<SecretText>) {
        if let Some(entry) = self.0.get_mut(slot) {
            *entry = Some(text);
        }
    }

    fn get(&self, slot: usize) -> Option<&Rc<SecretText>> {
        self.0.get(slot).and_then(Option::as_ref)
    }
}

/// Evaluates `comp` at `frame` (composition frames, fractional allowed).
/// `view` maps composition pixels to canvas pixels.
pub fn evaluate(
    comp: &Composition,
    frame: f64,
    texts: &TextOverrides,
    view: Affine,
) -> DisplayList {
    let mut eval = Evaluator {
        comp,
        texts,
        items: Vec::new(),
    };
    eval.layers(&comp.layers, frame, view, 1.0, 0);
    DisplayList { items: eval.items }
}

struct Evaluator<'a> {
    comp: &'a Composition,
    texts: &'a TextOverrides,
    items: Vec<DisplayItem>,
}

impl Evaluator<'_> {
    fn push(&mut self, item: DisplayItem) {
        if self.items.len() < MAX_ITEMS {
            self.items.push(item);
        }
    }

    fn layers(&mut self, layers: &[Layer], frame: f64, view: Affine, opacity: f64, depth: usize) {
        if depth > MAX_PRECOMP_DEPTH {
            return;
        }
        // Lottie lists layers top first; draw bottom first.
        for (index, layer) in layers.iter().enumerate().rev() {
            if self.items.len() >= MAX_ITEMS {
                return; // budget spent: stop walking, not just stop pushing
            }
            if layer.hidden || frame < layer.in_point || frame >= layer.out_point {
                continue;
            }
            let local = local_time(layer, frame);
            let matrix = view * world_matrix(layers, index, frame);
            let opacity = opacity * component(&layer.transform.opacity, local) / 100.0;
            if opacity <= 0.0 || !matrix.is_finite() {
                continue;
            }
            match &layer.kind {
                LayerKind::Null => {}
                LayerKind::Solid {
                    color,
                    width,
                    height,
                } => self.push(DisplayItem::Fill {
                    transform: matrix,
                    path: Path::rect(0.0, 0.0, *width, *height),
                    color: color.with_opacity(opacity),
                    rule: crate::lottie::FillRule::NonZero,
                }),
                LayerKind::Shape(items) => {
                    let start = self.items.len();
                    self.shape_group(items, local, matrix, opacity);
                    // Shape items are listed top first too.
                    if let Some(drawn) = self.items.get_mut(start..) {
                        drawn.reverse();
                    }
                }
                LayerKind::Precomp {
                    comp,
                    width,
                    height,
                    time_remap,
                } => {
                    let Some(children) = self.comp.precomps.get(*comp) else {
                        continue;
                    };
                    let child_frame = match time_remap {
                        Some(tm) => tm.at(local)[0] * self.comp.frame_rate,
                        None => local,
                    };
                    self.push(DisplayItem::PushClip {
                        transform: matrix,
                        path: Path::rect(0.0, 0.0, *width, *height),
                    });
                    self.layers(children, child_frame, matrix, opacity, depth + 1);
                    self.push(DisplayItem::PopClip);
                }
                LayerKind::Text(text) => {
                    // Documents are hold-keyed: the last one started by now.
                    let doc = text
                        .documents
                        .iter()
                        .rev()
                        .find(|(t, _)| *t <= local)
                        .or(text.documents.first())
                        .map(|(_, d)| d);
                    let Some(doc) = doc else { continue };
                    let shown = self.texts.get(text.slot).unwrap_or(&doc.text);
                    self.push(DisplayItem::Text {
                        transform: matrix,
                        run: TextRun {
                            text: Rc::clone(shown),
                            font: doc.font,
                            size: doc.size,
                            color: doc.fill.with_opacity(opacity),
                            justify: doc.justify,
                            line_height: doc.line_height,
                        },
                    });
                }
            }
        }
    }

    /// Evaluates a group's items, pushing draws top first. Returns the
    /// group's geometry in its own space, for fills and strokes further down
    /// in the parent group.
    fn shape_group(
        &mut self,
        items: &[ShapeItem],
        frame: f64,
        to_canvas: Affine,
        opacity: f64,
    ) -> Path {
        let mut geometry = Path::default();
        for item in items {
            match item {
                ShapeItem::Group { items, transform } => {
                    let local = transform_matrix(transform, frame);
                    let group_opacity = component(&transform.opacity, frame) / 100.0;
                    let child =
                        self.shape_group(items, frame, to_canvas * local, opacity * group_opacity);
                    geometry.extend_transformed(&child, &local);
                }
                ShapeItem::Rect {
                    position,
                    size,
                    roundness,
                } => {
                    let (p, s) = (position.at(frame), size.at(frame));
                    rect_path(
                        &mut geometry,
                        p[0],
                        p[1],
                        s[0],
                        s[1],
                        component(roundness, frame),
                    );
                }
                ShapeItem::Ellipse { position, size } => {
                    let (p, s) = (position.at(frame), size.at(frame));
                    ellipse_path(&mut geometry, p[0], p[1], s[0] / 2.0, s[1] / 2.0);
                }
                ShapeItem::Path(shape) => bezier_path(&mut geometry, &shape.at(frame)),
                ShapeItem::Fill {
                    color,
                    opacity: fill_opacity,
                    rule,
                } => {
                    if geometry.is_empty() {
                        continue;
                    }
                    let alpha = opacity * component(fill_opacity, frame) / 100.0;
                    self.push(DisplayItem::Fill {
                        transform: to_canvas,
                        path: geometry.clone(),
                        color: rgb(color.at(frame)).with_opacity(alpha),
                        rule: *rule,
                    });
                }
                ShapeItem::Stroke {
                    color,
                    opacity: stroke_opacity,
                    width,
                    cap,
                    join,
                    miter_limit,
                } => {
                    let width = component(width, frame);
                    if geometry.is_empty() || width <= 0.0 {
                        continue;
                    }
                    let alpha = opacity * component(stroke_opacity, frame) / 100.0;
                    self.push(DisplayItem::Stroke {
                        transform: to_canvas,
                        path: geometry.clone(),
                        color: rgb(color.at(frame)).with_opacity(alpha),
                        style: StrokeStyle {
                            width,
                            cap: *cap,
                            join: *join,
                            miter_limit: *miter_limit,
                        },
                    });
                }
            }
        }
        geometry
    }
}

/// Layer-local time at composition `frame`.
fn local_time(layer: &Layer, frame: f64) -> f64 {
    (frame - layer.start_time) / layer.stretch
}

/// The layer's matrix times its parents', each at its own local time.
fn world_matrix(layers: &[Layer], index: usize, frame: f64) -> Affine {
    let mut matrix = Affine::IDENTITY;
    let mut at = Some(index);
    // Import cut every cycle; the bound only guards against a bug.
    for _ in 0..=layers.len() {
        let Some(layer) = at.and_then(|i| layers.get(i)) else {
            break;
        };
        matrix = transform_matrix(&layer.transform, local_time(layer, frame)) * matrix;
        at = layer.parent;
    }
    matrix
}

/// `translate(position) · rotate · skew · scale · translate(−anchor)`, as
/// After Effects and lottie-web compose them.
pub fn transform_matrix(t: &Transform, frame: f64) -> Affine {
    let anchor = t.anchor.at(frame);
    let position = match &t.position {
        Position::Joined(p) => {
            let p = p.at(frame);
            Vec2::new(p[0], p[1])
        }
        Position::Split(x, y) => Vec2::new(component(x, frame), component(y, frame)),
    };
    let scale = t.scale.at(frame);
    let rotation = component(&t.rotation, frame) * PI / 180.0;
    let skew = component(&t.skew, frame) * PI / 180.0;
    let skew_axis = component(&t.skew_axis, frame) * PI / 180.0;
    Affine::translate(position.x, position.y)
        * Affine::rotate(rotation)
        * Affine::skew(skew, skew_axis)
        * Affine::scale(scale[0] / 100.0, scale[1] / 100.0)
        * Affine::translate(-anchor[0], -anchor[1])
}

fn component(value: &Animated<Components>, frame: f64) -> f64 {
    value.at(frame)[0]
}

fn rgb(c: Components) -> Rgba {
    Rgba {
        r: c[0],
        g: c[1],
        b: c[2],
        a: 1.0,
    }
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

fn bezier_path(path: &mut Path, shape: &BezierShape) {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;
    use crate::recording::RecordingBackend;

    fn draw(json: &str, frame: f64, texts: &TextOverrides) -> Vec<String> {
        let comp = Composition::from_json(json).unwrap();
        let list = evaluate(&comp, frame, texts, Affine::IDENTITY);
        let mut rec = RecordingBackend::default();
        list.replay(&mut rec, None);
        rec.lines.split_off(1)
    }

    fn doc(layers: &str) -> String {
        format!(r#"{{"w":100,"h":100,"fr":10,"ip":0,"op":20,"layers":[{layers}]}}"#)
    }

    const RED: &str = r#"{"ty":"fl","c":{"k":[1,0,0,1]},"o":{"k":100}}"#;
    const BLUE: &str = r#"{"ty":"fl","c":{"k":[0,0,1,1]},"o":{"k":50}}"#;

    #[test]
    fn fills_apply_to_paths_above_and_earlier_items_draw_on_top() {
        let json = doc(&format!(
            r#"{{"ty":4,"nm":"s","shapes":[
                {{"ty":"rc","p":{{"k":[0,0]}},"s":{{"k":[10,10]}},"r":{{"k":0}}}},
                {RED},
                {{"ty":"el","p":{{"k":[50,50]}},"s":{{"k":[20,20]}}}},
                {BLUE}
            ]}}"#
        ));
        let lines = draw(&json, 0.0, &TextOverrides::default());
        assert_eq!(lines.len(), 2, "{lines:#?}");
        // Bottom first: blue covers rect + ellipse (both above it), red only the rect.
        assert!(
            lines[0].starts_with("fill #0000ff80 nonzero"),
            "{}",
            lines[0]
        );
        assert!(
            lines[0].contains("M5,-5") && lines[0].contains("M50,40"),
            "{}",
            lines[0]
        );
        assert!(lines[1].starts_with("fill #ff0000ff"), "{}", lines[1]);
        assert!(!lines[1].contains("M50,40"), "{}", lines[1]);
    }

    #[test]
    fn group_transforms_and_opacity_nest() {
        let json = doc(&format!(
            r#"{{"ty":4,"nm":"s","ks":{{"p":{{"k":[10,0]}}}},"shapes":[
                {{"ty":"gr","it":[
                    {{"ty":"rc","p":{{"k":[0,0]}},"s":{{"k":[2,2]}},"r":{{"k":0}}}},
                    {RED},
                    {{"ty":"tr","p":{{"k":[5,5]}},"s":{{"k":[200,200]}},"o":{{"k":50}}}}
                ]}}
            ]}}"#
        ));
        let lines = draw(&json, 0.0, &TextOverrides::default());
        assert_eq!(
            lines,
            vec!["fill #ff000080 nonzero [2 0 0 2 15 5] M1,-1 L1,1 L-1,1 L-1,-1 Z".to_owned()]
        );
    }

    #[test]
    fn parenting_time_and_visibility() {
        let json = doc(
            r##"{"ty":1,"nm":"child","ind":1,"parent":2,"sc":"#00ff00","sw":1,"sh":1,"ip":5,"op":10,
                "ks":{"p":{"k":[1,1]}}},
               {"ty":3,"nm":"parent","ind":2,"ks":{"p":{"a":1,"k":[
                   {"t":0,"s":[0,0],"h":1},{"t":6,"s":[50,0]}]}}}"##,
        );
        assert!(
            draw(&json, 4.0, &TextOverrides::default()).is_empty(),
            "before in-point"
        );
        assert!(
            draw(&json, 10.0, &TextOverrides::default()).is_empty(),
            "at out-point"
        );
        let at5 = draw(&json, 5.0, &TextOverrides::default());
        assert!(at5[0].contains("[1 0 0 1 1 1]"), "hold keeps 0,0: {at5:?}");
        let at6 = draw(&json, 6.0, &TextOverrides::default());
        assert!(at6[0].contains("[1 0 0 1 51 1]"), "{at6:?}");
    }

    #[test]
    fn precomps_clip_and_shift_time() {
        let json = r##"{"w":100,"h":100,"fr":10,"ip":0,"op":20,
            "assets":[{"id":"inner","layers":[
                {"ty":1,"nm":"late","sc":"#ffffff","sw":5,"sh":5,"ip":3,"op":99}]}],
            "layers":[{"ty":0,"nm":"pc","refId":"inner","w":40,"h":30,"st":2}]}"##;
        assert_eq!(
            draw(json, 4.0, &TextOverrides::default()),
            vec!["clip [1 0 0 1 0 0] M0,0 L40,0 L40,30 L0,30 Z", "unclip"]
        );
        let at5 = draw(json, 5.0, &TextOverrides::default());
        assert_eq!(at5.len(), 3, "{at5:?}");
        assert!(at5[1].starts_with("fill #ffffffff"));
    }

    #[test]
    fn text_layers_draw_the_bound_text_without_changing_the_template() {
        let json = doc(r#"{"ty":5,"nm":"Greeting","ks":{"p":{"k":[50,60]}},
                "t":{"d":{"k":[{"t":0,"s":{"t":"Hi there","s":20,"fc":[1,1,1],"j":2,"lh":24}}]}}}"#);
        let comp = Composition::from_json(&json).unwrap();
        let mut texts = TextOverrides::new(comp.text_slots);
        let plain = evaluate(&comp, 0.0, &texts, Affine::IDENTITY);
        texts.set(0, Rc::new(SecretText::new("Hi Jane".to_owned())));
        let bound = evaluate(&comp, 0.0, &texts, Affine::IDENTITY);
        let text_of = |list: &DisplayList| match &list.items[0] {
            DisplayItem::Text { run, .. } => run.text.expose().to_owned(),
            other => format!("{other:?}"),
        };
        assert_eq!(text_of(&plain), "Hi there");
        assert_eq!(text_of(&bound), "Hi Jane");
        assert_eq!(
            text_of(&evaluate(
                &comp,
                0.0,
                &TextOverrides::new(1),
                Affine::IDENTITY
            )),
            "Hi there"
        );
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        // Ten precomps, each holding the next one 10 times: 10^10 leaves if unbounded.
        let mut assets = Vec::new();
        for i in 0..10 {
            let child = if i == 9 {
                r##"{"ty":1,"nm":"leaf","sc":"#000000","sw":1,"sh":1}"##.to_owned()
            } else {
                format!(r#"{{"ty":0,"nm":"n","refId":"c{}","w":9,"h":9}}"#, i + 1)
            };
            let layers = vec![child; 10].join(",");
            assets.push(format!(r#"{{"id":"c{i}","layers":[{layers}]}}"#));
        }
        let json = format!(
            r#"{{"w":9,"h":9,"fr":1,"ip":0,"op":1,"assets":[{}],"layers":[{{"ty":0,"refId":"c0","w":9,"h":9}}]}}"#,
            assets.join(",")
        );
        let comp = Composition::from_json(&json).unwrap();
        let list = evaluate(&comp, 0.0, &TextOverrides::default(), Affine::IDENTITY);
        assert_eq!(list.items.len(), MAX_ITEMS);
    }
}
