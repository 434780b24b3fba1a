//! A loaded template: its manifest and animation, checked against each other
//! before any data arrives, and binding one viewer's data into it.
//!
//! Owns the rule that the parsed template is never changed by binding: each
//! bind produces fresh [`Overrides`], so re-binding (or a second viewer)
//! starts from the same clean template. Must never fetch: the web side
//! fetches, this module only reads the bytes it is given.

use std::rc::Rc;

use binding_engine::format::Formatter;
use binding_engine::json::decimal;
#[cfg(feature = "full")]
use binding_engine::Interaction;
use binding_engine::{
    Binding, BoundValue, DataSource, FieldType, Manifest, Problem, Property, SecretText, Source,
    Target,
};

use crate::captions::{self, Cue};
use crate::geometry::Rgba;
use crate::lottie::{Composition, SlotSite};
use crate::overrides::{LayerOverride, Overrides};
use crate::protocol::PlayerError;

/// The file every template package starts from.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Why `manifest` needs the full player (the manifest half of
/// [`crate::FULL`]'s list); `None`: the lite player reads it all.
pub fn full_only(manifest: &Manifest) -> Option<&'static str> {
    let text_only =
        |b: &Binding| b.property == Property::Text && !matches!(b.target, Target::Slot(_));
    if manifest.video.is_some() {
        Some(crate::full_reason("a background video"))
    } else if manifest.fields.iter().any(|f| f.kind == FieldType::Image) {
        Some(crate::full_reason("a viewer's image"))
    } else if !manifest.bindings.iter().all(text_only) {
        Some(crate::full_reason("bindings to anything but texts"))
    } else if manifest.interactive {
        Some(crate::full_reason("actions or chapters"))
    } else {
        None
    }
}

/// A template, ready for data.
#[derive(Debug)]
pub struct Template {
    /// The binding manifest.
    pub manifest: Manifest,
    /// The animation.
    pub composition: Composition,
    /// The captions' cues (empty without a `captions` file).
    pub captions: Vec<Cue>,
    /// The clickable layers and the chapters (docs/interaction.md; empty
    /// without). Not in the lite build, which hands such templates over.
    #[cfg(feature = "full")]
    pub interaction: Interaction,
}

impl Template {
    /// Parses the manifest (first, so its `animation` path can be fetched).
    pub fn parse_manifest(json: &str) -> Result<Manifest, PlayerError> {
        Ok(Manifest::parse(json)?)
    }

    /// Parses the animation and checks every binding target against it.
    pub fn new(manifest: Manifest, animation_json: &str) -> Result<Self, PlayerError> {
        let composition = Composition::from_json(animation_json)?;
        let problems = manifest.validate(&composition.outline());
        if !problems.is_empty() {
            return Err(PlayerError {
                code: "template-mismatch",
                field: None,
                problems,
            });
        }
        Ok(Self {
            manifest,
            composition,
            captions: Vec::new(),
            #[cfg(feature = "full")]
            interaction: Interaction::default(),
        })
    }

    /// Adds the manifest's `actions` and `chapters`, read from
    /// `manifest_json` (the manifest's text) and checked against the
    /// animation: their problems are `manifest-invalid` or
    /// `template-mismatch`, as the bindings' are.
    #[cfg(feature = "full")]
    pub fn with_interaction(mut self, manifest_json: &str) -> Result<Self, PlayerError> {
        if !self.manifest.interactive {
            return Ok(self);
        }
        let interaction = Interaction::parse(manifest_json, &self.manifest)?;
        let problems = interaction.validate(&self.composition.outline());
        if !problems.is_empty() {
            return Err(PlayerError {
                code: "template-mismatch",
                field: None,
                problems,
            });
        }
        self.interaction = interaction;
        Ok(self)
    }

