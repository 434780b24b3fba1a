// The bytes each player ships to a browser, raw and gzip -9 (Node's zlib,
// as scripts/lib/sizes.mjs): Percus (the built www/pkg, npm run build) beside
// the peers' published builds in node_modules (devDependencies only); the
// rows are bytesRows() of definitions.mjs. Sizes are deterministic; the
// budgets are tests (tests/sizes.test.mjs). bench.mjs reuses playerBytes()
// for its bytes table.
//
//   node scripts/benchmarks/bench-bytes.mjs    # prints a Markdown table
import { fileURLToPath } from "node:url";
import { measure } from "../lib/sizes.mjs";
import { bytesRows } from "./definitions.mjs";

/** One row per player build: { key, name, files, raw, gzip } (bytesRows, measured). */
export function playerBytes() {
  return bytesRows().map(([key, name, files]) => ({ key, name, files, ...measure(files) }));
}

/** The Markdown table of playerBytes() rows, with the ratio to Percus's player. */
export function bytesTable(rows) {
  const percus = rows.find((r) => r.key === "percus").gzip;
  return [
    "| player | raw | gzip | Percus player / this (gzip) |",
    "|---|---|---|---|",
    ...rows.map(({ name, raw, gzip }) => `| ${name} | ${raw.toLocaleString("en-US")} | ${gzip.toLocaleString("en-US")} | ${(percus / gzip).toFixed(2)} |`),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(bytesTable(playerBytes()).join("\n"));
}
