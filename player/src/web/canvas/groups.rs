//! The Canvas2D backend's offscreen groups: one canvas per open group (a
//! matted layer and its matte, a faded layer, a layer with effects), the
//! box of pixels each may hold, and compositing a closed group back into
//! the one that encloses it; and the canvases kept for later groups (in
//! the full build, not one drawn from in the same frame, up to a budget:
//! [`KEPT_GROUP_PIXELS`]).
//!
//! Every group operation works within those boxes, not the whole frame:
//! clearing a canvas for reuse, luma mattes and pixel filters read back,
//! the matte's cut and the final `drawImage` cost the pixels the layer
//! covers (a whole-frame group cost a frame's pixels several times over).
//! A box never holds less than what was drawn (control-point hulls,
//! strokes widened at the miter limit, blurs and shadows by their reach,
//! text anywhere, a pixel of antialiasing all round), so bounding never
//! changes a pixel; composite operations that reach outside what they
//! draw (`destination-in` and the like) still do, as on a whole canvas.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::pixels::{luminance_to_alpha, map_pixels};
use super::{css_color, css_px, identity, CanvasBackend};
use crate::display_list::Filter;
use crate::geometry::{Affine, Path};
use crate::lottie::MatteMode;
use crate::web::best_effort::BestEffort;

/// A box in canvas pixels: left, top, right, bottom; empty when left > right.
pub(super) type PixelBox = [f64; 4];

/// Nothing drawn.
const EMPTY: PixelBox = [
    f64::INFINITY,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NEG_INFINITY,
];

/// Anywhere (text: its extent only the browser knows).
pub(super) const EVERYWHERE: PixelBox = [
    f64::NEG_INFINITY,
    f64::NEG_INFINITY,
    f64::INFINITY,
    f64::INFINITY,
];

/// Pixels of group canvases kept at most (16 MB): past it, a canvas drawn
/// from in this frame is drawn on again (sixteen canvases of 512 x 512,
/// one of a 1280 x 720 player at device pixel ratio 2). Groups open at once
/// go past it (each needs its own canvas), and at least
/// [`MIN_SPARE_GROUPS`] are kept between frames.
const KEPT_GROUP_PIXELS: f64 = 4.0 * 1024.0 * 1024.0;

/// Spare canvases kept between frames whatever their size: as many as
/// groups commonly nest (a matte in a faded layer with effects).
const MIN_SPARE_GROUPS: usize = 3;

/// An offscreen canvas for a group.
pub(super) struct Group {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// Where the canvas may hold pixels: cleared there before it is reused.
    drawn: PixelBox,
}

fn union(a: PixelBox, b: PixelBox) -> PixelBox {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

fn intersection(a: PixelBox, b: PixelBox) -> PixelBox {
    [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ]
}

fn grown(b: PixelBox, by: f64) -> PixelBox {
    [b[0] - by, b[1] - by, b[2] + by, b[3] + by]
}

/// The box of `path` under `transform` (its control points hold its
/// curves), grown by `grow` pixels and one more for antialiasing.
pub(super) fn path_box(transform: &Affine, path: &Path, grow: f64) -> PixelBox {
    grown(path.control_box(transform), grow + 1.0)
}

/// Clips `ctx` (whose transform is the identity) to `rect` (x, y, width,
/// height): composite operations that clear what they do not cover then
/// work within it.
fn clip_to(ctx: &CanvasRenderingContext2d, [x, y, w, h]: [f64; 4]) {
    ctx.begin_path();
    ctx.rect(x, y, w, h);
    ctx.clip();
}

/// Copies the pixels of `rect` (x, y, width, height) of `from` to the same
/// place on `ctx`, whose transform is the identity.
fn copy_rect(ctx: &CanvasRenderingContext2d, from: &HtmlCanvasElement, [x, y, w, h]: [f64; 4]) {
    ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        from, x, y, w, h, x, y, w, h,
    )
    .best_effort();
}

impl CanvasBackend {
    /// Whether what is drawn now goes into a group whose box is kept
    /// (the canvas itself is cleared whole; the lite build keeps none).
    pub(super) fn bounding(&self) -> bool {
        crate::FULL && !self.groups.is_empty()
    }

    /// Notes that what is drawn now may cover `reach`.
    pub(super) fn mark(&mut self, reach: PixelBox) {
        if let Some(group) = self.groups.last_mut().filter(|_| crate::FULL) {
            group.drawn = union(group.drawn, reach);
        }
    }

    /// `b` rounded out to whole pixels and cut to the canvas: x, y, width,
    /// height; `None` when nothing of it is on the canvas. (A NaN edge
    /// reaches the canvas's edge: `f64::max` and `min` drop NaN.)
    fn pixels(&self, b: PixelBox) -> Option<[f64; 4]> {
        let (x0, y0) = (b[0].floor().max(0.0), b[1].floor().max(0.0));
        let (x1, y1) = (b[2].ceil().min(self.width), b[3].ceil().min(self.height));
        (x0 < x1 && y0 < y1).then_some([x0, y0, x1 - x0, y1 - y0])
    }

