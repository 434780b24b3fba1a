//! Where a property sits, as lottie-web's expression interfaces chain
//! them: `propertyGroup(n)` (n steps up from a property or group: item,
//! its group's contents, the group, … the layer) and `propertyIndex` (the
//! `ix` After Effects gives a property among its group's). Rigs address
//! their twin properties this way (RubberHose's arcs read
//! `thisLayer(2)('Admin')(2)('ArcMath')(2)(grp)(p)` with `p` their own
//! `propertyIndex`).
//!
//! The chain is lottie-web 5.13's, quirks included (checked against it):
//! a shape group's transform property goes up to the transform, then to
//! the group itself (not its contents); a fill's colour and opacity skip
//! the fill and go up to the contents; the layer's root contents go up to
//! the layer; an effect parameter goes up to its effect and no further; a
//! layer's transform properties have no `propertyGroup` (lottie-web never
//! gives them one: calling it is a TypeError there, and here).
//!
//! A property's index is After Effects' fixed one for its kind (what
//! Bodymovin writes as its `ix`: 99% of the corpora's properties, the rest
//! from a generator that wrote 2 everywhere); an item's and an effect's
//! are the file's own.
//!
//! Must never index the model without `get`, never climb more than
//! [`MAX_CLIMB`] steps, and never scan the layer for the script's own
//! property more than once a run (and never without charging it).

use super::content::{item_keys, view};
use super::host::{Ae, Node, Prop};
use super::properties::{
    layer_transform_index, scripted_id, shape_transform_index, ScriptedId, TRANSFORM_KEYS,
};
use crate::expressions::{Ctx, Error, Value};
use crate::lottie::ShapeItem;

/// Most steps one `propertyGroup(n)` climbs (two a shape group: deeper
/// than the groups a document's nesting limit lets import keep).
const MAX_CLIMB: f64 = 256.0;

impl Ae<'_, '_> {
    /// Where the script's own property is (`Prop::Own` when it is not a
    /// property the object model addresses: a path, a text). Scans the
    /// layer's transform, effects and shape items once a run, charging
    /// the frame's budget for what it walks.
    pub(super) fn locate(&mut self, cx: &mut Ctx<'_>, p: Prop) -> Result<Prop, Error> {
        let Prop::Own(id) = p else { return Ok(p) };
        if let Some(place) = self.own_place {
            return Ok(place);
        }
        let place = self.scan(cx, id, p)?;
        self.own_place = Some(place);
        Ok(place)
    }

    fn scan(&self, cx: &mut Ctx<'_>, id: u32, own: Prop) -> Result<Prop, Error> {
        let uid = self.script_layer();
        let (Some(layer), Some(facts)) = (self.layer(uid), self.facts(uid)) else {
            return Ok(own);
        };
        // Each shape item's path is walked from the layer's list: a few
        // steps an item.
        let params: usize = facts.effects.iter().map(|e| e.params.len()).sum();
        cx.charge(facts.shapes.len().saturating_mul(4).saturating_add(params))?;
        for key in TRANSFORM_KEYS {
            if scripted_id(&layer.transform, key) == Some(id) {
                return Ok(Prop::Transform(uid, key));
            }
        }
        for (e, effect) in facts.effects.iter().enumerate() {
            if let Some(i) = effect
                .params
                .iter()
                .position(|param| param.value.scripted_id() == Some(id))
            {
                return Ok(Prop::Param(uid, e, i));
            }
        }
        for fact in 0..facts.shapes.len() as u32 {
            let Some(item) = self.shape_item(uid, fact) else {
                continue;
            };
            if let ShapeItem::Group { transform, .. } = item {
                if let Some(key) = TRANSFORM_KEYS
                    .into_iter()
                    .find(|&k| scripted_id(transform, k) == Some(id))
                {
                    return Ok(Prop::ShapeTransform(uid, fact, key));
                }
                continue;
            }
            let found = item_keys(item)
                .iter()
                .find(|(k, _)| view(item, *k).and_then(|v| v.scripted_id()) == Some(id));
            if let Some((key, _)) = found {
                return Ok(Prop::Shape(uid, fact, *key));
            }
        }
        Ok(own)
    }

