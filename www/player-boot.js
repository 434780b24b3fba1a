// The player page's only script: loads the player's wasm, whose start
// function does everything else (player/src/web/mod.rs). No data passes here.
import init from "./pkg/player/player.js";

init().catch(() => {
  // The wasm could not load (network, CSP). The host's SDK sees no READY;
  // never rethrow into the page, and never log.
});
