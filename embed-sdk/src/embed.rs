//! `mount` and the `Embed` handle (wasm32 only).
//!
//! The handshake (PROTOCOL.md, version 2): the player posts a data-free
//! READY to its parent; the SDK checks that it comes from exactly its own
//! iframe's window at exactly the player origin, and answers CONNECT with a
//! MessageChannel port, posted to that window and that origin only. The
//! player answers CONNECTED on the port; only then does INIT (the data) go,
//! on the port, and the SDK drops its reference. Every later command and
//! event uses the port; the window is no longer listened to.
//!
//! Before READY, the player page says LOADING as soon as it runs. An iframe
//! whose load event comes without it (nor READY or ERROR) holds no player:
//! refused by frame-ancestors, the wrong page, or an error page. That is
//! reported at once (`player-unavailable`), not after the timeout.
//!
//! After the handshake, the player's events (PROTOCOL.md, "Embed SDK
//! events") reach the host's callbacks as details copied field by field by
//! type. A `link` action's URL never reaches them: the SDK itself opens it
//! in a new tab, with no opener and no referrer, only when the host asked
//! (`links.open`) and it is `https:` on one of the host's `links.origins`.

use alloc::borrow::ToOwned;
use alloc::rc::{Rc, Weak};
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{
    HtmlElement, HtmlIFrameElement, MessageChannel, MessageEvent, MessagePort, Url,
    UrlSearchParams, Window,
};

use crate::listener::{Listener, Timeout};
use crate::origin::{
    detail_fields, event_name, explain, is_http_origin, is_link_origin, may_open_link,
    LINK_REFUSED, PROTOCOL_VERSION,
};

/// How long the player may take from its page loading to a finished
/// handshake before the embed gives up (`player-timeout`), unless the
/// options say otherwise.
const DEFAULT_TIMEOUT_MS: f64 = 20_000.0;

/// How long after the iframe's load event the player's LOADING may still
/// arrive. The player posts it before its page's load event, but the two
/// reach this page on different paths (with site isolation, from another
/// process), so LOADING can come just after `load`. Past this, a silent
/// iframe holds no player (`player-unavailable`).
const ALIVE_GRACE_MS: f64 = 1_000.0;

/// At most this many of CONNECTED's chapters reach `ready`: a manifest
/// declares at most 64 (the player's own limit), so any past it are junk.
const MAX_CHAPTERS: u32 = 64;

/// One embedded player. Independent of every other embed on the page.
#[wasm_bindgen]
pub struct Embed {
    state: Rc<RefCell<State>>,
}

impl core::fmt::Debug for Embed {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Embed")
    }
}

