//! The display list: one frame as plain data, in drawing order (bottom
//! first), in canvas pixels. Frame evaluation writes it; a [`Backend`]
//! replays it. Owns nothing else: no Lottie, no browser.

use std::rc::Rc;

use binding_engine::SecretText;

use crate::geometry::{Affine, Path, Rgba, Vec2};
use crate::lottie::{BlendMode, Caps, FillRule, Justify, LineCap, LineJoin, MatteMode, TextBox};
use crate::text_layout::AnimatorAt;

/// One frame, ready to draw.
#[derive(Debug, Default)]
pub struct DisplayList {
    /// Items, bottom first.
    pub items: Vec<DisplayItem>,
    /// Work units the frame took (see [`crate::eval::WORK_BUDGET`]).
    pub work: usize,
    /// Whether the budget ran out and the frame is incomplete.
    pub truncated: bool,
    /// The items each watched layer drew (`eval::evaluate_watching`;
    /// empty otherwise), for hit-testing a template's actions.
    pub spans: Vec<LayerSpan>,
}

/// The items one layer drew into a display list (recorded when the layer
/// is watched: `eval::evaluate_watching`), for hit-testing (`hit.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct LayerSpan {
    /// The layer's uid.
    pub layer: usize,
    /// Its items, a range of [`DisplayList::items`].
    pub items: std::ops::Range<usize>,
}

/// One drawing operation. Every item carries its full transform, so items
/// can be replayed independently of each other (save/restore only for clips).
/// Equal items draw equal pixels: a frame equal to the one on screen need
/// not be drawn again.
#[derive(Debug, PartialEq)]
pub enum DisplayItem {
    /// Clip everything until the matching `PopClip` to `path`.
    PushClip {
        /// From path space to canvas pixels.
        transform: Affine,
        /// The clip region.
        path: Rc<Path>,
        /// How the path's inside is found.
        rule: FillRule,
    },
    /// End the innermost clip.
    PopClip,
    /// Draw what follows with this blend mode (until the next `SetBlend`).
    SetBlend(BlendMode),
    /// Draw an image asset into the rectangle (0, 0, width, height).
    Image {
        /// From image space to canvas pixels.
        transform: Affine,
        /// Index into the composition's images.
        image: usize,
        /// Size drawn, in image space.
        width: f64,
        /// Size drawn, in image space.
        height: f64,
        /// Opacity, 0..=1.
        opacity: f64,
    },
    /// Draw what follows into a new transparent group (an offscreen layer).
    PushGroup,
    /// As `PushGroup`, and the group also holds what is drawn up to this
    /// many canvas pixels beyond the canvas's edges: its filters (a blur, a
    /// shadow) bring that into view, as lottie-web's SVG filters see what
    /// is outside the frame. (The full build's: the lite one has no
    /// filters.)
    #[cfg(feature = "full")]
    PushGroupBeyond(f64),
    /// Close the innermost group, applying `filters` to it in order, keep
    /// only what falls in `region` (x, y, width, height in canvas pixels;
    /// SVG's filter region), and draw the result where it was opened.
    PopFilters {
        /// The layer's effects, in order.
        filters: Vec<Filter>,
        /// What the filters may cover; `None` for everything.
        region: Option<[f64; 4]>,
    },
    /// Close the innermost group and draw it where it was opened at this
    /// opacity (0..=1): a layer's opacity over a drawing whose parts may
    /// overlap.
    PopOpacity(f64),
    /// Two groups are open: the last is a matte. Cut the one before it with
    /// the matte, close both, and draw the result where the first was opened.
    PopMatte(MatteMode),
    /// Fill a path.
    Fill {
        /// From path space to canvas pixels.
        transform: Affine,
        /// What to fill (shared with other items of the frame).
        path: Rc<Path>,
        /// Colour or gradient, with opacity already applied.
        paint: Paint,
        /// Fill rule.
        rule: FillRule,
    },
    /// Stroke a path.
    Stroke {
        /// From path space to canvas pixels; also scales the width.
        transform: Affine,
        /// What to stroke (shared with other items of the frame).
        path: Rc<Path>,
        /// Colour or gradient, with opacity already applied.
        paint: Paint,
        /// Width, caps, joins.
        style: StrokeStyle,
    },
    /// Draw text with a font; lines are separated by `\r`, `\n` or `\u{3}`.
    Text {
        /// From text space (origin on the first baseline) to canvas pixels.
        transform: Affine,
        /// What and how.
        run: TextRun,
    },
}

