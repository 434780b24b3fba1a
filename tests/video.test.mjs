// Templates over a background video (the "footage" demo template), in
// headless Chromium through the embed SDK: the video comes from the
// package's checked bytes, the animation follows the frames the video
// presents (compared pixel by pixel: the video's timecode block and the
// Lottie Playhead move 3 px per frame, scripts/generators/make-demo-video.sh), through
// playback, seeks and the end; captions are TextTrack cues in memory; sound
// starts muted and has a labelled control; the iframe takes the template's
// aspect ratio; DESTROY releases the video and everything bound.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { embedHelpers, inJsHeap, recordedPage, sharedEnv } from "./harness.mjs";

const CANARY = "Vx4Canary";

const env = sharedEnv();
const { mount, waitFor, call, playerFrame } = embedHelpers(env);

/** A host page with the footage template playing for `first_name`. */
async function footagePage(options = {}, init = null) {
  const recorded = await recordedPage(env);
  if (init) await recorded.context.addInitScript(init);
  await recorded.page.goto(`${env.hostOrigin}/test/host.html`);
  await mount(recorded.page, "a", { template: "footage", data: { first_name: CANARY }, ...options });
  await waitFor(recorded.page, "a", "rendered");
  return { ...recorded, frame: playerFrame(recorded.page, "footage") };
}

/**
 * Which frame the viewer sees of the video (its timecode block, centred at
 * x = 28 + 3n) and of the animation (the Playhead's tip, at x = 28 + 3n):
 * read off one screenshot of the player, so both are the same composited
 * moment, with brightness- and colour-weighted centroids (the video is
 * lossy, the canvas anti-aliased). Also the video element's state.
 */
async function shownFrames(page, frame) {
  const box = await page.locator("#a iframe").boundingBox();
  const png = (await page.screenshot({ clip: box })).toString("base64");
  const seen = await page.evaluate(async (png) => {
    const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    const scale = Math.min(bitmap.width / 640, bitmap.height / 360);
    const [ox, oy] = [(bitmap.width - 640 * scale) / 2, (bitmap.height - 360 * scale) / 2];
    const centroid = (y, weight) => {
      const data = ctx.getImageData(0, Math.round(oy + y * scale), bitmap.width, 1).data;
      let [sum, total] = [0, 0];
      for (let x = 0; x < bitmap.width; x++) {
        const w = Math.max(0, weight(data[4 * x], data[4 * x + 1], data[4 * x + 2]));
        sum += w * (x + 0.5);
        total += w;
      }
      return ((sum / total - ox) / scale - 28) / 3;
    };
    return {
      video: centroid(336, (r, g, b) => Math.min(r, g, b) - 150), // white on the dark strip
      animation: centroid(316, (r, g, b) => r + g - 2 * b - 200), // yellow over teal
    };
  }, png);
  const state = await frame.evaluate(() => {
    const video = document.getElementById("video");
    return { time: video.currentTime, paused: video.paused };
  });
  return { ...seen, ...state };
}

