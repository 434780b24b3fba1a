//! Frame evaluation: the model at one frame, plus the bound texts, into a
//! [`DisplayList`]. Owns the Lottie drawing semantics (layer order, parenting,
//! time stretch and remap, shape groups, fill and stroke scope).
//!
//! Timing follows lottie-web: every property of a layer is evaluated at the
//! frame of the composition that contains it (keyframe times are in that
//! composition's time; `st` and `sr` do not shift them). Only a precomp's
//! content gets its own time: `(frame − st) / sr`, or the time remap.
//!
//! Must never touch the browser, copy a text (texts are shared `Rc`s), or do
//! unbounded work: a hostile file meets [`MAX_PRECOMP_DEPTH`] and the
//! per-frame [`WORK_BUDGET`], after which the frame is cut short.

use std::f64::consts::PI;
use std::rc::Rc;

use binding_engine::{SecretText, TextFit};

use crate::display_list::{DisplayItem, DisplayList, Filter, Paint, StrokeStyle, TextRun};
use crate::geometry::{cos, sin, sin_cos, Affine, Path, PathEl, Rgba, Vec2};
use crate::lottie::animated::{Animated, Components};
use crate::lottie::{
    BezierShape, BlendMode, Brush, Caps, Composition, Dash, Effect, FillRule, Glyph, Layer,
    LayerKind, LineCap, LineJoin, Mask, MaskMode, MatteMode, Polystar, Repeater, Rotation3d,
    ShapeItem, TextAnimator, TextDocument, Transform,
};
use crate::merge_paths::MergeMode;
use crate::text_layout::{self, AnimatorAt, SelectorAt, TextStyle};

/// Largest stretch (10,000×) at which a shape, image or text is drawn (see
/// `evaluate`): far beyond zooms that animations use.
pub const MAX_MAGNIFICATION: f64 = 1e4;

/// Deepest precomp nesting drawn.
pub const MAX_PRECOMP_DEPTH: usize = 32;
/// Work one frame may do, in units of one layer visited, one shape item
/// evaluated or one path element produced or copied. The whole corpus needs
/// far less (see the corpus test); a hostile file is cut off here, which also
/// bounds the display list's memory.
pub const WORK_BUDGET: usize = 1_000_000;

/// Edge pairs of a merge (each tested for a crossing) per unit of work.
const MERGE_PAIRS_PER_UNIT: usize = 8;

/// Bezier handle length for a quarter circle (lottie-web's value).
const KAPPA: f64 = 0.5519;

/// What one viewer's data changes in the template: texts by text slot,
/// layer properties by layer uid, fill and stroke colours by slot, image
/// assets. Built once per binding; shared with the display list, never
/// copied. The parsed template itself is never changed.
#[derive(Default)]
pub struct Overrides {
    texts: Vec<Option<(Rc<SecretText>, Option<TextFit>)>>,
    /// By [`Layer::uid`]; empty when no layer property is bound.
    layers: Vec<Option<LayerOverride>>,
    /// By index into [`Composition::slots`]: the colour of the fills and
    /// strokes that use the slot.
    colors: Vec<Option<Rgba>>,
    /// By image asset: the viewer's image drawn instead (its index in the
    /// display list's image numbering, after the template's images).
    images: Vec<Option<usize>>,
}

/// The bound properties of one layer. Personal data: `Debug` is redacted.
#[derive(Default, Clone, Copy, PartialEq)]
pub struct LayerOverride {
    /// The colour of every fill (shapes, a solid, a text).
    pub fill: Option<Rgba>,
    /// The colour of every stroke.
    pub stroke: Option<Rgba>,
    /// Opacity in percent.
    pub opacity: Option<f64>,
    /// Shown or not (regardless of the file's `hd`).
    pub visible: Option<bool>,
    /// Rotation in degrees.
    pub rotation: Option<f64>,
    /// Scale in percent, per axis.
    pub scale: [Option<f64>; 2],
    /// Position, per axis.
    pub position: [Option<f64>; 2],
    /// The viewer's image drawn instead of the layer's (display-list
    /// image number).
    pub image: Option<usize>,
}

impl std::fmt::Debug for Overrides {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Counts only: the values are the viewer's.
        let count = |v: usize| binding_engine::json::decimal(v as i64);
        f.write_str("Overrides(")?;
        f.write_str(&count(self.texts.iter().flatten().count()))?;
        f.write_str(" texts, ")?;
        f.write_str(&count(self.layers.iter().flatten().count()))?;
        f.write_str(" layers)")
    }
}

impl std::fmt::Debug for LayerOverride {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LayerOverride(..)")
    }
}

impl Overrides {
    /// No overrides, for `comp`'s text layers.
    pub fn new(slots: usize) -> Self {
        Self {
            texts: vec![None; slots],
            layers: Vec::new(),
            colors: Vec::new(),
            images: Vec::new(),
        }
    }

    /// Replaces the text of `slot`, which fits its room as `fit` says.
    pub fn set(&mut self, slot: usize, text: Rc<SecretText>, fit: Option<TextFit>) {
        if let Some(entry) = self.texts.get_mut(slot) {
            *entry = Some((text, fit));
        }
    }

    /// The bound properties of layer `uid` (of `layer_count`), to change.
    pub fn layer_mut(&mut self, uid: usize, layer_count: usize) -> Option<&mut LayerOverride> {
        if self.layers.len() < layer_count {
            self.layers.resize(layer_count, None);
        }
        let entry = self.layers.get_mut(uid)?;
        Some(entry.get_or_insert_with(LayerOverride::default))
    }

    /// Colours the fills and strokes that use slot `slot` (of `slots`).
    pub fn set_slot_color(&mut self, slot: usize, slots: usize, color: Rgba) {
        set_growing(&mut self.colors, slot, slots, color);
    }

    /// Draws display-list image `image` instead of image asset `asset`.
    pub fn set_image(&mut self, asset: usize, assets: usize, image: usize) {
        set_growing(&mut self.images, asset, assets, image);
    }

    fn text(&self, slot: usize) -> Option<&(Rc<SecretText>, Option<TextFit>)> {
        self.texts.get(slot).and_then(Option::as_ref)
    }

    fn layer(&self, uid: usize) -> Option<&LayerOverride> {
        if !crate::FULL {
            return None; // the lite build binds texts only
        }
        self.layers.get(uid).and_then(Option::as_ref)
    }

    fn slot_color(&self, slot: Option<usize>) -> Option<Rgba> {
        if !crate::FULL {
            return None; // the lite build binds texts only
        }
        self.colors.get(slot?).copied().flatten()
    }
}

impl Drop for Overrides {
    fn drop(&mut self) {
        // The viewer's colours and numbers, like their texts, are not left
        // behind in freed memory.
        // black_box keeps the stores (as SecretText's wipe).
        self.layers
            .iter_mut()
            .for_each(|l| *l = Some(LayerOverride::default()));
        let zero = Rgba {
            r: 0.0,
            g: 0.0,
            b: 0.0,
            a: 0.0,
        };
        self.colors.iter_mut().for_each(|c| *c = Some(zero));
        std::hint::black_box((&mut self.layers, &mut self.colors));
    }
}

/// Sets `list[index]` (a list of `len` entries, grown on first use).
fn set_growing<T: Clone>(list: &mut Vec<Option<T>>, index: usize, len: usize, value: T) {
    if list.len() < len {
        list.resize(len, None);
    }
    if let Some(entry) = list.get_mut(index) {
        *entry = Some(value);
    }
}

/// Evaluates `comp` at `frame` (composition frames, fractional allowed).
/// `view` maps composition pixels to canvas pixels.
pub fn evaluate(
    comp: &Composition,
    frame: f64,
    overrides: &Overrides,
    view: Affine,
) -> DisplayList {
    let mut eval = Evaluator {
        comp,
        overrides,
        current: None,
        items: Vec::new(),
        work_left: WORK_BUDGET,
    };
    eval.layers(&comp.layers, frame, view, 1.0, 0);
    // Draws magnified beyond any real animation (a repeater scaling each
    // copy 9×, say) are left out: Chromium's rasterizer can take seconds
    // on them, and at that scale a shape covers everything or nothing.
    eval.items.retain(|item| match item {
        DisplayItem::Fill { transform, .. }
        | DisplayItem::Stroke { transform, .. }
        | DisplayItem::Image { transform, .. }
        | DisplayItem::Text { transform, .. } => transform.magnification() <= MAX_MAGNIFICATION,
        _ => true,
    });
    DisplayList {
        items: eval.items,
        work: WORK_BUDGET - eval.work_left,
        truncated: eval.work_left == 0,
    }
}

struct Evaluator<'a> {
    comp: &'a Composition,
    overrides: &'a Overrides,
    /// The bound properties of the layer being drawn.
    current: Option<LayerOverride>,
    items: Vec<DisplayItem>,
    work_left: usize,
}