/// A layer effect at one frame, as lottie-web draws it with SVG filters;
/// lengths in canvas pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// Every pixel takes the colour's RGB; alpha times the colour's alpha.
    Fill(Rgba),
    /// Brightness mapped from `black` to `white`, mixed in by `amount` (0..=1).
    Tint {
        /// What black becomes.
        black: Rgba,
        /// What white becomes.
        white: Rgba,
        /// How much of the tint shows, 0..=1.
        amount: f64,
    },
    /// Brightness mapped through shadows, midtones and highlights.
    Tritone {
        /// What black becomes.
        shadows: Rgba,
        /// What mid grey becomes.
        midtones: Rgba,
        /// What white becomes.
        highlights: Rgba,
    },
    /// A blurred, offset copy of the alpha in `color`, under the content.
    DropShadow {
        /// Colour with opacity.
        color: Rgba,
        /// Offset in pixels.
        offset: Vec2,
        /// Standard deviation of the blur, in pixels.
        sigma: f64,
    },
    /// Gaussian blur with this standard deviation, in pixels.
    Blur(f64),
}

/// What a fill or stroke paints with, in path coordinates.
#[derive(Debug, Clone, PartialEq)]
pub enum Paint {
    /// One colour.
    Solid(Rgba),
    /// A linear gradient from `start` to `end`.
    Linear {
        /// Where offset 0 is.
        start: Vec2,
        /// Where offset 1 is.
        end: Vec2,
        /// Colour stops by offset (0..=1), non-decreasing: two stops at
        /// one offset are a hard edge.
        stops: Rc<[(f64, Rgba)]>,
    },
    /// A radial gradient around `center`, its focus moved by the highlight.
    Radial {
        /// Centre of the end circle.
        center: Vec2,
        /// Radius of the end circle.
        radius: f64,
        /// Centre of the start circle (radius 0).
        focus: Vec2,
        /// Colour stops by offset (0..=1), non-decreasing: two stops at
        /// one offset are a hard edge.
        stops: Rc<[(f64, Rgba)]>,
    },
}

impl Paint {
    /// The same paint with its alpha multiplied by `factor`.
    pub fn with_opacity(&self, factor: f64) -> Paint {
        let fade = |stops: &Rc<[(f64, Rgba)]>| -> Rc<[(f64, Rgba)]> {
            // Through a Vec, as `gradient_stops` builds them.
            stops
                .iter()
                .map(|(o, c)| (*o, c.with_opacity(factor)))
                .collect::<Vec<_>>()
                .into()
        };
        match self {
            Paint::Solid(c) => Paint::Solid(c.with_opacity(factor)),
            Paint::Linear { start, end, stops } => Paint::Linear {
                start: *start,
                end: *end,
                stops: fade(stops),
            },
            Paint::Radial {
                center,
                radius,
                focus,
                stops,
            } => Paint::Radial {
                center: *center,
                radius: *radius,
                focus: *focus,
                stops: fade(stops),
            },
        }
    }
}

/// How a path is stroked.
#[derive(Debug, Clone, PartialEq)]
pub struct StrokeStyle {
    /// Line width in path units.
    pub width: f64,
    /// End caps.
    pub cap: LineCap,
    /// Corner joins.
    pub join: LineJoin,
    /// Miter limit.
    pub miter_limit: f64,
    /// Dash and gap lengths (even count), and the offset; `None` for solid.
    pub dash: Option<(Rc<[f64]>, f64)>,
}

/// A block of text to draw.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// The text (may be a viewer's data: shared, never copied).
    pub text: Rc<SecretText>,
    /// Index into the composition's fonts; `None` uses the fallback font.
    pub font: Option<usize>,
    /// Font size in text units.
    pub size: f64,
    /// Colour, with opacity applied.
    pub color: Rgba,
    /// Alignment of each line around the origin.
    pub justify: Justify,
    /// Distance between baselines.
    pub line_height: f64,
    /// Outline colour (opacity applied) and width, and whether it is drawn
    /// over the fill.
    pub stroke: Option<(Rgba, f64, bool)>,
    /// Extra space after each character, in text units.
    pub tracking: f64,
    /// Capitals.
    pub caps: Caps,
    /// Box text: lines wrap in the box, the first baseline `ascent` below
    /// its top, and align within its width.
    pub text_box: Option<TextBox>,
    /// Distance from a text box's top to the first baseline.
    pub ascent: f64,
    /// Baseline shift.
    pub baseline_shift: f64,
    /// Text animators at this frame; letters are placed one by one when
    /// there are any.
    pub animators: Rc<[AnimatorAt]>,
    /// What the animated letters pivot about.
    pub grouping: crate::text_layout::Grouping,
    /// The path its letters follow (`t.p`), at this frame; they are placed
    /// one by one when there is one.
    #[cfg(feature = "full")]
    pub path: Option<Rc<crate::text_path::TextPathAt>>,
    /// A bound text's fitting: the backend, which measures, applies it
    /// (`text_layout::lay_out`).
    pub fit: Option<binding_engine::TextFit>,
}

