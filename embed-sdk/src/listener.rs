//! RAII browser callbacks (as gloo's, without std): an event listener that
//! is removed, and a timeout that is cleared, when dropped. Both use one
//! closure type, so the wasm carries one call shim for all of them.

use alloc::boxed::Box;

use wasm_bindgen::prelude::*;
use web_sys::{EventTarget, Window};

type Callback = Closure<dyn FnMut(JsValue)>;

/// Listening to `kind` events on `target` until dropped.
#[must_use = "the listener is removed when dropped"]
pub(crate) struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Callback,
}

impl Listener {
    pub(crate) fn new(
        target: &EventTarget,
        kind: &'static str,
        f: impl FnMut(JsValue) + 'static,
    ) -> Self {
        let callback: Callback = Closure::wrap(Box::new(f));
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Self {
            target: target.clone(),
            kind,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

/// A pending `setTimeout`, cleared when dropped.
#[must_use = "the timeout is cleared when dropped"]
pub(crate) struct Timeout {
    window: Window,
    id: i32,
    _callback: Callback,
}

impl Timeout {
    pub(crate) fn new(window: &Window, ms: f64, f: impl FnMut(JsValue) + 'static) -> Self {
        let callback: Callback = Closure::wrap(Box::new(f));
        let id = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                ms.clamp(0.0, 2_147_483_647.0) as i32,
            )
            .unwrap_or(0);
        Self {
            window: window.clone(),
            id,
            _callback: callback,
        }
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        self.window.clear_timeout_with_handle(self.id);
    }
}
