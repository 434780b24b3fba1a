//! `ActionButtons`: one real `<button>` per action of the template in
//! player.html, so that keyboards and screen readers
//! reach what a pointer can click (docs/interaction.md). Each is named by
//! its bound label (`aria-label`), placed over its layer's drawn bounds at
//! the frame on screen, and hidden while the action is not active. The
//! pointer goes through them to the canvas (player.css), where clicks are
//! hit-tested against the drawn paths; Enter and Space on a focused button
//! click it.
//!
//! Owns the buttons' elements, their placement and their removal. The
//! labels may hold a viewer's data: they live only in the player's own
//! page (never posted, logged or put in a URL) and go with the buttons
//! when the data goes (`Drop` removes them). Never writes HTML.

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

use super::best_effort::BestEffort;

/// The buttons of one viewer's actions, in the manifest's order (the tab
/// order).
pub(super) struct ActionButtons {
    buttons: Vec<HtmlElement>,
    /// Where each button is (CSS pixels `x, y, width, height`), `None`
    /// while hidden: the DOM is touched only when this changes.
    placed: Vec<Option<[i32; 4]>>,
}

impl ActionButtons {
    /// A hidden button per label, in the page after the canvas (before the
    /// play/pause button: the tab order).
    pub(super) fn new(document: &Document, labels: &[&str]) -> Self {
        let mut buttons = Vec::new();
        let body = document.body();
        let before = document.get_element_by_id("toggle");
        for (index, label) in labels.iter().enumerate() {
            let Some(button) = document
                .create_element("button")
                .ok()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            else {
                continue;
            };
            // Constant attribute names: `setAttribute` cannot throw for them.
            button.set_attribute("type", "button").best_effort();
            button.set_attribute("class", "action").best_effort();
            button.set_attribute("aria-label", label).best_effort();
            button
                .set_attribute("data-action", &binding_engine::json::decimal(index as i64))
                .best_effort();
            button.set_hidden(true);
            // Through CSSOM (the page's CSP allows it), and only in the
            // full player: the lite one's page carries none of it. The
            // pointer goes through to the canvas, where clicks hit the
            // drawn paths; the focus ring is player.css's.
            let style = button.style();
            for (key, value) in [
                ("position", "absolute"),
                ("padding", "0"),
                ("border", "0"),
                ("border-radius", "6px"),
                ("background", "none"),
                ("pointer-events", "none"),
            ] {
                style.set_property(key, value).best_effort();
            }
            if let Some(body) = &body {
                body.insert_before(&button, before.as_ref().map(|e| e.as_ref()))
                    .best_effort();
            }
            buttons.push(button);
        }
        let placed = vec![None; buttons.len()];
        Self { buttons, placed }
    }

    /// Which action's button `target` (an event's) is.
    pub(super) fn index_of(&self, target: &wasm_bindgen::JsValue) -> Option<usize> {
        self.buttons
            .iter()
            .position(|b| js_sys::Object::is(target, b))
    }

    /// Shows action `index`'s button over `css_box` (CSS pixels of the
    /// page), or hides it (`None`: the action is not active).
    pub(super) fn place(&mut self, index: usize, css_box: Option<[f64; 4]>) {
        let (Some(button), Some(placed)) = (self.buttons.get(index), self.placed.get_mut(index))
        else {
            return;
        };
        // Whole pixels: a button that follows a moving layer is set only
        // when it moved by one.
        let rounded = css_box.map(|b| b.map(|v| v.round() as i32));
        if *placed == rounded {
            return;
        }
        *placed = rounded;
        match rounded {
            Some([x, y, w, h]) => {
                let style = button.style();
                for (key, value) in [
                    ("left", x),
                    ("top", y),
                    ("width", w.max(1)),
                    ("height", h.max(1)),
                ] {
                    let px = binding_engine::json::decimal(i64::from(value)) + "px";
                    style.set_property(key, &px).best_effort();
                }
                button.set_hidden(false);
            }
            None => {
                // A focused button that goes away would leave focus on
                // nothing: it moves back to the page.
                button.blur().best_effort();
                button.set_hidden(true);
            }
        }
    }
}

impl Drop for ActionButtons {
    fn drop(&mut self) {
        for button in &self.buttons {
            // The label (a viewer's text) leaves the page with the button.
            button.remove_attribute("aria-label").best_effort();
            button.remove();
        }
    }
}
