//! The syntax tree: what the parser builds and the resolver rewrites in
//! place (names into slots, constant expressions into literals), and what
//! the interpreter walks. Plain data; strings live in the program's pool
//! and are referred to by index.
//!
//! Must never hold a reference into the source text or anything of the
//! host: a [`super::Program`] outlives the text it was parsed from.

use super::names::Builtin;
use super::number::{js_rem, to_int32};

/// An index into the program's string pool.
pub(crate) type Str = u32;

/// Unary operators (`typeof` and `delete`-free ES3 subset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnOp {
    /// `-a`
    Neg,
    /// `+a`
    Plus,
    /// `!a`
    Not,
    /// `~a`
    BitNot,
    /// `typeof a`
    Typeof,
    /// `void a`
    Void,
}

/// Binary operators other than the short-circuiting ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs, reason = "each variant is the JS operator it names")]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Shl,
    Shr,
    UShr,
    BitAnd,
    BitOr,
    BitXor,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    StrictEq,
    StrictNe,
    In,
    InstanceOf,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Expr {
    /// A number literal (or a folded constant).
    Num(f64),
    /// A string literal.
    Str(Str),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// `undefined` (the name, when not shadowed) and folded `void`.
    Undefined,
    /// A name before resolution.
    Name(Str),
    /// A slot of the running function's frame.
    Local(u32),
    /// A slot of the program's top-level frame.
    Global(u32),
    /// A slot of an enclosing function's frame, `depth` frames out.
    Outer {
        /// How many lexical frames out (1 = the enclosing function).
        depth: u16,
        /// The slot there.
        slot: u32,
    },
    /// A name neither the script nor the language defines: asked of the
    /// host once per run (index into the program's free names).
    Free(u32),
    /// A built-in function or namespace.
    Builtin(Builtin),
    /// `[a, b, …]`
    Array(Vec<Expr>),
    /// `{key: value, …}`
    Object(Vec<(Str, Expr)>),
    /// A function expression (index into the program's functions).
    Function(u32),
    /// A unary operator.
    Unary(UnOp, Box<Expr>),
    /// A binary operator.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a && b` (true) or `a || b` (false).
    Logical(bool, Box<Expr>, Box<Expr>),
    /// `a ? b : c`
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `target = value`, or `target op= value`.
    Assign(Option<BinOp>, Box<Expr>, Box<Expr>),
    /// `++a`, `a--`: increment (true) or decrement, prefix or not.
    Update {
        /// `++` rather than `--`.
        increment: bool,
        /// The operator before its operand.
        prefix: bool,
        /// The operand (a name or member).
        target: Box<Expr>,
    },
    /// `object[key]`
    Index(Box<Expr>, Box<Expr>),
    /// `object.name`
    Member(Box<Expr>, Str),
    /// `callee(args)`
    Call(Box<Expr>, Vec<Expr>),
    /// `a, b, c`
    Comma(Vec<Expr>),
    /// A call to `eval` with its first argument: a name path
    /// (`'thisLayer.parent'`) is looked up, anything else refused when run.
    Eval(Box<Expr>),
}

/// A `switch` case: its test (`None` for `default`) and statements.
pub(crate) type Case = (Option<Expr>, Vec<Stmt>);

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Stmt {
    /// An expression statement (its value is the completion value).
    Expr(Expr),
    /// `var a = 1, b;`: the declared names and their initial values (a
    /// name without one keeps its value).
    Var(Vec<(Expr, Option<Expr>)>),
    /// `if (test) then else other`
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    /// `for (init; test; update) body`
    For {
        /// Run once first.
        init: Option<Box<Stmt>>,
        /// Checked before each iteration (none = forever).
        test: Option<Expr>,
        /// Run after each iteration.
        update: Option<Expr>,
        /// The loop body.
        body: Box<Stmt>,
    },
    /// `for (target in object) body`
    ForIn(Expr, Expr, Box<Stmt>),
    /// `while (test) body`
    While(Expr, Box<Stmt>),
    /// `do body while (test)`
    DoWhile(Box<Stmt>, Expr),
    /// `return value`
    Return(Option<Expr>),
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `throw value`
    Throw(Expr),
    /// `switch (value) { cases }`
    Switch(Expr, Vec<Case>),
    /// `try { … } catch (name) { … } finally { … }`
    Try {
        /// The guarded block.
        block: Vec<Stmt>,
        /// The catch parameter (a name, resolved to a slot) and block.
        catch: Option<(Expr, Vec<Stmt>)>,
        /// Always run.
        finally: Option<Vec<Stmt>>,
    },
    /// `{ … }`
    Block(Vec<Stmt>),
    /// A function declaration (hoisted by the resolver; a no-op in place).
    Function(u32),
    /// `;`
    Empty,
}

/// One function: parameters and body, and after resolution the size of its
/// frame and what is hoisted into it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Function {
    /// Its own name (declarations and named function expressions).
    pub(crate) name: Option<Str>,
    /// Whether it was written as an expression (its name is then bound
    /// only inside it).
    pub(crate) is_expression: bool,
    /// The parameter names.
    pub(crate) params: Vec<Str>,
    /// The body.
    pub(crate) body: Vec<Stmt>,
    /// Slots of its frame (parameters first), set by the resolver.
    pub(crate) slots: u32,
    /// Declared functions to create when the frame is entered: (slot,
    /// function), set by the resolver.
    pub(crate) hoisted: Vec<(u32, u32)>,
    /// The slot holding the function itself (named expressions), set by
    /// the resolver.
    pub(crate) self_slot: Option<u32>,
}

/// A binary operator applied to two number constants.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Folded {
    /// A number.
    Num(f64),
    /// A boolean (comparisons).
    Bool(bool),
    /// Not an operator on numbers (`in`, `instanceof`).
    No,
}

impl BinOp {
    /// The operator on two numbers, as JS computes it.
    pub(crate) fn on_numbers(self, a: f64, b: f64) -> Folded {
        let int = |n: i32| Folded::Num(f64::from(n));
        #[allow(clippy::cast_sign_loss, reason = "ToUint32 reinterprets the bits")]
        let shift = (to_int32(b) as u32) & 31;
        match self {
            BinOp::Add => Folded::Num(a + b),
            BinOp::Sub => Folded::Num(a - b),
            BinOp::Mul => Folded::Num(a * b),
            BinOp::Div => Folded::Num(a / b),
            BinOp::Rem => Folded::Num(js_rem(a, b)),
            BinOp::Shl => int(to_int32(a).wrapping_shl(shift)),
            BinOp::Shr => int(to_int32(a).wrapping_shr(shift)),
            #[allow(clippy::cast_sign_loss, reason = "ToUint32 reinterprets the bits")]
            BinOp::UShr => Folded::Num(f64::from((to_int32(a) as u32).wrapping_shr(shift))),
            BinOp::BitAnd => int(to_int32(a) & to_int32(b)),
            BinOp::BitOr => int(to_int32(a) | to_int32(b)),
            BinOp::BitXor => int(to_int32(a) ^ to_int32(b)),
            BinOp::Lt => Folded::Bool(a < b),
            BinOp::Gt => Folded::Bool(a > b),
            BinOp::Le => Folded::Bool(a <= b),
            BinOp::Ge => Folded::Bool(a >= b),
            BinOp::Eq | BinOp::StrictEq => Folded::Bool(a == b),
            BinOp::Ne | BinOp::StrictNe => Folded::Bool(a != b),
            BinOp::In | BinOp::InstanceOf => Folded::No,
        }
    }
}
