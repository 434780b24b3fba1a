// `npm run bench`: Percus against lottie-web (SVG and canvas renderers),
// dotLottie web (ThorVG in wasm) and Skottie (canvaskit-wasm), in one
// headless Chromium run (Debian's, --disable-gpu: every renderer rasterises
// on the CPU), over every file of ../shared/corpus/lottie and every demo
// template (www/templates/*: its animation JSON alone, images inlined as
// data: URIs, text placeholders unbound, no background video), at the
// fidelity size (longer side 512 px, device pixel ratio 1).
//
// For each round (ROUNDS, default 3) × each file × each player, in an order
// rotated per file and round (so drifts of the machine spread evenly), the
// player gets a fresh browser context and page (cold: nothing cached, its
// own renderer process), cross-origin isolated so performance.now() has
// 5 µs resolution. Percus is www/frame.html (the www/pkg/frame build), each
// peer its page of peers.mjs; the file's JSON text is put in the page
// before navigation (an init script), and an init script also starts the
// measurement the moment the player's code is ready, so the start-up is
// timed in the page, in one go, with no round trip to Node. The files, the
// frames, the players and what each figure is (MEASURES) are in
// definitions.mjs; the bytes each player ships come from bench-bytes.mjs.
//
// Summaries over the files every player drew in every round: a file's
// figure is the median of its rounds; per player, the median (and for
// frames the 95th percentile) over those files, Percus / peer per measure,
// on how many files Percus is faster, and each round's median (the noise).
//
//   npm run bench                                  # everything, 3 rounds
//   FILES='greeting|coin' ROUNDS=1 npm run bench   # a subset, quick
//
// Output: the Markdown report on stdout (progress on stderr) and in
// target/bench/report.md; target/bench/results.json (every run, with each
// frame's time). A whole run (no FILES; or WRITE_DOCS=1, and WRITE_DOCS=0
// never) also writes docs/bench/results.json (per-file figures and
// summaries) and the report into docs/benchmarks.md between
// <!-- bench:start --> and <!-- bench:end -->. Needs the built www/pkg
// (npm run build). A benchmark, not a test: run it on a quiet machine; the
// load average is recorded.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { setUp } from "../lib/browser.mjs";
import { withTimeout } from "../lib/fidelity.mjs";
import { measure } from "../lib/sizes.mjs";
import { bytesTable, playerBytes } from "./bench-bytes.mjs";
import {
  CORPUS,
  FILES as pattern,
  FORCED,
  MEASURES,
  PLAYERS,
  ROOT,
  ROUNDS,
  TIMED_FRAMES as TIMED,
  WARM_UP_FRAMES as WARM_UP,
  benchFiles,
  fitSize,
  needBuild,
  pageOf,
  playerLabels,
  timedFrames,
  warmUpFrames,
  withForced,
} from "./definitions.mjs";
import { fontsFor, percusBuildTime, percusContract, routePeers, timeFrames } from "./peers.mjs";
import { mean, median, quantile } from "./stats.mjs";

const WRITE_DOCS = process.env.WRITE_DOCS ? process.env.WRITE_DOCS === "1" : !pattern;
const MARKERS = ["<!-- bench:start -->", "<!-- bench:end -->"];

needBuild();
if (!CORPUS) {
  console.error("../shared/corpus/lottie is missing.");
  process.exit(1);
}

// --- players ----------------------------------------------------------------

/** Rows of the frame tables: lottie-web canvas also with every frame drawn. */
const RENDERERS = withForced(PLAYERS);
const LABELS = playerLabels("Percus (www/pkg/frame)");

// --- statistics --------------------------------------------------------------

const round3 = (x) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x);

function frameStats(times) {
  return { mean: round3(mean(times)), median: round3(median(times)), p95: round3(quantile(times, 0.95)), max: round3(Math.max(...times)), times: times.map(round3) };
}

// --- the files and their fonts ----------------------------------------------------

/** Weight and style of a Lottie font (fStyle, fWeight) as CSS descriptors. */
function fontDescriptors(font) {
  const style = `${font.fStyle || ""} ${font.fWeight || ""}`.toLowerCase();
  const weight = /black|heavy/.test(style) ? "900" : /extra ?bold/.test(style) ? "800" : /semi ?bold|demi/.test(style) ? "600" : /bold|[7-9]00/.test(style) ? "700" : /medium|500/.test(style) ? "500" : /light|300/.test(style) ? "300" : "400";
  return { weight, style: /italic|oblique/.test(style) ? "italic" : "normal" };
}

