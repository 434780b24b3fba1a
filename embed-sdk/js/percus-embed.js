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

let loading;

/** Embeds a Percus player in `element` (percus-embed.d.ts). */
export async function mount(element, options) {
  loading ??= init().catch((cause) => {
    loading = undefined; // a later call may try again
    throw loadFailure(cause);
  });
  await loading;
  return mountWasm(element, options);
}
