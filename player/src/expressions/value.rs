//! The values a script computes with, and the heap that holds its arrays,
//! objects and built strings for one run: [`Value`] is `Copy` (numbers,
//! booleans, and handles into the heap, the program's strings or the
//! host's objects), so evaluation moves no reference counts and a run's
//! garbage goes all at once when the next run clears the heap. Owns the
//! JS conversions (to number, to string, truthiness, `typeof`, `==` and
//! `===`).
//!
//! Must never grow without bound: the heap counts its cells and refuses
//! ([`Error::TooLarge`]) past [`MAX_HEAP_CELLS`], an array past
//! [`MAX_ARRAY_LEN`], a string past [`MAX_STRING_LEN`].

use super::names::Builtin;
use super::number::{number_to_string, string_to_number};
use super::random::Rng;
use super::Clock;
use super::{Budget, Error, MAX_ARRAY_LEN, MAX_HEAP_CELLS, MAX_STRING_LEN};

/// An object of the host (a layer, a property, a host function…): an
/// opaque handle whose meaning only the host knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HostObject {
    /// What kind of object, as the host numbers them.
    pub kind: u32,
    /// Which one, as the host numbers them.
    pub id: u32,
}

/// A string: one of the program's (literals and names) or one built
/// during the run (in the heap).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrRef {
    pub(crate) heap: bool,
    pub(crate) index: u32,
}

/// A script function with the frame it was created in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Closure {
    pub(crate) function: u32,
    pub(crate) frame: u32,
    pub(crate) generation: u32,
}

/// A value of the language.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Value {
    /// `undefined`
    #[default]
    Undefined,
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string (read it with [`Ctx::str`]).
    Str(StrRef),
    /// An array in the heap (read it with [`Ctx::array`]).
    Array(u32),
    /// An object literal in the heap.
    Object(u32),
    /// A script function.
    Function(Closure),
    /// A built-in function or namespace (`Math`).
    Builtin(Builtin),
    /// An error the engine raised, as a caught value (`catch (e)`).
    Error(Error),
    /// An object of the host.
    Host(HostObject),
}

/// The heap of one run: arrays, objects and strings built by the script
/// or the host. Cleared at the start of each run.
#[derive(Debug, Default)]
pub struct Heap {
    pub(crate) arrays: Vec<Vec<Value>>,
    pub(crate) objects: Vec<Vec<(StrRef, Value)>>,
    pub(crate) strings: Vec<String>,
    cells: usize,
}

impl Heap {
    pub(crate) fn clear(&mut self) {
        self.arrays.clear();
        self.objects.clear();
        self.strings.clear();
        self.cells = 0;
    }

    /// Counts `n` more cells, or refuses.
    pub(crate) fn reserve(&mut self, n: usize) -> Result<(), Error> {
        self.cells = self.cells.saturating_add(n.saturating_add(1));
        if self.cells > MAX_HEAP_CELLS {
            return Err(Error::TooLarge);
        }
        Ok(())
    }
}

/// What the host and the built-ins see of a run: the heap, the program's
/// strings, the step budget, the random generator and the clock.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub(crate) heap: &'a mut Heap,
    pub(crate) strings: &'a [Box<str>],
    pub(crate) budget: &'a mut Budget,
    pub(crate) rng: &'a mut Option<Rng>,
    pub(crate) clock: Clock,
}