impl Evaluator<'_> {
    /// Spends `units` of the frame's budget; `false` once it is gone.
    fn spend(&mut self, units: usize) -> bool {
        if units > self.work_left {
            self.work_left = 0;
            return false;
        }
        self.work_left -= units;
        true
    }

    fn layers(&mut self, layers: &[Layer], frame: f64, view: Affine, opacity: f64, depth: usize) {
        if depth > MAX_PRECOMP_DEPTH || !self.spend(layers.len()) {
            return;
        }
        let world = world_matrices(layers, frame, self.overrides);
        // Lottie lists layers top first; draw bottom first.
        for index in (0..layers.len()).rev() {
            if self.work_left == 0 {
                return;
            }
            let Some(layer) = layers.get(index) else {
                continue;
            };
            let shown = self.overrides.layer(layer.uid).and_then(|o| o.visible);
            if !shown.unwrap_or(!layer.hidden) || layer.matte_source {
                continue;
            }
            let matte = layer
                .matte
                .filter(|m| layers.get(m.layer).is_some() && depth < MAX_PRECOMP_DEPTH);
            let Some(matte) = matte else {
                self.layer(layers, &world, index, frame, view, opacity, depth);
                continue;
            };
            if !self.in_range(layer, frame) {
                continue;
            }
            // The layer and its matte each in a group of their own, then
            // the matte cuts the layer (the backend composites offscreen).
            self.items.push(DisplayItem::PushGroup);
            self.layer(layers, &world, index, frame, view, opacity, depth);
            self.items.push(DisplayItem::PushGroup);
            self.layer(layers, &world, matte.layer, frame, view, 1.0, depth + 1);
            self.items.push(DisplayItem::PopMatte(matte.mode));
        }
    }

    fn in_range(&self, layer: &Layer, frame: f64) -> bool {
        frame >= layer.in_point && frame < layer.out_point
    }

    /// Draws one layer of `layers` (its masks, blend mode and content).
    #[allow(
        clippy::too_many_arguments,
        reason = "the evaluation context of one layer"
    )]
    fn layer(
        &mut self,
        layers: &[Layer],
        world: &[Affine],
        index: usize,
        frame: f64,
        view: Affine,
        opacity: f64,
        depth: usize,
    ) {
        let (Some(layer), Some(matrix)) = (layers.get(index), world.get(index)) else {
            return;
        };
        if !self.in_range(layer, frame) {
            return;
        }
        let matrix = view * *matrix;
        let bound = self.overrides.layer(layer.uid).copied();
        let own_opacity = bound
            .and_then(|b| b.opacity)
            .unwrap_or_else(|| component(&layer.transform.opacity, frame));
        let opacity = opacity * own_opacity.clamp(0.0, 100.0) / 100.0;
        if opacity <= 0.0 || !matrix.is_finite() {
            return;
        }
        let outer = std::mem::replace(&mut self.current, bound);
        self.layer_drawn(layer, frame, matrix, opacity, depth);
        self.current = outer;
    }

    /// The drawing of [`Evaluator::layer`], with the layer's bound
    /// properties current.
    fn layer_drawn(
        &mut self,
        layer: &Layer,
        frame: f64,
        matrix: Affine,
        opacity: f64,
        depth: usize,
    ) {
        // A blend mode applies to each of the layer's draws (exact for
        // layers whose shapes do not overlap; an offscreen layer would be
        // exact for all, at a cost).
        let blended = layer.blend != BlendMode::Normal && !matches!(layer.kind, LayerKind::Null);
        if blended {
            self.items.push(DisplayItem::SetBlend(layer.blend));
        }
        // A stroke effect painting over the layer or alone takes the masks
        // for its paths, and they no longer cut the layer (lottie-web).
        // (The lite build imports no effects: crate::FULL.)
        let stroke_effect = layer.effects.iter().find_map(|e| match e {
            Effect::Stroke { style, .. } if crate::FULL => Some(*style),
            _ => None,
        });
        let masks_cut = !matches!(stroke_effect, Some(1 | 2));
        // Hard-edged masks clip; masks with opacity or expansion are drawn
        // into an alpha matte for the layer instead.
        // (The lite build imports none: crate::FULL.)
        let alpha_masks = crate::FULL && masks_cut && layer.masks.iter().any(Mask::needs_alpha);
        if stroke_effect == Some(3) {
            self.items.push(DisplayItem::PushGroup);
        }
        let clips = if !masks_cut {
            0
        } else if alpha_masks {
            self.items.push(DisplayItem::PushGroup);
            0
        } else {
            self.mask_clips(layer, frame, matrix)
        };
        // Effects filter the layer's content before its masks cut it, as
        // in SVG, where a filter applies before the clip.
        let filters = if crate::FULL {
            filters_at(&layer.effects, frame, &matrix)
        } else {
            Vec::new()
        };
        // A precomp's bounds also cut what its effects spread (a shadow),
        // as the clip on lottie-web's layer element does.
        let bounds = match &layer.kind {
            LayerKind::Precomp { width, height, .. } if !filters.is_empty() => {
                self.push_clip(
                    matrix,
                    Path::rect(0.0, 0.0, *width, *height),
                    FillRule::NonZero,
                );
                true
            }
            _ => false,
        };
        if !filters.is_empty() {
            self.items.push(DisplayItem::PushGroup);
        }
        let content_start = self.items.len();
        if stroke_effect != Some(2) {
            self.layer_content(layer, frame, matrix, opacity, depth);
        }
        if !filters.is_empty() {
            let region = self
                .items
                .get(content_start..)
                .and_then(|drawn| filter_region(&filters, drawn));
            self.items.push(DisplayItem::PopFilters { filters, region });
        }
        if bounds {
            self.items.push(DisplayItem::PopClip);
        }
        for _ in 0..clips {
            self.items.push(DisplayItem::PopClip);
        }
        if alpha_masks {
            self.items.push(DisplayItem::PushGroup);
            self.mask_matte(layer, frame, matrix);
            self.items.push(DisplayItem::PopMatte(MatteMode::Alpha));
        }
        match stroke_effect {
            Some(3) => {
                // The strokes reveal the layer: they are its alpha matte.
                self.items.push(DisplayItem::PushGroup);
                self.stroke_effect(layer, frame, matrix, 1.0);
                self.items.push(DisplayItem::PopMatte(MatteMode::Alpha));
            }
            Some(_) => self.stroke_effect(layer, frame, matrix, opacity),
            None => {}
        }
        if blended {
            self.items.push(DisplayItem::SetBlend(BlendMode::Normal));
        }
    }

    /// Pushes the clips that draw `layer`'s masks; returns how many. Adds
    /// are unioned into one clip; intersect, subtract and inverted masks
    /// each narrow it further (exact for masks in the usual order: adds
    /// first, then the others).
    fn mask_clips(&mut self, layer: &Layer, frame: f64, matrix: Affine) -> usize {
        let mut clips = 0;
        let mut union = Path::default();
        for (i, mask) in layer.masks.iter().enumerate() {
            let shape = mask.path.at(frame);
            if !self.spend(shape.vertices.len() + 2) {
                break;
            }
            let mut outline = Path::default();
            bezier_path(&mut outline, &shape);
            // `keep_inside`: the clip keeps the path's inside, else its outside.
            let keep_inside = match mask.mode {
                MaskMode::Add | MaskMode::Intersect => !mask.inverted,
                MaskMode::Subtract => mask.inverted,
            };
            if mask.mode == MaskMode::Add && keep_inside {
                union.0.extend(outline.0);
                continue;
            }
            // A subtract or intersect (or an inverted add) after adds: the
            // adds so far become one clip first.
            if !union.is_empty() {
                self.push_clip(matrix, std::mem::take(&mut union), FillRule::NonZero);
                clips += 1;
            } else if i > 0 && mask.mode == MaskMode::Add {
                // An inverted add after others widens the region: not drawn.
                continue;
            }
            if keep_inside {
                self.push_clip(matrix, outline, FillRule::NonZero);
            } else {
                // Everything but the path: a huge rectangle around it, even-odd.
                let mut outside = Path::rect(-1e6, -1e6, 2e6, 2e6);
                outside.0.extend(outline.0);
                self.push_clip(matrix, outside, FillRule::EvenOdd);
            }
            clips += 1;
        }
        if !union.is_empty() {
            self.push_clip(matrix, union, FillRule::NonZero);
            clips += 1;
        }
        clips
    }

    /// The stroke effect (22): the chosen mask paths stroked with round
    /// caps, trimmed to start..end, dotted by the spacing, as lottie-web
    /// draws it with SVG dashes.
    fn stroke_effect(&mut self, layer: &Layer, frame: f64, matrix: Affine, opacity: f64) {
        let Some(Effect::Stroke {
            mask,
            color,
            brush,
            opacity: stroke_opacity,
            start,
            end,
            spacing,
            ..
        }) = layer
            .effects
            .iter()
            .find(|e| matches!(e, Effect::Stroke { .. }))
        else {
            return;
        };
        let width = component(brush, frame) * 2.0;
        let (s, e) = (component(start, frame), component(end, frame));
        let (from, to) = (s.min(e) / 100.0, s.max(e) / 100.0);
        let gap = width * component(spacing, frame) / 100.0;
        let paint = Paint::Solid(
            rgb(color.at(frame))
                .with_opacity(opacity * component(stroke_opacity, frame).clamp(0.0, 1.0)),
        );
        for (i, m) in layer.masks.iter().enumerate() {
            if mask.is_some_and(|only| only != i) {
                continue;
            }
            let shape = m.path.at(frame);
            if !self.spend(shape.vertices.len() + 2) || width <= 0.0 {
                return;
            }
            let mut outline = Path::default();
            bezier_path(&mut outline, &shape);
            if from != 0.0 || to != 1.0 {
                outline = crate::trim::trim(&outline, from, to, 0.0);
            }
            self.items.push(DisplayItem::Stroke {
                transform: matrix,
                path: Rc::new(outline),
                paint: paint.clone(),
                style: StrokeStyle {
                    width,
                    cap: LineCap::Round,
                    join: LineJoin::Miter,
                    miter_limit: 4.0,
                    dash: (gap > 0.0).then(|| (Rc::from([1.0, gap]), 0.0)),
                },
            });
        }
    }

    /// Draws `layer`'s masks as an alpha matte, the way lottie-web's SVG
    /// mask paints them: adds paint their opacity over what is there,
    /// subtracts erase by theirs, intersects keep only what is inside them;
    /// a first subtract or intersect starts from everything.
    fn mask_matte(&mut self, layer: &Layer, frame: f64, matrix: Affine) {
        for (i, mask) in layer.masks.iter().enumerate() {
            let shape = mask.path.at(frame);
            if !self.spend(shape.vertices.len() + 2) {
                break;
            }
            if i == 0 && mask.mode != MaskMode::Add {
                self.items.push(DisplayItem::Fill {
                    transform: matrix,
                    path: Rc::new(Path::rect(-1e6, -1e6, 2e6, 2e6)),
                    paint: Paint::Solid(Rgba::black(1.0)),
                    rule: FillRule::NonZero,
                });
            }
            let mut outline = Path::default();
            bezier_path(&mut outline, &shape);
            let rule = if mask.inverted {
                let mut outside = Path::rect(-1e6, -1e6, 2e6, 2e6);
                outside.0.extend(outline.0);
                outline = outside;
                FillRule::EvenOdd
            } else {
                FillRule::NonZero
            };
            let operation = match mask.mode {
                MaskMode::Add => None,
                MaskMode::Subtract => Some("destination-out"),
                MaskMode::Intersect => Some("destination-in"),
            };
            if let Some(operation) = operation {
                self.items
                    .push(DisplayItem::SetBlend(BlendMode::Composite(operation)));
            }
            let alpha = (component(&mask.opacity, frame) / 100.0).clamp(0.0, 1.0);
            let paint = Paint::Solid(Rgba::black(alpha));
            let path = Rc::new(outline);
            let expansion = component(&mask.expansion, frame);
            // Feather: the mask's drawing blurred, about half the feather
            // width as the deviation (Canvas2D blurs both ways alike).
            let feather = mask.feather.at(frame);
            let sigma = if crate::FULL {
                feather[0].max(feather[1]).max(0.0) / 2.0 * matrix.magnification()
            } else {
                0.0
            };
            if sigma > 0.0 {
                self.items.push(DisplayItem::PushGroup);
            }
            self.items.push(DisplayItem::Fill {
                transform: matrix,
                path: Rc::clone(&path),
                paint: paint.clone(),
                rule,
            });
            if expansion > 0.0 && !mask.inverted {
                self.items.push(DisplayItem::Stroke {
                    transform: matrix,
                    path,
                    paint,
                    style: StrokeStyle {
                        width: expansion * 2.0,
                        cap: LineCap::Butt,
                        join: LineJoin::Miter,
                        miter_limit: 4.0,
                        dash: None,
                    },
                });
            }
            if sigma > 0.0 {
                self.items.push(DisplayItem::PopFilters {
                    filters: vec![Filter::Blur(sigma)],
                    region: None,
                });
            }
            if operation.is_some() {
                self.items.push(DisplayItem::SetBlend(BlendMode::Normal));
            }
        }
    }

    fn push_clip(&mut self, transform: Affine, path: Path, rule: FillRule) {
        self.items.push(DisplayItem::PushClip {
            transform,
            path: Rc::new(path),
            rule,
        });
    }

    fn layer_content(
        &mut self,
        layer: &Layer,
        frame: f64,
        matrix: Affine,
        opacity: f64,
        depth: usize,
    ) {
        match &layer.kind {
            LayerKind::Null => {}
            LayerKind::Solid {
                color,
                width,
                height,
            } => self.items.push(DisplayItem::Fill {
                transform: matrix,
                path: Rc::new(Path::rect(0.0, 0.0, *width, *height)),
                paint: Paint::Solid(self.fill_color(*color).with_opacity(opacity)),
                rule: FillRule::NonZero,
            }),
            LayerKind::Shape(items) => {
                let start = self.items.len();
                self.shape_group(items, frame, matrix, opacity, &[]);
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
                    return;
                };
                if !self.spend(2) {
                    return; // the clip pair
                }
                let child_frame = match time_remap {
                    // lottie-web holds the last frame at the layer's out point.
                    Some(tm) => {
                        let remapped = tm.at(frame)[0] * self.comp.frame_rate;
                        if remapped == layer.out_point {
                            remapped - 1.0
                        } else {
                            remapped
                        }
                    }
                    None => (frame - layer.start_time) / layer.stretch,
                };
                self.push_clip(
                    matrix,
                    Path::rect(0.0, 0.0, *width, *height),
                    FillRule::NonZero,
                );
                self.layers(children, child_frame, matrix, opacity, depth + 1);
                self.items.push(DisplayItem::PopClip);
            }
            LayerKind::Image { image } => {
                let Some(asset) = self.comp.images.get(*image) else {
                    return;
                };
                // The viewer's image: the layer's own, else its asset's slot's.
                let shown = self
                    .current
                    .and_then(|c| c.image)
                    .or_else(|| self.overrides.images.get(*image).copied().flatten())
                    .unwrap_or(*image);
                self.items.push(DisplayItem::Image {
                    transform: matrix,
                    image: shown,
                    width: asset.width,
                    height: asset.height,
                    opacity,
                });
            }
            LayerKind::Text(text) => {
                // Documents are hold-keyed (sorted at import): the last one started.
                let index = text
                    .documents
                    .partition_point(|(t, _)| *t <= frame)
                    .saturating_sub(1);
                let Some((_, doc)) = text.documents.get(index) else {
                    return;
                };
                let (shown, fit) = match self.overrides.text(text.slot) {
                    Some((bound, fit)) => (Rc::clone(bound), *fit),
                    None => (Rc::clone(&doc.text), None),
                };
                let animators = if crate::FULL {
                    animators_at(&text.animators, frame)
                } else {
                    Vec::new()
                };
                if crate::FULL
                    && self.glyph_text(doc, &shown, fit, &animators, frame, matrix, opacity)
                {
                    return;
                }
                self.items.push(DisplayItem::Text {
                    transform: matrix,
                    run: TextRun {
                        text: shown,
                        font: doc.font,
                        size: doc.size,
                        color: self.fill_color(doc.fill).with_opacity(opacity),
                        justify: doc.justify,
                        line_height: doc.line_height,
                        stroke: doc.stroke.map(|(c, w, over)| {
                            (self.stroke_color(c).with_opacity(opacity), w, over)
                        }),
                        tracking: doc.tracking / 1000.0 * doc.size,
                        caps: doc.caps,
                        text_box: doc.text_box,
                        baseline_shift: doc.baseline_shift,
                        animators: animators.into(),
                        fit,
                        ascent: doc
                            .font
                            .and_then(|f| self.comp.fonts.get(f))
                            .map_or(75.0, |f| f.ascent)
                            / 100.0
                            * doc.size,
                    },
                });
            }
        }
    }

    /// Evaluates a group's items, pushing draws top first. Returns the
    /// group's geometry in its own space, for fills and strokes further down
    /// in the parent group. Geometry is shared copy-on-write: a fill takes a
    /// reference, and only a path added after it forces a copy (budgeted).
    fn shape_group(
        &mut self,
        items: &[ShapeItem],
        frame: f64,
        to_canvas: Affine,
        opacity: f64,
        inherited: &[Modifier],
    ) -> Rc<Path> {
        let mut geometry = Rc::new(Path::default());
        if !self.spend(items.len()) {
            return geometry;
        }
        // Where this group's draws start, for repeaters.
        let group_start = self.items.len();
        // Path modifiers (trims, pucker & bloat, ...) apply to the paths
        // above them in the group, and in its subgroups above them, nearest
        // first; the group's own come before inherited ones.
        let modifiers: Vec<(usize, Modifier)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((i, Modifier::at(item, frame)?)))
            .collect();
        let modifiers_after = |i: usize| -> Vec<Modifier> {
            modifiers
                .iter()
                .filter(|(j, _)| *j > i)
                .map(|(_, m)| *m)
                .chain(inherited.iter().copied())
                .collect()
        };
        // "Individually" trims of this group take the paths above them, in
        // file order, as one: each path keeps its share of the trimmed
        // range. Their lengths are needed before anything is drawn, since
        // styles listed above a trim draw the trimmed paths too. (Subgroups
        // above such a trim trim their own paths, as "simultaneously".)
        let sequences: Vec<(usize, Modifier)> = modifiers
            .iter()
            .filter(|(_, m)| {
                matches!(
                    m,
                    Modifier::Trim {
                        individually: true,
                        ..
                    }
                )
            })
            .copied()
            .collect();
        let mut prebuilt: Vec<Option<Path>> = Vec::new();
        if crate::FULL && !sequences.is_empty() {
            for (i, item) in items.iter().enumerate() {
                // The group's own "individually" trims are applied below.
                let others: Vec<Modifier> = modifiers
                    .iter()
                    .filter(|(j, m)| {
                        *j > i
                            && !matches!(
                                m,
                                Modifier::Trim {
                                    individually: true,
                                    ..
                                }
                            )
                    })
                    .map(|(_, m)| *m)
                    .chain(inherited.iter().copied())
                    .collect();
                let built = self.shape_path(item, frame);
                prebuilt.push(built.map(|shape| self.modified(shape, &others)));
            }
        }
        let lengths: Vec<f64> = prebuilt
            .iter()
            .map(|p| p.as_ref().map_or(0.0, crate::trim::length))
            .collect();
        // Where each path or subgroup starts in `geometry`: the operands of
        // a merge.
        let mut operand_starts: Vec<usize> = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let mut shape = Path::default();
            operand_starts.push(geometry.0.len());
            if let Some(Some(built)) = prebuilt.get_mut(index).map(Option::take) {
                // A path of an "individually" sequence: its share of each.
                shape = built;
                for (k, trim) in sequences.iter().filter(|(k, _)| *k > index) {
                    let Modifier::Trim {
                        start, end, offset, ..
                    } = *trim
                    else {
                        continue;
                    };
                    let above = lengths.get(..*k).unwrap_or_default();
                    let total: f64 = above.iter().sum();
                    let before: f64 = above.get(..index).unwrap_or_default().iter().sum();
                    shape = crate::trim::trim_piece(&shape, total, before, start, end, offset);
                }
                if self.add_geometry(&mut geometry, shape.0.len()) {
                    Rc::make_mut(&mut geometry).0.extend(shape.0);
                }
                continue;
            }
            match item {
                ShapeItem::Group { items, transform } => {
                    let local = transform_matrix(transform, frame);
                    let group_opacity = component(&transform.opacity, frame) / 100.0;
                    let child = self.shape_group(
                        items,
                        frame,
                        to_canvas * local,
                        opacity * group_opacity,
                        &modifiers_after(index),
                    );
                    // Already modified inside the child.
                    if self.add_geometry(&mut geometry, child.0.len()) {
                        Rc::make_mut(&mut geometry).extend_transformed(&child, &local);
                    }
                    continue;
                }
                ShapeItem::Rect { .. }
                | ShapeItem::Ellipse { .. }
                | ShapeItem::Polystar(_)
                | ShapeItem::Path(_) => {
                    if let Some(built) = self.shape_path(item, frame) {
                        shape = built;
                    }
                }
                ShapeItem::Trim { .. }
                | ShapeItem::PuckerBloat { .. }
                | ShapeItem::OffsetPath { .. }
                | ShapeItem::RoundCorners { .. }
                | ShapeItem::ZigZag { .. } => continue,
                ShapeItem::Repeater(repeater) if crate::FULL => {
                    geometry = self.repeat(repeater, frame, to_canvas, group_start, &geometry);
                    operand_starts = vec![0];
                    continue;
                }
                ShapeItem::Merge(mode) if crate::FULL => {
                    if let Some(merged) = self.merge(&geometry, &operand_starts, *mode, &to_canvas)
                    {
                        geometry = Rc::new(merged);
                    }
                    // Whatever the mode, what is above is one path now.
                    operand_starts = vec![0];
                    continue;
                }
                ShapeItem::Merge(_) | ShapeItem::Repeater(_) => continue,
                ShapeItem::Fill {
                    brush,
                    opacity: fill_opacity,
                    rule,
                    slot,
                } => {
                    if geometry.is_empty() {
                        continue;
                    }
                    let alpha = opacity * component(fill_opacity, frame) / 100.0;
                    let bound = self.current.and_then(|c| c.fill);
                    self.items.push(DisplayItem::Fill {
                        transform: to_canvas,
                        path: Rc::clone(&geometry),
                        paint: self.bound_paint(bound, *slot, brush, frame, alpha),
                        rule: *rule,
                    });
                }
                ShapeItem::Stroke {
                    slot,
                    brush,
                    opacity: stroke_opacity,
                    width,
                    cap,
                    join,
                    miter_limit,
                    dash,
                } => {
                    let width = component(width, frame);
                    if geometry.is_empty() || width <= 0.0 {
                        continue;
                    }
                    let alpha = opacity * component(stroke_opacity, frame) / 100.0;
                    let bound = self.current.and_then(|c| c.stroke);
                    self.items.push(DisplayItem::Stroke {
                        transform: to_canvas,
                        path: Rc::clone(&geometry),
                        paint: self.bound_paint(bound, *slot, brush, frame, alpha),
                        style: StrokeStyle {
                            width,
                            cap: *cap,
                            join: *join,
                            miter_limit: *miter_limit,
                            dash: dash.as_ref().and_then(|d| dash_at(d, frame)),
                        },
                    });
                }
            }
            if shape.is_empty() {
                continue;
            }
            if !modifiers.is_empty() || !inherited.is_empty() {
                shape = self.modified(shape, &modifiers_after(index));
            }
            if self.add_geometry(&mut geometry, shape.0.len()) {
                Rc::make_mut(&mut geometry).0.extend(shape.0);
            }
        }
        geometry
    }

    /// The layer's bound fill colour, else `own`.
    fn fill_color(&self, own: Rgba) -> Rgba {
        self.current.and_then(|c| c.fill).unwrap_or(own)
    }

    /// The layer's bound stroke colour, else `own`.
    fn stroke_color(&self, own: Rgba) -> Rgba {
        self.current.and_then(|c| c.stroke).unwrap_or(own)
    }

    /// A fill's or stroke's paint: the layer's bound colour, else its
    /// slot's bound colour, else its own brush.
    fn bound_paint(
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

    /// The outline of a shape item (rect, ellipse, polystar, path) at
    /// `frame`; `None` for items that are not shapes.
    fn shape_path(&mut self, item: &ShapeItem, frame: f64) -> Option<Path> {
        let mut shape = Path::default();
        match item {
            ShapeItem::Rect {
                position,
                size,
                roundness,
            } => {
                let (p, s) = (position.at(frame), size.at(frame));
                let r = component(roundness, frame);
                rect_path(&mut shape, p[0], p[1], s[0], s[1], r);
            }
            ShapeItem::Ellipse { position, size } => {
                let (p, s) = (position.at(frame), size.at(frame));
                ellipse_path(&mut shape, p[0], p[1], s[0] / 2.0, s[1] / 2.0);
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
            ShapeItem::Path(bezier) => bezier_path(&mut shape, &bezier.at(frame)),
            _ => return None,
        }
        Some(shape)
    }

    /// A group's `geometry` merged by `mode`, its operands starting at
    /// `starts`; `None` to keep it as it is ("merge" mode, or more edges
    /// than the frame's budget can combine: then drawn unmerged, as
    /// lottie-web draws every merge).
    fn merge(
        &mut self,
        geometry: &Path,
        starts: &[usize],
        mode: MergeMode,
        to_canvas: &Affine,
    ) -> Option<Path> {
        if mode == MergeMode::Merge || geometry.is_empty() {
            return None;
        }
        let mut operands: Vec<Path> = Vec::new();
        let mut bounds: Vec<usize> = starts.to_vec();
        bounds.push(geometry.0.len());
        for pair in bounds.windows(2) {
            if let (Some(&from), Some(&to)) = (pair.first(), pair.get(1)) {
                if let Some(elements) = geometry.0.get(from..to).filter(|e| !e.is_empty()) {
                    operands.push(Path(elements.to_vec()));
                }
            }
        }
        // One path alone stays as it is (its fill's rule still applies), as
        // in Skottie and lottie-android.
        if operands.len() < 2 {
            return None;
        }
        // Flat to a quarter of a pixel on the canvas.
        let tolerance = 0.25 / to_canvas.magnification().max(1e-6);
        let work = crate::merge_paths::cost(&operands, tolerance) / MERGE_PAIRS_PER_UNIT;
        // Refused rather than spent: the rest of the frame still draws.
        if work >= self.work_left {
            return None;
        }
        self.work_left -= work;
        Some(crate::merge_paths::merge(&operands, mode, tolerance))
    }

    /// `shape` with `modifiers` applied in order, refusing early what the
    /// budget could never take.
    fn modified(&mut self, mut shape: Path, modifiers: &[Modifier]) -> Path {
        for modifier in modifiers {
            if shape.0.len().saturating_mul(modifier.growth()) > self.work_left {
                self.work_left = 0;
                return Path::default();
            }
            shape = modifier.apply(&shape);
        }
        shape
    }

    /// Draws text from the file's glyph outlines (`chars`) when its font
    /// has them, laid out as lottie-web does; `false` when it has none and
    /// the browser's fonts must draw it.
    #[allow(
        clippy::too_many_arguments,
        reason = "the evaluation context of one text layer"
    )]
    #[allow(
        clippy::too_many_arguments,
        reason = "the evaluation context of one text"
    )]
    fn glyph_text(
        &mut self,
        doc: &TextDocument,
        text: &SecretText,
        fit: Option<TextFit>,
        animators: &[AnimatorAt],
        frame: f64,
        matrix: Affine,
        opacity: f64,
    ) -> bool {
        let comp = self.comp;
        let Some(font) = doc.font.and_then(|f| comp.fonts.get(f)) else {
            return false;
        };
        let in_font = |g: &&Glyph| g.family == font.family && g.style == font.style;
        if !comp.glyphs.iter().any(|g| in_font(&g)) {
            return false;
        }
        let find = |c: char| comp.glyphs.iter().filter(in_font).find(|g| g.ch == c);
        let scale = doc.size / 100.0;
        let width_of = |c: char| find(c).map_or(0.0, |g| g.width * scale);
        let upper;
        let text = if doc.caps == Caps::All {
            upper = text_layout::all_caps(text.expose());
            upper.expose()
        } else {
            text.expose()
        };
        let mut style = text_style(doc, font.ascent);
        style.fill = self.fill_color(style.fill);
        style.stroke = style.stroke.map(|(c, w)| (self.stroke_color(c), w));
        // A bound text that must fit its room, measured with the glyphs'
        // widths: drawn smaller about its origin (or its box's corner), or cut.
        let fitted = fit.map(|fit| {
            let box_width = doc.text_box.map(|b| b.size.x);
            text_layout::fit(text, doc.size, box_width, style.tracking, &fit, &mut |c| {
                width_of(c)
            })
        });
        let text = fitted
            .as_ref()
            .and_then(|f| f.text.as_ref())
            .map_or(text, |cut| cut.expose());
        let scale_to_fit = fitted.as_ref().map_or(1.0, |f| f.scale);
        let (matrix, text_box) = text_layout::shrunk(matrix, style.text_box, scale_to_fit);
        style.text_box = text_box;
        let lines = match &style.text_box {
            Some(b) => text_layout::wrap(text, b.size.x, style.tracking, &mut |c| width_of(c)),
            None => text_layout::hard_lines(text),
        };
        let letters = text_layout::place_letters(text, &lines, &width_of, &style, animators);
        // Without animators every letter looks the same: one outline.
        let mut outline = Path::default();
        for letter in letters {
            let Some(glyph) = text
                .get(letter.range.0..letter.range.1)
                .and_then(|s| s.chars().next())
                .and_then(find)
            else {
                continue;
            };
            let local = letter.transform * Affine::scale(scale, scale);
            let shape = self.shape_group(&glyph.shapes, frame, matrix * local, opacity, &[]);
            if !self.spend(shape.0.len()) {
                break;
            }
            if animators.is_empty() {
                outline.extend_transformed(&shape, &local);
                continue;
            }
            let mut own = Path::default();
            own.extend_transformed(&shape, &local);
            let alpha = opacity * letter.opacity;
            self.text_paint(
                Rc::new(own),
                matrix,
                letter.fill.with_opacity(alpha),
                letter.stroke.map(|(c, w)| (c.with_opacity(alpha), w)),
                doc,
            );
        }
        if animators.is_empty() {
            self.text_paint(
                Rc::new(outline),
                matrix,
                style.fill.with_opacity(opacity),
                style.stroke.map(|(c, w)| (c.with_opacity(opacity), w)),
                doc,
            );
        }
        true
    }

    /// Fills (and strokes) a glyph outline, stroke over or under the fill
    /// as the document says.
    fn text_paint(
        &mut self,
        outline: Rc<Path>,
        matrix: Affine,
        fill: Rgba,
        stroke: Option<(Rgba, f64)>,
        doc: &TextDocument,
    ) {
        let fill = DisplayItem::Fill {
            transform: matrix,
            path: Rc::clone(&outline),
            paint: Paint::Solid(fill),
            rule: FillRule::NonZero,
        };
        let Some((color, width)) = stroke.filter(|(_, w)| *w > 0.0) else {
            self.items.push(fill);
            return;
        };
        let stroke = DisplayItem::Stroke {
            transform: matrix,
            path: outline,
            paint: Paint::Solid(color),
            style: StrokeStyle {
                width,
                cap: LineCap::Butt,
                join: LineJoin::Miter,
                miter_limit: 4.0,
                dash: None,
            },
        };
        if doc.stroke.is_some_and(|(_, _, over)| !over) {
            self.items.extend([stroke, fill]);
        } else {
            self.items.extend([fill, stroke]);
        }
    }

    /// Replaces the group's draws since `group_start` (top first) and its
    /// geometry with the repeater's copies; returns the new geometry.
    fn repeat(
        &mut self,
        repeater: &Repeater,
        frame: f64,
        to_canvas: Affine,
        group_start: usize,
        geometry: &Rc<Path>,
    ) -> Rc<Path> {
        let copies = component(&repeater.copies, frame)
            .round()
            .clamp(0.0, 1_000.0) as usize;
        let drawn: Vec<DisplayItem> = self
            .items
            .drain(group_start.min(self.items.len())..)
            .collect();
        let cost = (drawn.len() + geometry.0.len()).saturating_mul(copies);
        let Some(from_canvas) = to_canvas.inverse() else {
            return Rc::new(Path::default());
        };
        if copies == 0 || !self.spend(cost) {
            return Rc::new(Path::default());
        }
        let offset = component(&repeater.offset, frame);
        let (first, last) = (
            component(&repeater.start_opacity, frame) / 100.0,
            component(&repeater.end_opacity, frame) / 100.0,
        );
        let mut copies_drawn: Vec<Vec<DisplayItem>> = Vec::with_capacity(copies);
        let mut repeated = Path::default();
        for i in 0..copies {
            let step = repeat_matrix(&repeater.transform, frame, i as f64 + offset);
            let on_canvas = to_canvas * step * from_canvas;
            let share = if copies > 1 {
                i as f64 / (copies - 1) as f64
            } else {
                0.0
            };
            let alpha = first + (last - first) * share;
            copies_drawn.push(
                drawn
                    .iter()
                    .filter_map(|item| moved(item, &on_canvas, alpha))
                    .collect(),
            );
            repeated.extend_transformed(geometry, &step);
        }
        // Draws are kept top first: with later copies above, they come first.
        if repeater.above {
            copies_drawn.reverse();
        }
        self.items.extend(copies_drawn.into_iter().flatten());
        Rc::new(repeated)
    }

    /// Budgets adding `elements` path elements to `geometry`, plus the copy
    /// that adding forces when a fill or stroke already shares it.
    fn add_geometry(&mut self, geometry: &mut Rc<Path>, elements: usize) -> bool {
        let copy = if Rc::strong_count(geometry) > 1 {
            geometry.0.len()
        } else {
            0
        };
        self.spend(elements + copy)
    }
}

