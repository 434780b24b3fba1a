// Embedding the player from a web developer's own dev server (issue 21,
// item 4): scripts/lib/serve.mjs adds the origins of PERCUS_EMBED_ORIGINS (the
// `embedOrigins` option here) to the player page's frame-ancestors and
// refuses a value that is not a plain origin; the SDK reports an iframe that
// loads with no player in it (refused by frame-ancestors, a wrong player
// URL, an unreachable server) as `player-unavailable`, with a message that
// names the causes, right after it loads instead of at `player-timeout`;
// and a lazy embed far below the fold neither loads nor times out until it
// is scrolled near. The app pages are served by small servers of this file,
// on ports of their own, as Vite would serve a developer's app.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { directives, embedHelpers, launchChromium, recordedPage } from "./harness.mjs";
import { startServer } from "../scripts/lib/serve.mjs";

const CANARY = "Zq7Canary";
const SERVE = fileURLToPath(new URL("../scripts/lib/serve.mjs", import.meta.url));

/** Listens on a free loopback port; resolves to the port. */
function listen(server) {
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });
}

const close = (server) => new Promise((resolve) => server.close(resolve));

/**
 * A developer's app: one empty page with a strict CSP of its own that lets
 * in the SDK (script and wasm fetch) from the player origin and frames from
 * `frames`, as docs/headers.md tells a customer page to.
 */
function appServer(config) {
  return createServer((req, res) => {
    if (new URL(req.url, "http://x").pathname !== "/") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": [
        "default-src 'self'",
        `script-src 'self' ${config.player} 'wasm-unsafe-eval'`,
        `connect-src 'self' ${config.player}`,
        `frame-src ${config.frames.join(" ")}`,
        "style-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "object-src 'none'",
      ].join("; "),
    });
    res.end('<!doctype html><html lang="en"><title>An app on its dev server</title><link rel="icon" href="data:,"><h1>My app</h1>');
  });
}

const env = {};
// Two apps: one whose origin the player server lists, one it does not.
const config = { player: "", frames: [] };
const apps = [appServer(config), appServer(config)];

before(async () => {
  const [appPort, strangerPort] = await Promise.all(apps.map(listen));
  // A port nobody listens on: the player's server "cannot be reached".
  const gone = createServer();
  const deadPort = await listen(gone);
  await close(gone);
  env.appOrigin = `http://localhost:${appPort}`;
  env.strangerOrigin = `http://localhost:${strangerPort}`;
  env.deadOrigin = `http://127.0.0.1:${deadPort}`;
  env.server = await startServer(0, { embedOrigins: [env.appOrigin] });
  env.playerOrigin = `http://127.0.0.1:${env.server.address().port}`;
  config.player = env.playerOrigin;
  config.frames = [env.playerOrigin, env.deadOrigin];
  env.browser = await launchChromium();
});

after(async () => {
  await env.browser?.close();
  await Promise.all([env.server, ...apps].filter(Boolean).map(close));
});

const { mount, waitFor, events } = embedHelpers(env);

/** The app page at `origin`, recorded (harness.mjs). */
async function appPage(origin) {
  const recorded = await recordedPage(env);
  await recorded.page.goto(`${origin}/`);
  return recorded;
}

