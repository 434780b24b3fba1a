// Peer renderers for the benchmarks (bench.mjs, bench-speed.mjs,
// bench-fidelity-peers.mjs, profile-frame.mjs): lottie-web's canvas renderer,
// dotLottie web (ThorVG in wasm), Skottie (canvaskit-wasm) and, for timing
// only, lottie-web's SVG renderer, each in its own page of the
// same headless Chromium as Percus and the reference. Every file the peers
// load (scripts, wasm) comes from node_modules through a Playwright route
// under ORIGIN/__peers/; any request to another host is aborted and recorded.
//
// Each peer page defines the same small contract, which every runner uses:
//   window.peer.load(jsonText, width, height) -> Promise; the animation in a
//     #box of width x height CSS pixels (white, contain, centred, dpr 1);
//   window.peer.draw(frame) -> draws frame (relative to ip, like
//     lottie-web's goToAndStop(frame, true) and percusFrame.seek(frame));
//   window.peer.readback() -> reads one pixel back (forces the raster work).
// The Percus frame page gets the same contract from percusPeer().
import { readFileSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import { decode, withTimeout } from "../lib/fidelity.mjs";

const require = createRequire(import.meta.url);

function packageVersion(dir) {
  for (let d = dir; d !== dirname(d); d = dirname(d)) {
    try {
      const pkg = JSON.parse(readFileSync(join(d, "package.json"), "utf8"));
      if (pkg.name && pkg.version) return pkg.version;
    } catch {
      // keep looking upwards
    }
  }
  return "unknown";
}

// --- in-page code (stringified into each peer page) -----------------------

/** A fresh white #box of the given CSS size in place of the previous one. */
function freshBox(width, height) {
  document.getElementById("box")?.remove();
  const box = document.createElement("div");
  box.id = "box";
  box.style.cssText = `width:${width}px;height:${height}px;background:#fff;overflow:hidden`;
  document.body.append(box);
  return box;
}

function installLottieCanvas() {
  let anim = null;
  let ctx = null;
  window.peer = {
    async load(jsonText, width, height) {
      anim?.destroy();
      anim = null;
      const box = freshBox(width, height);
      const mine = window.lottie.loadAnimation({
        container: box,
        renderer: "canvas",
        loop: false,
        autoplay: false,
        animationData: JSON.parse(jsonText),
        rendererSettings: { preserveAspectRatio: "xMidYMid meet", clearCanvas: true },
      });
      anim = mine;
      // The canvas renderer's DOMLoaded waits for embedded images too.
      await new Promise((resolve) => {
        if (mine.isLoaded) resolve();
        mine.addEventListener("DOMLoaded", resolve);
        setTimeout(resolve, 5000);
      });
      ctx = mine.renderer.canvasContext;
    },
    /** When set, every frame is drawn, even one where nothing changed (see draw). */
    force: false,
    draw(frame) {
      if (!this.force) {
        // As lottie-web plays: it skips drawing when nothing changed (_mdf).
        anim.goToAndStop(frame, true);
        return;
      }
      anim.currentRawFrame = frame;
      anim.currentFrame = frame;
      try {
        anim.renderer.renderFrame(frame + anim.firstFrame, true);
      } catch {
        // lottie-web's own renderFrame swallows a layer's error the same way
        // (the layers after it stay undrawn).
      }
    },
    readback() {
      return ctx.getImageData(0, 0, 1, 1).data[3];
    },
  };
  window.peerReady = true;
}

// lottie-web's SVG renderer, as the fidelity reference uses it (same build,
// same settings), for timing only: the fidelity comparison leaves it out
// (PEERS[...].reference), since it is the reference itself.
function installLottieSvg() {
  let anim = null;
  let svg = null;
  window.peer = {
    async load(jsonText, width, height) {
      anim?.destroy();
      anim = null;
      const box = freshBox(width, height);
      const mine = window.lottie.loadAnimation({
        container: box,
        renderer: "svg",
        loop: false,
        autoplay: false,
        animationData: JSON.parse(jsonText),
        rendererSettings: { preserveAspectRatio: "xMidYMid meet" },
      });
      anim = mine;
      await new Promise((resolve) => {
        if (mine.isLoaded) resolve();
        mine.addEventListener("DOMLoaded", resolve);
        setTimeout(resolve, 5000);
      });
      svg = box.querySelector("svg");
    },
    draw(frame) {
      // As lottie-web plays: only the attributes that changed are written.
      anim.goToAndStop(frame, true);
    },
    readback() {
      // An SVG has no pixels to read back synchronously: Chromium paints and
      // rasterises it later, off this call. What can be forced here is the
      // style recalculation and layout of the changed elements (SVG shapes
      // re-parse their path data and recompute their bounds in layout):
      // getBoundingClientRect() of the <svg> does both, for the whole
      // document. Paint (display list) and raster are therefore NOT in the
      // time, so the SVG renderer's frame times are a lower bound of its cost,
      // where the canvas renderers' readback includes their raster work.
      return svg ? svg.getBoundingClientRect().width : 0;
    },
  };
  window.peerReady = true;
}

async function installDotLottie() {
  const { DotLottie } = await import("./dotlottie.js");
  // The wasm from this server, never the CDN fallback.
  DotLottie.setWasmUrl(new URL("dotlottie-player.wasm", location.href).href);
  let player = null;
  let ctx = null;
  window.peer = {
    async load(jsonText, width, height, fonts = []) {
      player?.destroy();
      player = null;
      // The same fonts as Skottie gets (otherwise ThorVG uses a built-in one).
      for (const font of fonts) {
        const bytes = new Uint8Array(await (await fetch(font.url)).arrayBuffer());
        for (const name of font.names) await DotLottie.registerFont(name, bytes);
      }
      const box = freshBox(width, height);
      const canvas = document.createElement("canvas");
      canvas.style.cssText = `display:block;width:${width}px;height:${height}px`;
      box.append(canvas);
      const mine = new DotLottie({
        canvas,
        data: jsonText,
        autoplay: false,
        loop: false,
        layout: { fit: "contain", align: [0.5, 0.5] },
        renderConfig: { devicePixelRatio: 1, autoResize: false, freezeOnOffscreen: false },
      });
      player = mine;
      await new Promise((resolve, reject) => {
        mine.addEventListener("load", resolve);
        mine.addEventListener("loadError", () => reject(new Error("dotlottie: loadError")));
      });
      ctx = canvas.getContext("2d");
    },
    draw(frame) {
      player.setFrame(frame);
    },
    readback() {
      return ctx.getImageData(0, 0, 1, 1).data[3];
    },
  };
  window.peerReady = true;
}

async function installSkottie() {
  const CK = await window.CanvasKitInit({ locateFile: (file) => new URL(file, location.href).href });
  let anim = null;
  let surface = null;
  let ctx = null;
  let rect = null;
  window.peer = {
    async load(jsonText, width, height, fonts = []) {
      anim?.delete();
      surface?.delete();
      anim = null;
      surface = null;
      const box = freshBox(width, height);
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      canvas.style.cssText = `display:block;width:${width}px;height:${height}px`;
      box.append(canvas);
      // Software raster into the canvas (no GPU here: --disable-gpu).
      surface = CK.MakeSWCanvasSurface(canvas);
      // CanvasKit cannot see the system's fonts: it gets, under each font's
      // names, the file the browser draws that family with (fontsFor).
      const assets = {};
      for (const font of fonts) {
        const bytes = await (await fetch(font.url)).arrayBuffer();
        for (const name of font.names) assets[name] = bytes;
      }
      anim = CK.MakeManagedAnimation(jsonText, assets);
      if (!anim) throw new Error("skottie: rejected the file");
      rect = CK.LTRBRect(0, 0, width, height);
      ctx = canvas.getContext("2d");
    },
    draw(frame) {
      anim.seekFrame(frame);
      const canvas = surface.getCanvas();
      canvas.clear(CK.WHITE);
      // render() fits the composition into rect: contain, centred.
      anim.render(canvas, rect);
      surface.flush();
    },
    readback() {
      return ctx.getImageData(0, 0, 1, 1).data[3];
    },
  };
  window.peerReady = true;
}

// --- the peers --------------------------------------------------------------

const LOTTIE_CANVAS = require.resolve("lottie-web/build/player/lottie_canvas.min.js");
const LOTTIE_SVG = require.resolve("lottie-web/build/player/lottie_svg.min.js");
const DOTLOTTIE_WASM = require.resolve("@lottiefiles/dotlottie-web/dotlottie-player.wasm");
const CANVASKIT_JS = require.resolve("canvaskit-wasm/full");

function page(head, install, moduleScript = false) {
  const body = `${freshBox}\n(${install})();`;
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">${head}</head>` +
    `<body style="margin:0;background:#fff"><script${moduleScript ? ' type="module"' : ""}>${body}</script></body></html>`;
}

/**
 * name -> { label, package, version, assets: { file: [path, type] }, html,
 * reference? }. `reference: true` marks the fidelity reference's own renderer
 * (lottie-web SVG): timed by bench.mjs, left out of the fidelity
 * comparison and of bench-speed.mjs (COMPARED in definitions.mjs).
 */
export const PEERS = {
  "lottie-web-canvas": {
    label: "lottie-web canvas",
    package: "lottie-web",
    version: packageVersion(dirname(LOTTIE_CANVAS)),
    assets: { "lottie.js": [LOTTIE_CANVAS, "text/javascript"] },
    html: page(`<script src="lottie.js"></script>`, installLottieCanvas),
  },
  dotlottie: {
    label: "dotLottie web",
    package: "@lottiefiles/dotlottie-web",
    version: packageVersion(dirname(DOTLOTTIE_WASM)),
    assets: {
      "dotlottie.js": [join(dirname(DOTLOTTIE_WASM), "index.js"), "text/javascript"],
      "dotlottie-player.wasm": [DOTLOTTIE_WASM, "application/wasm"],
    },
    html: page("", installDotLottie, true),
  },
  skottie: {
    label: "Skottie",
    package: "canvaskit-wasm",
    version: packageVersion(dirname(CANVASKIT_JS)),
    assets: {
      "canvaskit.js": [CANVASKIT_JS, "text/javascript"],
      "canvaskit.wasm": [join(dirname(CANVASKIT_JS), "canvaskit.wasm"), "application/wasm"],
    },
    html: page(`<script src="canvaskit.js"></script>`, installSkottie),
  },
  "lottie-web-svg": {
    label: "lottie-web SVG",
    package: "lottie-web",
    version: packageVersion(dirname(LOTTIE_SVG)),
    reference: true,
    assets: { "lottie.js": [LOTTIE_SVG, "text/javascript"] },
    html: page(`<script src="lottie.js"></script>`, installLottieSvg),
  },
};

/** The peers compared for fidelity (all but the reference's own renderer). */
export const COMPARED_PEERS = Object.keys(PEERS).filter((name) => !PEERS[name].reference);

/** The lottie-web version the reference (SVG renderer) comes from. */
export const LOTTIE_WEB_VERSION = packageVersion(dirname(LOTTIE_CANVAS));

/** Families Chrome draws with a metric-compatible font (fontconfig aliases it accepts). */
const ALIASES = { arial: "Liberation Sans", helvetica: "Liberation Sans", "times new roman": "Liberation Serif", times: "Liberation Serif", "courier new": "Liberation Mono", courier: "Liberation Mono" };
const FONTS_DIR = "/usr/share/fonts/";

function fcMatch(pattern) {
  try {
    const [family, file] = execFileSync("fc-match", [pattern, "-f", "%{family}\n%{file}"], { encoding: "utf8" }).split("\n");
    return { families: family.split(",").map((f) => f.trim().toLowerCase()), file };
  } catch {
    return null;
  }
}

/**
 * The font files the browser draws a file's fonts with, as Chrome on Linux
 * picks them: the family itself if fontconfig has it (or a metric-compatible
 * alias), else Chrome's default standard font (Times New Roman, which
 * fontconfig gives as Liberation Serif), with the weight and slant of fStyle.
 * For the wasm peers, which cannot see system fonts: [{ names, url }].
 */
export function fontsFor(doc, origin) {
  const fonts = [];
  const seen = new Set();
  for (const font of doc.fonts?.list || []) {
    const style = `${font.fStyle || ""} ${font.fWeight || ""}`.toLowerCase();
    const weight = /black|heavy|extra ?bold/.test(style) ? 205 : /semi ?bold|demi/.test(style) ? 180 : /bold|[6-9]00/.test(style) ? 200 : /medium|500/.test(style) ? 100 : 80;
    const slant = /italic|oblique/.test(style) ? 100 : 0;
    const family = String(font.fFamily || "");
    const wanted = ALIASES[family.toLowerCase()] || family;
    let match = fcMatch(`${wanted}:weight=${weight}:slant=${slant}`);
    if (!match || !match.families.includes(wanted.toLowerCase())) match = fcMatch(`Times New Roman:weight=${weight}:slant=${slant}`);
    if (!match || !match.file.startsWith(FONTS_DIR)) continue;
    const names = [...new Set([font.fName, font.fFamily].filter((n) => n && !seen.has(n)))];
    names.forEach((n) => seen.add(n));
    if (names.length) fonts.push({ names, url: `${origin}/__peers/font/${encodeURIComponent(match.file.slice(FONTS_DIR.length))}` });
  }
  return fonts;
}

/** When www/pkg/frame (the Percus build the frame page loads) was built. */
export function percusBuildTime(root) {
  return statSync(join(root, "www/pkg/frame/player_bg.wasm")).mtime.toISOString();
}

/** Headers that make a page cross-origin isolated (performance.now() to 5 µs, not 100 µs). */
const ISOLATED = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };
/** The Percus pages timed: the frame page, and bench-tierup.mjs's warmed one and its worker. */
const PERCUS_TIMED = new Set(["/frame.html", "/test/warm.html", "/test/warm-worker.js"]);

