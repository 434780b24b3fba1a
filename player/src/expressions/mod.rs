//! After Effects expressions without `eval` (feature `expressions`, in the
//! full player only): the language core. A Bodymovin expression text is
//! parsed once ([`Program::parse`], at import) into a tree whose names are
//! already slots, and run many times ([`Engine::run`], per frame) by a
//! tree-walking interpreter against a step [`Budget`]. The After Effects
//! object model (`value`, `time`, `thisComp`, `effect`, `loopOut`, …) is
//! not here: whatever name the language does not define is asked of the
//! [`Host`], which the integrator implements.
//!
//! Files, each using only those before it: `names` (the built-ins' names),
//! `number` (numbers as text and back, `ToInt32`, `%`), `lexer`, `syntax` (the tree),
//! `random` (seedrandom's ARC4 and noise), `value` (values, the heap, JS
//! conversions), `parser`, `resolve` (names to slots, constant folding),
//! `math` (`Math`, colours), `builtins` (vector math, interpolation, JS
//! globals), `methods` (array, string and number methods),
//! `interpreter/` (the run: `statements`, `expressions`, `calls`); `parser/`
//! is `statements` and `operators`.
//!
//! The language: ES3 as Bodymovin writes it (`var`, functions and function
//! expressions with lexical scope, `if`, `?:`, `switch`, `for`, `for…in`,
//! `while`, `do…while`, `try/catch/finally`, `throw`, arrays, object
//! literals, JS operators and coercions; `instanceof` knows one
//! constructor, `Array`, as the bounce and inertia rigs use it). Refused
//! at parse, each with its [`ParseCode`]: `new`, `this`, labels, `with`,
//! `delete`, getters,
//! regular expressions; `eval` only looks up a name path (the text
//! `'thisLayer.parent.parent'`, which rigs build to climb a layer's
//! parents) and aborts on any other text ([`Error::Eval`]). A function
//! that outlives the call that created it cannot be called
//! ([`Error::Escaped`]): closures see their enclosing frames while those
//! run, which is all Bodymovin's presets need.
//!
//! Where it differs from lottie-web (which `eval`s the text in V8): the
//! generator is seeded before every run with [`Clock::seed`] and the time
//! as lottie-web seeds it (lottie-web draws its seed from `Math.random()`
//! per property, and seeds only texts that mention `random`), so the same
//! seed gives lottie-web's sequence; `noise`, `gaussRandom`, `dot` and
//! `cross` exist (lottie-web lacks them; `noise` is a smooth 1-D gradient
//! noise, not After Effects' Perlin noise); arrays from `mul`, `div`,
//! `linear`, `ease*`, `random` are rounded as lottie-web's `Float32Array`s
//! but are plain arrays; strings count characters, not UTF-16 units, and
//! change case in ASCII only; natively (tests, tools) numbers print
//! exactly up to 15 significant digits and literals of more than 15
//! digits may read an ulp off (in the wasm player the JS engine converts
//! them, `number`); host
//! objects compute as their [`Host::value_of`] (lottie-web's property
//! objects are `Number`s). No `hsbToRgb`: lottie-web has only `rgbToHsl`
//! and `hslToRgb`.
//!
//! Must never panic, recurse without bound, allocate without bound, or
//! reach anything outside the program and its host: parse nesting is
//! capped ([`MAX_NESTING`]), so are calls ([`MAX_CALL_DEPTH`]), the
//! interpreter's own recursion, arrays, strings and the heap; running out
//! is an [`Error`] the script's `try/catch` cannot catch
//! ([`Error::is_catchable`]).

mod builtins;
mod interpreter;
mod lexer;
mod math;
mod methods;
mod names;
mod number;
mod parser;
mod random;
mod resolve;
mod syntax;
mod value;

pub use math::native_math;
pub(crate) use math::round as js_round;
pub use names::Builtin;
pub(crate) use number::js_rem;
pub use number::{number_to_string, string_to_number};
pub use value::{Closure, Ctx, Heap, HostObject, StrRef, Value};

