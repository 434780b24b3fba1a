// The embed SDK's half of interactive templates (issue 23), in headless
// Chromium against a fake player (tests/pages/fake-player.js) that speaks
// the protocol: the player's ACTION, PROGRESS, CHAPTER and REPLAY reach
// on() as details holding only their own fields; ready carries the
// chapters copied by type; events forged on the window by another frame or
// window are ignored; a link action opens in a new tab (no opener, no
// referrer) only when the host allowed its https origin, and otherwise
// opens nothing and says link-refused when the host asked for links;
// playSegment posts SEGMENT on the port. The real player's side is
// tested with it in its own files.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { recordedPage, sharedEnv } from "./harness.mjs";

const CANARY = "Zq7Canary";
const EVENTS = ["ready", "rendered", "play", "pause", "timeupdate", "ended", "error", "action", "progress", "chapter", "replay"];

const env = sharedEnv();

/**
 * A customer page whose own referrer policy would send its full URL
 * (tests/pages/interaction-host.html), with the fake player mounted by the
 * SDK: `options` are mount's, every event is logged in `window.__log`, the
 * embed is `window.__embed`. `before(embed)` runs in the page right after
 * mount (before the handshake). Resolves once `ready` came.
 */
async function mounted(options = {}, before = "") {
  const recorded = await recordedPage(env);
  const { page } = recorded;
  await page.goto(`${env.hostOrigin}/test/interaction-host.html`);
  await page.evaluate(
    async ({ playerOrigin, options, events, before }) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      const holder = document.createElement("div");
      holder.style.width = "480px";
      document.body.append(holder);
      window.__log = [];
      const embed = await mount(holder, { player: `${playerOrigin}/test/fake-player.html`, template: "bill", data: { first_name: "Ann" }, ...options });
      for (const event of events) embed.on(event, (detail) => window.__log.push({ event, ...detail }));
      window.__embed = embed;
      if (before) embed[before[0]](...before.slice(1));
    },
    { playerOrigin: env.playerOrigin, options, events: EVENTS, before },
  );
  await waitForLog(page, "ready");
  const player = page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/test/fake-player.html`));
  await player.waitForFunction(() => window.__received.some((m) => m.type === "PERCUS/INIT"));
  return { ...recorded, player };
}

const log = (page) => page.evaluate(() => window.__log);
/** Waits until `count` events named `event` are in the log (a function: the page's CSP allows no eval). */
const waitForLog = (page, event, count = 1) =>
  page.waitForFunction(({ event, count }) => (window.__log || []).filter((e) => e.event === event).length >= count, { event, count }, { polling: 20, timeout: 10_000 });

/** Clicks the fake player's button, which posts `message` on the port (the viewer's click). */
async function click(player, message) {
  await player.evaluate((message) => (window.__next = message), message);
  await player.click("#act");
}

/** Answers every request to https://bank.example with a page, and records the requests. */
async function bank(context) {
  const requests = [];
  await context.route("https://bank.example/**", (route) => {
    requests.push({ url: route.request().url(), headers: route.request().headers() });
    return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>bank</title>" });
  });
  return requests;
}

describe("events", () => {
  test("action, progress, chapter and replay reach on() with only their own fields, and ready the chapters copied by type", async () => {
    const { context, page, player, record } = await mounted();
    const ready = (await log(page)).find((e) => e.event === "ready");
    assert.deepEqual(ready, {
      event: "ready",
      type: "PERCUS/READY",
      duration: 6,
      chapters: [
        { name: "intro", label: "Your bill", time: 0, duration: 2 },
        { name: "details", label: "The charge explained", time: 2, duration: 4 },
      ],
    });
    await player.evaluate((canary) => {
      const extra = { secret: canary, data: { first_name: canary }, url: `https://bank.example/?q=${canary}`, code: canary };
      window.send({ type: "PERCUS/ACTION", protocol: 2, id: "later", kind: "event", ...extra });
      window.send({ type: "PERCUS/ACTION", protocol: 2, id: 5, kind: { toString: "x" }, label: canary });
      window.send({ type: "PERCUS/PROGRESS", protocol: 2, percent: 25, ...extra, time: 1 });
      window.send({ type: "PERCUS/PROGRESS", protocol: 2, percent: "50" });
      window.send({ type: "PERCUS/CHAPTER", protocol: 2, name: "details", label: "The charge explained", ...extra });
      window.send({ type: "PERCUS/REPLAY", protocol: 2, ...extra, name: canary });
    }, CANARY);
    await waitForLog(page, "replay");
    const events = (await log(page)).filter((e) => e.event !== "ready");
    assert.deepEqual(events, [
      { event: "action", type: "PERCUS/ACTION", id: "later", kind: "event" },
      { event: "action", type: "PERCUS/ACTION" },
      { event: "progress", type: "PERCUS/PROGRESS", percent: 25 },
      { event: "progress", type: "PERCUS/PROGRESS" },
      { event: "chapter", type: "PERCUS/CHAPTER", name: "details", label: "The charge explained" },
      { event: "replay", type: "PERCUS/REPLAY" },
    ]);
    assert.ok(!JSON.stringify(await log(page)).includes(CANARY));
    assert.equal(context.pages().length, 1, "nothing opened");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("player events forged on the window by a sibling frame, another window or the player's own frame are ignored", async () => {
    const requests = [];
    const { context, page, player, record } = await mounted({ links: { open: true, origins: ["https://bank.example"] } });
    context.on("request", (request) => request.url().startsWith("https://bank.example") && requests.push(request.url()));
    await page.evaluate((playerOrigin) => {
      for (const origin of [playerOrigin, location.origin]) {
        const frame = document.createElement("iframe");
        frame.src = `${origin}/test/forger.html`;
        document.body.append(frame);
      }
      window.open(`${playerOrigin}/test/forger.html`, "forger");
    }, env.playerOrigin);
    // The player's own frame, on the window instead of its port.
    await player.evaluate(() => {
      const host = new URLSearchParams(location.hash.slice(1)).get("host");
      for (const type of ["PERCUS/ACTION", "PERCUS/PROGRESS", "PERCUS/REPLAY"]) parent.postMessage({ type, protocol: 2, id: "pay", kind: "link", url: "https://bank.example/", percent: 25 }, host);
    });
    // The forgers post every 50 ms: time for many rounds to arrive.
    await page.waitForTimeout(600);
    const popup = context.pages().find((p) => p.url().includes("forger.html"));
    assert.ok(popup, "the forging window is open");
    assert.deepEqual((await log(page)).map((e) => e.event), ["ready"]);
    assert.deepEqual(requests, [], "no link opened");
    assert.equal(context.pages().length, 2, "the page and the forger's window only");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("links", () => {
  test("with links.open, a link action on an allowed https origin opens in a new tab with no opener and no referrer; the event has no URL", async () => {
    const { context, page, player, record } = await mounted({ links: { open: true, origins: ["http://bank.example", "https://bank.example/ignored/path", 5, "not a url"] } });
    const requests = await bank(context);
    const opened = context.waitForEvent("page");
    await click(player, { type: "PERCUS/ACTION", protocol: 2, id: "pay", kind: "link", url: `https://bank.example/pay?ref=${CANARY}` });
    const popup = await opened;
    await popup.waitForLoadState("load");
    assert.equal(popup.url(), `https://bank.example/pay?ref=${CANARY}`);
    assert.equal(await popup.evaluate(() => window.opener), null, "no opener");
    assert.equal(await popup.evaluate(() => document.referrer), "", "no referrer in the page");
    assert.equal(requests.length, 1);
    assert.equal(requests[0].headers.referer, undefined, "no Referer header, though the host page's policy is unsafe-url");
    await waitForLog(page, "action");
    assert.deepEqual((await log(page)).slice(1), [{ event: "action", type: "PERCUS/ACTION", id: "pay", kind: "link", opened: true }]);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a link that is not https, or off the list, opens nothing and gives link-refused without its URL", async () => {
    const { context, page, player, record } = await mounted({ links: { open: true, origins: ["https://bank.example", "http://plain.example"] } });
    const requests = await bank(context);
    const refused = [
      `http://bank.example/pay?ref=${CANARY}`,
      `http://plain.example/pay?ref=${CANARY}`,
      `https://evil.example/pay?ref=${CANARY}`,
      `https://bank.example.evil.example/?ref=${CANARY}`,
      `https://sub.bank.example/?ref=${CANARY}`,
      `https://bank.example:8443/?ref=${CANARY}`,
      `blob:https://bank.example/${CANARY}`,
      `javascript:alert("${CANARY}")`,
      `/pay?ref=${CANARY}`,
      42,
      undefined,
    ];
    for (const url of refused) await click(player, { type: "PERCUS/ACTION", protocol: 2, id: "pay", kind: "link", url });
    await waitForLog(page, "error", refused.length);
    await page.waitForTimeout(300);
    const events = (await log(page)).slice(1);
    assert.equal(events.length, 2 * refused.length, JSON.stringify(events));
    for (let i = 0; i < refused.length; i++) {
      assert.deepEqual(events[2 * i], { event: "action", type: "PERCUS/ACTION", id: "pay", kind: "link", opened: false });
      const error = events[2 * i + 1];
      assert.equal(error.code, "link-refused");
      assert.match(error.message, /options\.links\.origins/);
    }
    assert.ok(!JSON.stringify(events).includes(CANARY), "no URL, no query in any event");
    assert.equal(context.pages().length, 1, "nothing opened");
    assert.deepEqual(requests, []);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("without links, or with open false, a link action opens nothing and is no error: the host decides", async () => {
    for (const options of [{}, { links: { open: false, origins: ["https://bank.example"] } }, { links: {} }]) {
      const { context, page, player, record } = await mounted(options);
      const requests = await bank(context);
      await click(player, { type: "PERCUS/ACTION", protocol: 2, id: "pay", kind: "link", url: "https://bank.example/pay" });
      await waitForLog(page, "action");
      await page.waitForTimeout(300);
      assert.deepEqual((await log(page)).slice(1), [{ event: "action", type: "PERCUS/ACTION", id: "pay", kind: "link", opened: false }], JSON.stringify(options));
      assert.equal(context.pages().length, 1);
      assert.deepEqual(requests, []);
      assert.deepEqual(record.pageErrors, []);
      await context.close();
    }
  });

  test("links of the wrong type make mount throw", async () => {
    const { context, page } = await mounted();
    const results = await page.evaluate(async (playerOrigin) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      const out = [];
      for (const links of [null, "https://bank.example", { open: "yes" }, { open: true, origins: "https://bank.example" }]) {
        try {
          await mount(document.body, { player: `${playerOrigin}/test/fake-player.html`, template: "t", data: {}, links });
          out.push("mounted");
        } catch (e) {
          out.push(e.message);
        }
      }
      return out;
    }, env.playerOrigin);
    for (const result of results) assert.match(result, /wrong type/);
    await context.close();
  });
});

describe("playSegment", () => {
  test("posts SEGMENT with a string name and a known then on the port, queued before the handshake", async () => {
    const { context, page, player, record } = await mounted({}, ["playSegment", "details", { then: "loop" }]);
    await page.evaluate(() => {
      const embed = window.__embed;
      embed.playSegment("intro");
      embed.playSegment("intro", { then: "continue", extra: "x" });
      embed.playSegment("intro", { then: "forever" });
      embed.playSegment(5, { then: "stop" });
      embed.playSegment({ toString: () => "intro" });
      embed.playSegment("outro", { then: "stop" });
    });
    await player.waitForFunction(() => window.__received.filter((m) => m.type === "PERCUS/SEGMENT").length >= 5);
    await page.waitForTimeout(200);
    assert.deepEqual(await player.evaluate(() => window.__received), [
      { type: "PERCUS/INIT" },
      { type: "PERCUS/SEGMENT", protocol: 2, name: "details", then: "loop" },
      { type: "PERCUS/SEGMENT", protocol: 2, name: "intro" },
      { type: "PERCUS/SEGMENT", protocol: 2, name: "intro", then: "continue" },
      { type: "PERCUS/SEGMENT", protocol: 2, name: "intro" },
      { type: "PERCUS/SEGMENT", protocol: 2, name: "outro", then: "stop" },
    ]);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("<percus-video>", () => {
  test("re-dispatches action, progress, chapter and replay, takes links as a property and plays a segment", async () => {
    const { context, page, record } = await recordedPage(env);
    const requests = await bank(context);
    await page.goto(`${env.hostOrigin}/test/interaction-host.html`);
    await page.evaluate(async (playerOrigin) => {
      await import(`${playerOrigin}/pkg/embed/percus-video.js`);
      const video = document.createElement("percus-video");
      video.setAttribute("player", `${playerOrigin}/test/fake-player.html`);
      video.setAttribute("template", "bill");
      window.__log = [];
      for (const event of ["ready", "action", "progress", "chapter", "replay", "error"]) {
        video.addEventListener(`percus-${event}`, (e) => window.__log.push({ event, ...e.detail }));
      }
      document.body.append(video);
      video.links = { open: true, origins: ["https://bank.example"] };
      video.data = { first_name: "Ann" };
      window.__video = video;
    }, env.playerOrigin);
    await waitForLog(page, "ready");
    // The same links again (a new object, as a React render makes) mount nothing again.
    await page.evaluate(() => (window.__video.links = { open: true, origins: ["https://bank.example"] }));
    const player = page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/test/fake-player.html`));
    await player.waitForFunction(() => window.__received.some((m) => m.type === "PERCUS/INIT"));
    await page.evaluate(() => window.__video.playSegment("details", { then: "stop" }));
    await player.waitForFunction(() => window.__received.some((m) => m.type === "PERCUS/SEGMENT"));
    assert.deepEqual(await player.evaluate(() => window.__received), [{ type: "PERCUS/INIT" }, { type: "PERCUS/SEGMENT", protocol: 2, name: "details", then: "stop" }]);
    const opened = context.waitForEvent("page");
    await click(player, { type: "PERCUS/ACTION", protocol: 2, id: "pay", kind: "link", url: "https://bank.example/pay" });
    await opened;
    await player.evaluate(() => {
      window.send({ type: "PERCUS/PROGRESS", protocol: 2, percent: 50 });
      window.send({ type: "PERCUS/CHAPTER", protocol: 2, name: "intro", label: "Your bill" });
      window.send({ type: "PERCUS/REPLAY", protocol: 2 });
    });
    await waitForLog(page, "replay");
    const events = await log(page);
    assert.deepEqual(events.map((e) => e.event), ["ready", "action", "progress", "chapter", "replay"], "one mount: one ready");
    assert.deepEqual(events[1], { event: "action", type: "PERCUS/ACTION", id: "pay", kind: "link", opened: true });
    assert.equal(requests.length, 1);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});
