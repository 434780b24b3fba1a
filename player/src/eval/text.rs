//! Glyph text: text drawn from the file's own glyph outlines (`chars`),
//! laid out by `text_layout::lay_out` (as font text is, in the canvas
//! backend) with the glyphs' widths, and text animators' values and text
//! paths (`t.p`, sampled by `text_path`) at one frame, for glyph and font
//! text alike.
//!
//! No browser (widths come from the file's glyphs, not from measuring);
//! each glyph's outline and each text path's samples are charged to the
//! budget.

use std::rc::Rc;

use binding_engine::{SecretText, TextFit};

use super::Evaluator;
use crate::display_list::{DisplayItem, Paint, StrokeStyle};
use crate::geometry::{Affine, Path, Rgba, Vec2};
use crate::lottie::animated::Animated;
use crate::lottie::{FillRule, Glyph, LineCap, LineJoin, TextAnimator, TextDocument};
#[cfg(feature = "full")]
use crate::lottie::{TextGrouping, TextPath};
use crate::text_layout::{self, AnimatorAt, Grouping, SelectorAt, TextSpec, TextStyle};
use crate::text_path::TextPathAt;

impl Evaluator<'_> {
    /// Draws text from the file's glyph outlines (`chars`) when its font
    /// has them, laid out as lottie-web does; `false` when it has none and
    /// the browser's fonts must draw it.
    #[allow(
        clippy::too_many_arguments,
        reason = "the evaluation context of one text layer"
    )]
    pub(super) fn glyph_text(
        &mut self,
        doc: &TextDocument,
        text: &SecretText,
        fit: Option<TextFit>,
        (animators, grouping): (&[AnimatorAt], Grouping),
        path: Option<&TextPathAt>,
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
        let mut style = text_style(doc, font.ascent, grouping);
        style.fill = self.fill_color(style.fill);
        style.stroke = style.stroke.map(|(c, w)| (self.stroke_color(c), w));
        // A bound text that must fit its room is measured with the glyphs'
        // widths: drawn smaller about its origin (or its box's corner), or cut.
        let spec = TextSpec {
            caps: doc.caps,
            size: doc.size,
            tracking: style.tracking,
            text_box: style.text_box,
            fit,
        };
        let layout = text_layout::lay_out(text.expose(), &spec, matrix, &mut |c| width_of(c));
        let (matrix, lines) = (layout.transform, &layout.lines);
        style.text_box = layout.text_box;
        let text = layout.text(text.expose());
        let letters = text_layout::place_letters(text, lines, &width_of, &style, animators, path);
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

    /// A text path at `frame`: its mask's path sampled (its samples charged
    /// to the budget), its options read; `None` once the budget is gone.
    #[cfg(feature = "full")]
    pub(super) fn text_path(&mut self, path: &TextPath, frame: f64) -> Option<Rc<TextPathAt>> {
        let shape = path.path.value_at(frame);
        let segments = shape.vertices.len().min(crate::text_path::MAX_SEGMENTS);
        if !self.spend(segments * crate::text_path::CURVE_SAMPLES) {
            return None;
        }
        Some(Rc::new(TextPathAt {
            first_margin: path.first_margin.at(frame),
            perpendicular: path.perpendicular.at(frame) != 0.0,
            force_alignment: path.force_alignment.at(frame) != 0.0,
            ..TextPathAt::new(&shape, path.reversed.at(frame) != 0.0)
        }))
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
}

/// How `doc` lays out, for [`text_layout`].
fn text_style(doc: &TextDocument, ascent_percent: f64, grouping: Grouping) -> TextStyle {
    TextStyle {
        tracking: doc.tracking / 1000.0 * doc.size,
        justify: doc.justify,
        text_box: doc.text_box,
        ascent: ascent_percent / 100.0 * doc.size,
        line_height: doc.line_height,
        baseline_shift: doc.baseline_shift,
        fill: doc.fill,
        stroke: doc.stroke.map(|(c, w, _)| (c, w)),
        grouping,
    }
}

/// What a text layer's animated letters pivot about at `frame`, for a
/// document of font size `size`: the grouping alignment's y is a share of
/// lottie-web's letter height (`yOff`: size × 1.2 × 0.714).
#[cfg(feature = "full")]
pub(super) fn grouping_at(grouping: &TextGrouping, size: f64, frame: f64) -> Grouping {
    let alignment = grouping.alignment.at(frame);
    Grouping {
        unit: grouping.unit,
        across: alignment.x / 200.0,
        down: alignment.y / 100.0 * size * 1.2 * 0.714,
    }
}

/// Text animators' values at `frame`.
pub(super) fn animators_at(animators: &[TextAnimator], frame: f64) -> Vec<AnimatorAt> {
    let value = |v: &Animated<f64>| v.at(frame);
    let point = |v: &Option<Animated<Vec2>>| v.as_ref().map(|v| v.at(frame));
    let number = |v: &Option<Animated<f64>>| v.as_ref().map(value);
    let color = |v: &Option<Animated<Rgba>>| v.as_ref().map(|v| v.at(frame).opaque());
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
                #[cfg(feature = "full")]
                skew: a.skew.as_ref().map(|(sk, sa)| (value(sk), value(sa))),
            }
        })
        .collect()
}
