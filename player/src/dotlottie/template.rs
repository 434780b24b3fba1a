//! A read dotLottie into a template package: the chosen animation (the
//! one asked for, else the manifest's initial one, else the first) as
//! `animation.json`, its images and fonts as package files (`images/`,
//! `fonts/`; embedded `data:` images stay embedded), and a manifest
//! skeleton: a `text` field and binding per text layer, a field and slot
//! binding per slot the binding engine can bind, the themes as one
//! `choice` field whose `values` bindings set each theme's slot values,
//! and every file listed in `assets` with its size and SHA-256.
//!
//! Must never fetch: an image or font that points outside the package (a
//! URL, an absolute path, `..`) is refused with `url-outside-package`.
//! Never panics; errors and notes carry codes and names only.

use binding_engine::json::{self, Map, Value};
use binding_engine::{is_package_path, SlotKind};

use super::package::{self, Package, RuleValue};
use super::{zip, ImportError, Note};
use crate::lottie::Composition;
use crate::sha256::{hex, sha256};

/// The most fields a skeleton gets (a manifest takes 256).
const MAX_FIELDS: usize = 200;
/// The most bindings a skeleton gets (a manifest takes 1,024).
const MAX_BINDINGS: usize = 1000;

/// A template package made from a .lottie.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Its files by package path, `manifest.json` first.
    pub files: Vec<(String, Vec<u8>)>,
    /// The animation it holds.
    pub animation: String,
    /// What was left out or decided.
    pub notes: Vec<Note>,
}

/// The template package of .lottie `bytes`, with animation `wanted` (an
/// id) or the file's initial one.
pub fn import(bytes: &[u8], wanted: Option<&str>) -> Result<Imported, ImportError> {
    let entries = zip::read(bytes)?;
    let mut package = package::read(&entries)?;
    let id = match wanted {
        Some(id) => id.to_owned(),
        None => package
            .initial
            .clone()
            .filter(|i| package.animations.iter().any(|a| a.id == *i))
            .or_else(|| package.animations.first().map(|a| a.id.clone()))
            .unwrap_or_default(),
    };
    let animation = package
        .animations
        .iter()
        .find(|a| a.id == id)
        .ok_or_else(|| ImportError::new("animation-missing", &id))?;
    let mut notes = std::mem::take(&mut package.notes);
    let others: Vec<&str> = package
        .animations
        .iter()
        .filter(|a| a.id != id)
        .map(|a| a.id.as_str())
        .collect();
    if !others.is_empty() {
        notes.push(Note::new("other-animations", &others.join(", ")));
    }
    let doc =
        json::parse(&animation.json).map_err(|_| ImportError::new("animation-invalid", &id))?;
    let mut files = Vec::new();
    let doc = with_package_files(doc, &package, &mut files)?;
    let animation_json = doc.to_string();
    let comp = Composition::from_json(&animation_json)
        .map_err(|_| ImportError::new("animation-invalid", &id))?;
    let mut skeleton = Skeleton::default();
    skeleton.texts(&doc);
    skeleton.themes(&package, &id, &comp, &mut notes);
    skeleton.slots(&doc, &comp, &mut notes);
    if skeleton.capped {
        notes.push(Note::new("too-many-fields", ""));
    }
    files.insert(0, ("animation.json".into(), animation_json.into_bytes()));
    let mut manifest = skeleton.manifest(&id, &files);
    // The player hint, as `percus-check --write-hint` would write it.
    let parsed = binding_engine::Manifest::parse(&manifest.to_string()).ok();
    if let (Some(parsed), Value::Object(root)) = (parsed, &mut manifest) {
        let full = crate::template::full_only(&parsed)
            .or(comp.full_only)
            .is_some();
        root.insert("player", Value::from(if full { "full" } else { "lite" }));
    }
    let manifest = manifest.to_string();
    files.insert(0, ("manifest.json".into(), manifest.into_bytes()));
    Ok(Imported {
        files,
        animation: id,
        notes,
    })
}

