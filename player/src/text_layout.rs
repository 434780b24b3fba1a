//! Text layout that needs measurements, for font text (drawn by the
//! canvas backend, measured by the browser) and glyph text (drawn by eval
//! from the file's glyph outlines) alike: [`lay_out`] runs the steps in one
//! order (capitals, fitting a bound text to its room by shrinking or
//! cutting it, the box shrunk with it, lines wrapped or broken where the
//! text says), and [`place_letters`] places each letter with the text
//! animators' range selectors, and along a text path
//! (`crate::text_path`), the way lottie-web does, character by character. The measuring is the caller's, behind [`Measure`] (glyph
//! widths from the file, Canvas2D's measureText, a fixed width in tests),
//! so this module stays pure and native-testable. Never draws, and never
//! keeps a text past the [`Layout`] that holds it (changed copies are
//! [`SecretText`]s, wiped on drop).

use std::f64::consts::PI;
use std::rc::Rc;

use binding_engine::{SecretText, TextFit};

use crate::geometry::{cos, Affine, Rgba, Vec2};
use crate::lottie::animated::Easing;
use crate::lottie::{Caps, GroupUnit, Justify, SelectorBasis, SelectorShape, TextBox};
use crate::text_path::TextPathAt;

/// All capitals (`ca: 1`), into a copy that is wiped on drop like the
/// original. ASCII and Latin-1 letters only: the full Unicode case tables
/// would cost the shipped wasm kilobytes for letters templates rarely
/// capitalise (other characters stay as written).
pub fn all_caps(text: &str) -> SecretText {
    let upper: String = text
        .chars()
        .map(|c| match c {
            'a'..='z' => c.to_ascii_uppercase(),
            // Latin-1 lower case (but ß and ÿ, which have no Latin-1 capital).
            'à'..='þ' if c != '÷' => char::from_u32(u32::from(c) - 0x20).unwrap_or(c),
            _ => c,
        })
        .collect();
    SecretText::new(upper)
}

/// Characters that end a line in Lottie text documents.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{3}')
}

/// The lines of point text: broken only where the text says.
pub fn hard_lines(text: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices().filter(|(_, c)| is_line_break(*c)) {
        lines.push((start, at));
        start = at + c.len_utf8();
    }
    lines.push((start, text.len()));
    lines
}

/// How a layout measures: a character's advance (box text wraps letter by
/// letter, as lottie-web does) and a whole line's, as it is drawn: shaped,
/// so that joined scripts (Arabic), ligatures, kerning and emoji sequences
/// measure what the viewer sees. Widths at the document's size, without
/// tracking.
pub trait Measure {
    /// One character's advance.
    fn char(&mut self, c: char) -> f64;
    /// A line's advance (by default the sum of its characters').
    fn line(&mut self, line: &str) -> f64 {
        line.chars().map(|c| self.char(c)).sum()
    }
    /// What [`fit`] decides for `text` (measured with `self`). A measurer
    /// that remembers decisions overrides it: the canvas, where every
    /// measurement is a call into the browser and a bound text fits the
    /// same way at every frame.
    fn fit(&mut self, text: &str, room: &FitRoom) -> Fitted;
}

impl<F: FnMut(char) -> f64> Measure for F {
    fn char(&mut self, c: char) -> f64 {
        self(c)
    }

    fn fit(&mut self, text: &str, room: &FitRoom) -> Fitted {
        fit(text, room, self)
    }
}

/// The room a bound text is fitted to: its document's size, tracking and
/// box width (`None`: point text), and what its binding's `fit` allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitRoom {
    /// The document's font size.
    pub size: f64,
    /// The box's width, for box text.
    pub box_width: Option<f64>,
    /// Added after each character.
    pub tracking: f64,
    /// The binding's limits.
    pub fit: TextFit,
}

/// What a text is laid out from: its document's settings, and the room its
/// binding gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextSpec {
    /// All capitals (`Caps::All`) are applied here; small capitals are the
    /// font's (the canvas draws them).
    pub caps: Caps,
    /// The document's font size.
    pub size: f64,
    /// Added after each character.
    pub tracking: f64,
    /// The box of box text; `None` for point text.
    pub text_box: Option<TextBox>,
    /// A bound text's limits, when it must fit its room.
    pub fit: Option<TextFit>,
}

/// One text laid out: what is drawn, where, and in which lines.
#[derive(Debug)]
pub struct Layout {
    /// The text in capitals, when the document asks for them.
    capitals: Option<SecretText>,
    /// The text cut short with `…`, when even the smallest size overflowed.
    cut: Option<Rc<SecretText>>,
    /// The text's transform, shrunk about its origin (or its box's corner)
    /// when it was drawn smaller to fit.
    pub transform: Affine,
    /// The box, wider in proportion when shrunk, so that it wraps as at
    /// the smaller size.
    pub text_box: Option<TextBox>,
    /// Lines, as byte ranges of [`Layout::text`].
    pub lines: Vec<(usize, usize)>,
    /// The size drawn at, as a fraction of the document's (1: as designed).
    pub scale: f64,
    /// False when even the smallest size overflows and there is no ellipsis.
    pub fits: bool,
}

impl Layout {
    /// The text as drawn, given the `bound` one it was laid out from.
    pub fn text<'a>(&'a self, bound: &'a str) -> &'a str {
        match (&self.cut, &self.capitals) {
            (Some(cut), _) => cut.expose(),
            (None, Some(capitals)) => capitals.expose(),
            (None, None) => bound,
        }
    }

    /// Whether the text was cut short.
    pub fn is_cut(&self) -> bool {
        self.cut.is_some()
    }
}

/// Lays out `bound` as `spec` says, at `transform`, measured by `measure`.
pub fn lay_out(
    bound: &str,
    spec: &TextSpec,
    transform: Affine,
    measure: &mut dyn Measure,
) -> Layout {
    let capitals = (spec.caps == Caps::All).then(|| all_caps(bound));
    let text = capitals.as_ref().map_or(bound, SecretText::expose);
    let fitted = spec.fit.map(|fit| {
        let room = FitRoom {
            size: spec.size,
            box_width: spec.text_box.map(|b| b.size.x),
            tracking: spec.tracking,
            fit,
        };
        measure.fit(text, &room)
    });
    let (scale, fits, cut) = fitted.map_or((1.0, true, None), |f| (f.scale, f.fits, f.text));
    let (transform, text_box) = shrunk(transform, spec.text_box, scale);
    let shown = cut.as_ref().map_or(text, |cut| cut.expose());
    let lines = match &text_box {
        Some(b) => wrap(shown, b.size.x, spec.tracking, &mut |c| measure.char(c)),
        None => hard_lines(shown),
    };
    Layout {
        capitals,
        cut,
        transform,
        text_box,
        lines,
        scale,
        fits,
    }
}

/// Whether a text may be cut before `c` (the character at a boundary),
/// given the character before it: never inside a grapheme cluster as far as
/// cutting with an ellipsis cares (UAX #29 approximated without its
/// tables): not before a combining or spacing mark of the common scripts, a
/// variation selector, an emoji skin tone or tag, a zero-width joiner or
/// what follows one, nor between the two regional indicators of a flag
/// (`pairs_before`: how many indicators precede in a row).
pub fn may_cut_before(before: char, c: char, pairs_before: usize) -> bool {
    let u = u32::from(c);
    let mark = matches!(u,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C | 0x200D
        | 0x20D0..=0x20FF | 0x302A..=0x302F | 0x3099 | 0x309A | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
        // The vowel signs and viramas of the Indic blocks (each laid out as
        // Devanagari's).
        || (0x0900..=0x0DFF).contains(&u)
            && matches!(u & 0x7F, 0x00..=0x03 | 0x3C | 0x3E..=0x4D | 0x51..=0x57 | 0x62 | 0x63);
    let regional = |c: char| (0x1F1E6..=0x1F1FF).contains(&u32::from(c));
    !(mark || before == '\u{200D}' || regional(c) && regional(before) && pairs_before % 2 == 1)
}

/// What [`fit`] decided: draw at `scale` times the document's size, with
/// `text` instead of the bound text when even the smallest size did not fit
/// and it was cut short with `…` (`None`: the text as it is).
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The size drawn at, as a fraction of the document's (1: not shrunk).
    pub scale: f64,
    /// The cut text, when it was cut (shared: a measurer may remember it).
    pub text: Option<Rc<SecretText>>,
    /// False when even the smallest size overflows and there is no ellipsis.
    pub fits: bool,
}

