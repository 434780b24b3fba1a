//! Effects: a layer's `ef` list into the [`Effect`]s lottie-web draws
//! (fill, tint, tritone, drop shadow, stroke, blur, transform), parameters read by
//! position as lottie-web reads them; Set Matte noted for the layer loop
//! (`Importer::layers` makes it a matte); others are reported, expression
//! controls skipped.
//!
//! Must never read more than 64 effects on a layer, nor let the lite build
//! read any (effects are a full-player feature).

use binding_engine::json::{decimal, Value};

use super::{num, Importer, Object};
use crate::geometry::{Rgba, Vec2};
use crate::lottie::model::*;

impl Importer<'_> {
    /// Effects lottie-web draws; the others are reported. Parameters are
    /// read by position, as lottie-web reads them.
    pub(super) fn effects(&mut self, obj: &Object) -> Vec<Effect> {
        let list = obj
            .get("ef")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let mut effects = Vec::new();
        // Any enabled effect but an expression control (5) may draw.
        let drawn = |e: &Object| num(e, "en") != Some(0.0) && num(e, "ty") != Some(5.0);
        if list.iter().filter_map(Value::as_object).any(drawn) {
            self.full_only("effects");
        }
        if !crate::FULL {
            return effects;
        }
        for effect in list.iter().take(64).filter_map(Value::as_object) {
            // Disabled effects (`en: 0`) are not drawn.
            if num(effect, "en") == Some(0.0) {
                continue;
            }
            let params = effect
                .get("ef")
                .and_then(Value::as_array)
                .map_or(&[][..], Vec::as_slice);
            let ty = num(effect, "ty").unwrap_or(-1.0) as i64;
            let param = |i: usize| params.get(i).and_then(|p| p.get("v"));
            const BLACK: Rgba = Rgba::black(1.0);
            const WHITE: Rgba = Rgba::WHITE;
            let drawn = match ty {
                21 if params.len() > 6 => Effect::Fill {
                    color: self.color(param(2), BLACK),
                    opacity: self.scalar(param(6), 1.0),
                },
                20 if params.len() > 2 => Effect::Tint {
                    black: self.color(param(0), BLACK),
                    white: self.color(param(1), WHITE),
                    amount: self.scalar(param(2), 100.0),
                },
                23 if params.len() > 2 => Effect::Tritone {
                    highlights: self.color(param(0), WHITE),
                    midtones: self.color(
                        param(1),
                        Rgba {
                            r: 0.5,
                            g: 0.5,
                            b: 0.5,
                            a: 1.0,
                        },
                    ),
                    shadows: self.color(param(2), BLACK),
                },
                25 if params.len() > 4 => Effect::DropShadow {
                    color: self.color(param(0), BLACK),
                    opacity: self.scalar(param(1), 127.5),
                    direction: self.scalar(param(2), 135.0),
                    distance: self.scalar(param(3), 5.0),
                    softness: self.scalar(param(4), 0.0),
                },
                22 if params.len() > 10 => {
                    let number = |i: usize| {
                        params
                            .get(i)
                            .and_then(|p| p.get("v"))
                            .and_then(|v| v.get("k").unwrap_or(v).as_f64())
                    };
                    let all = number(1) == Some(1.0);
                    let mask = (number(0).unwrap_or(1.0) as usize).saturating_sub(1);
                    let style = StrokeEffectStyle::from_lottie(number(10).unwrap_or(1.0));
                    Effect::Stroke {
                        mask: (!all).then_some(mask),
                        color: self.color(param(3), BLACK),
                        brush: self.scalar(param(4), 2.0),
                        opacity: self.scalar(param(6), 1.0),
                        start: self.scalar(param(7), 0.0),
                        end: self.scalar(param(8), 100.0),
                        spacing: self.scalar(param(9), 15.0),
                        style,
                    }
                }
                29 if params.len() > 1 => Effect::Blur {
                    blurriness: self.scalar(param(0), 0.0),
                    dimensions: self.scalar(param(1), 1.0),
                },
                35 if params.len() > 8 => self.transform_effect(params),
                // Set Matte: a track matte by `ind` (resolved with the
                // layer list, `Importer::layers`).
                #[cfg(feature = "full")]
                28 => {
                    if let Some(ind) = param(0).and_then(|v| v.get("k").unwrap_or(v).as_f64()) {
                        self.set_mattes.push(ind);
                    }
                    continue;
                }
                // Expression controls (5) hold values for expressions and
                // draw nothing.
                5 => continue,
                other => {
                    self.warn("unsupported-effect", &decimal(other));
                    continue;
                }
            };
            effects.push(drawn);
        }
        effects
    }

    /// The Transform effect (35): its first nine parameters, by position.
    fn transform_effect(&mut self, params: &[Value]) -> Effect {
        let param = |i: usize| params.get(i).and_then(|p| p.get("v"));
        Effect::Transform(Box::new(TransformEffect {
            anchor: self.point(param(0), Vec2::default()),
            position: self.point(param(1), Vec2::default()),
            uniform: self.scalar(param(2), 1.0),
            scale_height: self.scalar(param(3), 100.0),
            scale_width: self.scalar(param(4), 100.0),
            skew: self.scalar(param(5), 0.0),
            skew_axis: self.scalar(param(6), 0.0),
            rotation: self.scalar(param(7), 0.0),
            opacity: self.scalar(param(8), 100.0),
        }))
    }
}
