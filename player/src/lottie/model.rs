//! The runtime model of a Lottie animation: what frame evaluation reads.
//!
//! Every reference is already resolved to an index (parents, precomps,
//! fonts), every value is decided fixed-or-keyframed, and broken parts were
//! dropped at import with a [`Warning`]. Nothing here refers to JSON.

use std::rc::Rc;

use binding_engine::SecretText;

use super::animated::{Animated, Lerp};
use crate::geometry::{atan2, Rgba, Vec2};

/// A whole animation: the root composition plus its precomps and fonts.
#[derive(Debug)]
pub struct Composition {
    /// Width in composition pixels.
    pub width: f64,
    /// Height in composition pixels.
    pub height: f64,
    /// Frames per second.
    pub frame_rate: f64,
    /// First frame.
    pub in_point: f64,
    /// Frame after the last one.
    pub out_point: f64,
    /// Root layers, top first.
    pub layers: Vec<Layer>,
    /// Precomposition layer lists, indexed by [`LayerKind::Precomp::comp`].
    pub precomps: Vec<Vec<Layer>>,
    /// Fonts declared by the file, indexed by [`TextDocument::font`].
    pub fonts: Vec<Font>,
    /// Image assets, indexed by [`LayerKind::Image::image`].
    pub images: Vec<Image>,
    /// Glyph outlines (`chars`): text in a font with glyphs is drawn from
    /// them, as lottie-web does, not with the browser's fonts.
    pub glyphs: Vec<Glyph>,
    /// Named segments, in file order.
    pub markers: Vec<Marker>,
    /// Number of text layers; each has a distinct [`TextLayer::slot`].
    pub text_slots: usize,
    /// Number of layers, in the root and every precomp; each has a
    /// distinct [`Layer::uid`].
    pub layer_count: usize,
    /// The lottie-spec slots (`sid`) the file uses, where each is used:
    /// what a binding to a slot sets.
    pub slots: Vec<Slot>,
    /// The first feature the file uses that only the full player draws
    /// (effects, path modifiers, …: [`crate::FULL`]); `None` when the lite
    /// player draws it all. The lite build never gets a file with one: its
    /// import fails with [`super::LoadError::NeedsFull`] instead.
    pub full_only: Option<&'static str>,
    /// What import dropped or does not support yet: the compatibility
    /// report (left empty by the shipped player's build, which never shows it).
    pub warnings: Vec<Warning>,
    /// The properties' expressions and what they read (full player).
    #[cfg(feature = "expressions")]
    pub scripts: super::scripted::Scripts,
}

/// Something import could not use. The file still plays without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Stable code, e.g. `unsupported-shape`.
    pub code: &'static str,
    /// The layer it concerns (template-side name).
    pub layer: String,
    /// What exactly (a Lottie type tag or property name).
    pub what: String,
}

/// One layer.
#[derive(Debug)]
pub struct Layer {
    /// `nm`: bindings target layers by this name.
    pub name: String,
    /// `ln` (After Effects' layer id), which bindings may target instead.
    pub id: Option<String>,
    /// Distinct per layer of the file (root and precomps): indexes the
    /// bound layer properties.
    pub uid: usize,
    /// First frame shown, in the containing composition's time.
    pub in_point: f64,
    /// Frame after the last one shown.
    pub out_point: f64,
    /// Composition frame at which the layer's local time is 0.
    pub start_time: f64,
    /// Time stretch (`sr`); local time = (frame − start) / stretch.
    pub stretch: f64,
    /// Hidden layers are not drawn (they may still be parents).
    pub hidden: bool,
    /// Used as another layer's track matte (`td`): not drawn by itself.
    pub matte_source: bool,
    /// This layer's track matte (`tt`, with `tp` or the layer above).
    pub matte: Option<Matte>,
    /// Index of the parent layer in the same list.
    pub parent: Option<usize>,
    /// How the layer blends with what is below it (`bm`).
    pub blend: BlendMode,
    /// Masks (`masksProperties`), in order.
    pub masks: Vec<Mask>,
    /// Effects (`ef`) that lottie-web draws, in order.
    pub effects: Vec<Effect>,
    /// The layer's transform.
    pub transform: Transform,
    /// What the layer draws.
    pub kind: LayerKind,
}

/// A slot (lottie-spec `sid`) and the bindable properties that use it.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Its id.
    pub sid: String,
    /// The kind of property using it; `Other` when it is used by a
    /// property binding cannot set, or by properties of different kinds.
    pub kind: binding_engine::SlotKind,
    /// Where it is used.
    pub sites: Vec<SlotSite>,
}

