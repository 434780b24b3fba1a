//! The browser edge of the player (wasm32 only): boots from player.html,
//! talks to the host, loads the template, binds INIT data and plays.
//!
//! Owns the lifecycle: boot → load the template (before any data) → READY →
//! INIT (from the host only) → bind → drop the data object → draw frames
//! with requestAnimationFrame → RENDERED after the first one.
//! Must never log, store, or send anywhere a data value; errors go to the
//! host as codes via [`host::Host::error`].

mod canvas;
mod data;
#[cfg(feature = "frame")]
mod frame;
mod host;
mod loader;
mod stage;

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_render::{request_animation_frame, AnimationFrame};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, MessageEvent, UrlSearchParams, Window};

#[cfg(feature = "frame")]
pub use frame::FrameRenderer;
pub use stage::Stage;

use crate::eval::TextOverrides;
use crate::protocol::{self, HostCommand, PlayerError};
use crate::template::Template;
use data::JsData;
use host::Host;
use loader::Loaded;

thread_local! {
    /// The host, for the panic hook. Set once at boot.
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
    /// The running player, alive as long as the page.
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs when player.html loads the module.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|_| {
        // The panic message may quote data: never print or send it.
        HOST.with(|h| {
            if let Some(host) = h.try_borrow().ok().as_ref().and_then(|h| h.as_ref()) {
                host.error(&PlayerError::code("internal"));
            }
        });
    }));
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some((host, template_id)) = boot_params(&window) else {
        // Not framed, or framed without a valid host origin: nobody to talk
        // to, so stay idle rather than guess.
        return;
    };
    HOST.with(|h| *h.borrow_mut() = Some(host.clone()));
    let Some(template_id) = template_id.filter(|id| protocol::is_template_id(id)) else {
        host.error(&PlayerError::code("template-invalid"));
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        match loader::load_template(&window, &template_id).await {
            Ok(loaded) => match App::new(window, host.clone(), loaded) {
                Ok(app) => {
                    APP.with(|a| *a.borrow_mut() = Some(app));
                    host.ready();
                }
                Err(e) => host.error(&e),
            },
            Err(e) => host.error(&e),
        }
    });
}

/// `?template=<id>` and `#host=<origin>` from the page's URL.
fn boot_params(window: &Window) -> Option<(Host, Option<String>)> {
    let location = window.location();
    let hash = location.hash().ok()?;
    let fragment = UrlSearchParams::new_with_str(hash.trim_start_matches('#')).ok()?;
    let host = Host::from_window(window, fragment.get("host")?)?;
    let query = UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    Some((host, query.get("template")))
}

/// The page's player and the listeners that feed it.
struct App {
    _messages: EventListener,
    _pagehide: EventListener,
    _player: Rc<RefCell<Player>>,
}

impl App {
    fn new(window: Window, host: Host, loaded: Loaded) -> Result<Self, PlayerError> {
        let Loaded { template, images } = loaded;
        let canvas = window
            .document()
            .and_then(|d| d.get_element_by_id("stage"))
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
            .ok_or_else(|| PlayerError::code("canvas-unavailable"))?;
        let mut stage = Stage::new(canvas, &template.composition)?;
        for (index, image) in images {
            stage.set_image(index, image);
        }
        let player = Rc::new(RefCell::new(Player {
            window: window.clone(),
            host,
            template,
            stage,
            texts: None,
            start_ms: None,
            rendered: false,
            frame: None,
        }));
        let weak = Rc::downgrade(&player);
        let messages = EventListener::new(&window, "message", move |event| {
            let (Some(player), Some(event)) = (weak.upgrade(), event.dyn_ref::<MessageEvent>())
            else {
                return;
            };
            Player::on_message(&player, event);
        });
        // Leaving (the host removed the iframe, or navigated): wipe the
        // texts now rather than whenever the page's memory is reclaimed.
        let weak = Rc::downgrade(&player);
        let pagehide = EventListener::new(&window, "pagehide", move |_| {
            if let Some(Ok(mut player)) = weak.upgrade().as_ref().map(|p| p.try_borrow_mut()) {
                player.frame = None;
                player.texts = None;
                player.stage.forget();
            }
        });
        Ok(Self {
            _messages: messages,
            _pagehide: pagehide,
            _player: player,
        })
    }
}

struct Player {
    window: Window,
    host: Host,
    template: Template,
    stage: Stage,
    /// The bound texts: the only copy of the viewer's data, wiped on drop.
    texts: Option<TextOverrides>,
    start_ms: Option<f64>,
    rendered: bool,
    frame: Option<AnimationFrame>,
}

impl Player {
    fn on_message(this: &Rc<RefCell<Self>>, event: &MessageEvent) {
        let Ok(mut player) = this.try_borrow_mut() else {
            return;
        };
        if !player.host.sent(event) {
            return; // not from our host: ignore without a word
        }
        let message = event.data();
        let field = |key: &str| Reflect::get(&message, &JsValue::from_str(key)).ok();
        let kind = field("type").and_then(|v| v.as_string());
        let version = field("protocol").and_then(|v| v.as_f64());
        match protocol::host_command(kind.as_deref(), version) {
            Ok(None) => {}
            Err(e) => player.host.error(&e),
            Ok(Some(HostCommand::Init)) => {
                let data = field("data").unwrap_or(JsValue::UNDEFINED);
                let bound = match JsData::new(&data) {
                    Some(data) => player.template.bind(&data),
                    None => Err(PlayerError::code("bad-data")),
                };
                // The data object is not referenced past this point.
                drop(data);
                match bound {
                    Ok(texts) => {
                        player.stage.forget();
                        player.texts = Some(texts);
                        player.start_ms = None;
                        player.rendered = false;
                        drop(player);
                        Self::schedule(this);
                    }
                    Err(e) => {
                        player.texts = None;
                        player.frame = None;
                        player.stage.clear();
                        player.host.error(&e);
                    }
                }
            }
        }
    }

    fn schedule(this: &Rc<RefCell<Self>>) {
        let weak = Rc::downgrade(this);
        let frame = request_animation_frame(move |now| {
            if let Some(player) = weak.upgrade() {
                if let Ok(mut p) = player.try_borrow_mut() {
                    p.tick(now);
                }
                Self::schedule(&player);
            }
        });
        if let Ok(mut player) = this.try_borrow_mut() {
            player.frame = Some(frame);
        }
    }

    fn tick(&mut self, now: f64) {
        let Some(texts) = &self.texts else { return };
        let comp = &self.template.composition;
        let start = *self.start_ms.get_or_insert(now);
        let elapsed = (now - start).max(0.0) / 1000.0 * comp.frame_rate;
        let frame = comp.in_point + elapsed % comp.frame_count();
        self.stage
            .draw(comp, frame, texts, None, self.window.device_pixel_ratio());
        if !self.rendered {
            self.rendered = true;
            self.host.rendered();
        }
    }
}
