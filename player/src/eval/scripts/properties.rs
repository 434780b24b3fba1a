//! Reading the model's transform properties as expressions see them (and
//! the names of shape items' properties, [`ShapeKey`]):
//! by lottie-web's interface names and After Effects' names and indices,
//! as numbers with lottie-web's number of components, and which script,
//! if any, sets each.
//!
//! Must never run a script (the host does, first).

use crate::expressions::{Ctx, Value};
use crate::geometry::Vec2;
use crate::lottie::animated::Animated;
use crate::lottie::scripted::Numbers;
use crate::lottie::{Position, Transform};

/// A transform property, by what lottie-web's transform interface calls it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Key {
    Anchor,
    Position,
    PositionX,
    PositionY,
    Scale,
    Rotation,
    Opacity,
    Skew,
    SkewAxis,
}

/// Every transform property.
pub(super) const TRANSFORM_KEYS: [Key; 9] = [
    Key::Anchor,
    Key::Position,
    Key::PositionX,
    Key::PositionY,
    Key::Scale,
    Key::Rotation,
    Key::Opacity,
    Key::Skew,
    Key::SkewAxis,
];

/// The scripts of the properties that make a transform's matrix (all
/// but opacity, 3D rotations included).
pub(super) fn matrix_scripts(t: &Transform) -> impl Iterator<Item = u32> + '_ {
    let planar = TRANSFORM_KEYS
        .into_iter()
        .filter(|&k| k != Key::Opacity)
        .filter_map(|k| scripted_id(t, k));
    let turned = t.rotation_3d.iter().flat_map(|r| {
        [
            r.x.scripted_id(),
            r.y.scripted_id(),
            r.orientation.scripted_id(),
        ]
        .into_iter()
        .flatten()
    });
    planar.chain(turned)
}

/// The script id of a transform property, when it has an expression.
pub(super) fn scripted_id(t: &Transform, key: Key) -> Option<u32> {
    let id = |a: &dyn ScriptedId| a.scripted_id();
    match key {
        Key::Anchor => id(&t.anchor),
        Key::Position => match &t.position {
            Position::Joined(p) => id(p),
            Position::Split(..) => None,
        },
        Key::PositionX | Key::PositionY => match &t.position {
            Position::Split(x, y) => id(if key == Key::PositionX { x } else { y }),
            Position::Joined(p) => id(p),
        },
        Key::Scale => id(&t.scale),
        Key::Rotation => id(&t.rotation),
        Key::Opacity => id(&t.opacity),
        Key::Skew => id(&t.skew),
        Key::SkewAxis => id(&t.skew_axis),
    }
}

/// Which script a property has, of any value type.
pub(super) trait ScriptedId {
    fn scripted_id(&self) -> Option<u32>;
}

impl<T> ScriptedId for Animated<T> {
    fn scripted_id(&self) -> Option<u32> {
        match self {
            Animated::Scripted(s) => Some(s.1),
            _ => None,
        }
    }
}

/// A transform property's keyframes' numbers at `frame` (the table has
/// what its script gave): positions, anchors and
/// scales with three components as lottie-web gives them (z 0 or 100).
pub(super) fn transform_value(t: &Transform, key: Key, frame: f64) -> (Numbers, u8) {
    let point = |v: Vec2, z: f64| ([v.x, v.y, z, 0.0], 3);
    let scalar = |n: f64| ([n, 0.0, 0.0, 0.0], 1);
    match key {
        Key::Anchor => point(t.anchor.base_at(frame), 0.0),
        Key::Position => point(t.position.base_at(frame), 0.0),
        Key::PositionX => scalar(t.position.base_at(frame).x),
        Key::PositionY => scalar(t.position.base_at(frame).y),
        Key::Scale => point(t.scale.base_at(frame), 100.0),
        Key::Rotation => scalar(t.rotation.base_at(frame)),
        Key::Opacity => scalar(t.opacity.base_at(frame)),
        Key::Skew => scalar(t.skew.base_at(frame)),
        Key::SkewAxis => scalar(t.skew_axis.base_at(frame)),
    }
}

