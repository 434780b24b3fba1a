//! The viewer's side of interactive templates (docs/interaction.md):
//! actions activated by a click on what their layer draws or by their
//! button, choices that wait, segments and chapters played, replays, and
//! ACTION / CHAPTER / REPLAY to the host. (PROGRESS, and REPLAY after the
//! end, which every template sends, are `player.rs`'s.)
//!
//! Owns what an activation does and when CHAPTER fires (the state is
//! `interactive.rs`'s [`super::interactive::Interactive`]); the frames and ranges are
//! `crate::actions`' arithmetic, the buttons `action_buttons.rs`'. Full
//! build only (`cfg`, so that the lite player's state and drop glue
//! carry none of it). Must never send, log or put in a URL a data value:
//! the host hears ids, kinds, chapter names and the manifest's own link
//! URL; a label (which may hold data) stays on the page.

use std::cell::RefCell;
use std::rc::Rc;

use binding_engine::{ActionKind, SecretText};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, MouseEvent};

use super::action_buttons::ActionButtons;
use super::player::Player;
use crate::geometry::Vec2;
use crate::hit::HitArea;
use crate::playback::Tick;
use crate::protocol;

impl Player {
    /// A new viewer (INIT): INIT's `segment` (a marker's name), which a
    /// replay goes back to, and the action buttons named by the viewer's
    /// bound `labels`.
    #[inline(never)]
    pub(super) fn new_viewer(&mut self, segment: Option<&str>, labels: &[SecretText]) {
        let markers = &self.template.composition.markers;
        self.interactive.init_segment =
            segment.and_then(|name| markers.iter().position(|m| m.name == name));
        self.interactive.chapter = None;
        self.interactive.buttons = None;
        self.interactive.areas = Vec::new();
        if self.interactive.plan.actions.is_empty() {
            return;
        }
        if let Some(document) = self.window.document() {
            let labels: Vec<&str> = labels.iter().map(|l| &**l).collect();
            self.interactive.buttons = Some(ActionButtons::new(&document, &labels));
        }
    }

    /// Before drawing `tick` while playing (or on the tick that ended
    /// it): a choice played past since the frame drawn last, within what
    /// plays, stops playback on it (PAUSE). Returns the tick to draw.
    pub(super) fn wait_for_choice(&mut self, mut tick: Tick) -> Tick {
        if !(self.playback.playing() || tick.ended) {
            return tick;
        }
        let (first, last) = self.playback.range();
        let plan = &self.interactive.plan;
        let before_start = Some(first - 0.5);
        let at = if tick.wrapped {
            // A loop: first the choices between the frame drawn last and
            // the end, then those from the start.
            let tail = self
                .last_frame
                .and_then(|l| plan.pause_between(Some(l), last));
            tail.or_else(|| plan.pause_between(before_start, tick.frame))
        } else {
            // (A frame a little before the last one, as a video's clock
            // gives after a stall, is no loop: nothing was played past.)
            let from = self.last_frame.map_or(first - 0.5, |l| l.min(tick.frame));
            plan.pause_between(Some(from.max(first - 0.5)), tick.frame)
        };
        if let Some(at) = at {
            self.pause_clock();
            self.playback.seek_frame(at);
            self.sync_video();
            tick.frame = self.playback.frame();
            tick.ended = false;
            self.show_state();
            self.host.event(protocol::PAUSE);
            self.time_update();
        }
        tick
    }

    /// After drawing `frame`: what each action's layer drew (`areas`),
    /// its button placed or hidden, and the analytics of the frame.
    pub(super) fn after_frame(&mut self, frame: f64, areas: Vec<HitArea>) {
        self.interactive.areas = areas;
        if let Some(buttons) = &mut self.interactive.buttons {
            let (ratio, left, top) = self.stage.css_frame();
            for (index, area) in self.interactive.areas.iter().enumerate() {
                let active = self.interactive.plan.in_range(index, frame);
                let css_box = area
                    .bounds()
                    .filter(|_| active)
                    .map(|[x, y, w, h]| [left + x / ratio, top + y / ratio, w / ratio, h / ratio]);
                buttons.place(index, css_box);
            }
        }
        let chapter = self.interactive.plan.chapter_at(frame);
        if chapter != self.interactive.chapter {
            self.interactive.chapter = chapter;
            let comp = &self.template.composition;
            let names = chapter.and_then(|c| {
                let plan = self.interactive.plan.chapters.get(c)?;
                let marker = comp.markers.get(plan.marker)?;
                let label = self.template.interaction.chapters.get(c)?;
                Some((marker.name.as_str(), label.label.as_str()))
            });
            if let Some((name, label)) = names {
                self.host
                    .texts(protocol::CHAPTER, &[("name", name), ("label", label)]);
            }
        }
    }

