//! The Canvas2D [`Backend`]: replays a display list on a `<canvas>`.
//!
//! Owns the canvas context and the per-frame call cost: style strings are
//! cached and set only when they change (per ../shared/notes, string styles
//! from Rust cost about 0.4 µs each). Never formats floats with core::fmt
//! (it would add kilobytes of wasm). Track mattes, masks with opacity and
//! effects draw in offscreen groups (`push_group`, `pop_matte`,
//! `pop_filters`); blend modes map to composite operations. Font text is in
//! `text.rs`.

use binding_engine::json::decimal;

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{
    CanvasGradient, CanvasRenderingContext2d, CanvasWindingRule, HtmlCanvasElement,
    HtmlImageElement, ImageBitmap, ImageData,
};

use super::best_effort::BestEffort;
use crate::display_list::{Backend, Filter, Paint, StrokeStyle, TextRun};
use crate::geometry::{Affine, Path, PathEl, Rgba};
use crate::lottie::{BlendMode, FillRule, Font, LineCap, LineJoin, MatteMode};

mod text;

#[cfg(feature = "frame")]
pub(crate) use text::FitNote;
use text::{FitEntry, FontKey};

/// An offscreen canvas for a group (a matted layer or its matte).
struct Group {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

/// Draws display lists on one canvas context.
pub(crate) struct CanvasBackend {
    /// Where drawing goes now: the canvas's own context, or the innermost group's.
    ctx: CanvasRenderingContext2d,
    /// The canvas's own context.
    base: CanvasRenderingContext2d,
    /// Open groups, innermost last.
    groups: Vec<Group>,
    /// Closed groups' canvases, kept for the next frames.
    spare: Vec<Group>,
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
            groups: Vec::new(),
            spare: Vec::new(),
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
        self.spare.clear();
        self.base = ctx.clone();
        self.switch_to(ctx);
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

    /// Draws a closed group's canvas, unscaled, into the group that
    /// encloses it (or the canvas itself), which becomes the target again.
    fn draw_group_into_enclosing(&mut self, group: &Group, opacity: f64) {
        let target = self
            .groups
            .last()
            .map_or_else(|| self.base.clone(), |g| g.ctx.clone());
        self.switch_to(target);
        identity(&self.ctx);
        self.ctx.set_global_alpha(opacity);
        self.ctx
            .draw_image_with_html_canvas_element(&group.canvas, 0.0, 0.0)
            .best_effort();
        self.ctx.set_global_alpha(1.0);
    }

    /// Makes `ctx` the drawing target; its state is not ours to assume.
    fn switch_to(&mut self, ctx: CanvasRenderingContext2d) {
        self.ctx = ctx;
        self.fill = None;
        self.stroke = None;
        self.font = None;
        self.spacing = None;
    }

    /// A cleared offscreen canvas of the backing store's size.
    fn new_group(&mut self) -> Option<Group> {
        let group = match self.spare.pop() {
            Some(group) => group,
            None => {
                let canvas: HtmlCanvasElement = web_sys::window()?
                    .document()?
                    .create_element("canvas")
                    .ok()?
                    .dyn_into()
                    .ok()?;
                let ctx = canvas.get_context("2d").ok().flatten()?.dyn_into().ok()?;
                Group { canvas, ctx }
            }
        };
        let (width, height) = (self.width as u32, self.height as u32);
        if group.canvas.width() != width || group.canvas.height() != height {
            group.canvas.set_width(width);
            group.canvas.set_height(height);
        } else {
            group
                .ctx
                .set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
                .best_effort();
            group.ctx.clear_rect(0.0, 0.0, self.width, self.height);
        }
        Some(group)
    }

    fn set_transform(&self, m: &Affine) {
        let [a, b, c, d, e, f] = m.0;
        self.ctx.set_transform(a, b, c, d, e, f).best_effort();
    }

