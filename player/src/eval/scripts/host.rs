//! The After Effects object model one script sees (`Ae`, the engine's
//! [`Host`]), as lottie-web 5.13's expression interfaces give it: `value`,
//! `time`, `index`, `thisComp.layer(name | index)`, `comp(name)` (the root
//! by the file's `nm`, a precomp by its layer's name; its properties read
//! at its own frame), `thisLayer`,
//! `thisProperty`, `transform.*` (also by After Effects' names and
//! indices), `effect(name | index)(param)`, `parent`, `toComp`/`fromComp`,
//! and the property's keyframes (`numKeys`, `key(n)`, `nearestKey`,
//! `valueAtTime`, `velocityAtTime`, `loopOut`/`loopIn` and their
//! `…Duration` forms).
//!
//! Shape contents are `content.rs`'s, paths `paths.rs`'s (a layer
//! control's parameter gives its layer, `fromCompToSurface` is
//! `fromComp`); `propertyGroup(n)` and `propertyIndex` on any of these are
//! `groups.rs`'s. Objects handed to the script are [`Node`]s in a per-run
//! list (a [`HostObject`] is an index into it). What is not modelled
//! (masks, text, `wiggle`, the keyframe API of transform,
//! shape and path properties…)
//! is a ReferenceError or `undefined`, so the script fails and the
//! property is drawn without its expression, named in the report.
//!
//! Values read at the script's frame are what their scripts give (run
//! first); `valueAtTime`, `velocityAtTime` and the script's own `value`
//! are keyframes only, as lottie-web's `getValueAtTime` is.
//!
//! Must never read outside the composition: no viewer value, no page.

use super::keys::{looped, nearest_key, Loop, LoopCall};
use super::properties::{
    matrix_scripts, scripted_id, shape_transform_key, transform_key, transform_value, Key,
    ScriptedId, ShapeKey,
};
use super::{over, Runner};
use crate::eval::transform_matrix;
#[cfg(target_arch = "wasm32")]
use crate::expressions::Builtin;
use crate::expressions::{Budget, Ctx, Engine, Error, Host, HostObject, Value};
use crate::geometry::{Affine, Vec2};
use crate::lottie::animated::Animated;
use crate::lottie::script_values::{self as scripted, Numbers};
use crate::lottie::scripted::{LayerFacts, Script};
use crate::lottie::{BezierShape, Layer, LayerKind};

/// Most objects one run may hand out.
const MAX_NODES: usize = 4_096;

/// A property a script can read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Prop {
    /// The script's own property.
    Own(u32),
    /// A layer's transform property (by uid).
    Transform(usize, Key),
    /// An effect parameter: layer uid, effect, parameter.
    Param(usize, usize, usize),
    /// A shape item's property: layer uid, shape fact, which.
    Shape(usize, u32, ShapeKey),
    /// A shape group's transform property: layer uid, shape fact, which.
    ShapeTransform(usize, u32, Key),
}

/// A function bound to a property.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Method {
    Loop(bool, bool),
    Key,
    NearestKey,
    ValueAtTime,
    VelocityAtTime,
    SpeedAtTime,
}

/// A path a script holds (`paths.rs`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum PathRef {
    /// A path item's path (layer uid, shape fact).
    Item(usize, u32),
    /// The script's own path, without its expression.
    Own,
    /// A path the run made (`createPath`), by its place in the run's list.
    Made(u32),
}

/// A path's function.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum PathMethod {
    Points,
    InTangents,
    OutTangents,
    IsClosed,
    PointOn,
    /// `tangentOnPath` (true) or `normalOnPath`.
    VectorOn(bool),
}

/// Something the script holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Node {
    /// A layer list (`thisComp`, `comp(name)`).
    Comp(u32),
    /// `comp`.
    CompFn,
    /// Its `layer` function.
    LayerFn(u32),
    /// A layer, by uid.
    Layer(usize),
    /// Its transform group.
    Transform(usize),
    /// Its effects (`effect`), callable.
    Effects(usize),
    /// One effect (layer uid, effect), callable.
    Effect(usize, usize),
    /// A property.
    Prop(Prop),
    /// A keyframe of a property (index from 0).
    Key(Prop, usize),
    /// A property's function.
    Method(Prop, Method),
    /// A layer's `toComp` (true) or `fromComp`.
    Space(usize, bool),
    /// The contents of a shape group (none: of the layer), callable.
    Contents(usize, Option<u32>),
    /// A shape item (layer uid, shape fact).
    Item(usize, u32),
    /// A shape group's transform.
    ShapeTransform(usize, u32),
    /// The `propertyGroup` function of the run's node at this index.
    Climb(u32),
    /// A path (`paths.rs`).
    Path(PathRef),
    /// A path's function.
    PathMethod(PathRef, PathMethod),
    /// `createPath`.
    CreatePath,
}

