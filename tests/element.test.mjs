// <percus-video> (`@percus/embed/element`, embed-sdk/js/percus-video.js) on a
// host page, host and player on two origins: the viewer's data is a
// property only and never reaches the page's DOM (attributes, outerHTML,
// what a MutationObserver records); connect, disconnect and reconnect in
// one task leave exactly one player; setting data again shows it; the
// SDK's events arrive as DOM events; and importing the entry without a DOM
// (server rendering) touches nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { recordedPage, sharedEnv } from "./harness.mjs";

const env = sharedEnv();
const playerFrames = (page) => page.frames().filter((f) => f.url().startsWith(`${env.playerOrigin}/player.html`));

/** Loads the element on the test host page, with a log of its DOM events and of every DOM mutation. */
async function hostPage() {
  const recorded = await recordedPage(env);
  await recorded.page.goto(`${env.hostOrigin}/test/host.html`);
  await recorded.page.evaluate(async ({ playerOrigin }) => {
    await import(`${playerOrigin}/pkg/embed/percus-video.js`);
    window.__events = [];
    window.__mutations = [];
    new MutationObserver((records) => {
      for (const r of records) {
        window.__mutations.push(
          [r.type, r.attributeName, r.oldValue, r.target.outerHTML, ...[...r.addedNodes].map((n) => n.outerHTML ?? n.textContent)].join(" "),
        );
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true });
  }, { playerOrigin: env.playerOrigin });
  return recorded;
}

const waitForEvents = (page, type, count, timeout = 20000) =>
  page.waitForFunction(({ type, count }) => window.__events.filter((e) => e.type === type).length >= count, { type, count }, { timeout, polling: 50 });

test("the data is a property only: no canary in attributes, outerHTML or mutation records; events arrive; data again re-binds", async () => {
  const { context, page, record } = await hostPage();
  const canaries = await page.evaluate(({ playerOrigin }) => {
    const canary = "Zq7Elem" + String(Math.random()).slice(2, 10);
    const el = document.createElement("percus-video");
    el.setAttribute("player", `${playerOrigin}/player.html`);
    el.setAttribute("template", "greeting");
    el.setAttribute("locale", "en-US");
    el.style.width = "480px";
    for (const type of ["percus-ready", "percus-rendered", "percus-error"]) {
      el.addEventListener(type, (e) => window.__events.push({ type, code: e.detail.code, bubbles: e.bubbles }));
    }
    el.data = { first_name: canary.slice(0, 20) };
    document.body.append(el);
    window.__el = el;
    return [canary.slice(0, 20)];
  }, { playerOrigin: env.playerOrigin });
  await waitForEvents(page, "percus-rendered", 1);
  const seen = await page.evaluate(() => ({
    read: window.__el.data,
    attributes: [...window.__el.attributes].map((a) => `${a.name}=${a.value}`).join(" "),
    html: document.documentElement.outerHTML,
    mutations: window.__mutations.join("\n"),
    events: window.__events,
  }));
  assert.equal(seen.read, undefined, "el.data cannot be read back");
  for (const canary of canaries) {
    assert.ok(!seen.attributes.includes(canary), "a canary in the element's attributes");
    assert.ok(!seen.html.includes(canary), "a canary in the page's outerHTML");
    assert.ok(!seen.mutations.includes(canary), "a canary in a MutationObserver record");
  }
  // The iframe is in a closed shadow root: not in the page's DOM tree.
  assert.ok(!seen.html.includes("<iframe"), seen.html);
  assert.equal(playerFrames(page).length, 1);
  assert.deepEqual(seen.events.map((e) => e.type).sort(), ["percus-ready", "percus-rendered"]);
  assert.ok(seen.events.every((e) => e.bubbles));
  // New data: shown again in the same player, still never in the DOM.
  const second = await page.evaluate(() => {
    const canary = "Zq7Again" + String(Math.random()).slice(2, 10);
    window.__el.data = { first_name: canary.slice(0, 20) };
    return canary.slice(0, 20);
  });
  await waitForEvents(page, "percus-rendered", 2);
  assert.equal(playerFrames(page).length, 1);
  const html = await page.evaluate(() => document.documentElement.outerHTML + window.__mutations.join("\n"));
  assert.ok(!html.includes(second));
  // Removed: the player goes (and with it the data).
  await page.evaluate(() => window.__el.remove());
  await page.waitForFunction(() => true);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(playerFrames(page).length, 0);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test("connect, disconnect and reconnect in one task leave one player; attribute changes mount again; missing attributes are an error event", async () => {
  const { context, page, record } = await hostPage();
  await page.evaluate(({ playerOrigin }) => {
    const el = document.createElement("percus-video");
    el.setAttribute("player", `${playerOrigin}/player.html`);
    el.setAttribute("template", "greeting");
    el.style.width = "480px";
    el.addEventListener("percus-rendered", () => window.__events.push({ type: "percus-rendered" }));
    el.data = { first_name: "Ann" };
    // In one task: in, out, in elsewhere (a framework's re-render).
    const a = document.createElement("div");
    const b = document.createElement("div");
    document.body.append(a, b);
    a.append(el);
    el.remove();
    b.append(el);
    window.__el = el;
  }, { playerOrigin: env.playerOrigin });
  await waitForEvents(page, "percus-rendered", 1);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(playerFrames(page).length, 1, "exactly one player after connect, disconnect and reconnect");
  // A moved element mounts once more (a moved iframe reloads).
  await page.evaluate(() => document.body.append(window.__el));
  await waitForEvents(page, "percus-rendered", 2);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(playerFrames(page).length, 1);
  // Another template: mounted again, one player.
  await page.evaluate(() => window.__el.setAttribute("template", "badge"));
  await waitForEvents(page, "percus-rendered", 3);
  await new Promise((r) => setTimeout(r, 300));
  const frames = playerFrames(page);
  assert.equal(frames.length, 1);
  assert.match(frames[0].url(), /template=badge/);
  // Without its attributes: an error event, no player.
  await page.evaluate(() => {
    const el = document.createElement("percus-video");
    el.addEventListener("percus-error", (e) => window.__events.push({ type: "percus-error", code: e.detail.code }));
    el.data = { first_name: "Bo" };
    document.body.append(el);
  });
  await waitForEvents(page, "percus-error", 1);
  assert.deepEqual(await page.evaluate(() => window.__events.find((e) => e.type === "percus-error").code), "element-attributes");
  assert.equal(playerFrames(page).length, 1);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test("importing the element without a DOM (server rendering) touches nothing and defines nothing", async () => {
  const entry = pathToFileURL(join(process.cwd(), "www/pkg/embed/percus-video.js")).href;
  assert.equal(typeof globalThis.customElements, "undefined");
  const module = await import(entry);
  assert.equal(typeof module.PercusVideoElement, "function");
  assert.equal(typeof globalThis.customElements, "undefined");
});
