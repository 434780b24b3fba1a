//! Expressions at import (feature `expressions`, full player only): a
//! property's parsed expression becomes a [`Script`] and the property an
//! `Animated::Scripted` naming it (a text layer's source-text expression a
//! script the layer names, `TextLayer::script`; a path's a script that
//! gives a path, with the path beside it for `thisProperty`); a layer's
//! facts that only expressions read (`ind`, its effects' parameters by
//! name and match name, whether one is a layer control, where it sits) go
//! to [`Scripts::layers`].
//!
//! Must never run a script, and never keep more than [`MAX_SCRIPTS`]: the
//! rest are drawn without their expressions (and reported).

use binding_engine::json::Value;

use super::{num, str_of, Importer, Object};
use crate::expressions::Program;
use crate::lottie::animated::Animated;
use crate::lottie::model::{BezierShape, Composition, Layer, LayerKind};
use crate::lottie::scripted::{
    EffectGroup, EffectParam, LayerFacts, Numbers, Script, ShapeFact, PATH_SCRIPT,
};

/// Most expressions one file may run; further ones are not run.
pub(super) const MAX_SCRIPTS: usize = 10_000;
/// Most effects (and parameters per effect) kept for `effect(…)(…)`.
const MAX_EFFECTS: usize = 64;
/// Most shape items of a layer kept for `content(…)`.
const MAX_SHAPE_FACTS: usize = 4_096;

