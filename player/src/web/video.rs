//! The template's background video: a `<video>` under the canvas playing
//! the package's checked bytes from an object URL (revoked when dropped).
//! Owns the media element (the clock the animation follows, see
//! [`crate::playback::Playback::follow`]) and the TextTrack that carries
//! the bound captions as in-memory cues. Never
//! loads a URL that came from data, and never keeps a cue past
//! [`Video::clear_captions`].
//!
//! Only the full player loads a video (`Video::load`); the lite build keeps
//! the type, never a value.
#![cfg_attr(
    not(feature = "full"),
    allow(unused_imports, reason = "the imports of Video::load, full build only")
)]

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, ArrayBuffer, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, HtmlVideoElement, TextTrack, TextTrackKind, TextTrackMode, Url, VttCue};

use super::best_effort::BestEffort;
use crate::protocol::PlayerError;

#[wasm_bindgen]
extern "C" {
    /// A `<video>` seen through its frame callbacks, which web-sys lacks
    /// (current engines have them; an older one throws, and the player
    /// then goes by `currentTime` alone).
    type FrameCallbacks;
    #[wasm_bindgen(method, catch, js_name = requestVideoFrameCallback)]
    fn request_video_frame_callback(
        this: &FrameCallbacks,
        callback: &Function,
    ) -> Result<u32, JsValue>;
    #[wasm_bindgen(method, js_name = cancelVideoFrameCallback)]
    fn cancel_video_frame_callback(this: &FrameCallbacks, handle: u32);
}

/// A loaded background video.
pub(crate) struct Video {
    element: HtmlVideoElement,
    url: String,
    track: TextTrack,
    /// The media time of the frame the video last put on screen (NaN
    /// before the first), from `requestVideoFrameCallback`.
    presented: Rc<Cell<f64>>,
    /// The pending frame callback, if any.
    pending: Rc<Cell<Option<u32>>>,
    /// The browser has no frame callbacks.
    unsupported: Cell<bool>,
    /// Sought since the video last moved: the animation shows the sought
    /// time.
    sought: Cell<bool>,
    on_presented: Closure<dyn FnMut(f64, JsValue)>,
}

impl Video {
    /// Plays `bytes` (checked against the manifest) in `element`, once the
    /// browser has decoded its first frame; `video-invalid` when it cannot.
    /// (Full build only: the lite one refuses templates with a video.)
    #[cfg(feature = "full")]
    pub(crate) async fn load(
        element: HtmlVideoElement,
        bytes: &ArrayBuffer,
    ) -> Result<Self, PlayerError> {
        let invalid = || PlayerError::code("video-invalid");
        let url = Blob::new_with_buffer_source_sequence(&Array::of1(bytes))
            .and_then(|blob| Url::create_object_url_with_blob(&blob))
            .map_err(|_| invalid())?;
        // Muted until the viewer (or INIT) asks for sound: browsers let only
        // muted media start on their own.
        element.set_muted(true);
        element.set_preload("auto");
        let loaded = Promise::new(&mut |resolve, reject| {
            element.set_onloadeddata(Some(&resolve));
            element.set_onerror(Some(&reject));
        });
        element.set_src(&url);
        let track =
            element.add_text_track_with_label_and_language(TextTrackKind::Captions, "Captions", "");
        // The canvas covers the video's own cue box: the player shows the
        // active cue itself, the track keeps the cues for the media stack.
        track.set_mode(TextTrackMode::Hidden);
        let presented = Rc::new(Cell::new(f64::NAN));
        let pending = Rc::new(Cell::new(None));
        let on_presented = {
            let (presented, pending) = (Rc::clone(&presented), Rc::clone(&pending));
            let key = JsValue::from_str("mediaTime");
            Closure::new(move |_now: f64, metadata: JsValue| {
                pending.set(None);
                if let Some(time) = Reflect::get(&metadata, &key).ok().and_then(|t| t.as_f64()) {
                    presented.set(time);
                }
            })
        };
        let video = Self {
            element,
            url,
            track,
            presented,
            pending,
            unsupported: Cell::new(false),
            sought: Cell::new(false),
            on_presented,
        };
        let result = JsFuture::from(loaded).await;
        video.element.set_onloadeddata(None);
        video.element.set_onerror(None);
        // Dropping `video` on error revokes the URL.
        result.map(|_| video).map_err(|_| invalid())
    }

