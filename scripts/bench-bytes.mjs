// The bytes each player ships to a browser, raw and gzip -9 (Node's zlib,
// as scripts/sizes.mjs): Percus (the built www/pkg, npm run build) beside
// the peers' published builds in node_modules (devDependencies only).
// Sizes are deterministic; the budgets are tests (tests/sizes.test.mjs).
// scripts/bench.mjs reuses playerBytes() for its bytes table.
//
//   node scripts/bench-bytes.mjs    # prints a Markdown table
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { measure, shippedFiles } from "./sizes.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const modules = (path) => `${ROOT}node_modules/${path}`;
const version = (pkg) => JSON.parse(readFileSync(modules(`${pkg}/package.json`), "utf8")).version;

/** The frame page's build, wasm + glue (+ frame.html and frame.js). */
function frameFiles() {
  const pkg = `${ROOT}www/pkg/frame/`;
  return [`${pkg}player_bg.wasm`, `${pkg}player.js`, `${ROOT}www/frame.html`, `${ROOT}www/frame.js`];
}

/**
 * One row per player build: { key, name, files, raw, gzip }. `key` names the
 * player of scripts/bench.mjs the row ships (null for builds it does not run).
 */
export function playerBytes() {
  const players = [
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
  return players.map(([key, name, files]) => ({ key, name, files, ...measure(files) }));
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
