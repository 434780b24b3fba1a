//! The browser edge of the player (wasm32 only): boots from player.html,
//! talks to the host, loads the template, binds INIT data and plays.
//!
//! Owns the lifecycle: boot → load the template (before any data) → READY →
//! CONNECT (v2: the host's MessagePort, then everything goes through it) →
//! INIT (from the host only) → bind → drop the data object → draw frames
//! with requestAnimationFrame while playing → RENDERED after the first one;
//! PLAY/PAUSE/SEEK move the [`Playback`] clock, DESTROY wipes, stops and
//! releases everything the page holds for the template.
//! Must never log, store, or send anywhere a data value; errors go to the
//! host as codes via [`host::Host::error`].

mod canvas;
mod data;
#[cfg(feature = "frame")]
mod frame;
mod host;
mod images;
mod intl;
mod loader;
#[cfg(feature = "frame")]
mod preview;
mod stage;
mod video;

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_render::{request_animation_frame, AnimationFrame};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{
    Element, HtmlCanvasElement, IntersectionObserver, IntersectionObserverEntry, MessageEvent,
    MessagePort, UrlSearchParams, Window,
};

#[cfg(feature = "frame")]
pub use frame::FrameRenderer;
#[cfg(feature = "frame")]
pub use preview::PreviewRenderer;
pub use stage::Stage;

use binding_engine::SecretText;

use crate::overrides::Overrides;
use crate::playback::{Playback, Tick};
use crate::protocol::{self, Channel, HostCommand, PlayerError};
use crate::template::Template;
use data::JsData;
use host::Host;
use images::ViewerImages;
use loader::Loaded;
use video::Video;

thread_local! {
    /// The host, for the panic hook. Set once at boot.
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
    /// The running player, alive as long as the page.
    static APP: RefCell<Option<App>> = const { RefCell::new(None) };
}

/// Runs the player of the page (player-boot.js calls it once the module is
/// loaded), with the template files already fetched (`files`: a `Map` of
/// URL to `ArrayBuffer`, filled with every file this player fetches; see
/// `loader`). Resolves to `false` only in the lite build, when the template
/// needs the full player (`crate::FULL`): nothing of this module runs any
/// more, nothing was sent to the host, and the page loads the full one,
/// with `files`. Otherwise `true`: the player is loading the template (or
/// idle when the page is not framed by a host), and reports to the host as
/// before.
#[wasm_bindgen]
pub async fn boot(files: JsValue) -> bool {
    std::panic::set_hook(Box::new(|_| {
        // The panic message may quote data: never print or send it.
        HOST.with(|h| {
            if let Some(host) = h.try_borrow().ok().as_ref().and_then(|h| h.as_ref()) {
                host.error(&PlayerError::code("internal"));
            }
        });
    }));
    let Some(window) = web_sys::window() else {
        return true;
    };
    let Some((host, template_id)) = boot_params(&window) else {
        // Not framed, or framed without a valid host origin: nobody to talk
        // to, so stay idle rather than guess.
        return true;
    };
    HOST.with(|h| *h.borrow_mut() = Some(host.clone()));
    let Some(template_id) = template_id.filter(|id| protocol::is_template_id(id)) else {
        host.error(&PlayerError::code("template-invalid"));
        return true;
    };
    match loader::load_template(&window, &template_id, files).await {
        Ok(loaded) => match App::new(window, host.clone(), loaded) {
            Ok(app) => {
                APP.with(|a| *a.borrow_mut() = Some(app));
                host.ready();
            }
            Err(e) => host.error(&e),
        },
        Err(e) if !crate::FULL && e.code == crate::lottie::NEEDS_FULL => {
            // Before READY: the host has heard nothing from this module,
            // which keeps the host only for `full_unavailable`.
            return false;
        }
        Err(e) => host.error(&e),
    }
    true
}

/// Tells the host (ERROR `internal`) that the full player, which `boot`
/// asked for by resolving `false`, could not be loaded (a network or
/// deployment failure): player-boot.js calls it so that the host hears now
/// rather than at its timeout.
#[wasm_bindgen(js_name = fullUnavailable)]
pub fn full_unavailable() {
    HOST.with(|h| {
        if let Some(host) = h.try_borrow().ok().as_ref().and_then(|h| h.as_ref()) {
            host.error(&PlayerError::code("internal"));
        }
    });
}