/// A property that uses a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotSite {
    /// A layer's transform property.
    Layer(usize, binding_engine::Property),
    /// A text layer's document, by text slot.
    Text(usize),
    /// An image asset, by index.
    Image(usize),
    /// A fill's or stroke's colour, whose [`ShapeItem`] holds the slot's index.
    Shape,
}

/// A named segment of the timeline (`markers`): the player can play it.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Its name (`cm`).
    pub name: String,
    /// First frame (`tm`).
    pub start: f64,
    /// Length in frames (`dr`).
    pub duration: f64,
}

/// A layer effect, with lottie-web's reading of After Effects' parameters.
/// Colours are 0..=1 components; lengths are in layer units.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Fill (21): every drawn pixel takes `color`; alpha times `opacity` (0..=1).
    Fill {
        /// The colour.
        color: Animated<Rgba>,
        /// Opacity, 0..=1.
        opacity: Animated<f64>,
    },
    /// Tint (20): brightness mapped from `black` to `white`, mixed in by
    /// `amount` percent.
    Tint {
        /// What black becomes.
        black: Animated<Rgba>,
        /// What white becomes.
        white: Animated<Rgba>,
        /// Percent.
        amount: Animated<f64>,
    },
    /// Tritone (23): brightness mapped through shadows, midtones, highlights.
    Tritone {
        /// What white becomes.
        highlights: Animated<Rgba>,
        /// What mid grey becomes.
        midtones: Animated<Rgba>,
        /// What black becomes.
        shadows: Animated<Rgba>,
    },
    /// Drop shadow (25).
    DropShadow {
        /// Shadow colour.
        color: Animated<Rgba>,
        /// Opacity, 0..=255.
        opacity: Animated<f64>,
        /// Direction in degrees, clockwise from up.
        direction: Animated<f64>,
        /// Distance in layer units.
        distance: Animated<f64>,
        /// Softness: four times the blur's standard deviation.
        softness: Animated<f64>,
    },
    /// Stroke (22): the layer's mask paths stroked, over the layer, alone,
    /// or revealing it (`style` 1, 2, 3).
    Stroke {
        /// The mask stroked (0-based); `None` for all.
        mask: Option<usize>,
        /// Colour.
        color: Animated<Rgba>,
        /// Brush size: half the stroke width.
        brush: Animated<f64>,
        /// Opacity, 0..=1.
        opacity: Animated<f64>,
        /// Start and end, percent of each path.
        start: Animated<f64>,
        /// See `start`.
        end: Animated<f64>,
        /// Spacing between dots, percent of the stroke width.
        spacing: Animated<f64>,
        /// What it paints over.
        style: StrokeEffectStyle,
    },
    /// Gaussian blur (29).
    Blur {
        /// Blurriness: the standard deviation is 0.3 times this.
        blurriness: Animated<f64>,
        /// 1 both directions, 2 horizontal only, 3 vertical only.
        dimensions: Animated<f64>,
    },
    /// Transform (35): moves the layer's drawing, masks included, within
    /// the layer before the layer's own transform (never its children),
    /// and fades it.
    Transform(Box<TransformEffect>),
}

/// The Transform effect's parameters, by position as lottie-web reads them.
#[derive(Debug, Clone, PartialEq)]
pub struct TransformEffect {
    /// The point that scaling and rotation turn about.
    pub anchor: Animated<Vec2>,
    /// Where the anchor goes.
    pub position: Animated<Vec2>,
    /// 1: `scale_height` for both directions.
    pub uniform: Animated<f64>,
    /// Percent.
    pub scale_height: Animated<f64>,
    /// Percent.
    pub scale_width: Animated<f64>,
    /// Degrees.
    pub skew: Animated<f64>,
    /// Degrees.
    pub skew_axis: Animated<f64>,
    /// Degrees, clockwise.
    pub rotation: Animated<f64>,
    /// Percent.
    pub opacity: Animated<f64>,
}

/// A layer mask: a path, in the layer's coordinates, that limits what the
/// layer shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Mask {
    /// How it combines with the masks before it.
    pub mode: MaskMode,
    /// Whether the outside of the path counts instead of the inside.
    pub inverted: bool,
    /// The mask's outline.
    pub path: Animated<BezierShape>,
    /// Opacity in percent.
    pub opacity: Animated<f64>,
    /// Expansion (`x`): grows the area by this much (shrinking is not drawn).
    pub expansion: Animated<f64>,
    /// Feather (`f`, x and y): the edge blurred over this width.
    pub feather: Animated<Vec2>,
}

