//! Properties: a Lottie property (`{ "k": … }`, keyframes or a slot's
//! value) into its typed [`Animated`] value: scalars, points, colours, lists
//! of numbers (gradient stops), Bézier paths, and the transform group that
//! layers, shape groups and repeaters share. Keyframes keep their timing
//! (hold, easing, motion-path tangents) apart from their values.
//!
//! Must never fail: anything unreadable takes the default it is given, and
//! a keyframe out of order or without a value is skipped. Never runs an
//! expression (`x`): the full player's build parses it into a script
//! (`scripts.rs`), the lite one hands the file to the full player; reads
//! at most [`MAX_KEYFRAMES`] keyframes per property.

use binding_engine::json::Value;

use super::{Importer, Object, MAX_KEYFRAMES};
use crate::geometry::{Rgba, Vec2};
use crate::lottie::animated::{Animated, Easing, KeyTiming, Keyframes, SpatialTangents};
use crate::lottie::model::*;

impl Importer<'_> {
    /// A property holding a list of numbers of any length (gradient stops).
    pub(super) fn numbers(&mut self, property: Option<&Value>) -> Animated<Vec<f64>> {
        let property = self.slot(property).or(property);
        let Some(property) = property else {
            return Animated::Fixed(Vec::new());
        };
        if property.get("x").is_some_and(Value::is_string) {
            self.warn("expression", "x");
        }
        let k = property.get("k").unwrap_or(property);
        let list = |v: &Value| -> Option<Vec<f64>> {
            let items = v.as_array()?;
            let mut numbers = Vec::with_capacity(items.len().min(4_096));
            for n in items.iter().take(4_096) {
                numbers.push(n.as_f64().filter(|n| n.is_finite())?);
            }
            Some(numbers)
        };
        if let Some(values) = list(k) {
            return Animated::Fixed(values);
        }
        let keys = keyframes(k, list);
        keys.into_animated(Vec::new())
    }

    pub(super) fn transform(&mut self, ks: Option<&Value>) -> Transform {
        let get = |key| ks.and_then(|k| k.get(key));
        let position = match get("p") {
            Some(p) if p.get("s").and_then(Value::as_bool) == Some(true) => {
                Position::Split(self.scalar(p.get("x"), 0.0), self.scalar(p.get("y"), 0.0))
            }
            p => Position::Joined(self.point(p, Vec2::default())),
        };
        // As lottie-web reads them: the 3D keys (`rx`, `ry`, `rz`, `or`)
        // only when `rx` is there, else `r` alone (`ry` or `rz` without
        // `rx` do nothing).
        let three_d = get("rx").is_some();
        let rotation = if three_d {
            get("rz").or_else(|| get("r"))
        } else {
            get("r")
        };
        let rotation_3d = three_d.then(|| {
            Box::new(Rotation3d {
                x: self.scalar(get("rx"), 0.0),
                y: self.scalar(get("ry"), 0.0),
                orientation: self
                    .animated(get("or"), [0.0; 4])
                    .map(|c| [c[0], c[1], c[2]]),
            })
        });
        // Exports of 2D layers often carry zero 3D rotations: flat as they are.
        let rotation_3d = rotation_3d.filter(|r| !r.is_flat() && self.full_only("3D rotations"));
        Transform {
            anchor: self.point(get("a"), Vec2::default()),
            position,
            scale: self.point(get("s"), Vec2::new(100.0, 100.0)),
            rotation: self.scalar(rotation, 0.0),
            opacity: self.scalar(get("o"), 100.0),
            skew: self.scalar(get("sk"), 0.0),
            skew_axis: self.scalar(get("sa"), 0.0),
            auto_orient: false,
            rotation_3d,
        }
    }

    /// A number: `{ "k": 5 }`, `{ "k": [5] }` or keyframes.
    pub(super) fn scalar(&mut self, property: Option<&Value>, default: f64) -> Animated<f64> {
        self.animated(property, [default, 0.0, 0.0, 0.0])
            .map(|c| c[0])
    }

    /// A point, size or scale: x and y (a third number, z, is not drawn).
    pub(super) fn point(&mut self, property: Option<&Value>, default: Vec2) -> Animated<Vec2> {
        self.animated(property, [default.x, default.y, 0.0, 0.0])
            .map(|c| Vec2::new(c[0], c[1]))
    }

    /// A colour: red, green, blue and alpha, 0..=1.
    pub(super) fn color(&mut self, property: Option<&Value>, default: Rgba) -> Animated<Rgba> {
        self.animated(property, [default.r, default.g, default.b, default.a])
            .map(|c| rgba(c, c[3]))
    }

    /// A property's numbers, before they get their type: `{ "k": 5 }`,
    /// `{ "k": [1, 2] }` or keyframes.
    pub(super) fn animated(
        &mut self,
        property: Option<&Value>,
        default: Components,
    ) -> Animated<Components> {
        let slot = self.slot(property);
        let Some(property) = slot.or(property) else {
            return Animated::Fixed(default);
        };
        let k = property.get("k").unwrap_or(property);
        let base = match components(k) {
            Some(value) => Animated::Fixed(fill_missing(value, k, default)),
            None => keyframes(k, |s| components(s).map(|v| fill_missing(v, s, default)))
                .into_animated(default),
        };
        match property.get("x").and_then(Value::as_str) {
            // (A slot's value is shared by every property that names it:
            // not the property's own address.)
            Some(text) => self.scripted(text, base, k, slot.is_none()),
            None => base,
        }
    }

    /// A property with an expression: scripted in the full player (which
    /// runs it), drawn without it elsewhere; the lite player hands the
    /// file over.
    /// `in_document`: `k` is the document's own value, whose address
    /// identifies the property while its layer is read.
    fn scripted(
        &mut self,
        text: &str,
        base: Animated<Components>,
        k: &Value,
        in_document: bool,
    ) -> Animated<Components> {
        if !self.full_only("expressions") {
            return base;
        }
        #[cfg(feature = "expressions")]
        if let Some(id) = self.script_of(k).filter(|_| in_document) {
            // The same property read again (an effect's parameter is read
            // for drawing and for `effect()`): one script.
            return Animated::Scripted(Box::new((base, id)));
        }
        #[cfg(feature = "expressions")]
        if let Ok(program) = crate::expressions::Program::parse(text) {
            return self.script(text, program, base, k, in_document);
        }
        let _ = (text, k, in_document);
        self.warn("expression", "x");
        base
    }

    /// The Bézier path at `key` of a path item or mask (`ks`, `pt`); in
    /// files before Bodymovin 4.4.18, closed as its `legacy_key` (`closed`,
    /// `cl`) says ([`Importer::legacy_closed`](super::Importer)).
    pub(super) fn path(
        &mut self,
        obj: &Object,
        key: &str,
        legacy_key: &str,
    ) -> Animated<BezierShape> {
        let slot = self.slot(obj.get(key));
        let Some(property) = slot.or(obj.get(key)) else {
            return Animated::Fixed(BezierShape::default());
        };
        let k = property.get("k").unwrap_or(property);
        let mut shape = match bezier_shape(k) {
            Some(shape) => Animated::Fixed(shape),
            // Keyframed shapes wrap the shape in a one-element array.
            None => keyframes(k, |s| {
                bezier_shape(s.as_array().and_then(|a| a.first()).unwrap_or(s))
            })
            .into_animated(BezierShape::default()),
        };
        // (The lite build hands such files over.)
        let absolute = self.absolute_tangents && self.full_only("data lottie-web completed");
        let legacy = crate::FULL && self.legacy_closed;
        if absolute || legacy {
            let closed = obj.get(legacy_key).and_then(Value::as_bool) == Some(true);
            shape.for_each_value(|shape| {
                if absolute {
                    relative(shape);
                }
                if legacy {
                    shape.closed = closed;
                }
            });
        }
        // An expression: run by the full player (the lite one hands the
        // file over).
        let Some(text) = property.get("x").and_then(Value::as_str) else {
            return shape;
        };
        if !self.full_only("expressions") {
            return shape;
        }
        // (A slot's value is shared by every path that names it: not the
        // path's own address.)
        #[cfg(feature = "expressions")]
        if let Some(id) = self.path_script(text, &shape, k, slot.is_none()) {
            return Animated::Scripted(Box::new((shape, id)));
        }
        let _ = (text, slot);
        shape
    }
}

