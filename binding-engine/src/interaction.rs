//! Interactive templates (docs/interaction.md): the manifest's `actions`
//! (clickable layers, each with an accessible label and what a click does)
//! and `chapters` (named marker segments), read from their JSON and checked
//! against the template's outline.
//!
//! Owns the two keys' types, their reading (strict, every problem with its
//! JSON path, as `read.rs`) and their limits. A link's URL is the
//! manifest's own fixed `https:` string and may hold no placeholder: a URL
//! carries what it holds to servers and logs, so no viewer data may ever
//! build one. Template-side only: labels are templates over the fields,
//! filled by `bind.rs` like any text; never logs, never touches a web API.

use crate::chars::char_count;
use crate::error::{ManifestError, Problem};
use crate::json::{self, Map, Value};
use crate::json_reader::{index, join, Reader};
use crate::manifest::{Manifest, Outline, Target};
use crate::resolve::text_template;
use crate::text_template::TextTemplate;

/// Most actions one manifest may declare.
pub const MAX_ACTIONS: usize = 32;
/// Most chapters one manifest may declare.
pub const MAX_CHAPTERS: usize = 64;

const ACTION_KEYS: &[&str] = &[
    "id", "target", "label", "kind", "segment", "then", "url", "marker", "frames", "pause",
];
const ACTION_TARGET_KEYS: &[&str] = &["layer", "ln"];
const CHAPTER_KEYS: &[&str] = &["marker", "label"];

/// A template's `actions` and `chapters` (empty for a template without).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Interaction {
    /// The clickable parts, in the manifest's order (the tab order).
    pub actions: Vec<Action>,
    /// The chapters, in the manifest's order.
    pub chapters: Vec<Chapter>,
}

impl Interaction {
    /// Reads the `actions` and `chapters` of `json`, the text of `manifest`
    /// (already parsed: labels' placeholders name its fields). Problems are
    /// `manifest-invalid` ones, with JSON paths.
    #[inline(never)]
    pub fn parse(json: &str, manifest: &Manifest) -> Result<Self, ManifestError> {
        let doc: Value = json::parse(json).map_err(|e| ManifestError::Syntax { line: e.line })?;
        let root = doc.as_object().ok_or(ManifestError::Syntax { line: 1 })?;
        let mut r = Reader::default();
        let actions = r.array(root, "", "actions");
        let actions = read_actions(&mut r, actions, manifest);
        let chapters = r.array(root, "", "chapters");
        let chapters = read_chapters(&mut r, chapters);
        if r.problems.is_empty() {
            Ok(Self { actions, chapters })
        } else {
            Err(ManifestError::Invalid(r.problems))
        }
    }
}

/// A clickable part of the video.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// What the host is told (`id`): an identifier, never personal.
    pub id: String,
    /// The layer whose drawn area can be clicked (`layer` or `ln`).
    pub target: Target,
    /// The accessible name, over the manifest's fields (`label`).
    pub label: TextTemplate,
    /// What a click does.
    pub kind: ActionKind,
    /// When it is active (`marker` or `frames`); always without one.
    pub range: Option<FrameRange>,
    /// Playback waits on the range's last frame (`pause`).
    pub pause: bool,
    /// Its JSON path (`actions[2]`), for problems.
    pub path: String,
}

/// What an action does when the viewer activates it.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionKind {
    /// The host gets the action's id.
    Event,
    /// Play a marker's segment, then do `then`.
    Segment {
        /// The marker's name (`cm`).
        marker: String,
        /// At the segment's end.
        then: SegmentEnd,
    },
    /// The host page may open this fixed `https:` URL.
    Link(String),
    /// Start the video over.
    Replay,
}

impl ActionKind {
    /// The `kind` the manifest and the host's events name it by.
    pub fn name(&self) -> &'static str {
        match self {
            ActionKind::Event => "event",
            ActionKind::Segment { .. } => "segment",
            ActionKind::Link(_) => "link",
            ActionKind::Replay => "replay",
        }
    }
}

/// What playback does at the end of a segment it was asked to play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentEnd {
    /// Hold the segment's last frame (the default).
    Stop,
    /// Play the segment again.
    Loop,
    /// Play on to the end of the animation (a chapter jump).
    Continue,
}

impl SegmentEnd {
    /// The `then` value naming it, as the manifest and PERCUS/SEGMENT write it.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "stop" => SegmentEnd::Stop,
            "loop" => SegmentEnd::Loop,
            "continue" => SegmentEnd::Continue,
            _ => return None,
        })
    }
}

