//! The PERCUS/* message protocol, as pure data (PROTOCOL.md is its spec).
//!
//! Owns message names, the protocol version, error codes and the checks on
//! who may talk to the player. The browser side (`web`) reads fields off JS
//! objects and asks this module what they mean; nothing here sees data values.

use binding_engine::{BindError, ManifestError, Problem};

use crate::lottie::LoadError;

/// The protocol version this player speaks.
pub const PROTOCOL_VERSION: u32 = 1;

/// Player → host: the player is listening. Carries no data.
pub const READY: &str = "PERCUS/READY";
/// Host → player: the viewer's data.
pub const INIT: &str = "PERCUS/INIT";
/// Player → host: the first frame with the viewer's data is on screen.
pub const RENDERED: &str = "PERCUS/RENDERED";
/// Player → host: something failed; a code and names, never values.
pub const ERROR: &str = "PERCUS/ERROR";

/// What a message from the host asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostCommand {
    /// Bind the message's `data` and play.
    Init,
}

/// An error as sent in PERCUS/ERROR: a stable code, the field or template
/// path it concerns, and for template problems the designer-facing list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayerError {
    /// Stable kebab-case code (see PROTOCOL.md).
    pub code: &'static str,
    /// The data field's manifest name, for binding errors.
    pub field: Option<String>,
    /// Template problems, for `manifest-invalid`.
    pub problems: Vec<Problem>,
}

impl PlayerError {
    /// An error with only a code.
    pub fn code(code: &'static str) -> Self {
        Self {
            code,
            field: None,
            problems: Vec::new(),
        }
    }
}

impl From<BindError> for PlayerError {
    fn from(e: BindError) -> Self {
        Self {
            code: e.code.as_str(),
            field: Some(e.field),
            problems: Vec::new(),
        }
    }
}

impl From<ManifestError> for PlayerError {
    fn from(e: ManifestError) -> Self {
        let code = e.code();
        Self {
            code,
            field: None,
            problems: match e {
                ManifestError::Invalid(problems) => problems,
                _ => Vec::new(),
            },
        }
    }
}

impl From<LoadError> for PlayerError {
    fn from(e: LoadError) -> Self {
        Self::code(e.code())
    }
}

/// What a message of `kind` with protocol `version` asks for. `Ok(None)`:
/// not a Percus message at all, ignore it quietly.
pub fn host_command(
    kind: Option<&str>,
    version: Option<f64>,
) -> Result<Option<HostCommand>, PlayerError> {
    let Some(kind) = kind.filter(|k| k.starts_with("PERCUS/")) else {
        return Ok(None);
    };
    if version != Some(f64::from(PROTOCOL_VERSION)) {
        return Err(PlayerError::code("protocol-version"));
    }
    match kind {
        INIT => Ok(Some(HostCommand::Init)),
        _ => Err(PlayerError::code("unknown-message")),
    }
}

/// Whether `s` is exactly a web origin: `http(s)://host[:port]`, lower
/// case, no path, no credentials. The player posts only to such an origin
/// and accepts messages only from it; `null` is never one.
pub fn is_origin(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || rest.starts_with('[') => (h, Some(p)),
        _ => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host.chars().all(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '[' | ']' | ':')
        });
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

/// Whether `id` may name a template folder: short, lower case, no dots or
/// slashes, so it can never point outside the template store.
pub fn is_template_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn origins_are_exact() {
        for ok in [
            "https://bank.example",
            "http://localhost:8080",
            "http://127.0.0.1:8081",
            "http://[::1]:80",
        ] {
            assert!(is_origin(ok), "{ok}");
        }
        for bad in [
            "null",
            "*",
            "",
            "https://",
            "https://bank.example/",
            "https://bank.example/path",
            "https://user@bank.example",
            "javascript:alert(1)",
            "https://BANK.example",
            "https://bank.example:",
            "https://bank.example:99999x",
            "ftp://bank.example",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
    }

    #[test]
    fn template_ids_stay_in_the_store() {
        assert!(is_template_id("greeting"));
        assert!(is_template_id("year-in-review_2"));
        for bad in ["", "..", "a/b", "a.json", "Greeting", "-x", &"a".repeat(65)] {
            assert!(!is_template_id(bad), "{bad}");
        }
    }

    #[test]
    fn host_commands() {
        assert_eq!(
            host_command(Some(INIT), Some(1.0)),
            Ok(Some(HostCommand::Init))
        );
        assert_eq!(host_command(Some("webpackOk"), None), Ok(None));
        assert_eq!(host_command(None, Some(1.0)), Ok(None));
        assert_eq!(
            host_command(Some(INIT), Some(2.0)).unwrap_err().code,
            "protocol-version"
        );
        assert_eq!(
            host_command(Some(INIT), None).unwrap_err().code,
            "protocol-version"
        );
        assert_eq!(
            host_command(Some("PERCUS/NOPE"), Some(1.0))
                .unwrap_err()
                .code,
            "unknown-message"
        );
    }
}