let systemFonts;
/**
 * The fonts each kind of player gets for a file. Files with font files of
 * their own (the templates): Percus gets them as the player does (FontFace
 * from the file, in its load), lottie-web through the JSON's fPath, and the
 * wasm peers the system's TrueType file of the same name (they read no
 * WOFF), as fontsFor's entries. Other files: what fontsFor gives the wasm
 * peers (the files Chrome draws those families with); the others use the
 * system's fonts as the browser resolves them.
 */
function fontsOf(doc, origin) {
  const own = (doc.fonts?.list || []).filter((f) => typeof f.fPath === "string" && f.fPath.startsWith("/templates/"));
  if (!own.length) return { page: [], wasm: fontsFor(doc, origin) };
  systemFonts ??= execFileSync("fc-list", [":", "file"], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.replace(/:\s*$/, "").trim())
    .filter((path) => path.startsWith("/usr/share/fonts/") && /\.ttf$/i.test(path));
  const wasm = own
    .map((font) => {
      const base = font.fPath.split("/").pop().replace(/\.(woff2?|ttf|otf)$/i, "").toLowerCase();
      const file = systemFonts.find((path) => path.split("/").pop().toLowerCase() === `${base}.ttf`);
      return file && { names: [...new Set([font.fName, font.fFamily].filter(Boolean))], url: `${origin}/__peers/font/${encodeURIComponent(file.slice("/usr/share/fonts/".length))}` };
    })
    .filter(Boolean);
  return { page: own.map((font) => ({ family: font.fFamily, url: font.fPath, ...fontDescriptors(font) })), wasm: wasm.length ? wasm : fontsFor(doc, origin) };
}

const files = benchFiles()
  .filter((f) => !pattern || pattern.test(f.name))
  .map((f) => {
    const jsonText = f.read();
    const doc = JSON.parse(jsonText);
    const { width, height } = fitSize(doc.w, doc.h);
    const frames = timedFrames(doc.ip, doc.op);
    return { name: f.name, source: f.source, jsonText, doc, width, height, bytes: Buffer.byteLength(jsonText), frames, warmUp: warmUpFrames(frames) };
  });
if (!files.length) {
  console.error(`no file matches FILES=${process.env.FILES}`);
  process.exit(1);
}

// --- in the page -------------------------------------------------------------

/**
 * Runs in the player's page before any of its scripts (an init script):
 * records every wasm memory, and as soon as the player's code is ready,
 * loads window.__benchData, draws frame 0 and reads a pixel back, with
 * marks in performance.now() (ms since the navigation started).
 * window.__bench.finished resolves with { ok, marks, ... } or the failure.
 */
