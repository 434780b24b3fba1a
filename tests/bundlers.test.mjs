// The embed SDK in customers' builds (issue 24, item 3): two small apps
// (tests/apps/vanilla: `mount` and <percus-video>; tests/apps/react:
// <PercusVideo> under StrictMode) built by Vite, webpack and esbuild (as
// an ES module and in its default IIFE format) from
// the packed tarball (target/percus-embed-<version>.tgz, as `npm install`
// would unpack it), each served on its own origin with a strict CSP and
// loaded in Chromium against the local player. Each renders, gets its
// events, breaks no CSP rule and throws nothing; the React app keeps one
// player through new data, a new template and
// its removal; and no request carries the viewer's name.
//
// What a bundler needs is in the package, not in these configs: they are
// each bundler's defaults plus the app's entry and (webpack) a JSX loader.
// esbuild does not copy the wasm a module points at with
// `new URL(…, import.meta.url)`; the SDK then loads its inlined copy. The
// builds are production builds, where StrictMode does nothing: the React
// life cycle under StrictMode and effects run again is
// tests/react.test.mjs's (a development build).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../scripts/lib/serve.mjs";
import { launchChromium } from "../scripts/lib/browser.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
// Below the repository, so that the apps find react and react-dom in its
// node_modules as they would in their own; the SDK only from the tarball.
const WORK = join(ROOT, "target/bundler-apps");
const version = JSON.parse(readFileSync(join(ROOT, "embed-sdk/package.json"), "utf8")).version;
const TARBALL = join(ROOT, "target", `percus-embed-${version}.tgz`);
const APPS = ["vanilla", "react"];
const BUNDLERS = {
  vite: buildWithVite,
  webpack: buildWithWebpack,
  esbuild: (src, app) => buildWithEsbuild(src, app, "esm"),
  // esbuild's default format: no `import.meta` at all in the bundle.
  "esbuild-iife": (src, app) => buildWithEsbuild(src, app, "iife"),
};

const entryOf = (src, app) => join(src, app === "react" ? "main.jsx" : "main.js");

async function buildWithVite(src) {
  const { build } = await import("vite");
  await build({ root: src, configFile: false, logLevel: "error", build: { outDir: join(src, "dist"), emptyOutDir: true } });
}

async function buildWithWebpack(src, app) {
  const { default: webpack } = await import("webpack");
  const html = readFileSync(join(src, "index.html"), "utf8").replace(/<script type="module" src="[^"]+"><\/script>/, '<script defer src="main.js"></script>');
  const stats = await new Promise((resolve, reject) =>
    webpack(
      {
        mode: "production",
        context: src,
        entry: entryOf(src, app),
        output: { path: join(src, "dist"), filename: "main.js", clean: true },
        resolve: { extensions: [".js", ".jsx"] },
        module: { rules: [{ test: /\.jsx$/, loader: "esbuild-loader", options: { loader: "jsx", jsx: "automatic" } }] },
        resolveLoader: { modules: [join(ROOT, "node_modules")] },
      },
      (error, stats) => (error ? reject(error) : resolve(stats)),
    ),
  );
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  writeFileSync(join(src, "dist/index.html"), html);
}

async function buildWithEsbuild(src, app, format) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [entryOf(src, app)],
    bundle: true,
    format,
    minify: true,
    jsx: "automatic",
    outfile: join(src, "dist/main.js"),
    logLevel: "silent",
  });
  assert.deepEqual(result.errors, []);
  const script = format === "esm" ? '<script type="module" src="main.js"></script>' : '<script defer src="main.js"></script>';
  const html = readFileSync(join(src, "index.html"), "utf8").replace(/<script type="module" src="[^"]+"><\/script>/, script);
  writeFileSync(join(src, "dist/index.html"), html);
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm" };

/**
 * Serves `dist` on its own port with a strict CSP that lets the page frame
 * the player's origin only (known once the player server is up: the
 * player's frame-ancestors need the apps' origins first).
 */
function serveApp(dist) {
  const csp = () => [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "connect-src 'self'",
    `frame-src ${env.playerOrigin}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join("; ");
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const file = normalize(join(dist, path === "/" ? "index.html" : decodeURIComponent(path)));
    if (!file.startsWith(dist + sep) || !existsSync(file)) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": csp(), "Cache-Control": "no-store" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const env = { apps: {} };

before(async () => {
  rmSync(WORK, { recursive: true, force: true });
  const sdk = join(WORK, "node_modules/@percus/embed");
  mkdirSync(sdk, { recursive: true });
  execFileSync("tar", ["-xzf", TARBALL, "-C", sdk, "--strip-components=1"]);
  // App servers first: the player's frame-ancestors must name their origins.
  for (const [bundler, build] of Object.entries(BUNDLERS)) {
    for (const app of APPS) {
      const src = join(WORK, `${bundler}-${app}`);
      cpSync(join(ROOT, "tests/apps", app), src, { recursive: true });
      const started = Date.now();
      await build(src, app);
      const server = await serveApp(join(src, "dist"));
      env.apps[`${bundler}-${app}`] = { server, origin: `http://localhost:${server.address().port}`, seconds: (Date.now() - started) / 1000 };
    }
  }
  // The player server allows exactly these app origins to frame it.
  env.player = await startServer(0, { embedOrigins: Object.values(env.apps).map((a) => a.origin) });
  env.playerOrigin = `http://127.0.0.1:${env.player.address().port}`;
  env.browser = await launchChromium();
});

