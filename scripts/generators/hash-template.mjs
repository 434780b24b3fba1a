// Lists every file of a template package in its manifest.json, with its
// size and SHA-256 (the manifest's `assets`): the player fetches only listed
// files and checks each before use (docs/templates.md). Run it after
// changing any file of a package:
//
//   node scripts/generators/hash-template.mjs www/templates/greeting [more packages...]
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Every file below `dir` but manifest.json and dot files, as package paths. */
function files(dir, root = dir) {
  return readdirSync(dir)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files(path, root);
      const inPackage = relative(root, path).split(sep).join("/");
      return inPackage === "manifest.json" ? [] : [inPackage];
    })
    .sort();
}

/** Rewrites the `assets` of the package in `dir`; returns how many files it lists. */
export function hashTemplate(dir) {
  const manifestPath = join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  manifest.assets = files(dir).map((path) => {
    const bytes = readFileSync(join(dir, path));
    return { path, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
  });
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  return manifest.assets.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const dir of process.argv.slice(2)) console.log(`${dir}: ${hashTemplate(dir)} files listed`);
}
