// The benchmarks' definitions, written once: which files, which frames,
// which players (Percus and the peers), and what is measured. Every runner
// in this folder takes them from here, and docs/benchmarks.md links here;
// how a runner measures (pages, contexts, what is timed in the page) is at
// the top of the runner:
//
//   bench.mjs                 `npm run bench`: every player on every file
//                             (BENCH_FILES × PLAYERS, MEASURES), ROUNDS rounds
//   bench-speed.mjs           time per frame alone (corpus × COMPARED)
//   bench-fidelity-peers.mjs  the peers' fidelity, with the fidelity test's
//                             settings (corpus × COMPARED, sampleFrames)
//   bench-player.mjs          the player as viewers get it (PLAYER_TEMPLATES)
//   bench-bytes.mjs           the bytes each player ships (bytesRows)
//   profile-frame.mjs         where a frame's time goes (PROFILED)
//   bench-tierup.mjs          a fresh page's time per frame with the wasm as
//                             shipped, warmed by a worker, and optimised
//                             (corpus × Percus and lottie-web canvas)
//
// Every runner needs the built www/pkg (`npm run build`); they are
// benchmarks, not tests: run them on a quiet machine.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CORPUS, CORPUS_ROOT, SIDE, fitSize, sampleFrames } from "../lib/fidelity.mjs";
import { shippedFiles } from "../lib/sizes.mjs";
import { COMPARED_PEERS, PEERS } from "./peers.mjs";

/** The repository's root folder (with a trailing slash). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// --- which files ----------------------------------------------------------------

export { CORPUS, CORPUS_ROOT };
/** FILES=<regex> (case-insensitive): a run over the matching files only. */
export const FILES = process.env.FILES ? new RegExp(process.env.FILES, "i") : null;
const TEMPLATES = `${ROOT}www/templates/`;

/** A corpus's Lottie files (by default ../shared/corpus/lottie/*.json), by name, sorted. */
export function corpusFiles(folder = CORPUS) {
  return readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .sort();
}

/**
 * `npm run bench`'s files: every corpus file, then every demo template
 * (www/templates/*, as templates/<id>: its animation JSON alone, through
 * templateJson). Each { name, source: "corpus" | "template", read() }.
 */
export function benchFiles() {
  return [
    ...corpusFiles().map((f) => ({ name: f, source: "corpus", read: () => readFileSync(CORPUS + f, "utf8") })),
    ...readdirSync(TEMPLATES)
      .filter((t) => existsSync(join(TEMPLATES, t, "manifest.json")))
      .sort()
      .map((t) => ({ name: `templates/${t}`, source: "template", read: () => templateJson(t) })),
  ];
}

