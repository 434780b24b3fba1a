//! A dotLottie file's contents, read from its zip entries: the manifest
//! (`manifest.json`), the animations, images and themes, for dotLottie v1
//! (`animations/<id>.json`, `images/`, the manifest's `activeAnimationId`)
//! and v2 (`a/<id>.json`, `i/`, `t/<id>.json` themes of slot rules, the
//! manifest's `initial.animation`), and fonts (`f/`, v2).
//!
//! Owns the reading of the dotLottie manifest and theme files into plain
//! data; rules it cannot carry become notes. Errors: `not-a-dotlottie` (no
//! readable `manifest.json`), `animation-missing` (an animation the
//! manifest lists has no file, or it lists none). Must never panic on any
//! input, fetch anything, or put a file's content into an error (codes
//! and names only).

use binding_engine::json::{self, Value};

use super::zip::Entry;
use super::{ImportError, Note};

/// One animation of the file.
#[derive(Debug, Clone)]
pub struct Animation {
    /// Its id in the manifest.
    pub id: String,
    /// The Lottie JSON text.
    pub json: String,
}

/// A theme: its slot values.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Its id (`t/<id>.json`).
    pub id: String,
    /// The rules this importer can carry.
    pub rules: Vec<Rule>,
}

/// One theme rule: a slot's value, for every animation or some.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// The slot id.
    pub slot: String,
    /// The value.
    pub value: RuleValue,
    /// The animations it applies to (`animations`); empty: all of them.
    pub animations: Vec<String>,
}

/// A theme rule's value, of the kinds a manifest's `values` can hold.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleValue {
    /// A `Color` rule: `[r, g, b, a]` in 0..=1.
    Color([f64; 4]),
    /// A `Scalar` rule.
    Number(f64),
    /// A `Text` rule's text.
    Text(String),
}

/// A dotLottie file, read.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// 1 or 2.
    pub version: u8,
    /// The animations, in manifest order.
    pub animations: Vec<Animation>,
    /// The animation to open first (v2 `initial.animation`, v1
    /// `activeAnimationId`), when the manifest names one.
    pub initial: Option<String>,
    /// Each animation's initial theme (v2 `animations[].initialTheme`).
    pub initial_themes: Vec<(String, String)>,
    /// Image files by name (the entries of `i/` or `images/`).
    pub images: Vec<(String, Vec<u8>)>,
    /// Font files by name (`f/`).
    pub fonts: Vec<(String, Vec<u8>)>,
    /// The themes, in manifest order.
    pub themes: Vec<Theme>,
    /// What was left out.
    pub notes: Vec<Note>,
}

/// How many animations and themes of the manifest are read at the most:
/// as many as the zip can hold files.
const MAX_LISTED: usize = super::zip::MAX_ENTRIES;

fn error(code: &'static str, name: &str) -> ImportError {
    ImportError::new(code, name)
}

fn text(entry: &Entry) -> Option<&str> {
    std::str::from_utf8(&entry.data).ok()
}

/// The files under `folder` (`"i/"`), by their name below it.
fn files_under(entries: &[Entry], folder: &str) -> Vec<(String, Vec<u8>)> {
    entries
        .iter()
        .filter_map(|e| Some((e.name.strip_prefix(folder)?.to_owned(), e.data.clone())))
        .collect()
}