/// The longest expression text accepted, in bytes.
pub const MAX_SOURCE_LEN: usize = 256 * 1024;
/// How deep statements and expressions may nest in the source.
pub const MAX_NESTING: usize = 96;
/// The most functions one program may define.
pub const MAX_FUNCTIONS: usize = 1024;
/// How deep script functions may call each other.
pub const MAX_CALL_DEPTH: usize = 64;
/// How deep the interpreter may recurse in all (expressions within calls
/// within expressions): bounds the native stack.
pub const MAX_EVAL_DEPTH: usize = 400;
/// The longest array a run may build.
pub const MAX_ARRAY_LEN: usize = 65_536;
/// The longest string a run may build, in bytes.
pub const MAX_STRING_LEN: usize = 65_536;
/// The heap cells (array elements, object entries, 16 string bytes) one
/// run may hold in all.
pub const MAX_HEAP_CELLS: usize = 1 << 20;

/// Why a text is not a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseCode {
    /// A character the language does not have.
    Character,
    /// A malformed number.
    Number,
    /// A string or comment without its end.
    Unterminated,
    /// A malformed escape in a string.
    Escape,
    /// Longer than [`MAX_SOURCE_LEN`] (or a string literal than
    /// [`MAX_STRING_LEN`]).
    TooLong,
    /// Nested deeper than [`MAX_NESTING`].
    TooDeep,
    /// More functions or strings than a program may have.
    TooMany,
    /// Not the grammar (unexpected token, regular expression, arrow…).
    Syntax,
    /// Assignment to something that cannot be assigned.
    Target,
    /// `new` (never in Bodymovin output).
    New,
    /// `this` (never in Bodymovin output).
    This,
    /// A statement the engine does not run: labels, `with`, `delete`,
    /// getters and setters, classes, modules.
    Unsupported,
}

/// A parse error: what and where (a byte offset into the text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub code: ParseCode,
    /// The byte offset of the token where it did.
    pub at: u32,
}

/// A run-time error. The first group are the script's own errors, which
/// its `try/catch` catches (a host may return them too); the second are
/// aborts of the engine, which nothing in the script can catch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// A `throw` of the script (the value: [`Engine::thrown`]).
    Thrown,
    /// TypeError: calling what is not a function.
    NotAFunction,
    /// TypeError: a property of `undefined` or `null`.
    NoProperties,
    /// TypeError: another misuse of a value (also for hosts).
    Type,
    /// ReferenceError: a name nobody defines.
    Reference,
    /// RangeError (also for hosts, e.g. a key index out of range).
    Range,
    /// An error of the host's own, by its number.
    Host(u16),
    /// Abort: the step budget ran out.
    OutOfBudget,
    /// Abort: calls or evaluation nested too deep.
    TooDeep,
    /// Abort: an array, a string or the heap grew past its cap.
    TooLarge,
    /// Abort: `eval` of a text that is not a name path.
    Eval,
    /// Abort: a function called after the call that created it returned.
    Escaped,
    /// Abort: the host gave up (by its number).
    HostAbort(u16),
}

impl Error {
    /// Whether the script's `try/catch` may catch it.
    pub fn is_catchable(self) -> bool {
        matches!(
            self,
            Error::Thrown
                | Error::NotAFunction
                | Error::NoProperties
                | Error::Type
                | Error::Reference
                | Error::Range
                | Error::Host(_)
        )
    }

    /// Its JS name, as `String(e)` or `e.name` shows it.
    pub fn name(self) -> &'static str {
        match self {
            Error::NotAFunction | Error::NoProperties | Error::Type => "TypeError",
            Error::Reference => "ReferenceError",
            Error::Range => "RangeError",
            _ => "Error",
        }
    }
}

/// The steps a run may take: each expression node, loop iteration and call
/// spends one (calls more, built-ins in proportion to their work). Shared
/// with the caller's frame budget: what is left stays in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Steps left.
    pub steps: u32,
}