const cache = new Map();

/**
 * Serves the peers' pages and files under `${origin}/__peers/<peer>/` and
 * aborts every request that leaves the local server. With `isolate`, the
 * peer pages and the Percus pages timed (PERCUS_TIMED) are served
 * cross-origin isolated (for timing). Aborted URLs are pushed to `aborted` (which should stay empty),
 * which is returned.
 */
export async function routePeers(context, origins, { isolate = false, aborted = [] } = {}) {
  const extra = isolate ? ISOLATED : {};
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    const local = origins.some((o) => url.origin === o);
    if (local && isolate && PERCUS_TIMED.has(url.pathname)) {
      const response = await route.fetch();
      return route.fulfill({ response, headers: { ...response.headers(), ...extra } });
    }
    if (local && url.pathname.startsWith("/__peers/")) {
      const [, , name, file] = url.pathname.split("/");
      if (name === "font") {
        const path = FONTS_DIR + decodeURIComponent(file);
        if (path.includes("..")) return route.fulfill({ status: 404, body: "" });
        if (!cache.has(path)) cache.set(path, readFileSync(path));
        return route.fulfill({ status: 200, contentType: "font/ttf", body: cache.get(path) });
      }
      const peer = PEERS[name];
      if (peer && file === "index.html") {
        return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: extra, body: peer.html });
      }
      if (peer && peer.assets[file]) {
        const [path, contentType] = peer.assets[file];
        if (!cache.has(path)) cache.set(path, readFileSync(path));
        return route.fulfill({ status: 200, contentType, body: cache.get(path) });
      }
      return route.fulfill({ status: 404, body: "" });
    }
    if (local || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    aborted.push(url.href);
    return route.abort();
  });
  return aborted;
}