/// The dotLottie in `entries` (a zip's files).
pub fn read(entries: &[Entry]) -> Result<Package, ImportError> {
    let find = |name: &str| entries.iter().find(|e| e.name == name);
    let manifest = find("manifest.json")
        .and_then(text)
        .and_then(|t| json::parse(t).ok())
        .ok_or_else(|| error("not-a-dotlottie", "manifest.json"))?;
    let version_text = manifest.get("version").and_then(Value::as_str);
    let v2 = version_text.is_some_and(|v| v.starts_with('2'))
        || entries.iter().any(|e| e.name.starts_with("a/"));
    let (anim_dir, image_dir) = if v2 {
        ("a/", "i/")
    } else {
        ("animations/", "images/")
    };
    let mut package = Package {
        version: if v2 { 2 } else { 1 },
        images: files_under(entries, image_dir),
        fonts: files_under(entries, "f/"),
        ..Package::default()
    };
    let listed = manifest
        .get("animations")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| error("animation-missing", "manifest.json"))?;
    // At most as many as the zip can hold files, each id once: a manifest
    // listing one animation a million times must not copy it a million
    // times.
    for animation in listed.iter().take(MAX_LISTED) {
        let Some(id) = animation.get("id").and_then(Value::as_str) else {
            return Err(error("animation-missing", "manifest.json"));
        };
        if package.animations.iter().any(|a| a.id == id) {
            continue;
        }
        let path = String::from(anim_dir) + id + ".json";
        let json = find(&path)
            .and_then(text)
            .ok_or_else(|| error("animation-missing", id))?;
        if let Some(theme) = animation.get("initialTheme").and_then(Value::as_str) {
            package
                .initial_themes
                .push((id.to_owned(), theme.to_owned()));
        }
        package.animations.push(Animation {
            id: id.to_owned(),
            json: json.to_owned(),
        });
    }
    package.initial = manifest
        .get("initial")
        .and_then(|i| i.get("animation"))
        .or_else(|| manifest.get("activeAnimationId"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let themes = manifest.get("themes").and_then(Value::as_array);
    for theme in themes.into_iter().flatten().take(MAX_LISTED) {
        // v2: `{ id }`; early v2 drafts: the id alone.
        let Some(id) = theme.get("id").or(Some(theme)).and_then(Value::as_str) else {
            continue;
        };
        if package.themes.iter().any(|t| t.id == id) {
            continue;
        }
        let path = String::from("t/") + id + ".json";
        match find(&path).and_then(text).and_then(|t| json::parse(t).ok()) {
            Some(file) => {
                let rules = read_rules(id, &file, &mut package.notes);
                package.themes.push(Theme {
                    id: id.to_owned(),
                    rules,
                });
            }
            None => package.notes.push(Note::new("theme-missing", id)),
        }
    }
    if manifest.get("stateMachines").is_some() || entries.iter().any(|e| e.name.starts_with("s/")) {
        package.notes.push(Note::new("state-machines-ignored", ""));
    }
    Ok(package)
}

/// The rules of theme `id` (`file`, a `t/<id>.json`) this importer can
/// carry; each other one is a note `theme-rule-skipped` naming the theme,
/// the slot and the rule's type.
fn read_rules(id: &str, file: &Value, notes: &mut Vec<Note>) -> Vec<Rule> {
    let mut rules = Vec::new();
    for rule in file
        .get("rules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        // `id` in the v2 spec; `slotId` in early drafts.
        let slot = rule.get("id").or_else(|| rule.get("slotId"));
        let slot = slot.and_then(Value::as_str).unwrap_or_default();
        let kind = rule.get("type").and_then(Value::as_str).unwrap_or_default();
        let value = rule.get("value");
        let carried = match (kind, value) {
            ("Color", Some(v)) => color(v).map(RuleValue::Color),
            ("Scalar", Some(v)) => scalar(v).map(RuleValue::Number),
            ("Text", Some(v)) => v
                .as_str()
                .or_else(|| v.get("text").and_then(Value::as_str))
                .map(|t| RuleValue::Text(t.to_owned())),
            // Keyframed rules, gradients, images, positions, vectors.
            _ => None,
        };
        let animations = rule.get("animations").and_then(Value::as_array);
        match carried {
            Some(value) if !slot.is_empty() => rules.push(Rule {
                slot: slot.to_owned(),
                value,
                animations: animations
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            }),
            _ => {
                let what = String::from(id) + "/" + slot + " (" + kind + ")";
                notes.push(Note::new("theme-rule-skipped", &what));
            }
        }
    }
    rules
}

/// A colour `[r, g, b]` or `[r, g, b, a]`, components in 0..=1.
fn color(value: &Value) -> Option<[f64; 4]> {
    let parts: Vec<f64> = value.as_array()?.iter().filter_map(Value::as_f64).collect();
    let in_range = |c: &f64| (0.0..=1.0).contains(c);
    match parts.as_slice() {
        [r, g, b] if [r, g, b].into_iter().all(in_range) => Some([*r, *g, *b, 1.0]),
        [r, g, b, a] if [r, g, b, a].into_iter().all(in_range) => Some([*r, *g, *b, *a]),
        _ => None,
    }
}

/// A scalar: a number, or a one-number array.
fn scalar(value: &Value) -> Option<f64> {
    let n = value
        .as_f64()
        .or_else(|| match value.as_array()?.as_slice() {
            [one] => one.as_f64(),
            _ => None,
        })?;
    n.is_finite().then_some(n)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    fn entry(name: &str, data: &str) -> Entry {
        Entry {
            name: name.to_owned(),
            data: data.as_bytes().to_vec(),
        }
    }

    #[test]
    fn reads_v1_and_v2() {
        let v1 = read(&[
            entry(
                "manifest.json",
                r#"{"version":"1","animations":[{"id":"a"},{"id":"b"}],"activeAnimationId":"b"}"#,
            ),
            entry("animations/a.json", "{}"),
            entry("animations/b.json", "[]"),
            entry("images/img_0.png", "png"),
        ])
        .unwrap();
        assert_eq!(v1.version, 1);
        assert_eq!(v1.animations.len(), 2);
        assert_eq!(v1.initial.as_deref(), Some("b"));
        assert_eq!(v1.images[0].0, "img_0.png");

        let v2 = read(&[
            entry(
                "manifest.json",
                r#"{"version":"2","animations":[{"id":"x","initialTheme":"dark"}],
                    "themes":[{"id":"dark"},{"id":"gone"}],"initial":{"animation":"x"}}"#,
            ),
            entry("a/x.json", "{}"),
            entry(
                "t/dark.json",
                r#"{"rules":[{"id":"bg","type":"Color","value":[0.1,0.2,0.3]},
                    {"id":"size","type":"Scalar","value":40,"animations":["x"]},
                    {"id":"title","type":"Text","value":{"text":"Hi"}},
                    {"id":"grad","type":"Gradient","value":[]},
                    {"id":"moving","type":"Color","keyframes":[{"frame":0,"value":[1,0,0]}]}]}"#,
            ),
        ])
        .unwrap();
        assert_eq!(v2.version, 2);
        assert_eq!(v2.initial_themes, [("x".into(), "dark".into())]);
        let rules = &v2.themes[0].rules;
        assert_eq!(rules.len(), 3);
        assert_eq!(rules[0].value, RuleValue::Color([0.1, 0.2, 0.3, 1.0]));
        assert_eq!(rules[1].animations, ["x"]);
        assert_eq!(rules[2].value, RuleValue::Text("Hi".into()));
        let notes: Vec<_> = v2.notes.iter().map(|n| (n.code, n.name.as_str())).collect();
        assert_eq!(
            notes,
            [
                ("theme-rule-skipped", "dark/grad (Gradient)"),
                ("theme-rule-skipped", "dark/moving (Color)"),
                ("theme-missing", "gone"),
            ]
        );
    }

    /// An animation or theme listed many times is read once.
    #[test]
    fn repeated_ids_are_read_once() {
        let listed = |what: &str| {
            vec![format!(r#"{{"id":"x"}}"#); 5_000]
                .join(",")
                .replace("x", what)
        };
        let manifest = format!(
            r#"{{"version":"2","animations":[{}],"themes":[{}]}}"#,
            listed("a"),
            listed("t")
        );
        let package = read(&[
            entry("manifest.json", &manifest),
            entry("a/a.json", "{}"),
            entry("t/t.json", r#"{"rules":[]}"#),
        ])
        .unwrap();
        assert_eq!(package.animations.len(), 1);
        assert_eq!(package.themes.len(), 1);
    }

    #[test]
    fn refuses_what_is_not_a_dotlottie() {
        assert_eq!(
            read(&[entry("a.json", "{}")]).unwrap_err().code,
            "not-a-dotlottie"
        );
        let missing = read(&[entry("manifest.json", r#"{"animations":[{"id":"gone"}]}"#)]);
        assert_eq!(missing.unwrap_err(), error("animation-missing", "gone"));
    }
}
