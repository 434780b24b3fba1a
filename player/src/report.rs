//! The compatibility report of one Lottie file, for designers (the preview
//! page) and for the command line (`percus-compat`): the features the file
//! uses, what Percus does not draw as lottie-web does (with the layer), and
//! every expression by layer and property, with whether the full player
//! runs it or draws the property without it (and why: a name its After
//! Effects model lacks, a parse error, running out of steps), found by
//! evaluating the file at a few frames.
//!
//! Built natively from the player's own import (its warnings are the
//! unsupported list, so the report cannot drift from what is drawn), plus a
//! read-only walk over the JSON for what the import does not keep. Not part
//! of the player's path: nothing here runs in the viewer's browser.

use std::collections::BTreeSet;

use binding_engine::json::{self, Map, Value};

use crate::lottie::{Composition, Warning};

/// Longest expression excerpt kept in a report.
const EXCERPT_CHARS: usize = 80;

/// What a file uses and what of it Percus cannot draw.
#[derive(Debug, Default)]
pub struct Report {
    /// Stable error code when the file cannot be loaded at all.
    pub error: Option<&'static str>,
    /// Features used, e.g. `layer:shape`, `shape:rp`, `effect:25`, sorted.
    pub features: BTreeSet<String>,
    /// What the renderer does not draw, or draws approximately.
    pub unsupported: Vec<Warning>,
    /// Every expression, in file order.
    pub expressions: Vec<Expression>,
}

/// One expression of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expression {
    /// The layer's name (`nm`), or its index when it has none.
    pub layer: String,
    /// Where in the layer, as a JSON path (`ks.p`, `shapes[0].it[1].c`).
    pub property: String,
    /// The start of the expression's code, on one line.
    pub excerpt: String,
    /// `None` when the full player runs it at the frames tried; else why
    /// it draws the property without it.
    pub falls_back: Option<String>,
    /// Its whole text, until it is matched to its script.
    code: Option<String>,
}

impl Report {
    /// The report of `json`, a Lottie file's text.
    pub fn of(json: &str) -> Report {
        let mut report = Report::default();
        let comp = match Composition::from_json(json) {
            Ok(comp) => comp,
            Err(error) => {
                report.error = Some(error.code());
                return report;
            }
        };
        // Expressions are listed one by one below, with their property.
        report.unsupported = comp
            .warnings
            .iter()
            .filter(|w| w.code != "expression")
            .cloned()
            .collect();
        // The import accepted it, so it is JSON with an object at the root.
        let Ok(Value::Object(root)) = json::parse(json) else {
            return report;
        };
        report.scan_root(&root);
        report.try_expressions(&comp);
        report
    }

