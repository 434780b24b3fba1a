//! The playback clock: which frame of the composition is shown at a given
//! time, as a video player would have it (play, pause, seek, loop, speed,
//! end, a marker's segment, holding still while nobody can see it). Pure arithmetic on the composition's timing, driven by the
//! timestamps `requestAnimationFrame` gives; the browser side asks it for a
//! frame and draws it. Knows nothing of data, messages or the page.

use crate::lottie::{Composition, Marker};

/// Where playback is and whether it moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Playback {
    /// The composition's first frame: media time 0 (a background video's
    /// start).
    origin: f64,
    /// First frame of what plays (the composition's, or a segment's).
    in_point: f64,
    frame_count: f64,
    frame_rate: f64,
    /// Frames from `in_point` of the frame shown, in `[0, last]`.
    position: f64,
    playing: bool,
    looping: bool,
    speed: f64,
    /// Clock time (ms) and position at the last play, seek or speed change:
    /// the position follows the clock from there.
    anchor: Option<(f64, f64)>,
    /// Whole loops played since the anchor (a tick that adds one wrapped).
    laps: f64,
}

/// What a tick of the clock says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tick {
    /// The composition frame to draw.
    pub frame: f64,
    /// The end was reached on this tick (not looping): playback stopped.
    pub ended: bool,
    /// The media clock left what plays (a loop, the segment's end): the
    /// caller moves the media element to [`Playback::media_time`].
    pub resync: bool,
    /// Looping went back to the start on this tick: a play-through ended.
    pub wrapped: bool,
}

impl Playback {
    /// Paused at the first frame.
    pub fn new(comp: &Composition, looping: bool) -> Self {
        Self {
            origin: comp.in_point,
            in_point: comp.in_point,
            frame_count: comp.frame_count(),
            frame_rate: comp.frame_rate,
            position: 0.0,
            playing: false,
            looping,
            speed: 1.0,
            anchor: None,
            laps: 0.0,
        }
    }

    /// Offset of the last frame shown when playback stops at the end: the
    /// out point is exclusive.
    fn last(&self) -> f64 {
        (self.frame_count - 1.0).max(0.0)
    }

    /// Whether the clock moves.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// Length in seconds.
    pub fn duration(&self) -> f64 {
        self.frame_count / self.frame_rate
    }

    /// Position in seconds from the first frame.
    pub fn time(&self) -> f64 {
        self.position / self.frame_rate
    }

    /// The first and the last composition frame of what plays.
    pub fn range(&self) -> (f64, f64) {
        (self.in_point, self.in_point + self.last())
    }

    /// The composition frame of the position.
    pub fn frame(&self) -> f64 {
        self.in_point + self.position
    }

    /// How far through what plays the position is, 0..=1 (1 on the last
    /// frame).
    pub fn progress(&self) -> f64 {
        let last = self.last();
        if last > 0.0 {
            (self.position / last).min(1.0)
        } else {
            1.0
        }
    }

    /// Whether playback stopped at the end, so that `play` starts over.
    pub fn at_end(&self) -> bool {
        !self.looping && self.position >= self.last()
    }

    /// Starts moving; from the start again when stopped at the end. Returns
    /// whether anything changed.
    pub fn play(&mut self) -> bool {
        if self.playing {
            return false;
        }
        if !self.looping && self.position >= self.last() {
            self.position = 0.0;
        }
        self.playing = true;
        self.anchor = None;
        true
    }

    /// Stops at the current position (as of the last tick). Returns whether
    /// anything changed.
    pub fn pause(&mut self) -> bool {
        let was = self.playing;
        self.playing = false;
        self.anchor = None;
        was
    }

    /// Moves to `seconds` from the first frame, clamped to the animation.
    /// Non-finite times are ignored.
    pub fn seek(&mut self, seconds: f64) {
        if seconds.is_finite() {
            self.position = (seconds * self.frame_rate).max(0.0).min(self.last());
            self.anchor = None;
        }
    }

    /// Moves to composition frame `frame` (as numbered in the Lottie file,
    /// so a designer's frame numbers work), clamped to what plays.
    pub fn seek_frame(&mut self, frame: f64) {
        self.seek((frame - self.in_point) / self.frame_rate);
    }

    /// The position on the media clock: seconds from the composition's
    /// first frame (a background video's own time).
    pub fn media_time(&self) -> f64 {
        (self.in_point + self.position - self.origin) / self.frame_rate
    }

    /// The rate (1 = normal).
    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Sets the rate (1 = normal); rates outside 1/16..16 are clamped and
    /// non-finite ones ignored.
    pub fn set_speed(&mut self, speed: f64) {
        if speed.is_finite() {
            self.speed = speed.clamp(0.0625, 16.0);
            self.anchor = None;
        }
    }

    /// Whether playback starts over at the end.
    pub fn set_looping(&mut self, looping: bool) {
        self.looping = looping;
    }