/// One script's view of the animation.
pub(super) struct Ae<'r, 'a> {
    pub(super) runner: &'r mut Runner<'a>,
    /// The script running.
    id: u32,
    pub(super) script: &'a Script,
    /// The frame it runs at (in its layer's composition).
    pub(super) frame: f64,
    nodes: Vec<Node>,
    /// The paths the run made (`createPath`).
    pub(super) made: Vec<BezierShape>,
    /// Where the script's own property is, once asked (`groups.rs`).
    pub(super) own_place: Option<Prop>,
    /// The last name asked that the model does not have (for the report).
    #[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
    missing: Option<String>,
}

impl<'r, 'a> Ae<'r, 'a> {
    pub(super) fn new(runner: &'r mut Runner<'a>, id: u32, frame: f64) -> Option<Self> {
        let script = runner.scripts.list.get(id as usize)?;
        Some(Ae {
            runner,
            id,
            script,
            frame,
            nodes: Vec::new(),
            made: Vec::new(),
            own_place: None,
            #[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
            missing: None,
        })
    }

    /// `undefined`, for a member the model does not have (named in the
    /// report).
    pub(super) fn unknown(&mut self, name: &str) -> Value {
        #[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
        {
            self.missing = Some(name.to_owned());
        }
        let _ = name;
        Value::Undefined
    }

    /// Why the run fell back, in words for the report: its error, or
    /// (`None`) a result that is not numbers.
    #[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
    pub(super) fn why(&self, error: Option<Error>) -> String {
        match (error, &self.missing) {
            (None, _) if self.script.dims == 0 => "its result is no text".into(),
            (None, _) if self.script.dims == crate::lottie::scripted::PATH_SCRIPT => {
                "its result is no path".into()
            }
            (None, _) => "its result is not a number or a list of numbers".into(),
            (Some(Error::OutOfBudget), _) => "it ran out of steps".into(),
            (Some(_), Some(name)) => format!("`{name}` is not supported"),
            (Some(error), _) => format!("{} ({error:?})", error.name()),
        }
    }

    /// A run's result as the property's numbers (over `fallback`, the
    /// property's own value): a number, an array of numbers, or a property.
    pub(super) fn numbers(
        &mut self,
        engine: &Engine,
        result: Value,
        fallback: Numbers,
        budget: &mut Budget,
    ) -> Option<Numbers> {
        let mut list = Vec::new();
        if engine.numbers(result, &mut list) {
            return Some(over(fallback, &list)).filter(|n| n.iter().all(|x| x.is_finite()));
        }
        if let Some(items) = engine.array(result) {
            // Items that are properties count by their value, as lottie-web's
            // `val[i] * mult` makes them (`[temp, temp]` of a slider).
            list.clear();
            for item in items {
                list.push(match *item {
                    Value::Number(n) => n,
                    Value::Bool(b) => f64::from(u8::from(b)),
                    Value::Host(object) => {
                        let Node::Prop(p) = self.node(object)? else {
                            return None;
                        };
                        let (value, dims) = self.read(p, self.frame, Some(budget));
                        *value.first().filter(|_| dims == 1)?
                    }
                    _ => return None,
                });
            }
            return Some(over(fallback, &list)).filter(|n| n.iter().all(|x| x.is_finite()));
        }
        let Value::Host(object) = result else {
            return None;
        };
        match self.node(object)? {
            Node::Prop(p) => {
                // Its script first (`$bm_rt = thisComp.layer(…).transform.position`).
                let (value, dims) = self.read(p, self.frame, Some(budget));
                let dims = usize::from(dims);
                Some(over(fallback, value.get(..dims)?))
            }
            _ => None,
        }
    }

    pub(super) fn node(&self, object: HostObject) -> Option<Node> {
        self.nodes.get(object.id as usize).copied()
    }

    pub(super) fn hand(&mut self, node: Node) -> Result<Value, Error> {
        if self.nodes.len() >= MAX_NODES {
            return Err(Error::TooLarge);
        }
        self.nodes.push(node);
        Ok(Value::Host(HostObject {
            kind: 0,
            id: self.nodes.len() as u32 - 1,
        }))
    }

