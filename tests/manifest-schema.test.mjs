// docs/manifest.schema.json, the JSON Schema of the template manifest
// (docs/manifest.md): every demo template's manifest.json is valid, and the
// schema refuses what the player refuses where a schema can tell (each
// broken example is named by the problem code binding_engine's manifest
// reader gives it, docs/manifest.md; its Rust tests cover those codes).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const root = new URL("..", import.meta.url);
const schema = JSON.parse(readFileSync(new URL("docs/manifest.schema.json", root), "utf8"));
// Strict, but `required` may name keys declared elsewhere (the per-type rules).
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
const templates = new URL("www/templates/", root);

test("every demo template's manifest follows the schema", () => {
  const names = readdirSync(templates);
  assert.ok(names.length >= 4, names.join());
  for (const name of names) {
    const manifest = JSON.parse(readFileSync(new URL(`${name}/manifest.json`, templates), "utf8"));
    assert.ok(validate(manifest), `${name}: ${JSON.stringify(validate.errors, null, 1)}`);
  }
});

test("the schema refuses what the player refuses", () => {
  const base = JSON.parse(readFileSync(new URL("balance/manifest.json", templates), "utf8"));
  const field = (changes) => ({ ...base, fields: [{ ...base.fields[1], ...changes }] });
  const broken = {
    "unknown-key": { ...base, colour: "red" },
    "manifest-version": { ...base, version: 2 },
    "path-outside-package (..)": { ...base, animation: "../other/animation.json" },
    "path-outside-package (URL)": { ...base, video: "https://elsewhere.example/v.webm" },
    "path-outside-package (absolute)": { ...base, captions: "/captions.vtt" },
    "bad-sha256": { ...base, assets: [{ path: "animation.json", size: 1, sha256: "ABC" }] },
    "bad-field-name": field({ name: "first name" }),
    "unsupported-field-type": field({ type: "colour" }),
    "bad-currency": field({ currency: "usd" }),
    "bad-currency (missing)": field({ currency: undefined }),
    "bad-decimals": field({ decimals: 21 }),
    "bad-date-style": { ...base, fields: [{ name: "d", type: "date", dateStyle: "tiny" }] },
    "bad-locale": { ...base, locale: "en_US" },
    "key-not-for-type": { ...base, fields: [{ name: "d", type: "date", currency: "USD" }] },
    "wrong-type (default)": field({ default: "1,234.56" }),
    "wrong-type (date sample)": { ...base, fields: [{ name: "d", type: "date", sample: "25/11/2026" }] },
    "bad-max-length": { ...base, fields: [{ name: "t", type: "text", maxLength: 0 }] },
    "bad-target": { ...base, bindings: [{ target: { layer: "Headline", ln: "headline" }, text: "x" }] },
    "missing-key (target)": { ...base, bindings: [{ target: {}, text: "x" }] },
    "bad-target (slot and layer)": { ...base, bindings: [{ target: { slot: "s", layer: "A" }, text: "x" }] },
    "bad-target (slot with a property)": { ...base, bindings: [{ target: { slot: "s", property: "fill" }, field: "f" }] },
    "unknown-property": { ...base, bindings: [{ target: { layer: "A", property: "colour" }, field: "f" }] },
    "bad-binding (text and field)": { ...base, bindings: [{ target: { layer: "A" }, text: "x", field: "f" }] },
    "missing-key (field of a property)": { ...base, bindings: [{ target: { layer: "A", property: "fill" } }] },
    "bad-fit (on a property)": { ...base, bindings: [{ target: { layer: "A", property: "fill" }, field: "f", fit: { minSize: 2 } }] },
    "unknown-key (variant by slot)": { ...base, bindings: [{ field: "t", variants: { a: { slot: "s" } } }] },
    "bad-options (missing)": { ...base, fields: [{ name: "t", type: "choice" }] },
    "bad-options (repeated)": { ...base, fields: [{ name: "t", type: "choice", options: ["a", "a"] }] },
    "bad-max-bytes": { ...base, fields: [{ name: "p", type: "image", maxBytes: 0 }] },
    "key-not-for-type (image sample)": { ...base, fields: [{ name: "p", type: "image", sample: "me.png" }] },
    "key-not-for-type (options on text)": { ...base, fields: [{ name: "t", type: "text", options: ["a"] }] },
    "wrong-type (colour)": { ...base, fields: [{ name: "c", type: "color", default: "blue" }] },
    "wrong-type (boolean)": { ...base, fields: [{ name: "b", type: "boolean", default: "true" }] },
  };
  for (const [code, manifest] of Object.entries(broken)) {
    const clean = JSON.parse(JSON.stringify(manifest)); // drops the undefined keys
    assert.equal(validate(clean), false, `the schema accepts a manifest with ${code}`);
  }
});