/// Fits a bound `text` into its room, as its binding's `fit` asks: the
/// largest size from the document's `size` down to `fit.min_size` at which
/// it keeps to `fit.max_lines` and, as point text, to `fit.max_width`. Box
/// text (`box_width`) wraps as [`wrap`] does at each size. When no size
/// fits, the smallest is used and, with `fit.ellipsis`, the text is cut at
/// the first line that is one too many or too wide, with `…`, never inside
/// a character ([`may_cut_before`]). `measure` gives advances at the
/// document's size; `tracking` is added after each character.
pub fn fit(text: &str, room: &FitRoom, measure: &mut dyn Measure) -> Fitted {
    let FitRoom {
        size,
        box_width,
        tracking,
        ref fit,
    } = *room;
    let room = Room {
        text,
        box_width,
        tracking,
        fit,
    };
    let smallest = match fit.min_size {
        Some(min) if size > 0.0 && min < size => (min / size).max(0.01),
        _ => 1.0,
    };
    let (scale, text, fits) = if room.fits(1.0, measure) {
        (1.0, None, true)
    } else if room.fits(smallest, measure) {
        // The largest scale that fits, to within 0.1 %.
        let (mut lo, mut hi) = (smallest, 1.0);
        while hi - lo > 0.001 {
            let mid = (lo + hi) / 2.0;
            if room.fits(mid, measure) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        (lo, None, true)
    } else if fit.ellipsis {
        let cut = room.ellipsized(smallest, measure).map(Rc::new);
        (smallest, cut, true)
    } else {
        (smallest, None, false)
    };
    Fitted { scale, text, fits }
}

/// A text's transform and box drawn at `scale` of its size, as [`fit`]
/// decided: smaller about its origin (or its box's corner), the box wider
/// in proportion so that it wraps as at the smaller size.
pub fn shrunk(
    transform: Affine,
    text_box: Option<TextBox>,
    scale: f64,
) -> (Affine, Option<TextBox>) {
    if scale >= 1.0 {
        return (transform, text_box);
    }
    let anchor = text_box.map_or(Vec2::new(0.0, 0.0), |b| b.position);
    let transform = transform
        * Affine::translate(anchor.x, anchor.y)
        * Affine::scale(scale, scale)
        * Affine::translate(-anchor.x, -anchor.y);
    let text_box = text_box.map(|b| TextBox {
        size: Vec2::new(b.size.x / scale, b.size.y / scale),
        ..b
    });
    (transform, text_box)
}

/// A text and the room a binding's `fit` gives it.
struct Room<'a> {
    text: &'a str,
    box_width: Option<f64>,
    tracking: f64,
    fit: &'a TextFit,
}

impl Room<'_> {
    /// The lines at `scale`: wrapped in the box (whose width is
    /// `box_width / scale` in document units), or as written.
    fn lines(&self, scale: f64, measure: &mut dyn Measure) -> Vec<(usize, usize)> {
        match self.box_width {
            Some(width) => wrap(self.text, width / scale, self.tracking, &mut |c| {
                measure.char(c)
            }),
            None => hard_lines(self.text),
        }
    }

    /// A line as drawn: shaped, plus the tracking after each character.
    fn width(&self, line: &str, measure: &mut dyn Measure) -> f64 {
        measure.line(line) + self.tracking * binding_engine::char_count(line) as f64
    }

    /// The widest a line may be at `scale`, in document units: the box, or
    /// point text's `max_width`.
    fn line_room(&self, scale: f64) -> Option<f64> {
        self.box_width.or(self.fit.max_width).map(|w| w / scale)
    }

    fn fits(&self, scale: f64, measure: &mut dyn Measure) -> bool {
        let lines = self.lines(scale, measure);
        if self
            .fit
            .max_lines
            .is_some_and(|max| lines.len() > max as usize)
        {
            return false;
        }
        // Box text wraps inside its box; point text must keep to its width.
        match (self.box_width, self.line_room(scale)) {
            (None, Some(room)) => lines
                .iter()
                .all(|&(a, b)| self.width(self.text.get(a..b).unwrap_or(""), measure) <= room),
            _ => true,
        }
    }

    /// The text cut at `scale` at the first line that is one too many or
    /// too wide, to what fits there with `…` after it.
    fn ellipsized(&self, scale: f64, measure: &mut dyn Measure) -> Option<SecretText> {
        const ELLIPSIS: char = '\u{2026}';
        let lines = self.lines(scale, measure);
        let room = self.line_room(scale).unwrap_or(f64::INFINITY);
        let last_kept = self.fit.max_lines.map_or(usize::MAX, |m| m as usize - 1);
        let (_, &(start, end)) = lines.iter().enumerate().find(|&(i, &(a, b))| {
            i == last_kept && lines.len() > i + 1
                || self.width(self.text.get(a..b).unwrap_or(""), measure) > room
        })?;
        // The longest start of that line, cut where a cut may be, that
        // fits with `…` after it: found by bisection over the cut points
        // (a line's width grows with its length), measuring whole prefixes
        // as they are drawn.
        let line = self.text.get(start..end).unwrap_or("");
        let mut cuts = vec![0];
        let (mut before, mut regional_run) = ('\n', 0);
        for (at, c) in line.char_indices() {
            if at > 0 && may_cut_before(before, c, regional_run) {
                cuts.push(at);
            }
            regional_run = if (0x1F1E6..=0x1F1FF).contains(&u32::from(c)) {
                regional_run + 1
            } else {
                0
            };
            before = c;
        }
        cuts.push(line.len());
        let ellipsis = measure.char(ELLIPSIS) + self.tracking;
        let fits = |cut: usize, measure: &mut dyn Measure| {
            self.width(line.get(..cut).unwrap_or(""), measure) + ellipsis <= room
        };
        let (mut lo, mut hi) = (0, cuts.len() - 1);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if fits(cuts.get(mid).copied().unwrap_or(0), measure) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let keep = cuts.get(lo).copied().unwrap_or(0);
        let kept = self.text.get(..start + keep).unwrap_or("").trim_end();
        // One allocation of the final size: a grown String would leave
        // unwiped copies of the data behind.
        let mut cut = String::with_capacity(kept.len() + ELLIPSIS.len_utf8());
        cut.push_str(kept);
        cut.push(ELLIPSIS);
        Some(SecretText::new(cut))
    }
}