/// Whether `path` (an asset's `u` or `p`, a font's `fPath`) points outside
/// the package: a URL, an absolute path (but the dotLottie's own folders),
/// or `..`.
fn outside(path: &str) -> bool {
    let own = ["/i/", "/images/", "/f/", "/fonts/"];
    let absolute = path.starts_with('/') && !own.iter().any(|o| path.starts_with(o));
    absolute || path.contains(':') || path.contains('\\') || path.split('/').any(|s| s == "..")
}

/// `name` as a file name of the package: other characters become `_`.
fn package_name(folder: &str, name: &str) -> String {
    let clean: String = name
        .chars()
        .take(100)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = if clean.is_empty() || clean.starts_with('.') {
        String::from("file") + &clean
    } else {
        clean
    };
    String::from(folder) + &clean
}

/// Whether a manifest's `values` would read `text` as a colour
/// (`#RRGGBB` or `#RRGGBBAA`, docs/manifest.md).
fn reads_as_color(text: &str) -> bool {
    text.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 6 | 8) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Adds `data` to `files` under `folder` as `name` cleaned
/// ([`package_name`]); returns its path. The same bytes under the same
/// name are added once; other bytes whose cleaned name is taken (`a b.png`
/// and `a_b.png`, or names alike in their first 100 characters) get a
/// number before the extension, so that no asset draws another's bytes.
fn add_file(files: &mut Vec<(String, Vec<u8>)>, folder: &str, name: &str, data: &[u8]) -> String {
    let base = package_name(folder, name);
    let (stem, extension) = match base.rfind('.').filter(|dot| *dot > folder.len()) {
        Some(dot) => base.split_at(dot),
        None => (base.as_str(), ""),
    };
    let mut path = base.clone();
    for n in 2.. {
        match files.iter().find(|(f, _)| *f == path) {
            None => {
                files.push((path.clone(), data.to_vec()));
                return path;
            }
            Some((_, same)) if same == data => return path,
            Some(_) => path = String::from(stem) + "-" + &n.to_string() + extension,
        }
    }
    path
}

