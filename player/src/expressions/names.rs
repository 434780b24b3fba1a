//! The names the language itself defines: the built-in functions (global
//! ones such as `sum`, `clamp`, `linear`, and `Math`'s), the `Math`
//! namespace and its constants, as one [`Builtin`] enum and the tables
//! from names to it. Shared by the resolver (which binds names at parse
//! time), values and the built-ins' code.
//!
//! Must never hold behaviour: what each built-in does is
//! `builtins.rs`'s.

/// A built-in function (or the `Math` namespace).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs, reason = "each variant is the built-in of the same name")]
pub enum Builtin {
    Math,
    // Vector arithmetic (lottie-web's ExpressionManager).
    Sum,
    Sub,
    Mul,
    Div,
    Mod,
    Neg,
    IsArray,
    Clamp,
    Length,
    Normalize,
    Dot,
    Cross,
    DegreesToRadians,
    RadiansToDegrees,
    Linear,
    Ease,
    EaseIn,
    EaseOut,
    Random,
    GaussRandom,
    SeedRandom,
    Noise,
    RgbToHsl,
    HslToRgb,
    LookAt,
    TimeToFrames,
    FramesToTime,
    // JS globals.
    Number,
    String,
    ParseInt,
    ParseFloat,
    IsNaN,
    IsFinite,
    // Math's functions.
    Abs,
    Acos,
    Acosh,
    Asin,
    Asinh,
    Atan,
    Atanh,
    Atan2,
    Ceil,
    Cbrt,
    Expm1,
    Clz32,
    Cos,
    Cosh,
    Exp,
    Floor,
    Fround,
    Hypot,
    Imul,
    Log,
    Log1p,
    Log2,
    Log10,
    Max,
    Min,
    Pow,
    MathRandom,
    Round,
    Sign,
    Sin,
    Sinh,
    Sqrt,
    Tan,
    Tanh,
    Trunc,
}

/// Global names bound to built-ins (as lottie-web binds them; note that
/// `degrees_to_radians` is `radiansToDegrees` there too).
pub(crate) const GLOBALS: &[(&str, Builtin)] = &[
    ("Math", Builtin::Math),
    ("sum", Builtin::Sum),
    ("add", Builtin::Sum),
    ("$bm_sum", Builtin::Sum),
    ("sub", Builtin::Sub),
    ("$bm_sub", Builtin::Sub),
    ("mul", Builtin::Mul),
    ("$bm_mul", Builtin::Mul),
    ("div", Builtin::Div),
    ("$bm_div", Builtin::Div),
    ("mod", Builtin::Mod),
    ("$bm_mod", Builtin::Mod),
    ("$bm_neg", Builtin::Neg),
    ("$bm_isInstanceOfArray", Builtin::IsArray),
    ("clamp", Builtin::Clamp),
    ("length", Builtin::Length),
    ("normalize", Builtin::Normalize),
    ("dot", Builtin::Dot),
    ("cross", Builtin::Cross),
    ("degreesToRadians", Builtin::DegreesToRadians),
    ("degrees_to_radians", Builtin::RadiansToDegrees),
    ("radiansToDegrees", Builtin::RadiansToDegrees),
    ("radians_to_degrees", Builtin::RadiansToDegrees),
    ("linear", Builtin::Linear),
    ("ease", Builtin::Ease),
    ("easeIn", Builtin::EaseIn),
    ("easeOut", Builtin::EaseOut),
    ("random", Builtin::Random),
    ("gaussRandom", Builtin::GaussRandom),
    ("seedRandom", Builtin::SeedRandom),
    ("noise", Builtin::Noise),
    ("rgbToHsl", Builtin::RgbToHsl),
    ("hslToRgb", Builtin::HslToRgb),
    ("lookAt", Builtin::LookAt),
    ("timeToFrames", Builtin::TimeToFrames),
    ("framesToTime", Builtin::FramesToTime),
    ("Number", Builtin::Number),
    ("String", Builtin::String),
    ("parseInt", Builtin::ParseInt),
    ("parseFloat", Builtin::ParseFloat),
    ("isNaN", Builtin::IsNaN),
    ("isFinite", Builtin::IsFinite),
];

/// `Math`'s functions.
pub(crate) const MATH: &[(&str, Builtin)] = &[
    ("abs", Builtin::Abs),
    ("acos", Builtin::Acos),
    ("acosh", Builtin::Acosh),
    ("asin", Builtin::Asin),
    ("asinh", Builtin::Asinh),
    ("atan", Builtin::Atan),
    ("atanh", Builtin::Atanh),
    ("atan2", Builtin::Atan2),
    ("ceil", Builtin::Ceil),
    ("cbrt", Builtin::Cbrt),
    ("expm1", Builtin::Expm1),
    ("clz32", Builtin::Clz32),
    ("cos", Builtin::Cos),
    ("cosh", Builtin::Cosh),
    ("exp", Builtin::Exp),
    ("floor", Builtin::Floor),
    ("fround", Builtin::Fround),
    ("hypot", Builtin::Hypot),
    ("imul", Builtin::Imul),
    ("log", Builtin::Log),
    ("log1p", Builtin::Log1p),
    ("log2", Builtin::Log2),
    ("log10", Builtin::Log10),
    ("max", Builtin::Max),
    ("min", Builtin::Min),
    ("pow", Builtin::Pow),
    ("random", Builtin::MathRandom),
    ("round", Builtin::Round),
    ("sign", Builtin::Sign),
    ("sin", Builtin::Sin),
    ("sinh", Builtin::Sinh),
    ("sqrt", Builtin::Sqrt),
    ("tan", Builtin::Tan),
    ("tanh", Builtin::Tanh),
    ("trunc", Builtin::Trunc),
];

/// `Math`'s constants.
pub(crate) const MATH_CONSTANTS: &[(&str, f64)] = &[
    ("E", core::f64::consts::E),
    ("LN10", core::f64::consts::LN_10),
    ("LN2", core::f64::consts::LN_2),
    ("LOG10E", core::f64::consts::LOG10_E),
    ("LOG2E", core::f64::consts::LOG2_E),
    ("PI", core::f64::consts::PI),
    ("SQRT1_2", core::f64::consts::FRAC_1_SQRT_2),
    ("SQRT2", core::f64::consts::SQRT_2),
];

/// The built-in a global name is bound to.
pub(crate) fn global(name: &str) -> Option<Builtin> {
    GLOBALS.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// A member of `Math`: a function, or a constant's value.
pub(crate) fn math_member(name: &str) -> Option<Result<Builtin, f64>> {
    if let Some((_, b)) = MATH.iter().find(|(n, _)| *n == name) {
        return Some(Ok(*b));
    }
    MATH_CONSTANTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| Err(*v))
}
