// The player as viewers get it, in headless Chromium: for each demo
// template, the time from INIT to the first frame with the data (the SDK
// posts INIT on its port; the player answers RENDERED after drawing), the
// time from the SDK's `mount` call to that RENDERED (what a customer's page
// waits: iframe, player page, wasm, template files, binding, drawing), and
// the frames dropped during 10 s of playback (gaps between the player page's
// animation frames longer than one display frame).
//
// The templates and their data, RUNS and SECONDS are in definitions.mjs;
// the host page is pages/host.html (served under /test/).
//
//   node scripts/benchmarks/bench-player.mjs            # prints a Markdown table
//   RUNS=5 SECONDS=5 node scripts/benchmarks/bench-player.mjs
//   LOCALE=de-DE node scripts/benchmarks/bench-player.mjs  # mount with a locale, as the demo page does
//   LATENCY=50 node scripts/benchmarks/bench-player.mjs    # every request of every frame held 50 ms first,
//                                                          # as a server a round trip away (localhost has none)
//
// Needs the built www/pkg (npm run build). A benchmark, not a test: absolute
// times on a shared 2-core machine are noisy; the load average is printed.
import { cpus, loadavg } from "node:os";
import { recordedPage, setUp } from "../lib/browser.mjs";
import { PLAYBACK_SECONDS as SECONDS, PLAYER_RUNS as RUNS, PLAYER_TEMPLATES as TEMPLATES, needBuild } from "./definitions.mjs";

needBuild("www/pkg/embed/percus-embed.js", "www/pkg");
const LOCALE = process.env.LOCALE;
const LATENCY = Number(process.env.LATENCY || 0);

/** In every frame: when INIT leaves on a port, and each animation frame's time. */
function instrument() {
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (message, ...rest) {
    if (message?.type === "PERCUS/INIT") window.__initAt = performance.timeOrigin + performance.now();
    return post.call(this, message, ...rest);
  };
  window.__frames = [];
  const tick = (t) => {
    window.__frames.push(performance.timeOrigin + t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.ceil(pos)] - sorted[lo]) * (pos - lo);
};

async function run(env, template, data, withPlayback) {
  const { context, page } = await recordedPage(env);
  await context.addInitScript(instrument);
  if (LATENCY > 0) {
    await context.route("**/*", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, LATENCY));
      await route.continue();
    });
  }
  await page.goto(`${env.hostOrigin}/test/host.html`);
  await page.evaluate(
    async ({ playerOrigin, template, data, locale }) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      const holder = document.getElementById("video");
      holder.style.width = "640px";
      window.__mountAt = performance.timeOrigin + performance.now();
      const options = { player: `${playerOrigin}/player.html`, template, data };
      const embed = await mount(holder, locale ? { ...options, locale } : options);
      embed.on("rendered", () => (window.__renderedAt = performance.timeOrigin + performance.now()));
      embed.on("error", (e) => (window.__error = e.code));
    },
    { playerOrigin: env.playerOrigin, template, data, locale: LOCALE },
  );
  await page.waitForFunction(() => window.__renderedAt || window.__error, null, { timeout: 20000 });
  const { mountAt, initAt, renderedAt, error } = await page.evaluate(() => ({
    mountAt: window.__mountAt,
    initAt: window.__initAt,
    renderedAt: window.__renderedAt,
    error: window.__error,
  }));
  let dropped = null;
  if (withPlayback && !error) {
    const player = page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/player.html`));
    const start = await player.evaluate(() => window.__frames.length);
    await page.waitForTimeout(SECONDS * 1000);
    const frames = await player.evaluate((start) => window.__frames.slice(start), start);
    const period = quantile(
      frames.slice(1).map((t, i) => t - frames[i]),
      0.5,
    );
    dropped = frames.slice(1).reduce((sum, t, i) => sum + Math.max(0, Math.round((t - frames[i]) / period) - 1), 0);
    dropped = { dropped, frames: frames.length, period };
  }
  await context.close();
  return { firstFrameMs: renderedAt - initAt, mountMs: renderedAt - mountAt, error, dropped };
}

const env = await setUp({ testPages: new URL("./pages/", import.meta.url).pathname });
const rows = [];
try {
  for (const [template, data] of Object.entries(TEMPLATES)) {
    const times = [];
    const mounts = [];
    let playback = null;
    for (let i = 0; i < RUNS; i++) {
      const result = await run(env, template, data, i === 0);
      if (result.error) throw new Error(`${template}: ${result.error}`);
      times.push(result.firstFrameMs);
      mounts.push(result.mountMs);
      playback ??= result.dropped;
    }
    rows.push({ template, times, mounts, playback });
  }
} finally {
  await env.close();
}

const version = (await import("node:child_process")).execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8" }).trim();
console.log(`\n${version}; ${cpus().length} × ${cpus()[0].model}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`INIT → first frame and mount → first frame over ${RUNS} fresh pages per template${LOCALE ? `, mounted with locale ${LOCALE}` : ""}${LATENCY ? `, every request held ${LATENCY} ms` : ""}; dropped frames over ${SECONDS} s of playback.\n`);
console.log("| template | INIT → first frame, median (ms) | p90 (ms) | max (ms) | mount → first frame, median (ms) | p90 (ms) | frames in playback | dropped |");
console.log("|---|---|---|---|---|---|---|---|");
for (const { template, times, mounts, playback } of rows) {
  const f = (x) => x.toFixed(1);
  console.log(
    `| ${template} | ${f(quantile(times, 0.5))} | ${f(quantile(times, 0.9))} | ${f(Math.max(...times))} | ${f(quantile(mounts, 0.5))} | ${f(quantile(mounts, 0.9))} | ${playback.frames} (every ${playback.period.toFixed(1)} ms) | ${playback.dropped} |`,
  );
}
