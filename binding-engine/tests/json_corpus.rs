//! Our JSON parser against serde_json on every file of the shared corpus
//! (../shared/corpus/lottie: 120 real Lottie files, licenses in
//! ../shared/corpus/LICENSES.md) and the demo templates: the same tree, with
//! numbers equal or within four ulps (long decimals).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::path::{Path, PathBuf};

use binding_engine::json::{self, Value};

fn corpus() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The work tree lives in main/ beside shared/; CI clones beside it too.
    [
        here.join("../../shared/corpus/lottie"),
        here.join("../../../shared/corpus/lottie"),
    ]
    .into_iter()
    .find(|p| p.is_dir())
    .expect("the corpus sits beside the repo (../shared/corpus/lottie)")
}

fn same(ours: &Value, theirs: &serde_json::Value, path: &str) {
    match (ours, theirs) {
        (Value::Null, serde_json::Value::Null) => {}
        (Value::Bool(a), serde_json::Value::Bool(b)) => assert_eq!(a, b, "{path}"),
        (Value::Number(a), serde_json::Value::Number(b)) => {
            let b = b.as_f64().unwrap();
            let ulps = (a - b).abs() / (f64::EPSILON * b.abs().max(f64::MIN_POSITIVE));
            assert!(a == &b || ulps <= 4.0, "{path}: {a} vs {b}");
        }
        (Value::String(a), serde_json::Value::String(b)) => assert_eq!(a, b, "{path}"),
        (Value::Array(a), serde_json::Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(a), serde_json::Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().collect();
            assert_eq!(keys, b.keys().collect(), "{path}");
            for (key, y) in b {
                same(a.get(key).unwrap(), y, &format!("{path}.{key}"));
            }
        }
        _ => panic!("{path}: {ours:?} vs {theirs:?}"),
    }
}

#[test]
fn parses_the_corpus_as_serde_json_does() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/templates");
    for template in std::fs::read_dir(templates).unwrap() {
        let dir = template.unwrap().path();
        files.extend(["manifest.json", "animation.json"].map(|f| dir.join(f)));
    }
    assert!(files.len() >= 120, "{} files", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let theirs: Result<serde_json::Value, _> = serde_json::from_str(&text);
        match (json::parse(&text), theirs) {
            (Ok(ours), Ok(theirs)) => same(&ours, &theirs, &file.display().to_string()),
            (Err(_), Err(_)) => {}
            (ours, theirs) => panic!("{}: {:?} vs {:?}", file.display(), ours.err(), theirs.err()),
        }
    }
}
