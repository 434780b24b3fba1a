//! Transforms as matrices: every layer's world matrix (its own times its
//! parents', once per frame), a transform's matrix with a layer's bound
//! rotation, scale and position, and 3D rotations projected flat.
//!
//! Pure arithmetic on the model: draws nothing, spends no budget, and
//! never walks a parent chain more than once per frame.

use std::f64::consts::PI;

use crate::geometry::{sin_cos, Affine, Vec2};
use crate::lottie::{Layer, Rotation3d, Transform};
use crate::overrides::{LayerOverride, Overrides};

/// Every layer's matrix times its parents', all at `frame`, each layer's
/// own transform evaluated once (a long parent chain costs O(n), not O(n²)).
pub(super) fn world_matrices(layers: &[Layer], frame: f64, overrides: &Overrides) -> Vec<Affine> {
    let mut world: Vec<Option<Affine>> = vec![None; layers.len()];
    let mut chain = Vec::new();
    for start in 0..layers.len() {
        // Walk up to the first layer whose world matrix is known (or a root).
        let mut at = Some(start);
        let mut base = Affine::IDENTITY;
        while let Some(i) = at {
            if let Some(Some(known)) = world.get(i) {
                base = *known;
                break;
            }
            // Import cut every cycle; the length bound only guards a bug.
            if chain.len() > layers.len() {
                break;
            }
            chain.push(i);
            at = layers.get(i).and_then(|l| l.parent);
        }
        // Then fold back down, parent first.
        while let Some(i) = chain.pop() {
            if let Some(layer) = layers.get(i) {
                let bound = overrides.layer(layer.uid);
                base = base * transform_matrix_bound(&layer.transform, frame, bound);
            }
            if let Some(slot) = world.get_mut(i) {
                *slot = Some(base);
            }
        }
    }
    world.into_iter().map(Option::unwrap_or_default).collect()
}

/// `translate(position) · rotate · skew · scale · translate(−anchor)`, as
/// After Effects and lottie-web compose them.
pub fn transform_matrix(t: &Transform, frame: f64) -> Affine {
    transform_matrix_bound(t, frame, None)
}

/// [`transform_matrix`], with a layer's bound rotation, scale and
/// position in place of its own.
fn transform_matrix_bound(t: &Transform, frame: f64, bound: Option<&LayerOverride>) -> Affine {
    let anchor = t.anchor.at(frame);
    let mut position = t.position.at(frame);
    let mut scale = t.scale.at(frame);
    let mut degrees = t.rotation.at(frame);
    if let Some(bound) = bound {
        degrees = bound.rotation.unwrap_or(degrees);
        let [x, y] = bound.scale;
        scale = Vec2::new(x.unwrap_or(scale.x), y.unwrap_or(scale.y));
        position.x = bound.position[0].unwrap_or(position.x);
        position.y = bound.position[1].unwrap_or(position.y);
    }
    let mut rotation = degrees * PI / 180.0;
    if t.auto_orient {
        rotation += t.position.direction(frame);
    }
    let skew = t.skew.at(frame) * PI / 180.0;
    let skew_axis = t.skew_axis.at(frame) * PI / 180.0;
    let rotate = match &t.rotation_3d {
        Some(r3) if crate::FULL => rotation_projected(rotation, r3, frame),
        _ => Affine::rotate(rotation),
    };
    Affine::translate(position.x, position.y)
        * rotate
        * Affine::skew(skew, skew_axis)
        * Affine::scale(scale.x / 100.0, scale.y / 100.0)
        * Affine::translate(-anchor.x, -anchor.y)
}

/// A 3D layer's rotation projected flat, as lottie-web's SVG renderer
/// draws it: Z (`rotation`, radians), then Y, X and the orientation's Z, Y,
/// X, in lottie-web's order and signs, keeping the x and y parts.
fn rotation_projected(rotation: f64, r3: &Rotation3d, frame: f64) -> Affine {
    type M3 = [[f64; 3]; 3];
    let mul = |a: M3, b: M3| -> M3 {
        let mut out = [[0.0; 3]; 3];
        for (i, row) in out.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                *cell = (0..3)
                    .map(|k| {
                        a.get(i).and_then(|r| r.get(k)).copied().unwrap_or(0.0)
                            * b.get(k).and_then(|r| r.get(j)).copied().unwrap_or(0.0)
                    })
                    .sum();
            }
        }
        out
    };
    let z = |a: f64| -> M3 {
        let (s, c) = sin_cos(a);
        [[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]
    };
    let y = |a: f64| -> M3 {
        let (s, c) = sin_cos(a);
        [[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]]
    };
    let x = |a: f64| -> M3 {
        let (s, c) = sin_cos(a);
        [[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]]
    };
    let rad = |v: f64| v * PI / 180.0;
    let or = r3.orientation.at(frame);
    let m = [
        z(-rotation),
        y(rad(r3.y.at(frame))),
        x(rad(r3.x.at(frame))),
        z(-rad(or[2])),
        y(rad(or[1])),
        x(rad(or[0])),
    ]
    .into_iter()
    .fold([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], mul);
    // Row vectors (lottie-web's convention) to our column form.
    let at = |i: usize, j: usize| m.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0.0);
    Affine([at(0, 0), at(0, 1), at(1, 0), at(1, 1), 0.0, 0.0])
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
    use crate::display_list::DisplayItem;
    use crate::eval::evaluate;
    use crate::eval::test_helpers::doc;
    use crate::lottie::Composition;

    #[test]
    fn long_parent_chains_cost_linear_work() {
        let mut layers = Vec::new();
        for i in 1..=9_000 {
            let parent = if i < 9_000 {
                format!(r#","parent":{}"#, i + 1)
            } else {
                String::new()
            };
            layers.push(format!(
                r#"{{"ty":3,"ind":{i}{parent},"ks":{{"p":{{"k":[1,0]}}}}}}"#
            ));
        }
        layers.insert(
            0,
            r##"{"ty":1,"sc":"#000000","sw":1,"sh":1,"parent":1}"##.to_owned(),
        );
        let comp = Composition::from_json(&doc(&layers.join(","))).unwrap();
        let list = evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY);
        match &list.items[0] {
            DisplayItem::Fill { transform, .. } => assert_eq!(transform.0[4], 9_000.0),
            other => panic!("{other:?}"),
        }
    }
}
