// The embed SDK as customers install it: the tarball `npm pack` made in the
// build (target/percus-embed-<version>.tgz) has exactly the shipped files
// and a package.json with exports and types, and customer TypeScript
// (tests/types/usage.ts) type-checks against it with tsc --strict.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, "embed-sdk/package.json"), "utf8"));
const tarball = join(ROOT, "target", `percus-embed-${manifest.version}.tgz`);

test("the packed SDK holds exactly the shipped files, and its package.json has exports and types", () => {
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").sort();
  assert.deepEqual(files, [
    "package/README.md",
    "package/package.json",
    "package/percus-embed.d.ts",
    "package/percus-embed.js",
    "package/percus-react.d.ts",
    "package/percus-react.js",
    "package/percus-video.d.ts",
    "package/percus-video.js",
    "package/percus_embed.js",
    "package/percus_embed_bg.wasm",
    "package/percus_embed_inline.js",
  ]);
  assert.equal(manifest.name, "@percus/embed");
  assert.equal(manifest.type, "module");
  assert.deepEqual(manifest.exports["."], { types: "./percus-embed.d.ts", default: "./percus-embed.js" });
  // The element is its own entry, the one file with a side effect (it
  // defines <percus-video>), so that bundlers keep it and `mount` alone
  // stays as small as it was.
  assert.deepEqual(manifest.exports["./element"], { types: "./percus-video.d.ts", default: "./percus-video.js" });
  assert.deepEqual(manifest.sideEffects, ["./percus-video.js"]);
  // React is the app's, never bundled or installed by us.
  assert.deepEqual(manifest.exports["./react"], { types: "./percus-react.d.ts", default: "./percus-react.js" });
  assert.deepEqual(manifest.peerDependenciesMeta, { react: { optional: true } });
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.types, "./percus-embed.d.ts");
  // The demo page uses the unpacked package, as a customer would.
  const vendored = readdirSync(join(ROOT, "www/vendor/@percus/embed")).sort();
  assert.deepEqual(vendored, files.map((f) => f.replace("package/", "")).sort());
  const demo = readFileSync(join(ROOT, "www/demo.js"), "utf8");
  assert.match(demo, /from "\.\/vendor\/@percus\/embed\/percus-embed\.js"/);
});

test("customer TypeScript type-checks against the package, and the declared mistakes are caught", () => {
  const dir = mkdtempSync(join(tmpdir(), "percus-types-"));
  try {
    mkdirSync(join(dir, "node_modules/@percus"), { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", join(dir, "node_modules/@percus")]);
    symlinkSync(join(dir, "node_modules/@percus/package"), join(dir, "node_modules/@percus/embed"));
    cpSync(join(ROOT, "tests/types/usage.ts"), join(dir, "usage.ts"));
    cpSync(join(ROOT, "tests/types/usage-react.tsx"), join(dir, "usage-react.tsx"));
    // A React app's own types: @types/react and what it needs.
    mkdirSync(join(dir, "node_modules/@types"));
    for (const name of ["@types/react", "csstype"]) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "es2022",
          module: "esnext",
          moduleResolution: "bundler",
          lib: ["es2022", "dom"],
          strict: true,
          noEmit: true,
          jsx: "react-jsx",
          types: [],
        },
        files: ["usage.ts", "usage-react.tsx"],
      }),
    );
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    try {
      execFileSync(process.execPath, [tsc, "-p", dir], { encoding: "utf8" });
    } catch (e) {
      assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
