//! What a template's actions and chapters (docs/interaction.md) mean for
//! playback, as arithmetic on frames: when each action is active, where
//! playback waits for a choice, which chapter a frame is in, and the
//! analytics' progress quarters of a play-through.
//!
//! Owns the template-side reading of `binding_engine::Interaction` against
//! the composition (markers become frame ranges, targets become layer
//! uids, once at load) and the rules above. Pure: no browser, no data (the
//! labels are bound elsewhere); the web side asks it and acts.

use binding_engine::{Action, ActionKind, FrameRange, Interaction};

use crate::lottie::{Composition, Marker};

/// An action resolved against the composition.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionPlan {
    /// The uids of the layers whose drawn area is clickable.
    pub layers: Vec<usize>,
    /// The frames `[first, end)` it is active in; `None`: always.
    pub range: Option<(f64, f64)>,
    /// The frame playback waits on, when the action is a choice (`pause`).
    pub pause_at: Option<f64>,
    /// For a `segment` action: the marker it plays (index in the
    /// composition's markers).
    pub segment: Option<usize>,
}

/// A chapter resolved against the composition.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterPlan {
    /// Its marker (index in the composition's markers).
    pub marker: usize,
    /// Its frames `[first, end)`.
    pub range: (f64, f64),
}

/// Every action and chapter of a template, resolved once at load.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// One per manifest action, in order.
    pub actions: Vec<ActionPlan>,
    /// One per manifest chapter, in order.
    pub chapters: Vec<ChapterPlan>,
    /// The uids of every action's layers, sorted, once each (what
    /// evaluation watches: `eval::evaluate_watching`).
    pub watched: Vec<usize>,
}

/// A marker's frames `[first, end)` (at least one frame).
pub fn marker_range(marker: &Marker) -> (f64, f64) {
    (marker.start, marker.start + marker.duration.max(1.0))
}

impl Plan {
    /// `interaction` read against `comp` (validated already: a name that
    /// is missing anyway leaves the action without that part).
    #[inline(never)]
    pub fn new(interaction: &Interaction, comp: &Composition) -> Self {
        let marker = |name: &str| comp.markers.iter().position(|m| m.name == name);
        let range_of = |index: usize| comp.markers.get(index).map(marker_range);
        let actions: Vec<ActionPlan> = interaction
            .actions
            .iter()
            .map(|action: &Action| {
                let range = match &action.range {
                    Some(FrameRange::Marker(name)) => marker(name).and_then(range_of),
                    Some(FrameRange::Frames(first, end)) => Some((*first, *end)),
                    None => None,
                };
                let segment = match &action.kind {
                    ActionKind::Segment { marker: name, .. } => marker(name),
                    _ => None,
                };
                ActionPlan {
                    layers: comp.layers_of(&action.target).map(|l| l.uid).collect(),
                    range,
                    // The range's last frame: the choice stays on screen.
                    pause_at: range
                        .filter(|_| action.pause)
                        .map(|(first, end)| (end - 1.0).max(first)),
                    segment,
                }
            })
            .collect();
        let chapters = interaction
            .chapters
            .iter()
            .filter_map(|chapter| {
                let index = marker(&chapter.marker)?;
                // Within the animation, as a segment is played.
                let (first, end) = range_of(index)?;
                let first = first.max(comp.in_point).min(comp.out_point - 1.0);
                let end = end.min(comp.out_point).max(first + 1.0);
                Some(ChapterPlan {
                    marker: index,
                    range: (first, end),
                })
            })
            .collect();
        let watched = watched_layers(&actions);
        Self {
            actions,
            chapters,
            watched,
        }
    }

    /// Whether action `index` may be active at `frame` (its range; whether
    /// its layer draws anything there is the frame's question).
    pub fn in_range(&self, index: usize, frame: f64) -> bool {
        self.actions.get(index).is_some_and(|a| {
            a.range
                .is_none_or(|(first, end)| frame >= first - 1e-6 && frame < end)
        })
    }

    /// The first frame playback waits on between the frame drawn last
    /// (`from`, exclusive; `None` after a jump or at the start) and `to`
    /// (inclusive), playing forward.
    pub fn pause_between(&self, from: Option<f64>, to: f64) -> Option<f64> {
        self.actions
            .iter()
            .filter_map(|a| a.pause_at)
            .filter(|&p| from.is_none_or(|from| p > from + 1e-6) && p <= to + 1e-6)
            .min_by(f64::total_cmp)
    }

    /// The chapter `frame` is in (the first, when they overlap).
    pub fn chapter_at(&self, frame: f64) -> Option<usize> {
        self.chapters
            .iter()
            .position(|c| frame >= c.range.0 - 1e-6 && frame < c.range.1)
    }
}