struct State {
    window: Window,
    iframe: Option<HtmlIFrameElement>,
    player_origin: String,
    /// The player URL's origin and path, and this page's origin, for the
    /// errors' `message` (configured by the developer, never data).
    player_page: String,
    host_origin: String,
    /// LOADING, READY or ERROR came from the player: its page runs.
    alive: bool,
    /// The viewer's data until INIT is posted; `None` from then on.
    data: Option<JsValue>,
    /// INIT's other fields (locale, autoplay, loop, controls, captions,
    /// poster, speed, segment): no personal data.
    settings: Object,
    /// Commands given before the handshake, sent after INIT.
    pending: Vec<Object>,
    /// Our end of the channel, from READY on.
    port: Option<MessagePort>,
    connected: bool,
    listeners: Vec<(String, Function)>,
    /// Listening on the window (before CONNECTED), on the port, and to the
    /// iframe's loads. Dropping one removes it.
    on_window: Option<Listener>,
    on_port: Option<Listener>,
    on_load: Option<Listener>,
    loads: u32,
    timeout_ms: f64,
    /// The host gave no `aspectRatio`: the template's size sets it.
    auto_ratio: bool,
    /// `links.open` was true: the https origins (as the URL parser writes
    /// them) whose link actions the SDK opens. `None`: it opens none.
    links: Option<Vec<String>>,
    timer: Option<Timeout>,
    /// From a load event without LOADING to `player-unavailable`.
    grace: Option<Timeout>,
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

/// A protocol message of `kind`.
fn message(kind: &str) -> Object {
    let msg = Object::new();
    set(&msg, "type", &JsValue::from_str(kind));
    set(&msg, "protocol", &JsValue::from(PROTOCOL_VERSION));
    msg
}

/// Embeds the player in `element`.
///
/// `options`: `player` (URL of player.html, on the player's origin),
/// `template` (template id), `data` (the viewer's data: sent once, to the
/// player only, then forgotten), and optional `locale`, `title` (the
/// iframe's accessible name), `aspectRatio` (CSS; by default 16 / 9 until
/// the player reports the template's size), `muted` (a background video's
/// sound, default true),
/// `autoplay` and `loop` (default true), `controls` and `captions`
/// (default false),
/// `poster` (seconds: the frame shown before playing), `speed` (1 =
/// normal), `segment` (a marker of the template to play alone),
/// `timeout` (ms) and `links` (`{ open, origins }`: which link actions the
/// SDK opens in a new tab).
/// Throws on bad options; everything later arrives as an `error` event.
#[allow(
    clippy::too_many_lines,
    reason = "every option checked in the order the README lists them"
)]
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
    let settings = Object::new();
    for (key, valid) in [
        ("locale", JsValue::is_string as fn(&JsValue) -> bool),
        ("autoplay", |v| v.as_bool().is_some()),
        ("loop", |v| v.as_bool().is_some()),
        ("controls", |v| v.as_bool().is_some()),
        ("captions", |v| v.as_bool().is_some()),
        ("poster", |v| v.as_f64().is_some()),
        ("speed", |v| v.as_f64().is_some()),
        ("muted", |v| v.as_bool().is_some()),
        ("segment", JsValue::is_string),
    ] {
        let value = get(options, key);
        if !value.is_undefined() {
            if !valid(&value) {
                return Err(error("percus: an option has the wrong type"));
            }
            set(&settings, key, &value);
        }
    }
    let links = link_origins(&get(options, "links"))?;
    let timeout_ms = get(options, "timeout")
        .as_f64()
        .filter(|t| *t > 0.0)
        .unwrap_or(DEFAULT_TIMEOUT_MS);
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
    let mut player_page = player_origin.clone();
    player_page.push_str(&url.pathname());
    url.search_params().set("template", &template);
    let fragment =
        UrlSearchParams::new().map_err(|_| error("percus: URLSearchParams unavailable"))?;
    fragment.set("host", &host_origin);
    url.set_hash(&String::from(fragment.to_string()));

    let iframe = create_iframe(&window, options, &url.href())?;
    let state = Rc::new(RefCell::new(State {
        window: window.clone(),
        iframe: Some(iframe.clone()),
        player_origin,
        player_page,
        host_origin,
        alive: false,
        data: Some(data),
        settings,
        pending: Vec::new(),
        port: None,
        connected: false,
        listeners: Vec::new(),
        on_window: None,
        on_port: None,
        on_load: None,
        loads: 0,
        timeout_ms,
        auto_ratio: get(options, "aspectRatio").is_undefined(),
        links,
        timer: None,
        grace: None,
    }));
    // The listeners hold the state, not the `Embed` handle: a host that
    // drops its handle still gets its events. `destroy` (or a failure)
    // drops the listeners, and with them the state.
    let held = Rc::clone(&state);
    let on_window = Listener::new(&window, "message", move |event| {
        if let Some(event) = event.dyn_ref::<MessageEvent>() {
            on_window_message(&held, event);
        }
    });
    let held = Rc::clone(&state);
    let on_load = Listener::new(&iframe, "load", move |_| on_iframe_load(&held));
    if let Ok(mut s) = state.try_borrow_mut() {
        s.on_window = Some(on_window);
        s.on_load = Some(on_load);
    }
    element
        .append_child(&iframe)
        .map_err(|_| error("percus: could not insert the player iframe"))?;
    Ok(Embed { state })
}

