// Shared set-up for the browser end-to-end tests: the www server on a free
// port and Debian's Chromium driven by playwright-core (never a downloaded
// browser), from scripts/lib/browser.mjs, with this folder's pages/ served
// under /test/. Host pages are opened on http://localhost:PORT, the player is
// served from http://127.0.0.1:PORT: two origins, as in production.
import { after, before } from "node:test";
import { setUp as setUpBrowser } from "../scripts/lib/browser.mjs";

export { CHROMIUM_ARGS, launchChromium, recordedPage } from "../scripts/lib/browser.mjs";

/** The server (with the tests' pages under /test/) and a browser. */
export function setUp() {
  return setUpBrowser({ testPages: new URL("./pages/", import.meta.url).pathname });
}

/**
 * The server and browser for a test file: started before its tests and
 * closed after them. The object is filled in by the time a test runs.
 */
export function sharedEnv() {
  const env = {};
  before(async () => Object.assign(env, await setUp()));
  after(async () => env.close?.());
  return env;
}

/** Every storage the page's frames can write, as one string per frame. */
export async function dumpStorage(page, context) {
  const dumps = [];
  for (const frame of page.frames()) {
    dumps.push(
      await frame.evaluate(async () => {
        // A storage the browser denies to this frame (third-party partitioning)
        // cannot hold anything: record it as denied.
        const read = async (f) => {
          try {
            return JSON.stringify(await f());
          } catch (e) {
            return `denied: ${e.name}`;
          }
        };
        const out = { url: location.href, title: document.title };
        out.cookie = await read(() => document.cookie);
        out.local = await read(() => ({ ...localStorage }));
        out.session = await read(() => ({ ...sessionStorage }));
        out.idb = await read(async () => (await indexedDB.databases()).map((d) => d.name));
        out.caches = await read(() => caches.keys());
        out.history = String(history.length);
        return JSON.stringify(out);
      }),
    );
  }
  dumps.push(JSON.stringify(await context.cookies()));
  return dumps;
}

/** Runs `mount` from the SDK in the host page and collects the embed's events. */
export async function mountInPage(page, env, options) {
  return page.evaluate(
    async ({ playerOrigin, options }) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      const holder = document.createElement("div");
      holder.style.width = "480px";
      // First on the page: players draw only while on screen, and the
      // demo page's own embeds grow below it as they load.
      document.body.prepend(holder);
      const embed = await mount(holder, { player: `${playerOrigin}/player.html`, ...options });
      window.__events = window.__events || [];
      for (const name of ["ready", "rendered", "error"]) embed.on(name, (detail) => window.__events.push(detail));
      window.__embeds = [...(window.__embeds || []), embed];
    },
    { playerOrigin: env.playerOrigin, options },
  );
}

/** Waits until the host page has seen an event of `type` (or times out). */
export async function waitForEvent(page, type, timeout = 15000) {
  await page.waitForFunction((t) => (window.__events || []).some((e) => e.type === t), type, { timeout });
  return page.evaluate((t) => window.__events.find((e) => e.type === t), type);
}

/**
 * Adds bare player iframes (no SDK) to the host page, each told `host` as
 * its host origin (and playing `template`, by default "greeting"), and records the messages each one sends in
 * `window.__raw` as `{ from: name, ...message }`.
 */
export async function addBarePlayers(page, env, players) {
  await page.evaluate(
    ({ playerOrigin, players }) => {
      window.__raw = window.__raw || [];
      window.__players = window.__players || {};
      for (const { name, host, template = "greeting" } of players) {
        const frame = document.createElement("iframe");
        frame.name = name;
        frame.src = `${playerOrigin}/player.html?template=${template}#host=${encodeURIComponent(host)}`;
        frame.style.width = "480px";
        frame.style.height = "270px";
        document.body.prepend(frame); // on screen, as in mountInPage
        window.__players[name] = frame;
      }
      if (!window.__recording) {
        window.__recording = true;
        addEventListener("message", (e) => {
          const from = Object.keys(window.__players).find((n) => window.__players[n].contentWindow === e.source);
          if (from && e.origin === playerOrigin) window.__raw.push({ from, ...e.data });
        });
      }
    },
    { playerOrigin: env.playerOrigin, players },
  );
}

/** Posts `message` from the host page to the bare player `name`. */
export async function postToPlayer(page, env, name, message) {
  await page.evaluate(
    ({ playerOrigin, name, message }) => window.__players[name].contentWindow.postMessage(message, playerOrigin),
    { playerOrigin: env.playerOrigin, name, message },
  );
}