impl Importer<'_> {
    /// `base` with its expression, `program`, run by the full player.
    pub(super) fn script(
        &mut self,
        text: &str,
        program: Program,
        base: Animated<Numbers>,
        k: &Value,
        in_document: bool,
    ) -> Animated<Numbers> {
        let dims = super::properties::dims(k);
        let Some(id) = self.push_script(text, program, base.clone(), dims) else {
            return base;
        };
        // Known by the address of its value in the document, while its
        // layer is read.
        if in_document {
            self.script_sources
                .push((std::ptr::from_ref(k) as usize, id as u32));
        }
        Animated::Scripted(Box::new((base, id as u32)))
    }

    /// A text layer's source-text expression (`t.d.x`), run by the full
    /// player: its script's id (`dims` 0: it gives a text).
    pub(super) fn text_script(&mut self, text: &str) -> Option<u32> {
        if !self.full_only("expressions") {
            return None;
        }
        let Ok(program) = Program::parse(text) else {
            self.warn("expression", "x");
            return None;
        };
        let id = self.push_script(text, program, Animated::Fixed([0.0; 4]), 0)?;
        Some(id as u32)
    }

    /// A path's expression (a shape's `ks`, a mask's `pt`), run by the full
    /// player: its script's id (`dims` [`PATH_SCRIPT`]: it gives a path).
    /// `path` is the path without its expression (`thisProperty`); `k` and
    /// `in_document` as for [`Importer::script`]: a path read twice (a text
    /// path's mask) is one script.
    pub(super) fn path_script(
        &mut self,
        text: &str,
        path: &Animated<BezierShape>,
        k: &Value,
        in_document: bool,
    ) -> Option<u32> {
        if let Some(id) = self.script_of(k).filter(|_| in_document) {
            return Some(id);
        }
        let Ok(program) = Program::parse(text) else {
            self.warn("expression", "x");
            return None;
        };
        let base = Animated::Fixed([0.0; 4]);
        let id = self.push_script(text, program, base, PATH_SCRIPT)?;
        if let Some(script) = self.scripts.list.get_mut(id) {
            script.path = Some(Box::new(path.clone()));
        }
        if in_document {
            self.script_sources
                .push((std::ptr::from_ref(k) as usize, id as u32));
        }
        Some(id as u32)
    }

    /// Keeps a script (its id), unless the file has too many.
    fn push_script(
        &mut self,
        text: &str,
        program: Program,
        base: Animated<Numbers>,
        dims: u8,
    ) -> Option<usize> {
        let id = self.scripts.list.len();
        if id >= MAX_SCRIPTS {
            self.warn("expression", "too-many");
            return None;
        }
        self.scripts.list.push(Script {
            program,
            base,
            dims,
            path: None,
            layer: self.uid,
            #[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
            source: text.into(),
        });
        let _ = text;
        Some(id)
    }

    /// The script already made of the property whose value is `k`, if any.
    pub(super) fn script_of(&self, k: &Value) -> Option<u32> {
        let address = std::ptr::from_ref(k) as usize;
        self.script_sources
            .iter()
            .find(|(a, _)| *a == address)
            .map(|(_, id)| *id)
    }

    /// Scales the keyframes of the script behind `property` as import
    /// scaled the property's (legacy 0–255 colours): a script reads the
    /// value as lottie-web converted it.
    pub(super) fn scale_script(&mut self, property: &Animated<Numbers>, by: f64) {
        if let Animated::Scripted(scripted) = property {
            if let Some(script) = self.scripts.list.get_mut(scripted.1 as usize) {
                script
                    .base
                    .for_each_value(|c| c.iter_mut().for_each(|v| *v /= by));
            }
        }
    }

    /// Starts a layer's facts: its `ind` and effects (read before its
    /// properties, so that the scripts after `first` are its own).
    pub(super) fn layer_facts(&mut self, obj: &Object) {
        self.shape_group = (None, Vec::new());
        self.script_sources.clear();
        let first = self.scripts.list.len() as u32;
        let effects = self.expression_effects(obj);
        let facts = LayerFacts {
            ind: num(obj, "ind"),
            effects,
            scripts: (first, first),
            ..LayerFacts::default()
        };
        let layers = &mut self.scripts.layers;
        if layers.len() <= self.uid {
            layers.resize_with(self.uid + 1, LayerFacts::default);
        }
        if let Some(slot) = layers.get_mut(self.uid) {
            *slot = facts;
        }
    }

    /// Ends a layer's facts: the scripts its properties made.
    pub(super) fn end_layer_facts(&mut self) {
        let end = self.scripts.list.len() as u32;
        if let Some(facts) = self.scripts.layers.get_mut(self.uid) {
            facts.scripts.1 = end;
        }
    }

    /// Records a shape item at `index` of the group being read.
    pub(super) fn shape_fact(&mut self, obj: &Object, index: usize) -> Option<u32> {
        let (parent, path) = &self.shape_group;
        let mut path = path.clone();
        path.push(index as u32);
        let fact = ShapeFact {
            name: str_of(obj, "nm").to_owned(),
            match_name: str_of(obj, "mn").to_owned(),
            index: num(obj, "ix"),
            parent: *parent,
            path,
        };
        let shapes = &mut self.scripts.layers.get_mut(self.uid)?.shapes;
        if shapes.len() >= MAX_SHAPE_FACTS {
            return None;
        }
        shapes.push(fact);
        Some(shapes.len() as u32 - 1)
    }

    /// Records a group at `index` and makes it the group being read;
    /// returns the one to restore after its items.
    pub(super) fn enter_shape_group(
        &mut self,
        obj: &Object,
        index: usize,
    ) -> (Option<u32>, Vec<u32>) {
        let fact = self.shape_fact(obj, index);
        let mut path = self.shape_group.1.clone();
        path.push(index as u32);
        std::mem::replace(&mut self.shape_group, (fact, path))
    }

    /// Every effect of the layer as `effect(name)(param)` finds it:
    /// expression controls (sliders, points, colours, checkboxes…) and the
    /// drawn ones alike.
    fn expression_effects(&mut self, obj: &Object) -> Vec<EffectGroup> {
        let list = obj
            .get("ef")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let mut groups = Vec::new();
        for effect in list.iter().take(MAX_EFFECTS).filter_map(Value::as_object) {
            let params = effect
                .get("ef")
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            let mut group = EffectGroup {
                name: str_of(effect, "nm").to_owned(),
                match_name: str_of(effect, "mn").to_owned(),
                index: num(effect, "ix"),
                params: Vec::new(),
            };
            for param in params.iter().take(MAX_EFFECTS).filter_map(Value::as_object) {
                let value = param.get("v");
                let k = value.and_then(|v| v.get("k"));
                group.params.push(EffectParam {
                    name: str_of(param, "nm").to_owned(),
                    match_name: str_of(param, "mn").to_owned(),
                    index: num(param, "ix"),
                    value: self.animated(value, [0.0; 4]),
                    dims: k.map_or(1, super::properties::dims),
                    layer: num(param, "ty") == Some(10.0),
                });
            }
            groups.push(group);
        }
        groups
    }
}

