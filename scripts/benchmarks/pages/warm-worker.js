// bench-tierup.mjs's warm-up worker (pages/warm.js): the frame build's wasm,
// instantiated here, runs `warm_up` once, and reports how long it took (or
// what failed: an async handler's errors never reach the page's onerror).
import init, { warm_up } from "/pkg/frame/player.js";

self.onmessage = async ({ data: { jsonText, frames } }) => {
  try {
    await init();
    const started = performance.now();
    warm_up(jsonText, frames);
    self.postMessage({ ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ error: String(error?.message || error) });
  }
};
