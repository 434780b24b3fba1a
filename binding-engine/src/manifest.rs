//! The template manifest (format version 1): which data fields a template
//! takes and where each one goes. Documented in `docs/manifest.md`.
//!
//! Owns the manifest's types (the [`Manifest`], its bindings, targets and
//! assets, and the limits on them) and their validation against a
//! template's [`Outline`]. Reading and resolving a manifest's JSON
//! ([`Manifest::parse`]) are in `read.rs` and `resolve.rs`, the fields in
//! `field.rs`, binding in `bind.rs`. Everything here is template-side: no
//! viewer data passes through this module; it never logs and never touches
//! a web API.

use crate::chars::split_ascii;
use crate::error::Problem;
use crate::field::{Field, FieldType};
use crate::format::NumberFormat;
use crate::json_reader::join;
use crate::text_template::TextTemplate;

/// The manifest format version this engine reads.
pub const MANIFEST_VERSION: u64 = 1;

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
    /// It has `actions` or `chapters` (docs/interaction.md), which
    /// [`crate::Interaction::parse`] reads: only the full player does.
    pub interactive: bool,
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
    /// The layer's scale in percent, both axes (`number`; `percent` times
    /// 100).
    Scale,
    /// The same, the horizontal axis only.
    ScaleX,
    /// The same, the vertical axis only.
    ScaleY,
    /// The layer's horizontal position, in its parent's units (`number`).
    PositionX,
    /// The same, vertically.
    PositionY,
    /// The bitmap of an image layer (an `image` field), drawn to cover the
    /// layer's image size.
    Image,
    /// A slot's value: what it sets is where the file uses the slot.
    Slot,
}

