//! `mount` and the `Embed` handle (wasm32 only).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlIFrameElement, MessageEvent, Url, UrlSearchParams, Window};

use crate::origin::{event_name, is_http_origin, PROTOCOL_VERSION};

/// One embedded player. Independent of every other embed on the page.
#[wasm_bindgen]
pub struct Embed {
    state: Rc<RefCell<State>>,
}

impl std::fmt::Debug for Embed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Embed")
    }
}

struct State {
    iframe: Option<HtmlIFrameElement>,
    player_origin: String,
    /// The viewer's data until READY; `None` from the moment INIT is posted.
    data: Option<JsValue>,
    locale: Option<String>,
    listeners: Vec<(String, Function)>,
    messages: Option<EventListener>,
}

fn error(message: &str) -> JsError {
    JsError::new(message)
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// Embeds the player in `element`.
///
/// `options`: `player` (URL of player.html, on the player's origin),
/// `template` (template id), `data` (the viewer's data: sent once, to the
/// player only, then forgotten), and optional `locale`, `title` (the
/// iframe's accessible name) and `aspectRatio` (CSS, default `16 / 9`).
/// Throws on bad options; everything later arrives as an `error` event.
#[wasm_bindgen]
pub fn mount(element: &HtmlElement, options: &JsValue) -> Result<Embed, JsError> {
    let window = web_sys::window().ok_or_else(|| error("percus: no window"))?;
    if !options.is_object() {
        return Err(error(
            "percus: mount(element, options) needs an options object",
        ));
    }
    let player = get(options, "player")
        .as_string()
        .ok_or_else(|| error("percus: options.player is required"))?;
    let template = get(options, "template")
        .as_string()
        .ok_or_else(|| error("percus: options.template is required"))?;
    let data = get(options, "data");
    if !data.is_object() {
        return Err(error("percus: options.data must be an object"));
    }
    let host_origin = window
        .location()
        .origin()
        .map_err(|_| error("percus: no host origin"))?;
    if !is_http_origin(&host_origin) {
        return Err(error("percus: the host page needs an http(s) origin"));
    }
    let base = window
        .location()
        .href()
        .map_err(|_| error("percus: no host URL"))?;
    let url = Url::new_with_base(&player, &base)
        .map_err(|_| error("percus: options.player is not a URL"))?;
    let player_origin = url.origin();
    if !is_http_origin(&player_origin) {
        return Err(error("percus: options.player must be an http(s) URL"));
    }
    url.search_params().set("template", &template);
    let fragment =
        UrlSearchParams::new().map_err(|_| error("percus: URLSearchParams unavailable"))?;
    fragment.set("host", &host_origin);
    url.set_hash(&String::from(fragment.to_string()));

    let iframe = create_iframe(&window, options, &url.href())?;
    let state = Rc::new(RefCell::new(State {
        iframe: Some(iframe.clone()),
        player_origin,
        data: Some(data),
        locale: get(options, "locale").as_string(),
        listeners: Vec::new(),
        messages: None,
    }));
    let weak = Rc::downgrade(&state);
    let messages = EventListener::new(&window, "message", move |event| {
        if let (Some(state), Some(event)) = (weak.upgrade(), event.dyn_ref::<MessageEvent>()) {
            on_message(&state, event);
        }
    });
    state.borrow_mut().messages = Some(messages);
    element
        .append_child(&iframe)
        .map_err(|_| error("percus: could not insert the player iframe"))?;
    Ok(Embed { state })
}

fn create_iframe(
    window: &Window,
    options: &JsValue,
    src: &str,
) -> Result<HtmlIFrameElement, JsError> {
    let document = window
        .document()
        .ok_or_else(|| error("percus: no document"))?;
    let iframe: HtmlIFrameElement = document
        .create_element("iframe")
        .map_err(|_| error("percus: could not create an iframe"))?
        .dyn_into()
        .map_err(|_| error("percus: could not create an iframe"))?;
    let title = get(options, "title")
        .as_string()
        .unwrap_or_else(|| "Personalized video".into());
    iframe.set_title(&title);
    for (name, value) in [
        ("sandbox", "allow-scripts allow-same-origin"),
        ("allow", "autoplay; fullscreen"),
        ("referrerpolicy", "no-referrer"),
        ("loading", "lazy"),
    ] {
        let _ = iframe.set_attribute(name, value);
    }
    let ratio = get(options, "aspectRatio")
        .as_string()
        .unwrap_or_else(|| "16 / 9".into());
    let style = iframe.style();
    for (name, value) in [
        ("display", "block"),
        ("width", "100%"),
        ("border", "0"),
        ("aspect-ratio", ratio.as_str()),
    ] {
        let _ = style.set_property(name, value);
    }
    iframe.set_src(src);
    Ok(iframe)
}

fn on_message(state: &Rc<RefCell<State>>, event: &MessageEvent) {
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    // Exactly our iframe's window, at exactly the player's origin.
    let Some(window) = s
        .iframe
        .as_ref()
        .and_then(HtmlIFrameElement::content_window)
    else {
        return;
    };
    let from_player = event
        .source()
        .is_some_and(|source| Object::is(&source, &window));
    if !from_player || event.origin() != s.player_origin {
        return;
    }
    let message = event.data();
    let Some(kind) = get(&message, "type").as_string() else {
        return;
    };
    let Some(name) = event_name(&kind) else {
        return;
    };
    let detail = Object::new();
    set(&detail, "type", &JsValue::from_str(&kind));
    if name == "error" {
        // A player that failed before READY will never take the data.
        s.data = None;
        for key in ["code", "field", "problems"] {
            let value = get(&message, key);
            if !value.is_undefined() {
                set(&detail, key, &value);
            }
        }
    }
    if name == "ready" {
        let failure = if get(&message, "protocol").as_f64() != Some(f64::from(PROTOCOL_VERSION)) {
            s.data = None; // a player we cannot talk to never gets the data
            Some("protocol-version")
        } else if let Some(data) = s.data.take() {
            // Hand over the data once, to the player's origin only, and forget it.
            let init = Object::new();
            set(&init, "type", &JsValue::from_str("PERCUS/INIT"));
            set(&init, "protocol", &JsValue::from(PROTOCOL_VERSION));
            set(&init, "data", &data);
            if let Some(locale) = &s.locale {
                set(&init, "locale", &JsValue::from_str(locale));
            }
            // Throws DataCloneError for data structured clone cannot copy
            // (functions, DOM nodes); the exception is not ours to print.
            window
                .post_message(&init, &s.player_origin)
                .err()
                .map(|_| "data-not-cloneable")
        } else {
            None
        };
        if let Some(code) = failure {
            set(&detail, "type", &JsValue::from_str("PERCUS/ERROR"));
            set(&detail, "code", &JsValue::from_str(code));
            let listeners = listeners_for(&s, "error");
            drop(s);
            notify(&listeners, &detail);
            return;
        }
    }
    let listeners = listeners_for(&s, name);
    drop(s);
    notify(&listeners, &detail);
}

fn listeners_for(state: &State, name: &str) -> Vec<Function> {
    state
        .listeners
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, f)| f.clone())
        .collect()
}

fn notify(listeners: &[Function], detail: &Object) {
    for listener in listeners {
        // A throwing callback is the host's bug; it must not break the SDK.
        let _ = listener.call1(&JsValue::NULL, detail);
    }
}

#[wasm_bindgen]
impl Embed {
    /// Calls `callback(detail)` on each `event`: `ready`, `rendered` or
    /// `error` (`detail.code`, and `detail.field` for data errors).
    pub fn on(&self, event: &str, callback: Function) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.listeners.push((event.to_owned(), callback));
        }
    }

    /// Removes the player and forgets everything: the iframe, the data if
    /// it was not sent yet, the listeners. Safe to call more than once.
    pub fn destroy(&self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.messages = None;
            s.data = None;
            s.listeners.clear();
            if let Some(iframe) = s.iframe.take() {
                iframe.remove();
            }
        }
    }
}