describe("background video", () => {
  test("plays muted from the package's checked bytes, with the animation over it", async () => {
    const { context, page, record, frame } = await footagePage();
    const state = await frame.evaluate(async () => {
      const video = document.getElementById("video");
      const start = video.currentTime;
      await new Promise((resolve) => setTimeout(resolve, 600));
      return { hidden: video.hidden, src: video.src, muted: video.muted, moved: video.currentTime - start };
    });
    assert.equal(state.hidden, false);
    assert.ok(state.src.startsWith("blob:"), "an object URL of the checked bytes, not the package URL");
    assert.equal(state.muted, true, "browsers let only muted media start on their own");
    assert.ok(state.moved > 0.2, `the video plays (moved ${state.moved} s)`);
    const fetched = record.requests.filter((r) => r.url.includes("/templates/footage/footage.webm"));
    assert.equal(fetched.length, 1, "fetched once, before READY, as bytes");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("the animation shows the frame the video shows: playing, stalled, after seeks", async () => {
    const { context, page, frame } = await footagePage();
    // Playing: what the viewer sees lines up. A loaded 2-core machine can
    // delay one screenshot's canvas; the median must be within a frame.
    const samples = [];
    for (let i = 0; i < 12; i++) {
      await page.waitForTimeout(150);
      samples.push(await shownFrames(page, frame));
    }
    const gaps = samples.map((s) => Math.abs(s.video - s.animation)).sort((a, b) => a - b);
    assert.ok(gaps.every(Number.isFinite), JSON.stringify(samples));
    assert.ok(gaps[6] <= 1 && gaps[11] <= 3, `out of sync while playing: ${JSON.stringify(samples)}`);
    assert.ok(samples.at(-1).time !== samples[0].time, "it played");
    // A stall (the video holds while the player plays): the animation holds
    // on exactly the video's frame, and goes on with it.
    await frame.evaluate(() => document.getElementById("video").pause());
    await page.waitForTimeout(300);
    const stalled = await shownFrames(page, frame);
    await page.waitForTimeout(300);
    const still = await shownFrames(page, frame);
    assert.ok(Math.abs(stalled.video - stalled.animation) <= 1, `stalled: ${JSON.stringify(stalled)}`);
    assert.ok(Math.abs(still.animation - stalled.animation) <= 0.1, "held while the video held");
    await frame.evaluate(() => document.getElementById("video").play());
    await page.waitForTimeout(400);
    const resumed = await shownFrames(page, frame);
    assert.ok(resumed.animation > still.animation + 3 || resumed.animation < still.animation, "went on with the video");
    // Paused, then seeks by time and by frame: both land on the same frame.
    await call(page, "a", "pause");
    for (const [method, target, expected] of [
      ["seek", 2.5, 75],
      ["seekToFrame", 120, 120],
      ["seekToFrame", 3, 3],
    ]) {
      await call(page, "a", method, target);
      await frame.waitForFunction((t) => Math.abs(document.getElementById("video").currentTime * 30 - t) < 0.5, expected);
      await page.waitForTimeout(200); // the sought frame is decoded and presented
      const s = await shownFrames(page, frame);
      assert.ok(Math.abs(s.video - expected) <= 0.5, `video after ${method}(${target}): ${JSON.stringify(s)}`);
      assert.ok(Math.abs(s.animation - expected) <= 0.5, `animation after ${method}(${target}): ${JSON.stringify(s)}`);
    }
    await context.close();
  });

  test("without loop it ends with the video: ENDED, both on the last frame", async () => {
    const { context, page, frame } = await footagePage({ loop: false, poster: 5.5, autoplay: false });
    await call(page, "a", "play");
    await waitFor(page, "a", "ended", 1, 5000);
    await page.waitForTimeout(200);
    const s = await shownFrames(page, frame);
    assert.equal(s.paused, true);
    assert.ok(Math.abs(s.animation - 179) <= 1 && Math.abs(s.video - s.animation) <= 1, JSON.stringify(s));
    await context.close();
  });

  test("a marker segment loops inside the video", async () => {
    const { context, page, frame } = await footagePage({ segment: "offer", speed: 4 });
    // offer = frames 30..180: at 4x it wraps every 1.25 s.
    const seen = [];
    for (let i = 0; i < 16; i++) {
      await page.waitForTimeout(120);
      seen.push(await shownFrames(page, frame));
    }
    // At 4x a video frame lasts 8 ms: the median within three (25 ms).
    assert.ok(seen.every((s) => s.animation >= 29 && s.video >= 29), JSON.stringify(seen));
    const gaps = seen.map((s) => Math.abs(s.video - s.animation)).sort((a, b) => a - b);
    assert.ok(gaps[8] <= 3, JSON.stringify(seen));
    const wrapped = seen.some((s, i) => i > 0 && s.animation < seen[i - 1].animation);
    assert.ok(wrapped, `looped back to the segment's start: ${JSON.stringify(seen.map((s) => s.animation))}`);
    await context.close();
  });

  test("sound: starts muted; the labelled control unmutes it; INIT may ask for sound", async () => {
    const { context, page, frame } = await footagePage({ controls: true });
    const sound = frame.locator("#sound");
    assert.equal(await sound.isVisible(), true);
    assert.equal(await sound.textContent(), "Unmute");
    await sound.focus();
    await page.keyboard.press("Enter");
    assert.equal(await frame.evaluate(() => document.getElementById("video").muted), false);
    assert.equal(await sound.textContent(), "Mute");
    // Without controls, no sound button (and none for templates without video).
    await mount(page, "b", { template: "footage", data: { first_name: "Bo" }, muted: false });
    await waitFor(page, "b", "rendered");
    const frames = page.frames().filter((f) => f.url().includes("template=footage"));
    assert.equal(await frames[1].locator("#sound").isVisible(), false);
    assert.equal(await frames[1].evaluate(() => document.getElementById("video").muted), false, "INIT muted: false");
    await context.close();
  });

  test("captions are TextTrack cues built in memory, replaced with the data", async () => {
    const { context, page, frame } = await footagePage({ captions: true });
    const cues = () =>
      frame.evaluate(() => {
        const track = document.getElementById("video").textTracks[0];
        return { kind: track.kind, cues: [...(track.cues || [])].map((c) => [c.startTime, c.endTime, c.text]) };
      });
    assert.deepEqual(await cues(), {
      kind: "captions",
      cues: [
        [0, 3, `Welcome, ${CANARY}!`],
        [3, 6, "Your offer is ready."],
      ],
    });
    assert.equal(await frame.evaluate(() => document.querySelector("track")), null, "no <track> element, no URL");
    // New data: new cues, and the old ones (with the canary) are gone.
    await call(page, "a", "update", { first_name: "Bo" });
    await waitFor(page, "a", "rendered", 2);
    assert.deepEqual((await cues()).cues[0], [0, 3, "Welcome, Bo!"]);
    assert.equal(await inJsHeap(context, frame, CANARY), false, "the canary is not in the player's JS heap");
    await context.close();
  });

  test("DESTROY releases the video: stopped, its object URL revoked, its cues and the canary gone", async () => {
    const { context, page, frame } = await footagePage({ captions: true });
    const url = await frame.evaluate(() => document.getElementById("video").src);
    // Keep the iframe after destroy, to look inside the player.
    await page.evaluate(() => {
      document.querySelector("#a iframe").remove = () => {};
      window.__embeds.a.destroy();
    });
    await frame.waitForFunction(() => !document.getElementById("video").hasAttribute("src"));
    const after = await frame.evaluate(async (url) => {
      const video = document.getElementById("video");
      const revoked = await fetch(url).then(
        () => false,
        () => true,
      );
      return { paused: video.paused, revoked, cues: video.textTracks[0].cues.length };
    }, url);
    assert.deepEqual(after, { paused: true, revoked: true, cues: 0 });
    assert.equal(await inJsHeap(context, frame, CANARY), false, "the canary is not in the player's JS heap");
    await context.close();
  });

  test("a browser without video frame callbacks still plays in sync by currentTime, without errors", async () => {
    const { context, page, record, frame } = await footagePage({}, () => {
      delete HTMLVideoElement.prototype.requestVideoFrameCallback;
    });
    await page.waitForTimeout(500);
    await call(page, "a", "pause");
    await call(page, "a", "seekToFrame", 90);
    await frame.waitForFunction(() => Math.abs(document.getElementById("video").currentTime * 30 - 90) < 0.5);
    await page.waitForTimeout(200);
    const s = await shownFrames(page, frame);
    assert.ok(Math.abs(s.video - 90) <= 0.5 && Math.abs(s.animation - 90) <= 0.5, JSON.stringify(s));
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("the iframe takes the template's aspect ratio unless the host set one", async () => {
    const { context, page } = await footagePage();
    await mount(page, "b", { template: "footage", data: { first_name: "Bo" }, aspectRatio: "1 / 1" });
    await waitFor(page, "b", "rendered");
    const ratios = await page.evaluate(() => ["a", "b"].map((id) => document.querySelector(`#${id} iframe`).style.aspectRatio));
    // CSSOM serializes a ratio as "a / b", rounded.
    const [w, h = 1] = ratios[0].split("/").map(Number);
    assert.ok(Math.abs(w / h - 640 / 360) < 1e-4, ratios[0]);
    assert.equal(ratios[1], "1 / 1");
    await context.close();
  });
});
