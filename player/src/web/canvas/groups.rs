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
//!
//! A group whose filters reach into the frame (a blur, a shadow), for a
//! drawing that goes past the frame's edges, also holds what is drawn
//! that far beyond them (and the groups opened inside it as much): its
//! canvas is larger all round by a margin, and every transform drawn with
//! is shifted by it, so that a blurred background that goes on past the
//! frame does not fade at the frame's edges (lottie-web's SVG filters see
//! what is outside the frame). Boxes and rectangles stay in the frame's
//! pixels everywhere; reading pixels back and copying from a canvas add
//! its margin.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::pixels::{luminance_to_alpha, map_pixels};
use super::{css_color, css_px, shifted, CanvasBackend};
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

/// Margins of group canvases are whole multiples of this (canvas pixels).
const MARGIN_STEP: f64 = 32.0;

/// Pixels of a group canvas with a margin at most: under iOS Safari's
/// limit on a canvas's area (16,777,216), past which it draws nothing.
const MAX_CANVAS_PIXELS: f64 = 16_000_000.0;

/// An offscreen canvas for a group.
pub(super) struct Group {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// Where the canvas may hold pixels: cleared there before it is reused.
    drawn: PixelBox,
    /// Canvas pixels beyond each edge of the frame the group also holds
    /// (what a blur or a shadow brings into view, or the enclosing group's
    /// margin): its canvas is that much larger all round, and every
    /// transform drawn with is shifted by it. Boxes and rectangles stay in
    /// the frame's pixels; reading pixels back and copying from the canvas
    /// add the margin. (The lite build has no filters and no margins.)
    #[cfg(feature = "full")]
    margin: f64,
}

impl Group {
    /// The pixels of its canvas.
    fn pixels(&self) -> f64 {
        f64::from(self.canvas.width()) * f64::from(self.canvas.height())
    }

    /// The group's margin (always none in the lite build, which has no
    /// filters: crate::FULL folds the shifts away there).
    fn margin(&self) -> f64 {
        #[cfg(feature = "full")]
        return self.margin;
        #[cfg(not(feature = "full"))]
        0.0
    }
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

/// Clips `ctx` (whose transform is its canvas's shift) to `rect` (x, y,
/// width, height): composite operations that clear what they do not cover
/// then work within it.
fn clip_to(ctx: &CanvasRenderingContext2d, [x, y, w, h]: [f64; 4]) {
    ctx.begin_path();
    ctx.rect(x, y, w, h);
    ctx.clip();
}

/// Copies the pixels of `rect` (x, y, width, height, in the frame's
/// pixels) of `from` (a canvas with `margin`) to the same place on `ctx`,
/// whose transform is its canvas's shift.
fn copy_rect(
    ctx: &CanvasRenderingContext2d,
    from: &HtmlCanvasElement,
    margin: f64,
    [x, y, w, h]: [f64; 4],
) {
    // (`x + 0.0` is not `x` to the compiler: the lite build, whose groups
    // have no margin, keeps its code as it was.)
    let (sx, sy) = if crate::FULL {
        (x + margin, y + margin)
    } else {
        (x, y)
    };
    ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        from, sx, sy, w, h, x, y, w, h,
    )
    .best_effort();
}