/// The uids of `actions`' layers, sorted, once each. Inserted in order,
/// not sorted afterwards: a few dozen uids, and `sort_unstable` would bring
/// 4 KB of quicksort into the wasm.
fn watched_layers(actions: &[ActionPlan]) -> Vec<usize> {
    let mut uids: Vec<usize> = Vec::new();
    for &uid in actions.iter().flat_map(|a| &a.layers) {
        if let Err(at) = uids.binary_search(&uid) {
            uids.insert(at, uid);
        }
    }
    uids
}

/// The quarters of one play-through reported so far (25, 50, 75, 100 %).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    reported: u8,
}

impl Progress {
    /// The quarters newly reached at `fraction` (0..=1) of what plays, as
    /// bits (1: 25 %, 2: 50 %, 4: 75 %, 8: 100 %), each once per
    /// play-through.
    pub fn reach(&mut self, fraction: f64) -> u8 {
        let reached = match fraction {
            f if f >= 1.0 - 1e-9 => 15,
            f if f >= 0.75 => 7,
            f if f >= 0.5 => 3,
            f if f >= 0.25 => 1,
            _ => 0,
        };
        let new = reached & !self.reported;
        self.reported |= reached;
        new
    }

    /// A new play-through starts (a loop, a replay, play after the end).
    pub fn restart(&mut self) {
        self.reported = 0;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;
    use binding_engine::Manifest;

    const ANIMATION: &str = r#"{"w": 100, "h": 100, "fr": 10, "ip": 0, "op": 100,
        "markers": [{"tm": 0, "cm": "intro", "dr": 40}, {"tm": 40, "cm": "choice", "dr": 20},
                    {"tm": 60, "cm": "details", "dr": 40}],
        "layers": [
          {"ty": 4, "nm": "Pay", "ind": 1, "ip": 0, "op": 100, "st": 0, "ks": {}, "shapes": []},
          {"ty": 4, "nm": "Pay", "ind": 2, "ip": 0, "op": 100, "st": 0, "ks": {}, "shapes": []},
          {"ty": 4, "nm": "Why", "ln": "why", "ind": 3, "ip": 0, "op": 100, "st": 0, "ks": {}, "shapes": []}]}"#;

    fn plan() -> Plan {
        let manifest = r#"{"version": 1, "name": "t", "animation": "a.json", "fields": [], "bindings": [],
          "actions": [
            {"id": "pay", "target": {"layer": "Pay"}, "label": "Pay", "kind": "event", "marker": "choice", "pause": true},
            {"id": "why", "target": {"ln": "why"}, "label": "Why", "kind": "segment", "segment": "details"},
            {"id": "soon", "target": {"ln": "why"}, "label": "Soon", "kind": "event", "frames": [10, 12.5], "pause": true}],
          "chapters": [{"marker": "intro", "label": "Intro"}, {"marker": "details", "label": "Details"}]}"#;
        let m = Manifest::parse(manifest).unwrap();
        let interaction = Interaction::parse(manifest, &m).unwrap();
        Plan::new(&interaction, &Composition::from_json(ANIMATION).unwrap())
    }

    #[test]
    fn actions_resolve_to_layers_and_frames() {
        let plan = plan();
        assert_eq!(plan.actions[0].layers.len(), 2, "both layers named Pay");
        assert_eq!(plan.actions[0].range, Some((40.0, 60.0)));
        assert_eq!(plan.actions[0].pause_at, Some(59.0));
        assert_eq!(plan.actions[1].segment, Some(2));
        assert_eq!(plan.actions[1].range, None);
        assert_eq!(plan.actions[2].pause_at, Some(11.5));
        assert!(!plan.in_range(0, 39.0) && plan.in_range(0, 40.0) && plan.in_range(0, 59.9));
        assert!(!plan.in_range(0, 60.0) && plan.in_range(1, 0.0) && !plan.in_range(9, 0.0));
        assert_eq!(plan.watched.len(), 3);
    }

    #[test]
    fn playback_waits_at_each_choice_once() {
        let plan = plan();
        assert_eq!(plan.pause_between(None, 5.0), None);
        assert_eq!(plan.pause_between(Some(5.0), 30.0), Some(11.5));
        assert_eq!(
            plan.pause_between(Some(11.5), 58.0),
            None,
            "playing on from the pause"
        );
        assert_eq!(plan.pause_between(Some(58.0), 70.0), Some(59.0));
        assert_eq!(plan.pause_between(Some(59.0), 99.0), None);
        assert_eq!(
            plan.pause_between(None, 59.0),
            Some(11.5),
            "a jump past both"
        );
    }

    #[test]
    fn chapters_and_progress() {
        let plan = plan();
        assert_eq!(plan.chapter_at(0.0), Some(0));
        assert_eq!(plan.chapter_at(45.0), None);
        assert_eq!(plan.chapter_at(99.0), Some(1));
        let mut progress = Progress::default();
        assert_eq!(progress.reach(0.1), 0);
        assert_eq!(progress.reach(0.6), 0b11);
        assert_eq!(progress.reach(0.6), 0);
        assert_eq!(progress.reach(1.0), 0b1100);
        progress.restart();
        assert_eq!(progress.reach(0.25), 1);
    }
}
