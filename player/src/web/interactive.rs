//! `Interactive`: the player's state for a template's actions and chapters
//! (docs/interaction.md): the plan against the frames, the actions'
//! buttons and hit areas of the frame on screen, the chapter last
//! reported, INIT's segment for a replay. Full build only (`cfg`, so that
//! the lite player's state and drop glue carry none of it). What the state
//! does is `interaction.rs`'s.
//!
//! Holds a viewer's labels only as the buttons' names: [`Interactive::forget`]
//! removes them with the data. Never logs or sends anything.

use super::action_buttons::ActionButtons;
use crate::actions::Plan;
use crate::hit::HitArea;
use crate::template::Template;

/// The player's state for a template's actions and chapters and for the
/// analytics of a play-through.
pub(super) struct Interactive {
    /// The actions and chapters against the template's frames.
    pub(super) plan: Plan,
    /// The actions' buttons, named by this viewer's labels (removed with
    /// the data), and what each action's layer drew on screen.
    pub(super) buttons: Option<ActionButtons>,
    pub(super) areas: Vec<HitArea>,
    /// The chapter last reported (CHAPTER).
    pub(super) chapter: Option<usize>,
    /// INIT's segment (a marker index): what a replay restores.
    pub(super) init_segment: Option<usize>,
}

impl Interactive {
    /// For `template`, with no viewer yet.
    pub(super) fn new(template: &Template) -> Self {
        Self {
            plan: Plan::new(&template.interaction, &template.composition),
            buttons: None,
            areas: Vec::new(),
            chapter: None,
            init_segment: None,
        }
    }

    /// The viewer's data goes: the buttons (named by their labels) too.
    pub(super) fn forget(&mut self) {
        self.buttons = None;
        self.areas = Vec::new();
    }
}
