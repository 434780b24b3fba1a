//! Expressions: literals, variables (slots, free names asked of the
//! host once per run), operators with JS's coercions, assignments, member
//! reads and writes on arrays, objects and host objects.
//!
//! Must never grow an array past its cap nor recurse without counting
//! (each node enters the run's depth count).

use super::super::builtins::js_add;
use super::super::lexer::is_name;
use super::super::methods::{self, Key};
use super::super::names::Builtin;
use super::super::number::{js_rem, rem_steps, to_int32};
use super::super::syntax::{BinOp, Expr, Folded, UnOp};
use super::super::value::{Closure, Ctx, StrRef, Value};
use super::super::{Error, Host, MAX_ARRAY_LEN};
use super::{Frame, Place, Run};

impl<H: Host> Run<'_, H> {
    pub(super) fn expr(&mut self, e: &Expr) -> Result<Value, Error> {
        self.enter()?;
        let v = self.expr_inner(e);
        self.depth -= 1;
        v
    }

    pub(super) fn expr_inner(&mut self, e: &Expr) -> Result<Value, Error> {
        Ok(match e {
            Expr::Num(n) => Value::Number(*n),
            Expr::Str(s) => Value::Str(StrRef {
                heap: false,
                index: *s,
            }),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Null => Value::Null,
            Expr::Undefined => Value::Undefined,
            Expr::Local(_) | Expr::Global(_) | Expr::Outer { .. } | Expr::Free(_) => {
                let place = self.place(e)?;
                self.read(&place)?
            }
            Expr::Builtin(b) => Value::Builtin(*b),
            Expr::Name(_) => return Err(Error::Reference),
            Expr::Array(items) => {
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(self.expr(item)?);
                }
                cx!(self).new_array(values)?
            }
            Expr::Object(entries) => {
                let mut values = Vec::with_capacity(entries.len());
                for (key, value) in entries {
                    values.push((
                        StrRef {
                            heap: false,
                            index: *key,
                        },
                        self.expr(value)?,
                    ));
                }
                cx!(self).new_object(values)?
            }
            Expr::Function(id) => Value::Function(Closure {
                function: *id,
                frame: u32::try_from(self.frame).unwrap_or(u32::MAX),
                generation: self.m.frames.get(self.frame).map_or(0, |f| f.generation),
            }),
            Expr::Unary(op, a) => self.unary(*op, a)?,
            Expr::Binary(op, a, b) => {
                let (x, y) = (self.expr(a)?, self.expr(b)?);
                self.binary(*op, x, y)?
            }
            Expr::Logical(and, a, b) => {
                let x = self.expr(a)?;
                if self.truthy(x) == *and {
                    self.expr(b)?
                } else {
                    x
                }
            }
            Expr::Cond(test, a, b) => {
                let t = self.expr(test)?;
                let branch = if self.truthy(t) { a } else { b };
                self.expr(branch)?
            }
            Expr::Assign(op, target, value) => self.assign(*op, target, value)?,
            Expr::Update {
                increment,
                prefix,
                target,
            } => {
                let place = self.place(target)?;
                let old = self.read(&place)?;
                let old = self.number(old)?;
                let new = if *increment { old + 1.0 } else { old - 1.0 };
                self.write(&place, Value::Number(new))?;
                Value::Number(if *prefix { new } else { old })
            }
            Expr::Index(object, key) => {
                let o = self.expr(object)?;
                let k = self.expr(key)?;
                self.get(o, k)?
            }
            Expr::Member(object, name) => {
                let o = self.expr(object)?;
                self.get(
                    o,
                    Value::Str(StrRef {
                        heap: false,
                        index: *name,
                    }),
                )?
            }
            Expr::Call(callee, args) => self.call(callee, args)?,
            Expr::Comma(items) => {
                let mut last = Value::Undefined;
                for item in items {
                    last = self.expr(item)?;
                }
                last
            }
            Expr::Eval(arg) => {
                let source = self.expr(arg)?;
                self.eval_names(source)?
            }
        })
    }

    /// `eval` of `source` as far as it is a lookup: a value that is not a
    /// string is itself (as in JS); a string that is a name path
    /// (`thisLayer.parent.parent`, what rigs build to climb parents) is
    /// the host's global and its members. Any other text would be code,
    /// and is refused ([`Error::Eval`]): no string ever runs.
    fn eval_names(&mut self, source: Value) -> Result<Value, Error> {
        let Some(text) = cx!(self).str(source).map(str::to_owned) else {
            return Ok(source);
        };
        let mut parts = binding_engine::split_ascii(&text, b'.');
        let first = parts.next().unwrap_or_default();
        if !is_name(first) {
            return Err(Error::Eval);
        }
        let mut value = self.host.global(&mut cx!(self), first).ok_or(Error::Eval)?;
        for part in parts {
            if !is_name(part) {
                return Err(Error::Eval);
            }
            self.step(1)?;
            let key = cx!(self).new_string(part.to_owned())?;
            value = self.get(value, key)?;
        }
        Ok(value)
    }

    pub(super) fn unary(&mut self, op: UnOp, a: &Expr) -> Result<Value, Error> {
        if op == UnOp::Typeof {
            let v = match a {
                Expr::Free(i) => self.free(*i as usize).unwrap_or(Value::Undefined),
                _ => self.expr(a)?,
            };
            return cx!(self).new_string(v.type_of().to_owned());
        }
        let v = self.expr(a)?;
        Ok(match op {
            UnOp::Neg => Value::Number(-self.number(v)?),
            UnOp::Plus => Value::Number(self.number(v)?),
            UnOp::Not => Value::Bool(!self.truthy(v)),
            UnOp::BitNot => Value::Number(f64::from(!to_int32(self.number(v)?))),
            UnOp::Void | UnOp::Typeof => Value::Undefined,
        })
    }

    pub(crate) fn binary(&mut self, op: BinOp, x: Value, y: Value) -> Result<Value, Error> {
        if op == BinOp::Rem {
            // Charged by the width of its loop (`js_rem`).
            let (a, b) = (self.number(x)?, self.number(y)?);
            self.step(rem_steps(a, b))?;
            return Ok(Value::Number(js_rem(a, b)));
        }
        if let (Value::Number(a), Value::Number(b)) = (x, y) {
            match op.on_numbers(a, b) {
                Folded::Num(n) => return Ok(Value::Number(n)),
                Folded::Bool(b) => return Ok(Value::Bool(b)),
                Folded::No => {}
            }
        }
        match op {
            BinOp::StrictEq => return Ok(Value::Bool(cx!(self).strict_equals(x, y))),
            BinOp::StrictNe => return Ok(Value::Bool(!cx!(self).strict_equals(x, y))),
            // `Array` (the resolver's `IsArray` after `instanceof`) is
            // the one constructor a script can name. As in After Effects,
            // a property's `value` of several dimensions is an array
            // (lottie-web, running the raw text, answers false for a
            // keyframed one: its value is a Float32Array); a host object
            // (`thisProperty`, `transform.position`) is not converted
            // first, as JS would not.
            BinOp::InstanceOf => {
                let array = matches!((x, y), (Value::Array(_), Value::Builtin(Builtin::IsArray)));
                return Ok(Value::Bool(array));
            }
            BinOp::In => return Ok(Value::Bool(false)),
            // `layer != null`: no conversion (a host object that is no
            // property has no primitive value).
            BinOp::Eq | BinOp::Ne
                if [x, y]
                    .iter()
                    .any(|v| matches!(v, Value::Undefined | Value::Null)) =>
            {
                let equal = cx!(self).loose_equals(x, y);
                return Ok(Value::Bool(equal == (op == BinOp::Eq)));
            }
            _ => {}
        }
        let (x, y) = (self.primitive(x)?, self.primitive(y)?);
        let mut cx = cx!(self);
        Ok(match op {
            BinOp::Add => js_add(&mut cx, x, y)?,
            BinOp::Eq => Value::Bool(cx.loose_equals(x, y)),
            BinOp::Ne => Value::Bool(!cx.loose_equals(x, y)),
            BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge => {
                if let (Some(a), Some(b)) = (cx.str(x), cx.str(y)) {
                    Value::Bool(match op {
                        BinOp::Lt => a < b,
                        BinOp::Gt => a > b,
                        BinOp::Le => a <= b,
                        _ => a >= b,
                    })
                } else {
                    numbers(op, cx.to_number(x), cx.to_number(y))
                }
            }
            _ => numbers(op, cx.to_number(x), cx.to_number(y)),
        })
    }

    pub(super) fn assign(
        &mut self,
        op: Option<BinOp>,
        target: &Expr,
        value: &Expr,
    ) -> Result<Value, Error> {
        let place = self.place(target)?;
        let v = match op {
            None => self.expr(value)?,
            Some(op) => {
                let old = self.read(&place)?;
                let v = self.expr(value)?;
                self.binary(op, old, v)?
            }
        };
        self.write(&place, v)?;
        Ok(v)
    }

    /// The host's value of free name `i`, asked once per run.
    pub(super) fn free(&mut self, i: usize) -> Option<Value> {
        if let Some(Some(v)) = self.m.free.get(i) {
            return Some(*v);
        }
        let name = self
            .program
            .free
            .get(i)
            .and_then(|&s| self.program.strings.get(s as usize))?;
        let v = self.host.global(&mut cx!(self), name)?;
        if let Some(slot) = self.m.free.get_mut(i) {
            *slot = Some(v);
        }
        Some(v)
    }

    pub(super) fn place(&mut self, target: &Expr) -> Result<Place, Error> {
        let slot =
            |frame: Option<&Frame>, slot: u32| frame.map_or(usize::MAX, |f| f.base + slot as usize);
        Ok(match target {
            Expr::Local(s) => Place::Slot(slot(self.m.frames.get(self.frame), *s)),
            Expr::Global(s) => Place::Slot(*s as usize),
            Expr::Outer { depth, slot: s } => {
                let mut f = self.frame;
                for _ in 0..*depth {
                    f = self.m.frames.get(f).map_or(0, |frame| frame.parent);
                }
                Place::Slot(slot(self.m.frames.get(f), *s))
            }
            Expr::Free(i) => Place::Free(*i as usize),
            Expr::Index(object, key) => {
                let o = self.expr(object)?;
                Place::Element(o, self.expr(key)?)
            }
            Expr::Member(object, name) => {
                let o = self.expr(object)?;
                Place::Element(
                    o,
                    Value::Str(StrRef {
                        heap: false,
                        index: *name,
                    }),
                )
            }
            _ => return Err(Error::Type),
        })
    }

    pub(super) fn read(&mut self, place: &Place) -> Result<Value, Error> {
        match *place {
            Place::Slot(i) => Ok(self.m.slots.get(i).copied().unwrap_or_default()),
            Place::Free(i) => self.free(i).ok_or(Error::Reference),
            Place::Element(o, k) => self.get(o, k),
        }
    }

    pub(super) fn write(&mut self, place: &Place, v: Value) -> Result<(), Error> {
        match *place {
            Place::Slot(i) => {
                if let Some(slot) = self.m.slots.get_mut(i) {
                    *slot = v;
                }
            }
            Place::Free(i) => {
                if let Some(slot) = self.m.free.get_mut(i) {
                    *slot = Some(v);
                }
            }
            Place::Element(o, k) => self.set(o, k, v)?,
        }
        Ok(())
    }

    /// `object[key]`.
    pub(super) fn get(&mut self, object: Value, key: Value) -> Result<Value, Error> {
        match object {
            Value::Host(h) => self.host.member(&mut cx!(self), h, key),
            _ => methods::property(&mut cx!(self), object, key),
        }
    }

    /// `object[key] = value`.
    pub(super) fn set(&mut self, object: Value, key: Value, value: Value) -> Result<(), Error> {
        let mut cx = cx!(self);
        let mut text = String::new();
        let index = match methods::key(&cx, key, &mut text) {
            Key::Index(i) => Some(i),
            Key::Name("length") => None,
            Key::Name(_) | Key::None => {
                return match object {
                    Value::Undefined | Value::Null => Err(Error::NoProperties),
                    Value::Object(o) => set_property(&mut cx, o, key, value),
                    Value::Host(_) => Err(Error::Type),
                    _ => Ok(()),
                };
            }
        };
        match object {
            Value::Array(_) => {
                let len = cx.array(object).map_or(0, <[Value]>::len);
                let new_len = match index {
                    Some(i) => i.saturating_add(1).max(len),
                    None => {
                        let n = cx.to_number(value);
                        if n < 0.0 || n.fract() != 0.0 {
                            return Err(Error::Range);
                        }
                        (n.min(4e9)) as usize
                    }
                };
                if new_len > MAX_ARRAY_LEN {
                    return Err(Error::TooLarge);
                }
                cx.heap.reserve(new_len.saturating_sub(len))?;
                cx.charge(new_len.saturating_sub(len) / 8)?;
                if let Some(items) = cx.array_mut(object) {
                    items.resize(new_len, Value::Undefined);
                    if let Some(slot) = index.and_then(|i| items.get_mut(i)) {
                        *slot = value;
                    }
                }
                Ok(())
            }
            Value::Object(o) => set_property(&mut cx, o, key, value),
            Value::Undefined | Value::Null => Err(Error::NoProperties),
            Value::Host(_) => Err(Error::Type),
            _ => Ok(()),
        }
    }
}

fn numbers(op: BinOp, a: f64, b: f64) -> Value {
    match op.on_numbers(a, b) {
        Folded::Num(n) => Value::Number(n),
        Folded::Bool(b) => Value::Bool(b),
        Folded::No => Value::Bool(false),
    }
}

fn set_property(cx: &mut Ctx<'_>, object: u32, key: Value, value: Value) -> Result<(), Error> {
    let key = cx.to_string_value(key)?;
    let Value::Str(key_ref) = key else {
        return Ok(());
    };
    let name = cx.str(key).unwrap_or_default().to_owned();
    let existing = cx.heap.objects.get(object as usize).and_then(|entries| {
        entries
            .iter()
            .position(|(k, _)| cx.text(*k) == Some(name.as_str()))
    });
    cx.heap.reserve(2)?;
    if let Some(entries) = cx.heap.objects.get_mut(object as usize) {
        match existing.and_then(|i| entries.get_mut(i)) {
            Some(entry) => entry.1 = value,
            None => entries.push((key_ref, value)),
        }
    }
    Ok(())
}
