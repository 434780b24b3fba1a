// bench-tierup.mjs's warm-up worker (pages/warm.js): the frame build's wasm,
// instantiated here, runs `warm_up` once, and reports how long it took.
import init, { warm_up } from "/pkg/frame/player.js";

self.onmessage = async ({ data: { jsonText, frames } }) => {
  await init();
  const started = performance.now();
  warm_up(jsonText, frames);
  self.postMessage(performance.now() - started);
};
