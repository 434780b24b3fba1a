//! Frame evaluation: the model at one frame, with what a viewer's data
//! changes ([`Overrides`]), into a [`DisplayList`]. Owns the Lottie drawing
//! semantics (layer order, parenting, time stretch and remap, shape groups,
//! fill and stroke scope).
//!
//! Timing follows lottie-web: every property of a layer is evaluated at the
//! frame of the composition that contains it (keyframe times are in that
//! composition's time; `st` and `sr` do not shift them). Only a precomp's
//! content gets its own time: `(frame − st) / sr`, or the time remap.
//!
//! This file is the walk, as resvg's render crate is: [`evaluate`], the
//! `Evaluator` with its budget, and the layer loop (order, visibility, track
//! mattes), which hands each layer to the files below, one concern each
//! (each adds its own `impl Evaluator` block):
//! `layers` (one layer: blend, masks, effects, content, precomps),
//! `transform` (matrices), `masks` (clips, alpha mattes, the stroke effect),
//! `effects` (filters), `shapes` (shape groups, merges), `modifiers` (path
//! modifiers' values), `repeater`, `paint` (colours, gradients, dashes),
//! `outlines` (shape items as paths) and `text` (glyph text). Before the
//! walk, `scripts` (full player) runs the frame's expressions into the
//! table `Animated::at` reads.
//!
//! Must never touch the browser, copy a text (texts are shared `Rc`s), or do
//! unbounded work: a hostile file meets [`MAX_PRECOMP_DEPTH`] and the
//! per-frame [`WORK_BUDGET`], after which the frame is cut short.

mod effects;
mod layers;
mod masks;
mod modifiers;
mod outlines;
mod paint;
mod repeater;
#[cfg(feature = "expressions")]
mod scripts;
mod shapes;
#[cfg(test)]
mod test_helpers;
mod text;
mod transform;

use self::effects::transform_effects;
use self::transform::world_matrices;
use std::rc::Rc;

use crate::display_list::{DisplayItem, DisplayList, LayerSpan, Paint};
use crate::geometry::{Affine, Path};
use crate::lottie::{BlendMode, Composition, Layer, LayerKind, MatteMode};
use crate::overrides::{LayerOverride, Overrides};

pub use self::transform::transform_matrix;

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

/// Edge pairs of a merge (each tested for a crossing) per unit of work:
/// most pairs end at a bounding-box test, cheaper than a path element.
/// (At 8, lottie-android__motorcycle's merges took the whole frame's
/// budget and its frames from 39 on were cut short.)
const MERGE_PAIRS_PER_UNIT: usize = 16;

/// Evaluates `comp` at `frame` (composition frames, fractional allowed).
/// `view` maps composition pixels to canvas pixels.
pub fn evaluate(
    comp: &Composition,
    frame: f64,
    overrides: &Overrides,
    view: Affine,
) -> DisplayList {
    evaluate_watching(comp, frame, overrides, view, &[])
}

/// [`evaluate`], also recording which items each layer of `watch` (uids,
/// sorted) drew ([`DisplayList::spans`]: the actions' hit areas; full
/// player only).
#[inline]
pub fn evaluate_watching(
    comp: &Composition,
    frame: f64,
    overrides: &Overrides,
    view: Affine,
    watch: &[usize],
) -> DisplayList {
    #[cfg(feature = "expressions")]
    scripts::run_frame(comp, frame);
    let mut eval = Evaluator {
        comp,
        overrides,
        current: None,
        items: Vec::new(),
        work_left: WORK_BUDGET,
        group_operands: Vec::new(),
        watch,
        spans: Vec::new(),
        // (Only the full build has filters.)
        frame_box: if crate::FULL {
            Path::rect(0.0, 0.0, comp.width, comp.height).control_box(&view)
        } else {
            [0.0; 4]
        },
    };
    eval.layers(&comp.layers, frame, view, 1.0, 0);
    // Draws magnified beyond any real animation (a repeater scaling each
    // copy 9×, say) are left out: Chromium's rasterizer can take seconds
    // on them, and at that scale a shape covers everything or nothing.
    let drawable = |item: &DisplayItem| match item {
        DisplayItem::Fill { transform, .. }
        | DisplayItem::Stroke { transform, .. }
        | DisplayItem::Image { transform, .. }
        | DisplayItem::Text { transform, .. } => transform.magnification() <= MAX_MAGNIFICATION,
        _ => true,
    };
    let mut spans = eval.spans;
    if crate::FULL && !spans.is_empty() {
        // Where each item lands once the others are left out.
        let mut kept_before = Vec::with_capacity(eval.items.len() + 1);
        let mut kept = 0;
        for item in &eval.items {
            kept_before.push(kept);
            kept += usize::from(drawable(item));
        }
        kept_before.push(kept);
        let at = |i: usize| kept_before.get(i).copied().unwrap_or(kept);
        for span in &mut spans {
            span.items = at(span.items.start)..at(span.items.end);
        }
    }
    eval.items.retain(drawable);
    DisplayList {
        items: eval.items,
        work: WORK_BUDGET - eval.work_left,
        truncated: eval.work_left == 0,
        spans,
    }
}

