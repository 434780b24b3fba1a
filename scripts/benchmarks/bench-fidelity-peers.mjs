// How close each peer renderer comes to the reference (lottie-web's SVG
// renderer), with exactly the settings of the fidelity test
// (scripts/lib/fidelity.mjs): every corpus file scaled so its longer side
// is 512 px, opaque white, frames round((op - ip - 1) * i / 4) for i = 0..4,
// pixelmatch threshold 0.1 without anti-aliased pixels, a file within 3%
// when its worst frame is. Peers: lottie-web's canvas renderer, dotLottie
// web (ThorVG), Skottie (canvaskit-wasm), and Percus itself, all in one
// headless Chromium run, each in a page and browser context of its own.
//
// The files (the corpus; with SIDE_BY_SIDE=1 also the side-by-side images'
// files), the frames (sampleFrames) and the renderers (COMPARED) are those
// of definitions.mjs.
//
//   node scripts/benchmarks/bench-fidelity-peers.mjs        # whole corpus -> tests/fidelity/peers.json
//   FILES=regex node scripts/benchmarks/bench-fidelity-peers.mjs   # a subset, printed only
//   SIDE_BY_SIDE=1 ...                                      # also docs/fidelity/*.png
//   CORPUS2=1 node scripts/benchmarks/bench-fidelity-peers.mjs  # ../shared/corpus2 -> tests/fidelity/peers-corpus2.json
//   DIR=folder node scripts/benchmarks/bench-fidelity-peers.mjs     # a folder's *.json files (not its subfolders'), printed only
//
// Needs the built www/pkg (npm run build). A benchmark, not a test.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { setUp } from "../lib/browser.mjs";
import { CORPUS2, MATCH, mismatch, renderLottieWeb, renderPercus } from "../lib/fidelity.mjs";
import {
  COMPARED as RENDERERS,
  CORPUS as CORPUS1,
  CORPUS_ROOT as CORPUS1_ROOT,
  FILES as pattern,
  ROOT,
  SIDE_BY_SIDE,
  corpusFiles,
  fitSize,
  needBuild,
  sampleFrames,
} from "./definitions.mjs";
import { COMPARED_PEERS, LOTTIE_WEB_VERSION, PEERS, freshPage, pageMaker, percusBuildTime, renderPeer, sideBySide } from "./peers.mjs";

// CORPUS2=1: the second corpus (../shared/corpus2), its own figures file;
// side-by-side images stay the first corpus's.
const SECOND = Boolean(process.env.CORPUS2);
// DIR: a folder of your own instead, every *.json in it as it is (none
// left out: bench-fidelity-outside.mjs's DIR says which the corpora
// hold); nothing written.
const FOLDER = process.env.DIR ? process.env.DIR.replace(/\/?$/, "/") : null;
const CORPUS = FOLDER ?? (SECOND ? CORPUS2 : CORPUS1);
const CORPUS_ROOT = SECOND ? CORPUS2.replace(/lottie\/$/, "") : CORPUS1_ROOT;
// The peers' figures, read by the fidelity test for docs/fidelity.md.
const OUT = `${ROOT}tests/fidelity/${SECOND ? "peers-corpus2" : "peers"}.json`;
const IMAGES = `${ROOT}docs/fidelity/`;

needBuild();

const sideBySideWanted = Boolean(process.env.SIDE_BY_SIDE) && !SECOND && !FOLDER;
const all = corpusFiles(CORPUS);
const files = all.filter((f) => !pattern || pattern.test(f) || (sideBySideWanted && f in SIDE_BY_SIDE));
const manifest = FOLDER ? {} : Object.fromEntries(
  readFileSync(`${CORPUS_ROOT}MANIFEST.tsv`, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split("\t"))
    .map(([file, repo, path, commit, license]) => [file, { repo, path, commit, license }]),
);

// Short labels; lottie-web SVG, the reference itself, is not in COMPARED.
const LABELS = { percus: "Percus", ...Object.fromEntries(COMPARED_PEERS.map((k) => [k, PEERS[k].label])) };

const builtAtStart = percusBuildTime(ROOT);
const env = await setUp();
const origins = [env.hostOrigin, env.playerOrigin];
const aborted = [];
const newPage = pageMaker(env.browser, origins, { aborted });
const pages = { reference: await newPage() };
for (const name of RENDERERS) pages[name] = await newPage();
const frameUrl = `${env.playerOrigin}/frame.html`;

const results = Object.fromEntries(RENDERERS.map((r) => [r, {}]));
const errors = Object.fromEntries(RENDERERS.map((r) => [r, {}]));
const noReference = [];
const kept = {}; // file -> { frame, width, height, reference, <renderer>: rgba }
const started = Date.now();

async function guarded(name, run) {
  try {
    return await run();
  } catch (error) {
    if (error.code === "timeout") {
      pages[name] = await freshPage(pages[name], newPage);
      return { error: "hung", frames: [] };
    }
    return { error: `threw: ${String(error.message || error).slice(0, 200)}`, frames: [] };
  }
}

