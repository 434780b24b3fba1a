//! The Percus embed SDK: the only Percus code that runs on a customer's own
//! page. `mount(element, options)` creates the player iframe, waits for the
//! player's data-free READY, hands over the viewer's data in one INIT, and
//! forgets it.
//!
//! Owns the host side of the handshake (PROTOCOL.md). Must never post with
//! target origin `*`, trust a message by anything but the exact player
//! window and origin, keep the data after sending it, log, or throw from an
//! event handler on the customer's page.

#[cfg(target_arch = "wasm32")]
mod embed;
mod origin;

#[cfg(target_arch = "wasm32")]
pub use embed::{mount, Embed};
pub use origin::{event_name, is_http_origin, PROTOCOL_VERSION};

/// Talc instead of Rust's default dlmalloc: several KB smaller in the
/// shipped wasm, and faster (docs/benchmarks.md, "Shipped bytes").
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