/// `?template=<id>` and `#host=<origin>` from the page's URL.
fn boot_params(window: &Window) -> Option<(Host, Option<String>)> {
    let location = window.location();
    let hash = location.hash().ok()?;
    let hashes = hash.bytes().take_while(|b| *b == b'#').count();
    let fragment = UrlSearchParams::new_with_str(hash.get(hashes..)?).ok()?;
    let host = Host::from_window(window, fragment.get("host")?)?;
    let query = UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    Some((host, query.get("template")))
}

/// The page's player and the listeners that feed it.
struct App {
    _messages: EventListener,
    _pagehide: EventListener,
    _toggle: Option<EventListener>,
    _sound: Option<EventListener>,
    _visibility: Option<EventListener>,
    _on_screen: Option<OnScreen>,
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

impl App {
    fn new(window: Window, host: Host, loaded: Loaded) -> Result<Self, PlayerError> {
        let Loaded {
            template,
            images,
            video,
        } = loaded;
        let document = window.document();
        let element = |id: &str| document.as_ref().and_then(|d| d.get_element_by_id(id));
        let canvas = element("stage")
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
            .ok_or_else(|| PlayerError::code("canvas-unavailable"))?;
        let mut stage = Stage::new(canvas, &template.composition)?;
        for (index, image) in images {
            stage.set_image(index, image);
        }
        let playback = Playback::new(&template.composition, true);
        let toggle = element("toggle");
        let sound = element("sound");
        let captions = element("captions");
        let player = Rc::new(RefCell::new(Player {
            window: window.clone(),
            host,
            template,
            stage,
            overrides: None,
            bound_captions: Vec::new(),
            playback,
            rendered: false,
            frame: None,
            last_timeupdate_ms: f64::NEG_INFINITY,
            last_tick_ms: None,
            toggle: toggle.clone(),
            sound: sound.clone(),
            video,
            port: None,
            destroyed: false,
            waiting: None,
            generation: 0,
            hidden: false,
            offscreen: false,
            captions,
            caption_shown: None,
            stale: false,
        }));
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
                player.frame = None;
                player.forget_data();
                player.stage.forget();
                // An INIT still decoding its images binds nothing now.
                player.waiting = None;
                player.generation = player.generation.wrapping_add(1);
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
                    if let Some(video) = player.video() {
                        video.set_muted(!video.muted());
                    }
                    player.show_state();
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
            _player: player,
        })
    }
}

/// Seconds between two TIMEUPDATE messages while playing, as often as a
/// media element fires `timeupdate`.
const TIMEUPDATE_MS: f64 = 250.0;

struct Player {
    window: Window,
    host: Host,
    template: Template,
    stage: Stage,
    /// What the viewer's data changes (texts, layer properties, colours,
    /// images): the only copy of the viewer's data, wiped on drop.
    overrides: Option<Overrides>,
    /// The bound caption texts (one per cue of the template), wiped on drop.
    bound_captions: Vec<SecretText>,
    playback: Playback,
    rendered: bool,
    /// The next animation frame, while one is wanted.
    frame: Option<AnimationFrame>,
    last_timeupdate_ms: f64,
    /// The time of the last animation frame drawn.
    last_tick_ms: Option<f64>,
    /// The play/pause and mute buttons of player.html.
    toggle: Option<Element>,
    sound: Option<Element>,
    /// The template's background video, whose time the animation follows.
    video: Option<Video>,
    /// The captions line of player.html, and the cue it shows.
    captions: Option<Element>,
    caption_shown: Option<usize>,
    /// The host's port and its listener, after a v2 CONNECT.
    port: Option<EventListener>,
    /// After DESTROY nothing is heard or drawn again.
    destroyed: bool,
    /// While an INIT's images decode: the commands that came meanwhile,
    /// run in order once it is bound.
    waiting: Option<Vec<(HostCommand, JsValue)>>,
    /// Changes whenever the data must go (DESTROY, pagehide): an INIT whose
    /// images were decoding since before binds nothing.
    generation: u32,
    /// The page is hidden, or the canvas off screen: no frames.
    hidden: bool,
    offscreen: bool,
    /// The canvas does not show the clock's frame yet (a seek or an INIT
    /// whose frame was not drawn, because the page was hidden meanwhile):
    /// drawn as soon as it is seen again, playing or not.
    stale: bool,
}