    /// A transparent offscreen canvas of the backing store's size.
    fn new_group(&mut self) -> Option<Group> {
        // Past the budget, a canvas drawn from in this frame is drawn on
        // again (and copied first).
        let kept = (self.groups.len() + self.used.len() + 1) as f64 * self.width * self.height;
        let over = crate::FULL && kept > KEPT_GROUP_PIXELS;
        let reused = self
            .spare
            .pop()
            .or_else(|| over.then(|| self.used.pop()).flatten());
        let mut group = match reused {
            Some(group) => group,
            None => {
                let canvas: HtmlCanvasElement = web_sys::window()?
                    .document()?
                    .create_element("canvas")
                    .ok()?
                    .dyn_into()
                    .ok()?;
                let ctx = canvas.get_context("2d").ok().flatten()?.dyn_into().ok()?;
                Group {
                    canvas,
                    ctx,
                    drawn: EMPTY,
                }
            }
        };
        let (width, height) = (self.width as u32, self.height as u32);
        if group.canvas.width() != width || group.canvas.height() != height {
            // Resizing clears the canvas.
            group.canvas.set_width(width);
            group.canvas.set_height(height);
        } else {
            // The copies into blur and shadow groups assume the identity.
            identity(&group.ctx);
            if let Some([x, y, w, h]) = self.pixels(group.drawn) {
                group.ctx.clear_rect(x, y, w, h);
            }
        }
        // The lite build leaves bounding out for its bytes (1.2 KB gzip):
        // its groups hold the whole canvas.
        group.drawn = if crate::FULL { EMPTY } else { EVERYWHERE };
        Some(group)
    }

    /// Makes this frame's closed groups' canvases spare for the next one,
    /// as many as [`KEPT_GROUP_PIXELS`] allows at the canvas's size now
    /// (a player made larger must not keep the smaller one's count).
    pub(super) fn spare_used(&mut self) {
        if crate::FULL {
            self.spare.append(&mut self.used);
            let fit = (KEPT_GROUP_PIXELS / (self.width * self.height).max(1.0)) as usize;
            self.spare.truncate(fit.max(MIN_SPARE_GROUPS));
        }
    }

    /// Drops every group canvas kept for later (and the pixels on them).
    pub(crate) fn forget_groups(&mut self) {
        self.spare.clear();
        self.used.clear();
    }

    /// Keeps a closed group's canvas for another group: in the full
    /// build, not one of this frame. The canvas it was drawn into holds a
    /// snapshot of it until the frame is rasterised, and drawing on it
    /// again before then made Chromium copy the whole canvas first (copy
    /// on write): rlottie__you-re_in took 26 ms a frame instead of 6,
    /// thorvg-example__happy_holidays 5.7 instead of 1.3
    /// (docs/benchmarks.md).
    fn put_back(&mut self, group: Group) {
        if crate::FULL {
            self.used.push(group);
        } else {
            self.spare.push(group);
        }
    }

    pub(super) fn open_group(&mut self) {
        // Without a canvas for the group, drawing goes straight through.
        if let Some(group) = self.new_group() {
            let ctx = group.ctx.clone();
            self.groups.push(group);
            self.switch_to(ctx);
        }
    }

    /// Draws a closed group's canvas, unscaled, into the group that
    /// encloses it (or the canvas itself), which becomes the target again;
    /// then keeps its canvas for the next group.
    fn close_into_enclosing(&mut self, group: Group, opacity: f64) {
        let target = self
            .groups
            .last()
            .map_or_else(|| self.base.clone(), |g| g.ctx.clone());
        self.switch_to(target);
        // An empty group still draws (one transparent pixel): under a
        // composite operation such as `destination-in` it clears the rest.
        let [x, y, w, h] = self.pixels(group.drawn).unwrap_or([0.0, 0.0, 1.0, 1.0]);
        identity(&self.ctx);
        self.ctx.set_global_alpha(opacity);
        copy_rect(&self.ctx, &group.canvas, [x, y, w, h]);
        self.ctx.set_global_alpha(1.0);
        self.mark(group.drawn);
        self.put_back(group);
    }

    pub(super) fn close_with_opacity(&mut self, opacity: f64) {
        if let Some(group) = self.groups.pop() {
            self.close_into_enclosing(group, opacity.clamp(0.0, 1.0));
        }
    }