    /// Whether each expression runs: the file evaluated at its first,
    /// middle and last frames, each expression matched to the script
    /// import made of it (by text, then layer).
    fn try_expressions(&mut self, comp: &Composition) {
        #[cfg(all(
            feature = "expressions",
            any(feature = "frame", not(target_arch = "wasm32"))
        ))]
        {
            use crate::lottie::script_values as scripted;
            let scripts = &comp.scripts.list;
            let _ = scripted::take_failures();
            let last = comp.out_point - 1.0;
            for frame in [comp.in_point, (comp.in_point + last) / 2.0, last] {
                crate::eval::evaluate(
                    comp,
                    frame,
                    &Default::default(),
                    crate::geometry::Affine::IDENTITY,
                );
            }
            let failures = scripted::take_failures();
            let layer_name = |uid: usize| {
                comp.all_layers()
                    .find(|l| l.uid == uid)
                    .map(|l| l.name.as_str())
            };
            let mut used = vec![false; scripts.len()];
            for e in &mut self.expressions {
                let text = e.code.take().unwrap_or_default();
                let same = |id: usize| {
                    used.get(id) == Some(&false)
                        && scripts.get(id).is_some_and(|s| *s.source == *text)
                };
                let by_layer = (0..scripts.len()).find(|&id| {
                    same(id)
                        && scripts.get(id).and_then(|s| layer_name(s.layer))
                            == Some(e.layer.as_str())
                });
                let Some(id) = by_layer.or_else(|| (0..scripts.len()).find(|&id| same(id))) else {
                    e.falls_back =
                        Some("it is not read (a syntax the engine lacks, or too many)".into());
                    continue;
                };
                if let Some(u) = used.get_mut(id) {
                    *u = true;
                }
                e.falls_back = failures
                    .iter()
                    .find(|(i, _)| *i as usize == id)
                    .map(|(_, why)| why.clone());
            }
        }
        #[cfg(not(all(
            feature = "expressions",
            any(feature = "frame", not(target_arch = "wasm32"))
        )))]
        for e in &mut self.expressions {
            let _ = comp;
            e.falls_back = Some("this build has no expression engine".into());
        }
    }

    /// The report as plain text, one finding a line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(code) = self.error {
            out.push_str("error: ");
            out.push_str(code);
            out.push('\n');
            return out;
        }
        out.push_str("features: ");
        out.push_str(&self.features.iter().cloned().collect::<Vec<_>>().join(", "));
        out.push('\n');
        if self.unsupported.is_empty() && self.expressions.is_empty() {
            out.push_str("everything is drawn\n");
        }
        for w in &self.unsupported {
            out.push_str(&format!("{}: {} (layer \"{}\")\n", w.code, w.what, w.layer));
        }
        for e in &self.expressions {
            let status = match &e.falls_back {
                None => "runs".to_owned(),
                Some(why) => format!("static value drawn: {why}"),
            };
            out.push_str(&format!(
                "expression ({status}): layer \"{}\", {}: {}\n",
                e.layer, e.property, e.excerpt
            ));
        }
        out
    }

    /// The report as JSON, for tools.
    pub fn to_json(&self) -> Value {
        let text = |s: &str| Value::from(s);
        let object = |members: Vec<(&str, Value)>| {
            Value::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect(),
            )
        };
        let mut root = Map::new();
        root.insert("error", self.error.map_or(Value::Null, text));
        root.insert(
            "features",
            Value::Array(self.features.iter().map(|f| text(f)).collect()),
        );
        root.insert(
            "unsupported",
            Value::Array(
                self.unsupported
                    .iter()
                    .map(|w| {
                        object(vec![
                            ("code", text(w.code)),
                            ("what", text(&w.what)),
                            ("layer", text(&w.layer)),
                        ])
                    })
                    .collect(),
            ),
        );
        root.insert(
            "expressions",
            Value::Array(
                self.expressions
                    .iter()
                    .map(|e| {
                        object(vec![
                            ("layer", text(&e.layer)),
                            ("property", text(&e.property)),
                            ("excerpt", text(&e.excerpt)),
                            ("runs", Value::Bool(e.falls_back.is_none())),
                            (
                                "fallsBack",
                                e.falls_back.as_deref().map_or(Value::Null, text),
                            ),
                        ])
                    })
                    .collect(),
            ),
        );
        Value::Object(root)
    }

    fn feature(&mut self, name: impl Into<String>) {
        self.features.insert(name.into());
    }

    fn scan_root(&mut self, root: &Map) {
        let non_empty = |key: &str| {
            root.get(key)
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty())
        };
        if non_empty("markers") {
            self.feature("markers");
        }
        if root.get("slots").is_some_and(Value::is_object) {
            self.feature("slots");
        }
        if non_empty("chars") {
            self.feature("text:glyphs");
        }
        if root
            .get("fonts")
            .and_then(|f| f.get("list"))
            .and_then(Value::as_array)
            .is_some_and(|l| !l.is_empty())
        {
            self.feature("text:fonts");
        }
        let assets = root.get("assets").and_then(Value::as_array);
        for asset in assets.into_iter().flatten() {
            match asset.get("layers").and_then(Value::as_array) {
                Some(layers) => self.scan_layers(layers),
                None if asset.get("p").is_some() => {
                    let embedded = asset
                        .get("p")
                        .and_then(Value::as_str)
                        .is_some_and(|p| p.starts_with("data:"));
                    self.feature(if embedded {
                        "image:embedded"
                    } else {
                        "image:file"
                    });
                }
                None => {}
            }
        }
        if let Some(layers) = root.get("layers").and_then(Value::as_array) {
            self.scan_layers(layers);
        }
    }

    fn scan_layers(&mut self, layers: &[Value]) {
        for (index, layer) in layers.iter().enumerate() {
            let Some(layer) = layer.as_object() else {
                continue;
            };
            let kind = match layer.get("ty").and_then(Value::as_i64) {
                Some(0) => "precomp",
                Some(1) => "solid",
                Some(2) => "image",
                Some(3) => "null",
                Some(4) => "shape",
                Some(5) => "text",
                _ => "other",
            };
            self.feature(format!("layer:{kind}"));
            let number = |key: &str| layer.get(key).and_then(Value::as_f64);
            for (flag, feature) in [
                ("ddd", "layer:3d"),
                ("ao", "auto-orient"),
                ("hd", "layer:hidden"),
                ("td", "matte:source"),
            ] {
                if number(flag) == Some(1.0) || layer.get(flag) == Some(&Value::Bool(true)) {
                    self.feature(feature);
                }
            }
            if layer.contains_key("parent") {
                self.feature("parenting");
            }
            if layer.contains_key("tm") {
                self.feature("time-remap");
            }
            if number("sr").is_some_and(|s| s != 1.0) {
                self.feature("time-stretch");
            }
            if let Some(tt) = number("tt") {
                self.feature(format!("matte:{tt}"));
            }
            if let Some(bm) = number("bm").filter(|b| *b != 0.0) {
                self.feature(format!("blend:{bm}"));
            }
            for effect in layer
                .get("ef")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(ty) = effect.get("ty").and_then(Value::as_i64) {
                    self.feature(format!("effect:{ty}"));
                }
            }
            for mask in layer
                .get("masksProperties")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(mode) = mask.get("mode").and_then(Value::as_str) {
                    self.feature(format!("mask:{mode}"));
                }
            }
            if let Some(text) = layer.get("t") {
                if text
                    .get("a")
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty())
                {
                    self.feature("text:animators");
                }
                if text.get("p").and_then(|p| p.get("m")).is_some() {
                    self.feature("text:path");
                }
                let boxed = text
                    .get("d")
                    .and_then(|d| d.get("k"))
                    .and_then(Value::as_array)
                    .is_some_and(|keys| {
                        keys.iter()
                            .any(|k| k.get("s").and_then(|s| s.get("sz")).is_some())
                    });
                if boxed {
                    self.feature("text:box");
                }
            }
            if let Some(shapes) = layer.get("shapes").and_then(Value::as_array) {
                self.scan_shapes(shapes);
            }
            let name = layer
                .get("nm")
                .and_then(Value::as_str)
                .map_or_else(|| format!("#{index}"), str::to_owned);
            let mut path = String::new();
            self.find_expressions(&name, &Value::Object(layer.clone()), &mut path);
        }
    }

    fn scan_shapes(&mut self, shapes: &[Value]) {
        for shape in shapes {
            if let Some(ty) = shape.get("ty").and_then(Value::as_str) {
                if ty != "tr" {
                    self.feature(format!("shape:{ty}"));
                }
            }
            if let Some(children) = shape.get("it").and_then(Value::as_array) {
                self.scan_shapes(children);
            }
        }
    }

    /// Records every property of `value` (a layer, at `path` in it) that
    /// carries an expression (`x` as a string beside `k`).
    fn find_expressions(&mut self, layer: &str, value: &Value, path: &mut String) {
        match value {
            Value::Object(obj) => {
                if let Some(code) = obj.get("x").and_then(Value::as_str) {
                    if obj.contains_key("k") {
                        self.feature("expressions");
                        let one_line = code.split_whitespace().collect::<Vec<_>>().join(" ");
                        self.expressions.push(Expression {
                            layer: layer.to_owned(),
                            property: path.clone(),
                            excerpt: one_line.chars().take(EXCERPT_CHARS).collect(),
                            falls_back: None,
                            code: Some(code.to_owned()),
                        });
                    }
                }
                for (key, child) in obj {
                    // Precomp layers are scanned as layers of their asset.
                    if matches!(child, Value::Object(_) | Value::Array(_)) {
                        let len = path.len();
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(key);
                        self.find_expressions(layer, child, path);
                        path.truncate(len);
                    }
                }
            }
            Value::Array(list) => {
                for (i, child) in list.iter().enumerate() {
                    if matches!(child, Value::Object(_) | Value::Array(_)) {
                        let len = path.len();
                        path.push_str(&format!("[{i}]"));
                        self.find_expressions(layer, child, path);
                        path.truncate(len);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    const FILE: &str = r##"{"v":"5.7.0","w":100,"h":100,"fr":30,"ip":0,"op":30,
        "markers":[{"tm":0,"cm":"intro","dr":10}],
        "layers":[
          {"ty":4,"nm":"Ball","ks":{"p":{"a":0,"k":[50,50],"x":"wiggle(2, 30)\n// shake"}},
           "shapes":[{"ty":"gr","it":[{"ty":"el","s":{"k":[10,10]},"p":{"k":[0,0]}},
             {"ty":"mm","mm":1},{"ty":"tw","a":{"k":10}},{"ty":"fl","c":{"k":[1,0,0,1]},"o":{"k":100,"x":"var $bm_rt = mul(value, 0.5);"}}]}]},
          {"ty":1,"nm":"Back","sc":"#ffffff","sw":100,"sh":100,"bm":3,"ef":[{"ty":25,"ef":[]}]}
        ]}"##;

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "its file needs the full player (modifiers, blend modes, effects): the lite importer refuses it"
    )]
    fn names_features_unsupported_items_and_expressions_with_their_layer() {
        let report = Report::of(FILE);
        assert_eq!(report.error, None);
        for feature in [
            "layer:shape",
            "layer:solid",
            "shape:gr",
            "shape:el",
            "shape:mm",
            "markers",
            "blend:3",
            "effect:25",
            "expressions",
        ] {
            assert!(
                report.features.contains(feature),
                "{feature} in {:?}",
                report.features
            );
        }
        let unsupported: Vec<_> = report
            .unsupported
            .iter()
            .map(|w| (w.code, w.what.as_str(), w.layer.as_str()))
            .collect();
        assert!(
            unsupported.contains(&("unsupported-shape", "tw", "Ball"))
                && !unsupported.iter().any(|u| u.1 == "mm"),
            "{unsupported:?}"
        );
        let wiggle = report
            .expressions
            .iter()
            .find(|e| e.property == "ks.p")
            .unwrap();
        assert_eq!(
            (wiggle.layer.as_str(), wiggle.excerpt.as_str()),
            ("Ball", "wiggle(2, 30) // shake")
        );
        let text = report.to_text();
        #[cfg(feature = "expressions")]
        {
            // The full player runs what its After Effects model has, and
            // says what it lacks.
            assert_eq!(
                wiggle.falls_back.as_deref(),
                Some("`wiggle` is not supported")
            );
            let half = report
                .expressions
                .iter()
                .find(|e| e.property.ends_with(".o"))
                .unwrap();
            assert_eq!(half.falls_back, None, "{text}");
            assert!(text.contains("expression (runs): layer \"Ball\""), "{text}");
        }
        assert!(
            text.contains("expression (static value drawn: `wiggle` is not supported): layer \"Ball\", ks.p: wiggle(2, 30)")
                || cfg!(not(feature = "expressions")),
            "{text}"
        );
        let json = report.to_json();
        let first = json.get("expressions").and_then(Value::as_array).unwrap()[0].clone();
        assert_eq!(first.get("layer").and_then(Value::as_str), Some("Ball"));
        assert!(first.get("runs").and_then(Value::as_bool).is_some());
    }

    #[test]
    fn a_file_that_cannot_load_reports_its_error_code() {
        assert_eq!(Report::of("{").error, Some("animation-syntax"));
        assert_eq!(Report::of(r#"{"w":0}"#).error, Some("animation-invalid"));
        assert!(Report::of("{")
            .to_text()
            .starts_with("error: animation-syntax"));
    }
}
