//! Pure rules of the handshake, testable natively: which origins can anchor
//! it, which protocol versions this SDK speaks, what each player message
//! means to the host, and the sentence that explains an error of the SDK's
//! own.

use alloc::string::String;

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

/// The `message` of an SDK error `code` that needs one: what probably went
/// wrong, for the developer reading the console. `page` is the player
/// URL's origin and path and `host` this page's origin: both configured by
/// the developer, never the viewer's data. Built with `push_str`: no
/// formatting machinery in the shipped wasm.
pub fn explain(code: &str, page: &str, host: &str) -> Option<String> {
    let parts: &[&str] = match code {
        "player-unavailable" => &[
            "percus: no player answered from ",
            page,
            ". Its CSP frame-ancestors may not list this page's origin ",
            host,
            " (npm start: set PERCUS_EMBED_ORIGINS; docs/headers.md), \
             options.player may not be player.html's URL, or its server is unreachable.",
        ],
        "player-timeout" => &[
            "percus: the player at ",
            page,
            " was not ready within options.timeout: \
             its template, fonts or wasm may be slow or blocked.",
        ],
        _ => return None,
    };
    let mut text = String::new();
    for part in parts {
        text.push_str(part);
    }
    Some(text)
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

    #[test]
    fn explanations_name_the_causes_and_the_origins() {
        let page = "https://player.example/player.html";
        let host = "http://localhost:5173";
        let text = explain("player-unavailable", page, host).unwrap_or_default();
        for needle in [
            page,
            host,
            "frame-ancestors",
            "PERCUS_EMBED_ORIGINS",
            "player.html",
            "unreachable",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        let text = explain("player-timeout", page, host).unwrap_or_default();
        assert!(
            text.contains(page) && text.contains("options.timeout"),
            "{text}"
        );
        assert_eq!(explain("missing-field", page, host), None);
    }
}
