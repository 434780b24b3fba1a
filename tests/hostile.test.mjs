// Hostile senders (issue "Privacy and security proof"), against bare
// player iframes on a host page: a flood of 10,000 messages, a 100 MB
// payload, 10,000 levels of nesting, every JSON type in every field, INIT
// from a popup, and INIT replayed after DESTROY; and templates as deep as
// the limits allow, within the wasm's shadow stack. Each is ignored or
// answered with a sanitized ERROR (a code and a field name, never a value),
// nothing throws in the player, and the player still serves its real host.
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { addBarePlayers, keepWasmMemories, postToPlayer, recordedPage, sharedEnv, waitForRaw } from "./harness.mjs";

const env = sharedEnv();
const CANARY = "HxCanary";

/** A host page with one bare player ("p", greeting) that has said READY. */
async function hostWithPlayer() {
  const recorded = await recordedPage(env);
  await recorded.page.goto(`${env.hostOrigin}/test/host.html`);
  await addBarePlayers(recorded.page, env, [{ name: "p", host: env.hostOrigin }]);
  await waitForRaw(recorded.page, "p", "PERCUS/READY");
  return recorded;
}

const heard = (page) => page.evaluate(() => window.__raw.map((m) => m.type + (m.code ? ` ${m.code}` : "") + (m.field ? `:${m.field}` : "")));