/// The `links` option: `Some(origins)` when the host asks the SDK to open
/// link actions (`open: true`), each entry normalised by the URL parser to
/// its origin; entries that are not https URLs are left out. Throws on a
/// `links`, `open` or `origins` of the wrong type, as for any option.
fn link_origins(links: &JsValue) -> Result<Option<Vec<String>>, JsError> {
    if links.is_undefined() {
        return Ok(None);
    }
    let open = get(links, "open");
    let origins = get(links, "origins");
    if !links.is_object()
        || !(open.is_undefined() || open.as_bool().is_some())
        || !(origins.is_undefined() || Array::is_array(&origins))
    {
        return Err(error("percus: an option has the wrong type"));
    }
    if open.as_bool() != Some(true) {
        return Ok(None);
    }
    let mut allowed = Vec::new();
    if Array::is_array(&origins) {
        let origins: &Array = origins.unchecked_ref();
        for index in 0..origins.length() {
            let url = origins.get(index).as_string();
            if let Some(origin) = url
                .and_then(|url| Url::new(&url).ok())
                .map(|url| url.origin())
            {
                if is_link_origin(&origin) {
                    allowed.push(origin);
                }
            }
        }
    }
    Ok(Some(allowed))
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
    for (name, value) in [
        ("title", title.as_str()),
        ("sandbox", "allow-scripts allow-same-origin"),
        ("allow", "autoplay; fullscreen"),
        ("referrerpolicy", "no-referrer"),
        ("loading", "lazy"),
    ] {
        let _ = iframe.set_attribute(name, value);
    }
    let ratio = get(options, "aspectRatio");
    let ratio = if ratio.is_string() {
        ratio
    } else {
        JsValue::from_str("16 / 9")
    };
    // Through CSSOM, which a host CSP without 'unsafe-inline' allows (a
    // style attribute it would block).
    let style = iframe.style();
    for (name, value) in [
        ("display", &JsValue::from_str("block")),
        ("width", &JsValue::from_str("100%")),
        ("border", &JsValue::from_str("0")),
        ("aspectRatio", &ratio),
    ] {
        set(style.unchecked_ref(), name, value);
    }
    let _ = iframe.set_attribute("src", src);
    Ok(iframe)
}

/// The iframe's page loaded: the player has `timeout_ms` to finish the
/// handshake, and if it has not said LOADING yet, `ALIVE_GRACE_MS` to say
/// it. A second load before that is a navigation away from the player (the
/// page cannot reload itself): the data is dropped. A lazy iframe far from
/// the viewport does not load, so neither timer runs until it is near.
fn on_iframe_load(state: &Rc<RefCell<State>>) {
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    s.loads += 1;
    if s.loads > 1 {
        drop(s);
        fail(state, "player-navigated");
        return;
    }
    if s.connected {
        return;
    }
    s.timer = Some(deadline(
        state,
        &s.window,
        s.timeout_ms,
        "player-timeout",
        |s| s.connected,
    ));
    if !s.alive {
        s.grace = Some(deadline(
            state,
            &s.window,
            ALIVE_GRACE_MS,
            "player-unavailable",
            |s| s.alive,
        ));
    }
}

/// A timer that fails the embed with `code` in `ms` unless `done` holds by
/// then. One closure for every timer: each closure type costs the wasm its
/// own shims.
fn deadline(
    state: &Rc<RefCell<State>>,
    window: &Window,
    ms: f64,
    code: &'static str,
    done: fn(&State) -> bool,
) -> Timeout {
    let weak: Weak<RefCell<State>> = Rc::downgrade(state);
    Timeout::new(window, ms, move |_| {
        if let Some(state) = weak.upgrade() {
            if state.try_borrow().is_ok_and(|s| !done(&s)) {
                fail(&state, code);
            }
        }
    })
}

