//! .lottie files (dotLottie v1 and v2) into template packages, so that no
//! player ever unzips: `zip` reads the archive (with caps), `package` its
//! manifest, animations, images, fonts and themes, `template` writes the
//! package (the animation, its files, a manifest skeleton, every file
//! hashed). Used by `percus-import` and `percus-check` natively and by the
//! designer preview (feature `dotlottie`, which `frame` turns on); never
//! in the shipped players.
//!
//! Must never fetch anything (a file that points outside the package is
//! refused: `url-outside-package`), panic on any input, or put a file's
//! content into an error or a note (codes and names only).

pub mod package;
pub mod template;
pub mod zip;

pub use template::{import, Imported};

/// Why a .lottie could not become a template package: a stable code and
/// what it is about (an entry, an animation id, an asset id), never data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The stable code.
    pub code: &'static str,
    /// What it is about (may be empty).
    pub name: String,
}

impl ImportError {
    pub(crate) fn new(code: &'static str, name: &str) -> Self {
        Self {
            code,
            name: name.to_owned(),
        }
    }
}

/// Something the import left out or decided, for the designer to read: a
/// stable code (`theme-rule-skipped`, `theme-missing`,
/// `state-machines-ignored`, `other-animations`, `slot-not-bindable`,
/// `slot-themed`, `too-many-fields`) and what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The stable code.
    pub code: &'static str,
    /// What it is about.
    pub name: String,
}

impl Note {
    pub(crate) fn new(code: &'static str, name: &str) -> Self {
        Self {
            code,
            name: name.to_owned(),
        }
    }
}