/// The repeater's transform applied `steps` times (fractional steps scale
/// the last one): scale and rotation about the anchor, then the position.
fn repeat_matrix(t: &Transform, frame: f64, steps: f64) -> Affine {
    let anchor = t.anchor.at(frame);
    let position = t.position.at(frame);
    let scale = t.scale.at(frame);
    let rotation = component(&t.rotation, frame) * PI / 180.0;
    let step = |share: f64| {
        Affine::translate(position.x * share, position.y * share)
            * Affine::translate(anchor[0], anchor[1])
            * Affine::rotate(rotation * share)
            * Affine::scale(
                1.0 + (scale[0] / 100.0 - 1.0) * share,
                1.0 + (scale[1] / 100.0 - 1.0) * share,
            )
            * Affine::translate(-anchor[0], -anchor[1])
    };
    let whole = steps.max(0.0).floor().min(1_000.0) as usize;
    let mut m = Affine::IDENTITY;
    let one = step(1.0);
    for _ in 0..whole {
        m = one * m;
    }
    let rest = steps.max(0.0) - whole as f64;
    if rest > 0.0 {
        m = step(rest) * m;
    }
    m
}

/// A fill or stroke moved by `on_canvas` with its alpha scaled.
fn moved(item: &DisplayItem, on_canvas: &Affine, alpha: f64) -> Option<DisplayItem> {
    match item {
        DisplayItem::Fill {
            transform,
            path,
            paint,
            rule,
        } => Some(DisplayItem::Fill {
            transform: *on_canvas * *transform,
            path: Rc::clone(path),
            paint: paint.with_opacity(alpha),
            rule: *rule,
        }),
        DisplayItem::Stroke {
            transform,
            path,
            paint,
            style,
        } => Some(DisplayItem::Stroke {
            transform: *on_canvas * *transform,
            path: Rc::clone(path),
            paint: paint.with_opacity(alpha),
            style: style.clone(),
        }),
        _ => None,
    }
}