/// The lines of `text` in a box `width` wide, as byte ranges of `text`.
/// As lottie-web: characters are measured one by one (`measure`, plus
/// `tracking` after each); a line that would overflow breaks at its last
/// space (which is dropped), or before the overflowing character when it
/// has none; spaces never break a line by themselves.
pub fn wrap(
    text: &str,
    width: f64,
    tracking: f64,
    measure: &mut dyn FnMut(char) -> f64,
) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut line_width = 0.0;
    // The last space of the current line: where it may break.
    let mut last_space: Option<usize> = None;
    for (at, c) in text.char_indices() {
        if is_line_break(c) {
            lines.push((start, at));
            start = at + c.len_utf8();
            line_width = 0.0;
            last_space = None;
            continue;
        }
        if c == ' ' {
            last_space = Some(at);
        }
        let w = measure(c);
        if line_width + w > width && c != ' ' && at > start {
            match last_space {
                Some(space) => {
                    lines.push((start, space));
                    start = space + 1;
                    // Measure the characters after the space again.
                    line_width = text
                        .get(start..at)
                        .map_or(0.0, |s| s.chars().map(|c| measure(c) + tracking).sum());
                }
                None => {
                    lines.push((start, at));
                    start = at;
                    line_width = 0.0;
                }
            }
            last_space = None;
        }
        line_width += w + tracking;
    }
    lines.push((start, text.len()));
    lines
}

/// A range selector's values at one frame (`a[].s`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SelectorAt {
    /// Start, end and offset: percent of the units, or indexes.
    pub start: f64,
    /// See `start`.
    pub end: f64,
    /// See `start`.
    pub offset: f64,
    /// Amount, percent.
    pub amount: f64,
    /// Ease high and low (`xe`, `ne`), percent.
    pub ease_high: f64,
    /// See `ease_high`.
    pub ease_low: f64,
    /// Smoothness (`sm`), percent.
    pub smoothness: f64,
    /// What it counts (`b`).
    pub based: SelectorBasis,
    /// How its weight falls off (`sh`).
    pub shape: SelectorShape,
    /// Units (`r`): indexes instead of percent.
    pub by_index: bool,
}

/// One text animator's values at one frame; `None` for properties it
/// does not animate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnimatorAt {
    /// Which letters, how much.
    pub selector: SelectorAt,
    /// Position offset.
    pub position: Option<Vec2>,
    /// Anchor offset.
    pub anchor: Option<Vec2>,
    /// Scale, percent.
    pub scale: Option<Vec2>,
    /// Rotation, degrees clockwise.
    pub rotation: Option<f64>,
    /// Opacity, percent.
    pub opacity: Option<f64>,
    /// Fill colour.
    pub fill: Option<Rgba>,
    /// Stroke colour.
    pub stroke: Option<Rgba>,
    /// Stroke width added.
    pub stroke_width: Option<f64>,
    /// Tracking added, in text units.
    pub tracking: Option<f64>,
    /// Skew and its axis, degrees (full build only, as its source).
    #[cfg(feature = "full")]
    pub skew: Option<(f64, f64)>,
}

/// How a text document lays out, in text units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Space after each character.
    pub tracking: f64,
    /// Alignment.
    pub justify: Justify,
    /// Box text, if any.
    pub text_box: Option<TextBox>,
    /// First baseline below a box's top.
    pub ascent: f64,
    /// Distance between baselines.
    pub line_height: f64,
    /// Baseline shift (`ls`).
    pub baseline_shift: f64,
    /// Fill colour.
    pub fill: Rgba,
    /// Stroke colour and width.
    pub stroke: Option<(Rgba, f64)>,
    /// What animated letters pivot about.
    pub grouping: Grouping,
}

/// What an animated letter's transforms pivot about (`t.m` at one frame):
/// the centre of its group (the letter, its word or its line), moved by
/// the grouping alignment.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Grouping {
    /// The letter's group.
    pub unit: GroupUnit,
    /// The pivot moved right by this share of the group's width.
    pub across: f64,
    /// The pivot moved down by this much, in text units.
    pub down: f64,
}

/// One placed letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    /// Its bytes in the text.
    pub range: (usize, usize),
    /// From the letter's own space (origin on its baseline, left edge) to
    /// text space.
    pub transform: Affine,
    /// Opacity, 0..=1.
    pub opacity: f64,
    /// Fill colour.
    pub fill: Rgba,
    /// Stroke colour and width.
    pub stroke: Option<(Rgba, f64)>,
}

impl SelectorAt {
    /// Start and end in unit indexes, ordered, as lottie-web computes them.
    fn span(&self, units: usize) -> (f64, f64) {
        let divisor = if self.by_index {
            1.0
        } else {
            100.0 / units.max(1) as f64
        };
        let offset = self.offset / divisor;
        let (s, e) = (self.start / divisor + offset, self.end / divisor + offset);
        if s > e {
            (e, s)
        } else {
            (s, e)
        }
    }

    /// How much of the animator applies to the unit at `index`, 0..=1
    /// times the amount: lottie-web's `getMult`.
    pub fn weight(&self, index: f64, units: usize) -> f64 {
        let (s, e) = self.span(units);
        let mut easing = Easing::LINEAR;
        if self.ease_low > 0.0 {
            easing.out.x = self.ease_low / 100.0;
        } else {
            easing.out.y = -self.ease_low / 100.0;
        }
        if self.ease_high > 0.0 {
            easing.into.x = 1.0 - self.ease_high / 100.0;
        } else {
            easing.into.y = 1.0 + self.ease_high / 100.0;
        }
        let ramp = || (0.5 / (e - s) + (index - s) / (e - s)).clamp(0.0, 1.0);
        let weight = match self.shape {
            SelectorShape::RampUp if e == s => f64::from(u8::from(index >= e)),
            SelectorShape::RampUp => ramp(),
            SelectorShape::RampDown if e == s => f64::from(u8::from(index < e)),
            SelectorShape::RampDown => 1.0 - ramp(),
            SelectorShape::Triangle | SelectorShape::Round | SelectorShape::Smooth if e == s => 0.0,
            SelectorShape::Triangle => {
                let m = ramp();
                if m < 0.5 {
                    m * 2.0
                } else {
                    1.0 - 2.0 * (m - 0.5)
                }
            }
            SelectorShape::Round => {
                // max then min, not clamp: clamp with a computed bound links
                // float formatting (its panic message) into the wasm.
                let i = (index + 0.5 - s).max(0.0).min(e - s);
                let half = (e - s) / 2.0;
                let x = i - half;
                (1.0 - x * x / (half * half)).max(0.0).sqrt()
            }
            SelectorShape::Smooth => {
                // max then min, not clamp: clamp with a computed bound links
                // float formatting (its panic message) into the wasm.
                let i = (index + 0.5 - s).max(0.0).min(e - s);
                (1.0 + cos(PI + PI * 2.0 * i / (e - s))) / 2.0
            }
            SelectorShape::Square if index >= s.floor() => {
                if index - s < 0.0 {
                    (e.min(1.0) - (s - index)).clamp(0.0, 1.0)
                } else {
                    (e - index).clamp(0.0, 1.0)
                }
            }
            SelectorShape::Square => 0.0,
        };
        let mut weight = easing.apply(weight.clamp(0.0, 1.0));
        if self.smoothness != 100.0 {
            let smoothness = (self.smoothness / 100.0).max(1e-8);
            let threshold = 0.5 - smoothness * 0.5;
            weight = if weight < threshold {
                0.0
            } else {
                ((weight - threshold) / smoothness).min(1.0)
            };
        }
        weight * self.amount / 100.0
    }
}

