//! Shapes: a layer's (or a glyph's or group's) shape items into
//! [`ShapeItem`]s: groups, rectangles, ellipses, paths, polystars, fills,
//! strokes with dashes, solid and gradient brushes, trims, repeaters and
//! path modifiers. Hidden items and transforms (read with their group) are
//! left out; unknown items are reported.
//!
//! Must never read more than [`MAX_SHAPE_ITEMS`] items in a file (the
//! import fails instead), nor let the lite build read the items only the
//! full player draws (path modifiers, repeaters).

use binding_engine::json::Value;

use super::properties::rgba;
use super::{flag, num, str_of, Importer, Object, MAX_SHAPE_ITEMS};
use crate::geometry::Vec2;
use crate::lottie::animated::Animated;
use crate::lottie::model::*;
use crate::lottie::LoadError;

impl Importer<'_> {
    #[allow(
        clippy::too_many_lines,
        reason = "a table: one arm per Lottie shape item type"
    )]
    pub(super) fn shapes(&mut self, list: Option<&Value>) -> Result<Vec<ShapeItem>, LoadError> {
        let list = list
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        self.shape_count += list.len();
        if self.shape_count > MAX_SHAPE_ITEMS {
            return Err(LoadError::TooLarge("shapes"));
        }
        let mut items = Vec::with_capacity(list.len());
        for value in list {
            let Some(obj) = value.as_object() else {
                continue;
            };
            if flag(obj, "hd") {
                continue;
            }
            let ty = str_of(obj, "ty");
            // Rectangles, ellipses and polystars drawn counter-clockwise
            // (rectangles and ellipses by the full player only: 4 of 652
            // corpus files, and the reversal is 0.7 KB of lite wasm).
            let reversed = num(obj, "d") == Some(3.0);
            let outline_reversed = reversed
                && matches!(ty, "rc" | "el")
                && self.full_only("counter-clockwise rectangles or ellipses");
            if matches!(ty, "mm" | "pb" | "op" | "rd" | "zz") {
                self.full_only("path modifiers");
            } else if ty == "rp" {
                self.full_only("repeaters");
            }
            let item = match ty {
                // (Not read by the lite build, which fails: see above.)
                "mm" | "pb" | "op" | "rd" | "zz" | "rp" if !crate::FULL => continue,
                "gr" => {
                    let children = obj.get("it");
                    let transform = children.and_then(Value::as_array).and_then(|it| {
                        it.iter()
                            .find(|i| i.get("ty").and_then(Value::as_str) == Some("tr"))
                    });
                    #[cfg(feature = "expressions")]
                    let outer = self.enter_shape_group(obj, items.len());
                    let items = self.shapes(children)?;
                    #[cfg(feature = "expressions")]
                    {
                        self.shape_group = outer;
                    }
                    ShapeItem::Group {
                        items,
                        transform: Box::new(self.transform(transform)),
                    }
                }
                "rc" => ShapeItem::Rect {
                    position: self.point(obj.get("p"), Vec2::default()),
                    size: self.point(obj.get("s"), Vec2::default()),
                    roundness: self.scalar(obj.get("r"), 0.0),
                    reversed: outline_reversed,
                },
                "el" => ShapeItem::Ellipse {
                    position: self.point(obj.get("p"), Vec2::default()),
                    size: self.point(obj.get("s"), Vec2::default()),
                    reversed: outline_reversed,
                },
                "sh" => ShapeItem::Path(self.path(obj, "ks", "closed")),
                "rp" => {
                    let tr = obj.get("tr");
                    ShapeItem::Repeater(Box::new(Repeater {
                        copies: self.scalar(obj.get("c"), 1.0),
                        offset: self.scalar(obj.get("o"), 0.0),
                        transform: self.transform(tr),
                        start_opacity: self.scalar(tr.and_then(|t| t.get("so")), 100.0),
                        end_opacity: self.scalar(tr.and_then(|t| t.get("eo")), 100.0),
                        first_on_top: num(obj, "m") != Some(2.0),
                    }))
                }
                "tm" => ShapeItem::Trim {
                    start: self.scalar(obj.get("s"), 0.0),
                    end: self.scalar(obj.get("e"), 100.0),
                    offset: self.scalar(obj.get("o"), 0.0),
                    individually: num(obj, "m") == Some(2.0)
                        && self.full_only("trims of paths one after another"),
                },
                "sr" => ShapeItem::Polystar(Box::new(Polystar {
                    star: num(obj, "sy") != Some(2.0),
                    points: self.scalar(obj.get("pt"), 5.0),
                    position: self.point(obj.get("p"), Vec2::default()),
                    rotation: self.scalar(obj.get("r"), 0.0),
                    outer_radius: self.scalar(obj.get("or"), 0.0),
                    outer_roundness: self.scalar(obj.get("os"), 0.0),
                    inner_radius: self.scalar(obj.get("ir"), 0.0),
                    inner_roundness: self.scalar(obj.get("is"), 0.0),
                    reversed,
                })),
                "fl" | "gf" => ShapeItem::Fill {
                    slot: self.color_slot(obj, ty == "gf"),
                    brush: self.brush(obj, ty == "gf"),
                    opacity: self.scalar(obj.get("o"), 100.0),
                    rule: if num(obj, "r") == Some(2.0) {
                        FillRule::EvenOdd
                    } else {
                        FillRule::NonZero
                    },
                },
                "st" | "gs" => self.stroke(obj, ty == "gs"),
                "mm" => ShapeItem::Merge(crate::merge_paths::MergeMode::from_lottie(
                    num(obj, "mm").unwrap_or(1.0),
                )),
                "pb" => ShapeItem::PuckerBloat {
                    amount: self.scalar(obj.get("a"), 0.0),
                },
                "op" => ShapeItem::OffsetPath {
                    amount: self.scalar(obj.get("a"), 0.0),
                    join: match num(obj, "lj").unwrap_or(1.0).clamp(1.0, 3.0) as u8 {
                        2 => LineJoin::Round,
                        3 => LineJoin::Bevel,
                        _ => LineJoin::Miter,
                    },
                    miter_limit: self.scalar(obj.get("ml"), 4.0),
                },
                "rd" => ShapeItem::RoundCorners {
                    radius: self.scalar(obj.get("r"), 0.0),
                },
                "zz" => ShapeItem::ZigZag {
                    size: self.scalar(obj.get("s"), 0.0),
                    ridges: self.scalar(obj.get("r"), 0.0),
                    smooth: self.scalar(obj.get("pt"), 1.0),
                },
                "tr" => continue,
                other => {
                    self.warn("unsupported-shape", other);
                    continue;
                }
            };
            #[cfg(feature = "expressions")]
            if ty != "gr" {
                self.shape_fact(obj, items.len());
            }
            items.push(item);
        }
        Ok(items)
    }

    fn stroke(&mut self, obj: &Object, gradient: bool) -> ShapeItem {
        ShapeItem::Stroke {
            slot: self.color_slot(obj, gradient),
            brush: self.brush(obj, gradient),
            opacity: self.scalar(obj.get("o"), 100.0),
            width: self.scalar(obj.get("w"), 1.0),
            cap: match num(obj, "lc").unwrap_or(2.0) as i64 {
                1 => LineCap::Butt,
                3 => LineCap::Square,
                _ => LineCap::Round,
            },
            join: match num(obj, "lj").unwrap_or(2.0) as i64 {
                1 => LineJoin::Miter,
                3 => LineJoin::Bevel,
                _ => LineJoin::Round,
            },
            miter_limit: num(obj, "ml").filter(|m| *m > 0.0).unwrap_or(4.0),
            dash: self.dash(obj.get("d")),
        }
    }

    /// `d`: entries named `d` (dash), `g` (gap) and `o` (offset).
    fn dash(&mut self, entries: Option<&Value>) -> Option<Dash> {
        let entries = entries.and_then(Value::as_array)?;
        let mut lengths = Vec::new();
        let mut offset = Animated::Fixed(0.0);
        for entry in entries.iter().take(64) {
            let value = self.scalar(entry.get("v"), 0.0);
            match entry.get("n").and_then(Value::as_str) {
                Some("o") => offset = value,
                Some("d" | "g") => lengths.push(value),
                _ => {}
            }
        }
        (!lengths.is_empty()).then_some(Dash { lengths, offset })
    }

    fn brush(&mut self, obj: &Object, gradient: bool) -> Brush {
        if !gradient {
            let mut color = self.animated(obj.get("c"), [0.0, 0.0, 0.0, 1.0]);
            if crate::FULL && self.legacy_colors {
                color.for_each_value(|c| c.iter_mut().for_each(|v| *v /= 255.0));
                #[cfg(feature = "expressions")]
                self.scale_script(&color, 255.0);
            }
            return Brush::Solid(color.map(|c| rgba(c, c[3])));
        }
        let g = obj.get("g");
        let color_stops = g
            .and_then(|g| g.get("p"))
            .and_then(Value::as_f64)
            .unwrap_or(0.0)
            .clamp(0.0, 1_000.0) as usize;
        Brush::Gradient(Box::new(Gradient {
            radial: num(obj, "t") == Some(2.0),
            start: self.point(obj.get("s"), Vec2::default()),
            end: self.point(obj.get("e"), Vec2::default()),
            highlight_length: self.scalar(obj.get("h"), 0.0),
            highlight_angle: self.scalar(obj.get("a"), 0.0),
            color_stops,
            stops: self.numbers(g.and_then(|g| g.get("k"))),
        }))
    }
}