/// A path modifier's values at one frame.
#[derive(Debug, Clone, Copy)]
enum Modifier {
    /// Fractions of the length, and turns; `individually`: see
    /// [`ShapeItem::Trim`].
    Trim {
        start: f64,
        end: f64,
        offset: f64,
        individually: bool,
    },
    PuckerBloat(f64),
    Offset {
        amount: f64,
        join: u8,
        miter_limit: f64,
    },
    RoundCorners(f64),
    ZigZag {
        size: f64,
        ridges: usize,
        smooth: bool,
    },
}

impl Modifier {
    /// `item`'s values at `frame`, if it is a modifier that changes anything.
    fn at(item: &ShapeItem, frame: f64) -> Option<Modifier> {
        match item {
            ShapeItem::Trim {
                start,
                end,
                offset,
                individually,
            } => Some(Modifier::Trim {
                start: component(start, frame) / 100.0,
                end: component(end, frame) / 100.0,
                offset: component(offset, frame) / 360.0,
                individually: *individually,
            }),
            ShapeItem::PuckerBloat { amount } => {
                let amount = component(amount, frame);
                (amount != 0.0).then_some(Modifier::PuckerBloat(amount))
            }
            ShapeItem::OffsetPath {
                amount,
                join,
                miter_limit,
            } => {
                let amount = component(amount, frame);
                (amount != 0.0).then(|| Modifier::Offset {
                    amount,
                    join: *join,
                    miter_limit: component(miter_limit, frame),
                })
            }
            ShapeItem::RoundCorners { radius } => {
                let radius = component(radius, frame);
                (radius > 0.0).then_some(Modifier::RoundCorners(radius))
            }
            ShapeItem::ZigZag {
                size,
                ridges,
                smooth,
            } => {
                let size = component(size, frame);
                // Ridges per segment, capped: each one is a vertex to draw.
                let ridges = component(ridges, frame).round().clamp(0.0, 1_000.0) as usize;
                (size != 0.0).then_some(Modifier::ZigZag {
                    size,
                    ridges,
                    smooth: component(smooth, frame) == 2.0,
                })
            }
            _ => None,
        }
    }

