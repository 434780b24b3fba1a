//! Every file of the shared corpora (../shared/corpus/lottie and
//! ../shared/corpus2/lottie, 652 real Lottie files; licenses in each one's
//! LICENSES.md), edited where its structure is: a value of the parsed tree
//! replaced by a number at the edge of what `f64` holds, another JSON type,
//! or another node of the same file (a shape where a property was, a layer
//! where a keyframe was), an array cut short, a key removed. Each edited
//! file loads or fails with a stable code, and its frames evaluate within
//! the work budget, without a panic: a panic in the shipped wasm aborts the
//! player, and designers' files are in no corpus (issue 26: "no panic or
//! hang on any file").
//!
//! The edits are the same on every run (a seeded generator per file), so a
//! failure names the file and the edit and repeats. `PERCUS_MUTATIONS=n`
//! runs `n` edits per file instead of the default (exploration by hand).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    reason = "tests"
)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use binding_engine::json::{self, Value};
use player::eval::{evaluate, WORK_BUDGET};
use player::geometry::Affine;
use player::lottie::Composition;
use player::overrides::Overrides;
use player::report::Report;

mod common;
use common::corpus_dir;

/// Edits per file on a normal run: 3 × 652 files.
const EDITS_PER_FILE: usize = 3;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Every node of `v` as a path of child positions (object members by
/// their position in the member list).
fn paths(v: &Value, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(at.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(i);
                paths(item, at, out);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (i, (_, item)) in map.iter().enumerate() {
                at.push(i);
                paths(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn node<'a>(v: &'a Value, path: &[usize]) -> &'a Value {
    path.iter().fold(v, |v, &i| match v {
        Value::Array(items) => &items[i],
        Value::Object(map) => map.iter().nth(i).unwrap().1,
        _ => unreachable!("paths go through arrays and objects"),
    })
}

/// The node at `path`, to change.
fn node_mut<'a>(v: &'a mut Value, path: &[usize]) -> &'a mut Value {
    let mut v = v;
    for &i in path {
        let key = match &*v {
            Value::Object(map) => Some(map.keys().nth(i).unwrap().clone()),
            _ => None,
        };
        v = match (key, v) {
            (Some(key), v) => v.get_mut(&key).unwrap(),
            (None, Value::Array(items)) => &mut items[i],
            _ => unreachable!("paths go through arrays and objects"),
        };
    }
    v
}

/// One edit of `doc`, described for the failure message.
fn edit(doc: &mut Value, rng: &mut Rng) -> String {
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    // A string a quarter of the time (expressions are strings, and numbers
    // far outnumber them).
    let strings: Vec<&Vec<usize>> = all
        .iter()
        .filter(|p| !p.is_empty() && matches!(node(doc, p), Value::String(_)))
        .collect();
    let target = if !strings.is_empty() && rng.below(4) == 0 {
        strings[rng.below(strings.len())].clone()
    } else {
        all[1 + rng.below(all.len() - 1)].clone()
    };
    let what = rng.below(12);
    let replacement = match what {
        0 => Value::Number(1e308),
        1 => Value::Number(-1e308),
        2 => Value::Number(0.0),
        3 => Value::Number(-1.0),
        4 => Value::Number(1e-300),
        5 => Value::Null,
        6 => Value::Array(Vec::new()),
        7 => Value::Object(json::Map::new()),
        8 => Value::String("x".into()),
        9 => Value::Bool(true),
        // Another node of the same file.
        _ => node(doc, &all[rng.below(all.len())]).clone(),
    };
    let slot = node_mut(doc, &target);
    // Strings (expressions, text, names) are edited inside, half the time
    // when one is hit: a span cut out and something put in its place.
    if let (Value::String(text), true) = (&mut *slot, rng.below(2) == 0) {
        let chars: Vec<char> = text.chars().collect();
        let start = rng.below(chars.len() + 1);
        let end = (start + rng.below(8)).min(chars.len());
        const PIECES: [&str; 12] = [
            "", "(", ")", "[", "]", "{", "}", ";", "\n", ".", "0", "value",
        ];
        let insert = PIECES[rng.below(PIECES.len())];
        let mut edited: String = chars[..start].iter().collect();
        edited.push_str(insert);
        edited.extend(&chars[end..]);
        *text = edited;
        return format!("{target:?} text {start}..{end} := {insert:?}");
    }
    // Arrays are also cut short, half the time when one is hit.
    if let (Value::Array(items), true) = (&mut *slot, rng.below(2) == 0) {
        let keep = rng.below(items.len());
        items.truncate(keep);
        return format!("{target:?} cut to {keep}");
    }
    *slot = replacement;
    format!("{target:?} := edit {what}")
}

/// Loads `text` and evaluates frames across its range: a stable code or
/// frames within budget. Whether it loaded.
fn load_and_draw(text: &str) -> bool {
    let report = Report::of(text);
    assert!(!report.to_text().is_empty());
    let comp = match Composition::from_json(text) {
        Ok(comp) => comp,
        Err(e) => {
            // The lite build (`--no-default-features`) hands what it does
            // not draw to the full player, by its own code.
            assert!(
                e.code().starts_with("animation-") || e.code() == player::lottie::NEEDS_FULL,
                "{e:?}"
            );
            return false;
        }
    };
    let overrides = Overrides::new(comp.text_slots);
    let (ip, op) = (comp.in_point, comp.out_point);
    for k in 0..5 {
        let frame = ip + (op - ip) * f64::from(k) / 4.0;
        let list = evaluate(&comp, frame, &overrides, Affine::IDENTITY);
        assert!(list.work <= WORK_BUDGET, "work {}", list.work);
    }
    true
}

#[test]
fn edited_corpus_files_load_or_fail_with_a_code_and_never_panic() {
    let edits = std::env::var("PERCUS_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(EDITS_PER_FILE);
    let mut failures = Vec::new();
    let (mut files, mut loaded) = (0, 0);
    for corpus in ["corpus", "corpus2"] {
        let dir = corpus_dir(corpus).expect("../shared/<corpus>/lottie beside the repo");
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        entries.sort();
        for path in entries {
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(doc) = json::parse(&text) else {
                continue;
            };
            files += 1;
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            // The seed from the name: the same edits on every run.
            let seed = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
            let mut rng = Rng(seed | 1);
            for n in 0..edits {
                let mut edited = doc.clone();
                let what = (0..1 + rng.below(3))
                    .map(|_| edit(&mut edited, &mut rng))
                    .collect::<Vec<_>>()
                    .join(", ");
                let edited = edited.to_string();
                let start = std::time::Instant::now();
                let result = catch_unwind(AssertUnwindSafe(|| load_and_draw(&edited)));
                let took = start.elapsed();
                if matches!(result, Ok(true)) {
                    loaded += 1;
                }
                if let Err(panic) = result {
                    let message = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                        .unwrap_or_default();
                    failures.push(format!("{name} edit {n} ({what}): {message}"));
                } else if took.as_secs() >= 5 {
                    failures.push(format!("{name} edit {n} ({what}): took {took:?}"));
                }
            }
        }
    }
    assert!(files >= 600, "only {files} corpus files found");
    // Most edits leave a file that loads, so that drawing is exercised
    // too, not only the importer's refusals.
    assert!(
        loaded * 2 > files * edits,
        "{loaded} of {} edited files loaded",
        files * edits
    );
    assert!(
        failures.is_empty(),
        "{} of {} edits failed:\n{}",
        failures.len(),
        files * edits,
        failures.join("\n")
    );
}
