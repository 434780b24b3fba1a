//! Resolving a manifest: raw declarations (`read.rs`) into a [`Manifest`],
//! and [`Manifest::parse`], which does both.
//!
//! Owns the checks that need more than one value: paths inside the
//! package, the asset list, fields in order (`field.rs` judges each),
//! bindings' references to fields, text placeholders, a choice's variants,
//! and the limits on counts and lengths. Problems are appended in a fixed
//! order (paths, assets, fields, bindings, the accessible text, counts),
//! after those found while reading; the order is part of the output, so keep
//! it. Template-side only: never sees viewer data, never logs, never
//! touches a web API.

use crate::chars::char_count;
use crate::error::{ManifestError, Problem};
use crate::field::{self, Field, FieldType, RawField, MAX_OPTION_CHARS};
use crate::json_reader::{index, join};
use crate::manifest::{
    is_package_path, Asset, Binding, Manifest, Property, Source, MAX_BINDINGS, MAX_BOUND_CHARS,
    MAX_FIELDS,
};
use crate::read::{read, RawBinding, RawManifest};
use crate::text_template::{Segment, TemplateSyntaxError, TextTemplate};

impl Manifest {
    /// Parses and checks a manifest on its own (not yet against a template).
    pub fn parse(json: &str) -> Result<Self, ManifestError> {
        resolve(read(json)?)
    }
}

/// `raw` as a manifest, or every problem found in it (reading's first).
fn resolve(raw: RawManifest) -> Result<Manifest, ManifestError> {
    let mut problems = raw.problems;
    let animation = raw.animation.unwrap_or_default();
    check_paths(
        &animation,
        raw.captions.as_deref(),
        raw.video.as_deref(),
        &mut problems,
    );
    check_assets(&raw.assets, &mut problems);
    let fields = resolve_fields(raw.fields, &mut problems);
    let bindings = resolve_bindings(raw.bindings, &fields, &mut problems);
    let accessible_text = raw.accessible_text.map(|text| {
        let (text, mut found) = text_template(&text, &fields, "accessibleText");
        problems.append(&mut found);
        text
    });
    check_counts(fields.len(), bindings.len(), &mut problems);
    if problems.is_empty() {
        Ok(Manifest {
            name: raw.name,
            animation,
            fields,
            bindings,
            accessible_text,
            captions: raw.captions,
            video: raw.video,
            locale: raw.locale,
            assets: raw.assets,
            player: raw.player,
            interactive: raw.interactive,
        })
    } else {
        Err(ManifestError::Invalid(problems))
    }
}

/// The files the manifest names stay inside the package.
fn check_paths(
    animation: &str,
    captions: Option<&str>,
    video: Option<&str>,
    problems: &mut Vec<Problem>,
) {
    for (key, path) in [
        ("animation", Some(animation)),
        ("captions", captions),
        ("video", video),
    ] {
        if path.is_some_and(|p| !p.is_empty() && !is_package_path(p)) {
            problems.push(Problem {
                code: "path-outside-package",
                path: key.into(),
                name: String::new(),
            });
        }
    }
}

/// Each listed file: inside the package, listed once, with a SHA-256.
/// Whether each file the player fetches is listed is checked when it is
/// fetched (the animation names fonts and images of its own).
fn check_assets(assets: &[Asset], problems: &mut Vec<Problem>) {
    for (i, asset) in assets.iter().enumerate() {
        let hex =
            |s: &str| s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        let problem = if !is_package_path(&asset.path) {
            Some(("path-outside-package", "path"))
        } else if assets.iter().take(i).any(|a| a.path == asset.path) {
            Some(("duplicate-asset", "path"))
        } else if !hex(&asset.sha256) {
            Some(("bad-sha256", "sha256"))
        } else {
            None
        };
        if let Some((code, key)) = problem {
            problems.push(Problem {
                code,
                path: join(&index("assets", i), key),
                name: asset.path.clone(),
            });
        }
    }
}