    pub(super) fn facts(&self, uid: usize) -> Option<&'a LayerFacts> {
        self.runner.scripts.layers.get(uid)
    }

    /// The layer list `list` (0: the root, `c + 1`: precomp `c`).
    pub(super) fn list(&self, list: u32) -> &'a [Layer] {
        let comp = self.runner.comp;
        match list.checked_sub(1) {
            None => &comp.layers,
            Some(c) => comp.precomps.get(c as usize).map_or(&[], Vec::as_slice),
        }
    }

    /// A composition's size as lottie-web's interface gives it: a
    /// precomp's is its layer's `w` and `h`, the root's for either that is
    /// 0 (`comp.data.w || compSize.w`).
    fn comp_size(&self, list: u32) -> (f64, f64) {
        let comp = self.runner.comp;
        let (w, h) = self
            .runner
            .scripts
            .sizes
            .get(list as usize)
            .copied()
            .unwrap_or_default();
        (
            if w == 0.0 { comp.width } else { w },
            if h == 0.0 { comp.height } else { h },
        )
    }

    /// The frame "now" is for property `p`: lottie-web reads a property at
    /// its own composition's frame. The script's frame in its own layer
    /// list; for another list (reached by `comp(name)`), the root's frame,
    /// or the frame the precomp is first shown at in this one.
    fn now(&self, p: Prop) -> f64 {
        let (Prop::Transform(uid, _)
        | Prop::Param(uid, ..)
        | Prop::Shape(uid, ..)
        | Prop::ShapeTransform(uid, ..)) = p
        else {
            return self.frame;
        };
        let list = |uid| self.facts(uid).map(|f| f.list);
        match list(uid) {
            Some(l) if Some(l) != list(self.script_layer()) => self
                .runner
                .list_frames
                .get(l as usize)
                .copied()
                .flatten()
                .unwrap_or(self.frame),
            _ => self.frame,
        }
    }

    /// `comp(name)`: the composition of that name, or null.
    fn comp_named(&mut self, cx: &Ctx<'_>, name: Value) -> Result<Value, Error> {
        let Some(name) = cx.str(name) else {
            return Ok(Value::Null);
        };
        match self.runner.scripts.comps.iter().find(|(n, _)| n == name) {
            Some(&(_, list)) => self.hand(Node::Comp(list)),
            None => Ok(Value::Null),
        }
    }

    pub(super) fn layer(&self, uid: usize) -> Option<&'a Layer> {
        let facts = self.facts(uid)?;
        self.list(facts.list).get(facts.position as usize)
    }

    /// The layer of the script running (its uid).
    pub(super) fn script_layer(&self) -> usize {
        self.script.layer
    }

    fn seconds(&self, frame: f64) -> Value {
        Value::Number(frame / self.runner.comp.frame_rate)
    }

    /// A property's numbers and its number of components at the script's
    /// frame: its script's value (run first, from `budget`; none: read
    /// without running anything), else its keyframes'.
    fn read(&mut self, p: Prop, frame: f64, budget: Option<&mut Budget>) -> (Numbers, u8) {
        if frame != self.frame {
            return self.read_base(p, frame);
        }
        let frame = self.now(p);
        let scripted = match p {
            Prop::Own(_) => None,
            Prop::Transform(uid, key) => {
                self.layer(uid).and_then(|l| scripted_id(&l.transform, key))
            }
            Prop::Param(uid, e, i) => self
                .facts(uid)
                .and_then(|f| f.effects.get(e))
                .and_then(|e| e.params.get(i))
                .and_then(|p| p.value.scripted_id()),
            Prop::Shape(..) | Prop::ShapeTransform(..) => {
                self.shape_value(p, frame).and_then(|(_, id)| id)
            }
        };
        let Some(id) = scripted else {
            return self.read_base(p, frame);
        };
        if let Some(budget) = budget {
            self.runner.ensure(id, frame, budget);
        }
        let (base, dims) = self.read_base(p, frame);
        (scripted::value(id, frame).unwrap_or(base), dims)
    }

    /// A property's keyframes' numbers at `frame`, without its expression
    /// (lottie-web's `valueAtTime`, `velocityAtTime`, `value` of the
    /// script's own property).
    fn read_base(&self, p: Prop, frame: f64) -> (Numbers, u8) {
        let found = match p {
            Prop::Own(id) => self
                .runner
                .scripts
                .list
                .get(id as usize)
                .map(|s| (s.base.at(frame), s.dims)),
            Prop::Transform(uid, key) => self
                .layer(uid)
                .map(|l| transform_value(&l.transform, key, frame)),
            Prop::Param(uid, e, i) => self
                .facts(uid)
                .and_then(|f| f.effects.get(e))
                .and_then(|e| e.params.get(i))
                .map(|p| (p.value.base_at(frame), p.dims)),
            Prop::Shape(..) | Prop::ShapeTransform(..) => {
                self.shape_value(p, frame).map(|(v, _)| v)
            }
        };
        found.unwrap_or(([0.0; 4], 1))
    }

    /// A property's own keyframes (its value without expression):
    /// the script's, a parameter's; transforms read by `valueAtTime` only.
    fn keyed(&self, p: Prop) -> Option<&'a Animated<Numbers>> {
        match p {
            Prop::Own(id) => self.runner.scripts.list.get(id as usize).map(|s| &s.base),
            Prop::Param(uid, e, i) => self
                .facts(uid)?
                .effects
                .get(e)?
                .params
                .get(i)
                .map(|p| &p.value),
            Prop::Transform(..) | Prop::Shape(..) | Prop::ShapeTransform(..) => None,
        }
    }

    /// The value of a source-text script's own property (`None` for any
    /// other): its layer's document text at the frame, as the file has it
    /// (a bound text is never read).
    fn own_text(&self, cx: &mut Ctx<'_>, p: Prop) -> Option<Result<Value, Error>> {
        if p != Prop::Own(self.id) || self.script.dims != 0 {
            return None;
        }
        let LayerKind::Text(text) = &self.layer(self.script_layer())?.kind else {
            return None;
        };
        let doc = text.document_at(self.frame)?;
        Some(cx.new_string(doc.text.expose().to_owned()))
    }

    /// Numbers as a script value: a number, or an array of `dims`.
    fn value(cx: &mut Ctx<'_>, numbers: Numbers, dims: u8) -> Result<Value, Error> {
        match numbers.get(..usize::from(dims)) {
            Some([one]) => Ok(Value::Number(*one)),
            Some(list) => cx.new_numbers(list),
            None => Ok(Value::Undefined),
        }
    }

    /// Layer `uid`'s world matrix at the script's frame (its parents'
    /// scripts run first).
    fn world(&mut self, uid: usize, cx: &mut Ctx<'_>) -> Affine {
        let mut chain = Vec::new();
        let mut at = Some(uid);
        while let Some(uid) = at {
            if chain.len() > 64 {
                break;
            }
            chain.push(uid);
            let (Some(layer), Some(facts)) = (self.layer(uid), self.facts(uid)) else {
                break;
            };
            at = layer
                .parent
                .and_then(|p| self.list(facts.list).get(p))
                .map(|p| p.uid);
        }
        let mut world = Affine::IDENTITY;
        for uid in chain.into_iter().rev() {
            let Some(layer) = self.layer(uid) else {
                continue;
            };
            // The scripts of its matrix only, as lottie-web reads them:
            // running the layer's others here (opacity, effects, contents)
            // would run scripts that may be waiting on this one, and fix
            // their values for the frame.
            for id in matrix_scripts(&layer.transform) {
                self.runner.ensure(id, self.frame, cx.budget);
            }
            world = world * transform_matrix(&layer.transform, self.frame);
        }
        world
    }

    fn layer_member(&mut self, cx: &mut Ctx<'_>, uid: usize, key: &str) -> Result<Value, Error> {
        let Some(layer) = self.layer(uid) else {
            return Ok(Value::Undefined);
        };
        let facts = self.facts(uid);
        let transform = |k| Node::Prop(Prop::Transform(uid, k));
        let node = match key {
            "transform" => Node::Transform(uid),
            "effect" => Node::Effects(uid),
            "content" if matches!(layer.kind, LayerKind::Shape(_)) => Node::Contents(uid, None),
            "position" => transform(Key::Position),
            "rotation" => transform(Key::Rotation),
            "scale" => transform(Key::Scale),
            "anchorPoint" => transform(Key::Anchor),
            "opacity" => transform(Key::Opacity),
            "toComp" | "toWorld" => Node::Space(uid, true),
            "fromComp" | "fromWorld" => Node::Space(uid, false),
            "parent" => match self.parent(uid) {
                Some(parent) => Node::Layer(parent),
                None => return Ok(Value::Undefined),
            },
            "hasParent" => return Ok(Value::Bool(self.parent(uid).is_some())),
            "index" => {
                return Ok(facts
                    .and_then(|f| f.ind)
                    .map_or(Value::Undefined, Value::Number))
            }
            "name" | "_name" => return cx.new_string(layer.name.clone()),
            "inPoint" => return Ok(self.seconds(layer.in_point)),
            "outPoint" => return Ok(self.seconds(layer.out_point)),
            "startTime" => return Ok(self.seconds(layer.start_time)),
            "active" => return Ok(Value::Bool(!layer.hidden)),
            _ => return Ok(self.unknown(key)),
        };
        self.hand(node)
    }

    fn parent(&self, uid: usize) -> Option<usize> {
        let facts = self.facts(uid)?;
        let parent = self.layer(uid)?.parent?;
        self.list(facts.list).get(parent).map(|l| l.uid)
    }

    /// A layer control's layer (`ty` 10): the layer of layer `uid`'s list
    /// whose `ind` its value is, at the script's frame (lottie-web's
    /// `compInterface(value)`), else `null`.
    fn layer_control(&mut self, uid: usize, e: usize, i: usize) -> Result<Value, Error> {
        let (value, _) = self.read(Prop::Param(uid, e, i), self.frame, None);
        let list = self.facts(uid).map_or(0, |f| f.list);
        let found = self
            .list(list)
            .iter()
            .find(|layer| self.facts(layer.uid).and_then(|f| f.ind) == value.first().copied());
        match found {
            Some(layer) => self.hand(Node::Layer(layer.uid)),
            None => Ok(Value::Null),
        }
    }

    fn prop_member(&mut self, cx: &mut Ctx<'_>, p: Prop, key: Value) -> Result<Value, Error> {
        if let Value::Number(i) = key {
            let (numbers, dims) = self.read(p, self.frame, Some(&mut *cx.budget));
            let i = i as usize;
            return Ok(
                if i < usize::from(dims) && i as f64 == key.as_number().unwrap_or(-1.0) {
                    numbers
                        .get(i)
                        .map_or(Value::Undefined, |n| Value::Number(*n))
                } else {
                    Value::Undefined
                },
            );
        }
        let name = cx.str(key).unwrap_or_default().to_owned();
        self.prop_member_named(cx, p, &name)
    }

    /// `property.name`: its value, velocity, key count or a keyframe
    /// function (also the globals of the script's own property).
    fn prop_member_named(&mut self, cx: &mut Ctx<'_>, p: Prop, name: &str) -> Result<Value, Error> {
        let method = |m| Node::Method(p, m);
        let node = match name {
            "value" => {
                if let Some(text) = self.own_text(cx, p) {
                    return text;
                }
                let (numbers, dims) = self.read(p, self.frame, Some(&mut *cx.budget));
                return Self::value(cx, numbers, dims);
            }
            "velocity" => return self.velocity(cx, p, self.frame),
            "numKeys" => {
                let count = self.key_count(p);
                return Ok(Value::Number(count as f64));
            }
            "key" => method(Method::Key),
            "nearestKey" => method(Method::NearestKey),
            "valueAtTime" => method(Method::ValueAtTime),
            "velocityAtTime" => method(Method::VelocityAtTime),
            "speedAtTime" => method(Method::SpeedAtTime),
            "loopOut" | "loop_out" => method(Method::Loop(true, false)),
            "loopIn" | "loop_in" => method(Method::Loop(false, false)),
            "loopOutDuration" => method(Method::Loop(true, true)),
            "loopInDuration" => method(Method::Loop(false, true)),
            other => return Ok(self.unknown(other)),
        };
        self.hand(node)
    }

    /// How many keyframes a property has (0: none the model keeps).
    fn key_count(&self, p: Prop) -> usize {
        self.keyed(p)
            .and_then(Animated::keyframes)
            .map_or(0, |k| k.count())
    }

    /// `velocityAtTime`: lottie-web's difference over a thousandth of a
    /// second back.
    fn velocity(&mut self, cx: &mut Ctx<'_>, p: Prop, frame: f64) -> Result<Value, Error> {
        let step = 0.001 * self.runner.comp.frame_rate;
        let (now, dims) = self.read_base(p, frame);
        let (before, _) = self.read_base(p, frame - step);
        let mut velocity = [0.0; 4];
        for (v, (a, b)) in velocity.iter_mut().zip(now.iter().zip(&before)) {
            *v = (b - a) / -0.001;
        }
        Self::value(cx, velocity, dims)
    }

    fn call_method(
        &mut self,
        cx: &mut Ctx<'_>,
        p: Prop,
        method: Method,
        args: &[Value],
    ) -> Result<Value, Error> {
        let fr = self.runner.comp.frame_rate;
        let number = |i: usize| args.get(i).map(|v| cx.to_number(*v));
        match method {
            Method::ValueAtTime => {
                let frame = number(0).unwrap_or(f64::NAN) * fr;
                let (numbers, dims) = self.read_base(p, frame);
                Self::value(cx, numbers, dims)
            }
            Method::VelocityAtTime => {
                let frame = number(0).unwrap_or(f64::NAN) * fr;
                self.velocity(cx, p, frame)
            }
            Method::SpeedAtTime => {
                let frame = number(0).unwrap_or(f64::NAN) * fr;
                let (a, dims) = self.read_base(p, frame);
                let (b, _) = self.read_base(p, frame - 0.01 * fr);
                let squares: f64 = a
                    .iter()
                    .zip(&b)
                    .take(usize::from(dims))
                    .map(|(a, b)| (b - a) * (b - a))
                    .sum();
                Ok(Value::Number(if dims > 1 {
                    squares.sqrt() * 100.0
                } else {
                    0.0
                }))
            }
            Method::Key => {
                let count = self.key_count(p);
                let n = number(0).unwrap_or(f64::NAN);
                if !(n >= 1.0 && n <= count as f64) {
                    return Err(Error::Range);
                }
                self.hand(Node::Key(p, n as usize - 1))
            }
            Method::NearestKey => {
                let Some(keyed) = self.keyed(p) else {
                    return Err(Error::Range);
                };
                let (index, _) = nearest_key(keyed, number(0).unwrap_or(f64::NAN) * fr);
                self.hand(Node::Key(p, index.saturating_sub(1)))
            }
            Method::Loop(out, by_duration) => {
                let kind = args
                    .first()
                    .and_then(|v| cx.str(*v))
                    .map_or(Loop::Cycle, Loop::named);
                let call = LoopCall {
                    out,
                    kind,
                    amount: number(1),
                    by_duration,
                };
                let (now, dims) = self.read(p, self.frame, Some(&mut *cx.budget));
                let layer = self.layer(self.script_layer());
                let span = layer.map_or((0.0, 0.0), |l| (l.in_point, l.out_point));
                let looped = self
                    .keyed(p)
                    .and_then(|k| looped(k, call, self.frame, fr, dims == 1, span));
                Self::value(cx, looped.unwrap_or(now), dims)
            }
        }
    }

    /// Keyframe `index` (from 0) of a property: its time, value and
    /// number of components.
    fn key(&mut self, p: Prop, index: usize) -> Option<(f64, Numbers, u8)> {
        let (time, value) = self.keyed(p)?.keyframes()?.key(index)?;
        let value = *value;
        let dims = self.read_base(p, self.frame).1;
        Some((time, value, dims))
    }

    fn key_member(
        &mut self,
        cx: &mut Ctx<'_>,
        p: Prop,
        index: usize,
        key: Value,
    ) -> Result<Value, Error> {
        let Some((time, value, dims)) = self.key(p, index) else {
            return Ok(Value::Undefined);
        };
        if let Value::Number(i) = key {
            return Ok(value
                .get(i as usize)
                .filter(|_| i >= 0.0 && (i as usize) < usize::from(dims))
                .map_or(Value::Undefined, |n| Value::Number(*n)));
        }
        match cx.str(key).unwrap_or_default() {
            "time" => Ok(self.seconds(time)),
            "value" => Self::value(cx, value, dims),
            "index" => Ok(Value::Number(index as f64 + 1.0)),
            _ => Ok(Value::Undefined),
        }
    }
}