function benchInPage(kind, path, contract) {
  if (location.pathname !== path || window.__bench) return;
  const now = () => performance.now();
  const bench = { marks: {}, weak: [] };
  window.__bench = bench;
  let finish;
  bench.finished = new Promise((resolve) => (finish = resolve));

  // Every WebAssembly.Memory the page instantiates or creates, held weakly.
  const W = WebAssembly;
  const remember = (memory) => bench.weak.push(new WeakRef(memory));
  const noteInstance = (instance) => {
    for (const value of Object.values(instance?.exports || {})) if (value instanceof W.Memory) remember(value);
  };
  let instantiated;
  const wasmReady = new Promise((resolve) => (instantiated = resolve));
  const watch = (promise) =>
    promise.then(
      (result) => {
        noteInstance(result instanceof W.Instance ? result : result.instance);
        bench.marks.wasm ??= now();
        instantiated();
        return result;
      },
      (error) => {
        instantiated();
        throw error;
      },
    );
  const { instantiate, instantiateStreaming } = W;
  W.instantiate = function (...args) {
    return watch(instantiate.apply(this, args));
  };
  if (instantiateStreaming) {
    W.instantiateStreaming = function (...args) {
      return watch(instantiateStreaming.apply(this, args));
    };
  }
  W.Instance = new Proxy(W.Instance, {
    construct(target, args, newTarget) {
      const instance = Reflect.construct(target, args, newTarget);
      noteInstance(instance);
      return instance;
    },
  });
  W.Memory = new Proxy(W.Memory, {
    construct(target, args, newTarget) {
      const memory = Reflect.construct(target, args, newTarget);
      remember(memory);
      return memory;
    },
  });
  bench.wasmBytes = () => {
    const live = new Set(bench.weak.map((w) => w.deref()).filter(Boolean));
    let bytes = 0;
    for (const memory of live) bytes += memory.buffer.byteLength;
    return bytes;
  };

  let phase = "code";
  // Uncaught exceptions and rejections: a player that throws outside its
  // API's promises (lottie-web from its loading callbacks) fails the step.
  bench.errors = [];
  addEventListener("error", (e) => bench.errors.push({ phase, message: String(e.error instanceof Error ? e.error.message : e.message).slice(0, 200) }));
  addEventListener("unhandledrejection", (e) => bench.errors.push({ phase, message: String(e.reason?.message || e.reason).slice(0, 200) }));
  async function run() {
    try {
      if (kind === "percus") {
        // frame.js sets percusFrame, then its wasm arrives: ready once the
        // wasm is instantiated and wasm-bindgen's set-up (same task) is done.
        await wasmReady;
        await new Promise((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = resolve;
          channel.port2.postMessage(null);
        });
        contract();
      }
      bench.marks.code = now();
      const data = window.__benchData;
      window.__benchData = null;
      phase = "load";
      bench.marks.loadStart = now();
      // A template's own fonts, for Percus: as the player loads them
      // (player/src/web/loader.rs: FontFace, then load, all settled).
      await Promise.allSettled(
        data.pageFonts.map((f) => {
          const face = new FontFace(f.family, `url(${f.url})`, { weight: f.weight, style: f.style });
          document.fonts.add(face);
          return face.load();
        }),
      );
      await window.peer.load(data.jsonText, data.width, data.height, data.fonts);
      bench.marks.loaded = now();
      phase = "draw";
      await window.peer.draw(0);
      window.peer.readback();
      bench.marks.firstFrame = now();
      const code = performance
        .getEntriesByType("resource")
        .filter((e) => /\.(m?js|wasm)$/.test(new URL(e.name).pathname))
        .map((e) => e.responseEnd);
      finish({ ok: true, marks: bench.marks, isolated: crossOriginIsolated, fetched: Math.max(0, ...code) });
    } catch (error) {
      finish({ ok: false, phase, error: String(error?.message || error).slice(0, 200), marks: bench.marks });
    }
  }
  // Start the moment the page announces its player: percusFrame (Percus's
  // frame.js) or peerReady (the peers' pages).
  let started = false;
  const name = kind === "percus" ? "percusFrame" : "peerReady";
  let value;
  Object.defineProperty(window, name, {
    configurable: true,
    get: () => value,
    set: (v) => {
      value = v;
      if (!started && (kind === "percus" ? v !== undefined : v === true)) {
        started = true;
        queueMicrotask(run);
      }
    },
  });
}

// --- one player, one file, one round -------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const short = (error) => String(error?.message || error).replace(/^page\.evaluate: /, "").split("\n")[0].slice(0, 200);

let env;
let origins;
const aborted = [];

