//! The designer preview's renderer (www/preview.html): a template opened
//! from the designer's own files, checked as a player would check it, bound
//! with any data the designer types and drawn at any frame, with notes on
//! the bound texts that were shrunk, cut or overflow, and with the
//! template's actions at that frame (active or not, where their hit area
//! is, their labels bound with the data) and its chapters
//! (docs/interaction.md). The same template, binding, evaluation,
//! hit-testing and canvas code as the player; only in the build with the
//! `frame` feature (www/pkg/frame/), never shipped to viewers.
//! Never fetches: the page hands it the files' text. The bound labels are
//! kept as the player keeps them (`SecretText`, dropped with the data) and
//! handed only to the page that typed the data, to list; never sent,
//! logged or put in a URL. A .lottie file
//! becomes a template package here too ([`LottieImport`], through
//! `crate::dotlottie`), so the page opens it as it opens a folder.

use binding_engine::json::{Map, Value};
use binding_engine::{ActionKind, FrameRange, SecretText, SegmentEnd};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::data::JsData;
use super::images::ViewerImages;
use super::intl::IntlFormatter;
use super::Stage;
use crate::actions::Plan;
use crate::check::check;
use crate::dotlottie::{import, Imported};
use crate::hit::HitArea;
use crate::overrides::Overrides;
use crate::protocol::PlayerError;
use crate::template::Template;

/// An opened template, the canvas it is drawn on, and the data bound.
#[wasm_bindgen]
#[derive(Debug)]
pub struct PreviewRenderer {
    template: Template,
    stage: Stage,
    overrides: Overrides,
    /// The actions and chapters against the template's frames.
    plan: Plan,
    /// The actions' labels bound with the data (empty while unbound or
    /// after a binding error): dropped, and wiped, with the data.
    labels: Vec<SecretText>,
    /// The frame on the canvas, and what each action's layers drew in it.
    frame: f64,
    areas: Vec<HitArea>,
}

fn error_json(error: &PlayerError) -> String {
    let mut object = Map::new();
    object.insert("code", Value::from(error.code));
    object.insert(
        "field",
        error.field.as_deref().map_or(Value::Null, Value::from),
    );
    Value::Object(object).to_string()
}

#[wasm_bindgen]
impl PreviewRenderer {
    /// The check of a template's files as a player would load them, as JSON
    /// text: `{ error, problems: [{ code, path, name }], report: { error,
    /// features, unsupported: [{ code, what, layer }], expressions: [{
    /// layer, property, excerpt }] } }`.
    pub fn check(manifest: &str, animation: Option<String>, captions: Option<String>) -> String {
        check(manifest, animation.as_deref(), captions.as_deref())
            .to_json()
            .to_string()
    }

    /// Opens a template whose check passed, for drawing on `canvas`.
    /// Throws the stable error code (a string) otherwise.
    pub fn open(
        canvas: HtmlCanvasElement,
        manifest: &str,
        animation: &str,
        captions: Option<String>,
    ) -> Result<PreviewRenderer, JsValue> {
        let fail = |e: PlayerError| JsValue::from_str(e.code);
        let manifest_json = manifest;
        let manifest = Template::parse_manifest(manifest).map_err(fail)?;
        let mut template = Template::new(manifest, animation)
            .and_then(|t| t.with_interaction(manifest_json))
            .map_err(fail)?;
        if let Some(vtt) = captions {
            template = template.with_captions(&vtt).map_err(fail)?;
        }
        let mut stage = Stage::new(canvas, &template.composition).map_err(fail)?;
        stage.note_fits();
        let overrides = Overrides::new(template.composition.text_slots);
        let plan = Plan::new(&template.interaction, &template.composition);
        Ok(Self {
            template,
            stage,
            overrides,
            plan,
            labels: Vec::new(),
            frame: 0.0,
            areas: Vec::new(),
        })
    }

    /// The animation's fonts, as JSON: `[{ family, weight, italic, file }]`
    /// (the page loads the files it has with the FontFace API).
    pub fn fonts(&self) -> String {
        let fonts = self.template.composition.fonts.iter().map(|f| {
            let mut font = Map::new();
            font.insert("family", Value::from(f.family.as_str()));
            font.insert("weight", Value::from(f64::from(f.weight)));
            font.insert("italic", Value::Bool(f.italic));
            font.insert("file", f.file.as_deref().map_or(Value::Null, Value::from));
            Value::Object(font)
        });
        Value::Array(fonts.collect()).to_string()
    }