/// A transform property by an After Effects name or index, as lottie-web's
/// transform interface takes them.
pub(super) fn transform_key(cx: &Ctx<'_>, key: Value) -> Option<Key> {
    if let Value::Number(n) = key {
        return match n as i64 {
            1 => Some(Key::Anchor),
            2 => Some(Key::Position),
            6 => Some(Key::Scale),
            10 => Some(Key::Rotation),
            11 => Some(Key::Opacity),
            _ => None,
        };
    }
    Some(match cx.str(key)? {
        "anchorPoint" | "AnchorPoint" | "Anchor Point" | "ADBE AnchorPoint" => Key::Anchor,
        "position" | "Position" | "ADBE Position" => Key::Position,
        "ADBE Position_0" | "xPosition" => Key::PositionX,
        "ADBE Position_1" | "yPosition" => Key::PositionY,
        "scale" | "Scale" | "ADBE Scale" => Key::Scale,
        "rotation" | "Rotation" | "ADBE Rotation" | "ADBE Rotate Z" | "zRotation" => Key::Rotation,
        "opacity" | "Opacity" | "ADBE Opacity" => Key::Opacity,
        "skew" | "Skew" => Key::Skew,
        "skewAxis" | "Skew Axis" => Key::SkewAxis,
        _ => return None,
    })
}

/// A layer transform property's index (lottie-web's transform interface
/// takes the same numbers).
pub(super) fn layer_transform_index(key: Key) -> f64 {
    match key {
        Key::Anchor => 1.0,
        Key::Position | Key::PositionX | Key::PositionY => 2.0,
        Key::Scale => 6.0,
        Key::Rotation => 10.0,
        Key::Opacity => 11.0,
        Key::Skew => 4.0,
        Key::SkewAxis => 5.0,
    }
}

/// A shape group's transform property's index.
pub(super) fn shape_transform_index(key: Key) -> f64 {
    match key {
        Key::Anchor => 1.0,
        Key::Position | Key::PositionX | Key::PositionY => 2.0,
        Key::Scale => 3.0,
        Key::Skew => 4.0,
        Key::SkewAxis => 5.0,
        Key::Rotation => 6.0,
        Key::Opacity => 7.0,
    }
}

/// A shape group's transform property by its index (anchor 1, position
/// 2, scale 3, skew 4 and 5, rotation 6, opacity 7) or a name, as
/// lottie-web's shape transform interface takes them.
pub(super) fn shape_transform_key(cx: &Ctx<'_>, key: Value) -> Option<Key> {
    if let Value::Number(n) = key {
        return TRANSFORM_KEYS
            .into_iter()
            .filter(|&k| !matches!(k, Key::PositionX | Key::PositionY))
            .find(|&k| shape_transform_index(k) == n);
    }
    match cx.str(key)? {
        "ADBE Vector Rotation" => Some(Key::Rotation),
        _ => transform_key(cx, key),
    }
}

/// A property of a shape item, by lottie-web's interface name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum ShapeKey {
    Size,
    Position,
    Roundness,
    Points,
    Rotation,
    InnerRadius,
    OuterRadius,
    InnerRoundness,
    OuterRoundness,
    Color,
    Opacity,
    StrokeWidth,
    Start,
    End,
    Offset,
}

impl ShapeKey {
    pub(super) fn named(name: &str) -> Option<ShapeKey> {
        Some(match name {
            "size" => ShapeKey::Size,
            "position" => ShapeKey::Position,
            "roundness" => ShapeKey::Roundness,
            "points" => ShapeKey::Points,
            "rotation" => ShapeKey::Rotation,
            "innerRadius" => ShapeKey::InnerRadius,
            "outerRadius" => ShapeKey::OuterRadius,
            "innerRoundness" => ShapeKey::InnerRoundness,
            "outerRoundness" => ShapeKey::OuterRoundness,
            "color" => ShapeKey::Color,
            "opacity" => ShapeKey::Opacity,
            "strokeWidth" => ShapeKey::StrokeWidth,
            "start" => ShapeKey::Start,
            "end" => ShapeKey::End,
            "offset" => ShapeKey::Offset,
            _ => return None,
        })
    }
}
