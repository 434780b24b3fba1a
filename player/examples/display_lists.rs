//! Every display list of a set of Lottie files, as text, for proving that a
//! refactor changes nothing: run it before and after, and compare.
//!
//! `cargo run -q --example display_lists -p player -- DIR… > lists.txt`
//! (e.g. `../shared/corpus/lottie ../shared/corpus2/lottie`): each `.json`
//! of each folder, in name order, loaded and evaluated at 8 frames spread
//! over its range (a fraction past each, so no frame lands on a keyframe),
//! replayed through the recording backend. Issue 22 used it on 652 files:
//! 38.6 MB, byte-identical across the whole refactor. Not a test: the
//! corpora live outside the repository, and what is "the same" is decided
//! by `cmp`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a developer's tool"
)]

use std::io::Write;

use player::eval::evaluate;
use player::geometry::Affine;
use player::lottie::Composition;
use player::overrides::Overrides;
use player::recording::RecordingBackend;

/// Frames sampled per file.
const FRAMES: u32 = 8;

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for dir in std::env::args().skip(1) {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("a folder of Lottie files")
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for path in files {
            writeln!(out, "== {}", path.display()).unwrap();
            let json = std::fs::read_to_string(&path).unwrap();
            let comp = match Composition::from_json(&json) {
                Ok(comp) => comp,
                Err(error) => {
                    writeln!(out, "error {}", error.code()).unwrap();
                    continue;
                }
            };
            let (first, last) = (comp.in_point, comp.out_point);
            for i in 0..FRAMES {
                let frame = first + (last - first) * f64::from(i) / f64::from(FRAMES) + 0.37;
                let list = evaluate(&comp, frame, &Overrides::default(), Affine::IDENTITY);
                let mut recording = RecordingBackend::default();
                list.replay(&mut recording, None);
                for line in recording.lines {
                    writeln!(out, "{line}").unwrap();
                }
            }
        }
    }
}