async function measureOne(player, file, forceFirst) {
  const run = { player };
  let phase = "start-up";
  const context = await env.browser.newContext({ deviceScaleFactor: 1 });
  try {
    await routePeers(context, origins, { isolate: true, aborted });
    const url = player === "percus" ? `${env.playerOrigin}/frame.html` : `${env.hostOrigin}/__peers/${player}/index.html`;
    file.fonts ??= fontsOf(file.doc, env.hostOrigin);
    const { page: pageFonts, wasm: wasmFonts } = file.fonts;
    const fonts = player === "percus" ? [] : wasmFonts;
    const data = { jsonText: file.jsonText, width: file.width, height: file.height, fonts, pageFonts: player === "percus" ? pageFonts : [] };
    // The data in a script of its own: no function of it stays alive, so
    // V8 can drop its source (the JSON text) before the heap is measured.
    await context.addInitScript({ content: `window.__benchData = ${JSON.stringify(data)};` });
    await context.addInitScript({
      content: `(${benchInPage})(${JSON.stringify(player === "percus" ? "percus" : "peer")}, ${JSON.stringify(new URL(url).pathname)}, ${percusContract});`,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(25_000);

    // Start-up, first frame (in the page, in one go).
    const started = await withTimeout(
      (async () => {
        await page.goto(url);
        return page.evaluate(() => window.__bench.finished);
      })(),
      `${player} start-up`,
    );
    if (!started.ok) {
      phase = started.phase;
      throw new Error(started.error);
    }
    const uncaught = async (step) => {
      const [error] = await page.evaluate(() => window.__bench.errors.splice(0));
      if (error) {
        phase = error.phase === "code" ? "start-up" : step ?? error.phase;
        throw new Error(`uncaught: ${error.message}`);
      }
    };
    await uncaught();
    if (!started.isolated) throw new Error("page not cross-origin isolated");
    const m = started.marks;
    Object.assign(run, {
      code: round3(m.code),
      wasmAt: round3(m.wasm),
      fetched: round3(started.fetched),
      load: round3(m.loaded - m.loadStart),
      firstDraw: round3(m.firstFrame - m.loaded),
      firstFrame: round3(m.firstFrame - m.loadStart),
      startup: round3(m.firstFrame),
    });

    // Memory after load: a full GC, then the JS heap and the wasm memories.
    phase = "memory";
    const cdp = await context.newCDPSession(page);
    await withTimeout(
      (async () => {
        await cdp.send("HeapProfiler.enable");
        await cdp.send("HeapProfiler.collectGarbage");
        run.heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
        run.wasm = await page.evaluate(() => window.__bench.wasmBytes());
        await cdp.send("HeapProfiler.disable");
      })(),
      `${player} memory`,
    );
    await cdp.detach().catch(() => {});

    // The same file again in the same page (warm code).
    phase = "load";
    run.loadAgain = round3(
      await withTimeout(
        page.evaluate(async (d) => {
          const t0 = performance.now();
          await window.peer.load(d.jsonText, d.width, d.height, d.fonts);
          return performance.now() - t0;
        }, data),
        `${player} load`,
      ),
    );
    await uncaught("load");

    // Per frame.
    phase = "draw";
    if (player !== "lottie-web-canvas") {
      run.frame = frameStats(await timeFrames(page, file.warmUp, file.frames));
    } else {
      for (const force of forceFirst ? [true, false] : [false, true]) {
        await page.evaluate((f) => (window.peer.force = f), force);
        run[force ? "forced" : "frame"] = frameStats(await timeFrames(page, file.warmUp, file.frames));
      }
    }
    await uncaught("draw");
  } catch (error) {
    const hung = error.code === "timeout";
    run.failure = { phase, kind: hung ? "hung" : "threw", message: hung ? `no answer in 20 s` : short(error) };
  } finally {
    // A renderer that hangs is ended with its context; never wait for it long.
    await Promise.race([context.close().catch(() => {}), sleep(10_000)]);
  }
  return run;
}

// --- the run -----------------------------------------------------------------------

function git(...args) {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}
const version = (pkg) => JSON.parse(readFileSync(`${ROOT}node_modules/${pkg}/package.json`, "utf8")).version;

const builtAtStart = percusBuildTime(ROOT);
const startedAt = new Date();
const loadStart = loadavg();
env = await setUp();
origins = [env.hostOrigin, env.playerOrigin];
const chromium = env.browser.version();
const runs = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, file] of files.entries()) {
      const shift = (index + round) % PLAYERS.length;
      const order = PLAYERS.map((_, i) => PLAYERS[(i + shift) % PLAYERS.length]);
      const line = [];
      for (const [position, player] of order.entries()) {
        const run = await measureOne(player, file, (index + round) % 2 === 1);
        runs.push({ round: round + 1, file: file.name, position, ...run });
        line.push(
          run.failure
            ? `${player} FAILED (${run.failure.phase}: ${run.failure.kind}${run.failure.kind === "threw" ? ` ${run.failure.message}` : ""})`
            : `${player} ${run.frame.mean.toFixed(2)} ms/frame, first frame at ${run.startup.toFixed(0)} ms`,
        );
      }
      console.error(`[round ${round + 1}/${ROUNDS}, ${index + 1}/${files.length}] ${file.name}: ${line.join("; ")}`);
    }
  }
} finally {
  await env.close();
}
const finishedAt = new Date();
const loadEnd = loadavg();

// --- summaries ------------------------------------------------------------------------

const runsOf = new Map(); // `${file}\t${player}` -> runs
for (const run of runs) {
  const key = `${run.file}\t${run.player}`;
  if (!runsOf.has(key)) runsOf.set(key, []);
  runsOf.get(key).push(run);
}
const runsFor = (file, player) => runsOf.get(`${file}\t${player}`) || [];
const drewAll = (file, player) => runsFor(file, player).length === ROUNDS && runsFor(file, player).every((r) => !r.failure);
const fileNames = files.map((f) => f.name);
/** The files every player drew in every round: all figures are over these. */
const common = fileNames.filter((f) => PLAYERS.every((p) => drewAll(f, p)));

