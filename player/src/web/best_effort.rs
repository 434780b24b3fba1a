//! The one policy for browser calls whose failure the player ignores on
//! purpose: [`BestEffort`].
//!
//! Owns that policy and nothing else. Must never be used where a failure
//! has to reach the host (a template that does not load, data that does not
//! bind, a missing port: those become error codes through
//! [`super::host::Host::error`]), and never logs, stores or sends the
//! error it drops.

use wasm_bindgen::JsValue;

/// A browser call made on a best-effort basis: when it throws, the player
/// goes on as if it had not been made.
///
/// Right only where both hold:
/// - the call cannot fail for the arguments the player makes (a constant
///   attribute name, an identity transform, a property of a plain object
///   it just created, a cue of the track's own list), or failing leaves a
///   harmless state (a font, a gradient stop or an image not drawn, a
///   message to a port or a parent that is already gone, an object URL
///   already revoked, a video that does not start);
/// - reporting it could tell the host nothing useful: the exception is the
///   browser's own, about the page's state, and the host can do nothing
///   with it (and a failed message to the host cannot be reported to it).
///
/// Never for a call whose failure changes what the player must do next or
/// must reach the host: that one is matched, and becomes a
/// [`crate::protocol::PlayerError`] code. Compiles to nothing: the result
/// is dropped where it is made, as `let _ =` would.
pub(super) trait BestEffort {
    /// Ignores this call's failure, under the policy of [`BestEffort`].
    fn best_effort(self);
}

impl<T> BestEffort for Result<T, JsValue> {
    #[inline]
    fn best_effort(self) {}
}
