//! `Player`: the state of the page's one template while it plays: the
//! stage, the clock, the viewer's bound data, the page's buttons and
//! captions line, the host's port, and the small state changes the
//! commands, the binding and the frame loop share (play, pause, the
//! captions shown, what the buttons say, TIMEUPDATE).
//!
//! Owns the only copy of a viewer's data (`overrides`, `bound_captions`)
//! and [`Player::forget_data`], which drops it. Must never log, store
//! elsewhere or send a data value; errors go to the host as codes only.
//! How it is driven lives beside it: `commands.rs` (the host's messages),
//! `init.rs` (INIT), `frame_loop.rs` (the animation frames).

use gloo_events::EventListener;
use gloo_render::AnimationFrame;
use wasm_bindgen::JsValue;
use web_sys::{Element, Window};

use binding_engine::SecretText;

use super::host::Host;
use super::stage::Stage;
use super::video::Video;
use crate::actions::Progress;
use crate::overrides::Overrides;
use crate::playback::{Playback, Tick};
use crate::protocol::{self, HostCommand};
use crate::template::Template;

/// The elements of player.html around the canvas, each optional.
pub(super) struct PageElements {
    /// The play/pause button.
    pub(super) toggle: Option<Element>,
    /// The mute/unmute button.
    pub(super) sound: Option<Element>,
    /// The captions line.
    pub(super) captions: Option<Element>,
    /// The template's background video.
    #[cfg(feature = "full")]
    pub(super) video: Option<Video>,
}

/// A template being played on the page, for one viewer at a time.
pub(super) struct Player {
    pub(super) window: Window,
    pub(super) host: Host,
    pub(super) template: Template,
    pub(super) stage: Stage,
    /// What the viewer's data changes (texts, layer properties, colours,
    /// images): the only copy of the viewer's data, wiped on drop.
    pub(super) overrides: Option<Overrides>,
    /// The bound caption texts (one per cue of the template), wiped on drop.
    pub(super) bound_captions: Vec<SecretText>,
    pub(super) playback: Playback,
    pub(super) rendered: bool,
    /// The next animation frame, while one is wanted.
    pub(super) frame: Option<AnimationFrame>,
    pub(super) last_timeupdate_ms: f64,
    /// The time of the last animation frame drawn.
    pub(super) last_tick_ms: Option<f64>,
    /// The play/pause and mute buttons of player.html.
    pub(super) toggle: Option<Element>,
    pub(super) sound: Option<Element>,
    /// The template's background video, whose time the animation follows
    /// (not in the lite build: its drop glue alone is 700 bytes).
    #[cfg(feature = "full")]
    video: Option<Video>,
    /// The captions line of player.html, and the cue it shows.
    pub(super) captions: Option<Element>,
    pub(super) caption_shown: Option<usize>,
    /// The host's port and its listener, after a v2 CONNECT.
    pub(super) port: Option<EventListener>,
    /// After DESTROY nothing is heard or drawn again.
    pub(super) destroyed: bool,
    /// While an INIT's images decode: the commands that came meanwhile,
    /// run in order once it is bound.
    pub(super) waiting: Option<Vec<(HostCommand, JsValue)>>,
    /// Changes whenever the data must go (DESTROY, pagehide): an INIT whose
    /// images were decoding since before binds nothing.
    pub(super) generation: u32,
    /// The page is hidden, or the canvas off screen: no frames.
    pub(super) hidden: bool,
    pub(super) offscreen: bool,
    /// The canvas does not show the clock's frame yet (a seek or an INIT
    /// whose frame was not drawn, because the page was hidden meanwhile):
    /// drawn as soon as it is seen again, playing or not.
    pub(super) stale: bool,
    /// INIT's `loop`: what a chapter jump and a replay play with.
    pub(super) init_loop: bool,
    /// The quarters of this play-through reported to the host (PROGRESS).
    pub(super) progress: Progress,
    /// The frame drawn last: a loop back to the start ends a play-through,
    /// and a choice between it and the next frame played waits.
    pub(super) last_frame: Option<f64>,
    /// The template's actions and chapters (full build only:
    /// `interaction.rs`).
    #[cfg(feature = "full")]
    pub(super) interactive: super::interactive::Interactive,
}

