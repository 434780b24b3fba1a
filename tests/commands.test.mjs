// Commands compose in any order: every ordered pair of play, pause, seek,
// seekToFrame and update, sent back to back through the SDK, leaves the
// player showing exactly what a fresh player would show in the state the
// pair asked for: the same pixels on the canvas and the same caption line
// as a player mounted straight at that time with that data (INIT's
// `poster`, another code path), and the time the host was told is that
// time. (Issue 21: `seek` then `pause` reported the new time but left the
// canvas and captions on the frame before the seek.)
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { embedHelpers, recordedPage, sharedEnv } from "./harness.mjs";

const env = sharedEnv();
const { mount, waitFor, call } = embedHelpers(env);

// greeting: 640 × 360, 30 fps, frames 0..120 (4 s); captions "Hi {first_name}!"
// from 0 to 2 s, "Good to see you again." from 2 to 4 s.
const FPS = 30;
const SEEK_TIME = 3; // second caption, a different frame
const SEEK_FRAME = 45; // 1.5 s: the first caption, a different frame
const FIRST = { first_name: "Ann" };
const SECOND = { first_name: "Bo" };
// Mounted paused at a poster frame where the name shows (INIT and update go there).
const POSTER = 1;
const OPTIONS = { template: "greeting", autoplay: false, captions: true, poster: POSTER };

/**
 * What each command does to the state a host expects (`time` null: wherever
 * the moving clock is), and the event it answers with.
 */
const COMMANDS = {
  play: { args: [], apply: (s) => (s.playing ? null : ((s.playing = true), (s.time = null), "play")) },
  pause: { args: [], apply: (s) => (s.playing ? ((s.playing = false), "pause") : null) },
  seek: { args: [SEEK_TIME], apply: (s) => ((s.time = SEEK_TIME), "timeupdate") },
  seekToFrame: { args: [SEEK_FRAME], apply: (s) => ((s.time = SEEK_FRAME / FPS), "timeupdate") },
  // INIT again: the new data, back to the poster frame, playing as the
  // mount's `autoplay` says.
  update: {
    args: [SECOND],
    apply: (s) => ((s.data = SECOND), (s.playing = s.autoplay), (s.time = s.autoplay ? null : POSTER), "rendered"),
  },
};

let serial = 0;

/** A new embed, rendered; returns its name. */
async function mounted(page, options) {
  const name = `e${serial++}`;
  await mount(page, name, { ...OPTIONS, ...options });
  await waitFor(page, name, "rendered");
  return name;
}

/** The player frame of embed `name` (its holder's iframe). */
async function frameOf(page, name) {
  const handle = await page.$(`#${name} iframe`);
  return handle.contentFrame();
}

/** Lets the player draw: a frame asked for before now is on the canvas after two more. */
const frames = (player) =>
  player.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));

/** The canvas's pixels (base64 RGBA), its size and the caption line. */
async function shown(page, name) {
  const player = await frameOf(page, name);
  await frames(player);
  return player.evaluate(() => {
    const canvas = document.querySelector("canvas");
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let binary = "";
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    const captions = document.getElementById("captions");
    return { width: canvas.width, height: canvas.height, pixels: btoa(binary), caption: captions.hidden ? null : captions.textContent };
  });
}

/** Channel values that differ by more than 2 between two captures. */
function differing(a, b) {
  const x = Buffer.from(a.pixels, "base64");
  const y = Buffer.from(b.pixels, "base64");
  if (x.length !== y.length) return Infinity;
  let count = 0;
  for (let i = 0; i < x.length; i++) if (Math.abs(x[i] - y[i]) > 2) count++;
  return count;
}

const count = (page, name, event) => page.evaluate(({ name, event }) => window.__log[name].filter((e) => e.event === event).length, { name, event });
const lastTime = (page, name) => page.evaluate((name) => window.__log[name].filter((e) => e.event === "timeupdate").at(-1)?.time, name);

