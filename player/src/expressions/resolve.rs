//! The parsed tree into a [`Program`]: every name becomes a slot (of the
//! running function's frame, an enclosing one's, or the top level's), a
//! built-in, or a free name for the host; `var` and function declarations
//! are hoisted as JS hoists them; constant arithmetic and `Math`'s
//! constants are folded. Done once per expression, at import.
//!
//! Must never change what a program means: a name the script declares
//! anywhere in a scope shadows the built-in of that name in the whole
//! scope, as in JS. Recursion follows the tree, whose depth the parser
//! capped.

use super::names::{self, Builtin};
use super::number::js_rem;
use super::parser::Parsed;
use super::syntax::{BinOp, Expr, Folded, Function, Stmt, Str, UnOp};
use super::Program;

/// Resolves a parsed program.
pub(crate) fn resolve(parsed: Parsed) -> Program {
    let mut resolver = Resolver {
        strings: parsed.strings,
        functions: parsed.functions,
        levels: Vec::new(),
        free: Vec::new(),
        free_index: Names::default(),
        calls_eval: false,
    };
    let mut body = parsed.body;
    let scope = resolver.scope(&[], None, &mut body);
    let result = resolver
        .strings
        .iter()
        .position(|s| &**s == "$bm_rt")
        .and_then(|i| Str::try_from(i).ok())
        .and_then(|name| match scope.names.get(&name) {
            Some(&slot) => Some(Expr::Global(slot)),
            None => resolver.free_index.get(&name).map(|&i| Expr::Free(i)),
        });
    Program {
        body,
        functions: resolver.functions,
        strings: resolver.strings,
        globals: scope.slots,
        hoisted: scope.hoisted,
        free: resolver.free,
        result,
        calls_eval: resolver.calls_eval,
    }
}

/// Names to numbers, sorted for binary search (no hashing code in the
/// wasm).
#[derive(Default)]
struct Names(Vec<(Str, u32)>);

impl Names {
    fn get(&self, name: &Str) -> Option<&u32> {
        let i = self.0.binary_search_by_key(name, |e| e.0).ok()?;
        self.0.get(i).map(|e| &e.1)
    }

    fn contains_key(&self, name: &Str) -> bool {
        self.get(name).is_some()
    }

    /// Adds `name` unless present; its number.
    fn insert(&mut self, name: Str, value: u32) -> u32 {
        match self.0.binary_search_by_key(&name, |e| e.0) {
            Ok(i) => self.0.get(i).map_or(value, |e| e.1),
            Err(i) => {
                self.0.insert(i, (name, value));
                value
            }
        }
    }
}

/// One function's (or the program's) names.
struct Level {
    names: Names,
    /// Catch parameters in scope, innermost last.
    catches: Vec<(Str, u32)>,
    slots: u32,
}

struct Resolver {
    strings: Vec<Box<str>>,
    functions: Vec<Function>,
    levels: Vec<Level>,
    free: Vec<Str>,
    free_index: Names,
    calls_eval: bool,
}

/// Declared names of a body (not inside nested functions): `var`s and
/// function declarations, in order.
fn declared(body: &[Stmt], vars: &mut Vec<Str>, functions: &mut Vec<u32>) {
    for stmt in body {
        declared_in(stmt, vars, functions);
    }
}

fn declared_in(stmt: &Stmt, vars: &mut Vec<Str>, functions: &mut Vec<u32>) {
    match stmt {
        Stmt::Var(decls) => {
            vars.extend(decls.iter().filter_map(|(name, _)| match name {
                Expr::Name(n) => Some(*n),
                _ => None,
            }));
        }
        Stmt::Function(id) => functions.push(*id),
        Stmt::If(_, a, b) => {
            declared_in(a, vars, functions);
            if let Some(b) = b {
                declared_in(b, vars, functions);
            }
        }
        Stmt::For { init, body, .. } => {
            if let Some(init) = init {
                declared_in(init, vars, functions);
            }
            declared_in(body, vars, functions);
        }
        Stmt::ForIn(_, _, body) | Stmt::While(_, body) | Stmt::DoWhile(body, _) => {
            declared_in(body, vars, functions);
        }
        Stmt::Switch(_, cases) => {
            for (_, body) in cases {
                declared(body, vars, functions);
            }
        }
        Stmt::Try {
            block,
            catch,
            finally,
        } => {
            declared(block, vars, functions);
            if let Some((_, body)) = catch {
                declared(body, vars, functions);
            }
            if let Some(body) = finally {
                declared(body, vars, functions);
            }
        }
        Stmt::Block(body) => declared(body, vars, functions),
        _ => {}
    }
}

/// What resolving a scope found: its size, names, hoisted functions and
/// the slot of a function expression's own name.
struct Scope {
    slots: u32,
    names: Names,
    hoisted: Vec<(u32, u32)>,
    own_slot: Option<u32>,
}

