//! The expression engine (feature `expressions`) on every distinct
//! expression text of the shared corpora (../shared/corpus/lottie and
//! ../shared/corpus2/lottie: the `x` string beside `k` on animated
//! properties): each parses, or fails with the stated code, and runs
//! against a permissive stand-in host without panicking and within its
//! budget. And the property test: random and mangled sources through
//! parsing and running never panic nor overflow the stack.

#![cfg(all(feature = "expressions", not(target_arch = "wasm32")))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr,
    reason = "tests"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use binding_engine::json;
use player::expressions::{
    Budget, Clock, Ctx, Engine, Error, Host, HostObject, ParseCode, Program, Value,
};
use proptest::prelude::*;

/// Answers everything: names and members are host objects (numbers for
/// indices), calls return host objects, every host object's value is 1.
struct Anything;

impl Host for Anything {
    fn global(&mut self, _cx: &mut Ctx<'_>, name: &str) -> Option<Value> {
        Some(match name {
            "value" => Value::Number(1.0),
            "time" => Value::Number(0.5),
            "index" | "numKeys" => Value::Number(2.0),
            "hasParent" => Value::Bool(false),
            _ => Value::Host(HostObject { kind: 0, id: 0 }),
        })
    }

    fn member(
        &mut self,
        cx: &mut Ctx<'_>,
        _object: HostObject,
        key: Value,
    ) -> Result<Value, Error> {
        Ok(match key {
            Value::Number(_) => Value::Number(1.0),
            // (Rigs climb `thisLayer.parent…` while `hasParent`.)
            _ if cx.str(key) == Some("hasParent") => Value::Bool(false),
            _ => Value::Host(HostObject { kind: 1, id: 0 }),
        })
    }

    fn call(
        &mut self,
        _cx: &mut Ctx<'_>,
        _callee: HostObject,
        _args: &[Value],
    ) -> Result<Value, Error> {
        Ok(Value::Host(HostObject { kind: 2, id: 0 }))
    }

    fn value_of(&mut self, _cx: &mut Ctx<'_>, _object: HostObject) -> Result<Value, Error> {
        Ok(Value::Number(1.0))
    }
}

const CLOCK: Clock = Clock {
    time: 0.5,
    frame_rate: 30.0,
    seed: 1.0,
};

fn corpus_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["corpus", "corpus2"]
        .iter()
        .filter_map(|c| {
            [
                format!("../../shared/{c}/lottie"),
                format!("../../../shared/{c}/lottie"),
            ]
            .into_iter()
            .map(|p| root.join(p))
            .find(|p| p.is_dir())
        })
        .collect()
}

fn collect(v: &json::Value, out: &mut BTreeSet<String>, count: &mut usize) {
    match v {
        json::Value::Object(map) => {
            if let (Some(json::Value::String(x)), true) = (map.get("x"), map.contains_key("k")) {
                out.insert(x.clone());
                *count += 1;
            }
            for (_, child) in map.iter() {
                collect(child, out, count);
            }
        }
        json::Value::Array(items) => {
            for child in items {
                collect(child, out, count);
            }
        }
        _ => {}
    }
}

/// Every distinct expression text of the corpora, with how many files and
/// properties carry one.
fn corpus_expressions() -> (BTreeSet<String>, usize, usize) {
    let mut texts = BTreeSet::new();
    let (mut files, mut properties) = (0, 0);
    for dir in corpus_dirs() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Ok(tree) = json::parse(&std::fs::read_to_string(&path).unwrap()) else {
                continue;
            };
            let before = properties;
            collect(&tree, &mut texts, &mut properties);
            files += usize::from(properties > before);
        }
    }
    (texts, files, properties)
}

#[test]
fn every_corpus_expression_parses_and_runs() {
    let (texts, files, properties) = corpus_expressions();
    assert!(
        texts.len() > 100,
        "the corpora beside the repo hold the expressions"
    );
    let mut refused: BTreeMap<String, usize> = BTreeMap::new();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut engine = Engine::new();
    for text in &texts {
        let program = match Program::parse(text) {
            Ok(p) => p,
            Err(e) => {
                *refused.entry(format!("{:?}", e.code)).or_default() += 1;
                continue;
            }
        };
        let mut budget = Budget { steps: 100_000 };
        let outcome = match engine.run(&program, &mut Anything, CLOCK, &mut budget) {
            Ok(_) => "ok".to_owned(),
            Err(e) => format!("{e:?}"),
        };
        if program.calls_eval() {
            *outcomes.entry("(calls eval)".into()).or_default() += 1;
        }
        *outcomes.entry(outcome).or_default() += 1;
    }
    eprintln!(
        "{files} files, {properties} expressions, {} distinct texts; refused at parse: {refused:?}; runs: {outcomes:?}",
        texts.len()
    );
    // Every text parses: none of the corpus uses `new`, `this`, labels or
    // regular expressions.
    assert!(refused.is_empty(), "{refused:?}");
    assert!(!outcomes.contains_key("OutOfBudget"), "{outcomes:?}");
    assert!(!outcomes.contains_key("TooDeep"), "{outcomes:?}");
}

