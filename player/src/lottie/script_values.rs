//! The values scripts gave at the frame being drawn (feature
//! `expressions`): a table the evaluator's pre-pass (`eval::scripts`)
//! fills before it walks the frame and `Animated::at` reads, by script id
//! and frame (a precomp shown at several times has a value for each). One
//! table per thread (the player draws on one), replaced at every frame: a
//! property whose script gave nothing at a frame is drawn without its
//! expression. Also the texts that source-text scripts gave, the paths
//! that path scripts gave, and, for the compatibility report, why scripts
//! fell back.
//!
//! Must never hold anything but what scripts computed from the file, and
//! reasons: no viewer value reaches a script.

use std::cell::RefCell;
use std::rc::Rc;

use binding_engine::SecretText;

use super::BezierShape;

/// A property's numbers, as expressions see them: up to four components.
pub type Numbers = [f64; 4];

/// Values computed at one frame (or, for a precomp shown at several
/// times, at each of its frames).
#[derive(Default)]
struct FrameValues {
    /// By script id: (frame, value) pairs of this pass.
    values: Vec<Vec<(f64, Numbers)>>,
    /// What source-text scripts gave, by script id: (frame, text) pairs.
    texts: Vec<Vec<(f64, Rc<SecretText>)>>,
    /// The last pass's: a text that did not change is the same shared
    /// copy, so the display list is equal and the frame is not redrawn.
    last_texts: Vec<Vec<(f64, Rc<SecretText>)>>,
    /// What path scripts gave, by script id: (frame, path) pairs.
    paths: Vec<Vec<(f64, BezierShape)>>,
}

// Reached with `try_with` and `try_borrow`, never `with` and `borrow`:
// their panics (`with`'s `expect` keeps `AccessError`'s formatting) made
// the full player 233 B gzip larger (measured, 2026-12-05).
thread_local! {
    static VALUES: RefCell<FrameValues> = RefCell::new(FrameValues::default());
}

#[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
thread_local! {
    /// Why scripts fell back, by id, since [`take_failures`] (for the
    /// compatibility report; not in the shipped players).
    static FAILURES: RefCell<Vec<(u32, String)>> = const { RefCell::new(Vec::new()) };
}

/// Notes that script `id` fell back, and why (the first reason is kept).
#[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
pub fn fail(id: u32, why: String) {
    FAILURES.with(|f| {
        let mut f = f.borrow_mut();
        if f.len() < 10_000 && !f.iter().any(|(i, _)| *i == id) {
            f.push((id, why));
        }
    });
}

/// The scripts that fell back since the last call, and why.
#[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
pub fn take_failures() -> Vec<(u32, String)> {
    FAILURES.with(|f| std::mem::take(&mut *f.borrow_mut()))
}

/// Starts a frame: forgets every value, for `count` scripts.
pub fn clear(count: usize) {
    let _ = VALUES.try_with(|v| {
        let Ok(mut v) = v.try_borrow_mut() else {
            return;
        };
        v.values.iter_mut().for_each(Vec::clear);
        let v = &mut *v;
        std::mem::swap(&mut v.texts, &mut v.last_texts);
        v.texts.iter_mut().for_each(Vec::clear);
        v.texts.resize_with(count, Vec::new);
        v.values.resize_with(count, Vec::new);
        v.paths.iter_mut().for_each(Vec::clear);
        v.paths.resize_with(count, Vec::new);
    });
}

/// Records what script `id` gave at `frame`.
pub fn set(id: u32, frame: f64, value: Numbers) {
    record(|v| v.values.get_mut(id as usize), frame, value);
}

/// Adds `value` at `frame` to the list `list` picks from this pass's
/// table.
fn record<T>(
    list: impl FnOnce(&mut FrameValues) -> Option<&mut Vec<(f64, T)>>,
    frame: f64,
    value: T,
) {
    let _ = VALUES.try_with(|v| {
        if let Some(list) = v.try_borrow_mut().ok().as_deref_mut().and_then(list) {
            list.push((frame, value));
        }
    });
}

/// What script `id` gave at `frame` in this pass, if it ran there.
pub fn value(id: u32, frame: f64) -> Option<Numbers> {
    at_frame(|v| v.values.get(id as usize), frame)
}

/// The entry for `frame` of the list `list` picks from this pass's table.
fn at_frame<T: Clone>(
    list: impl FnOnce(&FrameValues) -> Option<&Vec<(f64, T)>>,
    frame: f64,
) -> Option<T> {
    VALUES
        .try_with(|v| {
            list(&*v.try_borrow().ok()?)?
                .iter()
                .find(|(f, _)| *f == frame)
                .map(|(_, t)| t.clone())
        })
        .ok()?
}

/// Records the text source-text script `id` gave at `frame`.
pub fn set_text(id: u32, frame: f64, text: String) {
    let _ = VALUES.try_with(|v| {
        let Ok(mut v) = v.try_borrow_mut() else {
            return;
        };
        let v = &mut *v;
        let same = v
            .last_texts
            .get(id as usize)
            .and_then(|last| last.iter().find(|(_, t)| t.expose() == text))
            .map(|(_, t)| Rc::clone(t));
        let text = same.unwrap_or_else(|| Rc::new(SecretText::new(text)));
        // One per frame the script's layer is shown at (`ensure` runs it
        // once at each).
        if let Some(list) = v.texts.get_mut(id as usize) {
            list.push((frame, text));
        }
    });
}

/// The text source-text script `id` gave at `frame` in this pass.
pub fn text(id: u32, frame: f64) -> Option<Rc<SecretText>> {
    at_frame(|v| v.texts.get(id as usize), frame)
}

/// Records the path path script `id` gave at `frame`.
pub fn set_path(id: u32, frame: f64, path: BezierShape) {
    record(|v| v.paths.get_mut(id as usize), frame, path);
}

/// The path path script `id` gave at `frame` in this pass.
pub fn path(id: u32, frame: f64) -> Option<BezierShape> {
    at_frame(|v| v.paths.get(id as usize), frame)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    /// A source text that did not change from the last frame is the same
    /// shared copy (the display list is equal: the frame is not redrawn);
    /// a changed one is new.
    #[test]
    fn an_unchanged_source_text_is_the_same_copy() {
        clear(1);
        set_text(0, 1.0, "10+".into());
        let first = text(0, 1.0).unwrap();
        clear(1);
        set_text(0, 2.0, "10+".into());
        assert!(Rc::ptr_eq(&first, &text(0, 2.0).unwrap()));
        assert!(text(0, 1.0).is_none());
        clear(1);
        set_text(0, 3.0, "11+".into());
        assert_eq!(text(0, 3.0).unwrap().expose(), "11+");
    }
}
