// window.percusFrame: drives Percus's renderer one frame at a time, the same
// way from any script (fidelity harness, benchmarks, checks from outside the
// repo). A fixed contract, documented in docs/fidelity.md:
//   load(jsonText, width, height) -> Promise<{ ip, op, fr, w, h }>
//     rejects with an Error whose `code` is the stable error code;
//   seek(frame) -> Promise, resolved once frame (relative to ip, may be
//     fractional) is drawn on #stage.
// This page logs nothing and loads nothing but the player's own files.
import init, { FrameRenderer } from "./pkg/frame/player.js";

const ready = init();
const stage = document.getElementById("stage");
let renderer = null;

function failure(code) {
  const error = new Error(`percus: ${code}`);
  error.code = String(code);
  return error;
}

window.percusFrame = {
  async load(jsonText, width, height) {
    await ready;
    renderer?.free();
    renderer = null;
    stage.style.width = `${width}px`;
    stage.style.height = `${height}px`;
    try {
      renderer = FrameRenderer.load(stage, jsonText);
    } catch (code) {
      throw failure(typeof code === "string" ? code : "internal");
    }
    // Embedded images (data: URIs only: nothing is fetched), decoded before
    // the first frame. One that cannot be decoded is left out.
    const mine = renderer;
    await Promise.all(
      Array.from({ length: renderer.image_count() }, async (_, index) => {
        const source = mine.image_source(index);
        if (!source) return;
        const image = new Image();
        image.src = source;
        try {
          await image.decode();
          if (renderer === mine) mine.set_image(index, image);
        } catch {
          // undecodable: drawn as nothing
        }
      }),
    );
    return { ip: renderer.ip(), op: renderer.op(), fr: renderer.fr(), w: renderer.w(), h: renderer.h() };
  },

  /** What the renderer could not use in the loaded file, for reports. */
  warnings() {
    return renderer ? renderer.warnings() : "";
  },

  async seek(frame) {
    if (!renderer) throw failure("not-loaded");
    renderer.draw(renderer.ip() + frame);
  },
};
