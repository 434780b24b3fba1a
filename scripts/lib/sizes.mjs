// The shipped bytes (raw and gzip -9) of the player and the embed SDK.
// Shared (scripts/lib/): the build prints them (`node scripts/lib/sizes.mjs`,
// scripts/toolchain/build.sh), tests/sizes.test.mjs holds them to the byte
// budgets, and the bytes benchmark (scripts/benchmarks/bench-bytes.mjs) sets
// them beside the peers'.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const PKG = fileURLToPath(new URL("../../www/pkg/", import.meta.url));
const WWW = fileURLToPath(new URL("../../www/", import.meta.url));

/** Files each bundle ships to a browser. */
export function shippedFiles() {
  const inPkg = (dir) =>
    readdirSync(join(PKG, dir))
      .filter((f) => /\.(js|wasm)$/.test(f))
      .map((f) => join(PKG, dir, f));
  const embed = (names) => names.map((name) => join(PKG, "embed", name));
  const mount = ["percus-embed.js", "percus_embed.js", "percus_embed_bg.wasm"];
  const page = [join(WWW, "pkg/player-boot.js"), join(WWW, "player.html"), join(WWW, "pkg/player.css")];
  return {
    // The lite player: what the page loads for most templates.
    player: [...inPkg("player"), ...page],
    // What a template that needs the full player loads: the lite player's
    // files, which the page preloads before it knows (and, without the
    // manifest's hint, runs first to find out), then the full one.
    "player-full": [...inPkg("player"), ...inPkg("player-full"), ...page],
    // The SDK's `mount` (the package's main entry)...
    embed: embed(mount),
    // ...with the <percus-video> element's entry (`@percus/embed/element`)...
    "embed-element": embed([...mount, "percus-video.js"]),
    // ...and with the React component's (`@percus/embed/react`, which
    // imports the element; React itself is the app's).
    "embed-react": embed([...mount, "percus-video.js", "percus-react.js"]),
    // Not loaded where the wasm file is found: its inlined copy, for
    // bundlers that leave the file behind (percus-embed.js).
    "embed-inline-fallback": embed(["percus_embed_inline.js"]),
  };
}

export function measure(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log("\nShipped bytes (raw / gzip -9):");
  for (const [name, files] of Object.entries(shippedFiles())) {
    for (const file of files) {
      const { raw, gzip } = measure([file]);
      console.log(`  ${file.replace(WWW, "www/").padEnd(44)} ${String(raw).padStart(8)} / ${String(gzip).padStart(7)}`);
    }
    const total = measure(files);
    console.log(`  ${(name + " total").padEnd(44)} ${String(total.raw).padStart(8)} / ${String(total.gzip).padStart(7)}`);
  }
}
