//! `App`: the page's player and everything that feeds it: the window's
//! messages, `pagehide`, the play/pause and sound buttons, the page's
//! visibility and an IntersectionObserver on the page's root. Held by the
//! page from READY until DESTROY, when it is dropped with all of them.
//!
//! Owns the page-level wiring (which element, which event, which
//! [`Player`] method) and nothing of the data. Must never log, store or
//! send a data value; errors go to the host as codes only.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{
    HtmlCanvasElement, IntersectionObserver, IntersectionObserverEntry, MessageEvent, Window,
};

use super::host::Host;
use super::loader::Loaded;
use super::player::{PageElements, Player};
use super::stage::Stage;
use crate::protocol::{HostCommand, PlayerError};

thread_local! {
    /// The running player, alive as long as the page (or until DESTROY).
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// The page's player and the listeners that feed it.
pub(super) struct App {
    _messages: EventListener,
    _pagehide: EventListener,
    _toggle: Option<EventListener>,
    _sound: Option<EventListener>,
    _visibility: Option<EventListener>,
    _on_screen: Option<OnScreen>,
    /// Clicks and pointer moves, for a template's actions (none without).
    #[cfg(feature = "full")]
    _pointer: Vec<EventListener>,
    _player: Rc<RefCell<Player>>,
}

/// Watching whether the canvas is on screen; disconnected when dropped.
struct OnScreen {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(Array)>,
}

impl Drop for OnScreen {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// A template's actions (none: no listeners): clicks on the canvas or an
/// action's button, the cursor over what can be clicked, and a resize
/// (the buttons follow the drawing).
#[cfg(feature = "full")]
fn pointer_listeners(window: &Window, player: &Rc<RefCell<Player>>) -> Vec<EventListener> {
    let interactive = player
        .try_borrow()
        .is_ok_and(|p| !p.interactive.plan.actions.is_empty());
    if !interactive {
        return Vec::new();
    }
    let weak = Rc::downgrade(player);
    let resize = EventListener::new(window, "resize", move |_| {
        if let Some(player) = weak.upgrade() {
            Player::on_resize(&player);
        }
    });
    ["click", "pointermove"]
        .into_iter()
        .map(|kind| {
            let weak = Rc::downgrade(player);
            let click = kind == "click";
            EventListener::new(window, kind, move |event| {
                if let Some(player) = weak.upgrade() {
                    Player::on_pointer(&player, event, click);
                }
            })
        })
        .chain([resize])
        .collect()
}

impl App {
    /// The player of `loaded` on player.html's canvas, listening.
    pub(super) fn new(window: Window, host: Host, loaded: Loaded) -> Result<Self, PlayerError> {
        let (template, images) = (loaded.template, loaded.images);
        let document = window.document();
        let element = |id: &str| document.as_ref().and_then(|d| d.get_element_by_id(id));
        let canvas = element("stage")
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
            .ok_or_else(|| PlayerError::code("canvas-unavailable"))?;
        let mut stage = Stage::new(canvas, &template.composition)?;
        for (index, image) in images {
            stage.set_image(index, image);
        }
        let toggle = element("toggle");
        let sound = element("sound");
        let elements = PageElements {
            toggle: toggle.clone(),
            sound: sound.clone(),
            captions: element("captions"),
            #[cfg(feature = "full")]
            video: loaded.video,
        };
        let player = Player::new(window.clone(), host, template, stage, elements);
        let player = Rc::new(RefCell::new(player));
        let weak = Rc::downgrade(&player);
        let messages = EventListener::new(&window, "message", move |event| {
            if let (Some(player), Some(event)) = (weak.upgrade(), event.dyn_ref::<MessageEvent>()) {
                Player::on_window_message(&player, event);
            }
        });
        // Leaving (the host removed the iframe, or navigated): wipe the
        // texts now rather than whenever the page's memory is reclaimed.
        let weak = Rc::downgrade(&player);
        let pagehide = EventListener::new(&window, "pagehide", move |_| {
            if let Some(Ok(mut player)) = weak.upgrade().as_ref().map(|p| p.try_borrow_mut()) {
                player.on_pagehide();
            }
        });
        // The play/pause button, shown when the host asks for controls.
        let weak = Rc::downgrade(&player);
        let toggle = toggle.map(|button| {
            EventListener::new(&button, "click", move |_| {
                if let Some(player) = weak.upgrade() {
                    let playing = player.try_borrow().is_ok_and(|p| p.playback.playing());
                    let command = if playing {
                        HostCommand::Pause
                    } else {
                        HostCommand::Play
                    };
                    Player::command(&player, command, &JsValue::UNDEFINED);
                }
            })
        });
        // The sound button, shown with the controls when there is a video.
        let weak = Rc::downgrade(&player);
        let sound = sound.map(|button| {
            EventListener::new(&button, "click", move |_| {
                if let Some(Ok(player)) = weak.upgrade().as_ref().map(|p| p.try_borrow()) {
                    player.toggle_sound();
                }
            })
        });
        // Nobody sees the frames while the page is hidden or the player is
        // scrolled off screen: the clock holds still and nothing is drawn.
        let visibility = document.clone().map(|document| {
            let weak = Rc::downgrade(&player);
            let doc = document.clone();
            EventListener::new(&document, "visibilitychange", move |_| {
                if let Some(player) = weak.upgrade() {
                    Player::watch(&player, Some(doc.hidden()), None);
                }
            })
        });
        let weak = Rc::downgrade(&player);
        let callback = Closure::<dyn FnMut(Array)>::new(move |entries: Array| {
            let last = entries.get(entries.length().saturating_sub(1));
            if let (Some(player), Ok(entry)) =
                (weak.upgrade(), last.dyn_into::<IntersectionObserverEntry>())
            {
                Player::watch(&player, None, Some(!entry.is_intersecting()));
            }
        });
        // The page's root element, not the canvas: the canvas is replaced
        // for every viewer (Stage::renew), the root covers the same frame.
        let root = document.and_then(|d| d.document_element());
        let on_screen = match (
            IntersectionObserver::new(callback.as_ref().unchecked_ref()),
            root,
        ) {
            (Ok(observer), Some(root)) => {
                observer.observe(&root);
                Some(OnScreen {
                    observer,
                    _callback: callback,
                })
            }
            _ => None,
        };
        Ok(Self {
            _messages: messages,
            _pagehide: pagehide,
            _toggle: toggle,
            _sound: sound,
            _visibility: visibility,
            _on_screen: on_screen,
            #[cfg(feature = "full")]
            _pointer: pointer_listeners(&window, &player),
            _player: player,
        })
    }

    /// Keeps this App, and with it the player, for the page's life (until
    /// [`App::release_later`]).
    pub(super) fn keep(self) {
        // `try_*`: `with` and `borrow_mut` would keep their panics' Debug
        // and Display code in the shipped wasm for cases that cannot happen
        // here (one thread, nothing borrowed across this call).
        let _ = APP.try_with(|a| a.try_borrow_mut().map(|mut a| *a = Some(self)));
    }

    /// Drops the page's App (the listeners, the observer, the player with
    /// its video, object URL and decoded images) once the running handler
    /// has returned: a listener is not dropped from its own callback.
    pub(super) fn release_later() {
        wasm_bindgen_futures::spawn_local(async {
            let app = APP.try_with(|a| a.try_borrow_mut().ok().and_then(|mut a| a.take()));
            drop(app);
        });
    }
}