/// Reads a keyframe list with `value` converting each `s`/`e`.
fn keyframes<T: Clone>(k: &Value, value: impl Fn(&Value) -> Option<T>) -> Keyframes<T> {
    let mut out = Keyframes::default();
    let Some(list) = k.as_array() else {
        return out;
    };
    for (i, key) in list.iter().enumerate().take(MAX_KEYFRAMES) {
        let Some(timing) = key_timing(key) else {
            continue;
        };
        // The last keyframe often has no `s`: it holds the previous `e`.
        let previous = out.last();
        let start = key
            .get("s")
            .and_then(&value)
            .or_else(|| previous.map(|(_, end)| end.clone()));
        let Some(start) = start else { continue };
        if previous.is_some_and(|(time, _)| time > timing.time) {
            continue; // out of order: ignore rather than misinterpolate
        }
        // The next keyframe's start, else this one's `e` (lottie-web's
        // `nextKeyData.s || keyData.e`: the next `s` wins where they differ).
        let end = list
            .get(i + 1)
            .and_then(|n| n.get("s"))
            .and_then(&value)
            .or_else(|| key.get("e").and_then(&value))
            .unwrap_or_else(|| start.clone());
        out.push(timing, start, end);
    }
    out
}

/// A keyframe's time (`t`, finite, or `None`), hold (`h`), easing (`o`,
/// `i`; per dimension where the lists differ) and motion-path tangents:
/// what does not depend on its values.
fn key_timing(key: &Value) -> Option<KeyTiming> {
    let time = key
        .get("t")
        .and_then(Value::as_f64)
        .filter(|t| t.is_finite())?;
    let easing = axis_easing(key, 0);
    let easing_y = Some(axis_easing(key, 1)).filter(|y| *y != easing);
    Some(KeyTiming {
        time,
        hold: key.get("h").and_then(Value::as_f64) == Some(1.0),
        easing,
        easing_y,
        spatial: spatial_tangents(key),
    })
}