/// Where each layer sits (list and position), for `thisComp.layer(…)`,
/// which lists reach scripts, and the compositions `comp(name)` finds
/// (`root_name`: the file's `nm`).
pub(super) fn place_layers(comp: &mut Composition, root_name: Option<&str>) {
    let lists: Vec<&Vec<Layer>> = std::iter::once(&comp.layers)
        .chain(&comp.precomps)
        .collect();
    if !comp.scripts.list.is_empty() {
        (comp.scripts.comps, comp.scripts.sizes) = named_comps(&lists, root_name);
    }
    let facts = &mut comp.scripts.layers;
    let mut reaches = vec![false; lists.len()];
    for (list, layers) in lists.iter().enumerate() {
        for (position, layer) in layers.iter().enumerate() {
            if let Some(facts) = facts.get_mut(layer.uid) {
                facts.list = list as u32;
                facts.position = position as u32;
                if facts.scripts.0 < facts.scripts.1 {
                    if let Some(r) = reaches.get_mut(list) {
                        *r = true;
                    }
                }
            }
        }
    }
    // A list reaches scripts through the precomps it holds: as many rounds
    // as precomps may nest (import cut the cycles).
    for _ in 0..lists.len() {
        let mut changed = false;
        for (list, layers) in lists.iter().enumerate() {
            let through = layers.iter().any(|layer| match layer.kind {
                LayerKind::Precomp { comp, .. } => reaches.get(comp + 1).copied().unwrap_or(false),
                _ => false,
            });
            if let Some(r) = reaches.get_mut(list).filter(|r| through && !**r) {
                *r = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    comp.scripts.lists = reaches;
}

/// A composition's width and height.
type Size = (f64, f64);

/// The compositions `comp(name)` finds, in the order lottie-web registers
/// them (`ProjectInterface`): the root by the file's `nm`, then every
/// precomp layer by its name, for its precomp's list, as lottie-web builds
/// them (in list order, a precomp's own precomp layers before it). A list
/// is walked once: walked again it gives the same names, and `comp` gives
/// the first of a name. (lottie-web registers assets marked `xt` first;
/// Percus does not read them.) With each list's size, from the first layer
/// that shows it.
fn named_comps(lists: &[&Vec<Layer>], root_name: Option<&str>) -> (Vec<(String, u32)>, Vec<Size>) {
    let mut named: Vec<(String, u32)> = root_name.map(|n| (n.to_owned(), 0)).into_iter().collect();
    let mut walked = vec![false; lists.len()];
    let mut sizes = vec![(0.0, 0.0); lists.len()];
    // The lists being walked, each with the position it is at.
    let mut stack = vec![(0, 0)];
    while let Some(&(list, at)) = stack.last() {
        let Some(layer) = lists.get(list).and_then(|layers| layers.get(at)) else {
            stack.pop();
            continue;
        };
        if let LayerKind::Precomp {
            comp: c,
            width,
            height,
            ..
        } = layer.kind
        {
            if let Some(walk) = walked.get_mut(c + 1).filter(|w| !**w) {
                *walk = true;
                if let Some(size) = sizes.get_mut(c + 1) {
                    *size = (width, height);
                }
                stack.push((c + 1, 0));
                continue;
            }
            named.push((layer.name.clone(), c as u32 + 1));
        }
        if let Some(top) = stack.last_mut() {
            top.1 += 1;
        }
    }
    (named, sizes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use crate::lottie::Composition;

    #[test]
    fn compositions_are_named_in_lottie_webs_order() {
        // The root first; a precomp layer after the precomp layers inside
        // it, as lottie-web builds and registers them; a list walked once.
        let json = r#"{"nm":"Root","w":10,"h":10,"fr":10,"ip":0,"op":10,
            "assets":[{"id":"a","layers":[{"ty":0,"nm":"Inside","refId":"b"}]},
                      {"id":"b","layers":[{"ty":4,"nm":"L","shapes":[],"ks":{"o":{"k":100,"x":"1"}}}]}],
            "layers":[{"ty":0,"nm":"Outer","refId":"a"},{"ty":0,"nm":"Again","refId":"b"}]}"#;
        let comp = Composition::from_json(json).unwrap();
        let names: Vec<(&str, u32)> = comp
            .scripts
            .comps
            .iter()
            .map(|(name, list)| (name.as_str(), *list))
            .collect();
        assert_eq!(
            names,
            [("Root", 0), ("Inside", 2), ("Outer", 1), ("Again", 2)]
        );
    }

    #[test]
    fn a_drawn_effects_parameter_is_one_script() {
        // Read for drawing (the blur) and for `effect()`: the same script,
        // so both see one value.
        let json = r#"{"w":10,"h":10,"fr":10,"ip":0,"op":10,"layers":[{"ty":4,"nm":"L","shapes":[],
            "ef":[{"ty":29,"nm":"Blur","ef":[{"nm":"Blurriness","v":{"k":0,"x":"Math.random() * 10"}},{"v":{"k":1}}]}]}]}"#;
        let comp = Composition::from_json(json).unwrap();
        assert_eq!(comp.scripts.list.len(), 1);
    }

    #[test]
    fn a_legacy_colours_script_reads_it_in_unit_range() {
        // Before Bodymovin 4.1.9 colours were 0..=255; lottie-web divides
        // them on load, so a script's `value` is 0..=1.
        let json = r#"{"v":"4.0.0","w":10,"h":10,"fr":10,"ip":0,"op":10,"layers":[{"ty":4,"nm":"L",
            "shapes":[{"ty":"fl","c":{"k":[255,0,0,255],"x":"value"},"o":{"k":100}}]}]}"#;
        let comp = Composition::from_json(json).unwrap();
        assert_eq!(comp.scripts.list[0].base.at(0.0), [1.0, 0.0, 0.0, 1.0]);
    }
}
