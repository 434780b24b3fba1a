//! The Percus player: the page inside the iframe that turns a template and
//! one viewer's data into a playing animation.
//!
//! Data flows one way, each step a module that can be tested alone:
//! `protocol` (messages in) → `template` (manifest + [`lottie`] model, loaded
//! and validated before any data) → binding ([`binding_engine`]) →
//! [`eval`] (one frame into a [`display_list`]) → a [`display_list::Backend`]
//! (Canvas2D in the browser, [`recording`] in tests). Only `web` (wasm32)
//! touches the browser.
//!
//! The player must never send, store, log or keep a viewer's data: see
//! ARCHITECTURE.md for the invariants.
//!
//! Drawn so far: shape layers (groups, rect, ellipse, polystar, path; solid
//! and gradient fills and strokes, dashes; trim paths, repeaters, pucker &
//! bloat, zig-zag, round corners), solids, embedded images, nulls, precomps
//! (time stretch, offset, remap), point text with the file's fonts,
//! transforms (parenting, skew, auto-orient, hold/linear/bezier easing,
//! motion paths), masks as clips, track mattes (offscreen), blend modes,
//! effects (fill, tint, tritone, drop shadow, gaussian blur).
//!
//! Unsupported so far (reported as import warnings, see docs/fidelity.md):
//! other effects, image files (only embedded data URIs are drawn), merge
//! paths, offset paths, mask opacity/feather/expansion, box text and text
//! animators, "individually" trims, expressions (static values are used).

pub mod display_list;
pub mod eval;
pub mod geometry;
pub mod lottie;
pub mod modifiers;
pub mod protocol;
pub mod recording;
pub mod report;
pub mod template;
pub mod text_layout;
pub mod trim;

#[cfg(target_arch = "wasm32")]
pub mod web;
