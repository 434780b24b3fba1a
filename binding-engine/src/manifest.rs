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
    /// Where the data goes, in declaration order; a `variants` binding is
    /// one [`Binding`] per variant.
    pub bindings: Vec<Binding>,
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
    /// Which player build the template needs (`player`: `lite` or
    /// `full`), as `percus-check --write-hint` found it: the player page
    /// loads that one straight away. A hint only: the lite player still
    /// checks for itself, and percus-check judges the value.
    pub player: Option<String>,
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
    /// The values a `choice` field may take (`options`), in order.
    pub options: Vec<String>,
    /// Largest accepted image, in bytes (`maxBytes`; image fields).
    pub max_bytes: u32,
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
    /// A `#RRGGBB` or `#RRGGBBAA` string, for fills, strokes and colour slots.
    Color,
    /// `true` or `false`: whether layers are shown (`"boolean"`).
    Boolean,
    /// One of the field's `options`: picks a variant the template declares,
    /// or is written as is in a text (`"choice"`).
    Choice,
    /// An image the host passes as bytes (`"image"`): decoded by the
    /// player, never fetched.
    Image,
}

/// Largest image a field may accept (`maxBytes`), and its default.
pub const MAX_IMAGE_BYTES: u32 = 16 * 1024 * 1024;
const DEFAULT_IMAGE_BYTES: u32 = 4 * 1024 * 1024;
/// Most options of a choice field, and the longest option.
const MAX_OPTIONS: usize = 64;
const MAX_OPTION_CHARS: usize = 64;

/// Where a binding's result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Every text layer with this Lottie `nm`, in any composition.
    Layer(String),
    /// Every text layer with this Lottie `ln` (After Effects' layer id,
    /// which survives renaming a layer), in any composition.
    LayerId(String),
    /// Every property with this lottie-spec slot id (`sid`, the file's
    /// `slots`): what it sets depends on where the file uses the slot.
    Slot(String),
}

impl Target {
    /// Whether `layer` is (one of) this target's layers (never, for a slot).
    pub fn matches(&self, layer: &OutlineLayer<'_>) -> bool {
        match self {
            Target::Layer(name) => layer.name == name,
            Target::LayerId(id) => layer.id == Some(id.as_str()),
            Target::Slot(_) => false,
        }
    }

    /// The manifest key it was given by, and its value.
    fn key_and_name(&self) -> (&'static str, &str) {
        match self {
            Target::Layer(name) => ("layer", name),
            Target::LayerId(id) => ("ln", id),
            Target::Slot(sid) => ("slot", sid),
        }
    }
}

/// What of a layer a binding sets (`target.property`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Property {
    /// The text document of a text layer (the default).
    Text,
    /// The colour of every fill: shapes' fills, a solid's colour, a text's
    /// fill (a `color` field).
    Fill,
    /// The colour of every stroke: shapes' and a text's (a `color` field).
    Stroke,
    /// The layer's opacity in percent, as in After Effects (a `number`
    /// field; a `percent` field's ratio times 100).
    Opacity,
    /// Whether the layer is shown (a `boolean` field, or a choice's variant).
    Visible,
    /// The layer's rotation in degrees (a `number` field).
    Rotation,
    /// The layer's scale in percent, both axes or one (`number`; `percent`
    /// times 100).
    Scale,
    ScaleX,
    ScaleY,
    /// The layer's position on one axis, in its parent's units (`number`).
    PositionX,
    PositionY,
    /// The bitmap of an image layer (an `image` field), drawn to cover the
    /// layer's image size.
    Image,
    /// A slot's value: what it sets is where the file uses the slot.
    Slot,
}

