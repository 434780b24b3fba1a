//! The template manifest (format version 1): which data fields a template
//! takes and where each one goes. Documented in `docs/manifest.md`.
//!
//! Owns parsing (strict: unknown keys are errors, so a designer's typo is
//! caught at load) and validation against the template's layers. Everything
//! here is template-side: no viewer data passes through this module.

use serde::Deserialize;

use crate::error::{ManifestError, Problem};
use crate::text_template::{TemplateSyntaxError, TextTemplate};

/// The manifest format version this engine reads.
pub const MANIFEST_VERSION: u64 = 1;

/// Upper bound for any field's `maxLength`, and the default when none is set.
const MAX_TEXT_CHARS: u32 = 1_000;

/// A parsed, self-consistent manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// Template name, for reports.
    pub name: String,
    /// Path of the Lottie JSON, relative to the manifest, inside the package.
    pub animation: String,
    /// The data fields, in declaration order.
    pub fields: Vec<Field>,
    /// Text targets, in declaration order.
    pub bindings: Vec<TextBinding>,
}

/// One data field that the template takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key in the INIT data object.
    pub name: String,
    /// What kind of value it holds.
    pub kind: FieldType,
    /// Whether INIT must provide it (when there is no default).
    pub required: bool,
    /// Used when the data lacks the field (template-side text).
    pub default: Option<String>,
    /// Longest accepted text, in Unicode scalar values.
    pub max_length: u32,
    /// An example value for previews (template-side text).
    pub sample: Option<String>,
}

/// The kinds of field the engine can bind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A string drawn as is.
    Text,
}

/// Where a binding's result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Every text layer with this Lottie `nm`, in any composition.
    Layer(String),
}

/// A text target: the layer(s) and the template that fills them.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBinding {
    /// Which layer(s) get the text.
    pub target: Target,
    /// The text, with `{field}` placeholders resolved to field indices.
    pub text: TextTemplate,
}

/// What the engine needs to know of one layer of the template, to check
/// targets. The player builds these from its Lottie model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutlineLayer<'a> {
    /// The layer's `nm`.
    pub name: &'a str,
    /// Its kind, as far as binding cares.
    pub kind: OutlineLayerKind,
}

/// Layer kinds, as far as binding cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineLayerKind {
    /// A text layer (Lottie `ty` 5).
    Text,
    /// Anything else.
    Other,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawManifest {
    version: u64,
    name: String,
    animation: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    fields: Vec<RawField>,
    #[serde(default)]
    bindings: Vec<RawBinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawField {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    default: Option<String>,
    #[serde(default)]
    max_length: Option<u32>,
    #[serde(default)]
    sample: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    target: RawTarget,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    layer: String,
}

#[derive(Deserialize)]
struct VersionOnly {
    version: u64,
}

impl Manifest {
    /// Parses and checks a manifest on its own (not yet against a template).
    pub fn parse(json: &str) -> Result<Self, ManifestError> {
        // Check the version first, so a newer manifest gets `manifest-version`
        // rather than a syntax error about keys this engine does not know.
        let version: VersionOnly =
            serde_json::from_str(json).map_err(|e| ManifestError::Syntax { line: e.line() })?;
        if version.version != MANIFEST_VERSION {
            return Err(ManifestError::UnsupportedVersion(version.version));
        }
        let raw: RawManifest =
            serde_json::from_str(json).map_err(|e| ManifestError::Syntax { line: e.line() })?;
        let _ = (raw.version, raw.description);

        let mut problems = Vec::new();
        if !is_package_path(&raw.animation) {
            problems.push(Problem {
                code: "path-outside-package",
                path: "animation".into(),
                name: String::new(),
            });
        }

        let mut fields: Vec<Field> = Vec::with_capacity(raw.fields.len());
        for (i, f) in raw.fields.into_iter().enumerate() {
            let path = |key: &str| format!("fields[{i}].{key}");
            if !is_field_name(&f.name) {
                problems.push(Problem {
                    code: "bad-field-name",
                    path: path("name"),
                    name: f.name.clone(),
                });
            }
            if fields.iter().any(|g| g.name == f.name) {
                problems.push(Problem {
                    code: "duplicate-field",
                    path: path("name"),
                    name: f.name.clone(),
                });
            }
            let kind = match f.kind.as_str() {
                "text" => FieldType::Text,
                _ => {
                    problems.push(Problem {
                        code: "unsupported-field-type",
                        path: path("type"),
                        name: f.name.clone(),
                    });
                    FieldType::Text
                }
            };
            let max_length = f.max_length.unwrap_or(MAX_TEXT_CHARS);
            if max_length == 0 || max_length > MAX_TEXT_CHARS {
                problems.push(Problem {
                    code: "bad-max-length",
                    path: path("maxLength"),
                    name: f.name.clone(),
                });
            }
            for (key, text) in [("default", &f.default), ("sample", &f.sample)] {
                if text
                    .as_ref()
                    .is_some_and(|t| char_count_exceeds(t, max_length))
                {
                    problems.push(Problem {
                        code: "too-long",
                        path: path(key),
                        name: f.name.clone(),
                    });
                }
            }
            fields.push(Field {
                name: f.name,
                kind,
                required: f.required,
                default: f.default,
                max_length,
                sample: f.sample,
            });
        }

        let mut bindings = Vec::with_capacity(raw.bindings.len());
        for (i, b) in raw.bindings.into_iter().enumerate() {
            let index = |name: &str| fields.iter().position(|f| f.name == name);
            let text = match TextTemplate::parse(&b.text, index) {
                Ok(t) => t,
                Err(e) => {
                    let (code, name) = match e {
                        TemplateSyntaxError::UnbalancedBrace => ("unbalanced-brace", String::new()),
                        TemplateSyntaxError::UnknownField(n) => ("unknown-field", n),
                    };
                    problems.push(Problem {
                        code,
                        path: format!("bindings[{i}].text"),
                        name,
                    });
                    TextTemplate::default()
                }
            };
            bindings.push(TextBinding {
                target: Target::Layer(b.target.layer),
                text,
            });
        }

        if problems.is_empty() {
            Ok(Self {
                name: raw.name,
                animation: raw.animation,
                fields,
                bindings,
            })
        } else {
            Err(ManifestError::Invalid(problems))
        }
    }

    /// Checks every target against the template's layers, before any data
    /// arrives. Returns every problem found (empty when the template fits).
    pub fn validate(&self, layers: &[OutlineLayer<'_>]) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (i, binding) in self.bindings.iter().enumerate() {
            let Target::Layer(name) = &binding.target;
            let mut matching = layers.iter().filter(|l| l.name == name).peekable();
            if matching.peek().is_none() {
                problems.push(Problem {
                    code: "unknown-layer",
                    path: format!("bindings[{i}].target.layer"),
                    name: name.clone(),
                });
            } else if matching.any(|l| l.kind != OutlineLayerKind::Text) {
                problems.push(Problem {
                    code: "not-a-text-layer",
                    path: format!("bindings[{i}].target.layer"),
                    name: name.clone(),
                });
            }
        }
        problems
    }

    /// The index of the field called `name`.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

/// Field names are identifiers: they appear in `{…}` placeholders and in
/// error payloads, so keep them plain.
fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 64
}

/// Whether `path` is a relative path that stays inside the template package: no scheme, no
/// leading slash, no `.` or `..` segment, no backslash, no query.
pub fn is_package_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 256
        && path.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        })
}

