//! Import: the raw Lottie document (a [`binding_engine::json::Value`], like usvg's XML
//! tree) into the runtime [`model`](super::model).
//!
//! Owns tolerance and reference resolution: a missing or ill-typed property
//! takes its After Effects default, an unsupported feature becomes a
//! [`Warning`], and parent and precomp references become indices with cycles
//! cut. Must never panic or fail on anything but an unreadable file, and
//! never evaluate expressions.

use std::rc::Rc;

use binding_engine::json::{decimal, Map, Value};
use binding_engine::{Property, SecretText, SlotKind};

use super::animated::{Animated, Easing, KeyTiming, Keyframes, SpatialTangents};
use super::model::*;
use super::LoadError;
use crate::geometry::{Rgba, Vec2};

/// Most layers one file may have, across all compositions.
pub const MAX_LAYERS: usize = 10_000;
/// Most shape items one file may have, across all layers.
pub const MAX_SHAPE_ITEMS: usize = 200_000;
/// Most keyframes one property may have.
pub const MAX_KEYFRAMES: usize = 10_000;
/// Most precomposition assets one file may have.
pub const MAX_ASSETS: usize = 10_000;
/// Most distinct slot ids (`sid`) a file may use for binding; further ones
/// keep their value but cannot be bound.
pub const MAX_SLOTS: usize = 1_000;

type Object = Map;

/// Converts a parsed Lottie document into a [`Composition`].
pub(super) fn import(doc: &Value) -> Result<Composition, LoadError> {
    let root = doc.as_object().ok_or(LoadError::Invalid("root"))?;
    let number = |key: &'static str| {
        root.get(key)
            .and_then(Value::as_f64)
            .filter(|v| v.is_finite())
            .ok_or(LoadError::Invalid(key))
    };
    let (width, height, frame_rate) = (number("w")?, number("h")?, number("fr")?);
    let (in_point, out_point) = (number("ip")?, number("op")?);
    if width <= 0.0 || height <= 0.0 || frame_rate <= 0.0 || out_point <= in_point {
        return Err(LoadError::Invalid("size"));
    }
    let mut importer = Importer {
        fonts: import_fonts(root),
        legacy_colors: version_before(root.get("v"), [4, 1, 9]),
        slots: slot_values(root),
        ..Importer::default()
    };

    // Precomp ids first, so layers can resolve `refId` as they are read.
    let assets = root
        .get("assets")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let precomp_assets: Vec<(&str, &[Value])> = assets
        .iter()
        .filter_map(|a| {
            let id = a.get("id")?.as_str()?;
            let layers = a.get("layers")?.as_array()?;
            Some((id, layers.as_slice()))
        })
        .collect();
    if precomp_assets.len() > MAX_ASSETS {
        return Err(LoadError::TooLarge("assets"));
    }
    // Sorted for binary search; among equal ids the first asset wins, as in
    // lottie-web's lookup. (Insertion, not slice::sort: that adds kilobytes
    // of wasm for a list that is short in real files and capped in hostile ones.)
    for (index, (id, _)) in precomp_assets.iter().enumerate() {
        let at = importer.precomp_ids.partition_point(|(k, _)| k <= id);
        importer.precomp_ids.insert(at, (id, index));
    }

    // Images: embedded data URIs, or files inside the template package
    // (`u` folder + `p` name); ids in a short list, looked up linearly.
    for asset in assets.iter().filter_map(Value::as_object) {
        let path = str_of(asset, "p");
        if asset.contains_key("layers") || path.is_empty() {
            continue;
        }
        let source = path.starts_with("data:image/").then(|| path.to_owned());
        let file = String::from(str_of(asset, "u")) + path;
        let file = (source.is_none() && binding_engine::is_package_path(&file)).then_some(file);
        let site = SlotSite::Image(importer.images.len());
        importer.use_slot(str_opt(asset, "sid"), SlotKind::Image, site);
        importer.images.push(Image {
            id: str_of(asset, "id").to_owned(),
            width: num(asset, "w").unwrap_or(0.0),
            height: num(asset, "h").unwrap_or(0.0),
            source,
            file,
        });
    }

    importer.glyphs(root.get("chars"))?;
    let layers = importer.layers(
        root.get("layers")
            .and_then(Value::as_array)
            .ok_or(LoadError::Invalid("layers"))?,
    )?;
    let mut precomps = Vec::with_capacity(precomp_assets.len());
    for (_, list) in &precomp_assets {
        precomps.push(importer.layers(list)?);
    }

    // Slots the file defines but no property uses are known too (and
    // cannot be bound); a slot that a property binding cannot set uses as
    // well (a position, a fill's opacity) is not bindable either: binding
    // it would change only some of its properties.
    let defined: Vec<&str> = importer.slots.iter().map(|(sid, _)| *sid).collect();
    for sid in defined {
        importer.slot_entry(sid);
    }
    for (slot, &(reads, binds)) in importer.slots_used.iter_mut().zip(&importer.slot_uses) {
        if binds == 0 || reads > binds {
            slot.kind = SlotKind::Other;
        }
    }
    if let (false, Some(what)) = (crate::FULL, importer.full_only) {
        return Err(LoadError::NeedsFull(what));
    }
    let mut comp = Composition {
        width,
        height,
        frame_rate,
        in_point,
        out_point,
        layers,
        precomps,
        fonts: importer.fonts,
        images: importer.images,
        glyphs: importer.glyphs,
        markers: import_markers(root),
        text_slots: importer.text_slots,
        layer_count: importer.layer_count,
        slots: importer.slots_used,
        full_only: importer.full_only,
        warnings: importer.warnings,
    };
    cut_precomp_cycles(&mut comp);
    Ok(comp)
}