/// How far tracking animators move each line of right-aligned or centred
/// text, as lottie-web's `animatorJustifyOffset`
/// (`TextAnimatorProperty.getMeasures`): the tracking each letter adds,
/// times −1 (right) or −½ (centre), so that the line stays aligned as its
/// letters spread. `slots` gives each slot's line and whether it is a
/// letter (not a break), `line_count` how many lines there are, and
/// `weight(j, i)` animator `j`'s weight on slot `i`.
///
/// lottie-web's quirks are kept, since its drawing is what designers
/// check: centred text also takes −½ of each tracking amount, unweighted,
/// per line start, summed over the lines so far and added only to a line
/// whose own shift is not zero.
fn tracking_justify_shift(
    slots: impl Iterator<Item = (usize, bool)>,
    line_count: usize,
    justify: Justify,
    animators: &[AnimatorAt],
    weight: impl Fn(usize, usize) -> f64,
) -> Vec<f64> {
    // Each line's letters' share, and the first letters' up to that line.
    let mut shares = vec![(0.0, 0.0); line_count];
    let mult = match justify {
        Justify::Left => 0.0,
        Justify::Right => -1.0,
        Justify::Center => -0.5,
    };
    let (mut first_letters, mut new_line) = (0.0, true);
    for (i, (line, letter)) in slots.enumerate() {
        new_line |= !letter;
        let Some((share, firsts)) = shares.get_mut(line).filter(|_| letter) else {
            continue;
        };
        for (j, a) in animators.iter().enumerate() {
            if let Some(t) = a.tracking {
                if new_line && justify == Justify::Center {
                    first_letters += t * mult;
                }
                *share += t * weight(j, i) * mult;
            }
        }
        *firsts = first_letters;
        new_line = false;
    }
    shares
        .into_iter()
        .map(|(share, firsts)| if share == 0.0 { 0.0 } else { share + firsts })
        .collect()
}

/// A letter as lottie-web lists them (a line break is one without a
/// character, 0 wide), its width measured once, with its group
/// (lottie-web's `ind`) and where it starts in it (`add`).
struct Slot {
    range: (usize, usize),
    ch: Option<char>,
    line: usize,
    width: f64,
    group: usize,
    in_group: f64,
}

/// Each letter's group, as lottie-web's `buildFinalText` makes them: a
/// letter on its own; a word (closed by a space, a line break or the last
/// letter, a closing space or break not counted in its width); a line.
/// Returns each group's width and the width of the letter that closed it
/// (lottie-web's `an` and `extra`: 0 for a letter on its own).
fn group_letters(slots: &mut [Slot], unit: GroupUnit) -> Vec<(f64, f64)> {
    let last = slots.len().saturating_sub(1);
    let mut groups = Vec::new();
    let mut width = 0.0;
    for (i, slot) in slots.iter_mut().enumerate() {
        let own = slot.width;
        slot.group = groups.len();
        if unit == GroupUnit::Characters {
            groups.push((own, 0.0));
            continue;
        }
        slot.in_group = width;
        width += own;
        let breaks = slot.ch.is_none() || (unit == GroupUnit::Words && slot.ch == Some(' '));
        if breaks || i == last {
            if breaks {
                width -= own;
            }
            groups.push((width, own));
            width = 0.0;
        }
    }
    groups
}

