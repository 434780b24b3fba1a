//! Import: the raw Lottie document (a [`binding_engine::json::Value`], like usvg's XML
//! tree) into the runtime [`model`](super::model).
//!
//! Owns tolerance and reference resolution: a missing or ill-typed property
//! takes its After Effects default, an unsupported feature becomes a
//! [`Warning`], and parent and precomp references become indices with cycles
//! cut. Must never panic or fail on anything but an unreadable file, and
//! never evaluate expressions.
//!
//! This file is the walk, as the evaluator's is: `import` with the file's
//! limits (the `MAX_*` constants), the `Importer` with what it gathers
//! (warnings, the first feature only the full player draws), image assets,
//! and the layer loop (parents, track mattes and Set Matte effects, the
//! keys every layer has). It
//! hands the rest to the files below, one concern each (each adds its own
//! `impl Importer` block or plain functions): `properties` (animated values,
//! keyframes, transforms, Bézier paths), `slots` (lottie-spec slots and
//! whether a binding can set them), `shapes` (shape items, strokes,
//! brushes), `effects`, `masks`, `scripts` (expressions parsed, for the
//! full player), `text` (text layers, fonts, glyphs) and
//! `structure` (cycles cut across compositions, markers, the Bodymovin
//! version). They use the small readers here (`num`, `flag`, `str_of`) and
//! each other only one way: `properties` uses `slots`; `shapes`, `effects`,
//! `masks` and `text` use `properties` (`shapes` and `text` also `slots`,
//! `text` also `shapes`); none uses a file that uses it.

mod effects;
mod masks;
mod properties;
#[cfg(feature = "expressions")]
mod scripts;
mod shapes;
mod slots;
mod structure;
mod text;

use binding_engine::json::{decimal, Map, Value};
use binding_engine::{Property, SlotKind};

use self::slots::{sid_of, slot_values};
use self::structure::{
    bodymovin_version, cut_precomp_cycles, import_markers, parent_cycle_breaks, version,
};
use self::text::import_fonts;
use super::model::*;
use super::LoadError;
use crate::geometry::Rgba;

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

/// Where playback starts: lottie-web plays from the whole frame nearest
/// `ip` (an export's 35.0000014 starts at 35, where a layer starting at
/// 35.0000014 is not shown yet), so that is what designers saw.
fn first_frame(in_point: f64, out_point: f64) -> f64 {
    // JavaScript's Math.round: halves go up, -0.5 too.
    Some((in_point + 0.5).floor())
        .filter(|first| *first < out_point)
        .unwrap_or(in_point)
}

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
    // `__complete`: lottie-web's completed data saved back (`absolute_tangents`).
    let completed = root.get("__complete").and_then(Value::as_bool) == Some(true);
    let mut importer = Importer {
        fonts: import_fonts(root),
        absolute_tangents: completed,
        slots: slot_values(root),
        ..Importer::default()
    };

    // Precomp ids first, so layers can resolve `refId` as they are read.
    let assets = root
        .get("assets")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let mut precomp_assets: Vec<(&str, &[Value])> = Vec::new();
    for a in assets {
        if let (Some(id), Some(layers)) = (
            a.get("id").and_then(Value::as_str),
            a.get("layers").and_then(Value::as_array),
        ) {
            precomp_assets.push((id, layers.as_slice()));
        }
    }
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

    importer.image_assets(assets);
    importer.glyphs(root.get("chars"))?;
    // Files from Bodymovin before 4.4.18 (old colours, `closed`) are rare
    // now: the full player's. Set after the glyphs, whose paths lottie-web
    // leaves as they are.
    let exported = bodymovin_version(root.get("v"));
    if !completed
        && exported < version(4, 4, 18)
        && importer.full_only("files from Bodymovin before 4.4.18")
    {
        importer.legacy_closed = true;
        importer.legacy_colors = exported < version(4, 1, 9);
    }
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
        in_point: first_frame(in_point, out_point),
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
        #[cfg(feature = "expressions")]
        scripts: importer.scripts,
    };
    cut_precomp_cycles(&mut comp);
    #[cfg(feature = "expressions")]
    scripts::place_layers(&mut comp, root.get("nm").and_then(Value::as_str));
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
    /// (Full player only.)
    legacy_colors: bool,
    /// Files before 4.4.18 say whether a path is closed in its item's
    /// `closed` (a mask's `cl`), not in the path's `c`; lottie-web's
    /// `checkShapes` copies it over every `c` of the layers' shapes and
    /// masks, `undefined` included. (Full player only.)
    legacy_closed: bool,
    /// Path tangents are absolute positions, not offsets from their vertex:
    /// `__complete` marks lottie-web's own completed data saved back as
    /// JSON (tangents made absolute, old colours scaled), which lottie-web
    /// reads as it is.
    absolute_tangents: bool,
    /// The first feature met that only the full player draws
    /// ([`Composition::full_only`]); the lite build's import fails with it.
    full_only: Option<&'static str>,
    /// The uid of the layer being imported.
    uid: usize,
    /// The `ind`s its Set Matte effects (28) take their matte from (effects
    /// are the full player's: none of this is in the lite one).
    #[cfg(feature = "full")]
    set_mattes: Vec<f64>,
    /// The expressions met so far, and their layers' facts.
    #[cfg(feature = "expressions")]
    scripts: crate::lottie::scripted::Scripts,
    /// The shape group being read (its fact) and its path in the model.
    #[cfg(feature = "expressions")]
    shape_group: (Option<u32>, Vec<u32>),
    /// The layer's scripts by the address of their property's value.
    #[cfg(feature = "expressions")]
    script_sources: Vec<(usize, u32)>,
}

