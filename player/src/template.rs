//! A loaded template: its manifest and animation, checked against each other
//! before any data arrives, and binding one viewer's data into it.
//!
//! Owns the rule that the parsed template is never changed by binding: each
//! bind produces fresh [`TextOverrides`], so re-binding (or a second viewer)
//! starts from the same clean template. Must never fetch: the web side
//! fetches, this module only reads the bytes it is given.

use std::rc::Rc;

use binding_engine::format::Formatter;
use binding_engine::json::decimal;
use binding_engine::{DataSource, Manifest, Problem, SecretText, Target};

use crate::captions::{self, Cue};
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
    /// The captions' cues (empty without a `captions` file).
    pub captions: Vec<Cue>,
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
            captions: Vec::new(),
        })
    }

    /// Adds the captions (the WebVTT text of the manifest's `captions`
    /// file), checked against the manifest's fields.
    pub fn with_captions(mut self, vtt: &str) -> Result<Self, PlayerError> {
        self.captions = captions::parse(vtt, &self.manifest).map_err(|e| PlayerError {
            code: "captions-invalid",
            field: None,
            problems: vec![Problem {
                code: e.code,
                path: String::from("captions"),
                name: String::from("line ") + &decimal(e.line as i64),
            }],
        })?;
        Ok(self)
    }

    /// Binds one viewer's data. The result holds the only copies of the
    /// bound texts; drop it to wipe them.
    pub fn bind(
        &self,
        data: &dyn DataSource,
        format: &mut dyn Formatter,
    ) -> Result<BoundTemplate, PlayerError> {
        let cues: Vec<_> = self.captions.iter().map(|cue| &cue.text).collect();
        let bound = self.manifest.bind_with(data, &cues, format)?;
        let mut overrides = TextOverrides::new(self.composition.text_slots);
        // Bound texts come in the manifest's binding order.
        for (bound_text, binding) in bound.texts.into_iter().zip(&self.manifest.bindings) {
            let Target::Layer(name) = &bound_text.target;
            let text = Rc::new(bound_text.text);
            for slot in self.composition.text_slots_named(name) {
                overrides.set(slot, Rc::clone(&text), binding.fit);
            }
        }
        Ok(BoundTemplate {
            texts: overrides,
            description: bound.description,
            captions: bound.extra,
        })
    }
}

/// One viewer's template: the texts of the layers and the accessible
/// description. Personal data: wiped when dropped.
#[derive(Debug)]
pub struct BoundTemplate {
    /// The layers' texts, for evaluation.
    pub texts: TextOverrides,
    /// What a screen reader says for the video (`accessibleText`).
    pub description: Option<SecretText>,
    /// The text of each of the template's caption cues, in order.
    pub captions: Vec<SecretText>,
}
