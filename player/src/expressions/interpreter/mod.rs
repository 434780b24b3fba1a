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

use super::random::Rng;
use super::syntax::Expr;
use super::value::{Closure, Heap, Value};
use super::{Budget, Clock, Error, Host, Program, MAX_EVAL_DEPTH};

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
    /// Seeded when first drawn from ([`Ctx::rng`]): most scripts never do,
    /// and seeding is most of a short run's time.
    rng: Option<Rng>,
    frame: usize,
    depth: usize,
    calls: usize,
    completion: Value,
}

/// The [`Ctx`](super::Ctx) of a run, from its fields (so that other fields stay free
/// to borrow).
macro_rules! cx {
    ($run:expr) => {
        $crate::expressions::Ctx {
            heap: &mut *$run.heap,
            strings: &$run.program.strings,
            budget: &mut *$run.budget,
            rng: &mut $run.rng,
            clock: $run.clock,
        }
    };
}

mod calls;
mod expressions;
mod statements;

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
        let rng = None;
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
    pub(super) fn step(&mut self, n: u32) -> Result<(), Error> {
        self.budget.steps = self.budget.steps.checked_sub(n).ok_or(Error::OutOfBudget)?;
        Ok(())
    }

    pub(super) fn hoist(&mut self, hoisted: &[(u32, u32)], frame: usize) {
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
    pub(super) fn primitive(&mut self, v: Value) -> Result<Value, Error> {
        let Value::Host(h) = v else { return Ok(v) };
        match self.host.value_of(&mut cx!(self), h)? {
            Value::Host(_) => Err(Error::Type),
            p => Ok(p),
        }
    }

    pub(super) fn number(&mut self, v: Value) -> Result<f64, Error> {
        let p = self.primitive(v)?;
        Ok(cx!(self).to_number(p))
    }

    pub(super) fn truthy(&mut self, v: Value) -> bool {
        v.truthy(&cx!(self))
    }

    pub(super) fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_EVAL_DEPTH {
            return Err(Error::TooDeep);
        }
        self.step(1)
    }
}
