//! The browser edge of the player (wasm32 only): boots from player.html,
//! talks to the host, loads the template, binds INIT data and plays.
//!
//! The lifecycle: boot → load the template (before any data) → READY →
//! CONNECT (v2: the host's MessagePort, then everything goes through it) →
//! INIT (from the host only) → bind → drop the data object → draw frames
//! with requestAnimationFrame while playing → RENDERED after the first one;
//! PLAY/PAUSE/SEEK move the [`crate::playback::Playback`] clock, DESTROY
//! wipes, stops and releases everything the page holds for the template.
//!
//! Every module here must never log, store, or send anywhere a data value;
//! errors go to the host as codes via `host::Host::error`. A browser call
//! whose failure is ignored says so through `best_effort::BestEffort`,
//! the one policy for it.
//!
//! The player page:
//! - `boot`: the wasm entry points (`boot`, `fullUnavailable`), the panic
//!   hook, the page's URL.
//! - `app`: the listeners and observer that feed the player, held until
//!   DESTROY.
//! - `player`: the state of the template being played and the changes its
//!   parts share.
//! - `commands`: the host's messages and each command, DESTROY's wipe.
//! - `init`: INIT's options and the binding of its data.
//! - `frame_loop`: the requestAnimationFrame loop, visibility.
//! - `host`: every message to the host, the check of every one from it.
//! - `loader`, `video`, `data`, `images`, `intl`: fetching and checking the
//!   package, the background video, INIT's data, its images, `Intl`.
//! - `stage`, `canvas`: the canvas and the Canvas2D backend.
//! - `interactive`, `interaction`, `action_buttons` (full build only): a
//!   template's actions and chapters (docs/interaction.md): their state,
//!   what a click or a key does, the buttons for keyboards and screen
//!   readers. (PROGRESS and REPLAY, sent for every template, are
//!   `player`'s; SEGMENT is `commands`'.)
//! - `best_effort`: the policy for browser calls whose failure is ignored.
//!
//! Other pages (feature `frame`): `frame` (www/frame.html), `preview` (the
//! designer preview).

#[cfg(feature = "full")]
mod action_buttons;
mod app;
mod best_effort;
mod boot;
mod canvas;
mod commands;
mod data;
#[cfg(feature = "frame")]
mod frame;
mod frame_loop;
mod host;
mod images;
mod init;
#[cfg(feature = "full")]
mod interaction;
#[cfg(feature = "full")]
mod interactive;
mod intl;
mod loader;
mod player;
#[cfg(feature = "frame")]
mod preview;
mod stage;
mod video;

pub use boot::{boot, full_unavailable};
#[cfg(feature = "frame")]
pub use frame::{warm_up, FrameRenderer};
#[cfg(feature = "frame")]
pub use preview::PreviewRenderer;
pub use stage::Stage;