/** A file's figure for a renderer: the median over its rounds. */
function fileValue(renderer, file, measureName) {
  const values = runsFor(file, pageOf(renderer))
    .filter((r) => !r.failure)
    .map((r) => MEASURES[measureName](r, renderer === FORCED));
  return median(values.filter((v) => v !== undefined));
}
const overFiles = (renderer, measureName, q = 0.5) => quantile(common.map((f) => fileValue(renderer, f, measureName)), q);
const perRound = (renderer, measureName) =>
  Array.from({ length: ROUNDS }, (_, r) =>
    median(common.map((f) => MEASURES[measureName](runsFor(f, pageOf(renderer)).find((x) => x.round === r + 1), renderer === FORCED))),
  );

const summary = { files: fileNames.length, common: common.length, renderers: {} };
for (const renderer of RENDERERS) {
  const page = pageOf(renderer);
  const s = {
    label: LABELS[renderer],
    drawn: fileNames.filter((f) => drewAll(f, page)).length,
    median: {},
    p95: {},
    perRound: {},
    ratio: {}, // Percus / this, of the medians over files
    perFileRatio: {}, // median over files of Percus / this
    percusFaster: {},
  };
  for (const name of Object.keys(MEASURES)) {
    if (renderer === FORCED && !name.startsWith("frame")) continue;
    s.median[name] = round3(overFiles(renderer, name));
    s.p95[name] = round3(overFiles(renderer, name, 0.95));
    s.perRound[name] = perRound(renderer, name).map(round3);
  }
  summary.renderers[renderer] = s;
}
for (const renderer of RENDERERS) {
  const s = summary.renderers[renderer];
  for (const name of Object.keys(s.median)) {
    s.ratio[name] = round3(summary.renderers.percus.median[name] / s.median[name]);
    const ratios = common.map((f) => fileValue("percus", f, name) / fileValue(renderer, f, name));
    s.perFileRatio[name] = round3(median(ratios));
    s.percusFaster[name] = common.filter((f) => fileValue("percus", f, name) < fileValue(renderer, f, name)).length;
  }
  s.ratio.frameP95OverFiles = round3(summary.renderers.percus.p95.frameMean / s.p95.frameMean);
}

// Failures: per player, the files it failed on, with how often and why.
const failures = {};
for (const player of PLAYERS) {
  failures[player] = fileNames
    .map((file) => {
      const failed = runsFor(file, player).filter((r) => r.failure);
      if (!failed.length) return null;
      const reasons = [...new Set(failed.map((r) => `${r.failure.phase}: ${r.failure.kind}${r.failure.kind === "threw" ? ` (${r.failure.message})` : ""}`))];
      return { file, rounds: failed.length, reasons };
    })
    .filter(Boolean);
}
summary.failures = failures;

// Bytes.
const bytes = playerBytes();
const frameBuild = measure(readdirSync(`${ROOT}www/pkg/frame`).filter((f) => /\.(js|wasm)$/.test(f)).map((f) => `${ROOT}www/pkg/frame/${f}`));
const percusBytes = bytes.find((b) => b.key === "percus");
const codeOnly = measure(percusBytes.files.filter((f) => /\.(js|wasm)$/.test(f)));