/// Equal when they draw the same: the same text (the same shared copy, so
/// that comparing never reads a viewer's data) in the same style.
impl PartialEq for TextRun {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.text, &other.text)
            && self.font == other.font
            && self.size == other.size
            && self.color == other.color
            && self.justify == other.justify
            && self.line_height == other.line_height
            && self.stroke == other.stroke
            && self.tracking == other.tracking
            && self.caps == other.caps
            && self.text_box == other.text_box
            && self.ascent == other.ascent
            && self.baseline_shift == other.baseline_shift
            && self.animators == other.animators
            && self.fit == other.fit
            && self.same_path(other)
    }
}

impl TextRun {
    /// Whether both follow the same path (or none).
    #[cfg(feature = "full")]
    fn same_path(&self, other: &Self) -> bool {
        self.path == other.path
    }

    #[cfg(not(feature = "full"))]
    fn same_path(&self, _: &Self) -> bool {
        true
    }

    /// The lines of the text (before any box wrapping).
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.text.expose().split(crate::text_layout::is_line_break)
    }
}

impl BlendMode {
    /// The Canvas2D `globalCompositeOperation` that draws this mode.
    pub fn composite_operation(self) -> &'static str {
        match self {
            BlendMode::MaskSubtract => "destination-out",
            BlendMode::MaskIntersect => "destination-in",
            // The lite build imports no blend modes (a layer's `bm` needs
            // the full player): only masks' operations reach it.
            _ if !crate::FULL => "source-over",
            BlendMode::Normal => "source-over",
            BlendMode::Multiply => "multiply",
            BlendMode::Screen => "screen",
            BlendMode::Overlay => "overlay",
            BlendMode::Darken => "darken",
            BlendMode::Lighten => "lighten",
            BlendMode::ColorDodge => "color-dodge",
            BlendMode::ColorBurn => "color-burn",
            BlendMode::HardLight => "hard-light",
            BlendMode::SoftLight => "soft-light",
            BlendMode::Difference => "difference",
            BlendMode::Exclusion => "exclusion",
            BlendMode::Hue => "hue",
            BlendMode::Saturation => "saturation",
            BlendMode::Color => "color",
            BlendMode::Luminosity => "luminosity",
        }
    }
}

/// Where a display list is drawn: Canvas2D in the browser, a recorder in
/// native tests. Only what Canvas2D can do; new capabilities get default
/// methods so that existing backends keep compiling.
pub trait Backend {
    /// Starts a frame: clears to `background` (transparent when `None`).
    fn begin_frame(&mut self, background: Option<Rgba>);
    /// Starts clipping to `path`.
    fn push_clip(&mut self, transform: &Affine, path: &Path, rule: FillRule);
    /// Ends the innermost clip.
    fn pop_clip(&mut self);
    /// Fills `path`.
    fn fill_path(&mut self, transform: &Affine, path: &Path, paint: &Paint, rule: FillRule);
    /// Strokes `path`.
    fn stroke_path(&mut self, transform: &Affine, path: &Path, paint: &Paint, style: &StrokeStyle);
    /// Draws text.
    fn fill_text(&mut self, transform: &Affine, run: &TextRun);
    /// Blends what follows with `mode`. Ignored by backends that cannot.
    fn set_blend(&mut self, _mode: BlendMode) {}
    /// Draws image `image` into (0, 0, width, height). Ignored by backends
    /// that have no decoded images.
    fn draw_image(&mut self, _transform: &Affine, _image: usize, _size: (f64, f64), _opacity: f64) {
    }
    /// Opens a transparent group. Backends without groups draw straight
    /// through (the matte then shows as itself).
    fn push_group(&mut self) {}
    /// Opens a transparent group that also holds what is drawn up to
    /// `margin` canvas pixels beyond the canvas's edges (see
    /// [`DisplayItem::PushGroupBeyond`]); by default, a group.
    fn push_group_beyond(&mut self, _margin: f64) {
        self.push_group();
    }
    /// Closes the innermost group, applying `filters` within `region` (see
    /// [`DisplayItem::PopFilters`]). Backends without groups ignore them.
    fn pop_filters(&mut self, _filters: &[Filter], _region: Option<[f64; 4]>) {}
    /// Closes the innermost group, drawing it at `opacity`. Backends
    /// without groups draw its content at full opacity.
    fn pop_opacity(&mut self, _opacity: f64) {}
    /// Closes a matte group and the content group before it (see
    /// [`DisplayItem::PopMatte`]).
    fn pop_matte(&mut self, _mode: MatteMode) {}
}

