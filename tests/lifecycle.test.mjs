// Lifecycle in headless Chromium: what a player and the SDK leave behind.
// After DESTROY the viewer's data, every field type of it, is in neither
// the player's JS heap nor its wasm memory, with the iframe kept; 200 re-binds in one player and 200 mount/destroy cycles on
// one host page leave the JS heaps and the wasm memories flat.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { inJsHeap, instancesOf, jsHeapSnapshot, keepWasmMemories, recordedPage, sharedEnv } from "./harness.mjs";

const env = sharedEnv();

/** Runs in every frame before its scripts: logs the types of port messages. */
function logPortTypes() {
  window.__portTypes = [];
  const start = MessagePort.prototype.start;
  MessagePort.prototype.start = function () {
    this.addEventListener("message", (e) => window.__portTypes.push(e.data?.type));
    return start.call(this);
  };
}

async function openHost() {
  const recorded = await recordedPage(env);
  await recorded.context.addInitScript(keepWasmMemories);
  await recorded.context.addInitScript(logPortTypes);
  await recorded.page.goto(`${env.hostOrigin}/test/host.html`);
  await recorded.page.evaluate(async (playerOrigin) => {
    const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
    window.__mount = (data, log) => {
      const holder = document.createElement("div");
      holder.style.width = "320px";
      document.body.append(holder);
      return mount(holder, { player: `${playerOrigin}/player.html`, template: "greeting", data }).then((embed) => {
        for (const event of ["ready", "rendered", "error"]) embed.on(event, () => log.push(event));
        return embed;
      });
    };
    // The member card: every field type (scripts/generators/make-member-template.mjs).
    window.__mountMember = (data, log) => {
      const holder = document.createElement("div");
      holder.style.width = "480px";
      document.body.append(holder);
      return mount(holder, { player: `${playerOrigin}/player.html`, template: "member", data, locale: "en-US", poster: 2, autoplay: false }).then((embed) => {
        for (const event of ["ready", "rendered", "error"]) embed.on(event, () => log.push(event));
        return embed;
      });
    };
  }, env.playerOrigin);
  return recorded;
}

/** Whether any wasm memory of `frame` holds `text` (UTF-8). */
async function inWasmMemory(frame, text) {
  return (await foundInWasmMemory(frame, { text: utf8(text) })).length > 0;
}

/**
 * Which of `needles` (label → byte array) any wasm memory of `frame`
 * holds, at any offset.
 */
function foundInWasmMemory(frame, needles) {
  return frame.evaluate((needles) => {
    const found = [];
    for (const [label, needle] of Object.entries(needles)) {
      const hit = window.__memories.some((memory) => {
        const bytes = new Uint8Array(memory.buffer);
        outer: for (let i = bytes.indexOf(needle[0]); i !== -1; i = bytes.indexOf(needle[0], i + 1)) {
          for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
          return true;
        }
        return false;
      });
      if (hit) found.push(label);
    }
    return found;
  }, needles);
}

/** A value's bytes as they could lie in wasm memory: UTF-8 and UTF-16 text, or a little-endian f64. */
const utf8 = (text) => [...Buffer.from(text, "utf8")];
const utf16 = (text) => [...Buffer.from(text, "utf16le")];
const f64 = (number) => {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleLE(number);
  return [...bytes];
};

/** The JS heap in use by `frame`'s page after a GC, and its wasm memories' size. */
async function footprint(context, frame) {
  const cdp = await context.newCDPSession(frame);
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  const wasm = await frame.evaluate(() => window.__memories.reduce((sum, m) => sum + m.buffer.byteLength, 0));
  return { js: usedSize, wasm };
}

