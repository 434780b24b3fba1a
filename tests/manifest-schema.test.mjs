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

// Interactive templates (docs/interaction.md), as binding_engine's
// interaction.rs reads them. The schema cannot tell two actions with one id
// or two chapters with one marker (duplicate-action, duplicate-chapter),
// frames whose first is not before its end, a label's unknown placeholder, or
// a layer or marker the animation lacks: the Rust reader is authoritative.
const interactive = () => {
  const base = JSON.parse(readFileSync(new URL("balance/manifest.json", templates), "utf8"));
  return {
    ...base,
    actions: [
      { id: "pay", target: { layer: "Pay" }, label: "Pay {first_name}", kind: "link",
        url: "https://bank.example/pay?a=1#x", marker: "choice", pause: true },
      { id: "later", target: { ln: "later" }, label: "Later", kind: "event", frames: [10, 20.5] },
      { id: "why", target: { layer: "Why" }, label: "Why?", kind: "segment", segment: "details", then: "continue" },
      { id: "why_2", target: { layer: "Why" }, label: "Why?", kind: "segment", segment: "details", frames: [0, 5], pause: true },
      { id: "_again-1", target: { layer: "Replay" }, label: "Again", kind: "replay", pause: false },
    ],
    chapters: [{ marker: "intro", label: "Your bill" }, { marker: "details", label: "The charge, explained" }],
  };
};

test("actions of every kind and chapters follow the schema", () => {
  const manifest = interactive();
  assert.ok(validate(manifest), JSON.stringify(validate.errors, null, 1));
  const most = { ...manifest, actions: Array.from({ length: 32 }, (_, i) => ({ ...manifest.actions[1], id: `a${i}` })),
    chapters: Array.from({ length: 64 }, (_, i) => ({ marker: `m${i}`, label: "L".repeat(200) })) };
  assert.ok(validate(most), JSON.stringify(validate.errors, null, 1));
  assert.ok(validate({ ...manifest, actions: [], chapters: [] }));
});

test("the schema refuses the actions and chapters the player refuses", () => {
  const manifest = interactive();
  const [link, event, segment] = manifest.actions;
  const action = (changes) => ({ ...manifest, actions: [{ ...event, ...changes }] });
  const linkTo = (url) => ({ ...manifest, actions: [{ ...link, url }] });
  const chapter = (changes) => ({ ...manifest, chapters: [{ ...manifest.chapters[0], ...changes }] });
  const broken = {
    "bad-value (actions not an array)": { ...manifest, actions: { pay: link } },
    "too-many (actions)": { ...manifest, actions: Array.from({ length: 33 }, (_, i) => ({ ...event, id: `a${i}` })) },
    "unknown-key (action)": action({ onClick: "pay" }),
    "missing-key (id)": action({ id: undefined }),
    "missing-key (target)": action({ target: undefined }),
    "missing-key (label)": action({ label: undefined }),
    "missing-key (kind)": action({ kind: undefined }),
    "bad-action (id starts with a digit)": action({ id: "1x" }),
    "bad-action (id with a dot)": action({ id: "a.b" }),
    "bad-action (id over 64)": action({ id: "a".repeat(65) }),
    "bad-target (layer and ln)": action({ target: { layer: "A", ln: "a" } }),
    "bad-target (neither)": action({ target: {} }),
    "unknown-key (slot target)": action({ target: { slot: "A" } }),
    "unknown-key (target property)": action({ target: { layer: "A", property: "fill" } }),
    "bad-value (kind)": action({ kind: "jump" }),
    "bad-action (url on an event)": action({ url: "https://a.example" }),
    "bad-action (segment on a replay)": action({ kind: "replay", segment: "details" }),
    "bad-action (then on an event)": action({ then: "stop" }),
    "bad-action (segment on a link)": { ...manifest, actions: [{ ...link, segment: "details" }] },
    "bad-action (then on a link)": { ...manifest, actions: [{ ...link, then: "loop" }] },
    "bad-action (url on a segment)": { ...manifest, actions: [{ ...segment, url: "https://a.example" }] },
    "missing-key (url)": { ...manifest, actions: [{ ...link, url: undefined }] },
    "missing-key (segment)": { ...manifest, actions: [{ ...segment, segment: undefined }] },
    "bad-value (then)": { ...manifest, actions: [{ ...segment, then: "jump" }] },
    "bad-action (pause without a range)": action({ frames: undefined, pause: true }),
    "bad-value (pause)": action({ pause: "yes" }),
    "bad-action (marker and frames)": action({ marker: "m" }),
    "bad-value (frames of three)": action({ frames: [1, 2, 3] }),
    "bad-value (frames of one)": action({ frames: [1] }),
    "bad-value (frames of strings)": action({ frames: ["1", "2"] }),
    "bad-url (http)": linkTo("http://bank.example/pay"),
    "bad-url (a placeholder)": linkTo("https://bank.example/pay/{first_name}"),
    "bad-url (a closing brace)": linkTo("https://bank.example/pay}"),
    "bad-value (url not a string)": linkTo(7),
    "too-many (chapters)": { ...manifest, chapters: Array.from({ length: 65 }, (_, i) => ({ marker: `m${i}`, label: "L" })) },
    "unknown-key (chapter)": chapter({ time: 1 }),
    "missing-key (chapter marker)": chapter({ marker: undefined }),
    "missing-key (chapter label)": chapter({ label: undefined }),
    "bad-value (chapter label with a placeholder)": chapter({ label: "Hi {first_name}" }),
    "bad-value (chapter label with a brace)": chapter({ label: "Hi }" }),
    "bad-value (empty chapter label)": chapter({ label: "" }),
    "bad-value (chapter label over 200)": chapter({ label: "L".repeat(201) }),
  };
  for (const [code, m] of Object.entries(broken)) {
    const clean = JSON.parse(JSON.stringify(m)); // drops the undefined keys
    assert.equal(validate(clean), false, `the schema accepts a manifest with ${code}`);
  }
});

test("a link's URL follows is_fixed_https_url", () => {
  // The lists of interaction.rs's urls_are_fixed_https_urls, and a few more.
  const url = (u) => validate({ ...interactive(), actions: [{ ...interactive().actions[0], url: u }] });
  for (const ok of ["https://bank.example", "https://bank.example/pay?a=1#x", "https://b.example:8443/p",
    "https://bank.example?q", "https://a.example/" + "a".repeat(2000 - 18)]) {
    assert.ok(url(ok), `${ok.slice(0, 60)}: ${JSON.stringify(validate.errors)}`);
  }
  for (const bad of ["http://bank.example", "https://", "https:///path", "javascript:alert(1)",
    "https://user@bank.example/", "https://bank.example/{first_name}", "https://bank.example/ a",
    "https://bank.example\\@evil.example", " https://bank.example", "HTTPS://bank.example",
    "https://a.example/" + "a".repeat(2000), "https://bank.example/\"x\"", "https://bank.example/<x>",
    "https://bank.example/\tx", "https://bank.example/é", "https://?x", "https://#x"]) {
    assert.equal(url(bad), false, `the schema accepts the URL ${bad.slice(0, 60)}`);
  }
});