describe("hostile senders", () => {
  test("a flood of 10,000 messages, a 100 MB text and 10,000 levels of nesting: sanitized errors, and the host is still served", async () => {
    const { context, page, record } = await hostWithPlayer();
    // 10,000 messages of every shape, from the real host, as fast as it can.
    const flood = await page.evaluate(
      ({ playerOrigin, canary }) => {
        const player = window.__players.p.contentWindow;
        const shapes = [null, 7, "PERCUS/INIT", [canary], { type: canary }, { type: "PERCUS/SEEK", protocol: 1, time: canary }, { type: "PERCUS/PLAY", protocol: 1 }];
        const start = performance.now();
        for (let i = 0; i < 10000; i++) player.postMessage(shapes[i % shapes.length], playerOrigin);
        return performance.now() - start;
      },
      { playerOrigin: env.playerOrigin, canary: CANARY },
    );
    assert.ok(flood >= 0);
    // 100 MB of text for a 30-character field, and a field nested 10,000 deep.
    const nested = await page.evaluate(
      ({ playerOrigin, canary }) => {
        const player = window.__players.p.contentWindow;
        player.postMessage({ type: "PERCUS/INIT", protocol: 1, data: { first_name: canary + "x".repeat(100 * 1024 * 1024) } }, playerOrigin);
        let deep = { canary };
        for (let i = 0; i < 10000; i++) deep = { deep };
        try {
          player.postMessage({ type: "PERCUS/INIT", protocol: 1, data: { first_name: deep } }, playerOrigin);
          return "sent";
        } catch (error) {
          return error.name; // the browser's structured clone may refuse it first
        }
      },
      { playerOrigin: env.playerOrigin, canary: CANARY },
    );
    await page.waitForFunction(() => window.__raw.filter((m) => m.type === "PERCUS/ERROR" && m.field === "first_name").length >= (1), null, {
      timeout: 60000,
    });
    if (nested === "sent") {
      await page.waitForFunction(() => window.__raw.filter((m) => m.type === "PERCUS/ERROR" && m.field === "first_name").length >= 2, null, {
        timeout: 60000,
      });
    }
    const errors = await page.evaluate(() => window.__raw.filter((m) => m.type === "PERCUS/ERROR"));
    assert.ok(!JSON.stringify(errors).includes(CANARY), "no error carries a value");
    const fieldErrors = errors.filter((e) => e.field).map((e) => `${e.code}:${e.field}`);
    assert.deepEqual(fieldErrors, nested === "sent" ? ["too-long:first_name", "wrong-type:first_name"] : ["too-long:first_name"]);
    // Then the real INIT: the player draws for its host.
    await postToPlayer(page, env, "p", { type: "PERCUS/INIT", protocol: 1, data: { first_name: "Jo" } });
    await waitForRaw(page, "p", "PERCUS/RENDERED", 30000);
    const label = await page.frame({ name: "p" }).evaluate(() => document.getElementById("stage").getAttribute("aria-label"));
    assert.match(label, /Hi Jo!/);
    assert.deepEqual(record.pageErrors, []);
    assert.ok(!record.console.some((line) => line.includes(CANARY)), "nothing logged the canary");
    await context.close();
  });

  test("every JSON type in every field of every binding type: codes by field, never a value", async () => {
    const { context, page } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    // The member card: text, colour, choice, boolean, percent and image fields.
    await addBarePlayers(page, env, [{ name: "p", host: env.hostOrigin, template: "member" }]);
    await waitForRaw(page, "p", "PERCUS/READY");
    const values = [null, true, 0, -1.5, 1e308, "", CANARY, [CANARY], { value: CANARY }];
    const fields = ["first_name", "brand", "accent", "tier", "vip", "progress", "photo"];
    let sent = 0;
    for (const field of fields) {
      for (const value of values) {
        const data = { first_name: "A", tier: "Gold", [field]: value };
        await postToPlayer(page, env, "p", { type: "PERCUS/INIT", protocol: 1, data });
        sent++;
      }
    }
    assert.equal(sent, fields.length * values.length);
    await page.waitForTimeout(2000);
    const raw = await page.evaluate(() => window.__raw.filter((m) => m.type === "PERCUS/ERROR"));
    assert.ok(raw.length > 0);
    for (const error of raw) {
      assert.ok(!JSON.stringify(error).includes(CANARY), JSON.stringify(error));
      assert.ok(fields.includes(error.field), JSON.stringify(error));
      assert.ok(["missing-field", "wrong-type", "too-long", "out-of-range", "not-an-option", "too-large", "image-invalid"].includes(error.code), error.code);
    }
    // And it still binds good data.
    const rendered = await page.evaluate(() => window.__raw.filter((m) => m.type === "PERCUS/RENDERED").length);
    await postToPlayer(page, env, "p", { type: "PERCUS/INIT", protocol: 1, data: { first_name: "Jo", tier: "Gold" } });
    await page.waitForFunction((n) => window.__raw.filter((m) => m.type === "PERCUS/RENDERED").length > n, rendered, { timeout: 30000 });
    await context.close();
  });

  test("INIT from a popup, and INIT replayed after DESTROY, are ignored", async () => {
    const { context, page } = await hostWithPlayer();
    // A popup of the host's own origin: not the player's parent.
    const [popup] = await Promise.all([
      context.waitForEvent("page"),
      page.evaluate((url) => {
        window.__popup = window.open(url);
      }, `${env.hostOrigin}/test/host.html`),
    ]);
    await popup.waitForLoadState();
    await popup.evaluate(
      ({ playerOrigin, canary }) =>
        opener.frames.p.postMessage({ type: "PERCUS/INIT", protocol: 1, data: { first_name: canary } }, playerOrigin),
      { playerOrigin: env.playerOrigin, canary: CANARY },
    );
    await page.waitForTimeout(1000);
    assert.deepEqual(await heard(page), ["PERCUS/LOADING", "PERCUS/READY"], "the popup's INIT was not heard");
    // The real host connects a port (protocol 2), binds, destroys, then
    // replays the same INIT on the port and a new CONNECT on the window.
    const after = await page.evaluate(
      async ({ playerOrigin, canary }) => {
        const player = window.__players.p.contentWindow;
        const seen = [];
        const { port1, port2 } = new MessageChannel();
        const next = (type) =>
          new Promise((resolve) => {
            const check = () => (seen.includes(type) ? resolve() : setTimeout(check, 20));
            check();
          });
        port1.onmessage = ({ data }) => seen.push(data?.type);
        player.postMessage({ type: "PERCUS/CONNECT", protocol: 2 }, playerOrigin, [port2]);
        await next("PERCUS/CONNECTED");
        const init = { type: "PERCUS/INIT", protocol: 2, data: { first_name: canary } };
        port1.postMessage(init);
        await next("PERCUS/RENDERED");
        port1.postMessage({ type: "PERCUS/DESTROY", protocol: 2 });
        await new Promise((r) => setTimeout(r, 300));
        const before = seen.length;
        port1.postMessage(init);
        port1.postMessage({ type: "PERCUS/PLAY", protocol: 2 });
        const again = new MessageChannel();
        again.port1.onmessage = ({ data }) => seen.push(`second port: ${data?.type}`);
        player.postMessage({ type: "PERCUS/CONNECT", protocol: 2 }, playerOrigin, [again.port2]);
        player.postMessage(init, playerOrigin);
        await new Promise((r) => setTimeout(r, 1000));
        return seen.slice(before);
      },
      { playerOrigin: env.playerOrigin, canary: CANARY },
    );
    assert.deepEqual(after, [], `nothing after DESTROY: ${after.join(", ")}`);
    const label = await page.frame({ name: "p" }).evaluate(() => document.getElementById("stage").getAttribute("aria-label"));
    assert.ok(!label.includes(CANARY), label);
    await context.close();
  });

  test("DESTROY while a photo decodes: the data is never bound, and the commands that waited never run", async () => {
    const { context, page } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    await addBarePlayers(page, env, [{ name: "p", host: env.hostOrigin, template: "member" }]);
    await waitForRaw(page, "p", "PERCUS/READY");
    const seen = await page.evaluate(
      async ({ playerOrigin, canary }) => {
        const player = window.__players.p.contentWindow;
        const seen = [];
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = ({ data }) => seen.push(data?.type);
        player.postMessage({ type: "PERCUS/CONNECT", protocol: 2 }, playerOrigin, [port2]);
        while (!seen.includes("PERCUS/CONNECTED")) await new Promise((r) => setTimeout(r, 20));
        const canvas = new OffscreenCanvas(3000, 3000);
        canvas.getContext("2d").fillRect(0, 0, 3000, 3000);
        const photo = await canvas.convertToBlob({ type: "image/jpeg" });
        port1.postMessage({ type: "PERCUS/INIT", protocol: 2, data: { first_name: canary, tier: "Gold", photo } });
        port1.postMessage({ type: "PERCUS/SEEK", protocol: 2, time: 1 });
        port1.postMessage({ type: "PERCUS/PLAY", protocol: 2 });
        port1.postMessage({ type: "PERCUS/DESTROY", protocol: 2 });
        await new Promise((r) => setTimeout(r, 2500));
        return seen;
      },
      { playerOrigin: env.playerOrigin, canary: CANARY },
    );
    assert.deepEqual(seen, ["PERCUS/CONNECTED"], "nothing after CONNECTED on the port");
    assert.deepEqual(await heard(page), ["PERCUS/LOADING", "PERCUS/READY"], "nothing on the window either");
    const label = await page.frame({ name: "p" }).evaluate(() => document.getElementById("stage").getAttribute("aria-label"));
    assert.ok(!label.includes(CANARY), label);
    await context.close();
  });
});

