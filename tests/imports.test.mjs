// The layout of scripts/ and tests/ (ARCHITECTURE.md, "scripts/"): tests and
// scripts share code only through scripts/lib/. No file under tests/
// imports anything under scripts/ but scripts/lib/, no file under scripts/
// imports anything under tests/, and scripts/lib/ imports nothing from the
// other folders of scripts/ (so what the tests import never pulls in the
// toolchain, the generators or the benchmarks). Every script lives in one
// of those four folders. Reads the files only: no build, no browser.
//
// An import is any relative module specifier (static or dynamic import,
// export … from, require) or a `new URL("…", import.meta.url)` of a JS
// file under scripts/ or tests/; data files a script writes or reads by
// path (tests/fidelity/peers.json) are not imports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const FOLDERS = ["toolchain", "generators", "benchmarks", "lib"];

/** Every JS or TS file below `dir` (relative to ROOT, with "/"). */
function sources(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sources(path);
    return /\.(m?js|cjs|ts)$/.test(entry.name) ? [path] : [];
  });
}

const SPECIFIERS = [
  /\bimport\s+[^;]*?\bfrom\s*["']([^"']+)["']/g,
  /\bexport\s+[^;]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\(\s*["'`]([^"'`$]+)["'`]\s*\)/g,
  /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  /\bnew URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g,
];

/** What `file` refers to: [specifier, path relative to ROOT with "/"], relative specifiers only. */
function importsOf(file) {
  const text = readFileSync(join(ROOT, file), "utf8");
  const found = [];
  for (const pattern of SPECIFIERS) {
    for (const [, specifier] of text.matchAll(pattern)) {
      if (!specifier.startsWith(".") && !specifier.startsWith("/")) continue;
      const target = relative(ROOT, resolve(dirname(join(ROOT, file)), specifier)).split(sep).join("/");
      found.push([specifier, target]);
    }
  }
  return found;
}

const under = (path, folder) => path === folder || path.startsWith(`${folder}/`);

/** Every rule broken, one line each. */
function problems() {
  const out = [];
  for (const file of sources("tests")) {
    for (const [specifier, target] of importsOf(file)) {
      if (under(target, "scripts") && !under(target, "scripts/lib")) out.push(`${file} imports ${specifier}: tests may import scripts/lib/ only`);
    }
  }
  for (const file of sources("scripts")) {
    for (const [specifier, target] of importsOf(file)) {
      if (under(target, "tests")) out.push(`${file} imports ${specifier}: scripts never import tests/`);
      if (under(file, "scripts/lib") && under(target, "scripts") && !under(target, "scripts/lib")) {
        out.push(`${file} imports ${specifier}: scripts/lib/ imports only scripts/lib/`);
      }
    }
  }
  for (const entry of readdirSync(join(ROOT, "scripts"), { withFileTypes: true })) {
    if (!entry.isDirectory() || !FOLDERS.includes(entry.name)) {
      out.push(`scripts/${entry.name}: every script lives in scripts/${FOLDERS.join("/, scripts/")}/`);
    }
  }
  return out;
}

test("tests and scripts share code only through scripts/lib/", () => {
  assert.deepEqual(problems(), []);
});

test("the check sees the imports that exist", () => {
  // So that a pattern that stops matching cannot pass the check above by
  // finding nothing.
  const targets = (file) => importsOf(file).map(([, target]) => target);
  assert.ok(targets("tests/harness.mjs").includes("scripts/lib/browser.mjs"));
  assert.ok(targets("tests/fidelity.test.mjs").includes("scripts/lib/fidelity.mjs"));
  assert.ok(targets("tests/origins.test.mjs").includes("scripts/lib/serve.mjs"));
  assert.ok(targets("scripts/benchmarks/bench.mjs").includes("scripts/benchmarks/definitions.mjs"));
  assert.ok(targets("scripts/lib/browser.mjs").includes("scripts/lib/serve.mjs"));
});