impl Mask {
    /// Whether the mask is more than a hard-edged clip at some frame.
    pub fn needs_alpha(&self) -> bool {
        !(self.opacity.is_fixed_at(&100.0)
            && self.expansion.is_fixed_at(&0.0)
            && self.feather.is_fixed_at(&Vec2::default()))
    }

    /// Whether clips, which only narrow what shows, cannot draw `masks`:
    /// an add that widens it again after anything but plain adds (or an
    /// inverted add after others), or an inverted subtract, which
    /// lottie-web erases within its solid rectangle (`eval/masks.rs`
    /// `comp_size`). Such masks are drawn as an alpha matte, where each
    /// paints or erases over the ones before.
    pub fn out_of_order(masks: &[Mask]) -> bool {
        // Whether every mask so far is a plain (not inverted) add.
        let mut plain = true;
        masks.iter().enumerate().any(|(i, mask)| {
            let add = mask.mode == MaskMode::Add;
            let widens = if add {
                i > 0 && (mask.inverted || !plain)
            } else {
                mask.inverted && mask.mode == MaskMode::Subtract
            };
            plain &= add && !mask.inverted;
            widens
        })
    }
}

/// A track matte: another layer of the same list whose alpha or luminance
/// decides where this one shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matte {
    /// Which channel, and whether inverted.
    pub mode: MatteMode,
    /// Index of the matte layer in the same list.
    pub layer: usize,
}

/// Track matte modes (`tt` 1 to 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatteMode {
    /// Shows where the matte is opaque.
    Alpha,
    /// Shows where the matte is transparent.
    AlphaInverted,
    /// Shows where the matte is bright.
    Luma,
    /// Shows where the matte is dark.
    LumaInverted,
}

/// Mask modes drawn so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaskMode {
    /// Adds its area (`a`).
    Add,
    /// Removes its area (`s`).
    Subtract,
    /// Keeps only what is also inside it (`i`).
    Intersect,
}

/// How a layer's drawing combines with what is below it: the blend
/// modes of Lottie's `bm` (their names, not any renderer's), and the two
/// ways a mask combines with the masks before it. Each backend says how it
/// draws them (`display_list`: Canvas2D's composite operations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlendMode {
    /// Over (`bm` 0).
    Normal,
    /// `bm` 1.
    Multiply,
    /// `bm` 2.
    Screen,
    /// `bm` 3.
    Overlay,
    /// `bm` 4.
    Darken,
    /// `bm` 5.
    Lighten,
    /// `bm` 6.
    ColorDodge,
    /// `bm` 7.
    ColorBurn,
    /// `bm` 8.
    HardLight,
    /// `bm` 9.
    SoftLight,
    /// `bm` 10.
    Difference,
    /// `bm` 11.
    Exclusion,
    /// `bm` 12.
    Hue,
    /// `bm` 13.
    Saturation,
    /// `bm` 14.
    Color,
    /// `bm` 15.
    Luminosity,
    /// A subtracting mask: keeps what lies outside what is drawn next.
    MaskSubtract,
    /// An intersecting mask: keeps only what lies inside what is drawn next.
    MaskIntersect,
}

impl BlendMode {
    /// Lottie's `bm` number; `None` for Add (16) and Hard Mix (17), which
    /// lottie-web does not draw either (it hands them to CSS, which has no
    /// such modes), so designers checking in a browser saw them as normal.
    pub fn from_lottie(bm: i64) -> Option<Self> {
        const MODES: [BlendMode; 16] = [
            BlendMode::Normal,
            BlendMode::Multiply,
            BlendMode::Screen,
            BlendMode::Overlay,
            BlendMode::Darken,
            BlendMode::Lighten,
            BlendMode::ColorDodge,
            BlendMode::ColorBurn,
            BlendMode::HardLight,
            BlendMode::SoftLight,
            BlendMode::Difference,
            BlendMode::Exclusion,
            BlendMode::Hue,
            BlendMode::Saturation,
            BlendMode::Color,
            BlendMode::Luminosity,
        ];
        usize::try_from(bm).ok().and_then(|i| MODES.get(i)).copied()
    }
}