    /// The media time in seconds the animation should show, whether the
    /// video ran out, and whether it is moving (playing with data, not
    /// seeking). Held still (paused, stalled, buffering), the video shows
    /// the frame it last presented, which can be a frame or two past
    /// `currentTime`: that frame's own time, when known. Held after a seek,
    /// the sought time (`currentTime`): the frame on screen holds it, but
    /// its own time can be a little earlier (a file's frames 33 ms apart
    /// for 30 frames a second put frame 75 at 2.475 s).
    pub(crate) fn position(&self) -> (f64, bool, bool) {
        let element = &self.element;
        self.watch_presented();
        const HAVE_FUTURE_DATA: u16 = 3;
        let seeking = element.seeking();
        let moving = !element.paused() && !seeking && element.ready_state() >= HAVE_FUTURE_DATA;
        let current = element.current_time();
        let presented = self.presented.get();
        if moving {
            // Playing again: the frames it presents are past the seek.
            self.sought.set(false);
        }
        let held = !moving && !seeking && !self.sought.get();
        let time = if held && (presented - current).abs() < 0.25 {
            presented
        } else {
            current
        };
        (time, element.ended(), moving)
    }

    /// Asks to hear of the next frame the video presents (once pending).
    fn watch_presented(&self) {
        if self.pending.get().is_none() && !self.unsupported.get() {
            match self
                .element
                .unchecked_ref::<FrameCallbacks>()
                .request_video_frame_callback(self.on_presented.as_ref().unchecked_ref())
            {
                Ok(handle) => self.pending.set(Some(handle)),
                Err(_) => self.unsupported.set(true),
            }
        }
    }

    /// Moves the video to `seconds`, unless it is within half a frame of
    /// it already (a seek costs a decode). Until the video moves again,
    /// [`Video::position`] goes by `currentTime`, not by the frame last
    /// presented (which, before the sought one is, is the old frame).
    pub(crate) fn seek(&self, seconds: f64, frame_rate: f64) {
        if (self.element.current_time() - seconds).abs() * frame_rate >= 0.5 {
            self.sought.set(true);
            self.element.set_current_time(seconds);
        }
    }

    /// Starts the video; when the browser refuses sound without a gesture,
    /// starts it muted instead.
    pub(crate) fn play(&self) {
        let element = self.element.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(promise) = element.play() else { return };
            if JsFuture::from(promise).await.is_err() && !element.muted() {
                element.set_muted(true);
                // Refused even muted: the video, the clock, holds still.
                if let Ok(promise) = element.play() {
                    JsFuture::from(promise).await.best_effort();
                }
            }
        });
    }

    pub(crate) fn pause(&self) {
        self.element.pause().best_effort();
    }

    pub(crate) fn set_speed(&self, speed: f64) {
        self.element.set_playback_rate(speed);
    }

    pub(crate) fn muted(&self) -> bool {
        self.element.muted()
    }

    pub(crate) fn set_muted(&self, muted: bool) {
        self.element.set_muted(muted);
    }

    /// Replaces the captions track's cues with `cues` (start and end in
    /// seconds of media time, the bound text).
    pub(crate) fn set_captions<'a>(&self, cues: impl Iterator<Item = (f64, f64, &'a str)>) {
        self.clear_captions();
        for (start, end, text) in cues {
            if let Ok(cue) = VttCue::new(start, end, text) {
                self.track.add_cue(&cue);
            }
        }
    }

    /// Removes every cue (they hold bound texts).
    pub(crate) fn clear_captions(&self) {
        if let Some(cues) = self.track.cues() {
            for i in (0..cues.length()).rev() {
                // A cue of the track's own list: `removeCue` cannot throw.
                if let Some(cue) = cues.get(i) {
                    self.track.remove_cue(&cue).best_effort();
                }
            }
        }
    }
}

impl Drop for Video {
    fn drop(&mut self) {
        if let Some(handle) = self.pending.take() {
            self.element
                .unchecked_ref::<FrameCallbacks>()
                .cancel_video_frame_callback(handle);
        }
        self.clear_captions();
        self.element.pause().best_effort();
        self.element.remove_attribute("src").best_effort();
        self.element.load();
        Url::revoke_object_url(&self.url).best_effort();
    }
}
