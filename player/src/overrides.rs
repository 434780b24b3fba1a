//! The contract between binding and evaluation: what one viewer's data
//! changes in a template (texts by slot, layer properties, slot colours,
//! images), built by `template` once per binding and read by `eval` every
//! frame.
//!
//! Personal data: must never be logged (`Debug` prints counts only), copied
//! (texts are shared `Rc`s) or left behind (wiped on drop). Never changes
//! the parsed template.

use std::rc::Rc;

use binding_engine::{SecretText, TextFit};

use crate::geometry::Rgba;

/// What one viewer's data changes in the template: texts by text slot,
/// layer properties by layer uid, fill and stroke colours by slot, image
/// assets. Built once per binding; shared with the display list, never
/// copied. The parsed template itself is never changed.
#[derive(Default)]
pub struct Overrides {
    texts: Vec<Option<(Rc<SecretText>, Option<TextFit>)>>,
    /// By [`Layer::uid`](crate::lottie::Layer::uid); empty when no layer
    /// property is bound.
    layers: Vec<Option<LayerOverride>>,
    /// By index into [`Composition::slots`](crate::lottie::Composition::slots):
    /// the colour of the fills and strokes that use the slot.
    colors: Vec<Option<Rgba>>,
    /// By image asset: the viewer's image drawn instead (its index in the
    /// display list's image numbering, after the template's images).
    images: Vec<Option<usize>>,
}

/// The bound properties of one layer. Personal data: `Debug` is redacted.
#[derive(Default, Clone, Copy, PartialEq)]
pub struct LayerOverride {
    /// The colour of every fill (shapes, a solid, a text).
    pub fill: Option<Rgba>,
    /// The colour of every stroke.
    pub stroke: Option<Rgba>,
    /// Opacity in percent.
    pub opacity: Option<f64>,
    /// Shown or not (regardless of the file's `hd`).
    pub visible: Option<bool>,
    /// Rotation in degrees.
    pub rotation: Option<f64>,
    /// Scale in percent, per axis.
    pub scale: [Option<f64>; 2],
    /// Position, per axis.
    pub position: [Option<f64>; 2],
    /// The viewer's image drawn instead of the layer's (display-list
    /// image number).
    pub image: Option<usize>,
}

impl std::fmt::Debug for Overrides {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Counts only: the values are the viewer's.
        let count = |v: usize| binding_engine::json::decimal(v as i64);
        f.write_str("Overrides(")?;
        f.write_str(&count(self.texts.iter().flatten().count()))?;
        f.write_str(" texts, ")?;
        f.write_str(&count(self.layers.iter().flatten().count()))?;
        f.write_str(" layers)")
    }
}

impl std::fmt::Debug for LayerOverride {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LayerOverride(..)")
    }
}

impl Overrides {
    /// No overrides, for `comp`'s text layers.
    pub fn new(slots: usize) -> Self {
        Self {
            texts: vec![None; slots],
            layers: Vec::new(),
            colors: Vec::new(),
            images: Vec::new(),
        }
    }

    /// Replaces the text of `slot`, which fits its room as `fit` says.
    pub fn set(&mut self, slot: usize, text: Rc<SecretText>, fit: Option<TextFit>) {
        if let Some(entry) = self.texts.get_mut(slot) {
            *entry = Some((text, fit));
        }
    }

    /// The bound properties of layer `uid` (of `layer_count`), to change.
    pub fn layer_mut(&mut self, uid: usize, layer_count: usize) -> Option<&mut LayerOverride> {
        if self.layers.len() < layer_count {
            self.layers.resize(layer_count, None);
        }
        let entry = self.layers.get_mut(uid)?;
        Some(entry.get_or_insert_with(LayerOverride::default))
    }

    /// Colours the fills and strokes that use slot `slot` (of `slots`).
    pub fn set_slot_color(&mut self, slot: usize, slots: usize, color: Rgba) {
        set_growing(&mut self.colors, slot, slots, color);
    }

    /// Draws display-list image `image` instead of image asset `asset`.
    pub fn set_image(&mut self, asset: usize, assets: usize, image: usize) {
        set_growing(&mut self.images, asset, assets, image);
    }

    pub(crate) fn text(&self, slot: usize) -> Option<&(Rc<SecretText>, Option<TextFit>)> {
        self.texts.get(slot).and_then(Option::as_ref)
    }

    pub(crate) fn layer(&self, uid: usize) -> Option<&LayerOverride> {
        if !crate::FULL {
            return None; // the lite build binds texts only
        }
        self.layers.get(uid).and_then(Option::as_ref)
    }

    pub(crate) fn slot_color(&self, slot: Option<usize>) -> Option<Rgba> {
        if !crate::FULL {
            return None; // the lite build binds texts only
        }
        self.colors.get(slot?).copied().flatten()
    }

    /// The viewer's image drawn instead of image asset `asset`, if bound.
    pub(crate) fn image(&self, asset: usize) -> Option<usize> {
        self.images.get(asset).copied().flatten()
    }
}

impl Drop for Overrides {
    fn drop(&mut self) {
        // The viewer's colours and numbers, like their texts, are not left
        // behind in freed memory.
        // black_box keeps the stores (as SecretText's wipe).
        self.layers
            .iter_mut()
            .for_each(|l| *l = Some(LayerOverride::default()));
        let zero = Rgba {
            r: 0.0,
            g: 0.0,
            b: 0.0,
            a: 0.0,
        };
        self.colors.iter_mut().for_each(|c| *c = Some(zero));
        std::hint::black_box((&mut self.layers, &mut self.colors));
    }
}

/// Sets `list[index]` (a list of `len` entries, grown on first use).
fn set_growing<T: Clone>(list: &mut Vec<Option<T>>, index: usize, len: usize, value: T) {
    if list.len() < len {
        list.resize(len, None);
    }
    if let Some(entry) = list.get_mut(index) {
        *entry = Some(value);
    }
}
