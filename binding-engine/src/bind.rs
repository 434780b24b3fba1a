//! Binding: one viewer's data into the manifest's text targets.
//!
//! Owns the data's lifetime inside the engine: each declared field is read
//! once from the [`DataSource`], checked, written for the viewer's locale
//! (numbers and dates, through a [`Formatter`]), used to build the target
//! texts, and dropped (wiped) before `bind` returns. Only the finished texts
//! survive, in [`Bound`], which wipes them when dropped. The check of a
//! value against its field is `field::typed`, shared with the
//! manifest's defaults and samples.
//!
//! Must never: log, put a value into an error (a [`BindError`] names the
//! field), keep a value past the [`Bound`], grow a `String` that holds data
//! (its old buffer would be freed unwiped), or touch a web API.

use crate::data::{DataSource, DataValue};
use crate::error::{BindError, BindErrorCode};
use crate::field::{default_value, typed, Field, FieldType, FieldValue};
use crate::format::Formatter;
use crate::json::Value;
#[cfg(feature = "values")]
use crate::manifest::SlotValue;
use crate::manifest::{Manifest, Source};
use crate::secret::SecretText;
use crate::text_template::{Segment, TextTemplate};

/// What one viewer's data made of the template. Holds personal data: texts
/// are wiped on drop, everything is redacted in `Debug`.
#[derive(Debug, Default)]
pub struct Bound {
    /// One value per manifest binding, in manifest order.
    pub values: Vec<BoundValue>,
    /// The accessible description, when the manifest has `accessibleText`.
    pub description: Option<SecretText>,
    /// The caller's own templates ([`Manifest::bind_with`]), filled, in order.
    pub extra: Vec<SecretText>,
}

/// The value for one binding's target.
pub enum BoundValue {
    /// A text to draw.
    Text(SecretText),
    /// A colour, `[r, g, b, a]` in 0..=1.
    Color([f64; 4]),
    /// A number in the property's units (percent for opacity and scale).
    Number(f64),
    /// Whether the target is shown.
    Visible(bool),
    /// The data source's image number ([`DataValue::Image`]).
    Image(usize),
    /// The data gave nothing and there is no default: the template's own
    /// value stays.
    Unset,
}

impl BoundValue {
    /// The text, for a text binding.
    pub fn text(&self) -> Option<&str> {
        match self {
            BoundValue::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl std::fmt::Debug for BoundValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The kind only: colours and numbers are the viewer's too.
        f.write_str(match self {
            BoundValue::Text(_) => "Text(..)",
            BoundValue::Color(_) => "Color(..)",
            BoundValue::Number(_) => "Number(..)",
            BoundValue::Visible(_) => "Visible(..)",
            BoundValue::Image(_) => "Image(..)",
            BoundValue::Unset => "Unset",
        })
    }
}

impl Manifest {
    /// Binds `data` into every target, numbers and dates written by
    /// `format`. Reads only the declared fields. On error, reports the
    /// first failing field by name (never its value); nothing read from
    /// `data` outlives the call but the [`Bound`] values.
    pub fn bind(
        &self,
        data: &dyn DataSource,
        format: &mut dyn Formatter,
    ) -> Result<Bound, BindError> {
        self.bind_with(data, &[], format)
    }

    /// [`Manifest::bind`], also filling `extra` templates over the same
    /// fields (the player's captions) from the same single read of `data`.
    pub fn bind_with<'m>(
        &'m self,
        data: &dyn DataSource,
        extra: &[&'m TextTemplate],
        format: &mut dyn Formatter,
    ) -> Result<Bound, BindError> {
        // A loop into a Vec of the final size, not a `collect` into a
        // `Result`: no buffer of values regrown (and freed) on the way, and
        // about 180 B less of the player's wasm than the adapter `collect` takes.
        let mut values = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            values.push(read_field(field, data, format)?);
        }