/// Whether `key` names an effect or parameter: its `nm`, `mn`, or `ix`.
fn names(cx: &Ctx<'_>, key: Value, name: &str, match_name: &str, index: Option<f64>) -> bool {
    match key {
        Value::Number(n) => index == Some(n),
        _ => cx.str(key).is_some_and(|k| k == name || k == match_name),
    }
}

impl Host for Ae<'_, '_> {
    fn global(&mut self, cx: &mut Ctx<'_>, name: &str) -> Option<Value> {
        let uid = self.script_layer();
        let own = Prop::Own(self.id);
        let layer = self.layer(uid)?;
        let node = match name {
            "value" if self.script.path.is_some() => Node::Path(PathRef::Own),
            "value" => {
                if let Some(text) = self.own_text(cx, own) {
                    return text.ok();
                }
                let (numbers, dims) = self.read_base(own, self.frame);
                return Self::value(cx, numbers, dims).ok();
            }
            "time" => return Some(self.seconds(self.frame)),
            "thisComp" => Node::Comp(self.facts(uid)?.list),
            "thisLayer" => Node::Layer(uid),
            "thisProperty" if self.script.path.is_some() => Node::Path(PathRef::Own),
            "thisProperty" => Node::Prop(own),
            "createPath" => Node::CreatePath,
            "comp" => Node::CompFn,
            "fromCompToSurface" => Node::Space(uid, false),
            "transform" | "$bm_transform" => Node::Transform(uid),
            "effect" => Node::Effects(uid),
            "content" if matches!(layer.kind, LayerKind::Shape(_)) => Node::Contents(uid, None),
            "anchorPoint" => Node::Prop(Prop::Transform(uid, Key::Anchor)),
            "toComp" | "toWorld" => Node::Space(uid, true),
            "fromComp" | "fromWorld" => Node::Space(uid, false),
            // The keyframe API of the script's own property.
            "numKeys" | "velocity" | "loopOut" | "loop_out" | "loopIn" | "loop_in"
            | "loopOutDuration" | "loopInDuration" | "key" | "nearestKey" | "valueAtTime"
            | "velocityAtTime" | "speedAtTime" => {
                return self.prop_member_named(cx, own, name).ok();
            }
            // lottie-web declares these and leaves them undefined.
            "position" | "rotation" | "scale" | "text" => return Some(Value::Undefined),
            "index" | "hasParent" | "parent" | "inPoint" | "outPoint" | "startTime" | "name"
            | "active" => return self.layer_member(cx, uid, name).ok(),
            "width" | "height" => {
                let size = match layer.kind {
                    LayerKind::Solid { width, height, .. } => {
                        if name == "width" {
                            width
                        } else {
                            height
                        }
                    }
                    _ => 0.0,
                };
                return Some(Value::Number(size));
            }
            _ => {
                #[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
                {
                    self.missing = Some(name.to_owned());
                }
                return None;
            }
        };
        self.hand(node).ok()
    }

