//! Calls: script functions (a new frame on the slot stack, parameters,
//! hoisted declarations, the call depth), built-ins (with host objects
//! converted to their values first), host functions, and methods of the
//! language's own values.
//!
//! Must never call a function whose creating frame has returned
//! ([`Error::Escaped`]) nor nest past [`MAX_CALL_DEPTH`].

use super::super::builtins;
use super::super::methods;
use super::super::syntax::Expr;
use super::super::value::{Closure, StrRef, Value};
use super::super::{Error, Host, MAX_CALL_DEPTH};
use super::{Flow, Frame, Run};

impl<H: Host> Run<'_, H> {
    pub(super) fn call(&mut self, callee: &Expr, args: &[Expr]) -> Result<Value, Error> {
        self.step(3)?;
        // A method call: the receiver's own methods first.
        let (function, receiver) = match callee {
            Expr::Member(object, name) => {
                let o = self.expr(object)?;
                let key = Value::Str(StrRef {
                    heap: false,
                    index: *name,
                });
                (None, Some((o, key)))
            }
            Expr::Index(object, key) => {
                let o = self.expr(object)?;
                (None, Some((o, self.expr(key)?)))
            }
            _ => (Some(self.expr(callee)?), None),
        };
        let start = self.m.args.len();
        for a in args {
            let v = self.expr(a)?;
            self.m.args.push(v);
        }
        let result = match (function, receiver) {
            (Some(f), _) => self.call_value(f, start),
            (None, Some((o, key))) => self.call_method(o, key, start),
            (None, None) => Err(Error::NotAFunction),
        };
        self.m.args.truncate(start);
        result
    }

    pub(super) fn call_method(
        &mut self,
        object: Value,
        key: Value,
        start: usize,
    ) -> Result<Value, Error> {
        if matches!(object, Value::Array(_) | Value::Str(_) | Value::Number(_)) {
            let mut cx = cx!(self);
            let name = cx.str(key).map(str::to_owned);
            if let Some(name) = name {
                let args = self.m.args.get(start..).unwrap_or_default();
                if let Some(result) = methods::call(&mut cx, object, &name, args) {
                    return result;
                }
            }
        }
        let f = self.get(object, key)?;
        self.call_value(f, start)
    }

    /// Calls `callee` with the arguments from `start` on the argument stack.
    pub(super) fn call_value(&mut self, callee: Value, start: usize) -> Result<Value, Error> {
        match callee {
            Value::Function(closure) => self.call_function(closure, start),
            Value::Builtin(b) => {
                for i in start..self.m.args.len() {
                    let v = self.m.args.get(i).copied().unwrap_or_default();
                    let p = self.primitive(v)?;
                    if let Some(slot) = self.m.args.get_mut(i) {
                        *slot = p;
                    }
                }
                let args = self.m.args.get(start..).unwrap_or_default();
                let host = &mut *self.host;
                builtins::call(&mut cx!(self), b, args, &mut |f, x, y| host.math(f, x, y))
            }
            Value::Host(h) => {
                let args = self.m.args.get(start..).unwrap_or_default();
                self.host.call(&mut cx!(self), h, args)
            }
            _ => Err(Error::NotAFunction),
        }
    }

    pub(super) fn call_function(&mut self, closure: Closure, start: usize) -> Result<Value, Error> {
        let parent = closure.frame as usize;
        if self
            .m
            .frames
            .get(parent)
            .is_none_or(|f| f.generation != closure.generation)
        {
            return Err(Error::Escaped);
        }
        let Some(function) = self.program.functions.get(closure.function as usize) else {
            return Err(Error::NotAFunction);
        };
        if self.calls >= MAX_CALL_DEPTH {
            return Err(Error::TooDeep);
        }
        self.step(function.slots / 8 + 1)?;
        let base = self.m.slots.len();
        self.m
            .slots
            .resize(base + function.slots as usize, Value::Undefined);
        let given = self.m.args.len().saturating_sub(start);
        for i in 0..function.params.len().min(given) {
            let v = self.m.args.get(start + i).copied().unwrap_or_default();
            if let Some(slot) = self.m.slots.get_mut(base + i) {
                *slot = v;
            }
        }
        self.m.generation = self.m.generation.wrapping_add(1);
        self.m.frames.push(Frame {
            base,
            parent,
            generation: self.m.generation,
        });
        let frame = self.m.frames.len() - 1;
        self.hoist(&function.hoisted, frame);
        if let Some(slot) = function
            .self_slot
            .and_then(|s| self.m.slots.get_mut(base + s as usize))
        {
            *slot = Value::Function(closure);
        }
        let (caller, calls) = (self.frame, self.calls);
        self.frame = frame;
        self.calls += 1;
        let flow = self.block(&function.body);
        self.frame = caller;
        self.calls = calls;
        self.m.frames.truncate(frame);
        self.m.slots.truncate(base);
        Ok(match flow? {
            Flow::Return(v) => v,
            _ => Value::Undefined,
        })
    }
}
