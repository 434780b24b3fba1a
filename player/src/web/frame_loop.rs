//! The animation frames: one `requestAnimationFrame` at a time while
//! playing and seen (none while the page is hidden or the canvas off
//! screen: the clock holds), each drawing the frame the clock, or the
//! background video, shows, with the captions line, RENDERED after the
//! first, TIMEUPDATE at most every [`TIMEUPDATE_MS`] and ENDED; and the
//! first viewer's first frame, drawn as INIT is bound ([`Player::draw_now`]).
//!
//! Owns the request chain ([`Player::request_frame`]) and the drawing of a
//! frame. Must never log, store or send a data value: the bound data is
//! only drawn; the host hears times and events, never what was drawn.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::request_animation_frame;

use super::player::Player;
use crate::playback::Tick;
use crate::protocol;

/// Milliseconds between two TIMEUPDATE messages while playing, as often
/// as a media element fires `timeupdate`.
const TIMEUPDATE_MS: f64 = 250.0;

impl Player {
    /// The page was hidden or shown, or the player left or entered the
    /// screen: frames stop (the clock holds) or start again.
    pub(super) fn watch(this: &Rc<RefCell<Self>>, hidden: Option<bool>, offscreen: Option<bool>) {
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

    /// Whether anybody can see the frames: the page is shown and the
    /// canvas on screen.
    pub(super) fn watched(&self) -> bool {
        !self.hidden && !self.offscreen
    }

    /// Draws on the next animation frame, and on every one after it while
    /// playing.
    pub(super) fn request_frame(this: &Rc<RefCell<Self>>) {
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
        let tick = match self.video() {
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

    /// Draws the frame the clock is at, now rather than on the next
    /// animation frame: the first viewer's first frame as soon as INIT is
    /// bound (waiting for the next one took up to 16.7 ms). The clock does
    /// not move; the next animation frame continues from here.
    pub(super) fn draw_now(&mut self) {
        let frame = self.playback.frame();
        self.show(Tick {
            frame,
            ended: false,
            resync: false,
            wrapped: false,
        });
    }

    /// Draws `tick`'s frame and its caption, keeps the video with the
    /// clock, and tells the host what changed.
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
        if self.overrides.is_none() {
            return;
        }
        #[cfg(feature = "full")]
        let tick = self.wait_for_choice(tick);
        let Some(overrides) = &self.overrides else {
            return;
        };
        self.stale = false;
        let comp = &self.template.composition;
        let pixel_ratio = self.window.device_pixel_ratio();
        // (Only the full player has actions: the lite one leaves out
        // hit-testing altogether.)
        #[cfg(feature = "full")]
        let areas = {
            let plan = &self.interactive.plan;
            let stage = &mut self.stage;
            stage.draw_with_areas(comp, tick.frame, overrides, pixel_ratio, plan)
        };
        #[cfg(not(feature = "full"))]
        self.stage
            .draw(comp, tick.frame, overrides, None, pixel_ratio);
        let playing = self.playback.playing() || tick.ended;
        let seconds = (tick.frame - comp.in_point) / comp.frame_rate;
        #[cfg(feature = "full")]
        self.after_frame(tick.frame, areas);
        self.track_progress(&tick, playing);
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