try {
  for (const [index, file] of files.entries()) {
    const jsonText = readFileSync(CORPUS + file, "utf8");
    const doc = JSON.parse(jsonText);
    const { width, height } = fitSize(doc.w, doc.h);
    const frames = sampleFrames(doc.ip, doc.op);
    const reference = await guarded("reference", () => renderLottieWeb(pages.reference, jsonText, width, height, frames));
    const inRun = !pattern || pattern.test(file);
    const keep = sideBySideWanted && file in SIDE_BY_SIDE;
    if (keep) kept[file] = { frame: frames[2], width, height, reference: reference.frames[2] ?? null };
    if (reference.error) {
      if (inRun) noReference.push(file);
      console.log(`${file}: no reference (${reference.error})`);
      continue;
    }
    const line = [];
    for (const name of RENDERERS) {
      const result =
        name === "percus"
          ? await guarded(name, () =>
              renderPercus(pages.percus, frameUrl, jsonText, width, height, frames).then((r) =>
                r.error ? { error: `threw: ${r.error}`, frames: [] } : r,
              ),
            )
          : await guarded(name, () => renderPeer(pages[name], env.hostOrigin, name, jsonText, width, height, frames));
      if (keep) kept[file][name] = result.frames[2] ?? null;
      if (!inRun) continue;
      if (result.error) {
        results[name][file] = null;
        errors[name][file] = result.error;
        line.push(`${name} ${result.error}`);
      } else {
        const worst = Math.max(...frames.map((_, i) => mismatch(result.frames[i], reference.frames[i], width, height)));
        results[name][file] = Math.round(worst * 10000) / 10000;
        line.push(`${name} ${(100 * worst).toFixed(1)}%`);
      }
    }
    if (inRun) console.log(`[${index + 1}/${files.length}] ${file}: ${line.join(", ")}`);
  }

  const chromium = env.browser.version();
  const versions = {
    // The build the frame page serves, which may be older than the checkout.
    percus:
      `www/pkg/frame built ${builtAtStart.slice(0, 16).replace("T", " ")} UTC` +
      (percusBuildTime(ROOT) === builtAtStart ? "" : ", rebuilt during the run"),
    ...Object.fromEntries(COMPARED_PEERS.map((k) => [k, `${PEERS[k].package} ${PEERS[k].version}`])),
  };
  const compared = Object.keys(results.percus).length;
  const summary = {
    chromium,
    date: new Date().toISOString().slice(0, 10),
    reference: `lottie-web ${LOTTIE_WEB_VERSION} SVG renderer`,
    compared,
    noReference,
    renderers: Object.fromEntries(
      RENDERERS.map((name) => {
        const worsts = Object.values(results[name]);
        const within = (limit) => worsts.filter((w) => w !== null && w <= limit).length;
        return [
          name,
          {
            label: LABELS[name],
            version: versions[name],
            compared: worsts.length,
            within1: within(0.01),
            within3: within(MATCH),
            failed: worsts.filter((w) => w === null).length,
            files: results[name],
            ...(Object.keys(errors[name]).length ? { errors: errors[name] } : {}),
          },
        ];
      }),
    ),
  };

  console.log(`\nChromium ${chromium}, reference ${summary.reference}, ${compared} files compared` +
    (noReference.length ? ` (no reference: ${noReference.join(", ")})` : ""));
  console.log("renderer            version                                   within 1%   within 3%   failed");
  for (const [name, r] of Object.entries(summary.renderers)) {
    const pct = (n) => `${n} (${((100 * n) / Math.max(1, r.compared)).toFixed(1)}%)`;
    console.log(`${name.padEnd(20)}${r.version.padEnd(42)}${pct(r.within1).padEnd(12)}${pct(r.within3).padEnd(12)}${r.failed}`);
  }
  if (aborted.length) console.log(`requests aborted (not local): ${[...new Set(aborted)].join(", ")}`);
  console.log(`${((Date.now() - started) / 1000).toFixed(0)} s`);

  const previous = existsSync(OUT) ? JSON.parse(readFileSync(OUT, "utf8")) : null;
  let sideEntries = previous?.sideBySide;
  if (sideBySideWanted) {
    mkdirSync(IMAGES, { recursive: true });
    sideEntries = [];
    const order = ["reference", ...RENDERERS];
    const labelOf = { reference: `lottie-web ${LOTTIE_WEB_VERSION} SVG`, ...LABELS };
    const scratch = await newPage();
    for (const [file, note] of Object.entries(SIDE_BY_SIDE)) {
      const k = kept[file];
      if (!k) continue;
      const png = await sideBySide(scratch, order.map((name) => ({ label: labelOf[name], rgba: k[name] })), k.width, k.height);
      const image = file.replace(/\.json$/, ".png");
      writeFileSync(IMAGES + image, png);
      console.log(`docs/fidelity/${image}: ${png.length} bytes`);
      const m = manifest[file];
      sideEntries.push({
        file,
        image,
        frame: k.frame,
        note,
        order: order.map((name) => labelOf[name]),
        source: `${m.repo}, ${m.path} at ${m.commit.slice(0, 12)}`,
        license: m.license,
      });
    }
    await scratch.close();
  }
  if (FOLDER) {
    console.log(`DIR set: ${OUT} not written`);
  } else if (!pattern) {
    writeFileSync(OUT, JSON.stringify({ ...summary, ...(sideEntries ? { sideBySide: sideEntries } : {}) }, null, 1) + "\n");
    console.log(`wrote ${OUT}`);
  } else if (sideBySideWanted && previous) {
    writeFileSync(OUT, JSON.stringify({ ...previous, sideBySide: sideEntries }, null, 1) + "\n");
    console.log(`FILES set: only the sideBySide entry of ${OUT} was updated`);
  } else {
    console.log("FILES set: tests/fidelity/peers.json not written");
  }
} finally {
  await env.close();
}
