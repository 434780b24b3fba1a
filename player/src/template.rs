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
use binding_engine::{DataSource, Manifest, Problem, SecretText};

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
            let text = Rc::new(bound_text.text);
            for slot in self.composition.text_slots_of(&bound_text.target) {
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

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::panic,
        clippy::indexing_slicing,
        reason = "tests"
    )]
    use super::*;
    use crate::eval::evaluate;
    use crate::geometry::Affine;
    use crate::recording::RecordingBackend;
    use binding_engine::format::PlainFormatter;
    use binding_engine::json::{self, Value};

    /// Two text layers with the same name; only one has the `ln` the
    /// manifest targets.
    const ANIMATION: &str = r#"{"w": 100, "h": 100, "fr": 30, "ip": 0, "op": 10, "layers": [
        {"ty": 5, "nm": "Line", "ln": "headline", "ind": 1, "ip": 0, "op": 10, "st": 0, "ks": {},
         "t": {"d": {"k": [{"t": 0, "s": {"t": "Headline", "s": 20, "f": "F", "fc": [0, 0, 0]}}]}}},
        {"ty": 5, "nm": "Line", "ind": 2, "ip": 0, "op": 10, "st": 0, "ks": {},
         "t": {"d": {"k": [{"t": 0, "s": {"t": "Other line", "s": 20, "f": "F", "fc": [0, 0, 0]}}]}}}
    ]}"#;

    #[test]
    fn a_binding_by_ln_fills_only_that_layer() {
        let manifest = Template::parse_manifest(
            r#"{"version": 1, "name": "t", "animation": "a.json",
            "fields": [{"name": "who", "type": "text"}],
            "bindings": [{"target": {"ln": "headline"}, "text": "Hi {who}"}]}"#,
        )
        .unwrap();
        let template = Template::new(manifest, ANIMATION).unwrap();
        let Value::Object(data) = json::parse(r#"{"who": "Jane"}"#).unwrap() else {
            panic!("an object")
        };
        let bound = template.bind(&data, &mut PlainFormatter).unwrap();
        let list = evaluate(&template.composition, 0.0, &bound.texts, Affine::IDENTITY);
        let mut recording = RecordingBackend::default();
        list.replay(&mut recording, None);
        let drawn = recording.text();
        assert!(drawn.contains("text \"Hi Jane\""), "{drawn}");
        assert!(drawn.contains("text \"Other line\""), "{drawn}");
        // An `ln` the animation lacks is a designer-facing problem.
        let missing = Template::parse_manifest(
            r#"{"version": 1, "name": "t", "animation": "a.json",
            "fields": [], "bindings": [{"target": {"ln": "nope"}, "text": "x"}]}"#,
        )
        .unwrap();
        let error = Template::new(missing, ANIMATION).unwrap_err();
        assert_eq!(error.code, "template-mismatch");
        assert_eq!(error.problems[0].path, "bindings[0].target.ln");
    }
}