/** Waits until the bare player `name` has sent a message of `type`. */
export async function waitForRaw(page, name, type, timeout = 15000) {
  await page.waitForFunction(({ name, type }) => window.__raw.some((m) => m.from === name && m.type === type), { name, type }, { timeout });
}

/** The directives of a Content-Security-Policy header, by name. */
export function directives(header) {
  return Object.fromEntries(
    header
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

/**
 * An init script (`context.addInitScript(keepWasmMemories)`): in every frame
 * before its scripts, keeps each wasm instance's memory in
 * `window.__memories` (the pages never expose it).
 */
export function keepWasmMemories() {
  window.__memories = [];
  const keep = async (promise) => {
    const result = await promise;
    const exports = (result.instance || result).exports;
    if (exports?.memory) window.__memories.push(exports.memory);
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (...args) => keep(streaming(...args));
  const plain = WebAssembly.instantiate;
  WebAssembly.instantiate = (...args) => keep(plain(...args));
}

/**
 * Whether a heap snapshot of the JS heap of `target` (a page or a frame of
 * `context`, after a GC) holds `text` anywhere.
 */
export async function inJsHeap(context, target, text) {
  return (await jsHeapSnapshot(context, target)).includes(text);
}

/**
 * The strings of a heap snapshot of the JS heap of `target` (a page or a
 * frame of `context`) after a GC, joined by NUL. Numbers stored on the heap
 * are among them (`captureNumericValue`: a number node is named by its
 * value), so a number can be looked for as the string JavaScript writes it.
 * Only the strings table: the snapshot's node and edge arrays are decimal
 * digits, where a needle such as the hex colour "204646" turns up by chance.
 */
export async function jsHeapSnapshot(context, target) {
  const cdp = await context.newCDPSession(target);
  const chunks = [];
  cdp.on("HeapProfiler.addHeapSnapshotChunk", ({ chunk }) => chunks.push(chunk));
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false, captureNumericValue: true });
  await cdp.detach();
  return JSON.parse(chunks.join("")).strings.join("\0");
}

/**
 * How many live instances of the class `name` ("ImageBitmap", "Blob")
 * the JS heap of `target` holds after a GC (CDP's Runtime.queryObjects:
 * every object whose prototype is `name.prototype`).
 */
export async function instancesOf(context, target, name) {
  const cdp = await context.newCDPSession(target);
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  const { result: prototype } = await cdp.send("Runtime.evaluate", { expression: `${name}.prototype` });
  const { objects } = await cdp.send("Runtime.queryObjects", { prototypeObjectId: prototype.objectId });
  const { result } = await cdp.send("Runtime.callFunctionOn", {
    objectId: objects.objectId,
    functionDeclaration: "function () { return this.length; }",
    returnByValue: true,
  });
  await cdp.detach();
  return result.value;
}

/**
 * Helpers for pages that embed players through the SDK (`env` from
 * {@link sharedEnv}): `mount(page, name, options)` mounts an embed in a new
 * 480 px wide holder and logs its events in `window.__log[name]`;
 * `waitFor(page, name, event, count?, timeout?)` returns the `count`th such
 * event; `events` lists them; `call(page, name, method, ...args)` calls the
 * embed; `playerFrame(page, template?)` is the player iframe.
 */
export function embedHelpers(env) {
  async function mount(page, name, options) {
    await page.evaluate(
      async ({ playerOrigin, name, options }) => {
        const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
        const holder = document.createElement("div");
        holder.id = name;
        holder.style.width = "480px";
        document.body.append(holder);
        window.__log ??= {};
        window.__embeds ??= {};
        const log = (window.__log[name] = []);
        const embed = await mount(holder, { player: `${playerOrigin}/player.html`, ...options });
        for (const event of ["ready", "rendered", "play", "pause", "timeupdate", "ended", "error"]) {
          embed.on(event, (detail) => log.push({ event, ...detail }));
        }
        window.__embeds[name] = embed;
      },
      { playerOrigin: env.playerOrigin, name, options },
    );
  }

  async function waitFor(page, name, event, count = 1, timeout = 15000) {
    await page.waitForFunction(
      ({ name, event, count }) => (window.__log?.[name] || []).filter((e) => e.event === event).length >= count,
      { name, event, count },
      { timeout, polling: 50 },
    );
    return page.evaluate(({ name, event }) => window.__log[name].filter((e) => e.event === event).at(-1), { name, event });
  }

  const events = (page, name) => page.evaluate((name) => window.__log[name].map((e) => e.event), name);
  const call = (page, name, method, ...args) =>
    page.evaluate(({ name, method, args }) => window.__embeds[name][method](...args), { name, method, args });
  const playerFrame = (page, template = "greeting") =>
    page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/player.html?template=${template}`));

  return { mount, waitFor, events, call, playerFrame };
}