    /// One step up from `node`, as lottie-web's `propertyGroup(1)`.
    fn up(&self, node: Node) -> Option<Node> {
        Some(match node {
            Node::Prop(Prop::Shape(uid, fact, _)) => match self.shape_item(uid, fact)? {
                // lottie-web gives a fill's properties its contents' group.
                ShapeItem::Fill { .. } => Node::Contents(uid, self.group_of(uid, fact)?),
                _ => Node::Item(uid, fact),
            },
            Node::Prop(Prop::ShapeTransform(uid, fact, _)) => Node::ShapeTransform(uid, fact),
            Node::Prop(Prop::Param(uid, e, _)) => Node::Effect(uid, e),
            Node::ShapeTransform(uid, fact) => Node::Item(uid, fact),
            Node::Item(uid, fact) => Node::Contents(uid, self.group_of(uid, fact)?),
            Node::Contents(uid, Some(group)) => Node::Item(uid, group),
            Node::Contents(uid, None) => Node::Layer(uid),
            // (lottie-web hands effects the layer's interface as their
            // group, which gives nothing above them.)
            _ => return None,
        })
    }

    /// The group holding shape item `fact` (`Some(None)`: the layer's root
    /// contents).
    fn group_of(&self, uid: usize, fact: u32) -> Option<Option<u32>> {
        Some(self.facts(uid)?.shapes.get(fact as usize)?.parent)
    }

    /// `node.propertyGroup`: `undefined` for a layer's transform property
    /// (lottie-web gives those none), else the function that climbs.
    pub(super) fn property_group(
        &mut self,
        cx: &mut Ctx<'_>,
        object: u32,
        node: Node,
    ) -> Result<Value, Error> {
        if let Node::Prop(p) = node {
            if let Prop::Transform(..) = self.locate(cx, p)? {
                return Ok(Value::Undefined);
            }
        }
        self.hand(Node::Climb(object))
    }

    /// `node.propertyGroup(n)`: `n` steps up, a fraction counting as a
    /// whole step (lottie-web's `val <= 0 ? self : parent(val - 1)`), `NaN`
    /// as one; `undefined` above the top.
    pub(super) fn climb(&mut self, cx: &mut Ctx<'_>, node: Node, n: f64) -> Result<Value, Error> {
        let mut node = match node {
            Node::Prop(p) => Node::Prop(self.locate(cx, p)?),
            other => other,
        };
        let mut steps = if n.is_nan() { 1.0 } else { n.min(MAX_CLIMB) };
        while steps > 0.0 {
            match self.up(node) {
                Some(next) => node = next,
                None => return Ok(Value::Undefined),
            }
            steps -= 1.0;
        }
        self.hand(node)
    }

    /// `node.propertyIndex`.
    pub(super) fn property_index(&mut self, cx: &mut Ctx<'_>, node: Node) -> Result<Value, Error> {
        let index = match node {
            Node::Prop(p) => match self.locate(cx, p)? {
                Prop::Transform(_, key) => Some(layer_transform_index(key)),
                Prop::ShapeTransform(_, _, key) => Some(shape_transform_index(key)),
                Prop::Shape(uid, fact, key) => self.shape_item(uid, fact).and_then(|item| {
                    let keys = item_keys(item);
                    keys.iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, index)| *index)
                }),
                Prop::Param(uid, e, i) => self
                    .facts(uid)
                    .and_then(|f| f.effects.get(e)?.params.get(i)?.index),
                Prop::Own(_) => None,
            },
            Node::Item(uid, fact) => self
                .facts(uid)
                .and_then(|f| f.shapes.get(fact as usize)?.index),
            // A vector group's contents are its property 2 (its `cix`).
            Node::Contents(_, Some(_)) => Some(2.0),
            Node::Effect(uid, e) => self.facts(uid).and_then(|f| f.effects.get(e)?.index),
            _ => None,
        };
        Ok(index.map_or(Value::Undefined, Value::Number))
    }
}
