// window.warmUp(jsonText, frames): a module worker loads the frame page's
// wasm (the same bytes: V8 shares the compiled module between the page and
// the worker), evaluates `frames` frames of jsonText with `warm_up`, and
// ends; resolves to the milliseconds the worker's evaluation took.
window.warmUp = (jsonText, frames) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(new URL("warm-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      resolve(data);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage({ jsonText, frames });
  });