impl Player {
    /// The player of `template` on `stage`, paused at the start, with no
    /// data, not connected, seen.
    pub(super) fn new(
        window: Window,
        host: Host,
        template: Template,
        stage: Stage,
        elements: PageElements,
    ) -> Self {
        let playback = Playback::new(&template.composition, true);
        #[cfg(feature = "full")]
        let interactive = super::interactive::Interactive::new(&template);
        Self {
            window,
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
            toggle: elements.toggle,
            sound: elements.sound,
            #[cfg(feature = "full")]
            video: elements.video,
            port: None,
            destroyed: false,
            waiting: None,
            generation: 0,
            hidden: false,
            offscreen: false,
            captions: elements.captions,
            caption_shown: None,
            stale: false,
            init_loop: true,
            progress: Progress::default(),
            last_frame: None,
            #[cfg(feature = "full")]
            interactive,
        }
    }

    /// The background video; never in the lite build, whose loader refuses
    /// templates with one (`crate::FULL`), so that its code is left out.
    pub(super) fn video(&self) -> Option<&Video> {
        #[cfg(feature = "full")]
        return self.video.as_ref();
        #[cfg(not(feature = "full"))]
        None
    }

    /// Starts the clock (and says so) when there is something to play.
    pub(super) fn play(&mut self) -> bool {
        let from_end = self.playback.at_end();
        if self.overrides.is_none() || !self.playback.play() {
            return false;
        }
        if from_end {
            // Played again after the end: a new play-through.
            self.new_play_through();
            self.host.event(protocol::REPLAY);
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
    pub(super) fn pause_clock(&mut self) -> bool {
        if let Some(video) = self.video() {
            video.pause();
        }
        self.playback.pause()
    }

    /// Puts the video where the clock is (after a seek, a new segment, a
    /// loop).
    pub(super) fn sync_video(&self) {
        if let Some(video) = self.video() {
            let fps = self.template.composition.frame_rate;
            video.seek(self.playback.media_time(), fps);
        }
    }

    /// The viewer's mute/unmute button: the video's sound on or off.
    pub(super) fn toggle_sound(&self) {
        if let Some(video) = self.video() {
            video.set_muted(!video.muted());
        }
        self.show_state();
    }

    /// The page is left (the host removed the iframe, or navigated): the
    /// data goes now rather than whenever the page's memory is reclaimed.
    pub(super) fn on_pagehide(&mut self) {
        self.frame = None;
        self.forget_data();
        self.stage.forget();
        // An INIT still decoding its images binds nothing now.
        self.waiting = None;
        self.generation = self.generation.wrapping_add(1);
    }

    /// Drops every copy of the viewer's data the player holds: the
    /// overrides (wiped), the captions (and the video's cues), the accessible
    /// name.
    pub(super) fn forget_data(&mut self) {
        self.overrides = None;
        self.bound_captions = Vec::new();
        self.show_caption(None);
        if let Some(video) = self.video() {
            video.clear_captions();
        }
        self.stage.describe(None);
        // The buttons' names are the viewer's labels.
        #[cfg(feature = "full")]
        self.interactive.forget();
    }

    /// Shows cue `index`'s bound text (or nothing) in the captions line,
    /// when it is not already shown.
    pub(super) fn show_caption(&mut self, index: Option<usize>) {
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
    pub(super) fn show_state(&self) {
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

    /// A new play-through starts (INIT, a replay, play after the end, a
    /// segment): its quarters are reported again, and choices wait from
    /// where it starts.
    pub(super) fn new_play_through(&mut self) {
        self.progress.restart();
        self.last_frame = Some(self.playback.frame() - 0.5);
    }

    /// After drawing `tick`'s frame: PROGRESS for each quarter of what
    /// plays the position reached while `playing`; a loop back to the
    /// start completes the play-through (its last quarters) and begins
    /// the next.
    pub(super) fn track_progress(&mut self, tick: &Tick, playing: bool) {
        if playing {
            if tick.wrapped {
                self.report_progress(1.0);
                self.progress.restart();
            }
            self.report_progress(self.playback.progress());
        }
        self.last_frame = Some(tick.frame);
    }

    fn report_progress(&mut self, fraction: f64) {
        let reached = self.progress.reach(fraction);
        for quarter in 0..4 {
            if reached & (1 << quarter) != 0 {
                let numbers = [("percent", f64::from(25 * (quarter + 1)))];
                self.host.numbers(protocol::PROGRESS, &numbers);
            }
        }
    }

    /// Tells the host where the clock is (TIMEUPDATE), and when it last did.
    pub(super) fn time_update(&mut self) {
        self.last_timeupdate_ms = js_sys::Date::now();
        let (time, duration) = (self.playback.time(), self.playback.duration());
        let numbers = [("time", time), ("duration", duration)];
        self.host.numbers(protocol::TIMEUPDATE, &numbers);
    }
}
