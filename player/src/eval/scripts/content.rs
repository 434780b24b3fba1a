//! A shape layer's contents as expressions see them, as lottie-web's shape
//! interfaces give them: `content(name | index)` (also `layer(2)` or
//! `('ADBE Root Vectors Group')`) to a group or item, `.content(…)` into a
//! group, a group's `transform`, and items' properties by their
//! interface names (`size`, `position`, `roundness`, `innerRadius`,
//! `color`, `opacity`, `strokeWidth`, `start`, `end`, `offset`…), by
//! After Effects' index (`item(7)`: a star's outer radius) or by the
//! names lottie-web's item functions take. A group called with `2` or
//! `'Contents'` gives its contents, with anything else its transform, as
//! lottie-web's does; the layer's root contents take a number as a place
//! only, a group's contents as an item's `ix` first.
//!
//! Items are found through the layer's [`ShapeFact`]s (names and model
//! paths kept at import); a path item's path (`path`, `shape`, or the item
//! called with `'Path'`) is `paths.rs`'s.
//!
//! Must never index the model without `get`.

use super::host::{Ae, Node, PathRef, Prop};
use super::properties::{scripted_id, transform_value, ScriptedId, ShapeKey};
use crate::expressions::{Ctx, Error, Value};
use crate::geometry::Vec2;
use crate::lottie::animated::Animated;
use crate::lottie::scripted::{Numbers, ShapeFact};
use crate::lottie::{Brush, LayerKind, ShapeItem};

/// One of an item's properties, of its type.
pub(super) enum View<'a> {
    Scalar(&'a Animated<f64>),
    Point(&'a Animated<Vec2>),
    Color(&'a Animated<crate::geometry::Rgba>),
}

impl View<'_> {
    /// The script that sets the property, if any.
    pub(super) fn scripted_id(&self) -> Option<u32> {
        match self {
            View::Scalar(a) => a.scripted_id(),
            View::Point(a) => a.scripted_id(),
            View::Color(a) => a.scripted_id(),
        }
    }
}

/// Item `item`'s properties that scripts address, with their indices
/// among the item's (After Effects' fixed numbers, which Bodymovin writes
/// as each property's `ix`; lottie-web matches the file's own `ix`, the
/// same but for a generator that wrote 2 everywhere).
pub(super) fn item_keys(item: &ShapeItem) -> &'static [(ShapeKey, f64)] {
    use ShapeKey as K;
    match item {
        ShapeItem::Rect { .. } => &[(K::Size, 2.0), (K::Position, 3.0), (K::Roundness, 4.0)],
        ShapeItem::Ellipse { .. } => &[(K::Size, 2.0), (K::Position, 3.0)],
        ShapeItem::Polystar(star) if star.star => &[
            (K::Points, 3.0),
            (K::Position, 4.0),
            (K::Rotation, 5.0),
            (K::InnerRadius, 6.0),
            (K::OuterRadius, 7.0),
            (K::InnerRoundness, 8.0),
            (K::OuterRoundness, 9.0),
        ],
        // A polygon has no inner radius or roundness.
        ShapeItem::Polystar(_) => &[
            (K::Points, 3.0),
            (K::Position, 4.0),
            (K::Rotation, 5.0),
            (K::OuterRadius, 7.0),
            (K::OuterRoundness, 9.0),
        ],
        ShapeItem::Fill {
            brush: Brush::Solid(_),
            ..
        } => &[(K::Color, 4.0), (K::Opacity, 5.0)],
        ShapeItem::Fill { .. } => &[(K::Opacity, 10.0)],
        ShapeItem::Stroke {
            brush: Brush::Solid(_),
            ..
        } => &[(K::Color, 3.0), (K::Opacity, 4.0), (K::StrokeWidth, 5.0)],
        ShapeItem::Stroke { .. } => &[(K::Opacity, 9.0), (K::StrokeWidth, 10.0)],
        ShapeItem::Trim { .. } => &[(K::Start, 1.0), (K::End, 2.0), (K::Offset, 3.0)],
        _ => &[],
    }
}

