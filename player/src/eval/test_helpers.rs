//! Helpers shared by the evaluator's tests: a one-layer document, a frame
//! drawn through the recording backend, and a fill's path.
//!
//! Tests only: never compiled into the player.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use super::evaluate;
use crate::display_list::DisplayItem;
use crate::geometry::{Affine, Path};
use crate::lottie::Composition;
use crate::overrides::Overrides;
use crate::recording::RecordingBackend;

pub(super) fn draw(json: &str, frame: f64, overrides: &Overrides) -> Vec<String> {
    let comp = Composition::from_json(json).unwrap();
    let list = evaluate(&comp, frame, overrides, Affine::IDENTITY);
    let mut rec = RecordingBackend::default();
    list.replay(&mut rec, None);
    rec.lines.split_off(1)
}

/// The first two words of each drawn line: what was drawn, roughly.
pub(super) fn kinds(json: &str) -> Vec<String> {
    draw(json, 0.0, &Overrides::default())
        .iter()
        .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect()
}

pub(super) fn doc(layers: &str) -> String {
    format!(r#"{{"w":100,"h":100,"fr":10,"ip":0,"op":20,"layers":[{layers}]}}"#)
}

pub(super) const RED: &str = r#"{"ty":"fl","c":{"k":[1,0,0,1]},"o":{"k":100}}"#;
pub(super) const BLUE: &str = r#"{"ty":"fl","c":{"k":[0,0,1,1]},"o":{"k":50}}"#;

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
