//! Runs a resolved [`Program`]: a tree walk over statements and
//! expressions with JS semantics, script functions on a frame stack
//! (one slot vector for all frames; closures see their creating frame
//! while it lives), calls into built-ins and the [`Host`].
//!
//! Must never run unbounded: every expression node, loop iteration and
//! call spends the [`super::Budget`]; script calls nest at most
//! [`MAX_CALL_DEPTH`] and the walk itself [`MAX_EVAL_DEPTH`]; running out
//! is an abort that `try/catch` does not catch. Never keeps anything
//! between runs but reusable buffers.

use super::builtins::{self, js_add};
use super::methods::{self, Key};
use super::random::Rng;
use super::syntax::{to_int32, BinOp, Expr, Folded, Stmt, UnOp};
use super::value::{Closure, Ctx, Heap, StrRef, Value};
use super::{Budget, Clock, Error, Host, Program, MAX_ARRAY_LEN, MAX_CALL_DEPTH, MAX_EVAL_DEPTH};

/// A call's frame: where its slots start, its lexical parent, and a
/// generation to tell a live frame from a later one at the same index.
#[derive(Clone, Copy, Debug)]
struct Frame {
    base: usize,
    parent: usize,
    generation: u32,
}

/// Buffers kept from run to run.
#[derive(Debug, Default)]
pub(crate) struct Machine {
    slots: Vec<Value>,
    frames: Vec<Frame>,
    args: Vec<Value>,
    free: Vec<Option<Value>>,
    /// The value of the last `throw`.
    pub(crate) thrown: Value,
    generation: u32,
}

impl Default for Value {
    fn default() -> Value {
        Value::Undefined
    }
}

/// How a statement ended.
enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

/// Where an assignment writes.
enum Place {
    Slot(usize),
    Free(usize),
    Element(Value, Value),
}

/// One run.
struct Run<'r, H: Host> {
    m: &'r mut Machine,
    program: &'r Program,
    heap: &'r mut Heap,
    host: &'r mut H,
    budget: &'r mut Budget,
    clock: Clock,
    rng: Rng,
    frame: usize,
    depth: usize,
    calls: usize,
    completion: Value,
}

/// The [`Ctx`] of a run, from its fields (so that other fields stay free
/// to borrow).
macro_rules! cx {
    ($run:expr) => {
        Ctx {
            heap: &mut *$run.heap,
            strings: &$run.program.strings,
            budget: &mut *$run.budget,
            rng: &mut $run.rng,
            clock: $run.clock,
        }
    };
}

impl Machine {
    pub(crate) fn run<H: Host>(
        &mut self,
        program: &Program,
        heap: &mut Heap,
        host: &mut H,
        clock: Clock,
        budget: &mut Budget,
    ) -> Result<Value, Error> {
        self.slots.clear();
        self.frames.clear();
        self.args.clear();
        self.free.clear();
        self.free.resize(program.free.len(), None);
        self.thrown = Value::Undefined;
        self.generation = self.generation.wrapping_add(1);
        self.slots
            .resize(program.globals as usize, Value::Undefined);
        self.frames.push(Frame {
            base: 0,
            parent: 0,
            generation: self.generation,
        });
        // lottie-web seeds `seedRandom(randSeed + time)`, which adds its
        // seed again: `seedrandom(randSeed + (randSeed + time))`.
        let rng = Rng::from_number(clock.seed + (clock.seed + clock.time));
        let mut run = Run {
            m: self,
            program,
            heap,
            host,
            budget,
            clock,
            rng,
            frame: 0,
            depth: 0,
            calls: 0,
            completion: Value::Undefined,
        };
        run.hoist(&program.hoisted, 0);
        run.block(&program.body)?;
        Ok(match &program.result {
            Some(Expr::Global(slot)) => {
                run.m.slots.get(*slot as usize).copied().unwrap_or_default()
            }
            Some(Expr::Free(i)) => run
                .m
                .free
                .get(*i as usize)
                .copied()
                .flatten()
                .unwrap_or(run.completion),
            _ => run.completion,
        })
    }
}

