//! The host page as the player sees it: the parent window and its exact
//! origin. Owns every message the player sends, and the check of every
//! message it receives. Never posts to any origin but the host's, never to
//! `*`, and never puts a data value in a message.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{MessageEvent, Window};

use crate::protocol::{self, PlayerError};

/// The window that embeds the player, and its origin.
#[derive(Debug, Clone)]
pub(crate) struct Host {
    parent: Window,
    origin: String,
}

impl Host {
    /// The host of this page: the parent window, with the origin the embed
    /// SDK wrote into the fragment (`#host=<origin>`). `None` when the page
    /// is not framed or the origin is not a plain origin.
    pub(crate) fn from_window(window: &Window, origin: String) -> Option<Self> {
        let parent = window.parent().ok().flatten()?;
        if Object::is(&parent, window) || !protocol::is_origin(&origin) {
            return None;
        }
        Some(Self { parent, origin })
    }

    /// Whether `event` comes from exactly the host: the parent window itself
    /// (not a sibling frame or a popup) at exactly the host's origin.
    pub(crate) fn sent(&self, event: &MessageEvent) -> bool {
        let from_parent = event.source().is_some_and(|s| Object::is(&s, &self.parent));
        from_parent && event.origin() == self.origin
    }

    /// Posts `PERCUS/READY`.
    pub(crate) fn ready(&self) {
        self.post(&message(protocol::READY));
    }

    /// Posts `PERCUS/RENDERED`.
    pub(crate) fn rendered(&self) {
        self.post(&message(protocol::RENDERED));
    }

    /// Posts `PERCUS/ERROR` with the code, the field name and template
    /// problems: names and paths, never values.
    pub(crate) fn error(&self, error: &PlayerError) {
        let msg = message(protocol::ERROR);
        set(&msg, "code", &JsValue::from_str(error.code));
        if let Some(field) = &error.field {
            set(&msg, "field", &JsValue::from_str(field));
        }
        if !error.problems.is_empty() {
            let list = Array::new();
            for p in error.problems.iter().take(100) {
                let item = Object::new();
                set(&item, "code", &JsValue::from_str(p.code));
                set(&item, "path", &JsValue::from_str(&p.path));
                set(&item, "name", &JsValue::from_str(&p.name));
                list.push(&item);
            }
            set(&msg, "problems", &list);
        }
        self.post(&msg);
    }

    fn post(&self, msg: &Object) {
        // A closed or navigated parent makes this throw; nothing to do then.
        let _ = self.parent.post_message(msg, &self.origin);
    }
}

fn message(kind: &str) -> Object {
    let msg = Object::new();
    set(&msg, "type", &JsValue::from_str(kind));
    set(&msg, "protocol", &JsValue::from(protocol::PROTOCOL_VERSION));
    msg
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}