/// Item `item`'s property `key`, if it has one.
pub(super) fn view(item: &ShapeItem, key: ShapeKey) -> Option<View<'_>> {
    use ShapeKey as K;
    use View::*;
    Some(match (item, key) {
        (ShapeItem::Rect { size, .. } | ShapeItem::Ellipse { size, .. }, K::Size) => Point(size),
        (ShapeItem::Rect { position, .. } | ShapeItem::Ellipse { position, .. }, K::Position) => {
            Point(position)
        }
        (ShapeItem::Rect { roundness, .. }, K::Roundness) => Scalar(roundness),
        (ShapeItem::Polystar(star), _) => match key {
            K::Points => Scalar(&star.points),
            K::Position => Point(&star.position),
            K::Rotation => Scalar(&star.rotation),
            K::InnerRadius => Scalar(&star.inner_radius),
            K::OuterRadius => Scalar(&star.outer_radius),
            K::InnerRoundness => Scalar(&star.inner_roundness),
            K::OuterRoundness => Scalar(&star.outer_roundness),
            _ => return None,
        },
        (ShapeItem::Fill { brush, .. } | ShapeItem::Stroke { brush, .. }, K::Color) => {
            match brush {
                Brush::Solid(color) => Color(color),
                Brush::Gradient(_) => return None,
            }
        }
        (ShapeItem::Fill { opacity, .. } | ShapeItem::Stroke { opacity, .. }, K::Opacity) => {
            Scalar(opacity)
        }
        (ShapeItem::Stroke { width, .. }, K::StrokeWidth) => Scalar(width),
        (ShapeItem::Trim { start, .. }, K::Start) => Scalar(start),
        (ShapeItem::Trim { end, .. }, K::End) => Scalar(end),
        (ShapeItem::Trim { offset, .. }, K::Offset) => Scalar(offset),
        _ => return None,
    })
}