impl<H: Host> Run<'_, H> {
    fn step(&mut self, n: u32) -> Result<(), Error> {
        self.budget.steps = self.budget.steps.checked_sub(n).ok_or(Error::OutOfBudget)?;
        Ok(())
    }

    fn hoist(&mut self, hoisted: &[(u32, u32)], frame: usize) {
        let Some(f) = self.m.frames.get(frame).copied() else {
            return;
        };
        for &(slot, function) in hoisted {
            let closure = Value::Function(Closure {
                function,
                frame: u32::try_from(frame).unwrap_or(u32::MAX),
                generation: f.generation,
            });
            if let Some(s) = self.m.slots.get_mut(f.base + slot as usize) {
                *s = closure;
            }
        }
    }

    /// A host object's primitive value; anything else as it is.
    fn primitive(&mut self, v: Value) -> Result<Value, Error> {
        let Value::Host(h) = v else { return Ok(v) };
        match self.host.value_of(&mut cx!(self), h)? {
            Value::Host(_) => Err(Error::Type),
            p => Ok(p),
        }
    }

    fn number(&mut self, v: Value) -> Result<f64, Error> {
        let p = self.primitive(v)?;
        Ok(cx!(self).to_number(p))
    }

    fn truthy(&mut self, v: Value) -> bool {
        v.truthy(&cx!(self))
    }

    fn block(&mut self, body: &[Stmt]) -> Result<Flow, Error> {
        for stmt in body {
            let flow = self.stmt(stmt)?;
            if !matches!(flow, Flow::Normal) {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_EVAL_DEPTH {
            return Err(Error::TooDeep);
        }
        self.step(1)
    }

    fn stmt(&mut self, stmt: &Stmt) -> Result<Flow, Error> {
        self.enter()?;
        let flow = self.stmt_inner(stmt);
        self.depth -= 1;
        flow
    }

    fn stmt_inner(&mut self, stmt: &Stmt) -> Result<Flow, Error> {
        match stmt {
            Stmt::Expr(e) => self.completion = self.expr(e)?,
            Stmt::Var(decls) => {
                for (target, init) in decls {
                    if let Some(init) = init {
                        let v = self.expr(init)?;
                        let place = self.place(target)?;
                        self.write(&place, v)?;
                    }
                }
            }
            Stmt::If(test, then, other) => {
                let t = self.expr(test)?;
                if self.truthy(t) {
                    return self.stmt(then);
                } else if let Some(other) = other {
                    return self.stmt(other);
                }
            }
            Stmt::For { .. } | Stmt::While(..) | Stmt::DoWhile(..) => return self.looping(stmt),
            Stmt::ForIn(target, object, body) => return self.for_in(target, object, body),
            Stmt::Return(value) => {
                let v = match value {
                    Some(e) => self.expr(e)?,
                    None => Value::Undefined,
                };
                return Ok(Flow::Return(v));
            }
            Stmt::Break => return Ok(Flow::Break),
            Stmt::Continue => return Ok(Flow::Continue),
            Stmt::Throw(e) => {
                self.m.thrown = self.expr(e)?;
                return Err(Error::Thrown);
            }
            Stmt::Switch(value, cases) => return self.switch(value, cases),
            Stmt::Try {
                block,
                catch,
                finally,
            } => return self.try_statement(block, catch.as_ref(), finally.as_deref()),
            Stmt::Block(body) => return self.block(body),
            Stmt::Function(_) | Stmt::Empty => {}
        }
        Ok(Flow::Normal)
    }

    /// `for`, `while` and `do…while`.
    fn looping(&mut self, stmt: &Stmt) -> Result<Flow, Error> {
        let (init, test, update, body, test_first) = match stmt {
            Stmt::For {
                init,
                test,
                update,
                body,
            } => (
                init.as_deref(),
                test.as_ref(),
                update.as_ref(),
                &**body,
                true,
            ),
            Stmt::While(test, body) => (None, Some(test), None, &**body, true),
            Stmt::DoWhile(body, test) => (None, Some(test), None, &**body, false),
            _ => return Ok(Flow::Normal),
        };
        if let Some(init) = init {
            self.stmt(init)?;
        }
        let mut first = true;
        loop {
            self.step(1)?;
            if let (Some(test), true) = (test, test_first || !first) {
                let t = self.expr(test)?;
                if !self.truthy(t) {
                    return Ok(Flow::Normal);
                }
            }
            first = false;
            match self.stmt(body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
            if let Some(update) = update {
                self.expr(update)?;
            }
        }
    }

    fn for_in(&mut self, target: &Expr, object: &Expr, body: &Stmt) -> Result<Flow, Error> {
        let o = self.expr(object)?;
        let keys: Vec<Value> = match o {
            Value::Array(_) | Value::Str(_) => {
                let cx = cx!(self);
                let n = cx.array(o).map_or_else(
                    || cx.str(o).map_or(0, |s| s.chars().count()),
                    <[Value]>::len,
                );
                (0..n).map(|i| Value::Number(i as f64)).collect()
            }
            Value::Object(i) => self
                .heap
                .objects
                .get(i as usize)
                .map(|entries| entries.iter().map(|(k, _)| Value::Str(*k)).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for key in keys {
            self.step(1)?;
            let key = cx!(self).to_string_value(key)?;
            let place = self.place(target)?;
            self.write(&place, key)?;
            match self.stmt(body)? {
                Flow::Break => break,
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        }
        Ok(Flow::Normal)
    }

    fn switch(&mut self, value: &Expr, cases: &[super::syntax::Case]) -> Result<Flow, Error> {
        let v = self.expr(value)?;
        let mut start = None;
        for (i, (test, _)) in cases.iter().enumerate() {
            if let Some(test) = test {
                let t = self.expr(test)?;
                if cx!(self).strict_equals(v, t) {
                    start = Some(i);
                    break;
                }
            }
        }
        let start = start.or_else(|| cases.iter().position(|(test, _)| test.is_none()));
        let Some(start) = start else {
            return Ok(Flow::Normal);
        };
        for (_, body) in cases.iter().skip(start) {
            match self.block(body)? {
                Flow::Normal => {}
                Flow::Break => return Ok(Flow::Normal),
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn try_statement(
        &mut self,
        block: &[Stmt],
        catch: Option<&(Expr, Vec<Stmt>)>,
        finally: Option<&[Stmt]>,
    ) -> Result<Flow, Error> {
        let (frame, calls, depth, args) = (self.frame, self.calls, self.depth, self.m.args.len());
        let mut result = self.block(block);
        if let (Err(e), Some((name, body))) = (result.as_ref(), catch) {
            if e.is_catchable() {
                let caught = match e {
                    Error::Thrown => self.m.thrown,
                    other => Value::Error(*other),
                };
                self.unwind(frame, calls, depth, args);
                let place = self.place(name)?;
                self.write(&place, caught)?;
                result = self.block(body);
            }
        }
        match (finally, &result) {
            (Some(finally), Ok(_)) => match self.block(finally)? {
                Flow::Normal => result,
                other => Ok(other),
            },
            (Some(finally), Err(e)) if e.is_catchable() => {
                let thrown = self.m.thrown;
                self.unwind(frame, calls, depth, args);
                match self.block(finally)? {
                    Flow::Normal => {
                        self.m.thrown = thrown;
                        result
                    }
                    other => Ok(other),
                }
            }
            _ => result,
        }
    }

    /// Drops the frames and arguments of calls an error left.
    fn unwind(&mut self, frame: usize, calls: usize, depth: usize, args: usize) {
        if let Some(f) = self.m.frames.get(frame + 1).copied() {
            self.m.slots.truncate(f.base);
        }
        self.m.frames.truncate(frame + 1);
        self.m.args.truncate(args);
        self.frame = frame;
        self.calls = calls;
        self.depth = depth;
    }

    fn expr(&mut self, e: &Expr) -> Result<Value, Error> {
        self.enter()?;
        let v = self.expr_inner(e);
        self.depth -= 1;
        v
    }

    fn expr_inner(&mut self, e: &Expr) -> Result<Value, Error> {
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
            Expr::Eval => return Err(Error::Eval),
        })
    }

    fn unary(&mut self, op: UnOp, a: &Expr) -> Result<Value, Error> {
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
            BinOp::In | BinOp::InstanceOf => return Ok(Value::Bool(false)),
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

    fn assign(&mut self, op: Option<BinOp>, target: &Expr, value: &Expr) -> Result<Value, Error> {
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
    fn free(&mut self, i: usize) -> Option<Value> {
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

    fn place(&mut self, target: &Expr) -> Result<Place, Error> {
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

    fn read(&mut self, place: &Place) -> Result<Value, Error> {
        match *place {
            Place::Slot(i) => Ok(self.m.slots.get(i).copied().unwrap_or_default()),
            Place::Free(i) => self.free(i).ok_or(Error::Reference),
            Place::Element(o, k) => self.get(o, k),
        }
    }

    fn write(&mut self, place: &Place, v: Value) -> Result<(), Error> {
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
    fn get(&mut self, object: Value, key: Value) -> Result<Value, Error> {
        match object {
            Value::Host(h) => self.host.member(&mut cx!(self), h, key),
            _ => methods::property(&mut cx!(self), object, key),
        }
    }

    /// `object[key] = value`.
    fn set(&mut self, object: Value, key: Value, value: Value) -> Result<(), Error> {
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

    fn call(&mut self, callee: &Expr, args: &[Expr]) -> Result<Value, Error> {
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

    fn call_method(&mut self, object: Value, key: Value, start: usize) -> Result<Value, Error> {
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
    fn call_value(&mut self, callee: Value, start: usize) -> Result<Value, Error> {
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
                builtins::call(&mut cx!(self), b, args)
            }
            Value::Host(h) => {
                let args = self.m.args.get(start..).unwrap_or_default();
                self.host.call(&mut cx!(self), h, args)
            }
            _ => Err(Error::NotAFunction),
        }
    }

    fn call_function(&mut self, closure: Closure, start: usize) -> Result<Value, Error> {
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
