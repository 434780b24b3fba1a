//! Lottie (Bodymovin JSON) in, runtime model out.
//!
//! Owns: reading a Lottie file into [`Composition`] (`import`), the model
//! types (`model`), keyframe maths (`animated`) and, in the full player,
//! scripted properties (`scripted`: parsed expressions and the table of
//! their values at the frame drawn). Must never run an expression, fetch
//! anything, or panic on a hostile file: the worst a file can get is a
//! [`LoadError`] with a stable code.

pub mod animated;
mod import;
pub mod model;
#[cfg(feature = "expressions")]
pub mod script_values;
#[cfg(feature = "expressions")]
pub mod scripted;

pub use import::{MAX_ASSETS, MAX_KEYFRAMES, MAX_LAYERS, MAX_SHAPE_ITEMS, MAX_SLOTS};
pub use model::*;

use binding_engine::{Outline, OutlineLayer, OutlineLayerKind, OutlineSlot, Target};

/// Largest Lottie file the player reads, in bytes.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// The code of [`LoadError::NeedsFull`].
pub const NEEDS_FULL: &str = "needs-full-player";

/// Why an animation could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON.
    Syntax,
    /// JSON, but not a Lottie file: names the missing or bad key.
    Invalid(&'static str),
    /// Over a documented limit: names which.
    TooLarge(&'static str),
    /// Only in the lite build ([`crate::FULL`] false): the file uses a
    /// feature only the full player draws (names the first found). The
    /// player page then loads the full player; never sent to a host.
    NeedsFull(&'static str),
}

impl LoadError {
    /// The stable code sent in PERCUS/ERROR.
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::Syntax => "animation-syntax",
            LoadError::Invalid(_) => "animation-invalid",
            LoadError::TooLarge(_) => "animation-too-large",
            LoadError::NeedsFull(_) => NEEDS_FULL,
        }
    }
}

impl Layer {
    /// The layer as the binding engine sees it.
    fn outline(&self) -> OutlineLayer<'_> {
        OutlineLayer {
            name: &self.name,
            id: self.id.as_deref(),
            kind: match self.kind {
                LayerKind::Text(_) => OutlineLayerKind::Text,
                LayerKind::Shape(_) => OutlineLayerKind::Shape,
                LayerKind::Solid { .. } => OutlineLayerKind::Solid,
                LayerKind::Image { .. } => OutlineLayerKind::Image,
                _ => OutlineLayerKind::Other,
            },
        }
    }
}

impl Composition {
    /// Parses and imports a Lottie file.
    pub fn from_json(json: &str) -> Result<Self, LoadError> {
        if json.len() > MAX_FILE_BYTES {
            return Err(LoadError::TooLarge("bytes"));
        }
        let doc = binding_engine::json::parse(json).map_err(|_| LoadError::Syntax)?;
        import::import(&doc)
    }

    /// Every layer, in the root composition and in precomps.
    pub fn all_layers(&self) -> impl Iterator<Item = &Layer> {
        self.layers.iter().chain(self.precomps.iter().flatten())
    }

    /// What the binding engine needs to validate a manifest against this file.
    pub fn outline(&self) -> Outline<'_> {
        Outline {
            layers: self.all_layers().map(Layer::outline).collect(),
            slots: self
                .slots
                .iter()
                .map(|s| OutlineSlot {
                    sid: &s.sid,
                    kind: s.kind,
                })
                .collect(),
            // (Only actions and chapters name markers: full player only.)
            markers: match crate::FULL {
                true => self.markers.iter().map(|m| m.name.as_str()).collect(),
                false => Vec::new(),
            },
        }
    }

    /// Every layer `target` names (none for a slot).
    #[inline]
    pub fn layers_of<'a>(&'a self, target: &'a Target) -> impl Iterator<Item = &'a Layer> + 'a {
        self.all_layers()
            .filter(move |l| target.matches(&l.outline()))
    }

    /// The slots (indices into [`Composition::slots`]) `target` names.
    pub fn slots_of<'a>(&'a self, target: &'a Target) -> impl Iterator<Item = usize> + 'a {
        let sid = match target {
            Target::Slot(sid) => Some(sid.as_str()),
            _ => None,
        };
        (0..self.slots.len()).filter(move |i| self.slots.get(*i).map(|s| s.sid.as_str()) == sid)
    }

    /// The text slots of every text layer (or text slot) `target` names.
    pub fn text_slots_of<'a>(&'a self, target: &'a Target) -> impl Iterator<Item = usize> + 'a {
        let layers = self.layers_of(target).filter_map(|l| match &l.kind {
            LayerKind::Text(t) => Some(t.slot),
            _ => None,
        });
        let slotted = self
            .slots_of(target)
            .filter_map(|i| self.slots.get(i))
            .flat_map(|s| &s.sites)
            .filter_map(|site| match site {
                SlotSite::Text(slot) => Some(*slot),
                _ => None,
            });
        layers.chain(slotted)
    }

    /// Duration in frames.
    pub fn frame_count(&self) -> f64 {
        self.out_point - self.in_point
    }
}
