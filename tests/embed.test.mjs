// The embed SDK on a host page, in headless Chromium, host and player on two
// origins (localhost and 127.0.0.1): the version 2 handshake (the data goes
// only on the MessageChannel port, after CONNECTED), playback commands and
// events, several embeds on a page, and the hostile cases of the handshake,
// each ending in an ignored message or an error event, with the canary data
// never reaching a window other than the real player's.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { addBarePlayers, embedHelpers, inJsHeap, postToPlayer, recordedPage, sharedEnv, waitForRaw } from "./harness.mjs";

const CANARY = "Zq7Canary";

const env = sharedEnv();

/**
 * Runs in every frame before its scripts: logs each window message (type,
 * number of ports, whether it holds the canary) and each message on a
 * started MessagePort, so that a test can see what reached which window.
 */
function spy(canary) {
  window.__windowLog = [];
  window.__portLog = [];
  window.__channels = 0;
  const summary = (e) => {
    let text = "";
    try {
      text = JSON.stringify(e.data) || "";
    } catch {
      text = String(e.data);
    }
    return { type: e.data?.type, ports: e.ports?.length || 0, canary: text.includes(canary) };
  };
  addEventListener("message", (e) => window.__windowLog.push(summary(e)), true);
  const start = MessagePort.prototype.start;
  MessagePort.prototype.start = function () {
    this.addEventListener("message", (e) => window.__portLog.push(summary(e)));
    return start.call(this);
  };
  const Channel = MessageChannel;
  window.MessageChannel = function () {
    window.__channels++;
    return new Channel();
  };
}

/** An empty customer page (tests/pages/host.html, with the demo host's CSP) in a spied context. */
async function spiedPage(contextOptions) {
  const recorded = await recordedPage(env, contextOptions);
  await recorded.context.addInitScript(spy, CANARY);
  await recorded.page.goto(`${env.hostOrigin}/test/host.html`);
  return recorded;
}

const { mount, waitFor, events, call, playerFrame } = embedHelpers(env);

/**
 * A page served by the test at `origin` + `path` (any query or fragment):
 * `script` runs in it, inline (no CSP unless `headers` set one).
 */
async function fakePage(context, origin, path, script, headers = {}) {
  await context.route(
    (url) => url.origin === origin && url.pathname === path,
    (route) =>
      route.fulfill({
        contentType: "text/html",
        headers,
        body: `<!doctype html><title>fake</title>${script ? `<script>${script}</script>` : ""}`,
      }),
  );
}

