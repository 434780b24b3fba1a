//! The evaluator's side of path modifiers (trims, pucker & bloat, offset,
//! round corners, zig-zag): their values at one frame, how much each may
//! grow a path, and applying them in order within the budget. The geometry
//! itself is `crate::trim` and the crate-root `crate::modifiers` (a
//! different module: pure path rebuilding, no frames, no budget).
//!
//! Must never apply a modifier whose growth the budget could not take.

use super::Evaluator;
use crate::geometry::Path;
use crate::lottie::{LineJoin, ShapeItem};

/// A path modifier's values at one frame.
#[derive(Debug, Clone, Copy)]
pub(super) enum Modifier {
    /// Fractions of the length, and turns; `individually`: see
    /// [`ShapeItem::Trim`].
    Trim {
        start: f64,
        end: f64,
        offset: f64,
        individually: bool,
    },
    /// One path's cut of an "individually" trim's sequence (fractions and
    /// turns as `Trim`'s): the sequence is `total` long, and the path
    /// starts `before` into it (`shapes::Shares`).
    TrimShare {
        start: f64,
        end: f64,
        offset: f64,
        total: f64,
        before: f64,
    },
    PuckerBloat(f64),
    Offset {
        amount: f64,
        join: LineJoin,
        miter_limit: f64,
    },
    RoundCorners(f64),
    ZigZag {
        size: f64,
        ridges: usize,
        smooth: bool,
    },
}

impl Modifier {
    /// `item`'s values at `frame`, if it is a modifier that changes anything.
    pub(super) fn at(item: &ShapeItem, frame: f64) -> Option<Modifier> {
        match item {
            ShapeItem::Trim {
                start,
                end,
                offset,
                individually,
            } => Some(Modifier::Trim {
                start: start.at(frame) / 100.0,
                end: end.at(frame) / 100.0,
                offset: offset.at(frame) / 360.0,
                individually: *individually,
            }),
            ShapeItem::PuckerBloat { amount } => {
                let amount = amount.at(frame);
                (amount != 0.0).then_some(Modifier::PuckerBloat(amount))
            }
            ShapeItem::OffsetPath {
                amount,
                join,
                miter_limit,
            } => {
                let amount = amount.at(frame);
                (amount != 0.0).then(|| Modifier::Offset {
                    amount,
                    join: *join,
                    miter_limit: miter_limit.at(frame),
                })
            }
            ShapeItem::RoundCorners { radius } => {
                let radius = radius.at(frame);
                (radius > 0.0).then_some(Modifier::RoundCorners(radius))
            }
            ShapeItem::ZigZag {
                size,
                ridges,
                smooth,
            } => {
                let size = size.at(frame);
                // Ridges per segment, capped: each one is a vertex to draw.
                let ridges = ridges.at(frame).round().clamp(0.0, 1_000.0) as usize;
                (size != 0.0).then_some(Modifier::ZigZag {
                    size,
                    ridges,
                    smooth: smooth.at(frame) == 2.0,
                })
            }
            _ => None,
        }
    }

    /// A group's modifiers at `frame`, each with its index among `items`.
    pub(super) fn in_group(items: &[ShapeItem], frame: f64) -> Vec<(usize, Modifier)> {
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| Some((i, Modifier::at(item, frame)?)))
            .collect()
    }

    /// At most how many times longer the path gets.
    fn growth(&self) -> usize {
        match *self {
            Modifier::ZigZag { ridges, .. } => ridges + 2,
            Modifier::RoundCorners(_) => 2,
            // Up to three pieces a segment, and a corner between pieces.
            Modifier::Offset { .. } => 8,
            _ => 1,
        }
    }

    fn apply(&self, shape: &Path) -> Path {
        match *self {
            Modifier::Trim {
                start, end, offset, ..
            } => crate::trim::trim(shape, start, end, offset),
            Modifier::TrimShare {
                start,
                end,
                offset,
                total,
                before,
            } => crate::trim::trim_piece(shape, total, before, start, end, offset),
            // The lite build never imports the others (crate::FULL).
            _ if !crate::FULL => shape.clone(),
            Modifier::PuckerBloat(amount) => crate::modifiers::pucker_bloat(shape, amount),
            Modifier::RoundCorners(radius) => crate::modifiers::round_corners(shape, radius),
            Modifier::Offset {
                amount,
                join,
                miter_limit,
            } => crate::modifiers::offset_path(shape, amount, join, miter_limit),
            Modifier::ZigZag {
                size,
                ridges,
                smooth,
            } => crate::modifiers::zig_zag(shape, size, ridges, smooth),
        }
    }
}

impl Evaluator<'_> {
    /// `shape` with `modifiers` applied in order, refusing early what the
    /// budget could never take.
    pub(super) fn modified(&mut self, mut shape: Path, modifiers: &[Modifier]) -> Path {
        for modifier in modifiers {
            if shape.0.len().saturating_mul(modifier.growth()) > self.work_left {
                self.work_left = 0;
                return Path::default();
            }
            shape = modifier.apply(&shape);
        }
        shape
    }
}
