//! The data fields a manifest declares (`fields`), and the checks of a value
//! against one.
//!
//! Owns: [`Field`] and [`FieldType`] with their limits; reading one field's
//! declaration from the manifest's JSON and resolving it (its type and
//! format, the keys its type takes, its limits, its `default` and `sample`);
//! and [`typed`], the one check of a value against a field, which binding
//! applies to a viewer's data and resolving to a manifest's defaults and
//! samples, so that both are judged alike.
//!
//! Must never: log, put a value into an error or a problem (only codes and
//! the field's name), or touch a web API. A viewer's value checked here
//! stays in a [`SecretText`] and goes back to the caller.

use crate::chars::{char_count, char_count_exceeds};
use crate::data::DataValue;
use crate::error::{BindErrorCode, Problem};
use crate::format::PlainFormatter;
use crate::format::{Date, DateError, DateStyle, Formatter, NumberFormat, NumberStyle};
use crate::json::Value;
use crate::json_reader::{index, join, Reader};
use crate::secret::SecretText;

/// Upper bound for any field's `maxLength`, and the default when none is set.
pub(crate) const MAX_TEXT_CHARS: u32 = 1_000;
/// Largest image a field may accept (`maxBytes`), and its default.
pub const MAX_IMAGE_BYTES: u32 = 16 * 1024 * 1024;
pub(crate) const DEFAULT_IMAGE_BYTES: u32 = 4 * 1024 * 1024;
/// Most options of a choice field, and the longest option.
const MAX_OPTIONS: usize = 64;
pub(crate) const MAX_OPTION_CHARS: usize = 64;

/// One data field that the template takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key in the INIT data object.
    pub name: String,
    /// What kind of value it holds.
    pub kind: FieldType,
    /// Whether INIT must provide it (when there is no default).
    pub required: bool,
    /// Used when the data lacks the field: a value of the field's type
    /// (template-side, checked like data when the manifest is read).
    pub default: Option<Value>,
    /// Longest accepted text, in Unicode scalar values (text fields).
    pub max_length: u32,
    /// Smallest accepted number (number fields), inclusive.
    pub minimum: Option<f64>,
    /// Largest accepted number (number fields), inclusive.
    pub maximum: Option<f64>,
    /// An example value for previews, of the field's type.
    pub sample: Option<Value>,
    /// The values a `choice` field may take (`options`), in order.
    pub options: Vec<String>,
    /// Largest accepted image, in bytes (`maxBytes`; image fields).
    pub max_bytes: u32,
}

/// The kinds of field the engine can bind, and how each is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A string drawn as is (`"type": "text"`).
    Text,
    /// A JSON number written for the viewer's locale (`"number"`,
    /// `"currency"` with its ISO 4217 `currency`, `"percent"`).
    Number(NumberFormat),
    /// A `YYYY-MM-DD` string written as a date of the viewer's locale
    /// (`"date"`, with `dateStyle`).
    Date(DateStyle),
    /// A `#RRGGBB` or `#RRGGBBAA` string, for fills, strokes and colour slots.
    Color,
    /// `true` or `false`: whether layers are shown (`"boolean"`).
    Boolean,
    /// One of the field's `options`: picks a variant the template declares,
    /// or is written as is in a text (`"choice"`).
    Choice,
    /// An image the host passes as bytes (`"image"`): decoded by the
    /// player, never fetched.
    Image,
}

/// Keys a field's object may have.
const FIELD_KEYS: &[&str] = &[
    "name",
    "type",
    "required",
    "default",
    "maxLength",
    "sample",
    "currency",
    "decimals",
    "minimum",
    "maximum",
    "dateStyle",
    "options",
    "maxBytes",
];

/// A field's declaration as written, before it is judged.
pub(crate) struct RawField {
    /// Its index in `fields`.
    pub(crate) at: usize,
    name: String,
    kind: String,
    required: bool,
    /// `default` and `sample`: moved out of the document by
    /// `read::read` once everything else is read.
    pub(crate) default: Option<Value>,
    max_length: Option<u32>,
    pub(crate) sample: Option<Value>,
    currency: Option<String>,
    decimals: Option<u32>,
    minimum: Option<f64>,
    maximum: Option<f64>,
    date_style: Option<String>,
    options: Option<Vec<String>>,
    max_bytes: Option<u32>,
}

