//! The Percus player: the page inside the iframe that turns a template and
//! one viewer's data into a playing animation.
//!
//! Data flows one way, each step a module that can be tested alone:
//! `protocol` (messages in) → `template` (manifest + [`lottie`] model, loaded
//! and validated before any data) → binding ([`binding_engine`], into
//! [`overrides`]) → [`eval`] (one frame into a [`display_list`]) → a
//! [`display_list::Backend`] (Canvas2D in the browser, [`recording`] in
//! tests). Only `web` (wasm32) touches the browser.
//!
//! The player must never send, store, log or keep a viewer's data: see
//! ARCHITECTURE.md for the invariants.
//!
//! Drawn: shape layers (groups, rect, ellipse, polystar, path; solid and
//! gradient fills and strokes, dashes; trim paths (simultaneously and
//! individually), repeaters, merge paths, pucker &
//! bloat, zig-zag, round corners, offset paths), solids, images (embedded, or files of the template package), nulls, precomps
//! (time stretch, offset, remap), text (the file's fonts or its glyph
//! outlines; box text, tracking, caps, stroke, text animators with range
//! selectors), transforms (parenting, skew, auto-orient, 3D rotations
//! projected flat, hold/linear/bezier easing, motion paths), masks (clips,
//! or alpha mattes with opacity, expansion and feather), track mattes, blend modes,
//! effects (fill, tint, tritone, stroke, drop shadow, gaussian blur, transform), slots,
//! markers.
//!
//! The lite build ([`FULL`] false, what the player page loads first)
//! refuses, rather than draws differently, what only the full build draws:
//! docs/templates.md, "Which player a template gets".
//!
//! Expressions run in the full build without `eval` ([`expressions`], the
//! language; `eval::scripts`, the After Effects object model); what its
//! model lacks falls back to the static value, and `report` says which.
//!
//! Not drawn yet (reported as import warnings and by `report`, see
//! docs/fidelity.md): text on a path,
//! expression selectors, other
//! effects.

/// Whether this build draws everything (feature `full`, the default). The
/// lite build, which the player page loads first, leaves out what few
/// templates use, and refuses (rather than draws differently) a template
/// that uses any of it, before anything is drawn; the page then loads the
/// full player. This is the one place the list is written for the code
/// (player/Cargo.toml, ARCHITECTURE.md and `template::full_only` point
/// here; docs/templates.md explains it to designers in their words; and
/// `tests/lite_player.rs` checks that it names every reason the code gives,
/// and nothing else):
///
/// - in the animation (the importer's `Composition::full_only`, failing
///   with [`lottie::LoadError::NeedsFull`]): effects, path modifiers (merge,
///   offset, pucker & bloat, round corners, zig-zag), repeaters, trims of
///   paths one after another, luma mattes, masks with opacity, expansion,
///   feather or inversion, or adds after other masks, text animators, text
///   on a path, glyph text, 3D rotations, slots, data lottie-web completed (`__complete`: absolute path tangents),
///   files from Bodymovin before 4.4.18 (colours in 0..=255, `closed`),
///   counter-clockwise rectangles or ellipses (`d: 3`), blend modes (a
///   layer's `bm`: its drawing blends as one group), expressions (run
///   by the full player's engine, feature `expressions`);
/// - in the manifest ([`template::full_only`], before the animation is
///   fetched): a background video, a viewer's image, bindings to anything
///   but texts (slots too, so the lite build leaves out the binding
///   engine's `values` feature, a choice's slot value per option), actions
///   or chapters (docs/interaction.md: hit-testing, the actions' buttons,
///   choices and chapters).
///
/// A constant, not `cfg`, so that both builds compile (and are linted) the
/// same code; the lite one's optimiser drops what the constant turns off.
pub const FULL: bool = cfg!(feature = "full");

/// Why a template needs the full player, as `what` says it (one of the
/// reasons [`FULL`]'s list names); empty in the shipped players, which only
/// need to know that it does: the reasons are for the report, the check
/// and the frame page (240 B gzip of the lite player's strings).
pub(crate) fn full_reason(what: &'static str) -> &'static str {
    if cfg!(any(feature = "frame", not(target_arch = "wasm32"))) {
        what
    } else {
        ""
    }
}

pub mod actions;
pub mod captions;
pub mod check;
pub mod display_list;
#[cfg(any(feature = "dotlottie", not(target_arch = "wasm32")))]
pub mod dotlottie;
pub mod eval;
#[cfg(feature = "expressions")]
pub mod expressions;
pub mod geometry;
pub mod hit;
pub mod image_size;
pub mod lottie;
pub mod merge_paths;
pub mod modifiers;
pub mod overrides;
pub mod playback;
pub mod protocol;
pub mod recording;
pub mod report;
#[cfg(any(feature = "dotlottie", not(target_arch = "wasm32")))]
pub mod sha256;
pub mod template;
pub mod text_layout;
pub mod text_path;
pub mod trim;

#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(target_arch = "wasm32")]
pub mod wiping;

/// Talc instead of Rust's default dlmalloc: several KB smaller in the
/// shipped wasm, and faster (docs/benchmarks.md, "Shipped bytes"); every
/// freed block zeroed ([`wiping`]).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: wiping::Wiping<talc::wasm::WasmDynamicTalc> =
    wiping::Wiping(talc::wasm::new_wasm_dynamic_allocator());
