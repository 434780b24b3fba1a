//! Scripted properties (feature `expressions`, full player only): the model
//! side of After Effects expressions. Import parses each property's
//! expression once into a [`Script`] (its program, the property's own
//! keyframes, the layer it belongs to) and leaves an
//! [`Animated::Scripted`](super::animated::Animated::Scripted) in the model
//! that names it; it also keeps what only expressions read of a layer (its
//! `ind`, its effects' parameters by name, where it sits) in [`Scripts`].
//!
//! The values scripts give at the frame being drawn are in
//! [`super::script_values`].
//!
//! Must never run a script (the evaluator does), nor hold a value of a
//! viewer's data: bound texts and values are not readable by scripts.

use super::animated::Animated;
use super::BezierShape;
use crate::expressions::Program;

pub use super::script_values::Numbers;

/// [`Script::dims`] of a path's script (a shape's `ks`, a mask's `pt`).
pub const PATH_SCRIPT: u8 = u8::MAX;

/// One property's expression.
#[derive(Debug)]
pub struct Script {
    /// The parsed expression.
    pub program: Program,
    /// The property without its expression (`value`, keyframes,
    /// `loopOut`…).
    pub base: Animated<Numbers>,
    /// How many components the property has in the file (1 for a scalar,
    /// 2 or 3 for a point, 4 for a colour); 0 for a text layer's source
    /// text, whose script gives a text, and [`PATH_SCRIPT`] for a path's,
    /// whose script gives a path (`base` unused for both).
    pub dims: u8,
    /// A path script's path without its expression (`thisProperty`).
    pub path: Option<Box<Animated<BezierShape>>>,
    /// The layer it belongs to (its uid).
    pub layer: usize,
    /// The expression's text, for the compatibility report (not in the
    /// shipped players).
    #[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
    pub source: Box<str>,
}

/// An effect of a layer as expressions address it: `effect(name)(param)`.
#[derive(Debug, Default)]
pub struct EffectGroup {
    /// `nm`.
    pub name: String,
    /// `mn` (After Effects' match name, e.g. `ADBE Slider Control`).
    pub match_name: String,
    /// `ix`.
    pub index: Option<f64>,
    /// Its parameters, in order.
    pub params: Vec<EffectParam>,
}

/// One parameter of an effect (a slider's value, a point, a colour…).
#[derive(Debug)]
pub struct EffectParam {
    /// `nm`.
    pub name: String,
    /// `mn` (e.g. `ADBE Slider Control-0001`).
    pub match_name: String,
    /// `ix`.
    pub index: Option<f64>,
    /// Its value (scripted itself when it has an expression).
    pub value: Animated<Numbers>,
    /// Its number of components.
    pub dims: u8,
    /// A layer control's (`ty` 10): its value is a layer's `ind`, and
    /// `effect(…)(param)` gives that layer, as lottie-web's does.
    pub layer: bool,
}

/// A shape item of a layer as `content(name)` finds it.
#[derive(Debug, Default)]
pub struct ShapeFact {
    /// `nm`.
    pub name: String,
    /// `mn` (e.g. `ADBE Vector Group`).
    pub match_name: String,
    /// `ix`.
    pub index: Option<f64>,
    /// The group it is in (an index into the layer's shapes), or none for
    /// the layer's contents.
    pub parent: Option<u32>,
    /// Where the item is in the model: its index in the layer's items,
    /// then in each group's.
    pub path: Vec<u32>,
}

/// What expressions read of a layer beyond the drawing model.
#[derive(Debug, Default)]
pub struct LayerFacts {
    /// `ind`: what `index` gives and `layer(n)` looks for.
    pub ind: Option<f64>,
    /// Which layer list it is in (0: the root, `c + 1`: precomp `c`) and
    /// where in it.
    pub list: u32,
    /// Its position in that list.
    pub position: u32,
    /// Its effects, expression controls included.
    pub effects: Vec<EffectGroup>,
    /// Its shape items, each after the group it is in.
    pub shapes: Vec<ShapeFact>,
    /// Its scripts: a range of [`Scripts::list`] (import reads a layer's
    /// properties together).
    pub scripts: (u32, u32),
}

/// Every script of a composition, and the layer facts they read.
#[derive(Debug, Default)]
pub struct Scripts {
    /// By id (the id an `Animated::Scripted` names).
    pub list: Vec<Script>,
    /// By layer uid.
    pub layers: Vec<LayerFacts>,
    /// By layer list (0: the root, `c + 1`: precomp `c`): whether it or a
    /// precomp it holds has scripts (lists without are not walked).
    pub lists: Vec<bool>,
    /// What `comp(name)` finds, in lottie-web's order: names and layer lists.
    pub comps: Vec<(String, u32)>,
    /// By layer list: the size `thisComp.width` and `height` give, a
    /// precomp's from the first layer that shows it (`w`, `h`); 0 for the
    /// root and where the layer has none, which give the composition's.
    pub sizes: Vec<(f64, f64)>,
}
