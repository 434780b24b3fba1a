//! `Stage`: a canvas that shows a composition at a frame, sharp at the
//! device pixel ratio and scaled to fit (contain, centred). Shared by the
//! player page and by tests; owns the canvas sizing policy and the canvas
//! element's replacement for each viewer. Never keeps a viewer's texts or
//! images past [`Stage::forget`], nor the canvas they were drawn on past
//! [`Stage::clear`].

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::best_effort::BestEffort;
use super::canvas::CanvasBackend;
#[cfg(feature = "full")]
use crate::actions::Plan;
use crate::display_list::{Backend, DisplayItem, DisplayList};
use crate::eval::evaluate;
#[cfg(feature = "full")]
use crate::eval::evaluate_watching;
use crate::geometry::{Affine, Rgba};
#[cfg(feature = "full")]
use crate::hit::HitArea;
use crate::lottie::Composition;
use crate::overrides::Overrides;
use crate::protocol::PlayerError;

/// The canvas's label without a viewer's description (as in player.html).
const GENERIC_LABEL: &str = "Personalized video";

/// A canvas and the backend that draws on it.
pub struct Stage {
    canvas: HtmlCanvasElement,
    backend: CanvasBackend,
    /// What the canvas shows (items and background), to skip drawing a
    /// frame that is the same. Holds the bound texts' shared copies: call
    /// [`Stage::forget`] whenever the texts are dropped.
    shown: Option<(Vec<DisplayItem>, Option<Rgba>)>,
    /// The template's image count: the viewer's images are numbered after.
    template_images: usize,
    /// The next frame goes to a new canvas element ([`Stage::renew`]).
    renew: bool,
}

impl std::fmt::Debug for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stage")
    }
}