impl Player {
    /// The background video; never in the lite build, whose loader refuses
    /// templates with one (`crate::FULL`), so that its code is left out.
    fn video(&self) -> Option<&Video> {
        self.video.as_ref().filter(|_| crate::FULL)
    }

    /// A message on the window: v1 INIT, or v2 CONNECT with the port. Once
    /// a port is connected the window is no longer listened to.
    fn on_window_message(this: &Rc<RefCell<Self>>, event: &MessageEvent) {
        let Ok(player) = this.try_borrow() else {
            return;
        };
        if player.destroyed || player.port.is_some() || !player.host.sent(event) {
            return; // not from our host, or not on this channel: ignore without a word
        }
        let message = event.data();
        match read_command(&message, Channel::Window) {
            Ok(None) => {}
            Err(e) => player.host.error(&e),
            Ok(Some(HostCommand::Connect)) => {
                drop(player);
                let port = event.ports().get(0).dyn_into::<MessagePort>();
                match port {
                    Ok(port) => Self::connect(this, port),
                    Err(_) => {
                        if let Ok(player) = this.try_borrow() {
                            player.host.error(&PlayerError::code("no-port"));
                        }
                    }
                }
            }
            Ok(Some(command)) => {
                drop(player);
                Self::command(this, command, &message);
            }
        }
    }

    /// Takes the host's port: from now on every message, both ways, goes
    /// through it, and CONNECTED tells the host the template's length.
    fn connect(this: &Rc<RefCell<Self>>, port: MessagePort) {
        let weak = Rc::downgrade(this);
        let listener = EventListener::new(&port, "message", move |event| {
            let (Some(player), Some(event)) = (weak.upgrade(), event.dyn_ref::<MessageEvent>())
            else {
                return;
            };
            let message = event.data();
            let command = match player.try_borrow() {
                Ok(p) if !p.destroyed => read_command(&message, Channel::Port),
                _ => return,
            };
            match command {
                Ok(None) => {}
                Err(e) => {
                    if let Ok(p) = player.try_borrow() {
                        p.host.error(&e);
                    }
                }
                Ok(Some(command)) => Self::command(&player, command, &message),
            }
        });
        // addEventListener does not start a port's queue; start() does.
        port.start();
        if let Ok(mut player) = this.try_borrow_mut() {
            player.host.connect(port);
            player.port = Some(listener);
            let comp = &player.template.composition;
            let (time, duration) = (player.playback.time(), player.playback.duration());
            player
                .host
                .connected_as(time, duration, comp.width, comp.height);
        }
    }

