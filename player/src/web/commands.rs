//! The host's messages: window messages (v1 INIT, v2 CONNECT with the
//! port), the port's, and the dispatch of each command (PROTOCOL.md): INIT
//! (waiting for its images), PLAY, PAUSE, SEEK and DESTROY, which wipes
//! and stops everything.
//!
//! Owns the order commands run in (those that come while an INIT's images
//! decode wait for it, DESTROY excepted) and the DESTROY sequence. Must
//! never log, store or send a data value: a message is read for its
//! `type`, `protocol` and command fields; its `data` goes to the binding
//! (`init.rs`) only; errors go to the host as codes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, MessagePort};

use binding_engine::SegmentEnd;

use super::app::App;
use super::images::ViewerImages;
use super::player::Player;
use crate::protocol::{self, Channel, HostCommand, PlayerError};

impl Player {
    /// A message on the window: v1 INIT, or v2 CONNECT with the port. Once
    /// a port is connected the window is no longer listened to.
    pub(super) fn on_window_message(this: &Rc<RefCell<Self>>, event: &MessageEvent) {
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
            #[cfg(feature = "full")]
            let chapters = player.chapter_list();
            #[cfg(not(feature = "full"))]
            let chapters = Vec::new();
            player
                .host
                .connected_as(time, duration, comp.width, comp.height, &chapters);
        }
    }

    /// Runs `command` (from the host's `message`, or the play/pause button
    /// with no message), or queues it while an INIT's images decode.
    pub(super) fn command(this: &Rc<RefCell<Self>>, command: HostCommand, message: &JsValue) {
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
                    let data = field(&message, "data").unwrap_or(JsValue::UNDEFINED);
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
                if player.seek_command(message) {
                    drop(player);
                    Self::request_frame(this);
                }
            }
            HostCommand::Segment => {
                if player.segment_command(message) {
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
                // returned.
                App::release_later();
            }
        }
    }
}

impl Player {
    /// PERCUS/SEGMENT: plays the segment of the marker the message names
    /// (`then`: `stop`, `loop` or `continue`); an unknown name answers
    /// `unknown-segment`.
    pub(super) fn segment_command(&mut self, message: &JsValue) -> bool {
        let name = field(message, "name").and_then(|v| v.as_string());
        let then = field(message, "then")
            .and_then(|v| v.as_string())
            .and_then(|t| SegmentEnd::parse(&t))
            .unwrap_or(SegmentEnd::Stop);
        let marker = name.and_then(|name| {
            let markers = &self.template.composition.markers;
            markers.iter().position(|m| m.name == name)
        });
        match marker {
            Some(marker) if self.overrides.is_some() => self.play_segment(marker, then),
            Some(_) => false,
            None => {
                self.host.error(&PlayerError::code("unknown-segment"));
                false
            }
        }
    }

    /// Plays marker `marker`'s frames, then `then`; true when a frame must
    /// be drawn.
    pub(super) fn play_segment(&mut self, marker: usize, then: SegmentEnd) -> bool {
        let comp = &self.template.composition;
        let Some(m) = comp.markers.get(marker) else {
            return false;
        };
        match then {
            SegmentEnd::Continue => {
                // A chapter jump: the whole animation from the marker on.
                self.playback.set_segment(comp, None);
                self.playback.set_looping(self.init_loop);
                self.playback.seek_frame(m.start);
            }
            SegmentEnd::Stop | SegmentEnd::Loop => {
                // What plays is the segment now: a play-through of its own.
                self.playback.set_segment(comp, Some(m));
                self.playback.set_looping(then == SegmentEnd::Loop);
                self.progress.restart();
            }
        }
        self.jumped();
        true
    }

    /// After the clock jumped (a segment, a chapter, a replay): no choice
    /// between the old frame and the new one waits, the video follows,
    /// and playback goes on (or starts).
    pub(super) fn jumped(&mut self) {
        self.last_frame = Some(self.playback.frame() - 0.5);
        self.stale = true;
        self.sync_video();
        self.time_update();
        if !self.play() {
            self.show_state();
        }
    }

    /// SEEK to the message's `frame`, else its `time`; true when it moved
    /// (a frame must be drawn).
    fn seek_command(&mut self, message: &JsValue) -> bool {
        let number = |key: &str| field(message, key).and_then(|v| v.as_f64());
        let (frame, time) = (number("frame"), number("time"));
        if let Some(frame) = frame {
            self.playback.seek_frame(frame);
        } else if let Some(time) = time {
            self.playback.seek(time);
        }
        if frame.or(time).is_none() {
            return false;
        }
        // A jump, not a loop: no play-through ends here, and no choice
        // before the new position waits.
        self.last_frame = Some(self.playback.frame() - 0.5);
        self.stale = true;
        self.sync_video();
        self.time_update();
        true
    }
}

/// Property `key` of a host message (`None` when it is not an object).
pub(super) fn field(message: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(message, &JsValue::from_str(key)).ok()
}

/// The command a host message asks for on `channel` (see
/// [`protocol::host_command`]).
fn read_command(message: &JsValue, channel: Channel) -> Result<Option<HostCommand>, PlayerError> {
    let kind = field(message, "type").and_then(|v| v.as_string());
    let version = field(message, "protocol").and_then(|v| v.as_f64());
    protocol::host_command(kind.as_deref(), version, channel)
}