/** Opens (once) the page of peer `name` and waits for window.peer. */
export async function openPeer(page, origin, name) {
  const url = `${origin}/__peers/${name}/index.html`;
  if (page.url() === url && (await page.evaluate(() => window.peerReady === true).catch(() => false))) return;
  await page.goto(url);
  await page.waitForFunction(() => window.peerReady === true, null, { timeout: 30_000 });
}

/**
 * In the Percus frame page (once window.percusFrame exists): the peer
 * contract over it. Runs in the page (stringified by bench.mjs).
 */
export function percusContract() {
  const stage = document.getElementById("stage");
  window.peer = {
    load: (jsonText, width, height) => window.percusFrame.load(jsonText, width, height),
    draw: (frame) => window.percusFrame.seek(frame),
    readback: () => stage.getContext("2d").getImageData(0, 0, 1, 1).data[3],
  };
}

/** Gives the Percus frame page the peer contract (load / draw / readback). */
export async function percusPeer(page, frameUrl) {
  if (!page.url().startsWith(frameUrl)) {
    await page.goto(frameUrl);
    await page.waitForFunction(() => window.percusFrame !== undefined);
  }
  await page.evaluate(percusContract);
}

/** Loads a file into a peer page: { ok } or { error }. */
export async function loadPeer(page, jsonText, width, height, fonts = []) {
  return page.evaluate(
    async ({ jsonText, width, height, fonts }) => {
      try {
        await window.peer.load(jsonText, width, height, fonts);
        return { ok: true };
      } catch (error) {
        return { error: String(error?.message || error).slice(0, 200) };
      }
    },
    { jsonText, width, height, fonts },
  );
}

