//! Helpers shared by the evaluator's inline tests: a one-layer document and
//! a fill's path. Behaviours seen in the drawn display list are fixtures
//! instead (tests/eval/, checked by tests/eval.rs).
//!
//! Tests only: never compiled into the player.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use super::evaluate;
use crate::display_list::DisplayItem;
use crate::geometry::{Affine, Path};
use crate::lottie::Composition;
use crate::overrides::Overrides;

pub(super) fn doc(layers: &str) -> String {
    format!(r#"{{"w":100,"h":100,"fr":10,"ip":0,"op":20,"layers":[{layers}]}}"#)
}

pub(super) const RED: &str = r#"{"ty":"fl","c":{"k":[1,0,0,1]},"o":{"k":100}}"#;

/// The path of the `index`th fill of a one-layer file with `shapes`.
pub(super) fn filled_path(shapes: &str, index: usize) -> Path {
    let comp = Composition::from_json(&doc(&format!(r#"{{"ty":4,"shapes":[{shapes}]}}"#))).unwrap();
    let list = evaluate(&comp, 0.0, &Overrides::default(), Affine::IDENTITY);
    let fills: Vec<_> = list
        .items
        .iter()
        .filter_map(|item| match item {
            DisplayItem::Fill { path, .. } => Some(Path::clone(path)),
            _ => None,
        })
        .collect();
    fills[index].clone()
}
