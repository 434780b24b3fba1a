//! The Canvas2D [`Backend`]: replays a display list on a `<canvas>`.
//!
//! Owns the canvas context and the per-frame call cost: style strings are
//! cached and set only when they change (per ../shared/notes, string styles
//! from Rust cost about 0.4 µs each). Never formats floats with core::fmt
//! (it would add kilobytes of wasm). Track mattes, layer opacity, masks
//! with opacity and effects draw in offscreen groups, bounded by what they
//! hold (`groups.rs`; their pixel maths in `pixels.rs`); blend modes map to
//! composite operations. Font text is in `text.rs`.

use binding_engine::json::decimal;

use web_sys::{
    CanvasGradient, CanvasRenderingContext2d, CanvasWindingRule, HtmlImageElement, ImageBitmap,
};

use super::best_effort::BestEffort;
use crate::display_list::{Backend, Filter, Paint, StrokeStyle, TextRun};
use crate::geometry::{Affine, Path, PathEl, Rgba, Vec2};
use crate::lottie::{BlendMode, FillRule, Font, LineCap, LineJoin, MatteMode};

mod groups;
mod pixels;
mod text;

use groups::{path_box, Group, EVERYWHERE};

#[cfg(feature = "frame")]
pub(crate) use text::FitNote;
use text::{FitEntry, FontKey};

/// Draws display lists on one canvas context.
pub(crate) struct CanvasBackend {
    /// Where drawing goes now: the canvas's own context, or the innermost group's.
    ctx: CanvasRenderingContext2d,
    /// The margin of the canvas drawn on now (a group's, see
    /// [`Group`]; 0 for the canvas itself): every transform is shifted by
    /// it. (The full build's: the lite one has no margins.)
    #[cfg(feature = "full")]
    margin: f64,
    /// The canvas's own context.
    base: CanvasRenderingContext2d,
    /// Open groups, innermost last.
    groups: Vec<Group>,
    /// Closed groups' canvases, for the next groups.
    spare: Vec<Group>,
    /// Canvases of groups closed in this frame: spare from the next one
    /// (full build; see `CanvasBackend::put_back`).
    used: Vec<Group>,
    /// Decoded image assets, by index (set by whoever loaded them).
    images: Vec<Option<HtmlImageElement>>,
    /// The viewer's images, numbered from `viewer_base` in the display
    /// list (after the template's): personal data, closed when the data goes.
    viewer: Vec<ImageBitmap>,
    viewer_base: usize,
    width: f64,
    height: f64,
    /// CSS font prefix per composition font: `italic 700 `, and the family.
    fonts: Vec<(String, String)>,
    fill: Option<[u8; 4]>,
    stroke: Option<[u8; 4]>,
    font: Option<FontKey>,
    /// Letter spacing set on the context, in hundredths of a pixel.
    spacing: Option<i64>,
    /// Fitting measures every character a dozen times: done once per bound
    /// text and style, not per frame. Holds bound texts (and cut copies):
    /// [`CanvasBackend::forget_texts`] empties it when the data goes.
    fitted: Vec<FitEntry>,
    /// The designer preview's notes on bound texts that did not fit as
    /// drawn (`None`: not recorded, as in the player).
    #[cfg(feature = "frame")]
    pub(crate) fit_notes: Option<Vec<FitNote>>,
}

impl CanvasBackend {
    pub(crate) fn new(ctx: CanvasRenderingContext2d, fonts: &[Font]) -> Self {
        let fonts = fonts
            .iter()
            .map(|f| {
                let mut prefix = String::new();
                if f.italic {
                    prefix.push_str("italic ");
                }
                prefix.push_str(&decimal(i64::from(f.weight)));
                prefix.push(' ');
                // Families are template-side names; quote them for CSS.
                let family: String = f
                    .family
                    .chars()
                    .filter(|c| !matches!(c, '"' | '\\' | ';'))
                    .collect();
                (prefix, family)
            })
            .collect();
        Self {
            base: ctx.clone(),
            ctx,
            #[cfg(feature = "full")]
            margin: 0.0,
            groups: Vec::new(),
            spare: Vec::new(),
            used: Vec::new(),
            images: Vec::new(),
            viewer: Vec::new(),
            viewer_base: usize::MAX,
            width: 0.0,
            height: 0.0,
            fonts,
            fill: None,
            stroke: None,
            font: None,
            spacing: None,
            fitted: Vec::new(),
            #[cfg(feature = "frame")]
            fit_notes: None,
        }
    }

