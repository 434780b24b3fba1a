// Time to draw one frame, Percus against lottie-web's canvas renderer,
// dotLottie web (ThorVG) and Skottie (canvaskit-wasm), in one headless
// Chromium run, over the corpus (../shared/corpus/lottie) at the fidelity
// size (longer side 512 px, device pixel ratio 1).
//
// For each file and renderer, inside the page: WARM_UP_FRAMES (3) warm-up
// frames, then TIMED_FRAMES (30) frames spread over the animation
// (definitions.mjs), each timed with performance.now() around the draw call
// and a one-pixel getImageData readback (so the raster work is in the time,
// equally for every renderer). Per file: the median of the 30. Per
// renderer: the median and the 90th percentile over files of those
// medians, over the files every renderer drew. lottie-web SVG (timed by
// bench.mjs) is left out here (COMPARED); lottie-web canvas is timed as it
// plays and with every frame drawn (FORCED).
//
//   node scripts/benchmarks/bench-speed.mjs              # whole corpus, prints a Markdown table
//   FILES=regex node scripts/benchmarks/bench-speed.mjs  # a subset
//
// Needs the built www/pkg (npm run build). A benchmark, not a test: run it
// on a quiet machine; the load average is printed with the results.
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { setUp } from "../lib/browser.mjs";
import { withTimeout } from "../lib/fidelity.mjs";
import {
  COMPARED as PAGES,
  CORPUS,
  FILES as pattern,
  FORCED,
  TIMED_FRAMES as TIMED,
  WARM_UP_FRAMES as WARM_UP,
  corpusFiles,
  fitSize,
  needBuild,
  playerLabels,
  timedFrames,
  warmUpFrames,
  withForced,
} from "./definitions.mjs";
import { fontsFor, freshPage, loadPeer, openPeer, pageMaker, percusPeer, timeFrames } from "./peers.mjs";
import { median, quantile } from "./stats.mjs";

needBuild();

const files = corpusFiles().filter((f) => !pattern || pattern.test(f));
const RENDERERS = withForced(PAGES);
const LABELS = playerLabels("Percus");

const env = await setUp();
const origins = [env.hostOrigin, env.playerOrigin];
const aborted = [];
// Cross-origin isolated pages: performance.now() at 5 µs instead of 100 µs.
const newPage = pageMaker(env.browser, origins, { isolate: true, aborted });
const pages = {};
for (const name of PAGES) pages[name] = await newPage();
const frameUrl = `${env.playerOrigin}/frame.html`;
const load0 = loadavg()[0];
const started = Date.now();

const perFile = Object.fromEntries(RENDERERS.map((r) => [r, {}])); // renderer -> file -> median ms | null
try {
  for (const [index, file] of files.entries()) {
    const jsonText = readFileSync(CORPUS + file, "utf8");
    const doc = JSON.parse(jsonText);
    const { width, height } = fitSize(doc.w, doc.h);
    const frames = timedFrames(doc.ip, doc.op);
    const warmUp = warmUpFrames(frames);
    // Rotate the order per file so slow drifts of the machine spread evenly.
    const order = PAGES.map((_, i) => PAGES[(i + index) % PAGES.length]);
    const line = [];
    for (const name of order) {
      let result = null;
      let forced = null;
      try {
        if (name === "percus") await percusPeer(pages.percus, frameUrl);
        else await openPeer(pages[name], env.hostOrigin, name);
        const fonts = name === "percus" ? [] : fontsFor(doc, env.hostOrigin);
        const loaded = await withTimeout(loadPeer(pages[name], jsonText, width, height, fonts), name);
        if (!(await pages[name].evaluate(() => crossOriginIsolated))) throw new Error(`${name}: page not cross-origin isolated`);
        if (!loaded.error) {
          if (name !== "lottie-web-canvas") {
            result = median(await timeFrames(pages[name], warmUp, frames));
          } else {
            // Both ways on the same load, which one first alternating by file.
            for (const force of index % 2 ? [true, false] : [false, true]) {
              await pages[name].evaluate((f) => (window.peer.force = f), force);
              const time = median(await timeFrames(pages[name], warmUp, frames));
              if (force) forced = time;
              else result = time;
            }
          }
        }
      } catch (error) {
        if (error.code === "timeout") pages[name] = await freshPage(pages[name], newPage);
      }
      perFile[name][file] = result;
      if (name === "lottie-web-canvas") perFile[FORCED][file] = forced;
    }
    for (const name of RENDERERS) {
      const v = perFile[name][file];
      line.push(`${name} ${v === null ? "failed" : `${v.toFixed(2)} ms`}`);
    }
    console.log(`[${index + 1}/${files.length}] ${file}: ${line.join(", ")}`);
  }

  const common = files.filter((f) => RENDERERS.every((r) => perFile[r][f] !== null && perFile[r][f] !== undefined));
  const stats = Object.fromEntries(
    RENDERERS.map((name) => {
      const values = common.map((f) => perFile[name][f]);
      const drawn = files.filter((f) => perFile[name][f] !== null).length;
      return [name, { drawn, median: median(values), p90: quantile(values, 0.9) }];
    }),
  );
  const ratiosTo = (other) => common.map((f) => perFile.percus[f] / perFile[other][f]);
  const chromium = env.browser.version();
  const fmt = (ms) => `${ms.toFixed(2)} ms`;

  console.log(`\n${new Date().toISOString().slice(0, 10)}, Chromium ${chromium}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}),` +
    ` load average ${load0.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${files.length} files, ${common.length} drawn by every renderer (the table is over those); ${TIMED} timed frames per file after ${WARM_UP} warm-up frames\n`);
  console.log("| renderer | files drawn | median frame | p90 frame | Percus / this (medians) |");
  console.log("|---|---|---|---|---|");
  for (const name of RENDERERS) {
    const s = stats[name];
    const ratio = stats.percus.median / s.median;
    console.log(`| ${LABELS[name]} | ${s.drawn} of ${files.length} | ${fmt(s.median)} | ${fmt(s.p90)} | ${name === "percus" ? "–" : ratio.toFixed(2)} |`);
  }
  for (const other of ["lottie-web-canvas", FORCED]) {
    const ratios = ratiosTo(other);
    console.log(`\nPercus / ${LABELS[other]}: ${(stats.percus.median / stats[other].median).toFixed(2)} (ratio of the medians);` +
      ` per file: median ${median(ratios).toFixed(2)}, p90 ${quantile(ratios, 0.9).toFixed(2)};` +
      ` Percus faster on ${ratios.filter((r) => r < 1).length} of ${ratios.length} files`);
    const slowest = [...common].sort((a, b) => perFile.percus[b] / perFile[other][b] - perFile.percus[a] / perFile[other][a]).slice(0, 5);
    console.log(`  slowest for Percus: ${slowest.map((f) => `${f} ${(perFile.percus[f] / perFile[other][f]).toFixed(2)}×`).join(", ")}`);
  }
  const failed = RENDERERS.flatMap((r) => files.filter((f) => perFile[r][f] === null).map((f) => `${r}: ${f}`));
  if (failed.length) console.log(`not drawn (threw or hung): ${failed.join("; ")}`);
  if (aborted.length) console.log(`requests aborted (not local): ${[...new Set(aborted)].join(", ")}`);
} finally {
  await env.close();
}