/// The fields in order, each judged after the ones before it (names are
/// unique). Problems name each field by its index as written (`at`), which
/// is not its place in `raw` when an earlier entry was not an object.
fn resolve_fields(raw: Vec<RawField>, problems: &mut Vec<Problem>) -> Vec<Field> {
    let mut fields: Vec<Field> = Vec::with_capacity(raw.len());
    for f in raw {
        let at = f.at;
        let field = field::resolve(f, at, &fields, problems);
        fields.push(field);
    }
    fields
}

/// The bindings with their fields and placeholders resolved to indices; a
/// `variants` binding becomes one binding per variant.
fn resolve_bindings(
    raw: Vec<RawBinding>,
    fields: &[Field],
    problems: &mut Vec<Problem>,
) -> Vec<Binding> {
    let mut bindings = Vec::with_capacity(raw.len());
    for mut b in raw {
        let path = core::mem::take(&mut b.path);
        let field = b
            .field
            .as_deref()
            .map(|name| binding_field(&b, name, fields, &path, problems));
        if b.has_variants {
            resolve_variants(
                b,
                field.unwrap_or(0),
                fields,
                &path,
                problems,
                &mut bindings,
            );
            continue;
        }
        let source = match (b.text, field) {
            (Some(text), _) => {
                let (text, mut found) = text_template(&text, fields, &join(&path, "text"));
                problems.append(&mut found);
                Source::Text(text)
            }
            (None, Some(field)) if b.has_values => Source::Values {
                field,
                #[cfg(feature = "values")]
                values: option_values(b.values, field, fields, &path, problems),
            },
            (None, Some(field)) => Source::Field(field),
            (None, None) => Source::Text(TextTemplate::default()),
        };
        bindings.push(Binding {
            target: b.target,
            property: b.property,
            source,
            fit: b.fit,
            path: join(&path, "target"),
        });
    }
    bindings
}

/// The index of binding `b`'s field `name` (0 when there is none: the
/// problem is reported), which must suit its property or its variants.
fn binding_field(
    b: &RawBinding,
    name: &str,
    fields: &[Field],
    path: &str,
    problems: &mut Vec<Problem>,
) -> usize {
    let found = fields.iter().position(|f| f.name == name);
    let problem = match found.and_then(|f| fields.get(f)) {
        None => Some("unknown-field"),
        Some(f) if b.has_variants || b.has_values => {
            (f.kind != FieldType::Choice).then_some("wrong-field-type")
        }
        Some(f) => (!b.property.takes(f.kind)).then_some("wrong-field-type"),
    };
    if let Some(code) = problem {
        problems.push(Problem {
            code,
            path: join(path, "field"),
            name: name.to_owned(),
        });
    }
    found.unwrap_or(0)
}

/// One binding per variant of choice `field`: its layers shown for its
/// option only. Every option needs a variant; a variant needs an option.
fn resolve_variants(
    b: RawBinding,
    field: usize,
    fields: &[Field],
    path: &str,
    problems: &mut Vec<Problem>,
    bindings: &mut Vec<Binding>,
) {
    let options = fields.get(field).map_or(&[][..], |f| &f.options[..]);
    for option_name in options {
        if !b.variants.iter().any(|(o, _, _)| o == option_name) {
            problems.push(Problem {
                code: "missing-variant",
                path: join(path, "variants"),
                name: option_name.clone(),
            });
        }
    }
    for (option_name, target, target_path) in b.variants {
        let Some(option) = options.iter().position(|o| *o == option_name) else {
            problems.push(Problem {
                code: "unknown-option",
                path: target_path,
                name: option_name,
            });
            continue;
        };
        bindings.push(Binding {
            target,
            property: Property::Visible,
            source: Source::Variant { field, option },
            fit: None,
            path: target_path,
        });
    }
}