describe("commands in any order", () => {
  test("every pair of play, pause, seek, seekToFrame and update, paused or playing, shows the pair's frame, data and caption", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    const references = new Map();
    const reference = async (data, time) => {
      const key = `${data.first_name}@${time}`;
      if (!references.has(key)) {
        const name = await mounted(page, { data, poster: time });
        references.set(key, await shown(page, name));
        await call(page, name, "destroy");
      }
      return references.get(key);
    };
    // The pairs can only fail when the frames they move to look different.
    const start = await reference(FIRST, POSTER);
    assert.ok(differing(start, await reference(FIRST, SEEK_TIME)) > 1000, "the seek's frame differs from the poster");
    assert.ok(differing(start, await reference(FIRST, SEEK_FRAME / FPS)) > 1000, "so does seekToFrame's");
    assert.ok(differing(start, await reference(SECOND, POSTER)) > 100, "and the second viewer's");
    assert.notEqual(start.caption, (await reference(FIRST, SEEK_TIME)).caption);

    const failures = [];
    // From a paused player and from a playing one (the pause that follows
    // a seek then stops a moving clock).
    const names = Object.keys(COMMANDS);
    const cases = [false, true].flatMap((autoplay) => names.flatMap((first) => names.map((second) => [autoplay, first, second])));
    for (const [autoplay, first, second] of cases) {
      const name = await mounted(page, { data: FIRST, autoplay });
      if (autoplay) await waitFor(page, name, "play");
      const state = { autoplay, playing: autoplay, time: autoplay ? null : POSTER, data: FIRST };
      const pair = `${autoplay ? "playing" : "paused"}, ${first}+${second}`;
      const before = {};
      for (const event of ["play", "pause", "timeupdate", "rendered"]) before[event] = await count(page, name, event);
      const answers = [first, second].map((c) => COMMANDS[c].apply(state)).filter(Boolean);
      // Back to back, in one task of the host page.
      await page.evaluate(
        ({ name, calls }) => {
          for (const [method, args] of calls) window.__embeds[name][method](...args);
        },
        { name, calls: [first, second].map((c) => [c, COMMANDS[c].args]) },
      );
      const missing = [];
      for (const event of new Set(answers)) {
        // An INIT replaced before its first frame was drawn is never
        // drawn: one RENDERED, for the newer data (PROTOCOL.md).
        const times = event === "rendered" ? 1 : answers.filter((a) => a === event).length;
        await waitFor(page, name, event, before[event] + times, 5000).catch(() => missing.push(event));
      }
      if (missing.length) {
        failures.push(`${pair}: no ${missing.join(", ")} came`);
        await call(page, name, "destroy");
        continue;
      }
      if (state.playing) {
        // Playing: stop it, and compare at the time the pause reports.
        const pauses = await count(page, name, "pause");
        await call(page, name, "pause");
        await waitFor(page, name, "pause", pauses + 1);
        state.time = await lastTime(page, name);
      } else {
        // No TIMEUPDATE yet: where the host put it (`poster`).
        const told = (await lastTime(page, name)) ?? POSTER;
        if (state.time === null) state.time = told; // paused where the clock was
        else if (Math.abs(told - state.time) > 1e-9) failures.push(`${pair}: the host was told ${told} s, not ${state.time} s`);
      }
      const got = await shown(page, name);
      const want = await reference(state.data, state.time);
      const diff = differing(got, want);
      if (diff > 0) failures.push(`${pair}: ${diff} channel values differ from ${state.data.first_name} at ${state.time} s`);
      if (got.caption !== want.caption) failures.push(`${pair}: caption ${JSON.stringify(got.caption)}, not ${JSON.stringify(want.caption)}`);
      // (By now the player has answered everything it will.) At most one
      // RENDERED per INIT, none without: two only when an animation frame
      // came between the two messages and drew the first.
      const rendered = (await count(page, name, "rendered")) - before.rendered;
      const inits = answers.filter((a) => a === "rendered").length;
      if (rendered > inits || (inits > 0 && rendered < 1)) failures.push(`${pair}: ${rendered} RENDERED for ${inits} INIT(s)`);
      await call(page, name, "destroy");
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});