/// A window message: only READY and early ERRORs, and only from exactly
/// our iframe's window at exactly the player's origin.
fn on_window_message(state: &Rc<RefCell<State>>, event: &MessageEvent) {
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
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
    if !from_player || event.origin() != s.player_origin || s.port.is_some() {
        return;
    }
    let message = event.data();
    let kind = get(&message, "type").as_string();
    if matches!(
        kind.as_deref(),
        Some("PERCUS/LOADING" | "PERCUS/READY" | "PERCUS/ERROR")
    ) {
        // Its page runs: whatever comes next, the player can say it.
        s.alive = true;
        s.grace = None;
    }
    match kind.as_deref() {
        Some("PERCUS/READY") => {
            let versions = get(&message, "versions");
            if !Array::is_array(&versions)
                || !Array::from(&versions).includes(&JsValue::from(PROTOCOL_VERSION), 0)
            {
                drop(s);
                fail(state, "protocol-version");
                return;
            }
            let Ok(channel) = MessageChannel::new() else {
                drop(s);
                fail(state, "no-channel");
                return;
            };
            let ours = channel.port1();
            let held = Rc::clone(state);
            s.on_port = Some(Listener::new(&ours, "message", move |event| {
                if let Some(event) = event.dyn_ref::<MessageEvent>() {
                    on_port_message(&held, &event.data());
                }
            }));
            ours.start();
            s.port = Some(ours);
            // The port goes to exactly the player's origin: if the iframe has
            // navigated elsewhere, the browser drops it, and no data follows.
            let transfer = Array::of1(&channel.port2());
            let _ = window.post_message_with_transfer(
                &self::message("PERCUS/CONNECT"),
                &s.player_origin,
                &transfer,
            );
        }
        Some("PERCUS/ERROR") => {
            // A player that failed before READY will never take the data,
            // nor finish the handshake: its error says why, not a timeout.
            s.data = None;
            s.timer = None;
            drop(s);
            emit(state, "error", &error_detail(&message));
        }
        _ => {}
    }
}

/// A message on our port: only the player holds the other end.
fn on_port_message(state: &Rc<RefCell<State>>, message: &JsValue) {
    let Some(kind) = get(message, "type").as_string() else {
        return;
    };
    if kind == "PERCUS/CONNECTED" {
        connected(state, message);
        return;
    }
    let Some(name) = event_name(&kind) else {
        return;
    };
    let detail = if name == "error" {
        error_detail(message)
    } else {
        let detail = Object::new();
        set(&detail, "type", &JsValue::from_str(&kind));
        // This event's own fields, each of its type: never anything else
        // the message held (an action's `url` included).
        let (numbers, strings) = detail_fields(name);
        copy_fields(message, &detail, numbers, strings);
        detail
    };
    let mut refused = false;
    // (Compared in JS, `===`: no copy of the string into wasm.)
    if name == "action" && get(message, "kind") == "link" {
        let (opened, asked) = open_link(state, message);
        set(&detail, "opened", &JsValue::from_bool(opened));
        refused = asked && !opened;
    }
    emit(state, name, &detail);
    if refused {
        // The host asked for links to open and this one may not: say so,
        // never which URL (its query may hold anything).
        let detail = code_detail("link-refused");
        set(&detail, "message", &JsValue::from_str(LINK_REFUSED));
        emit(state, "error", &detail);
    }
}

/// A `link` action: opens its `url` in a new tab of the host page, with no
/// opener and no referrer, when the host asked (`links.open`) and the URL
/// is `https:` on one of its origins. Returns (opened, the host asked).
fn open_link(state: &Rc<RefCell<State>>, message: &JsValue) -> (bool, bool) {
    let Ok(s) = state.try_borrow() else {
        return (false, false);
    };
    let Some(allowed) = &s.links else {
        return (false, false);
    };
    let url = get(message, "url")
        .as_string()
        .and_then(|url| Url::new(&url).ok());
    let opened = url.is_some_and(|url| {
        // The parser's serialisation: what was checked is what opens.
        may_open_link(&url.protocol(), &url.origin(), allowed)
            && s.window
                .open_with_url_and_target_and_features(&url.href(), "_blank", "noopener,noreferrer")
                .is_ok()
    });
    (opened, true)
}

/// The handshake is done: send INIT with the data on the port and forget
/// the data, then the commands given meanwhile.
fn connected(state: &Rc<RefCell<State>>, message: &JsValue) {
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    if s.connected {
        return;
    }
    let Some(data) = s.data.take() else {
        return;
    };
    s.connected = true;
    s.timer = None;
    s.on_window = None;
    let size = (
        get(message, "width").as_f64(),
        get(message, "height").as_f64(),
    );
    if let (Some(width), Some(height), true, Some(iframe)) =
        (size.0, size.1, s.auto_ratio, &s.iframe)
    {
        if width > 0.0 && height > 0.0 {
            // The template's own shape: no letterbox, and the box is final.
            // A number: the style converts it ("1.77778 / 1").
            set(
                iframe.style().unchecked_ref(),
                "aspectRatio",
                &JsValue::from(width / height),
            );
        }
    }
    let sent = s.send_init(&data);
    drop(data);
    for command in core::mem::take(&mut s.pending) {
        s.post(&command);
    }
    drop(s);
    let detail = Object::new();
    set(&detail, "type", &JsValue::from_str("PERCUS/READY"));
    if let Some(n) = get(message, "duration").as_f64() {
        set(&detail, "duration", &JsValue::from(n));
    }
    set(&detail, "chapters", &chapters(&get(message, "chapters")));
    emit(state, "ready", &detail);
    if !sent {
        fail_data(state);
    }
}

