//! A strict reader over a [`crate::json::Value`]: typed getters that record a
//! [`Problem`] (with its JSON path) instead of failing, and unknown-key
//! checks. Used instead of serde derive so that every problem of a manifest
//! is reported at once, and because derived deserializers pull float
//! formatting into the shipped wasm (their error messages print values).
//!
//! Owns JSON paths (`bindings[1].target`) and the problems of a value's
//! JSON type. Must never put a value into a problem (only a path and a key
//! or a template-side name), never panic, and never log; it reads only
//! template-side JSON.

use crate::error::Problem;
use crate::json::{Map, Value};

pub(crate) type Object = Map;

/// Collects problems while reading.
#[derive(Default)]
pub(crate) struct Reader {
    pub(crate) problems: Vec<Problem>,
}

/// `parent.key`, or `key` at the root.
pub(crate) fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        String::from(parent) + "." + key
    }
}

/// `parent[index]`.
pub(crate) fn index(parent: &str, index: usize) -> String {
    String::from(parent) + "[" + &crate::json::decimal(index as i64) + "]"
}

impl Reader {
    pub(crate) fn problem(&mut self, code: &'static str, path: String, name: &str) {
        self.problems.push(Problem {
            code,
            path,
            name: name.to_owned(),
        });
    }

    /// `value` as an object, or a `bad-value` problem at `path`.
    pub(crate) fn object<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v Object> {
        let obj = value.as_object();
        if obj.is_none() {
            self.problem("bad-value", path.to_owned(), "");
        }
        obj
    }

    /// Reports every key of `obj` that is not in `known`.
    pub(crate) fn known_keys(&mut self, obj: &Object, path: &str, known: &[&str]) {
        for key in obj.keys() {
            if !known.contains(&key.as_str()) {
                self.problem("unknown-key", join(path, key), key);
            }
        }
    }

    fn get<'v>(
        &mut self,
        obj: &'v Object,
        path: &str,
        key: &str,
        required: bool,
    ) -> Option<&'v Value> {
        let value = obj.get(key);
        if value.is_none() && required {
            self.problem("missing-key", join(path, key), key);
        }
        value
    }

    fn typed<'v, T>(
        &mut self,
        obj: &'v Object,
        path: &str,
        key: &str,
        required: bool,
        cast: impl Fn(&'v Value) -> Option<T>,
    ) -> Option<T> {
        let value = self.get(obj, path, key, required)?;
        let typed = cast(value);
        if typed.is_none() {
            self.problem("bad-value", join(path, key), key);
        }
        typed
    }

    pub(crate) fn string(
        &mut self,
        obj: &Object,
        path: &str,
        key: &str,
        required: bool,
    ) -> Option<String> {
        self.typed(obj, path, key, required, |v| v.as_str().map(str::to_owned))
    }

    pub(crate) fn boolean(&mut self, obj: &Object, path: &str, key: &str) -> Option<bool> {
        self.typed(obj, path, key, false, Value::as_bool)
    }

    pub(crate) fn uint(&mut self, obj: &Object, path: &str, key: &str) -> Option<u32> {
        self.typed(obj, path, key, false, |v| {
            v.as_u64().and_then(|n| u32::try_from(n).ok())
        })
    }

    pub(crate) fn number(&mut self, obj: &Object, path: &str, key: &str) -> Option<f64> {
        self.typed(obj, path, key, false, Value::as_f64)
    }

    pub(crate) fn array<'v>(&mut self, obj: &'v Object, path: &str, key: &str) -> &'v [Value] {
        self.typed(obj, path, key, false, Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn child<'v>(
        &mut self,
        obj: &'v Object,
        path: &str,
        key: &str,
    ) -> Option<&'v Object> {
        self.typed(obj, path, key, true, Value::as_object)
    }
}
