//! One layer's drawing, once the walk (`mod.rs`) has placed it: its blend
//! mode, masks, effects and stroke effect wired around its content, and the
//! content itself by kind (solid, shapes, precomp, image, text). A precomp
//! goes back to the walk for its layers, one level deeper.
//!
//! Must never look anything up but by index (import resolved every
//! reference), nor skip the budget: a precomp's clip pair is spent here.

use std::rc::Rc;

use binding_engine::SecretText;

use super::effects::{filter_group, filter_region, filters_at, within};
use super::text::animators_at;
#[cfg(feature = "full")]
use super::text::grouping_at;
use super::Evaluator;
use crate::display_list::{DisplayItem, Paint, TextRun};
use crate::geometry::{Affine, Path};
use crate::lottie::animated::Animated;
use crate::lottie::{
    Effect, FillRule, Layer, LayerKind, Mask, MatteMode, StrokeEffectStyle, TextDocument, TextLayer,
};

impl Evaluator<'_> {
    /// The drawing of [`Evaluator::layer`], with the layer's bound
    /// properties current.
    pub(super) fn layer_drawn(
        &mut self,
        layer: &Layer,
        frame: f64,
        matrix: Affine,
        opacity: f64,
        depth: usize,
    ) {
        // A stroke effect painting over the layer or alone takes the masks
        // for its paths, and they no longer cut the layer (lottie-web).
        // (The lite build imports no effects: crate::FULL.)
        let stroke_effect = layer.effects.iter().find_map(|e| match e {
            Effect::Stroke { style, .. } if crate::FULL => Some(*style),
            _ => None,
        });
        let masks_cut = !matches!(
            stroke_effect,
            Some(StrokeEffectStyle::OnOriginal | StrokeEffectStyle::OnTransparent)
        );
        // Hard-edged masks clip; masks with opacity or expansion, or in an
        // order clips cannot draw, are drawn into an alpha matte for the
        // layer instead. (The lite build imports none: crate::FULL.)
        let alpha_masks = crate::FULL
            && masks_cut
            && (layer.masks.iter().any(Mask::needs_alpha) || Mask::out_of_order(&layer.masks));
        if stroke_effect == Some(StrokeEffectStyle::RevealOriginal) {
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
        if stroke_effect != Some(StrokeEffectStyle::OnTransparent) {
            self.layer_content(layer, frame, matrix, opacity, depth);
        }
        if !filters.is_empty() {
            let drawn = self.items.get(content_start..).unwrap_or_default();
            let region = filter_region(&filters, drawn);
            // A drawing that goes past the frame's edges: its group also
            // holds what its filters bring into view from there.
            if !within(drawn, self.frame_box) {
                let group = content_start.wrapping_sub(1);
                if let Some(item) = self.items.get_mut(group) {
                    *item = filter_group(&filters);
                }
            }
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
            Some(StrokeEffectStyle::RevealOriginal) => {
                // The strokes reveal the layer: they are its alpha matte.
                self.items.push(DisplayItem::PushGroup);
                self.stroke_effect(layer, frame, matrix, 1.0);
                self.items.push(DisplayItem::PopMatte(MatteMode::Alpha));
            }
            Some(_) => self.stroke_effect(layer, frame, matrix, opacity),
            None => {}
        }
    }

    #[allow(clippy::too_many_lines, reason = "a table: one arm per layer kind")]
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
                let child_frame =
                    precomp_frame(layer, time_remap.as_ref(), frame, self.comp.frame_rate);
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
                    .or_else(|| self.overrides.image(*image))
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
                let Some(doc) = text.document_at(frame) else {
                    return;
                };
                // A bound text wins over the file's and its expression's.
                let (shown, fit) = match self.overrides.text(text.slot) {
                    Some((bound, fit)) => (Rc::clone(bound), *fit),
                    None => (source_text(text, doc, frame), None),
                };
                let animators = if crate::FULL {
                    animators_at(&text.animators, frame)
                } else {
                    Vec::new()
                };
                #[cfg(feature = "full")]
                let path = text.path.as_deref().and_then(|p| self.text_path(p, frame));
                #[cfg(not(feature = "full"))]
                let path: Option<Rc<crate::text_path::TextPathAt>> = None;
                #[cfg(feature = "full")]
                let grouping = grouping_at(&text.grouping, doc.size, frame);
                #[cfg(not(feature = "full"))]
                let grouping = crate::text_layout::Grouping::default();
                // A bound text on a path follows it as far as it goes
                // (the room to fit it in is a box's or a width).
                let fit = fit.filter(|_| path.is_none());
                if crate::FULL
                    && self.glyph_text(
                        doc,
                        &shown,
                        fit,
                        (&animators, grouping),
                        path.as_deref(),
                        frame,
                        matrix,
                        opacity,
                    )
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
                        grouping,
                        #[cfg(feature = "full")]
                        path,
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
}

/// A text layer's own text at `frame`: what its source-text expression
/// gave (run before the frame is walked), else its document's.
fn source_text(text: &TextLayer, doc: &TextDocument, frame: f64) -> Rc<SecretText> {
    #[cfg(feature = "expressions")]
    if let Some(given) = text
        .script
        .and_then(|id| crate::lottie::script_values::text(id, frame))
    {
        return given;
    }
    let _ = (text, frame);
    Rc::clone(&doc.text)
}

/// The frame a precomp layer shows its content at, at `frame` of the
/// composition that holds it: `(frame − st) / sr`, or its time remap.
pub(super) fn precomp_frame(
    layer: &Layer,
    time_remap: Option<&Animated<f64>>,
    frame: f64,
    frame_rate: f64,
) -> f64 {
    match time_remap {
        // lottie-web holds the last frame at the layer's out point.
        Some(tm) => {
            let remapped = tm.at(frame) * frame_rate;
            if remapped == layer.out_point {
                remapped - 1.0
            } else {
                remapped
            }
        }
        None => (frame - layer.start_time) / layer.stretch,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use crate::lottie::Composition;

    /// The file the loader is asked for; that only package files are drawn
    /// is tests/eval/image_files_only_from_the_package.json's.
    #[test]
    fn package_image_files_join_folder_and_name() {
        let comp = Composition::from_json(
            r#"{"w":100,"h":100,"fr":10,"ip":0,"op":20,
            "assets":[{"id":"i","w":10,"h":10,"u":"images/","p":"logo.png","e":0}],
            "layers":[{"ty":2,"refId":"i"}]}"#,
        )
        .unwrap();
        assert_eq!(comp.images[0].file.as_deref(), Some("images/logo.png"));
    }
}