    fn member(&mut self, cx: &mut Ctx<'_>, object: HostObject, key: Value) -> Result<Value, Error> {
        let Some(node) = self.node(object) else {
            return Ok(Value::Undefined);
        };
        match cx.str(key) {
            Some("propertyGroup") => return self.property_group(cx, object.id, node),
            Some("propertyIndex") => return self.property_index(cx, node),
            _ => {}
        }
        match node {
            Node::Comp(list) => {
                let comp = self.runner.comp;
                Ok(match cx.str(key).unwrap_or_default() {
                    "layer" => return self.hand(Node::LayerFn(list)),
                    "numLayers" => Value::Number(self.list(list).len() as f64),
                    "width" => Value::Number(self.comp_size(list).0),
                    "height" => Value::Number(self.comp_size(list).1),
                    "frameDuration" => Value::Number(1.0 / comp.frame_rate),
                    "displayStartTime" => Value::Number(0.0),
                    other => {
                        let other = other.to_owned();
                        self.unknown(&other)
                    }
                })
            }
            Node::Layer(uid) => match cx.str(key) {
                Some(name) => {
                    let name = name.to_owned();
                    self.layer_member(cx, uid, &name)
                }
                None => Ok(Value::Undefined),
            },
            Node::Transform(uid) => match transform_key(cx, key) {
                Some(k) => self.hand(Node::Prop(Prop::Transform(uid, k))),
                None => Ok(Value::Undefined),
            },
            Node::Prop(p) => self.prop_member(cx, p, key),
            Node::Key(p, index) => self.key_member(cx, p, index, key),
            Node::Item(uid, fact) => self.item_member(cx, uid, fact, key),
            Node::ShapeTransform(uid, fact) => match transform_key(cx, key) {
                Some(k) => self.hand(Node::Prop(Prop::ShapeTransform(uid, fact, k))),
                None => Ok(Value::Undefined),
            },
            Node::Path(p) => self.path_member(cx, p, key),
            _ => Ok(Value::Undefined),
        }
    }