    /// At most how many times longer the path gets.
    fn growth(&self) -> usize {
        match *self {
            Modifier::ZigZag { ridges, .. } => ridges + 2,
            Modifier::RoundCorners(_) => 2,
            // Up to three pieces a segment, and a corner between pieces.
            Modifier::Offset { .. } => 8,
            _ => 1,
        }
    }

    fn apply(&self, shape: &Path) -> Path {
        match *self {
            Modifier::Trim {
                start, end, offset, ..
            } => crate::trim::trim(shape, start, end, offset),
            // The lite build never imports the others (crate::FULL).
            _ if !crate::FULL => shape.clone(),
            Modifier::PuckerBloat(amount) => crate::modifiers::pucker_bloat(shape, amount),
            Modifier::RoundCorners(radius) => crate::modifiers::round_corners(shape, radius),
            Modifier::Offset {
                amount,
                join,
                miter_limit,
            } => crate::modifiers::offset_path(shape, amount, join, miter_limit),
            Modifier::ZigZag {
                size,
                ridges,
                smooth,
            } => crate::modifiers::zig_zag(shape, size, ridges, smooth),
        }
    }
}

/// Every layer's matrix times its parents', all at `frame`, each layer's
/// own transform evaluated once (a long parent chain costs O(n), not O(n²)).
fn world_matrices(layers: &[Layer], frame: f64, overrides: &Overrides) -> Vec<Affine> {
    let mut world: Vec<Option<Affine>> = vec![None; layers.len()];
    let mut chain = Vec::new();
    for start in 0..layers.len() {
        // Walk up to the first layer whose world matrix is known (or a root).
        let mut at = Some(start);
        let mut base = Affine::IDENTITY;
        while let Some(i) = at {
            if let Some(Some(known)) = world.get(i) {
                base = *known;
                break;
            }
            // Import cut every cycle; the length bound only guards a bug.
            if chain.len() > layers.len() {
                break;
            }
            chain.push(i);
            at = layers.get(i).and_then(|l| l.parent);
        }
        // Then fold back down, parent first.
        while let Some(i) = chain.pop() {
            if let Some(layer) = layers.get(i) {
                let bound = overrides.layer(layer.uid);
                base = base * transform_matrix_bound(&layer.transform, frame, bound);
            }
            if let Some(slot) = world.get_mut(i) {
                *slot = Some(base);
            }
        }
    }
    world.into_iter().map(Option::unwrap_or_default).collect()
}

/// `translate(position) · rotate · skew · scale · translate(−anchor)`, as
/// After Effects and lottie-web compose them.
pub fn transform_matrix(t: &Transform, frame: f64) -> Affine {
    transform_matrix_bound(t, frame, None)
}

/// [`transform_matrix`], with a layer's bound rotation, scale and
/// position in place of its own.
fn transform_matrix_bound(t: &Transform, frame: f64, bound: Option<&LayerOverride>) -> Affine {
    let anchor = t.anchor.at(frame);
    let mut position = t.position.at(frame);
    let mut scale = t.scale.at(frame);
    let mut degrees = component(&t.rotation, frame);
    if let Some(bound) = bound {
        degrees = bound.rotation.unwrap_or(degrees);
        for (axis, value) in scale.iter_mut().zip(bound.scale) {
            *axis = value.unwrap_or(*axis);
        }
        position.x = bound.position[0].unwrap_or(position.x);
        position.y = bound.position[1].unwrap_or(position.y);
    }
    let mut rotation = degrees * PI / 180.0;
    if t.auto_orient {
        rotation += t.position.direction(frame);
    }
    let skew = component(&t.skew, frame) * PI / 180.0;
    let skew_axis = component(&t.skew_axis, frame) * PI / 180.0;
    let rotate = match &t.rotation_3d {
        Some(r3) if crate::FULL => rotation_projected(rotation, r3, frame),
        _ => Affine::rotate(rotation),
    };
    Affine::translate(position.x, position.y)
        * rotate
        * Affine::skew(skew, skew_axis)
        * Affine::scale(scale[0] / 100.0, scale[1] / 100.0)
        * Affine::translate(-anchor[0], -anchor[1])
}

/// A layer's effects at `frame`, lengths taken from layer units to canvas
/// pixels by `matrix`. Effects that would change nothing are left out.
fn filters_at(effects: &[Effect], frame: f64, matrix: &Affine) -> Vec<Filter> {
    let [a, b, c, d, _, _] = matrix.0;
    let scale = (a * d - b * c).abs().sqrt();
    let value = |v: &Animated<Components>| component(v, frame);
    let opaque = |v: &Animated<Components>| rgb(v.at(frame)).with_opacity(1.0);
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Fill { color, opacity } => Some(Filter::Fill(
                opaque(color).with_opacity(value(opacity).clamp(0.0, 1.0)),
            )),
            Effect::Tint {
                black,
                white,
                amount,
            } => {
                let amount = (value(amount) / 100.0).clamp(0.0, 1.0);
                (amount > 0.0).then(|| Filter::Tint {
                    black: opaque(black),
                    white: opaque(white),
                    amount,
                })
            }
            Effect::Tritone {
                highlights,
                midtones,
                shadows,
            } => Some(Filter::Tritone {
                shadows: opaque(shadows),
                midtones: opaque(midtones),
                highlights: opaque(highlights),
            }),
            Effect::DropShadow {
                color,
                opacity,
                direction,
                distance,
                softness,
            } => {
                let alpha = (value(opacity) / 255.0).clamp(0.0, 1.0);
                let angle = (value(direction) - 90.0) * PI / 180.0;
                let (dx, dy) = (value(distance) * cos(angle), value(distance) * sin(angle));
                (alpha > 0.0).then(|| Filter::DropShadow {
                    color: opaque(color).with_opacity(alpha),
                    // A direction, so only the linear part of the matrix.
                    offset: Vec2::new(a * dx + c * dy, b * dx + d * dy),
                    sigma: (value(softness) / 4.0 * scale).max(0.0),
                })
            }
            // Drawn as paths by `Evaluator::stroke_effect`.
            Effect::Stroke { .. } => None,
            Effect::Blur { blurriness, .. } => {
                // Canvas2D blurs both ways alike; one-way blurs (rare) too.
                let sigma = value(blurriness) * 0.3 * scale;
                (sigma > 0.0).then_some(Filter::Blur(sigma))
            }
        })
        .collect()
}

/// How `doc` lays out, for [`text_layout`].
fn text_style(doc: &TextDocument, ascent_percent: f64) -> TextStyle {
    TextStyle {
        tracking: doc.tracking / 1000.0 * doc.size,
        justify: doc.justify,
        text_box: doc.text_box,
        ascent: ascent_percent / 100.0 * doc.size,
        line_height: doc.line_height,
        baseline_shift: doc.baseline_shift,
        fill: doc.fill,
        stroke: doc.stroke.map(|(c, w, _)| (c, w)),
    }
}

/// Text animators' values at `frame`.
fn animators_at(animators: &[TextAnimator], frame: f64) -> Vec<AnimatorAt> {
    let value = |v: &Animated<Components>| component(v, frame);
    let point = |v: &Option<Animated<Components>>| {
        v.as_ref().map(|v| {
            let p = v.at(frame);
            Vec2::new(p[0], p[1])
        })
    };
    let number = |v: &Option<Animated<Components>>| v.as_ref().map(value);
    let color = |v: &Option<Animated<Components>>| v.as_ref().map(|v| rgb(v.at(frame)));
    animators
        .iter()
        .map(|a| {
            let s = &a.selector;
            AnimatorAt {
                selector: SelectorAt {
                    start: value(&s.start),
                    end: value(&s.end),
                    offset: value(&s.offset),
                    amount: value(&s.amount),
                    ease_high: value(&s.ease_high),
                    ease_low: value(&s.ease_low),
                    smoothness: value(&s.smoothness),
                    based: s.based,
                    shape: s.shape,
                    by_index: s.by_index,
                },
                position: point(&a.position),
                anchor: point(&a.anchor),
                scale: point(&a.scale),
                rotation: number(&a.rotation),
                opacity: number(&a.opacity),
                fill: color(&a.fill),
                stroke: color(&a.stroke),
                stroke_width: number(&a.stroke_width),
                tracking: number(&a.tracking),
            }
        })
        .collect()
}

/// The region lottie-web's SVG filter covers: the layer's bounding box,
/// exactly for a drop shadow, grown by its size on each side for a blur
/// (the last of them decides), else by a tenth (SVG's default).
fn filter_region(filters: &[Filter], drawn: &[DisplayItem]) -> Option<[f64; 4]> {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for item in drawn {
        let [x0, y0, x1, y1] = item.bounds()?;
        b = [b[0].min(x0), b[1].min(y0), b[2].max(x1), b[3].max(y1)];
    }
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    if !(w.is_finite() && h.is_finite()) {
        return None;
    }
    let grow = filters
        .iter()
        .rev()
        .find_map(|f| match f {
            Filter::DropShadow { .. } => Some(0.0),
            Filter::Blur(_) => Some(1.0),
            _ => None,
        })
        .unwrap_or(0.1);
    Some([
        b[0] - grow * w,
        b[1] - grow * h,
        w * (1.0 + 2.0 * grow),
        h * (1.0 + 2.0 * grow),
    ])
}

/// A 3D layer's rotation projected flat, as lottie-web's SVG renderer
/// draws it: Z (`rotation`, radians), then Y, X and the orientation's Z, Y,
/// X, in lottie-web's order and signs, keeping the x and y parts.
fn rotation_projected(rotation: f64, r3: &Rotation3d, frame: f64) -> Affine {
    type M3 = [[f64; 3]; 3];
    let mul = |a: M3, b: M3| -> M3 {
        let mut out = [[0.0; 3]; 3];
        for (i, row) in out.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                *cell = (0..3)
                    .map(|k| {
                        a.get(i).and_then(|r| r.get(k)).copied().unwrap_or(0.0)
                            * b.get(k).and_then(|r| r.get(j)).copied().unwrap_or(0.0)
                    })
                    .sum();
            }
        }
        out
    };
    let z = |a: f64| -> M3 {
        let (s, c) = sin_cos(a);
        [[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]
    };
    let y = |a: f64| -> M3 {
        let (s, c) = sin_cos(a);
        [[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]]
    };
    let x = |a: f64| -> M3 {
        let (s, c) = sin_cos(a);
        [[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]]
    };
    let rad = |v: f64| v * PI / 180.0;
    let or = r3.orientation.at(frame);
    let m = [
        z(-rotation),
        y(rad(component(&r3.y, frame))),
        x(rad(component(&r3.x, frame))),
        z(-rad(or[2])),
        y(rad(or[1])),
        x(rad(or[0])),
    ]
    .into_iter()
    .fold([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], mul);
    // Row vectors (lottie-web's convention) to our column form.
    let at = |i: usize, j: usize| m.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0);
    Affine([at(0, 0), at(0, 1), at(1, 0), at(1, 1), 0.0, 0.0])
}