    /// Drops every remembered fitting (they hold the bound texts).
    pub(crate) fn forget_texts(&mut self) {
        self.fitted.clear();
    }

    /// Draws on `ctx` (a new canvas's) from now on, and lets go of the old
    /// context, its offscreen canvases and every style cached for them:
    /// the browser keeps the styles set on a context (bound colours among
    /// them) for as long as the context lives.
    pub(crate) fn renew(&mut self, ctx: CanvasRenderingContext2d) {
        self.groups.clear();
        self.forget_groups();
        self.base = ctx.clone();
        self.switch_to(ctx, 0.0);
        self.forget_texts();
    }

    /// Sets the size of the canvas's backing store, in device pixels.
    pub(crate) fn set_size(&mut self, width: f64, height: f64) {
        self.width = width;
        self.height = height;
        // Resizing resets the context state, and with it our caches.
        self.fill = None;
        self.stroke = None;
        self.font = None;
        self.spacing = None;
    }

    /// Gives the backend image asset `index`, decoded.
    pub(crate) fn set_image(&mut self, index: usize, image: HtmlImageElement) {
        if index >= self.images.len() {
            self.images.resize(index + 1, None);
        }
        if let Some(slot) = self.images.get_mut(index) {
            *slot = Some(image);
        }
    }

    /// Gives the backend the viewer's images, numbered from `base` (the
    /// template's image count); closes the previous viewer's.
    pub(crate) fn set_viewer_images(&mut self, base: usize, bitmaps: Vec<ImageBitmap>) {
        for bitmap in std::mem::replace(&mut self.viewer, bitmaps) {
            bitmap.close();
        }
        self.viewer_base = base;
    }

    /// Makes `ctx` (of a canvas with `margin`) the drawing target; its
    /// state is not ours to assume.
    fn switch_to(&mut self, ctx: CanvasRenderingContext2d, margin: f64) {
        self.ctx = ctx;
        #[cfg(feature = "full")]
        {
            self.margin = margin;
        }
        let _ = margin;
        self.fill = None;
        self.stroke = None;
        self.font = None;
        self.spacing = None;
    }

    /// The margin of the canvas drawn on now.
    fn margin(&self) -> f64 {
        #[cfg(feature = "full")]
        return self.margin;
        #[cfg(not(feature = "full"))]
        0.0
    }

    fn set_transform(&self, m: &Affine) {
        let [a, b, c, d, e, f] = m.0;
        // (The lite build opens no group with a margin, and `e + 0.0` is
        // not `e` to the compiler: crate::FULL keeps its code as it was.)
        if crate::FULL {
            let shift = self.margin();
            self.ctx.set_transform(a, b, c, d, e + shift, f + shift)
        } else {
            self.ctx.set_transform(a, b, c, d, e, f)
        }
        .best_effort();
    }

    /// Traces `path`. With `dot` above 0 (a stroke with round or square
    /// caps), a closed subpath of no length (a closed one-point path) gets
    /// a segment `dot` long after it: Canvas2D strokes nothing for it, where
    /// SVG (lottie-web's reference) and After Effects draw its caps, the
    /// dots of icons' "i" and "!".
    fn trace(&self, path: &Path, dot: f64) {
        self.ctx.begin_path();
        let mut start = Vec2::default();
        // Whether the subpath's segments stay at its start.
        let mut still = true;
        for el in &path.0 {
            match *el {
                PathEl::MoveTo(p) => {
                    (start, still) = (p, true);
                    self.ctx.move_to(p.x, p.y);
                }
                PathEl::LineTo(p) => {
                    still &= p == start;
                    self.ctx.line_to(p.x, p.y);
                }
                PathEl::CubicTo(a, b, c) => {
                    still &= a == start && b == start && c == start;
                    self.ctx.bezier_curve_to(a.x, a.y, b.x, b.y, c.x, c.y);
                }
                PathEl::Close => {
                    self.ctx.close_path();
                    if still {
                        // (With `dot` 0: a segment of no length, which
                        // neither fills, clips nor strokes.)
                        self.ctx.line_to(start.x + dot, start.y);
                    }
                }
            }
        }
    }