struct Evaluator<'a> {
    comp: &'a Composition,
    overrides: &'a Overrides,
    /// The bound properties of the layer being drawn.
    current: Option<LayerOverride>,
    items: Vec<DisplayItem>,
    work_left: usize,
    /// Where each merge operand of the shape group evaluated last starts
    /// in its geometry (full player only: merges; `shapes.rs`).
    group_operands: Vec<usize>,
    /// Layers (uids) whose items are recorded in `spans`.
    watch: &'a [usize],
    spans: Vec<LayerSpan>,
    /// The composition's box in canvas pixels: what a blurred drawing that
    /// stays within it needs of the canvas (`layers.rs`).
    frame_box: [f64; 4],
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
            let blend = blend_of(layer);
            let Some(matte) = matte else {
                self.layer(layers, &world, index, frame, view, opacity, depth, blend);
                continue;
            };
            if !self.in_range(layer, frame) {
                continue;
            }
            // The layer and its matte each in a group of their own, then
            // the matte cuts the layer (the backend composites offscreen),
            // unless a clip to the matte's path can (`matte_as_clip`). A
            // blend mode blends what the matte left of the layer with what
            // is below, as lottie-web blends the matte's `<g>` (the layer's
            // `baseElement`) and After Effects the matted layer; inside the
            // matte's group it would blend with nothing (skia's
            // skottie-matte-blendmode drew red where both draw black).
            if let Some(mode) = blend {
                self.items.push(DisplayItem::SetBlend(mode));
            }
            let content = self.items.len();
            self.items.push(DisplayItem::PushGroup);
            self.layer(layers, &world, index, frame, view, opacity, depth, None);
            let matte_group = self.items.len();
            self.items.push(DisplayItem::PushGroup);
            let source = layers.get(matte.layer).and_then(blend_of);
            self.layer(
                layers,
                &world,
                matte.layer,
                frame,
                view,
                1.0,
                depth + 1,
                source,
            );
            // A clip would blend each of the layer's draws on its own.
            if blend.is_some() || !self.matte_as_clip(content, matte_group, matte.mode) {
                self.items.push(DisplayItem::PopMatte(matte.mode));
            }
            if blend.is_some() {
                self.items.push(DisplayItem::SetBlend(BlendMode::Normal));
            }
        }
    }

    /// Draws a track matte without groups: an alpha matte that is one
    /// opaque solid fill cuts as a clip to its path. Two offscreen
    /// canvases, their clearing and compositing saved on the commonest
    /// matte by far (1,209 of the 1,800 alpha mattes drawn at 10 frames of
    /// each file of both corpora). The same picture away from the matte's
    /// edge; along it, where the edge covers part of a pixel, each paint of
    /// the layer is cut in turn instead of the layer once (two opaque
    /// paints over each other: 75 % instead of 50 %), as mask clips cut
    /// (`mask_clips`), and no file of either corpus moved. An enclosing
    /// layer's filter region (`effects::filter_region`) no longer counts
    /// the matte's box, as lottie-web's bounding box leaves out a matte
    /// (it is in `<defs>`).
    ///
    /// The layer's group starts at `content`, the matte's at
    /// `matte_group`, the matte's draws after it. A layer whose drawing
    /// composites within it (layers that blend, masks that subtract or
    /// intersect) is left in its group, where they compose as before; a
    /// layer that blends itself never comes here (`layers`); so is a matte
    /// drawn by a watched layer (its hit area);
    /// inverted mattes too (a clip keeps what lies outside a path exactly
    /// only under the even-odd rule). True when done.
    fn matte_as_clip(&mut self, content: usize, matte_group: usize, mode: MatteMode) -> bool {
        // (The lite build leaves this out for its bytes, 0.24 KB gzip, and
        // draws the groups.)
        if !crate::FULL
            || mode != MatteMode::Alpha
            || self.spans.iter().any(|s| s.items.end > matte_group)
        {
            return false;
        }
        let blends = (self.items.get(content..matte_group).unwrap_or_default())
            .iter()
            .any(|item| matches!(item, DisplayItem::SetBlend(_)));
        let Some(
            [DisplayItem::Fill {
                transform,
                path,
                paint: Paint::Solid(color),
                rule,
            }],
        ) = self.items.get(matte_group + 1..)
        else {
            return false;
        };
        if blends || color.to_rgba8()[3] != u8::MAX || transform.magnification() > MAX_MAGNIFICATION
        {
            return false;
        }
        let clip = DisplayItem::PushClip {
            transform: *transform,
            path: Rc::clone(path),
            rule: *rule,
        };
        // The matte's group and fill become the clip's end, the layer's
        // group its start.
        self.items.truncate(matte_group);
        self.items.push(DisplayItem::PopClip);
        if let Some(group) = self.items.get_mut(content) {
            *group = clip;
        }
        true
    }

    /// Applies a layer's or a shape group's own opacity (1 for a layer
    /// grouped for its blend mode only) to what it drew since `first`,
    /// after the group's one end pushed just before (its start for a
    /// layer; its end for a shape group, whose draws are listed top first:
    /// `top_first`), and closes it; true when it left the group out.
    /// The group drawn at that opacity, as lottie-web's `opacity` on the
    /// layer's or the shape group's `<g>` composites it (a faded layer's
    /// overlapping shapes, a fill under its stroke, do not show through
    /// each other); when the drawing is one paint, or paints apart from
    /// each other, those faded instead of the group.
    fn fade(&mut self, first: usize, opacity: f64, top_first: bool) -> bool {
        let single = match self.items.get_mut(first..) {
            Some([item]) => item.fade(opacity),
            Some([]) | None => true,
            // Shapes apart from each other fade one by one: no group, whose
            // offscreen canvas costs a frame's worth of pixels twice. The
            // same pixels either way; the lite build (crate::FULL) leaves
            // the test out for its bytes (0.6 KB gzip) and draws the group.
            // (Not within a mask's clips: a faded paint cut by a clip drew
            // lottie-ios__cactus 1.08 to 1.32 times slower than the group
            // did; docs/benchmarks.md, "Track mattes as clips".)
            Some(drawn) if crate::FULL && DisplayItem::apart(drawn) => {
                drawn.iter_mut().all(|item| item.fade(opacity))
            }
            Some(_) => false,
        };
        if !single {
            self.items.push(if top_first {
                DisplayItem::PushGroup
            } else {
                DisplayItem::PopOpacity(opacity)
            });
            return false;
        }
        // No group: what was drawn moves into the group's place.
        if let Some(group) = first.checked_sub(1).filter(|g| *g < self.items.len()) {
            self.items.remove(group);
        }
        // Watched layers drawn inside moved one item back.
        if crate::FULL {
            for span in &mut self.spans {
                if span.items.start >= first {
                    span.items = span.items.start - 1..span.items.end - 1;
                }
            }
        }
        true
    }

    fn in_range(&self, layer: &Layer, frame: f64) -> bool {
        frame >= layer.in_point && frame < layer.out_point
    }

    /// Draws one layer of `layers` (its masks, content, and `blend`: the
    /// mode its drawing blends with what is below, [`blend_of`] it unless
    /// its track matte's group blends instead).
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
        blend: Option<BlendMode>,
    ) {
        let (Some(layer), Some(matrix)) = (layers.get(index), world.get(index)) else {
            return;
        };
        if !self.in_range(layer, frame) {
            return;
        }
        let mut matrix = view * *matrix;
        let bound = self.overrides.layer(layer.uid).copied();
        let own_opacity = bound
            .and_then(|b| b.opacity)
            .unwrap_or_else(|| layer.transform.opacity.at(frame));
        let mut own_opacity = own_opacity.clamp(0.0, 100.0) / 100.0;
        // Transform effects move and fade the layer's drawing, masks
        // included, inside its own transform. (The lite build imports no
        // effects: crate::FULL.)
        let moved = if crate::FULL {
            transform_effects(&layer.effects, frame)
        } else {
            None
        };
        if let Some((moved, faded)) = moved {
            matrix = matrix * moved;
            own_opacity *= faded;
        }
        if opacity * own_opacity <= 0.0 || !matrix.is_finite() {
            return;
        }
        let outer = std::mem::replace(&mut self.current, bound);
        // A blend mode applies to the layer's drawing as a whole, as
        // lottie-web's SVG renderer blends the layer's element: its draws
        // are composed in a group first (the yellow and the pink of a
        // precomp blend with what is below as one picture, not one over
        // the other), and the group blends. `fade` leaves the group out
        // where it changes no pixel (one draw, or draws apart).
        let blended = blend.is_some();
        if let Some(mode) = blend {
            self.items.push(DisplayItem::SetBlend(mode));
        }
        // Drawn at the opacity it inherits; its own applies to the drawing
        // as a whole (`fade`).
        let grouped = blended || own_opacity < 1.0;
        if grouped {
            self.items.push(DisplayItem::PushGroup);
        }
        let mut first = self.items.len();
        self.layer_drawn(layer, frame, matrix, opacity, depth);
        // Without its group, the drawing starts one item earlier.
        if grouped && self.fade(first, own_opacity, false) {
            first = first.saturating_sub(1);
        }
        if blended {
            self.items.push(DisplayItem::SetBlend(BlendMode::Normal));
        }
        if crate::FULL && self.watch.binary_search(&layer.uid).is_ok() {
            let items = first..self.items.len();
            self.spans.push(LayerSpan {
                layer: layer.uid,
                items,
            });
        }
        self.current = outer;
    }
}

/// The blend mode a layer's drawing composites with, when it is not
/// normal (a null layer draws nothing to blend). (The lite build imports no
/// blend modes: crate::FULL.)
fn blend_of(layer: &Layer) -> Option<BlendMode> {
    (crate::FULL && layer.blend != BlendMode::Normal && !matches!(layer.kind, LayerKind::Null))
        .then_some(layer.blend)
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