        let fill = |template: &'m TextTemplate| {
            let piece = |segment: &'m Segment| -> &str {
                match segment {
                    Segment::Literal(s) => s,
                    Segment::Field(i) => values.get(*i).map_or("", FieldValue::as_str),
                }
            };
            // One allocation of the final size: growing a String would
            // free (unwiped) buffers that held parts of the data.
            let len = template.segments.iter().map(|s| piece(s).len()).sum();
            let mut text = String::with_capacity(len);
            for segment in &template.segments {
                text.push_str(piece(segment));
            }
            SecretText::new(text)
        };
        let bound = self
            .bindings
            .iter()
            .map(|binding| match &binding.source {
                Source::Text(template) => BoundValue::Text(fill(template)),
                Source::Variant { field, option } => match values.get(*field) {
                    Some(FieldValue::Choice(chosen, _)) => BoundValue::Visible(chosen == option),
                    // No choice: no variant is shown.
                    _ => BoundValue::Visible(false),
                },
                #[cfg(not(feature = "values"))]
                Source::Values { .. } => BoundValue::Unset,
                #[cfg(feature = "values")]
                Source::Values { field, values: given } => {
                    let chosen = match values.get(*field) {
                        Some(FieldValue::Choice(chosen, _)) => given.get(*chosen),
                        _ => None,
                    };
                    match chosen {
                        Some(SlotValue::Color(rgba)) => BoundValue::Color(*rgba),
                        Some(SlotValue::Number(n)) => BoundValue::Number(*n),
                        Some(SlotValue::Text(text)) => BoundValue::Text(SecretText::new(text.clone())),
                        // An option without a value, or no choice: the file's stays.
                        _ => BoundValue::Unset,
                    }
                }
                Source::Field(field) => match values.get(*field) {
                    Some(FieldValue::Color(rgba)) => BoundValue::Color(*rgba),
                    Some(FieldValue::Flag(flag)) => BoundValue::Visible(*flag),
                    Some(FieldValue::Image(image)) => BoundValue::Image(*image),
                    Some(FieldValue::Number(n, _)) => {
                        // A percent field holds a ratio; properties take percent.
                        let percent = self.fields.get(*field).is_some_and(|f| {
                            matches!(f.kind, FieldType::Number(format) if format.style == crate::format::NumberStyle::Percent)
                        });
                        BoundValue::Number(if percent { n * 100.0 } else { *n })
                    }
                    _ => BoundValue::Unset,
                },
            })
            .collect();
        let description = self.accessible_text.as_ref().map(fill);
        let extra = extra.iter().map(|t| fill(t)).collect();
        Ok(Bound {
            values: bound,
            description,
            extra,
        })
    }
}

