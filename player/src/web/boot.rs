//! The player's start: [`boot`] (player-boot.js calls it) reads the page's
//! URL for the host and the template, installs the panic hook, loads the
//! template and announces READY, or hands over to the full build;
//! [`full_unavailable`] tells the host when that hand-over failed.
//!
//! Owns the host the panic hook tells, set once at boot. Must never log,
//! store or send a data value: a panic's message may quote one, so it is
//! never printed or sent; the host hears the code `internal` only.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{UrlSearchParams, Window};

use super::app::App;
use super::host::Host;
use super::loader;
use crate::protocol::{self, PlayerError};

thread_local! {
    /// The host, for the panic hook. Set once at boot.
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
}

/// Runs the player of the page (player-boot.js calls it once the module is
/// loaded), with the template files already fetched (`files`: a `Map` of
/// URL to `ArrayBuffer`, which the page fills; see `loader`). Resolves to
/// `false` only in the lite build, when the template needs the full
/// player (`crate::FULL`): nothing of this module runs any
/// more, nothing was sent to the host, and the page loads the full one,
/// with `files`. Otherwise `true`: the player is loading the template (or
/// idle when the page is not framed by a host), and reports to the host as
/// before.
#[wasm_bindgen]
pub async fn boot(files: JsValue) -> bool {
    // The panic message may quote data: never print or send it.
    std::panic::set_hook(Box::new(|_| report_internal()));
    let Some(window) = web_sys::window() else {
        return true;
    };
    let Some((host, template_id)) = boot_params(&window) else {
        // Not framed, or framed without a valid host origin: nobody to talk
        // to, so stay idle rather than guess.
        return true;
    };
    // `try_*` as in `App::keep`.
    let _ = HOST.try_with(|h| h.try_borrow_mut().map(|mut h| *h = Some(host.clone())));
    let Some(template_id) = template_id.filter(|id| protocol::is_template_id(id)) else {
        host.error(&PlayerError::code("template-invalid"));
        return true;
    };
    match loader::load_template(&window, &template_id, files).await {
        Ok(loaded) => match App::new(window, host.clone(), loaded) {
            Ok(app) => {
                app.keep();
                host.ready();
            }
            Err(e) => host.error(&e),
        },
        Err(e) if !crate::FULL && e.code == crate::lottie::NEEDS_FULL => {
            // Before READY: the host has heard nothing from this module,
            // which keeps the host only for `full_unavailable`.
            return false;
        }
        Err(e) => host.error(&e),
    }
    true
}

/// Tells the host (ERROR `internal`) that the full player, which `boot`
/// asked for by resolving `false`, could not be loaded (a network or
/// deployment failure): player-boot.js calls it so that the host hears now
/// rather than at its timeout.
#[wasm_bindgen(js_name = fullUnavailable)]
pub fn full_unavailable() {
    report_internal();
}

/// ERROR `internal` to the host, when there is one: something went wrong
/// that the host can only hear of, not what (the panic hook, and
/// [`full_unavailable`]).
fn report_internal() {
    let _ = HOST.try_with(|h| {
        if let Some(host) = h.try_borrow().ok().as_ref().and_then(|h| h.as_ref()) {
            host.error(&PlayerError::code("internal"));
        }
    });
}

/// `?template=<id>` and `#host=<origin>` from the page's URL.
fn boot_params(window: &Window) -> Option<(Host, Option<String>)> {
    let location = window.location();
    let hash = location.hash().ok()?;
    let hashes = hash.bytes().take_while(|b| *b == b'#').count();
    let fragment = UrlSearchParams::new_with_str(hash.get(hashes..)?).ok()?;
    let host = Host::from_window(window, fragment.get("host")?)?;
    let query = UrlSearchParams::new_with_str(&location.search().ok()?).ok()?;
    Some((host, query.get("template")))
}
