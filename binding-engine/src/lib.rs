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

/// How many characters (Unicode scalar values) `text` has: `chars().count()`
/// without core's word-at-a-time counter, which is most of a kilobyte of
/// shipped wasm for strings that are short here.
pub fn char_count(text: &str) -> usize {
    // Every byte but a UTF-8 continuation byte (0b10xx_xxxx) starts one.
    text.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// `text` split at every `separator` (an ASCII byte, so every piece is
/// whole characters): `str::split` without core's pattern searchers, which
/// cost the shipped wasm a kilobyte for the few short strings split here.
pub fn split_ascii(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.bytes().position(|b| b == separator) {
            Some(at) => {
                rest = current.get(at + 1..);
                current.get(..at)
            }
            None => rest.take(),
        }
    })
}

#[cfg(test)]
mod text_tests {
    #[test]
    fn counts_scalar_values() {
        for text in ["", "Jane", "Zoë", "日本語", "👩‍👩‍👧", "e\u{301}"] {
            assert_eq!(super::char_count(text), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn splits_like_str_split() {
        for text in ["", "-", "a", "en-US", "-a--b-", "zoë-日本"] {
            let ours: Vec<&str> = super::split_ascii(text, b'-').collect();
            assert_eq!(ours, text.split('-').collect::<Vec<_>>(), "{text}");
        }
    }
}