impl Importer<'_> {
    /// Notes a feature only the full player draws. Returns whether this
    /// build reads it: the lite build skips it (and fails at the end), so
    /// that its optimiser drops the code that would draw it.
    fn full_only(&mut self, what: &'static str) -> bool {
        self.full_only.get_or_insert(crate::full_reason(what));
        crate::FULL
    }

    /// Images: embedded data URIs, or files inside the template package
    /// (`u` folder + `p` name); ids in a short list, looked up linearly.
    fn image_assets(&mut self, assets: &[Value]) {
        for asset in assets.iter().filter_map(Value::as_object) {
            let path = str_of(asset, "p");
            if asset.contains_key("layers") || path.is_empty() {
                continue;
            }
            let source = path.starts_with("data:image/").then(|| path.to_owned());
            let file = String::from(str_of(asset, "u")) + path;
            let file = (source.is_none() && binding_engine::is_package_path(&file)).then_some(file);
            let site = SlotSite::Image(self.images.len());
            self.use_slot(str_opt(asset, "sid"), SlotKind::Image, site);
            self.images.push(Image {
                id: str_of(asset, "id").to_owned(),
                width: num(asset, "w").unwrap_or(0.0),
                height: num(asset, "h").unwrap_or(0.0),
                source,
                file,
            });
        }
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

    fn layers(&mut self, list: &[Value]) -> Result<Vec<Layer>, LoadError> {
        self.layer_count += list.len();
        if self.layer_count > MAX_LAYERS {
            return Err(LoadError::TooLarge("layers"));
        }
        let mut layers = Vec::with_capacity(list.len());
        let mut indices = Vec::with_capacity(list.len());
        // Layers with a Set Matte effect, and the `ind` it names.
        #[cfg(feature = "full")]
        let mut set_mattes = Vec::new();
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
            let layer = self.layer(obj)?;
            // (At most 64 a list: each is a pass over the list.)
            #[cfg(feature = "full")]
            for ind in std::mem::take(&mut self.set_mattes) {
                if set_mattes.len() < 64 {
                    set_mattes.push((layers.len(), ind));
                }
            }
            layers.push((layer, parent_ind, matte));
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
        // Set Matte: every other layer with the `ind` it names is shown,
        // even if hidden, and the last one is the layer's alpha matte, over
        // a track matte; the last effect wins (lottie-web's SVGMatte3Effect,
        // which ignores the channel and inversion).
        #[cfg(feature = "full")]
        for (index, ind) in set_mattes {
            let named = indices.iter().enumerate();
            for (source, _) in named.filter(|&(j, i)| j != index && *i == Some(ind)) {
                if let Some(layer) = resolved.get_mut(index) {
                    layer.matte = Some(Matte {
                        mode: MatteMode::Alpha,
                        layer: source,
                    });
                }
                if let Some(layer) = resolved.get_mut(source) {
                    layer.hidden = false;
                }
            }
        }
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
        self.uid = uid;
        #[cfg(feature = "expressions")]
        self.layer_facts(obj);
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
        // A blended layer is drawn into a group that blends whole
        // (`eval/mod.rs`): the full player's. A mode lottie-web does not
        // know (Add, Hard Mix) draws normal, with a warning, in both.
        let blend = match BlendMode::from_lottie(num(obj, "bm").unwrap_or(0.0) as i64) {
            Some(BlendMode::Normal) => BlendMode::Normal,
            Some(mode) if self.full_only("blend modes") => mode,
            Some(_) => BlendMode::Normal,
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
        let transform = Transform {
            auto_orient: flag(obj, "ao"),
            ..self.transform(ks)
        };
        #[cfg(feature = "expressions")]
        self.end_layer_facts();
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
            transform,
            kind,
        })
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
}

