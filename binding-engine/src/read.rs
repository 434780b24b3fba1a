//! Reading a manifest: its JSON into raw declarations, each value of the
//! JSON type its key wants, nothing judged yet (`resolve.rs` does that).
//!
//! Owns the manifest's keys, per object (strict: an unknown key is a
//! problem, so a designer's typo is caught at load), and one small reader
//! per object: the top level, assets, bindings, targets, variants and fit
//! (fields: `field.rs`). Every problem is recorded, with its JSON path, in
//! the order the keys are read; that order is part of the output, so keep
//! it. Template-side only: never sees viewer data, never logs, never
//! touches a web API.

use crate::chars::split_ascii;
use crate::error::{ManifestError, Problem};
use crate::field::{self, RawField};
use crate::json::{self, Value};
use crate::json_reader::{index, join, Object, Reader};
use crate::manifest::{Asset, Property, Target, TextFit, MANIFEST_VERSION};

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
    "actions",
    "chapters",
];
const ASSET_KEYS: &[&str] = &["path", "size", "sha256"];
const BINDING_KEYS: &[&str] = &["target", "text", "field", "variants", "values", "fit"];
const FIT_KEYS: &[&str] = &["minSize", "maxLines", "maxWidth", "ellipsis"];
const TARGET_KEYS: &[&str] = &["layer", "ln", "slot", "property"];
const VARIANT_KEYS: &[&str] = &["layer", "ln"];

/// A manifest as written: the top level's values, and the problems found
/// while reading it.
pub(crate) struct RawManifest {
    pub(crate) name: String,
    pub(crate) animation: Option<String>,
    pub(crate) accessible_text: Option<String>,
    pub(crate) captions: Option<String>,
    pub(crate) video: Option<String>,
    pub(crate) locale: Option<String>,
    pub(crate) player: Option<String>,
    /// It has `actions` or `chapters` (read by `interaction.rs`).
    pub(crate) interactive: bool,
    pub(crate) assets: Vec<Asset>,
    pub(crate) fields: Vec<RawField>,
    pub(crate) bindings: Vec<RawBinding>,
    pub(crate) problems: Vec<Problem>,
}

/// A binding as written, its field still a name.
pub(crate) struct RawBinding {
    pub(crate) target: Target,
    pub(crate) property: Property,
    /// The binding's `text`.
    pub(crate) text: Option<String>,
    /// Its `field`'s name.
    pub(crate) field: Option<String>,
    /// `variants`: option → target, with the target's JSON path.
    pub(crate) variants: Vec<(String, Target, String)>,
    pub(crate) has_variants: bool,
    /// `values`, as written (`resolve` reads it against the options),
    /// moved out of the document by [`read`] once everything else is read.
    #[cfg(feature = "values")]
    pub(crate) values: Option<Value>,
    /// Its index in `bindings`.
    #[cfg(feature = "values")]
    at: usize,
    pub(crate) has_values: bool,
    pub(crate) fit: Option<TextFit>,
    /// Its own JSON path (`bindings[2]`, the index as written: entries that
    /// are not objects are left out of the list).
    pub(crate) path: String,
}

