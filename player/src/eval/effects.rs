//! Layer effects as display-list filters at one frame, the region
//! their offscreen group covers (SVG's filter region, as lottie-web), and
//! the Transform effect's matrix and fade.
//!
//! Pure: pushes nothing and spends no budget; `layers.rs` opens and closes
//! the group. The stroke effect is drawn as paths, in `masks.rs`.

use std::f64::consts::PI;

use crate::display_list::{DisplayItem, Filter};
use crate::geometry::Rgba;
use crate::geometry::{cos, sin, Affine, Vec2};
use crate::lottie::animated::Animated;
use crate::lottie::Effect;

/// A layer's effects at `frame`, lengths taken from layer units to canvas
/// pixels by `matrix`. Effects that would change nothing are left out.
pub(super) fn filters_at(effects: &[Effect], frame: f64, matrix: &Affine) -> Vec<Filter> {
    let [a, b, c, d, _, _] = matrix.0;
    let scale = (a * d - b * c).abs().sqrt();
    let value = |v: &Animated<f64>| v.at(frame);
    let opaque = |v: &Animated<Rgba>| v.at(frame).opaque();
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::Fill { color, opacity } => Some(Filter::Fill(
                opaque(color).with_opacity(value(opacity).clamp(0.0, 1.0)),
            )),
            Effect::Tint {
                black,
                white,
                amount,
            } => {
                let amount = (value(amount) / 100.0).clamp(0.0, 1.0);
                (amount > 0.0).then(|| Filter::Tint {
                    black: opaque(black),
                    white: opaque(white),
                    amount,
                })
            }
            Effect::Tritone {
                highlights,
                midtones,
                shadows,
            } => Some(Filter::Tritone {
                shadows: opaque(shadows),
                midtones: opaque(midtones),
                highlights: opaque(highlights),
            }),
            Effect::DropShadow {
                color,
                opacity,
                direction,
                distance,
                softness,
            } => {
                let alpha = (value(opacity) / 255.0).clamp(0.0, 1.0);
                let angle = (value(direction) - 90.0) * PI / 180.0;
                let (dx, dy) = (value(distance) * cos(angle), value(distance) * sin(angle));
                (alpha > 0.0).then(|| Filter::DropShadow {
                    color: opaque(color).with_opacity(alpha),
                    // A direction, so only the linear part of the matrix.
                    offset: Vec2::new(a * dx + c * dy, b * dx + d * dy),
                    sigma: (value(softness) / 4.0 * scale).max(0.0),
                })
            }
            // Drawn as paths by `Evaluator::stroke_effect`; the transform
            // moves the drawing (`transform_effects`).
            Effect::Stroke { .. } | Effect::Transform(_) => None,
            Effect::Blur { blurriness, .. } => {
                // Canvas2D blurs both ways alike; one-way blurs (rare) too.
                let sigma = value(blurriness) * 0.3 * scale;
                (sigma > 0.0).then_some(Filter::Blur(sigma))
            }
        })
        .collect()
}

/// What a layer's Transform effects do to its drawing at `frame`: the
/// matrix from the moved drawing to the layer's own space, which goes on
/// the layer's right, and the opacity they fade it by. lottie-web's
/// `TransformEffect` (anchor, then scale, rotation, skew about an axis 90°
/// from the layer transform's, position) and its `localTransforms`: the
/// first effect applies first, and the layer's children never move with
/// it. `None` when the layer has none.
pub(super) fn transform_effects(effects: &[Effect], frame: f64) -> Option<(Affine, f64)> {
    let mut found = None;
    // The last effect is the outermost: applied last, leftmost.
    for effect in effects.iter().rev() {
        let Effect::Transform(t) = effect else {
            continue;
        };
        let (anchor, position) = (t.anchor.at(frame), t.position.at(frame));
        let height = t.scale_height.at(frame) / 100.0;
        let width = if t.uniform.at(frame) == 1.0 {
            height
        } else {
            t.scale_width.at(frame) / 100.0
        };
        let radians = |v: &Animated<f64>| v.at(frame) * PI / 180.0;
        let matrix = Affine::translate(position.x, position.y)
            * Affine::skew(radians(&t.skew), radians(&t.skew_axis) + PI / 2.0)
            * Affine::rotate(radians(&t.rotation))
            * Affine::scale(width, height)
            * Affine::translate(-anchor.x, -anchor.y);
        let opacity = (t.opacity.at(frame) / 100.0).clamp(0.0, 1.0);
        let (outer, faded) = found.unwrap_or((Affine::IDENTITY, 1.0));
        found = Some((outer * matrix, faded * opacity));
    }
    found
}

