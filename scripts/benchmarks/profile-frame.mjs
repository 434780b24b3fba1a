// Where the time of a frame goes, Percus against lottie-web's canvas
// renderer, from a CPU profile (Chrome's sampling profiler through the
// DevTools protocol, 50 µs samples) of the same frames of a corpus file:
// each draws PROFILED_FRAMES (FRAMES, default 60) evenly spaced frames
// (definitions.mjs), each followed by a one-pixel readback, as `npm run
// bench` times them. Self time is grouped:
// the renderer's own code (Percus: its wasm and glue; lottie-web: its
// script), each Canvas2D call (natives, by name), the readback (where
// Chromium rasterises what was recorded), garbage collection, the rest.
//
//   node scripts/benchmarks/profile-frame.mjs lottie-web__banner.json [more files]
//
// Needs the built www/pkg (npm run build). Prints a Markdown table a file.
import { readFileSync } from "node:fs";
import { setUp } from "../lib/browser.mjs";
import { CORPUS, PROFILED, PROFILED_FRAMES as FRAMES, fitSize, timedFrames } from "./definitions.mjs";
import { loadPeer, openPeer, pageMaker, percusPeer } from "./peers.mjs";

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: node scripts/benchmarks/profile-frame.mjs <corpus file>...");
  process.exit(2);
}

/** Self time (ms) by group, from a CDP Profiler profile. */
function selfTimes(profile, ownCode) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const groups = new Map();
  profile.samples.forEach((id, i) => {
    const { functionName, url } = byId.get(id).callFrame;
    let group;
    if (functionName === "(garbage collector)") group = "garbage collection";
    else if (/^\((program|idle|root)\)$/.test(functionName)) group = "(program), (idle)";
    else if (functionName === "getImageData") group = "readback (Chromium rasterises here)";
    else if (ownCode(url, functionName) || /^(wasm-to-js|js-to-wasm)$/.test(functionName)) group = "renderer code (JS or wasm)";
    else if (!url && /^[a-z][A-Za-z]*$/.test(functionName) && !["draw", "readback", "decode"].includes(functionName)) group = `Canvas2D: ${functionName}`;
    else group = "other";
    groups.set(group, (groups.get(group) || 0) + (profile.timeDeltas[i] || 0) / 1000);
  });
  return groups;
}

async function profileFrames(page, frames) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  await page.evaluate(async (frames) => {
    for (const frame of frames) {
      await window.peer.draw(frame);
      window.peer.readback();
    }
  }, frames);
  const { profile } = await cdp.send("Profiler.stop");
  await cdp.detach();
  return profile;
}

const env = await setUp();
const newPage = pageMaker(env.browser, [env.hostOrigin, env.playerOrigin], { isolate: true });
try {
  for (const file of files) {
    const jsonText = readFileSync(CORPUS + file, "utf8");
    const doc = JSON.parse(jsonText);
    const { width, height } = fitSize(doc.w, doc.h);
    const frames = timedFrames(doc.ip, doc.op, FRAMES);
    const rows = {};
    for (const name of PROFILED) {
      const page = await newPage();
      if (name === "percus") await percusPeer(page, `${env.playerOrigin}/frame.html`);
      else await openPeer(page, env.hostOrigin, name);
      const loaded = await loadPeer(page, jsonText, width, height);
      if (loaded.error) throw new Error(`${name}: ${loaded.error}`);
      if (name !== "percus") await page.evaluate(() => (window.peer.force = true)); // draw every frame
      const own =
        name === "percus"
          ? (url, fn) => url.includes("/pkg/frame/") || url.startsWith("wasm://") || /^\$|^wasm-function/.test(fn)
          : (url) => url.includes("/__peers/");
      rows[name] = selfTimes(await profileFrames(page, frames), own);
      await page.context().close();
    }
    const groups = [...new Set(Object.values(rows).flatMap((g) => [...g.keys()]))];
    const total = (name) => [...rows[name].values()].reduce((a, b) => a + b, 0);
    const ms = (v) => (v / FRAMES).toFixed(3);
    console.log(`\n${file} (${width}×${height}, ${FRAMES} frames; self time per frame, ms)\n`);
    console.log("| | Percus | lottie-web canvas (every frame drawn) |\n|---|---|---|");
    const sorted = groups.sort((a, b) => (rows.percus.get(b) || 0) - (rows.percus.get(a) || 0));
    for (const g of sorted) console.log(`| ${g} | ${ms(rows.percus.get(g) || 0)} | ${ms(rows["lottie-web-canvas"].get(g) || 0)} |`);
    console.log(`| **total** | **${ms(total("percus"))}** | **${ms(total("lottie-web-canvas"))}** |`);
  }
} finally {
  await env.close();
}