impl Resolver {
    /// Resolves a body as a new scope with `params` (and the function's own
    /// name, `own`): parameters first, then `var`s and declared functions
    /// in order, then the own name unless one of those took it.
    fn scope(&mut self, params: &[Str], own: Option<Str>, body: &mut [Stmt]) -> Scope {
        let mut level = Level {
            names: Names::default(),
            catches: Vec::new(),
            slots: 0,
        };
        let mut vars = Vec::new();
        let mut functions = Vec::new();
        declared(body, &mut vars, &mut functions);
        let function_names: Vec<(Str, u32)> = functions
            .iter()
            .filter_map(|&f| Some((self.functions.get(f as usize)?.name?, f)))
            .collect();
        let all = params
            .iter()
            .chain(&vars)
            .chain(function_names.iter().map(|(n, _)| n));
        for &name in all {
            if !level.names.contains_key(&name) {
                level.names.insert(name, level.slots);
                level.slots += 1;
            }
        }
        let hoisted = function_names
            .iter()
            .filter_map(|(name, f)| Some((*level.names.get(name)?, *f)))
            .collect();
        let mut own_slot = None;
        if let Some(own) = own {
            if !level.names.contains_key(&own) {
                level.names.insert(own, level.slots);
                own_slot = Some(level.slots);
                level.slots += 1;
            }
        }
        self.levels.push(level);
        for stmt in body.iter_mut() {
            self.stmt(stmt);
        }
        let level = self.levels.pop();
        let (slots, names) = level.map_or((0, Names::default()), |l| (l.slots, l.names));
        Scope {
            slots,
            names,
            hoisted,
            own_slot,
        }
    }

    fn function(&mut self, id: u32) {
        let Some(f) = self.functions.get_mut(id as usize) else {
            return;
        };
        let mut body = std::mem::take(&mut f.body);
        let params = std::mem::take(&mut f.params);
        let own = if f.is_expression { f.name } else { None };
        let scope = self.scope(&params, own, &mut body);
        if let Some(f) = self.functions.get_mut(id as usize) {
            f.body = body;
            f.params = params;
            f.slots = scope.slots;
            f.hoisted = scope.hoisted;
            f.self_slot = scope.own_slot;
        }
    }

    fn stmt(&mut self, stmt: &mut Stmt) {
        match stmt {
            Stmt::Expr(e) | Stmt::Throw(e) | Stmt::Return(Some(e)) => self.expr(e),
            Stmt::Var(decls) => {
                for (name, init) in decls {
                    self.expr(name);
                    if let Some(init) = init {
                        self.expr(init);
                    }
                }
            }
            Stmt::If(test, a, b) => {
                self.expr(test);
                self.stmt(a);
                if let Some(b) = b {
                    self.stmt(b);
                }
            }
            Stmt::For {
                init,
                test,
                update,
                body,
            } => {
                if let Some(init) = init {
                    self.stmt(init);
                }
                for e in [test, update].into_iter().flatten() {
                    self.expr(e);
                }
                self.stmt(body);
            }
            Stmt::ForIn(target, object, body) => {
                self.expr(target);
                self.expr(object);
                self.stmt(body);
            }
            Stmt::While(test, body) | Stmt::DoWhile(body, test) => {
                self.expr(test);
                self.stmt(body);
            }
            Stmt::Switch(value, cases) => {
                self.expr(value);
                for (test, body) in cases {
                    if let Some(test) = test {
                        self.expr(test);
                    }
                    self.block(body);
                }
            }
            Stmt::Try {
                block,
                catch,
                finally,
            } => {
                self.block(block);
                if let Some((name, body)) = catch {
                    let Expr::Name(n) = *name else { return };
                    let slot = self.levels.last_mut().map_or(0, |level| {
                        level.slots += 1;
                        level.catches.push((n, level.slots - 1));
                        level.slots - 1
                    });
                    *name = self.slot_expr(0, slot);
                    self.block(body);
                    if let Some(level) = self.levels.last_mut() {
                        level.catches.pop();
                    }
                }
                if let Some(finally) = finally {
                    self.block(finally);
                }
            }
            Stmt::Block(body) => self.block(body),
            Stmt::Function(id) => {
                let id = *id;
                self.function(id);
            }
            Stmt::Return(None) | Stmt::Break | Stmt::Continue | Stmt::Empty => {}
        }
    }

    fn block(&mut self, body: &mut [Stmt]) {
        for stmt in body {
            self.stmt(stmt);
        }
    }

    /// The expression for a slot `depth` levels out.
    fn slot_expr(&self, depth: usize, slot: u32) -> Expr {
        let level = self.levels.len().saturating_sub(1 + depth);
        if level == 0 {
            Expr::Global(slot)
        } else if depth == 0 {
            Expr::Local(slot)
        } else {
            Expr::Outer {
                depth: u16::try_from(depth).unwrap_or(u16::MAX),
                slot,
            }
        }
    }