/** Peer `name` renders `frames`: { frames: [RGBA] } or { error }. */
export async function renderPeer(page, origin, name, jsonText, width, height, frames) {
  await openPeer(page, origin, name);
  return withTimeout(
    (async () => {
      const loaded = await loadPeer(page, jsonText, width, height, fontsFor(JSON.parse(jsonText), origin));
      if (loaded.error) return { error: `threw: ${loaded.error}`, frames: [] };
      const images = [];
      const box = page.locator("#box");
      for (const frame of frames) {
        const drawn = await page.evaluate(async (f) => {
          try {
            await window.peer.draw(f);
            return true;
          } catch (error) {
            return String(error?.message || error).slice(0, 200);
          }
        }, frame);
        if (drawn !== true) return { error: `threw: ${drawn}`, frames: [] };
        images.push(decode(await box.screenshot({ animations: "disabled" })));
      }
      return { frames: images };
    })(),
    name,
  );
}

/**
 * Times drawing in the page that holds window.peer (already loaded):
 * `warmUp` frames first, then each of `frames` timed with performance.now()
 * around draw + a one-pixel readback. Returns the times in ms.
 */
export async function timeFrames(page, warmUp, frames) {
  return withTimeout(
    page.evaluate(
      async ({ warmUp, frames }) => {
        for (const f of warmUp) {
          await window.peer.draw(f);
          window.peer.readback();
        }
        const times = [];
        for (const f of frames) {
          const t0 = performance.now();
          await window.peer.draw(f);
          window.peer.readback();
          times.push(performance.now() - t0);
        }
        return times;
      },
      { warmUp, frames },
    ),
    "timing",
  );
}

