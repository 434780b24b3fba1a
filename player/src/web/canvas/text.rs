//! Font text on the canvas: a [`TextRun`] laid out by
//! [`text_layout::lay_out`] (the same steps glyph text takes in eval),
//! measured with the context's `measureText` in the run's font, then drawn
//! line by line with `fillText` (without kerning, as lottie-web places
//! letters), aligned by lottie-web's line widths, or letter by letter
//! when text animators move the letters or the letters follow a path.
//!
//! Owns the CSS font and letter spacing set on the context, and the fits
//! it remembers: fitting measures every character a dozen times, so it is
//! done once per bound text and style, not per frame. Those hold bound
//! texts; [`CanvasBackend::forget_texts`] drops them when the data goes.
//! Never lays out on its own (no wrapping or fitting here: that is
//! text_layout's, for both kinds of text).

use std::rc::Rc;

use binding_engine::SecretText;
use web_sys::CanvasRenderingContext2d;

use super::{css_color, css_px, CanvasBackend};
use crate::display_list::TextRun;
use crate::geometry::Affine;
use crate::lottie::{Caps, Justify};
use crate::text_layout::{
    self, place_letters, FitRoom, Fitted, Layout, Measure, TextSpec, TextStyle,
};
use crate::web::best_effort::BestEffort;

/// A bound text that was shrunk, cut or overflows, where it is on the
/// canvas (the designer preview outlines and lists these).
#[cfg(feature = "frame")]
#[derive(Debug, Clone)]
pub(crate) struct FitNote {
    /// Its bounds in canvas pixels: left, top, right, bottom.
    pub(crate) rect: [f64; 4],
    /// The size it was drawn at, as a fraction of its own.
    pub(crate) scale: f64,
    /// Cut short with an ellipsis.
    pub(crate) cut: bool,
    /// Still larger than its room (no ellipsis, or box text too tall).
    pub(crate) overflow: bool,
    /// The text drawn (the designer's sample data, in the preview only).
    pub(crate) text: String,
}

/// A bound text's fitting in one style: the inputs, and what came out.
pub(super) struct FitEntry {
    /// The same shared text (kept alive, so the pointer stays its own).
    text: Rc<SecretText>,
    /// Measured letter by letter (animated text) rather than shaped.
    letters: bool,
    font: FontKey,
    room: FitRoom,
    fitted: Fitted,
}

/// Fitted texts remembered at most (a template has a few bound texts).
const MAX_FITTED: usize = 16;

/// The font set on the context: the composition font's index, the size in
/// hundredths of a pixel, and small capitals.
pub(super) type FontKey = (Option<usize>, u32, bool);

/// Widths from the context's `measureText`, in its current font: lines
/// whole, so shaped as `fillText` draws them, or (`letters`, for animated
/// letters, which are drawn one by one) letter by letter. Fits are looked
/// up in, and added to, `remembered`.
struct CanvasMeasure<'a> {
    ctx: &'a CanvasRenderingContext2d,
    letters: bool,
    run: &'a TextRun,
    font: FontKey,
    remembered: &'a mut Vec<FitEntry>,
}

fn measure_line(ctx: &CanvasRenderingContext2d, line: &str) -> f64 {
    ctx.measure_text(line).map_or(0.0, |m| m.width())
}

impl Measure for CanvasMeasure<'_> {
    fn char(&mut self, c: char) -> f64 {
        measure_line(self.ctx, c.encode_utf8(&mut [0; 4]))
    }

    fn line(&mut self, line: &str) -> f64 {
        if self.letters {
            return line.chars().map(|c| self.char(c)).sum();
        }
        measure_line(self.ctx, line)
    }

    fn fit(&mut self, text: &str, room: &FitRoom) -> Fitted {
        let same = |e: &FitEntry| {
            Rc::ptr_eq(&e.text, &self.run.text)
                && e.letters == self.letters
                && e.font == self.font
                && e.room == *room
        };
        if let Some(entry) = self.remembered.iter().find(|e| same(e)) {
            return entry.fitted.clone();
        }
        let fitted = text_layout::fit(text, room, self);
        if self.remembered.len() >= MAX_FITTED {
            self.remembered.remove(0);
        }
        self.remembered.push(FitEntry {
            text: Rc::clone(&self.run.text),
            letters: self.letters,
            font: self.font,
            room: *room,
            fitted: fitted.clone(),
        });
        fitted
    }
}