    /// Plays only `marker`'s frames (clamped to the composition), or the
    /// whole composition of `comp` again with `None`; back to the start.
    /// Times are then counted from the segment's first frame.
    pub fn set_segment(&mut self, comp: &Composition, marker: Option<&Marker>) {
        let (start, count) = match marker {
            Some(m) => {
                let start = m.start.max(comp.in_point).min(comp.out_point - 1.0);
                let end = (m.start + m.duration).min(comp.out_point).max(start + 1.0);
                (start, end - start)
            }
            None => (comp.in_point, comp.frame_count()),
        };
        self.in_point = start;
        self.frame_count = count;
        self.position = 0.0;
        self.anchor = None;
    }

    /// Holds the position while the clock is not watched (the page is
    /// hidden or the player off screen): the next tick continues from
    /// here instead of jumping ahead. Playing or not is unchanged.
    pub fn hold(&mut self) {
        self.anchor = None;
    }

    /// The frame to draw at clock time `now_ms`, moving the position when
    /// playing.
    pub fn tick(&mut self, now_ms: f64) -> Tick {
        let mut ended = false;
        let mut wrapped = false;
        if self.playing {
            if self.anchor.is_none() {
                self.laps = 0.0;
            }
            let (start_ms, start_position) = *self.anchor.get_or_insert((now_ms, self.position));
            let elapsed = (now_ms - start_ms).max(0.0) / 1000.0 * self.frame_rate * self.speed;
            let position = start_position + elapsed;
            let count = self.frame_count.max(f64::MIN_POSITIVE);
            let laps = (position / count).floor();
            wrapped = self.looping && laps > self.laps;
            self.laps = laps;
            self.position = if self.looping {
                crate::geometry::wrap(position, count)
            } else if position >= self.last() {
                self.playing = false;
                self.anchor = None;
                ended = true;
                self.last()
            } else {
                position
            };
        }
        Tick {
            frame: self.in_point + self.position,
            ended,
            resync: false,
            wrapped,
        }
    }

