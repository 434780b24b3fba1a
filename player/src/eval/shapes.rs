//! Shape groups: a shape layer's items evaluated top first, fills and
//! strokes drawing the geometry above them, subgroups nested with their
//! transform and opacity, path modifiers, repeaters and merges applied in
//! place. Geometry is shared copy-on-write between the draws.
//!
//! Every item, path element and copy is charged to the budget; a merge that
//! would not fit is left unmerged rather than cutting the frame short.

use std::rc::Rc;

use super::modifiers::Modifier;
use super::paint::dash_at;
use super::transform::transform_matrix;
use super::{Evaluator, MERGE_PAIRS_PER_UNIT};
use crate::display_list::{DisplayItem, StrokeStyle};
use crate::geometry::{Affine, Path};
use crate::lottie::ShapeItem;
use crate::merge_paths::MergeMode;

impl Evaluator<'_> {
    /// Evaluates a group's items, pushing draws top first. Returns the
    /// group's geometry in its own space, for fills and strokes further down
    /// in the parent group. Geometry is shared copy-on-write: a fill takes a
    /// reference, and only a path added after it forces a copy (budgeted).
    ///
    /// Leaves where each of the geometry's merge operands starts in
    /// `self.group_operands` (full player): a merge in the parent group
    /// takes each path of a subgroup as an operand of its own, as After
    /// Effects and Skottie do, not the subgroup as one (a rectangle drawn
    /// twice in opposite directions cancels itself out as one operand, and
    /// intersecting with it would erase the shape it crops); what a merge
    /// inside the subgroup made stays one operand.
    pub(super) fn shape_group(
        &mut self,
        items: &[ShapeItem],
        frame: f64,
        to_canvas: Affine,
        opacity: f64,
        inherited: &[Modifier],
    ) -> Rc<Path> {
        let mut geometry = Rc::new(Path::default());
        if !self.spend(items.len()) {
            if crate::FULL {
                self.group_operands.clear();
            }
            return geometry;
        }
        // Where this group's draws start, for repeaters.
        let group_start = self.items.len();
        // Path modifiers (trims, pucker & bloat, ...) apply to the paths
        // above them in the group, and in its subgroups above them, nearest
        // first; the group's own come before inherited ones.
        let modifiers = Modifier::in_group(items, frame);
        let shares = self.shares(items, frame, &modifiers, inherited);
        let modifiers_after = |i: usize| -> Vec<Modifier> {
            modifiers
                .iter()
                .filter(|(j, _)| *j > i)
                .map(|(j, m)| shares.own(*j, *m, i))
                .chain(inherited.iter().map(|m| shares.inherited(*m, i)))
                .collect()
        };
        // Where each path or subgroup starts in `geometry`: the operands of
        // a merge.
        let mut operand_starts: Vec<usize> = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let mut shape = Path::default();
            operand_starts.push(geometry.0.len());
            match item {
                ShapeItem::Group { items, transform } => {
                    let modifiers = modifiers_after(index);
                    let subgroup = (items.as_slice(), &**transform, modifiers.as_slice());
                    let into = (&mut geometry, &mut operand_starts);
                    self.subgroup(subgroup, frame, to_canvas, opacity, into);
                    continue;
                }
                ShapeItem::Rect { .. }
                | ShapeItem::Ellipse { .. }
                | ShapeItem::Polystar(_)
                | ShapeItem::Path(_) => {
                    if let Some(built) = self.shape_path(item, frame) {
                        shape = built;
                    }
                }
                ShapeItem::Trim { .. }
                | ShapeItem::PuckerBloat { .. }
                | ShapeItem::OffsetPath { .. }
                | ShapeItem::RoundCorners { .. }
                | ShapeItem::ZigZag { .. } => continue,
                ShapeItem::Repeater(repeater) if crate::FULL => {
                    // lottie-web's repeater puts its copies at the top of the
                    // list, where the path modifiers above it apply to them
                    // once more (each copy also has its own clones of them).
                    let above = modifiers.partition_point(|(j, _)| *j < index);
                    let again = modifiers.get(..above).unwrap_or_default();
                    let copied = (group_start, &geometry, again);
                    geometry = self.repeat(repeater, frame, to_canvas, copied);
                    operand_starts = vec![0];
                    continue;
                }
                ShapeItem::Merge(mode) if crate::FULL => {
                    if let Some(merged) = self.merge(&geometry, &operand_starts, *mode, &to_canvas)
                    {
                        geometry = Rc::new(merged);
                    }
                    // Whatever the mode, what is above is one path now.
                    operand_starts = vec![0];
                    continue;
                }
                ShapeItem::Merge(_) | ShapeItem::Repeater(_) => continue,
                ShapeItem::Fill { .. } | ShapeItem::Stroke { .. } => {
                    if !geometry.is_empty() {
                        self.paint_geometry(item, &geometry, frame, to_canvas, opacity);
                    }
                    continue;
                }
            }
            if shape.is_empty() {
                continue;
            }
            if !modifiers.is_empty() || !inherited.is_empty() {
                shape = self.modified(shape, &modifiers_after(index));
            }
            if self.add_geometry(&mut geometry, shape.0.len()) {
                Rc::make_mut(&mut geometry).0.extend(shape.0);
            }
        }
        if crate::FULL {
            self.group_operands = operand_starts;
        }
        geometry
    }

    /// A subgroup's draws, and its geometry added to its parent's with
    /// where each of its merge operands starts (after the one pushed for
    /// it, which they replace).
    fn subgroup(
        &mut self,
        (items, transform, modifiers): (&[ShapeItem], &crate::lottie::Transform, &[Modifier]),
        frame: f64,
        to_canvas: Affine,
        opacity: f64,
        (geometry, operand_starts): (&mut Rc<Path>, &mut Vec<usize>),
    ) {
        let local = transform_matrix(transform, frame);
        let group_opacity = transform.opacity.at(frame) / 100.0;
        // A faded group's opacity applies to its drawing as a whole, as
        // lottie-web's `opacity` on the group's `<g>` composites it (the
        // window over its wall does not show through as the group fades):
        // drawn in a group at that opacity, which `fade` leaves out for one
        // paint (and, in the full player, paints apart from each other).
        // Listed top first, as the draws are: the group's end, its draws,
        // its start.
        let grouped = group_opacity > 0.0 && group_opacity < 1.0;
        if grouped {
            self.items.push(DisplayItem::PopOpacity(group_opacity));
        }
        let first = self.items.len();
        let inner = if grouped { 1.0 } else { group_opacity };
        let child = self.shape_group(items, frame, to_canvas * local, opacity * inner, modifiers);
        if grouped {
            self.fade(first, group_opacity, true);
        }
        // Already modified inside the child.
        let offset = geometry.0.len();
        if self.add_geometry(geometry, child.0.len()) {
            Rc::make_mut(geometry).extend_transformed(&child, &local);
            if crate::FULL {
                operand_starts.pop();
                let starts = self.group_operands.iter().map(|start| offset + start);
                operand_starts.extend(starts);
            }
        }
    }

    /// Where each of `items` sits in the sequences of the "individually"
    /// trims that take it (full player): an own such trim takes the paths
    /// above it, an inherited one (`Modifier::TrimShare`, from a parent
    /// group) all of them, in file order and depth first, subgroups' paths
    /// included, as lottie-web's TrimModifier takes every shape above it
    /// (lottie-android's TrimPathSimultaneous: two squares, each in its own
    /// group, trimmed as one path).
    fn shares(
        &mut self,
        items: &[ShapeItem],
        frame: f64,
        modifiers: &[(usize, Modifier)],
        inherited: &[Modifier],
    ) -> Shares {
        let mut shares = Shares::default();
        if !crate::FULL {
            return shares;
        }
        for (k, modifier) in modifiers {
            if matches!(
                modifier,
                Modifier::Trim {
                    individually: true,
                    ..
                }
            ) {
                let above = items.get(..*k).unwrap_or_default();
                let lengths = self.sequence_lengths(above, frame);
                shares.own.push((*k, running(&lengths)));
            }
        }
        if inherited
            .iter()
            .any(|m| matches!(m, Modifier::TrimShare { .. }))
        {
            let lengths = self.sequence_lengths(items, frame);
            shares.all = running(&lengths);
        }
        shares
    }

    /// How long each of `items` is in an "individually" trim's sequence: a
    /// path as the modifiers after it in its own group leave it, a
    /// subgroup its paths together, anything else 0. (Modifiers of the
    /// groups around are left out, so that a subgroup measures itself as
    /// its parent measured it: a modifier between a subgroup and the trim
    /// that changes lengths shifts the subgroup's shares by that much, and
    /// a second "individually" trim in a group is measured as a plain one;
    /// no file seen has either.) Charged to the budget as drawing is, the
    /// paths built and modified: a group nested in groups is measured
    /// again at each level.
    fn sequence_lengths(&mut self, items: &[ShapeItem], frame: f64) -> Vec<f64> {
        if !self.spend(items.len()) {
            return vec![0.0; items.len()];
        }
        let modifiers = Modifier::in_group(items, frame);
        let mut lengths = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let length = match item {
                ShapeItem::Group { items, .. } => self.sequence_lengths(items, frame).iter().sum(),
                _ => self.shape_path(item, frame).map_or(0.0, |built| {
                    if !self.spend(built.0.len()) {
                        return 0.0;
                    }
                    let after: Vec<Modifier> = modifiers
                        .iter()
                        .filter(|(j, _)| *j > i)
                        .map(|(_, m)| *m)
                        .collect();
                    let modified = self.modified(built, &after);
                    // What a modifier added (a zig-zag's ridges) is measured too.
                    if !self.spend(modified.0.len()) {
                        return 0.0;
                    }
                    crate::trim::length(&modified)
                }),
            };
            lengths.push(length);
        }
        lengths
    }

    /// A fill or stroke of a group's `geometry` so far (not empty), as
    /// the viewer's data may colour it.
    fn paint_geometry(
        &mut self,
        item: &ShapeItem,
        geometry: &Rc<Path>,
        frame: f64,
        to_canvas: Affine,
        opacity: f64,
    ) {
        match item {
            ShapeItem::Fill {
                brush,
                opacity: fill_opacity,
                rule,
                slot,
            } => {
                let alpha = opacity * fill_opacity.at(frame) / 100.0;
                let bound = self.current.and_then(|c| c.fill);
                self.items.push(DisplayItem::Fill {
                    transform: to_canvas,
                    path: Rc::clone(geometry),
                    paint: self.bound_paint(bound, *slot, brush, frame, alpha),
                    rule: *rule,
                });
            }
            ShapeItem::Stroke {
                slot,
                brush,
                opacity: stroke_opacity,
                width,
                cap,
                join,
                miter_limit,
                dash,
            } => {
                let width = width.at(frame);
                if width <= 0.0 {
                    return;
                }
                let alpha = opacity * stroke_opacity.at(frame) / 100.0;
                let bound = self.current.and_then(|c| c.stroke);
                self.items.push(DisplayItem::Stroke {
                    transform: to_canvas,
                    path: Rc::clone(geometry),
                    paint: self.bound_paint(bound, *slot, brush, frame, alpha),
                    style: StrokeStyle {
                        width,
                        cap: *cap,
                        join: *join,
                        miter_limit: *miter_limit,
                        dash: dash.as_ref().and_then(|d| dash_at(d, frame)),
                    },
                });
            }
            _ => {}
        }
    }

    /// A group's `geometry` merged by `mode`, its operands starting at
    /// `starts`; `None` to keep it as it is ("merge" mode, or more edges
    /// than the frame's budget can combine: then drawn unmerged, as
    /// lottie-web draws every merge).
    fn merge(
        &mut self,
        geometry: &Path,
        starts: &[usize],
        mode: MergeMode,
        to_canvas: &Affine,
    ) -> Option<Path> {
        if mode == MergeMode::Merge || geometry.is_empty() {
            return None;
        }
        let mut operands: Vec<Path> = Vec::new();
        let mut bounds: Vec<usize> = starts.to_vec();
        bounds.push(geometry.0.len());
        for pair in bounds.windows(2) {
            if let (Some(&from), Some(&to)) = (pair.first(), pair.get(1)) {
                if let Some(elements) = geometry.0.get(from..to).filter(|e| !e.is_empty()) {
                    operands.push(Path(elements.to_vec()));
                }
            }
        }
        // One path alone stays as it is (its fill's rule still applies), as
        // in Skottie and lottie-android.
        if operands.len() < 2 {
            return None;
        }
        // Flat to a quarter of a pixel on the canvas.
        let tolerance = 0.25 / to_canvas.magnification().max(1e-6);
        let work = crate::merge_paths::cost(&operands, tolerance) / MERGE_PAIRS_PER_UNIT;
        // Refused rather than spent: the rest of the frame still draws.
        if work >= self.work_left {
            return None;
        }
        self.work_left -= work;
        Some(crate::merge_paths::merge(&operands, mode, tolerance))
    }

    /// Budgets adding `elements` path elements to `geometry`, plus the copy
    /// that adding forces when a fill or stroke already shares it.
    fn add_geometry(&mut self, geometry: &mut Rc<Path>, elements: usize) -> bool {
        let copy = if Rc::strong_count(geometry) > 1 {
            geometry.0.len()
        } else {
            0
        };
        self.spend(elements + copy)
    }
}