#[derive(Default)]
struct Importer<'a> {
    /// Precomp asset ids with their index, sorted by id.
    precomp_ids: Vec<(&'a str, usize)>,
    /// Image assets, in file order.
    images: Vec<Image>,
    glyphs: Vec<Glyph>,
    fonts: Vec<Font>,
    warnings: Vec<Warning>,
    text_slots: usize,
    layer_count: usize,
    shape_count: usize,
    /// Name of the layer being imported, for warnings.
    layer: String,
    /// The file's slots (`slots`): properties with a `sid` take their value.
    slots: Vec<(&'a str, &'a Value)>,
    /// The slots the file uses, as found (at most [`MAX_SLOTS`]).
    slots_used: Vec<Slot>,
    /// For each of `slots_used`: how many properties read it, and how many
    /// of those a binding can set.
    slot_uses: Vec<(u32, u32)>,
    /// Slot ids with their index in `slots_used`, sorted for binary search.
    slot_ids: Vec<(String, usize)>,
    /// The next layer's uid.
    next_uid: usize,
    /// Files from Bodymovin before 4.1.9 wrote fill and stroke colours in
    /// 0..=255; lottie-web divides them on load, so designers saw that.
    legacy_colors: bool,
    /// The first feature met that only the full player draws
    /// ([`Composition::full_only`]); the lite build's import fails with it.
    full_only: Option<&'static str>,
}

