// The player page's two builds (player/src/lib.rs `FULL`, player/js/player-boot.js):
// the page runs the build the manifest's `player` hint names; without a
// hint the lite player runs first, and a template it cannot draw or read
// makes the page load the full one. The host sees nothing of the switch
// (one READY, no ERROR, the same events), and no template file is fetched
// twice. A .lottie made into a package by percus-import, and accepted by
// percus-check, plays in the build its hint names, each theme drawn.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addBarePlayers, instancesOf, postToPlayer, recordedPage, sharedEnv, waitForRaw } from "./harness.mjs";

const env = sharedEnv();
const TEMPLATES = new URL("../www/templates/", import.meta.url);

const wasmRequests = (record) => ({
  lite: record.requests.filter((r) => r.url.endsWith("/pkg/player/player_bg.wasm")).length,
  full: record.requests.filter((r) => r.url.endsWith("/pkg/player-full/player_bg.wasm")).length,
});

/**
 * Runs in every frame before its scripts: records which wasm modules are
 * instantiated (the build's folder: "player" or "player-full").
 */
function countInstances() {
  window.__instances = [];
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, ...rest) => {
    const response = await source;
    window.__instances.push(new URL(response.url).pathname.split("/").at(-2));
    return streaming(response, ...rest);
  };
}