/// `doc` with its image assets and font files pointing at package files
/// (added to `files`); embedded images stay.
fn with_package_files(
    doc: Value,
    package: &Package,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Result<Value, ImportError> {
    let Value::Object(mut root) = doc else {
        return Err(ImportError::new("animation-invalid", ""));
    };
    if let Some(Value::Array(assets)) = root.get("assets") {
        let mut out = Vec::with_capacity(assets.len());
        for asset in assets {
            out.push(image_asset(asset, package, files)?);
        }
        root.insert("assets", Value::Array(out));
    }
    let fonts = root.get("fonts").and_then(|f| f.get("list"));
    if let Some(Value::Array(list)) = fonts {
        let mut out = Vec::with_capacity(list.len());
        for font in list {
            out.push(font_file(font, package, files)?);
        }
        let mut fonts = Map::new();
        fonts.insert("list", Value::Array(out));
        root.insert("fonts", Value::Object(fonts));
    }
    Ok(Value::Object(root))
}

fn image_asset(
    asset: &Value,
    package: &Package,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Result<Value, ImportError> {
    let Some(object) = asset.as_object() else {
        return Ok(asset.clone());
    };
    let id = object.get("id").and_then(Value::as_str).unwrap_or_default();
    let (Some(p), false) = (
        object.get("p").and_then(Value::as_str),
        object.contains_key("layers"),
    ) else {
        return Ok(asset.clone());
    };
    let u = object.get("u").and_then(Value::as_str).unwrap_or_default();
    if p.starts_with("data:") {
        return Ok(asset.clone());
    }
    if outside(u) || outside(p) {
        return Err(ImportError::new("url-outside-package", id));
    }
    let data = package
        .images
        .iter()
        .find(|(name, _)| name == p)
        .map(|(_, data)| data)
        .ok_or_else(|| ImportError::new("image-missing", id))?;
    let path = add_file(files, "images/", p, data);
    let mut object = object.clone();
    object.insert("u", Value::from("images/"));
    object.insert("p", Value::from(path.trim_start_matches("images/")));
    object.insert("e", Value::Number(0.0));
    Ok(Value::Object(object))
}

fn font_file(
    font: &Value,
    package: &Package,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Result<Value, ImportError> {
    let Some(object) = font.as_object() else {
        return Ok(font.clone());
    };
    let family = object
        .get("fFamily")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(path) = object
        .get("fPath")
        .and_then(Value::as_str)
        .filter(|p| !p.is_empty())
    else {
        return Ok(font.clone());
    };
    if outside(path) {
        return Err(ImportError::new("url-outside-package", family));
    }
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((_, data)) = package.fonts.iter().find(|(n, _)| n == name) else {
        // A font the package does not hold: the player's fallback draws.
        return Ok(font.clone());
    };
    let file = add_file(files, "fonts/", name, data);
    let mut object = object.clone();
    object.insert("fPath", Value::from(file.as_str()));
    Ok(Value::Object(object))
}

/// The manifest being written: fields and bindings.
#[derive(Debug, Default)]
struct Skeleton {
    /// Whether a field or binding was left out for the caps.
    capped: bool,
    fields: Vec<Value>,
    bindings: Vec<Value>,
    /// Slots a theme sets (they get no field of their own).
    themed: Vec<String>,
}

fn object(members: Vec<(&str, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in members {
        map.insert(key, value);
    }
    Value::Object(map)
}

fn target(key: &str, name: &str) -> Value {
    object(vec![(key, Value::from(name))])
}

impl Skeleton {
    /// Whether there is room for a field and `bindings` more bindings
    /// (else `capped`).
    fn room(&mut self, bindings: usize) -> bool {
        let room = self.fields.len() < MAX_FIELDS && self.bindings.len() + bindings <= MAX_BINDINGS;
        self.capped |= !room;
        room
    }

    /// A field name from `name`, an identifier not taken yet.
    fn field_name(&self, name: &str) -> String {
        let mut base: String = name
            .chars()
            .take(40)
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if !base.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            base = String::from("f_") + &base;
        }
        let taken = |n: &str| {
            self.fields
                .iter()
                .any(|f| f.get("name").and_then(Value::as_str) == Some(n))
        };
        let mut candidate = base.clone();
        let mut n = 2i64;
        while taken(&candidate) {
            candidate = base.clone() + "_" + &json::decimal(n);
            n += 1;
        }
        candidate
    }

    /// A `text` field and binding per text layer name (its current text
    /// the sample).
    fn texts(&mut self, doc: &Value) {
        let precomps = doc.get("assets").and_then(Value::as_array);
        let layer_lists = std::iter::once(doc.get("layers"))
            .chain(precomps.into_iter().flatten().map(|a| a.get("layers")));
        let mut seen: Vec<String> = Vec::new();
        for layer in layer_lists.flatten().filter_map(Value::as_array).flatten() {
            let Some(name) = layer.get("nm").and_then(Value::as_str) else {
                continue;
            };
            let document = layer.get("t").and_then(|t| t.get("d"));
            let slotted = document.is_some_and(|d| d.get("sid").is_some());
            if layer.get("ty").and_then(Value::as_f64) != Some(5.0)
                || slotted
                || seen.iter().any(|s| s == name)
            {
                continue;
            }
            if !self.room(1) {
                break;
            }
            seen.push(name.to_owned());
            let sample: String = document
                .and_then(|d| d.get("k"))
                .and_then(Value::as_array)
                .and_then(|k| k.first())
                .and_then(|k| k.get("s"))
                .and_then(|s| s.get("t"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .chars()
                .take(1000)
                .collect();
            let field = self.field_name(name);
            self.text_field(&field, &sample);
            self.bindings.push(object(vec![
                ("target", target("layer", name)),
                ("text", Value::from(String::from("{") + &field + "}")),
            ]));
        }
    }

    fn text_field(&mut self, field: &str, sample: &str) {
        let length = sample.chars().count();
        let max = (length * 2).clamp(30, 1000);
        self.fields.push(object(vec![
            ("name", Value::from(field)),
            ("type", Value::from("text")),
            ("maxLength", Value::Number(max as f64)),
            ("sample", Value::from(sample)),
        ]));
    }

    /// The themes as one `choice` field `theme`, one `values` binding per
    /// slot a theme sets in animation `id`.
    fn themes(&mut self, package: &Package, id: &str, comp: &Composition, notes: &mut Vec<Note>) {
        let options: Vec<&str> = package
            .themes
            .iter()
            .map(|t| t.id.as_str())
            .filter(|t| !t.is_empty() && t.chars().count() <= 64)
            .take(64)
            .collect();
        if options.is_empty() || !self.room(0) {
            return;
        }
        let field = self.field_name("theme");
        let mut by_slot: Vec<(String, Map)> = Vec::new();
        for theme in package
            .themes
            .iter()
            .filter(|t| options.contains(&t.id.as_str()))
        {
            for rule in &theme.rules {
                if !rule.animations.is_empty() && !rule.animations.iter().any(|a| a == id) {
                    continue;
                }
                let kind = comp
                    .slots
                    .iter()
                    .find(|s| s.sid == rule.slot)
                    .map(|s| s.kind);
                let value = match (&rule.value, kind) {
                    (RuleValue::Color(c), Some(SlotKind::Color)) => Value::from(color_hex(*c)),
                    (RuleValue::Number(n), Some(SlotKind::Number)) => Value::Number(*n),
                    // A manifest reads "#RRGGBB" in `values` as a colour: such
                    // a text would make a package percus-check refuses.
                    (RuleValue::Text(t), Some(SlotKind::Text)) if reads_as_color(t) => {
                        let what =
                            theme.id.clone() + "/" + &rule.slot + " (text that reads as a colour)";
                        notes.push(Note::new("theme-rule-skipped", &what));
                        continue;
                    }
                    (RuleValue::Text(t), Some(SlotKind::Text)) => Value::from(t.as_str()),
                    (_, None) => {
                        let what = theme.id.clone() + "/" + &rule.slot + " (no such slot)";
                        notes.push(Note::new("theme-rule-skipped", &what));
                        continue;
                    }
                    (_, Some(SlotKind::Other)) => {
                        let what = theme.id.clone() + "/" + &rule.slot + " (slot not bindable)";
                        notes.push(Note::new("theme-rule-skipped", &what));
                        continue;
                    }
                    _ => {
                        let what = theme.id.clone() + "/" + &rule.slot + " (another kind)";
                        notes.push(Note::new("theme-rule-skipped", &what));
                        continue;
                    }
                };
                match by_slot.iter_mut().find(|(s, _)| *s == rule.slot) {
                    Some((_, values)) => values.insert(theme.id.as_str(), value),
                    None => {
                        let mut values = Map::new();
                        values.insert(theme.id.as_str(), value);
                        by_slot.push((rule.slot.clone(), values));
                    }
                }
            }
        }
        let initial = package
            .initial_themes
            .iter()
            .find(|(a, _)| a == id)
            .map(|(_, t)| t.as_str())
            .filter(|t| options.contains(t));
        let mut members = vec![
            ("name", Value::from(field.as_str())),
            ("type", Value::from("choice")),
            (
                "options",
                Value::Array(options.iter().map(|o| Value::from(*o)).collect()),
            ),
        ];
        if let Some(initial) = initial {
            members.push(("default", Value::from(initial)));
        }
        let sample = initial.or(options.first().copied()).unwrap_or_default();
        members.push(("sample", Value::from(sample)));
        self.fields.push(object(members));
        for (slot, values) in by_slot {
            if self.bindings.len() >= MAX_BINDINGS {
                self.capped = true;
                break;
            }
            self.bindings.push(object(vec![
                ("target", target("slot", &slot)),
                ("field", Value::from(field.as_str())),
                ("values", Value::Object(values)),
            ]));
            self.themed.push(slot);
        }
    }

    /// A field and binding per slot the binding engine can bind (and no
    /// theme sets): colours, numbers, texts, images.
    fn slots(&mut self, doc: &Value, comp: &Composition, notes: &mut Vec<Note>) {
        let values = doc.get("slots");
        for slot in &comp.slots {
            if self.themed.contains(&slot.sid) {
                notes.push(Note::new("slot-themed", &slot.sid));
                continue;
            }
            let given = values
                .and_then(|v| v.get(&slot.sid))
                .and_then(|s| s.get("p"))
                .filter(|p| p.get("a").and_then(Value::as_f64) != Some(1.0))
                .and_then(|p| p.get("k").or(Some(p)));
            if !self.room(1) {
                break;
            }
            let field = self.field_name(&slot.sid);
            let (kind, sample) = match slot.kind {
                SlotKind::Color => (
                    "color",
                    given
                        .and_then(package_color)
                        .map(|c| Value::from(color_hex(c))),
                ),
                SlotKind::Number => ("number", given.and_then(Value::as_f64).map(Value::Number)),
                SlotKind::Image => ("image", None),
                SlotKind::Text => {
                    let text = given
                        .and_then(|k| k.as_array().and_then(|k| k.first()).or(Some(k)))
                        .and_then(|k| k.get("s"))
                        .and_then(|s| s.get("t"))
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    self.text_field(&field, text);
                    self.bindings.push(object(vec![
                        ("target", target("slot", &slot.sid)),
                        ("text", Value::from(String::from("{") + &field + "}")),
                    ]));
                    continue;
                }
                SlotKind::Other => {
                    notes.push(Note::new("slot-not-bindable", &slot.sid));
                    continue;
                }
            };
            let mut members = vec![
                ("name", Value::from(field.as_str())),
                ("type", Value::from(kind)),
            ];
            members.extend(sample.map(|s| ("sample", s)));
            self.fields.push(object(members));
            self.bindings.push(object(vec![
                ("target", target("slot", &slot.sid)),
                ("field", Value::from(field.as_str())),
            ]));
        }
    }

    /// The manifest: the skeleton, and `files` in `assets`.
    fn manifest(self, id: &str, files: &[(String, Vec<u8>)]) -> Value {
        let assets = files
            .iter()
            .filter(|(path, _)| is_package_path(path))
            .map(|(path, data)| {
                object(vec![
                    ("path", Value::from(path.as_str())),
                    ("size", Value::Number(data.len() as f64)),
                    ("sha256", Value::from(hex(&sha256(data)))),
                ])
            });
        let description = String::from("Imported from a .lottie file (animation ") + id + ").";
        object(vec![
            ("version", Value::Number(1.0)),
            ("name", Value::from(id)),
            ("description", Value::from(description)),
            ("animation", Value::from("animation.json")),
            ("fields", Value::Array(self.fields)),
            ("bindings", Value::Array(self.bindings)),
            ("assets", Value::Array(assets.collect())),
        ])
    }
}

/// A Lottie colour `[r, g, b(, a)]` in 0..=1.
fn package_color(value: &Value) -> Option<[f64; 4]> {
    let parts: Vec<f64> = value.as_array()?.iter().filter_map(Value::as_f64).collect();
    match parts.as_slice() {
        [r, g, b] => Some([*r, *g, *b, 1.0]),
        [r, g, b, a, ..] => Some([*r, *g, *b, *a]),
        _ => None,
    }
}

/// `#rrggbb`, or `#rrggbbaa` when not opaque.
fn color_hex(c: [f64; 4]) -> String {
    let byte = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    let [r, g, b, a] = c.map(byte);
    let bytes: &[u8] = if a == 255 { &[r, g, b] } else { &[r, g, b, a] };
    String::from("#") + &hex(bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    /// Names that clean to the same path keep their own bytes.
    #[test]
    fn files_whose_names_clean_alike_stay_apart() {
        let mut files = Vec::new();
        assert_eq!(
            add_file(&mut files, "images/", "a b.png", b"one"),
            "images/a_b.png"
        );
        assert_eq!(
            add_file(&mut files, "images/", "a_b.png", b"two"),
            "images/a_b-2.png"
        );
        assert_eq!(
            add_file(&mut files, "images/", "a b.png", b"one"),
            "images/a_b.png"
        );
        assert_eq!(
            add_file(&mut files, "images/", "a?b.png", b"three"),
            "images/a_b-3.png"
        );
        assert_eq!(add_file(&mut files, "fonts/", "plain", b"x"), "fonts/plain");
        assert_eq!(
            add_file(&mut files, "fonts/", "plain", b"y"),
            "fonts/plain-2"
        );
        assert_eq!(files.len(), 5);
    }

    #[test]
    fn texts_that_read_as_colours() {
        assert!(reads_as_color("#BADA55"));
        assert!(reads_as_color("#bada55cc"));
        assert!(!reads_as_color("#BADA5"));
        assert!(!reads_as_color("#BADA55 is a colour"));
        assert!(!reads_as_color("BADA55"));
    }
}
