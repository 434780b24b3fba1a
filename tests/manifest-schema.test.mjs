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
  };
  for (const [code, manifest] of Object.entries(broken)) {
    const clean = JSON.parse(JSON.stringify(manifest)); // drops the undefined keys
    assert.equal(validate(clean), false, `the schema accepts a manifest with ${code}`);
  }
});