/// Reads `fields[i]` (`value`), recording what does not have its JSON type.
pub(crate) fn read(r: &mut Reader, value: &Value, i: usize) -> Option<RawField> {
    let path = index("fields", i);
    let obj = r.object(value, &path)?;
    r.known_keys(obj, &path, FIELD_KEYS);
    // In the order of the keys above: the problems come out in this order.
    Some(RawField {
        at: i,
        name: r.string(obj, &path, "name", true).unwrap_or_default(),
        kind: r.string(obj, &path, "type", true).unwrap_or_default(),
        required: r.boolean(obj, &path, "required").unwrap_or(false),
        default: None,
        max_length: r.uint(obj, &path, "maxLength"),
        sample: None,
        currency: r.string(obj, &path, "currency", false),
        decimals: r.uint(obj, &path, "decimals"),
        minimum: r.number(obj, &path, "minimum"),
        maximum: r.number(obj, &path, "maximum"),
        date_style: r.string(obj, &path, "dateStyle", false),
        options: obj.get("options").map(|options| {
            let strings = options.as_array().and_then(|list| {
                let mut strings = Vec::with_capacity(list.len());
                for option in list {
                    strings.push(option.as_str()?.to_owned());
                }
                Some(strings)
            });
            strings.unwrap_or_else(|| {
                r.problem("bad-value", join(&path, "options"), "options");
                Vec::new()
            })
        }),
        max_bytes: r.uint(obj, &path, "maxBytes"),
    })
}

/// Field `i` (`f`) judged, after the `earlier` ones: its problems go to
/// `problems`, at `fields[i].key` and with its name.
// Not inlined: inside `Manifest::parse`, which wasm-opt inlines into the
// player's boot future, it made that 36 KB function compress about 350 B
// worse in the shipped wasm; as a call it costs nothing measurable.
#[inline(never)]
pub(crate) fn resolve(
    f: RawField,
    i: usize,
    earlier: &[Field],
    problems: &mut Vec<Problem>,
) -> Field {
    let path = |key: &str| join(&index("fields", i), key);
    let mut problem = |code, key: &str| {
        problems.push(Problem {
            code,
            path: path(key),
            name: f.name.clone(),
        });
    };
    if !is_field_name(&f.name) {
        problem("bad-field-name", "name");
    }
    if earlier.iter().any(|g| g.name == f.name) {
        problem("duplicate-field", "name");
    }
    let kind = field_type(&f, &mut problem);
    check_keys_of_type(&f, &mut problem);
    let max_length = f.max_length.unwrap_or(MAX_TEXT_CHARS);
    if max_length == 0 || max_length > MAX_TEXT_CHARS {
        problem("bad-max-length", "maxLength");
    }
    let options = f.options.unwrap_or_default();
    if kind == FieldType::Choice && !are_options(&options) {
        problem("bad-options", "options");
    }
    let max_bytes = f.max_bytes.unwrap_or(DEFAULT_IMAGE_BYTES);
    if max_bytes == 0 || max_bytes > MAX_IMAGE_BYTES {
        problem("bad-max-bytes", "maxBytes");
    }
    if let (Some(min), Some(max)) = (f.minimum, f.maximum) {
        if min > max {
            problem("bad-range", "minimum");
        }
    }
    let field = Field {
        name: f.name,
        kind,
        required: f.required,
        default: f.default,
        max_length,
        minimum: f.minimum,
        maximum: f.maximum,
        sample: f.sample,
        options,
        max_bytes,
    };
    // Defaults and samples are checked as data would be.
    for (key, value) in [("default", &field.default), ("sample", &field.sample)] {
        let Some(value) = value else { continue };
        if let Err(code) = check_value(&field, value) {
            problems.push(Problem {
                code: code.as_str(),
                path: path(key),
                name: field.name.clone(),
            });
        }
    }
    field
}

