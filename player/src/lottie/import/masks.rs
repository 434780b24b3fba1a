//! Masks: a layer's `masksProperties` into [`Mask`]s (mode, inversion,
//! path, opacity, expansion, feather).
//!
//! Must never read more than 64 masks on a layer, nor let the lite build
//! keep a mask it would draw otherwise than the full one (an alpha matte,
//! an inverted mask, an add after other masks).

use binding_engine::json::Value;

use super::{flag, str_of, Importer, Object};
use crate::geometry::Vec2;
use crate::lottie::model::*;

impl Importer<'_> {
    /// Masks: add, intersect and subtract (lighten, darken and difference
    /// as add, as lottie-web draws them), inverted, with opacity, expansion
    /// and feather (which lottie-web does not draw).
    pub(super) fn masks(&mut self, obj: &Object) -> Vec<Mask> {
        let list = obj
            .get("masksProperties")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let mut masks = Vec::new();
        let mut plain = true;
        for mask in list.iter().filter_map(Value::as_object).take(64) {
            let mode = match str_of(mask, "mode") {
                "a" => MaskMode::Add,
                "s" => MaskMode::Subtract,
                "i" => MaskMode::Intersect,
                "n" => continue,
                // lottie-web draws lighten, darken and difference as add.
                other @ ("l" | "d" | "f") => {
                    self.warn("approximate-mask", other);
                    MaskMode::Add
                }
                other => {
                    self.warn("unsupported-mask", other);
                    continue;
                }
            };
            let inverted = flag(mask, "inv");
            // Clips only narrow what shows: an add after anything but plain
            // adds needs a matte (`Mask::out_of_order`); and the lite
            // build's clips leave out the solid rectangle lottie-web gives
            // an inverted mask (`eval/masks.rs` `comp_size`). The lite
            // build refuses both.
            let widens = inverted || mode == MaskMode::Add && !plain;
            plain &= mode == MaskMode::Add && !inverted;
            let mask = Mask {
                mode,
                inverted,
                path: self.path(mask, "pt", "cl"),
                opacity: self.scalar(mask.get("o"), 100.0),
                expansion: self.scalar(mask.get("x"), 0.0),
                // lottie-web does not draw feather; After Effects does.
                feather: self.point(mask.get("f"), Vec2::default()),
            };
            // Drawn as an alpha matte, not a clip.
            if (widens || mask.needs_alpha())
                && !self.full_only("masks with opacity, expansion, feather or inversion, or adds after other masks")
            {
                continue;
            }
            masks.push(mask);
        }
        masks
    }
}
