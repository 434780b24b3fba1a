//! Repeaters: the draws and geometry above a repeater replaced by its
//! copies, each moved by the repeater's transform applied once more and
//! faded from the start to the end opacity; the path modifiers above the
//! repeater apply to the copies' paints a second time (lottie-web's
//! `RepeaterModifier` inserts the copies above them).
//!
//! Copies are capped (1,000) and charged to the budget before any is made.

use std::f64::consts::PI;
use std::rc::Rc;

use super::modifiers::Modifier;
use super::Evaluator;
use crate::display_list::DisplayItem;
use crate::geometry::{Affine, Path};
use crate::lottie::{Repeater, Transform};

impl Evaluator<'_> {
    /// Replaces the group's draws since `group_start` (top first) and its
    /// geometry with the repeater's copies; returns the new geometry. The
    /// copies' paints have `again` (the group's path modifiers above the
    /// repeater, with their places in it) applied once more, as lottie-web
    /// draws them.
    pub(super) fn repeat(
        &mut self,
        repeater: &Repeater,
        frame: f64,
        to_canvas: Affine,
        (group_start, geometry, again): (usize, &Rc<Path>, &[(usize, Modifier)]),
    ) -> Rc<Path> {
        // lottie-web makes `ceil(c)` copies (2.2 copies are three).
        let copies = repeater.copies.at(frame).ceil().clamp(0.0, 1_000.0) as usize;
        let mut drawn: Vec<DisplayItem> = self
            .items
            .drain(group_start.min(self.items.len())..)
            .collect();
        for (_, modifier) in again {
            for item in &mut drawn {
                if let DisplayItem::Fill { path, .. } | DisplayItem::Stroke { path, .. } = item {
                    let once_more = self.modified((**path).clone(), std::slice::from_ref(modifier));
                    *path = Rc::new(once_more);
                }
            }
        }
        let cost = (drawn.len() + geometry.0.len()).saturating_mul(copies);
        let Some(from_canvas) = to_canvas.inverse() else {
            return Rc::new(Path::default());
        };
        if copies == 0 || !self.spend(cost) {
            return Rc::new(Path::default());
        }
        let offset = repeater.offset.at(frame);
        let (first, last) = (
            repeater.start_opacity.at(frame) / 100.0,
            repeater.end_opacity.at(frame) / 100.0,
        );
        let mut placed: Vec<(Affine, f64)> = Vec::with_capacity(copies);
        let mut repeated = Path::default();
        for i in 0..copies {
            let step = repeat_matrix(&repeater.transform, frame, i as f64 + offset);
            // The opacity goes by the copy's place in lottie-web's list:
            // for `m` 2 the first copy is last there, and the faintest.
            let place = if repeater.first_on_top {
                i
            } else {
                copies - 1 - i
            };
            let share = if copies > 1 {
                place as f64 / (copies - 1) as f64
            } else {
                0.0
            };
            placed.push((
                to_canvas * step * from_canvas,
                first + (last - first) * share,
            ));
            repeated.extend_transformed(geometry, &step);
        }
        // Draws are kept top first: the copies are made first to last.
        if !repeater.first_on_top {
            placed.reverse();
        }
        for (on_canvas, alpha) in placed {
            // Each copy is a group of lottie-web's whose `<g>` has the
            // copy's opacity: a faded copy's overlapping paints do not
            // show through each other (`fade`, as for a shape group).
            let grouped = alpha > 0.0 && alpha < 1.0 && drawn.len() > 1;
            if grouped {
                self.items.push(DisplayItem::PopOpacity(alpha));
            }
            let start = self.items.len();
            let own = if grouped { 1.0 } else { alpha };
            let copy = drawn.iter().filter_map(|item| moved(item, &on_canvas, own));
            self.items.extend(copy);
            if grouped {
                self.fade(start, alpha, true);
            }
        }
        Rc::new(repeated)
    }
}

/// The repeater's transform applied `steps` times, as lottie-web's
/// `RepeaterModifier` accumulates it: positions, rotations and scales each
/// add up on their own (a copy `n` steps on is `n` positions away, whatever
/// the scale), then the copy is rotated and scaled about the anchor and
/// moved. A fractional step scales its share; a negative offset undoes
/// steps (position and rotation negated, scale divided: `applyTransforms`
/// with `inv`).
fn repeat_matrix(t: &Transform, frame: f64, steps: f64) -> Affine {
    let anchor = t.anchor.at(frame);
    let position = t.position.at(frame);
    let scale = t.scale.at(frame);
    let rotation = t.rotation.at(frame) * PI / 180.0;
    let count = steps.abs().min(1_000.0);
    let whole = count.floor();
    let rest = count - whole;
    // One step's scale factor (a share of it for a fractional step),
    // divided when undone; the whole steps' factors multiply.
    let total = |s: f64| {
        let factor = |share: f64| {
            let f = 1.0 + (s / 100.0 - 1.0) * share;
            if steps < 0.0 {
                1.0 / f
            } else {
                f
            }
        };
        // An undone zero scale is infinite: the copy is not drawn then.
        let t = factor(1.0).powi(whole as i32) * factor(rest);
        if t.is_finite() {
            t
        } else {
            0.0
        }
    };
    let steps = steps.clamp(-1_000.0, 1_000.0);
    Affine::translate(position.x * steps, position.y * steps)
        * Affine::translate(anchor.x, anchor.y)
        * Affine::scale(total(scale.x), total(scale.y))
        * Affine::rotate(rotation * steps)
        * Affine::translate(-anchor.x, -anchor.y)
}

/// A fill or stroke moved by `on_canvas` with its alpha scaled (a faded
/// subgroup's group kept).
fn moved(item: &DisplayItem, on_canvas: &Affine, alpha: f64) -> Option<DisplayItem> {
    match item {
        DisplayItem::Fill {
            transform,
            path,
            paint,
            rule,
        } => Some(DisplayItem::Fill {
            transform: *on_canvas * *transform,
            path: Rc::clone(path),
            paint: paint.with_opacity(alpha),
            rule: *rule,
        }),
        DisplayItem::Stroke {
            transform,
            path,
            paint,
            style,
        } => Some(DisplayItem::Stroke {
            transform: *on_canvas * *transform,
            path: Rc::clone(path),
            paint: paint.with_opacity(alpha),
            style: style.clone(),
        }),
        // A faded subgroup's group (`Evaluator::fade`): each copy has its own.
        DisplayItem::PushGroup => Some(DisplayItem::PushGroup),
        DisplayItem::PopOpacity(o) => Some(DisplayItem::PopOpacity(*o)),
        _ => None,
    }
}
