// The bytes each player ships to a browser, raw and gzip -9 (Node's zlib,
// as scripts/sizes.mjs): Percus (the built www/pkg, npm run build) beside
// the peers' published builds in node_modules (devDependencies only).
// Sizes are deterministic; the budgets are tests (tests/sizes.test.mjs).
//
//   node scripts/bench-bytes.mjs    # prints a Markdown table
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { measure, shippedFiles } from "./sizes.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const modules = (path) => `${ROOT}node_modules/${path}`;
const version = (pkg) => JSON.parse(readFileSync(modules(`${pkg}/package.json`), "utf8")).version;

const players = [
  ["Percus player (wasm + glue + page)", shippedFiles().player],
  ["Percus embed SDK (customer page)", shippedFiles().embed],
  [`lottie-web ${version("lottie-web")} light canvas (lottie_light_canvas.min.js)`, [modules("lottie-web/build/player/lottie_light_canvas.min.js")]],
  [`lottie-web ${version("lottie-web")} canvas (lottie_canvas.min.js)`, [modules("lottie-web/build/player/lottie_canvas.min.js")]],
  [`lottie-web ${version("lottie-web")} full (lottie.min.js)`, [modules("lottie-web/build/player/lottie.min.js")]],
  [
    `dotlottie-web ${version("@lottiefiles/dotlottie-web")} (index.js + dotlottie-player.wasm)`,
    [modules("@lottiefiles/dotlottie-web/dist/index.js"), modules("@lottiefiles/dotlottie-web/dist/dotlottie-player.wasm")],
  ],
  [`Skottie, canvaskit-wasm ${version("canvaskit-wasm")} (canvaskit.js + canvaskit.wasm)`, [modules("canvaskit-wasm/bin/canvaskit.js"), modules("canvaskit-wasm/bin/canvaskit.wasm")]],
];

const rows = players.map(([name, files]) => ({ name, ...measure(files) }));
const percus = rows[0].gzip;
console.log("| player | raw | gzip | Percus player / this (gzip) |");
console.log("|---|---|---|---|");
for (const { name, raw, gzip } of rows) {
  console.log(`| ${name} | ${raw.toLocaleString("en-US")} | ${gzip.toLocaleString("en-US")} | ${(percus / gzip).toFixed(2)} |`);
}