/// What a layer draws.
#[derive(Debug)]
pub enum LayerKind {
    /// Nothing (a null, or an unsupported kind).
    Null,
    /// A filled rectangle.
    Solid {
        /// Its colour.
        color: Rgba,
        /// Width.
        width: f64,
        /// Height.
        height: f64,
    },
    /// Vector shapes, top first.
    Shape(Vec<ShapeItem>),
    /// Another composition, clipped to its size.
    Precomp {
        /// Index into [`Composition::precomps`].
        comp: usize,
        /// Clip width.
        width: f64,
        /// Clip height.
        height: f64,
        /// Time remap in seconds (`tm`), when present.
        time_remap: Option<Animated<f64>>,
    },
    /// Text drawn with a font.
    Text(TextLayer),
    /// A bitmap, at its asset's size.
    Image {
        /// Index into [`Composition::images`].
        image: usize,
    },
}

/// An image asset.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The asset id layers refer to.
    pub id: String,
    /// Width the layer draws it at.
    pub width: f64,
    /// Height the layer draws it at.
    pub height: f64,
    /// A `data:image/…` URI embedded in the file; `None` for external files.
    pub source: Option<String>,
    /// A file of the template package (`u` + `p`, a package path), which
    /// the player loads with the template, before any data.
    pub file: Option<String>,
}

/// A transform: layer (`ks`) or group (`tr`).
#[derive(Debug, Clone, PartialEq)]
pub struct Transform {
    /// Anchor point.
    pub anchor: Animated<Vec2>,
    /// Position.
    pub position: Position,
    /// Scale in percent.
    pub scale: Animated<Vec2>,
    /// Rotation in degrees, clockwise.
    pub rotation: Animated<f64>,
    /// Opacity in percent.
    pub opacity: Animated<f64>,
    /// Skew in degrees.
    pub skew: Animated<f64>,
    /// Skew axis in degrees.
    pub skew_axis: Animated<f64>,
    /// Auto-orient (`ao`, layers only): also rotate along the motion path.
    pub auto_orient: bool,
    /// 3D layers' X and Y rotations and orientation (`rx`, `ry`, `or`),
    /// drawn as lottie-web's SVG renderer draws them: projected flat.
    pub rotation_3d: Option<Box<Rotation3d>>,
}

/// The 3D part of a layer's rotation, in degrees.
#[derive(Debug, Clone, PartialEq)]
pub struct Rotation3d {
    /// X rotation.
    pub x: Animated<f64>,
    /// Y rotation.
    pub y: Animated<f64>,
    /// Orientation: X, Y and Z.
    pub orientation: Animated<[f64; 3]>,
}

impl Rotation3d {
    /// Fixed at zero about every axis: exports of 2D layers often carry
    /// such rotations, and they draw flat.
    pub fn is_flat(&self) -> bool {
        self.x.is_fixed_at(&0.0)
            && self.y.is_fixed_at(&0.0)
            && self.orientation.is_fixed_at(&[0.0; 3])
    }
}

/// Position, either as one point or as separately animated x and y.
#[derive(Debug, Clone, PartialEq)]
pub enum Position {
    /// `p` as one property.
    Joined(Animated<Vec2>),
    /// `p.s`: separate x and y.
    Split(Animated<f64>, Animated<f64>),
}

impl Position {
    /// The position at `frame`.
    pub fn at(&self, frame: f64) -> Vec2 {
        match self {
            Position::Joined(p) => p.at(frame),
            Position::Split(x, y) => Vec2::new(x.at(frame), y.at(frame)),
        }
    }

    /// The point at `frame` without an expression (keyframes only).
    pub fn base_at(&self, frame: f64) -> Vec2 {
        match self {
            Position::Joined(p) => p.base_at(frame),
            Position::Split(x, y) => Vec2::new(x.base_at(frame), y.base_at(frame)),
        }
    }

    /// The direction of motion at `frame`, in radians, as lottie-web's
    /// auto-orient finds it: from a point a hundredth of a frame earlier,
    /// or at the ends, from the first or last keyframe's neighbourhood.
    /// Zero for a position that does not move.
    pub fn direction(&self, frame: f64) -> f64 {
        let span = match self {
            Position::Joined(p) => p.key_span(),
            Position::Split(x, _) => x.key_span(),
        };
        let Some((first, last)) = span else {
            return 0.0;
        };
        let (to, from) = if frame <= first {
            (first + 0.01, first)
        } else if frame >= last {
            (last, last - 0.05)
        } else {
            (frame, frame - 0.01)
        };
        // Keyframes only, as lottie-web orients (its `pv`, not an
        // expression's result).
        let (a, b) = (self.base_at(to), self.base_at(from));
        atan2(a.y - b.y, a.x - b.x)
    }
}

/// Fill rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FillRule {
    /// Non-zero winding (Lottie `r: 1`).
    NonZero,
    /// Even-odd (Lottie `r: 2`).
    EvenOdd,
}