pub(crate) fn char_count_exceeds(text: &str, max: u32) -> bool {
    // Bytes bound chars from above: skip the count for short strings.
    text.len() > max as usize && text.chars().count() > max as usize
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

    const GREETING: &str = r#"{
        "version": 1,
        "name": "greeting",
        "animation": "animation.json",
        "fields": [
            { "name": "first_name", "type": "text", "required": true, "maxLength": 20, "sample": "Jane" },
            { "name": "saving", "type": "text", "default": "a lot" }
        ],
        "bindings": [
            { "target": { "layer": "Greeting" }, "text": "Hi {first_name}!" },
            { "target": { "layer": "Saving" }, "text": "You saved {saving}" }
        ]
    }"#;

    fn codes(err: ManifestError) -> Vec<(&'static str, String)> {
        match err {
            ManifestError::Invalid(problems) => {
                problems.into_iter().map(|p| (p.code, p.path)).collect()
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn parses_the_greeting_manifest() {
        let m = Manifest::parse(GREETING).unwrap();
        assert_eq!(m.animation, "animation.json");
        assert_eq!(m.fields.len(), 2);
        assert!(m.fields[0].required);
        assert_eq!(m.fields[0].max_length, 20);
        assert_eq!(m.fields[1].max_length, MAX_TEXT_CHARS);
        assert_eq!(m.bindings[1].text.fields().collect::<Vec<_>>(), vec![1]);
        assert_eq!(m.field_index("saving"), Some(1));
    }

    #[test]
    fn rejects_other_versions_and_bad_json() {
        let newer = GREETING.replace("\"version\": 1", "\"version\": 2");
        assert_eq!(
            Manifest::parse(&newer),
            Err(ManifestError::UnsupportedVersion(2))
        );
        assert_eq!(Manifest::parse("{").unwrap_err().code(), "manifest-syntax");
        assert_eq!(Manifest::parse("[]").unwrap_err().code(), "manifest-syntax");
        let typo = GREETING.replace("\"required\"", "\"requierd\"");
        assert_eq!(
            Manifest::parse(&typo).unwrap_err().code(),
            "manifest-syntax"
        );
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let bad = GREETING
            .replace("animation.json", "../secrets.json")
            .replace(
                "\"saving\", \"type\": \"text\"",
                "\"saving\", \"type\": \"money\"",
            )
            .replace("Hi {first_name}!", "Hi {name}!");
        assert_eq!(
            codes(Manifest::parse(&bad).unwrap_err()),
            vec![
                ("path-outside-package", "animation".to_owned()),
                ("unsupported-field-type", "fields[1].type".to_owned()),
                ("unknown-field", "bindings[0].text".to_owned()),
            ]
        );
    }

    #[test]
    fn package_paths_stay_inside() {
        for ok in ["a.json", "anim/main-1.json"] {
            assert!(is_package_path(ok), "{ok}");
        }
        for bad in [
            "",
            "/a.json",
            "../a.json",
            "a/../../b",
            "https://x/a.json",
            "a\\b",
            "./a",
            "a?x=1",
        ] {
            assert!(!is_package_path(bad), "{bad}");
        }
    }

    #[test]
    fn validates_targets_against_layers() {
        let m = Manifest::parse(GREETING).unwrap();
        let text = |name| OutlineLayer {
            name,
            kind: OutlineLayerKind::Text,
        };
        assert!(m.validate(&[text("Greeting"), text("Saving")]).is_empty());

        let problems = m.validate(&[
            text("Greeting"),
            OutlineLayer {
                name: "Saving",
                kind: OutlineLayerKind::Other,
            },
        ]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "not-a-text-layer");
        assert_eq!(problems[0].path, "bindings[1].target.layer");

        let problems = m.validate(&[text("Greeting")]);
        assert_eq!(problems[0].code, "unknown-layer");
        assert_eq!(problems[0].name, "Saving");
    }
}