    /// The frame to draw when a media element is the clock (a background
    /// video at `media_seconds`, `media_ended` when it ran out): the
    /// animation shows what the video shows, so stalls and buffering hold
    /// both. Outside what plays, loops or stops like [`Playback::tick`] and
    /// asks for the media to follow (`resync`).
    pub fn follow(&mut self, media_seconds: f64, media_ended: bool) -> Tick {
        let mut tick = Tick {
            frame: 0.0,
            ended: false,
            resync: false,
            wrapped: false,
        };
        if media_seconds.is_finite() {
            let position = self.origin + media_seconds * self.frame_rate - self.in_point;
            let past_end = media_ended || position > self.last();
            if !self.playing {
                // Paused or seeking: the media was put where the clock is.
                self.position = position.max(0.0).min(self.last());
            } else if position < 0.0 {
                tick.resync = true;
            } else if past_end && self.looping {
                self.position = if media_ended {
                    0.0
                } else {
                    crate::geometry::wrap(position, self.frame_count.max(f64::MIN_POSITIVE))
                };
                tick.resync = true;
                tick.wrapped = true;
            } else if past_end {
                self.playing = false;
                self.position = self.last();
                tick.ended = true;
                tick.resync = true;
            } else {
                self.position = position;
            }
        }
        self.anchor = None;
        tick.frame = self.in_point + self.position;
        tick
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::float_cmp, reason = "tests")]
    use super::*;

    /// 30 fps, frames 10..70: two seconds.
    fn clock(looping: bool) -> Playback {
        let comp = Composition::from_json(r#"{"w":10,"h":10,"fr":30,"ip":10,"op":70,"layers":[]}"#)
            .unwrap();
        Playback::new(&comp, looping)
    }

    #[test]
    fn follows_a_media_clock_and_loops_or_ends_it() {
        let mut p = clock(false);
        // Media time counts from the composition's first frame (10).
        p.seek(0.5);
        assert_eq!(p.media_time(), 0.5);
        p.play();
        let tick = p.follow(1.0, false);
        assert_eq!((tick.frame, tick.resync), (40.0, false));
        // Stalled media: the same frame again.
        assert_eq!(p.follow(1.0, false).frame, 40.0);
        // Past the end: stops on the last frame and moves the media there.
        let end = p.follow(2.5, false);
        assert!(end.ended && end.resync && !p.playing());
        assert_eq!((end.frame, p.media_time()), (69.0, 59.0 / 30.0));
        // Looping: back into the animation, the media follows.
        let mut p = clock(true);
        p.play();
        let wrapped = p.follow(2.1, false);
        assert!(wrapped.resync && !wrapped.ended && p.playing());
        assert!((wrapped.frame - 13.0).abs() < 1e-9);
        // A video that ends before the animation ends a loop too.
        assert_eq!(p.follow(1.5, true).frame, 10.0);
        // Paused, the media's position (a seek) is simply taken.
        p.pause();
        let paused = p.follow(1.0, false);
        assert_eq!((paused.frame, paused.resync), (40.0, false));
    }

    #[test]
    fn seeks_by_composition_frame() {
        let mut p = clock(true);
        p.seek_frame(25.0);
        assert_eq!(p.tick(0.0).frame, 25.0);
        p.seek_frame(-4.0);
        assert_eq!(p.tick(0.0).frame, 10.0);
        p.seek_frame(1e9);
        assert_eq!(p.tick(0.0).frame, 69.0);
    }

    #[test]
    fn starts_paused_at_the_first_frame() {
        let mut p = clock(true);
        assert!(!p.playing());
        assert_eq!(p.tick(5000.0).frame, 10.0);
        assert_eq!(p.duration(), 2.0);
    }

    #[test]
    fn follows_the_clock_from_the_first_tick_after_play() {
        let mut p = clock(true);
        assert!(p.play());
        assert!(!p.play(), "already playing");
        assert_eq!(p.tick(1000.0).frame, 10.0);
        assert_eq!(p.tick(1500.0).frame, 25.0);
        assert_eq!(p.time(), 0.5);
    }

    #[test]
    fn pause_holds_and_play_resumes_from_there() {
        let mut p = clock(true);
        p.play();
        p.tick(0.0);
        p.tick(1000.0);
        assert!(p.pause());
        assert!(!p.pause());
        assert_eq!(p.tick(9000.0).frame, 40.0);
        p.play();
        p.tick(10_000.0);
        assert_eq!(p.tick(10_500.0).frame, 55.0);
    }

    #[test]
    fn loops_or_ends() {
        let mut looping = clock(true);
        looping.play();
        looping.tick(0.0);
        let wrapped = looping.tick(2500.0);
        assert_eq!((wrapped.frame, wrapped.wrapped), (25.0, true));
        assert!(!looping.tick(2600.0).wrapped, "once per loop");

        let mut once = clock(false);
        once.play();
        once.tick(0.0);
        let end = once.tick(2500.0);
        assert_eq!(
            end,
            Tick {
                frame: 69.0,
                ended: true,
                resync: false,
                wrapped: false
            }
        );
        assert!(!once.playing());
        assert!(!once.tick(3000.0).ended, "ENDED is reported once");
        once.play();
        assert_eq!(
            once.tick(4000.0).frame,
            10.0,
            "play after the end starts over"
        );
    }

    #[test]
    fn seek_clamps_and_ignores_nonsense() {
        let mut p = clock(true);
        p.seek(1.0);
        assert_eq!(p.tick(0.0).frame, 40.0);
        p.seek(-5.0);
        assert_eq!(p.tick(0.0).frame, 10.0);
        p.seek(99.0);
        assert_eq!(p.tick(0.0).frame, 69.0);
        p.seek(f64::NAN);
        assert_eq!(p.tick(0.0).frame, 69.0);
        // Seeking while playing continues from the new place.
        p.seek(0.0);
        p.play();
        p.tick(100.0);
        p.seek(1.0);
        p.tick(200.0);
        assert_eq!(p.tick(700.0).frame, 55.0);
    }

    #[test]
    fn a_segment_plays_its_frames_only() {
        let comp = Composition::from_json(r#"{"w":10,"h":10,"fr":30,"ip":10,"op":70,"layers":[]}"#)
            .unwrap();
        let mut p = Playback::new(&comp, false);
        let marker = Marker {
            name: "middle".into(),
            start: 40.0,
            duration: 15.0,
        };
        p.set_segment(&comp, Some(&marker));
        assert_eq!(p.duration(), 0.5);
        p.play();
        assert_eq!(p.tick(0.0).frame, 40.0);
        let end = p.tick(1000.0);
        assert_eq!(
            end,
            Tick {
                frame: 54.0,
                ended: true,
                resync: false,
                wrapped: false
            }
        );
        // A marker past the end is clamped into the composition.
        let late = Marker {
            name: "late".into(),
            start: 500.0,
            duration: 10.0,
        };
        p.set_segment(&comp, Some(&late));
        assert_eq!((p.tick(0.0).frame, p.duration()), (69.0, 1.0 / 30.0));
        p.set_segment(&comp, None);
        assert_eq!((p.tick(0.0).frame, p.duration()), (10.0, 2.0));
    }

    #[test]
    fn hold_does_not_jump_ahead() {
        let mut p = clock(true);
        p.play();
        p.tick(0.0);
        p.tick(500.0);
        p.hold(); // hidden from 500 ms to 10 s
        assert!(p.playing());
        p.tick(10_000.0);
        assert_eq!(p.tick(10_500.0).frame, 40.0);
    }

    #[test]
    fn speed_scales_time() {
        let mut p = clock(true);
        p.set_speed(2.0);
        p.play();
        p.tick(0.0);
        assert_eq!(p.tick(500.0).frame, 40.0);
        p.set_speed(f64::INFINITY);
        p.set_speed(0.0);
        p.tick(1000.0);
        assert_eq!(p.tick(2000.0).frame, 10.0 + (30.0 + 1.875) % 60.0);
    }
}
