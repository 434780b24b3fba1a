//! Binding speed (issue: under 1 ms for 100 fields and 20 text targets),
//! natively: `cargo bench -p binding-engine`. Figures go to
//! docs/benchmarks.md; this is a benchmark, never a test.

#![allow(clippy::unwrap_used, reason = "benchmark set-up")]

// Criterion is a native dev-dependency: on wasm32 (checked by clippy) the
// benchmark is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use binding_engine::format::PlainFormatter;
    use binding_engine::json::{self, Map, Value};
    use binding_engine::Manifest;
    use criterion::{black_box, criterion_group, Criterion};

    /// 100 fields (text, currency, percent, number, date in turn) and 20
    /// bindings of five placeholders each, with data for every field.
    fn hundred_fields() -> (String, Map) {
        let mut fields = Vec::new();
        let mut data = Map::new();
        for i in 0..100 {
            let name = format!("f{i}");
            let (field, value) = match i % 5 {
                0 => (
                    format!(r#"{{"name": "{name}", "type": "text", "maxLength": 40}}"#),
                    Value::String(format!("Viewer {i}")),
                ),
                1 => (
                    format!(r#"{{"name": "{name}", "type": "currency", "currency": "EUR"}}"#),
                    Value::Number(1234.5 + f64::from(i)),
                ),
                2 => (
                    format!(r#"{{"name": "{name}", "type": "percent", "decimals": 1}}"#),
                    Value::Number(0.125),
                ),
                3 => (
                    format!(r#"{{"name": "{name}", "type": "number", "minimum": 0}}"#),
                    Value::Number(f64::from(i) * 1000.0),
                ),
                _ => (
                    format!(r#"{{"name": "{name}", "type": "date", "dateStyle": "long"}}"#),
                    Value::String("2026-11-25".into()),
                ),
            };
            fields.push(field);
            data.insert(name, value);
        }
        let bindings: Vec<String> = (0..20)
            .map(|b| {
                let text: Vec<String> = (0..5).map(|k| format!("{{f{}}}", b * 5 + k)).collect();
                format!(
                    r#"{{"target": {{"layer": "L{b}"}}, "text": "{}"}}"#,
                    text.join(" · ")
                )
            })
            .collect();
        let manifest = format!(
            r#"{{"version": 1, "name": "bench", "animation": "a.json", "fields": [{}], "bindings": [{}]}}"#,
            fields.join(","),
            bindings.join(",")
        );
        (manifest, data)
    }

    fn bench(c: &mut Criterion) {
        let (text, data) = hundred_fields();
        let manifest = Manifest::parse(&text).unwrap();
        assert!(manifest.bind(&data, &mut PlainFormatter).is_ok());
        c.bench_function("bind 100 fields into 20 texts", |b| {
            b.iter(|| {
                manifest
                    .bind(black_box(&data), &mut PlainFormatter)
                    .unwrap()
            })
        });
        c.bench_function("parse the 100-field manifest", |b| {
            b.iter(|| Manifest::parse(black_box(&text)).unwrap())
        });
        let greeting = include_str!("../../www/templates/greeting/manifest.json");
        let data: Value = json::parse(r#"{"first_name": "Jane"}"#).unwrap();
        let Value::Object(data) = data else { return };
        let manifest = Manifest::parse(greeting).unwrap();
        c.bench_function("bind the greeting demo", |b| {
            b.iter(|| {
                manifest
                    .bind(black_box(&data), &mut PlainFormatter)
                    .unwrap()
            })
        });
    }

    criterion_group!(benches, bench);
}