impl Property {
    /// The property named `name` in a manifest.
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "text" => Property::Text,
            "fill" => Property::Fill,
            "stroke" => Property::Stroke,
            "opacity" => Property::Opacity,
            "visible" => Property::Visible,
            "rotation" => Property::Rotation,
            "scale" => Property::Scale,
            "scale.x" => Property::ScaleX,
            "scale.y" => Property::ScaleY,
            "position.x" => Property::PositionX,
            "position.y" => Property::PositionY,
            "image" => Property::Image,
            _ => return None,
        })
    }

    /// Whether a field of type `kind` can set it (a text property takes a
    /// template, never a field).
    fn takes(self, kind: FieldType) -> bool {
        use crate::format::NumberStyle::{Decimal, Percent};
        let plain_number = matches!(
            kind,
            FieldType::Number(NumberFormat {
                style: Decimal | Percent,
                ..
            })
        );
        let decimal = matches!(kind, FieldType::Number(NumberFormat { style: Decimal, .. }));
        match self {
            Property::Text => false,
            Property::Fill | Property::Stroke => kind == FieldType::Color,
            Property::Visible => kind == FieldType::Boolean,
            Property::Image => kind == FieldType::Image,
            Property::Slot => plain_number || matches!(kind, FieldType::Color | FieldType::Image),
            // Percent: a ratio of the property's own percent.
            Property::Opacity | Property::Scale | Property::ScaleX | Property::ScaleY => {
                plain_number
            }
            // Degrees and units: plain numbers only.
            Property::Rotation | Property::PositionX | Property::PositionY => decimal,
        }
    }

    /// Whether a layer of `kind` has this property.
    fn on(self, kind: OutlineLayerKind) -> bool {
        use OutlineLayerKind as K;
        match self {
            Property::Text => kind == K::Text,
            Property::Fill => matches!(kind, K::Shape | K::Solid | K::Text),
            Property::Stroke => matches!(kind, K::Shape | K::Text),
            Property::Image => kind == K::Image,
            _ => true,
        }
    }
}

/// Where a binding's value comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// A text with `{field}` placeholders resolved to field indices.
    Text(TextTemplate),
    /// One field's value, as is (`field`).
    Field(usize),
    /// Whether choice `field` holds its option `option` (a `variants` entry).
    Variant {
        /// The choice field.
        field: usize,
        /// The index of the option in its `options`.
        option: usize,
    },
}

/// A binding: what data goes to which property of which target.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Which layer(s) or slot get the value.
    pub target: Target,
    /// What of them it sets.
    pub property: Property,
    /// The value.
    pub source: Source,
    /// How a bound text adapts when it is too long for its room (`fit`).
    pub fit: Option<TextFit>,
    /// The JSON path of the target object, for problems
    /// (`bindings[1].target`, `bindings[2].variants.gold`).
    pub path: String,
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
    /// A shape layer (`ty` 4).
    Shape,
    /// A solid (`ty` 1).
    Solid,
    /// An image layer (`ty` 2).
    Image,
    /// Anything else.
    Other,
}

/// What the engine needs to know of a template to check targets: its
/// layers and its slots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline<'a> {
    /// Every layer, in any composition.
    pub layers: Vec<OutlineLayer<'a>>,
    /// Every slot the file uses (`sid`), once each.
    pub slots: Vec<OutlineSlot<'a>>,
}

/// A slot of the template, as far as binding cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutlineSlot<'a> {
    /// Its id (`sid`).
    pub sid: &'a str,
    /// What kind of property uses it.
    pub kind: SlotKind,
}

/// The kinds of property a slot can fill, as far as binding cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    /// A colour (fills, strokes): a `color` field.
    Color,
    /// A number (a layer's opacity, rotation, uniform scale): a
    /// `number` or `percent` field.
    Number,
    /// A text document: a binding `text`.
    Text,
    /// An image asset: an `image` field.
    Image,
    /// Anything else (a position, a path): not bindable.
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
    "player",
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
    "options",
    "maxBytes",
];
const BINDING_KEYS: &[&str] = &["target", "text", "field", "variants", "fit"];
const FIT_KEYS: &[&str] = &["minSize", "maxLines", "maxWidth", "ellipsis"];
const TARGET_KEYS: &[&str] = &["layer", "ln", "slot", "property"];
const VARIANT_KEYS: &[&str] = &["layer", "ln"];

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
    options: Option<Vec<String>>,
    max_bytes: Option<u32>,
}

