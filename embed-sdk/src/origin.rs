//! Pure rules of the handshake, testable natively: which origins can anchor
//! it, which protocol versions this SDK speaks, what each player message
//! means to the host (its event and the fields its detail may copy), which
//! link an action may open in the host page, and the sentence that explains
//! an error of the SDK's own.
//!
//! Never touches the browser (the URL parser's results come in as strings)
//! and never panics, whatever a message or an option held.

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
        "PERCUS/ACTION" => "action",
        "PERCUS/PROGRESS" => "progress",
        "PERCUS/CHAPTER" => "chapter",
        "PERCUS/REPLAY" => "replay",
        _ => return None,
    })
}

/// The fields an event's detail copies from its message, besides `type`:
/// (numbers, strings), each copied only when it has that type, so nothing
/// else a message held reaches the host. `error` has its own rules
/// (`problems` is an array). An `action`'s `url` is never copied: the host
/// gets ids and kinds only.
pub fn detail_fields(event: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match event {
        "action" => (&[], &["id", "kind"]),
        "progress" => (&["percent"], &[]),
        "chapter" => (&[], &["name", "label"]),
        "replay" => (&[], &[]),
        _ => (&["time", "duration"], &[]),
    }
}

/// Whether the SDK may open a `link` action's URL in the host page:
/// `protocol` and `origin` are what the browser's URL parser made of it,
/// `allowed` the host's `links.origins`, each already an origin from the
/// same parser. Only `https:` (a `blob:https://…` URL has an https origin
/// but is not one), and only an exact origin of the list: never a prefix,
/// a suffix or a subdomain.
pub fn may_open_link(protocol: &str, origin: &str, allowed: &[String]) -> bool {
    protocol == "https:"
        && origin.starts_with("https://")
        && allowed.iter().any(|entry| entry == origin)
}

/// The `message` of the SDK's `link-refused` error: the rule, never the
/// URL (its query may hold anything).
pub const LINK_REFUSED: &str =
    "percus: a link action was not opened: its URL is not https: on one of options.links.origins.";

/// Whether an origin of `links.origins` (as the URL parser gave it) is one
/// a link may be opened on: https only, others are ignored.
pub fn is_link_origin(origin: &str) -> bool {
    origin.starts_with("https://")
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
        assert_eq!(event_name("PERCUS/ACTION"), Some("action"));
        assert_eq!(event_name("PERCUS/PROGRESS"), Some("progress"));
        assert_eq!(event_name("PERCUS/CHAPTER"), Some("chapter"));
        assert_eq!(event_name("PERCUS/REPLAY"), Some("replay"));
        assert_eq!(event_name("PERCUS/SEGMENT"), None, "host to player only");
    }

    #[test]
    fn details_copy_only_their_own_fields() {
        assert_eq!(detail_fields("action"), (&[][..], &["id", "kind"][..]));
        assert_eq!(detail_fields("progress"), (&["percent"][..], &[][..]));
        assert_eq!(detail_fields("chapter"), (&[][..], &["name", "label"][..]));
        assert_eq!(detail_fields("replay"), (&[][..], &[][..]));
        assert_eq!(
            detail_fields("timeupdate"),
            (&["time", "duration"][..], &[][..])
        );
        for event in [
            "action",
            "progress",
            "chapter",
            "replay",
            "play",
            "timeupdate",
        ] {
            let (numbers, strings) = detail_fields(event);
            assert!(
                !numbers.contains(&"url") && !strings.contains(&"url"),
                "{event}"
            );
        }
    }

    #[test]
    fn links_open_only_on_an_exact_https_origin_of_the_list() {
        let allowed = &[
            String::from("https://bank.example"),
            String::from("https://pay.example:8443"),
        ];
        assert!(may_open_link("https:", "https://bank.example", allowed));
        assert!(may_open_link("https:", "https://pay.example:8443", allowed));
        for (protocol, origin) in [
            ("http:", "http://bank.example"),
            ("https:", "https://evil.example"),
            ("https:", "https://bank.example.evil.example"),
            ("https:", "https://sub.bank.example"),
            ("https:", "https://bank.example:444"),
            ("https:", "https://pay.example"),
            ("blob:", "https://bank.example"),
            ("javascript:", "null"),
            ("data:", "null"),
            ("https:", "null"),
            ("https:", ""),
            ("", ""),
        ] {
            assert!(
                !may_open_link(protocol, origin, allowed),
                "{protocol} {origin}"
            );
        }
        assert!(!may_open_link("https:", "https://bank.example", &[]));
        // A non-https entry never matches, even an http URL of its own origin.
        let http = [String::from("http://bank.example")];
        assert!(!may_open_link("http:", "http://bank.example", &http));
    }

    #[test]
    fn only_https_link_origins() {
        assert!(is_link_origin("https://bank.example"));
        for bad in [
            "http://bank.example",
            "null",
            "",
            "blob:https://bank.example",
            "HTTPS://x",
        ] {
            assert!(!is_link_origin(bad), "{bad}");
        }
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
        assert!(LINK_REFUSED.contains("options.links.origins"));
    }
}