/**
 * A page factory for the benchmark scripts: every page in a browser context
 * of its own (contexts never share a renderer process, so a file that hangs
 * one renderer cannot stall another), with the peers' routes.
 */
export function pageMaker(browser, origins, options) {
  return async () => {
    const context = await browser.newContext({ deviceScaleFactor: 1 });
    await routePeers(context, origins, options);
    return context.newPage();
  };
}

/** Replaces a page that hung: its context closed, a new page from `make`. */
export async function freshPage(page, make) {
  await page.context().close().catch(() => {});
  return make();
}

// --- side-by-side images ----------------------------------------------------

/** RGBA (width x height) halved in each direction by averaging 2x2 blocks. */
function halve(rgba, width, height) {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const out = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        let n = 0;
        for (let dy = 0; dy < 2; dy++) {
          for (let dx = 0; dx < 2; dx++) {
            const sx = 2 * x + dx;
            const sy = 2 * y + dy;
            if (sx < width && sy < height) {
              sum += rgba[(sy * width + sx) * 4 + c];
              n++;
            }
          }
        }
        out[(y * w + x) * 4 + c] = Math.round(sum / n);
      }
    }
  }
  return { data: out, width: w, height: h };
}

/**
 * One PNG with the panels side by side (each halved), under a row of labels
 * drawn by the browser in `page`. panels: [{ label, rgba | null }].
 */
export async function sideBySide(page, panels, width, height) {
  const GAP = 4;
  const halves = panels.map((p) => (p.rgba ? halve(p.rgba, width, height) : null));
  const pw = Math.ceil(width / 2);
  const ph = Math.ceil(height / 2);
  const total = panels.length * pw + (panels.length - 1) * GAP;
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:#fff"><div id="labels" style="display:flex;gap:${GAP}px;width:${total}px;background:#fff">` +
      panels
        .map(
          (p) =>
            `<div style="width:${pw}px;height:20px;font:13px/20px sans-serif;text-align:center;color:#222;background:#eee">${p.label}</div>`,
        )
        .join("") +
      `</div></body></html>`,
  );
  const labels = PNG.sync.read(await page.locator("#labels").screenshot());
  const png = new PNG({ width: total, height: labels.height + ph, colorType: 2 });
  png.data.fill(0xcc); // grey gaps; panels overwrite their area
  labels.data.copy(png.data, 0, 0, Math.min(labels.data.length, total * labels.height * 4));
  halves.forEach((half, i) => {
    const x0 = i * (pw + GAP);
    for (let y = 0; y < ph; y++) {
      for (let x = 0; x < pw; x++) {
        const o = ((labels.height + y) * total + x0 + x) * 4;
        if (!half) {
          png.data[o] = png.data[o + 1] = png.data[o + 2] = 0xf4; // failed: light grey
        } else {
          half.data.copy(png.data, o, (y * half.width + x) * 4, (y * half.width + x) * 4 + 4);
        }
        png.data[o + 3] = 255;
      }
    }
  });
  return PNG.sync.write(png, { colorType: 2, deflateLevel: 9 });
}
