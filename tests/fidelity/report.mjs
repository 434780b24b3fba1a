// The peer renderers' part of docs/fidelity.md, which the fidelity test
// writes with UPDATE_FIDELITY=1 (tests/fidelity.test.mjs), from
// tests/fidelity/peers.json (written by the benchmark
// scripts/benchmarks/bench-fidelity-peers.mjs).

/**
 * The "Peers" lines of docs/fidelity.md from tests/fidelity/peers.json
 * (../shared/corpus) and peers-corpus2.json (../shared/corpus2).
 */
export function peersReport(peers, peers2) {
  if (!peers) return ["No peer measurement recorded yet: run `node scripts/benchmarks/bench-fidelity-peers.mjs`."];
  const pct = (n, total) => (total ? `${((100 * n) / total).toFixed(1)}%` : "–");
  const rows = (run) =>
    Object.entries(run.renderers).map(
      ([, r]) =>
        `| ${r.label} | ${r.version} | ${r.within1} (${pct(r.within1, r.compared)}) | ${r.within3} (${pct(r.within3, r.compared)}) | ${r.failed} |`,
    );
  const table = (title, run) => [
    title,
    `Run of ${run.date}, Chromium ${run.chromium}, ${run.compared} files compared.`,
    "",
    "| renderer | version | within 1% | within 3% | failures |",
    "|---|---|---|---|---|",
    ...rows(run),
    "",
  ];
  return [
    "Peers against the same reference with the same settings, measured by",
    "`node scripts/benchmarks/bench-fidelity-peers.mjs` (a benchmark run by hand; it needs",
    "the built www/pkg from `npm run build` and writes `tests/fidelity/peers.json`;",
    "`CORPUS2=1` measures ../shared/corpus2 into `tests/fidelity/peers-corpus2.json`).",
    "Percus's row is from the same run, so it can lag the summary above. Failures are",
    "files the renderer threw on or hung on; they count as not within. dotLottie and",
    "Skottie cannot see the system's fonts: the script gives them, for each font of a",
    "file, the font file Chrome draws that family with, as a page using them would ship fonts.",
    "",
    ...table("../shared/corpus:", peers),
    ...(peers2 ? table("../shared/corpus2:", peers2) : ["../shared/corpus2: not measured yet (`CORPUS2=1`).", ""]),
    "The tracker's bar: at least 96% of the files within 3% and 90% within 1% on both",
    "corpora, and more than every peer. The files Percus still draws differently are",
    "listed below, with why.",
  ];
}

/** The "Side-by-side images" section of docs/fidelity.md (may be empty). */
export function sideBySideReport(peers) {
  const images = peers?.sideBySide || [];
  if (!images.length) return [];
  return [
    "## Side-by-side images",
    "",
    "One frame of a few corpus files, from left to right: " +
      images[0].order.join(" | ") +
      ", each at half the 512 px the comparison uses; Percus as in the peers run above.",
    "Written by `SIDE_BY_SIDE=1 node scripts/benchmarks/bench-fidelity-peers.mjs`.",
    "",
    ...images.flatMap((s) => [
      `- [${s.file}](fidelity/${s.image}), frame ${s.frame}: ${s.note}`,
      "",
      `  ![${s.file}, frame ${s.frame}](fidelity/${s.image})`,
      "",
    ]),
    "The animations in these images are corpus files (../shared/corpus), each under",
    "the license of the repository it was taken from (full texts in the corpus's",
    "LICENSES.md and LICENSES/):",
    "",
    ...images.map((s) => `- ${s.file}: ${s.source} (${s.license})`),
    "",
  ];
}