/// Stroke end caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineCap {
    /// Flat at the end point.
    Butt,
    /// Half circle.
    Round,
    /// Half square.
    Square,
}

/// What a stroke effect paints (its "Paint Style", parameter 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrokeEffectStyle {
    /// Over the layer (1); the masks no longer cut it.
    OnOriginal,
    /// Alone, the layer not drawn (2); the masks no longer cut it.
    OnTransparent,
    /// The layer shown only where the stroke is (3).
    RevealOriginal,
}

impl StrokeEffectStyle {
    /// From the effect's number, clamped to 1..=3 as lottie-web reads it.
    pub fn from_lottie(style: f64) -> Self {
        match style.clamp(1.0, 3.0) as u8 {
            2 => Self::OnTransparent,
            3 => Self::RevealOriginal,
            _ => Self::OnOriginal,
        }
    }
}

/// What a text range selector counts (`b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectorBasis {
    /// Characters, spaces included (1, and anything unknown).
    Characters,
    /// Characters but spaces (2).
    CharactersExcludingSpaces,
    /// Words (3).
    Words,
    /// Lines (4).
    Lines,
}

impl SelectorBasis {
    /// From `b`.
    pub fn from_lottie(based: f64) -> Self {
        match based as u8 {
            2 => Self::CharactersExcludingSpaces,
            3 => Self::Words,
            4 => Self::Lines,
            _ => Self::Characters,
        }
    }
}

/// The group of letters a letter's animated transforms pivot about (`t.m.g`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupUnit {
    /// Each letter its own (1, and anything lottie-web does not read).
    #[default]
    Characters,
    /// The letter's word (2).
    Words,
    /// The letter's line (3).
    Lines,
}

impl GroupUnit {
    /// From `g`.
    pub fn from_lottie(unit: f64) -> Self {
        // Exactly 2 or 3, as lottie-web compares them (`== 2`).
        if unit == 2.0 {
            Self::Words
        } else if unit == 3.0 {
            Self::Lines
        } else {
            Self::Characters
        }
    }
}

/// How a text range selector's weight falls off across its range (`sh`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectorShape {
    /// All or nothing, with a soft edge (1, and anything unknown).
    Square,
    /// 0 to 1 (2).
    RampUp,
    /// 1 to 0 (3).
    RampDown,
    /// 0 to 1 to 0 (4).
    Triangle,
    /// A half circle (5).
    Round,
    /// A cosine bell (6).
    Smooth,
}

impl SelectorShape {
    /// From `sh`.
    pub fn from_lottie(shape: f64) -> Self {
        match shape as u8 {
            2 => Self::RampUp,
            3 => Self::RampDown,
            4 => Self::Triangle,
            5 => Self::Round,
            6 => Self::Smooth,
            _ => Self::Square,
        }
    }
}

/// Stroke corner joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineJoin {
    /// Sharp, up to the miter limit.
    Miter,
    /// Rounded.
    Round,
    /// Cut off.
    Bevel,
}