/// A dash pattern at `frame`: an odd list is repeated, as Canvas2D and SVG
/// do; an all-zero one means a solid line.
fn dash_at(dash: &Dash, frame: f64) -> Option<(Rc<[f64]>, f64)> {
    let lengths: Vec<f64> = dash
        .lengths
        .iter()
        .map(|l| component(l, frame).max(0.0))
        .collect();
    if lengths.iter().all(|l| *l == 0.0) {
        return None;
    }
    Some((lengths.into(), component(&dash.offset, frame)))
}

/// A brush at `frame`, with `alpha` applied.
fn paint(brush: &Brush, frame: f64, alpha: f64) -> Paint {
    match brush {
        Brush::Solid(color) => Paint::Solid(rgb(color.at(frame)).with_opacity(alpha)),
        Brush::Gradient(g) => {
            let (s, e) = (g.start.at(frame), g.end.at(frame));
            let (start, end) = (Vec2::new(s[0], s[1]), Vec2::new(e[0], e[1]));
            let stops = gradient_stops(g.color_stops, &g.stops.at(frame), alpha);
            if !g.radial {
                return Paint::Linear { start, end, stops };
            }
            // lottie-web: the focus moves from the centre toward the end point,
            // turned by the highlight angle, by the highlight length (< 100%).
            let radius = (end.x - start.x).hypot(end.y - start.y);
            let angle = (end.y - start.y).atan2(end.x - start.x)
                + component(&g.highlight_angle, frame) * PI / 180.0;
            let distance =
                radius * (component(&g.highlight_length, frame) / 100.0).clamp(-0.99, 0.99);
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
    let color_stops: Vec<(f64, [f64; 3])> = color_part
        .chunks_exact(4)
        .map(|c| match c {
            [o, r, g, b] => (*o, [*r, *g, *b]),
            _ => (0.0, [0.0; 3]),
        })
        .collect();
    let alpha_stops: Vec<(f64, f64)> = alpha_part
        .chunks_exact(2)
        .map(|a| match a {
            [o, v] => (*o, *v),
            _ => (0.0, 1.0),
        })
        .collect();
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
    offsets
        .into_iter()
        .map(|offset| {
            let [r, g, b] = interpolate(&color_stops, offset, [0.0; 3], |a, b, t| {
                [
                    a[0] + (b[0] - a[0]) * t,
                    a[1] + (b[1] - a[1]) * t,
                    a[2] + (b[2] - a[2]) * t,
                ]
            });
            let a = interpolate(&alpha_stops, offset, 1.0, |a, b, t| a + (b - a) * t);
            (
                offset.clamp(0.0, 1.0),
                Rgba {
                    r,
                    g,
                    b,
                    a: a * alpha,
                },
            )
        })
        .collect()
}

/// The value of `stops` (sorted by offset) at `offset`, held beyond the ends.
fn interpolate<T: Copy>(
    stops: &[(f64, T)],
    offset: f64,
    empty: T,
    mix: impl Fn(T, T, f64) -> T,
) -> T {
    let after = stops.partition_point(|(o, _)| *o < offset);
    let before = after.checked_sub(1).and_then(|i| stops.get(i));
    match (before, stops.get(after)) {
        (Some(&(o0, v0)), Some(&(o1, v1))) if o1 > o0 => mix(v0, v1, (offset - o0) / (o1 - o0)),
        (_, Some(&(_, v))) | (Some(&(_, v)), None) => v,
        (None, None) => empty,
    }
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

/// Most points a polystar may have (the work budget bounds the rest).
const MAX_POLYSTAR_POINTS: f64 = 100_000.0;

/// Vertex count of a polystar at `frame`: points × 2 for a star.
fn polystar_points(star: &Polystar, frame: f64) -> usize {
    let points = component(&star.points, frame)
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
        component(&star.outer_radius, frame),
        component(&star.outer_roundness, frame) / 100.0,
    );
    let inner = (
        component(&star.inner_radius, frame),
        component(&star.inner_roundness, frame) / 100.0,
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
    let mut angle = -PI / 2.0 + component(&star.rotation, frame) * PI / 180.0;
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
        let v = Vec2::new(x + centre[0], y + centre[1]);
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
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::panic,
        reason = "tests"
    )]
    use super::*;
    use crate::recording::RecordingBackend;

    fn draw(json: &str, frame: f64, texts: &Overrides) -> Vec<String> {
        let comp = Composition::from_json(json).unwrap();
        let list = evaluate(&comp, frame, texts, Affine::IDENTITY);
        let mut rec = RecordingBackend::default();
        list.replay(&mut rec, None);
        rec.lines.split_off(1)
    }

    /// The first two words of each drawn line: what was drawn, roughly.
    fn kinds(json: &str) -> Vec<String> {
        draw(json, 0.0, &Overrides::default())
            .iter()
            .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect()
    }

    fn doc(layers: &str) -> String {
        format!(r#"{{"w":100,"h":100,"fr":10,"ip":0,"op":20,"layers":[{layers}]}}"#)
    }

    const RED: &str = r#"{"ty":"fl","c":{"k":[1,0,0,1]},"o":{"k":100}}"#;
    const BLUE: &str = r#"{"ty":"fl","c":{"k":[0,0,1,1]},"o":{"k":50}}"#;

    #[test]
    fn auto_orient_turns_the_layer_along_its_motion() {
        // Moving straight down: +90 degrees, so x maps to y.
        let json = doc(r##"{"ty":1,"ao":1,"sc":"#ff0000","sw":10,"sh":1,
            "ks":{"p":{"a":1,"k":[{"t":0,"s":[0,0],"e":[0,100],"i":{"x":1,"y":1},"o":{"x":0,"y":0}},{"t":20,"s":[0,100]}]}}}"##);
        let line = &draw(&json, 10.0, &Overrides::default())[0];
        assert!(line.contains(" [0 1 -1 0 0 50] "), "{line}");
        let still = doc(r##"{"ty":1,"ao":1,"sc":"#ff0000","sw":10,"sh":1}"##);
        let line = &draw(&still, 10.0, &Overrides::default())[0];
        assert!(line.contains(" [1 0 0 1 0 0] "), "{line}");
    }

    #[test]
    fn files_before_bodymovin_4_1_9_have_colours_in_bytes() {
        let shape = r#"{"ty":4,"shapes":[{"ty":"rc","s":{"k":[10,10]},"p":{"k":[0,0]}},
            {"ty":"fl","c":{"k":[255,0,127.5,255]},"o":{"k":100}}]}"#;
        let old =
            format!(r#"{{"v":"4.1.8","w":100,"h":100,"fr":10,"ip":0,"op":20,"layers":[{shape}]}}"#);
        assert!(
            kinds(&old)[0].starts_with("fill #ff0080ff"),
            "{:?}",
            kinds(&old)
        );
        let new =
            format!(r#"{{"v":"4.1.9","w":100,"h":100,"fr":10,"ip":0,"op":20,"layers":[{shape}]}}"#);
        assert!(
            kinds(&new)[0].starts_with("fill #ff00ffff"),
            "{:?}",
            kinds(&new)
        );
    }

    #[test]
    fn effects_filter_the_layer_in_a_group() {
        let json = doc(
            r##"{"ty":1,"sc":"#ff0000","sw":10,"sh":10,"ks":{"s":{"k":[200,200]}},"ef":[
            {"ty":21,"ef":[{"v":{"k":0}},{"v":{"k":0}},{"v":{"k":[0,0,1,1]}},{"v":{"k":0}},{"v":{"k":0}},{"v":{"k":0}},{"v":{"k":0.5}}]},
            {"ty":29,"ef":[{"v":{"k":10}},{"v":{"k":1}},{"v":{"k":0}}]},
            {"ty":25,"ef":[{"v":{"k":[0,0,0,1]}},{"v":{"k":255}},{"v":{"k":180}},{"v":{"k":5}},{"v":{"k":8}}]},
            {"ty":5,"ef":[]},
            {"ty":29,"en":0,"ef":[{"v":{"k":10}},{"v":{"k":1}}]},
            {"ty":99,"ef":[]}]}"##,
        );
        let lines = draw(&json, 0.0, &Overrides::default());
        assert_eq!(lines[0], "group");
        assert!(lines[1].starts_with("fill #ff0000ff"));
        // Lengths scale with the layer (200%): blur 10 * 0.3 * 2, shadow
        // distance 5 * 2 straight down, softness 8 / 4 * 2.
        assert!(
            lines[2]
                .starts_with("filters [Fill(Rgba { r: 0.0, g: 0.0, b: 1.0, a: 0.5 }), Blur(6.0), "),
            "{}",
            lines[2]
        );
        assert!(lines[2].contains("y: 10.0 }, sigma: 4.0"), "{}", lines[2]);
        assert_eq!(lines.len(), 3);
        let comp = Composition::from_json(&json).unwrap();
        let codes: Vec<_> = comp
            .warnings
            .iter()
            .map(|w| (w.code, w.what.as_str()))
            .collect();
        assert_eq!(codes, [("unsupported-effect", "99")]);
    }

    #[test]
    fn three_d_rotations_are_projected_flat() {
        // rx 60: heights halve; ry 60: widths halve; rz alone is a 2D turn.
        let flat = |ks: &str| {
            let json = doc(&format!(
                r##"{{"ty":1,"ddd":1,"sc":"#ff0000","sw":10,"sh":10,"ks":{ks}}}"##
            ));
            draw(&json, 0.0, &Overrides::default())[0].clone()
        };
        assert!(
            flat(r#"{"rx":{"k":60}}"#).contains(" [1 0 0 0.5 0 0] "),
            "{}",
            flat(r#"{"rx":{"k":60}}"#)
        );
        assert!(
            flat(r#"{"ry":{"k":60}}"#).contains(" [0.5 0 0 1 0 0] "),
            "{}",
            flat(r#"{"ry":{"k":60}}"#)
        );
        assert!(flat(r#"{"rz":{"k":90},"rx":{"k":0}}"#).contains(" [0 1 -1 0 0 0] "));
    }

    #[test]
    fn slots_give_properties_their_value_and_markers_are_kept() {
        let json = r##"{"w":100,"h":100,"fr":10,"ip":0,"op":20,
            "slots":{"brand":{"p":{"a":0,"k":[0,0,1,1]}}},
            "markers":[{"tm":5,"cm":"intro","dr":10},{"cm":"no time"}],
            "layers":[{"ty":4,"shapes":[{"ty":"rc","s":{"k":[10,10]},"p":{"k":[0,0]}},
              {"ty":"fl","c":{"sid":"brand","k":[1,0,0,1]},"o":{"k":100}}]}]}"##;
        assert!(
            kinds(json)[0].starts_with("fill #0000ffff"),
            "{:?}",
            kinds(json)
        );
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
    fn absurdly_magnified_draws_are_left_out() {
        let shape = |scale: f64| {
            doc(&format!(
                r##"{{"ty":1,"sc":"#ff0000","sw":10,"sh":10,"ks":{{"s":{{"k":[{scale},{scale}]}}}}}}"##
            ))
        };
        assert_eq!(kinds(&shape(1e6)).len(), 1);
        assert!(kinds(&shape(1e7)).is_empty());
    }

    #[test]
    fn the_stroke_effect_strokes_the_masks_instead_of_cutting_with_them() {
        let layer = |style: u8| {
            doc(&format!(
                r##"{{"ty":1,"sc":"#ff0000","sw":10,"sh":10,
                "masksProperties":[{{"mode":"a","pt":{{"k":{{"c":true,"v":[[0,0],[10,0],[10,10]],"i":[[0,0],[0,0],[0,0]],"o":[[0,0],[0,0],[0,0]]}}}},"o":{{"k":100}}}}],
                "ef":[{{"ty":22,"ef":[{{"v":{{"k":1}}}},{{"v":{{"k":1}}}},{{"v":{{"k":1}}}},{{"v":{{"k":[0,0,1,1]}}}},{{"v":{{"k":2}}}},
                  {{"v":{{"k":0.75}}}},{{"v":{{"k":1}}}},{{"v":{{"k":0}}}},{{"v":{{"k":100}}}},{{"v":{{"k":50}}}},{{"v":{{"k":{style}}}}}]}}]}}"##
            ))
        };
        // On the original: the layer uncut, then the dotted stroke.
        let over = draw(&layer(1), 0.0, &Overrides::default());
        assert!(over[0].starts_with("fill #ff0000ff"), "{over:?}");
        assert!(
            over[1].starts_with("stroke #0000ffff w=4 Round"),
            "{over:?}"
        );
        assert!(over[1].contains("dash=[1 2]@0"), "{over:?}");
        // On transparent: the stroke alone.
        assert_eq!(kinds(&layer(2)), ["stroke #0000ffff"]);
        // Revealing the original: the strokes are the layer's matte.
        assert_eq!(
            kinds(&layer(3)),
            [
                "group",
                "clip [1",
                "fill #ff0000ff",
                "unclip",
                "group",
                "stroke #0000ffff",
                "matte Alpha"
            ]
        );
    }

    #[test]
    fn individually_trims_take_the_paths_above_as_one() {
        let line = |y: u32| {
            format!(
                r#"{{"ty":"sh","ks":{{"k":{{"c":false,"v":[[0,{y}],[10,{y}]],"i":[[0,0],[0,0]],"o":[[0,0],[0,0]]}}}}}}"#
            )
        };
        let group = |m: u32| {
            doc(&format!(
                r##"{{"ty":4,"shapes":[{},{},{{"ty":"st","c":{{"k":[1,0,0,1]}},"o":{{"k":100}},"w":{{"k":1}}}},
                  {{"ty":"tm","s":{{"k":0}},"e":{{"k":50}},"o":{{"k":0}},"m":{m}}}]}}"##,
                line(0),
                line(5)
            ))
        };
        // Individually: the first half of the two lines together is the
        // first line; the stroke listed above the trim draws that.
        let one = draw(&group(2), 0.0, &Overrides::default());
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].matches('M').count(), 1, "{}", one[0]);
        assert!(
            one[0].contains("M0,0") && !one[0].contains("M0,5"),
            "{}",
            one[0]
        );
        // Simultaneously: half of each.
        let both = draw(&group(1), 0.0, &Overrides::default());
        assert_eq!(both[0].matches('M').count(), 2, "{}", both[0]);
    }

    #[test]
    fn feathered_masks_are_blurred_in_the_layer_matte() {
        let json = doc(
            r##"{"ty":1,"sc":"#ff0000","sw":10,"sh":10,"masksProperties":[{"mode":"s","f":{"k":[4,4]},
              "pt":{"k":{"c":true,"v":[[0,0],[5,0],[5,5]],"i":[[0,0],[0,0],[0,0]],"o":[[0,0],[0,0],[0,0]]}},"o":{"k":100}}]}"##,
        );
        let lines = draw(&json, 0.0, &Overrides::default());
        let kinds: Vec<_> = lines
            .iter()
            .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            kinds,
            [
                "group",
                "fill #ff0000ff",
                "group",
                "fill #000000ff",
                "blend destination-out",
                "group",
                "fill #000000ff",
                "filters [Blur(2.0)]",
                "blend normal",
                "matte Alpha"
            ]
        );
    }

    #[test]
    fn package_image_files_are_drawn_and_urls_never() {
        let json = |u: &str, p: &str| {
            format!(
                r#"{{"w":100,"h":100,"fr":10,"ip":0,"op":20,
                "assets":[{{"id":"i","w":10,"h":10,"u":"{u}","p":"{p}","e":0}}],
                "layers":[{{"ty":2,"refId":"i"}}]}}"#
            )
        };
        let comp = Composition::from_json(&json("images/", "logo.png")).unwrap();
        assert_eq!(comp.images[0].file.as_deref(), Some("images/logo.png"));
        assert_eq!(kinds(&json("images/", "logo.png")).len(), 1);
        for (u, p) in [
            ("https://evil.example/", "x.png"),
            ("../", "x.png"),
            ("", "/etc/x.png"),
        ] {
            let comp = Composition::from_json(&json(u, p)).unwrap();
            assert_eq!(comp.images[0].file, None, "{u}{p}");
            assert!(kinds(&json(u, p)).is_empty());
            assert_eq!(comp.warnings[0].what, "outside-package");
        }
    }

    #[test]
    fn add_and_hard_mix_blend_as_normal_like_lottie_web() {
        let json = doc(
            r##"{"ty":1,"bm":16,"sc":"#ff0000","sw":1,"sh":1},{"ty":1,"bm":17,"sc":"#ff0000","sw":1,"sh":1}"##,
        );
        assert_eq!(kinds(&json), ["fill #ff0000ff", "fill #ff0000ff"]);
    }

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
        let lines = draw(&json, 0.0, &Overrides::default());
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
        let lines = draw(&json, 0.0, &Overrides::default());
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
            draw(&json, 4.0, &Overrides::default()).is_empty(),
            "before in-point"
        );
        assert!(
            draw(&json, 10.0, &Overrides::default()).is_empty(),
            "at out-point"
        );
        let at5 = draw(&json, 5.0, &Overrides::default());
        assert!(at5[0].contains("[1 0 0 1 1 1]"), "hold keeps 0,0: {at5:?}");
        let at6 = draw(&json, 6.0, &Overrides::default());
        assert!(at6[0].contains("[1 0 0 1 51 1]"), "{at6:?}");
    }

    #[test]
    fn precomps_clip_and_shift_time() {
        let json = r##"{"w":100,"h":100,"fr":10,"ip":0,"op":20,
            "assets":[{"id":"inner","layers":[
                {"ty":1,"nm":"late","sc":"#ffffff","sw":5,"sh":5,"ip":3,"op":99}]}],
            "layers":[{"ty":0,"nm":"pc","refId":"inner","w":40,"h":30,"st":2}]}"##;
        assert_eq!(
            draw(json, 4.0, &Overrides::default()),
            vec!["clip [1 0 0 1 0 0] M0,0 L40,0 L40,30 L0,30 Z", "unclip"]
        );
        let at5 = draw(json, 5.0, &Overrides::default());
        assert_eq!(at5.len(), 3, "{at5:?}");
        assert!(at5[1].starts_with("fill #ffffffff"));
    }

    #[test]
    fn text_layers_draw_the_bound_text_without_changing_the_template() {
        let json = doc(r#"{"ty":5,"nm":"Greeting","ks":{"p":{"k":[50,60]}},
                "t":{"d":{"k":[{"t":0,"s":{"t":"Hi there","s":20,"fc":[1,1,1],"j":2,"lh":24}}]}}}"#);
        let comp = Composition::from_json(&json).unwrap();
        let mut texts = Overrides::new(comp.text_slots);
        let plain = evaluate(&comp, 0.0, &texts, Affine::IDENTITY);
        texts.set(0, Rc::new(SecretText::new("Hi Jane".to_owned())), None);
        let bound = evaluate(&comp, 0.0, &texts, Affine::IDENTITY);
        let text_of = |list: &DisplayList| match &list.items[0] {
            DisplayItem::Text { run, .. } => run.text.expose().to_owned(),
            other => format!("{other:?}"),
        };
        assert_eq!(text_of(&plain), "Hi there");
        assert_eq!(text_of(&bound), "Hi Jane");
        assert_eq!(
            text_of(&evaluate(&comp, 0.0, &Overrides::new(1), Affine::IDENTITY)),
            "Hi there"
        );
    }

    #[test]
    fn properties_use_the_composition_frame_not_the_layer_start() {
        // lottie-web: keyframe times are in the containing composition's time;
        // `st` shifts only a precomp's content.
        let json = doc(
            r##"{"ty":1,"nm":"late","sc":"#000000","sw":1,"sh":1,"st":10,
                "ks":{"p":{"a":1,"k":[{"t":0,"s":[0,0]},{"t":20,"s":[100,0]}]}}}"##,
        );
        let at10 = draw(&json, 10.0, &Overrides::default());
        assert!(at10[0].contains("[1 0 0 1 50 0]"), "{at10:?}");
    }

    #[test]
    fn polystars_follow_lottie_web() {
        // A 4-point star, outer 10 / inner 5, no roundness: vertices from the top, clockwise.
        let json = doc(&format!(
            r#"{{"ty":4,"nm":"s","shapes":[
                {{"ty":"sr","sy":1,"pt":{{"k":4}},"p":{{"k":[0,0]}},"r":{{"k":0}},
                  "or":{{"k":10}},"os":{{"k":0}},"ir":{{"k":5}},"is":{{"k":0}}}},
                {RED}]}}"#
        ));
        let lines = draw(&json, 0.0, &Overrides::default());
        assert!(lines[0].starts_with("fill #ff0000ff nonzero [1 0 0 1 0 0] M0,-10 C0,-10 3.54,-3.54 3.54,-3.54 C3.54,-3.54 10,0 10,0"), "{}", lines[0]);
        // A hexagon (polygon) has six vertices.
        let hexagon = doc(&format!(
            r#"{{"ty":4,"nm":"s","shapes":[
                {{"ty":"sr","sy":2,"pt":{{"k":6}},"p":{{"k":[0,0]}},"r":{{"k":0}},"or":{{"k":10}},"os":{{"k":0}}}},
                {RED}]}}"#
        ));
        let lines = draw(&hexagon, 0.0, &Overrides::default());
        assert_eq!(lines[0].matches('C').count(), 6, "{}", lines[0]);
    }

    #[test]
    fn masks_become_clips() {
        let square = r#"{"c":true,"v":[[0,0],[10,0],[10,10],[0,10]],"i":[[0,0],[0,0],[0,0],[0,0]],"o":[[0,0],[0,0],[0,0],[0,0]]}"#;
        let layer = |masks: &str| {
            doc(&format!(
                r##"{{"ty":1,"nm":"m","sc":"#000000","sw":20,"sh":20,"masksProperties":[{masks}]}}"##
            ))
        };
        let add = format!(r#"{{"mode":"a","pt":{{"k":{square}}},"o":{{"k":100}}}}"#);
        let subtract = format!(r#"{{"mode":"s","pt":{{"k":{square}}},"o":{{"k":100}}}}"#);
        assert_eq!(kinds(&layer(&add)), ["clip [1", "fill #000000ff", "unclip"]);
        assert_eq!(
            kinds(&layer(&format!("{add},{add}"))),
            ["clip [1", "fill #000000ff", "unclip"]
        );
        assert_eq!(
            kinds(&layer(&subtract)),
            ["clip evenodd", "fill #000000ff", "unclip"]
        );
        assert_eq!(
            kinds(&layer(&format!("{add},{subtract}"))),
            [
                "clip [1",
                "clip evenodd",
                "fill #000000ff",
                "unclip",
                "unclip"
            ]
        );
    }

    #[test]
    fn trims_apply_to_paths_above_them_including_subgroups() {
        let line = r#"{"ty":"sh","ks":{"k":{"c":false,"v":[[0,0],[100,0]],"i":[[0,0],[0,0]],"o":[[0,0],[0,0]]}}}"#;
        let stroke = r#"{"ty":"st","c":{"k":[0,0,0,1]},"o":{"k":100},"w":{"k":1}}"#;
        let trim = r#"{"ty":"tm","s":{"k":0},"e":{"k":50},"o":{"k":0},"m":1}"#;
        let json = doc(&format!(
            r#"{{"ty":4,"nm":"s","shapes":[
                {{"ty":"gr","it":[{line},{{"ty":"tr"}}]}},
                {trim},
                {stroke}]}}"#
        ));
        let lines = draw(&json, 0.0, &Overrides::default());
        assert!(lines[0].ends_with("M0,0 C0,0 25,0 50,0"), "{}", lines[0]);
        // A path below the trim is not trimmed.
        let json = doc(&format!(
            r#"{{"ty":4,"nm":"s","shapes":[{trim},{line},{stroke}]}}"#
        ));
        let lines = draw(&json, 0.0, &Overrides::default());
        assert!(lines[0].ends_with("M0,0 C0,0 100,0 100,0"), "{}", lines[0]);
    }

    #[test]
    fn track_mattes_group_the_layer_with_its_matte() {
        let json = doc(
            r##"{"ty":1,"nm":"matte","ind":1,"td":1,"sc":"#ffffff","sw":5,"sh":5},
               {"ty":1,"nm":"content","ind":2,"tt":1,"sc":"#ff0000","sw":10,"sh":10},
               {"ty":1,"nm":"below","ind":3,"sc":"#00ff00","sw":10,"sh":10}"##,
        );
        assert_eq!(
            kinds(&json),
            [
                "fill #00ff00ff",
                "group",
                "fill #ff0000ff",
                "group",
                "fill #ffffffff",
                "matte Alpha"
            ]
        );
    }

    #[test]
    fn repeaters_copy_the_shapes_above_with_a_growing_transform() {
        let json = doc(&format!(
            r#"{{"ty":4,"nm":"s","shapes":[
                {{"ty":"rc","p":{{"k":[0,0]}},"s":{{"k":[2,2]}},"r":{{"k":0}}}},
                {RED},
                {{"ty":"rp","c":{{"k":3}},"o":{{"k":0}},"m":1,
                  "tr":{{"p":{{"k":[10,0]}},"a":{{"k":[0,0]}},"s":{{"k":[100,100]}},"r":{{"k":0}},
                        "so":{{"k":100}},"eo":{{"k":50}}}}}}]}}"#
        ));
        let lines = draw(&json, 0.0, &Overrides::default());
        // Bottom first: copy 0, 1, 2, each 10 further right, fading to 50%.
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(
            lines[0].starts_with("fill #ff0000ff nonzero [1 0 0 1 0 0]"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with("fill #ff0000bf nonzero [1 0 0 1 10 0]"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("fill #ff000080 nonzero [1 0 0 1 20 0]"),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn dashed_strokes() {
        let json = doc(r#"{"ty":4,"nm":"s","shapes":[
                {"ty":"rc","p":{"k":[0,0]},"s":{"k":[10,10]},"r":{"k":0}},
                {"ty":"st","c":{"k":[0,0,0,1]},"o":{"k":100},"w":{"k":2},
                 "d":[{"n":"d","v":{"k":4}},{"n":"g","v":{"k":2}},{"n":"o","v":{"k":1}}]}]}"#);
        let lines = draw(&json, 0.0, &Overrides::default());
        assert!(lines[0].contains("ml=4 dash=[4 2]@1 "), "{}", lines[0]);
    }

    #[test]
    fn blend_modes_wrap_the_layer_draws() {
        let json = doc(r##"{"ty":1,"nm":"top","bm":1,"sc":"#ff0000","sw":1,"sh":1},
               {"ty":1,"nm":"bottom","sc":"#00ff00","sw":1,"sh":1}"##);
        assert_eq!(
            kinds(&json),
            [
                "fill #00ff00ff",
                "blend multiply",
                "fill #ff0000ff",
                "blend normal"
            ]
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
    fn gradient_fills_become_gradient_paints() {
        let json = doc(r#"{"ty":4,"nm":"s","shapes":[
                {"ty":"rc","p":{"k":[0,0]},"s":{"k":[10,10]},"r":{"k":0}},
                {"ty":"gf","t":2,"s":{"k":[0,0]},"e":{"k":[10,0]},"h":{"k":50},"a":{"k":90},
                 "g":{"p":2,"k":{"k":[0,1,1,1,1,0,0,0]}},"o":{"k":100}}]}"#);
        let lines = draw(&json, 0.0, &Overrides::default());
        assert!(
            lines[0].starts_with("fill radial(0,0 r=10 f=0,5 [0:#ffffffff 1:#000000ff]) nonzero"),
            "{}",
            lines[0]
        );
    }

    #[test]
    fn fills_share_geometry_instead_of_copying_it() {
        let vertices = vec!["[0,0]"; 50_000].join(",");
        let fills = vec![RED; 200].join(",");
        let json = doc(&format!(
            r#"{{"ty":4,"nm":"s","shapes":[
                {{"ty":"sh","ks":{{"k":{{"c":true,"v":[{vertices}],"i":[],"o":[]}}}}}},
                {fills}
            ]}}"#
        ));
        let comp = Composition::from_json(&json).unwrap();
        let list = evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY);
        assert_eq!(list.items.len(), 200);
        assert!(!list.truncated);
        assert!(list.work < 60_000, "{}", list.work);
        let paths: Vec<_> = list
            .items
            .iter()
            .map(|item| match item {
                DisplayItem::Fill { path, .. } => Rc::clone(path),
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(paths.windows(2).all(|w| Rc::ptr_eq(&w[0], &w[1])));
    }

    /// The path of the `index`th fill of a one-layer file with `shapes`.
    fn filled_path(shapes: &str, index: usize) -> Path {
        let comp =
            Composition::from_json(&doc(&format!(r#"{{"ty":4,"shapes":[{shapes}]}}"#))).unwrap();
        let list = evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY);
        let fills: Vec<_> = list
            .items
            .iter()
            .filter_map(|item| match item {
                DisplayItem::Fill { path, .. } => Some(Path::clone(path)),
                _ => None,
            })
            .collect();
        fills[index].clone()
    }

    #[test]
    fn merge_paths_combine_the_paths_and_subgroups_above() {
        let rect = |x: i32| {
            format!(r#"{{"ty":"rc","p":{{"k":[{x},0]}},"s":{{"k":[20,20]}},"r":{{"k":0}}}}"#)
        };
        let subpaths = |p: &Path| {
            p.0.iter()
                .filter(|e| matches!(e, PathEl::MoveTo(_)))
                .count()
        };
        // Subtract: the second square (in a subgroup) cut from the first.
        let cut = filled_path(
            &format!(
                r#"{},{{"ty":"gr","it":[{},{{"ty":"tr"}}]}},{{"ty":"mm","mm":3}},{RED}"#,
                rect(0),
                rect(10)
            ),
            0,
        );
        let xs: Vec<f64> = cut
            .0
            .iter()
            .filter_map(|e| match e {
                PathEl::MoveTo(p) | PathEl::LineTo(p) => Some(p.x),
                _ => None,
            })
            .collect();
        assert_eq!(subpaths(&cut), 1);
        assert_eq!(xs.iter().copied().fold(f64::MIN, f64::max), 0.0, "{cut:?}");
        // A fill above the merge still has both squares; "merge" keeps both
        // as they are, and makes them one operand for the next merge.
        // (Draws are listed bottom first: the fill above the merge is the second.)
        let above = filled_path(
            &format!(
                r#"{},{},{RED},{{"ty":"mm","mm":2}},{RED}"#,
                rect(0),
                rect(10)
            ),
            1,
        );
        assert_eq!(subpaths(&above), 2);
        let merged = filled_path(
            &format!(
                r#"{},{},{{"ty":"mm","mm":1}},{{"ty":"mm","mm":4}},{RED}"#,
                rect(0),
                rect(10)
            ),
            0,
        );
        assert_eq!(subpaths(&merged), 2);
        let union = filled_path(
            &format!(r#"{},{},{{"ty":"mm","mm":2}},{RED}"#, rect(0), rect(10)),
            0,
        );
        // Side by side: one outline around both (corners and the points
        // where the edges met).
        assert_eq!(subpaths(&union), 1);
        assert_eq!(union.0.len(), 9, "{union:?}");
    }

    #[test]
    fn merges_beyond_the_budget_draw_unmerged() {
        // Two paths of 2,000 vertices each: 4,000² pairs, over the budget.
        let zigzag = |dy: i32| {
            let v: Vec<String> = (0..2_000)
                .map(|i| format!("[{},{}]", i % 2 * 100, i + dy))
                .collect();
            format!(
                r#"{{"ty":"sh","ks":{{"k":{{"c":true,"v":[{}],"i":[],"o":[]}}}}}}"#,
                v.join(",")
            )
        };
        let shapes = format!(r#"{},{},{{"ty":"mm","mm":2}},{RED}"#, zigzag(0), zigzag(1));
        let path = filled_path(&shapes, 0);
        assert_eq!(
            path.0
                .iter()
                .filter(|e| matches!(e, PathEl::MoveTo(_)))
                .count(),
            2
        );
    }

    #[test]
    fn long_parent_chains_cost_linear_work() {
        let mut layers = Vec::new();
        for i in 1..=9_000 {
            let parent = if i < 9_000 {
                format!(r#","parent":{}"#, i + 1)
            } else {
                String::new()
            };
            layers.push(format!(
                r#"{{"ty":3,"ind":{i}{parent},"ks":{{"p":{{"k":[1,0]}}}}}}"#
            ));
        }
        layers.insert(
            0,
            r##"{"ty":1,"sc":"#000000","sw":1,"sh":1,"parent":1}"##.to_owned(),
        );
        let comp = Composition::from_json(&doc(&layers.join(","))).unwrap();
        let list = evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY);
        match &list.items[0] {
            DisplayItem::Fill { transform, .. } => assert_eq!(transform.0[4], 9_000.0),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        // Ten precomps, each holding the next one 10 times: 10^10 leaves if
        // unbounded. Null leaves draw nothing, so only the work budget stops it.
        for leaf in [
            r##"{"ty":1,"nm":"leaf","sc":"#000000","sw":1,"sh":1}"##,
            r#"{"ty":3,"nm":"leaf"}"#,
        ] {
            let mut assets = Vec::new();
            for i in 0..10 {
                let child = if i == 9 {
                    leaf.to_owned()
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
            let list = evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY);
            assert!(list.truncated);
            assert_eq!(list.work, WORK_BUDGET);
            assert!(list.items.len() <= WORK_BUDGET);
        }
    }
}
