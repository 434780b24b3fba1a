//! The INIT `data` object as a [`DataSource`]: reads only the fields the
//! manifest asks for, only own properties (never `__proto__` or anything
//! inherited), and copies each value straight into a wiped-on-drop
//! [`SecretText`]. Never logs or keeps the object.

use binding_engine::{DataSource, DataValue, SecretText};
use js_sys::{JsString, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A borrowed JS object holding a viewer's data.
pub(crate) struct JsData<'a>(&'a Object);

impl<'a> JsData<'a> {
    /// `None` unless `value` is a plain object: its prototype is
    /// `Object.prototype` or null (not an array, Map, Date, Blob…).
    pub(crate) fn new(value: &'a JsValue) -> Option<Self> {
        if !value.is_object() {
            return None;
        }
        let object = value.dyn_ref::<Object>()?;
        let prototype = Object::get_prototype_of(value);
        let object_prototype = Object::get_prototype_of(&Object::new());
        (prototype.is_null() || Object::is(&prototype, &object_prototype)).then_some(JsData(object))
    }
}

impl DataSource for JsData<'_> {
    fn field(&self, name: &str, max_chars: u32) -> DataValue {
        let key = JsValue::from_str(name);
        if !Object::has_own(self.0, &key) {
            return DataValue::Missing;
        }
        let Ok(value) = Reflect::get(self.0, &key) else {
            return DataValue::Other;
        };
        if value.is_undefined() {
            DataValue::Missing
        } else if value.is_null() {
            DataValue::Null
        } else if let Some(text) = value.dyn_ref::<JsString>() {
            // A character is at most two UTF-16 units: longer strings are
            // refused without copying them into wasm memory.
            if u64::from(text.length()) > 2 * u64::from(max_chars) {
                return DataValue::TooLong;
            }
            value.as_string().map_or(DataValue::Other, |text| {
                DataValue::Text(SecretText::new(text))
            })
        } else if let Some(number) = value.as_f64() {
            DataValue::Number(number)
        } else if let Some(flag) = value.as_bool() {
            DataValue::Bool(flag)
        } else {
            DataValue::Other
        }
    }
}