fn read_field<'m>(
    field: &'m Field,
    data: &dyn DataSource,
    format: &mut dyn Formatter,
) -> Result<FieldValue<'m>, BindError> {
    let error = |code| BindError {
        code,
        field: field.name.clone(),
    };
    let value = data.field(&field.name, field.max_length);
    if matches!(value, DataValue::Missing | DataValue::Null) {
        return match &field.default {
            Some(Value::String(text)) if field.kind == FieldType::Text => {
                Ok(FieldValue::Template(text))
            }
            // Checked when the manifest was read: writing it cannot fail.
            Some(default) => typed(field, default_value(default), format).map_err(error),
            None if field.required => Err(error(BindErrorCode::MissingField)),
            None => Ok(FieldValue::Missing),
        };
    }
    typed(field, value, format).map_err(error)
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::panic,
        reason = "tests"
    )]
    use super::*;
    use crate::format::{Date, PlainFormatter};
    use crate::json;
    use crate::json::decimal;
    use crate::json::{Map, Value};

    fn manifest() -> Manifest {
        Manifest::parse(
            r#"{
            "version": 1, "name": "t", "animation": "a.json",
            "fields": [
                { "name": "first_name", "type": "text", "required": true, "maxLength": 10 },
                { "name": "saving", "type": "text", "default": "plenty" },
                { "name": "note", "type": "text" }
            ],
            "bindings": [
                { "target": { "layer": "Greeting" }, "text": "Hi {first_name}!" },
                { "target": { "layer": "Saving" }, "text": "You saved {saving}{note}" }
            ]
        }"#,
        )
        .unwrap()
    }

    fn data(value: Value) -> Map {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn fills_every_target() {
        let bound = manifest()
            .bind(
                &data(json!({ "first_name": "Jane", "saving": "$1,234.56", "extra": 1 })),
                &mut PlainFormatter,
            )
            .unwrap();
        let texts: Vec<_> = bound.values.iter().map(BoundValue::text).collect();
        assert_eq!(texts, vec![Some("Hi Jane!"), Some("You saved $1,234.56")]);
    }

    #[test]
    fn defaults_fill_missing_and_null_fields() {
        let bound = manifest()
            .bind(
                &data(json!({ "first_name": "Jane", "saving": null })),
                &mut PlainFormatter,
            )
            .unwrap();
        assert_eq!(bound.values[1].text().unwrap(), "You saved plenty");
    }

    #[test]
    fn errors_name_the_field_never_the_value() {
        let m = manifest();
        let cases = [
            (json!({}), BindErrorCode::MissingField, "first_name"),
            (
                json!({ "first_name": null }),
                BindErrorCode::MissingField,
                "first_name",
            ),
            (
                json!({ "first_name": 42 }),
                BindErrorCode::WrongType,
                "first_name",
            ),
            (
                json!({ "first_name": ["CANARY"] }),
                BindErrorCode::WrongType,
                "first_name",
            ),
            (
                json!({ "first_name": "CANARY-TOO-LONG" }),
                BindErrorCode::TooLong,
                "first_name",
            ),
            (
                json!({ "first_name": "Jo", "note": true }),
                BindErrorCode::WrongType,
                "note",
            ),
        ];
        for (value, code, field) in cases {
            let err = m.bind(&data(value), &mut PlainFormatter).unwrap_err();
            assert_eq!((err.code, err.field.as_str()), (code, field));
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains("CANARY"), "{shown}");
        }
    }

    #[test]
    fn max_length_counts_characters_not_bytes() {
        // Ten characters, thirty bytes.
        let bound = manifest().bind(
            &data(json!({ "first_name": "日本語日本語日本語日" })),
            &mut PlainFormatter,
        );
        assert!(bound.is_ok());
    }

    #[test]
    fn bound_debug_is_redacted() {
        let bound = manifest()
            .bind(
                &data(json!({ "first_name": "CANARY" })),
                &mut PlainFormatter,
            )
            .unwrap();
        assert!(!format!("{bound:?}").contains("CANARY"));
    }

    #[test]
    fn the_accessible_description_is_bound_like_a_text() {
        let manifest = |text: &str| {
            Manifest::parse(
                &(String::from(
                    r#"{"version": 1, "name": "t", "animation": "a.json",
                    "fields": [{ "name": "first_name", "type": "text", "required": true }],
                    "bindings": [], "accessibleText": ""#,
                ) + text
                    + r#""}"#),
            )
        };
        let bound = manifest("A hello for {first_name}.")
            .unwrap()
            .bind(&data(json!({ "first_name": "Jane" })), &mut PlainFormatter)
            .unwrap();
        assert_eq!(bound.description.as_deref(), Some("A hello for Jane."));
        let Err(crate::ManifestError::Invalid(problems)) = manifest("Hi {nobody}") else {
            panic!("an unknown field must be a problem")
        };
        assert_eq!(
            (problems[0].code, problems[0].path.as_str()),
            ("unknown-field", "accessibleText")
        );
    }

    /// A formatter that shows what it was asked: style, decimals, value.
    struct Recording;

    impl Formatter for Recording {
        fn number(&mut self, value: f64, format: &crate::format::NumberFormat) -> Option<String> {
            let style = match format.style {
                crate::format::NumberStyle::Decimal => "decimal",
                crate::format::NumberStyle::Percent => "percent",
                crate::format::NumberStyle::Currency(_) => format.style.currency_code()?,
            };
            let decimals = format.decimals.map_or("auto".into(), |d| decimal(d.into()));
            Some(String::from(style) + "/" + &decimals + ":" + &decimal((value * 100.0) as i64))
        }

        fn date(&mut self, date: Date, style: crate::format::DateStyle) -> Option<String> {
            Some(String::from(style.name()) + ":" + &PlainFormatter.date(date, style)?)
        }
    }

    fn typed_manifest() -> Manifest {
        Manifest::parse(
            r#"{
            "version": 1, "name": "t", "animation": "a.json", "locale": "de-DE",
            "fields": [
                { "name": "saving", "type": "currency", "currency": "EUR", "minimum": -1e6, "maximum": 1e6, "required": true, "sample": 1234.56 },
                { "name": "share", "type": "percent", "decimals": 1, "default": 0.5 },
                { "name": "visits", "type": "number", "decimals": 0, "minimum": 0 },
                { "name": "since", "type": "date", "dateStyle": "long", "default": "2020-02-29" }
            ],
            "bindings": [
                { "target": { "layer": "A" }, "text": "{saving} {share} {visits} {since}" }
            ]
        }"#,
        )
        .unwrap()
    }

    #[test]
    fn numbers_and_dates_are_written_by_the_formatter() {
        let m = typed_manifest();
        assert_eq!(m.locale.as_deref(), Some("de-DE"));
        let bound = m
            .bind(
                &data(
                    json!({ "saving": 1234.5, "share": 0.25, "visits": 7, "since": "2024-01-31" }),
                ),
                &mut Recording,
            )
            .unwrap();
        assert_eq!(
            bound.values[0].text().unwrap(),
            "EUR/auto:123450 percent/1:25 decimal/0:700 long:2024-01-31"
        );
        // Defaults are written the same way; an optional number left out is empty.
        let bound = m
            .bind(&data(json!({ "saving": -3 })), &mut Recording)
            .unwrap();
        assert_eq!(
            bound.values[0].text().unwrap(),
            "EUR/auto:-300 percent/1:50  long:2020-02-29"
        );
        // The plain formatter, for tools and as the fallback.
        let bound = m
            .bind(&data(json!({ "saving": 1234.5 })), &mut PlainFormatter)
            .unwrap();
        assert_eq!(
            bound.values[0].text().unwrap(),
            "EUR 1,234.50 50.0%  2020-02-29"
        );
    }

    #[test]
    fn typed_fields_refuse_what_does_not_fit() {
        let m = typed_manifest();
        let cases = [
            (
                json!({ "saving": "1234.56" }),
                BindErrorCode::WrongType,
                "saving",
            ),
            (
                json!({ "saving": 2e6 }),
                BindErrorCode::OutOfRange,
                "saving",
            ),
            (
                json!({ "saving": 1, "visits": -1 }),
                BindErrorCode::OutOfRange,
                "visits",
            ),
            (
                json!({ "saving": 1, "share": true }),
                BindErrorCode::WrongType,
                "share",
            ),
            (
                json!({ "saving": 1, "since": "31/01/2024" }),
                BindErrorCode::WrongType,
                "since",
            ),
            (
                json!({ "saving": 1, "since": "2023-02-29" }),
                BindErrorCode::OutOfRange,
                "since",
            ),
            (
                json!({ "saving": 1, "since": 20240131 }),
                BindErrorCode::WrongType,
                "since",
            ),
        ];
        for (value, code, field) in cases {
            let err = m.bind(&data(value), &mut Recording).unwrap_err();
            assert_eq!((err.code, err.field.as_str()), (code, field));
        }
    }

    #[test]
    #[allow(
        clippy::too_many_lines,
        reason = "a table: each declaration beside the problem it gives"
    )]
    fn typed_field_declarations_are_checked_when_the_manifest_is_read() {
        let problems = |fields: &str, extra: &str| {
            let text = String::from(
                r#"{"version": 1, "name": "t", "animation": "a.json", "bindings": [], "fields": ["#,
            ) + fields
                + "]"
                + extra
                + "}";
            match Manifest::parse(&text) {
                Err(crate::ManifestError::Invalid(p)) => {
                    p.iter().map(|p| (p.code, p.path.clone())).collect()
                }
                Ok(_) => Vec::new(),
                Err(e) => panic!("{e}"),
            }
        };
        let one = |code: &'static str, path: &str| vec![(code, path.to_owned())];
        assert_eq!(
            problems(r#"{"name": "a", "type": "currency"}"#, ""),
            one("bad-currency", "fields[0].currency")
        );
        assert_eq!(
            problems(
                r#"{"name": "a", "type": "currency", "currency": "usd"}"#,
                ""
            ),
            one("bad-currency", "fields[0].currency")
        );
        assert_eq!(
            problems(r#"{"name": "a", "type": "number", "decimals": 21}"#, ""),
            one("bad-decimals", "fields[0].decimals")
        );
        assert_eq!(
            problems(r#"{"name": "a", "type": "date", "dateStyle": "tiny"}"#, ""),
            one("bad-date-style", "fields[0].dateStyle")
        );
        assert_eq!(
            problems(
                r#"{"name": "a", "type": "number", "minimum": 5, "maximum": 1}"#,
                ""
            ),
            one("bad-range", "fields[0].minimum")
        );
        assert_eq!(
            problems(r#"{"name": "a", "type": "number", "default": "12"}"#, ""),
            one("wrong-type", "fields[0].default")
        );
        assert_eq!(
            problems(
                r#"{"name": "a", "type": "number", "maximum": 9, "sample": 10}"#,
                ""
            ),
            one("out-of-range", "fields[0].sample")
        );
        assert_eq!(
            problems(
                r#"{"name": "a", "type": "date", "default": "2026-02-30"}"#,
                ""
            ),
            one("out-of-range", "fields[0].default")
        );
        assert_eq!(
            problems(
                r#"{"name": "a", "type": "text", "maxLength": 2, "sample": "abc"}"#,
                ""
            ),
            one("too-long", "fields[0].sample")
        );
        assert_eq!(
            problems(r#"{"name": "a", "type": "colour"}"#, ""),
            one("unsupported-field-type", "fields[0].type")
        );
        let fit = |fit: &str| {
            String::from(
                r#"{"name": "a", "type": "text"}], "bindings": [{"target": {"layer": "L"}, "text": "{a}", "fit": "#,
            ) + fit
                + "}"
        };
        let with_fit = |f: &str| {
            let text =
                String::from(r#"{"version": 1, "name": "t", "animation": "a.json", "fields": ["#)
                    + &fit(f)
                    + "]}";
            Manifest::parse(&text)
        };
        let parsed = with_fit(r#"{"minSize": 12, "maxLines": 2, "ellipsis": true}"#).unwrap();
        assert_eq!(
            parsed.bindings[0].fit,
            Some(crate::TextFit {
                min_size: Some(12.0),
                max_lines: Some(2),
                max_width: None,
                ellipsis: true
            })
        );
        for (bad, path) in [
            (r#"{"minSize": 0}"#, "bindings[0].fit.minSize"),
            (r#"{"maxLines": 0}"#, "bindings[0].fit.maxLines"),
            (r#"{"maxWidth": -5}"#, "bindings[0].fit.maxWidth"),
        ] {
            let Err(crate::ManifestError::Invalid(p)) = with_fit(bad) else {
                panic!("{bad}")
            };
            assert_eq!((p[0].code, p[0].path.as_str()), ("bad-fit", path));
        }
        let Err(crate::ManifestError::Invalid(p)) = with_fit(r#"{"shrink": true}"#) else {
            panic!()
        };
        assert_eq!(p[0].code, "unknown-key");
        assert_eq!(
            problems(r#"{"name": "a", "type": "text", "currency": "USD"}"#, ""),
            one("key-not-for-type", "fields[0].currency")
        );
        assert_eq!(
            problems(r#"{"name": "a", "type": "date", "maxLength": 10}"#, ""),
            one("key-not-for-type", "fields[0].maxLength")
        );
        assert_eq!(
            problems(r#"{"name": "a", "type": "text"}"#, r#", "locale": "en_US""#),
            one("bad-locale", "locale")
        );
        assert_eq!(
            problems(
                r#"{"name": "a", "type": "text"}"#,
                r#", "locale": "zh-Hant-TW""#
            ),
            vec![]
        );
    }

    /// A badge template: a brand colour, a VIP flag, a tier with one
    /// layer per option, a progress ratio, a photo, and colour and opacity
    /// slots.
    fn badge() -> Manifest {
        Manifest::parse(
            r##"{
            "version": 1, "name": "badge", "animation": "a.json",
            "fields": [
                { "name": "brand", "type": "color", "default": "#112233" },
                { "name": "vip", "type": "boolean" },
                { "name": "tier", "type": "choice", "options": ["gold", "silver"], "required": true },
                { "name": "progress", "type": "percent", "minimum": 0, "maximum": 1 },
                { "name": "photo", "type": "image", "maxBytes": 1000 }
            ],
            "bindings": [
                { "target": { "layer": "Card", "property": "fill" }, "field": "brand" },
                { "target": { "slot": "accent" }, "field": "brand" },
                { "target": { "layer": "VIP" , "property": "visible" }, "field": "vip" },
                { "field": "tier", "variants": { "gold": { "layer": "Gold" }, "silver": { "ln": "silver" } } },
                { "target": { "layer": "Bar", "property": "scale.x" }, "field": "progress" },
                { "target": { "layer": "Photo", "property": "image" }, "field": "photo" },
                { "target": { "layer": "Tier" }, "text": "{tier} member, {progress}" }
            ]
        }"##,
        )
        .unwrap()
    }

    /// Data with a decoded image: the player's source answers image
    /// fields with its own bitmap numbers.
    struct WithImage(Map, DataValue);
    impl DataSource for WithImage {
        fn field(&self, name: &str, max_chars: u32) -> DataValue {
            if name == "photo" {
                return match &self.1 {
                    DataValue::Image(i) => DataValue::Image(*i),
                    DataValue::ImageTooLarge => DataValue::ImageTooLarge,
                    DataValue::ImageInvalid => DataValue::ImageInvalid,
                    _ => DataValue::Missing,
                };
            }
            self.0.field(name, max_chars)
        }
    }

    fn summary(bound: &Bound) -> Vec<String> {
        bound
            .values
            .iter()
            .map(|v| match v {
                BoundValue::Text(t) => t.expose().to_owned(),
                BoundValue::Color(c) => format!("color {c:?}"),
                BoundValue::Number(n) => format!("number {n}"),
                BoundValue::Visible(v) => format!("visible {v}"),
                BoundValue::Image(i) => format!("image {i}"),
                BoundValue::Unset => "unset".into(),
            })
            .collect()
    }

    #[test]
    fn binds_colours_flags_choices_numbers_and_images() {
        let m = badge();
        let source = WithImage(
            data(json!({ "brand": "#FF8000", "vip": true, "tier": "silver", "progress": 0.25 })),
            DataValue::Image(7),
        );
        let bound = m.bind(&source, &mut PlainFormatter).unwrap();
        assert_eq!(
            summary(&bound),
            vec![
                "color [1.0, 0.5019607843137255, 0.0, 1.0]",
                "color [1.0, 0.5019607843137255, 0.0, 1.0]",
                "visible true",
                "visible false",
                "visible true",
                "number 25",
                "image 7",
                "silver member, 25%",
            ]
        );
        // Optional fields left out: the default colour, the template's own
        // visibility, scale and image.
        let bound = m
            .bind(
                &WithImage(data(json!({ "tier": "gold" })), DataValue::Missing),
                &mut PlainFormatter,
            )
            .unwrap();
        assert_eq!(
            summary(&bound)[..7],
            [
                "color [0.06666666666666667, 0.13333333333333333, 0.2, 1.0]",
                "color [0.06666666666666667, 0.13333333333333333, 0.2, 1.0]",
                "unset",
                "visible true",
                "visible false",
                "unset",
                "unset",
            ]
        );
        assert!(!format!("{bound:?}").contains("0.0666"));
    }

    #[test]
    #[cfg(feature = "values")]
    fn a_choice_gives_its_slots_each_options_values() {
        let m = Manifest::parse(
            r##"{
            "version": 1, "name": "themes", "animation": "a.json",
            "fields": [{ "name": "theme", "type": "choice", "options": ["Dark", "Light", "Plain"] }],
            "bindings": [
                { "target": { "slot": "bg" }, "field": "theme", "values": { "Dark": "#101010", "Light": "#FFFFFF80" } },
                { "target": { "slot": "size" }, "field": "theme", "values": { "Dark": 40, "Light": 60 } },
                { "target": { "slot": "title" }, "field": "theme", "values": { "Dark": "Good night", "Light": "Good day" } }
            ]
        }"##,
        )
        .unwrap();
        let bind = |value: Value| {
            let mut data = Map::new();
            if !value.is_null() {
                data.insert("theme", value);
            }
            summary(&m.bind(&data, &mut PlainFormatter).unwrap())
        };
        let dark = 16.0 / 255.0;
        assert_eq!(
            bind(json!("Dark")),
            [
                format!("color {:?}", [dark, dark, dark, 1.0]),
                "number 40".into(),
                "Good night".into()
            ]
        );
        assert_eq!(
            bind(json!("Light")),
            [
                format!("color {:?}", [1.0, 1.0, 1.0, 128.0 / 255.0]),
                "number 60".into(),
                "Good day".into()
            ]
        );
        // An option without values, or no choice: the file's values stay.
        assert_eq!(bind(json!("Plain")), ["unset", "unset", "unset"]);
        assert_eq!(bind(Value::Null), ["unset", "unset", "unset"]);
    }

    #[test]
    fn refuses_bad_colours_flags_choices_and_images_by_field() {
        let m = badge();
        let cases = [
            (
                json!({ "tier": "gold", "brand": "red" }),
                DataValue::Missing,
                BindErrorCode::WrongType,
                "brand",
            ),
            (
                json!({ "tier": "gold", "brand": "#12345" }),
                DataValue::Missing,
                BindErrorCode::WrongType,
                "brand",
            ),
            (
                json!({ "tier": "gold", "brand": "#GG0000" }),
                DataValue::Missing,
                BindErrorCode::WrongType,
                "brand",
            ),
            (
                json!({ "tier": "gold", "vip": "yes" }),
                DataValue::Missing,
                BindErrorCode::WrongType,
                "vip",
            ),
            (
                json!({ "tier": "CANARY" }),
                DataValue::Missing,
                BindErrorCode::NotAnOption,
                "tier",
            ),
            (
                json!({ "tier": "Gold" }),
                DataValue::Missing,
                BindErrorCode::NotAnOption,
                "tier",
            ),
            (
                json!({}),
                DataValue::Missing,
                BindErrorCode::MissingField,
                "tier",
            ),
            (
                json!({ "tier": "gold", "progress": 1.5 }),
                DataValue::Missing,
                BindErrorCode::OutOfRange,
                "progress",
            ),
            (
                json!({ "tier": "gold" }),
                DataValue::ImageTooLarge,
                BindErrorCode::TooLarge,
                "photo",
            ),
            (
                json!({ "tier": "gold" }),
                DataValue::ImageInvalid,
                BindErrorCode::ImageInvalid,
                "photo",
            ),
        ];
        for (value, image, code, field) in cases {
            let err = m
                .bind(&WithImage(data(value), image), &mut PlainFormatter)
                .unwrap_err();
            assert_eq!((err.code, err.field.as_str()), (code, field));
            assert!(!format!("{err} {err:?}").contains("CANARY"));
        }
        // An image field's value from plain JSON (a string, a URL) is not an image.
        let err = m
            .bind(
                &data(json!({ "tier": "gold", "photo": "https://example.com/me.png" })),
                &mut PlainFormatter,
            )
            .unwrap_err();
        assert_eq!(
            (err.code, err.field.as_str()),
            (BindErrorCode::WrongType, "photo")
        );
    }
}