impl CanvasBackend {
    /// Draws one text run: its font set, laid out, then its lines or letters.
    pub(super) fn draw_text(&mut self, transform: &Affine, run: &TextRun) {
        self.set_fill(run.color);
        self.set_font(run);
        // Measured without tracking, which the layout adds itself.
        self.set_letter_spacing(0.0);
        let spec = TextSpec {
            caps: run.caps,
            size: run.size,
            tracking: run.tracking,
            text_box: run.text_box,
            fit: run.fit,
        };
        // Animated letters, or letters on a path, are placed one by one.
        #[cfg(feature = "full")]
        let one_by_one = !run.animators.is_empty() || run.path.is_some();
        #[cfg(not(feature = "full"))]
        let one_by_one = false;
        let mut measure = CanvasMeasure {
            ctx: &self.ctx,
            letters: one_by_one,
            run,
            font: self.font.unwrap_or_default(),
            remembered: &mut self.fitted,
        };
        let layout = text_layout::lay_out(run.text.expose(), &spec, *transform, &mut measure);
        let text = layout.text(run.text.expose());
        self.set_transform(&layout.transform);
        #[cfg(feature = "frame")]
        if self.fit_notes.is_some() {
            self.note_fit(run, text, &layout);
        }
        // (The lite build imports no animators or paths.)
        if one_by_one {
            self.animated_letters(run, text, &layout);
            return;
        }
        self.draw_lines(run, text, &layout);
    }

    /// Sets the run's CSS font on the context, when it is not set already.
    fn set_font(&mut self, run: &TextRun) {
        let size_key = (run.size * 100.0).round() as u32;
        let small_caps = run.caps == Caps::Small;
        if self.font == Some((run.font, size_key, small_caps)) {
            return;
        }
        let (prefix, family) = run
            .font
            .and_then(|i| self.fonts.get(i))
            .map_or(("400 ", ""), |(p, f)| (p.as_str(), f.as_str()));
        let mut css = String::with_capacity(64);
        if small_caps {
            css.push_str("small-caps ");
        }
        css.push_str(prefix);
        css.push_str(&css_px(run.size));
        // A named family alone, as lottie-web sets it: a font the page
        // lacks falls back to the browser's default, as designers saw.
        if family.is_empty() {
            css.push_str("sans-serif");
        } else {
            css.push('"');
            css.push_str(family);
            css.push('"');
        }
        self.ctx.set_font(&css);
        // Without kerning, as lottie-web places font text: each letter at
        // the sum of the widths before it, measured one by one (its
        // `FontManager.measureText`). Kerned, "Test1" in Arial at 200 px
        // was 22 px narrower than in lottie-web. (`textRendering =
        // "optimizeSpeed"` would drop ligatures too, but Chromium 156 heeds
        // it in `measureText` only, not in `fillText`.) Complex scripts
        // keep their shaping (Arabic joins, marks).
        js_sys::Reflect::set(&self.ctx, &"fontKerning".into(), &"none".into()).best_effort();
        self.font = Some((run.font, size_key, small_caps));
    }

    /// Text without animators: each line drawn whole (shaped, with the
    /// context's letter spacing as tracking), aligned as the run says.
    fn draw_lines(&mut self, run: &TextRun, text: &str, layout: &Layout) {
        let (lines, text_box) = (&layout.lines, layout.text_box);
        self.set_letter_spacing(run.tracking);
        let (x0, mut y) = match &text_box {
            Some(b) => (b.position.x, b.position.y + run.ascent),
            None => (0.0, 0.0),
        };
        self.ctx.set_text_align("left");
        if let Some((color, width, _)) = run.stroke {
            self.ctx.set_line_width(width);
            self.ctx.set_line_join("miter");
            self.ctx.set_line_dash(&js_sys::Array::new()).best_effort();
            let rgba = color.to_rgba8();
            if self.stroke != Some(rgba) {
                self.ctx.set_stroke_style_str(&css_color(rgba));
                self.stroke = Some(rgba);
            }
        }
        let mut first_break = 1.0;
        for &(start, end) in lines {
            let line = text.get(start..end).unwrap_or("");
            // Aligned as lottie-web aligns (in a box, within its width): by
            // the letters and the tracking between them, trailing spaces
            // left out (the context's letter spacing follows every letter).
            let x = if run.justify == Justify::Left {
                x0
            } else {
                let end = line.bytes().rposition(|b| b != b' ').map_or(0, |i| i + 1);
                let letters = line.get(..end).unwrap_or(line);
                let width = measure_line(&self.ctx, letters) - run.tracking;
                let room = text_box.map_or(0.0, |b| b.size.x) - width;
                x0 + if run.justify == Justify::Right {
                    room
                } else {
                    room / 2.0
                }
            };
            match run.stroke {
                Some((_, _, true)) => {
                    self.ctx.fill_text(line, x, y).best_effort();
                    self.ctx.stroke_text(line, x, y).best_effort();
                }
                Some((_, _, false)) => {
                    self.ctx.stroke_text(line, x, y).best_effort();
                    self.ctx.fill_text(line, x, y).best_effort();
                }
                None => {
                    self.ctx.fill_text(line, x, y).best_effort();
                }
            }
            // lottie-web puts every line after the first one unit further
            // down (`getMeasures`: `yPos += firstLine ? 1 : 0`).
            y += run.line_height + first_break;
            first_break = 0.0;
        }
    }

