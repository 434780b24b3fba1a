//! A loaded template: its manifest and animation, checked against each other
//! before any data arrives, and binding one viewer's data into it.
//!
//! Owns the rule that the parsed template is never changed by binding: each
//! bind produces fresh [`TextOverrides`], so re-binding (or a second viewer)
//! starts from the same clean template. Must never fetch: the web side
//! fetches, this module only reads the bytes it is given.

use std::rc::Rc;

use binding_engine::{DataSource, Manifest, Target};

use crate::eval::TextOverrides;
use crate::lottie::Composition;
use crate::protocol::PlayerError;

/// The file every template package starts from.
pub const MANIFEST_FILE: &str = "manifest.json";

/// A template, ready for data.
#[derive(Debug)]
pub struct Template {
    /// The binding manifest.
    pub manifest: Manifest,
    /// The animation.
    pub composition: Composition,
}

impl Template {
    /// Parses the manifest (first, so its `animation` path can be fetched).
    pub fn parse_manifest(json: &str) -> Result<Manifest, PlayerError> {
        Ok(Manifest::parse(json)?)
    }

    /// Parses the animation and checks every binding target against it.
    pub fn new(manifest: Manifest, animation_json: &str) -> Result<Self, PlayerError> {
        let composition = Composition::from_json(animation_json)?;
        let problems = manifest.validate(&composition.outline());
        if !problems.is_empty() {
            return Err(PlayerError {
                code: "template-mismatch",
                field: None,
                problems,
            });
        }
        Ok(Self {
            manifest,
            composition,
        })
    }

    /// Binds one viewer's data. The returned overrides hold the only copies
    /// of the bound texts; drop them to wipe the texts.
    pub fn bind(&self, data: &dyn DataSource) -> Result<TextOverrides, PlayerError> {
        let bound = self.manifest.bind(data)?;
        let mut overrides = TextOverrides::new(self.composition.text_slots);
        for bound_text in bound.texts {
            let Target::Layer(name) = &bound_text.target;
            let text = Rc::new(bound_text.text);
            for slot in self.composition.text_slots_named(name) {
                overrides.set(slot, Rc::clone(&text));
            }
        }
        Ok(overrides)
    }
}