/// Reads `json` as a version 1 manifest. Fails only when it is not JSON,
/// not an object, or not version 1; anything else is a problem in the
/// result.
pub(crate) fn read(json: &str) -> Result<RawManifest, ManifestError> {
    let mut doc: Value = json::parse(json).map_err(|e| ManifestError::Syntax { line: e.line })?;
    let root = doc.as_object().ok_or(ManifestError::Syntax { line: 1 })?;
    check_version(root)?;
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
    // Each entry that is an object (the others are reported).
    // Loops, not `filter_map` into a `Vec`: that adapter, instantiated
    // for each list, was most of the lite player's manifest reading.
    let mut assets: Vec<Asset> = Vec::new();
    for (i, value) in r.array(root, "", "assets").iter().enumerate() {
        assets.extend(read_asset(&mut r, value, i));
    }
    let mut fields: Vec<RawField> = Vec::new();
    for (i, value) in r.array(root, "", "fields").iter().enumerate() {
        fields.extend(field::read(&mut r, value, i));
    }
    let mut bindings: Vec<RawBinding> = Vec::new();
    for (i, value) in r.array(root, "", "bindings").iter().enumerate() {
        bindings.extend(read_binding(&mut r, value, i));
    }
    let interactive = root.contains_key("actions") || root.contains_key("chapters");
    // The values kept as written (each field's `default` and `sample`, a
    // binding's `values`) moved out of the document rather than copied: a
    // deep copy of a JSON value was 245 B gzip of the lite player
    // (docs/benchmarks.md, "Files fetched ahead").
    let mut take = |list: &str, at: usize, key: &str| {
        let member = doc.get_mut(list).and_then(|l| match l {
            Value::Array(items) => items.get_mut(at)?.get_mut(key),
            _ => None,
        });
        member.map(std::mem::take)
    };
    for field in &mut fields {
        field.default = take("fields", field.at, "default");
        field.sample = take("fields", field.at, "sample");
    }
    #[cfg(feature = "values")]
    for binding in &mut bindings {
        binding.values = take("bindings", binding.at, "values");
    }
    Ok(RawManifest {
        name,
        animation,
        accessible_text,
        captions,
        video,
        locale,
        player,
        interactive,
        assets,
        fields,
        bindings,
        problems: r.problems,
    })
}

/// The version first: a newer manifest gets `manifest-version`, not a list
/// of keys this engine does not know.
fn check_version(root: &Object) -> Result<(), ManifestError> {
    match root.get("version").map(Value::as_u64) {
        Some(Some(MANIFEST_VERSION)) => Ok(()),
        Some(Some(other)) => Err(ManifestError::UnsupportedVersion(other)),
        _ => Err(ManifestError::Invalid(vec![Problem {
            code: "missing-key",
            path: "version".into(),
            name: "version".into(),
        }])),
    }
}

/// `assets[i]`: a file of the package.
fn read_asset(r: &mut Reader, value: &Value, i: usize) -> Option<Asset> {
    let path = index("assets", i);
    let obj = r.object(value, &path)?;
    r.known_keys(obj, &path, ASSET_KEYS);
    Some(Asset {
        path: r.string(obj, &path, "path", true).unwrap_or_default(),
        size: r.uint(obj, &path, "size").unwrap_or(0),
        sha256: r.string(obj, &path, "sha256", true).unwrap_or_default(),
    })
}

/// `bindings[i]`: a `target` or `variants`, a `text` or a `field`, a `fit`.
fn read_binding(r: &mut Reader, value: &Value, i: usize) -> Option<RawBinding> {
    let path = index("bindings", i);
    let obj = r.object(value, &path)?;
    r.known_keys(obj, &path, BINDING_KEYS);
    let mut variants = Vec::new();
    let (target, property) = match obj.get("variants") {
        // A choice's variants: one layer per option, no `target`.
        Some(value) => {
            read_variants(r, obj, value, &join(&path, "variants"), &mut variants);
            (Target::Layer(String::new()), Property::Visible)
        }
        None => read_target_object(r, obj, &path),
    };
    // (Without the feature, the lite player's build: the key is known, its
    // values unread; a slot binding goes to the full player anyway.)
    #[cfg(feature = "values")]
    if let Some(given) = obj.get("values") {
        check_values_binding(r, obj, given, &join(&path, "values"));
    }
    let fit_path = join(&path, "fit");
    let fit = obj.get("fit").and_then(|fit| read_fit(r, fit, &fit_path));
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
        has_values: obj.contains_key("values"),
        #[cfg(feature = "values")]
        values: None,
        #[cfg(feature = "values")]
        at: i,
        fit,
        path,
    })
}

