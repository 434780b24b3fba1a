//! Frame evaluation speed, natively (issue "Benchmarks"): import of the
//! largest corpus files (../shared/corpus/lottie) and `eval::evaluate` of
//! frames spread over each, so that a regression shows without a browser:
//! `CARGO_PROFILE_RELEASE_PANIC=unwind cargo bench -p player` (criterion's
//! harness unwinds; the shipped release profile aborts). Figures go to
//! docs/benchmarks.md; this is a
//! benchmark, never a test.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "benchmark set-up")]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::{Path, PathBuf};

    use criterion::{black_box, criterion_group, Criterion};
    use player::eval::evaluate;
    use player::geometry::Affine;
    use player::lottie::Composition;
    use player::overrides::Overrides;

    /// The corpus beside the repository (or beside its clone).
    fn corpus() -> PathBuf {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        [
            here.join("../../shared/corpus/lottie"),
            here.join("../../../shared/corpus/lottie"),
        ]
        .into_iter()
        .find(|p| p.is_dir())
        .expect("../shared/corpus/lottie beside the repository")
    }

    /// The `count` largest corpus files that load, largest first.
    fn largest(count: usize) -> Vec<(String, String)> {
        let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(corpus())
            .unwrap()
            .filter_map(|e| {
                let path = e.ok()?.path();
                let size = path.metadata().ok()?.len();
                (path.extension()? == "json").then_some((size, path))
            })
            .collect();
        files.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
        files
            .into_iter()
            .filter_map(|(_, path)| {
                let json = std::fs::read_to_string(&path).ok()?;
                Composition::from_json(&json).ok()?;
                Some((path.file_stem()?.to_string_lossy().into_owned(), json))
            })
            .take(count)
            .collect()
    }

    fn frames(c: &mut Criterion) {
        for (name, json) in largest(5) {
            c.bench_function(&format!("import {name}"), |b| {
                b.iter(|| Composition::from_json(black_box(&json)).unwrap())
            });
            let comp = Composition::from_json(&json).unwrap();
            let overrides = Overrides::new(comp.text_slots);
            // 30 frames spread over the animation, as the browser benchmark draws them.
            let frames: Vec<f64> = (0..30)
                .map(|i| comp.in_point + (comp.out_point - comp.in_point) * f64::from(i) / 30.0)
                .collect();
            c.bench_function(&format!("evaluate 30 frames of {name}"), |b| {
                b.iter(|| {
                    for frame in &frames {
                        black_box(evaluate(&comp, *frame, &overrides, Affine::IDENTITY));
                    }
                })
            });
        }
    }

    criterion_group! {
        name = benches;
        config = Criterion::default().sample_size(20);
        targets = frames
    }
}
