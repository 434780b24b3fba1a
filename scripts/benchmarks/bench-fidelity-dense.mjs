// Denser frames than the fidelity test (issue 26 item 4): every corpus
// file rendered by Percus and by lottie-web's SVG renderer at 30 evenly
// spaced frames, with the fidelity test's settings otherwise
// (scripts/lib/fidelity.mjs: 512 px on the longer side, white, pixelmatch
// 0.1 without anti-aliased pixels), and the files whose worst frame is
// over 3 % although the test's five sampled frames are not (their figure
// in tests/fidelity/expectations*.json). Writes docs/fidelity-dense.md.
//
//   node scripts/benchmarks/bench-fidelity-dense.mjs            # both corpora
//   CORPORA=1 node scripts/benchmarks/bench-fidelity-dense.mjs  # ../shared/corpus only
//   FILES=regex ...                                             # a subset
//
// Needs the built www/pkg (npm run build). A benchmark, not a test: at
// six times the test's frames it takes about six times as long (about 10
// minutes for the first corpus on two cores).
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { setUp } from "../lib/browser.mjs";
import { CORPUS, CORPUS2, MATCH, fitSize, mismatch, renderLottieWeb, renderPercus } from "../lib/fidelity.mjs";
import { ROOT, needBuild } from "./definitions.mjs";

const DENSE = 30;
const OUT = `${ROOT}docs/fidelity-dense.md`;
const corpora = process.env.CORPORA === "1" ? [CORPUS] : process.env.CORPORA === "2" ? [CORPUS2] : [CORPUS, CORPUS2];
const pattern = process.env.FILES ? new RegExp(process.env.FILES) : null;
/** The test's recorded worst of five frames, by file. */
const recorded = Object.assign(
  {},
  ...["expectations.json", "expectations-corpus2.json"].map((f) => JSON.parse(readFileSync(`${ROOT}tests/fidelity/${f}`, "utf8"))),
);
const worstOf = (entry) => (typeof entry === "number" ? entry : entry?.worst ?? null);

/** Frames round((op - ip - 1) * i / (DENSE - 1)), i = 0..DENSE-1, as the test's five are spaced. */
const denseFrames = (ip, op) => [...new Set(Array.from({ length: DENSE }, (_, i) => Math.round(((op - ip - 1) * i) / (DENSE - 1))))];

needBuild();
const env = await setUp();
const context = () => env.browser.newContext({ deviceScaleFactor: 1 });
const pages = { percus: await (await context()).newPage(), reference: await (await context()).newPage() };
const frameUrl = `${env.playerOrigin}/frame.html`;
/** The section of docs/fidelity-dense.md a corpus's run writes. */
const heading = (dir) => `## ${dir === CORPUS ? "../shared/corpus" : "../shared/corpus2"}`;

const sections = {};
for (const dir of corpora) {
  const started = Date.now();
  const rows = [];
  let compared = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json") && (!pattern || pattern.test(f))).sort()) {
    const jsonText = readFileSync(dir + file, "utf8");
    const doc = JSON.parse(jsonText);
    const { width, height } = fitSize(doc.w, doc.h);
    const frames = denseFrames(doc.ip, doc.op);
    const [reference, percus] = await Promise.all([
      renderLottieWeb(pages.reference, jsonText, width, height, frames).catch(() => null),
      renderPercus(pages.percus, frameUrl, jsonText, width, height, frames).catch(() => null),
    ]);
    if (!reference?.frames?.length || !percus?.frames?.length) {
      // A renderer threw or hung: fresh pages for the next file.
      for (const name of ["reference", "percus"]) {
        const ctx = pages[name].context();
        await pages[name].close().catch(() => {});
        pages[name] = await ctx.newPage();
      }
      continue;
    }
    compared += 1;
    const perFrame = frames.map((_, i) => mismatch(percus.frames[i], reference.frames[i], width, height));
    const worst = Math.max(...perFrame);
    const five = worstOf(recorded[file]);
    if (worst > MATCH && five !== null && five <= MATCH) {
      const at = frames[perFrame.indexOf(worst)];
      rows.push({ file, five, worst, at, over: perFrame.filter((m) => m > MATCH).length });
    }
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  rows.sort((a, b) => b.worst - a.worst);
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  sections[heading(dir)] = [
    heading(dir),
    "",
    `Run of ${new Date().toISOString().slice(0, 10)}${pattern ? ` (files matching ${pattern})` : ""}: ${compared} files compared in ${seconds} s; ${rows.length} over 3 % only at frames the test does not sample.`,
    "",
    "| file | five frames (the test) | worst of 30 | at frame | frames over 3 % |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.file} | ${pct(r.five)} | ${pct(r.worst)} | ${r.at} | ${r.over} |`),
    "",
  ].join("\n");
  console.log(`${dir}: ${compared} files, ${rows.length} listed, ${seconds} s`);
}
await env.close();
// A run of one corpus keeps the other's section as it was.
const before = existsSync(OUT) ? readFileSync(OUT, "utf8") : "";
const kept = (dir) => {
  const start = before.indexOf(`${heading(dir)}\n`);
  if (start < 0) return `${heading(dir)}\n\nNot run yet: \`CORPORA=${dir === CORPUS ? 1 : 2} node scripts/benchmarks/bench-fidelity-dense.mjs\`.\n`;
  const end = before.indexOf("\n## ", start + 1);
  return before.slice(start, end < 0 ? undefined : end);
};
writeFileSync(
  OUT,
  [
    "# Fidelity at 30 frames a file",
    "",
    "Written by `scripts/benchmarks/bench-fidelity-dense.mjs` (issue 26 item 4): each file",
    `rendered by Percus and lottie-web's SVG renderer at ${DENSE} evenly spaced frames, with the`,
    "fidelity test's settings otherwise. Listed: the files whose worst frame is over 3 %",
    "although the five frames the test samples are within it. Each corpus is a section of its",
    "own (`CORPORA=1` or `2` runs one and keeps the other's).",
    "",
    ...[CORPUS, CORPUS2].map((dir) => sections[heading(dir)] ?? kept(dir)),
  ].join("\n"),
);
console.log(`-> ${OUT}`);