/// What a run needs to know of its moment: `time` for seeding, the frame
/// rate for `timeToFrames`, and the property's random seed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clock {
    /// The composition time in seconds.
    pub time: f64,
    /// Frames per second of the composition.
    pub frame_rate: f64,
    /// The property's seed (lottie-web draws it at random per property;
    /// here the host picks a stable one, e.g. the property's index).
    pub seed: f64,
}

/// The After Effects object model, as the integrator provides it.
pub trait Host {
    /// A global name the language does not define (`value`, `time`,
    /// `index`, `thisComp`, `thisLayer`, `effect`, `loopOut`, `wiggle`,
    /// `transform`, `content`, …): `None` is a ReferenceError. Asked at
    /// most once per name per run.
    fn global(&mut self, cx: &mut Ctx<'_>, name: &str) -> Option<Value>;

    /// `object.key` or `object[key]` on a host object (`key` a string or a
    /// number).
    fn member(&mut self, cx: &mut Ctx<'_>, object: HostObject, key: Value) -> Result<Value, Error>;

    /// Calling a host object (`layer("name")`, `effect("Slider")("Slider")`,
    /// `loopOut("cycle", 0)`, `key(1)`…).
    fn call(
        &mut self,
        cx: &mut Ctx<'_>,
        callee: HostObject,
        args: &[Value],
    ) -> Result<Value, Error>;

    /// The primitive value (a number, string or array) of a host object
    /// where the script computes with it (`+`, comparisons, `sum(…)`,
    /// `Math.*`): a property interface's value. By default a TypeError.
    fn value_of(&mut self, cx: &mut Ctx<'_>, object: HostObject) -> Result<Value, Error> {
        let _ = (cx, object);
        Err(Error::Type)
    }

    /// `Math`'s transcendental function `f` (`sin`, `atan2`, `pow`, `log`…,
    /// also inside `lookAt` and `gaussRandom`) of `x` (and `y`, the second
    /// argument). By default Rust's ([`native_math`], libm); a host in the
    /// wasm player may answer with the JS engine's `Math` instead, which
    /// keeps libm (about 20 KB of code) out of the wasm and gives
    /// lottie-web's exact results.
    fn math(&mut self, f: Builtin, x: f64, y: f64) -> f64 {
        native_math(f, x, y)
    }
}

/// A parsed, resolved expression: run it with an [`Engine`].
#[derive(Debug)]
pub struct Program {
    pub(crate) body: Vec<syntax::Stmt>,
    pub(crate) functions: Vec<syntax::Function>,
    pub(crate) strings: Vec<Box<str>>,
    /// Slots of the top-level frame.
    pub(crate) globals: u32,
    /// Top-level function declarations: (slot, function).
    pub(crate) hoisted: Vec<(u32, u32)>,
    /// Names asked of the host, by free index (into `strings`).
    pub(crate) free: Vec<syntax::Str>,
    /// Where `$bm_rt` lives (a top-level slot, or a free name when the
    /// program assigns it undeclared), if the program names it.
    pub(crate) result: Option<syntax::Expr>,
    pub(crate) calls_eval: bool,
}

impl Program {
    /// Parses and resolves an expression text.
    pub fn parse(source: &str) -> Result<Program, ParseError> {
        Ok(resolve::resolve(parser::parse(source)?))
    }

    /// The names the program asks of the host (`value`, `thisComp`…), for
    /// the importer to check what it supports.
    pub fn free_names(&self) -> impl Iterator<Item = &str> {
        self.free.iter().filter_map(|&s| {
            self.strings
                .get(usize::try_from(s).ok()?)
                .map(AsRef::as_ref)
        })
    }

    /// Whether the program calls `eval` somewhere (a name path's lookup
    /// when reached, or an abort).
    pub fn calls_eval(&self) -> bool {
        self.calls_eval
    }
}

/// The reusable state of runs: the heap, frames and the random generator.
/// One engine runs any number of programs, one at a time.
#[derive(Debug, Default)]
pub struct Engine {
    pub(crate) heap: Heap,
    pub(crate) machine: interpreter::Machine,
}

impl Engine {
    /// A new engine.
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Runs `program` once: the final value of `$bm_rt` if the program
    /// declares it, else the completion value of its last expression
    /// statement. The value may point into the heap, which the next run
    /// clears: read it first ([`Engine::array`], [`Engine::text`],
    /// [`Engine::numbers`]). A returned host object is the host's to
    /// convert ([`Host::value_of`]).
    pub fn run<H: Host>(
        &mut self,
        program: &Program,
        host: &mut H,
        clock: Clock,
        budget: &mut Budget,
    ) -> Result<Value, Error> {
        self.heap.clear();
        self.machine
            .run(program, &mut self.heap, host, clock, budget)
    }

    /// The value of the last `throw` (after [`Error::Thrown`]).
    pub fn thrown(&self) -> Value {
        self.machine.thrown
    }

    /// The elements of an array value of the last run.
    pub fn array(&self, v: Value) -> Option<&[Value]> {
        let Value::Array(i) = v else { return None };
        self.heap
            .arrays
            .get(usize::try_from(i).ok()?)
            .map(Vec::as_slice)
    }

    /// The text of a string value of the last run of `program`.
    pub fn text<'a>(&'a self, program: &'a Program, v: Value) -> Option<&'a str> {
        let Value::Str(s) = v else { return None };
        let i = usize::try_from(s.index).ok()?;
        if s.heap {
            self.heap.strings.get(i).map(String::as_str)
        } else {
            program.strings.get(i).map(AsRef::as_ref)
        }
    }

    /// A value of the last run of `program` as JS `String(v)` gives it, for
    /// a text (arrays joined with commas, nested ones flattened, objects
    /// `[object Object]`): `None` for `undefined`, `null` and functions
    /// (lottie-web's `toString()` throws on the first two), and for a text
    /// longer than [`MAX_STRING_LEN`].
    pub fn to_text(&self, program: &Program, v: Value) -> Option<String> {
        if matches!(
            v,
            Value::Undefined | Value::Null | Value::Function(_) | Value::Builtin(_)
        ) {
            return None;
        }
        let mut out = String::new();
        self.write_text(program, v, &mut out, 0)?;
        Some(out)
    }

    /// Appends `String(v)` to `out`; `None` once it passes
    /// [`MAX_STRING_LEN`].
    fn write_text(
        &self,
        program: &Program,
        v: Value,
        out: &mut String,
        depth: usize,
    ) -> Option<()> {
        match v {
            Value::Undefined | Value::Null => {}
            Value::Str(_) => out.push_str(self.text(program, v)?),
            Value::Number(n) => out.push_str(&number_to_string(n)),
            Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
            // Arrays inside themselves (cycles) print empty, as in JS.
            Value::Array(_) if depth > 8 => {}
            Value::Array(_) => {
                for (i, item) in self.array(v)?.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    self.write_text(program, *item, out, depth + 1)?;
                    if out.len() > MAX_STRING_LEN {
                        return None;
                    }
                }
            }
            Value::Object(_) | Value::Host(_) => out.push_str("[object Object]"),
            Value::Function(_) | Value::Builtin(_) => out.push_str("function"),
            Value::Error(e) => out.push_str(e.name()),
        }
        (out.len() <= MAX_STRING_LEN).then_some(())
    }

    /// A number or an array of numbers as numbers (into `out`, cleared);
    /// false if `v` is neither.
    pub fn numbers(&self, v: Value, out: &mut Vec<f64>) -> bool {
        out.clear();
        match v {
            Value::Number(n) => out.push(n),
            Value::Bool(b) => out.push(f64::from(u8::from(b))),
            Value::Array(_) => {
                for item in self.array(v).unwrap_or_default() {
                    match item {
                        Value::Number(n) => out.push(*n),
                        Value::Bool(b) => out.push(f64::from(u8::from(*b))),
                        _ => return false,
                    }
                }
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests;