struct RawBinding {
    target: Target,
    property: Property,
    /// The binding's `text`, or its `field`'s name.
    text: Option<String>,
    field: Option<String>,
    /// `variants`: option → target, with the target's JSON path.
    variants: Vec<(String, Target, String)>,
    has_variants: bool,
    fit: Option<TextFit>,
    path: String,
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
        // Read, not judged: a hint the player page reads itself, whose
        // value percus-check checks (`bad-player`).
        let player = r.string(root, "", "player", false);
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
                    options: obj.get("options").map(|options| {
                        let strings: Option<Vec<String>> = options.as_array().and_then(|list| {
                            list.iter().map(|o| o.as_str().map(str::to_owned)).collect()
                        });
                        strings.unwrap_or_else(|| {
                            r.problem("bad-value", join(&path, "options"), "options");
                            Vec::new()
                        })
                    }),
                    max_bytes: r.uint(obj, &path, "maxBytes"),
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
                let mut variants = Vec::new();
                let (target, property) = match obj.get("variants") {
                    // A choice's variants: one layer per option, no `target`.
                    Some(value) => {
                        let variants_path = join(&path, "variants");
                        if obj.contains_key("target") {
                            r.problem("bad-binding", variants_path.clone(), "");
                        }
                        for (option, target) in
                            r.object(value, &variants_path).into_iter().flatten()
                        {
                            let target_path = join(&variants_path, option);
                            if let Some(target) = r.object(target, &target_path) {
                                r.known_keys(target, &target_path, VARIANT_KEYS);
                                let target = read_target(&mut r, target, &target_path);
                                variants.push((option.clone(), target, target_path));
                            }
                        }
                        (Target::Layer(String::new()), Property::Visible)
                    }
                    None => {
                        let target_path = join(&path, "target");
                        r.child(obj, &path, "target").map_or(
                            (Target::Layer(String::new()), Property::Text),
                            |target| {
                                r.known_keys(target, &target_path, TARGET_KEYS);
                                let property = r.string(target, &target_path, "property", false);
                                let property = match property.as_deref().map(Property::from_name) {
                                    None => None,
                                    Some(Some(property)) => Some(property),
                                    Some(None) => {
                                        r.problem(
                                            "unknown-property",
                                            join(&target_path, "property"),
                                            "",
                                        );
                                        Some(Property::Text)
                                    }
                                };
                                let target = read_target(&mut r, target, &target_path);
                                let property = match (&target, property) {
                                    (Target::Slot(_), Some(_)) => {
                                        // A slot's property is where the file uses it.
                                        r.problem("bad-target", join(&target_path, "property"), "");
                                        Property::Slot
                                    }
                                    (Target::Slot(_), None) if obj.contains_key("text") => {
                                        Property::Text
                                    }
                                    (Target::Slot(_), None) => Property::Slot,
                                    (_, property) => property.unwrap_or(Property::Text),
                                };
                                (target, property)
                            },
                        )
                    }
                };
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
                // A text property takes `text`; anything else a `field`.
                let wants_text = property == Property::Text;
                let text = r.string(obj, &path, "text", wants_text);
                let field = r.string(obj, &path, "field", !wants_text);
                if wants_text && field.is_some() || !wants_text && text.is_some() {
                    r.problem("bad-binding", path.clone(), "");
                }
                if fit.is_some() && !wants_text {
                    r.problem("bad-fit", fit_path, "");
                }
                Some(RawBinding {
                    target,
                    property,
                    text,
                    field,
                    has_variants: obj.contains_key("variants"),
                    variants,
                    fit,
                    path: join(&path, "target"),
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
                "choice" => &["options"],
                "image" => &["maxBytes"],
                _ => &[],
            };
            for (key, present) in [
                ("options", f.options.is_some()),
                ("maxBytes", f.max_bytes.is_some()),
                // An image comes from the host or not at all: the template's
                // own image is the default.
                ("default", f.kind == "image" && f.default.is_some()),
                ("sample", f.kind == "image" && f.sample.is_some()),
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
            let options = f.options.unwrap_or_default();
            let bad_option = |(i, o): (usize, &String)| {
                o.is_empty()
                    || crate::char_count(o) > MAX_OPTION_CHARS
                    || options.iter().take(i).any(|p| p == o)
            };
            if kind == FieldType::Choice
                && (options.is_empty()
                    || options.len() > MAX_OPTIONS
                    || options.iter().enumerate().any(bad_option))
            {
                problems.push(Problem {
                    code: "bad-options",
                    path: path("options"),
                    name: f.name.clone(),
                });
            }
            let max_bytes = f.max_bytes.unwrap_or(DEFAULT_IMAGE_BYTES);
            if max_bytes == 0 || max_bytes > MAX_IMAGE_BYTES {
                problems.push(Problem {
                    code: "bad-max-bytes",
                    path: path("maxBytes"),
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
                options,
                max_bytes,
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
            let path = index("bindings", i);
            let field = b.field.as_deref().map(|name| {
                let found = fields.iter().position(|f| f.name == name);
                let problem = match found.and_then(|f| fields.get(f)) {
                    None => Some("unknown-field"),
                    Some(f) if b.has_variants => {
                        (f.kind != FieldType::Choice).then_some("wrong-field-type")
                    }
                    Some(f) => (!b.property.takes(f.kind)).then_some("wrong-field-type"),
                };
                if let Some(code) = problem {
                    problems.push(Problem {
                        code,
                        path: join(&path, "field"),
                        name: name.to_owned(),
                    });
                }
                found.unwrap_or(0)
            });
            let fit = b.fit;
            if b.has_variants {
                // One binding per variant: its layers shown for its option only.
                let field = field.unwrap_or(0);
                let options = fields.get(field).map_or(&[][..], |f| &f.options[..]);
                for option_name in options {
                    if !b.variants.iter().any(|(o, _, _)| o == option_name) {
                        problems.push(Problem {
                            code: "missing-variant",
                            path: join(&path, "variants"),
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
                continue;
            }
            let source = match (b.text, field) {
                (Some(text), _) => {
                    let (text, mut found) = text_template(&text, &fields, &join(&path, "text"));
                    problems.append(&mut found);
                    Source::Text(text)
                }
                (None, Some(field)) => Source::Field(field),
                (None, None) => Source::Text(TextTemplate::default()),
            };
            bindings.push(Binding {
                target: b.target,
                property: b.property,
                source,
                fit,
                path: b.path,
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
                player,
            })
        } else {
            Err(ManifestError::Invalid(problems))
        }
    }

    /// Checks every target against the template's layers, before any data
    /// arrives. Returns every problem found (empty when the template fits).
    pub fn validate(&self, outline: &Outline<'_>) -> Vec<Problem> {
        let mut problems = Vec::new();
        for binding in &self.bindings {
            let (key, name) = binding.target.key_and_name();
            let code = if let Target::Slot(sid) = &binding.target {
                let wanted = match (&binding.source, binding.property) {
                    (Source::Text(_), _) => SlotKind::Text,
                    (Source::Field(f), _) => match self.fields.get(*f).map(|f| f.kind) {
                        Some(FieldType::Color) => SlotKind::Color,
                        Some(FieldType::Image) => SlotKind::Image,
                        _ => SlotKind::Number,
                    },
                    (Source::Variant { .. }, _) => SlotKind::Other,
                };
                match outline.slots.iter().find(|s| s.sid == sid) {
                    None => "unknown-slot",
                    Some(slot) if slot.kind == SlotKind::Other => "unsupported-slot",
                    Some(slot) if slot.kind != wanted => "wrong-slot-type",
                    Some(_) => continue,
                }
            } else {
                let mut matching = outline
                    .layers
                    .iter()
                    .filter(|l| binding.target.matches(l))
                    .peekable();
                if matching.peek().is_none() {
                    "unknown-layer"
                } else if !matching.all(|l| binding.property.on(l.kind)) {
                    match binding.property {
                        Property::Text => "not-a-text-layer",
                        Property::Image => "not-an-image-layer",
                        _ => "no-such-property",
                    }
                } else {
                    continue;
                }
            };
            problems.push(Problem {
                code,
                path: join(&binding.path, key),
                name: name.to_owned(),
            });
        }
        problems
    }

    /// Whether any field is an image (the player then decodes before
    /// binding).
    pub fn has_images(&self) -> bool {
        self.fields.iter().any(|f| f.kind == FieldType::Image)
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

/// The target `layer`, `ln` or `slot` of `obj` (at `path`): exactly one.
fn read_target(r: &mut Reader, obj: &crate::json_reader::Object, path: &str) -> Target {
    let given: Vec<&str> = ["layer", "ln", "slot"]
        .into_iter()
        .filter(|key| obj.contains_key(key))
        .collect();
    // Neither: `layer` is missing, as before `ln` and `slot` existed.
    let key = match given.as_slice() {
        [] => "layer",
        [one] => one,
        _ => {
            r.problem("bad-target", path.to_owned(), "");
            return Target::Layer(String::new());
        }
    };
    let name = r.string(obj, path, key, true).unwrap_or_default();
    match key {
        "ln" => Target::LayerId(name),
        "slot" => Target::Slot(name),
        _ => Target::Layer(name),
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
        "color" => FieldType::Color,
        "boolean" => FieldType::Boolean,
        "choice" => FieldType::Choice,
        "image" => FieldType::Image,
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
    let language = crate::split_ascii(tag, b'-').next().unwrap_or_default();
    (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && tag.len() <= 35
        && crate::split_ascii(tag, b'-')
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
            Segment::Literal(s) => crate::char_count(s),
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

/// Whether `path` is a relative path that stays inside the template package: no scheme, no
/// leading slash, no `.` or `..` segment, no backslash, no query.
pub fn is_package_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 256
        && crate::split_ascii(path, b'/').all(|segment| {
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
    text.len() > max as usize && crate::char_count(text) > max as usize
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

    fn layers<'a>(layers: impl IntoIterator<Item = OutlineLayer<'a>>) -> Outline<'a> {
        Outline {
            layers: layers.into_iter().collect(),
            slots: Vec::new(),
        }
    }

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
        let Source::Text(text) = &m.bindings[1].source else {
            panic!("a text binding")
        };
        assert_eq!(text.fields().collect::<Vec<_>>(), vec![1]);
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
        assert!(m
            .validate(&layers([text("Greeting"), text("Saving")]))
            .is_empty());

        let problems = m.validate(&layers([
            text("Greeting"),
            OutlineLayer {
                name: "Saving",
                id: None,
                kind: OutlineLayerKind::Other,
            },
        ]));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "not-a-text-layer");
        assert_eq!(problems[0].path, "bindings[1].target.layer");

        let problems = m.validate(&layers([text("Greeting")]));
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
        assert!(m.validate(&layers([renamed])).is_empty());
        let problems = m.validate(&layers([OutlineLayer {
            id: None,
            ..renamed
        }]));
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

    fn problems(json: &str) -> Vec<(&'static str, String)> {
        codes(Manifest::parse(json).unwrap_err())
    }

    fn with(fields: &str, bindings: &str) -> String {
        String::from(r#"{"version": 1, "name": "t", "animation": "a.json", "fields": ["#)
            + fields
            + r#"], "bindings": ["#
            + bindings
            + "]}"
    }

    const FIELDS: &str = r##"
        {"name": "brand", "type": "color", "sample": "#ff0000"},
        {"name": "vip", "type": "boolean", "default": false},
        {"name": "tier", "type": "choice", "options": ["gold", "silver"]},
        {"name": "amount", "type": "currency", "currency": "EUR"},
        {"name": "ratio", "type": "number"},
        {"name": "ratio_pct", "type": "percent"},
        {"name": "photo", "type": "image"}"##;

    #[test]
    fn property_slot_and_variant_bindings_parse() {
        let m = Manifest::parse(&with(
            FIELDS,
            r#"{"target": {"layer": "Card", "property": "fill"}, "field": "brand"},
               {"target": {"ln": "bar", "property": "scale.x"}, "field": "ratio"},
               {"target": {"slot": "accent"}, "field": "brand"},
               {"target": {"slot": "headline"}, "text": "{tier}"},
               {"field": "tier", "variants": {"silver": {"layer": "S"}, "gold": {"layer": "G"}}}"#,
        ))
        .unwrap();
        let summary: Vec<_> = m
            .bindings
            .iter()
            .map(|b| (b.target.clone(), b.property, b.path.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    Target::Layer("Card".into()),
                    Property::Fill,
                    "bindings[0].target"
                ),
                (
                    Target::LayerId("bar".into()),
                    Property::ScaleX,
                    "bindings[1].target"
                ),
                (
                    Target::Slot("accent".into()),
                    Property::Slot,
                    "bindings[2].target"
                ),
                (
                    Target::Slot("headline".into()),
                    Property::Text,
                    "bindings[3].target"
                ),
                (
                    Target::Layer("S".into()),
                    Property::Visible,
                    "bindings[4].variants.silver"
                ),
                (
                    Target::Layer("G".into()),
                    Property::Visible,
                    "bindings[4].variants.gold"
                ),
            ]
        );
        assert_eq!(
            m.bindings[5].source,
            Source::Variant {
                field: 2,
                option: 0
            }
        );
        assert_eq!(m.fields[6].kind, FieldType::Image);
        assert_eq!(m.fields[6].max_bytes, DEFAULT_IMAGE_BYTES);
        assert!(m.has_images());
    }

    #[test]
    fn mismatched_fields_properties_and_variants_are_problems() {
        let cases = [
            // A colour cannot be opacity, a currency cannot scale, a flag
            // cannot be a fill.
            (
                r#"{"target": {"layer": "A", "property": "opacity"}, "field": "brand"}"#,
                "wrong-field-type",
                "bindings[0].field",
            ),
            (
                r#"{"target": {"layer": "A", "property": "scale"}, "field": "amount"}"#,
                "wrong-field-type",
                "bindings[0].field",
            ),
            // A percent is a ratio: not degrees or units.
            (
                r#"{"target": {"layer": "A", "property": "rotation"}, "field": "ratio_pct"}"#,
                "wrong-field-type",
                "bindings[0].field",
            ),
            (
                r#"{"target": {"layer": "A", "property": "fill"}, "field": "vip"}"#,
                "wrong-field-type",
                "bindings[0].field",
            ),
            (
                r#"{"target": {"layer": "A", "property": "fill"}, "field": "nope"}"#,
                "unknown-field",
                "bindings[0].field",
            ),
            (
                r#"{"target": {"layer": "A", "property": "colour"}, "field": "brand"}"#,
                "unknown-property",
                "bindings[0].target.property",
            ),
            (
                r#"{"target": {"layer": "A"}, "text": "{brand}"}"#,
                "wrong-field-type",
                "bindings[0].text",
            ),
            (
                r#"{"target": {"layer": "A"}, "text": "x", "field": "brand"}"#,
                "bad-binding",
                "bindings[0]",
            ),
            (
                r#"{"target": {"layer": "A", "property": "fill"}}"#,
                "missing-key",
                "bindings[0].field",
            ),
            (
                r#"{"target": {"layer": "A", "property": "fill"}, "field": "brand", "fit": {"minSize": 3}}"#,
                "bad-fit",
                "bindings[0].fit",
            ),
            (
                r#"{"target": {"slot": "s", "property": "fill"}, "field": "brand"}"#,
                "bad-target",
                "bindings[0].target.property",
            ),
            (
                r#"{"target": {"slot": "s", "layer": "A"}, "field": "brand"}"#,
                "bad-target",
                "bindings[0].target",
            ),
            (
                r#"{"field": "vip", "variants": {"gold": {"layer": "G"}}}"#,
                "wrong-field-type",
                "bindings[0].field",
            ),
            (
                r#"{"field": "tier", "variants": {"gold": {"layer": "G"}}}"#,
                "missing-variant",
                "bindings[0].variants",
            ),
            (
                r#"{"field": "tier", "variants": {"gold": {"layer": "G"}, "silver": {"layer": "S"}, "bronze": {"layer": "B"}}}"#,
                "unknown-option",
                "bindings[0].variants.bronze",
            ),
            (
                r#"{"field": "tier", "variants": {"gold": {"slot": "G"}, "silver": {"layer": "S"}}}"#,
                "unknown-key",
                "bindings[0].variants.gold.slot",
            ),
        ];
        for (binding, code, path) in cases {
            let found = problems(&with(FIELDS, binding));
            assert!(
                found.contains(&(code, path.to_owned())),
                "{binding}: {found:?}"
            );
        }
    }

    #[test]
    fn new_field_types_check_their_keys_and_values() {
        let cases = [
            (
                r#"{"name": "t", "type": "choice"}"#,
                "bad-options",
                "fields[0].options",
            ),
            (
                r#"{"name": "t", "type": "choice", "options": []}"#,
                "bad-options",
                "fields[0].options",
            ),
            (
                r#"{"name": "t", "type": "choice", "options": ["a", "a"]}"#,
                "bad-options",
                "fields[0].options",
            ),
            (
                r#"{"name": "t", "type": "choice", "options": ["a", ""]}"#,
                "bad-options",
                "fields[0].options",
            ),
            (
                r#"{"name": "t", "type": "choice", "options": "a"}"#,
                "bad-value",
                "fields[0].options",
            ),
            (
                r#"{"name": "t", "type": "choice", "options": ["a"], "default": "b"}"#,
                "not-an-option",
                "fields[0].default",
            ),
            (
                r#"{"name": "t", "type": "text", "options": ["a"]}"#,
                "key-not-for-type",
                "fields[0].options",
            ),
            (
                r#"{"name": "t", "type": "image", "maxBytes": 0}"#,
                "bad-max-bytes",
                "fields[0].maxBytes",
            ),
            (
                r#"{"name": "t", "type": "image", "maxBytes": 99999999}"#,
                "bad-max-bytes",
                "fields[0].maxBytes",
            ),
            (
                r#"{"name": "t", "type": "image", "sample": "me.png"}"#,
                "key-not-for-type",
                "fields[0].sample",
            ),
            (
                r#"{"name": "t", "type": "color", "maxBytes": 10}"#,
                "key-not-for-type",
                "fields[0].maxBytes",
            ),
            (
                r#"{"name": "t", "type": "color", "default": "blue"}"#,
                "wrong-type",
                "fields[0].default",
            ),
            (
                r#"{"name": "t", "type": "boolean", "sample": "true"}"#,
                "wrong-type",
                "fields[0].sample",
            ),
        ];
        for (field, code, path) in cases {
            let found = problems(&with(field, ""));
            assert!(
                found.contains(&(code, path.to_owned())),
                "{field}: {found:?}"
            );
        }
    }

    #[test]
    fn validates_properties_slots_and_variants_against_the_outline() {
        let m = Manifest::parse(&with(
            FIELDS,
            r#"{"target": {"layer": "Card", "property": "fill"}, "field": "brand"},
               {"target": {"layer": "Photo", "property": "image"}, "field": "photo"},
               {"target": {"slot": "accent"}, "field": "brand"},
               {"target": {"slot": "fade"}, "field": "ratio"},
               {"target": {"slot": "headline"}, "text": "{tier}"},
               {"field": "tier", "variants": {"gold": {"layer": "G"}, "silver": {"ln": "s"}}}"#,
        ))
        .unwrap();
        let layer = |name, id, kind| OutlineLayer { name, id, kind };
        let slot = |sid, kind| OutlineSlot { sid, kind };
        let good = Outline {
            layers: vec![
                layer("Card", None, OutlineLayerKind::Shape),
                layer("Photo", None, OutlineLayerKind::Image),
                layer("G", None, OutlineLayerKind::Other),
                layer("S", Some("s"), OutlineLayerKind::Other),
            ],
            slots: vec![
                slot("accent", SlotKind::Color),
                slot("fade", SlotKind::Number),
                slot("headline", SlotKind::Text),
            ],
        };
        assert_eq!(m.validate(&good), vec![]);
        let bad = Outline {
            layers: vec![
                layer("Card", None, OutlineLayerKind::Other),
                layer("Photo", None, OutlineLayerKind::Shape),
                layer("G", None, OutlineLayerKind::Other),
            ],
            slots: vec![
                slot("accent", SlotKind::Number),
                slot("fade", SlotKind::Other),
            ],
        };
        let found: Vec<_> = m
            .validate(&bad)
            .into_iter()
            .map(|p| (p.code, p.path, p.name))
            .collect();
        let expected = [
            ("no-such-property", "bindings[0].target.layer", "Card"),
            ("not-an-image-layer", "bindings[1].target.layer", "Photo"),
            ("wrong-slot-type", "bindings[2].target.slot", "accent"),
            ("unsupported-slot", "bindings[3].target.slot", "fade"),
            ("unknown-slot", "bindings[4].target.slot", "headline"),
            ("unknown-layer", "bindings[5].variants.silver.ln", "s"),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|(c, p, n)| (*c, (*p).to_owned(), (*n).to_owned()))
            .collect();
        assert_eq!(found, expected);
    }
}