    fn trace(&self, path: &Path) {
        self.ctx.begin_path();
        for el in &path.0 {
            match *el {
                PathEl::MoveTo(p) => self.ctx.move_to(p.x, p.y),
                PathEl::LineTo(p) => self.ctx.line_to(p.x, p.y),
                PathEl::CubicTo(a, b, c) => self.ctx.bezier_curve_to(a.x, a.y, b.x, b.y, c.x, c.y),
                PathEl::Close => self.ctx.close_path(),
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

/// Resets `ctx`'s transform: groups are drawn pixel for pixel.
fn identity(ctx: &CanvasRenderingContext2d) {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        .best_effort();
}

/// Turns a luma matte into an alpha matte, in place: alpha becomes the
/// luminance of the (premultiplied) colour, as SVG's luminanceToAlpha, or its
/// complement for an inverted matte.
fn luminance_to_alpha(ctx: &CanvasRenderingContext2d, width: f64, height: f64, inverted: bool) {
    let Ok(image) = ctx.get_image_data(0.0, 0.0, width, height) else {
        return;
    };
    let mut data = image.data().0;
    for pixel in data.chunks_exact_mut(4) {
        if let [r, g, b, a] = pixel {
            let luma = (0.2125 * f64::from(*r) + 0.7154 * f64::from(*g) + 0.0721 * f64::from(*b))
                * f64::from(*a)
                / 255.0;
            let alpha = if inverted { 255.0 - luma } else { luma };
            *a = alpha.round().clamp(0.0, 255.0) as u8;
        }
    }
    let (w, h) = (width as u32, height as u32);
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&data), w, h) {
        ctx.put_image_data(&image, 0.0, 0.0).best_effort();
    }
}

/// Tint and tritone, pixel by pixel, as lottie-web's SVG filters compute
/// them: brightness is the mean of the linear-light channels; the colour
/// maps work on its sRGB value; tint's layers merge in linear light.
fn map_pixels(ctx: &CanvasRenderingContext2d, width: f64, height: f64, filter: &Filter) {
    let Ok(image) = ctx.get_image_data(0.0, 0.0, width, height) else {
        return;
    };
    let mut data = image.data().0;
    let unit = |v: u8| f64::from(v) / 255.0;
    let byte = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    for pixel in data.chunks_exact_mut(4) {
        let [r, g, b, a] = pixel else {
            continue;
        };
        if *a == 0 {
            continue;
        }
        let source = [
            to_linear(unit(*r)),
            to_linear(unit(*g)),
            to_linear(unit(*b)),
        ];
        let grey_linear = (source[0] + source[1] + source[2]) * 0.3333;
        let grey = to_srgb(grey_linear);
        let out = match filter {
            Filter::Tritone {
                shadows,
                midtones,
                highlights,
            } => {
                let (from, to, t) = if grey < 0.5 {
                    (shadows, midtones, grey * 2.0)
                } else {
                    (midtones, highlights, grey * 2.0 - 1.0)
                };
                [
                    from.r + (to.r - from.r) * t,
                    from.g + (to.g - from.g) * t,
                    from.b + (to.b - from.b) * t,
                ]
            }
            Filter::Tint {
                black,
                white,
                amount,
            } => {
                // The source, then the grey, then the mapped grey over it,
                // both at `amount`, premultiplied, in linear light.
                let alpha = unit(*a);
                let top = alpha * amount;
                let mapped = [
                    black.r + (white.r - black.r) * grey,
                    black.g + (white.g - black.g) * grey,
                    black.b + (white.b - black.b) * grey,
                ];
                let mut merged = [0.0; 3];
                let under = top + alpha * (1.0 - top);
                let coverage = top + under * (1.0 - top);
                for (i, m) in merged.iter_mut().enumerate() {
                    let s = source.get(i).copied().unwrap_or(0.0) * alpha;
                    let over_grey = grey_linear * top + s * (1.0 - top);
                    let top_colour = to_linear(mapped.get(i).copied().unwrap_or(0.0));
                    *m = to_srgb((top_colour * top + over_grey * (1.0 - top)) / coverage);
                }
                *a = byte(coverage);
                merged
            }
            _ => return,
        };
        *r = byte(out[0]);
        *g = byte(out[1]);
        *b = byte(out[2]);
    }
    let (w, h) = (width as u32, height as u32);
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&data), w, h) {
        ctx.put_image_data(&image, 0.0, 0.0).best_effort();
    }
}

/// sRGB to linear light, by a cubic close to the exact curve (within 0.5%),
/// so that no `powf` reaches the wasm.
fn to_linear(v: f64) -> f64 {
    v * (v * (v * 0.305_306_011 + 0.682_171_111) + 0.012_522_878)
}

/// Linear light to sRGB, by nested square roots close to the exact curve.
fn to_srgb(v: f64) -> f64 {
    let s1 = v.max(0.0).sqrt();
    let s2 = s1.sqrt();
    let s3 = s2.sqrt();
    (0.585_122_381 * s1 + 0.783_140_355 * s2 - 0.368_262_736 * s3).clamp(0.0, 1.0)
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
        let base = self.base.clone();
        self.switch_to(base);
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
        self.trace(path);
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
        self.set_transform(transform);
        self.set_fill_paint(paint);
        self.trace(path);
        self.ctx.fill_with_canvas_winding_rule(winding(rule));
    }

    fn stroke_path(&mut self, transform: &Affine, path: &Path, paint: &Paint, style: &StrokeStyle) {
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
        self.trace(path);
        self.ctx.stroke();
    }

    fn set_blend(&mut self, mode: BlendMode) {
        self.ctx
            .set_global_composite_operation(mode.composite_operation())
            .best_effort();
    }