const MIME = { ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp", ".gif": "image/gif", ".svg": "image/svg+xml" };

/**
 * A template's animation JSON as every player gets it: its image files
 * inlined as data: URIs (the frame page loads no image file), and its font
 * files (fPath, relative to the template) as absolute paths of the www
 * server, where lottie-web's @font-face finds them: without them lottie-web
 * waits 5 s for the font before its first frame. Text placeholders stay
 * unbound, and a background video is left out.
 */
export function templateJson(name) {
  const dir = join(TEMPLATES, name);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  const doc = JSON.parse(readFileSync(join(dir, manifest.animation || "animation.json"), "utf8"));
  for (const asset of doc.assets || []) {
    if (typeof asset.p !== "string" || asset.e === 1 || asset.p.startsWith("data:")) continue;
    const path = join(dir, asset.u || "", asset.p);
    if (!existsSync(path) || !MIME[extname(path).toLowerCase()]) continue;
    asset.p = `data:${MIME[extname(path).toLowerCase()]};base64,${readFileSync(path).toString("base64")}`;
    asset.u = "";
    asset.e = 1;
  }
  for (const font of doc.fonts?.list || []) {
    if (font.fPath && !/^[a-z]+:|^\//i.test(font.fPath) && existsSync(join(dir, font.fPath))) font.fPath = `/templates/${name}/${font.fPath}`;
  }
  return JSON.stringify(doc);
}

/**
 * bench-fidelity-peers.mjs with SIDE_BY_SIDE=1: the corpus files of the
 * side-by-side images in docs/fidelity.md (the middle sampled frame of
 * each), with what each shows.
 */
export const SIDE_BY_SIDE = {
  "lottie-android__happy-birthday.json": "shapes, strokes and parenting; every renderer agrees.",
  "thorvg__test6.json":
    "both lottie-web renderers draw nothing here; Percus, dotLottie and Skottie draw the shapes with their rounded corners and offset paths.",
  "lottie-ios__verifylineheight.json":
    "text without glyph outlines, drawn with the browser's fallback font; lottie-web's canvas renderer draws only text with glyphs, dotLottie wraps the boxed line differently.",
  "lottie-android__streetby_test_loading.json":
    "the bed is the layer's stroke effect (dots along its masks): lottie-web's SVG renderer and Percus draw it; lottie-web's canvas renderer, dotLottie and Skottie draw nothing in this frame.",
};

/** bench-player.mjs: the demo templates it mounts through the SDK, each with its data. */
export const PLAYER_TEMPLATES = {
  greeting: { first_name: "Jane" },
  balance: { first_name: "Jane", saving: 1234.56 },
  badge: { first_name: "Jane" },
  footage: { first_name: "Jane" },
};

// --- at what size -----------------------------------------------------------------

/**
 * Every file is drawn at the fidelity size: its longer side SIDE (512) CSS
 * pixels, device pixel ratio 1 (fitSize), white, contained and centred.
 */
export { SIDE, fitSize };

// --- which frames -------------------------------------------------------------------

/** Rounds of `npm run bench` (ROUNDS, default 3): the whole run repeated, so that the noise shows. */
export const ROUNDS = Math.max(1, Number(process.env.ROUNDS || 3));
/** Frames timed per file (FRAMES, default 30, at least 2). */
export const TIMED_FRAMES = Math.max(2, Number(process.env.FRAMES || 30));
/** Frames drawn before the timed ones, untimed. */
export const WARM_UP_FRAMES = 3;
/** profile-frame.mjs: frames drawn while the CPU profile records (FRAMES, default 60). */
export const PROFILED_FRAMES = Number(process.env.FRAMES || 60);

/**
 * `count` frames (relative to ip, fractional) evenly spread over the
 * animation, first to last; all distinct when op - ip > 1.
 */
export function timedFrames(ip, op, count = TIMED_FRAMES) {
  const span = Math.max(0, op - ip - 1);
  return Array.from({ length: count }, (_, k) => (span * k) / (count - 1));
}

/** The warm-up frames before `frames` (timedFrames): at a half, a third and two thirds of the span. */
export function warmUpFrames(frames) {
  const span = frames[frames.length - 1];
  return [span / 2, span / 3, (2 * span) / 3].slice(0, WARM_UP_FRAMES);
}

/** The fidelity comparison's frames (bench-fidelity-peers.mjs): round((op - ip - 1) * i / 4), i = 0..4. */
export { sampleFrames };

// --- which players ----------------------------------------------------------------------

const PREFERRED = ["percus", "lottie-web-svg", "lottie-web-canvas", "dotlottie", "skottie"];
/**
 * `npm run bench`'s players, in this order: Percus (www/frame.html, the
 * www/pkg/frame build), then the peers of peers.mjs (lottie-web SVG and
 * canvas, dotLottie web, Skottie; versions from devDependencies).
 */
export const PLAYERS = [...PREFERRED.filter((n) => n === "percus" || PEERS[n]), ...Object.keys(PEERS).filter((n) => !PREFERRED.includes(n))];
/**
 * The players compared for drawing speed and fidelity (bench-speed.mjs,
 * bench-fidelity-peers.mjs): Percus and every peer but the fidelity
 * reference's own renderer, lottie-web SVG.
 */
export const COMPARED = ["percus", ...COMPARED_PEERS];
/** profile-frame.mjs: Percus beside lottie-web's canvas renderer (every frame drawn). */
export const PROFILED = ["percus", "lottie-web-canvas"];

/**
 * lottie-web's canvas renderer skips drawing a frame where nothing changed
 * (its _mdf flag), which Percus and the others do not: it is timed twice on
 * the same load, as it plays (goToAndStop) and forced to draw every frame
 * (renderFrame(n, true)); FORCED names the second in the frame tables.
 */
export const FORCED = "lottie-web-canvas-forced";
/** The rows of a frame table for `players`: lottie-web canvas followed by FORCED. */
export function withForced(players) {
  return players.flatMap((p) => (p === "lottie-web-canvas" ? [p, FORCED] : [p]));
}
/** The page a renderer draws in (FORCED is lottie-web canvas's). */
export const pageOf = (renderer) => (renderer === FORCED ? "lottie-web-canvas" : renderer);

/** Each renderer's name in the tables, Percus's as `percus`. */
export function playerLabels(percus) {
  const labels = {
    percus,
    ...Object.fromEntries(Object.entries(PEERS).map(([k, p]) => [k, `${p.label} (${p.package} ${p.version})`])),
  };
  if (labels["lottie-web-canvas"]) labels["lottie-web-canvas"] += ", as played";
  labels[FORCED] = "lottie-web canvas, every frame drawn";
  return labels;
}

// --- what is measured ---------------------------------------------------------------------

/**
 * `npm run bench`'s measures: name -> its value in one run of one player on
 * one file (undefined when the run has none). Times in ms (performance.now()
 * in the page, cross-origin isolated: 5 µs resolution), memory in bytes.
 *
 * - code (code ready): from the navigation's start (the page's time origin)
 *   until the player can take a file: its HTML, scripts and wasm fetched
 *   from the local server (through Playwright's request routing, as every
 *   file here), compiled and instantiated. Percus: window.percusFrame set
 *   and its wasm instantiated; peers: their page's window.peerReady
 *   (dotLottie fetches and instantiates its wasm only with its first
 *   animation, in load).
 * - fetched (code fetched): when the last script or wasm byte arrived
 *   (Resource Timing). On this kind of machine each request of a fresh
 *   context takes tens of ms, and the chains differ: Percus's frame page is
 *   four requests deep (HTML → frame.js → player.js → wasm), lottie-web's
 *   two, the wasm peers' three.
 * - load: peer.load(json) alone, the first time in the page (cold: parse
 *   and build, plus whatever a player defers to its first animation, such
 *   as dotLottie's wasm, and the font files: lottie-web polls until a font
 *   of the file's fPath is in; the wasm peers fetch the TrueType files they
 *   are given (fontsFor); for a template, Percus's page loads the
 *   template's fonts with FontFace first, as the player does; lottie-web
 *   also draws the first frame inside load). loadAgain: the same file
 *   loaded a second time in the same page (warm code: parse and build only).
 * - firstFrame: load + draw(frame 0) + a one-pixel readback, i.e. from the
 *   JSON text to pixels, with the code ready.
 * - startup: navigation start → that first readback (code ready + first
 *   frame, measured as one span).
 * - frameMean, frameMedian, frameP95 (per frame): WARM_UP_FRAMES warm-up
 *   frames, then TIMED_FRAMES frames evenly spaced over the animation
 *   (timedFrames), each timed around the draw and a one-pixel getImageData
 *   readback, which forces the raster work into the time (timeFrames of
 *   peers.mjs, as bench-speed.mjs); per file the mean, median and 95th
 *   percentile of those frames. lottie-web canvas is also timed "every
 *   frame drawn" (FORCED) on the same load. lottie-web SVG has no pixels to
 *   read back: its readback forces style and layout (getBoundingClientRect
 *   of the <svg>); paint and raster happen later, outside the time, so its
 *   frame times are a lower bound.
 * - heap, wasm, memory (memory after load): right after the first frame, a
 *   full GC (CDP HeapProfiler.collectGarbage), then the JS heap in use (CDP
 *   Runtime.getHeapUsage usedSize: the page's isolate, player code and
 *   data) and the wasm memory: the sum of byteLength of every
 *   WebAssembly.Memory the page instantiated or created and still holds
 *   (found by wrapping WebAssembly.instantiate/instantiateStreaming/
 *   Instance/Memory; 0 for lottie-web); memory is their sum.
 *
 * Besides: failures (load threw, draw threw: an uncaught exception or
 * rejection in the page during the step counts, as lottie-web throws from
 * its loading callbacks and then never finishes loading; or hung: a step
 * over 20 s), per player, file and round; and the bytes each player ships
 * (bytesRows).
 *
 * Summaries are over the files every player drew in every round: a file's
 * figure is the median of its rounds; per player, the median (and for
 * frames the 95th percentile) over those files, Percus / peer per measure,
 * on how many files Percus is lower, and each round's median (the noise).
 */
export const MEASURES = {
  frameMean: (run, forced) => (forced ? run.forced : run.frame)?.mean,
  frameMedian: (run, forced) => (forced ? run.forced : run.frame)?.median,
  frameP95: (run, forced) => (forced ? run.forced : run.frame)?.p95,
  fetched: (run) => run.fetched,
  code: (run) => run.code,
  load: (run) => run.load,
  loadAgain: (run) => run.loadAgain,
  firstFrame: (run) => run.firstFrame,
  startup: (run) => run.startup,
  heap: (run) => run.heap,
  wasm: (run) => run.wasm,
  memory: (run) => (run.heap === undefined ? undefined : run.heap + run.wasm),
};

/** bench-player.mjs: fresh host pages per template (RUNS, default 10), and seconds of playback watched in the first (SECONDS, default 10). */
export const PLAYER_RUNS = Number(process.env.RUNS || 10);
export const PLAYBACK_SECONDS = Number(process.env.SECONDS || 10);

const modules = (path) => `${ROOT}node_modules/${path}`;
const version = (pkg) => JSON.parse(readFileSync(modules(`${pkg}/package.json`), "utf8")).version;

/** The frame page's build, wasm + glue (+ frame.html and frame.js). */
function frameFiles() {
  const pkg = `${ROOT}www/pkg/frame/`;
  return [`${pkg}player_bg.wasm`, `${pkg}player.js`, `${ROOT}www/frame.html`, `${ROOT}www/frame.js`];
}

/**
 * The bytes benchmark's rows (bench-bytes.mjs, and `npm run bench`'s bytes
 * table): [key, name, files] per player build, raw and gzip -9 of the files
 * are measured. `key` names the player of PLAYERS the row ships (null for
 * builds `npm run bench` does not run). Percus from the built www/pkg, the
 * peers' published builds from node_modules (devDependencies).
 */
export function bytesRows() {
  return [
    ["percus", "Percus player, lite (wasm + glue + page: what most templates load)", shippedFiles().player],
    [null, "Percus player, full (lite + full wasm and glue + page: a template that needs it)", shippedFiles()["player-full"]],
    [null, "Percus frame page build (what npm run bench draws with: full + FrameRenderer)", frameFiles()],
    [null, "Percus embed SDK (customer page)", shippedFiles().embed],
    [null, `lottie-web ${version("lottie-web")} light canvas (lottie_light_canvas.min.js)`, [modules("lottie-web/build/player/lottie_light_canvas.min.js")]],
    ["lottie-web-canvas", `lottie-web ${version("lottie-web")} canvas (lottie_canvas.min.js)`, [modules("lottie-web/build/player/lottie_canvas.min.js")]],
    ["lottie-web-svg", `lottie-web ${version("lottie-web")} SVG (lottie_svg.min.js)`, [modules("lottie-web/build/player/lottie_svg.min.js")]],
    [null, `lottie-web ${version("lottie-web")} full (lottie.min.js)`, [modules("lottie-web/build/player/lottie.min.js")]],
    [
      "dotlottie",
      `dotlottie-web ${version("@lottiefiles/dotlottie-web")} (index.js + dotlottie-player.wasm)`,
      [modules("@lottiefiles/dotlottie-web/dist/index.js"), modules("@lottiefiles/dotlottie-web/dist/dotlottie-player.wasm")],
    ],
    ["skottie", `Skottie, canvaskit-wasm ${version("canvaskit-wasm")} (canvaskit.js + canvaskit.wasm)`, [modules("canvaskit-wasm/bin/canvaskit.js"), modules("canvaskit-wasm/bin/canvaskit.wasm")]],
  ];
}

/** Exits with a message when the build a runner needs is missing (`npm run build`). */
export function needBuild(file = "www/pkg/frame/player.js", what = "www/pkg/frame") {
  if (!existsSync(`${ROOT}${file}`)) {
    console.error(`${what} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}
