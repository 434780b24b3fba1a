// Shrinks what wasm-bindgen writes into an out dir before it ships:
//
// 1. Import names. wasm-bindgen names every import the module needs from its
//    JS glue `__wbg_<method>_<16 hex digits>`, and the name is written twice,
//    in the wasm's import section and as a key of the glue's import object.
//    The hashes do not compress (about 200 imports in the player: 7 KB of
//    names, twice). Each is renamed to a short one (`a`, `b`, … `aB`) in
//    both places, and the import module `./<name>_bg.js` to `w`.
// 2. The glue itself, minified with terser (dev-only), which keeps the
//    module's exports (`default`, `initSync` and the crate's functions),
//    and gains `release()` (3. below).
//
// Nothing else in the wasm changes (sections are copied byte for byte), so
// behaviour cannot; the browser tests run on these files.
//
//   node scripts/toolchain/minify-glue.mjs <out dir> <crate lib name>
import { readFileSync, writeFileSync } from "node:fs";
import { minify } from "terser";

const [dir, name] = process.argv.slice(2);
if (!dir || !name) {
  console.error("usage: node scripts/toolchain/minify-glue.mjs <out dir> <crate lib name>");
  process.exit(2);
}
const wasmPath = `${dir}/${name}_bg.wasm`;
const jsPath = `${dir}/${name}.js`;
const GLUE_MODULE = `./${name}_bg.js`;
const SHORT_MODULE = "w";

// --- the wasm binary: LEB128 and names ---------------------------------------

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    if (byte < 0x80) return [value >>> 0, at];
    shift += 7;
  }
}

function writeU32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

function readName(bytes, at) {
  const [length, start] = readU32(bytes, at);
  return [bytes.subarray(start, start + length).toString("utf8"), start + length];
}

const writeName = (text) => {
  const utf8 = Buffer.from(text, "utf8");
  return Buffer.concat([writeU32(utf8.length), utf8]);
};

/** Skips an import's description (after its kind byte); returns the next offset. */
function skipImportDesc(bytes, kind, at) {
  const limits = (p) => {
    const flags = bytes[p++];
    [, p] = readU32(bytes, p);
    if (flags & 1) [, p] = readU32(bytes, p);
    return p;
  };
  switch (kind) {
    case 0: // function: type index
      return readU32(bytes, at)[1];
    case 1: // table: reference type, limits
      return limits(at + 1);
    case 2: // memory: limits
      return limits(at);
    case 3: // global: value type, mutability
      return at + 2;
    case 4: // tag: attribute, type index
      return readU32(bytes, at + 1)[1];
    default:
      throw new Error(`unknown import kind ${kind}`);
  }
}

/** Short JS identifiers: a … z, A … Z, then two characters and more. */
function* shortNames() {
  const first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const rest = `${first}0123456789`;
  for (let length = 1; ; length++) {
    const total = first.length * rest.length ** (length - 1);
    for (let n = 0; n < total; n++) {
      let id = first[n % first.length];
      let k = Math.floor(n / first.length);
      for (let i = 1; i < length; i++) {
        id += rest[k % rest.length];
        k = Math.floor(k / rest.length);
      }
      yield id;
    }
  }
}

/** Renames the glue module's imports; returns the new wasm and old -> new names. */
function renameImports(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not a wasm module`);
  const renamed = new Map();
  const names = shortNames();
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readU32(wasm, at + 1);
    const end = start + size;
    if (id !== 2) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = readU32(wasm, start);
    const entries = [writeU32(count)];
    while (count--) {
      let module;
      let field;
      [module, p] = readName(wasm, p);
      [field, p] = readName(wasm, p);
      const kind = wasm[p];
      const next = skipImportDesc(wasm, kind, p + 1);
      if (module === GLUE_MODULE) {
        if (!renamed.has(field)) renamed.set(field, names.next().value);
        entries.push(writeName(SHORT_MODULE), writeName(renamed.get(field)));
      } else {
        entries.push(writeName(module), writeName(field));
      }
      entries.push(wasm.subarray(p, next));
      p = next;
    }
    if (p !== end) throw new Error("import section longer than its entries");
    const body = Buffer.concat(entries);
    parts.push(Buffer.from([2]), writeU32(body.length), body);
    at = end;
  }
  return { wasm: Buffer.concat(parts), renamed };
}

// --- the glue ----------------------------------------------------------------

const { wasm, renamed } = renameImports(readFileSync(wasmPath));
let glue = readFileSync(jsPath, "utf8");
const moduleKey = JSON.stringify(GLUE_MODULE);
if (!glue.includes(`${moduleKey}: import0`)) throw new Error(`${jsPath}: no import object for ${GLUE_MODULE}`);
glue = glue.replace(`${moduleKey}: import0`, `${SHORT_MODULE}: import0`);
for (const [old, short] of renamed) {
  const key = new RegExp(`^(\\s+)${old}:`, "m");
  if (!key.test(glue)) throw new Error(`${jsPath}: import ${old} not found in the glue`);
  glue = glue.replace(key, `$1${short}:`);
}
// 3. `release()`, for the lite player that handed a template over to the
//    full one (player/js/player-boot.js): the glue's module scope, which
//    the browser keeps as long as the page (modules are never unloaded),
//    lets go of the instance and its memory, so that they can be collected.
//    Wasm memory cannot shrink; only dropping the instance gives it back.
//    A call that still arrives (a closure's destructor, run by the glue's
//    FinalizationRegistry) finds a stub whose every export does nothing.
//    The player's glues only: the SDK never hands over.
if (name === "player") {
  const held = ["wasmModule", "wasmInstance", "__wbg_init_promise"];
  const cached = [...glue.matchAll(/^let (cached\w+Memory0) = null;$/gm)].map((m) => m[1]);
  for (const variable of [...held, "wasm"]) {
    if (!new RegExp(`\\b${variable}\\b`).test(glue)) throw new Error(`${jsPath}: no ${variable} in the glue (wasm-bindgen changed?)`);
  }
  if (cached.length === 0) throw new Error(`${jsPath}: no cached memory views in the glue (wasm-bindgen changed?)`);
  glue += `\nexport function release() { ${held.join(" = ")} = undefined; ${cached.join(" = ")} = null; wasm = new Proxy({}, { get: () => () => {} }); }\n`;
}
const minified = await minify(glue, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
if (!minified.code) throw new Error(`${jsPath}: terser produced nothing`);
writeFileSync(wasmPath, wasm);
writeFileSync(jsPath, `${minified.code}\n`);