/// Where a group's items start in the sequences of the "individually"
/// trims that take them (`Evaluator::shares`): running lengths, entry `i`
/// the length of the items before item `i`, the last the whole sequence's.
#[derive(Default)]
struct Shares {
    /// Per own "individually" trim (its index): the items above it.
    own: Vec<(usize, Vec<f64>)>,
    /// Every item, for the shares inherited from a parent group.
    all: Vec<f64>,
}

impl Shares {
    /// The own modifier at index `j` as it applies to item `i`: an
    /// "individually" trim becomes item `i`'s share of its sequence.
    fn own(&self, j: usize, modifier: Modifier, i: usize) -> Modifier {
        let Modifier::Trim {
            start,
            end,
            offset,
            individually: true,
        } = modifier
        else {
            return modifier;
        };
        let Some((_, running)) = self.own.iter().find(|(k, _)| *k == j) else {
            return modifier;
        };
        Modifier::TrimShare {
            start,
            end,
            offset,
            total: running.last().copied().unwrap_or_default(),
            before: running.get(i).copied().unwrap_or_default(),
        }
    }

    /// An inherited modifier as it applies to item `i`: a share moves on
    /// by the items before it.
    fn inherited(&self, mut modifier: Modifier, i: usize) -> Modifier {
        if let Modifier::TrimShare { before, .. } = &mut modifier {
            *before += self.all.get(i).copied().unwrap_or_default();
        }
        modifier
    }
}