/// `rect` on a canvas with `margin`: where reading pixels back finds it.
fn on_canvas([x, y, w, h]: [f64; 4], margin: f64) -> [f64; 4] {
    if crate::FULL {
        [x + margin, y + margin, w, h]
    } else {
        [x, y, w, h]
    }
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

    /// `b` rounded out to whole pixels and cut to a canvas with `margin`:
    /// x, y, width, height in the frame's pixels; `None` when nothing of it
    /// is on that canvas. (A NaN edge reaches the canvas's edge: `f64::max`
    /// and `min` drop NaN.)
    fn pixels(&self, b: PixelBox, margin: f64) -> Option<[f64; 4]> {
        let (left, top, right, bottom) = if crate::FULL {
            (-margin, -margin, self.width + margin, self.height + margin)
        } else {
            (0.0, 0.0, self.width, self.height)
        };
        let (x0, y0) = (b[0].floor().max(left), b[1].floor().max(top));
        let (x1, y1) = (b[2].ceil().min(right), b[3].ceil().min(bottom));
        (x0 < x1 && y0 < y1).then_some([x0, y0, x1 - x0, y1 - y0])
    }

    /// A transparent offscreen canvas of the backing store's size, larger
    /// by `margin` all round, or by the margin of the canvas drawn on now
    /// if that is more (what is drawn inside reaches that group's filters
    /// too).
    fn new_group(&mut self, margin: f64) -> Option<Group> {
        let margin = if crate::FULL {
            // In steps of MARGIN_STEP: a blur that grows frame by frame
            // does not resize its canvas every frame. At most half the
            // frame's longer side, and a canvas of MAX_CANVAS_PIXELS.
            let (w, h) = (self.width, self.height);
            let area = (((w - h) * (w - h) + 4.0 * MAX_CANVAS_PIXELS).sqrt() - (w + h)) / 4.0;
            let most = (w.max(h) / 2.0).min(area);
            let margin = (margin.max(0.0) / MARGIN_STEP).ceil() * MARGIN_STEP;
            margin.max(self.margin()).min(most).ceil().max(0.0)
        } else {
            0.0
        };
        // Past the budget, a canvas drawn from in this frame is drawn on
        // again (and copied first). A spare canvas of the same margin
        // first: another is resized.
        let over = crate::FULL && {
            let new = (self.width + 2.0 * margin) * (self.height + 2.0 * margin);
            let open: f64 = self
                .groups
                .iter()
                .chain(&self.used)
                .map(Group::pixels)
                .sum();
            open + new > KEPT_GROUP_PIXELS
        };
        let same = (self.spare.iter())
            .rposition(|g| g.margin() == margin)
            .filter(|_| crate::FULL);
        let reused = match same {
            Some(index) => Some(self.spare.swap_remove(index)),
            None => self.spare.pop(),
        }
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
                    #[cfg(feature = "full")]
                    margin: 0.0,
                }
            }
        };
        let (width, height) = if crate::FULL {
            (self.width + 2.0 * margin, self.height + 2.0 * margin)
        } else {
            (self.width, self.height)
        };
        let (width, height) = (width as u32, height as u32);
        let resized = group.canvas.width() != width || group.canvas.height() != height;
        if resized || group.margin() != margin {
            // Setting the size (even the same) clears the canvas and
            // resets its context (to no shift).
            group.canvas.set_width(width);
            group.canvas.set_height(height);
            if crate::FULL {
                shifted(&group.ctx, margin);
            }
        } else {
            // The copies into blur and shadow groups assume the shift.
            shifted(&group.ctx, margin);
            if let Some([x, y, w, h]) = self.pixels(group.drawn, margin) {
                group.ctx.clear_rect(x, y, w, h);
            }
        }
        #[cfg(feature = "full")]
        {
            group.margin = margin;
        }
        // The lite build leaves bounding out for its bytes (1.2 KB gzip):
        // its groups hold the whole canvas.
        group.drawn = if crate::FULL { EMPTY } else { EVERYWHERE };
        Some(group)
    }

    /// Makes this frame's closed groups' canvases spare for the next one,
    /// as many as [`KEPT_GROUP_PIXELS`] allows, each counted at least at
    /// the canvas's size now (a player made larger resizes them on reuse,
    /// and must not keep the smaller one's count).
    pub(super) fn spare_used(&mut self) {
        if crate::FULL {
            self.spare.append(&mut self.used);
            let frame = self.width * self.height;
            let mut total = 0.0;
            let fit = (self.spare.iter())
                .take_while(|g| {
                    total += g.pixels().max(frame);
                    total <= KEPT_GROUP_PIXELS
                })
                .count();
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

    /// Opens a group that also holds `margin` canvas pixels beyond the
    /// frame's edges.
    pub(super) fn open_group(&mut self, margin: f64) {
        // Without a canvas for the group, drawing goes straight through.
        if let Some(group) = self.new_group(margin) {
            let (ctx, margin) = (group.ctx.clone(), group.margin());
            self.groups.push(group);
            self.switch_to(ctx, margin);
        }
    }

    /// Draws a closed group's canvas, unscaled, into the group that
    /// encloses it (or the canvas itself), which becomes the target again;
    /// then keeps its canvas for the next group.
    fn close_into_enclosing(&mut self, group: Group, opacity: f64) {
        let (target, margin) = self
            .groups
            .last()
            .map_or_else(|| (self.base.clone(), 0.0), |g| (g.ctx.clone(), g.margin()));
        self.switch_to(target, margin);
        // An empty group still draws (one transparent pixel): under a
        // composite operation such as `destination-in` it clears the rest.
        // (The target's margin is at most the group's: it holds the rect.)
        let rect = self
            .pixels(group.drawn, margin)
            .unwrap_or([0.0, 0.0, 1.0, 1.0]);
        shifted(&self.ctx, margin);
        self.ctx.set_global_alpha(opacity);
        copy_rect(&self.ctx, &group.canvas, group.margin(), rect);
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
        // (The matte was opened inside the content: its margin is at least
        // the content's, so it holds the rect.)
        if let Some(rect) = self.pixels(content.drawn, content.margin()) {
            // (The lite build imports no luma mattes: crate::FULL.)
            if crate::FULL && matches!(mode, MatteMode::Luma | MatteMode::LumaInverted) {
                let inverted = mode == MatteMode::LumaInverted;
                luminance_to_alpha(&matte.ctx, on_canvas(rect, matte.margin()), inverted);
                // An inverted luma matte is opaque where nothing was drawn.
                matte.drawn = union(matte.drawn, content.drawn);
            }
            // Cut the content with the matte's alpha, within the content's
            // box (the cut clears what it does not cover: bounded by a clip).
            let ctx = &content.ctx;
            shifted(ctx, content.margin());
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
            copy_rect(ctx, &matte.canvas, matte.margin(), rect);
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
        shifted(&group.ctx, group.margin());
        // The lite build never evaluates filters (crate::FULL).
        let filters = if crate::FULL { filters } else { &[] };
        for filter in filters {
            // Nothing drawn: no filter draws anything either.
            let Some(rect @ [x, y, w, h]) = self.pixels(group.drawn, group.margin()) else {
                break;
            };
            match filter {
                Filter::Fill(color) => {
                    // The colour where anything was drawn, then alpha scaled;
                    // both operations draw only where they cover.
                    let ctx = &group.ctx;
                    ctx.set_global_composite_operation("source-atop")
                        .best_effort();
                    ctx.set_fill_style_str(&css_color(color.opaque().to_rgba8()));
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
                    map_pixels(&group.ctx, on_canvas(rect, group.margin()), filter);
                }
                Filter::Blur(sigma) => {
                    // Canvas2D filters draw from one canvas to another; a
                    // blur reaches three standard deviations out.
                    let reach = grown(group.drawn, 3.0 * sigma.abs() + 1.0);
                    // (The group drawn on now is this one: the same margin.)
                    let Some(mut blurred) = self.new_group(group.margin()) else {
                        continue;
                    };
                    let copied = self.pixels(reach, blurred.margin()).unwrap_or(rect);
                    let mut css = String::from("blur(");
                    css.push_str(&css_px(*sigma));
                    css.push(')');
                    blurred.ctx.set_filter(&css);
                    copy_rect(&blurred.ctx, &group.canvas, group.margin(), copied);
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
                    let Some(mut shadowed) = self.new_group(group.margin()) else {
                        continue;
                    };
                    let ctx = &shadowed.ctx;
                    ctx.set_shadow_color(&css_color(color.to_rgba8()));
                    // Canvas2D's shadow blur is twice the standard deviation.
                    ctx.set_shadow_blur(2.0 * sigma);
                    ctx.set_shadow_offset_x(offset.x);
                    ctx.set_shadow_offset_y(offset.y);
                    copy_rect(ctx, &group.canvas, group.margin(), [x, y, w, h]);
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
        let drawn = self.pixels(group.drawn, group.margin());
        if let (Some([rx, ry, rw, rh]), Some([x, y, w, h])) = (region, drawn) {
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
