// The player page's only script; no data passes here. The lite player runs
// first; for a template it cannot draw, boot() resolves false before it has
// told the host anything, and the full one runs (ARCHITECTURE.md).
import lite, { boot, fullUnavailable } from "./pkg/player/player.js";

// A panic was reported to the host by the panic hook; its trap must not
// reach the console as an uncaught exception.
addEventListener("error", (e) => {
  if (e.error instanceof WebAssembly.RuntimeError) e.preventDefault();
});

(async () => {
  await lite();
  if (await boot()) return;
  let full;
  try {
    full = await import("./pkg/player-full/player.js");
    await full.default();
  } catch {
    return fullUnavailable(); // the host hears ERROR "internal" now
  }
  await full.boot();
})().catch(() => {
  // The wasm could not load (network, CSP): the host sees no READY. Never
  // rethrow into the page, never log.
});
