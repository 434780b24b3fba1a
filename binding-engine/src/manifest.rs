//! The template manifest (format version 1): which data fields a template
//! takes and where each one goes. Documented in `docs/manifest.md`.
//!
//! Owns parsing (strict: unknown keys are errors, so a designer's typo is
//! caught at load) and validation against the template's layers. Everything
//! here is template-side: no viewer data passes through this module.

use crate::json::{self, Value};

use crate::error::{ManifestError, Problem};
use crate::format::{DateStyle, NumberFormat, NumberStyle};
use crate::json_reader::{index, join, Reader};
use crate::text_template::{Segment, TemplateSyntaxError, TextTemplate};

/// The manifest format version this engine reads.
pub const MANIFEST_VERSION: u64 = 1;

/// Upper bound for any field's `maxLength`, and the default when none is set.
const MAX_TEXT_CHARS: u32 = 1_000;
/// Most fields one manifest may declare.
pub const MAX_FIELDS: usize = 256;
/// Most bindings one manifest may declare.
pub const MAX_BINDINGS: usize = 1_024;
/// Longest text one binding can produce, counting each placeholder at its
/// field's `maxLength`: bounds what a template can make the player build.
pub const MAX_BOUND_CHARS: usize = 10_000;

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
    /// The video's accessible description (`accessibleText`), with the same
    /// placeholders as a binding: what a screen reader says for the canvas.
    pub accessible_text: Option<TextTemplate>,
    /// Path of the WebVTT captions inside the package (`captions`), whose
    /// cues may use the same placeholders.
    pub captions: Option<String>,
    /// Path of a background video inside the package (`video`): played under
    /// the animation, whose time then follows the video's.
    pub video: Option<String>,
    /// The locale numbers and dates are written in when INIT gives none
    /// (a BCP 47 tag, `locale`).
    pub locale: Option<String>,
    /// Every file of the package but the manifest, with its size and
    /// SHA-256 (`assets`): the player fetches nothing else and checks each.
    pub assets: Vec<Asset>,
}

/// One file of the template package, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path inside the package.
    pub path: String,
    /// Size in bytes.
    pub size: u32,
    /// SHA-256 of the bytes, 64 lower-case hex digits.
    pub sha256: String,
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
    /// Used when the data lacks the field: a value of the field's type
    /// (template-side, checked like data when the manifest is read).
    pub default: Option<Value>,
    /// Longest accepted text, in Unicode scalar values (text fields).
    pub max_length: u32,
    /// Smallest and largest accepted number (number fields), inclusive.
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    /// An example value for previews, of the field's type.
    pub sample: Option<Value>,
}

/// The kinds of field the engine can bind, and how each is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A string drawn as is (`"type": "text"`).
    Text,
    /// A JSON number written for the viewer's locale (`"number"`,
    /// `"currency"` with its ISO 4217 `currency`, `"percent"`).
    Number(NumberFormat),
    /// A `YYYY-MM-DD` string written as a date of the viewer's locale
    /// (`"date"`, with `dateStyle`).
    Date(DateStyle),
}

/// Where a binding's result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Every text layer with this Lottie `nm`, in any composition.
    Layer(String),
    /// Every text layer with this Lottie `ln` (After Effects' layer id,
    /// which survives renaming a layer), in any composition.
    LayerId(String),
}

impl Target {
    /// Whether `layer` is (one of) this target's layers.
    pub fn matches(&self, layer: &OutlineLayer<'_>) -> bool {
        match self {
            Target::Layer(name) => layer.name == name,
            Target::LayerId(id) => layer.id == Some(id.as_str()),
        }
    }

    /// The manifest key it was given by, and its value.
    fn key_and_name(&self) -> (&'static str, &str) {
        match self {
            Target::Layer(name) => ("target.layer", name),
            Target::LayerId(id) => ("target.ln", id),
        }
    }
}