/// The easing of a keyframe's dimension `axis`: each of `o.x`, `o.y`,
/// `i.x`, `i.y` a number (every dimension) or a list (its `axis` element,
/// else its first), as lottie-web's `interpolateValue` reads them.
fn axis_easing(key: &Value, axis: usize) -> Easing {
    let number = |v: &Value| {
        v.as_f64().or_else(|| {
            let list = v.as_array()?;
            list.get(axis).or(list.first())?.as_f64()
        })
    };
    let coord = |tangent: &str, c: &str| key.get(tangent)?.get(c).and_then(number);
    // x stays in 0..=1; y may overshoot (back easing).
    let x = |tangent, default: f64| coord(tangent, "x").unwrap_or(default).clamp(0.0, 1.0);
    let y = |tangent, default| {
        coord(tangent, "y")
            .filter(|v| v.is_finite())
            .unwrap_or(default)
    };
    Easing {
        out: Vec2::new(x("o", 0.0), y("o", 0.0)),
        into: Vec2::new(x("i", 1.0), y("i", 1.0)),
    }
}

/// A keyframe's motion-path tangents (`to`, `ti`), when they bend the path.
fn spatial_tangents(key: &Value) -> Option<SpatialTangents> {
    let vec = |name: &str| {
        let c = key.get(name).and_then(components)?;
        Some(Vec2::new(c[0], c[1]))
    };
    let (out, into) = (vec("to")?, vec("ti")?);
    let zero = Vec2::default();
    (out != zero || into != zero).then_some(SpatialTangents { out, into })
}

/// `5` or `[1, 2, 3]` as components; `None` for anything else (keyframes).
pub(super) fn components(v: &Value) -> Option<Components> {
    if let Some(n) = v.as_f64() {
        return n.is_finite().then_some([n, 0.0, 0.0, 0.0]);
    }
    let list = v.as_array()?;
    let mut out = [0.0; 4];
    for (slot, item) in out.iter_mut().zip(list) {
        *slot = item.as_f64().filter(|n| n.is_finite())?;
    }
    (!list.is_empty()).then_some(out)
}