    /// Binds INIT `message`'s data (with its decoded `images`) and starts
    /// the video, or reports why not.
    fn init(this: &Rc<RefCell<Self>>, message: &JsValue, images: ViewerImages) {
        let Ok(mut player) = this.try_borrow_mut() else {
            return;
        };
        if player.destroyed {
            player.stage.set_viewer_images(images.bitmaps);
            player.stage.forget();
            return;
        }
        // A previous viewer's frames left their numbers and colours on the
        // stack below us; the heap's copies were zeroed as they were freed.
        crate::wiping::scrub_stack();
        let field = |key: &str| Reflect::get(message, &JsValue::from_str(key)).ok();
        let data = field("data").unwrap_or(JsValue::UNDEFINED);
        // Numbers and dates in INIT's locale, else the template's,
        // else the browser's.
        let locale = field("locale").and_then(|v| v.as_string());
        let mut format = intl::IntlFormatter::new([
            locale.as_deref(),
            player.template.manifest.locale.as_deref(),
        ]);
        let bound = match JsData::new(&data) {
            Some(data) => player.template.bind(&images.over(&data), &mut format),
            None => Err(PlayerError::code("bad-data")),
        };
        // The data object is not referenced past this point.
        drop(data);
        match bound {
            Ok(bound) => {
                let flag = |key: &str, default: bool| {
                    field(key).and_then(|v| v.as_bool()).unwrap_or(default)
                };
                let number = |key: &str| field(key).and_then(|v| v.as_f64());
                // A viewer who asked for reduced motion gets the
                // poster frame and the button to start it.
                let still = prefers_reduced_motion(&player.window);
                let autoplay = flag("autoplay", true) && !still;
                let controls = flag("controls", false) || still;
                let segment = field("segment").and_then(|v| v.as_string());
                let p = &mut *player;
                let marker = segment.as_deref().and_then(|name| {
                    p.template
                        .composition
                        .markers
                        .iter()
                        .find(|m| m.name == name)
                });
                if segment.is_some() && marker.is_none() {
                    // Not fatal: the whole animation plays.
                    p.host.error(&PlayerError::code("unknown-segment"));
                }
                p.playback.set_segment(&p.template.composition, marker);
                p.playback.set_looping(flag("loop", true));
                p.playback.set_speed(number("speed").unwrap_or(1.0));
                p.playback.pause();
                p.playback.seek(number("poster").unwrap_or(0.0));
                p.stage.forget();
                // The previous viewer's colours stay in the old canvas's
                // context: the new data is drawn on a new canvas.
                p.stage.renew();
                p.stage.set_viewer_images(images.bitmaps);
                p.stage.describe(bound.description.as_deref());
                let rebind = p.overrides.replace(bound.overrides).is_some();
                p.bound_captions = bound.captions;
                p.rendered = false;
                p.stale = true;
                if let Some(video) = p.video() {
                    video.pause();
                    video.set_speed(p.playback.speed());
                    video.set_muted(flag("muted", true));
                    p.sync_video();
                    let cues = p.template.captions.iter().zip(&p.bound_captions);
                    video.set_captions(cues.map(|(cue, text)| (cue.start, cue.end, &**text)));
                }
                if let Some(toggle) = &p.toggle {
                    let _ = toggle.toggle_attribute_with_force("hidden", !controls);
                }
                if let Some(sound) = &p.sound {
                    let hidden = !controls || p.video().is_none();
                    let _ = sound.toggle_attribute_with_force("hidden", hidden);
                }
                if let Some(captions) = &p.captions {
                    let _ =
                        captions.toggle_attribute_with_force("hidden", !flag("captions", false));
                }
                p.show_caption(None);
                // A re-bind moved the clock back to the poster: the host
                // hears where (a first INIT leaves it where CONNECTED said,
                // or where the host's own `poster` put it).
                if rebind {
                    p.time_update();
                }
                if autoplay {
                    player.play();
                } else {
                    player.show_state();
                }
                drop(player);
                Self::request_frame(this);
            }
            Err(e) => {
                player.forget_data();
                player.frame = None;
                player.pause_clock();
                player.stage.set_viewer_images(images.bitmaps);
                player.stage.clear();
                player.host.error(&e);
            }
        }
    }