    fn call(
        &mut self,
        cx: &mut Ctx<'_>,
        callee: HostObject,
        args: &[Value],
    ) -> Result<Value, Error> {
        let Some(node) = self.node(callee) else {
            return Err(Error::NotAFunction);
        };
        let arg = args.first().copied().unwrap_or_default();
        match node {
            Node::CompFn => self.comp_named(cx, arg),
            Node::LayerFn(list) => {
                let found = self.list(list).iter().find(|layer| match arg {
                    Value::Number(n) => self.facts(layer.uid).and_then(|f| f.ind) == Some(n),
                    _ => cx.str(arg) == Some(layer.name.as_str()),
                });
                match found {
                    Some(layer) => self.hand(Node::Layer(layer.uid)),
                    None => Ok(Value::Null),
                }
            }
            Node::Layer(uid) => {
                let node = match arg {
                    Value::Number(n) if n == 1.0 || n == 6.0 => Node::Transform(uid),
                    Value::Number(2.0) => Node::Contents(uid, None),
                    Value::Number(4.0) => Node::Effects(uid),
                    _ => match cx.str(arg).unwrap_or_default() {
                        "Transform" | "transform" | "ADBE Transform Group" => Node::Transform(uid),
                        "Effects" | "effects" | "ADBE Effect Parade" => Node::Effects(uid),
                        "Contents" | "ADBE Root Vectors Group" => Node::Contents(uid, None),
                        _ => return Ok(Value::Null),
                    },
                };
                self.hand(node)
            }
            Node::Transform(uid) => match transform_key(cx, arg) {
                Some(k) => self.hand(Node::Prop(Prop::Transform(uid, k))),
                None => Ok(Value::Null),
            },
            Node::Effects(uid) => {
                let effects = self.facts(uid).map_or(&[][..], |f| f.effects.as_slice());
                let found = effects
                    .iter()
                    .position(|e| names(cx, arg, &e.name, &e.match_name, e.index));
                match found {
                    Some(e) => self.hand(Node::Effect(uid, e)),
                    None => Ok(Value::Null),
                }
            }
            Node::Effect(uid, e) => {
                let params = self
                    .facts(uid)
                    .and_then(|f| f.effects.get(e))
                    .map_or(&[][..], |e| e.params.as_slice());
                let found = params
                    .iter()
                    .position(|p| names(cx, arg, &p.name, &p.match_name, p.index));
                match found {
                    Some(i) if params.get(i).is_some_and(|p| p.layer) => {
                        self.layer_control(uid, e, i)
                    }
                    Some(i) => self.hand(Node::Prop(Prop::Param(uid, e, i))),
                    None => Ok(Value::Null),
                }
            }
            Node::Method(p, method) => self.call_method(cx, p, method, args),
            Node::PathMethod(p, method) => self.path_call(cx, p, method, args),
            Node::CreatePath => self.create_path(cx, args),
            Node::Contents(uid, group) => self.content(cx, uid, group, arg),
            Node::Item(uid, fact) => self.item_call(cx, uid, fact, arg),
            Node::ShapeTransform(uid, fact) => match shape_transform_key(cx, arg) {
                Some(k) => self.hand(Node::Prop(Prop::ShapeTransform(uid, fact, k))),
                None => Ok(Value::Null),
            },
            Node::Climb(of) => {
                let Some(node) = self.node(HostObject { kind: 0, id: of }) else {
                    return Ok(Value::Undefined);
                };
                let n = match arg {
                    Value::Undefined => 1.0,
                    other => cx.to_number(other),
                };
                self.climb(cx, node, n)
            }
            Node::Space(uid, to) => {
                // A property (`toComp(anchorPoint)`): its value.
                let arg = match arg {
                    Value::Host(h) => self.value_of(cx, h)?,
                    other => other,
                };
                let point = cx.array(arg).map_or([0.0; 2], |a| {
                    let n = |i: usize| a.get(i).map_or(0.0, |v| v.as_number().unwrap_or(0.0));
                    [n(0), n(1)]
                });
                let world = self.world(uid, cx);
                let matrix = if to { Some(world) } else { world.inverse() };
                let p = matrix.map_or(Vec2::new(0.0, 0.0), |m| {
                    m.apply(Vec2::new(point[0], point[1]))
                });
                cx.new_numbers(&[p.x, p.y, 0.0])
            }
            _ => Err(Error::NotAFunction),
        }
    }

