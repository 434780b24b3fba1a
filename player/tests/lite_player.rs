//! The two builds of the player (`player::FULL`): the lite one, which the
//! player page loads first, refuses every animation and manifest that uses
//! something only the full one draws or reads, so that nothing is ever drawn
//! differently for want of code. Checked here, in the full build, on the
//! corpus (../shared/corpus/lottie, licenses in ../shared/corpus/LICENSES.md)
//! and the demo templates: whenever the import says the lite player draws a
//! file (`Composition::full_only` is `None`), its model holds none of the
//! features the lite build leaves out. The lite build's own refusal is
//! tested in `lottie::import` (`cargo test -p player --no-default-features`).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::{Path, PathBuf};

use player::lottie::animated::Animated;
use player::lottie::{
    BlendMode, Composition, Layer, LayerKind, Mask, MatteMode, Rotation3d, ShapeItem, TextLayer,
};
use player::template::Template;

mod common;
use common::corpus_dir;

fn templates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/templates")
}

/// The first feature of `comp` the lite build leaves out, found by walking
/// the model (independently of how the importer decides).
fn full_feature(comp: &Composition) -> Option<String> {
    if !comp.glyphs.is_empty() {
        return Some("glyphs".into());
    }
    if !comp.slots.is_empty() {
        return Some("slots".into());
    }
    #[cfg(feature = "expressions")]
    if !comp.scripts.list.is_empty() {
        return Some("expressions".into());
    }
    comp.all_layers().find_map(layer_feature)
}

fn layer_feature(layer: &Layer) -> Option<String> {
    let name = &layer.name;
    if !layer.effects.is_empty() {
        return Some(format!("effects on {name}"));
    }
    if layer.masks.iter().any(needs_alpha) {
        return Some(format!("alpha mask on {name}"));
    }
    if matches!(
        layer.matte.as_ref().map(|m| m.mode),
        Some(MatteMode::Luma | MatteMode::LumaInverted)
    ) {
        return Some(format!("luma matte on {name}"));
    }
    if layer.transform.rotation_3d.as_deref().is_some_and(turns) {
        return Some(format!("3D rotation of {name}"));
    }
    if layer.blend != BlendMode::Normal {
        return Some(format!("blend mode of {name}"));
    }
    match &layer.kind {
        LayerKind::Text(TextLayer { animators, .. }) if !animators.is_empty() => {
            Some(format!("text animators on {name}"))
        }
        LayerKind::Shape(items) => shape_feature(items).map(|f| format!("{f} in {name}")),
        _ => None,
    }
}

// The two checks below are written here again, not taken from the model's
// `Rotation3d::is_flat` and `Mask::needs_alpha`, which the importer uses to
// decide: the test must not agree with the importer by construction.

fn turns(r: &Rotation3d) -> bool {
    let zero = |v: &Animated<f64>| matches!(v, Animated::Fixed(x) if *x == 0.0);
    let flat = matches!(r.orientation, Animated::Fixed([0.0, 0.0, 0.0]));
    !(zero(&r.x) && zero(&r.y) && flat)
}

fn needs_alpha(mask: &Mask) -> bool {
    let opaque = matches!(mask.opacity, Animated::Fixed(o) if o == 100.0);
    let unexpanded = matches!(mask.expansion, Animated::Fixed(x) if x == 0.0);
    let sharp = matches!(mask.feather, Animated::Fixed(f) if f.x == 0.0 && f.y == 0.0);
    !(opaque && unexpanded && sharp)
}

fn shape_feature(items: &[ShapeItem]) -> Option<&'static str> {
    items.iter().find_map(|item| match item {
        ShapeItem::Group { items, .. } => shape_feature(items),
        ShapeItem::Repeater(_) => Some("a repeater"),
        ShapeItem::Merge(_) => Some("merge paths"),
        ShapeItem::PuckerBloat { .. } => Some("pucker & bloat"),
        ShapeItem::OffsetPath { .. } => Some("offset paths"),
        ShapeItem::RoundCorners { .. } => Some("round corners"),
        ShapeItem::ZigZag { .. } => Some("zig-zag"),
        ShapeItem::Trim {
            individually: true, ..
        } => Some("an individual trim"),
        _ => None,
    })
}

