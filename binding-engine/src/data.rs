//! The viewer's data as the engine sees it: one field at a time.
//!
//! Owns the `DataSource` trait, so that the engine reads only the fields the
//! manifest declares (the player implements it over the INIT object without
//! copying the rest) and native tests can use plain JSON.
//!
//! Must never: keep a value it hands out, log one, or name one anywhere but
//! in the [`DataValue`] itself ([`DataValue::kind`] names only its JSON
//! type); nor touch a web API (the player's source does that).

use crate::secret::SecretText;

/// One field's value, as read from the data.
#[derive(Debug, PartialEq)]
pub enum DataValue {
    /// The data has no such field (or it is `undefined`).
    Missing,
    /// `null`.
    Null,
    /// A string.
    Text(SecretText),
    /// A string longer than the limit the engine asked for; not copied.
    TooLong,
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// An image the source decoded before binding, by its own number
    /// (the player's decoded bitmaps); the engine only passes it on.
    Image(usize),
    /// Image bytes over the field's `maxBytes` or the decoder's size limit.
    ImageTooLarge,
    /// Image bytes that do not decode.
    ImageInvalid,
    /// Anything else (object, array, function, binary): named only by kind.
    Other,
}

impl DataValue {
    /// A short name of the value's JSON type, for error messages. Never the value.
    pub fn kind(&self) -> &'static str {
        match self {
            DataValue::Missing => "missing",
            DataValue::Null => "null",
            DataValue::Text(_) | DataValue::TooLong => "string",
            DataValue::Number(_) => "number",
            DataValue::Bool(_) => "boolean",
            DataValue::Other
            | DataValue::Image(_)
            | DataValue::ImageTooLarge
            | DataValue::ImageInvalid => "object",
        }
    }
}

/// Where the engine reads a viewer's data from.
pub trait DataSource {
    /// The value of the field `name`, read once. Implementations must only
    /// return the object's own property, never an inherited one, and should
    /// answer [`DataValue::TooLong`] rather than copy a string of more than
    /// `max_chars` characters (so a hostile host cannot make the player copy
    /// megabytes of text it will refuse anyway).
    fn field(&self, name: &str, max_chars: u32) -> DataValue;
}

impl DataSource for crate::json::Map {
    fn field(&self, name: &str, max_chars: u32) -> DataValue {
        use crate::json::Value;
        match self.get(name) {
            None => DataValue::Missing,
            Some(Value::Null) => DataValue::Null,
            Some(Value::String(s)) if crate::chars::char_count_exceeds(s, max_chars) => {
                DataValue::TooLong
            }
            Some(Value::String(s)) => DataValue::Text(SecretText::new(s.clone())),
            Some(Value::Number(n)) => DataValue::Number(*n),
            Some(Value::Bool(b)) => DataValue::Bool(*b),
            Some(_) => DataValue::Other,
        }
    }
}
