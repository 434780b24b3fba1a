//! Errors with stable codes. Owns the rule that an error names a field or a
//! manifest path, never a data value.

use std::fmt;

/// A problem found in a manifest, for the designer: a stable code, where it
/// is (a JSON path in the manifest), and which name it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Stable, kebab-case code, e.g. `unknown-layer`.
    pub code: &'static str,
    /// JSON path inside the manifest, e.g. `bindings[1].target.layer`.
    pub path: String,
    /// A template-side name (field or layer): never viewer data.
    pub name: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.code, self.path)?;
        if !self.name.is_empty() {
            write!(f, " ({})", self.name)?;
        }
        Ok(())
    }
}

/// Why a manifest could not be used. The player reports `code()` to the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestError {
    /// Not JSON, or not the v1 shape (unknown key, wrong type).
    Syntax {
        /// The line of the problem (templates hold no personal data).
        line: usize,
    },
    /// `version` is not one this engine reads.
    UnsupportedVersion(u64),
    /// Parsed, but inconsistent: every problem found, not just the first.
    Invalid(Vec<Problem>),
}

impl ManifestError {
    /// The stable code sent in PERCUS/ERROR.
    pub fn code(&self) -> &'static str {
        match self {
            ManifestError::Syntax { .. } => "manifest-syntax",
            ManifestError::UnsupportedVersion(_) => "manifest-version",
            ManifestError::Invalid(_) => "manifest-invalid",
        }
    }
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ManifestError::Syntax { line } => write!(f, "manifest-syntax at line {line}"),
            ManifestError::UnsupportedVersion(v) => write!(f, "manifest-version {v}"),
            ManifestError::Invalid(problems) => {
                write!(f, "manifest-invalid:")?;
                for p in problems {
                    write!(f, " {p};")?;
                }
                Ok(())
            }
        }
    }
}

/// What was wrong with the viewer's data for one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindErrorCode {
    /// A required field is absent (or null) and has no default.
    MissingField,
    /// The value's JSON type does not fit the field's type.
    WrongType,
    /// The text is longer than the field's `maxLength`.
    TooLong,
    /// A number outside the field's `minimum`..`maximum` (or not finite), or
    /// a `YYYY-MM-DD` date that does not exist.
    OutOfRange,
    /// A choice field's value is not one of its `options`.
    NotAnOption,
    /// An image over the field's `maxBytes`, or larger than the player
    /// decodes (`MAX_IMAGE_SIDE` pixels a side).
    TooLarge,
    /// Image bytes the browser cannot decode.
    ImageInvalid,
}

impl BindErrorCode {
    /// The stable code sent in PERCUS/ERROR.
    pub fn as_str(self) -> &'static str {
        match self {
            BindErrorCode::MissingField => "missing-field",
            BindErrorCode::WrongType => "wrong-type",
            BindErrorCode::TooLong => "too-long",
            BindErrorCode::OutOfRange => "out-of-range",
            BindErrorCode::NotAnOption => "not-an-option",
            BindErrorCode::TooLarge => "too-large",
            BindErrorCode::ImageInvalid => "image-invalid",
        }
    }
}

/// A binding failure: a code and the field's name. Never the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindError {
    /// What went wrong.
    pub code: BindErrorCode,
    /// The manifest's name of the field (template-side, not personal).
    pub field: String,
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.field)
    }
}