// Goals, from the numbers.
const R = summary.renderers;
const fmtRatio = (x) => (Number.isFinite(x) ? x.toFixed(2) : "–");
const canvas = R["lottie-web-canvas"];
const forced = R[FORCED];
const dot = R.dotlottie;
const svg = R["lottie-web-svg"];
const percusFailedPeerDrew = failures.percus.filter(({ file }) => PLAYERS.some((p) => p !== "percus" && drewAll(file, p)));
const KB100 = 100_000;
const ratioCheck = (label, value, ok) => ({ label, value: round3(value), met: Number.isFinite(value) ? ok(value) : null });
/** Each goal: checks { label, value, met } from the numbers; met when all are. */
const goals = [
  {
    goal: "median time per frame at most 0.8 × lottie-web canvas's",
    checks: [
      ratioCheck("Percus / lottie-web canvas as it plays", canvas?.ratio.frameMean, (r) => r <= 0.8),
      ratioCheck("every frame drawn", forced?.ratio.frameMean, (r) => r <= 0.8),
    ],
    note: `per-file median ratios ${fmtRatio(canvas?.perFileRatio.frameMean)} and ${fmtRatio(forced?.perFileRatio.frameMean)}`,
  },
  {
    goal: "median time per frame below dotlottie-web's",
    checks: [ratioCheck("Percus / dotLottie", dot?.ratio.frameMean, (r) => r < 1)],
    note: `per-file median ratio ${fmtRatio(dot?.perFileRatio.frameMean)}`,
  },
  {
    goal: "time to the first frame at most half of lottie-web's",
    checks: [
      ratioCheck("start-up (navigation → first frame), Percus / lottie-web SVG", svg?.ratio.startup, (r) => r <= 0.5),
      ratioCheck("/ canvas", canvas?.ratio.startup, (r) => r <= 0.5),
      ratioCheck("first frame with the code ready (load + draw), / SVG", svg?.ratio.firstFrame, (r) => r <= 0.5),
      ratioCheck("/ canvas", canvas?.ratio.firstFrame, (r) => r <= 0.5),
    ],
  },
  {
    goal: "player wasm + JS at most 100 KB gzip",
    checks: [{ label: "player_bg.wasm + player.js + player-boot.js, bytes gzip", value: codeOnly.gzip, integer: true, met: codeOnly.gzip <= KB100 }],
    note: `${percusBytes.gzip.toLocaleString("en-US")} B with player.html and player.css`,
  },
  {
    goal: "no file where Percus fails that a peer renders",
    checks: [{ label: "such files", value: percusFailedPeerDrew.length, integer: true, met: percusFailedPeerDrew.length === 0 }],
    note: percusFailedPeerDrew.length ? percusFailedPeerDrew.map((f) => f.file).join(", ") : `Percus failed on ${failures.percus.length} file(s)`,
  },
];
for (const g of goals) {
  const known = g.checks.filter((c) => c.met !== null);
  g.verdict = !known.length ? "not measured" : known.every((c) => c.met) ? "met" : known.some((c) => c.met) ? "partly met" : "not met";
}
summary.goals = goals;

const meta = {
  date: startedAt.toISOString(),
  durationSeconds: Math.round((finishedAt - startedAt) / 1000),
  machine: {
    os: `${platform()} ${release()}`,
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryBytes: totalmem(),
    loadAverage: { start: loadStart.map(round3), end: loadEnd.map(round3) },
  },
  chromium,
  node: process.version,
  versions: {
    percus: {
      build: builtAtStart,
      rebuiltDuringRun: percusBuildTime(ROOT) !== builtAtStart,
      commit: git("rev-parse", "HEAD"),
      uncommittedChanges: git("status", "--porcelain", "--untracked-files=no").length > 0,
    },
    "lottie-web": version("lottie-web"),
    "@lottiefiles/dotlottie-web": version("@lottiefiles/dotlottie-web"),
    "canvaskit-wasm": version("canvaskit-wasm"),
    "playwright-core": version("playwright-core"),
  },
  settings: { rounds: ROUNDS, timedFrames: TIMED, warmUpFrames: WARM_UP, side: 512, devicePixelRatio: 1, files: process.env.FILES || null, players: PLAYERS },
  abortedRequests: [...new Set(aborted)],
};

// --- the report ------------------------------------------------------------------------