impl Importer<'_> {
    /// Notes a feature only the full player draws. Returns whether this
    /// build reads it: the lite build skips it (and fails at the end), so
    /// that its optimiser drops the code that would draw it.
    fn full_only(&mut self, what: &'static str) -> bool {
        self.full_only.get_or_insert(what);
        crate::FULL
    }

    fn warn(&mut self, code: &'static str, what: &str) {
        // Read by the report, the check and the frame page; the shipped
        // player never shows them, so its build leaves them out.
        if !cfg!(any(feature = "frame", not(target_arch = "wasm32"))) {
            return;
        }
        // One warning per (code, layer, what) is enough for a report.
        let exists = self
            .warnings
            .iter()
            .any(|w| w.code == code && w.layer == self.layer && w.what == what);
        if !exists && self.warnings.len() < 1_000 {
            self.warnings.push(Warning {
                code,
                layer: self.layer.clone(),
                what: what.to_owned(),
            });
        }
    }

    /// Glyph outlines (`chars`). Shapes count against the file's shape cap.
    fn glyphs(&mut self, chars: Option<&Value>) -> Result<(), LoadError> {
        let list = chars
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        if !list.is_empty() {
            self.full_only("glyph text");
        }
        // (Unconditionally, so that the lite build's optimiser drops the rest.)
        if !crate::FULL {
            return Ok(());
        }
        for glyph in list.iter().filter_map(Value::as_object).take(MAX_ASSETS) {
            let mut ch = str_of(glyph, "ch").chars();
            let (Some(c), None) = (ch.next(), ch.next()) else {
                continue;
            };
            self.layer = String::from("char ");
            self.layer.push(c);
            let shapes = self.shapes(glyph.get("data").and_then(|d| d.get("shapes")))?;
            self.glyphs.push(Glyph {
                ch: c,
                family: str_of(glyph, "fFamily").to_owned(),
                style: str_of(glyph, "style").to_owned(),
                width: num(glyph, "w").unwrap_or(0.0),
                shapes,
            });
        }
        Ok(())
    }

    fn layers(&mut self, list: &[Value]) -> Result<Vec<Layer>, LoadError> {
        self.layer_count += list.len();
        if self.layer_count > MAX_LAYERS {
            return Err(LoadError::TooLarge("layers"));
        }
        let mut layers = Vec::with_capacity(list.len());
        let mut indices = Vec::with_capacity(list.len());
        for value in list {
            let empty = Object::new();
            let obj = value.as_object().unwrap_or(&empty);
            indices.push(obj.get("ind").and_then(Value::as_f64));
            let parent_ind = obj.get("parent").and_then(Value::as_f64);
            let matte = match num(obj, "tt").map(|tt| tt as i64) {
                Some(1) => Some(MatteMode::Alpha),
                Some(2) => Some(MatteMode::AlphaInverted),
                Some(3 | 4) if !self.full_only("luma mattes") => None,
                Some(3) => Some(MatteMode::Luma),
                Some(4) => Some(MatteMode::LumaInverted),
                _ => None,
            };
            let matte = matte.map(|mode| (mode, num(obj, "tp")));
            layers.push((self.layer(obj)?, parent_ind, matte));
        }
        // Parents refer to `ind` in the same list; resolve, then cut cycles.
        // Track mattes: the layer given by `tp`, else the one just above.
        let mut resolved: Vec<Layer> = layers
            .into_iter()
            .enumerate()
            .map(|(index, (mut layer, parent_ind, matte))| {
                layer.parent = parent_ind.and_then(|p| indices.iter().position(|i| *i == Some(p)));
                layer.matte = matte.and_then(|(mode, tp)| {
                    let source = match tp {
                        Some(tp) => indices.iter().position(|i| *i == Some(tp)),
                        None => index.checked_sub(1),
                    };
                    source
                        .filter(|s| *s != index)
                        .map(|layer| Matte { mode, layer })
                });
                layer
            })
            .collect();
        let broken = parent_cycle_breaks(&resolved);
        for i in broken {
            if let Some(layer) = resolved.get_mut(i) {
                layer.parent = None;
                self.layer = layer.name.clone();
                self.warn("parent-cycle", "parent");
            }
        }
        Ok(resolved)
    }

    fn layer(&mut self, obj: &Object) -> Result<Layer, LoadError> {
        self.layer = str_of(obj, "nm").to_owned();
        let uid = self.next_uid;
        self.next_uid += 1;
        let ks = obj.get("ks");
        for (key, property) in [
            ("o", Property::Opacity),
            ("r", Property::Rotation),
            ("s", Property::Scale),
        ] {
            let site = SlotSite::Layer(uid, property);
            self.use_slot(sid_of(ks.and_then(|k| k.get(key))), SlotKind::Number, site);
        }
        let ty = num(obj, "ty").unwrap_or(-1.0);
        let masks = self.masks(obj);
        let blend = match BlendMode::from_lottie(num(obj, "bm").unwrap_or(0.0) as i64) {
            Some(mode) => mode,
            None => {
                self.warn("unsupported-blend-mode", "bm");
                BlendMode::Normal
            }
        };

        let effects = self.effects(obj);
        let kind = match ty as i64 {
            0 => self.precomp_layer(obj),
            1 => LayerKind::Solid {
                color: hex_color(str_of(obj, "sc")),
                width: num(obj, "sw").unwrap_or(0.0),
                height: num(obj, "sh").unwrap_or(0.0),
            },
            3 => LayerKind::Null,
            4 => LayerKind::Shape(self.shapes(obj.get("shapes"))?),
            5 => self.text_layer(obj),
            2 => self.image_layer(obj),
            other => {
                self.warn("unsupported-layer", &decimal(other));
                LayerKind::Null
            }
        };
        let stretch = num(obj, "sr").filter(|s| *s != 0.0).unwrap_or(1.0);
        Ok(Layer {
            name: self.layer.clone(),
            id: Some(str_of(obj, "ln"))
                .filter(|id| !id.is_empty())
                .map(str::to_owned),
            uid,
            in_point: num(obj, "ip").unwrap_or(f64::NEG_INFINITY),
            out_point: num(obj, "op").unwrap_or(f64::INFINITY),
            start_time: num(obj, "st").unwrap_or(0.0),
            stretch,
            // A matte source (`td`) is not drawn by itself.
            hidden: flag(obj, "hd"),
            matte_source: flag(obj, "td"),
            matte: None,
            parent: None,
            blend,
            masks,
            effects,
            transform: Transform {
                auto_orient: flag(obj, "ao"),
                ..self.transform(ks)
            },
            kind,
        })
    }

    /// Effects lottie-web draws; the others are reported. Parameters are
    /// read by position, as lottie-web reads them.
    fn effects(&mut self, obj: &Object) -> Vec<Effect> {
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

    /// Masks: add, intersect and subtract (lighten, darken and difference
    /// as add, as lottie-web draws them), inverted, with opacity, expansion
    /// and feather (which lottie-web does not draw).
    fn masks(&mut self, obj: &Object) -> Vec<Mask> {
        let list = obj
            .get("masksProperties")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let mut masks = Vec::new();
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
            let mask = Mask {
                mode,
                inverted: flag(mask, "inv"),
                path: self.bezier(mask.get("pt")),
                opacity: self.scalar(mask.get("o"), 100.0),
                expansion: self.scalar(mask.get("x"), 0.0),
                // lottie-web does not draw feather; After Effects does.
                feather: self.point(mask.get("f"), Vec2::default()),
            };
            // Drawn as an alpha matte, not a clip (`Mask::needs_alpha`).
            if mask.needs_alpha() && !self.full_only("masks with opacity, expansion or feather") {
                continue;
            }
            masks.push(mask);
        }
        masks
    }

    fn image_layer(&mut self, obj: &Object) -> LayerKind {
        let id = str_of(obj, "refId");
        match self.images.iter().position(|i| i.id == id) {
            Some(image)
                if self
                    .images
                    .get(image)
                    .is_some_and(|i| i.source.is_some() || i.file.is_some()) =>
            {
                LayerKind::Image { image }
            }
            Some(_) => {
                // A URL or a path out of the package: never fetched.
                self.warn("unsupported-image", "outside-package");
                LayerKind::Null
            }
            None => {
                self.warn("missing-image", id);
                LayerKind::Null
            }
        }
    }

    fn precomp_layer(&mut self, obj: &Object) -> LayerKind {
        let id = str_of(obj, "refId");
        let at = self.precomp_ids.partition_point(|(k, _)| *k < id);
        match self
            .precomp_ids
            .get(at)
            .filter(|(k, _)| *k == id)
            .map(|(_, index)| *index)
        {
            Some(comp) => LayerKind::Precomp {
                comp,
                width: num(obj, "w").unwrap_or(0.0),
                height: num(obj, "h").unwrap_or(0.0),
                time_remap: obj.get("tm").map(|tm| self.scalar(Some(tm), 0.0)),
            },
            None => {
                self.warn("missing-precomp", id);
                LayerKind::Null
            }
        }
    }

    fn text_layer(&mut self, obj: &Object) -> LayerKind {
        let text = obj.get("t");
        let animators = self.text_animators(text.and_then(|t| t.get("a")));
        if text
            .and_then(|t| t.get("p"))
            .and_then(|p| p.get("m"))
            .is_some()
        {
            self.warn("unsupported-text", "path");
        }
        let keys = text
            .and_then(|t| t.get("d"))
            .and_then(|d| d.get("k"))
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let mut documents = Vec::new();
        for key in keys.iter().take(MAX_KEYFRAMES) {
            let time = key.get("t").and_then(Value::as_f64).unwrap_or(0.0);
            if let Some(doc) = key.get("s").and_then(Value::as_object) {
                // Kept sorted by time: evaluation finds documents by binary search.
                let at = documents.partition_point(|(t, _)| *t <= time);
                documents.insert(at, (time, self.text_document(doc)));
            }
        }
        if documents.is_empty() {
            self.warn("empty-text", "t.d");
            return LayerKind::Null;
        }
        let slot = self.text_slots;
        self.text_slots += 1;
        let site = SlotSite::Text(slot);
        self.use_slot(sid_of(text.and_then(|t| t.get("d"))), SlotKind::Text, site);
        LayerKind::Text(TextLayer {
            slot,
            documents,
            animators,
        })
    }

    /// Text animators with range selectors. Expression selectors and the
    /// properties lottie-web also ignores in SVG are reported.
    fn text_animators(&mut self, list: Option<&Value>) -> Vec<TextAnimator> {
        let list = list
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        let mut animators = Vec::new();
        if !list.is_empty() {
            self.full_only("text animators");
        }
        if !crate::FULL {
            return animators;
        }
        for animator in list.iter().take(64) {
            let (Some(selector), Some(props)) = (animator.get("s"), animator.get("a")) else {
                continue;
            };
            if num_of(selector, "t").unwrap_or(0.0) != 0.0 {
                self.warn("unsupported-text", "expression-selector");
                continue;
            }
            if num_of(selector, "rn") == Some(1.0) {
                // lottie-web shuffles with Math.random: no two plays agree.
                self.warn("approximate-text", "randomize");
            }
            for key in ["sk", "rx", "ry", "fh", "fs", "fb"] {
                if props.get(key).is_some() {
                    self.warn("unsupported-text", key);
                }
            }
            // Each property is there or not: an absent one leaves letters be.
            let mut point =
                |key: &str, default: Vec2| props.get(key).map(|p| self.point(Some(p), default));
            let position = point("p", Vec2::default());
            let anchor = point("a", Vec2::default());
            let scale = point("s", Vec2::new(100.0, 100.0));
            let mut color = |key: &str| {
                props
                    .get(key)
                    .map(|p| self.color(Some(p), Rgba::black(1.0)))
            };
            let fill = color("fc");
            let stroke = color("sc");
            let mut number =
                |key: &str, default: f64| props.get(key).map(|p| self.scalar(Some(p), default));
            let rotation = number("r", 0.0);
            let opacity = number("o", 100.0);
            let stroke_width = number("sw", 0.0);
            let tracking = number("t", 0.0);
            let mut value = |key: &str, default: f64| self.scalar(selector.get(key), default);
            let units = |key: &str, default: f64| {
                num_of(selector, key).map_or(default, |v| v.clamp(0.0, 255.0))
            };
            animators.push(TextAnimator {
                selector: RangeSelector {
                    start: value("s", 0.0),
                    end: value("e", 100.0),
                    offset: value("o", 0.0),
                    amount: value("a", 100.0),
                    ease_high: value("xe", 0.0),
                    ease_low: value("ne", 0.0),
                    smoothness: value("sm", 100.0),
                    based: SelectorBasis::from_lottie(units("b", 1.0)),
                    shape: SelectorShape::from_lottie(units("sh", 1.0)),
                    by_index: num_of(selector, "r") == Some(2.0),
                },
                position,
                anchor,
                scale,
                rotation,
                opacity,
                fill,
                stroke,
                stroke_width,
                tracking,
            });
        }
        animators
    }

    fn text_document(&mut self, doc: &Object) -> TextDocument {
        let font_name = str_of(doc, "f");
        let font = self.fonts.iter().position(|f| f.name == font_name);
        let size = num(doc, "s").filter(|s| *s > 0.0).unwrap_or(12.0);
        let fill = doc.get("fc").and_then(components).map_or(
            Rgba {
                r: 0.0,
                g: 0.0,
                b: 0.0,
                a: 1.0,
            },
            |c| {
                rgba(
                    c,
                    if doc
                        .get("fc")
                        .and_then(Value::as_array)
                        .is_some_and(|a| a.len() >= 4)
                    {
                        c[3]
                    } else {
                        1.0
                    },
                )
            },
        );
        TextDocument {
            text: Rc::new(SecretText::new(str_of(doc, "t").to_owned())),
            font,
            size,
            fill,
            justify: match num(doc, "j").unwrap_or(0.0) as i64 {
                1 => Justify::Right,
                2 => Justify::Center,
                _ => Justify::Left,
            },
            line_height: num(doc, "lh").filter(|l| *l > 0.0).unwrap_or(size * 1.2),
            stroke: doc
                .get("sc")
                .and_then(components)
                .zip(num(doc, "sw").filter(|w| *w > 0.0))
                .map(|(c, w)| {
                    (
                        rgba(c, 1.0),
                        w,
                        doc.get("of").and_then(Value::as_bool) != Some(false),
                    )
                }),
            tracking: num(doc, "tr").unwrap_or(0.0),
            baseline_shift: num(doc, "ls").unwrap_or(0.0),
            caps: match num(doc, "ca").unwrap_or(0.0) as i64 {
                1 => Caps::All,
                2 => Caps::Small,
                _ => Caps::Regular,
            },
            text_box: doc.get("sz").and_then(components).map(|size| TextBox {
                position: doc
                    .get("ps")
                    .and_then(components)
                    .map_or(Vec2::new(0.0, 0.0), |p| Vec2::new(p[0], p[1])),
                size: Vec2::new(size[0], size[1]),
            }),
        }
    }

    #[allow(
        clippy::too_many_lines,
        reason = "a table: one arm per Lottie shape item type"
    )]
    fn shapes(&mut self, list: Option<&Value>) -> Result<Vec<ShapeItem>, LoadError> {
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
            let full_only = match ty {
                "mm" | "pb" | "op" | "rd" | "zz" => Some("path modifiers"),
                "rp" => Some("repeaters"),
                _ => None,
            };
            if let Some(what) = full_only {
                self.full_only(what);
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
                    ShapeItem::Group {
                        items: self.shapes(children)?,
                        transform: Box::new(self.transform(transform)),
                    }
                }
                "rc" => ShapeItem::Rect {
                    position: self.point(obj.get("p"), Vec2::default()),
                    size: self.point(obj.get("s"), Vec2::default()),
                    roundness: self.scalar(obj.get("r"), 0.0),
                },
                "el" => ShapeItem::Ellipse {
                    position: self.point(obj.get("p"), Vec2::default()),
                    size: self.point(obj.get("s"), Vec2::default()),
                },
                "sh" => ShapeItem::Path(self.bezier(obj.get("ks"))),
                "rp" => {
                    let tr = obj.get("tr");
                    ShapeItem::Repeater(Box::new(Repeater {
                        copies: self.scalar(obj.get("c"), 1.0),
                        offset: self.scalar(obj.get("o"), 0.0),
                        transform: self.transform(tr),
                        start_opacity: self.scalar(tr.and_then(|t| t.get("so")), 100.0),
                        end_opacity: self.scalar(tr.and_then(|t| t.get("eo")), 100.0),
                        above: num(obj, "m") != Some(2.0),
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
                    reversed: num(obj, "d") == Some(3.0),
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
            if self.legacy_colors {
                color.for_each_value(|c| c.iter_mut().for_each(|v| *v /= 255.0));
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

    /// The index of slot `sid` in `slots_used`, added when new (`None` past
    /// [`MAX_SLOTS`]: further slots keep their value but cannot be bound).
    fn slot_entry(&mut self, sid: &str) -> Option<usize> {
        if !self.full_only("slots") {
            return None;
        }
        let at = self.slot_ids.partition_point(|(id, _)| id.as_str() < sid);
        if let Some((_, index)) = self.slot_ids.get(at).filter(|(id, _)| id == sid) {
            return Some(*index);
        }
        if self.slots_used.len() >= MAX_SLOTS {
            self.warn("too-many-slots", "slots");
            return None;
        }
        self.slots_used.push(Slot {
            sid: sid.to_owned(),
            kind: SlotKind::Other,
            sites: Vec::new(),
        });
        self.slot_uses.push((0, 0));
        let index = self.slots_used.len() - 1;
        self.slot_ids.insert(at, (sid.to_owned(), index));
        Some(index)
    }

    /// Notes that a property of `kind` at `site`, which a binding can set,
    /// uses the slot `sid` names (if any), and returns the slot's index. A
    /// slot used by properties of different kinds cannot be bound.
    fn use_slot(&mut self, sid: Option<&str>, kind: SlotKind, site: SlotSite) -> Option<usize> {
        let index = self.slot_entry(sid?)?;
        let (slot, uses) = (
            self.slots_used.get_mut(index)?,
            self.slot_uses.get_mut(index)?,
        );
        if uses.1 == 0 {
            slot.kind = kind;
        } else if slot.kind != kind {
            slot.kind = SlotKind::Other;
        }
        uses.1 += 1;
        if slot.sites.len() < 1_000 {
            slot.sites.push(site);
        }
        Some(index)
    }

    /// The slot of a solid fill's or stroke's colour (`c`).
    fn color_slot(&mut self, obj: &Object, gradient: bool) -> Option<usize> {
        let kind = if gradient {
            SlotKind::Other
        } else {
            SlotKind::Color
        };
        self.use_slot(
            sid_of(obj.get(if gradient { "g" } else { "c" })),
            kind,
            SlotSite::Shape,
        )
    }

    /// The value of slot `sid` when `property` names one the file defines
    /// (lottie-spec slots), copied: slots are few and small.
    fn slot(&mut self, property: Option<&Value>) -> Option<Value> {
        let sid = property?.get("sid")?.as_str()?;
        if let Some(uses) = self.slot_entry(sid).and_then(|i| self.slot_uses.get_mut(i)) {
            uses.0 += 1;
        }
        let at = self.slots.partition_point(|(id, _)| *id < sid);
        let (_, value) = self.slots.get(at).filter(|(id, _)| *id == sid)?;
        value.get("p").cloned()
    }

    /// A property holding a list of numbers of any length (gradient stops).
    fn numbers(&mut self, property: Option<&Value>) -> Animated<Vec<f64>> {
        let slot = self.slot(property);
        let property = slot.as_ref().or(property);
        let Some(property) = property else {
            return Animated::Fixed(Vec::new());
        };
        if property.get("x").is_some_and(Value::is_string) {
            self.warn("expression", "x");
        }
        let k = property.get("k").unwrap_or(property);
        let list = |v: &Value| -> Option<Vec<f64>> {
            v.as_array()?
                .iter()
                .take(4_096)
                .map(|n| n.as_f64().filter(|n| n.is_finite()))
                .collect()
        };
        if let Some(values) = list(k) {
            return Animated::Fixed(values);
        }
        let keys = keyframes(k, list);
        keys.into_animated(Vec::new())
    }

    fn transform(&mut self, ks: Option<&Value>) -> Transform {
        let get = |key| ks.and_then(|k| k.get(key));
        let position = match get("p") {
            Some(p) if p.get("s").and_then(Value::as_bool) == Some(true) => {
                Position::Split(self.scalar(p.get("x"), 0.0), self.scalar(p.get("y"), 0.0))
            }
            p => Position::Joined(self.point(p, Vec2::default())),
        };
        let rotation = get("r").or_else(|| get("rz"));
        let rotation_3d =
            (get("rx").is_some() || get("ry").is_some() || get("or").is_some()).then(|| {
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
    fn scalar(&mut self, property: Option<&Value>, default: f64) -> Animated<f64> {
        self.animated(property, [default, 0.0, 0.0, 0.0])
            .map(|c| c[0])
    }

    /// A point, size or scale: x and y (a third number, z, is not drawn).
    fn point(&mut self, property: Option<&Value>, default: Vec2) -> Animated<Vec2> {
        self.animated(property, [default.x, default.y, 0.0, 0.0])
            .map(|c| Vec2::new(c[0], c[1]))
    }

    /// A colour: red, green, blue and alpha, 0..=1.
    fn color(&mut self, property: Option<&Value>, default: Rgba) -> Animated<Rgba> {
        self.animated(property, [default.r, default.g, default.b, default.a])
            .map(|c| rgba(c, c[3]))
    }

    /// A property's numbers, before they get their type: `{ "k": 5 }`,
    /// `{ "k": [1, 2] }` or keyframes.
    fn animated(&mut self, property: Option<&Value>, default: Components) -> Animated<Components> {
        let slot = self.slot(property);
        let property = slot.as_ref().or(property);
        let Some(property) = property else {
            return Animated::Fixed(default);
        };
        if property.get("x").is_some_and(Value::is_string) {
            self.warn("expression", "x");
        }
        let k = property.get("k").unwrap_or(property);
        if let Some(value) = components(k) {
            return Animated::Fixed(fill_missing(value, k, default));
        }
        let keys = keyframes(k, |s| components(s).map(|v| fill_missing(v, s, default)));
        keys.into_animated(default)
    }

    fn bezier(&mut self, property: Option<&Value>) -> Animated<BezierShape> {
        let slot = self.slot(property);
        let property = slot.as_ref().or(property);
        let Some(property) = property else {
            return Animated::Fixed(BezierShape::default());
        };
        if property.get("x").is_some_and(Value::is_string) {
            self.warn("expression", "x");
        }
        let k = property.get("k").unwrap_or(property);
        if let Some(shape) = bezier_shape(k) {
            return Animated::Fixed(shape);
        }
        // Keyframed shapes wrap the shape in a one-element array.
        let keys = keyframes(k, |s| {
            bezier_shape(s.as_array().and_then(|a| a.first()).unwrap_or(s))
        });
        keys.into_animated(BezierShape::default())
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
        let next_start = list.get(i + 1).and_then(|n| n.get("s")).and_then(&value);
        let end = key
            .get("e")
            .and_then(&value)
            .or(next_start)
            .unwrap_or_else(|| start.clone());
        out.push(timing, start, end);
    }
    out
}

/// A keyframe's time (`t`, finite, or `None`), hold (`h`), easing (`o`,
/// `i`) and motion-path tangents: what does not depend on its values.
fn key_timing(key: &Value) -> Option<KeyTiming> {
    let time = key
        .get("t")
        .and_then(Value::as_f64)
        .filter(|t| t.is_finite())?;
    let tangent = |name: &str, default: Vec2| {
        key.get(name).map_or(default, |t| {
            let coord =
                |c: &str, d: f64| t.get(c).and_then(first_number).unwrap_or(d).clamp(0.0, 1.0);
            // y may overshoot (back easing); only x must stay in 0..=1.
            let y = t
                .get("y")
                .and_then(first_number)
                .filter(|v| v.is_finite())
                .unwrap_or(default.y);
            Vec2::new(coord("x", default.x), y)
        })
    };
    Some(KeyTiming {
        time,
        hold: key.get("h").and_then(Value::as_f64) == Some(1.0),
        easing: Easing {
            out: tangent("o", Easing::LINEAR.out),
            into: tangent("i", Easing::LINEAR.into),
        },
        spatial: spatial_tangents(key),
    })
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

fn first_number(v: &Value) -> Option<f64> {
    v.as_f64()
        .or_else(|| v.as_array().and_then(|a| a.first()).and_then(Value::as_f64))
}

/// `5` or `[1, 2, 3]` as components; `None` for anything else (keyframes).
fn components(v: &Value) -> Option<Components> {
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

fn bezier_shape(v: &Value) -> Option<BezierShape> {
    let obj = v.as_object()?;
    let points = |key| -> Option<Vec<Vec2>> {
        obj.get(key)?
            .as_array()?
            .iter()
            .map(|p| {
                let c = components(p)?;
                Some(Vec2::new(c[0], c[1]))
            })
            .collect()
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

fn import_fonts(root: &Object) -> Vec<Font> {
    let list = root
        .get("fonts")
        .and_then(|f| f.get("list"))
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    list.iter()
        .filter_map(Value::as_object)
        .take(64)
        .map(|f| {
            let style = str_of(f, "fStyle").to_ascii_lowercase();
            let squashed: String = style.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
            let weight = [
                ("thin", 100),
                ("extralight", 200),
                ("light", 300),
                ("medium", 500),
                ("semibold", 600),
                ("extrabold", 800),
                ("bold", 700),
                ("black", 900),
            ]
            .iter()
            .find(|(word, _)| has_word(&squashed, word.as_bytes()))
            .map_or(400, |(_, w)| *w);
            let path = str_of(f, "fPath");
            // Only font files inside the template package; anything else (a
            // URL, a path out of the package, a quote) uses system fonts.
            let is_font_file = binding_engine::is_package_path(path)
                && [".woff2", ".woff", ".ttf", ".otf"]
                    .iter()
                    .any(|ext| path.ends_with(ext));
            Font {
                name: str_of(f, "fName").to_owned(),
                family: str_of(f, "fFamily").to_owned(),
                style: str_of(f, "fStyle").to_owned(),
                weight,
                italic: has_word(&style, b"italic") || has_word(&style, b"oblique"),
                file: is_font_file.then(|| path.to_owned()),
                // lottie-web measures the font when the file does not say;
                // three quarters of the size is typical of Latin fonts.
                ascent: num(f, "ascent").filter(|a| a.is_finite()).unwrap_or(75.0),
            }
        })
        .collect()
}

/// Layers whose parent link closes a cycle; cutting them leaves a forest.
fn parent_cycle_breaks(layers: &[Layer]) -> Vec<usize> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; layers.len()];
    let mut breaks = Vec::new();
    for start in 0..layers.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state.get(i).copied() {
                Some(NEW) => {
                    if let Some(s) = state.get_mut(i) {
                        *s = ON_PATH;
                    }
                    path.push(i);
                    at = layers.get(i).and_then(|l| l.parent);
                }
                Some(ON_PATH) => {
                    if let Some(last) = path.last() {
                        breaks.push(*last);
                    }
                    break;
                }
                _ => break,
            }
        }
        for i in path {
            if let Some(s) = state.get_mut(i) {
                *s = DONE;
            }
        }
    }
    breaks
}

/// Replaces each precomp layer that would make a composition contain itself
/// with a null layer, so evaluation always terminates.
fn cut_precomp_cycles(comp: &mut Composition) {
    // Composition 0 is the root; precomp i is node i + 1.
    let refs = |layers: &[Layer]| -> Vec<(usize, usize)> {
        layers
            .iter()
            .enumerate()
            .filter_map(|(i, l)| match l.kind {
                LayerKind::Precomp { comp, .. } => Some((i, comp + 1)),
                _ => None,
            })
            .collect()
    };
    let mut edges: Vec<Vec<(usize, usize)>> = vec![refs(&comp.layers)];
    edges.extend(comp.precomps.iter().map(|l| refs(l)));

    let mut state = vec![0_u8; edges.len()];
    let mut cuts = Vec::new();
    // Iterative DFS: (node, next edge to visit).
    for start in 0..edges.len() {
        if state.get(start).copied() != Some(0) {
            continue;
        }
        let mut stack = vec![(start, 0_usize)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some((node, edge)) = stack.last_mut() {
            let node = *node;
            let Some(&(layer, target)) = edges.get(node).and_then(|e| e.get(*edge)) else {
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                stack.pop();
                continue;
            };
            *edge += 1;
            match state.get(target).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(target) {
                        *s = 1;
                    }
                    stack.push((target, 0));
                }
                Some(1) => cuts.push((node, layer)),
                _ => {}
            }
        }
    }
    for (node, layer) in cuts {
        let list = if node == 0 {
            Some(&mut comp.layers)
        } else {
            comp.precomps.get_mut(node - 1)
        };
        if let Some(layer) = list.and_then(|l| l.get_mut(layer)) {
            layer.kind = LayerKind::Null;
            comp.warnings.push(Warning {
                code: "precomp-cycle",
                layer: layer.name.clone(),
                what: "refId".to_owned(),
            });
        }
    }
}

/// Named segments (`markers`): `cm` name, `tm` start, `dr` length.
fn import_markers(root: &Object) -> Vec<Marker> {
    let list = root
        .get("markers")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    list.iter()
        .filter_map(Value::as_object)
        .take(MAX_ASSETS)
        .filter_map(|m| {
            Some(Marker {
                name: m.get("cm")?.as_str()?.to_owned(),
                start: num(m, "tm")?,
                duration: num(m, "dr").filter(|d| *d >= 0.0).unwrap_or(0.0),
            })
        })
        .collect()
}

/// Whether the Bodymovin version `v` ("major.minor.patch") is older than
/// `minimum`. A missing or unreadable version counts as new, as in lottie-web.
fn version_before(v: Option<&Value>, minimum: [u32; 3]) -> bool {
    let Some(v) = v.and_then(Value::as_str) else {
        return false;
    };
    // Digits only (else 0), without `str::parse`'s generic machinery.
    let number = |p: &str| {
        p.bytes().try_fold(0u32, |n, b| {
            n.checked_mul(10)?
                .checked_add(u32::from(b.checked_sub(b'0').filter(|d| *d < 10)?))
        })
    };
    let mut parts = binding_engine::split_ascii(v, b'.').map(|p| number(p).unwrap_or(0));
    for want in minimum {
        let have = parts.next().unwrap_or(0);
        if have != want {
            return have < want;
        }
    }
    false
}

/// A number at `key` of any JSON value that is an object.
/// The file's slots (`slots`) by id, sorted for binary search: the first
/// [`MAX_SLOTS`] ids (a repeated id: its last value, as JSON objects read).
/// Insertion keeps them sorted, as for precomp ids (`slice::sort` would add
/// kilobytes of wasm for a list the cap keeps short).
fn slot_values(root: &Object) -> Vec<(&str, &Value)> {
    let mut slots: Vec<(&str, &Value)> = Vec::new();
    let defined = root.get("slots").and_then(Value::as_object);
    for (sid, value) in defined.into_iter().flat_map(|s| s.iter()) {
        let at = slots.partition_point(|(id, _)| *id < sid.as_str());
        let full = slots.len() >= MAX_SLOTS;
        match slots.get_mut(at).filter(|(id, _)| *id == sid.as_str()) {
            Some(slot) => slot.1 = value,
            None if !full => slots.insert(at, (sid.as_str(), value)),
            None => {}
        }
    }
    slots
}

/// The slot id (`sid`) of a property.
fn sid_of(property: Option<&Value>) -> Option<&str> {
    property?.get("sid")?.as_str()
}

fn str_opt<'a>(obj: &'a Object, key: &str) -> Option<&'a str> {
    obj.get(key)?.as_str()
}

fn num_of(value: &Value, key: &str) -> Option<f64> {
    value.as_object().and_then(|obj| num(obj, key))
}

fn num(obj: &Object, key: &str) -> Option<f64> {
    obj.get(key)
        .and_then(Value::as_f64)
        .filter(|v| v.is_finite())
}

fn flag(obj: &Object, key: &str) -> bool {
    match obj.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(v) => v.as_f64() == Some(1.0),
        None => false,
    }
}

/// Whether `text` contains `word` (already lower case): a byte-window scan,
/// lighter in wasm than `str::contains`'s two-way searcher.
fn has_word(text: &str, word: &[u8]) -> bool {
    text.as_bytes().windows(word.len()).any(|w| w == word)
}

fn str_of<'a>(obj: &'a Object, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Up to four numbers of a property as read (scalar, point, colour), before
/// they get their type; unused ones are zero.
type Components = [f64; 4];

fn rgba(c: Components, alpha: f64) -> Rgba {
    Rgba {
        r: c[0],
        g: c[1],
        b: c[2],
        a: alpha,
    }
}

/// `#rrggbb` (or `#rgb`); black for anything else.
fn hex_color(s: &str) -> Rgba {
    let hashes = s.bytes().take_while(|b| *b == b'#').count();
    let hex = s.get(hashes..).unwrap_or("");
    let digits: Vec<u8> = hex
        .chars()
        .filter_map(|c| c.to_digit(16).map(|d| d as u8))
        .collect();
    let (r, g, b) = match digits.as_slice() {
        [r1, r2, g1, g2, b1, b2, ..] if hex.len() >= 6 => {
            (r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)
        }
        [r, g, b] => (r * 17, g * 17, b * 17),
        _ => (0, 0, 0),
    };
    Rgba {
        r: f64::from(r) / 255.0,
        g: f64::from(g) / 255.0,
        b: f64::from(b) / 255.0,
        a: 1.0,
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::panic,
        reason = "tests"
    )]
    use super::*;
    use binding_engine::json;

    /// The lite build (`cargo test -p player --no-default-features --lib`)
    /// refuses what only the full player draws, naming it, and imports the
    /// rest as the full build does.
    #[test]
    #[cfg(not(feature = "full"))]
    fn the_lite_build_refuses_what_it_cannot_draw() {
        let doc = |layer: &str| {
            String::from(r#"{"w":10,"h":10,"fr":30,"ip":0,"op":10,"layers":["#) + layer + "]}"
        };
        let import = |layer: &str| Composition::from_json(&doc(layer));
        let plain = import(r#"{"ty":4,"bm":3,"shapes":[{"ty":"rc"},{"ty":"fl"},{"ty":"tm"}]}"#);
        assert_eq!(plain.map(|c| c.full_only), Ok(None));
        for (layer, what) in [
            (r#"{"ty":4,"ef":[{"ty":29,"ef":[]}]}"#, "effects"),
            (
                r#"{"ty":4,"shapes":[{"ty":"gr","it":[{"ty":"zz"}]}]}"#,
                "path modifiers",
            ),
            (r#"{"ty":4,"shapes":[{"ty":"rp"}]}"#, "repeaters"),
            (
                r#"{"ty":4,"shapes":[{"ty":"tm","m":2}]}"#,
                "trims of paths one after another",
            ),
            (r#"{"ty":4,"tt":4}"#, "luma mattes"),
            (r#"{"ty":3,"ks":{"rx":{"k":10}}}"#, "3D rotations"),
            (
                r#"{"ty":5,"t":{"a":[{}],"d":{"k":[{"t":0,"s":{"t":"x"}}]}}}"#,
                "text animators",
            ),
            (r#"{"ty":4,"ks":{"o":{"k":100,"sid":"o"}}}"#, "slots"),
        ] {
            assert_eq!(
                import(layer).err(),
                Some(LoadError::NeedsFull(what)),
                "{layer}"
            );
        }
        let glyphs = r#"{"w":10,"h":10,"fr":30,"ip":0,"op":10,"layers":[],"chars":[{"ch":"a"}]}"#;
        assert_eq!(
            Composition::from_json(glyphs).err(),
            Some(LoadError::NeedsFull("glyph text"))
        );
    }

    #[test]
    fn hex_colours() {
        assert_eq!(hex_color("#ff8000").to_rgba8(), [255, 128, 0, 255]);
        assert_eq!(hex_color("#fff").to_rgba8(), [255, 255, 255, 255]);
        assert_eq!(hex_color("nonsense").to_rgba8(), [0, 0, 0, 255]);
    }

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

    #[test]
    fn parent_cycles_are_cut() {
        let doc = json!({ "w": 10, "h": 10, "fr": 30, "ip": 0, "op": 10, "layers": [
            { "ty": 3, "ind": 1, "parent": 2, "nm": "a" },
            { "ty": 3, "ind": 2, "parent": 1, "nm": "b" },
            { "ty": 3, "ind": 3, "parent": 3, "nm": "self" },
            { "ty": 3, "ind": 4, "parent": 1, "nm": "child" }
        ]});
        let comp = import(&doc).unwrap();
        let parents: Vec<_> = comp.layers.iter().map(|l| l.parent).collect();
        assert_eq!(parents, vec![Some(1), None, None, Some(0)]);
        assert_eq!(
            comp.warnings
                .iter()
                .filter(|w| w.code == "parent-cycle")
                .count(),
            2
        );
    }

    #[test]
    fn precomp_cycles_are_cut() {
        let doc = json!({ "w": 10, "h": 10, "fr": 30, "ip": 0, "op": 10,
            "assets": [
                { "id": "a", "layers": [{ "ty": 0, "refId": "b", "nm": "to-b" }] },
                { "id": "b", "layers": [{ "ty": 0, "refId": "a", "nm": "to-a" }] }
            ],
            "layers": [{ "ty": 0, "refId": "a", "nm": "root" }, { "ty": 0, "refId": "zz", "nm": "dangling" }]
        });
        let comp = import(&doc).unwrap();
        assert!(matches!(
            comp.layers[0].kind,
            LayerKind::Precomp { comp: 0, .. }
        ));
        assert!(matches!(comp.layers[1].kind, LayerKind::Null));
        assert!(
            matches!(comp.precomps[1][0].kind, LayerKind::Null),
            "b → a closes the cycle"
        );
        let codes: Vec<_> = comp.warnings.iter().map(|w| w.code).collect();
        assert!(
            codes.contains(&"precomp-cycle") && codes.contains(&"missing-precomp"),
            "{codes:?}"
        );
    }

    #[test]
    fn rejects_files_without_a_size() {
        assert_eq!(
            import(&json!({ "w": 10 })).unwrap_err(),
            LoadError::Invalid("h")
        );
        assert_eq!(import(&json!([])).unwrap_err(), LoadError::Invalid("root"));
        let zero = json!({ "w": 0, "h": 10, "fr": 30, "ip": 0, "op": 10, "layers": [] });
        assert_eq!(import(&zero).unwrap_err(), LoadError::Invalid("size"));
    }
}