const playerFrame = (page) => page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/player.html`));

describe("lifecycle", () => {
  test("after DESTROY, the canary is in neither the player's JS heap nor its wasm memory", async () => {
    const { context, page, record } = await openHost();
    // The canary is made in the page, 10 characters: the greeting's limit is 30.
    const canary = await page.evaluate(async () => {
      const canary = `Zq7${String(Math.random()).slice(2, 9)}`;
      window.__log = [];
      window.__embed = await window.__mount({ first_name: canary }, window.__log);
      return canary;
    });
    await page.waitForFunction(() => window.__log.includes("rendered"));
    const player = playerFrame(page);
    await player.waitForTimeout(300); // a few frames drawn with it
    assert.equal(await inWasmMemory(player, canary), true, "while bound, the player holds it (the check can see it)");

    // Keep the iframe after destroy, to look inside the player.
    await page.evaluate(() => {
      document.querySelector("iframe").remove = () => {};
      window.__embed.destroy();
    });
    await player.waitForFunction(() => window.__portTypes.includes("PERCUS/DESTROY"));
    await player.waitForTimeout(100);
    assert.equal(await inWasmMemory(player, canary), false, "wiped from wasm memory");
    assert.equal(await inJsHeap(context, player, canary), false, "gone from the player's JS heap");
    assert.equal(await inJsHeap(context, page.mainFrame(), canary), false, "and from the host's");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("after DESTROY, no field of any type is in the player's JS heap (strings, numbers) or wasm memory (UTF-8, UTF-16, f64)", async () => {
    const { context, page, record } = await openHost();
    // Canaries made here, unlikely anywhere else: a text, a number, an
    // amount, a ratio, a date, two colours, a choice and a flag of the
    // member card, a photo with text in its bytes, and an undeclared field
    // that marks the data object itself (it holds the flag, which has no
    // bytes of its own to look for).
    // Made in the page: arguments sent from here could stay in the
    // inspector's hold, and the host's heap is checked too.
    const { canary, written } = await page.evaluate(async () => {
      const r = (n) => Math.floor(Math.random() * n);
      const hex = () => `#${[0, 0, 0].map(() => (0x20 + r(0xc0)).toString(16).padStart(2, "0")).join("")}`;
      const canary = {
        first_name: `Zq7${r(1e7)}`,
        points: 70000 + r(9000) + 0.375,
        cashback: 4000 + r(900) + 0.25,
        progress: 0.4 + r(1000) / 10000 + 0.00003,
        since: `20${31 + r(60)}-0${1 + r(9)}-1${r(9)}`,
        brand: hex(),
        accent: hex(),
        tier: "Silver",
        vip: true,
        note: `Zq7object${r(1e7)}`,
        photo: `Zq7photo${r(1e7)}`,
      };
      // Written as the player writes them (INIT's locale: en-US).
      const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(canary.cashback);
      const points = new Intl.NumberFormat("en-US").format(canary.points);
      const date = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(canary.since));
      // A red photo with the canary after its end: still a valid PNG.
      const canvas = new OffscreenCanvas(8, 8);
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#c00000";
      ctx.fillRect(0, 0, 8, 8);
      const png = await canvas.convertToBlob({ type: "image/png" });
      window.__log = [];
      window.__embed = await window.__mountMember(
        { ...canary, photo: new Blob([png, canary.photo], { type: "image/png" }) },
        window.__log,
      );
      return { canary, written: { money, points, date } };
    });
    await page.waitForFunction(() => window.__log.includes("rendered"));
    const player = playerFrame(page);
    await player.waitForTimeout(300); // a few frames drawn with it
    const texts = {
      name: canary.first_name,
      points: written.points,
      amount: written.money,
      date: written.date,
      "ISO date": canary.since,
      "undeclared field": canary.note,
    };
    const numbers = { points: canary.points, amount: canary.cashback, ratio: canary.progress, "ratio × 100": canary.progress * 100 };
    const colours = { brand: canary.brand, accent: canary.accent };
    const needles = {};
    for (const [label, text] of Object.entries(texts)) {
      needles[`${label} (UTF-8)`] = utf8(text);
      needles[`${label} (UTF-16)`] = utf16(text);
    }
    for (const [label, number] of Object.entries(numbers)) needles[`${label} (f64)`] = f64(number);
    for (const [label, colour] of Object.entries(colours)) {
      needles[`${label} (CSS)`] = utf8(colour.slice(1));
      const [red, green, blue] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      needles[`${label} red (f64)`] = f64(red / 255);
      needles[`${label} bytes`] = [red, green, blue, 255];
    }
    needles["photo bytes (UTF-8)"] = utf8(canary.photo);
    // While bound, the player holds what it draws (the checks can see it).
    const bound = await foundInWasmMemory(player, needles);
    for (const label of ["name (UTF-8)", "amount (UTF-8)", "date (UTF-8)"]) assert.ok(bound.includes(label), `while bound: ${label}`);

    // Keep the iframe after destroy, to look inside the player.
    await page.evaluate(() => {
      document.querySelector("iframe").remove = () => {};
      window.__embed.destroy();
    });
    await player.waitForFunction(() => window.__portTypes.includes("PERCUS/DESTROY"));
    await player.waitForTimeout(100);
    assert.deepEqual(await foundInWasmMemory(player, needles), [], "wiped from wasm memory");
    const heap = await jsHeapSnapshot(context, player);
    const inHeap = [
      ...Object.entries(texts).map(([label, text]) => [label, text]),
      ...Object.entries(numbers).map(([label, number]) => [label, String(number)]),
      ...Object.entries(colours).flatMap(([label, colour]) => [
        [`${label} (hex)`, colour.slice(1)],
        [`${label} (rgb)`, `rgb(${[1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)).join(", ")})`],
      ]),
      ["choice", canary.tier],
      ["photo bytes", canary.photo],
    ].filter(([, needle]) => heap.includes(needle));
    assert.deepEqual(inHeap, [], "gone from the player's JS heap");
    assert.equal(await instancesOf(context, player, "ImageBitmap"), 0, "the decoded photo is gone");
    assert.equal(await instancesOf(context, player, "Blob"), 0, "and the bytes it came in");
    assert.equal(await inJsHeap(context, page.mainFrame(), canary.note), false, "the host's SDK keeps no data");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("200 re-binds in one player leave its JS heap and wasm memory flat", async () => {
    const { context, page, record } = await openHost();
    await page.evaluate(async () => {
      window.__log = [];
      window.__embed = await window.__mount({ first_name: "Ann" }, window.__log);
    });
    await page.waitForFunction(() => window.__log.includes("rendered"));
    const player = playerFrame(page);
    const rebind = (from, to) =>
      page.evaluate(
        async ({ from, to }) => {
          for (let i = from; i < to; i++) {
            window.__embed.update({ first_name: `Viewer${i}` });
            const want = i + 2; // the first INIT rendered once already
            while (window.__log.filter((e) => e === "rendered").length < want) {
              if (window.__log.includes("error")) throw new Error("the player answered an error");
              await new Promise((r) => setTimeout(r, 5));
            }
          }
        },
        { from, to },
      );
    await rebind(0, 20);
    const warm = await footprint(context, player);
    await rebind(20, 200);
    const after = await footprint(context, player);
    // Bound: 1 MB of JS heap and no new wasm page-range beyond 1 MB: a leak
    // of even 5 KB a re-bind would pass 1 MB over these 180.
    assert.ok(after.js - warm.js < 1 << 20, `player JS heap ${warm.js} → ${after.js}`);
    assert.ok(after.wasm - warm.wasm <= 1 << 20, `player wasm memory ${warm.wasm} → ${after.wasm}`);
    assert.ok(!(await page.evaluate(() => window.__log.includes("error"))));
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("200 mount/destroy cycles leave the host's JS heap and the SDK's wasm memory flat", async () => {
    const { context, page, record } = await openHost();
    const cycles = (from, to) =>
      page.evaluate(
        async ({ from, to }) => {
          for (let i = from; i < to; i++) {
            const log = [];
            const embed = await window.__mount({ first_name: `Viewer${i}` }, log);
            while (!log.includes("rendered")) {
              if (log.includes("error")) throw new Error("the player answered an error");
              await new Promise((r) => setTimeout(r, 5));
            }
            embed.destroy();
          }
        },
        { from, to },
      );
    await cycles(0, 20);
    const warm = await footprint(context, page.mainFrame());
    await cycles(20, 200);
    const after = await footprint(context, page.mainFrame());
    assert.equal(await page.evaluate(() => document.querySelectorAll("iframe").length), 0);
    assert.ok(after.js - warm.js < 1 << 20, `host JS heap ${warm.js} → ${after.js}`);
    assert.ok(after.wasm - warm.wasm <= 1 << 16, `SDK wasm memory ${warm.wasm} → ${after.wasm}`);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});
