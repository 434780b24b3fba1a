//! The values scripts gave at the frame being drawn (feature
//! `expressions`): a table the evaluator's pre-pass (`eval::scripts`)
//! fills before it walks the frame and `Animated::at` reads, by script id
//! and frame (a precomp shown at several times has a value for each). One
//! table per thread (the player draws on one), replaced at every frame: a
//! property whose script gave nothing at a frame is drawn without its
//! expression. Also, for the compatibility report, why scripts fell back.
//!
//! Must never hold anything but numbers and reasons: no viewer value
//! reaches a script.

use std::cell::RefCell;

/// A property's numbers, as expressions see them: up to four components.
pub type Numbers = [f64; 4];

/// Values computed at one frame (or, for a precomp shown at several
/// times, at each of its frames).
#[derive(Default)]
struct FrameValues {
    /// By script id: (frame, value) pairs of this pass.
    values: Vec<Vec<(f64, Numbers)>>,
}

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
    VALUES.with(|v| {
        let mut v = v.borrow_mut();
        v.values.iter_mut().for_each(Vec::clear);
        v.values.resize_with(count, Vec::new);
    });
}

/// Records what script `id` gave at `frame`.
pub fn set(id: u32, frame: f64, value: Numbers) {
    VALUES.with(|v| {
        if let Some(list) = v.borrow_mut().values.get_mut(id as usize) {
            list.push((frame, value));
        }
    });
}

/// What script `id` gave at `frame` in this pass, if it ran there.
pub fn value(id: u32, frame: f64) -> Option<Numbers> {
    VALUES.with(|v| {
        v.borrow()
            .values
            .get(id as usize)?
            .iter()
            .find(|(f, _)| *f == frame)
            .map(|(_, n)| *n)
    })
}