/// The frames during which an action is active.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameRange {
    /// A marker's frames (its name).
    Marker(String),
    /// Composition frames `[first, end)`.
    Frames(f64, f64),
}

/// A named part of the timeline the viewer and the host can jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The marker whose frames it is (`cm`).
    pub marker: String,
    /// What people see: fixed text, no placeholders (the host gets it).
    pub label: String,
}

/// Reads `actions` (the JSON array at the top level), resolving labels'
/// placeholders against `manifest`'s fields, recording problems in `r`.
fn read_actions(r: &mut Reader, values: &[Value], manifest: &Manifest) -> Vec<Action> {
    if values.len() > MAX_ACTIONS {
        r.problem("too-many", "actions".into(), "");
    }
    let mut actions: Vec<Action> = Vec::new();
    for (i, value) in values.iter().enumerate().take(MAX_ACTIONS) {
        let path = index("actions", i);
        let Some(obj) = r.object(value, &path) else {
            continue;
        };
        r.known_keys(obj, &path, ACTION_KEYS);
        let id = r.string(obj, &path, "id", true).unwrap_or_default();
        if !is_action_id(&id) {
            r.problem("bad-action", join(&path, "id"), "");
        } else if actions.iter().any(|a| a.id == id) {
            r.problem("duplicate-action", join(&path, "id"), &id);
        }
        let target = read_target(r, obj, &path);
        let text = r.string(obj, &path, "label", true).unwrap_or_default();
        let (label, mut found) = text_template(&text, &manifest.fields, &join(&path, "label"));
        r.problems.append(&mut found);
        let kind = read_kind(r, obj, &path);
        let range = read_range(r, obj, &path);
        let pause = r.boolean(obj, &path, "pause").unwrap_or(false);
        if pause && range.is_none() {
            r.problem("bad-action", join(&path, "pause"), "");
        }
        if let (Some(target), Some(kind)) = (target, kind) {
            actions.push(Action {
                id,
                target,
                label,
                kind,
                range,
                pause,
                path,
            });
        }
    }
    actions
}

/// Whether `id` is an action id: `[A-Za-z_][A-Za-z0-9_-]*`, at most 64.
fn is_action_id(id: &str) -> bool {
    id.len() <= 64
        && id
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn read_target(r: &mut Reader, obj: &Map, action: &str) -> Option<Target> {
    let path = join(action, "target");
    // (Not `Reader::child`: a second caller keeps the lite player's copy
    // of it from being inlined, 140 bytes.)
    let Some(target) = obj.get("target") else {
        r.problem("missing-key", path, "target");
        return None;
    };
    let target = r.object(target, &path)?;
    r.known_keys(target, &path, ACTION_TARGET_KEYS);
    let layer = r.string(target, &path, "layer", false);
    let ln = r.string(target, &path, "ln", false);
    match (layer, ln) {
        (Some(name), None) => Some(Target::Layer(name)),
        (None, Some(id)) => Some(Target::LayerId(id)),
        _ => {
            r.problem("bad-target", path, "");
            None
        }
    }
}

fn read_kind(r: &mut Reader, obj: &Map, path: &str) -> Option<ActionKind> {
    let kind = r.string(obj, path, "kind", true)?;
    let segment = r.string(obj, path, "segment", false);
    let then = r.string(obj, path, "then", false);
    let url = r.string(obj, path, "url", false);
    // Each key only with the kind that uses it: a `url` on an event is a
    // designer's mistake worth hearing about, not something to ignore.
    let misplaced = match kind.as_str() {
        "segment" => url.is_some(),
        "link" => segment.is_some() || then.is_some(),
        _ => url.is_some() || segment.is_some() || then.is_some(),
    };
    if misplaced {
        r.problem("bad-action", join(path, "kind"), &kind);
        return None;
    }
    match kind.as_str() {
        "event" => Some(ActionKind::Event),
        "replay" => Some(ActionKind::Replay),
        "segment" => {
            let Some(marker) = segment else {
                r.problem("missing-key", join(path, "segment"), "segment");
                return None;
            };
            let then = match then {
                None => SegmentEnd::Stop,
                Some(name) => {
                    let end = SegmentEnd::parse(&name);
                    if end.is_none() {
                        r.problem("bad-value", join(path, "then"), "then");
                    }
                    end?
                }
            };
            Some(ActionKind::Segment { marker, then })
        }
        "link" => {
            let Some(url) = url else {
                r.problem("missing-key", join(path, "url"), "url");
                return None;
            };
            if !is_fixed_https_url(&url) {
                r.problem("bad-url", join(path, "url"), "");
                return None;
            }
            Some(ActionKind::Link(url))
        }
        _ => {
            r.problem("bad-value", join(path, "kind"), "kind");
            None
        }
    }
}

/// Whether `url` is an absolute `https:` URL with a host and nothing that
/// could be a placeholder or hide another scheme: no `{`, `}`, blanks,
/// control characters or backslashes; at most 2,000 bytes. The SDK checks
/// it again, with the browser's parser, against the host's allowed origins.
pub fn is_fixed_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host_end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let host = rest.get(..host_end).unwrap_or_default();
    url.len() <= 2_000
        && !host.is_empty()
        && !host.contains('@')
        && url
            .bytes()
            .all(|b| b > b' ' && b < 0x7f && !matches!(b, b'{' | b'}' | b'\\' | b'"' | b'<' | b'>'))
}