fn str_opt<'a>(obj: &'a Object, key: &str) -> Option<&'a str> {
    obj.get(key)?.as_str()
}

/// A number at `key` of an object, if finite.
fn num(obj: &Object, key: &str) -> Option<f64> {
    obj.get(key)
        .and_then(Value::as_f64)
        .filter(|v| v.is_finite())
}

/// Whether `key` is `true` or `1`.
fn flag(obj: &Object, key: &str) -> bool {
    match obj.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(v) => v.as_f64() == Some(1.0),
        None => false,
    }
}

/// The string at `key`, else empty.
fn str_of<'a>(obj: &'a Object, key: &str) -> &'a str {
    obj.get(key).and_then(Value::as_str).unwrap_or("")
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
    #![allow(clippy::unwrap_used, clippy::panic, reason = "tests")]
    use super::*;
    use binding_engine::json;

    /// lottie-web's first frame: `Math.round(ip)`, unless that would reach
    /// the end (then the file's own).
    #[test]
    fn playback_starts_at_the_whole_frame_nearest_ip() {
        let comp = |ip: f64, op: f64| {
            let text = format!(r#"{{"w":10,"h":10,"fr":30,"ip":{ip},"op":{op},"layers":[]}}"#);
            import(&json::parse(&text).unwrap()).unwrap().in_point
        };
        assert_eq!(comp(35.0000014255792, 129.000005254278), 35.0);
        assert_eq!(comp(4.6, 20.0), 5.0);
        assert_eq!(comp(0.6, 1.0), 0.6);
        assert_eq!(comp(-0.5, 10.0), 0.0);
    }

    /// A font's weight is its `fWeight` when the file gives one (lottie-web
    /// takes it over the style's name), else what the style's name says.
    #[test]
    fn font_weight_follows_f_weight_then_the_style_name() {
        let weights = |fonts: &str| {
            let text = format!(
                r#"{{"w":10,"h":10,"fr":30,"ip":0,"op":10,"layers":[],"fonts":{{"list":[{fonts}]}}}}"#
            );
            let comp = import(&json::parse(&text).unwrap()).unwrap();
            comp.fonts.iter().map(|f| f.weight).collect::<Vec<_>>()
        };
        assert_eq!(
            weights(
                r#"{"fName":"a","fStyle":"Ultra","fWeight":"700"},
                {"fName":"b","fStyle":"Bold","fWeight":"normal"},
                {"fName":"c","fStyle":"Regular","fWeight":"bold"},
                {"fName":"d","fStyle":"Light","fWeight":""},
                {"fName":"e","fStyle":"Black","fWeight":"600"},
                {"fName":"f","fStyle":"Medium","fWeight":"7x0"},
                {"fName":"g","fStyle":"Bold","fWeight":"99999"},
                {"fName":"h","fStyle":"Light","fWeight":"Bold"}"#
            ),
            [700, 400, 700, 300, 600, 500, 700, 700]
        );
    }

    /// Before Bodymovin 4.4.18 a path item's `closed` (a mask's `cl`) says
    /// whether its path is closed, whatever its `c` says, keyframes too
    /// (lottie-web's `checkShapes`); glyphs' paths keep their `c`.
    #[test]
    #[cfg(feature = "full")]
    fn old_files_close_paths_by_their_items_key() {
        let closed = |v: &str| {
            let text = String::from(r#"{"v":""#)
                + v
                + r#"","w":10,"h":10,"fr":30,"ip":0,"op":10,
                "chars":[{"ch":"a","size":10,"style":"R","w":5,"fFamily":"F","data":{"shapes":[
                  {"ty":"sh","closed":true,"ks":{"k":{"v":[[0,0],[1,1]],"c":false}}}]}}],
                "layers":[{"ty":4,"hasMask":true,"masksProperties":[
                  {"mode":"a","cl":true,"pt":{"k":{"v":[[0,0],[1,0],[1,1]],"c":false}}}],
                "shapes":[{"ty":"gr","it":[
                  {"ty":"sh","closed":true,"ks":{"k":{"v":[[0,0],[1,1]],"c":false}}},
                  {"ty":"sh","ks":{"k":{"v":[[0,0],[1,1]],"c":true}}},
                  {"ty":"sh","closed":false,"ks":{"k":[
                    {"t":0,"s":[{"v":[[0,0],[1,1]],"c":true}],"e":[{"v":[[1,0],[1,1]],"c":true}]},
                    {"t":5}]}}]}]}]}"#;
            let comp = Composition::from_json(&text).unwrap();
            let mut found = Vec::new();
            let layer = comp.layers.first().unwrap();
            found.push(layer.masks.first().unwrap().path.at(0.0).closed);
            let LayerKind::Shape(items) = &layer.kind else {
                panic!("a shape layer")
            };
            let Some(ShapeItem::Group { items, .. }) = items.first() else {
                panic!("a group")
            };
            for item in items {
                if let ShapeItem::Path(path) = item {
                    found.push(path.at(0.0).closed);
                    found.push(path.at(9.0).closed);
                }
            }
            let glyph = comp.glyphs.first().unwrap();
            let Some(ShapeItem::Path(path)) = glyph.shapes.first() else {
                panic!("a glyph path")
            };
            found.push(path.at(0.0).closed);
            found
        };
        assert_eq!(
            closed("4.4.17"),
            [true, true, true, false, false, false, false, false]
        );
        assert_eq!(
            closed("4.4.18"),
            [false, false, false, true, true, true, true, false]
        );
    }

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
        let plain = import(r#"{"ty":4,"bm":0,"shapes":[{"ty":"rc"},{"ty":"fl"},{"ty":"tm"}]}"#);
        assert_eq!(plain.map(|c| c.full_only), Ok(None));
        for (layer, what) in [
            (r#"{"ty":4,"ef":[{"ty":29,"ef":[]}]}"#, "effects"),
            (
                r#"{"ty":4,"shapes":[{"ty":"gr","it":[{"ty":"zz"}]}]}"#,
                "path modifiers",
            ),
            (r#"{"ty":4,"shapes":[{"ty":"rp"}]}"#, "repeaters"),
            (r#"{"ty":4,"bm":3}"#, "blend modes"),
            (
                r#"{"ty":4,"shapes":[{"ty":"el","d":3}]}"#,
                "counter-clockwise rectangles or ellipses",
            ),
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
        let old = r#"{"v":"4.4.17","w":10,"h":10,"fr":30,"ip":0,"op":10,"layers":[]}"#;
        assert_eq!(
            Composition::from_json(old).err(),
            Some(LoadError::NeedsFull("files from Bodymovin before 4.4.18"))
        );
        let new = r#"{"v":"4.4.18","w":10,"h":10,"fr":30,"ip":0,"op":10,"layers":[]}"#;
        assert_eq!(Composition::from_json(new).map(|c| c.full_only), Ok(None));
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