impl Ctx<'_> {
    /// The run's generator, seeded at its first use as lottie-web seeds a
    /// script's: `seedRandom(randSeed + time)`, which adds its seed again
    /// (`seedrandom(randSeed + (randSeed + time))`).
    pub(crate) fn rng(&mut self) -> &mut Rng {
        let clock = self.clock;
        self.rng
            .get_or_insert_with(|| Rng::from_number(clock.seed + (clock.seed + clock.time)))
    }

    /// The text of a string value.
    pub fn str(&self, v: Value) -> Option<&str> {
        let Value::Str(s) = v else { return None };
        self.text(s)
    }

    pub(crate) fn text(&self, s: StrRef) -> Option<&str> {
        let i = usize::try_from(s.index).ok()?;
        if s.heap {
            self.heap.strings.get(i).map(String::as_str)
        } else {
            self.strings.get(i).map(AsRef::as_ref)
        }
    }

    /// The elements of an array value.
    pub fn array(&self, v: Value) -> Option<&[Value]> {
        let Value::Array(i) = v else { return None };
        self.heap
            .arrays
            .get(usize::try_from(i).ok()?)
            .map(Vec::as_slice)
    }

    pub(crate) fn array_mut(&mut self, v: Value) -> Option<&mut Vec<Value>> {
        let Value::Array(i) = v else { return None };
        self.heap.arrays.get_mut(usize::try_from(i).ok()?)
    }

    /// Spends `steps` of the budget (for work proportional to a size).
    pub fn charge(&mut self, steps: usize) -> Result<(), Error> {
        let steps = u32::try_from(steps).unwrap_or(u32::MAX);
        self.budget.steps = self
            .budget
            .steps
            .checked_sub(steps)
            .ok_or(Error::OutOfBudget)?;
        Ok(())
    }

    /// A new array of `items`.
    pub fn new_array(&mut self, items: Vec<Value>) -> Result<Value, Error> {
        if items.len() > MAX_ARRAY_LEN {
            return Err(Error::TooLarge);
        }
        self.charge(items.len() / 8)?;
        self.heap.reserve(items.len())?;
        let index = u32::try_from(self.heap.arrays.len()).map_err(|_| Error::TooLarge)?;
        self.heap.arrays.push(items);
        Ok(Value::Array(index))
    }

    /// A new array of numbers.
    pub fn new_numbers(&mut self, numbers: &[f64]) -> Result<Value, Error> {
        self.numbers_with(numbers.len(), &mut |_, i| {
            numbers.get(i).copied().unwrap_or(0.0)
        })
    }

    /// A new array of `len` numbers, the `i`th `f(cx, i)` (one loop for
    /// every element-wise built-in: no copy of it per closure in the wasm).
    pub(crate) fn numbers_with(
        &mut self,
        len: usize,
        f: &mut dyn FnMut(&Ctx<'_>, usize) -> f64,
    ) -> Result<Value, Error> {
        if len > MAX_ARRAY_LEN {
            return Err(Error::TooLarge);
        }
        let mut items = Vec::with_capacity(len);
        for i in 0..len {
            items.push(Value::Number(f(self, i)));
        }
        self.new_array(items)
    }

    /// A new string.
    pub fn new_string(&mut self, text: String) -> Result<Value, Error> {
        if text.len() > MAX_STRING_LEN {
            return Err(Error::TooLarge);
        }
        self.charge(text.len() / 16)?;
        self.heap.reserve(text.len() / 16)?;
        let index = u32::try_from(self.heap.strings.len()).map_err(|_| Error::TooLarge)?;
        self.heap.strings.push(text);
        Ok(Value::Str(StrRef { heap: true, index }))
    }

    /// A new object of `entries`.
    pub(crate) fn new_object(&mut self, entries: Vec<(StrRef, Value)>) -> Result<Value, Error> {
        self.heap.reserve(entries.len() * 2)?;
        let index = u32::try_from(self.heap.objects.len()).map_err(|_| Error::TooLarge)?;
        self.heap.objects.push(entries);
        Ok(Value::Object(index))
    }

    /// An object's property, by name.
    pub(crate) fn object_get(&self, object: u32, key: &str) -> Option<Value> {
        let entries = self.heap.objects.get(usize::try_from(object).ok()?)?;
        entries
            .iter()
            .rev()
            .find(|(k, _)| self.text(*k) == Some(key))
            .map(|(_, v)| *v)
    }

    /// JS `ToNumber` of a primitive (host objects are converted before).
    pub fn to_number(&self, v: Value) -> f64 {
        match v {
            Value::Undefined => f64::NAN,
            Value::Null => 0.0,
            Value::Bool(b) => f64::from(u8::from(b)),
            Value::Number(n) => n,
            Value::Str(_) => string_to_number(self.str(v).unwrap_or_default()),
            Value::Array(_) => match self.array(v) {
                Some([]) => 0.0,
                Some([one]) if !matches!(one, Value::Array(_)) => self.to_number(*one),
                _ => f64::NAN,
            },
            _ => f64::NAN,
        }
    }

    /// JS `ToString`, as a new heap string unless it already is one.
    pub fn to_string_value(&mut self, v: Value) -> Result<Value, Error> {
        if let Value::Str(_) = v {
            return Ok(v);
        }
        let mut text = String::new();
        self.write(v, &mut text, 0)?;
        self.new_string(text)
    }

    /// Appends JS `ToString(v)` to `out`.
    pub(crate) fn write(&self, v: Value, out: &mut String, depth: usize) -> Result<(), Error> {
        if out.len() > MAX_STRING_LEN {
            return Err(Error::TooLarge);
        }
        match v {
            Value::Undefined => out.push_str("undefined"),
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&number_to_string(n)),
            Value::Str(s) => out.push_str(self.text(s).unwrap_or_default()),
            Value::Array(_) => {
                // Arrays inside themselves (cycles) print empty, as in JS.
                if depth > 8 {
                    return Ok(());
                }
                for (i, item) in self.array(v).unwrap_or_default().iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if !matches!(item, Value::Undefined | Value::Null) {
                        self.write(*item, out, depth + 1)?;
                    }
                }
            }
            Value::Object(_) | Value::Host(_) => out.push_str("[object Object]"),
            Value::Function(_) | Value::Builtin(_) => out.push_str("function"),
            Value::Error(e) => out.push_str(e.name()),
        }
        Ok(())
    }

    /// JS `===`.
    pub fn strict_equals(&self, a: Value, b: Value) -> bool {
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => x == y,
            (Value::Str(_), Value::Str(_)) => self.str(a) == self.str(b),
            _ => a == b,
        }
    }

    /// JS `==` between primitives and arrays (host objects are converted
    /// before).
    pub fn loose_equals(&self, a: Value, b: Value) -> bool {
        use Value::{Array, Bool, Null, Number, Str, Undefined};
        match (a, b) {
            (Undefined | Null, Undefined | Null) => true,
            (Undefined | Null, _) | (_, Undefined | Null) => false,
            (Number(_), Str(_)) | (Str(_), Number(_)) | (Bool(_), _) | (_, Bool(_)) => {
                self.to_number(a) == self.to_number(b)
            }
            (Array(_), Number(_) | Str(_)) | (Number(_) | Str(_), Array(_)) => {
                let (array, other) = if matches!(a, Array(_)) {
                    (a, b)
                } else {
                    (b, a)
                };
                let mut text = String::new();
                if self.write(array, &mut text, 0).is_err() {
                    return false;
                }
                match other {
                    Str(_) => self.str(other) == Some(text.as_str()),
                    _ => string_to_number(&text) == self.to_number(other),
                }
            }
            _ => self.strict_equals(a, b),
        }
    }
}

