// How much of a cold page's time per frame is V8 still running Percus's
// wasm in its baseline compiler (Liftoff). V8 compiles wasm lazily, with
// Liftoff first, and moves a function to its optimising compiler
// (TurboFan) only after it has run for a while ("dynamic tiering"); a
// fresh page, as `npm run bench` opens one per file, draws its first
// frames largely in Liftoff code. This script times the same frames as
// bench.mjs (WARM_UP_FRAMES, then TIMED_FRAMES evenly spaced, each draw +
// a one-pixel readback, a fresh page per file and player) of Percus
// (www/frame.html) and lottie-web's canvas renderer as it plays, three
// ways:
//
// - shipped: as bench.mjs has it;
// - warmed: before the file, a worker runs the frame page's wasm on
//   another file (WARM_FILE, WARM_FRAMES of its frames evaluated, nothing
//   drawn; pages/warm.html): V8 shares the compiled module between the
//   page and the worker, so the page's frames run the evaluation code the
//   worker got optimised (not the drawing code: the worker has no
//   canvas). What the player could win by doing this while a template
//   downloads;
// - turbofan: Chromium with `--js-flags=--no-liftoff`, every wasm function
//   compiled by TurboFan before it first runs (a page cannot set that
//   flag): the time Percus's frames take with all of its code optimised.
//
// lottie-web, plain JS, is timed the same way in each, as the control.
//
//   node scripts/benchmarks/bench-tierup.mjs               # every 3rd corpus file
//   FILES=. node scripts/benchmarks/bench-tierup.mjs       # every one (docs/benchmarks.md's run)
//   FILES=regex node scripts/benchmarks/bench-tierup.mjs   # a subset
//   ROUNDS=3 node scripts/benchmarks/bench-tierup.mjs      # rounds (default 2)
//
// Needs the built www/pkg (npm run build). A benchmark, not a test: run it
// on a quiet machine; it prints a Markdown table (docs/benchmarks.md,
// "Cold code").
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { setUp } from "../lib/browser.mjs";
import { withTimeout } from "../lib/fidelity.mjs";
import {
  CORPUS,
  FILES as pattern,
  corpusFiles,
  fitSize,
  needBuild,
  timedFrames,
  warmUpFrames,
} from "./definitions.mjs";
import { loadPeer, openPeer, pageMaker, percusPeer, timeFrames } from "./peers.mjs";
import { mean, median } from "./stats.mjs";

needBuild();

/** What the worker of the "warmed" way runs first, and how many frames. */
const WARM_FILE = "thorvg-example__emoji_enjoying.json";
const WARM_FRAMES = 400;

const all = corpusFiles().filter((f) => f !== WARM_FILE);
const files = pattern ? all.filter((f) => pattern.test(f)) : all.filter((_, i) => i % 3 === 0);
const ROUNDS = Math.max(1, Number(process.env.ROUNDS || 2));
const PLAYERS = ["percus", "lottie-web-canvas"];
const MODES = {
  shipped: { args: [], page: "frame.html", label: "as shipped" },
  warmed: { args: [], page: "test/warm.html", label: `warmed: a worker first evaluates ${WARM_FRAMES} frames of ${WARM_FILE}` },
  turbofan: { args: ["--js-flags=--no-liftoff"], page: "frame.html", label: "`--js-flags=--no-liftoff`" },
};
const warmText = readFileSync(CORPUS + WARM_FILE, "utf8");
/** Milliseconds each warm-up took in its worker. */
const warmUps = [];
/** "way, player" -> [files left out, the first reason] */
const failures = new Map();
const load0 = loadavg()[0];
const started = Date.now();

/** mode -> player -> file -> [mean ms per frame, one per round] */
const means = Object.fromEntries(
  Object.keys(MODES).map((mode) => [mode, Object.fromEntries(PLAYERS.map((p) => [p, {}]))]),
);
// One browser per set of switches, both open throughout: the ways take
// turns file by file, so that the machine's drift is shared alike.
const envs = {};
async function openBrowsers() {
  for (const [mode, { args }] of Object.entries(MODES)) {
    const key = args.join(" ");
    envs[key] ||= await setUp({ chromiumArgs: args, testPages: new URL("./pages/", import.meta.url).pathname });
    MODES[mode].env = envs[key];
    MODES[mode].newPage = pageMaker(envs[key].browser, [envs[key].hostOrigin, envs[key].playerOrigin], { isolate: true });
  }
}

