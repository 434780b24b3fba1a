//! The PERCUS/* message protocol, as pure data (PROTOCOL.md is its spec).
//!
//! Owns message names, the protocol version, error codes and the checks on
//! who may talk to the player. The browser side (`web`) reads fields off JS
//! objects and asks this module what they mean; nothing here sees data values.

use binding_engine::{BindError, ManifestError, Problem};

use crate::lottie::LoadError;

/// The first protocol: READY and INIT on `window.postMessage`.
pub const PROTOCOL_V1: u32 = 1;
/// The current protocol: a MessageChannel port after the handshake.
pub const PROTOCOL_V2: u32 = 2;
/// Every version this player speaks, announced in READY's `versions`.
pub const VERSIONS: [u32; 2] = [PROTOCOL_V1, PROTOCOL_V2];

/// Player → host: the player is listening. Carries no data.
pub const READY: &str = "PERCUS/READY";
/// Host → player (window, v2): here is the port for everything else.
pub const CONNECT: &str = "PERCUS/CONNECT";
/// Player → host (port): the port is taken; also the template's timing.
pub const CONNECTED: &str = "PERCUS/CONNECTED";
/// Host → player: the viewer's data and the playback options.
pub const INIT: &str = "PERCUS/INIT";
/// Host → player (port): start or resume playback.
pub const PLAY: &str = "PERCUS/PLAY";
/// Host → player (port): pause playback.
pub const PAUSE: &str = "PERCUS/PAUSE";
/// Host → player (port): move to `time` seconds.
pub const SEEK: &str = "PERCUS/SEEK";
/// Host → player (port): forget the data and stop for good.
pub const DESTROY: &str = "PERCUS/DESTROY";
/// Player → host: the first frame with the viewer's data is on screen.
pub const RENDERED: &str = "PERCUS/RENDERED";
/// Player → host (port): the position (throttled while playing).
pub const TIMEUPDATE: &str = "PERCUS/TIMEUPDATE";
/// Player → host (port): playback stopped at the end (not looping).
pub const ENDED: &str = "PERCUS/ENDED";
/// Player → host: something failed; a code and names, never values.
pub const ERROR: &str = "PERCUS/ERROR";
/// Player → host (port): the viewer activated an action (its id and kind,
/// and a link's fixed URL from the manifest).
pub const ACTION: &str = "PERCUS/ACTION";
/// Player → host (port): a quarter of the play-through was reached.
pub const PROGRESS: &str = "PERCUS/PROGRESS";
/// Player → host (port): playback entered a chapter.
pub const CHAPTER: &str = "PERCUS/CHAPTER";
/// Player → host (port): the video started over.
pub const REPLAY: &str = "PERCUS/REPLAY";
/// Host → player (port): play a marker's segment (`name`, `then`).
pub const SEGMENT: &str = "PERCUS/SEGMENT";

/// What a message from the host asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostCommand {
    /// Take the transferred port and talk only through it (v2).
    Connect,
    /// Bind the message's `data` and show it.
    Init,
    /// Play.
    Play,
    /// Pause.
    Pause,
    /// Seek to the message's `time`.
    Seek,
    /// Play the segment of the marker the message names.
    Segment,
    /// Drop the data, stop, and stay silent.
    Destroy,
}

/// Where a message from the host arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// `window` message events from the parent (v1 INIT, v2 CONNECT).
    Window,
    /// The MessageChannel port the host handed over (v2).
    Port,
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

/// What a message of `kind` with protocol `version` asks for, arriving on
/// `channel`. `Ok(None)`: not a Percus message at all, ignore it quietly.
///
/// On the window, v1 speaks INIT and v2 only CONNECT; on the port, v2 all
/// commands but CONNECT.
pub fn host_command(
    kind: Option<&str>,
    version: Option<f64>,
    channel: Channel,
) -> Result<Option<HostCommand>, PlayerError> {
    let Some(kind) = kind.filter(|k| k.starts_with("PERCUS/")) else {
        return Ok(None);
    };
    let v1 = version == Some(f64::from(PROTOCOL_V1));
    let v2 = version == Some(f64::from(PROTOCOL_V2));
    let command = match (channel, kind) {
        (Channel::Window, INIT) if v1 => HostCommand::Init,
        (Channel::Window, CONNECT) if v2 => HostCommand::Connect,
        (Channel::Port, INIT) if v2 => HostCommand::Init,
        (Channel::Port, PLAY) if v2 => HostCommand::Play,
        (Channel::Port, PAUSE) if v2 => HostCommand::Pause,
        (Channel::Port, SEEK) if v2 => HostCommand::Seek,
        (Channel::Port, SEGMENT) if v2 => HostCommand::Segment,
        (Channel::Port, DESTROY) if v2 => HostCommand::Destroy,
        _ if !v2 && (channel == Channel::Port || !v1) => {
            return Err(PlayerError::code("protocol-version"))
        }
        _ => return Err(PlayerError::code("unknown-message")),
    };
    Ok(Some(command))
}

/// Whether `s` is exactly a web origin: `http(s)://host[:port]`, lower
/// case, no path, no credentials. The player posts only to such an origin
/// and accepts messages only from it; `null` is never one.
pub fn is_origin(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    // (By bytes: `rsplit_once`'s searcher costs the wasm more than this.)
    let colon = rest.bytes().rposition(|b| b == b':');
    let split = colon.and_then(|at| Some((rest.get(..at)?, rest.get(at + 1..)?)));
    let (host, port) = match split {
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
        use Channel::{Port, Window};
        let ok = |kind, version, channel| host_command(Some(kind), Some(version), channel);
        let code = |r: Result<Option<HostCommand>, PlayerError>| r.unwrap_err().code;
        assert_eq!(ok(INIT, 1.0, Window), Ok(Some(HostCommand::Init)));
        assert_eq!(ok(CONNECT, 2.0, Window), Ok(Some(HostCommand::Connect)));
        for (kind, command) in [
            (INIT, HostCommand::Init),
            (PLAY, HostCommand::Play),
            (PAUSE, HostCommand::Pause),
            (SEEK, HostCommand::Seek),
            (SEGMENT, HostCommand::Segment),
            (DESTROY, HostCommand::Destroy),
        ] {
            assert_eq!(ok(kind, 2.0, Port), Ok(Some(command)), "{kind}");
        }
        assert_eq!(host_command(Some("webpackOk"), None, Window), Ok(None));
        assert_eq!(host_command(None, Some(1.0), Port), Ok(None));
        assert_eq!(code(ok(INIT, 3.0, Window)), "protocol-version");
        assert_eq!(
            code(host_command(Some(INIT), None, Window)),
            "protocol-version"
        );
        assert_eq!(
            code(ok(INIT, 1.0, Port)),
            "protocol-version",
            "v1 has no port"
        );
        // Commands only on the port, the port only by CONNECT on the window.
        assert_eq!(code(ok(PLAY, 2.0, Window)), "unknown-message");
        assert_eq!(code(ok(INIT, 2.0, Window)), "unknown-message");
        assert_eq!(code(ok(CONNECT, 1.0, Window)), "unknown-message");
        assert_eq!(code(ok(CONNECT, 2.0, Port)), "unknown-message");
        assert_eq!(code(ok("PERCUS/NOPE", 1.0, Window)), "unknown-message");
    }
}
