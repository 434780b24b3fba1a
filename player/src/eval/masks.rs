//! Masks: hard-edged ones that only narrow what shows as clips; ones with
//! opacity, expansion or feather, and ones in an order clips cannot draw
//! (`Mask::out_of_order`), as an alpha matte; and the stroke effect (22),
//! which strokes the mask paths instead of cutting with them.
//!
//! Each mask path is charged to the budget before it is built; draws no
//! layer content (`layers.rs` decides where masks go around it).

use std::rc::Rc;

use super::outlines::bezier_path;
use super::Evaluator;
use crate::display_list::{DisplayItem, Filter, Paint, StrokeStyle};
use crate::geometry::{Affine, Path, Rgba};
use crate::lottie::{BlendMode, Effect, FillRule, Layer, LineCap, LineJoin, MaskMode};

impl Evaluator<'_> {
    /// Pushes the clips that draw `layer`'s masks; returns how many. Adds
    /// are unioned into one clip; intersects, subtracts and an inverted
    /// first add each narrow it further. Exact for the masks clips can
    /// draw, which are all that come here: plain adds first, then masks
    /// that only narrow (`Mask::out_of_order` sends the others to
    /// `mask_matte`; the lite build refuses inverted ones).
    pub(super) fn mask_clips(&mut self, layer: &Layer, frame: f64, matrix: Affine) -> usize {
        let mut clips = 0;
        let mut union = Path::default();
        for mask in &layer.masks {
            let shape = mask.path.value_at(frame);
            if !self.spend(shape.vertices.len() + 2) {
                break;
            }
            let mut outline = Path::default();
            bezier_path(&mut outline, &shape);
            if mask.mode == MaskMode::Add && !mask.inverted {
                union.0.extend(outline.0);
                continue;
            }
            // A mask that narrows, after adds: the adds so far become one
            // clip first.
            if !union.is_empty() {
                self.push_clip(matrix, std::mem::take(&mut union), FillRule::NonZero);
                clips += 1;
            }
            if crate::FULL && mask.inverted {
                // An inverted add (the first) or intersect: what lottie-web
                // keeps (`comp_size`).
                let [w, h] = self.comp_size();
                let mut kept = Path::rect(0.0, 0.0, w, h);
                kept.0.extend(outline.0);
                self.push_clip(matrix, kept, FillRule::NonZero);
            } else if mask.mode == MaskMode::Intersect {
                self.push_clip(matrix, outline, FillRule::NonZero);
            } else {
                // A subtract keeps everything but the path: a huge
                // rectangle around it, even-odd.
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

    /// What an inverted mask starts from, as lottie-web's SVG renderer
    /// draws it (`createLayerSolidPath`): a rectangle the size of the root
    /// composition in the layer's own space, from (0, 0), with the mask's
    /// path after it under the non-zero rule. So the layer shows only
    /// within that rectangle, and the path cuts a hole where it winds
    /// against the rectangle (After Effects keeps everything outside the
    /// path, whichever way it winds; lottie-web's is what designers see in
    /// a browser, and the reference of docs/fidelity.md).
    fn comp_size(&self) -> [f64; 2] {
        [self.comp.width, self.comp.height]
    }

    /// The stroke effect (22): the chosen mask paths stroked with round
    /// caps, trimmed to start..end, dotted by the spacing, as lottie-web
    /// draws it with SVG dashes.
    pub(super) fn stroke_effect(
        &mut self,
        layer: &Layer,
        frame: f64,
        matrix: Affine,
        opacity: f64,
    ) {
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
        let width = brush.at(frame) * 2.0;
        let (s, e) = (start.at(frame), end.at(frame));
        let (from, to) = (s.min(e) / 100.0, s.max(e) / 100.0);
        let gap = width * spacing.at(frame) / 100.0;
        let paint = Paint::Solid(
            color
                .at(frame)
                .opaque()
                .with_opacity(opacity * stroke_opacity.at(frame).clamp(0.0, 1.0)),
        );
        for (i, m) in layer.masks.iter().enumerate() {
            if mask.is_some_and(|only| only != i) {
                continue;
            }
            let shape = m.path.value_at(frame);
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
    pub(super) fn mask_matte(&mut self, layer: &Layer, frame: f64, matrix: Affine) {
        for (i, mask) in layer.masks.iter().enumerate() {
            let shape = mask.path.value_at(frame);
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
            // An inverted mask: what lottie-web keeps (`comp_size`).
            if mask.inverted {
                let [w, h] = self.comp_size();
                let mut outside = Path::rect(0.0, 0.0, w, h);
                outside.0.extend(outline.0);
                outline = outside;
            }
            let operation = match mask.mode {
                MaskMode::Add => None,
                MaskMode::Subtract => Some(BlendMode::MaskSubtract),
                MaskMode::Intersect => Some(BlendMode::MaskIntersect),
            };
            if let Some(operation) = operation {
                self.items.push(DisplayItem::SetBlend(operation));
            }
            let alpha = (mask.opacity.at(frame) / 100.0).clamp(0.0, 1.0);
            let paint = Paint::Solid(Rgba::black(alpha));
            let path = Rc::new(outline);
            let expansion = mask.expansion.at(frame);
            // Feather: the mask's drawing blurred, about half the feather
            // width as the deviation (Canvas2D blurs both ways alike).
            let feather = mask.feather.at(frame);
            let sigma = if crate::FULL {
                feather.x.max(feather.y).max(0.0) / 2.0 * matrix.magnification()
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
                rule: FillRule::NonZero,
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

    pub(super) fn push_clip(&mut self, transform: Affine, path: Path, rule: FillRule) {
        self.items.push(DisplayItem::PushClip {
            transform,
            path: Rc::new(path),
            rule,
        });
    }
}
