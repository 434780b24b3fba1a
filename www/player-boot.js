// The player page's only script: loads the player's wasm, whose start
// function does everything else (player/src/web/mod.rs). No data passes here.
import init from "./pkg/player/player.js";

// A Rust panic has already been reported to the host as ERROR "internal" by
// the panic hook; the wasm trap that follows carries nothing useful and must
// not surface as an uncaught exception in the host's console.
addEventListener("error", (event) => {
  if (event.error instanceof WebAssembly.RuntimeError) event.preventDefault();
});

init().catch(() => {
  // The wasm could not load (network, CSP). The host's SDK sees no READY;
  // never rethrow into the page, and never log.
});