    /// What a name means here.
    fn name(&mut self, name: Str) -> Expr {
        for (depth, level) in self.levels.iter().rev().enumerate() {
            let found = level
                .catches
                .iter()
                .rev()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| *s)
                .or_else(|| level.names.get(&name).copied());
            if let Some(slot) = found {
                return self.slot_expr(depth, slot);
            }
        }
        let text = self.strings.get(name as usize).map_or("", AsRef::as_ref);
        match text {
            "undefined" => return Expr::Undefined,
            "NaN" => return Expr::Num(f64::NAN),
            "Infinity" => return Expr::Num(f64::INFINITY),
            _ => {}
        }
        if let Some(b) = names::global(text) {
            return Expr::Builtin(b);
        }
        let next = u32::try_from(self.free.len()).unwrap_or(u32::MAX);
        let index = self.free_index.insert(name, next);
        if index == next {
            self.free.push(name);
        }
        Expr::Free(index)
    }

    /// Whether `e` is the free (undeclared, not built-in) name `text`.
    fn is_free(&self, e: &Expr, text: &str) -> bool {
        let Expr::Free(index) = e else {
            return false;
        };
        let name = self.free.get(*index as usize).copied();
        name.and_then(|n| self.strings.get(n as usize))
            .is_some_and(|s| &**s == text)
    }

    fn expr(&mut self, e: &mut Expr) {
        match e {
            Expr::Name(n) => *e = self.name(*n),
            Expr::Array(items) | Expr::Comma(items) => {
                for item in items {
                    self.expr(item);
                }
            }
            Expr::Object(entries) => {
                for (_, v) in entries {
                    self.expr(v);
                }
            }
            Expr::Function(id) => {
                let id = *id;
                self.function(id);
            }
            Expr::Unary(op, a) => {
                self.expr(a);
                if let (UnOp::Neg, Expr::Num(n)) = (*op, &**a) {
                    *e = Expr::Num(-n);
                }
            }
            Expr::Binary(op, a, b) => {
                self.expr(a);
                self.expr(b);
                // `value instanceof Array`, the bounce and inertia rigs'
                // test of a property's dimensions: an undeclared `Array`
                // after `instanceof` becomes the `IsArray` built-in, the
                // one constructor `Run::binary`'s `instanceof` knows.
                if *op == BinOp::InstanceOf && self.is_free(b, "Array") {
                    **b = Expr::Builtin(Builtin::IsArray);
                }
                if let (Expr::Num(x), Expr::Num(y)) = (&**a, &**b) {
                    match op.on_numbers(*x, *y) {
                        Folded::Num(n) => *e = Expr::Num(n),
                        Folded::Bool(b) => *e = Expr::Bool(b),
                        Folded::No => {}
                    }
                }
            }
            Expr::Logical(_, a, b) | Expr::Assign(_, a, b) | Expr::Index(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            Expr::Cond(a, b, c) => {
                self.expr(a);
                self.expr(b);
                self.expr(c);
            }
            Expr::Update { target, .. } => self.expr(target),
            Expr::Member(object, name) => {
                self.expr(object);
                if matches!(**object, Expr::Builtin(Builtin::Math)) {
                    let text = self.strings.get(*name as usize).map_or("", AsRef::as_ref);
                    match names::math_member(text) {
                        Some(Ok(b)) => *e = Expr::Builtin(b),
                        Some(Err(n)) => *e = Expr::Num(n),
                        None => {}
                    }
                }
            }
            Expr::Call(callee, args) => {
                self.expr(callee);
                for a in args.iter_mut() {
                    self.expr(a);
                }
                fold_call(e);
            }
            Expr::Eval(arg) => {
                self.calls_eval = true;
                self.expr(arg);
            }
            Expr::Num(_)
            | Expr::Str(_)
            | Expr::Bool(_)
            | Expr::Null
            | Expr::Undefined
            | Expr::Local(_)
            | Expr::Global(_)
            | Expr::Outer { .. }
            | Expr::Free(_)
            | Expr::Builtin(_) => {}
        }
    }
}

/// `mul(1, 100)` and its kind on two number constants: the number (the
/// vector functions are plain arithmetic on numbers).
fn fold_call(e: &mut Expr) {
    let Expr::Call(callee, args) = e else { return };
    let (Expr::Builtin(b), [Expr::Num(x), Expr::Num(y)]) = (&**callee, args.as_slice()) else {
        return;
    };
    let n = match b {
        Builtin::Sum => x + y,
        Builtin::Sub => x - y,
        Builtin::Mul => x * y,
        Builtin::Div => x / y,
        Builtin::Mod => js_rem(*x, *y),
        _ => return,
    };
    *e = Expr::Num(n);
}
