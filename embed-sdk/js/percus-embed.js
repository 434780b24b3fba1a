// Percus embed SDK: the ES module a customer's page imports.
//
//   import { mount } from "https://player.example/pkg/embed/percus-embed.js";
//   const video = await mount(document.getElementById("video"), { player, template, data });
//
// The work happens in wasm (embed-sdk/src); this file only loads it once.
import init, { mount as mountWasm } from "./percus_embed.js";

let loading;

/**
 * Embeds a Percus player in `element`. See percus-embed.d.ts.
 * @returns {Promise<import("./percus-embed").Embed>}
 */
export async function mount(element, options) {
  loading ??= init();
  await loading;
  return mountWasm(element, options);
}