/// A binding's `variants` (`value`, at `path`): each option's target, into
/// `variants`.
fn read_variants(
    r: &mut Reader,
    binding: &Object,
    value: &Value,
    path: &str,
    variants: &mut Vec<(String, Target, String)>,
) {
    if binding.contains_key("target") {
        r.problem("bad-binding", path.to_owned(), "");
    }
    for (option, target) in r.object(value, path).into_iter().flatten() {
        let target_path = join(path, option);
        if let Some(target) = r.object(target, &target_path) {
            r.known_keys(target, &target_path, VARIANT_KEYS);
            let target = read_target(r, target, &target_path);
            variants.push((option.clone(), target, target_path));
        }
    }
}

#[cfg(feature = "values")]
/// A binding's `values` (at `path`) is an object (else `bad-value`), only
/// for a slot target and a `field` (else `bad-binding`); `resolve` reads
/// the values themselves.
fn check_values_binding(r: &mut Reader, binding: &Object, values: &Value, path: &str) {
    // Not an object: `bad-value`.
    let _ = r.object(values, path);
    let slot = binding.get("target").and_then(|t| t.get("slot")).is_some();
    if !slot || binding.contains_key("variants") || binding.contains_key("text") {
        r.problem("bad-binding", path.to_owned(), "");
    }
}

/// The `target` of binding `obj` (at `path`) and the property it sets.
fn read_target_object(r: &mut Reader, obj: &Object, path: &str) -> (Target, Property) {
    let target_path = join(path, "target");
    let Some(target) = r.child(obj, path, "target") else {
        return (Target::Layer(String::new()), Property::Text);
    };
    r.known_keys(target, &target_path, TARGET_KEYS);
    let property = r.string(target, &target_path, "property", false);
    let property = match property.as_deref().map(Property::from_name) {
        None => None,
        Some(Some(property)) => Some(property),
        Some(None) => {
            r.problem("unknown-property", join(&target_path, "property"), "");
            Some(Property::Text)
        }
    };
    let target = read_target(r, target, &target_path);
    let property = match (&target, property) {
        (Target::Slot(_), Some(_)) => {
            // A slot's property is where the file uses it.
            r.problem("bad-target", join(&target_path, "property"), "");
            Property::Slot
        }
        (Target::Slot(_), None) if obj.contains_key("text") => Property::Text,
        (Target::Slot(_), None) => Property::Slot,
        (_, property) => property.unwrap_or(Property::Text),
    };
    (target, property)
}

/// The target `layer`, `ln` or `slot` of `obj` (at `path`): exactly one.
fn read_target(r: &mut Reader, obj: &Object, path: &str) -> Target {
    let mut given = ["layer", "ln", "slot"]
        .into_iter()
        .filter(|key| obj.contains_key(key));
    // Neither: `layer` is missing, as before `ln` and `slot` existed.
    let key = match (given.next(), given.next()) {
        (None, _) => "layer",
        (Some(one), None) => one,
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

/// A binding's `fit` (`value`, at `path`): sizes positive, lines at least one.
fn read_fit(r: &mut Reader, value: &Value, path: &str) -> Option<TextFit> {
    let fit = r.object(value, path)?;
    r.known_keys(fit, path, FIT_KEYS);
    let positive = |r: &mut Reader, key: &str| {
        let n = r.number(fit, path, key);
        if n.is_some_and(|n| !(n > 0.0 && n.is_finite())) {
            r.problem("bad-fit", join(path, key), key);
        }
        n
    };
    let min_size = positive(r, "minSize");
    let max_width = positive(r, "maxWidth");
    let max_lines = r.uint(fit, path, "maxLines");
    if max_lines == Some(0) {
        r.problem("bad-fit", join(path, "maxLines"), "maxLines");
    }
    Some(TextFit {
        min_size,
        max_lines,
        max_width,
        ellipsis: r.boolean(fit, path, "ellipsis").unwrap_or(false),
    })
}

/// A BCP 47 language tag, as far as a manifest needs checking: letters,
/// digits and hyphens, starting with a 2–8 letter language subtag. The
/// platform decides what it supports.
fn is_locale_tag(tag: &str) -> bool {
    let language = split_ascii(tag, b'-').next().unwrap_or_default();
    (2..=8).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && tag.len() <= 35
        && split_ascii(tag, b'-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
}