fn read_range(r: &mut Reader, obj: &Map, path: &str) -> Option<FrameRange> {
    let marker = r.string(obj, path, "marker", false);
    let frames = obj.get("frames");
    match (marker, frames) {
        (Some(_), Some(_)) => {
            r.problem("bad-action", join(path, "frames"), "");
            None
        }
        (Some(name), None) => Some(FrameRange::Marker(name)),
        (None, Some(value)) => {
            let pair = value.as_array().and_then(|a| match a.as_slice() {
                [first, end] => Some((first.as_f64()?, end.as_f64()?)),
                _ => None,
            });
            match pair {
                Some((first, end)) if first.is_finite() && end.is_finite() && first < end => {
                    Some(FrameRange::Frames(first, end))
                }
                _ => {
                    r.problem("bad-value", join(path, "frames"), "frames");
                    None
                }
            }
        }
        (None, None) => None,
    }
}

/// Reads `chapters` (the JSON array at the top level).
fn read_chapters(r: &mut Reader, values: &[Value]) -> Vec<Chapter> {
    if values.len() > MAX_CHAPTERS {
        r.problem("too-many", "chapters".into(), "");
    }
    let mut chapters: Vec<Chapter> = Vec::new();
    for (i, value) in values.iter().enumerate().take(MAX_CHAPTERS) {
        let path = index("chapters", i);
        let Some(obj) = r.object(value, &path) else {
            continue;
        };
        r.known_keys(obj, &path, CHAPTER_KEYS);
        let marker = r.string(obj, &path, "marker", true);
        let label = r.string(obj, &path, "label", true);
        if let Some(label) = &label {
            // Fixed text the host gets: no placeholder may make it personal.
            if label.is_empty()
                || char_count(label) > 200
                || label.bytes().any(|b| b == b'{' || b == b'}')
            {
                r.problem("bad-value", join(&path, "label"), "label");
            }
        }
        if let Some(marker) = &marker {
            if chapters.iter().any(|c| &c.marker == marker) {
                r.problem("duplicate-chapter", join(&path, "marker"), marker);
            }
        }
        if let (Some(marker), Some(label)) = (marker, label) {
            chapters.push(Chapter { marker, label });
        }
    }
    chapters
}

impl Interaction {
    /// Problems against the template: a target with no layer
    /// (`unknown-layer`), a marker the animation lacks (`unknown-marker`).
    #[inline(never)]
    pub fn validate(&self, outline: &Outline<'_>) -> Vec<Problem> {
        validate(&self.actions, &self.chapters, outline)
    }
}