const ms = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)} ms` : "–");
const mb = (x) => (Number.isFinite(x) ? `${(x / 1e6).toFixed(2)} MB` : "–");
const rounds = (values, fmt) => (ROUNDS > 1 ? values.map(fmt).join(" / ") : "–");
const ratioCell = (renderer, name) => (renderer === "percus" ? "–" : fmtRatio(R[renderer].ratio[name]));
const fasterCell = (renderer, name) => (renderer === "percus" ? "–" : `${R[renderer].percusFaster[name]} of ${common.length}`);

function report() {
  const L = [];
  const load = (a) => a[0].toFixed(2);
  const build = meta.versions.percus;
  L.push(
    `Run of ${meta.date.slice(0, 16).replace("T", " ")} UTC, ${Math.round(meta.durationSeconds / 60)} min: ${ROUNDS} round(s) × ${fileNames.length} files ` +
      `(${files.filter((f) => f.source === "corpus").length} corpus, ${files.filter((f) => f.source === "template").length} demo templates)` +
      `${meta.settings.files ? ` matching /${meta.settings.files}/i` : ""} × ${PLAYERS.length} players, ${TIMED} timed frames per file after ${WARM_UP} warm-up frames, ` +
      `longer side 512 px, device pixel ratio 1. Headless Chromium ${chromium} (--disable-gpu: CPU raster), Node ${process.version}, ` +
      `${meta.machine.os}, ${meta.machine.cores} cores (${meta.machine.cpu}), load average ${load(loadStart)} at the start and ${load(loadEnd)} at the end. ` +
      `Percus: www/pkg/frame built ${build.build.slice(0, 16).replace("T", " ")} UTC${build.rebuiltDuringRun ? " (rebuilt during the run!)" : ""}, ` +
      `checkout ${build.commit.slice(0, 7)}${build.uncommittedChanges ? " with uncommitted changes" : ""}; peers: lottie-web ${meta.versions["lottie-web"]}, ` +
      `dotlottie-web ${meta.versions["@lottiefiles/dotlottie-web"]}, canvaskit-wasm ${meta.versions["canvaskit-wasm"]}.`,
    "",
    `Figures over the ${common.length} of ${fileNames.length} files every player drew in every round (a file's figure is the median of its rounds); ` +
      `"Percus / this" is the ratio of the medians (below 1: Percus lower).` +
      (ROUNDS > 1 ? " \"Per round\" is each round's median, to show the noise." : ""),
    "",
    "**Goals**",
    "",
    "| goal | measured | verdict |",
    "|---|---|---|",
    ...goals.map((g) => {
      const checks = g.checks.map((c) => {
        const value = c.integer ? c.value.toLocaleString("en-US") : fmtRatio(c.value);
        return `${c.label} ${value}${g.checks.length > 1 && c.met !== null ? ` (${c.met ? "met" : "not met"})` : ""}`;
      });
      return `| ${g.goal} | ${checks.join("; ")}${g.note ? `; ${g.note}` : ""} | **${g.verdict}** |`;
    }),
    "",
    "**Time to draw a frame** (draw + one-pixel readback; lottie-web SVG: + forced style and layout, no paint or raster)",
    "",
    "| player | files drawn | mean per frame, median over files | Percus / this | 95th pct over files | Percus / this | per-file 95th pct frame, median | Percus / this | Percus faster on (mean) | per round |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...RENDERERS.map((r) => {
      const s = R[r];
      return (
        `| ${s.label} | ${s.drawn} of ${fileNames.length} | ${ms(s.median.frameMean)} | ${ratioCell(r, "frameMean")} | ${ms(s.p95.frameMean)} | ` +
        `${r === "percus" ? "–" : fmtRatio(s.ratio.frameP95OverFiles)} | ${ms(s.median.frameP95)} | ${ratioCell(r, "frameP95")} | ${fasterCell(r, "frameMean")} | ${rounds(s.perRound.frameMean, ms)} |`
      );
    }),
    "",
    "**Start-up** (medians over files, ms since the navigation started for code fetched (last script or wasm byte in), code ready and start-up (first frame read back, one span in the page); " +
      "load = peer.load(json), cold and again (dotLottie fetches and instantiates its wasm in its first load); first frame = load + draw of frame 0 + readback, code ready)",
    "",
    "| player | code fetched | code ready | load | load (again) | first frame | Percus / this | start-up | Percus / this | Percus faster on (start-up) | start-up per round |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...PLAYERS.map((r) => {
      const s = R[r];
      return (
        `| ${s.label} | ${ms(s.median.fetched)} | ${ms(s.median.code)} | ${ms(s.median.load)} | ${ms(s.median.loadAgain)} | ${ms(s.median.firstFrame)} | ${ratioCell(r, "firstFrame")} | ` +
        `${ms(s.median.startup)} | ${ratioCell(r, "startup")} | ${fasterCell(r, "startup")} | ${rounds(s.perRound.startup, ms)} |`
      );
    }),
    "",
    "**Memory after load** (after the first frame and a full GC; medians over files)",
    "",
    "| player | JS heap | Percus / this | wasm memory | Percus / this | JS heap + wasm | Percus / this |",
    "|---|---|---|---|---|---|---|",
    ...PLAYERS.map((r) => {
      const s = R[r];
      return `| ${s.label} | ${mb(s.median.heap)} | ${ratioCell(r, "heap")} | ${mb(s.median.wasm)} | ${r === "percus" || !s.median.wasm ? "–" : fmtRatio(s.ratio.wasm)} | ${mb(s.median.memory)} | ${ratioCell(r, "memory")} |`;
    }),
    "",
    "**Bytes shipped** (raw and gzip -9, `scripts/benchmarks/bench-bytes.mjs`)",
    "",
    ...bytesTable(bytes),
    "",
    `The benchmark runs www/pkg/frame (the frame page's build, with FrameRenderer: ${frameBuild.raw.toLocaleString("en-US")} B raw, ` +
      `${frameBuild.gzip.toLocaleString("en-US")} B gzip); customers load the player row.`,
    "",
    "**Failures** (load threw, draw threw, or hung: a step over 20 s)",
    "",
    "| player | files | which (rounds failed: step and reason) |",
    "|---|---|---|",
    ...PLAYERS.map((p) => {
      const list = failures[p];
      const which = list.map((f) => `${f.file} (${f.rounds} of ${ROUNDS}: ${f.reasons.join("; ").replaceAll("|", "\\|")})`).join(", ");
      return `| ${LABELS[p]} | ${list.length} | ${which || "none"} |`;
    }),
  );
  if (meta.abortedRequests.length) L.push("", `Requests aborted (not local): ${meta.abortedRequests.join(", ")}`);
  return L;
}

