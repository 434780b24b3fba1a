// `@percus/embed/react` (embed-sdk/js/percus-react.js) as a server-rendering
// app uses it: imported and rendered in Node with no `window` (the HTML
// holds the element and its attributes, never the data), then hydrated in
// Chromium under StrictMode (one player, no hydration mismatch, the data
// given as a property only). Bundlers and the StrictMode life cycle in
// built apps: tests/bundlers.test.mjs.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { recordedPage } from "./harness.mjs";
import { setUp } from "../scripts/lib/browser.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ENTRY = join(ROOT, "www/pkg/embed/percus-react.js");
const PAGES = join(ROOT, "target/react-pages");

/**
 * A host page `/test/<name>.html` whose script is `jsx` bundled by esbuild
 * (React's development build, esbuild's default without minify: StrictMode
 * and Activity run effects again), with `root` inside its `#root`.
 */
async function hostPage(name, jsx, root = "") {
  writeFileSync(join(PAGES, `${name}.jsx`), jsx);
  const esbuild = await import("esbuild");
  await esbuild.build({ entryPoints: [join(PAGES, `${name}.jsx`)], bundle: true, format: "esm", jsx: "automatic", outfile: join(PAGES, `${name}.js`), logLevel: "silent" });
  writeFileSync(
    join(PAGES, `${name}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name} host (tests)</title><link rel="icon" href="data:,"><script type="module" src="${name}.js"></script></head><body><div id="root" style="width:480px">${root}</div></body></html>`,
  );
  return `${env.hostOrigin}/test/${name}.html`;
}

/** The app both sides render: a <PercusVideo> with the viewer's data. */
async function app(player, data) {
  const { createElement } = await import("react");
  const { PercusVideo } = await import(pathToFileURL(ENTRY).href);
  return createElement(PercusVideo, { player, template: "greeting", data, locale: "en-US", controls: true, autoplay: false, poster: 1.5, className: "hero" });
}

const env = {};
before(async () => {
  rmSync(PAGES, { recursive: true, force: true });
  mkdirSync(PAGES, { recursive: true });
  Object.assign(env, await setUp({ testPages: PAGES }));
});
after(async () => env.close?.());

test("server rendering: the import and the render touch no window, and the HTML holds no data", async () => {
  assert.equal(typeof globalThis.window, "undefined");
  const { renderToString } = await import("react-dom/server");
  const html = renderToString(await app("https://player.example/player.html", { first_name: "Zq7Server", amount: 1234.56, paid: true }));
  assert.equal(typeof globalThis.window, "undefined");
  assert.equal(typeof globalThis.customElements, "undefined");
  assert.match(html, /^<percus-video [^>]*><\/percus-video>$/);
  for (const attribute of ['player="https://player.example/player.html"', 'template="greeting"', 'locale="en-US"', 'controls=""', 'autoplay="false"', 'poster="1.5"', 'class="hero"']) {
    assert.ok(html.includes(attribute), `${attribute} in ${html}`);
  }
  // Defaults are left out rather than written ("loop", "muted").
  assert.doesNotMatch(html, /loop|muted|captions/);
  for (const value of ["Zq7Server", "1234", "true"]) assert.ok(!html.includes(value), `${value} in ${html}`);
});

test("hydrated under StrictMode: one player, no mismatch, and the data never in the DOM", async () => {
  const player = `${env.playerOrigin}/player.html`;
  const { renderToString } = await import("react-dom/server");
  const serverHtml = renderToString(await app(player, { first_name: "placeholder" }));
  const url = await hostPage(
    "ssr",
    `import { StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { PercusVideo } from ${JSON.stringify(ENTRY)};
const name = new URLSearchParams(location.hash.slice(1)).get("name");
window.__events = [];
const record = (detail) => window.__events.push(detail.type);
hydrateRoot(document.getElementById("root"), (
  <StrictMode>
    <PercusVideo player=${JSON.stringify(player)} template="greeting" data={{ first_name: name }} locale="en-US" controls autoplay={false} poster={1.5} className="hero" onRendered={record} onError={record} />
  </StrictMode>
));
`,
    serverHtml,
  );
  const { context, page, record } = await recordedPage(env);
  const name = "Zq7Hydrate" + String(Math.random()).slice(2, 8);
  await page.goto(`${url}#name=${name}`);
  await page.waitForFunction(() => window.__events?.includes("PERCUS/RENDERED"), null, { timeout: 20000 });
  await page.waitForTimeout(300);
  const frames = page.frames().filter((f) => f.url().startsWith(`${env.playerOrigin}/player.html`));
  assert.equal(frames.length, 1);
  assert.deepEqual(await page.evaluate(() => window.__events), ["PERCUS/RENDERED"]);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(record.console.filter((line) => /hydrat|did not match|mismatch/i.test(line)), []);
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  assert.ok(!html.includes(name));
  assert.ok(!record.requests.some((r) => r.url.includes(name) || r.headers.includes(name) || r.body.includes(name)));
  await context.close();
});

test("effects run again on a mounted player (an Activity hidden and shown, as fast refresh does): the same data is not sent again; title comes and goes", async () => {
  const player = `${env.playerOrigin}/player.html`;
  const url = await hostPage(
    "activity",
    `import { Activity, StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { PercusVideo } from ${JSON.stringify(ENTRY)};
window.__events = [];
const record = (detail) => window.__events.push(detail.type);
const first = { first_name: "Ann" };
function App() {
  const [mode, setMode] = useState("visible");
  const [data, setData] = useState(first);
  const [title, setTitle] = useState(undefined);
  window.__app = { setMode, setData, setTitle };
  return (
    <Activity mode={mode}>
      <PercusVideo player=${JSON.stringify(player)} template="greeting" data={data} title={title} autoplay={false} onRendered={record} />
    </Activity>
  );
}
createRoot(document.getElementById("root")).render(<StrictMode><App /></StrictMode>);
`,
  );
  const { context, page, record } = await recordedPage(env);
  await page.goto(url);
  const rendered = () => page.evaluate(() => window.__events.filter((e) => e === "PERCUS/RENDERED").length);
  await page.waitForFunction(() => window.__events.includes("PERCUS/RENDERED"), null, { timeout: 20000 });
  // Hidden and shown again: React cleans up and runs every effect again,
  // with the same data object. Without the guard it would be sent again
  // (a second RENDERED, the video restarted).
  await page.evaluate(() => window.__app.setMode("hidden"));
  await page.waitForTimeout(200);
  await page.evaluate(() => window.__app.setMode("visible"));
  await page.waitForTimeout(1000);
  assert.equal(await rendered(), 1, "the same data sent again");
  const frames = () => page.frames().filter((f) => f.url().startsWith(`${env.playerOrigin}/player.html`)).length;
  assert.equal(frames(), 1);
  // New data: shown.
  await page.evaluate(() => window.__app.setData({ first_name: "Bo" }));
  await page.waitForFunction(() => window.__events.filter((e) => e === "PERCUS/RENDERED").length >= 2, null, { timeout: 20000 });
  // A title given, then taken away: the attribute goes (React 19 would
  // otherwise write the text "undefined" into the title property).
  const titleOf = () => page.evaluate(() => document.querySelector("percus-video").getAttribute("title"));
  await page.evaluate(() => window.__app.setTitle("Your year"));
  await page.waitForFunction(() => document.querySelector("percus-video").getAttribute("title") === "Your year");
  await page.evaluate(() => window.__app.setTitle(undefined));
  await page.waitForFunction(() => !document.querySelector("percus-video").hasAttribute("title"), null, { timeout: 5000 });
  assert.equal(await titleOf(), null);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('the built entry starts with "use client" (React Server Components read it; minifiers drop unknown directives)', () => {
  assert.match(readFileSync(ENTRY, "utf8"), /^"use client";/);
});

test("every field type through <PercusVideo> (the member card): no value in the DOM, a request or the console", async () => {
  const player = `${env.playerOrigin}/player.html`;
  // Values distinctive enough to find wherever they would leak, in every
  // form they could take (a number as written, a colour in either case).
  const url = await hostPage(
    "member",
    `import { createRoot } from "react-dom/client";
import { PercusVideo } from ${JSON.stringify(ENTRY)};
window.__events = [];
const record = (detail) => window.__events.push(detail);
const photo = new Uint8Array(await (await fetch("/test/member-photo.png")).arrayBuffer());
const data = { first_name: "Zq7Member", brand: "#3A7F19", accent: "#6B1D9E", tier: "Silver", vip: true, progress: 0.7318, since: "2011-03-17", points: 48213, cashback: 927.46, photo };
createRoot(document.getElementById("root")).render(<PercusVideo player=${JSON.stringify(player)} template="member" data={data} locale="en-US" autoplay={false} onRendered={record} onError={record} />);
`,
  );
  // A small PNG of its own for the photo (bytes, never a URL to the player).
  const { PNG } = await import("pngjs");
  const png = new PNG({ width: 8, height: 8 });
  png.data.fill(200);
  writeFileSync(join(PAGES, "member-photo.png"), PNG.sync.write(png));
  const { context, page, record } = await recordedPage(env);
  await page.goto(url);
  await page.waitForFunction(() => window.__events.length > 0, null, { timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.__events.map((e) => e.type)), ["PERCUS/RENDERED"]);
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const canaries = ["Zq7Member", "3A7F19", "3a7f19", "6B1D9E", "6b1d9e", "0.7318", "73.18", "2011-03-17", "48213", "48,213", "927.46", "Silver"];
  for (const canary of canaries) {
    assert.ok(!html.includes(canary), `${canary} in the host page's DOM`);
    assert.ok(!record.console.some((line) => line.includes(canary)), `${canary} in the console`);
    // The page's own script (member.js) holds the values: it is the app.
    const leaking = record.requests.filter((r) => !r.url.endsWith("/member.js") && (r.url.includes(canary) || r.headers.includes(canary) || r.body.includes(canary)));
    assert.deepEqual(leaking.map((r) => r.url), [], `${canary} in a request`);
  }
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});