#[cfg(feature = "values")]
/// A `values` binding's values (`raw`, of binding `path`), one per option
/// of choice `field`: a number, a colour string or another string (else
/// `bad-value`), under a key that is an option (else `unknown-option`); an
/// option without one keeps the file's value.
fn option_values(
    raw: Option<crate::json::Value>,
    field: usize,
    fields: &[Field],
    path: &str,
    problems: &mut Vec<Problem>,
) -> Vec<crate::manifest::SlotValue> {
    use crate::json::{Map, Value};
    use crate::manifest::SlotValue;
    let options = fields.get(field).map_or(&[][..], |f| &f.options[..]);
    let mut values: Vec<SlotValue> = options.iter().map(|_| SlotValue::Keep).collect();
    let path = join(path, "values");
    let given = match raw {
        Some(Value::Object(given)) => given,
        _ => Map::new(),
    };
    for (option, value) in given.iter() {
        let slot = options
            .iter()
            .position(|o| o == option)
            .and_then(|i| values.get_mut(i));
        let value = match value {
            Value::Number(n) if n.is_finite() => Some(SlotValue::Number(*n)),
            Value::String(s) => Some(
                field::parse_color(s).map_or_else(|| SlotValue::Text(s.clone()), SlotValue::Color),
            ),
            _ => None,
        };
        let code = match (slot, value) {
            (Some(slot), Some(value)) => {
                *slot = value;
                continue;
            }
            (_, None) => "bad-value",
            (None, Some(_)) => "unknown-option",
        };
        problems.push(Problem {
            code,
            path: join(&path, option),
            name: option.clone(),
        });
    }
    values
}

/// Not more fields or bindings than the limits.
fn check_counts(fields: usize, bindings: usize, problems: &mut Vec<Problem>) {
    for (key, count, max) in [
        ("fields", fields, MAX_FIELDS),
        ("bindings", bindings, MAX_BINDINGS),
    ] {
        if count > max {
            problems.push(Problem {
                code: "too-many",
                path: key.into(),
                name: String::new(),
            });
        }
    }
}

/// `text` as a template over `fields`, and the problems found in it (at
/// `path`): bad braces, unknown fields, a result that could be too long.
pub(crate) fn text_template(
    text: &str,
    fields: &[Field],
    path: &str,
) -> (TextTemplate, Vec<Problem>) {
    let mut problems = Vec::new();
    let field_index = |name: &str| fields.iter().position(|f| f.name == name);
    let template = match TextTemplate::parse(text, &field_index) {
        Ok(t) => t,
        Err(e) => {
            let (code, name) = match e {
                TemplateSyntaxError::UnbalancedBrace => ("unbalanced-brace", String::new()),
                TemplateSyntaxError::UnknownField(n) => ("unknown-field", n),
            };
            problems.push(Problem {
                code,
                path: path.to_owned(),
                name,
            });
            TextTemplate::default()
        }
    };
    // Colours, flags and images are not words: they set properties.
    for segment in &template.segments {
        if let Segment::Field(f) = segment {
            if let Some(f) = fields.get(*f).filter(|f| {
                matches!(
                    f.kind,
                    FieldType::Color | FieldType::Boolean | FieldType::Image
                )
            }) {
                problems.push(Problem {
                    code: "wrong-field-type",
                    path: path.to_owned(),
                    name: f.name.clone(),
                });
            }
        }
    }
    let longest: usize = template
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(s) => char_count(s),
            Segment::Field(f) => fields.get(*f).map_or(0, |f| match f.kind {
                FieldType::Text => f.max_length as usize,
                FieldType::Choice => MAX_OPTION_CHARS,
                // A written number or date: far less in every locale.
                _ => 64,
            }),
        })
        .sum();
    if longest > MAX_BOUND_CHARS {
        problems.push(Problem {
            code: "text-too-long",
            path: path.to_owned(),
            name: String::new(),
        });
    }
    (template, problems)
}