const markdown = report().join("\n");
console.log(markdown);

// --- files ------------------------------------------------------------------------------

const fileInfo = files.map((f) => ({ name: f.name, source: f.source, bytes: f.bytes, w: f.doc.w, h: f.doc.h, ip: f.doc.ip, op: f.doc.op, fr: f.doc.fr, width: f.width, height: f.height }));
const bytesOut = bytes.map(({ key, name, files: paths, raw, gzip }) => ({ key, name, files: paths.map((p) => p.replace(ROOT, "")), raw, gzip }));
mkdirSync(`${ROOT}target/bench`, { recursive: true });
writeFileSync(`${ROOT}target/bench/results.json`, JSON.stringify({ ...meta, files: fileInfo, bytes: bytesOut, frameBuild, summary, runs }, null, 1) + "\n");
writeFileSync(`${ROOT}target/bench/report.md`, markdown + "\n");
console.error(`\nwrote target/bench/results.json and target/bench/report.md`);

if (WRITE_DOCS) {
  // Per file and renderer, compactly: the median over rounds of each
  // measure (in perFile.columns' order, ms to 0.01, bytes; null when none),
  // then each round's mean frame time and start-up, then the failures (no
  // per-frame times: those are in target/bench/results.json).
  const columns = Object.keys(MEASURES);
  const round2 = (x) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null);
  const rows = {};
  for (const file of fileNames) {
    rows[file] = {};
    for (const renderer of RENDERERS) {
      const list = runsFor(file, pageOf(renderer));
      const forcedRow = renderer === FORCED;
      const values = columns.map((name) => (forcedRow && !name.startsWith("frame") ? null : round2(fileValue(renderer, file, name))));
      const failed = list.filter((r) => r.failure).map((r) => ({ round: r.round, ...r.failure }));
      rows[file][renderer] = [
        values,
        list.map((r) => round2(MEASURES.frameMean(r, forcedRow))),
        list.map((r) => round2(r.startup)),
        ...(failed.length ? [failed] : []),
      ];
    }
  }
  const perFile = { layout: "file -> renderer -> [medians in `columns` order, frame mean per round, start-up per round, failures?]", columns, rows };
  mkdirSync(`${ROOT}docs/bench`, { recursive: true });
  // Indented, but one line per file in perFile.rows (short diffs, small file).
  const text = JSON.stringify({ ...meta, files: fileInfo, bytes: bytesOut, frameBuild, summary, perFile: { ...perFile, rows: "\u0000rows" } }, null, 1);
  const rowsText = `{\n${Object.entries(rows).map(([file, row]) => `  ${JSON.stringify(file)}: ${JSON.stringify(row)}`).join(",\n")}\n }`;
  writeFileSync(`${ROOT}docs/bench/results.json`, text.replace(JSON.stringify("\u0000rows"), () => rowsText) + "\n");
  const docPath = `${ROOT}docs/benchmarks.md`;
  let doc = readFileSync(docPath, "utf8");
  const block = `${MARKERS[0]}\n${markdown}\n${MARKERS[1]}`;
  const start = doc.indexOf(MARKERS[0]);
  const end = doc.indexOf(MARKERS[1]);
  if (start >= 0 && end > start) {
    doc = doc.slice(0, start) + block + doc.slice(end + MARKERS[1].length);
  } else {
    const at = doc.indexOf("\n## ");
    const section = `\n## npm run bench\n\n\`scripts/benchmarks/bench.mjs\`; what each figure is: \`MEASURES\` in scripts/benchmarks/definitions.mjs.\n\n${block}\n`;
    doc = at >= 0 ? doc.slice(0, at) + "\n" + section + doc.slice(at + 1) : doc + section;
  }
  writeFileSync(docPath, doc);
  console.error("wrote docs/bench/results.json and docs/benchmarks.md");
}
