//! Pure rules of the handshake, testable natively: which origins can anchor
//! it, which protocol versions this SDK speaks, and what each player message
//! means to the host.

/// The protocol version this SDK speaks (PROTOCOL.md): v2, everything after
/// the handshake on a MessageChannel port.
pub const PROTOCOL_VERSION: u32 = 2;

/// Whether an origin computed by the browser's URL parser can anchor a
/// handshake: an http(s) origin. `null` (sandboxed, file or data pages)
/// never can: such a window cannot be told apart from any other.
pub fn is_http_origin(origin: &str) -> bool {
    origin != "null" && (origin.starts_with("https://") || origin.starts_with("http://"))
}

/// The `on()` event name for a player message type: `PERCUS/RENDERED` →
/// `rendered`. `None` for messages the host does not see.
pub fn event_name(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "PERCUS/READY" => "ready",
        "PERCUS/RENDERED" => "rendered",
        "PERCUS/PLAY" => "play",
        "PERCUS/PAUSE" => "pause",
        "PERCUS/TIMEUPDATE" => "timeupdate",
        "PERCUS/ENDED" => "ended",
        "PERCUS/ERROR" => "error",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_origins() {
        assert!(is_http_origin("http://127.0.0.1:8080"));
        assert!(is_http_origin("https://player.percus.example"));
        for bad in ["null", "file://", "data:", "blob:https://a", ""] {
            assert!(!is_http_origin(bad), "{bad}");
        }
    }

    #[test]
    fn event_names() {
        assert_eq!(event_name("PERCUS/RENDERED"), Some("rendered"));
        assert_eq!(event_name("PERCUS/TIMEUPDATE"), Some("timeupdate"));
        assert_eq!(event_name("PERCUS/INIT"), None);
        assert_eq!(event_name("PERCUS/CONNECTED"), None);
        assert_eq!(event_name("percus/ready"), None);
    }
}
