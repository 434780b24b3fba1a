//! Statements: blocks, `var`, `if`, the loops, `for…in`, `switch`,
//! `try/catch/finally` (which catches only the script's own errors),
//! `return`, `break`, `continue`, `throw`.
//!
//! Must never loop without spending the budget: each iteration costs a
//! step, besides its statements.

use super::super::syntax::{Case, Expr, Stmt};
use super::super::value::Value;
use super::super::{Error, Host};
use super::{Flow, Run};

impl<H: Host> Run<'_, H> {
    pub(super) fn block(&mut self, body: &[Stmt]) -> Result<Flow, Error> {
        for stmt in body {
            let flow = self.stmt(stmt)?;
            if !matches!(flow, Flow::Normal) {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    pub(super) fn stmt(&mut self, stmt: &Stmt) -> Result<Flow, Error> {
        self.enter()?;
        let flow = self.stmt_inner(stmt);
        self.depth -= 1;
        flow
    }

    pub(super) fn stmt_inner(&mut self, stmt: &Stmt) -> Result<Flow, Error> {
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
    pub(super) fn looping(&mut self, stmt: &Stmt) -> Result<Flow, Error> {
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

    pub(super) fn for_in(
        &mut self,
        target: &Expr,
        object: &Expr,
        body: &Stmt,
    ) -> Result<Flow, Error> {
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

    pub(super) fn switch(&mut self, value: &Expr, cases: &[Case]) -> Result<Flow, Error> {
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

    pub(super) fn try_statement(
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
    pub(super) fn unwind(&mut self, frame: usize, calls: usize, depth: usize, args: usize) {
        if let Some(f) = self.m.frames.get(frame + 1).copied() {
            self.m.slots.truncate(f.base);
        }
        self.m.frames.truncate(frame + 1);
        self.m.args.truncate(args);
        self.frame = frame;
        self.calls = calls;
        self.depth = depth;
    }
}
