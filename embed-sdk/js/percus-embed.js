// Percus embed SDK: the ES module a customer's page imports.
//
//   import { mount } from "@percus/embed"; // or the player CDN's pkg/embed/percus-embed.js
//   const video = await mount(document.getElementById("video"), { player, template, data });
//
// The work happens in wasm (embed-sdk/src); this file loads it once, and
// turns a page that cannot run WebAssembly into a clear error.
import init, { mount as mountWasm } from "./percus_embed.js";

/** An error of the SDK itself, with a stable `code` (PROTOCOL.md). */
export class PercusError extends Error {
  constructor(code, message) {
    super(`percus: ${message}`);
    this.name = "PercusError";
    this.code = code;
  }
}

// Why the wasm did not load: a CSP without 'wasm-unsafe-eval' refuses to
// compile even an empty module, which nothing else does.
function loadFailure(cause) {
  if (typeof WebAssembly !== "object") {
    return new PercusError("wasm-unavailable", "this browser has no WebAssembly");
  }
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    return new PercusError("wasm-blocked", "this page's CSP blocks WebAssembly: add 'wasm-unsafe-eval' to script-src");
  }
  return new PercusError("sdk-load", `the SDK could not load (${cause?.name})`);
}

let loading;

/**
 * Embeds a Percus player in `element`. See percus-embed.d.ts.
 * @returns {Promise<import("./percus-embed").Embed>}
 */
export async function mount(element, options) {
  loading ??= init().catch((cause) => {
    loading = undefined; // a later call may try again
    throw loadFailure(cause);
  });
  await loading;
  return mountWasm(element, options);
}
