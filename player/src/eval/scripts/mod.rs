//! Expressions at a frame (feature `expressions`, full player only): the
//! pass that runs, before the frame is walked, the scripts of every layer
//! list the frame shows, at the frame each list is shown at (a precomp's
//! own time), and leaves their values in `lottie::script_values`' table,
//! where `Animated::at` finds them. A script that reads another scripted
//! property runs that one first (`ensure`), once per frame at each time it
//! is shown; a script that
//! fails, runs out of steps or reads itself in a cycle gives the property
//! without its expression, as lottie-web draws a property whose
//! expression throws.
//!
//! The After Effects object model the scripts see is `host` (layers,
//! transforms, effects, the property's own keyframes), with `content`
//! (shape groups and items), `groups` (`propertyGroup(n)` and
//! `propertyIndex`), `properties` (transform properties by their many
//! names and indices) and `paths` (paths and `createPath`: a path's
//! script gives a path, kept in the table beside the numbers); `keys`
//! holds the keyframe functions (`loopOut`, `key(n)`, `velocityAtTime`…).
//!
//! Must never reach outside the animation (bound texts and the viewer's
//! values are not readable: bound layers are read as the file has them),
//! nor take more than [`STEPS_PER_FRAME`] steps per frame in all.

mod content;
mod groups;
mod host;
mod keys;
mod paths;
mod properties;

use std::cell::RefCell;

use super::layers::precomp_frame;
use super::MAX_PRECOMP_DEPTH;
use crate::expressions::{Budget, Clock, Engine};
use crate::lottie::script_values::{self as scripted, Numbers};
use crate::lottie::scripted::{Scripts, PATH_SCRIPT};
use crate::lottie::{Composition, Layer, LayerKind};

/// Steps all of a frame's scripts may take together (a step is one
/// expression node, loop turn or call): about a millisecond of the
/// heaviest real rigs is a few thousand.
pub(super) const STEPS_PER_FRAME: u32 = 2_000_000;
/// Steps one script may take at a frame (the scripts it reads included):
/// a runaway loop costs a tenth of the frame's, not all of it.
const STEPS_PER_SCRIPT: u32 = STEPS_PER_FRAME / 10;
/// How deep scripts may read scripts that read scripts.
const MAX_SCRIPT_NESTING: usize = 16;

/// Runs the scripts `comp`'s frame `frame` shows, into the table.
pub(super) fn run_frame(comp: &Composition, frame: f64) {
    let scripts = &comp.scripts;
    if scripts.list.is_empty() {
        return;
    }
    scripted::clear(scripts.list.len());
    let mut runner = Runner {
        comp,
        scripts,
        // `try_with` and `try_borrow_mut`: `with`, `take` and `replace`
        // keep a panic site each (-47 B gzip for `try_with`, measured).
        engines: ENGINES
            .try_with(|e| {
                e.try_borrow_mut()
                    .map(|mut e| std::mem::take(&mut *e))
                    .unwrap_or_default()
            })
            .unwrap_or_default(),
        running: Vec::new(),
        shown: Vec::new(),
        list_frames: vec![None; scripts.lists.len()],
    };
    if let Some(root) = runner.list_frames.first_mut() {
        *root = Some(frame);
    }
    let mut budget = Budget {
        steps: STEPS_PER_FRAME,
    };
    runner.list(&comp.layers, frame, 0, &mut budget);
    let _ = ENGINES.try_with(|e| {
        if let Ok(mut e) = e.try_borrow_mut() {
            *e = runner.engines;
        }
    });
}

thread_local! {
    /// The engines of the last frame, kept for the next (their heaps and
    /// frames keep their capacity): one per nesting level. What they keep
    /// is small: each run starts by dropping the arrays, objects and
    /// strings of the last one.
    static ENGINES: RefCell<Vec<Engine>> = const { RefCell::new(Vec::new()) };
}

/// The pass over one frame.
struct Runner<'a> {
    comp: &'a Composition,
    scripts: &'a Scripts,
    /// One engine per nesting level, reused.
    engines: Vec<Engine>,
    /// The scripts running now (a cycle reads the property as it is).
    running: Vec<u32>,
    /// The precomps walked this frame, at which of their frames: a precomp
    /// shown many times at one frame runs its scripts once.
    shown: Vec<(usize, u64)>,
    /// By layer list: the frame the pass first showed it at (what
    /// `comp(name)` reads another composition at).
    list_frames: Vec<Option<f64>>,
}

