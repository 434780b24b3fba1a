//! The Percus embed SDK: the only Percus code that runs on a customer's own
//! page. `mount(element, options)` creates the player iframe, waits for the
//! player's data-free READY, hands it a MessageChannel port, sends the
//! viewer's data in one INIT on that port, and forgets it; play, pause,
//! seek, playSegment, update and destroy go the same way, and the player's
//! events (actions, progress, chapters) come back on it.
//!
//! Owns the host side of the handshake (PROTOCOL.md). Must never post with
//! target origin `*`, trust a message by anything but the exact player
//! window and origin, keep the data after sending it, log, throw from an
//! event handler on the customer's page, hand the host's callbacks a
//! message field it does not name, or open a link the host did not allow
//! (`links`: https on one of its origins).

#![cfg_attr(all(feature = "shipped", target_arch = "wasm32"), no_std)]

extern crate alloc;

#[cfg(target_arch = "wasm32")]
mod embed;
#[cfg(target_arch = "wasm32")]
mod listener;
mod origin;

#[cfg(target_arch = "wasm32")]
pub use embed::{mount, Embed};
pub use origin::{
    detail_fields, event_name, explain, is_http_origin, is_link_origin, may_open_link,
    LINK_REFUSED, PROTOCOL_VERSION,
};

/// Without std nothing may unwind or print: a panic (a bug, never bad
/// input, which gets error events) traps, and the host page sees a
/// `RuntimeError` from the SDK's call.
#[cfg(all(feature = "shipped", target_arch = "wasm32"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// Talc instead of Rust's default dlmalloc: several KB smaller in the
/// shipped wasm, and faster (docs/benchmarks.md, "Shipped bytes").
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