after(async () => {
  await env.browser?.close();
  for (const app of Object.values(env.apps)) await new Promise((resolve) => app.server.close(resolve));
  await new Promise((resolve) => env.player?.close(resolve) ?? resolve());
});

/** Opens an app with the viewer's name in its fragment; records requests, console, errors and CSP violations. */
async function openApp(key, name) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const record = { requests: [], console: [], pageErrors: [] };
  context.on("request", (request) => record.requests.push(`${request.url()} ${JSON.stringify(request.headers())} ${request.postData() ?? ""}`));
  page.on("console", (message) => record.console.push(message.text()));
  page.on("pageerror", (error) => record.pageErrors.push(String(error)));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const player = encodeURIComponent(`${env.playerOrigin}/player.html`);
  await page.goto(`${env.apps[key].origin}/?player=${player}#name=${encodeURIComponent(name)}`);
  return { context, page, record };
}

const playerFrames = (page) => page.frames().filter((f) => f.url().startsWith(`${env.playerOrigin}/player.html`));
const countEvents = (page, filter) =>
  page.evaluate((filter) => window.__events.filter((e) => Object.entries(filter).every(([k, v]) => e[k] === v)).length, filter);
const waitForEvents = (page, filter, count) =>
  page.waitForFunction(
    ({ filter, count }) => window.__events.filter((e) => Object.entries(filter).every(([k, v]) => e[k] === v)).length >= count,
    { filter, count },
    { timeout: 20000, polling: 50 },
  );

/** What every app must hold at the end: no CSP violation, no exception, no request with the name, no name in the DOM. */
async function assertClean({ page, record }, name) {
  const { violations, html } = await page.evaluate(() => ({ violations: window.__violations, html: document.documentElement.outerHTML }));
  assert.deepEqual(violations, [], "CSP violations");
  assert.deepEqual(
    record.console.filter((line) => /Content Security Policy|Refused to/.test(line)),
    [],
  );
  assert.deepEqual(record.pageErrors, []);
  assert.ok(!html.includes(name), "the viewer's name in the app's DOM");
  assert.deepEqual(record.console.filter((line) => line.includes(name)), [], "the viewer's name in the console");
  const leaking = record.requests.filter((r) => r.includes(name) || r.includes(encodeURIComponent(name)));
  assert.deepEqual(leaking, [], "a request carries the viewer's name");
}

for (const bundler of Object.keys(BUNDLERS)) {
  describe(bundler, () => {
    test(`a vanilla app built by ${bundler}: mount and <percus-video> render under a strict CSP`, async () => {
      const name = "Zq7Bundle" + String(Math.random()).slice(2, 8);
      const opened = await openApp(`${bundler}-vanilla`, name);
      const { page, record } = opened;
      await waitForEvents(page, { source: "mount", type: "PERCUS/RENDERED" }, 1);
      await waitForEvents(page, { source: "element", type: "PERCUS/RENDERED" }, 1);
      assert.equal(await countEvents(page, { type: "PERCUS/ERROR" }), 0);
      assert.equal(playerFrames(page).length, 2);
      // Where the SDK's wasm came from: the bundler's copy, or (esbuild,
      // which does not copy it) the inlined one after one miss.
      const origin = env.apps[`${bundler}-vanilla`].origin;
      const wasm = record.requests.map((r) => r.split(" ")[0]).filter((url) => url.startsWith(origin) && url.endsWith(".wasm"));
      if (bundler === "esbuild-iife") {
        // No module URL to look beside: straight to the inlined copy.
        assert.deepEqual(wasm, []);
      } else {
        assert.equal(wasm.length, 1, wasm.join("\n"));
        const emitted = existsSync(join(WORK, `${bundler}-vanilla/dist`, new URL(wasm[0]).pathname));
        assert.equal(emitted, bundler !== "esbuild", `${wasm[0]} emitted by the bundler`);
      }
      await assertClean(opened, name);
      await opened.context.close();
    });

    test(`a React app built by ${bundler}: one player through new data, a new template and removal`, async () => {
      const name = "Zq7React" + String(Math.random()).slice(2, 8);
      const opened = await openApp(`${bundler}-react`, name);
      const { page } = opened;
      await waitForEvents(page, { type: "PERCUS/RENDERED" }, 1);
      // One player, the data sent once.
      await page.waitForTimeout(300);
      assert.equal(playerFrames(page).length, 1);
      assert.equal(await countEvents(page, { type: "PERCUS/RENDERED" }), 1);
      // New data: the same player shows it.
      const second = "Zq7Second" + String(Math.random()).slice(2, 8);
      await page.evaluate((second) => window.__app.setData({ first_name: second }), second);
      await waitForEvents(page, { type: "PERCUS/RENDERED" }, 2);
      assert.equal(playerFrames(page).length, 1);
      // The ref controls it.
      await page.evaluate(() => window.__app.pause());
      await waitForEvents(page, { type: "PERCUS/PAUSE" }, 1);
      // Another template: mounted again, still one player.
      await page.evaluate(() => window.__app.setTemplate("badge"));
      await waitForEvents(page, { type: "PERCUS/RENDERED" }, 3);
      await page.waitForTimeout(300);
      assert.equal(playerFrames(page).length, 1);
      assert.match(playerFrames(page)[0].url(), /template=badge/);
      // Removed: no player left.
      await page.evaluate(() => window.__app.setShown(false));
      await page.waitForTimeout(300);
      assert.equal(playerFrames(page).length, 0);
      assert.equal(await countEvents(page, { type: "PERCUS/ERROR" }), 0);
      await assertClean(opened, name);
      await assertClean(opened, second);
      await opened.context.close();
    });
  });
}