    fn value_of(&mut self, cx: &mut Ctx<'_>, object: HostObject) -> Result<Value, Error> {
        match self.node(object) {
            Some(Node::Prop(p)) => {
                if let Some(text) = self.own_text(cx, p) {
                    return text;
                }
                let (numbers, dims) = self.read(p, self.frame, Some(&mut *cx.budget));
                Self::value(cx, numbers, dims)
            }
            Some(Node::Key(p, index)) => match self.key(p, index) {
                Some((_, numbers, dims)) => Self::value(cx, numbers, dims),
                None => Ok(Value::Undefined),
            },
            _ => Err(Error::Type),
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn math(&mut self, f: Builtin, x: f64, y: f64) -> f64 {
        js_math(f, x, y)
    }
}

/// `Math`'s transcendental functions from the JS engine (lottie-web's exact
/// results, and no libm in the wasm).
#[cfg(target_arch = "wasm32")]
fn js_math(f: Builtin, x: f64, y: f64) -> f64 {
    use js_sys::Math as M;
    match f {
        Builtin::Acos => M::acos(x),
        Builtin::Acosh => M::acosh(x),
        Builtin::Asin => M::asin(x),
        Builtin::Asinh => M::asinh(x),
        Builtin::Atan => M::atan(x),
        Builtin::Atanh => M::atanh(x),
        Builtin::Atan2 => M::atan2(x, y),
        Builtin::Cbrt => M::cbrt(x),
        Builtin::Expm1 => M::expm1(x),
        Builtin::Cos => M::cos(x),
        Builtin::Cosh => M::cosh(x),
        Builtin::Exp => M::exp(x),
        Builtin::Log => M::log(x),
        Builtin::Log1p => M::log1p(x),
        Builtin::Log2 => M::log2(x),
        Builtin::Log10 => M::log10(x),
        Builtin::Pow => M::pow(x, y),
        Builtin::Sin => M::sin(x),
        Builtin::Sinh => M::sinh(x),
        Builtin::Tan => M::tan(x),
        Builtin::Tanh => M::tanh(x),
        _ => 0.0,
    }
}