/// One item of a shape layer or group, in Lottie order (top first).
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeItem {
    /// A group with its own transform.
    Group {
        /// Items, top first.
        items: Vec<ShapeItem>,
        /// The group's `tr`.
        transform: Box<Transform>,
    },
    /// A rectangle around `position`.
    Rect {
        /// Centre.
        position: Animated<Vec2>,
        /// Size.
        size: Animated<Vec2>,
        /// Corner radius.
        roundness: Animated<f64>,
        /// Drawn counter-clockwise (`d: 3`): trims run the other way.
        reversed: bool,
    },
    /// An ellipse around `position`.
    Ellipse {
        /// Centre.
        position: Animated<Vec2>,
        /// Size.
        size: Animated<Vec2>,
        /// Drawn counter-clockwise (`d: 3`): trims run the other way.
        reversed: bool,
    },
    /// A bezier path.
    Path(Animated<BezierShape>),
    /// A star or a regular polygon (`sr`).
    Polystar(Box<Polystar>),
    /// Repeats everything above it in its group (`rp`).
    Repeater(Box<Repeater>),
    /// Trims the paths above it in its group to part of their length (`tm`).
    Trim {
        /// Start, in percent of the length.
        start: Animated<f64>,
        /// End, in percent of the length.
        end: Animated<f64>,
        /// Offset, in degrees (360 = the whole length).
        offset: Animated<f64>,
        /// "Individually" (`m: 2`): the paths above, one after another, are
        /// trimmed as one; otherwise each is trimmed on its own.
        individually: bool,
    },
    /// Pulls vertices in and handles out (pucker, negative) or the other
    /// way (bloat) for the paths above it (`pb`), by `amount` percent.
    PuckerBloat {
        /// Percent.
        amount: Animated<f64>,
    },
    /// Grows (or shrinks) the paths above it (`op`).
    OffsetPath {
        /// Distance; negative shrinks.
        amount: Animated<f64>,
        /// Corners (`lj`: 1 miter, 2 round, 3 bevel).
        join: LineJoin,
        /// Miter limit.
        miter_limit: Animated<f64>,
    },
    /// Rounds the sharp corners of the paths above it (`rd`).
    RoundCorners {
        /// Radius.
        radius: Animated<f64>,
    },
    /// Turns the paths above it into zig-zags (`zz`).
    ZigZag {
        /// Amplitude (`s`).
        size: Animated<f64>,
        /// Ridges per segment (`r`).
        ridges: Animated<f64>,
        /// Smooth points (`pt` 2) or corners (`pt` 1).
        smooth: Animated<f64>,
    },
    /// Combines the paths above it in its group into one (`mm`).
    Merge(crate::merge_paths::MergeMode),
    /// Fills every path above it in its group (`fl`, `gf`).
    Fill {
        /// Colour or gradient.
        brush: Brush,
        /// Opacity in percent.
        opacity: Animated<f64>,
        /// Fill rule.
        rule: FillRule,
        /// The slot its colour uses, an index into [`Composition::slots`].
        slot: Option<usize>,
    },
    /// Strokes every path above it in its group (`st`, `gs`).
    Stroke {
        /// The slot its colour uses, an index into [`Composition::slots`].
        slot: Option<usize>,
        /// Colour or gradient.
        brush: Brush,
        /// Opacity in percent.
        opacity: Animated<f64>,
        /// Width.
        width: Animated<f64>,
        /// Caps.
        cap: LineCap,
        /// Joins.
        join: LineJoin,
        /// Miter limit.
        miter_limit: f64,
        /// Dash pattern (`d`): dash and gap lengths, then the offset.
        dash: Option<Dash>,
    },
}

/// A stroke's dash pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Dash {
    /// Alternating dash and gap lengths.
    pub lengths: Vec<Animated<f64>>,
    /// Where the pattern starts along the path.
    pub offset: Animated<f64>,
}

/// What a fill or stroke paints with.
#[derive(Debug, Clone, PartialEq)]
pub enum Brush {
    /// One colour (its alpha ignored, as in After Effects).
    Solid(Animated<Rgba>),
    /// A linear or radial gradient.
    Gradient(Box<Gradient>),
}

/// A Lottie gradient (`gf`/`gs`), in the shape's coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradient {
    /// Radial (`t` 2) or linear (`t` 1).
    pub radial: bool,
    /// Start point (the centre, for radial).
    pub start: Animated<Vec2>,
    /// End point (its distance from the start is the radius, for radial).
    pub end: Animated<Vec2>,
    /// Highlight length in percent (radial): moves the focus toward the edge.
    pub highlight_length: Animated<f64>,
    /// Highlight angle in degrees (radial).
    pub highlight_angle: Animated<f64>,
    /// Number of colour stops (`g.p`): the first `4 × n` numbers of `stops`
    /// are offset, r, g, b; the rest are offset, alpha pairs.
    pub color_stops: usize,
    /// The stop numbers (`g.k`).
    pub stops: Animated<Vec<f64>>,
}

/// A repeater: copies of the shapes and styles above it, each moved by one
/// more step of its transform.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeater {
    /// Number of copies (`c`).
    pub copies: Animated<f64>,
    /// Steps added to every copy (`o`).
    pub offset: Animated<f64>,
    /// One step: anchor, position, scale and rotation (`tr`).
    pub transform: Transform,
    /// Opacity of the first copy, in percent (`tr.so`).
    pub start_opacity: Animated<f64>,
    /// Opacity of the last copy, in percent (`tr.eo`).
    pub end_opacity: Animated<f64>,
    /// The first copy is drawn on top and each later one below (`m` 1,
    /// which After Effects calls "Above"), else the last copy on top (`m`
    /// 2): lottie-web's `RepeaterModifier` puts the copy without a step
    /// first in its list for `m` 1, and the first item of a list is drawn
    /// on top.
    pub first_on_top: bool,
}