fn validate(actions: &[Action], chapters: &[Chapter], outline: &Outline<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let has_marker = |name: &str| outline.markers.contains(&name);
    let mut unknown_marker = |path: String, name: &str| {
        if !has_marker(name) {
            problems.push(Problem {
                code: "unknown-marker",
                path,
                name: name.to_owned(),
            });
        }
    };
    for action in actions {
        if let ActionKind::Segment { marker, .. } = &action.kind {
            unknown_marker(join(&action.path, "segment"), marker);
        }
        if let Some(FrameRange::Marker(marker)) = &action.range {
            unknown_marker(join(&action.path, "marker"), marker);
        }
    }
    for (i, chapter) in chapters.iter().enumerate() {
        unknown_marker(join(&index("chapters", i), "marker"), &chapter.marker);
    }
    for action in actions {
        if !outline.layers.iter().any(|l| action.target.matches(l)) {
            let (key, name) = match &action.target {
                Target::LayerId(id) => ("ln", id.as_str()),
                Target::Layer(name) | Target::Slot(name) => ("layer", name.as_str()),
            };
            problems.push(Problem {
                code: "unknown-layer",
                path: join(&join(&action.path, "target"), key),
                name: name.to_owned(),
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;
    use crate::manifest::{OutlineLayer, OutlineLayerKind};
    use crate::text_template::Segment;

    fn manifest(extra: &str) -> String {
        String::from(
            r#"{ "version": 1, "name": "bill", "animation": "a.json",
                 "fields": [ { "name": "amount", "type": "currency", "currency": "USD" },
                             { "name": "brand", "type": "color" } ],
                 "bindings": [] "#,
        ) + extra
            + "}"
    }

    fn parse(extra: &str) -> Result<Interaction, Vec<(&'static str, String)>> {
        let json = manifest(extra);
        let m = Manifest::parse(&json).map_err(|e| match e {
            ManifestError::Invalid(p) => p.into_iter().map(|p| (p.code, p.path)).collect(),
            _ => vec![("syntax", String::new())],
        })?;
        assert!(m.interactive || !extra.contains("actions") && !extra.contains("chapters"));
        Interaction::parse(&json, &m).map_err(|e| match e {
            ManifestError::Invalid(p) => p.into_iter().map(|p| (p.code, p.path)).collect(),
            _ => vec![("syntax", String::new())],
        })
    }

    #[test]
    fn every_kind_is_read() {
        let i = parse(
            r#", "actions": [
              { "id": "pay", "target": { "layer": "Pay" }, "label": "Pay {amount} now",
                "kind": "link", "url": "https://bank.example/pay?x=1", "marker": "choice", "pause": true },
              { "id": "later", "target": { "ln": "later" }, "label": "Later", "kind": "event", "frames": [10, 20] },
              { "id": "why", "target": { "layer": "Why" }, "label": "Why?", "kind": "segment",
                "segment": "details", "then": "continue" },
              { "id": "again", "target": { "layer": "Replay" }, "label": "Again", "kind": "replay" } ],
              "chapters": [ { "marker": "intro", "label": "Your bill" } ]"#,
        )
        .unwrap();
        let kinds: Vec<_> = i.actions.iter().map(|a| a.kind.name()).collect();
        assert_eq!(kinds, ["link", "event", "segment", "replay"]);
        let pay = &i.actions[0];
        assert_eq!(
            pay.kind,
            ActionKind::Link("https://bank.example/pay?x=1".into())
        );
        assert_eq!(pay.range, Some(FrameRange::Marker("choice".into())));
        assert!(pay.pause);
        assert_eq!(pay.label.segments[1], Segment::Field(0));
        assert_eq!(i.actions[1].target, Target::LayerId("later".into()));
        assert_eq!(i.actions[1].range, Some(FrameRange::Frames(10.0, 20.0)));
        assert_eq!(
            i.actions[2].kind,
            ActionKind::Segment {
                marker: "details".into(),
                then: SegmentEnd::Continue
            }
        );
        assert_eq!(
            i.chapters,
            [Chapter {
                marker: "intro".into(),
                label: "Your bill".into()
            }]
        );
        assert_eq!(parse("").unwrap(), Interaction::default());
    }

    #[test]
    fn mistakes_are_problems_at_their_paths() {
        let cases: &[(&str, &str, &str)] = &[
            (
                r#"{ "id": "1x", "target": { "layer": "A" }, "label": "A", "kind": "event" }"#,
                "bad-action",
                "actions[0].id",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A", "ln": "a" }, "label": "A", "kind": "event" }"#,
                "bad-target",
                "actions[0].target",
            ),
            (
                r#"{ "id": "a", "target": { "slot": "A" }, "label": "A", "kind": "event" }"#,
                "unknown-key",
                "actions[0].target.slot",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "{nope}", "kind": "event" }"#,
                "unknown-field",
                "actions[0].label",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "{brand}", "kind": "event" }"#,
                "wrong-field-type",
                "actions[0].label",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "jump" }"#,
                "bad-value",
                "actions[0].kind",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "event", "url": "https://a.example" }"#,
                "bad-action",
                "actions[0].kind",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "link" }"#,
                "missing-key",
                "actions[0].url",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "link", "url": "http://a.example" }"#,
                "bad-url",
                "actions[0].url",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "link", "url": "https://a.example/{amount}" }"#,
                "bad-url",
                "actions[0].url",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "segment" }"#,
                "missing-key",
                "actions[0].segment",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "segment", "segment": "s", "then": "jump" }"#,
                "bad-value",
                "actions[0].then",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "event", "pause": true }"#,
                "bad-action",
                "actions[0].pause",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "event", "marker": "m", "frames": [1, 2] }"#,
                "bad-action",
                "actions[0].frames",
            ),
            (
                r#"{ "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "event", "frames": [2, 1] }"#,
                "bad-value",
                "actions[0].frames",
            ),
            (
                r#"{ "id": "a", "label": "A", "kind": "event" }"#,
                "missing-key",
                "actions[0].target",
            ),
        ];
        for (action, code, path) in cases {
            let found = parse(&(String::from(r#", "actions": ["#) + action + "]")).unwrap_err();
            assert!(
                found.contains(&(*code, (*path).to_owned())),
                "{action}: {found:?}"
            );
        }
    }

    #[test]
    fn duplicates_and_chapters() {
        let twice = r#", "actions": [
            { "id": "a", "target": { "layer": "A" }, "label": "A", "kind": "event" },
            { "id": "a", "target": { "layer": "B" }, "label": "B", "kind": "event" } ]"#;
        assert_eq!(
            parse(twice).unwrap_err(),
            [("duplicate-action", "actions[1].id".to_owned())]
        );
        let chapters = r#", "chapters": [ { "marker": "m", "label": "Hi {amount}" },
            { "marker": "m", "label": "B" }, { "label": "C" } ]"#;
        assert_eq!(
            parse(chapters).unwrap_err(),
            [
                ("bad-value", "chapters[0].label".to_owned()),
                ("duplicate-chapter", "chapters[1].marker".to_owned()),
                ("missing-key", "chapters[2].marker".to_owned()),
            ]
        );
        let many = String::from(r#", "chapters": ["#)
            + &vec![r#"{ "marker": "m", "label": "L" }"#; MAX_CHAPTERS + 1].join(",")
            + "]";
        assert!(parse(&many)
            .unwrap_err()
            .contains(&("too-many", "chapters".to_owned())));
    }

    #[test]
    fn urls_are_fixed_https_urls() {
        for ok in [
            "https://bank.example",
            "https://bank.example/pay?a=1#x",
            "https://b.example:8443/p",
        ] {
            assert!(is_fixed_https_url(ok), "{ok}");
        }
        for bad in [
            "http://bank.example",
            "https://",
            "https:///path",
            "javascript:alert(1)",
            "https://user@bank.example/",
            "https://bank.example/{first_name}",
            "https://bank.example/ a",
            "https://bank.example\\@evil.example",
            " https://bank.example",
            "HTTPS://bank.example",
        ] {
            assert!(!is_fixed_https_url(bad), "{bad}");
        }
        assert!(!is_fixed_https_url(
            &(String::from("https://a.example/") + &"a".repeat(2_000))
        ));
    }

    #[test]
    fn targets_and_markers_are_checked_against_the_template() {
        let json = manifest(
            r#", "actions": [
              { "id": "a", "target": { "layer": "Pay" }, "label": "A", "kind": "segment", "segment": "details", "marker": "choice" },
              { "id": "b", "target": { "ln": "gone" }, "label": "B", "kind": "event" } ],
              "chapters": [ { "marker": "intro", "label": "Intro" }, { "marker": "outro", "label": "End" } ]"#,
        );
        let m = Manifest::parse(&json).unwrap();
        let i = Interaction::parse(&json, &m).unwrap();
        let layer = OutlineLayer {
            name: "Pay",
            id: None,
            kind: OutlineLayerKind::Shape,
        };
        let outline = Outline {
            layers: vec![layer],
            slots: Vec::new(),
            markers: vec!["intro", "choice"],
        };
        let found: Vec<_> = i
            .validate(&outline)
            .into_iter()
            .map(|p| (p.code, p.path, p.name))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "unknown-marker",
                    "actions[0].segment".into(),
                    "details".into()
                ),
                (
                    "unknown-marker",
                    "chapters[1].marker".into(),
                    "outro".into()
                ),
                (
                    "unknown-layer",
                    "actions[1].target.ln".into(),
                    "gone".into()
                ),
            ]
        );
    }
}
