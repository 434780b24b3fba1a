// Fidelity ratchet: every file of both corpora (../shared/corpus/lottie and
// ../shared/corpus2/lottie) rendered by Percus and by lottie-web's SVG
// renderer in this Chromium, compared frame by frame
// (scripts/lib/fidelity.mjs). tests/fidelity/expectations.json and
// expectations-corpus2.json hold each file's worst-frame mismatch; a file
// that gets worse fails the run, so fidelity only ratchets up. After an
// improvement, UPDATE_FIDELITY=1 rewrites the expectations and
// docs/fidelity.md (review the diff). The second corpus takes about five
// minutes on CI's two cores (1.6 files a second).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setUp } from "./harness.mjs";
import { CORPUS, CORPUS2, MATCH, compareFile } from "../scripts/lib/fidelity.mjs";
import { peersReport, sideBySideReport } from "./fidelity/report.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXPECTATIONS = `${ROOT}tests/fidelity/expectations.json`;
const EXPECTATIONS2 = `${ROOT}tests/fidelity/expectations-corpus2.json`;
const REPORT = `${ROOT}docs/fidelity.md`;
/** Reasons found by looking, which no import warning can give (file -> reason). */
const KNOWN = JSON.parse(readFileSync(`${ROOT}tests/fidelity/known-differences.json`, "utf8"));
/** The peers' figures, measured by scripts/benchmarks/bench-fidelity-peers.mjs (null before its first run). */
const PEERS_FILE = `${ROOT}tests/fidelity/peers.json`;
const PEERS = existsSync(PEERS_FILE) ? JSON.parse(readFileSync(PEERS_FILE, "utf8")) : null;
/** The same on ../shared/corpus2 (`CORPUS2=1` of the same script). */
const PEERS2_FILE = `${ROOT}tests/fidelity/peers-corpus2.json`;
const PEERS2 = existsSync(PEERS2_FILE) ? JSON.parse(readFileSync(PEERS2_FILE, "utf8")) : null;
/**
 * Mismatch a file may gain before it counts as worse. Software raster is
 * deterministic on one machine, but another Chromium build may anti-alias
 * text and curves a little differently; a real regression moves far more.
 */
const NOISE = 0.005;

let env;
let pages;
before(async () => {
  env = await setUp();
  // One context each: pages of different contexts never share a renderer
  // process, so a file that hangs lottie-web cannot stall Percus's page.
  const context = () => env.browser.newContext({ deviceScaleFactor: 1 });
  pages = { percus: await (await context()).newPage(), reference: await (await context()).newPage() };
});
after(async () => {
  await env?.close();
});

function reasonOf(file, result) {
  if (KNOWN[file]) return KNOWN[file];
  if (result.error) return result.error;
  const codes = [...new Set((result.warnings || "").split(",").filter(Boolean))];
  return codes.length ? codes.join(", ") : "unexplained: look at this file";
}

function percent(n, total) {
  return `${((100 * n) / total).toFixed(1)}%`;
}

/** A titled Markdown table of `rows` under `columns`, and a blank line. */
function table(title, columns, rows) {
  return [title, "", `| ${columns.join(" | ")} |`, `|${columns.map(() => "---|").join("")}`, ...rows, ""];
}

/** The summary rows and the files over 3% of one corpus's results. */
function summary(results) {
  const names = Object.keys(results).sort();
  const compared = names.filter((n) => results[n].worst !== null);
  const within = (limit) => compared.filter((n) => results[n].worst <= limit).length;
  return {
    rows: [
      `| compared (the reference rendered) | ${compared.length} of ${names.length} |`,
      `| within 1% | ${within(0.01)} (${percent(within(0.01), compared.length)}) |`,
      `| within 3% | ${within(MATCH)} (${percent(within(MATCH), compared.length)}) |`,
    ],
    over: names
      .filter((n) => results[n].worst === null || results[n].worst > MATCH)
      .map((n) => `| ${n} | ${results[n].worst === null ? "–" : percent(results[n].worst, 1)} | ${results[n].reason} |`),
  };
}