/// Places every letter of `lines` (byte ranges of `text`), each `width_of`
/// wide, with `animators` applied, along `path` if there is one:
/// lottie-web's layout (`TextAnimatorProperty.getMeasures`), each letter's
/// animated transforms pivoting about its group (`style.grouping`: the
/// letter, its word or its line). Characters only; line breaks place
/// nothing.
#[allow(
    clippy::too_many_lines,
    reason = "lottie-web's letter layout step by step, kept in its order to compare with it line by line"
)]
pub fn place_letters(
    text: &str,
    lines: &[(usize, usize)],
    width_of: &dyn Fn(char) -> f64,
    style: &TextStyle,
    animators: &[AnimatorAt],
    path: Option<&TextPathAt>,
) -> Vec<Letter> {
    let mut slots = Vec::new();
    for (line, &(start, end)) in lines.iter().enumerate() {
        let slot = |range, ch: Option<char>| Slot {
            range,
            ch,
            line,
            width: ch.map_or(0.0, width_of),
            group: 0,
            in_group: 0.0,
        };
        if line > 0 {
            slots.push(slot((start, start), None));
        }
        for (at, c) in text.get(start..end).unwrap_or("").char_indices() {
            slots.push(slot((start + at, start + at + c.len_utf8()), Some(c)));
        }
    }
    let last = slots.len().saturating_sub(1);
    let groups = group_letters(&mut slots, style.grouping.unit);
    let group = |g: usize| groups.get(g).copied().unwrap_or_default();
    // Each animator's unit index of each letter, and the unit count.
    let units: Vec<(Vec<f64>, usize)> = animators
        .iter()
        .map(|a| {
            let mut count = 0;
            let indexes = slots
                .iter()
                .enumerate()
                .map(|(i, slot)| {
                    let index = count as f64;
                    let counts = match a.selector.based {
                        SelectorBasis::CharactersExcludingSpaces => {
                            slot.ch.is_some_and(|c| c != ' ')
                        }
                        SelectorBasis::Words => slot.ch.is_none_or(|c| c == ' ') || i == last,
                        SelectorBasis::Lines => slot.ch.is_none() || i == last,
                        SelectorBasis::Characters => slot.ch.is_some(),
                    };
                    count += usize::from(counts);
                    index
                })
                .collect();
            (indexes, count)
        })
        .collect();
    let weight = |j: usize, i: usize| -> f64 {
        match (animators.get(j), units.get(j)) {
            (Some(a), Some((indexes, count))) => a
                .selector
                .weight(indexes.get(i).copied().unwrap_or(0.0), *count),
            _ => 0.0,
        }
    };
    // Line widths as lottie-web's: characters and the tracking between
    // them (each line starts at minus one tracking), trailing spaces left
    // out.
    let mut line_widths = vec![0.0; lines.len()];
    for (l, &(start, end)) in lines.iter().enumerate() {
        let line = text.get(start..end).unwrap_or("");
        let mut width = -style.tracking;
        let mut spaces = 0.0;
        for c in line.chars() {
            let w = width_of(c) + style.tracking;
            if c == ' ' {
                spaces += w;
            } else {
                width += w + spaces;
                spaces = 0.0;
            }
        }
        if let Some(slot) = line_widths.get_mut(l) {
            *slot = width;
        }
    }
    let tracking_shift = tracking_justify_shift(
        slots.iter().map(|s| (s.line, s.ch.is_some())),
        lines.len(),
        style.justify,
        animators,
        weight,
    );
    let box_width = style.text_box.map_or(0.0, |b| b.size.x);
    let mut letters = Vec::with_capacity(slots.len());
    let (mut x, mut y) = (0.0, 0.0);
    // On a path: how far along it the next letter's centre is, and the
    // line being placed (lottie-web's `currentLength`, `currentLine`).
    let margin = path.map_or(0.0, TextPathAt::start);
    let (mut along, mut line_placed) = (margin, usize::MAX);
    // The group placed last on the path (lottie-web's `ind`).
    let mut group_placed = None;
    let mut walk = path.map(TextPathAt::walk);
    let half_of = |slot: Option<&Slot>| slot.map_or(0.0, |s| group(s.group).0 / 2.0);
    let ends = (half_of(slots.first()), half_of(slots.last()));
    let Grouping { across, down, .. } = style.grouping;
    // lottie-web puts every line after the first one unit further down
    // (`getMeasures`: `yPos += firstLine ? 1 : 0`).
    let mut first_break = 1.0;
    for (i, slot) in slots.iter().enumerate() {
        if slot.ch.is_none() {
            x = 0.0;
            y += style.line_height + first_break;
            first_break = 0.0;
            along = margin;
            walk = path.map(TextPathAt::walk);
            continue;
        }
        let width = slot.width;
        let (group_width, _) = group(slot.group);
        let half = group_width / 2.0;
        // The letter pivots about its group's centre moved by the grouping
        // alignment (lottie-web's `offf` and `alignment`).
        let to_pivot = half - slot.in_group;
        let aligned = across * group_width;
        let line_width = line_widths.get(slot.line).copied().unwrap_or(0.0);
        if let Some(path) = path {
            if line_placed != slot.line {
                let room = path.total - line_width;
                along += match style.justify {
                    Justify::Left => 0.0,
                    Justify::Right => room,
                    Justify::Center => room / 2.0,
                };
                line_placed = slot.line;
            }
            // A group's centre is where the last one ended plus half its
            // width, after the width of the letter that closed the group
            // numbered as the last one (lottie-web's `letters[ind].extra`,
            // a letter's index taken from a group's: 0 per letter).
            if group_placed != Some(slot.group) {
                let closer = group_placed
                    .and_then(|g| slots.get(g))
                    .map_or(0.0, |s| group(s.group).1);
                along += closer + half;
                group_placed = Some(slot.group);
            }
            if path.force_alignment {
                // Spread from the margin to the end (one line, as lottie-web).
                let margin = path.first_margin;
                let spread = path.total - margin - ends.0 - ends.1;
                let share = slot.group as f64 / (slots.len().max(2) - 1) as f64;
                along = ends.0 + spread * share + margin;
            }
        }
        // Tracking animators move this letter already (not a line's first
        // in left-aligned text), or on a path the next one (lottie-web
        // adds them after placing the letter, and never to a
        // left-aligned line's letters).
        let mut tracked = 0.0;
        if (x != 0.0 && path.is_none()) || style.justify != Justify::Left {
            for (j, a) in animators.iter().enumerate() {
                if let Some(t) = a.tracking {
                    tracked += t * weight(j, i);
                }
            }
        }
        // On a path, position and anchor animators move the letter along
        // it (their x), not across.
        let mut along_offset = 0.0;
        if path.is_some() {
            for (j, a) in animators.iter().enumerate() {
                let w = weight(j, i);
                along_offset +=
                    (a.position.map_or(0.0, |p| p.x) + a.anchor.map_or(0.0, |p| p.x)) * w;
            }
        } else {
            x += tracked;
        }
        let mut m = Affine::translate(-to_pivot - aligned, -down);
        let mut opacity = 1.0;
        let mut fill = style.fill;
        let mut stroke = style.stroke;
        for (j, a) in animators.iter().enumerate() {
            if let Some(anchor) = a.anchor {
                let w = weight(j, i);
                m = Affine::translate(-anchor.x * w, -anchor.y * w) * m;
            }
        }
        for (j, a) in animators.iter().enumerate() {
            if let Some(scale) = a.scale {
                let w = weight(j, i);
                m = Affine::scale(
                    1.0 + (scale.x / 100.0 - 1.0) * w,
                    1.0 + (scale.y / 100.0 - 1.0) * w,
                ) * m;
            }
        }
        for (j, a) in animators.iter().enumerate() {
            let w = weight(j, i);
            // Each animator's skew, then its rotation, as lottie-web's
            // `skewFromAxis` then `rotateZ`.
            #[cfg(feature = "full")]
            if let Some((skew, axis)) = a.skew {
                m = Affine::skew(skew * w * PI / 180.0, axis * w * PI / 180.0) * m;
            }
            if let Some(r) = a.rotation {
                m = Affine::rotate(r * w * PI / 180.0) * m;
            }
            if let Some(o) = a.opacity {
                opacity += (o / 100.0 * w - opacity) * w;
            }
            if let Some(f) = a.fill {
                fill = fill.mix(f, w);
            }
            if let (Some(s), Some((color, _))) = (a.stroke, stroke.as_mut()) {
                *color = color.mix(s, w);
            }
            if let (Some(sw), Some((_, width))) = (a.stroke_width, stroke.as_mut()) {
                *width = (*width + sw * w).max(0.0);
            }
        }
        for (j, a) in animators.iter().enumerate() {
            if let Some(p) = a.position {
                let w = weight(j, i);
                let x = if path.is_some() { 0.0 } else { p.x * w };
                m = Affine::translate(x, p.y * w) * m;
            }
        }
        if let (Some(path), Some(walk)) = (path, walk.as_mut()) {
            // Forced alignment puts the letter where it spreads to, without
            // the alignment (lottie-web sets `currentLength` after adding it).
            let shifted = if path.force_alignment { 0.0 } else { aligned };
            m = walk.place(path, along + shifted + along_offset)
                * Affine::translate(0.0, y - style.baseline_shift + down)
                * m;
            along += tracked;
            if slots
                .get(i + 1)
                .is_some_and(|next| next.group != slot.group)
            {
                along += half + style.tracking;
            }
            letters.push(Letter {
                range: slot.range,
                transform: m,
                opacity,
                fill,
                stroke,
            });
            continue;
        }
        let shift = tracking_shift.get(slot.line).copied().unwrap_or(0.0);
        let align = shift
            + match style.justify {
                Justify::Left => 0.0,
                Justify::Right => box_width - line_width,
                Justify::Center => (box_width - line_width) / 2.0,
            };
        let (bx, by) = style
            .text_box
            .map_or((0.0, 0.0), |b| (b.position.x, b.position.y + style.ascent));
        m = Affine::translate(
            x + bx + align + to_pivot + aligned,
            y + by - style.baseline_shift + down,
        ) * m;
        letters.push(Letter {
            range: slot.range,
            transform: m,
            opacity,
            fill,
            stroke,
        });
        x += width + style.tracking;
    }
    letters
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, clippy::expect_used, reason = "tests")]
    use super::*;

    /// [`super::fit`] with the room spelled out.
    fn fit(
        text: &str,
        size: f64,
        box_width: Option<f64>,
        tracking: f64,
        fit: &TextFit,
        measure: &mut dyn Measure,
    ) -> Fitted {
        let room = FitRoom {
            size,
            box_width,
            tracking,
            fit: *fit,
        };
        super::fit(text, &room, measure)
    }

    fn fit_spec(
        min_size: Option<f64>,
        max_lines: Option<u32>,
        max_width: Option<f64>,
        ellipsis: bool,
    ) -> TextFit {
        TextFit {
            min_size,
            max_lines,
            max_width,
            ellipsis,
        }
    }

    /// Every character 10 units wide at the document's size.
    fn ten(_: char) -> f64 {
        10.0
    }

    #[test]
    fn one_layout_caps_fits_shrinks_the_box_and_wraps() {
        // Box text, 10 units a letter, box 100 × 100 at (20, 30); one line
        // allowed, no smaller than half size: "hello world" (110) fits at
        // scale 100/110, in a box as much wider, about the box's corner.
        let spec = TextSpec {
            caps: Caps::All,
            size: 40.0,
            tracking: 0.0,
            text_box: Some(TextBox {
                position: Vec2::new(20.0, 30.0),
                size: Vec2::new(100.0, 100.0),
            }),
            fit: Some(fit_spec(Some(20.0), Some(1), None, false)),
        };
        let layout = lay_out("hello world", &spec, Affine::IDENTITY, &mut ten);
        assert_eq!(layout.text("hello world"), "HELLO WORLD");
        assert!((layout.scale - 100.0 / 110.0).abs() < 0.002, "{layout:?}");
        assert!(layout.fits && !layout.is_cut());
        assert_eq!(layout.lines, vec![(0, 11)]);
        let b = layout.text_box.expect("box text");
        assert_eq!(b.position, Vec2::new(20.0, 30.0));
        assert!((b.size.x * layout.scale - 100.0).abs() < 1e-9);
        // The corner stays where it is; the rest draws smaller about it.
        let corner = layout.transform.apply(Vec2::new(20.0, 30.0));
        assert!((corner.x - 20.0).abs() < 1e-9 && (corner.y - 30.0).abs() < 1e-9);
        // Without a fit, the same text wraps in the box as designed.
        let free = lay_out(
            "hello world",
            &TextSpec { fit: None, ..spec },
            Affine::IDENTITY,
            &mut ten,
        );
        assert_eq!((free.scale, free.lines.len()), (1.0, 2));
        // Cut short at the smallest size: the cut is of the capitals.
        let tight = TextSpec {
            fit: Some(fit_spec(Some(40.0), Some(1), None, true)),
            ..spec
        };
        let cut = lay_out("hello world", &tight, Affine::IDENTITY, &mut ten);
        assert!(cut.is_cut());
        assert_eq!(cut.text("hello world"), "HELLO\u{2026}");
    }

    #[test]
    fn point_text_shrinks_to_its_width_and_no_further() {
        // 20 characters, 200 units; room for 100: half the size.
        let text = "abcdefghijklmnopqrst";
        let fitted = fit(
            text,
            40.0,
            None,
            0.0,
            &fit_spec(Some(10.0), None, Some(100.0), false),
            &mut ten,
        );
        assert!((fitted.scale - 0.5).abs() < 0.002, "{fitted:?}");
        assert_eq!(fitted.text, None);
        // What fits already is left alone.
        let short = fit(
            "abc",
            40.0,
            None,
            0.0,
            &fit_spec(Some(10.0), None, Some(100.0), true),
            &mut ten,
        );
        assert_eq!(
            short,
            Fitted {
                scale: 1.0,
                text: None,
                fits: true
            }
        );
        // Not below the minimum: 30 of 40 is as far as it goes, then cut.
        let cut = fit(
            text,
            40.0,
            None,
            0.0,
            &fit_spec(Some(30.0), None, Some(100.0), true),
            &mut ten,
        );
        assert!((cut.scale - 0.75).abs() < 1e-9);
        // 100 / 0.75 = 133 units: 12 characters and the ellipsis.
        assert_eq!(
            cut.text.as_deref().map(|t| &**t),
            Some("abcdefghijkl\u{2026}")
        );
        // Without ellipsis it overflows at the minimum size.
        let over = fit(
            text,
            40.0,
            None,
            0.0,
            &fit_spec(Some(30.0), None, Some(100.0), false),
            &mut ten,
        );
        assert_eq!((over.scale, over.text, over.fits), (0.75, None, false));
    }

    #[test]
    fn box_text_shrinks_to_its_line_count() {
        // Four words of 5 characters: at width 110 two words a line.
        let text = "aaaaa bbbbb ccccc ddddd";
        let two_lines = fit(
            text,
            20.0,
            Some(110.0),
            0.0,
            &fit_spec(Some(5.0), Some(1), None, false),
            &mut ten,
        );
        // One line needs 230 units of room: 110 / 230.
        assert!(
            (two_lines.scale - 110.0 / 230.0).abs() < 0.002,
            "{two_lines:?}"
        );
        // Not allowed to shrink: cut after the first line, with room for the ellipsis.
        let cut = fit(
            text,
            20.0,
            Some(110.0),
            0.0,
            &fit_spec(None, Some(1), None, true),
            &mut ten,
        );
        assert_eq!(cut.scale, 1.0);
        assert_eq!(
            cut.text.as_deref().map(|t| &**t),
            Some("aaaaa bbbb\u{2026}")
        );
        // Two lines allowed (of three): only the last kept line is cut.
        let cut = fit(
            "aaaaa bbbbb ccccc ddddd eeeee",
            20.0,
            Some(110.0),
            0.0,
            &fit_spec(None, Some(2), None, true),
            &mut ten,
        );
        assert_eq!(
            cut.text.as_deref().map(|t| &**t),
            Some("aaaaa bbbbb ccccc dddd\u{2026}")
        );
    }

    #[test]
    fn fitting_counts_characters_not_bytes() {
        // Three-byte characters: the cut falls between characters.
        let text = "日本語日本語日本語日本語";
        let cut = fit(
            text,
            40.0,
            None,
            0.0,
            &fit_spec(None, None, Some(55.0), true),
            &mut ten,
        );
        assert_eq!(cut.text.as_deref().map(|t| &**t), Some("日本語日\u{2026}"));
    }

    /// A shaping measure: every character 10 wide alone, but a line
    /// measures as drawn, where a zero-width joiner sequence, a flag's two
    /// indicators and a base with its combining marks are one 10-wide
    /// cluster (as a browser with an emoji font shapes them).
    struct Shaped;
    impl Measure for Shaped {
        fn char(&mut self, _: char) -> f64 {
            10.0
        }
        fn line(&mut self, line: &str) -> f64 {
            let (mut clusters, mut before, mut run) = (0, '\n', 0);
            for c in line.chars() {
                if before == '\n' || may_cut_before(before, c, run) {
                    clusters += 1;
                }
                run = if (0x1F1E6..=0x1F1FF).contains(&u32::from(c)) {
                    run + 1
                } else {
                    0
                };
                before = c;
            }
            10.0 * f64::from(clusters)
        }

        fn fit(&mut self, text: &str, room: &FitRoom) -> Fitted {
            super::fit(text, room, self)
        }
    }

    #[test]
    fn point_text_fits_by_its_shaped_width() {
        // A family (four people joined by three ZWJs) and "ab": 3 clusters,
        // 30 wide shaped, 90 letter by letter.
        let text = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}ab";
        let spec = fit_spec(Some(10.0), None, Some(40.0), true);
        assert_eq!(fit(text, 40.0, None, 0.0, &spec, &mut Shaped).scale, 1.0);
        // Letter by letter it would have been shrunk.
        assert!(fit(text, 40.0, None, 0.0, &spec, &mut ten).scale < 0.5);
    }

    #[test]
    fn an_ellipsis_never_cuts_inside_a_cluster() {
        let no_shrink = |room| fit_spec(None, None, Some(room), true);
        let cut = |text: &str, room: f64| {
            fit(text, 10.0, None, 0.0, &no_shrink(room), &mut Shaped)
                .text
                .map(|t| t.expose().to_owned())
        };
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        // Room for two clusters and the ellipsis: "a", the whole family, "…".
        assert_eq!(
            cut(&(String::from("a") + family + "bcd"), 30.0).as_deref(),
            Some(&*(String::from("a") + family + "\u{2026}"))
        );
        // Flags are pairs of regional indicators: kept or dropped whole.
        let flags = "\u{1F1E9}\u{1F1EA}\u{1F1EB}\u{1F1F7}\u{1F1EF}\u{1F1F5}\u{1F1EE}\u{1F1F9}";
        assert_eq!(
            cut(flags, 30.0).as_deref(),
            Some("\u{1F1E9}\u{1F1EA}\u{1F1EB}\u{1F1F7}\u{2026}")
        );
        // A base with its combining accents, a Devanagari consonant with its vowel sign.
        assert_eq!(
            cut("e\u{301}\u{302}xyz", 20.0).as_deref(),
            Some("e\u{301}\u{302}\u{2026}")
        );
        assert_eq!(
            cut("\u{915}\u{93F}\u{916}\u{940}\u{917}", 20.0).as_deref(),
            Some("\u{915}\u{93F}\u{2026}")
        );
    }

    fn selector(start: f64, end: f64) -> SelectorAt {
        SelectorAt {
            start,
            end,
            offset: 0.0,
            amount: 100.0,
            ease_high: 0.0,
            ease_low: 0.0,
            smoothness: 100.0,
            based: SelectorBasis::Characters,
            shape: SelectorShape::Square,
            by_index: false,
        }
    }

    /// An animator over `selector` that changes nothing yet: tests set the
    /// property they are about.
    fn animator(selector: SelectorAt) -> AnimatorAt {
        AnimatorAt {
            selector,
            position: None,
            anchor: None,
            scale: None,
            rotation: None,
            opacity: None,
            fill: None,
            stroke: None,
            stroke_width: None,
            tracking: None,
            #[cfg(feature = "full")]
            skew: None,
        }
    }

    fn style() -> TextStyle {
        TextStyle {
            tracking: 0.0,
            justify: Justify::Left,
            text_box: None,
            ascent: 0.0,
            line_height: 10.0,
            baseline_shift: 0.0,
            fill: Rgba::black(1.0),
            stroke: None,
            grouping: Grouping::default(),
        }
    }

    /// Right-aligned lines end where lottie-web ends them: its line width is
    /// the letters and the tracking between them (not after the last), and
    /// trailing spaces are left out; every line alike.
    #[test]
    fn right_aligned_lines_end_at_their_last_letter() {
        let style = TextStyle {
            justify: Justify::Right,
            tracking: 2.0,
            ..style()
        };
        let text = "ab \rc";
        let letters = place_letters(text, &hard_lines(text), &|_| 10.0, &style, &[], None);
        let x: Vec<f64> = letters
            .iter()
            .map(|l| l.transform.apply(Vec2::new(0.0, 0.0)).x)
            .collect();
        assert_eq!(x, [-22.0, -10.0, 2.0, -10.0]);
    }

    /// Letters on a path, as lottie-web places them: each centred at the
    /// first margin plus the widths before it and half its own, along the
    /// path (a centred line starts half the room in); a second line starts
    /// again at the margin, one line lower; perpendicular letters turn with
    /// the path; force alignment spreads them to its end.
    #[test]
    fn letters_follow_a_path_from_its_first_margin() {
        use crate::lottie::BezierShape;
        let corner = BezierShape {
            closed: false,
            vertices: vec![
                Vec2::new(0.0, 0.0),
                Vec2::new(100.0, 0.0),
                Vec2::new(100.0, 100.0),
            ],
            in_tangents: vec![Vec2::default(); 3],
            out_tangents: vec![Vec2::default(); 3],
        };
        let mut path = TextPathAt {
            first_margin: 10.0,
            ..TextPathAt::new(&corner, false)
        };
        let origin = |l: &Letter| l.transform.apply(Vec2::new(0.0, 0.0));
        let place = |text: &str, style: &TextStyle, path: &TextPathAt| {
            place_letters(text, &hard_lines(text), &|_| 10.0, style, &[], Some(path))
        };
        let letters = place("ab\rc", &style(), &path);
        let at: Vec<Vec2> = letters.iter().map(origin).collect();
        assert_eq!(
            at,
            [
                Vec2::new(10.0, 0.0),
                Vec2::new(20.0, 0.0),
                Vec2::new(10.0, 11.0)
            ]
        );
        // Centred: (200 - 20) / 2 in, then as before: the first letter's
        // centre 5 past the corner, the letter upright.
        let centred = TextStyle {
            justify: Justify::Center,
            ..style()
        };
        assert_eq!(
            origin(&place("ab", &centred, &path)[0]),
            Vec2::new(95.0, 5.0)
        );
        // Past the corner, turned: the letter's x runs down the path.
        path.first_margin = 150.0;
        path.perpendicular = true;
        let turned = &place("a", &style(), &path)[0];
        let right = turned.transform.apply(Vec2::new(10.0, 0.0));
        assert!((origin(turned).y - 50.0).abs() < 1e-9 && (right.y - 60.0).abs() < 1e-9);
        // Spread: the last letter's centre half its width from the end.
        path.first_margin = 0.0;
        path.perpendicular = false;
        path.force_alignment = true;
        let spread = place("abc", &style(), &path);
        let last = origin(&spread[2]);
        assert!((last.x - 95.0).abs() < 1e-9 && (last.y - 95.0).abs() < 1e-9);
        // A grouping alignment moves the pivot, not the letter, unless the
        // letters are spread: lottie-web then places the letter without it
        // and the pivot's shift shows (half of 10 back).
        let aligned = |unit| TextStyle {
            grouping: Grouping {
                unit,
                across: 0.5,
                down: 0.0,
            },
            ..style()
        };
        let first = origin(&place("abc", &aligned(GroupUnit::Characters), &path)[0]);
        assert!((first.x + 5.0).abs() < 1e-9 && first.y.abs() < 1e-9);
        path.force_alignment = false;
        let first = origin(&place("abc", &aligned(GroupUnit::Characters), &path)[0]);
        assert!(first.x.abs() < 1e-9 && first.y.abs() < 1e-9);
        // Words on a path: placed as lottie-web places them, at the same
        // places as on a line (the word after "ab " after the closing
        // space's width, lottie-web's `extra`).
        let words = TextStyle {
            grouping: Grouping {
                unit: GroupUnit::Words,
                ..Grouping::default()
            },
            ..style()
        };
        let at: Vec<f64> = place("ab c", &words, &path)
            .iter()
            .map(|l| origin(l).x)
            .collect();
        assert_eq!(at, [0.0, 10.0, 20.0, 30.0]);
    }

    #[test]
    fn square_selector_covers_its_range_with_a_soft_edge() {
        let s = selector(0.0, 50.0);
        // Four units: the first two fully, the rest not.
        let w: Vec<f64> = (0..4).map(|i| s.weight(f64::from(i), 4)).collect();
        assert_eq!(w, [1.0, 1.0, 0.0, 0.0]);
        let partial = selector(0.0, 37.5);
        assert_eq!(partial.weight(1.0, 4), 0.5);
        let ramp = SelectorAt {
            shape: SelectorShape::RampUp,
            ..selector(0.0, 100.0)
        };
        assert!(ramp.weight(0.0, 4) < ramp.weight(3.0, 4));
    }

    /// lottie-web's `getMeasures` puts every line after the first one unit
    /// further down (`yPos += firstLine ? 1 : 0`), and only once.
    #[test]
    fn lines_after_the_first_sit_one_unit_lower() {
        let text = "a\rb\rc";
        let ys: Vec<f64> = place_letters(text, &hard_lines(text), &|_| 10.0, &style(), &[], None)
            .iter()
            .map(|l| l.transform.apply(Vec2::new(0.0, 0.0)).y)
            .collect();
        assert_eq!(ys, [0.0, 11.0, 21.0]);
    }

    #[test]
    fn letters_advance_and_animators_move_the_selected_ones() {
        let text = "ab\rc";
        let lines = hard_lines(text);
        let plain = place_letters(text, &lines, &|_| 10.0, &style(), &[], None);
        let origins: Vec<_> = plain
            .iter()
            .map(|l| l.transform.apply(Vec2::new(0.0, 0.0)))
            .collect();
        assert_eq!(
            origins,
            [
                Vec2::new(0.0, 0.0),
                Vec2::new(10.0, 0.0),
                Vec2::new(0.0, 11.0)
            ]
        );
        let lift = AnimatorAt {
            position: Some(Vec2::new(0.0, -5.0)),
            opacity: Some(0.0),
            ..animator(selector(0.0, 100.0 / 3.0))
        };
        let moved = place_letters(text, &lines, &|_| 10.0, &style(), &[lift], None);
        // Only the first of three characters is selected (a third).
        assert_eq!(
            moved[0].transform.apply(Vec2::new(0.0, 0.0)),
            Vec2::new(0.0, -5.0)
        );
        assert_eq!(moved[0].opacity, 0.0);
        assert_eq!(moved[1].opacity, 1.0);
        assert_eq!(moved[1].transform, plain[1].transform);
    }

    /// A skew animator shears each selected letter about its pivot, before
    /// the animator's rotation, in lottie-web's order (`skewFromAxis(-sk,
    /// sa)` then `rotateZ`): 45 degrees along the axis at 90 degrees moves
    /// a point down by its x from the pivot, and leaves the letters' places
    /// in the line.
    #[test]
    #[cfg(feature = "full")]
    fn skew_animators_shear_the_letters_about_their_pivot() {
        let text = "ab";
        let lines = hard_lines(text);
        let shear = AnimatorAt {
            skew: Some((45.0, 90.0)),
            ..animator(selector(0.0, 50.0))
        };
        let plain = place_letters(text, &lines, &|_| 10.0, &style(), &[], None);
        let sheared = place_letters(text, &lines, &|_| 10.0, &style(), &[shear], None);
        let at = |letters: &[Letter], i: usize, x: f64| {
            let p = letters[i].transform.apply(Vec2::new(x, 0.0));
            ((p.x * 1e9).round() / 1e9, (p.y * 1e9).round() / 1e9)
        };
        // "a" (selected) pivots about its centre, x 5: its origin 5 left of
        // it moves 5 up, a point 5 right of it 5 down.
        assert_eq!(at(&plain, 0, 0.0), (0.0, 0.0));
        assert_eq!(at(&sheared, 0, 0.0), (0.0, -5.0));
        assert_eq!(at(&sheared, 0, 10.0), (10.0, 5.0));
        // "b" is not selected.
        assert_eq!(sheared[1].transform, plain[1].transform);
    }

    /// Scaled letters pivot about their group's centre (lottie-web's
    /// anchor point grouping, `t.m.g`) moved by the grouping alignment
    /// (`t.m.a`): per letter, per word (the closing space not counted in
    /// the word's width), per line; the alignment's y a share of 0.857 of
    /// the font size (given here as `down`).
    #[test]
    fn animated_letters_pivot_about_their_group() {
        let text = "ab cd\ref";
        let lines = hard_lines(text);
        let double = AnimatorAt {
            scale: Some(Vec2::new(200.0, 200.0)),
            ..animator(selector(0.0, 100.0))
        };
        let xs = |unit, across, down| {
            let style = TextStyle {
                grouping: Grouping { unit, across, down },
                ..style()
            };
            place_letters(text, &lines, &|_| 10.0, &style, &[double], None)
                .iter()
                .map(|l| l.transform.apply(Vec2::new(0.0, 0.0)))
                .map(|p| (p.x, p.y))
                .collect::<Vec<_>>()
        };
        // Letter origins at x 0, 10, (space) 20, 30, 40, then 0, 10 on the
        // next line; doubled about 5 + 10k, each letter's own centre.
        let by_letter = xs(GroupUnit::Characters, 0.0, 0.0);
        assert_eq!(by_letter[0], (-5.0, 0.0));
        assert_eq!(by_letter[4], (35.0, 0.0));
        // About the word's centre: "ab" 0..20 (10), "cd" 30..50 (40),
        // "ef" 0..20 (10); the space after "ab" about "ab"'s.
        let by_word = xs(GroupUnit::Words, 0.0, 0.0);
        assert_eq!(
            by_word,
            [
                (-10.0, 0.0),
                (10.0, 0.0),
                (30.0, 0.0),
                (20.0, 0.0),
                (40.0, 0.0),
                (-10.0, 11.0),
                (10.0, 11.0)
            ]
        );
        // About the line's centre: "ab cd" is 50 wide (25), "ef" 20 (10).
        let by_line = xs(GroupUnit::Lines, 0.0, 0.0);
        assert_eq!(by_line[0], (-25.0, 0.0));
        assert_eq!(by_line[4], (55.0, 0.0));
        assert_eq!(by_line[5], (-10.0, 11.0));
        // Alignment: the pivot moved by half the word's width right and 4
        // down: "ab" doubled about (20, 4).
        let aligned = xs(GroupUnit::Words, 0.5, 4.0);
        assert_eq!(aligned[0], (-20.0, -4.0));
        assert_eq!(aligned[1], (0.0, -4.0));
        // Unscaled, grouping changes nothing.
        let still = TextStyle {
            grouping: Grouping {
                unit: GroupUnit::Words,
                across: 0.5,
                down: 4.0,
            },
            ..style()
        };
        let plain = place_letters(text, &lines, &|_| 10.0, &style(), &[], None);
        let grouped = place_letters(text, &lines, &|_| 10.0, &still, &[], None);
        for (p, g) in plain.iter().zip(&grouped) {
            let (a, b) = (
                p.transform.apply(Vec2::default()),
                g.transform.apply(Vec2::default()),
            );
            assert!((a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9);
        }
    }

    #[test]
    fn centred_lines_centre_on_their_width_without_trailing_spaces() {
        let text = "ab ";
        let style = TextStyle {
            justify: Justify::Center,
            ..style()
        };
        let letters = place_letters(text, &hard_lines(text), &|_| 10.0, &style, &[], None);
        assert_eq!(
            letters[0].transform.apply(Vec2::new(0.0, 0.0)),
            Vec2::new(-10.0, 0.0)
        );
    }

    #[test]
    fn tracking_animators_keep_centred_and_right_lines_aligned_as_lottie_web() {
        // lottie-web's animatorJustifyOffset: "ab" (10 each) with 4 of
        // animated tracking spreads to 4 + 10 + 4 + 10; centred, it is
        // moved back by half of the letters' 8 and half of the first 4.
        let spread = AnimatorAt {
            tracking: Some(4.0),
            ..animator(selector(0.0, 100.0))
        };
        let place = |text: &str, justify| {
            let style = TextStyle { justify, ..style() };
            let letters =
                place_letters(text, &hard_lines(text), &|_| 10.0, &style, &[spread], None);
            letters
                .iter()
                .map(|l| l.transform.apply(Vec2::new(0.0, 0.0)).x)
                .collect::<Vec<_>>()
        };
        assert_eq!(place("ab", Justify::Center), [-12.0, 2.0]);
        // Right: the whole 8 back, the line's end where it was plus 4.
        assert_eq!(place("ab", Justify::Right), [-24.0, -10.0]);
        assert_eq!(place("ab", Justify::Left), [0.0, 14.0]);
        // The second line of centred text also takes the first line's
        // first-letter share (lottie-web never resets it).
        assert_eq!(place("ab\rab", Justify::Center), [-12.0, 2.0, -14.0, 0.0]);
    }

    fn lines(text: &str, width: f64) -> Vec<&str> {
        wrap(text, width, 0.0, &mut |_| 1.0)
            .into_iter()
            .map(|(a, b)| text.get(a..b).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn breaks_at_the_last_space_that_fits() {
        assert_eq!(lines("Hi Jane Doe", 7.0), ["Hi Jane", "Doe"]);
        assert_eq!(lines("Hi Jane Doe", 100.0), ["Hi Jane Doe"]);
        assert_eq!(
            lines("one two three four", 9.0),
            ["one two", "three", "four"]
        );
    }

    #[test]
    fn long_words_break_where_they_overflow() {
        assert_eq!(lines("abcdefgh", 3.0), ["abc", "def", "gh"]);
    }

    #[test]
    fn all_caps_covers_latin_letters() {
        assert_eq!(all_caps("Zoë façade à 5 ß").expose(), "ZOË FAÇADE À 5 ß");
    }

    #[test]
    fn hard_breaks_start_new_lines() {
        assert_eq!(lines("a\rb\u{3}c", 10.0), ["a", "b", "c"]);
    }

    #[test]
    fn tracking_counts_after_each_character() {
        let text = "abcd";
        let wrapped = wrap(text, 6.0, 1.0, &mut |_| 1.0);
        assert_eq!(wrapped, [(0, 3), (3, 4)]);
    }

    #[test]
    fn multibyte_text_stays_on_char_boundaries() {
        assert_eq!(lines("日本語 テキスト", 4.0), ["日本語", "テキスト"]);
        assert_eq!(lines("😀😀😀", 2.0), ["😀😀", "😀"]);
    }
}
