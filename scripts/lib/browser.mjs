// Debian's Chromium driven by playwright-core (never a downloaded browser),
// beside the www server (serve.mjs) on a free port. Host pages are opened on
// http://localhost:PORT, the player is served from http://127.0.0.1:PORT:
// two origins, as in production.
//
// Shared (scripts/lib/): the browser tests (tests/harness.mjs), the
// benchmarks (scripts/benchmarks/) and the preview screenshots
// (scripts/generators/preview-screenshots.mjs) all launch Chromium here.
import { chromium } from "playwright-core";
import { startServer } from "./serve.mjs";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * Headless Chromium: Debian's /usr/bin/chromium, or the one CHROMIUM names;
 * `extraArgs` after CHROMIUM_ARGS (a benchmark's V8 flags).
 */
export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/**
 * The www server on a free port and a browser. `testPages`: a folder the
 * server also serves under /test/ (host pages of the tests or benchmarks);
 * `chromiumArgs`: more command-line switches for the browser.
 * Resolves to { server, browser, hostOrigin, playerOrigin, close() }.
 */
export async function setUp({ testPages, chromiumArgs = [] } = {}) {
  const server = await startServer(0, { testPages });
  const port = server.address().port;
  const browser = await launchChromium(chromiumArgs).catch(async (error) => {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  });
  return {
    server,
    browser,
    hostOrigin: `http://localhost:${port}`,
    playerOrigin: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A fresh browser context and page that records everything a leak could go
 * through: every request of every frame (URL, headers, body), console lines,
 * uncaught exceptions, and PERCUS messages that reach the host page.
 */
export async function recordedPage(env, contextOptions = {}) {
  const context = await env.browser.newContext(contextOptions);
  const page = await context.newPage();
  const record = { requests: [], console: [], pageErrors: [] };
  context.on("request", (request) => {
    record.requests.push({
      url: request.url(),
      headers: JSON.stringify(request.headers()),
      body: request.postData() || "",
    });
  });
  context.on("console", (message) => record.console.push(message.text()));
  page.on("pageerror", (error) => record.pageErrors.push(String(error)));
  return { context, page, record };
}