describe("embedding from another origin", () => {
  test("an app on an origin the server lists (embedOrigins) embeds the player, and it renders", async () => {
    const headers = (await fetch(`${env.playerOrigin}/player.html`)).headers;
    const ancestors = directives(headers.get("content-security-policy"))["frame-ancestors"];
    const port = new URL(env.playerOrigin).port;
    assert.deepEqual(ancestors, [env.playerOrigin, `http://localhost:${port}`, env.appOrigin], "its own two origins first");
    const { context, page, record } = await appPage(env.appOrigin);
    await mount(page, "a", { template: "greeting", data: { first_name: "Ann" } });
    const ready = await waitFor(page, "a", "ready");
    assert.equal(ready.duration, 4);
    await waitFor(page, "a", "rendered");
    assert.ok(!(await events(page, "a")).includes("error"));
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("an app on an origin the server does not list gets player-unavailable, not player-timeout, naming frame-ancestors", async () => {
    const { context, page, record } = await appPage(env.strangerOrigin);
    // Far beyond the test's wait: only the early detection can explain an error.
    await mount(page, "a", { template: "greeting", data: { first_name: CANARY }, timeout: 60000 });
    const error = await waitFor(page, "a", "error");
    assert.equal(error.code, "player-unavailable");
    assert.match(error.message, /frame-ancestors/);
    assert.match(error.message, /PERCUS_EMBED_ORIGINS/);
    assert.ok(error.message.includes(env.strangerOrigin), `names the app's origin: ${error.message}`);
    assert.ok(error.message.includes(`${env.playerOrigin}/player.html`), `names the player page: ${error.message}`);
    assert.ok(!error.message.includes("template="), "only the player URL's origin and path");
    assert.ok(!JSON.stringify(error).includes(CANARY), "never the data");
    assert.deepEqual(await events(page, "a"), ["error"]);
    // The browser refused the player page: none of its scripts were fetched.
    const fetched = record.requests.map((r) => r.url).filter((url) => url.startsWith(`${env.playerOrigin}/`));
    assert.ok(fetched.some((url) => url.startsWith(`${env.playerOrigin}/player.html`)), fetched.join("\n"));
    assert.ok(!fetched.some((url) => url.includes("player-boot.js") || url.includes("/pkg/player/")), fetched.join("\n"));
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a wrong player URL (a 404 on the player origin) gets player-unavailable", async () => {
    const { context, page, record } = await appPage(env.appOrigin);
    await mount(page, "a", { player: `${env.playerOrigin}/nope.html`, template: "greeting", data: { first_name: "Ann" }, timeout: 60000 });
    const error = await waitFor(page, "a", "error");
    assert.equal(error.code, "player-unavailable");
    assert.ok(error.message.includes(`${env.playerOrigin}/nope.html`), error.message);
    assert.match(error.message, /player\.html/);
    assert.deepEqual(await events(page, "a"), ["error"]);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("an unreachable player server gets player-unavailable, and nothing after it", async () => {
    const { context, page, record } = await appPage(env.appOrigin);
    await mount(page, "a", { player: `${env.deadOrigin}/player.html`, template: "greeting", data: { first_name: "Ann" }, timeout: 60000 });
    const error = await waitFor(page, "a", "error");
    assert.equal(error.code, "player-unavailable");
    assert.match(error.message, /unreachable/);
    assert.ok(error.message.includes(env.deadOrigin), error.message);
    // The embed is over: no player-timeout follows (this one's is short).
    await mount(page, "b", { player: `${env.deadOrigin}/player.html`, template: "greeting", data: { first_name: "Ann" }, timeout: 1500 });
    assert.equal((await waitFor(page, "b", "error")).code, "player-unavailable");
    await page.waitForTimeout(2500);
    assert.deepEqual(await events(page, "a"), ["error"]);
    assert.deepEqual(await events(page, "b"), ["error"]);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("lazy loading", () => {
  test("an embed far below the fold neither loads nor times out until scrolled near; then it renders", async () => {
    const { context, page, record } = await appPage(env.appOrigin);
    await page.evaluate(() => {
      const spacer = document.createElement("div");
      spacer.style.height = "10000px";
      document.body.append(spacer);
    });
    // A short timeout, counted from the player's page loading: had the iframe
    // loaded (or the timer started at mount), an event would have come.
    const timeout = 5000;
    await mount(page, "lazy", { template: "greeting", data: { first_name: "Ann" }, timeout });
    await page.waitForTimeout(timeout + 2000);
    assert.deepEqual(await events(page, "lazy"), [], "no ready, rendered or error");
    const player = () => record.requests.filter((r) => r.url.startsWith(`${env.playerOrigin}/player.html`));
    assert.deepEqual(player(), [], "the player page was not even requested");
    await page.evaluate(() => document.getElementById("lazy").scrollIntoView());
    await waitFor(page, "lazy", "rendered");
    const seen = await events(page, "lazy");
    assert.ok(!seen.includes("error"), seen.join());
    assert.ok(seen.indexOf("ready") < seen.indexOf("rendered"), seen.join());
    assert.equal(player().length, 1);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

/**
 * Runs `node scripts/lib/serve.mjs` on a free port with PERCUS_EMBED_ORIGINS set
 * to `origins`; resolves when it exits, or when it prints its address (the
 * process is then stopped), with its output. Fails after 15 s of neither.
 */
function runServe(origins) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVE], {
      env: { ...process.env, PORT: "0", PERCUS_EMBED_ORIGINS: origins },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve.mjs neither exited nor started:\n${stdout}${stderr}`));
    }, 15000);
    child.stdout.on("data", async (chunk) => {
      stdout += chunk;
      const port = stdout.match(/http:\/\/localhost:(\d+)\//)?.[1];
      if (!port || !stdout.includes("Ctrl-C")) return;
      clearTimeout(timer);
      try {
        const csp = (await fetch(`http://127.0.0.1:${port}/player.html`)).headers.get("content-security-policy");
        resolve({ started: true, stdout, stderr, port, csp });
      } catch (error) {
        reject(error);
      } finally {
        child.kill();
      }
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ started: false, code, stdout, stderr });
    });
  });
}

describe("PERCUS_EMBED_ORIGINS", () => {
  test("npm start's server adds the origins it names to frame-ancestors, and prints them", async () => {
    const run = await runServe(" http://localhost:5173,http://127.0.0.1:5173 ");
    assert.equal(run.started, true, run.stderr);
    const ancestors = directives(run.csp)["frame-ancestors"];
    assert.deepEqual(ancestors, [
      `http://127.0.0.1:${run.port}`,
      `http://localhost:${run.port}`,
      "http://localhost:5173",
      "http://127.0.0.1:5173",
    ]);
    assert.ok(run.stdout.includes("http://localhost:5173 http://127.0.0.1:5173"), run.stdout);
  });

  test("a value that is not a plain origin stops the server at start, naming it", async () => {
    for (const [value, named] of [
      ["http://localhost:5173/", "http://localhost:5173/"],
      ["http://localhost:5173 *", "*"],
      ["http://localhost:5173; script-src 'unsafe-inline'", "http://localhost:5173;"],
      ["'self'", "'self'"],
      ["localhost:5173", "localhost:5173"],
      ["http://*.example.com", "http://*.example.com"],
    ]) {
      const run = await runServe(value);
      assert.equal(run.started, false, `started with ${value}`);
      assert.notEqual(run.code, 0, value);
      assert.match(run.stderr, /PERCUS_EMBED_ORIGINS/, value);
      assert.ok(run.stderr.includes(JSON.stringify(named)), `names ${named}: ${run.stderr}`);
    }
  });
});