impl<'a> Runner<'a> {
    /// Runs the scripts of `layers` at `frame`, and of the precomps they
    /// show at theirs.
    fn list(&mut self, layers: &'a [Layer], frame: f64, depth: usize, budget: &mut Budget) {
        for layer in layers {
            if budget.steps == 0 {
                return;
            }
            budget.steps -= 1;
            self.layer_scripts(layer.uid, frame, budget);
            let LayerKind::Precomp {
                comp, time_remap, ..
            } = &layer.kind
            else {
                continue;
            };
            let shown = frame >= layer.in_point && frame < layer.out_point;
            let Some(children) = self.comp.precomps.get(*comp) else {
                continue;
            };
            if shown && depth < MAX_PRECOMP_DEPTH && self.scripts.reaches(*comp + 1) {
                let child = precomp_frame(layer, time_remap.as_ref(), frame, self.comp.frame_rate);
                let key = (*comp, child.to_bits());
                if !self.shown.contains(&key) {
                    self.shown.push(key);
                    if let Some(first @ None) = self.list_frames.get_mut(*comp + 1) {
                        *first = Some(child);
                    }
                    self.list(children, child, depth + 1, budget);
                }
            }
        }
    }

    /// Runs every script of layer `uid` at `frame` (those that have not).
    fn layer_scripts(&mut self, uid: usize, frame: f64, budget: &mut Budget) {
        let Some(facts) = self.scripts.layers.get(uid) else {
            return;
        };
        for id in facts.scripts.0..facts.scripts.1 {
            // A step each, run or not: a layer's scripts are bounded work.
            if budget.steps == 0 {
                return;
            }
            budget.steps -= 1;
            self.ensure(id, frame, budget);
        }
    }

    /// Runs script `id` at `frame` unless it ran there, runs now (a
    /// cycle), or scripts nest too deep; records its value, or the
    /// property's own where it fails.
    fn ensure(&mut self, id: u32, frame: f64, budget: &mut Budget) {
        let nested = self.running.len() >= MAX_SCRIPT_NESTING;
        if nested || self.running.contains(&id) || scripted::value(id, frame).is_some() {
            return;
        }
        let scripts = self.scripts;
        let Some(script) = scripts.list.get(id as usize) else {
            return;
        };
        let fallback = script.base.at(frame);
        self.running.push(id);
        let mut engine = self.engines.pop().unwrap_or_default();
        let clock = Clock {
            time: frame / self.comp.frame_rate,
            frame_rate: self.comp.frame_rate,
            seed: f64::from(id),
        };
        let mut own = Budget {
            steps: budget.steps.min(STEPS_PER_SCRIPT),
        };
        let given = own.steps;
        let value = host::Ae::new(self, id, frame).and_then(|mut ae| {
            let result = engine.run(&script.program, &mut ae, clock, &mut own);
            let value = if script.dims == PATH_SCRIPT {
                // A path: its own table; the numbers are unused.
                result
                    .ok()
                    .and_then(|r| ae.path_result(r, &mut own))
                    .map(|path| scripted::set_path(id, frame, path))
                    .map(|()| fallback)
            } else if script.dims == 0 {
                // A source text: its text, as lottie-web's `toString()`.
                result
                    .ok()
                    .and_then(|r| engine.to_text(&script.program, r))
                    .map(|text| scripted::set_text(id, frame, text))
                    .map(|()| fallback)
            } else {
                result
                    .ok()
                    .and_then(|r| ae.numbers(&engine, r, fallback, &mut own))
            };
            #[cfg(any(feature = "frame", not(target_arch = "wasm32")))]
            if value.is_none() {
                scripted::fail(id, ae.why(result.err()));
            }
            value
        });
        budget.steps -= given - own.steps;
        self.engines.push(engine);
        self.running.pop();
        scripted::set(id, frame, value.unwrap_or(fallback));
    }
}

impl Scripts {
    /// Whether layer list `list` (0: the root, `c + 1`: precomp `c`) or a
    /// precomp it shows has scripts.
    fn reaches(&self, list: usize) -> bool {
        self.lists.get(list).copied().unwrap_or(false)
    }
}

/// A value's first components over the property's own (`fallback`): a
/// script giving fewer numbers than the property has leaves the rest.
fn over(fallback: Numbers, numbers: &[f64]) -> Numbers {
    let mut out = fallback;
    for (slot, n) in out.iter_mut().zip(numbers) {
        *slot = *n;
    }
    out
}