impl<'a> Ae<'_, 'a> {
    /// The layer's shape item of fact `fact`.
    pub(super) fn shape_item(&self, uid: usize, fact: u32) -> Option<&'a ShapeItem> {
        let LayerKind::Shape(items) = &self.layer(uid)?.kind else {
            return None;
        };
        let path = &self.facts(uid)?.shapes.get(fact as usize)?.path;
        let (mut list, mut item) = (items.as_slice(), None);
        for &i in path {
            let found = list.get(i as usize)?;
            list = match found {
                ShapeItem::Group { items, .. } => items,
                _ => &[],
            };
            item = Some(found);
        }
        item
    }

    /// `contents(arg)`: the item of group `group` (none: the layer's) named
    /// or numbered `arg`.
    pub(super) fn content(
        &mut self,
        cx: &Ctx<'_>,
        uid: usize,
        group: Option<u32>,
        arg: Value,
    ) -> Result<Value, Error> {
        let shapes = self.facts(uid).map_or(&[][..], |f| f.shapes.as_slice());
        let children = || shapes.iter().enumerate().filter(|(_, s)| s.parent == group);
        // lottie-web finds a group's items by index too, but the layer's
        // root ones only by their place.
        let named = |s: &ShapeFact| match arg {
            Value::Number(n) => group.is_some() && s.index == Some(n),
            _ => cx
                .str(arg)
                .is_some_and(|a| a == s.name || a == s.match_name),
        };
        let found = children()
            .find(|(_, s)| named(s))
            .map(|(i, _)| i)
            .or_else(|| {
                // By position among the group's items, from 1.
                let n = arg.as_number()?;
                children().nth((n as usize).checked_sub(1)?).map(|(i, _)| i)
            });
        match found {
            Some(i) => self.hand(Node::Item(uid, i as u32)),
            None => Ok(Value::Null),
        }
    }

    /// `item.key`: its contents and transform (a group), or a property.
    pub(super) fn item_member(
        &mut self,
        cx: &mut Ctx<'_>,
        uid: usize,
        fact: u32,
        key: Value,
    ) -> Result<Value, Error> {
        let item = self.shape_item(uid, fact);
        let is_group = matches!(item, Some(ShapeItem::Group { .. }));
        let is_path = matches!(item, Some(ShapeItem::Path(_)));
        let name = cx.str(key).unwrap_or_default();
        let node = match name {
            "content" if is_group => Node::Contents(uid, Some(fact)),
            "path" | "shape" if is_path => Node::Path(PathRef::Item(uid, fact)),
            "transform" if is_group => Node::ShapeTransform(uid, fact),
            "name" | "_name" => {
                let text = self
                    .facts(uid)
                    .and_then(|f| f.shapes.get(fact as usize))
                    .map(|s| s.name.clone());
                return cx.new_string(text.unwrap_or_default());
            }
            _ => match ShapeKey::named(name) {
                Some(k)
                    if self
                        .shape_item(uid, fact)
                        .and_then(|item| view(item, k))
                        .is_some() =>
                {
                    Node::Prop(Prop::Shape(uid, fact, k))
                }
                _ => {
                    let name = name.to_owned();
                    return Ok(self.unknown(&name));
                }
            },
        };
        self.hand(node)
    }

    /// `item(arg)`: a group's contents (`2`, `'Contents'`) or else its
    /// transform, as lottie-web's group interface; another item's property
    /// by its index or by the names lottie-web's interface takes.
    pub(super) fn item_call(
        &mut self,
        cx: &Ctx<'_>,
        uid: usize,
        fact: u32,
        arg: Value,
    ) -> Result<Value, Error> {
        let Some(item) = self.shape_item(uid, fact) else {
            return Ok(Value::Null);
        };
        let name = cx.str(arg).unwrap_or_default();
        if let ShapeItem::Path(_) = item {
            // lottie-web's path interface: its path by these, else `null`.
            let path = matches!(arg, Value::Number(2.0))
                || matches!(
                    name,
                    "Shape" | "shape" | "Path" | "path" | "ADBE Vector Shape"
                );
            return match path {
                true => self.hand(Node::Path(PathRef::Item(uid, fact))),
                false => Ok(Value::Null),
            };
        }
        if let ShapeItem::Group { .. } = item {
            let node = match (arg, name) {
                (Value::Number(2.0), _) => Node::Contents(uid, Some(fact)),
                (_, "ADBE Vectors Group" | "Contents") => Node::Contents(uid, Some(fact)),
                _ => Node::ShapeTransform(uid, fact),
            };
            return self.hand(node);
        }
        use ShapeKey as K;
        // lottie-web's fills and strokes take names only, its rectangles
        // `'Size'` too, its other items numbers only.
        let by_name = matches!(item, ShapeItem::Fill { .. } | ShapeItem::Stroke { .. });
        let key = match (arg, name) {
            (Value::Number(n), _) if !by_name => item_keys(item)
                .iter()
                .find(|(_, index)| *index == n)
                .map(|(k, _)| *k),
            (_, "Color" | "color") => Some(K::Color),
            (_, "Opacity" | "opacity") => Some(K::Opacity),
            (_, "Stroke Width" | "stroke width") => Some(K::StrokeWidth),
            (_, "End" | "end") => Some(K::End),
            (_, "Size" | "ADBE Vector Rect Size") if matches!(item, ShapeItem::Rect { .. }) => {
                Some(K::Size)
            }
            (_, "ADBE Vector Star Outer Radius") => Some(K::OuterRadius),
            (_, "ADBE Vector Star Inner Radius") => Some(K::InnerRadius),
            _ => None,
        };
        match key.filter(|&k| view(item, k).is_some()) {
            Some(k) => self.hand(Node::Prop(Prop::Shape(uid, fact, k))),
            None => Ok(Value::Null),
        }
    }

    /// A shape property's keyframes' numbers and components at `frame`,
    /// and the script behind it, if any.
    pub(super) fn shape_value(&self, p: Prop, frame: f64) -> Option<((Numbers, u8), Option<u32>)> {
        match p {
            Prop::Shape(uid, fact, key) => {
                let item = self.shape_item(uid, fact)?;
                Some(match view(item, key)? {
                    View::Scalar(a) => (([a.base_at(frame), 0.0, 0.0, 0.0], 1), a.scripted_id()),
                    View::Point(a) => {
                        let v = a.base_at(frame);
                        (([v.x, v.y, 0.0, 0.0], 2), a.scripted_id())
                    }
                    View::Color(a) => {
                        let c = a.base_at(frame);
                        (([c.r, c.g, c.b, c.a], 4), a.scripted_id())
                    }
                })
            }
            Prop::ShapeTransform(uid, fact, key) => {
                let ShapeItem::Group { transform, .. } = self.shape_item(uid, fact)? else {
                    return None;
                };
                Some((
                    transform_value(transform, key, frame),
                    scripted_id(transform, key),
                ))
            }
            _ => None,
        }
    }
}