    fn command(this: &Rc<RefCell<Self>>, command: HostCommand, message: &JsValue) {
        let Ok(mut player) = this.try_borrow_mut() else {
            return;
        };
        if player.destroyed {
            return; // nothing is heard after DESTROY, queued or not
        }
        if let Some(queue) = player
            .waiting
            .as_mut()
            .filter(|_| command != HostCommand::Destroy)
        {
            queue.push((command, message.clone()));
            return;
        }
        let field = |key: &str| Reflect::get(message, &JsValue::from_str(key)).ok();
        match command {
            HostCommand::Connect => {}
            HostCommand::Init => {
                // (The lite build's loader refuses image fields: crate::FULL.)
                let image_fields = match crate::FULL {
                    true => ViewerImages::fields_of(&player.template.manifest),
                    false => Vec::new(),
                };
                if image_fields.is_empty() {
                    drop(player);
                    Self::init(this, message, ViewerImages::default());
                    return;
                }
                // Images decode asynchronously: commands wait for the binding.
                player.waiting = Some(Vec::new());
                let window = player.window.clone();
                let generation = player.generation;
                drop(player);
                let (this, message) = (Rc::clone(this), message.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let data = Reflect::get(&message, &JsValue::from_str("data"))
                        .unwrap_or(JsValue::UNDEFINED);
                    let images = ViewerImages::decode(&window, &image_fields, &data).await;
                    drop(data);
                    let current = this.try_borrow().is_ok_and(|p| p.generation == generation);
                    if !current {
                        // DESTROY or pagehide came while decoding: nothing binds.
                        images.close();
                        return;
                    }
                    Self::init(&this, &message, images);
                    let queued = this
                        .try_borrow_mut()
                        .ok()
                        .and_then(|mut p| p.waiting.take());
                    for (command, message) in queued.unwrap_or_default() {
                        Self::command(&this, command, &message);
                    }
                });
            }
            HostCommand::Play => {
                if player.play() {
                    drop(player);
                    Self::request_frame(this);
                }
            }
            HostCommand::Pause => {
                // A frame already asked for (by a seek, an INIT, a play
                // just before) is still drawn, at the paused position: the
                // request chain ends there, as `request_frame` asks again
                // only while playing.
                if player.pause_clock() {
                    player.show_state();
                    player.host.event(protocol::PAUSE);
                    player.time_update();
                }
            }
            HostCommand::Seek => {
                let number = |key: &str| field(key).and_then(|v| v.as_f64());
                let (frame, time) = (number("frame"), number("time"));
                if let Some(frame) = frame {
                    player.playback.seek_frame(frame);
                } else if let Some(time) = time {
                    player.playback.seek(time);
                }
                if frame.or(time).is_some() {
                    player.stale = true;
                    player.sync_video();
                    player.time_update();
                    drop(player);
                    Self::request_frame(this);
                }
            }
            HostCommand::Destroy => {
                player.destroyed = true;
                // Commands that waited for an INIT's images are dropped
                // with it (the decoding INIT sees `destroyed` and binds nothing).
                player.waiting = None;
                player.generation = player.generation.wrapping_add(1);
                player.frame = None;
                player.forget_data();
                player.pause_clock();
                // A new, blank canvas: the old one's context keeps the
                // colours set on it.
                player.stage.clear();
                player.port = None;
                player.host.disconnect();
                // Freed heap blocks were zeroed as they were freed
                // (crate::wiping); the stack below us still holds the
                // spilled locals of the last frames drawn.
                crate::wiping::scrub_stack();
                // Then everything else (listeners, observer, the video and
                // its object URL, decoded images), once this handler has
                // returned: a listener is not dropped from its own callback.
                wasm_bindgen_futures::spawn_local(async {
                    let app = APP.with(|a| a.try_borrow_mut().ok().and_then(|mut a| a.take()));
                    drop(app);
                });
            }
        }
    }

    /// The page was hidden or shown, or the player left or entered the
    /// screen: frames stop (the clock holds) or start again.
    fn watch(this: &Rc<RefCell<Self>>, hidden: Option<bool>, offscreen: Option<bool>) {
        let Ok(mut player) = this.try_borrow_mut() else {
            return;
        };
        player.hidden = hidden.unwrap_or(player.hidden);
        player.offscreen = offscreen.unwrap_or(player.offscreen);
        if !player.watched() {
            player.frame = None;
            player.playback.hold();
            if let Some(video) = player.video() {
                video.pause();
            }
        } else if (player.playback.playing() || player.stale)
            && player.frame.is_none()
            && !player.destroyed
        {
            if let (true, Some(video)) = (player.playback.playing(), player.video()) {
                video.play();
            }
            drop(player);
            Self::request_frame(this);
        }
    }

    fn watched(&self) -> bool {
        !self.hidden && !self.offscreen
    }

    /// Starts the clock (and says so) when there is something to play.
    fn play(&mut self) -> bool {
        if self.overrides.is_none() || !self.playback.play() {
            return false;
        }
        self.sync_video();
        if let (Some(video), true) = (self.video(), self.watched()) {
            video.play();
        }
        self.show_state();
        self.host.event(protocol::PLAY);
        true
    }

    /// Stops the clock (and the video). Returns whether it was playing.
    fn pause_clock(&mut self) -> bool {
        if let Some(video) = self.video() {
            video.pause();
        }
        self.playback.pause()
    }

    /// Puts the video where the clock is (after a seek, a new segment, a
    /// loop).
    fn sync_video(&self) {
        if let Some(video) = self.video() {
            let fps = self.template.composition.frame_rate;
            video.seek(self.playback.media_time(), fps);
        }
    }

    /// Drops every copy of the viewer's data the player holds: the
    /// overrides (wiped), the captions (and the video's cues), the accessible
    /// name.
    fn forget_data(&mut self) {
        self.overrides = None;
        self.bound_captions = Vec::new();
        self.show_caption(None);
        if let Some(video) = self.video() {
            video.clear_captions();
        }
        self.stage.describe(None);
    }

    /// Shows cue `index`'s bound text (or nothing) in the captions line,
    /// when it is not already shown.
    fn show_caption(&mut self, index: Option<usize>) {
        if index == self.caption_shown {
            return;
        }
        self.caption_shown = index;
        if let Some(line) = &self.captions {
            let text = index.and_then(|i| self.bound_captions.get(i));
            line.set_text_content(Some(text.map_or("", |t| &**t)));
        }
    }

    /// The buttons say what they will do.
    fn show_state(&self) {
        if let Some(toggle) = &self.toggle {
            toggle.set_text_content(Some(if self.playback.playing() {
                "Pause"
            } else {
                "Play"
            }));
        }
        if let (Some(sound), Some(video)) = (&self.sound, self.video()) {
            sound.set_text_content(Some(if video.muted() { "Unmute" } else { "Mute" }));
        }
    }

    fn time_update(&mut self) {
        self.last_timeupdate_ms = js_sys::Date::now();
        let (time, duration) = (self.playback.time(), self.playback.duration());
        self.host.timing(protocol::TIMEUPDATE, time, duration);
    }

    /// Draws on the next animation frame, and on every one after it while
    /// playing.
    fn request_frame(this: &Rc<RefCell<Self>>) {
        let weak = Rc::downgrade(this);
        let frame = request_animation_frame(move |now| {
            let Some(player) = weak.upgrade() else { return };
            let again = match player.try_borrow_mut() {
                Ok(mut p) => {
                    p.frame = None;
                    p.tick(now);
                    if !p.watched() {
                        p.playback.hold();
                    }
                    p.playback.playing() && p.watched()
                }
                Err(_) => false,
            };
            if again {
                Self::request_frame(&player);
            }
        });
        if let Ok(mut player) = this.try_borrow_mut() {
            if !player.destroyed {
                player.frame = Some(frame);
            }
        }
    }

    /// Draws the frame the clock shows at `now`, or the video's.
    fn tick(&mut self, now: f64) {
        if self.overrides.is_none() {
            return;
        }
        let tick = match &self.video {
            Some(video) => {
                let (time, ended, moving) = video.position();
                // A canvas frame reaches the screen about two display
                // frames after it is drawn (main thread, then compositor);
                // video frames go to the compositor directly. Draw the
                // moment the video will show then (measured in
                // tests/video.test.mjs).
                let lead = match (moving, self.last_tick_ms) {
                    (true, Some(last)) => 2.0 * (now - last).clamp(0.0, 25.0) / 1000.0,
                    _ => 0.0,
                };
                self.playback
                    .follow(time + lead * self.playback.speed(), ended)
            }
            None => self.playback.tick(now),
        };
        self.last_tick_ms = Some(now);
        self.show(tick);
    }

    fn show(&mut self, tick: Tick) {
        if tick.resync {
            self.sync_video();
            // A video that ran out stopped itself: a loop starts it again.
            if let (true, Some(video)) = (self.playback.playing() && self.watched(), self.video()) {
                video.play();
            }
        }
        if let (true, Some(video)) = (tick.ended, self.video()) {
            video.pause();
        }
        let Some(overrides) = &self.overrides else {
            return;
        };
        self.stale = false;
        let comp = &self.template.composition;
        self.stage.draw(
            comp,
            tick.frame,
            overrides,
            None,
            self.window.device_pixel_ratio(),
        );
        let seconds = (tick.frame - comp.in_point) / comp.frame_rate;
        let cue = crate::captions::active(&self.template.captions, seconds);
        self.show_caption(cue);
        if !self.rendered {
            self.rendered = true;
            self.host.event(protocol::RENDERED);
        }
        if tick.ended {
            self.time_update();
            self.show_state();
            self.host.event(protocol::ENDED);
        } else if self.playback.playing()
            && js_sys::Date::now() - self.last_timeupdate_ms >= TIMEUPDATE_MS
        {
            self.time_update();
        }
    }
}

/// Whether the viewer asked the system for reduced motion.
fn prefers_reduced_motion(window: &Window) -> bool {
    window
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}

/// The command a host message asks for on `channel` (see
/// [`protocol::host_command`]).
fn read_command(message: &JsValue, channel: Channel) -> Result<Option<HostCommand>, PlayerError> {
    let field = |key: &str| Reflect::get(message, &JsValue::from_str(key)).ok();
    let kind = field("type").and_then(|v| v.as_string());
    let version = field("protocol").and_then(|v| v.as_f64());
    protocol::host_command(kind.as_deref(), version, channel)
}