    fn draw_image(&mut self, transform: &Affine, image: usize, size: (f64, f64), opacity: f64) {
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
        // Without a canvas for the group, drawing goes straight through.
        if let Some(group) = self.new_group() {
            let ctx = group.ctx.clone();
            self.groups.push(group);
            self.switch_to(ctx);
        }
    }

    fn pop_filters(&mut self, filters: &[Filter], region: Option<[f64; 4]>) {
        let Some(mut group) = self.groups.pop() else {
            return;
        };
        let (width, height) = (self.width, self.height);
        group
            .ctx
            .set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            .best_effort();
        // The lite build never evaluates filters (crate::FULL).
        let filters = if crate::FULL { filters } else { &[] };
        for filter in filters {
            match filter {
                Filter::Fill(color) => {
                    // The colour where anything was drawn, then alpha scaled.
                    let ctx = &group.ctx;
                    ctx.set_global_composite_operation("source-in")
                        .best_effort();
                    ctx.set_fill_style_str(&css_color(color.with_opacity(1.0).to_rgba8()));
                    ctx.fill_rect(0.0, 0.0, width, height);
                    ctx.set_global_composite_operation("destination-in")
                        .best_effort();
                    ctx.set_fill_style_str(&css_color([
                        0,
                        0,
                        0,
                        (color.a.clamp(0.0, 1.0) * 255.0).round() as u8,
                    ]));
                    ctx.fill_rect(0.0, 0.0, width, height);
                    ctx.set_global_composite_operation("source-over")
                        .best_effort();
                }
                Filter::Tint { .. } | Filter::Tritone { .. } => {
                    map_pixels(&group.ctx, width, height, filter);
                }
                Filter::Blur(sigma) => {
                    // Canvas2D filters draw from one canvas to another.
                    let Some(blurred) = self.new_group() else {
                        continue;
                    };
                    let mut css = String::from("blur(");
                    css.push_str(&css_px(*sigma));
                    css.push(')');
                    blurred.ctx.set_filter(&css);
                    blurred
                        .ctx
                        .draw_image_with_html_canvas_element(&group.canvas, 0.0, 0.0)
                        .best_effort();
                    blurred.ctx.set_filter("none");
                    self.spare.push(std::mem::replace(&mut group, blurred));
                }
                Filter::DropShadow {
                    color,
                    offset,
                    sigma,
                } => {
                    let Some(shadowed) = self.new_group() else {
                        continue;
                    };
                    let ctx = &shadowed.ctx;
                    ctx.set_shadow_color(&css_color(color.to_rgba8()));
                    // Canvas2D's shadow blur is twice the standard deviation.
                    ctx.set_shadow_blur(2.0 * sigma);
                    ctx.set_shadow_offset_x(offset.x);
                    ctx.set_shadow_offset_y(offset.y);
                    ctx.draw_image_with_html_canvas_element(&group.canvas, 0.0, 0.0)
                        .best_effort();
                    ctx.set_shadow_color("transparent");
                    self.spare.push(std::mem::replace(&mut group, shadowed));
                }
            }
        }
        if let Some([x, y, w, h]) = region {
            let ctx = &group.ctx;
            ctx.set_global_composite_operation("destination-in")
                .best_effort();
            ctx.set_fill_style_str("#000");
            ctx.fill_rect(x, y, w, h);
            ctx.set_global_composite_operation("source-over")
                .best_effort();
        }
        self.draw_group_into_enclosing(&group, 1.0);
        self.spare.push(group);
    }

    fn pop_opacity(&mut self, opacity: f64) {
        if let Some(group) = self.groups.pop() {
            self.draw_group_into_enclosing(&group, opacity.clamp(0.0, 1.0));
            self.spare.push(group);
        }
    }

    fn pop_matte(&mut self, mode: MatteMode) {
        let (Some(matte), Some(content)) = (self.groups.pop(), self.groups.pop()) else {
            return;
        };
        // (The lite build imports no luma mattes: crate::FULL.)
        if crate::FULL && matches!(mode, MatteMode::Luma | MatteMode::LumaInverted) {
            luminance_to_alpha(
                &matte.ctx,
                self.width,
                self.height,
                mode == MatteMode::LumaInverted,
            );
        }
        // Cut the content with the matte's alpha.
        identity(&content.ctx);
        let cut = if mode == MatteMode::AlphaInverted {
            "destination-out"
        } else {
            "destination-in"
        };
        content
            .ctx
            .set_global_composite_operation(cut)
            .best_effort();
        content
            .ctx
            .draw_image_with_html_canvas_element(&matte.canvas, 0.0, 0.0)
            .best_effort();
        content
            .ctx
            .set_global_composite_operation("source-over")
            .best_effort();
        // Then draw it where the content group was opened.
        self.draw_group_into_enclosing(&content, 1.0);
        self.spare.push(matte);
        self.spare.push(content);
    }

    fn fill_text(&mut self, transform: &Affine, run: &TextRun) {
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