/// CONNECTED's `chapters` for `ready`: each `{ name, label, time, duration }`
/// copied by type (strings, finite numbers), at most `MAX_CHAPTERS`;
/// anything malformed is left out. Empty when the player sent none.
fn chapters(list: &JsValue) -> Array {
    let out = Array::new();
    if !Array::is_array(list) {
        return out;
    }
    let list: &Array = list.unchecked_ref();
    for index in 0..list.length().min(MAX_CHAPTERS) {
        let chapter = Object::new();
        let copied = copy_fields(
            &list.get(index),
            &chapter,
            &["time", "duration"],
            &["name", "label"],
        );
        if copied == 4 {
            out.push(&chapter);
        }
    }
    out
}

/// Copies the `numbers` (finite ones) and the `strings` of `from` to `to`,
/// each only when it has that type; returns how many it copied. One
/// function for every detail: each call site of a JS import costs the
/// shipped wasm bytes.
fn copy_fields(from: &JsValue, to: &Object, numbers: &[&str], strings: &[&str]) -> usize {
    let mut copied = 0;
    for key in numbers {
        if let Some(n) = get(from, key).as_f64().filter(|n| n.is_finite()) {
            set(to, key, &JsValue::from(n));
            copied += 1;
        }
    }
    for key in strings {
        let value = get(from, key);
        if value.is_string() {
            set(to, key, &value);
            copied += 1;
        }
    }
    copied
}

impl State {
    /// Posts INIT with `data` on the port. False when structured clone
    /// cannot copy the data (a function, a DOM node): nothing was sent.
    fn send_init(&self, data: &JsValue) -> bool {
        let init = message("PERCUS/INIT");
        let _ = Object::assign(&init, &self.settings);
        set(&init, "data", data);
        self.port
            .as_ref()
            .is_some_and(|port| port.post_message(&init).is_ok())
    }

    fn post(&self, msg: &Object) {
        if let Some(port) = &self.port {
            let _ = port.post_message(msg);
        }
    }

    /// Sends `msg` now, or after INIT when the handshake is not done.
    fn command(&mut self, msg: Object) {
        if self.connected {
            self.post(&msg);
        } else if self.data.is_some() {
            self.pending.push(msg);
        }
    }

    /// Stops everything: no more messages either way, no data kept.
    fn stop(&mut self) {
        self.data = None;
        self.pending.clear();
        self.timer = None;
        self.grace = None;
        self.on_window = None;
        self.on_port = None;
        self.on_load = None;
        if let Some(port) = self.port.take() {
            port.close();
        }
    }
}

/// The detail of an `error` event: a code, a field name and template
/// problems, copied by type so that nothing else the message held gets
/// through.
fn error_detail(message: &JsValue) -> Object {
    let detail = Object::new();
    set(&detail, "type", &JsValue::from_str("PERCUS/ERROR"));
    for key in ["code", "field"] {
        let value = get(message, key);
        if value.is_string() {
            set(&detail, key, &value);
        }
    }
    let problems = get(message, "problems");
    if Array::is_array(&problems) {
        set(&detail, "problems", &problems);
    }
    detail
}

fn code_detail(code: &str) -> Object {
    let detail = Object::new();
    set(&detail, "type", &JsValue::from_str("PERCUS/ERROR"));
    set(&detail, "code", &JsValue::from_str(code));
    detail
}

/// Gives up on the player: drops the data and the port, and says why (with
/// a `message` for the codes `explain` knows).
fn fail(state: &Rc<RefCell<State>>, code: &str) {
    let detail = code_detail(code);
    if let Ok(mut s) = state.try_borrow_mut() {
        if s.iframe.is_none() {
            return; // destroyed: nobody is listening
        }
        s.stop();
        if let Some(text) = explain(code, &s.player_page, &s.host_origin) {
            set(&detail, "message", &JsValue::from_str(&text));
        }
    }
    emit(state, "error", &detail);
}