/// A star (`sy` 1) or polygon (`sy` 2) around `position`.
#[derive(Debug, Clone, PartialEq)]
pub struct Polystar {
    /// Star (points alternate between outer and inner radius) or polygon.
    pub star: bool,
    /// Number of points (`pt`), floored when drawn.
    pub points: Animated<f64>,
    /// Centre.
    pub position: Animated<Vec2>,
    /// Rotation in degrees.
    pub rotation: Animated<f64>,
    /// Outer radius.
    pub outer_radius: Animated<f64>,
    /// Outer roundness in percent.
    pub outer_roundness: Animated<f64>,
    /// Inner radius (stars only).
    pub inner_radius: Animated<f64>,
    /// Inner roundness in percent (stars only).
    pub inner_roundness: Animated<f64>,
    /// Drawn counter-clockwise (`d` 3).
    pub reversed: bool,
}

/// A Lottie bezier shape: vertices with in and out tangents relative to them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BezierShape {
    /// Whether the last vertex connects back to the first.
    pub closed: bool,
    /// Vertices.
    pub vertices: Vec<Vec2>,
    /// In tangents, relative to their vertex.
    pub in_tangents: Vec<Vec2>,
    /// Out tangents, relative to their vertex.
    pub out_tangents: Vec<Vec2>,
}

impl Lerp for BezierShape {
    fn lerp(&self, to: &Self, t: f64) -> Self {
        if to.vertices.len() != self.vertices.len() {
            return self.clone();
        }
        let mix = |a: &[Vec2], b: &[Vec2]| {
            a.iter()
                .zip(b)
                .map(|(p, q)| Vec2::new(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t))
                .collect()
        };
        BezierShape {
            closed: self.closed,
            vertices: mix(&self.vertices, &to.vertices),
            in_tangents: mix(&self.in_tangents, &to.in_tangents),
            out_tangents: mix(&self.out_tangents, &to.out_tangents),
        }
    }

    #[cfg(feature = "expressions")]
    fn scripted(id: u32, frame: f64) -> Option<Self> {
        super::script_values::path(id, frame)
    }
}

/// A text layer: its documents over time, and the slot that binding fills.
#[derive(Debug)]
pub struct TextLayer {
    /// Distinct per text layer of the file; indexes the text overrides.
    pub slot: usize,
    /// Documents keyed by the frame they start at (hold timing), never empty.
    pub documents: Vec<(f64, TextDocument)>,
    /// Text animators (`t.a`), in order.
    pub animators: Vec<TextAnimator>,
    /// The source text's expression (`t.d.x`): the id of its
    /// [`super::scripted::Script`], whose text replaces the document's
    /// unless a binding sets the layer's.
    #[cfg(feature = "expressions")]
    pub script: Option<u32>,
    /// The path the letters follow (`t.p`; full player).
    #[cfg(feature = "full")]
    pub path: Option<Box<TextPath>>,
    /// What the animators' transforms pivot on (`t.m`; full player).
    #[cfg(feature = "full")]
    pub grouping: TextGrouping,
}

/// The "more options" of animated text (`t.m`): the group of letters each
/// letter's animated transforms pivot about, and where in it.
#[cfg(feature = "full")]
#[derive(Debug)]
pub struct TextGrouping {
    /// Anchor point grouping (`g`).
    pub unit: GroupUnit,
    /// Grouping alignment (`a`): the pivot moved by % of its group's width
    /// (x) and of lottie-web's letter height, 0.857 of the font size (y).
    pub alignment: Animated<Vec2>,
}

/// Text on a path (`t.p`): the letters follow one of the layer's mask
/// paths, as lottie-web places them.
#[derive(Debug)]
pub struct TextPath {
    /// The path (`masksProperties[m].pt`, whatever the mask's mode).
    pub path: Animated<BezierShape>,
    /// Where the first letter starts along it (`f`).
    pub first_margin: Animated<f64>,
    /// Letters turned with the path when not 0 (`p`).
    pub perpendicular: Animated<f64>,
    /// The path followed backwards when not 0 (`r`).
    pub reversed: Animated<f64>,
    /// Letters spread over the whole path when not 0 (`a`).
    pub force_alignment: Animated<f64>,
}

impl TextLayer {
    /// The document shown at `frame`: the last one started (documents are
    /// hold-keyed, sorted at import).
    pub fn document_at(&self, frame: f64) -> Option<&TextDocument> {
        let index = self
            .documents
            .partition_point(|(t, _)| *t <= frame)
            .saturating_sub(1);
        self.documents.get(index).map(|(_, doc)| doc)
    }
}

