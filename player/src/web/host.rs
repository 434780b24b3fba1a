//! The host page as the player sees it: the parent window and its exact
//! origin, and after a v2 handshake the MessagePort the host handed over.
//! Owns every message the player sends, and the check of every window
//! message it receives. Never posts to any origin but the host's, never to
//! `*`, and never puts a data value in a message.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{MessageEvent, MessagePort, Window};

use super::best_effort::BestEffort;
use crate::protocol::{self, PlayerError};

/// The window that embeds the player, its origin, and the port once the
/// host has connected one (shared by every clone, the panic hook's too).
#[derive(Debug, Clone)]
pub(crate) struct Host {
    parent: Window,
    origin: String,
    port: Rc<RefCell<Option<MessagePort>>>,
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
        Some(Self {
            parent,
            origin,
            port: Rc::default(),
        })
    }

    /// From now on, every message goes through `port` (v2).
    pub(crate) fn connect(&self, port: MessagePort) {
        if let Ok(mut slot) = self.port.try_borrow_mut() {
            *slot = Some(port);
        }
    }

    /// Whether a port is connected.
    pub(crate) fn connected(&self) -> bool {
        self.port.try_borrow().is_ok_and(|p| p.is_some())
    }

    /// Closes the port: the player says nothing more.
    pub(crate) fn disconnect(&self) {
        if let Some(port) = self.port.try_borrow_mut().ok().and_then(|mut p| p.take()) {
            port.close();
        }
    }

    /// Whether `event` comes from exactly the host: the parent window itself
    /// (not a sibling frame or a popup) at exactly the host's origin.
    pub(crate) fn sent(&self, event: &MessageEvent) -> bool {
        let from_parent = event.source().is_some_and(|s| Object::is(&s, &self.parent));
        from_parent && event.origin() == self.origin
    }

    /// Posts `PERCUS/READY` on the window, with the versions spoken: v1
    /// hosts read `protocol: 1` and go on as before.
    pub(crate) fn ready(&self) {
        let msg = message(protocol::READY, protocol::PROTOCOL_V1);
        let versions: Array = protocol::VERSIONS
            .iter()
            .map(|&v| JsValue::from(v))
            .collect();
        set(&msg, "versions", &versions);
        self.parent.post_message(&msg, &self.origin).best_effort();
    }

    /// Posts a message that carries nothing but its type (`RENDERED`,
    /// `PLAY`, `PAUSE`, `ENDED`).
    pub(crate) fn event(&self, kind: &str) {
        self.post(self.message(kind));
    }

    /// Posts `kind` with numbers (TIMEUPDATE's position and length in
    /// seconds, PROGRESS's percent).
    pub(crate) fn numbers(&self, kind: &str, numbers: &[(&str, f64)]) {
        let msg = self.message(kind);
        for (key, n) in numbers {
            set(&msg, key, &JsValue::from(*n));
        }
        self.post(msg);
    }

    /// Posts `kind` with template-side strings (ACTION, CHAPTER: ids,
    /// kinds, a link's fixed URL, chapter names and labels; never a data
    /// value).
    #[cfg(feature = "full")]
    pub(crate) fn texts(&self, kind: &str, texts: &[(&str, &str)]) {
        let msg = self.message(kind);
        for (key, text) in texts {
            set(&msg, key, &JsValue::from_str(text));
        }
        self.post(msg);
    }

    /// Posts `CONNECTED`: the position and length in seconds, the
    /// animation's size, whose ratio a host may give the iframe, and the
    /// template's chapters (name, label, start and length in seconds) when
    /// it has any.
    pub(crate) fn connected_as(
        &self,
        time: f64,
        duration: f64,
        width: f64,
        height: f64,
        chapters: &[(&str, &str, f64, f64)],
    ) {
        let msg = self.message(protocol::CONNECTED);
        for (key, value) in [
            ("time", time),
            ("duration", duration),
            ("width", width),
            ("height", height),
        ] {
            set(&msg, key, &JsValue::from(value));
        }
        if !chapters.is_empty() {
            let list = Array::new();
            for (name, label, time, duration) in chapters {
                let item = Object::new();
                set(&item, "name", &JsValue::from_str(name));
                set(&item, "label", &JsValue::from_str(label));
                set(&item, "time", &JsValue::from(*time));
                set(&item, "duration", &JsValue::from(*duration));
                list.push(&item);
            }
            set(&msg, "chapters", &list);
        }
        self.post(msg);
    }

    /// Posts `PERCUS/ERROR` with the code, the field name and template
    /// problems: names and paths, never values.
    pub(crate) fn error(&self, error: &PlayerError) {
        let msg = self.message(protocol::ERROR);
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
        self.post(msg);
    }

    /// A message of `kind` in the protocol of the channel it will go on.
    fn message(&self, kind: &str) -> Object {
        let version = if self.connected() {
            protocol::PROTOCOL_V2
        } else {
            protocol::PROTOCOL_V1
        };
        message(kind, version)
    }

    fn post(&self, msg: Object) {
        // A closed port or a closed or navigated parent makes this throw;
        // nothing to do then.
        match self
            .port
            .try_borrow()
            .ok()
            .as_deref()
            .and_then(Option::as_ref)
        {
            Some(port) => {
                port.post_message(&msg).best_effort();
            }
            None => {
                self.parent.post_message(&msg, &self.origin).best_effort();
            }
        }
    }
}

fn message(kind: &str, version: u32) -> Object {
    let msg = Object::new();
    set(&msg, "type", &JsValue::from_str(kind));
    set(&msg, "protocol", &JsValue::from(version));
    msg
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    Reflect::set(obj, &JsValue::from_str(key), value).best_effort();
}