impl Property {
    /// The property named `name` in a manifest.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
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
    pub(crate) fn takes(self, kind: FieldType) -> bool {
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
    /// The value choice `field`'s option gives a slot (`values`): one per
    /// option, in `options` order; [`SlotValue::Keep`] for an option
    /// without one (the slot stays as the file has it).
    Values {
        /// The choice field.
        field: usize,
        /// The values (not in the lite player's build, which hands every
        /// slot binding to the full one).
        #[cfg(feature = "values")]
        values: Vec<SlotValue>,
    },
    /// Whether choice `field` holds its option `option` (a `variants` entry).
    Variant {
        /// The choice field.
        field: usize,
        /// The index of the option in its `options`.
        option: usize,
    },
}

/// A value a `values` binding gives its slot for one option.
#[derive(Debug, Clone, PartialEq)]
pub enum SlotValue {
    /// None: the slot keeps the file's value.
    Keep,
    /// A colour (`"#RRGGBB"` or `"#RRGGBBAA"`), `[r, g, b, a]` in 0..=1.
    Color([f64; 4]),
    /// A number (JSON number), in the slot's own units.
    Number(f64),
    /// A text (any other string).
    Text(String),
}

impl SlotValue {
    /// The kind of slot it fills (none for `Keep`).
    pub fn kind(&self) -> Option<SlotKind> {
        match self {
            SlotValue::Keep => None,
            SlotValue::Color(_) => Some(SlotKind::Color),
            SlotValue::Number(_) => Some(SlotKind::Number),
            SlotValue::Text(_) => Some(SlotKind::Text),
        }
    }
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
    /// The names (`cm`) of the root composition's markers.
    pub markers: Vec<&'a str>,
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

impl Manifest {
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
                    // Every value must be of the slot's kind; mixed kinds
                    // fit no slot.
                    #[cfg(not(feature = "values"))]
                    (Source::Values { .. }, _) => continue,
                    #[cfg(feature = "values")]
                    (Source::Values { values, .. }, _) => {
                        let mut kinds = values.iter().filter_map(SlotValue::kind);
                        match kinds.next() {
                            Some(first) if kinds.all(|k| k == first) => first,
                            Some(_) => SlotKind::Other,
                            None => continue,
                        }
                    }
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

/// Whether `path` is a relative path that stays inside the template package: no scheme, no
/// leading slash, no `.` or `..` segment, no backslash, no query.
pub fn is_package_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 256
        && split_ascii(path, b'/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        })
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
    use crate::error::ManifestError;
    use crate::field::{DEFAULT_IMAGE_BYTES, MAX_TEXT_CHARS};

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
            ..Outline::default()
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
    fn problems_after_an_entry_that_is_no_object_keep_their_index() {
        // Each list's first entry is no object (reported at its own
        // index); the problems of the entries after it are at theirs, not
        // one lower.
        let bad = GREETING
            .replace("\"fields\": [", "\"fields\": [\"text\", ")
            .replace(
                "\"type\": \"text\", \"default\"",
                "\"type\": \"money\", \"default\"",
            )
            .replace("\"bindings\": [", "\"bindings\": [null, ")
            .replace("You saved {saving}", "You saved {savings}");
        assert_eq!(
            codes(Manifest::parse(&bad).unwrap_err()),
            vec![
                ("bad-value", "fields[0]".to_owned()),
                ("bad-value", "bindings[0]".to_owned()),
                ("unsupported-field-type", "fields[2].type".to_owned()),
                ("unknown-field", "bindings[2].text".to_owned()),
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
    #[cfg(feature = "values")]
    fn values_bindings_are_checked_when_read_and_against_the_slots() {
        let cases = [
            // Not a choice.
            (
                r##"{"target": {"slot": "bg"}, "field": "brand", "values": {"gold": "#000000"}}"##,
                "wrong-field-type",
                "bindings[0].field",
            ),
            // Not an option.
            (
                r##"{"target": {"slot": "bg"}, "field": "tier", "values": {"bronze": "#000000"}}"##,
                "unknown-option",
                "bindings[0].values.bronze",
            ),
            // Neither a number nor a string.
            (
                r#"{"target": {"slot": "bg"}, "field": "tier", "values": {"gold": [1, 0, 0]}}"#,
                "bad-value",
                "bindings[0].values.gold",
            ),
            // Only with a slot target.
            (
                r##"{"target": {"layer": "A", "property": "fill"}, "field": "tier", "values": {"gold": "#000000"}}"##,
                "bad-binding",
                "bindings[0].values",
            ),
        ];
        for (binding, code, path) in cases {
            let found = problems(&with(FIELDS, binding));
            assert!(
                found.contains(&(code, path.to_owned())),
                "{binding}: {found:?}"
            );
        }
        let m = Manifest::parse(&with(
            FIELDS,
            r##"{"target": {"slot": "accent"}, "field": "tier", "values": {"gold": "#ffcc00"}},
               {"target": {"slot": "fade"}, "field": "tier", "values": {"gold": 50, "silver": 20}},
               {"target": {"slot": "headline"}, "field": "tier", "values": {"silver": "Hi"}},
               {"target": {"slot": "fade"}, "field": "tier", "values": {"gold": 50, "silver": "#000000"}}"##,
        ))
        .unwrap();
        assert_eq!(
            m.bindings[0].source,
            Source::Values {
                field: 2,
                values: vec![SlotValue::Color([1.0, 0.8, 0.0, 1.0]), SlotValue::Keep]
            }
        );
        let slot = |sid, kind| OutlineSlot { sid, kind };
        let outline = |kinds: [SlotKind; 3]| Outline {
            layers: Vec::new(),
            slots: vec![
                slot("accent", kinds[0]),
                slot("fade", kinds[1]),
                slot("headline", kinds[2]),
            ],
            markers: Vec::new(),
        };
        let found = |kinds| -> Vec<_> {
            m.validate(&outline(kinds))
                .into_iter()
                .map(|p| (p.code, p.path))
                .collect()
        };
        use SlotKind::{Color, Number, Text};
        // Mixed kinds fit no slot.
        assert_eq!(
            found([Color, Number, Text]),
            [("wrong-slot-type", "bindings[3].target.slot".to_owned())]
        );
        assert_eq!(
            found([Number, Number, Color]),
            [
                ("wrong-slot-type", "bindings[0].target.slot".to_owned()),
                ("wrong-slot-type", "bindings[2].target.slot".to_owned()),
                ("wrong-slot-type", "bindings[3].target.slot".to_owned()),
            ]
        );
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
            markers: Vec::new(),
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
            markers: Vec::new(),
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