    /// Text with animators or on a path: each letter drawn on its own
    /// where the animators and the path put it, with its own opacity and
    /// colours.
    fn animated_letters(&mut self, run: &TextRun, text: &str, layout: &Layout) {
        let (transform, lines, text_box) = (&layout.transform, &layout.lines, layout.text_box);
        self.set_letter_spacing(0.0);
        self.ctx.set_text_align("left");
        let ctx = self.ctx.clone();
        let width_of = |c: char| measure_line(&ctx, c.encode_utf8(&mut [0; 4]));
        let style = TextStyle {
            tracking: run.tracking,
            justify: run.justify,
            text_box,
            ascent: run.ascent,
            line_height: run.line_height,
            baseline_shift: run.baseline_shift,
            fill: run.color,
            stroke: run.stroke.map(|(c, w, _)| (c, w)),
            grouping: run.grouping,
        };
        let over = run.stroke.is_none_or(|(_, _, over)| over);
        #[cfg(feature = "full")]
        let path = run.path.as_deref();
        #[cfg(not(feature = "full"))]
        let path = None;
        for letter in place_letters(text, lines, &width_of, &style, &run.animators, path) {
            let Some(glyph) = text.get(letter.range.0..letter.range.1) else {
                continue;
            };
            if letter.opacity <= 0.0 {
                continue;
            }
            self.set_transform(&(*transform * letter.transform));
            self.set_fill(letter.fill.with_opacity(letter.opacity));
            let stroke = letter.stroke.filter(|(_, w)| *w > 0.0);
            if let Some((color, width)) = stroke {
                self.ctx.set_line_width(width);
                let rgba = color.with_opacity(letter.opacity).to_rgba8();
                if self.stroke != Some(rgba) {
                    self.ctx.set_stroke_style_str(&css_color(rgba));
                    self.stroke = Some(rgba);
                }
            }
            if stroke.is_some() && !over {
                self.ctx.stroke_text(glyph, 0.0, 0.0).best_effort();
            }
            self.ctx.fill_text(glyph, 0.0, 0.0).best_effort();
            if stroke.is_some() && over {
                self.ctx.stroke_text(glyph, 0.0, 0.0).best_effort();
            }
        }
    }

    /// Canvas2D's `letterSpacing` (not in web-sys's stable API yet).
    fn set_letter_spacing(&mut self, pixels: f64) {
        let key = (pixels * 100.0).round() as i64;
        if self.spacing == Some(key) {
            return;
        }
        let mut css = String::new();
        if key < 0 {
            css.push('-');
        }
        css.push_str(&css_px(pixels.abs()));
        js_sys::Reflect::set(&self.ctx, &"letterSpacing".into(), &css.trim_end().into())
            .best_effort();
        self.spacing = Some(key);
    }
}

#[cfg(feature = "frame")]
impl CanvasBackend {
    /// Notes a bound text drawn smaller, cut, or overflowing its room (for
    /// the designer preview).
    fn note_fit(&mut self, run: &TextRun, text: &str, layout: &Layout) {
        let (transform, text_box, lines) = (&layout.transform, layout.text_box, &layout.lines);
        let (scale, cut, fits) = (layout.scale, layout.is_cut(), layout.fits);
        let height = lines.len() as f64 * run.line_height;
        // Box text too tall for its box overflows too, fitted or not.
        let overflow = !fits || text_box.is_some_and(|b| height > b.size.y + 0.5);
        if scale >= 0.999 && !cut && !overflow {
            return;
        }
        let (left, top, right, bottom) = match text_box {
            Some(b) => (
                b.position.x,
                b.position.y,
                b.position.x + b.size.x,
                b.position.y + b.size.y.max(height),
            ),
            None => {
                let widest = lines
                    .iter()
                    .map(|&(a, b)| {
                        let line = text.get(a..b).unwrap_or("");
                        measure_line(&self.ctx, line)
                            + run.tracking * binding_engine::char_count(line) as f64
                    })
                    .fold(0.0, f64::max);
                let x = match run.justify {
                    Justify::Left => 0.0,
                    Justify::Center => -widest / 2.0,
                    Justify::Right => -widest,
                };
                (x, -run.ascent, x + widest, height - run.ascent)
            }
        };
        let corners = [(left, top), (right, top), (left, bottom), (right, bottom)]
            .map(|(x, y)| transform.apply(crate::geometry::Vec2::new(x, y)));
        let xs = corners.map(|p| p.x);
        let ys = corners.map(|p| p.y);
        let min = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
        let max = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
        if let Some(notes) = self.fit_notes.as_mut() {
            notes.push(FitNote {
                rect: [min(xs), min(ys), max(xs), max(ys)],
                scale,
                cut,
                overflow,
                text: text.to_owned(),
            });
        }
    }
}