const instantiated = (page) => page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/player.html`)).evaluate(() => window.__instances);

/** How often each file of `template`'s package was requested. */
const templateRequests = (record, template) => {
  const counts = {};
  for (const { url } of record.requests) {
    const file = url.split(`/templates/${template}/`)[1];
    if (file) counts[file] = (counts[file] || 0) + 1;
  }
  return counts;
};

/** A bare player of `template`; resolves once it said READY, with what it sent. */
async function boot(template, route) {
  const { context, page, record } = await recordedPage(env);
  await context.addInitScript(countInstances);
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

/** Every file of `template` was fetched at most once, the manifest once; READY once, no ERROR, no page error. */
async function assertOneFetchEachAndReady(page, record, template) {
  const files = templateRequests(record, template);
  assert.equal(files["manifest.json"], 1, JSON.stringify(files));
  assert.deepEqual(Object.entries(files).filter(([, n]) => n > 1), [], JSON.stringify(files));
  assert.equal((await sent(page, "PERCUS/READY")).length, 1);
  assert.deepEqual(await sent(page, "PERCUS/ERROR"), []);
  assert.deepEqual(record.pageErrors, []);
}

describe("lite and full player", () => {
  for (const [template, full] of [
    ["greeting", false],
    ["balance", false],
    ["badge", false],
    ["footage", true], // a background video
    ["member", true], // a viewer's photo, colours, a choice
  ]) {
    test(`${template} runs the ${full ? "full" : "lite"} player its hint names, fetches each file once and says READY once`, async () => {
      const { context, page, record } = await boot(template);
      await page.waitForTimeout(300); // anything more it would send
      // The lite player's wasm is preloaded with the page, before the hint is known.
      assert.deepEqual(wasmRequests(record), { lite: 1, full: full ? 1 : 0 });
      assert.deepEqual(await instantiated(page), [full ? "player-full" : "player"]);
      await assertOneFetchEachAndReady(page, record, template);
      await context.close();
    });
  }

  for (const [template, hint] of [
    ["member", null], // no hint: the lite player reads the manifest, hands over
    ["footage", "lite"], // a wrong hint: the same
  ]) {
    test(`${template} with ${hint ? `the wrong hint "${hint}"` : "no hint"} still gets the full player, and each file once`, async () => {
      const manifest = JSON.parse(readFileSync(new URL(`${template}/manifest.json`, TEMPLATES), "utf8"));
      if (hint) manifest.player = hint;
      else delete manifest.player;
      const route = (r) =>
        r.request().url().endsWith("/manifest.json")
          ? r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(manifest) })
          : r.continue();
      const { context, page, record } = await boot(template, route);
      await page.waitForTimeout(300);
      assert.deepEqual(await instantiated(page), ["player", "player-full"]);
      await assertOneFetchEachAndReady(page, record, template);
      await context.close();
    });
  }

  test("the template's files are fetched while the wasm downloads, not after it", async () => {
    // The lite wasm is held until every file the player needs before READY
    // has been asked for: the page starts those requests itself, after the
    // manifest (player-boot.js). A page that left them to the player would
    // ask for none of them while its wasm is held, and fail here.
    const manifest = JSON.parse(readFileSync(new URL("greeting/manifest.json", TEMPLATES), "utf8"));
    const wanted = manifest.assets.map((a) => a.path).filter((p) => !p.endsWith(".txt"));
    assert.deepEqual(wanted.sort(), ["animation.json", "captions.vtt", "fonts/DejaVuSans-Bold.woff"]);
    const { context, page, record } = await recordedPage(env);
    const asked = () => wanted.every((file) => record.requests.some((r) => r.url.endsWith(`/templates/greeting/${file}`)));
    let askedWhileHeld = null;
    await context.route(`${env.playerOrigin}/pkg/player/player_bg.wasm`, async (route) => {
      const until = Date.now() + 5000;
      while (!asked() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      askedWhileHeld ??= asked();
      await route.continue();
    });
    await page.goto(`${env.hostOrigin}/test/host.html`);
    await addBarePlayers(page, env, [{ name: "p", host: env.hostOrigin, template: "greeting" }]);
    await waitForRaw(page, "p", "PERCUS/READY", 20000);
    assert.equal(askedWhileHeld, true, JSON.stringify(templateRequests(record, "greeting")));
    await assertOneFetchEachAndReady(page, record, "greeting");
    // License texts are not the player's: not fetched.
    assert.equal(templateRequests(record, "greeting")["fonts/LICENSE.txt"], undefined);
    await context.close();
  });

  test("a file the page failed to fetch ahead is fetched by the player", async () => {
    let failed = 0;
    const route = (r) => (r.request().url().endsWith("/animation.json") && failed++ === 0 ? r.abort() : r.continue());
    const { context, page, record } = await boot("greeting", route);
    assert.equal(templateRequests(record, "greeting")["animation.json"], 2);
    await postToPlayer(page, env, "p", INIT);
    await waitForRaw(page, "p", "PERCUS/RENDERED");
    assert.deepEqual(await sent(page, "PERCUS/ERROR"), []);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

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
    assert.deepEqual(await instantiated(page), ["player", "player-full"]);
    // The lite player read the animation before it gave up, and handed its
    // bytes over: fetched once.
    assert.equal(served.filter((f) => f === "animation.json").length, 1, served.join());
    assert.equal(served.filter((f) => f === "manifest.json").length, 1, served.join());
    await postToPlayer(page, env, "p", INIT);
    await waitForRaw(page, "p", "PERCUS/RENDERED");
    assert.equal((await sent(page, "PERCUS/READY")).length, 1);
    assert.deepEqual(await sent(page, "PERCUS/ERROR"), []);
    // The lite module let go of its instance (player-boot.js `release`):
    // after a GC one wasm instance and one memory are left, the full one's.
    const player = page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/player.html`));
    assert.equal(await instancesOf(context, player, "WebAssembly.Instance"), 1, "wasm instances after the handover");
    assert.equal(await instancesOf(context, player, "WebAssembly.Memory"), 1, "wasm memories after the handover");
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

  test("an animation with an expression goes to the full player, which runs it", async () => {
    // The greeting with a green square on top whose opacity is 0 in the
    // file and 100 by its expression (the Rig layer's opacity): green shows
    // only where the expression ran. The lite player has no engine and
    // hands over after reading the animation.
    const dir = new URL("greeting/", TEMPLATES);
    const animation = JSON.parse(readFileSync(new URL("animation.json", dir), "utf8"));
    const fixed = (k) => ({ a: 0, k });
    animation.layers.unshift({
      ty: 1, nm: "Scripted", ind: 99, ip: 0, op: animation.op, st: 0, sc: "#00ff00", sw: 60, sh: 60,
      ks: {
        o: { a: 0, k: 0, x: "var $bm_rt;\n$bm_rt = thisComp.layer('Rig').transform.opacity;" },
        p: fixed([20, 20, 0]), a: fixed([0, 0, 0]), s: fixed([100, 100, 100]), r: fixed(0),
      },
    });
    const bytes = Buffer.from(JSON.stringify(animation));
    const manifest = JSON.parse(readFileSync(new URL("manifest.json", dir), "utf8"));
    delete manifest.player;
    const entry = manifest.assets.find((a) => a.path === "animation.json");
    entry.size = bytes.length;
    entry.sha256 = createHash("sha256").update(bytes).digest("hex");
    const route = (r) => {
      const file = new URL(r.request().url()).pathname.split("/templates/greeting/")[1];
      if (file === "manifest.json") return r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(manifest) });
      if (file === "animation.json") return r.fulfill({ status: 200, contentType: "application/json", body: bytes });
      return r.continue();
    };
    const { context, page, record } = await boot("greeting", route);
    assert.deepEqual(await instantiated(page), ["player", "player-full"]);
    await postToPlayer(page, env, "p", INIT);
    await waitForRaw(page, "p", "PERCUS/RENDERED");
    assert.deepEqual(await sent(page, "PERCUS/ERROR"), []);
    // 60 x 60 composition pixels of green, scaled to the canvas.
    const green = await greens(page);
    assert.ok(green > 500, `green pixels where the expression sets the opacity: ${green}`);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a .lottie imported by percus-import passes percus-check and plays each theme", async () => {
    const root = new URL("..", import.meta.url).pathname;
    const dir = mkdtempSync(join(tmpdir(), "percus-import-"));
    const cargo = (bin, ...args) => execFileSync("cargo", ["run", "-q", "-p", "player", "--bin", bin, "--", ...args], { cwd: root, encoding: "utf8" });
    cargo("percus-import", join(root, "player/tests/dotlottie/v2-bouncy-ball.lottie"), dir);
    // Exits non-zero (and throws) when a player would refuse the package.
    assert.match(cargo("percus-check", dir), /manifest and bindings: ok/);
    const route = (r) => {
      const file = new URL(r.request().url()).pathname.split("/templates/imported/")[1];
      let body;
      try {
        body = readFileSync(join(dir, file));
      } catch {
        return r.fulfill({ status: 404, body: "" });
      }
      return r.fulfill({ status: 200, contentType: file.endsWith(".json") ? "application/json" : "application/octet-stream", body });
    };
    /** Pixels of the ball in the dark theme's #1a1a1f and the light one's #ffcc33. */
    const ball = (page) =>
      page
        .frames()
        .find((f) => f.url().startsWith(`${env.playerOrigin}/player.html`))
        .evaluate(() => {
          const canvas = document.getElementById("stage");
          const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          let dark = 0;
          let light = 0;
          for (let i = 0; i < data.length; i += 4) {
            const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
            if (a > 200 && Math.abs(r - 26) < 6 && Math.abs(g - 26) < 6 && Math.abs(b - 31) < 6) dark++;
            if (a > 200 && r > 245 && Math.abs(g - 204) < 6 && b < 60) light++;
          }
          return { dark, light };
        });
    for (const theme of ["dark", "light"]) {
      const { context, page, record } = await boot("imported", route);
      // The hint percus-import wrote: slot bindings are the full player's.
      assert.deepEqual(await instantiated(page), ["player-full"]);
      await postToPlayer(page, env, "p", { type: "PERCUS/INIT", protocol: 1, data: { theme }, autoplay: false, poster: 0 });
      await waitForRaw(page, "p", "PERCUS/RENDERED");
      const pixels = await ball(page);
      const [mine, other] = theme === "dark" ? [pixels.dark, pixels.light] : [pixels.light, pixels.dark];
      assert.ok(mine > 100 && other === 0, `${theme}: ${JSON.stringify(pixels)}`);
      await assertOneFetchEachAndReady(page, record, "imported");
      await context.close();
    }
  });
});
