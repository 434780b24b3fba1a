//! Evaluation behaviours as data (issue 22), as resvg's and rust-analyzer's
//! tests are: each tests/eval/NAME.json is a small Lottie document, evaluated
//! at its frames and recorded as text (the middle stage: no pixels, no
//! browser), compared with tests/eval/NAME.txt. The fixture's optional
//! top-level `percus_test` key (read and stripped before import) says what
//! the .txt shows, the frames and the bound texts: tests/eval/README.md.
//! Set UPDATE_SNAPSHOTS=1 to rewrite the .txt files after a deliberate
//! change (the same switch as tests/snapshots/), then review the diff.

// The lite build refuses most of what the fixtures draw
// (`LoadError::NeedsFull`); its split is tests/lite_player.rs's.
#![cfg(all(feature = "full", not(target_arch = "wasm32")))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use binding_engine::json::{self, Map, Value};
use binding_engine::SecretText;
use player::eval::evaluate;
use player::geometry::Affine;
use player::lottie::{Composition, LayerKind};
use player::overrides::Overrides;
use player::recording::RecordingBackend;

/// The key of a fixture that is not Lottie: what the harness reads.
const TEST_KEY: &str = "percus_test";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval")
}

/// Every fixture matches its recorded display list; all differences are
/// listed, not only the first fixture's.
#[test]
fn eval_fixtures_match_their_display_lists() {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        if let Some(stem) = name.strip_suffix(".json") {
            if let Err(failure) = check(stem) {
                failures.push(failure);
            }
        } else if let Some(stem) = name.strip_suffix(".txt") {
            if !names.contains(&format!("{stem}.json")) {
                failures.push(format!("{name}: no {stem}.json beside it"));
            }
        }
    }
    assert!(
        names.iter().any(|n| n.ends_with(".json")),
        "no fixtures in {}",
        fixtures().display()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Checks tests/eval/`name`.json against `name`.txt (or rewrites the .txt).
fn check(name: &str) -> Result<(), String> {
    let source = std::fs::read_to_string(fixtures().join(format!("{name}.json"))).unwrap();
    let actual = record(&source).map_err(|e| format!("{name}.json: {e}"))?;
    let path = fixtures().join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return Ok(());
    }
    let Ok(expected) = std::fs::read_to_string(&path) else {
        return Err(format!(
            "{name}.json: missing {name}.txt: run with UPDATE_SNAPSHOTS=1 and review it"
        ));
    };
    if expected == actual {
        return Ok(());
    }
    let (expected, actual): (Vec<_>, Vec<_>) =
        (expected.lines().collect(), actual.lines().collect());
    let line = (0..expected.len().max(actual.len()))
        .find(|&i| expected.get(i) != actual.get(i))
        .unwrap_or(expected.len()); // only the line endings differ
    let show = |l: Option<&&str>| l.map_or("(no line)".to_owned(), |l| format!("{l:?}"));
    Err(format!(
        "{name}.txt differs at line {}:\nexpected: {}\n  actual: {}\n(UPDATE_SNAPSHOTS=1 rewrites it)",
        line + 1,
        show(expected.get(line)),
        show(actual.get(line)),
    ))
}

/// The fixture's import warnings, then each frame's display list as the
/// recording backend prints it; with bound texts, each frame again with them.
fn record(source: &str) -> Result<String, String> {
    let Ok(Value::Object(doc)) = json::parse(source) else {
        return Err("not a JSON object".to_owned());
    };
    let test = match doc.get(TEST_KEY) {
        Some(Value::Object(test)) => test.clone(),
        Some(_) => return Err(format!("{TEST_KEY} is not an object")),
        None => Map::new(),
    };
    if !matches!(test.get("asserts"), Some(Value::String(s)) if !s.is_empty()) {
        return Err(format!("{TEST_KEY}.asserts must say what the .txt shows"));
    }
    let lottie: Map = doc
        .iter()
        .filter(|(key, _)| *key != TEST_KEY)
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    let comp = Composition::from_json(&Value::Object(lottie).to_string())
        .map_err(|e| format!("does not load: {e:?}"))?;
    let frames: Vec<f64> = match test.get("frames") {
        None => vec![0.0],
        Some(Value::Array(frames)) => frames
            .iter()
            .map(Value::as_f64)
            .collect::<Option<_>>()
            .ok_or("frames must be numbers")?,
        Some(_) => return Err("frames must be an array of numbers".to_owned()),
    };
    let mut out = String::new();
    for warning in &comp.warnings {
        let _ = writeln!(
            out,
            "warning {} {:?} in layer {:?}",
            warning.code, warning.what, warning.layer
        );
    }
    let plain = Overrides::new(comp.text_slots);
    let draw = |out: &mut String, overrides: &Overrides, heading: &str| {
        for &frame in &frames {
            let _ = writeln!(out, "# frame {frame}{heading}");
            let mut rec = RecordingBackend::default();
            evaluate(&comp, frame, overrides, Affine::IDENTITY).replay(&mut rec, None);
            out.push_str(&rec.text());
            out.push('\n');
        }
    };
    draw(&mut out, &plain, "");
    if let Some(texts) = test.get("texts") {
        let bound = texts_bound(&comp, texts)?;
        draw(&mut out, &bound, ", texts bound");
        // Binding never changes the template: unbound again, as before.
        let mut again = String::new();
        draw(&mut again, &plain, "");
        // (`out` starts with the import's warnings, `again` does not.)
        if !out.contains(&again) {
            return Err("drawn differently unbound after drawing bound".to_owned());
        }
    }
    Ok(out)
}

/// `texts`: text layer name → its bound text.
fn texts_bound(comp: &Composition, texts: &Value) -> Result<Overrides, String> {
    let Value::Object(texts) = texts else {
        return Err("texts must map layer names to texts".to_owned());
    };
    let mut overrides = Overrides::new(comp.text_slots);
    for (layer, text) in texts {
        let slot = comp
            .all_layers()
            .find_map(|l| match &l.kind {
                LayerKind::Text(t) if l.name == *layer => Some(t.slot),
                _ => None,
            })
            .ok_or_else(|| format!("texts: no text layer {layer:?}"))?;
        let text = text.as_str().ok_or("texts: a text is a string")?;
        overrides.set(slot, Rc::new(SecretText::new(text.to_owned())), None);
    }
    Ok(overrides)
}
