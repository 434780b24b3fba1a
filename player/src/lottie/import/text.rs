//! Text: text layers (documents by time, the slot a binding sets, range
//! selector animators, the source-text expression, the mask path the
//! letters follow), the file's fonts (`fonts`), and glyph outlines
//! (`chars`). Texts are kept as shared [`SecretText`]s.
//!
//! Must never copy a text once read, follow a font path out of the template
//! package, or let the lite build read animators, paths, expressions or
//! glyphs (full-player features).

use std::rc::Rc;

use binding_engine::json::Value;
use binding_engine::{find, SecretText, SlotKind};

use super::properties::{components, rgba};
use super::slots::sid_of;
use super::{num, str_of, Importer, Object, MAX_ASSETS, MAX_KEYFRAMES};
use crate::geometry::{Rgba, Vec2};
#[cfg(feature = "full")]
use crate::lottie::animated::Animated;
use crate::lottie::model::*;
use crate::lottie::LoadError;

impl Importer<'_> {
    /// Glyph outlines (`chars`). Shapes count against the file's shape cap.
    pub(super) fn glyphs(&mut self, chars: Option<&Value>) -> Result<(), LoadError> {
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

    pub(super) fn text_layer(&mut self, obj: &Object) -> LayerKind {
        let text = obj.get("t");
        let animators = self.text_animators(text.and_then(|t| t.get("a")));
        #[cfg(feature = "full")]
        let path = self.text_path(obj, text.and_then(|t| t.get("p")));
        #[cfg(not(feature = "full"))]
        if text
            .and_then(|t| t.get("p"))
            .and_then(|p| p.get("m"))
            .is_some()
        {
            self.full_only("text on a path");
        }
        let document = text.and_then(|t| t.get("d"));
        let keys = document
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
        self.use_slot(sid_of(document), SlotKind::Text, site);
        let expression = document.and_then(|d| d.get("x")).and_then(Value::as_str);
        #[cfg(feature = "expressions")]
        let script = expression.and_then(|x| self.text_script(x));
        #[cfg(not(feature = "expressions"))]
        if expression.is_some() {
            self.full_only("expressions");
        }
        LayerKind::Text(TextLayer {
            slot,
            documents,
            animators,
            #[cfg(feature = "expressions")]
            script,
            #[cfg(feature = "full")]
            path,
            #[cfg(feature = "full")]
            grouping: self.text_grouping(text.and_then(|t| t.get("m"))),
        })
    }

    /// Anchor point grouping and grouping alignment (`t.m`), as lottie-web
    /// reads them (`g` 2 and 3; anything else is per letter).
    #[cfg(feature = "full")]
    fn text_grouping(&mut self, options: Option<&Value>) -> TextGrouping {
        TextGrouping {
            unit: GroupUnit::from_lottie(options.and_then(|m| num_of(m, "g")).unwrap_or(1.0)),
            alignment: self.point(options.and_then(|m| m.get("a")), Vec2::default()),
        }
    }

    /// Text on a path (`t.p` with a mask index `m`): the mask's path
    /// (whatever its mode) and the margins and options lottie-web reads.
    #[cfg(feature = "full")]
    fn text_path(&mut self, layer: &Object, options: Option<&Value>) -> Option<Box<TextPath>> {
        let index = options?.get("m")?.as_f64()?;
        self.full_only("text on a path");
        let mask = layer
            .get("masksProperties")
            .and_then(Value::as_array)
            .and_then(|masks| masks.get(index as usize))
            .and_then(Value::as_object)
            .filter(|_| index >= 0.0);
        let Some(mask) = mask else {
            self.warn("unsupported-text", "path");
            return None;
        };
        let option = |key: &str| options.and_then(|o| o.get(key));
        Some(Box::new(TextPath {
            path: self.path(mask, "pt", "cl"),
            first_margin: self.scalar(option("f"), 0.0),
            perpendicular: self.scalar(option("p"), 0.0),
            reversed: self.scalar(option("r"), 0.0),
            force_alignment: self.scalar(option("a"), 0.0),
        }))
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
            for key in ["rx", "ry", "fh", "fs", "fb"] {
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
            // A skew axis alone turns nothing.
            #[cfg(feature = "full")]
            let skew =
                number("sk", 0.0).map(|sk| (sk, number("sa", 0.0).unwrap_or(Animated::Fixed(0.0))));
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
                #[cfg(feature = "full")]
                skew,
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
}

/// The file's fonts (`fonts.list`): family, style, weight, and a font file
/// only inside the template package.
pub(super) fn import_fonts(root: &Object) -> Vec<Font> {
    let list = root
        .get("fonts")
        .and_then(|f| f.get("list"))
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let mut fonts = Vec::new();
    for f in list.iter().filter_map(Value::as_object).take(64) {
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
        .find(|(word, _)| find(&squashed, word).is_some())
        .map_or(400, |(_, w)| *w);
        // lottie-web takes `fWeight` over what the style's name says
        // (most exports leave it empty): `bold`, `normal`, or hundreds.
        let weight = match str_of(f, "fWeight").to_ascii_lowercase().as_bytes() {
            b"bold" => 700,
            b"normal" => 400,
            &[hundreds @ b'1'..=b'9', b'0', b'0'] => u16::from(hundreds - b'0') * 100,
            _ => weight,
        };
        let path = str_of(f, "fPath");
        // Only font files inside the template package; anything else (a
        // URL, a path out of the package, a quote) uses system fonts.
        let is_font_file = binding_engine::is_package_path(path)
            && [".woff2", ".woff", ".ttf", ".otf"]
                .iter()
                .any(|ext| path.ends_with(ext));
        fonts.push(Font {
            name: str_of(f, "fName").to_owned(),
            family: str_of(f, "fFamily").to_owned(),
            style: str_of(f, "fStyle").to_owned(),
            weight,
            italic: find(&style, "italic").or(find(&style, "oblique")).is_some(),
            file: is_font_file.then(|| path.to_owned()),
            // lottie-web measures the font when the file does not say;
            // three quarters of the size is typical of Latin fonts.
            ascent: num(f, "ascent").filter(|a| a.is_finite()).unwrap_or(75.0),
        });
    }
    fonts
}

/// A number at `key` of any JSON value that is an object.
fn num_of(value: &Value, key: &str) -> Option<f64> {
    value.as_object().and_then(|obj| num(obj, key))
}
