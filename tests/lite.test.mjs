// The player page's two builds (player/src/lib.rs `FULL`, www/player-boot.js):
// the lite player runs first and is all a plain template loads; a template
// it cannot draw or read makes the page load the full one, and the host
// sees nothing of the switch (one READY, no ERROR, the same events).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { addBarePlayers, postToPlayer, recordedPage, sharedEnv, waitForRaw } from "./harness.mjs";

const env = sharedEnv();
const TEMPLATES = new URL("../www/templates/", import.meta.url);

const wasmRequests = (record) => ({
  lite: record.requests.filter((r) => r.url.endsWith("/pkg/player/player_bg.wasm")).length,
  full: record.requests.filter((r) => r.url.endsWith("/pkg/player-full/player_bg.wasm")).length,
});

/** A bare player of `template`; resolves once it said READY, with what it sent. */
async function boot(template, route) {
  const { context, page, record } = await recordedPage(env);
  if (route) await context.route(`${env.playerOrigin}/templates/${template}/**`, route);
  await page.goto(`${env.hostOrigin}/test/host.html`);
  await addBarePlayers(page, env, [{ name: "p", host: env.hostOrigin, template }]);
  await waitForRaw(page, "p", "PERCUS/READY", 20000);
  return { context, page, record };
}

const INIT = { type: "PERCUS/INIT", protocol: 1, data: { first_name: "Jane" }, autoplay: false, poster: 30 };

/** Green pixels (the test's shadow colour) on the player's canvas. */
async function greens(page) {
  const frame = page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/player.html`));
  return frame.evaluate(() => {
    const canvas = document.getElementById("stage");
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && g > 120 && g - r > 80 && g - b > 80) n++;
    }
    return n;
  });
}

const sent = (page, type) => page.evaluate((type) => window.__raw.filter((m) => m.type === type), type);

describe("lite and full player", () => {
  for (const [template, full] of [
    ["greeting", false],
    ["balance", false],
    ["badge", false],
    ["footage", true], // a background video
    ["member", true], // a viewer's photo, colours, a choice
  ]) {
    test(`${template} loads the ${full ? "lite, then the full" : "lite"} player and says READY once`, async () => {
      const { context, page, record } = await boot(template);
      await page.waitForTimeout(300); // anything more it would send
      assert.deepEqual(wasmRequests(record), { lite: 1, full: full ? 1 : 0 });
      assert.equal((await sent(page, "PERCUS/READY")).length, 1);
      assert.deepEqual(await sent(page, "PERCUS/ERROR"), []);
      assert.deepEqual(record.pageErrors, []);
      await context.close();
    });
  }

  test("when the full player cannot be loaded, the host hears ERROR internal at once", async () => {
    const { context, page, record } = await recordedPage(env);
    await context.route(`${env.playerOrigin}/pkg/player-full/**`, (r) => r.abort());
    await page.goto(`${env.hostOrigin}/test/host.html`);
    await addBarePlayers(page, env, [{ name: "p", host: env.hostOrigin, template: "member" }]);
    await waitForRaw(page, "p", "PERCUS/ERROR", 10000);
    assert.deepEqual((await sent(page, "PERCUS/ERROR")).map((m) => m.code), ["internal"]);
    assert.deepEqual(await sent(page, "PERCUS/READY"), []);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("an animation only the full player draws switches after import, and plays", async () => {
    // The greeting's package with a drop shadow on its text layer: the
    // manifest alone gives the lite player no reason to refuse it.
    const dir = new URL("greeting/", TEMPLATES);
    const animation = JSON.parse(readFileSync(new URL("animation.json", dir), "utf8"));
    const text = animation.layers.find((l) => l.ty === 5);
    const param = (v) => ({ v: { a: 0, k: v } });
    text.ef = [{ ty: 25, en: 1, ef: [param([0, 1, 0, 1]), param(255), param(135), param(6), param(4)] }];
    const bytes = Buffer.from(JSON.stringify(animation));
    const manifest = JSON.parse(readFileSync(new URL("manifest.json", dir), "utf8"));
    const entry = manifest.assets.find((a) => a.path === "animation.json");
    entry.size = bytes.length;
    entry.sha256 = createHash("sha256").update(bytes).digest("hex");
    const served = [];
    const route = (r) => {
      const file = new URL(r.request().url()).pathname.split("/templates/greeting/")[1];
      served.push(file);
      if (file === "manifest.json") return r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(manifest) });
      if (file === "animation.json") return r.fulfill({ status: 200, contentType: "application/json", body: bytes });
      return r.continue();
    };
    const { context, page, record } = await boot("greeting", route);
    assert.deepEqual(wasmRequests(record), { lite: 1, full: 1 });
    // The lite player read the animation before it gave up.
    assert.ok(served.filter((f) => f === "animation.json").length >= 1, served.join());
    await postToPlayer(page, env, "p", INIT);
    await waitForRaw(page, "p", "PERCUS/RENDERED");
    assert.equal((await sent(page, "PERCUS/READY")).length, 1);
    assert.deepEqual(await sent(page, "PERCUS/ERROR"), []);
    // The shadow (green) is drawn: the plain greeting, at the same frame in
    // a player of its own, has no green.
    const plain = await boot("greeting");
    await postToPlayer(plain.page, env, "p", INIT);
    await waitForRaw(plain.page, "p", "PERCUS/RENDERED");
    const [shadowed, unshadowed] = [await greens(page), await greens(plain.page)];
    assert.ok(shadowed > unshadowed + 100, `green pixels: ${shadowed} with the shadow, ${unshadowed} without`);
    await plain.context.close();
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});
