// The fidelity comparison: renders Lottie files with Percus (www/frame.html,
// window.percusFrame) and with lottie-web's SVG renderer (the reference
// designers check their exports in) in one headless Chromium, and compares
// frames with pixelmatch. Settings are the tracker's: longer side 512 px,
// opaque white, frames round((op - ip - 1) * i / 4) for i = 0..4,
// threshold 0.1, anti-aliased pixels not counted.
//
// Shared (scripts/lib/): the fidelity test (tests/fidelity.test.mjs) and the
// benchmarks (scripts/benchmarks/: the peers' fidelity with exactly these
// settings, the fidelity size everywhere) both render and compare here.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import pixelmatch from "pixelmatch";

const require = createRequire(import.meta.url);
const LOTTIE_SVG = require.resolve("lottie-web/build/player/lottie_svg.min.js");

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** ../shared/corpus/ beside the repo (or beside its parent folder), or undefined when it is missing. */
export const CORPUS_ROOT = [`${ROOT}../shared/corpus/`, `${ROOT}../../shared/corpus/`].find(existsSync);
/** The corpus's Lottie files, each compared (and benchmarked) on its own. */
export const CORPUS = [`${ROOT}../shared/corpus/lottie/`, `${ROOT}../../shared/corpus/lottie/`].find(existsSync);
/** The second corpus (../shared/corpus2: 532 more files from the same kinds of sources). */
export const CORPUS2 = [`${ROOT}../shared/corpus2/lottie/`, `${ROOT}../../shared/corpus2/lottie/`].find(existsSync);

export const SIDE = 512;
export const SAMPLES = 5;
/** A file "matches" when every sampled frame differs in at most this share of pixels. */
export const MATCH = 0.03;
/** How long one file may take in one renderer before it counts as hung. */
const FILE_TIMEOUT_MS = 20_000;

export function fitSize(w, h) {
  const scale = SIDE / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

export function sampleFrames(ip, op) {
  return Array.from({ length: SAMPLES }, (_, i) => Math.round(((op - ip - 1) * i) / (SAMPLES - 1)));
}

export function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what} timed out`), { code: "timeout" })), FILE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A PNG (a Buffer) as RGBA bytes. */
export function decode(png) {
  return PNG.sync.read(png).data;
}

/** Percus, through the frame page. Returns { info, warnings, frames: [RGBA] }. */
export async function renderPercus(page, frameUrl, jsonText, width, height, frames) {
  if (!page.url().startsWith(frameUrl)) {
    await page.goto(frameUrl);
    await page.waitForFunction(() => window.percusFrame !== undefined);
  }
  return withTimeout(
    (async () => {
      const info = await page.evaluate(
        async ({ jsonText, width, height }) => {
          try {
            return await window.percusFrame.load(jsonText, width, height);
          } catch (error) {
            return { error: error.code || "unknown" };
          }
        },
        { jsonText, width, height },
      );
      if (info.error) return { error: info.error, frames: [] };
      const images = [];
      const stage = page.locator("#stage");
      for (const frame of frames) {
        await page.evaluate((f) => window.percusFrame.seek(f), frame);
        images.push(decode(await stage.screenshot({ animations: "disabled" })));
      }
      return { info, frames: images };
    })(),
    "percus",
  );
}

/** Math.random made repeatable: mulberry32 from 1 (see renderLottieWeb). */
const SEEDED_RANDOM = `{
  let seed = 1;
  Math.random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}`;
let lottieText = null;
/** lottie-web's SVG build, read from node_modules once. */
function lottieSource() {
  lottieText ??= readFileSync(LOTTIE_SVG, "utf8");
  return lottieText;
}

/** lottie-web's SVG renderer, in a blank page made anew for every file. */
export async function renderLottieWeb(page, jsonText, width, height, frames) {
  // A fresh page and lottie-web for every file, after a fixed Math.random:
  // lottie-web's expressions draw wiggle() and random() from Math.random
  // (captured when the script loads, and reseeded by files that call
  // seedRandom), so a file like lottie-android's bomb drew differently on
  // each run and the ratchet failed at random. mulberry32 from 1 makes the
  // reference repeatable and independent of the files before it.
  await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff"></body></html>`);
  await page.addScriptTag({ content: SEEDED_RANDOM });
  await page.addScriptTag({ content: lottieSource() });
  return withTimeout(
    (async () => {
      const ok = await page.evaluate(
        async ({ jsonText, width, height }) => {
          try {
            document.body.replaceChildren();
            const box = document.createElement("div");
            box.id = "box";
            box.style.cssText = `width:${width}px;height:${height}px;background:#fff;overflow:hidden`;
            document.body.append(box);
            window.anim = window.lottie.loadAnimation({
              container: box,
              renderer: "svg",
              loop: false,
              autoplay: false,
              animationData: JSON.parse(jsonText),
              rendererSettings: { preserveAspectRatio: "xMidYMid meet" },
            });
            await new Promise((resolve) => {
              if (window.anim.isLoaded) resolve();
              window.anim.addEventListener("DOMLoaded", resolve);
              setTimeout(resolve, 5000);
            });
            return true;
          } catch {
            return false;
          }
        },
        { jsonText, width, height },
      );
      if (!ok) return { error: "reference-threw", frames: [] };
      const images = [];
      const box = page.locator("#box");
      for (const frame of frames) {
        const drawn = await page.evaluate((f) => {
          try {
            window.anim.goToAndStop(f, true);
            return true;
          } catch {
            return false;
          }
        }, frame);
        if (!drawn) return { error: "reference-threw", frames: [] };
        images.push(decode(await box.screenshot({ animations: "disabled" })));
      }
      return { frames: images };
    })(),
    "lottie-web",
  );
}

/** Share of pixels that differ between two RGBA images of one size. */
export function mismatch(a, b, width, height) {
  return pixelmatch(a, b, null, width, height, { threshold: 0.1, includeAA: false }) / (width * height);
}

/** One file, both renderers, every sampled frame: { worst, frames, error? }. */
export async function compareFile(pages, frameUrl, jsonText) {
  const doc = JSON.parse(jsonText);
  const { width, height } = fitSize(doc.w, doc.h);
  const frames = sampleFrames(doc.ip, doc.op);
  const [reference, percus] = await Promise.all([
    renderLottieWeb(pages.reference, jsonText, width, height, frames).catch((error) => ({
      error: error.code === "timeout" ? "reference-hung" : "reference-threw",
      frames: [],
    })),
    renderPercus(pages.percus, frameUrl, jsonText, width, height, frames).catch((error) => ({
      error: error.code === "timeout" ? "percus-hung" : "percus-threw",
      frames: [],
    })),
  ]);
  // A hung page may stay busy: give the next file fresh pages.
  for (const [name, result] of [["reference", reference], ["percus", percus]]) {
    if (result.error && result.error.endsWith("-hung")) {
      const context = pages[name].context();
      await pages[name].close().catch(() => {});
      pages[name] = await context.newPage();
    }
  }
  if (percus.error) return { error: percus.error, worst: 1, frames: [] };
  const warnings = await pages.percus.evaluate(() => window.percusFrame.warnings?.() ?? "");
  if (reference.error) return { error: reference.error, worst: null, frames: [], warnings };
  const perFrame = frames.map((_, i) => mismatch(percus.frames[i], reference.frames[i], width, height));
  return { worst: Math.max(...perFrame), frames: perFrame, warnings };
}