/// A text target: the layer(s) and the template that fills them.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBinding {
    /// Which layer(s) get the text.
    pub target: Target,
    /// The text, with `{field}` placeholders resolved to field indices.
    pub text: TextTemplate,
    /// How the text adapts when it is too long for its room (`fit`).
    pub fit: Option<TextFit>,
}

/// How a bound text fits its room: shrink down to `min_size`, keep to
/// `max_lines`, cut with `…` when even that is not enough. The room is the
/// text box of box text, `max_width` for point text (text units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextFit {
    /// The smallest font size it may shrink to (`minSize`); none: no
    /// shrinking.
    pub min_size: Option<f64>,
    /// The most lines (`maxLines`).
    pub max_lines: Option<u32>,
    /// Point text: the widest a line may be (`maxWidth`).
    pub max_width: Option<f64>,
    /// Cut with `…` when it does not fit at the smallest size (`ellipsis`).
    pub ellipsis: bool,
}

/// What the engine needs to know of one layer of the template, to check
/// targets. The player builds these from its Lottie model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutlineLayer<'a> {
    /// The layer's `nm`.
    pub name: &'a str,
    /// The layer's `ln`, if it has one.
    pub id: Option<&'a str>,
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

/// Keys a version 1 manifest may have, per object.
const MANIFEST_KEYS: &[&str] = &[
    "version",
    "name",
    "description",
    "animation",
    "fields",
    "bindings",
    "accessibleText",
    "captions",
    "video",
    "locale",
    "assets",
];
const ASSET_KEYS: &[&str] = &["path", "size", "sha256"];
const FIELD_KEYS: &[&str] = &[
    "name",
    "type",
    "required",
    "default",
    "maxLength",
    "sample",
    "currency",
    "decimals",
    "minimum",
    "maximum",
    "dateStyle",
];
const BINDING_KEYS: &[&str] = &["target", "text", "fit"];
const FIT_KEYS: &[&str] = &["minSize", "maxLines", "maxWidth", "ellipsis"];
const TARGET_KEYS: &[&str] = &["layer", "ln"];

struct RawField {
    name: String,
    kind: String,
    required: bool,
    default: Option<Value>,
    max_length: Option<u32>,
    sample: Option<Value>,
    currency: Option<String>,
    decimals: Option<u32>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    date_style: Option<String>,
}

struct RawBinding {
    target: Target,
    text: String,
    fit: Option<TextFit>,
}