    /// A click or a pointer move on the page (`click`: a click). Clicks
    /// count only from the viewer (`isTrusted`): on the canvas, the top
    /// active action whose layer drew under the pointer; on an action's
    /// button (Enter or Space on it), that action.
    #[inline(never)]
    pub(super) fn on_pointer(this: &Rc<RefCell<Self>>, event: &Event, click: bool) {
        let Ok(mut player) = this.try_borrow_mut() else {
            return;
        };
        if player.destroyed
            || player.overrides.is_none()
            || player.interactive.plan.actions.is_empty()
        {
            return;
        }
        let target: JsValue = event.target().map_or(JsValue::UNDEFINED, Into::into);
        let index = if let Some(i) = player
            .interactive
            .buttons
            .as_ref()
            .and_then(|b| b.index_of(&target))
        {
            Some(i)
        } else if player.stage.is_canvas(&target) {
            let Some(mouse) = event.dyn_ref::<MouseEvent>() else {
                return;
            };
            let (ratio, left, top) = player.stage.css_frame();
            let point = Vec2::new(
                (f64::from(mouse.client_x()) - left) * ratio,
                (f64::from(mouse.client_y()) - top) * ratio,
            );
            let frame = player.last_drawn_frame();
            // In the manifest's order: where two overlap, the first listed
            // wins (docs/interaction.md).
            let hit = (0..player.interactive.areas.len()).find(|&i| {
                player.interactive.plan.in_range(i, frame)
                    && player
                        .interactive
                        .areas
                        .get(i)
                        .is_some_and(|a| a.contains(point))
            });
            if !click {
                player.stage.set_pointer_cursor(hit.is_some());
                return;
            }
            hit
        } else {
            None
        };
        let (Some(index), true) = (index, click && event.is_trusted()) else {
            return;
        };
        if player.activate(index) {
            drop(player);
            Self::request_frame(this);
        }
    }

    /// The frame on screen: the clock's.
    fn last_drawn_frame(&self) -> f64 {
        self.last_frame.unwrap_or_else(|| self.playback.frame())
    }

    /// Does what action `index` does; true when a frame must be drawn.
    fn activate(&mut self, index: usize) -> bool {
        let frame = self.last_drawn_frame();
        let active = self.interactive.plan.in_range(index, frame)
            && self
                .interactive
                .areas
                .get(index)
                .is_some_and(|a| !a.is_empty());
        let Some(action) = self
            .template
            .interaction
            .actions
            .get(index)
            .filter(|_| active)
        else {
            return false;
        };
        let mut texts = vec![("id", action.id.as_str()), ("kind", action.kind.name())];
        if let ActionKind::Link(url) = &action.kind {
            // The manifest's own fixed https URL (binding_engine checked
            // it), never built from data; the host page decides to open it.
            texts.push(("url", url.as_str()));
        }
        self.host.texts(protocol::ACTION, &texts);
        match action.kind.clone() {
            ActionKind::Segment { then, .. } => {
                let marker = self
                    .interactive
                    .plan
                    .actions
                    .get(index)
                    .and_then(|a| a.segment);
                marker.is_some_and(|m| self.play_segment(m, then))
            }
            ActionKind::Replay => self.replay(),
            ActionKind::Event | ActionKind::Link(_) => false,
        }
    }

    /// The player was resized: its buttons move with the drawing, so the
    /// frame is drawn again (paused at a choice too).
    pub(super) fn on_resize(this: &Rc<RefCell<Self>>) {
        let Ok(mut player) = this.try_borrow_mut() else {
            return;
        };
        if player.destroyed || player.overrides.is_none() {
            return;
        }
        // (The stage sees the new size and draws anew.)
        player.stale = true;
        drop(player);
        Self::request_frame(this);
    }

    /// Starts the video over as INIT asked for it (its segment and loop),
    /// and tells the host (REPLAY).
    pub(super) fn replay(&mut self) -> bool {
        let comp = &self.template.composition;
        let marker = self
            .interactive
            .init_segment
            .and_then(|m| comp.markers.get(m));
        self.playback.set_segment(comp, marker);
        self.playback.set_looping(self.init_loop);
        self.new_play_through();
        self.host.event(protocol::REPLAY);
        self.jumped();
        true
    }

    /// The chapters for CONNECTED: name, label, start and length in
    /// seconds.
    pub(super) fn chapter_list(&self) -> Vec<(&str, &str, f64, f64)> {
        let comp = &self.template.composition;
        let chapters = self.interactive.plan.chapters.iter();
        chapters
            .zip(&self.template.interaction.chapters)
            .filter_map(|(plan, chapter)| {
                let marker = comp.markers.get(plan.marker)?;
                let (first, end) = plan.range;
                let seconds = |f: f64| f / comp.frame_rate;
                let start = seconds(first - comp.in_point);
                Some((
                    marker.name.as_str(),
                    chapter.label.as_str(),
                    start,
                    seconds(end - first),
                ))
            })
            .collect()
    }
}
