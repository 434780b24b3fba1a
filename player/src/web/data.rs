//! The INIT `data` object as a [`DataSource`]: reads only the fields the
//! manifest asks for, only own properties (never `__proto__` or anything
//! inherited), and copies each value straight into a wiped-on-drop
//! [`SecretText`]. Never logs or keeps the object.

use binding_engine::{DataSource, DataValue, SecretText};
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A borrowed JS object holding a viewer's data.
pub(crate) struct JsData<'a>(&'a Object);

impl<'a> JsData<'a> {
    /// `None` unless `value` is a plain object (not null, not an array).
    pub(crate) fn new(value: &'a JsValue) -> Option<Self> {
        if !value.is_object() || js_sys::Array::is_array(value) {
            return None;
        }
        value.dyn_ref::<Object>().map(JsData)
    }
}

impl DataSource for JsData<'_> {
    fn field(&self, name: &str) -> DataValue {
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
        } else if let Some(text) = value.as_string() {
            DataValue::Text(SecretText::new(text))
        } else if let Some(number) = value.as_f64() {
            DataValue::Number(number)
        } else if let Some(flag) = value.as_bool() {
            DataValue::Bool(flag)
        } else {
            DataValue::Other
        }
    }
}