#[test]
fn the_lite_player_is_offered_only_what_it_draws() {
    // Both corpora sit beside the project (../shared); CI clones there.
    let mut files: Vec<PathBuf> = ["corpus", "corpus2"]
        .into_iter()
        .flat_map(|name| {
            let dir = corpus_dir(name).expect("../shared/<corpus>/lottie beside the repo");
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut lite, mut full) = (0, 0);
    for path in &files {
        let Ok(comp) = Composition::from_json(&std::fs::read_to_string(path).unwrap()) else {
            continue;
        };
        let found = full_feature(&comp);
        match comp.full_only {
            None => {
                assert_eq!(
                    found,
                    None,
                    "{}: the lite player would miss it",
                    path.display()
                );
                lite += 1;
            }
            Some(_) => full += 1,
        }
    }
    // Most real files are plain shapes, text and images: 2026-12-03, 366
    // of the 652 files of both corpora (../shared/corpus alone is half
    // lottie-android's test files of effects and blend modes: 52 of 120).
    assert!(lite > full, "lite {lite}, full {full}");
    assert!(full > 0);
}

#[test]
fn features_are_named_for_the_report() {
    let doc =
        |layer: &str| format!(r#"{{"w":10,"h":10,"fr":30,"ip":0,"op":10,"layers":[{layer}]}}"#);
    let cases = [
        (r#"{"ty":4,"shapes":[]}"#, None),
        (
            r#"{"ty":4,"ef":[{"ty":5,"ef":[]},{"ty":29,"en":0,"ef":[]}],"shapes":[]}"#,
            None,
        ),
        (
            r#"{"ty":4,"ef":[{"ty":29,"ef":[]}],"shapes":[]}"#,
            Some("effects"),
        ),
        (r#"{"ty":4,"shapes":[{"ty":"rp"}]}"#, Some("repeaters")),
        (r#"{"ty":4,"shapes":[{"ty":"mm"}]}"#, Some("path modifiers")),
        (r#"{"ty":4,"tt":3,"shapes":[]}"#, Some("luma mattes")),
        (r#"{"ty":4,"bm":1,"shapes":[]}"#, Some("blend modes")),
        // Add and Hard Mix: lottie-web draws them normal, and so does Percus.
        (r#"{"ty":4,"bm":16,"shapes":[]}"#, None),
        (
            r#"{"ty":4,"ks":{"rx":{"k":0},"ry":{"k":0},"or":{"k":[0,0,0]}},"shapes":[]}"#,
            None,
        ),
        (
            r#"{"ty":4,"ks":{"rx":{"k":0},"ry":{"k":30}},"shapes":[]}"#,
            Some("3D rotations"),
        ),
        // Without `rx`, lottie-web reads no 3D key: a 2D layer.
        (r#"{"ty":4,"ks":{"ry":{"k":30}},"shapes":[]}"#, None),
        (
            r#"{"ty":4,"masksProperties":[{"mode":"a","o":{"k":50},"pt":{"k":{"v":[],"i":[],"o":[],"c":true}}}],"shapes":[]}"#,
            Some("masks with opacity, expansion, feather or inversion, or adds after other masks"),
        ),
        // An inverted mask, and an add after a subtract: drawn as a matte.
        (
            r#"{"ty":4,"masksProperties":[{"mode":"a","inv":true,"pt":{"k":{"v":[],"i":[],"o":[],"c":true}}}],"shapes":[]}"#,
            Some("masks with opacity, expansion, feather or inversion, or adds after other masks"),
        ),
        (
            r#"{"ty":4,"masksProperties":[{"mode":"s","pt":{"k":{"v":[],"i":[],"o":[],"c":true}}},{"mode":"a","pt":{"k":{"v":[],"i":[],"o":[],"c":true}}}],"shapes":[]}"#,
            Some("masks with opacity, expansion, feather or inversion, or adds after other masks"),
        ),
        // Adds first, then masks that narrow: clips draw them.
        (
            r#"{"ty":4,"masksProperties":[{"mode":"a","pt":{"k":{"v":[],"i":[],"o":[],"c":true}}},{"mode":"a","pt":{"k":{"v":[],"i":[],"o":[],"c":true}}},{"mode":"s","pt":{"k":{"v":[],"i":[],"o":[],"c":true}}},{"mode":"i","pt":{"k":{"v":[],"i":[],"o":[],"c":true}}}],"shapes":[]}"#,
            None,
        ),
    ];
    for (layer, expected) in cases {
        let comp = Composition::from_json(&doc(layer)).unwrap();
        assert_eq!(comp.full_only, expected, "{layer}");
    }
}

#[test]
fn demo_templates_say_which_player_they_need() {
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(templates()).unwrap() {
        let dir = entry.unwrap().path();
        let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
        let manifest = Template::parse_manifest(&manifest).unwrap();
        let animation = std::fs::read_to_string(dir.join(&manifest.animation)).unwrap();
        let template = Template::new(manifest, &animation).unwrap();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if template.composition.full_only.is_none() {
            assert_eq!(full_feature(&template.composition), None, "{name}");
        }
        seen.push((name, template.full_only()));
    }
    seen.sort();
    let need = |name: &str| seen.iter().find(|(n, _)| n == name).unwrap().1;
    // The greeting, the balance and the badge: texts and numbers only.
    assert_eq!(need("greeting"), None);
    assert_eq!(need("balance"), None);
    assert_eq!(need("badge"), None);
    assert_eq!(need("footage"), Some("a background video"));
    assert_eq!(need("member"), Some("a viewer's image"));
    assert_eq!(need("bill"), Some("actions or chapters"));
}

/// Every reason the code gives for needing the full player (each
/// `full_only("…")` of the importer, each `Some("…")` of
/// `template::full_only`) is in the one written list, `player::FULL`'s doc,
/// and that list names nothing the code does not give: it cannot drift.
#[test]
fn the_lite_list_is_written_once_and_true() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let doc: String = lib
        .split("pub const FULL")
        .next()
        .unwrap()
        .rsplit("\n\n")
        .next()
        .unwrap()
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("///"))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut reasons = Vec::new();
    let mut files = vec![src.join("template.rs")];
    for entry in std::fs::read_dir(src.join("lottie/import")).unwrap() {
        files.push(entry.unwrap().path());
    }
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let code = source.split("#[cfg(test)]").next().unwrap();
        let (marker, body) = if file.ends_with("template.rs") {
            let body = code.split("pub fn full_only").nth(1).unwrap();
            ("full_reason(\"", body.split("\n}\n").next().unwrap())
        } else {
            ("full_only(\"", code)
        };
        for piece in body.split(marker).skip(1) {
            reasons.push(piece.split('"').next().unwrap().to_owned());
        }
    }
    assert!(reasons.len() >= 13, "{reasons:?}");
    // In the list itself (its dashed items), not anywhere in the prose.
    let listed = doc
        .split_once(" - ")
        .map_or("", |(_, list)| list)
        .split("A constant")
        .next()
        .unwrap();
    for reason in &reasons {
        assert!(
            listed.contains(reason.as_str()),
            "FULL's list does not name {reason:?}: {listed}"
        );
    }
    // The list's items (after each dash's colon, without what is in
    // brackets), each part of a reason the code gives.
    let mut plain = String::new();
    let mut depth = 0;
    for c in doc.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let list = plain.split(" - ").skip(1).collect::<Vec<_>>().join(";");
    let list = list.split("A constant").next().unwrap();
    let items: Vec<&str> = list
        .split(';')
        .flat_map(|part| {
            part.split_once(": ")
                .map_or("", |(_, items)| items)
                .split(',')
        })
        .map(|item| item.trim().trim_end_matches('.').trim())
        .filter(|item| !item.is_empty())
        .collect();
    assert!(items.len() >= 13, "{items:?}");
    for item in &items {
        let known = reasons.iter().any(|r| r.contains(item));
        assert!(
            known,
            "FULL's doc names {item:?}, which no code gives: {reasons:?}"
        );
    }
}
