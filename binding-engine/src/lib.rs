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
//! Modules, each using only the ones above it (`module_order` below checks
//! it; tests may use anything):
//!
//! - `chars`, `error`, `json`, `secret`, `text_template`: use nothing of
//!   the crate.
//! - `format` ← `json`: typed values and the [`format::Formatter`].
//! - `json_reader` ← `json`, `error`: the strict reader, with JSON paths.
//! - `data` ← `json`, `secret`, `chars`: the [`DataSource`] trait.
//! - `field` ← `data`, `format`, `json_reader`, …: [`Field`]s, reading and
//!   judging their declarations, and the check of a value against one.
//! - `manifest` ← `field`, `text_template`, …: the [`Manifest`]'s types,
//!   and [`Manifest::validate`].
//! - `read` ← `manifest`, `field`, …: a manifest's JSON into raw
//!   declarations.
//! - `resolve` ← `read`, `manifest`, `field`, …: raw declarations into a
//!   [`Manifest`]; [`Manifest::parse`] is read, then resolve.
//! - `interaction` ← `resolve`, `manifest`, `json_reader`, …: a template's
//!   `actions` and `chapters` ([`Interaction`], docs/interaction.md), read
//!   by the full player only.
//! - `bind` ← `manifest`, `field`, `data`, …: [`Manifest::bind`].
//!
//! In short: `json` ← `field` ← `manifest` ← `read` ← `resolve`, and
//! `manifest` ← `bind`; `data` and `format` under `field`. This crate root
//! only re-exports.

mod bind;
mod chars;
mod data;
mod error;
mod field;
pub mod format;
mod interaction;
pub mod json;
mod json_reader;
mod manifest;
mod read;
mod resolve;
mod secret;
mod text_template;

pub use bind::{Bound, BoundValue};
pub use chars::{char_count, find, split_ascii};
pub use data::{DataSource, DataValue};
pub use error::{BindError, BindErrorCode, ManifestError, Problem};
pub use field::{Field, FieldType, MAX_IMAGE_BYTES};
pub use interaction::{
    is_fixed_https_url, Action, ActionKind, Chapter, FrameRange, Interaction, SegmentEnd,
    MAX_ACTIONS, MAX_CHAPTERS,
};
pub use manifest::{
    is_package_path, Asset, Binding, Manifest, Outline, OutlineLayer, OutlineLayerKind,
    OutlineSlot, Property, SlotKind, SlotValue, Source, Target, TextFit, MANIFEST_VERSION,
    MAX_BINDINGS, MAX_BOUND_CHARS, MAX_FIELDS,
};
pub use secret::SecretText;
pub use text_template::{Segment, TemplateSyntaxError, TextTemplate};

#[cfg(test)]
mod module_order {
    #![allow(clippy::indexing_slicing, reason = "tests")]

    /// Every module, after all the ones it uses (the list in the crate doc).
    const ORDER: &[(&str, &str)] = &[
        ("chars", include_str!("chars.rs")),
        ("error", include_str!("error.rs")),
        ("json", include_str!("json.rs")),
        ("secret", include_str!("secret.rs")),
        ("text_template", include_str!("text_template.rs")),
        ("format", include_str!("format.rs")),
        ("json_reader", include_str!("json_reader.rs")),
        ("data", include_str!("data.rs")),
        ("field", include_str!("field.rs")),
        ("manifest", include_str!("manifest.rs")),
        ("read", include_str!("read.rs")),
        ("resolve", include_str!("resolve.rs")),
        ("interaction", include_str!("interaction.rs")),
        ("bind", include_str!("bind.rs")),
    ];

    #[test]
    fn modules_use_only_the_ones_before_them() {
        for (at, (module, source)) in ORDER.iter().enumerate() {
            // The code before the tests, without comments (doc links may
            // point anywhere).
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            let code = code.lines().filter(|l| !l.trim_start().starts_with("//"));
            for line in code {
                for (i, _) in line.match_indices("crate::") {
                    let used: String = line[i + "crate::".len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    // A module path (not a re-export), earlier in the list.
                    let before = ORDER[..at].iter().any(|(m, _)| *m == used);
                    assert!(
                        before || used == *module,
                        "{module} uses crate::{used}: {line}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_module_is_in_the_order() {
        let declared = include_str!("lib.rs")
            .lines()
            .filter_map(|l| l.strip_prefix("mod ").or(l.strip_prefix("pub mod ")))
            .filter_map(|l| l.strip_suffix(';'))
            .filter(|m| !m.contains(' '));
        for module in declared {
            assert!(ORDER.iter().any(|(m, _)| *m == module), "{module}");
        }
    }
}