describe("handshake", () => {
  test("the data goes only on the port, after CONNECTED; the window carries LOADING, READY and CONNECT only", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "greeting", data: { first_name: CANARY } });
    const ready = await waitFor(page, "a", "ready");
    assert.equal(ready.duration, 4, "READY tells the length: 120 frames at 30 fps");
    await waitFor(page, "a", "rendered");

    const player = playerFrame(page);
    const playerWindow = await player.evaluate(() => window.__windowLog);
    assert.deepEqual(playerWindow, [{ type: "PERCUS/CONNECT", ports: 1, canary: false }]);
    const playerPort = await player.evaluate(() => window.__portLog);
    assert.deepEqual(playerPort.map((m) => m.type), ["PERCUS/INIT"]);
    assert.equal(playerPort[0].canary, true, "INIT on the port holds the data");

    const hostWindow = await page.evaluate(() => window.__windowLog.filter((m) => m.type?.startsWith("PERCUS/")));
    assert.deepEqual(hostWindow, [
      { type: "PERCUS/LOADING", ports: 0, canary: false },
      { type: "PERCUS/READY", ports: 0, canary: false },
    ]);
    const hostPort = await page.evaluate(() => window.__portLog.map((m) => m.type));
    assert.equal(hostPort[0], "PERCUS/CONNECTED");
    assert.ok(hostPort.includes("PERCUS/RENDERED"), hostPort.join());
    for (const line of record.console) assert.ok(!line.includes(CANARY), line);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a forged READY from a sibling frame, a frame of the player's origin or an opaque (null) origin gets nothing", async () => {
    const { context, page, record } = await spiedPage();
    const forge = `parent.postMessage({ type: "PERCUS/READY", protocol: 1, versions: [1, 2] }, "*");
      setInterval(() => parent.postMessage({ type: "PERCUS/READY", protocol: 1, versions: [1, 2] }, "*"), 50);`;
    await fakePage(context, env.playerOrigin, "/forger.html", forge);
    await fakePage(context, env.hostOrigin, "/forger.html", forge);
    await page.evaluate((urls) => {
      for (const [name, src, sandbox] of urls) {
        const frame = document.createElement("iframe");
        frame.name = name;
        if (sandbox) frame.sandbox = sandbox; // an opaque origin: "null"
        frame.src = src;
        document.body.append(frame);
      }
    }, [
      ["same-origin-as-player", `${env.playerOrigin}/forger.html`],
      ["sibling", `${env.hostOrigin}/forger.html`],
      ["null-origin", `${env.playerOrigin}/forger.html`, "allow-scripts"],
    ]);
    await mount(page, "a", { template: "greeting", data: { first_name: CANARY } });
    await waitFor(page, "a", "rendered");
    await page.waitForTimeout(300);
    for (const name of ["same-origin-as-player", "sibling", "null-origin"]) {
      const got = await page.frame({ name }).evaluate(() => [...window.__windowLog, ...window.__portLog]);
      assert.deepEqual(got, [], `${name} received nothing`);
    }
    assert.equal(await page.evaluate(() => window.__channels), 1, "one channel, for the real player");
    assert.equal((await events(page, "a")).filter((e) => e === "ready").length, 1);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a player iframe navigated to another origin before INIT never gets the data", async () => {
    const { context, page, record } = await spiedPage();
    await fakePage(
      context,
      env.hostOrigin,
      "/evil.html",
      `parent.postMessage({ type: "PERCUS/READY", protocol: 1, versions: [1, 2] }, "*");`,
    );
    // The template is slow to come, so the player page loads (first load
    // event) and is navigated away before its READY.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await context.route(`${env.playerOrigin}/templates/greeting/manifest.json`, async (route) => {
      await held;
      await route.continue().catch(() => {}); // the page that asked is gone
    });
    await mount(page, "a", { template: "greeting", data: { first_name: CANARY } });
    const iframe = await page.$("#a iframe");
    let player;
    while (!(player = playerFrame(page))) await page.waitForTimeout(20);
    await player.waitForLoadState("load");
    await page.waitForTimeout(100);
    await page.evaluate((src) => (document.querySelector("#a iframe").src = src), `${env.hostOrigin}/evil.html`);
    const error = await waitFor(page, "a", "error");
    assert.equal(error.code, "player-navigated");
    release();
    const frame = await iframe.contentFrame();
    assert.deepEqual(await frame.evaluate(() => [...window.__windowLog, ...window.__portLog]), []);
    await page.waitForTimeout(300);
    assert.deepEqual(await events(page, "a"), ["error"], "nothing after the error");
    assert.equal(await page.evaluate(() => window.__channels), 0);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a player that says LOADING but never READY gives player-timeout with a message, and the data is dropped", async () => {
    const { context, page, record } = await spiedPage();
    await fakePage(context, env.playerOrigin, "/slow.html", `parent.postMessage({ type: "PERCUS/LOADING", protocol: 2 }, "*");`);
    // Longer than the SDK's grace after the load event (1 s): LOADING alone
    // keeps player-unavailable away.
    await mount(page, "a", { player: `${env.playerOrigin}/slow.html`, template: "greeting", data: { first_name: CANARY }, timeout: 2500 });
    const error = await waitFor(page, "a", "error");
    assert.equal(error.code, "player-timeout");
    assert.ok(error.message.includes(`${env.playerOrigin}/slow.html`), error.message);
    assert.match(error.message, /options\.timeout/);
    assert.ok(!JSON.stringify(error).includes(CANARY));
    assert.deepEqual(await events(page, "a"), ["error"]);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a page that loads but never says LOADING gives player-unavailable at once; a forged LOADING does not count", async () => {
    const { context, page, record } = await spiedPage();
    await fakePage(context, env.playerOrigin, "/silent.html", "");
    // Another frame of the player's origin says LOADING to the host, again
    // and again: only the embed's own iframe counts.
    await fakePage(
      context,
      env.playerOrigin,
      "/forger.html",
      `setInterval(() => parent.postMessage({ type: "PERCUS/LOADING", protocol: 2 }, "*"), 20);`,
    );
    await page.evaluate((src) => {
      const frame = document.createElement("iframe");
      frame.src = src;
      document.body.append(frame);
    }, `${env.playerOrigin}/forger.html`);
    await page.waitForFunction(() => window.__windowLog.some((m) => m.type === "PERCUS/LOADING"));
    // The timeout is far off: only the missing LOADING can explain an error.
    await mount(page, "a", { player: `${env.playerOrigin}/silent.html`, template: "greeting", data: { first_name: CANARY }, timeout: 60000 });
    const error = await waitFor(page, "a", "error");
    assert.equal(error.code, "player-unavailable");
    assert.ok(error.message.includes(`${env.playerOrigin}/silent.html`), error.message);
    assert.ok(error.message.includes(env.hostOrigin), error.message);
    assert.match(error.message, /frame-ancestors/);
    assert.ok(!JSON.stringify(error).includes(CANARY));
    assert.deepEqual(await events(page, "a"), ["error"]);
    assert.equal(await page.evaluate(() => window.__channels), 0, "no port was made");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a player that fails before READY gives its own error only, not a player-timeout after it", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "nope", data: { first_name: CANARY }, timeout: 1500 });
    const error = await waitFor(page, "a", "error");
    assert.equal(error.code, "template-not-found");
    await page.waitForTimeout(2500); // past the timeout, counted from the load event
    assert.deepEqual(await events(page, "a"), ["error"]);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("an old SDK (protocol 1: INIT on the window after READY) still works with this player", async () => {
    const { context, page, record } = await spiedPage();
    await addBarePlayers(page, env, [{ name: "player", host: env.hostOrigin }]);
    await waitForRaw(page, "player", "PERCUS/READY");
    const ready = await page.evaluate(() => window.__raw.find((m) => m.type === "PERCUS/READY"));
    assert.deepEqual(ready, { from: "player", type: "PERCUS/READY", protocol: 1, versions: [1, 2] });
    await postToPlayer(page, env, "player", { type: "PERCUS/INIT", protocol: 1, data: { first_name: "Jo" } });
    await waitForRaw(page, "player", "PERCUS/RENDERED");
    // Version 1 has no playback commands: they are answered, not obeyed.
    await postToPlayer(page, env, "player", { type: "PERCUS/PAUSE", protocol: 1 });
    await page.waitForFunction(() => window.__raw.some((m) => m.type === "PERCUS/ERROR"));
    assert.equal(await page.evaluate(() => window.__raw.find((m) => m.type === "PERCUS/ERROR").code), "unknown-message");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("an old player (protocol 1 only) gets no data: protocol-version", async () => {
    const { context, page, record } = await spiedPage();
    await fakePage(context, env.playerOrigin, "/old.html", `parent.postMessage({ type: "PERCUS/READY", protocol: 1 }, "*");`);
    await mount(page, "a", { player: `${env.playerOrigin}/old.html`, template: "greeting", data: { first_name: CANARY } });
    const error = await waitFor(page, "a", "error");
    assert.equal(error.code, "protocol-version");
    await page.waitForTimeout(200);
    const frame = page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/old.html`));
    assert.deepEqual(await frame.evaluate(() => [...window.__windowLog, ...window.__portLog]), []);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("destroy right after mount, or between READY and CONNECTED, sends nothing and throws nothing", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "early", { template: "greeting", data: { first_name: CANARY } });
    await call(page, "early", "destroy");
    // The next one is destroyed by a host listener that sees READY before
    // the SDK's own listener does.
    await page.evaluate((playerOrigin) => {
      addEventListener("message", (e) => {
        if (e.origin === playerOrigin && e.data?.type === "PERCUS/READY") window.__embeds.mid?.destroy();
      });
    }, env.playerOrigin);
    await mount(page, "mid", { template: "greeting", data: { first_name: CANARY } });
    await page.waitForFunction(() => window.__windowLog.some((m) => m.type === "PERCUS/READY"));
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => document.querySelectorAll("iframe").length), 0, "both iframes are gone");
    assert.equal(await page.evaluate(() => window.__channels), 0, "no port was ever made");
    assert.deepEqual(await events(page, "early"), []);
    assert.deepEqual(await events(page, "mid"), []);
    for (const method of ["play", "pause", "destroy"]) await call(page, "mid", method);
    await call(page, "mid", "seek", 1);
    await call(page, "mid", "update", { first_name: CANARY });
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("strict host pages", () => {
  test("a CSP without 'wasm-unsafe-eval' makes mount() reject with wasm-blocked, naming the directive", async () => {
    const { context, page } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/strict-host.html`);
    await page.waitForFunction(() => window.__result, null, { timeout: 15000 });
    const result = await page.evaluate(() => window.__result);
    assert.equal(result.name, "PercusError");
    assert.equal(result.code, "wasm-blocked");
    assert.match(result.message, /'wasm-unsafe-eval'/);
    assert.match(result.message, /script-src/);
    assert.equal(await page.evaluate(() => document.querySelectorAll("iframe").length), 0);
    await context.close();
  });

  test("the same page served with 'wasm-unsafe-eval' plays (the control)", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    // host.html has the demo host's CSP, which allows the SDK's wasm.
    await page.addScriptTag({ url: "/test/strict-host.js", type: "module" });
    await page.waitForFunction(() => window.__result, null, { timeout: 15000 });
    assert.deepEqual(await page.evaluate(() => window.__result), { rendered: true });
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("without the SDK", () => {
  test("the README's plain postMessage example (for pages that cannot run wasm) plays the video", async () => {
    const readme = readFileSync(new URL("../embed-sdk/README.md", import.meta.url), "utf8");
    const code = readme.split("```js").at(-1).split("```")[0].replaceAll("https://player.percus.example", env.playerOrigin);
    const { context, page, record } = await spiedPage();
    await page.evaluate(code);
    let player;
    while (!(player = playerFrame(page))) await page.waitForTimeout(20);
    await player.waitForFunction(() => window.__portLog.some((m) => m.type === "PERCUS/INIT"), null, { timeout: 15000 });
    await player.waitForFunction(() => {
      const stage = document.getElementById("stage");
      return stage.getContext("2d").getImageData(0, 0, stage.width, stage.height).data.some((v) => v !== 0);
    });
    assert.deepEqual(await player.evaluate(() => window.__windowLog.map((m) => m.type)), ["PERCUS/CONNECT"]);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("lifetime", () => {
  test("a host that drops its handle still gets the events (the embed lives until destroy)", async () => {
    const { context, page, record } = await spiedPage();
    await page.evaluate(async ({ playerOrigin }) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      window.__log = { a: [] };
      const holder = document.createElement("div");
      holder.style.width = "480px";
      document.body.append(holder);
      // The handle is not kept anywhere past this function.
      const embed = await mount(holder, { player: `${playerOrigin}/player.html`, template: "greeting", data: { first_name: "Ann" } });
      embed.on("rendered", (d) => window.__log.a.push({ event: "rendered", ...d }));
    }, { playerOrigin: env.playerOrigin });
    const cdp = await context.newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    await waitFor(page, "a", "rendered");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("the data's lifetime on the host page", () => {
  test("after INIT, the SDK keeps no reference to the data: the canary is not in the host's heap", async () => {
    const { context, page, record } = await spiedPage();
    // The canary is made in the page and not kept by it: only the SDK
    // could hold it. A second embed's data is kept by the page, to show
    // that the snapshot would find it.
    const [dropped, kept] = await page.evaluate(async ({ playerOrigin }) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      const made = (tag) => ["Zq7", tag, String(Math.random()).slice(2, 10)].join("");
      window.__log = { a: [], b: [] };
      const names = [];
      for (const name of ["a", "b"]) {
        const first_name = made(name === "a" ? "Dropped" : "Kept");
        const data = { first_name: first_name.slice(0, 25) };
        if (name === "b") window.__keep = data;
        names.push(data.first_name);
        const holder = document.createElement("div");
        holder.style.width = "320px";
        document.body.append(holder);
        const embed = await mount(holder, { player: `${playerOrigin}/player.html`, template: "greeting", data });
        embed.on("rendered", (d) => window.__log[name].push({ event: "rendered", ...d }));
      }
      return names;
    }, { playerOrigin: env.playerOrigin });
    await waitFor(page, "a", "rendered");
    await waitFor(page, "b", "rendered");
    assert.equal(await inJsHeap(context, page, kept), true, "the snapshot finds data the page keeps");
    assert.equal(await inJsHeap(context, page, dropped), false, "the SDK dropped the data it sent");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("hostile payloads", () => {
  test("prototype-polluting and oversized data: only declared own fields are read, nothing is polluted", async () => {
    const { context, page, record } = await spiedPage();
    await page.evaluate(() => {
      window.__polluting = JSON.parse(
        '{"__proto__": {"first_name": "Zq7Canary", "polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "first_name": "Jo"}',
      );
    });
    await page.evaluate(async ({ playerOrigin }) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      window.__log = { a: [], b: [] };
      for (const [name, data] of [
        ["a", window.__polluting],
        ["b", { first_name: "Zq7Canary".repeat(1_000_000) }],
      ]) {
        const holder = document.createElement("div");
        holder.id = name;
        holder.style.width = "480px";
        document.body.append(holder);
        const embed = await mount(holder, { player: `${playerOrigin}/player.html`, template: "greeting", data });
        for (const event of ["rendered", "error"]) embed.on(event, (d) => window.__log[name].push({ event, ...d }));
      }
    }, { playerOrigin: env.playerOrigin });
    await waitFor(page, "a", "rendered");
    const error = await waitFor(page, "b", "error");
    assert.deepEqual({ code: error.code, field: error.field }, { code: "too-long", field: "first_name" });
    assert.ok(!JSON.stringify(await page.evaluate(() => window.__log)).includes(CANARY));
    for (const frame of page.frames()) {
      assert.equal(await frame.evaluate(() => ({}).polluted), undefined, `Object.prototype is clean in ${frame.url()}`);
    }
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("malformed messages on the port reach the host's callbacks only as sanitized details", async () => {
    const { context, page, record } = await spiedPage();
    // A player at the right origin that completes the handshake, then sends junk.
    await fakePage(
      context,
      env.playerOrigin,
      "/junk.html",
      `addEventListener("message", (e) => {
        const port = e.ports[0];
        if (e.data?.type !== "PERCUS/CONNECT" || !port) return;
        port.onmessage = (m) => {
          if (m.data?.type !== "PERCUS/INIT") return;
          for (const junk of [null, 42, "PERCUS/ERROR", [1], { type: 5 }, { type: "__proto__" },
            { type: "PERCUS/CONNECTED" },
            { type: "PERCUS/ERROR", code: { toString: "x" }, field: 7, problems: "x", extra: "${CANARY}" },
            { type: "PERCUS/TIMEUPDATE", time: "1", duration: "${CANARY}", constructor: { prototype: { polluted: 1 } } },
            { type: "PERCUS/ERROR", code: "x".repeat(5000000) },
            JSON.parse('{"type": "PERCUS/PLAY", "__proto__": {"polluted": 1}}')]) port.postMessage(junk);
        };
        port.postMessage({ type: "PERCUS/CONNECTED", protocol: 2, duration: 1 });
      });
      parent.postMessage({ type: "PERCUS/READY", protocol: 1, versions: [1, 2] }, "*");`,
    );
    await mount(page, "a", { player: `${env.playerOrigin}/junk.html`, template: "greeting", data: { first_name: CANARY } });
    await waitFor(page, "a", "play");
    const log = await page.evaluate(() => window.__log.a);
    assert.deepEqual(log.map((e) => e.event), ["ready", "error", "timeupdate", "error", "play"]);
    assert.deepEqual(log[1], { event: "error", type: "PERCUS/ERROR" }, "no code, field or problems of the wrong type");
    assert.deepEqual(log[2], { event: "timeupdate", type: "PERCUS/TIMEUPDATE" });
    assert.equal(log[3].code.length, 5000000);
    assert.ok(!JSON.stringify(log).includes(CANARY));
    assert.equal(await page.evaluate(() => ({}).polluted), undefined);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("playback", () => {
  test("two embeds are independent: pause, seek and play one while the other plays on", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "greeting", data: { first_name: "Ann" } });
    await mount(page, "b", { template: "balance", data: { first_name: "Bo", saving: 5 } });
    await waitFor(page, "a", "rendered");
    await waitFor(page, "b", "rendered");
    assert.deepEqual((await events(page, "a")).slice(0, 3), ["ready", "play", "rendered"]);

    await call(page, "a", "pause");
    await waitFor(page, "a", "pause");
    await call(page, "a", "seek", 1.5);
    await page.waitForFunction(() => window.__log.a.some((e) => e.event === "timeupdate" && e.time === 1.5));
    const bBefore = (await page.evaluate(() => window.__log.b.filter((e) => e.event === "timeupdate"))).length;
    await page.waitForTimeout(800);
    const a = await page.evaluate(() => window.__log.a.filter((e) => e.event === "timeupdate").at(-1));
    assert.equal(a.time, 1.5, "a stays where it was put");
    const bAfter = await page.evaluate(() => window.__log.b.filter((e) => e.event === "timeupdate"));
    assert.ok(bAfter.length >= bBefore + 2, "b keeps playing");
    assert.ok(bAfter.every((e) => e.duration === 5));

    await call(page, "a", "play");
    await waitFor(page, "a", "play", 2);
    const resumed = await waitFor(page, "a", "timeupdate", (await events(page, "a")).filter((e) => e === "timeupdate").length + 1);
    assert.ok(resumed.time >= 1.5 && resumed.time < 3, `resumed from 1.5 s: ${resumed.time}`);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("without loop, the video ends, and play starts it over; autoplay off shows the poster frame", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "greeting", data: { first_name: "Ann" }, loop: false, autoplay: false, poster: 3.5 });
    await waitFor(page, "a", "rendered");
    await page.waitForTimeout(300);
    assert.deepEqual(await events(page, "a"), ["ready", "rendered"], "not playing");
    await call(page, "a", "play");
    const ended = await waitFor(page, "a", "ended", 1, 5000);
    assert.equal(ended.type, "PERCUS/ENDED");
    const last = await page.evaluate(() => window.__log.a.filter((e) => e.event === "timeupdate").at(-1));
    assert.ok(Math.abs(last.time - 119 / 30) < 1e-9, `stopped on the last frame: ${last.time}`);
    await call(page, "a", "play");
    await waitFor(page, "a", "play", 2);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a segment plays only its marker's frames; an unknown one is reported and the whole video plays", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "greeting", data: { first_name: "Ann" }, segment: "hello", speed: 2, loop: false });
    await mount(page, "b", { template: "greeting", data: { first_name: "Bo" }, segment: "nope" });
    const ended = await waitFor(page, "a", "ended", 1, 10000);
    assert.equal(ended.type, "PERCUS/ENDED");
    const times = await page.evaluate(() => window.__log.a.filter((e) => e.event === "timeupdate"));
    assert.ok(times.every((t) => t.duration === 2.5), "the marker is 75 frames: 2.5 s");
    assert.ok(Math.abs(times.at(-1).time - 74 / 30) < 1e-9, `ends on the marker's last frame: ${times.at(-1).time}`);
    const error = await waitFor(page, "b", "error");
    assert.equal(error.code, "unknown-segment");
    const b = await waitFor(page, "b", "timeupdate");
    assert.equal(b.duration, 4, "the whole animation");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("with reduced motion asked for, the poster frame and the play button show instead of autoplay", async () => {
    const { context, page, record } = await spiedPage({ reducedMotion: "reduce" });
    await mount(page, "a", { template: "greeting", data: { first_name: "Ann" } });
    await waitFor(page, "a", "rendered");
    await page.waitForTimeout(500);
    assert.deepEqual(await events(page, "a"), ["ready", "rendered"], "no autoplay");
    const button = playerFrame(page).locator("#toggle");
    assert.equal(await button.isVisible(), true);
    assert.equal(await button.textContent(), "Play");
    await button.click();
    await waitFor(page, "a", "play");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("scrolled off screen, the player draws nothing and its clock holds; back on screen it goes on", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "greeting", data: { first_name: "Ann" } });
    await waitFor(page, "a", "timeupdate", 2);
    await page.evaluate(() => {
      const spacer = document.createElement("div");
      spacer.style.height = "5000px";
      document.body.append(spacer);
      window.scrollTo(0, 4000);
    });
    await page.waitForTimeout(300); // the observer's callback, and a frame already asked for
    const count = () => page.evaluate(() => window.__log.a.filter((e) => e.event === "timeupdate").length);
    const before = await count();
    const held = await page.evaluate(() => window.__log.a.filter((e) => e.event === "timeupdate").at(-1).time);
    await page.waitForTimeout(1500);
    assert.equal(await count(), before, "no frames off screen");
    await page.evaluate(() => window.scrollTo(0, 0));
    const resumed = await waitFor(page, "a", "timeupdate", before + 1);
    const gap = (resumed.time - held + 4) % 4; // the greeting loops every 4 s
    assert.ok(gap < 1, `went on from ${held} s, not 1.5 s later: ${resumed.time} s`);
    assert.ok(!(await events(page, "a")).includes("pause"), "holding is not pausing");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("the canvas's accessible name is the template's description, bound, and goes with the data", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "greeting", data: { first_name: CANARY } });
    await waitFor(page, "a", "rendered");
    const player = playerFrame(page);
    const label = () => player.evaluate(() => document.getElementById("stage").getAttribute("aria-label"));
    assert.equal(await label(), `An animated greeting: Hi ${CANARY}! Confetti falls around the words.`);
    await call(page, "a", "update", { first_name: "Bo" });
    await waitFor(page, "a", "rendered", 2);
    assert.equal(await label(), "An animated greeting: Hi Bo! Confetti falls around the words.");
    await call(page, "a", "update", { first_name: 5 });
    await waitFor(page, "a", "error");
    assert.equal(await label(), "Personalized video", "a failed re-bind takes the previous viewer's words away");
    await call(page, "a", "update", { first_name: CANARY });
    await waitFor(page, "a", "rendered", 3);
    await page.evaluate(() => (document.querySelector("#a iframe").remove = () => {}));
    await call(page, "a", "destroy");
    await player.waitForFunction(() => window.__portLog.some((m) => m.type === "PERCUS/DESTROY"));
    assert.equal(await label(), "Personalized video", "and so does DESTROY");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("captions show the cue of the moment with the viewer's data, only when asked for, and go with the data", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "greeting", data: { first_name: CANARY }, captions: true, autoplay: false, poster: 0.5 });
    await mount(page, "b", { template: "greeting", data: { first_name: "Bo" }, autoplay: false });
    await waitFor(page, "a", "rendered");
    await waitFor(page, "b", "rendered");
    const [a, b] = page.frames().filter((f) => f.url().includes("template=greeting"));
    const line = (frame) =>
      frame.evaluate(() => {
        const p = document.getElementById("captions");
        return { text: p.textContent, shown: getComputedStyle(p).display !== "none" };
      });
    assert.deepEqual(await line(a), { text: `Hi ${CANARY}!`, shown: true });
    assert.equal((await line(b)).shown, false, "no captions unless asked for");
    await call(page, "a", "seek", 3);
    await a.waitForFunction(() => document.getElementById("captions").textContent === "Good to see you again.");
    await page.evaluate(() => (document.querySelector("#a iframe").remove = () => {}));
    await call(page, "a", "destroy");
    await a.waitForFunction(() => window.__portLog.some((m) => m.type === "PERCUS/DESTROY"));
    assert.deepEqual(await line(a), { text: "", shown: false });
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("the player's play/pause button works from the keyboard and says what it does", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "greeting", data: { first_name: "Ann" }, controls: true });
    await waitFor(page, "a", "rendered");
    const player = playerFrame(page);
    const button = player.locator("#toggle");
    assert.equal(await button.isVisible(), true);
    assert.equal(await button.textContent(), "Pause");
    await button.focus();
    await page.keyboard.press("Space");
    await waitFor(page, "a", "pause");
    assert.equal(await button.textContent(), "Play");
    await page.keyboard.press("Enter");
    await waitFor(page, "a", "play", 2);
    assert.equal(await button.textContent(), "Pause");

    await mount(page, "b", { template: "greeting", data: { first_name: "Bo" } });
    await waitFor(page, "b", "rendered");
    const hidden = page.frames().filter((f) => f.url().includes("template=greeting")).at(-1);
    assert.equal(await hidden.locator("#toggle").isVisible(), false, "no controls unless asked for");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("update(data) re-binds with new data; destroy wipes the player before removing it", async () => {
    const { context, page, record } = await spiedPage();
    await mount(page, "a", { template: "greeting", data: { first_name: "Ann" } });
    await waitFor(page, "a", "rendered");
    await call(page, "a", "update", { first_name: CANARY });
    await waitFor(page, "a", "rendered", 2);
    await call(page, "a", "update", { first_name: 5 });
    const error = await waitFor(page, "a", "error");
    assert.deepEqual({ code: error.code, field: error.field }, { code: "wrong-type", field: "first_name" });
    await assert.rejects(call(page, "a", "update", "not an object"), /update\(data\) needs an object/);

    const player = playerFrame(page);
    const port = await player.evaluate(() => window.__portLog.map((m) => m.type));
    assert.deepEqual(port, ["PERCUS/INIT", "PERCUS/INIT", "PERCUS/INIT"]);
    // DESTROY reaches the player before the iframe goes.
    await page.evaluate(() => {
      const iframe = document.querySelector("#a iframe");
      iframe.remove = () => {}; // keep it, to look at the player after destroy
    });
    await call(page, "a", "destroy");
    await player.waitForFunction(() => window.__portLog.some((m) => m.type === "PERCUS/DESTROY"));
    const blank = await player.evaluate(() => {
      const stage = document.getElementById("stage");
      return stage.getContext("2d").getImageData(0, 0, stage.width, stage.height).data.every((v) => v === 0);
    });
    assert.equal(blank, true, "the canvas is cleared");
    // The player is deaf from then on: a new INIT on the window is ignored.
    await page.waitForTimeout(200);
    assert.equal((await events(page, "a")).filter((e) => e === "rendered").length, 2);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});
