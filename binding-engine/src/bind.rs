//! Binding: one viewer's data into the manifest's text targets.
//!
//! Owns the data's lifetime inside the engine: each declared field is read
//! once from the [`DataSource`], checked, used to build the target texts, and
//! dropped (wiped) before `bind` returns. Only the finished texts survive, in
//! [`Bound`], which wipes them when dropped.

use crate::data::{DataSource, DataValue};
use crate::error::{BindError, BindErrorCode};
use crate::manifest::{char_count_exceeds, Field, FieldType, Manifest, Target};
use crate::secret::SecretText;
use crate::text_template::{Segment, TextTemplate};

/// The finished texts for one viewer. Holds personal data: wiped on drop,
/// redacted in `Debug`.
#[derive(Debug, Default)]
pub struct Bound {
    /// One entry per manifest binding, in manifest order.
    pub texts: Vec<BoundText>,
    /// The accessible description, when the manifest has `accessibleText`.
    pub description: Option<SecretText>,
    /// The caller's own templates ([`Manifest::bind_with`]), filled, in order.
    pub extra: Vec<SecretText>,
}

/// The text for one target.
#[derive(Debug)]
pub struct BoundText {
    /// Where it goes (copied from the manifest).
    pub target: Target,
    /// The text to draw.
    pub text: SecretText,
}

/// A field's value after checking: borrowed from the manifest (default) or
/// owned from the data.
enum FieldValue<'m> {
    Template(&'m str),
    Viewer(SecretText),
}

impl FieldValue<'_> {
    fn as_str(&self) -> &str {
        match self {
            FieldValue::Template(s) => s,
            FieldValue::Viewer(s) => s,
        }
    }
}

impl Manifest {
    /// Binds `data` into every text target. Reads only the declared fields.
    /// On error, reports the first failing field by name (never its value);
    /// nothing read from `data` outlives the call.
    pub fn bind(&self, data: &dyn DataSource) -> Result<Bound, BindError> {
        self.bind_with(data, &[])
    }

    /// [`Manifest::bind`], also filling `extra` templates over the same
    /// fields (the player's captions) from the same single read of `data`.
    pub fn bind_with<'m>(
        &'m self,
        data: &dyn DataSource,
        extra: &[&'m TextTemplate],
    ) -> Result<Bound, BindError> {
        let values = self
            .fields
            .iter()
            .map(|field| read_field(field, data))
            .collect::<Result<Vec<_>, _>>()?;

        let fill = |template: &'m TextTemplate| {
            let piece = |segment: &'m Segment| -> &str {
                match segment {
                    Segment::Literal(s) => s,
                    Segment::Field(i) => values.get(*i).map_or("", FieldValue::as_str),
                }
            };
            // One allocation of the final size: growing a String would
            // free (unwiped) buffers that held parts of the data.
            let len = template.segments.iter().map(|s| piece(s).len()).sum();
            let mut text = String::with_capacity(len);
            for segment in &template.segments {
                text.push_str(piece(segment));
            }
            SecretText::new(text)
        };
        let texts = self
            .bindings
            .iter()
            .map(|binding| BoundText {
                target: binding.target.clone(),
                text: fill(&binding.text),
            })
            .collect();
        let description = self.accessible_text.as_ref().map(fill);
        let extra = extra.iter().map(|t| fill(t)).collect();
        Ok(Bound {
            texts,
            description,
            extra,
        })
    }
}