impl Manifest {
    /// Parses and checks a manifest on its own (not yet against a template).
    pub fn parse(json: &str) -> Result<Self, ManifestError> {
        let doc: Value = json::parse(json).map_err(|e| ManifestError::Syntax { line: e.line })?;
        let root = doc.as_object().ok_or(ManifestError::Syntax { line: 1 })?;
        // The version first: a newer manifest gets `manifest-version`, not a
        // list of keys this engine does not know.
        match root.get("version").map(Value::as_u64) {
            Some(Some(MANIFEST_VERSION)) => {}
            Some(Some(other)) => return Err(ManifestError::UnsupportedVersion(other)),
            _ => {
                return Err(ManifestError::Invalid(vec![Problem {
                    code: "missing-key",
                    path: "version".into(),
                    name: "version".into(),
                }]))
            }
        }
        let mut r = Reader::default();
        r.known_keys(root, "", MANIFEST_KEYS);
        let name = r.string(root, "", "name", true).unwrap_or_default();
        let animation = r.string(root, "", "animation", true);
        let _description = r.string(root, "", "description", false);
        let accessible_text = r.string(root, "", "accessibleText", false);
        let captions = r.string(root, "", "captions", false);
        let video = r.string(root, "", "video", false);
        let locale = r.string(root, "", "locale", false);
        if locale.as_deref().is_some_and(|l| !is_locale_tag(l)) {
            r.problem("bad-locale", "locale".into(), "");
        }
        let assets: Vec<Asset> = r
            .array(root, "", "assets")
            .iter()
            .enumerate()
            .filter_map(|(i, value)| {
                let path = index("assets", i);
                let obj = r.object(value, &path)?;
                r.known_keys(obj, &path, ASSET_KEYS);
                Some(Asset {
                    path: r.string(obj, &path, "path", true).unwrap_or_default(),
                    size: r.uint(obj, &path, "size").unwrap_or(0),
                    sha256: r.string(obj, &path, "sha256", true).unwrap_or_default(),
                })
            })
            .collect();
        let raw_fields: Vec<RawField> = r
            .array(root, "", "fields")
            .iter()
            .enumerate()
            .filter_map(|(i, value)| {
                let path = index("fields", i);
                let obj = r.object(value, &path)?;
                r.known_keys(obj, &path, FIELD_KEYS);
                Some(RawField {
                    name: r.string(obj, &path, "name", true).unwrap_or_default(),
                    kind: r.string(obj, &path, "type", true).unwrap_or_default(),
                    required: r.boolean(obj, &path, "required").unwrap_or(false),
                    default: obj.get("default").cloned(),
                    max_length: r.uint(obj, &path, "maxLength"),
                    sample: obj.get("sample").cloned(),
                    currency: r.string(obj, &path, "currency", false),
                    decimals: r.uint(obj, &path, "decimals"),
                    minimum: r.number(obj, &path, "minimum"),
                    maximum: r.number(obj, &path, "maximum"),
                    date_style: r.string(obj, &path, "dateStyle", false),
                })
            })
            .collect();
        let raw_bindings: Vec<RawBinding> = r
            .array(root, "", "bindings")
            .iter()
            .enumerate()
            .filter_map(|(i, value)| {
                let path = index("bindings", i);
                let obj = r.object(value, &path)?;
                r.known_keys(obj, &path, BINDING_KEYS);
                let target_path = join(&path, "target");
                // A layer by name (`layer`) or by id (`ln`): exactly one.
                let target = r.child(obj, &path, "target").map(|target| {
                    r.known_keys(target, &target_path, TARGET_KEYS);
                    match (target.get("layer"), target.get("ln")) {
                        (Some(_), Some(_)) => {
                            r.problem("bad-target", target_path.clone(), "");
                            Target::Layer(String::new())
                        }
                        // Neither: `layer` is missing, as before `ln` existed.
                        (_, None) => Target::Layer(
                            r.string(target, &target_path, "layer", true)
                                .unwrap_or_default(),
                        ),
                        (None, Some(_)) => Target::LayerId(
                            r.string(target, &target_path, "ln", true)
                                .unwrap_or_default(),
                        ),
                    }
                });
                let fit_path = join(&path, "fit");
                let fit = obj.get("fit").and_then(|fit| {
                    let fit = r.object(fit, &fit_path)?;
                    r.known_keys(fit, &fit_path, FIT_KEYS);
                    let positive = |r: &mut Reader, key: &str| {
                        let n = r.number(fit, &fit_path, key);
                        if n.is_some_and(|n| !(n > 0.0 && n.is_finite())) {
                            r.problem("bad-fit", join(&fit_path, key), key);
                        }
                        n
                    };
                    let min_size = positive(&mut r, "minSize");
                    let max_width = positive(&mut r, "maxWidth");
                    let max_lines = r.uint(fit, &fit_path, "maxLines");
                    if max_lines == Some(0) {
                        r.problem("bad-fit", join(&fit_path, "maxLines"), "maxLines");
                    }
                    Some(TextFit {
                        min_size,
                        max_lines,
                        max_width,
                        ellipsis: r.boolean(fit, &fit_path, "ellipsis").unwrap_or(false),
                    })
                });
                Some(RawBinding {
                    target: target.unwrap_or(Target::Layer(String::new())),
                    text: r.string(obj, &path, "text", true).unwrap_or_default(),
                    fit,
                })
            })
            .collect();
        let mut problems = r.problems;
        let animation = animation.unwrap_or_default();
        for (key, path) in [
            ("animation", Some(&animation)),
            ("captions", captions.as_ref()),
            ("video", video.as_ref()),
        ] {
            if path.is_some_and(|p| !p.is_empty() && !is_package_path(p)) {
                problems.push(Problem {
                    code: "path-outside-package",
                    path: key.into(),
                    name: String::new(),
                });
            }
        }
        // Whether each file the player fetches is listed is checked when it
        // is fetched (the animation names fonts and images of its own).
        for (i, asset) in assets.iter().enumerate() {
            let hex = |s: &str| {
                s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            };
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

        let mut fields: Vec<Field> = Vec::with_capacity(raw_fields.len());
        for (i, f) in raw_fields.into_iter().enumerate() {
            let path = |key: &str| join(&index("fields", i), key);
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
            let kind = field_type(&f, &mut |code, key| {
                problems.push(Problem {
                    code,
                    path: path(key),
                    name: f.name.clone(),
                });
            });
            // A key of another type is a mistake (a `currency` on a number).
            let keys_of_type: &[&str] = match f.kind.as_str() {
                "text" => &["maxLength"],
                "currency" => &["currency", "decimals", "minimum", "maximum"],
                "number" | "percent" => &["decimals", "minimum", "maximum"],
                "date" => &["dateStyle"],
                _ => &[],
            };
            for (key, present) in [
                ("maxLength", f.max_length.is_some()),
                ("currency", f.currency.is_some()),
                ("decimals", f.decimals.is_some()),
                ("minimum", f.minimum.is_some()),
                ("maximum", f.maximum.is_some()),
                ("dateStyle", f.date_style.is_some()),
            ] {
                if present && !keys_of_type.contains(&key) {
                    problems.push(Problem {
                        code: "key-not-for-type",
                        path: path(key),
                        name: f.name.clone(),
                    });
                }
            }
            let max_length = f.max_length.unwrap_or(MAX_TEXT_CHARS);
            if max_length == 0 || max_length > MAX_TEXT_CHARS {
                problems.push(Problem {
                    code: "bad-max-length",
                    path: path("maxLength"),
                    name: f.name.clone(),
                });
            }
            if let (Some(min), Some(max)) = (f.minimum, f.maximum) {
                if min > max {
                    problems.push(Problem {
                        code: "bad-range",
                        path: path("minimum"),
                        name: f.name.clone(),
                    });
                }
            }
            let field = Field {
                name: f.name,
                kind,
                required: f.required,
                default: f.default,
                max_length,
                minimum: f.minimum,
                maximum: f.maximum,
                sample: f.sample,
            };
            // Defaults and samples are checked as data would be.
            for (key, value) in [("default", &field.default), ("sample", &field.sample)] {
                let Some(value) = value else { continue };
                if let Err(code) = crate::bind::check_value(&field, value) {
                    problems.push(Problem {
                        code: code.as_str(),
                        path: path(key),
                        name: field.name.clone(),
                    });
                }
            }
            fields.push(field);
        }

        let mut bindings = Vec::with_capacity(raw_bindings.len());
        for (i, b) in raw_bindings.into_iter().enumerate() {
            let (text, mut found) =
                text_template(&b.text, &fields, &join(&index("bindings", i), "text"));
            problems.append(&mut found);
            bindings.push(TextBinding {
                target: b.target,
                text,
                fit: b.fit,
            });
        }
        let accessible_text = accessible_text.map(|text| {
            let (text, mut found) = text_template(&text, &fields, "accessibleText");
            problems.append(&mut found);
            text
        });
        for (key, count, max) in [
            ("fields", fields.len(), MAX_FIELDS),
            ("bindings", bindings.len(), MAX_BINDINGS),
        ] {
            if count > max {
                problems.push(Problem {
                    code: "too-many",
                    path: key.into(),
                    name: String::new(),
                });
            }
        }

        if problems.is_empty() {
            Ok(Self {
                name,
                animation,
                fields,
                bindings,
                accessible_text,
                captions,
                video,
                locale,
                assets,
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
            let (key, name) = binding.target.key_and_name();
            let mut matching = layers
                .iter()
                .filter(|l| binding.target.matches(l))
                .peekable();
            let code = if matching.peek().is_none() {
                "unknown-layer"
            } else if matching.any(|l| l.kind != OutlineLayerKind::Text) {
                "not-a-text-layer"
            } else {
                continue;
            };
            problems.push(Problem {
                code,
                path: join(&index("bindings", i), key),
                name: name.to_owned(),
            });
        }
        problems
    }

    /// The listed file at `path`, if any.
    pub fn asset(&self, path: &str) -> Option<&Asset> {
        self.assets.iter().find(|a| a.path == path)
    }

    /// The index of the field called `name`.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

/// The type of field `f` with its format, reporting bad types, currency
/// codes, decimals and date styles through `problem(code, key)`.
fn field_type(f: &RawField, problem: &mut dyn FnMut(&'static str, &str)) -> FieldType {
    let number = |style| {
        let decimals = f.decimals.map(|d| d.min(20) as u8);
        FieldType::Number(NumberFormat { style, decimals })
    };
    if f.decimals.is_some_and(|d| d > 20) {
        problem("bad-decimals", "decimals");
    }
    match f.kind.as_str() {
        "text" => FieldType::Text,
        "number" => number(NumberStyle::Decimal),
        "percent" => number(NumberStyle::Percent),
        "currency" => {
            let code = f.currency.as_deref().unwrap_or_default().as_bytes();
            match <[u8; 3]>::try_from(code) {
                Ok(code) if code.iter().all(u8::is_ascii_uppercase) => {
                    number(NumberStyle::Currency(code))
                }
                _ => {
                    problem("bad-currency", "currency");
                    FieldType::Text
                }
            }
        }
        "date" => match f.date_style.as_deref() {
            None => FieldType::Date(DateStyle::Medium),
            Some(name) => DateStyle::from_name(name).map_or_else(
                || {
                    problem("bad-date-style", "dateStyle");
                    FieldType::Text
                },
                FieldType::Date,
            ),
        },
        _ => {
            problem("unsupported-field-type", "type");
            FieldType::Text
        }
    }
}

/// A BCP 47 language tag, as far as a manifest needs checking: letters,
/// digits and hyphens, starting with a 2–8 letter language subtag. The
/// platform decides what it supports.
fn is_locale_tag(tag: &str) -> bool {
    let language = tag.split('-').next().unwrap_or_default();
    (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Field names are identifiers: they appear in `{…}` placeholders and in
/// error payloads, so keep them plain.
fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 64
}

/// `text` as a template over `fields`, and the problems found in it (at
/// `path`): bad braces, unknown fields, a result that could be too long.
fn text_template(text: &str, fields: &[Field], path: &str) -> (TextTemplate, Vec<Problem>) {
    let mut problems = Vec::new();
    let field_index = |name: &str| fields.iter().position(|f| f.name == name);
    let template = match TextTemplate::parse(text, field_index) {
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
    let longest: usize = template
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(s) => s.chars().count(),
            Segment::Field(f) => fields.get(*f).map_or(0, |f| match f.kind {
                FieldType::Text => f.max_length as usize,
                // A written number or date: far less in every locale.
                FieldType::Number(_) | FieldType::Date(_) => 64,
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
        assert_eq!(
            Manifest::parse("{}").unwrap_err().code(),
            "manifest-invalid"
        );
    }

    #[test]
    fn unknown_keys_and_bad_values_are_reported_with_paths() {
        let bad = GREETING
            .replace("\"required\"", "\"requierd\"")
            .replace("\"maxLength\": 20", "\"maxLength\": -3")
            .replace("{ \"layer\": \"Saving\" }", "{ \"layr\": \"Saving\" }");
        assert_eq!(
            codes(Manifest::parse(&bad).unwrap_err()),
            vec![
                ("unknown-key", "fields[0].requierd".to_owned()),
                ("bad-value", "fields[0].maxLength".to_owned()),
                ("unknown-key", "bindings[1].target.layr".to_owned()),
                ("missing-key", "bindings[1].target.layer".to_owned()),
            ]
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
        let assets = GREETING.replacen(
            '{',
            r#"{"assets": [
                { "path": "animation.json", "size": 10, "sha256": "0000000000000000000000000000000000000000000000000000000000000000" },
                { "path": "animation.json", "size": 10, "sha256": "0000000000000000000000000000000000000000000000000000000000000000" },
                { "path": "../x", "size": 1, "sha256": "00" },
                { "path": "fonts/a.woff", "size": 1, "sha256": "ABCDEF0000000000000000000000000000000000000000000000000000000000" }
            ],"#,
            1,
        );
        assert_eq!(
            codes(Manifest::parse(&assets).unwrap_err()),
            vec![
                ("duplicate-asset", "assets[1].path".to_owned()),
                ("path-outside-package", "assets[2].path".to_owned()),
                ("bad-sha256", "assets[3].sha256".to_owned()),
            ]
        );
        // Captions, too, stay inside the package.
        let captions =
            GREETING.replacen('{', r#"{"captions": "https://elsewhere.example/c.vtt","#, 1);
        assert_eq!(
            codes(Manifest::parse(&captions).unwrap_err()),
            vec![("path-outside-package", "captions".to_owned())]
        );
        let video = GREETING.replacen('{', r#"{"video": "../other/footage.webm","#, 1);
        assert_eq!(
            codes(Manifest::parse(&video).unwrap_err()),
            vec![("path-outside-package", "video".to_owned())]
        );
        let inside = GREETING.replacen('{', r#"{"captions": "captions/en.vtt","#, 1);
        assert_eq!(
            Manifest::parse(&inside).unwrap().captions.as_deref(),
            Some("captions/en.vtt")
        );
    }

    #[test]
    fn bindings_cannot_build_unbounded_texts() {
        // Eleven placeholders of a 1,000-character field: up to 11,000 characters.
        let many = "{first_name}".repeat(11);
        let bad = GREETING
            .replace("\"maxLength\": 20", "\"maxLength\": 1000")
            .replace("Hi {first_name}!", &many);
        assert_eq!(
            codes(Manifest::parse(&bad).unwrap_err()),
            vec![("text-too-long", "bindings[0].text".to_owned())]
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
            id: None,
            kind: OutlineLayerKind::Text,
        };
        assert!(m.validate(&[text("Greeting"), text("Saving")]).is_empty());

        let problems = m.validate(&[
            text("Greeting"),
            OutlineLayer {
                name: "Saving",
                id: None,
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

    #[test]
    fn targets_a_layer_by_its_ln_id() {
        let manifest = |target: &str| {
            Manifest::parse(
                &(String::from(
                    r#"{"version": 1, "name": "t", "animation": "a.json",
                    "fields": [{"name": "a", "type": "text"}],
                    "bindings": [{"text": "{a}", "target": "#,
                ) + target
                    + "}]}"),
            )
        };
        let m = manifest(r#"{"ln": "headline"}"#).unwrap();
        assert_eq!(m.bindings[0].target, Target::LayerId("headline".into()));
        let renamed = OutlineLayer {
            name: "Headline (renamed)",
            id: Some("headline"),
            kind: OutlineLayerKind::Text,
        };
        assert!(m.validate(&[renamed]).is_empty());
        let problems = m.validate(&[OutlineLayer {
            id: None,
            ..renamed
        }]);
        assert_eq!(
            (
                problems[0].code,
                problems[0].path.as_str(),
                problems[0].name.as_str()
            ),
            ("unknown-layer", "bindings[0].target.ln", "headline")
        );
        // Exactly one of `layer` and `ln`.
        for (target, code, path) in [
            (
                r#"{"layer": "A", "ln": "a"}"#,
                "bad-target",
                "bindings[0].target",
            ),
            ("{}", "missing-key", "bindings[0].target.layer"),
        ] {
            let Err(ManifestError::Invalid(problems)) = manifest(target) else {
                panic!("{target}")
            };
            assert_eq!((problems[0].code, problems[0].path.as_str()), (code, path));
        }
    }
}