    /// The animation's image assets, as JSON: `[{ file, source }]` (a
    /// package path, or an embedded `data:` URI).
    pub fn images(&self) -> String {
        let images = self.template.composition.images.iter().map(|i| {
            let mut image = Map::new();
            image.insert("file", i.file.as_deref().map_or(Value::Null, Value::from));
            image.insert(
                "source",
                i.source.as_deref().map_or(Value::Null, Value::from),
            );
            Value::Object(image)
        });
        Value::Array(images.collect()).to_string()
    }

    /// Hands over image asset `index`, decoded.
    pub fn set_image(&mut self, index: usize, image: web_sys::HtmlImageElement) {
        self.stage.set_image(index, image);
    }

    /// Binds `data` (image fields as `ImageBitmap`s) with numbers and dates
    /// written for `locale` (else the manifest's, else the browser's), as
    /// the player binds INIT. Returns `""`, or the error as JSON `{ code,
    /// field }`; the template's own texts stay drawn after an error.
    pub fn bind(&mut self, data: JsValue, locale: Option<String>) -> String {
        let manifest = &self.template.manifest;
        let images = ViewerImages::from_bitmaps(&ViewerImages::fields_of(manifest), &data);
        let mut format = IntlFormatter::new([locale.as_deref(), manifest.locale.as_deref()]);
        let bound = match JsData::new(&data) {
            Some(data) => self.template.bind(&images.over(&data), &mut format),
            None => Err(PlayerError::code("bad-data")),
        };
        self.stage.forget();
        self.labels = Vec::new();
        match bound {
            Ok(bound) => {
                self.overrides = bound.overrides;
                self.labels = bound.labels;
                self.stage.set_viewer_images(images.bitmaps);
                self.stage.describe(bound.description.as_deref());
                String::new()
            }
            Err(error) => {
                self.overrides = Overrides::new(self.template.composition.text_slots);
                self.stage.set_viewer_images(images.bitmaps);
                self.stage.forget();
                error_json(&error)
            }
        }
    }

    /// Draws composition frame `frame` (absolute, fractional allowed) at
    /// `pixel_ratio`, noting what each action's layers drew.
    pub fn draw(&mut self, frame: f64, pixel_ratio: f64) {
        let comp = &self.template.composition;
        self.frame = frame;
        let plan = &self.plan;
        self.areas = self
            .stage
            .draw_with_areas(comp, frame, &self.overrides, pixel_ratio, plan);
    }

    /// The template's actions at the frame on the canvas, in the
    /// manifest's order, as JSON: `[{ id, kind, label (bound with the
    /// data; null while unbound or after a binding error), active (in its
    /// range and its layer drew something visible: a click would count),
    /// inRange, bounds: [x, y, width, height] (canvas pixels) | null,
    /// cssBounds (the same in CSS pixels from the canvas's top-left corner)
    /// | null, when (its marker's name) | null, range: [first, end] (frames)
    /// | null, pauseAt (the frame playback waits on) | null, url (a link's),
    /// marker and then (a segment's) }]`.
    pub fn actions(&self) -> String {
        let (ratio, _, _) = self.stage.css_frame();
        let actions = self.template.interaction.actions.iter().enumerate();
        let actions = actions.map(|(index, action)| {
            let plan = self.plan.actions.get(index);
            let area = self.areas.get(index).filter(|a| !a.is_empty());
            let in_range = self.plan.in_range(index, self.frame);
            let bounds = area.and_then(HitArea::bounds);
            let mut object = Map::new();
            object.insert("id", Value::from(action.id.as_str()));
            object.insert("kind", Value::from(action.kind.name()));
            let label = self.labels.get(index).map(|l| l.expose());
            object.insert("label", label.map_or(Value::Null, Value::from));
            object.insert("active", Value::Bool(in_range && area.is_some()));
            object.insert("inRange", Value::Bool(in_range));
            let css = bounds.map(|b| b.map(|v| v / ratio));
            object.insert("bounds", numbers(bounds.as_ref().map(|b| &b[..])));
            object.insert("cssBounds", numbers(css.as_ref().map(|b| &b[..])));
            let when = match &action.range {
                Some(FrameRange::Marker(name)) => Value::from(name.as_str()),
                _ => Value::Null,
            };
            object.insert("when", when);
            let range = plan.and_then(|p| p.range).map(|(first, end)| [first, end]);
            object.insert("range", numbers(range.as_ref().map(|r| &r[..])));
            let pause_at = plan.and_then(|p| p.pause_at);
            object.insert("pauseAt", pause_at.map_or(Value::Null, Value::from));
            match &action.kind {
                ActionKind::Link(url) => {
                    object.insert("url", Value::from(url.as_str()));
                }
                ActionKind::Segment { marker, then } => {
                    object.insert("marker", Value::from(marker.as_str()));
                    object.insert("then", Value::from(segment_end(*then)));
                }
                ActionKind::Event | ActionKind::Replay => {}
            }
            Value::Object(object)
        });
        Value::Array(actions.collect()).to_string()
    }