/// The type of field `f` with its format, reporting bad types, currency
/// codes, decimals and date styles through `problem(code, key)`.
fn field_type(f: &RawField, problem: &mut dyn FnMut(&'static str, &str)) -> FieldType {
    let number = |style| {
        let decimals = f.decimals.map(|d| d.min(20) as u8);
        FieldType::Number(NumberFormat { style, decimals })
    };
    if f.decimals.is_some_and(|d| d > 20) {
        problem("bad-decimals", "decimals");
    }
    match f.kind.as_str() {
        "text" => FieldType::Text,
        "color" => FieldType::Color,
        "boolean" => FieldType::Boolean,
        "choice" => FieldType::Choice,
        "image" => FieldType::Image,
        "number" => number(NumberStyle::Decimal),
        "percent" => number(NumberStyle::Percent),
        "currency" => {
            let code = f.currency.as_deref().unwrap_or_default().as_bytes();
            match <[u8; 3]>::try_from(code) {
                Ok(code) if code.iter().all(u8::is_ascii_uppercase) => {
                    number(NumberStyle::Currency(code))
                }
                _ => {
                    problem("bad-currency", "currency");
                    FieldType::Text
                }
            }
        }
        "date" => match f.date_style.as_deref() {
            None => FieldType::Date(DateStyle::Medium),
            Some(name) => DateStyle::from_name(name).map_or_else(
                || {
                    problem("bad-date-style", "dateStyle");
                    FieldType::Text
                },
                FieldType::Date,
            ),
        },
        _ => {
            problem("unsupported-field-type", "type");
            FieldType::Text
        }
    }
}

/// Reports each key `f` has that its type does not take (a `currency` on a
/// number is a mistake), in a fixed order.
fn check_keys_of_type(f: &RawField, problem: &mut dyn FnMut(&'static str, &str)) {
    let keys_of_type: &[&str] = match f.kind.as_str() {
        "text" => &["maxLength"],
        "currency" => &["currency", "decimals", "minimum", "maximum"],
        "number" | "percent" => &["decimals", "minimum", "maximum"],
        "date" => &["dateStyle"],
        "choice" => &["options"],
        "image" => &["maxBytes"],
        _ => &[],
    };
    for (key, present) in [
        ("options", f.options.is_some()),
        ("maxBytes", f.max_bytes.is_some()),
        // An image comes from the host or not at all: the template's
        // own image is the default.
        ("default", f.kind == "image" && f.default.is_some()),
        ("sample", f.kind == "image" && f.sample.is_some()),
        ("maxLength", f.max_length.is_some()),
        ("currency", f.currency.is_some()),
        ("decimals", f.decimals.is_some()),
        ("minimum", f.minimum.is_some()),
        ("maximum", f.maximum.is_some()),
        ("dateStyle", f.date_style.is_some()),
    ] {
        if present && !keys_of_type.contains(&key) {
            problem("key-not-for-type", key);
        }
    }
}

/// Whether a choice's `options` are usable: some, not too many, each
/// non-empty, short and given once.
fn are_options(options: &[String]) -> bool {
    let bad_option = |(i, o): (usize, &String)| {
        o.is_empty() || char_count(o) > MAX_OPTION_CHARS || options.iter().take(i).any(|p| p == o)
    };
    !(options.is_empty()
        || options.len() > MAX_OPTIONS
        || options.iter().enumerate().any(bad_option))
}

/// Field names are identifiers: they appear in `{…}` placeholders and in
/// error payloads, so keep them plain.
fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 64
}

/// A field's value after checking: borrowed from the manifest (a default,
/// an option) or owned from the data.
pub(crate) enum FieldValue<'m> {
    Template(&'m str),
    Viewer(SecretText),
    /// A number, and how it is written.
    Number(f64, SecretText),
    Color([f64; 4]),
    Flag(bool),
    /// The index of a choice's option, and the option.
    Choice(usize, &'m str),
    Image(usize),
    Missing,
}

impl FieldValue<'_> {
    /// The text it is written as in a text template ("" for those that set
    /// properties).
    pub(crate) fn as_str(&self) -> &str {
        match self {
            FieldValue::Template(s) | FieldValue::Choice(_, s) => s,
            FieldValue::Viewer(s) | FieldValue::Number(_, s) => s,
            _ => "",
        }
    }
}

/// A manifest default as if the data held it.
pub(crate) fn default_value(value: &Value) -> DataValue {
    match value {
        Value::String(s) => DataValue::Text(SecretText::new(s.clone())),
        Value::Number(n) => DataValue::Number(*n),
        Value::Bool(b) => DataValue::Bool(*b),
        Value::Null => DataValue::Null,
        Value::Array(_) | Value::Object(_) => DataValue::Other,
    }
}

/// `value` checked against `field`, and written as its text where it has one.
pub(crate) fn typed<'m>(
    field: &'m Field,
    value: DataValue,
    format: &mut dyn Formatter,
) -> Result<FieldValue<'m>, BindErrorCode> {
    match (field.kind, value) {
        (FieldType::Text, DataValue::TooLong) => Err(BindErrorCode::TooLong),
        (FieldType::Text, DataValue::Text(text)) => {
            if char_count_exceeds(&text, field.max_length) {
                Err(BindErrorCode::TooLong)
            } else {
                Ok(FieldValue::Viewer(text))
            }
        }
        (FieldType::Number(style), DataValue::Number(n)) => {
            let below = field.minimum.is_some_and(|min| n < min);
            let above = field.maximum.is_some_and(|max| n > max);
            if !n.is_finite() || below || above {
                return Err(BindErrorCode::OutOfRange);
            }
            let text = format
                .number(n, &style)
                .or_else(|| PlainFormatter.number(n, &style))
                .unwrap_or_default();
            Ok(FieldValue::Number(n, SecretText::new(text)))
        }
        (FieldType::Date(style), DataValue::Text(text)) => {
            let date = Date::parse(&text).map_err(|e| match e {
                DateError::Syntax => BindErrorCode::WrongType,
                DateError::NoSuchDay => BindErrorCode::OutOfRange,
            })?;
            let text = format
                .date(date, style)
                .or_else(|| PlainFormatter.date(date, style))
                .unwrap_or_default();
            Ok(FieldValue::Viewer(SecretText::new(text)))
        }
        (FieldType::Color, DataValue::Text(text)) => parse_color(&text)
            .map(FieldValue::Color)
            .ok_or(BindErrorCode::WrongType),
        (FieldType::Boolean, DataValue::Bool(flag)) => Ok(FieldValue::Flag(flag)),
        (FieldType::Choice, DataValue::Text(text)) => field
            .options
            .iter()
            .position(|o| **o == *text)
            .and_then(|i| Some(FieldValue::Choice(i, field.options.get(i)?)))
            .ok_or(BindErrorCode::NotAnOption),
        (FieldType::Choice, DataValue::TooLong) => Err(BindErrorCode::NotAnOption),
        (FieldType::Image, DataValue::Image(image)) => Ok(FieldValue::Image(image)),
        (FieldType::Image, DataValue::ImageTooLarge) => Err(BindErrorCode::TooLarge),
        (FieldType::Image, DataValue::ImageInvalid) => Err(BindErrorCode::ImageInvalid),
        (_, DataValue::Missing | DataValue::Null) => Err(BindErrorCode::MissingField),
        (_, _) => Err(BindErrorCode::WrongType),
    }
}

/// `#RRGGBB` or `#RRGGBBAA` (either case) as components in 0..=1.
pub(crate) fn parse_color(text: &str) -> Option<[f64; 4]> {
    let hex = text.strip_prefix('#')?.as_bytes();
    if hex.len() != 6 && hex.len() != 8 {
        return None;
    }
    let digit = |b: u8| char::from(b).to_digit(16);
    let mut rgba = [1.0; 4];
    for (component, pair) in rgba.iter_mut().zip(hex.chunks(2)) {
        let [high, low] = pair else { return None };
        *component = f64::from(digit(*high)? * 16 + digit(*low)?) / 255.0;
    }
    Some(rgba)
}

/// Whether a manifest's `default` or `sample` is a value `field` accepts.
fn check_value(field: &Field, value: &Value) -> Result<(), BindErrorCode> {
    typed(field, default_value(value), &mut PlainFormatter).map(drop)
}
