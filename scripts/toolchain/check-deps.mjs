// Supply chain check, run by `npm test` (docs/security.md): from
// `cargo metadata` (from Cargo.lock, `--locked`), every crate the workspace
// builds has a license on the allow list, and the shipped wasm crates
// (player and embed-sdk for wasm32, normal dependencies only) depend on
// exactly the crates listed here: a new dependency of shipped code is a
// deliberate change to this list, reviewed for its bytes and its trust.
// The npm side: `npm audit --omit=dev` in scripts/toolchain/test.sh (the packages
// customers install have no runtime dependencies, only optional peers).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const LICENSES = new Set(["MIT", "Apache-2.0", "Unlicense", "Unicode-3.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "Zlib"]);
const OURS = new Set(["player", "binding-engine", "embed-sdk"]);
const SHIPPED = {
  "embed-sdk": [
    "allocator-api2", "bumpalo", "cfg-if", "futures-core", "futures-task", "futures-util", "js-sys", "lock_api",
    "pin-project-lite", "proc-macro2", "quote", "scopeguard", "slab", "syn", "talc", "unicode-ident",
    "wasm-bindgen", "wasm-bindgen-macro", "wasm-bindgen-macro-support", "wasm-bindgen-shared", "web-sys",
  ],
  player: [
    "allocator-api2", "binding-engine", "bumpalo", "cfg-if", "futures-core", "futures-task", "futures-util",
    "gloo-events", "gloo-render", "js-sys", "lock_api", "pin-project-lite", "proc-macro2", "quote",
    "scopeguard", "slab", "syn", "talc", "unicode-ident", "wasm-bindgen", "wasm-bindgen-futures",
    "wasm-bindgen-macro", "wasm-bindgen-macro-support", "wasm-bindgen-shared", "web-sys",
  ],
};

// Not `--offline`: metadata needs every crate in Cargo.lock, for every
// platform (crunchy, say, is only for spirv), and a fresh machine's Cargo
// cache holds only what the builds before this check downloaded. Cargo
// fetches the rest from crates.io, like any build.
const metadata = (platform) =>
  JSON.parse(
    execFileSync("cargo", ["metadata", "--format-version", "1", "--locked", ...(platform ? ["--filter-platform", platform] : [])], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    }),
  );

const problems = [];

// Licenses of everything the workspace builds, dev tools included.
for (const pkg of metadata().packages) {
  if (OURS.has(pkg.name)) continue;
  // "(MIT OR Apache-2.0) AND Unicode-3.0": every AND term needs one allowed alternative.
  const terms = (pkg.license || "").replace(/[()]/g, "").split(/\s+AND\s+/);
  const ok = pkg.license && terms.every((term) => term.split(/\s+OR\s+|\//).some((l) => LICENSES.has(l.trim())));
  if (!ok) problems.push(`${pkg.name} ${pkg.version}: license ${pkg.license || "(none)"} is not on the allow list`);
}

// What the shipped wasm is built from.
const wasm = metadata("wasm32-unknown-unknown");
const nodes = new Map(wasm.resolve.nodes.map((n) => [n.id, n]));
const names = new Map(wasm.packages.map((p) => [p.id, p.name]));
for (const [crate, expected] of Object.entries(SHIPPED)) {
  const root = wasm.packages.find((p) => p.name === crate);
  const seen = new Set();
  const stack = [root.id];
  while (stack.length) {
    const id = stack.pop();
    if (seen.has(id)) continue;
    seen.add(id);
    for (const dep of nodes.get(id).deps) if (dep.dep_kinds.some((k) => k.kind === null)) stack.push(dep.pkg);
  }
  const actual = [...seen].map((id) => names.get(id)).filter((n) => n !== crate).sort();
  const added = actual.filter((n) => !expected.includes(n));
  const gone = expected.filter((n) => !actual.includes(n));
  if (added.length) problems.push(`${crate} (wasm32) now depends on ${added.join(", ")}: review, then list it in scripts/toolchain/check-deps.mjs`);
  if (gone.length) problems.push(`${crate} (wasm32) no longer depends on ${gone.join(", ")}: remove it from scripts/toolchain/check-deps.mjs`);
}

// The npm package customers install brings nothing else along. A peer it
// names (React, for `@percus/embed/react`) is optional: npm installs it
// only when the app has it anyway.
const sdk = JSON.parse(readFileSync(new URL("../../embed-sdk/package.json", import.meta.url), "utf8"));
for (const key of ["dependencies", "optionalDependencies"]) {
  if (Object.keys(sdk[key] || {}).length) problems.push(`@percus/embed has ${key}: the SDK ships without any`);
}
for (const peer of Object.keys(sdk.peerDependencies || {})) {
  if (sdk.peerDependenciesMeta?.[peer]?.optional !== true) problems.push(`@percus/embed's peer ${peer} is not optional: the SDK installs nothing`);
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(
  `dependencies: ${metadata().packages.length} crates, licenses allowed; the shipped wasm is built from the listed crates only (player ${SHIPPED.player.length}, embed SDK ${SHIPPED["embed-sdk"].length}, proc macros included)`,
);