    /// A Canvas2D gradient for `paint` (in the current transform's space).
    fn gradient(&self, paint: &Paint) -> Option<CanvasGradient> {
        let (gradient, stops) = match paint {
            Paint::Solid(_) => return None,
            Paint::Linear { start, end, stops } => (
                self.ctx
                    .create_linear_gradient(start.x, start.y, end.x, end.y),
                stops,
            ),
            Paint::Radial {
                center,
                radius,
                focus,
                stops,
            } => (
                self.ctx
                    .create_radial_gradient(
                        focus.x,
                        focus.y,
                        0.0,
                        center.x,
                        center.y,
                        radius.max(0.0),
                    )
                    .ok()?,
                stops,
            ),
        };
        for (offset, color) in stops.iter() {
            gradient
                .add_color_stop(*offset as f32, &css_color(color.to_rgba8()))
                .best_effort();
        }
        Some(gradient)
    }

    fn set_fill_paint(&mut self, paint: &Paint) {
        match self.gradient(paint) {
            Some(gradient) => {
                self.ctx.set_fill_style_canvas_gradient(&gradient);
                self.fill = None;
            }
            None => {
                if let Paint::Solid(color) = paint {
                    self.set_fill(*color);
                }
            }
        }
    }

    fn set_stroke_paint(&mut self, paint: &Paint) {
        match (self.gradient(paint), paint) {
            (Some(gradient), _) => {
                self.ctx.set_stroke_style_canvas_gradient(&gradient);
                self.stroke = None;
            }
            (None, Paint::Solid(color)) => {
                let rgba = color.to_rgba8();
                if self.stroke != Some(rgba) {
                    self.ctx.set_stroke_style_str(&css_color(rgba));
                    self.stroke = Some(rgba);
                }
            }
            (None, _) => {}
        }
    }

    fn set_fill(&mut self, color: Rgba) {
        let rgba = color.to_rgba8();
        if self.fill != Some(rgba) {
            self.ctx.set_fill_style_str(&css_color(rgba));
            self.fill = Some(rgba);
        }
    }
}

/// Resets `ctx`'s transform to canvas pixels, shifted by its canvas's
/// `margin` (a group's): groups are drawn pixel for pixel.
fn shifted(ctx: &CanvasRenderingContext2d, margin: f64) {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, margin, margin)
        .best_effort();
}

fn winding(rule: FillRule) -> CanvasWindingRule {
    match rule {
        FillRule::NonZero => CanvasWindingRule::Nonzero,
        FillRule::EvenOdd => CanvasWindingRule::Evenodd,
    }
}