/// The data could not be cloned: the player got nothing, the embed goes on.
fn fail_data(state: &Rc<RefCell<State>>) {
    emit(state, "error", &code_detail("data-not-cloneable"));
}

fn emit(state: &Rc<RefCell<State>>, name: &str, detail: &Object) {
    let listeners: Vec<Function> = match state.try_borrow() {
        Ok(s) => s
            .listeners
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, f)| f.clone())
            .collect(),
        Err(_) => return,
    };
    for listener in listeners {
        // A throwing callback is the host's bug; it must not break the SDK.
        let _ = listener.call1(&JsValue::NULL, detail);
    }
}

#[wasm_bindgen]
impl Embed {
    /// Calls `callback(detail)` on each `event`: `ready` (`duration`,
    /// `chapters`), `rendered`, `play`, `pause`, `timeupdate`
    /// (`detail.time`, `detail.duration` in seconds), `ended`, `error`
    /// (`detail.code`, and `detail.field` for data errors), `action` (`id`,
    /// `kind`, and `opened` for links), `progress` (`percent`), `chapter`
    /// (`name`, `label`) or `replay`.
    pub fn on(&self, event: &str, callback: Function) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.listeners.push((event.to_owned(), callback));
        }
    }

    /// Starts or resumes playback.
    pub fn play(&self) {
        self.command(message("PERCUS/PLAY"));
    }

    /// Pauses playback.
    pub fn pause(&self) {
        self.command(message("PERCUS/PAUSE"));
    }

    /// Moves to `time` seconds from the start.
    pub fn seek(&self, time: f64) {
        self.seek_to("time", time);
    }

    /// Moves to frame `frame` of the animation, numbered as in its Lottie
    /// file (After Effects' frame numbers).
    #[wasm_bindgen(js_name = seekToFrame)]
    pub fn seek_to_frame(&self, frame: f64) {
        self.seek_to("frame", frame);
    }

    fn seek_to(&self, key: &str, value: f64) {
        let msg = message("PERCUS/SEEK");
        set(&msg, key, &JsValue::from(value));
        self.command(msg);
    }

    /// Plays the segment of the template's marker `name`; `options.then`
    /// says what happens at its end: `"stop"` (the player's default),
    /// `"loop"` or `"continue"`. A name that is not a string sends nothing;
    /// any other `then` is left out.
    #[wasm_bindgen(js_name = playSegment)]
    pub fn play_segment(&self, name: &JsValue, options: &JsValue) {
        if !name.is_string() {
            return;
        }
        let msg = message("PERCUS/SEGMENT");
        set(&msg, "name", name);
        let then = get(options, "then");
        if ["stop", "loop", "continue"]
            .iter()
            .any(|known| then == *known)
        {
            set(&msg, "then", &then);
        }
        self.command(msg);
    }

    /// Shows the video with new data: sent once, to the player only, then
    /// forgotten. Throws when `data` is not an object.
    pub fn update(&self, data: JsValue) -> Result<(), JsError> {
        if !data.is_object() {
            return Err(error("percus: update(data) needs an object"));
        }
        let Ok(mut s) = self.state.try_borrow_mut() else {
            return Ok(());
        };
        if s.connected {
            let sent = s.send_init(&data);
            drop(s);
            if !sent {
                fail_data(&self.state);
            }
        } else if s.data.is_some() {
            s.data = Some(data); // not sent yet: the newer data replaces it
        }
        Ok(())
    }

    /// Removes the player and forgets everything: the iframe, the data if
    /// it was not sent yet, the listeners. Safe to call more than once, and
    /// at any point of the handshake.
    pub fn destroy(&self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            if s.connected {
                // The player wipes its copy now, not when its page unloads.
                s.post(&message("PERCUS/DESTROY"));
            }
            s.stop();
            s.listeners.clear();
            if let Some(iframe) = s.iframe.take() {
                iframe.remove();
            }
        }
    }
}

impl Embed {
    fn command(&self, msg: Object) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.command(msg);
        }
    }
}