    pub(super) fn close_with_matte(&mut self, mode: MatteMode) {
        let (Some(mut matte), Some(mut content)) = (self.groups.pop(), self.groups.pop()) else {
            return;
        };
        // Only the content's pixels can show: the matte is read there.
        if let Some(rect @ [x, y, w, h]) = self.pixels(content.drawn) {
            // (The lite build imports no luma mattes: crate::FULL.)
            if crate::FULL && matches!(mode, MatteMode::Luma | MatteMode::LumaInverted) {
                luminance_to_alpha(&matte.ctx, rect, mode == MatteMode::LumaInverted);
                // An inverted luma matte is opaque where nothing was drawn.
                matte.drawn = union(matte.drawn, content.drawn);
            }
            // Cut the content with the matte's alpha, within the content's
            // box (the cut clears what it does not cover: bounded by a clip).
            let ctx = &content.ctx;
            identity(ctx);
            ctx.save();
            if crate::FULL {
                clip_to(ctx, rect);
            }
            let cut = if mode == MatteMode::AlphaInverted {
                "destination-out"
            } else {
                "destination-in"
            };
            ctx.set_global_composite_operation(cut).best_effort();
            copy_rect(ctx, &matte.canvas, [x, y, w, h]);
            ctx.restore();
            if matches!(mode, MatteMode::Alpha | MatteMode::Luma) {
                content.drawn = intersection(content.drawn, matte.drawn);
            }
        }
        self.put_back(matte);
        // Then draw it where the content group was opened.
        self.close_into_enclosing(content, 1.0);
    }

    pub(super) fn close_with_filters(&mut self, filters: &[Filter], region: Option<[f64; 4]>) {
        let Some(mut group) = self.groups.pop() else {
            return;
        };
        identity(&group.ctx);
        // The lite build never evaluates filters (crate::FULL).
        let filters = if crate::FULL { filters } else { &[] };
        for filter in filters {
            // Nothing drawn: no filter draws anything either.
            let Some(rect @ [x, y, w, h]) = self.pixels(group.drawn) else {
                break;
            };
            match filter {
                Filter::Fill(color) => {
                    // The colour where anything was drawn, then alpha scaled;
                    // both operations draw only where they cover.
                    let ctx = &group.ctx;
                    ctx.set_global_composite_operation("source-atop")
                        .best_effort();
                    ctx.set_fill_style_str(&css_color(color.with_opacity(1.0).to_rgba8()));
                    ctx.fill_rect(x, y, w, h);
                    ctx.set_global_composite_operation("destination-out")
                        .best_effort();
                    let kept = (color.a.clamp(0.0, 1.0) * 255.0).round() as u8;
                    ctx.set_fill_style_str(&css_color([0, 0, 0, 255 - kept]));
                    ctx.fill_rect(x, y, w, h);
                    ctx.set_global_composite_operation("source-over")
                        .best_effort();
                }
                Filter::Tint { .. } | Filter::Tritone { .. } => {
                    map_pixels(&group.ctx, rect, filter);
                }
                Filter::Blur(sigma) => {
                    // Canvas2D filters draw from one canvas to another; a
                    // blur reaches three standard deviations out.
                    let reach = grown(group.drawn, 3.0 * sigma.abs() + 1.0);
                    let Some(mut blurred) = self.new_group() else {
                        continue;
                    };
                    let [x, y, w, h] = self.pixels(reach).unwrap_or(rect);
                    let mut css = String::from("blur(");
                    css.push_str(&css_px(*sigma));
                    css.push(')');
                    blurred.ctx.set_filter(&css);
                    copy_rect(&blurred.ctx, &group.canvas, [x, y, w, h]);
                    blurred.ctx.set_filter("none");
                    blurred.drawn = reach;
                    let source = std::mem::replace(&mut group, blurred);
                    self.put_back(source);
                }
                Filter::DropShadow {
                    color,
                    offset,
                    sigma,
                } => {
                    let Some(mut shadowed) = self.new_group() else {
                        continue;
                    };
                    let ctx = &shadowed.ctx;
                    ctx.set_shadow_color(&css_color(color.to_rgba8()));
                    // Canvas2D's shadow blur is twice the standard deviation.
                    ctx.set_shadow_blur(2.0 * sigma);
                    ctx.set_shadow_offset_x(offset.x);
                    ctx.set_shadow_offset_y(offset.y);
                    copy_rect(ctx, &group.canvas, [x, y, w, h]);
                    ctx.set_shadow_color("transparent");
                    let shadow = [
                        group.drawn[0] + offset.x,
                        group.drawn[1] + offset.y,
                        group.drawn[2] + offset.x,
                        group.drawn[3] + offset.y,
                    ];
                    shadowed.drawn = union(group.drawn, grown(shadow, 3.0 * sigma.abs() + 1.0));
                    let source = std::mem::replace(&mut group, shadowed);
                    self.put_back(source);
                }
            }
        }
        let region = region.filter(|_| crate::FULL);
        if let (Some([rx, ry, rw, rh]), Some([x, y, w, h])) = (region, self.pixels(group.drawn)) {
            // Keep what falls in the region (clipped to the drawn box: the
            // operation clears whatever it does not cover).
            let ctx = &group.ctx;
            ctx.save();
            clip_to(ctx, [x, y, w, h]);
            ctx.set_global_composite_operation("destination-in")
                .best_effort();
            ctx.set_fill_style_str("#000");
            ctx.fill_rect(rx, ry, rw, rh);
            ctx.restore();
            group.drawn = intersection(group.drawn, grown([rx, ry, rx + rw, ry + rh], 1.0));
        }
        self.close_into_enclosing(group, 1.0);
    }
}