/**
 * The shadow stack of a built wasm, in bytes: the initial value of its
 * first global, the stack pointer, which starts at the top of the stack
 * rustc lays out first (scripts/toolchain/build.sh's STACK_SIZE).
 */
function stackSize(path) {
  const bytes = readFileSync(new URL(path, import.meta.url));
  let at = 8; // magic and version
  const leb = (signed) => {
    let [value, shift, byte] = [0, 0, 0];
    do {
      byte = bytes[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return signed && shift < 32 && byte & 0x40 ? value | (-1 << shift) : value >>> 0;
  };
  while (at < bytes.length) {
    const [id, size] = [bytes[at++], leb(false)];
    if (id === 6) {
      leb(false); // the number of globals
      const [type, mutable, opcode] = [bytes[at], bytes[at + 1], bytes[at + 2]];
      at += 3;
      assert.deepEqual([type, mutable, opcode], [0x7f, 1, 0x41], "the first global is a mutable i32 set by i32.const");
      return leb(true);
    }
    at += size;
  }
  throw new Error(`${path}: no global section`);
}

/**
 * Templates as deep as docs/limits.md lets them be: precomps nested to the
 * evaluator's limit and past it, each under a track matte, with faded
 * layers (every level opens offscreen groups); shape groups nested to the
 * JSON parser's limit; unknown keys nested to it.
 */
function deepTemplates() {
  const base = { v: "5.7.0", w: 200, h: 200, fr: 30, ip: 0, op: 30 };
  const square = [
    { ty: "rc", p: { k: [100, 100] }, s: { k: [50, 50] }, r: { k: 0 } },
    { ty: "fl", c: { k: [1, 0, 0, 1] }, o: { k: 50 } },
  ];
  const shapeLayer = (extra) => ({ ty: 4, ip: 0, op: 30, ks: { o: { k: 60 } }, shapes: square, ...extra });
  const precomps = (depth) => {
    const assets = Array.from({ length: depth }, (_, i) => ({
      id: `c${i}`,
      layers: [
        shapeLayer({ ind: 1, td: 1 }),
        i + 1 < depth
          ? { ty: 0, ind: 2, tt: 1, refId: `c${i + 1}`, ip: 0, op: 30, w: 200, h: 200, ks: { o: { k: 90 } } }
          : shapeLayer({ ind: 2, tt: 1 }),
      ],
    }));
    return { ...base, assets, layers: [{ ty: 0, ind: 1, refId: "c0", ip: 0, op: 30, w: 200, h: 200, ks: { o: { k: 80 } } }] };
  };
  let groups = [...square, { ty: "tr", o: { k: 50 } }];
  // Two JSON levels a group: 59 groups put the innermost keyframe's value
  // at level 127 of the parser's 128.
  for (let i = 0; i < 59; i++) groups = [{ ty: "gr", it: [...groups, { ty: "tr", o: { k: 90 }, r: { a: 1, k: [{ t: 0, s: [0] }, { t: 30, s: [90] }] } }] }];
  const deepGroups = { ...base, layers: [{ ...shapeLayer({ ind: 1 }), shapes: groups }] };
  const junk = JSON.stringify({ ...base, layers: [shapeLayer({ ind: 1 })] }).slice(0, -1) + `,"meta":${"[".repeat(126)}${"]".repeat(126)}}`;
  return {
    "precomps 32 deep": JSON.stringify(precomps(32)),
    "precomps 40 deep": JSON.stringify(precomps(40)),
    "shape groups to the JSON limit": JSON.stringify(deepGroups),
    "unknown keys to the JSON limit": junk,
  };
}

describe("hostile templates", () => {
  test("the deepest templates the limits allow use at most half the wasm's shadow stack", async () => {
    const STACK_SIZE = stackSize("../www/pkg/frame/player_bg.wasm");
    // The shipped players link the same stack as the frame page's build.
    assert.equal(stackSize("../www/pkg/player/player_bg.wasm"), STACK_SIZE);
    assert.equal(stackSize("../www/pkg/player-full/player_bg.wasm"), STACK_SIZE);
    assert.ok(STACK_SIZE >= 64 * 1024 && STACK_SIZE % 65536 === 0, `stack: ${STACK_SIZE} B`);
    const { context, page, record } = await recordedPage(env);
    // The frame page's wasm memory; its build is the player's code plus the
    // frame page's entry points.
    await context.addInitScript(keepWasmMemories);
    const used = {};
    for (const [label, json] of Object.entries(deepTemplates())) {
      // The stack is laid out first, from address 0 up to STACK_SIZE, and
      // grows down: the lowest byte ever written shows how deep calls went
      // (in a fresh page: the mark only ever goes down).
      await page.goto(`${env.playerOrigin}/frame.html`);
      used[label] = await page.evaluate(
        async ({ json, stackSize }) => {
          const result = await window.percusFrame.load(json, 200, 200).then(
            () => "loaded",
            (error) => error.code,
          );
          if (result === "loaded") for (const frame of [0, 10, 29]) await window.percusFrame.seek(frame);
          const stack = new Uint8Array(window.__memories[0].buffer, 0, stackSize);
          const lowest = stack.findIndex((byte) => byte !== 0);
          return { result, bytes: lowest < 0 ? 0 : stackSize - lowest };
        },
        { json, stackSize: STACK_SIZE },
      );
    }
    for (const [label, { result, bytes }] of Object.entries(used)) {
      assert.equal(result, "loaded", `${label}: ${result}`);
      assert.ok(bytes > 0 && bytes <= STACK_SIZE / 2, `${label}: ${bytes} B of the ${STACK_SIZE} B stack`);
    }
    // The measure sees depth: precomps nest deeper than the unknown keys.
    assert.ok(used["precomps 32 deep"].bytes > used["unknown keys to the JSON limit"].bytes, JSON.stringify(used));
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});
