// Percus embed SDK entry (see README.md): loads the wasm once, and turns a page that cannot run it into a PercusError.
import init, { mount as mountWasm } from "./percus_embed.js";

/** An error of the SDK itself, with a stable `code` (PROTOCOL.md). */
export class PercusError extends Error {
  constructor(code, message) {
    super(`percus: ${message}`);
    this.name = "PercusError";
    this.code = code;
  }
}

// Only a CSP without 'wasm-unsafe-eval' refuses to compile an empty module.
function loadFailure(cause) {
  if (typeof WebAssembly !== "object") return new PercusError("wasm-unavailable", "this browser has no WebAssembly");
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    return new PercusError("wasm-blocked", "this page's CSP blocks WebAssembly: add 'wasm-unsafe-eval' to script-src");
  }
  return new PercusError("sdk-load", `the SDK could not load (${cause?.name})`);
}

// The wasm file beside this module (bundlers that handle
// `new URL(…, import.meta.url)`, Vite and webpack among them, copy it into
// the app's output and rewrite the URL), or where a bundler left it behind
// (esbuild does not copy such assets, evanw/esbuild#795: the URL then
// points beside the app's bundle, at nothing or at an app's index.html
// fallback; in an IIFE or CommonJS bundle `import.meta.url` is not even
// there), the same bytes inlined in a module loaded only then, so that no
// customer has to copy a file by hand. Worked out at the first `mount`,
// never on import: importing must not throw.
async function load() {
  let response;
  try {
    response = await fetch(new URL("./percus_embed_bg.wasm", import.meta.url));
  } catch {
    // No module URL, or the fetch failed: the inlined copy.
  }
  if (response?.ok && !/html/.test(response.headers.get("content-type") ?? "")) return init({ module_or_path: response });
  const { wasm } = await import("./percus_embed_inline.js");
  return init({ module_or_path: Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0)) });
}

let loading;

/** Embeds a Percus player in `element` (percus-embed.d.ts). */
export async function mount(element, options) {
  loading ??= load().catch((cause) => {
    loading = undefined; // a later call may try again
    throw loadFailure(cause);
  });
  await loading;
  return mountWasm(element, options);
}
