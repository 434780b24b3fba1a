//! The BindingEngine: turns a designer's template manifest plus one viewer's
//! data into the texts, colours, numbers, flags and images that the player
//! puts into the template.
//!
//! Owns: the manifest format (versioned, see `docs/manifest.md`), its
//! validation against a template's outline, and binding.
//!
//! Must never: touch a web API (no web-sys; it is tested natively), log,
//! store or format a data *value* into an error, or keep a value longer than
//! the [`Bound`] that holds it. Errors name fields, never their contents.
//!
//! Pipeline: [`Manifest::parse`] (template load) → [`Manifest::validate`]
//! against the template's [`OutlineLayer`]s (template load, before any data)
//! → [`Manifest::bind`] with a [`DataSource`] (once per viewer) → [`Bound`],
//! one [`BoundValue`] per binding.
//!
//! Also [`json`]: the JSON parser and writer of the workspace (the player's
//! Lottie import uses it too), small enough for the shipped wasm.
//!

mod bind;
mod data;
mod error;
pub mod format;
pub mod json;
mod json_reader;
mod manifest;
mod secret;
mod text_template;

pub use bind::{Bound, BoundValue};
pub use data::{DataSource, DataValue};
pub use error::{BindError, BindErrorCode, ManifestError, Problem};
pub use manifest::{
    is_package_path, Asset, Binding, Field, FieldType, Manifest, Outline, OutlineLayer,
    OutlineLayerKind, OutlineSlot, Property, SlotKind, Source, Target, TextFit, MANIFEST_VERSION,
    MAX_BINDINGS, MAX_BOUND_CHARS, MAX_FIELDS, MAX_IMAGE_BYTES,
};
pub use secret::SecretText;
pub use text_template::{Segment, TemplateSyntaxError, TextTemplate};