/// Sources made of Bodymovin-like fragments, spliced at random.
fn fragment() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "var ",
        "$bm_rt",
        " = ",
        ";",
        "\n",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        "function ",
        "f",
        "x",
        "a",
        "return ",
        "if (",
        "else ",
        "for (",
        "while (",
        "do ",
        "try {",
        "} catch (e) {",
        "finally {",
        "throw ",
        "switch (",
        "case 1:",
        "default:",
        "break;",
        "continue;",
        "sum(",
        "mul(",
        "div(",
        "sub(",
        "$bm_neg(",
        "Math.",
        "sin",
        "max(",
        "clamp(",
        "linear(",
        "ease(",
        "random(",
        "value",
        "time",
        "thisComp.layer('a')",
        ".transform.position",
        "effect('s')('s')",
        "1",
        "0.5",
        "'s'",
        "+",
        "-",
        "*",
        "/",
        "%",
        "==",
        "===",
        "!",
        "&&",
        "||",
        "?",
        ":",
        "++",
        "--",
        "+=",
        ".length",
        ".push(",
        "typeof ",
        "eval(",
        "new ",
        "this",
        "length",
        "[0]",
        "{a: 1}",
        "null",
        "undefined",
    ])
    .prop_map(str::to_owned)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_sources_never_panic(parts in prop::collection::vec(fragment(), 0..60)) {
        let source = parts.concat();
        if let Ok(program) = Program::parse(&source) {
            let mut budget = Budget { steps: 20_000 };
            let _ = Engine::new().run(&program, &mut Anything, CLOCK, &mut budget);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(source in "\\PC{0,200}") {
        if let Ok(program) = Program::parse(&source) {
            let mut budget = Budget { steps: 20_000 };
            let _ = Engine::new().run(&program, &mut Anything, CLOCK, &mut budget);
        }
    }

    #[test]
    fn mangled_corpus_texts_never_panic(pick in 0usize..1000, cut in 0usize..4000, insert in fragment(), repeat in 1usize..5) {
        let (texts, _, _) = corpus_texts();
        let text = &texts[pick % texts.len()];
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let source = format!("{}{}{}", &text[..cut], insert.repeat(repeat), &text[cut..]);
        if let Ok(program) = Program::parse(&source) {
            let mut budget = Budget { steps: 50_000 };
            let _ = Engine::new().run(&program, &mut Anything, CLOCK, &mut budget);
        }
    }
}

/// The corpus texts, read once for the property test.
fn corpus_texts() -> (&'static Vec<String>, (), ()) {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let texts = TEXTS.get_or_init(|| {
        let (texts, _, _) = corpus_expressions();
        let mut texts: Vec<String> = texts.into_iter().collect();
        if texts.is_empty() {
            texts.push("var $bm_rt;\n$bm_rt = value;".into());
        }
        texts
    });
    (texts, (), ())
}

#[test]
fn hostile_nesting_is_refused_without_overflow() {
    // On a small stack, as the wasm player's.
    let run = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(|| {
            for source in [
                "(".repeat(10_000),
                "[".repeat(10_000),
                "a".to_owned() + &"(1)".repeat(10_000),
                "-".repeat(10_000) + "1",
                "if (1) ".repeat(10_000),
                "function f(){".repeat(10_000),
                "1".to_owned() + &"+1".repeat(10_000),
            ] {
                assert_eq!(
                    Program::parse(&source).unwrap_err().code,
                    ParseCode::TooDeep
                );
            }
            // At the limits: recursion of script functions with deep
            // expressions in them.
            let deep = format!(
                "function f(n) {{ return n <= 0 ? 0 : {}f(n - 1){}; }} f(1000)",
                "(1 + ".repeat(40),
                ")".repeat(40)
            );
            let program = Program::parse(&deep).unwrap();
            let mut budget = Budget { steps: 10_000_000 };
            let result = Engine::new().run(&program, &mut Anything, CLOCK, &mut budget);
            assert_eq!(result, Err(Error::TooDeep));
        })
        .unwrap();
    run.join().unwrap();
}