/// A text animator: a range selector and the properties it changes in the
/// letters it selects (`None`: not animated).
#[derive(Debug, Clone, PartialEq)]
pub struct TextAnimator {
    /// Which letters, how much.
    pub selector: RangeSelector,
    /// Position offset.
    pub position: Option<Animated<Vec2>>,
    /// Anchor offset.
    pub anchor: Option<Animated<Vec2>>,
    /// Scale, percent.
    pub scale: Option<Animated<Vec2>>,
    /// Rotation, degrees.
    pub rotation: Option<Animated<f64>>,
    /// Opacity, percent.
    pub opacity: Option<Animated<f64>>,
    /// Fill colour.
    pub fill: Option<Animated<Rgba>>,
    /// Stroke colour.
    pub stroke: Option<Animated<Rgba>>,
    /// Stroke width.
    pub stroke_width: Option<Animated<f64>>,
    /// Tracking, in text units.
    pub tracking: Option<Animated<f64>>,
    /// Skew (`sk`), degrees, and its axis (`sa`), degrees. (Full build
    /// only, as all animators: a field here grew the lite build's text
    /// code by 85 B gzip.)
    #[cfg(feature = "full")]
    pub skew: Option<(Animated<f64>, Animated<f64>)>,
}

/// A range selector (`t.a[].s`).
#[derive(Debug, Clone, PartialEq)]
pub struct RangeSelector {
    /// Start.
    pub start: Animated<f64>,
    /// End.
    pub end: Animated<f64>,
    /// Offset.
    pub offset: Animated<f64>,
    /// Amount, percent.
    pub amount: Animated<f64>,
    /// Ease high (`xe`).
    pub ease_high: Animated<f64>,
    /// Ease low (`ne`).
    pub ease_low: Animated<f64>,
    /// Smoothness (`sm`), percent.
    pub smoothness: Animated<f64>,
    /// What it counts (`b`).
    pub based: SelectorBasis,
    /// How its weight falls off (`sh`).
    pub shape: SelectorShape,
    /// Units are indexes (`r: 2`), not percent.
    pub by_index: bool,
}

/// One character's outline in one font (`chars`), at size 100.
#[derive(Debug)]
pub struct Glyph {
    /// The character.
    pub ch: char,
    /// The font's family (`fFamily`).
    pub family: String,
    /// The font's style (`style`).
    pub style: String,
    /// Advance width at size 100.
    pub width: f64,
    /// The outline's shapes (paths in groups); the text's colours fill them.
    pub shapes: Vec<ShapeItem>,
}

/// How a run of text looks.
#[derive(Debug, Clone)]
pub struct TextDocument {
    /// The text; lines are separated by `\r` or `\n`.
    pub text: Rc<SecretText>,
    /// Index into [`Composition::fonts`].
    pub font: Option<usize>,
    /// Font size in pixels.
    pub size: f64,
    /// Fill colour.
    pub fill: Rgba,
    /// Horizontal alignment.
    pub justify: Justify,
    /// Distance between baselines.
    pub line_height: f64,
    /// Outline colour and width (`sc`, `sw`), and whether it is drawn over
    /// the fill (`of`).
    pub stroke: Option<(Rgba, f64, bool)>,
    /// Tracking (`tr`) in thousandths of the font size.
    pub tracking: f64,
    /// Baseline shift (`ls`).
    pub baseline_shift: f64,
    /// Capitals (`ca`).
    pub caps: Caps,
    /// Box text (`ps`, `sz`): top-left corner and size; lines wrap in it.
    pub text_box: Option<TextBox>,
}

/// A text box: lines wrap at its width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    /// Top-left corner.
    pub position: Vec2,
    /// Width and height.
    pub size: Vec2,
}

/// Text capitals (`ca`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caps {
    /// As written.
    Regular,
    /// All capitals.
    All,
    /// Small capitals.
    Small,
}

/// Horizontal alignment of text lines around the layer's origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Justify {
    /// Lines start at the origin.
    Left,
    /// Lines end at the origin.
    Right,
    /// Lines are centred on the origin.
    Center,
}

/// A font declared in the file's `fonts.list`.
#[derive(Debug, Clone, PartialEq)]
pub struct Font {
    /// `fName`: what text documents refer to.
    pub name: String,
    /// `fFamily`: the CSS family.
    pub family: String,
    /// `fStyle`, as written: glyphs (`chars`) are matched by it.
    pub style: String,
    /// CSS weight (100..=900) derived from `fStyle`.
    pub weight: u16,
    /// Whether `fStyle` says italic or oblique.
    pub italic: bool,
    /// `fPath` when it names a font file inside the template package.
    pub file: Option<String>,
    /// `ascent`: the first baseline's distance below a text box's top, in
    /// percent of the font size.
    pub ascent: f64,
}