impl DisplayItem {
    /// Scales what the item paints by `opacity` when it paints once (a
    /// fill, a stroke, an image, text without an outline); false for
    /// anything else (outlined text, clips, groups), and for a gradient
    /// whose stops are shared (they are made per frame, so they seldom are).
    pub fn fade(&mut self, opacity: f64) -> bool {
        match self {
            DisplayItem::Fill { paint, .. } | DisplayItem::Stroke { paint, .. } => match paint {
                Paint::Solid(color) => *color = color.with_opacity(opacity),
                // Fully opaque (a blended layer's group left out): nothing
                // to change, and shared stops need no copy.
                Paint::Linear { .. } | Paint::Radial { .. } if opacity >= 1.0 => {}
                Paint::Linear { stops, .. } | Paint::Radial { stops, .. } => {
                    let Some(stops) = Rc::get_mut(stops) else {
                        return false;
                    };
                    for (_, color) in stops.iter_mut() {
                        *color = color.with_opacity(opacity);
                    }
                }
            },
            DisplayItem::Text { run, .. } if run.stroke.is_none() => {
                run.color = run.color.with_opacity(opacity);
            }
            DisplayItem::Image { opacity: own, .. } => *own *= opacity,
            _ => return false,
        }
        true
    }

    /// Whether `items` are solid fills and strokes and images whose boxes
    /// (strokes widened by their width at the miter limit) neither overlap
    /// nor touch: faded one by one, they look as faded together. At most
    /// 16 items are compared (the rest is a group's work).
    pub fn apart(items: &[DisplayItem]) -> bool {
        let mut boxes = [[0.0; 4]; 16];
        if items.len() > boxes.len() {
            return false;
        }
        for (k, item) in items.iter().enumerate() {
            // One pixel more all round: shapes that touch share their edge's
            // antialiased pixels.
            let margin = 1.0
                + match item {
                    DisplayItem::Fill {
                        paint: Paint::Solid(_),
                        ..
                    }
                    | DisplayItem::Image { .. } => 0.0,
                    DisplayItem::Stroke {
                        paint: Paint::Solid(_),
                        transform,
                        style,
                        ..
                    } => style.width * style.miter_limit.max(1.0) * transform.magnification() * 1.5,
                    _ => return false,
                };
            let Some([x0, y0, x1, y1]) = item.bounds() else {
                return false;
            };
            let b = [x0 - margin, y0 - margin, x1 + margin, y1 + margin];
            let before = boxes.get(..k).unwrap_or_default();
            if !b.iter().all(|v| v.is_finite())
                || before
                    .iter()
                    .any(|o| o[0] < b[2] && b[0] < o[2] && o[1] < b[3] && b[1] < o[3])
            {
                return false;
            }
            if let Some(slot) = boxes.get_mut(k) {
                *slot = b;
            }
        }
        true
    }

    /// The box around what the item draws, in canvas pixels, from path
    /// control points (SVG's bounding box: strokes' widths not included);
    /// `None` for text, whose extent only the browser knows.
    pub fn bounds(&self) -> Option<[f64; 4]> {
        let (transform, path) = match self {
            DisplayItem::Fill {
                transform, path, ..
            }
            | DisplayItem::Stroke {
                transform, path, ..
            } => (transform, Rc::clone(path)),
            DisplayItem::Image {
                transform,
                width,
                height,
                ..
            } => (transform, Rc::new(Path::rect(0.0, 0.0, *width, *height))),
            DisplayItem::Text { .. } => return None,
            _ => {
                return Some([
                    f64::INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                ])
            }
        };
        Some(path.control_box(transform))
    }
}

impl DisplayList {
    /// Draws every item, bottom first, on `backend`.
    pub fn replay(&self, backend: &mut dyn Backend, background: Option<Rgba>) {
        backend.begin_frame(background);
        for item in &self.items {
            match item {
                DisplayItem::PushClip {
                    transform,
                    path,
                    rule,
                } => backend.push_clip(transform, path, *rule),
                DisplayItem::PopClip => backend.pop_clip(),
                DisplayItem::Fill {
                    transform,
                    path,
                    paint,
                    rule,
                } => backend.fill_path(transform, path, paint, *rule),
                DisplayItem::Stroke {
                    transform,
                    path,
                    paint,
                    style,
                } => backend.stroke_path(transform, path, paint, style),
                DisplayItem::Text { transform, run } => backend.fill_text(transform, run),
                DisplayItem::SetBlend(mode) => backend.set_blend(*mode),
                DisplayItem::PushGroup => backend.push_group(),
                #[cfg(feature = "full")]
                DisplayItem::PushGroupBeyond(margin) => backend.push_group_beyond(*margin),
                DisplayItem::Image {
                    transform,
                    image,
                    width,
                    height,
                    opacity,
                } => backend.draw_image(transform, *image, (*width, *height), *opacity),
                DisplayItem::PopMatte(mode) => backend.pop_matte(*mode),
                DisplayItem::PopOpacity(opacity) => backend.pop_opacity(*opacity),
                DisplayItem::PopFilters { filters, region } => {
                    backend.pop_filters(filters, *region);
                }
            }
        }
    }
}