/// Components a value did not give keep their default (e.g. a colour's alpha).
fn fill_missing(mut value: Components, source: &Value, default: Components) -> Components {
    let given = source.as_array().map_or(1, Vec::len);
    for (slot, d) in value.iter_mut().zip(default).skip(given) {
        *slot = d;
    }
    value
}

/// Tangents written as absolute positions made offsets from their vertex.
fn relative(shape: &mut BezierShape) {
    for tangents in [&mut shape.in_tangents, &mut shape.out_tangents] {
        for (tangent, vertex) in tangents.iter_mut().zip(&shape.vertices) {
            *tangent = Vec2::new(tangent.x - vertex.x, tangent.y - vertex.y);
        }
    }
}

/// `{ "v": …, "i": …, "o": …, "c": … }` as a path; tangents missing or
/// short are zero.
fn bezier_shape(v: &Value) -> Option<BezierShape> {
    let obj = v.as_object()?;
    let points = |key| -> Option<Vec<Vec2>> {
        let list = obj.get(key)?.as_array()?;
        let mut points = Vec::with_capacity(list.len());
        for p in list {
            let c = components(p)?;
            points.push(Vec2::new(c[0], c[1]));
        }
        Some(points)
    };
    let vertices = points("v")?;
    let n = vertices.len();
    let tangents = |key| {
        let mut t = points(key).unwrap_or_default();
        t.resize(n, Vec2::default());
        t
    };
    Some(BezierShape {
        closed: obj.get("c").and_then(Value::as_bool).unwrap_or(false),
        in_tangents: tangents("i"),
        out_tangents: tangents("o"),
        vertices,
    })
}

/// Up to four numbers of a property as read (scalar, point, colour), before
/// they get their type; unused ones are zero.
type Components = [f64; 4];

/// How many components a property has in the file: a number's 1, else
/// its list's length (or its first keyframe's), at most 4.
#[cfg(feature = "expressions")]
pub(super) fn dims(k: &Value) -> u8 {
    let list = match k.as_array() {
        Some(list) if list.first().is_some_and(|f| f.as_f64().is_none()) => list
            .first()
            .and_then(|key| key.get("s"))
            .and_then(Value::as_array),
        list => list,
    };
    list.map_or(1, Vec::len).clamp(1, 4) as u8
}

/// Components as a colour with `alpha`.
pub(super) fn rgba(c: Components, alpha: f64) -> Rgba {
    Rgba {
        r: c[0],
        g: c[1],
        b: c[2],
        a: alpha,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::panic, reason = "tests")]
    use super::*;
    use binding_engine::json;

    #[test]
    fn animated_values_fixed_and_keyframed() {
        let mut imp = Importer::default();
        assert_eq!(
            imp.animated(Some(&json!({ "a": 0, "k": 5 })), [0.0; 4]),
            Animated::Fixed([5.0, 0.0, 0.0, 0.0])
        );
        // Missing components keep the default (scale's z).
        assert_eq!(
            imp.animated(Some(&json!({ "k": [50, 60] })), [100.0, 100.0, 100.0, 0.0]),
            Animated::Fixed([50.0, 60.0, 100.0, 0.0])
        );
        let keyed = imp.scalar(
            Some(&json!({ "a": 1, "k": [
                { "t": 0, "s": [0], "o": { "x": [0.5], "y": [0] }, "i": { "x": [0.5], "y": [1] } },
                { "t": 10, "s": [100] }
            ]})),
            0.0,
        );
        assert_eq!(keyed.key_span(), Some((0.0, 10.0)));
        // The last keyframe has no `e`: it reaches what it starts at.
        let Animated::Keyframed(keys) = &keyed else {
            panic!("{keyed:?}")
        };
        assert_eq!(keys.last(), Some((10.0, &100.0)));
        assert!((keyed.at(5.0) - 50.0).abs() < 1e-6);
        assert!(keyed.at(2.0) < 20.0 * 0.9, "eased start is slow");
    }
}