/** Times `player` on `file` in a fresh page of `mode`: the mean ms per frame, or null. */
async function timeFile(mode, player, file, jsonText, width, height, frames) {
  const { env, newPage, page: percusPage } = MODES[mode];
  let page = null;
  try {
    page = await newPage();
    if (player === "percus") {
      await percusPeer(page, `${env.playerOrigin}/${percusPage}`);
      if (mode === "warmed") {
        await page.waitForFunction(() => typeof window.warmUp === "function");
        const warming = page.evaluate(([json, n]) => window.warmUp(json, n), [warmText, WARM_FRAMES]);
        warmUps.push(await withTimeout(warming, "warm-up"));
      }
    } else {
      await openPeer(page, env.hostOrigin, player);
    }
    // Timed at 5 µs, as bench.mjs times: a page that is not isolated
    // would get 100 µs.
    if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error(`${mode}: not cross-origin isolated`);
    const loaded = await loadPeer(page, jsonText, width, height);
    if (loaded.error) throw new Error(loaded.error);
    return mean(await timeFrames(page, warmUpFrames(frames), frames));
  } catch (error) {
    // Hung or threw: the file is left out of the figures, and counted.
    const key = `${mode}, ${player}`;
    const [count, reason] = failures.get(key) ?? [0, String(error?.message || error).slice(0, 160)];
    failures.set(key, [count + 1, reason]);
    return null;
  } finally {
    await page?.context().close().catch(() => {});
  }
}

const runs = Object.keys(MODES).flatMap((mode) => PLAYERS.map((player) => [mode, player]));
try {
  await openBrowsers();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, file] of files.entries()) {
      const jsonText = readFileSync(CORPUS + file, "utf8");
      const doc = JSON.parse(jsonText);
      const { width, height } = fitSize(doc.w, doc.h);
      const frames = timedFrames(doc.ip, doc.op);
      // Every way and player in turn, the order rotating per file and round.
      const shift = (round + index) % runs.length;
      for (const [mode, player] of [...runs.slice(shift), ...runs.slice(0, shift)]) {
        const mean = await timeFile(mode, player, file, jsonText, width, height, frames);
        if (mean !== null) (means[mode][player][file] ||= []).push(mean);
      }
    }
  }
} finally {
  await Promise.allSettled(Object.values(envs).map((env) => env.close()));
}

/** A file's figure: the median of its rounds; over files, the median. */
const fileFigure = (mode, player, file) => {
  const rounds = means[mode][player][file];
  return rounds?.length === ROUNDS ? median(rounds) : null;
};
const both = files.filter((f) =>
  Object.keys(MODES).every((m) => PLAYERS.every((p) => fileFigure(m, p, f) !== null)),
);
for (const [key, [count, reason]] of failures) {
  console.log(`Left out (${key}): ${count} file-round(s); the first: ${reason}`);
}
if (!both.length) {
  console.error("No file was drawn every way by both players: nothing to compare.");
  process.exit(1);
}
const overFiles = (mode, player) => median(both.map((f) => fileFigure(mode, player, f)));
const ratios = (mode) => median(both.map((f) => fileFigure(mode, "percus", f) / fileFigure(mode, "lottie-web-canvas", f)));
const ms = (v) => `${v.toFixed(2)} ms`;

console.log(
  `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${Math.round((Date.now() - started) / 60000)} min: ` +
    `${both.length} of ${files.length} corpus files drawn by both players in every round, ${ROUNDS} round(s), ` +
    `load average ${load0.toFixed(2)} at the start and ${loadavg()[0].toFixed(2)} at the end.\n`,
);
console.log("| Chromium | Percus, mean per frame (median over files) | lottie-web canvas as played | Percus / lottie-web, ratio of the medians | median of per-file ratios |");
console.log("|---|---|---|---|---|");
for (const [mode, { label }] of Object.entries(MODES)) {
  const p = overFiles(mode, "percus");
  const l = overFiles(mode, "lottie-web-canvas");
  console.log(`| ${label} | ${ms(p)} | ${ms(l)} | ${(p / l).toFixed(2)} | ${ratios(mode).toFixed(2)} |`);
}
const shipped = overFiles("shipped", "percus");
for (const mode of ["warmed", "turbofan"]) {
  console.log(`\nPercus ${mode} / as shipped: ${(overFiles(mode, "percus") / shipped).toFixed(2)}.`);
}
console.log(`\nThe worker's warm-up took ${ms(median(warmUps))} (median of ${warmUps.length}).`);
