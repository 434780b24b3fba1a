// bench-tierup.mjs's warmed frame page (pages/warm.html): window.warmUp(jsonText,
// frames) has a module worker load the frame page's wasm (the same bytes:
// V8 shares the compiled module between the page and the worker), evaluate
// `frames` frames of jsonText with `warm_up`, and end; resolves to the
// milliseconds the worker's evaluation took.
window.warmUp = (jsonText, frames) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL("warm-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.error) reject(new Error(data.error));
      else resolve(data.ms);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || "the warm-up worker failed to load"));
    };
    worker.postMessage({ jsonText, frames });
  });