impl Value {
    /// JS truthiness.
    pub fn truthy(self, cx: &Ctx<'_>) -> bool {
        match self {
            Value::Undefined | Value::Null => false,
            Value::Bool(b) => b,
            Value::Number(n) => n != 0.0 && !n.is_nan(),
            Value::Str(_) => !cx.str(self).unwrap_or_default().is_empty(),
            _ => true,
        }
    }

    /// JS `typeof`.
    pub fn type_of(self) -> &'static str {
        match self {
            Value::Undefined => "undefined",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::Str(_) => "string",
            Value::Function(_) | Value::Builtin(_) => "function",
            Value::Null | Value::Array(_) | Value::Object(_) | Value::Error(_) | Value::Host(_) => {
                "object"
            }
        }
    }

    /// The number, if it is one.
    pub fn as_number(self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_print_and_compare_as_in_js() {
        let mut heap = Heap::default();
        let mut budget = Budget { steps: 1000 };
        let mut rng = None;
        let clock = Clock {
            time: 0.0,
            frame_rate: 30.0,
            seed: 0.0,
        };
        let strings: Vec<Box<str>> = vec!["1,2".into()];
        let mut cx = Ctx {
            heap: &mut heap,
            strings: &strings,
            budget: &mut budget,
            rng: &mut rng,
            clock,
        };
        let inner = cx.new_numbers(&[1.0, 2.0]).ok();
        let array = cx
            .new_array(vec![
                inner.unwrap_or(Value::Null),
                Value::Null,
                Value::Number(3.5),
            ])
            .ok();
        let mut text = String::new();
        assert!(cx.write(array.unwrap_or(Value::Null), &mut text, 0).is_ok());
        assert_eq!(text, "1,2,,3.5");
        let one_two = Value::Str(StrRef {
            heap: false,
            index: 0,
        });
        assert!(cx.loose_equals(inner.unwrap_or(Value::Null), one_two));
        assert!(!cx.strict_equals(inner.unwrap_or(Value::Null), one_two));
        assert!(cx.to_number(one_two).is_nan());
    }
}
