//! Property tests: no manifest text and no data make the engine panic, and
//! a binding error never carries a value. Arbitrary manifests (random text,
//! and random edits of the demo templates' manifests) go through
//! `Manifest::parse`; arbitrary JSON data goes through every demo
//! template's `bind` with the plain formatter.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::path::Path;

use binding_engine::format::PlainFormatter;
use binding_engine::json::{self, Map, Value};
use binding_engine::Manifest;
use proptest::prelude::*;

fn demo_manifests() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/templates");
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|dir| std::fs::read_to_string(dir.join("manifest.json")).unwrap())
        .collect()
}

/// Any JSON value, a few levels deep, with the awkward cases weighted in:
/// huge, tiny and negative numbers, long and odd strings.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        prop_oneof![Just(1e308), Just(-0.0), Just(f64::MIN_POSITIVE), Just(2e9)]
            .prop_map(Value::Number),
        ".{0,40}".prop_map(Value::String),
        "#[0-9a-fA-Fg]{0,9}".prop_map(Value::String),
        prop_oneof![Just("Gold"), Just("gold"), Just("Silver"), Just("")]
            .prop_map(|s| Value::String(s.to_owned())),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::String),
        Just(Value::String("x".repeat(5000))),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,8}", inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Data objects over the demo templates' field names (and others).
fn any_data() -> impl Strategy<Value = Map> {
    let key = prop_oneof![
        Just("first_name".to_owned()),
        Just("saving".to_owned()),
        Just("brand".to_owned()),
        Just("tier".to_owned()),
        Just("vip".to_owned()),
        Just("progress".to_owned()),
        Just("photo".to_owned()),
        Just("__proto__".to_owned()),
        "[a-z_]{1,10}",
    ];
    prop::collection::vec((key, any_json()), 0..6).prop_map(|pairs| pairs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsing_any_text_never_panics(text in ".{0,200}") {
        let _ = Manifest::parse(&text);
    }

    #[test]
    fn parsing_edited_demo_manifests_never_panics(
        which in 0usize..8,
        at in any::<prop::sample::Index>(),
        cut in 0usize..40,
        insert in ".{0,12}",
    ) {
        let manifests = demo_manifests();
        let text = &manifests[which % manifests.len()];
        let mut chars: Vec<char> = text.chars().collect();
        let start = at.index(chars.len());
        let end = (start + cut).min(chars.len());
        chars.splice(start..end, insert.chars());
        let edited: String = chars.into_iter().collect();
        let _ = Manifest::parse(&edited);
    }

    #[test]
    fn manifests_with_any_field_values_never_panic(
        field in prop::collection::vec(("[a-zA-Z]{1,10}", any_json()), 0..8),
    ) {
        let field: Map = field.into_iter().collect();
        let mut doc = json::parse(r#"{"version": 1, "name": "t", "animation": "a.json", "bindings": []}"#).unwrap();
        if let Value::Object(root) = &mut doc {
            root.insert("fields", Value::Array(vec![Value::Object(field)]));
        }
        let _ = Manifest::parse(&doc.to_string());
    }

    #[test]
    fn bindings_of_any_shape_never_panic(
        binding in prop::collection::vec(("[a-z]{1,9}", any_json()), 0..5),
        target in prop::collection::vec(("[a-z.]{1,10}", any_json()), 0..4),
    ) {
        let mut binding: Map = binding.into_iter().collect();
        binding.insert("target", Value::Object(target.into_iter().collect()));
        let mut doc = json::parse(r##"{"version": 1, "name": "t", "animation": "a.json", "fields": [
            {"name": "c", "type": "color"}, {"name": "t", "type": "choice", "options": ["a", "b"]},
            {"name": "p", "type": "image"}, {"name": "n", "type": "percent"}]}"##).unwrap();
        if let Value::Object(root) = &mut doc {
            root.insert("bindings", Value::Array(vec![Value::Object(binding)]));
        }
        let _ = Manifest::parse(&doc.to_string());
    }

    #[test]
    fn binding_any_data_never_panics_nor_leaks(data in any_data()) {
        for text in demo_manifests() {
            let manifest = Manifest::parse(&text).unwrap();
            match manifest.bind(&data, &mut PlainFormatter) {
                Ok(bound) => prop_assert_eq!(bound.values.len(), manifest.bindings.len()),
                Err(error) => {
                    // The error is a code and a declared field's name.
                    prop_assert!(manifest.field_index(&error.field).is_some());
                    prop_assert!(!error.code.as_str().is_empty());
                }
            }
        }
    }
}
