//! PERCUS/INIT: its options read into [`InitOptions`] (PROTOCOL.md:
//! autoplay, loop, controls, captions, poster, speed, segment, muted,
//! locale), and the binding of its data, which starts the new viewer from
//! the clean template on a new canvas.
//!
//! Owns the only place the INIT `data` object is read (through
//! [`JsData`], for the declared fields only) and the rule that it is not
//! referenced after binding; the stack is scrubbed before each binding.
//! Must never log, store or send a data value: a failed binding goes to
//! the host as a code (and a field name), never with the value.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Window;

use super::best_effort::BestEffort;
use super::commands::field;
use super::data::JsData;
use super::images::ViewerImages;
use super::intl;
use super::player::Player;
use crate::protocol::PlayerError;

/// INIT's options, with their defaults (PROTOCOL.md, "PERCUS/INIT"): what
/// the host asks of the playback, never personal.
struct InitOptions {
    /// The language numbers and dates are written in (a BCP 47 tag).
    locale: Option<String>,
    /// Play at once (default true).
    autoplay: bool,
    /// Start over at the end (default true).
    looping: bool,
    /// Show the play/pause (and mute) button (default false).
    controls: bool,
    /// Show the captions line (default false).
    captions: bool,
    /// Seconds: the frame shown while not playing (default 0).
    poster: f64,
    /// The playback rate (default 1; the clock clamps it).
    speed: f64,
    /// The name of the marker whose frames play alone.
    segment: Option<String>,
    /// The background video starts without sound (default true).
    muted: bool,
}

impl InitOptions {
    /// The options of INIT `message`: a missing or mistyped one is its
    /// default.
    fn read(message: &JsValue) -> Self {
        let flag = |key: &str, default: bool| {
            field(message, key)
                .and_then(|v| v.as_bool())
                .unwrap_or(default)
        };
        let number = |key: &str| field(message, key).and_then(|v| v.as_f64());
        let text = |key: &str| field(message, key).and_then(|v| v.as_string());
        Self {
            locale: text("locale"),
            autoplay: flag("autoplay", true),
            looping: flag("loop", true),
            controls: flag("controls", false),
            captions: flag("captions", false),
            poster: number("poster").unwrap_or(0.0),
            speed: number("speed").unwrap_or(1.0),
            segment: text("segment"),
            muted: flag("muted", true),
        }
    }
}

impl Player {
    /// Binds INIT `message`'s data (with its decoded `images`) and starts
    /// the video, or reports why not.
    pub(super) fn init(this: &Rc<RefCell<Self>>, message: &JsValue, images: ViewerImages) {
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
        let options = InitOptions::read(message);
        let data = field(message, "data").unwrap_or(JsValue::UNDEFINED);
        // Numbers and dates in INIT's locale, else the template's,
        // else the browser's.
        let mut format = intl::IntlFormatter::new([
            options.locale.as_deref(),
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
                // A viewer who asked for reduced motion gets the
                // poster frame and the button to start it.
                let still = prefers_reduced_motion(&player.window);
                let autoplay = options.autoplay && !still;
                let controls = options.controls || still;
                let p = &mut *player;
                let marker = options.segment.as_deref().and_then(|name| {
                    p.template
                        .composition
                        .markers
                        .iter()
                        .find(|m| m.name == name)
                });
                if options.segment.is_some() && marker.is_none() {
                    // Not fatal: the whole animation plays.
                    p.host.error(&PlayerError::code("unknown-segment"));
                }
                p.playback.set_segment(&p.template.composition, marker);
                p.playback.set_looping(options.looping);
                p.init_loop = options.looping;
                #[cfg(feature = "full")]
                p.new_viewer(options.segment.as_deref(), &bound.labels);
                p.playback.set_speed(options.speed);
                p.playback.pause();
                p.playback.seek(options.poster);
                // (From the poster: a choice before it does not wait.)
                p.new_play_through();
                p.stage.forget();
                // The previous viewer's colours stay in the old canvas's
                // context: the new data is drawn on a new canvas.
                p.stage.renew();
                p.stage.set_viewer_images(images.bitmaps);
                p.stage.describe(bound.description.as_deref());
                let rebind = p.overrides.replace(bound.overrides).is_some();
                p.bound_captions = bound.captions;
                // (The labels are wiped here: the buttons' names hold them.)
                #[cfg(feature = "full")]
                drop(bound.labels);
                p.rendered = false;
                p.stale = true;
                if let Some(video) = p.video() {
                    video.pause();
                    video.set_speed(p.playback.speed());
                    video.set_muted(options.muted);
                    p.sync_video();
                    let cues = p.template.captions.iter().zip(&p.bound_captions);
                    video.set_captions(cues.map(|(cue, text)| (cue.start, cue.end, &**text)));
                }
                p.show_controls(controls, options.captions);
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
                // The first viewer's first frame now, unless nobody sees it
                // (frames wait until someone does) or a video is the clock
                // (its first frame decides the animation's). A re-bind
                // waits for the animation frame: an INIT replaced before
                // then is never drawn (PROTOCOL.md).
                if !rebind && player.watched() && player.video().is_none() {
                    player.draw_now();
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

    /// Shows or hides the play/pause and sound buttons and the captions
    /// line, as INIT asked: a constant attribute on player.html's own
    /// elements.
    fn show_controls(&self, controls: bool, captions: bool) {
        if let Some(toggle) = &self.toggle {
            toggle
                .toggle_attribute_with_force("hidden", !controls)
                .best_effort();
        }
        if let Some(sound) = &self.sound {
            let hidden = !controls || self.video().is_none();
            sound
                .toggle_attribute_with_force("hidden", hidden)
                .best_effort();
        }
        if let Some(line) = &self.captions {
            line.toggle_attribute_with_force("hidden", !captions)
                .best_effort();
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