/// Running sums of `lengths`, from 0: one more entry than `lengths`.
fn running(lengths: &[f64]) -> Vec<f64> {
    let mut sum = 0.0;
    let mut out = Vec::with_capacity(lengths.len() + 1);
    out.push(0.0);
    for length in lengths {
        sum += length;
        out.push(sum);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::panic,
        reason = "tests"
    )]
    use super::*;
    use crate::eval::evaluate;
    use crate::eval::test_helpers::{doc, filled_path, RED};
    use crate::geometry::PathEl;
    use crate::lottie::Composition;
    use crate::overrides::Overrides;

    #[test]
    fn fills_share_geometry_instead_of_copying_it() {
        let vertices = vec!["[0,0]"; 50_000].join(",");
        let fills = vec![RED; 200].join(",");
        let json = doc(&format!(
            r#"{{"ty":4,"nm":"s","shapes":[
                {{"ty":"sh","ks":{{"k":{{"c":true,"v":[{vertices}],"i":[],"o":[]}}}}}},
                {fills}
            ]}}"#
        ));
        let comp = Composition::from_json(&json).unwrap();
        let list = evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY);
        assert_eq!(list.items.len(), 200);
        assert!(!list.truncated);
        assert!(list.work < 60_000, "{}", list.work);
        let paths: Vec<_> = list
            .items
            .iter()
            .map(|item| match item {
                DisplayItem::Fill { path, .. } => Rc::clone(path),
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(paths.windows(2).all(|w| Rc::ptr_eq(&w[0], &w[1])));
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "path modifiers are the full player's: the lite importer refuses them (NeedsFull)"
    )]
    fn nested_individual_trims_are_measured_within_the_budget() {
        // 40 groups, each inside the last, each with 200 lines, a stroke
        // and an "individually" trim: every level measures all the paths
        // below it again, which the budget cuts short instead of hanging.
        let line = r#"{"ty":"sh","ks":{"k":{"c":false,"v":[[0,0],[10,0]],"i":[[0,0],[0,0]],"o":[[0,0],[0,0]]}}}"#;
        let lines = vec![line; 200].join(",");
        let stroke = r#"{"ty":"st","c":{"k":[1,0,0,1]},"o":{"k":100},"w":{"k":1}}"#;
        let trim = r#"{"ty":"tm","s":{"k":0},"e":{"k":50},"o":{"k":0},"m":2}"#;
        let nested = |levels: usize, trim: &str| {
            let mut shapes = format!("{lines},{stroke},{trim}");
            for _ in 0..levels {
                shapes = format!(r#"{{"ty":"gr","it":[{shapes}]}},{lines},{stroke},{trim}"#);
            }
            let json = doc(&format!(r#"{{"ty":4,"nm":"s","shapes":[{shapes}]}}"#));
            let comp = Composition::from_json(&json).unwrap();
            evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY)
        };
        let list = nested(40, trim);
        assert!(list.truncated);
        assert_eq!(list.work, crate::eval::WORK_BUDGET);
        // The measuring is charged: the same groups trimmed each path on
        // its own (m 1) cost less.
        let (one_by_one, measured) = (nested(3, &trim.replace("2}", "1}")), nested(3, trim));
        assert!(!measured.truncated);
        assert!(
            measured.work > one_by_one.work + 1_000,
            "{} {}",
            measured.work,
            one_by_one.work
        );
    }

    #[test]
    #[cfg_attr(
        not(feature = "full"),
        ignore = "path modifiers are the full player's: the lite importer refuses them (NeedsFull)"
    )]
    fn merges_beyond_the_budget_draw_unmerged() {
        // Two paths of 2,000 vertices each: 4,000² pairs, over the budget.
        let zigzag = |dy: i32| {
            let v: Vec<String> = (0..2_000)
                .map(|i| format!("[{},{}]", i % 2 * 100, i + dy))
                .collect();
            format!(
                r#"{{"ty":"sh","ks":{{"k":{{"c":true,"v":[{}],"i":[],"o":[]}}}}}}"#,
                v.join(",")
            )
        };
        let shapes = format!(r#"{},{},{{"ty":"mm","mm":2}},{RED}"#, zigzag(0), zigzag(1));
        let path = filled_path(&shapes, 0);
        assert_eq!(
            path.0
                .iter()
                .filter(|e| matches!(e, PathEl::MoveTo(_)))
                .count(),
            2
        );
    }
}
