//! Robustness over the shared corpora (../shared/corpus/lottie: 120 real
//! Lottie files, and ../shared/corpus2/lottie: 532 more; licenses in each
//! one's LICENSES.md): every file loads or fails with a stable code, and
//! evaluating frames across its range (its expressions run) never panics
//! nor leaves the per-frame budget, nor does its compatibility report. Fidelity against lottie-web is the renderer issue's harness.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use player::eval::evaluate;
use player::geometry::Affine;
use player::lottie::Composition;
use player::overrides::Overrides;
use player::report::Report;

mod common;
use common::corpus_dir;

#[test]
fn every_corpus_file_loads_and_evaluates() {
    check_corpus("corpus", 120, 118);
}

#[test]
fn every_corpus2_file_loads_and_evaluates() {
    check_corpus("corpus2", 532, 532);
}

/// Loads and evaluates every file of ../shared/`name`/lottie: `count`
/// files, at least `loading` of which load.
fn check_corpus(name: &str, count: usize, loading: usize) {
    let dir = corpus_dir(name).expect("../shared/<corpus>/lottie beside the repo");
    let entries = std::fs::read_dir(&dir).unwrap();
    let mut loaded = 0;
    let mut max_work = 0;
    let mut files = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        files += 1;
        let json = std::fs::read_to_string(&path).unwrap();
        // The compatibility report comes from the same import.
        let report = Report::of(&json);
        assert!(!report.to_text().is_empty());
        let comp = match Composition::from_json(&json) {
            Ok(comp) => comp,
            Err(e) => {
                assert!(
                    e.code().starts_with("animation-"),
                    "{}: {e:?}",
                    path.display()
                );
                continue;
            }
        };
        loaded += 1;
        let texts = Overrides::new(comp.text_slots);
        let view = Affine::scale(
            512.0 / comp.width.max(comp.height),
            512.0 / comp.width.max(comp.height),
        );
        for i in 0..5 {
            let frame = comp.in_point + (comp.frame_count() - 1.0).max(0.0) * f64::from(i) / 4.0;
            let list = evaluate(&comp, frame, &texts, view);
            // Real files stay far inside the per-frame work budget.
            assert!(!list.truncated, "{} frame {frame}", path.display());
            max_work = max_work.max(list.work);
        }
    }
    assert_eq!(files, count, "{name} size changed: update this test");
    assert!(
        loaded >= loading,
        "only {loaded} of {files} {name} files loaded"
    );
}
