//! The demo templates in www/templates, bound with their manifests' sample
//! data and evaluated at fixed frames, compared with the display lists
//! recorded in tests/snapshots/ (the middle stage as text: no pixels, no
//! browser). Set UPDATE_SNAPSHOTS=1 to rewrite them after a deliberate change,
//! then review the diff.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::path::{Path, PathBuf};

use binding_engine::format::PlainFormatter;
use binding_engine::json::Map;
use player::display_list::DisplayList;
use player::eval::evaluate;
use player::geometry::Affine;
use player::recording::RecordingBackend;
use player::template::Template;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load(name: &str) -> Template {
    let dir = repo().join("www/templates").join(name);
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let manifest = Template::parse_manifest(&manifest).unwrap();
    let animation = std::fs::read_to_string(dir.join(&manifest.animation)).unwrap();
    Template::new(manifest, &animation).unwrap()
}

fn sample_data(template: &Template) -> Map {
    template
        .manifest
        .fields
        .iter()
        .filter_map(|f| Some((f.name.clone(), f.sample.clone()?)))
        .collect()
}

fn record(list: &DisplayList) -> String {
    let mut rec = RecordingBackend::default();
    list.replay(&mut rec, None);
    rec.text() + "\n"
}

fn check_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}: run with UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    if expected != actual {
        let first_diff = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs at line {}:\nexpected: {:?}\n  actual: {:?}\n(UPDATE_SNAPSHOTS=1 rewrites it)",
            first_diff + 1,
            expected.lines().nth(first_diff),
            actual.lines().nth(first_diff)
        );
    }
}

#[test]
fn demo_templates_use_only_supported_features() {
    for name in ["greeting", "balance", "footage", "member"] {
        let template = load(name);
        assert!(
            template.composition.warnings.is_empty(),
            "{name}: {:?}",
            template.composition.warnings
        );
    }
}

#[test]
fn demo_templates_match_their_snapshots() {
    for (name, frames) in [
        ("greeting", [0.0, 10.0, 30.0, 110.5]),
        ("balance", [0.0, 20.0, 60.0, 149.0]),
        ("footage", [0.0, 25.0, 75.0, 179.0]),
        ("member", [0.0, 10.0, 25.0, 89.0]),
    ] {
        let template = load(name);
        let overrides = template
            .bind(&sample_data(&template), &mut PlainFormatter)
            .unwrap()
            .overrides;
        for frame in frames {
            let list = evaluate(&template.composition, frame, &overrides, Affine::IDENTITY);
            check_snapshot(&format!("{name}-{frame}.txt"), &record(&list));
        }
    }
}

#[test]
fn the_footage_playhead_moves_with_the_video_timecode() {
    // footage.webm's white block is at x = 24 + 3n (8 px wide) on frame n
    // (scripts/generators/make-demo-video.sh): the Playhead's tip is at its centre.
    let template = load("footage");
    let overrides = template
        .bind(&sample_data(&template), &mut PlainFormatter)
        .unwrap()
        .overrides;
    for frame in [0.0, 75.0, 179.0] {
        let list = evaluate(&template.composition, frame, &overrides, Affine::IDENTITY);
        let drawn = record(&list);
        let tip = format!("[1 0 0 1 {} 322]", 28.0 + 3.0 * frame);
        assert!(drawn.contains(&tip), "frame {frame}: no {tip} in\n{drawn}");
    }
}

#[test]
fn sample_data_reaches_the_bound_layers() {
    let template = load("balance");
    let overrides = template
        .bind(&sample_data(&template), &mut PlainFormatter)
        .unwrap()
        .overrides;
    let list = evaluate(&template.composition, 60.0, &overrides, Affine::IDENTITY);
    let drawn = record(&list);
    assert!(
        drawn.contains("text \"Jane, this is your year\""),
        "{drawn}"
    );
    // Natively the plain formatter writes the currency (the player uses Intl).
    assert!(drawn.contains("text \"You saved USD 1,234.56\""), "{drawn}");
}
