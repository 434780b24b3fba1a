//! The frame page's renderer (www/frame.html, `window.percusFrame`): one
//! Lottie file drawn at any frame, for fidelity checks and benchmarks from
//! outside the player; and [`warm_up`], a benchmark's way of getting V8 to
//! optimise the wasm before a page draws. No template, no binding, no
//! host: text layers show their own text. Never shipped to viewers
//! (feature `frame` only), and never sees a viewer's data.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::Stage;
use crate::eval::evaluate;
use crate::geometry::Affine;
use crate::lottie::Composition;
use crate::overrides::Overrides;

/// A parsed animation and the canvas it is drawn on.
#[wasm_bindgen]
#[derive(Debug)]
pub struct FrameRenderer {
    comp: Composition,
    stage: Stage,
    /// None bound: the file's own texts and colours.
    overrides: Overrides,
}

#[wasm_bindgen]
impl FrameRenderer {
    /// Parses `json` for drawing on `canvas`. Throws the stable error code
    /// (a string) when the file cannot be loaded.
    pub fn load(canvas: HtmlCanvasElement, json: &str) -> Result<FrameRenderer, JsValue> {
        let comp = Composition::from_json(json).map_err(|e| JsValue::from_str(e.code()))?;
        let stage = Stage::new(canvas, &comp).map_err(|e| JsValue::from_str(e.code))?;
        let overrides = Overrides::new(comp.text_slots);
        Ok(Self {
            comp,
            stage,
            overrides,
        })
    }

    /// First frame.
    pub fn ip(&self) -> f64 {
        self.comp.in_point
    }

    /// Frame after the last one.
    pub fn op(&self) -> f64 {
        self.comp.out_point
    }

    /// Frames per second.
    pub fn fr(&self) -> f64 {
        self.comp.frame_rate
    }

    /// Composition width.
    pub fn w(&self) -> f64 {
        self.comp.width
    }

    /// Composition height.
    pub fn h(&self) -> f64 {
        self.comp.height
    }

    /// How many image assets the file has.
    pub fn image_count(&self) -> usize {
        self.comp.images.len()
    }

    /// The embedded `data:` URI of image asset `index`, if it has one (the
    /// page decodes it and hands it back with `set_image`).
    pub fn image_source(&self, index: usize) -> Option<String> {
        self.comp.images.get(index).and_then(|i| i.source.clone())
    }

    /// Hands over image asset `index`, decoded.
    pub fn set_image(&mut self, index: usize, image: web_sys::HtmlImageElement) {
        self.stage.set_image(index, image);
    }

    /// What import could not use, as `code:what` pairs separated by commas
    /// (template-side names only): the reasons a frame may differ.
    pub fn warnings(&self) -> String {
        let mut seen: Vec<String> = Vec::new();
        for w in &self.comp.warnings {
            let entry = String::from(w.code) + ":" + &w.what;
            if !seen.contains(&entry) {
                seen.push(entry);
            }
        }
        seen.join(",")
    }

    /// Draws composition frame `frame` (absolute, fractional allowed) at
    /// device pixel ratio 1. The canvas stays transparent where nothing is
    /// drawn, and the page shows white behind it: blend modes then mix with
    /// the composition only, as in lottie-web (an SVG is an isolated group).
    pub fn draw(&mut self, frame: f64) {
        self.stage
            .draw(&self.comp, frame, &self.overrides, None, 1.0);
    }
}

/// Imports `json` and evaluates `frames` of its frames, spread over the
/// animation, drawing nothing (no canvas: it runs in a worker too); the
/// items evaluated, 0 when the file cannot be loaded. For
/// scripts/benchmarks/bench-tierup.mjs: a worker that runs the frame
/// page's wasm this way gets V8 to optimise its hot functions, and the
/// page's instance of the same module runs that code (docs/benchmarks.md,
/// "Cold code").
#[wasm_bindgen]
pub fn warm_up(json: &str, frames: u32) -> usize {
    let Ok(comp) = Composition::from_json(json) else {
        return 0;
    };
    let overrides = Overrides::new(comp.text_slots);
    let span = comp.out_point - comp.in_point;
    (0..frames)
        .map(|i| {
            let frame = comp.in_point + span * f64::from(i) / f64::from(frames);
            evaluate(&comp, frame, &overrides, Affine::scale(0.5, 0.5))
                .items
                .len()
        })
        .sum()
}