fn read_field<'m>(field: &'m Field, data: &dyn DataSource) -> Result<FieldValue<'m>, BindError> {
    let error = |code| BindError {
        code,
        field: field.name.clone(),
    };
    match (field.kind, data.field(&field.name, field.max_length)) {
        (FieldType::Text, DataValue::TooLong) => Err(error(BindErrorCode::TooLong)),
        (FieldType::Text, DataValue::Text(text)) => {
            if char_count_exceeds(&text, field.max_length) {
                Err(error(BindErrorCode::TooLong))
            } else {
                Ok(FieldValue::Viewer(text))
            }
        }
        (_, DataValue::Missing | DataValue::Null) => match &field.default {
            Some(default) => Ok(FieldValue::Template(default)),
            None if field.required => Err(error(BindErrorCode::MissingField)),
            None => Ok(FieldValue::Template("")),
        },
        (FieldType::Text, DataValue::Number(_) | DataValue::Bool(_) | DataValue::Other) => {
            Err(error(BindErrorCode::WrongType))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::panic,
        reason = "tests"
    )]
    use super::*;
    use crate::json;
    use crate::json::{Map, Value};

    fn manifest() -> Manifest {
        Manifest::parse(
            r#"{
            "version": 1, "name": "t", "animation": "a.json",
            "fields": [
                { "name": "first_name", "type": "text", "required": true, "maxLength": 10 },
                { "name": "saving", "type": "text", "default": "plenty" },
                { "name": "note", "type": "text" }
            ],
            "bindings": [
                { "target": { "layer": "Greeting" }, "text": "Hi {first_name}!" },
                { "target": { "layer": "Saving" }, "text": "You saved {saving}{note}" }
            ]
        }"#,
        )
        .unwrap()
    }

    fn data(value: Value) -> Map {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn fills_every_target() {
        let bound = manifest()
            .bind(&data(
                json!({ "first_name": "Jane", "saving": "$1,234.56", "extra": 1 }),
            ))
            .unwrap();
        let texts: Vec<_> = bound
            .texts
            .iter()
            .map(|t| (t.target.clone(), t.text.expose()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (Target::Layer("Greeting".into()), "Hi Jane!"),
                (Target::Layer("Saving".into()), "You saved $1,234.56"),
            ]
        );
    }

    #[test]
    fn defaults_fill_missing_and_null_fields() {
        let bound = manifest()
            .bind(&data(json!({ "first_name": "Jane", "saving": null })))
            .unwrap();
        assert_eq!(bound.texts[1].text.expose(), "You saved plenty");
    }

    #[test]
    fn errors_name_the_field_never_the_value() {
        let m = manifest();
        let cases = [
            (json!({}), BindErrorCode::MissingField, "first_name"),
            (
                json!({ "first_name": null }),
                BindErrorCode::MissingField,
                "first_name",
            ),
            (
                json!({ "first_name": 42 }),
                BindErrorCode::WrongType,
                "first_name",
            ),
            (
                json!({ "first_name": ["CANARY"] }),
                BindErrorCode::WrongType,
                "first_name",
            ),
            (
                json!({ "first_name": "CANARY-TOO-LONG" }),
                BindErrorCode::TooLong,
                "first_name",
            ),
            (
                json!({ "first_name": "Jo", "note": true }),
                BindErrorCode::WrongType,
                "note",
            ),
        ];
        for (value, code, field) in cases {
            let err = m.bind(&data(value)).unwrap_err();
            assert_eq!((err.code, err.field.as_str()), (code, field));
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains("CANARY"), "{shown}");
        }
    }

    #[test]
    fn max_length_counts_characters_not_bytes() {
        // Ten characters, thirty bytes.
        let bound = manifest().bind(&data(json!({ "first_name": "日本語日本語日本語日" })));
        assert!(bound.is_ok());
    }

    #[test]
    fn bound_debug_is_redacted() {
        let bound = manifest()
            .bind(&data(json!({ "first_name": "CANARY" })))
            .unwrap();
        assert!(!format!("{bound:?}").contains("CANARY"));
    }

    #[test]
    fn the_accessible_description_is_bound_like_a_text() {
        let manifest = |text: &str| {
            Manifest::parse(
                &(String::from(
                    r#"{"version": 1, "name": "t", "animation": "a.json",
                    "fields": [{ "name": "first_name", "type": "text", "required": true }],
                    "bindings": [], "accessibleText": ""#,
                ) + text
                    + r#""}"#),
            )
        };
        let bound = manifest("A hello for {first_name}.")
            .unwrap()
            .bind(&data(json!({ "first_name": "Jane" })))
            .unwrap();
        assert_eq!(bound.description.as_deref(), Some("A hello for Jane."));
        let Err(crate::ManifestError::Invalid(problems)) = manifest("Hi {nobody}") else {
            panic!("an unknown field must be a problem")
        };
        assert_eq!(
            (problems[0].code, problems[0].path.as_str()),
            ("unknown-field", "accessibleText")
        );
    }
}