    /// What of this template only the full player draws or reads; `None`
    /// when the lite player does it all (docs/benchmarks.md, "Two builds").
    pub fn full_only(&self) -> Option<&'static str> {
        full_only(&self.manifest).or(self.composition.full_only)
    }

    /// Adds the captions (the WebVTT text of the manifest's `captions`
    /// file), checked against the manifest's fields.
    pub fn with_captions(mut self, vtt: &str) -> Result<Self, PlayerError> {
        self.captions = captions::parse(vtt, &self.manifest).map_err(|e| PlayerError {
            code: "captions-invalid",
            field: None,
            problems: vec![Problem {
                code: e.code,
                path: String::from("captions"),
                name: String::from("line ") + &decimal(e.line as i64),
            }],
        })?;
        Ok(self)
    }

    /// Binds one viewer's data. The result holds the only copies of the
    /// bound texts; drop it to wipe them.
    pub fn bind(
        &self,
        data: &dyn DataSource,
        format: &mut dyn Formatter,
    ) -> Result<BoundTemplate, PlayerError> {
        // The captions' cues, then the actions' labels: filled like texts.
        #[allow(unused_mut, reason = "the labels are split off in the full build")]
        let mut extra: Vec<_> = self.captions.iter().map(|cue| &cue.text).collect();
        #[cfg(feature = "full")]
        extra.extend(self.interaction.actions.iter().map(|a| &a.label));
        #[allow(unused_mut, reason = "the labels are split off in the full build")]
        let mut bound = self.manifest.bind_with(data, &extra, format)?;
        #[cfg(feature = "full")]
        let labels = bound
            .extra
            .split_off(self.captions.len().min(bound.extra.len()));
        let comp = &self.composition;
        let mut overrides = Overrides::new(comp.text_slots);
        // Visibility: a layer named by several variants of one choice shows
        // when any of them is chosen; different visibility bindings of one
        // layer (variants of two choices, a flag) must all say "show".
        let mut variant_votes: Vec<(usize, usize, bool)> = Vec::new();
        // Values come in the manifest's binding order.
        for (value, binding) in bound.values.into_iter().zip(&self.manifest.bindings) {
            let image_number = |image: usize| comp.images.len() + image;
            match (value, &binding.source) {
                (BoundValue::Unset, _) => {}
                (BoundValue::Text(text), _) => {
                    let text = Rc::new(text);
                    for slot in comp.text_slots_of(&binding.target) {
                        overrides.set(slot, Rc::clone(&text), binding.fit);
                    }
                }
                // (The lite build's loader refuses templates that bind
                // anything but texts: crate::FULL.)
                _ if !crate::FULL => {}
                (BoundValue::Visible(shown), Source::Variant { field, .. }) => {
                    for layer in comp.layers_of(&binding.target) {
                        match variant_votes
                            .iter_mut()
                            .find(|(uid, f, _)| *uid == layer.uid && f == field)
                        {
                            Some((_, _, any)) => *any |= shown,
                            None => variant_votes.push((layer.uid, *field, shown)),
                        }
                    }
                }
                (value, _) => {
                    for layer in comp.layers_of(&binding.target) {
                        if let Some(o) = overrides.layer_mut(layer.uid, comp.layer_count) {
                            set_property(o, binding.property, &value, comp.images.len());
                        }
                    }
                    let sites = comp.slots_of(&binding.target).filter_map(|i| {
                        let slot = comp.slots.get(i)?;
                        Some(slot.sites.iter().map(move |site| (i, *site)))
                    });
                    for (slot, site) in sites.flatten() {
                        match (site, &value) {
                            (SlotSite::Shape, BoundValue::Color(c)) => {
                                overrides.set_slot_color(slot, comp.slots.len(), rgba(*c));
                            }
                            (SlotSite::Image(asset), BoundValue::Image(image)) => {
                                overrides.set_image(asset, comp.images.len(), image_number(*image));
                            }
                            (SlotSite::Layer(uid, property), _) => {
                                if let Some(o) = overrides.layer_mut(uid, comp.layer_count) {
                                    set_property(o, property, &value, comp.images.len());
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        for (uid, _, any) in variant_votes {
            if let Some(o) = overrides.layer_mut(uid, comp.layer_count) {
                o.visible = Some(o.visible.unwrap_or(true) && any);
            }
        }
        Ok(BoundTemplate {
            overrides,
            description: bound.description,
            captions: bound.extra,
            #[cfg(feature = "full")]
            labels,
        })
    }
}

/// Sets `property` of a layer's bound properties to `value` (of the kind
/// validation let through; any other pairing changes nothing). Viewer
/// images are numbered after the template's `template_images`.
fn set_property(
    o: &mut LayerOverride,
    property: Property,
    value: &BoundValue,
    template_images: usize,
) {
    match (property, value) {
        (Property::Fill, BoundValue::Color(c)) => o.fill = Some(rgba(*c)),
        (Property::Stroke, BoundValue::Color(c)) => o.stroke = Some(rgba(*c)),
        (Property::Visible, BoundValue::Visible(shown)) => {
            o.visible = Some(o.visible.unwrap_or(true) && *shown);
        }
        (Property::Image, BoundValue::Image(image)) => o.image = Some(template_images + image),
        (property, BoundValue::Number(n)) => {
            let n = Some(*n);
            match property {
                Property::Opacity => o.opacity = n,
                Property::Rotation => o.rotation = n,
                Property::Scale => o.scale = [n, n],
                Property::ScaleX => o.scale[0] = n,
                Property::ScaleY => o.scale[1] = n,
                Property::PositionX => o.position[0] = n,
                Property::PositionY => o.position[1] = n,
                _ => {}
            }
        }
        _ => {}
    }
}

fn rgba([r, g, b, a]: [f64; 4]) -> Rgba {
    Rgba { r, g, b, a }
}

/// One viewer's template: what the data changes in the animation (texts,
/// layer properties, colours, images) and the accessible description.
/// Personal data: wiped when dropped.
#[derive(Debug)]
pub struct BoundTemplate {
    /// What the viewer's data changes in the layers, for evaluation.
    pub overrides: Overrides,
    /// What a screen reader says for the video (`accessibleText`).
    pub description: Option<SecretText>,
    /// The text of each of the template's caption cues, in order.
    pub captions: Vec<SecretText>,
    /// The accessible name of each of the template's actions, in order.
    #[cfg(feature = "full")]
    pub labels: Vec<SecretText>,
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::panic,
        clippy::indexing_slicing,
        reason = "tests"
    )]
    use super::*;
    use crate::eval::evaluate;
    use crate::geometry::Affine;
    use crate::recording::RecordingBackend;
    use binding_engine::format::PlainFormatter;
    use binding_engine::json::{self, Value};

    /// Two text layers with the same name; only one has the `ln` the
    /// manifest targets.
    const ANIMATION: &str = r#"{"w": 100, "h": 100, "fr": 30, "ip": 0, "op": 10, "layers": [
        {"ty": 5, "nm": "Line", "ln": "headline", "ind": 1, "ip": 0, "op": 10, "st": 0, "ks": {},
         "t": {"d": {"k": [{"t": 0, "s": {"t": "Headline", "s": 20, "f": "F", "fc": [0, 0, 0]}}]}}},
        {"ty": 5, "nm": "Line", "ind": 2, "ip": 0, "op": 10, "st": 0, "ks": {},
         "t": {"d": {"k": [{"t": 0, "s": {"t": "Other line", "s": 20, "f": "F", "fc": [0, 0, 0]}}]}}}
    ]}"#;

    #[test]
    fn a_binding_by_ln_fills_only_that_layer() {
        let manifest = Template::parse_manifest(
            r#"{"version": 1, "name": "t", "animation": "a.json",
            "fields": [{"name": "who", "type": "text"}],
            "bindings": [{"target": {"ln": "headline"}, "text": "Hi {who}"}]}"#,
        )
        .unwrap();
        let template = Template::new(manifest, ANIMATION).unwrap();
        let Value::Object(data) = json::parse(r#"{"who": "Jane"}"#).unwrap() else {
            panic!("an object")
        };
        let bound = template.bind(&data, &mut PlainFormatter).unwrap();
        let list = evaluate(
            &template.composition,
            0.0,
            &bound.overrides,
            Affine::IDENTITY,
        );
        let mut recording = RecordingBackend::default();
        list.replay(&mut recording, None);
        let drawn = recording.text();
        assert!(drawn.contains("text \"Hi Jane\""), "{drawn}");
        assert!(drawn.contains("text \"Other line\""), "{drawn}");
        // An `ln` the animation lacks is a designer-facing problem.
        let missing = Template::parse_manifest(
            r#"{"version": 1, "name": "t", "animation": "a.json",
            "fields": [], "bindings": [{"target": {"ln": "nope"}, "text": "x"}]}"#,
        )
        .unwrap();
        let error = Template::new(missing, ANIMATION).unwrap_err();
        assert_eq!(error.code, "template-mismatch");
        assert_eq!(error.problems[0].path, "bindings[0].target.ln");
    }

    /// A card with every kind of target: a shape with a fill slot and a
    /// stroke, a solid, a text, a photo whose asset is a slot, a bar to
    /// scale, badges per tier, and an opacity slot.
    const CARD: &str = r##"{"w": 200, "h": 100, "fr": 30, "ip": 0, "op": 10,
        "slots": {"accent": {"p": {"a": 0, "k": [0, 0, 1, 1]}}, "fade": {"p": {"a": 0, "k": 100}}},
        "assets": [{"id": "photo", "sid": "face", "w": 40, "h": 40, "p": "data:image/png;base64,AA=="}],
        "layers": [
        {"ty": 5, "nm": "Name", "ind": 1, "ip": 0, "op": 10, "st": 0, "ks": {},
         "t": {"d": {"sid": "name", "k": [{"t": 0, "s": {"t": "Name", "s": 20, "f": "F", "fc": [0, 0, 0]}}]}}},
        {"ty": 4, "nm": "Gold", "ind": 2, "ip": 0, "op": 10, "st": 0, "ks": {}, "hd": true,
         "shapes": [{"ty": "rc", "p": {"k": [0, 0]}, "s": {"k": [10, 10]}, "r": {"k": 0}},
                    {"ty": "fl", "c": {"k": [1, 0.8, 0, 1]}, "o": {"k": 100}}]},
        {"ty": 4, "nm": "Silver", "ind": 3, "ip": 0, "op": 10, "st": 0, "ks": {},
         "shapes": [{"ty": "rc", "p": {"k": [0, 0]}, "s": {"k": [12, 12]}, "r": {"k": 0}},
                    {"ty": "fl", "c": {"k": [0.7, 0.7, 0.7, 1]}, "o": {"k": 100}}]},
        {"ty": 4, "nm": "Bar", "ind": 4, "ip": 0, "op": 10, "st": 0, "ks": {"o": {"sid": "fade", "k": 100}},
         "shapes": [{"ty": "rc", "p": {"k": [0, 0]}, "s": {"k": [100, 4]}, "r": {"k": 0}},
                    {"ty": "st", "c": {"k": [0, 0, 0, 1]}, "o": {"k": 100}, "w": {"k": 1}},
                    {"ty": "fl", "c": {"sid": "accent", "k": [1, 0, 0, 1]}, "o": {"k": 100}}]},
        {"ty": 2, "nm": "Photo", "ind": 5, "ip": 0, "op": 10, "st": 0, "ks": {}, "refId": "photo"},
        {"ty": 1, "nm": "Card", "ind": 6, "ip": 0, "op": 10, "st": 0, "ks": {}, "sc": "#ffffff", "sw": 200, "sh": 100}
    ]}"##;

    const CARD_MANIFEST: &str = r##"{"version": 1, "name": "card", "animation": "a.json",
        "fields": [
            {"name": "who", "type": "text"},
            {"name": "brand", "type": "color"},
            {"name": "tier", "type": "choice", "options": ["gold", "silver"], "default": "silver"},
            {"name": "progress", "type": "percent"},
            {"name": "fade", "type": "number"},
            {"name": "photo", "type": "image"}
        ],
        "bindings": [
            {"target": {"slot": "name"}, "text": "Hi {who}"},
            {"target": {"layer": "Card", "property": "fill"}, "field": "brand"},
            {"target": {"layer": "Bar", "property": "stroke"}, "field": "brand"},
            {"target": {"slot": "accent"}, "field": "brand"},
            {"target": {"slot": "fade"}, "field": "fade"},
            {"target": {"layer": "Bar", "property": "scale.x"}, "field": "progress"},
            {"target": {"slot": "face"}, "field": "photo"},
            {"field": "tier", "variants": {"gold": {"layer": "Gold"}, "silver": {"layer": "Silver"}}}
        ]}"##;

    /// The problems (code, path) that refuse `manifest` with `animation`.
    fn problems_of(manifest: &str, animation: &str) -> Vec<String> {
        let manifest = Template::parse_manifest(manifest).unwrap();
        let error = Template::new(manifest, animation).unwrap_err();
        error
            .problems
            .into_iter()
            .map(|p| String::from(p.code) + " at " + &p.path)
            .collect()
    }

    struct Photo(json::Map);
    impl DataSource for Photo {
        fn field(&self, name: &str, max_chars: u32) -> binding_engine::DataValue {
            match name {
                "photo" => binding_engine::DataValue::Image(0),
                _ => self.0.field(name, max_chars),
            }
        }
    }

    fn drawn(template: &Template, overrides: &Overrides) -> String {
        let list = evaluate(&template.composition, 0.0, overrides, Affine::IDENTITY);
        let mut recording = RecordingBackend::default();
        list.replay(&mut recording, None);
        recording.text()
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "slots, variants, choices and glyph text are the full player's: the lite build answers needs-full-player"
    )]
    fn binds_colours_slots_variants_transforms_and_images() {
        let manifest = Template::parse_manifest(CARD_MANIFEST).unwrap();
        let template = Template::new(manifest, CARD).unwrap();
        let unbound = drawn(&template, &Overrides::default());
        let Value::Object(data) = json::parse(
            r##"{"who": "Jane", "brand": "#00ff00", "tier": "gold", "progress": 0.5, "fade": 40}"##,
        )
        .unwrap() else {
            panic!("an object")
        };
        let bound = template.bind(&Photo(data), &mut PlainFormatter).unwrap();
        let lines = drawn(&template, &bound.overrides);
        // The text slot, the card's fill, the bar's stroke and its slotted
        // fill (at the slotted opacity, scaled to half its width).
        assert!(lines.contains("text \"Hi Jane\""), "{lines}");
        assert!(lines.contains("#00ff00ff"), "{lines}");
        assert!(!lines.contains("#ffffffff"), "{lines}");
        // Unbound, the slot's value in the file (blue) wins over the fill's own.
        assert!(
            !lines.contains("#0000ffff") && unbound.contains("#0000ffff"),
            "{unbound}"
        );
        // (The bar's fill and stroke in one group at that opacity.)
        assert!(
            lines.contains("fill #00ff00ff") && lines.contains("opacity 0.4"),
            "the slotted fill at 40 %: {lines}"
        );
        assert!(
            lines.contains("[0.5 0 0 1"),
            "half the bar's width: {lines}"
        );
        // Gold is hidden in the file, and shown for a gold viewer; silver not.
        assert!(lines.contains("#ffcc00"), "{lines}");
        assert!(!lines.contains("#b3b3b3"), "{lines}");
        assert!(unbound.contains("#b3b3b3") && !unbound.contains("#ffcc00"));
        // The photo is the viewer's: numbered after the template's one image.
        assert!(lines.contains("image 1 40x40"), "{lines}");
        assert!(unbound.contains("image 0 40x40"), "{unbound}");
        // The template itself did not change.
        assert_eq!(drawn(&template, &Overrides::default()), unbound);
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "slots, variants, choices and glyph text are the full player's: the lite build answers needs-full-player"
    )]
    fn a_choice_sets_each_options_slot_values() {
        // Themes: a colour, a number and a text slot per option; "plain"
        // has none, so the file's values stay.
        let manifest = Template::parse_manifest(
            r##"{"version": 1, "name": "themes", "animation": "a.json",
            "fields": [{"name": "theme", "type": "choice", "options": ["dark", "light", "plain"]}],
            "bindings": [
                {"target": {"slot": "accent"}, "field": "theme", "values": {"dark": "#101010", "light": "#ffcc33"}},
                {"target": {"slot": "fade"}, "field": "theme", "values": {"dark": 40, "light": 100}},
                {"target": {"slot": "name"}, "field": "theme", "values": {"dark": "Good night", "light": "Good day"}}
            ]}"##,
        )
        .unwrap();
        let template = Template::new(manifest, CARD).unwrap();
        let with = |theme: &str| {
            let mut data = json::Map::new();
            data.insert("theme", Value::from(theme));
            let bound = template.bind(&data, &mut PlainFormatter).unwrap();
            drawn(&template, &bound.overrides)
        };
        let dark = with("dark");
        // (The bar's fill and stroke in one group at that opacity.)
        assert!(
            dark.contains("fill #101010ff") && dark.contains("opacity 0.4"),
            "the dark colour at 40 %: {dark}"
        );
        assert!(dark.contains("text \"Good night\""), "{dark}");
        let light = with("light");
        assert!(light.contains("fill #ffcc33ff"), "{light}");
        assert!(light.contains("text \"Good day\""), "{light}");
        let unbound = drawn(&template, &Overrides::default());
        assert_eq!(with("plain"), unbound);
        // A value of another kind than its slot: refused before any data.
        let wrong = r##"{"version": 1, "name": "t", "animation": "a.json",
            "fields": [{"name": "theme", "type": "choice", "options": ["dark"]}],
            "bindings": [{"target": {"slot": "fade"}, "field": "theme", "values": {"dark": "#000000"}}]}"##;
        assert_eq!(
            problems_of(wrong, CARD),
            vec!["wrong-slot-type at bindings[0].target.slot"]
        );
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "slots, variants, choices and glyph text are the full player's: the lite build answers needs-full-player"
    )]
    fn slot_and_property_targets_are_checked_against_the_animation() {
        let mismatched = CARD_MANIFEST
            .replace(r#"{"slot": "fade"}"#, r#"{"slot": "accent"}"#)
            .replace(
                r#"{"layer": "Card", "property": "fill"}"#,
                r#"{"layer": "Photo", "property": "fill"}"#,
            )
            .replace(r#"{"slot": "face"}"#, r#"{"slot": "nobody"}"#);
        assert_eq!(
            problems_of(&mismatched, CARD),
            vec![
                "no-such-property at bindings[1].target.layer",
                "wrong-slot-type at bindings[4].target.slot",
                "unknown-slot at bindings[6].target.slot",
            ]
        );
    }

    /// Text drawn from the file's glyph outlines: "a" is a 40-unit square
    /// 50 wide (at size 100).
    const GLYPHS: &str = r##"{"w": 400, "h": 100, "fr": 30, "ip": 0, "op": 10,
        "fonts": {"list": [{"fName": "G", "fFamily": "G", "fStyle": "Regular", "ascent": 75}]},
        "chars": [{"ch": "a", "size": 100, "style": "Regular", "w": 50, "fFamily": "G",
            "data": {"shapes": [{"ty": "gr", "it": [{"ty": "sh", "ks": {"k": {"c": true,
                "i": [[0,0],[0,0],[0,0],[0,0]], "o": [[0,0],[0,0],[0,0],[0,0]],
                "v": [[0,0],[40,0],[40,-40],[0,-40]]}}}]}]}}],
        "layers": [{"ty": 5, "nm": "Name", "ind": 1, "ip": 0, "op": 10, "st": 0, "ks": {},
            "t": {"d": {"k": [{"t": 0, "s": {"t": "a", "s": 100, "f": "G", "fc": [0, 0, 0]}}]}}}]}"##;

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "slots, variants, choices and glyph text are the full player's: the lite build answers needs-full-player"
    )]
    fn glyph_text_fits_and_takes_its_bound_fill() {
        let manifest = Template::parse_manifest(
            r##"{"version": 1, "name": "t", "animation": "a.json",
            "fields": [{"name": "who", "type": "text"}, {"name": "ink", "type": "color", "default": "#ff0000"}],
            "bindings": [
                {"target": {"layer": "Name"}, "text": "{who}", "fit": {"minSize": 50, "maxWidth": 200, "ellipsis": true}},
                {"target": {"layer": "Name", "property": "fill"}, "field": "ink"}
            ]}"##,
        )
        .unwrap();
        let template = Template::new(manifest, GLYPHS).unwrap();
        let drawn_for = |who: &str| {
            let Value::Object(data) = json::parse(&format!(r#"{{"who": "{who}"}}"#)).unwrap()
            else {
                panic!("an object")
            };
            let bound = template.bind(&data, &mut PlainFormatter).unwrap();
            drawn(&template, &bound.overrides)
        };
        // Four letters: 200 units, as wide as the room: full size, in the bound red.
        let four = drawn_for("aaaa");
        assert!(
            four.contains("fill #ff0000ff nonzero [1 0 0 1 0 0]"),
            "{four}"
        );
        assert_eq!(four.matches('M').count(), 4, "{four}");
        // Six: 300 units, drawn at 2/3.
        let six = drawn_for("aaaaaa");
        assert!(six.contains("[0.67 0 0 0.67 0 0]"), "{six}");
        assert_eq!(six.matches('M').count(), 6, "{six}");
        // Twelve do not fit even at half size: cut to the 8 that fill 400
        // units (the file has no glyph for the ellipsis itself).
        let twelve = drawn_for("aaaaaaaaaaaa");
        assert!(twelve.contains("[0.5 0 0 0.5 0 0]"), "{twelve}");
        assert_eq!(twelve.matches('M').count(), 8, "{twelve}");
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "slots, variants, choices and glyph text are the full player's: the lite build answers needs-full-player"
    )]
    fn a_layer_in_several_variants_shows_for_any_and_every_flag_must_agree() {
        let manifest = Template::parse_manifest(
            r#"{"version": 1, "name": "t", "animation": "a.json",
            "fields": [{"name": "tier", "type": "choice", "options": ["gold", "silver", "bronze"]},
                       {"name": "vip", "type": "boolean", "default": true}],
            "bindings": [
                {"field": "tier", "variants": {"gold": {"layer": "Gold"}, "silver": {"layer": "Gold"}, "bronze": {"layer": "Silver"}}},
                {"target": {"layer": "Gold", "property": "visible"}, "field": "vip"}
            ]}"#,
        )
        .unwrap();
        let template = Template::new(manifest, CARD).unwrap();
        let gold_shown = |data: &str| {
            let Value::Object(data) = json::parse(data).unwrap() else {
                panic!("an object")
            };
            let bound = template.bind(&data, &mut PlainFormatter).unwrap();
            drawn(&template, &bound.overrides).contains("#ffcc00")
        };
        // "Gold" is hidden in the file; gold and silver both show it.
        assert!(gold_shown(r#"{"tier": "gold"}"#));
        assert!(gold_shown(r#"{"tier": "silver"}"#));
        assert!(!gold_shown(r#"{"tier": "bronze"}"#));
        // The flag must agree too.
        assert!(!gold_shown(r#"{"tier": "silver", "vip": false}"#));
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "slots, variants, choices and glyph text are the full player's: the lite build answers needs-full-player"
    )]
    fn a_slot_also_used_where_no_binding_reaches_cannot_be_bound() {
        // "fade" sets the layer's opacity (bindable) and a fill's opacity (not).
        let shared = CARD.replace(
            r#"{"ty": "fl", "c": {"k": [0.7, 0.7, 0.7, 1]}, "o": {"k": 100}}"#,
            r#"{"ty": "fl", "c": {"k": [0.7, 0.7, 0.7, 1]}, "o": {"sid": "fade", "k": 100}}"#,
        );
        assert_ne!(shared, CARD);
        assert_eq!(
            problems_of(CARD_MANIFEST, &shared),
            vec!["unsupported-slot at bindings[4].target.slot"]
        );
    }
}