impl Stage {
    /// Takes `canvas` for drawing `comp`'s frames.
    pub fn new(canvas: HtmlCanvasElement, comp: &Composition) -> Result<Self, PlayerError> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| PlayerError::code("canvas-unavailable"))?;
        let mut backend = CanvasBackend::new(ctx, &comp.fonts);
        backend.set_size(f64::from(canvas.width()), f64::from(canvas.height()));
        Ok(Self {
            canvas,
            backend,
            shown: None,
            template_images: comp.images.len(),
            renew: false,
        })
    }

    /// Gives the stage image asset `index` of the composition, decoded.
    pub fn set_image(&mut self, index: usize, image: web_sys::HtmlImageElement) {
        self.backend.set_image(index, image);
        self.shown = None;
    }

    /// Gives the stage the viewer's images (an INIT's `image` fields),
    /// until [`Stage::forget`].
    pub fn set_viewer_images(&mut self, bitmaps: Vec<web_sys::ImageBitmap>) {
        self.backend
            .set_viewer_images(self.template_images, bitmaps);
        self.shown = None;
    }

    /// Forgets what is on screen, and with it the texts and the viewer's
    /// images it holds (the bitmaps are closed): the next frame is drawn
    /// in full.
    pub fn forget(&mut self) {
        self.shown = None;
        self.backend.forget_texts();
        // (Group canvases keep the last frame's pixels.)
        self.backend.forget_groups();
        self.set_viewer_images(Vec::new());
    }

    /// Sets what a screen reader says for the canvas: the bound accessible
    /// description, or (`None`, and whenever the data goes) the page's
    /// generic label.
    pub fn describe(&self, description: Option<&str>) {
        // A constant attribute name: `setAttribute` cannot throw for it.
        self.canvas
            .set_attribute("aria-label", description.unwrap_or(GENERIC_LABEL))
            .best_effort();
    }

    /// Clears the canvas (after a failed re-bind or DESTROY, the previous
    /// viewer's frame must not stay on screen), on a new canvas element
    /// ([`Stage::renew`]).
    pub fn clear(&mut self) {
        self.forget();
        // A canvas replaced by a fresh clone of itself: `replaceWith` has no
        // hierarchy to break (and does nothing when the old one is detached).
        if let Some(old) = self.adopt_fresh_canvas() {
            old.replace_with_with_node_1(&self.canvas).best_effort();
        }
        self.backend.begin_frame(None);
    }

    /// Draws the next frame on a new canvas element that replaces this one
    /// once drawn (no blank frame between two viewers). A canvas's 2D
    /// context keeps what was set on it, and Chromium caches the CSS
    /// strings of fill and stroke colours (bound colours among them) for
    /// the context's life: a new viewer's data, and DESTROY
    /// ([`Stage::clear`]), get a new element and context, and the old ones
    /// go to the garbage collector with nothing referring to them.
    pub fn renew(&mut self) {
        self.renew = true;
    }

    /// Makes a new canvas, of the same size, id and accessible name, the
    /// drawing target, not yet in the page; returns the old one to be
    /// replaced (`None`, and nothing changed, when no canvas can be made).
    fn adopt_fresh_canvas(&mut self) -> Option<HtmlCanvasElement> {
        self.renew = false;
        // A shallow clone of a canvas is a canvas, with the attributes (id,
        // role, label, size) and a context of its own to come; its "2d"
        // context is a CanvasRenderingContext2d (unchecked: no instanceof
        // imports for what cannot be otherwise).
        let fresh: HtmlCanvasElement = self.canvas.clone_node().ok()?.unchecked_into();
        let ctx: CanvasRenderingContext2d =
            fresh.get_context("2d").ok().flatten()?.unchecked_into();
        self.backend.renew(ctx);
        self.backend
            .set_size(f64::from(fresh.width()), f64::from(fresh.height()));
        self.shown = None;
        Some(std::mem::replace(&mut self.canvas, fresh))
    }

    /// Draws `comp` at `frame`, as `overrides` (the viewer's data) changes
    /// it. The backing store follows the canvas's CSS size times
    /// `pixel_ratio` (when the canvas is laid out).
    pub fn draw(
        &mut self,
        comp: &Composition,
        frame: f64,
        overrides: &Overrides,
        background: Option<Rgba>,
        pixel_ratio: f64,
    ) {
        let (view, replaced) = self.fit(comp, pixel_ratio);
        let list = evaluate(comp, frame, overrides, view);
        self.show(list, background, replaced);
    }

    /// [`Stage::draw`], also returning what each of `plan`'s actions'
    /// layers drew, in canvas pixels.
    #[cfg(feature = "full")]
    pub fn draw_with_areas(
        &mut self,
        comp: &Composition,
        frame: f64,
        overrides: &Overrides,
        pixel_ratio: f64,
        plan: &Plan,
    ) -> Vec<HitArea> {
        let (view, replaced) = self.fit(comp, pixel_ratio);
        let list = evaluate_watching(comp, frame, overrides, view, &plan.watched);
        let actions = plan.actions.iter();
        let hit_areas = actions.map(|a| HitArea::of(&list, &a.layers)).collect();
        self.show(list, None, replaced);
        hit_areas
    }

    /// Sizes the backing store to the canvas's CSS size times
    /// `pixel_ratio`; the view that fits `comp` in it, and the canvas
    /// element a renewed one replaces.
    fn fit(&mut self, comp: &Composition, pixel_ratio: f64) -> (Affine, Option<HtmlCanvasElement>) {
        // The layout size comes from the canvas in the page (a new one is
        // not laid out until it replaces it, after drawing).
        let (css_w, css_h) = (self.canvas.client_width(), self.canvas.client_height());
        let replaced = match self.renew {
            true => self.adopt_fresh_canvas(),
            false => None,
        };
        if css_w > 0 && css_h > 0 {
            let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 {
                pixel_ratio.min(4.0)
            } else {
                1.0
            };
            let width = (f64::from(css_w) * ratio).round() as u32;
            let height = (f64::from(css_h) * ratio).round() as u32;
            if self.canvas.width() != width || self.canvas.height() != height {
                self.canvas.set_width(width);
                self.canvas.set_height(height);
                self.backend.set_size(f64::from(width), f64::from(height));
                self.shown = None;
            }
        }
        let (width, height) = (
            f64::from(self.canvas.width()),
            f64::from(self.canvas.height()),
        );
        let scale = (width / comp.width).min(height / comp.height);
        let view = Affine::translate(
            (width - comp.width * scale) / 2.0,
            (height - comp.height * scale) / 2.0,
        ) * Affine::scale(scale, scale);
        (view, replaced)
    }

    /// Draws `list` unless the canvas shows it already, then puts the
    /// canvas in the page in place of `replaced`.
    fn show(
        &mut self,
        list: DisplayList,
        background: Option<Rgba>,
        replaced: Option<HtmlCanvasElement>,
    ) {
        // The same frame as on screen (a hold, a paused or static stretch):
        // nothing to draw, as lottie-web skips unchanged frames.
        if let Some((items, shown_background)) = &self.shown {
            if *items == list.items && *shown_background == background {
                return;
            }
        }
        #[cfg(feature = "frame")]
        if let Some(notes) = self.backend.fit_notes.as_mut() {
            notes.clear();
        }
        list.replay(&mut self.backend, background);
        self.shown = Some((list.items, background));
        if let Some(old) = replaced {
            old.replace_with_with_node_1(&self.canvas).best_effort();
        }
    }

    /// Whether `target` (an event's) is the canvas on screen.
    #[cfg(feature = "full")]
    pub(super) fn is_canvas(&self, target: &wasm_bindgen::JsValue) -> bool {
        js_sys::Object::is(target, &self.canvas)
    }

    /// Canvas pixels per CSS pixel, and the canvas's top-left corner in
    /// the page (CSS pixels): to take pointer positions into the canvas
    /// and hit areas out of it.
    #[cfg(feature = "full")]
    pub(super) fn css_frame(&self) -> (f64, f64, f64) {
        let rect = self.canvas.get_bounding_client_rect();
        let css_width = rect.width();
        let ratio = if css_width > 0.0 {
            f64::from(self.canvas.width()) / css_width
        } else {
            1.0
        };
        (ratio, rect.left(), rect.top())
    }

    /// Sets the cursor over the canvas (CSSOM, which the page's CSP allows).
    #[cfg(feature = "full")]
    pub(super) fn set_pointer_cursor(&self, pointer: bool) {
        let cursor = if pointer { "pointer" } else { "" };
        self.canvas
            .style()
            .set_property("cursor", cursor)
            .best_effort();
    }

    /// Starts noting bound texts that are shrunk, cut or overflow (the
    /// designer preview's outlines).
    #[cfg(feature = "frame")]
    pub(crate) fn note_fits(&mut self) {
        self.backend.fit_notes = Some(Vec::new());
        self.shown = None;
    }

    /// The notes of the frame on the canvas.
    #[cfg(feature = "frame")]
    pub(crate) fn fit_notes(&self) -> &[super::canvas::FitNote] {
        self.backend.fit_notes.as_deref().unwrap_or_default()
    }
}