    /// The template's chapters, in the manifest's order, as JSON: `[{
    /// marker, label, range: [first, end] (frames) }]`.
    pub fn chapters(&self) -> String {
        let comp = &self.template.composition;
        let chapters = self
            .plan
            .chapters
            .iter()
            .zip(&self.template.interaction.chapters);
        let chapters = chapters.filter_map(|(plan, chapter)| {
            let marker = comp.markers.get(plan.marker)?;
            let mut object = Map::new();
            object.insert("marker", Value::from(marker.name.as_str()));
            object.insert("label", Value::from(chapter.label.as_str()));
            let (first, end) = plan.range;
            object.insert("range", numbers(Some(&[first, end])));
            Some(Value::Object(object))
        });
        Value::Array(chapters.collect()).to_string()
    }

    /// The bound texts of the frame on the canvas that were drawn smaller,
    /// cut, or overflow their room, as JSON: `[{ rect: [left, top, right,
    /// bottom] (canvas pixels), scale, cut, overflow, text }]`.
    pub fn fit_notes(&self) -> String {
        let notes = self.stage.fit_notes().iter().map(|n| {
            let mut note = Map::new();
            note.insert(
                "rect",
                Value::Array(n.rect.iter().map(|v| Value::from(*v)).collect()),
            );
            note.insert("scale", Value::from(n.scale));
            note.insert("cut", Value::Bool(n.cut));
            note.insert("overflow", Value::Bool(n.overflow));
            note.insert("text", Value::from(n.text.as_str()));
            Value::Object(note)
        });
        Value::Array(notes.collect()).to_string()
    }
}

/// `values` as a JSON array, or null.
fn numbers(values: Option<&[f64]>) -> Value {
    values.map_or(Value::Null, |v| {
        Value::Array(v.iter().map(|n| Value::from(*n)).collect())
    })
}

/// The `then` value naming `end` (docs/interaction.md).
fn segment_end(end: SegmentEnd) -> &'static str {
    match end {
        SegmentEnd::Stop => "stop",
        SegmentEnd::Loop => "loop",
        SegmentEnd::Continue => "continue",
    }
}

/// A .lottie file made into a template package (`crate::dotlottie`): its
/// files, for the page to open as a folder, and the import's notes.
#[wasm_bindgen]
#[derive(Debug)]
pub struct LottieImport {
    imported: Imported,
}

#[wasm_bindgen]
impl LottieImport {
    /// Imports .lottie `bytes` (animation `animation`, else the file's
    /// initial one). Throws the error as JSON text `{ code, name }`.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8], animation: Option<String>) -> Result<LottieImport, JsValue> {
        import(bytes, animation.as_deref())
            .map(|imported| Self { imported })
            .map_err(|e| {
                let mut object = Map::new();
                object.insert("code", Value::from(e.code));
                object.insert("name", Value::from(e.name));
                JsValue::from_str(&Value::Object(object).to_string())
            })
    }

    /// The package's file paths, as a JSON array (`manifest.json` first).
    pub fn paths(&self) -> String {
        let paths = self
            .imported
            .files
            .iter()
            .map(|(p, _)| Value::from(p.as_str()));
        Value::Array(paths.collect()).to_string()
    }

    /// The bytes of file `path` of the package.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        let file = self.imported.files.iter().find(|(p, _)| p == path);
        file.map(|(_, data)| data.clone())
    }

    /// The animation the package holds (its id in the .lottie).
    pub fn animation(&self) -> String {
        self.imported.animation.clone()
    }

    /// What the import left out or decided, as JSON `[{ code, name }]`.
    pub fn notes(&self) -> String {
        let notes = self.imported.notes.iter().map(|n| {
            let mut note = Map::new();
            note.insert("code", Value::from(n.code));
            note.insert("name", Value::from(n.name.as_str()));
            Value::Object(note)
        });
        Value::Array(notes.collect()).to_string()
    }
}