function writeReport(results, results2, browserVersion) {
  const first = summary(results);
  const second = summary(results2);
  const both = summary({ ...results, ...results2 });
  const lines = [
    "# Fidelity",
    "",
    "How close Percus draws to lottie-web 5.13's SVG renderer (the reference",
    "designers check their exports in), over the 120 files of ../shared/corpus",
    "and the 532 of ../shared/corpus2 (more real files from the same kinds of",
    "sources, added for issue 26: a renderer that learned its first corpus is",
    "measured on files it was not tuned on), each reported on its own.",
    "Measured by `tests/fidelity.test.mjs` in one headless Chromium run: each",
    "file scaled so its longer side is 512 px, opaque white, frames",
    "round((op − ip − 1) · i / 4) for i = 0..4, pixelmatch threshold 0.1 without",
    "anti-aliased pixels. A file matches when its worst frame differs in at most",
    "3% of its pixels. `tests/fidelity/expectations.json` and",
    "`expectations-corpus2.json` are the ratchet.",
    "",
    "Percus draws through `www/frame.html` (`window.percusFrame`):",
    "`load(jsonText, width, height)` → `{ ip, op, fr, w, h }` (rejects with an",
    "Error whose `code` is the stable error code) and `seek(frame)` (relative to",
    "ip, fractional allowed) → resolves once the frame is on `#stage`.",
    "",
    `Recorded with Chromium ${browserVersion} (Debian's package).`,
    "",
    "## Summary",
    "",
    ...table("../shared/corpus:", ["measure", "files"], first.rows),
    ...table("../shared/corpus2:", ["measure", "files"], second.rows),
    ...table("Both (the tracker's bar: at least 96% within 3% and 90% within 1%):", ["measure", "files"], both.rows),
    ...peersReport(PEERS, PEERS2),
    "",
    "## Files over 3%, with the features Percus does not draw yet",
    "",
    "Reasons are the import warnings of each file (what Percus does not draw yet),",
    "or a note from `tests/fidelity/known-differences.json` where someone looked.",
    "",
    ...table("../shared/corpus:", ["file", "worst frame", "reason"], first.over),
    ...table("../shared/corpus2:", ["file", "worst frame", "reason"], second.over),
    ...sideBySideReport(PEERS),
  ];
  writeFileSync(REPORT, lines.join("\n"));
}

/** Each file of `dir` compared: { file: { worst, reason? } }. */
async function measure(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  const frameUrl = `${env.playerOrigin}/frame.html`;
  const results = {};
  for (const file of files) {
    const result = await compareFile(pages, frameUrl, readFileSync(dir + file, "utf8"));
    results[file] = {
      worst: result.worst === null ? null : Math.round(result.worst * 10000) / 10000,
      ...(result.worst === null || result.worst > MATCH ? { reason: reasonOf(file, result) } : {}),
    };
  }
  const compared = Object.values(results).filter((r) => r.worst !== null);
  const within = (limit) => compared.filter((r) => r.worst <= limit).length;
  console.log(`fidelity (${dir}): ${within(MATCH)} of ${compared.length} files within 3%, ${within(0.01)} within 1%`);
  return results;
}

/** Fails on a file worse than `expectations` records (or new to it). */
function assertNoWorse(results, expectations) {
  const expected = JSON.parse(readFileSync(expectations, "utf8"));
  const worse = [];
  const better = [];
  for (const [file, result] of Object.entries(results)) {
    const was = expected[file];
    assert.ok(was, `${file} is new: run UPDATE_FIDELITY=1 npm test and review`);
    if (result.error && result.error.startsWith("percus")) worse.push(`${file}: ${result.error}`);
    if (was.worst === null || result.worst === null) continue;
    if (result.worst > was.worst + NOISE) worse.push(`${file}: ${was.worst} -> ${result.worst}`);
    if (result.worst < was.worst - 0.01) better.push(file);
  }
  if (better.length) console.log(`better than recorded (ratchet with UPDATE_FIDELITY=1): ${better.join(", ")}`);
  assert.deepEqual(worse, [], "files that got worse");
}

const measured = {};

test("no corpus file renders worse than its recorded figure", { timeout: 30 * 60 * 1000 }, async () => {
  assert.ok(CORPUS, "the corpus must sit beside the repo (../shared/corpus)");
  measured.corpus = await measure(CORPUS);
  if (process.env.UPDATE_FIDELITY) {
    writeFileSync(EXPECTATIONS, JSON.stringify(measured.corpus, null, 1) + "\n");
    return;
  }
  assertNoWorse(measured.corpus, EXPECTATIONS);
});

test("no file of the second corpus renders worse than its recorded figure", { timeout: 60 * 60 * 1000 }, async () => {
  assert.ok(CORPUS2, "the second corpus must sit beside the repo (../shared/corpus2)");
  measured.corpus2 = await measure(CORPUS2);
  if (process.env.UPDATE_FIDELITY) {
    writeFileSync(EXPECTATIONS2, JSON.stringify(measured.corpus2, null, 1) + "\n");
    if (measured.corpus) writeReport(measured.corpus, measured.corpus2, env.browser.version());
    return;
  }
  assertNoWorse(measured.corpus2, EXPECTATIONS2);
});