/// `#rrggbbaa` without core::fmt.
fn css_color(rgba: [u8; 4]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(9);
    s.push('#');
    for byte in rgba {
        for nibble in [byte >> 4, byte & 15] {
            s.push(char::from(
                HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    s
}

/// A font size in CSS pixels, to 1/100 px, without float formatting.
fn css_px(size: f64) -> String {
    let hundredths = (size.clamp(0.0, 10_000.0) * 100.0).round() as u32;
    let mut s = decimal(i64::from(hundredths / 100));
    let frac = hundredths % 100;
    if frac != 0 {
        s.push('.');
        s.push(char::from(b'0' + (frac / 10) as u8));
        s.push(char::from(b'0' + (frac % 10) as u8));
    }
    s.push_str("px ");
    s
}

impl Backend for CanvasBackend {
    fn begin_frame(&mut self, background: Option<Rgba>) {
        // A frame always starts on the canvas itself, whatever the last left open.
        while let Some(group) = self.groups.pop() {
            self.spare.push(group);
        }
        self.spare_used();
        let base = self.base.clone();
        self.switch_to(base, 0.0);
        self.ctx
            .set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            .best_effort();
        self.ctx.clear_rect(0.0, 0.0, self.width, self.height);
        if let Some(bg) = background {
            self.set_fill(bg);
            self.ctx.fill_rect(0.0, 0.0, self.width, self.height);
        }
    }

    fn push_clip(&mut self, transform: &Affine, path: &Path, rule: FillRule) {
        self.ctx.save();
        self.set_transform(transform);
        self.trace(path, 0.0);
        self.ctx.clip_with_canvas_winding_rule(winding(rule));
    }

    fn pop_clip(&mut self) {
        self.ctx.restore();
        // restore() brings back the styles saved with the clip.
        self.fill = None;
        self.stroke = None;
        self.font = None;
        self.spacing = None;
    }

    fn fill_path(&mut self, transform: &Affine, path: &Path, paint: &Paint, rule: FillRule) {
        if self.bounding() {
            self.mark(path_box(transform, path, 0.0));
        }
        self.set_transform(transform);
        self.set_fill_paint(paint);
        self.trace(path, 0.0);
        self.ctx.fill_with_canvas_winding_rule(winding(rule));
    }

    fn stroke_path(&mut self, transform: &Affine, path: &Path, paint: &Paint, style: &StrokeStyle) {
        // Half the width out, as far as a miter (or a square cap) reaches.
        if self.bounding() {
            let reach = style.width / 2.0 * style.miter_limit.max(1.5) * transform.magnification();
            self.mark(path_box(transform, path, reach));
        }
        self.set_transform(transform);
        self.set_stroke_paint(paint);
        self.ctx.set_line_width(style.width);
        self.ctx.set_line_cap(match style.cap {
            LineCap::Butt => "butt",
            LineCap::Round => "round",
            LineCap::Square => "square",
        });
        self.ctx.set_line_join(match style.join {
            LineJoin::Miter => "miter",
            LineJoin::Round => "round",
            LineJoin::Bevel => "bevel",
        });
        self.ctx.set_miter_limit(style.miter_limit);
        // Dashes are per stroke; an empty list turns them off.
        let dashes = js_sys::Array::new();
        if let Some((lengths, offset)) = &style.dash {
            for length in lengths.iter() {
                dashes.push(&wasm_bindgen::JsValue::from_f64(*length));
            }
            self.ctx.set_line_dash_offset(*offset);
        }
        self.ctx.set_line_dash(&dashes).best_effort();
        // A thousandth of the width: no visible length, and enough for
        // Skia not to take the segment for a point at any scale.
        // (Dashed, SVG draws no caps there either.)
        let dot = if matches!(style.cap, LineCap::Butt) || style.dash.is_some() {
            0.0
        } else {
            style.width / 1000.0
        };
        self.trace(path, dot);
        self.ctx.stroke();
    }

    fn set_blend(&mut self, mode: BlendMode) {
        self.ctx
            .set_global_composite_operation(mode.composite_operation())
            .best_effort();
    }

    fn draw_image(&mut self, transform: &Affine, image: usize, size: (f64, f64), opacity: f64) {
        if self.bounding() {
            self.mark(path_box(
                transform,
                &Path::rect(0.0, 0.0, size.0, size.1),
                0.0,
            ));
        }
        let viewer = image
            .checked_sub(self.viewer_base)
            .and_then(|i| self.viewer.get(i));
        let element = self.images.get(image).and_then(Option::as_ref);
        if viewer.is_none() && element.is_none() {
            return;
        }
        self.set_transform(transform);
        self.ctx.set_global_alpha(opacity.clamp(0.0, 1.0));
        if let Some(bitmap) = viewer {
            // The viewer's photo covers the template image's box, centred,
            // cut rather than stretched.
            let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
            let scale = (size.0 / w).max(size.1 / h);
            let (sw, sh) = (size.0 / scale, size.1 / scale);
            self.ctx
                .draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    bitmap,
                    (w - sw) / 2.0,
                    (h - sh) / 2.0,
                    sw,
                    sh,
                    0.0,
                    0.0,
                    size.0,
                    size.1,
                )
                .best_effort();
        } else if let Some(element) = element {
            self.ctx
                .draw_image_with_html_image_element_and_dw_and_dh(element, 0.0, 0.0, size.0, size.1)
                .best_effort();
        }
        self.ctx.set_global_alpha(1.0);
    }

    fn push_group(&mut self) {
        self.open_group(0.0);
    }

    fn push_group_beyond(&mut self, margin: f64) {
        self.open_group(margin);
    }

    fn pop_filters(&mut self, filters: &[Filter], region: Option<[f64; 4]>) {
        self.close_with_filters(filters, region);
    }

    fn pop_opacity(&mut self, opacity: f64) {
        self.close_with_opacity(opacity);
    }

    fn pop_matte(&mut self, mode: MatteMode) {
        self.close_with_matte(mode);
    }

    fn fill_text(&mut self, transform: &Affine, run: &TextRun) {
        self.mark(EVERYWHERE);
        self.draw_text(transform, run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_without_core_fmt() {
        assert_eq!(css_color([255, 0, 16, 128]), "#ff001080");
        assert_eq!(css_px(44.0), "44px ");
        assert_eq!(css_px(12.345), "12.35px ");
        assert_eq!(css_px(0.5), "0.50px ");
    }
}