/// The group `filters` apply to, for a drawing that goes past the frame's
/// edges: one that also holds what is drawn as far beyond the canvas's
/// edges as they bring it towards the frame (a blur three standard
/// deviations, a shadow its offset and blur), so that a blurred background
/// that goes on past the frame does not fade at its edges. (The lite build
/// has no filters.)
pub(super) fn filter_group(filters: &[Filter]) -> DisplayItem {
    #[cfg(feature = "full")]
    {
        let reach = |f: &Filter| match f {
            Filter::Blur(sigma) => 3.0 * sigma,
            Filter::DropShadow { offset, sigma, .. } => {
                offset.x.abs().max(offset.y.abs()) + 3.0 * sigma
            }
            _ => 0.0,
        };
        let margin: f64 = filters.iter().map(reach).filter(|r| r.is_finite()).sum();
        if margin > 0.0 {
            return DisplayItem::PushGroupBeyond(margin.ceil());
        }
    }
    let _ = filters;
    DisplayItem::PushGroup
}

/// The box of what `drawn` paints (canvas pixels); `None` where that is not
/// known (text).
fn drawn_box(drawn: &[DisplayItem]) -> Option<[f64; 4]> {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for item in drawn {
        let [x0, y0, x1, y1] = item.bounds()?;
        b = [b[0].min(x0), b[1].min(y0), b[2].max(x1), b[3].max(y1)];
    }
    Some(b)
}

/// Whether what `drawn` paints is known to stay within `frame` (a box in
/// canvas pixels): strokes out to their miters; not text (its extent only
/// the browser knows), nor a group inside whose filters spread what it
/// holds (a blur, a shadow).
pub(super) fn within(drawn: &[DisplayItem], frame: [f64; 4]) -> bool {
    drawn.iter().all(|item| {
        let grow = match item {
            DisplayItem::Stroke {
                transform, style, ..
            } => style.width / 2.0 * style.miter_limit.max(1.5) * transform.magnification(),
            DisplayItem::PopFilters { filters, .. }
                if filters
                    .iter()
                    .any(|f| matches!(f, Filter::Blur(_) | Filter::DropShadow { .. })) =>
            {
                return false;
            }
            _ => 0.0,
        };
        item.bounds().is_some_and(|[x0, y0, x1, y1]| {
            x0 - grow >= frame[0]
                && y0 - grow >= frame[1]
                && x1 + grow <= frame[2]
                && y1 + grow <= frame[3]
        })
    })
}

/// The region lottie-web's SVG filter covers: the layer's bounding box,
/// exactly for a drop shadow, grown by its size on each side for a blur
/// (the last of them decides), else by a tenth (SVG's default).
pub(super) fn filter_region(filters: &[Filter], drawn: &[DisplayItem]) -> Option<[f64; 4]> {
    let b = drawn_box(drawn)?;
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    if !(w.is_finite() && h.is_finite()) {
        return None;
    }
    let grow = filters
        .iter()
        .rev()
        .find_map(|f| match f {
            Filter::DropShadow { .. } => Some(0.0),
            Filter::Blur(_) => Some(1.0),
            _ => None,
        })
        .unwrap_or(0.1);
    Some([
        b[0] - grow * w,
        b[1] - grow * h,
        w * (1.0 + 2.0 * grow),
        h * (1.0 + 2.0 * grow),
    ])
}
