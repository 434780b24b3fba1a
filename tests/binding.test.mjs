// Every kind of field the BindingEngine binds, in headless Chromium through
// the embed SDK, on the demo template "member" (scripts/generators/make-member-template.mjs):
// a photo passed as bytes (Blob, ArrayBuffer, typed array, ImageBitmap) and
// decoded in the player, a colour by layer property and by slot, a choice
// showing one variant, a flag, a percent scaling a bar; read back as pixels
// of the player's canvas. Bad values get PERCUS/ERROR with the field's name
// and a stable code, and nothing is ever fetched for an image.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { dumpStorage, embedHelpers, recordedPage, sharedEnv } from "./harness.mjs";

const env = sharedEnv();

/** A PNG signature and IHDR chunk declaring 60000 × 60000 RGBA pixels, and nothing else. */
const HUGE_PNG_HEADER = [
  ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  ...[0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
  ...[0, 0, 0xea, 0x60, 0, 0, 0xea, 0x60, 8, 6, 0, 0, 0],
  ...[0, 0, 0, 0],
];
const { waitFor, call, playerFrame } = embedHelpers(env);

/**
 * Installs `window.__build(spec)` in the host page: `spec` is the data with
 * binary values described, since Blobs cannot cross from Node (and the
 * page's CSP allows no eval): `{ $png: [w, h, colour, type?] }` is an
 * encoded image Blob, `{ $buffer: [w, h, colour] }` its ArrayBuffer,
 * `{ $pngTrailer: [w, h, colour, text] }` one with `text` after its end,
 * `{ $bitmap: [w, h, colour] }` an ImageBitmap, `{ $stripes: [w, h, [colours]] }`
 * a PNG Blob of equal vertical stripes, `{ $blobOf: [bytes] }` a Blob of
 * those bytes, `{ $bytes: n }` n zero bytes
 * (a Uint8Array), `{ $blob: n }` a Blob of n zero bytes.
 */
async function installBuilder(page) {
  await page.evaluate(() => {
    const canvas = (width, height, colour) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, width, height);
      return canvas;
    };
    const value = async (v) => {
      if (v?.$png) return canvas(...v.$png).convertToBlob({ type: v.$png[3] || "image/png" });
      // A PNG with text after its end (still an image): a canary in the bytes.
      if (v?.$pngTrailer) {
        const [width, height, colour, trailer] = v.$pngTrailer;
        const png = await canvas(width, height, colour).convertToBlob({ type: "image/png" });
        return new Blob([png, trailer], { type: "image/png" });
      }
      if (v?.$buffer) return (await canvas(...v.$buffer).convertToBlob({ type: "image/png" })).arrayBuffer();
      if (v?.$bitmap) return createImageBitmap(canvas(...v.$bitmap));
      if (v?.$stripes) {
        const [width, height, colours] = v.$stripes;
        const striped = canvas(width, height, colours[0]);
        const ctx = striped.getContext("2d");
        colours.forEach((colour, i) => {
          ctx.fillStyle = colour;
          ctx.fillRect((i * width) / colours.length, 0, width / colours.length, height);
        });
        return striped.convertToBlob({ type: "image/png" });
      }
      if (v?.$bytes !== undefined) return new Uint8Array(v.$bytes);
      if (v?.$blobOf) return new Blob([new Uint8Array(v.$blobOf)], { type: "image/png" });
      if (v?.$blob !== undefined) return new Blob([new Uint8Array(v.$blob)]);
      return v;
    };
    window.__build = async (spec) => {
      const data = {};
      for (const [key, v] of Object.entries(spec)) data[key] = await value(v);
      return data;
    };
  });
}

/** Sends `spec`'s data (see installBuilder) to the embed with `update`. */
async function update(page, spec) {
  await page.evaluate(async (spec) => window.__embeds.a.update(await window.__build(spec)), spec);
}

/**
 * Mounts "member" in a 480 px holder (canvas pixels = composition pixels)
 * held on frame 60 (the bar has grown in), with the data of `spec`.
 */
async function mountMember(page, spec, options = {}) {
  await installBuilder(page);
  await page.evaluate(
    async ({ playerOrigin, spec, options }) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      const data = await window.__build(spec);
      const holder = document.createElement("div");
      holder.id = "a";
      holder.style.width = "480px";
      document.body.append(holder);
      window.__log = { a: [] };
      const embed = await mount(holder, {
        player: `${playerOrigin}/player.html`,
        template: "member",
        data,
        autoplay: false,
        poster: 2,
        ...options,
      });
      for (const event of ["ready", "rendered", "play", "pause", "error"]) {
        embed.on(event, (detail) => window.__log.a.push({ event, ...detail }));
      }
      window.__embeds = { a: embed };
    },
    { playerOrigin: env.playerOrigin, spec, options },
  );
}

/** The player's canvas pixel at composition point (x, y), as "r,g,b". */
async function pixels(frame, points) {
  return frame.evaluate((points) => {
    const canvas = document.getElementById("stage");
    const ctx = canvas.getContext("2d");
    const scale = canvas.width / 480;
    return points.map(([x, y]) => [...ctx.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data.slice(0, 3)].join());
  }, points);
}

/** Whether colour "r,g,b" is within 6 per channel of `hex`. */
function near(rgb, hex) {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return rgb.split(",").every((c, i) => Math.abs(Number(c) - want[i]) <= 6);
}

describe("binding every field type", () => {
  test("a photo from bytes, colours by property and slot, a tier's variant, a flag and a percent are drawn", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    await mountMember(page, {
      first_name: "Ann",
      brand: "#00a000",
      accent: "#0000ff",
      tier: "Silver",
      vip: true,
      progress: 0.5,
      // Wider than the 120 × 120 box: it covers the box, cut at the sides
      // (its middle third green, the outer thirds red).
      photo: { $stripes: [300, 120, ["#ff0000", "#00ff00", "#ff0000"]] },
    });
    await waitFor(page, "a", "rendered");
    const requestsAfter = record.requests.length;
    const frame = playerFrame(page, "member");
    const [card, photo, photoLeft, silver, gold, star, bar, track] = await pixels(frame, [
      [5, 5], // the card: brand
      [84, 135], // the middle of the photo box
      [40, 135], // near its left edge: green when cut (source x 106), red if squeezed (x 40)
      [420, 40], // the badge: silver, not gold
      [420, 40],
      [420, 130], // the VIP star (hidden in the file)
      [280, 200], // the bar: half of 240 from 170, the accent slot's colour
      [320, 200], // past the bar: the track over the card
    ]);
    assert.ok(near(card, "#00a000"), `card ${card}`);
    assert.ok(near(photo, "#00ff00"), `photo ${photo}`);
    assert.ok(near(photoLeft, "#00ff00"), `the photo covers its box, cut at the sides: ${photoLeft}`);
    assert.ok(near(silver, "#a8a9ad") && !near(gold, "#d4a017"), `badge ${silver}`);
    assert.ok(near(star, "#ffd166"), `star ${star}`);
    assert.ok(near(bar, "#0000ff"), `bar ${bar}`);
    assert.ok(!near(track, "#0000ff") && !near(track, "#00a000"), `track ${track}`);
    // The label says it too (the choice and the percent written).
    const label = await frame.evaluate(() => document.getElementById("stage").getAttribute("aria-label"));
    assert.equal(label, "Hi Ann! A Silver member card: 50% of your yearly goal.");

    // Other data on the same player: bytes as an ArrayBuffer, another tier,
    // no flag (the star stays hidden, as in the file), the default colour.
    await update(page, { first_name: "Bo", tier: "Gold", progress: 1, photo: { $buffer: [40, 80, "#ffff00"] } });
    await waitFor(page, "a", "rendered", 2);
    const [card2, photo2, gold2, star2, full] = await pixels(frame, [[5, 5], [84, 135], [420, 40], [420, 130], [400, 200]]);
    assert.ok(near(card2, "#1d3557"), `default card ${card2}`);
    assert.ok(near(photo2, "#ffff00"), `photo ${photo2}`);
    assert.ok(near(gold2, "#d4a017"), `gold ${gold2}`);
    assert.ok(!near(star2, "#ffd166"), `no star ${star2}`);
    assert.ok(near(full, "#ffd166"), `a full bar in the file's accent ${full}`);

    // Nothing was requested for the images, or for anything, after the template.
    assert.equal(record.requests.length, requestsAfter, record.requests.slice(requestsAfter).map((r) => r.url).join("\n"));
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a bad photo, colour or tier is refused by field, without its value and without a request", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    await mountMember(page, { first_name: "Ann", tier: "Gold" });
    await waitFor(page, "a", "rendered");
    const requestsAfter = record.requests.length;
    const base = { first_name: "A", tier: "Gold" };
    const cases = [
      // Not an image: bytes that do not decode, as a Uint8Array and a Blob.
      ["image-invalid", "photo", { ...base, photo: { $bytes: 64 } }],
      ["image-invalid", "photo", { ...base, photo: { $blob: 16 } }],
      // Over maxBytes (2,000,000), before decoding; over 4096 px a side, after.
      ["too-large", "photo", { ...base, photo: { $blob: 2000001 } }],
      ["too-large", "photo", { ...base, photo: { $png: [5000, 4, "#000000"] } }],
      // 33 bytes declaring 60000 × 60000 pixels: refused from its header,
      // never decoded (it would be image-invalid if the decoder saw it).
      ["too-large", "photo", { ...base, photo: { $blobOf: HUGE_PNG_HEADER } }],
      // A URL is not an image: never fetched.
      ["wrong-type", "photo", { ...base, photo: "https://images.example/VxCanary.png" }],
      ["not-an-option", "tier", { first_name: "A", tier: "VxCanary" }],
      ["wrong-type", "brand", { ...base, brand: "VxCanary" }],
      ["wrong-type", "vip", { ...base, vip: "yes" }],
      ["out-of-range", "progress", { ...base, progress: 1.5 }],
    ];
    for (const [index, [code, field, spec]] of cases.entries()) {
      await update(page, spec);
      const error = await waitFor(page, "a", "error", index + 1);
      assert.deepEqual([error.code, error.field], [code, field], JSON.stringify(spec));
      assert.ok(!JSON.stringify(error).includes("Canary"), JSON.stringify(error));
    }
    // An ImageBitmap after all that still binds.
    await update(page, { ...base, photo: { $bitmap: [8, 8, "#ff00ff"] } });
    await waitFor(page, "a", "rendered", 2);
    const [photo] = await pixels(playerFrame(page, "member"), [[84, 135]]);
    assert.ok(near(photo, "#ff00ff"), `an ImageBitmap is drawn ${photo}`);
    assert.equal(record.requests.length, requestsAfter, record.requests.slice(requestsAfter).map((r) => r.url).join("\n"));
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("commands sent while the photo decodes run after the binding, in order", async () => {
    const { context, page } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    // Autoplay, then pause at once: the pause waits for the binding.
    await mountMember(
      page,
      { first_name: "Ann", tier: "Gold", photo: { $png: [2000, 2000, "#ff0000", "image/jpeg"] } },
      { autoplay: true },
    );
    await call(page, "a", "pause");
    await waitFor(page, "a", "pause");
    const events = await page.evaluate(() => window.__log.a.map((e) => e.event).filter((e) => e !== "ready"));
    assert.ok(events.includes("play") && events.indexOf("play") < events.indexOf("pause"), events.join());
    await context.close();
  });

  test("hostile data: huge strings, deep nesting, many keys, inherited keys are refused or ignored by field", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    await mountMember(page, { first_name: "Ann", tier: "Gold" });
    await waitFor(page, "a", "rendered");
    const send = (build) => page.evaluate(build);
    const errors = [
      // 32 MB of text for a 30-character field: refused before it is copied.
      ["too-long", "first_name", () => window.__embeds.a.update({ first_name: "x".repeat(32 * 1024 * 1024), tier: "Gold" })],
      // 1,000 levels of nesting where a string belongs: not walked. (Much
      // deeper, structured clone itself gives up: the SDK's data-not-cloneable.)
      [
        "wrong-type",
        "first_name",
        () => {
          let deep = {};
          for (let i = 0; i < 1000; i++) deep = { deep };
          window.__embeds.a.update({ first_name: deep, tier: "Gold" });
        },
      ],
      // 64 MB of bytes for a 2 MB photo: refused before decoding.
      ["too-large", "photo", () => window.__embeds.a.update({ first_name: "A", tier: "Gold", photo: new ArrayBuffer(64 * 1024 * 1024) })],
      // Bytes where a colour belongs.
      ["wrong-type", "brand", () => window.__embeds.a.update({ first_name: "A", tier: "Gold", brand: new ArrayBuffer(8) })],
      // A required field only inherited (from the prototype) is missing.
      ["missing-field", "tier", () => window.__embeds.a.update(Object.assign(Object.create(null), { first_name: "A" }))],
    ];
    for (const [index, [code, field, build]] of errors.entries()) {
      await send(build);
      const error = await waitFor(page, "a", "error", index + 1, 30000);
      assert.deepEqual([error.code, error.field], [code, field], build.toString());
    }
    // 100,000 keys the manifest does not declare are never read.
    await send(() => {
      const data = { first_name: "Many", tier: "Bronze" };
      for (let i = 0; i < 100000; i++) data[`extra_${i}`] = i;
      window.__embeds.a.update(data);
    });
    await waitFor(page, "a", "rendered", 2);
    const label = await playerFrame(page, "member").evaluate(() => document.getElementById("stage").getAttribute("aria-label"));
    assert.equal(label, "Hi Many! A Bronze member card: 0% of your yearly goal.");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a long name in letters that type in one by one shrinks and is cut to its room", async () => {
    const { context, page } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    // "Hi …!" at 30 px would be ~630 px; the binding allows 220 px from
    // x = 170, down to 18 px, then an ellipsis.
    await mountMember(page, { first_name: "Maximilian Alexander Wolkenst", tier: "Gold" });
    await waitFor(page, "a", "rendered");
    const { right, overGold } = await playerFrame(page, "member").evaluate(() => {
      const canvas = document.getElementById("stage");
      const scale = canvas.width / 480;
      const ctx = canvas.getContext("2d");
      const white = (x, y) => {
        const [r, g, b] = ctx.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data;
        return r > 235 && g > 235 && b > 235;
      };
      let right = 0;
      for (let y = 62; y <= 86; y += 2) for (let x = 170; x < 386; x++) if (white(x, y)) right = Math.max(right, x);
      // Inside the gold badge's disc, right of the room: text would show white there.
      let overGold = 0;
      for (let y = 64; y <= 84; y += 2) for (let x = 404; x <= 436; x += 2) if (white(x, y)) overGold++;
      return { right, overGold };
    });
    assert.ok(right > 330, `the name fills its room: right edge ${right}`);
    assert.equal(overGold, 0, "nothing of the name beyond its room");
    await context.close();
  });

  test("two viewers' data, every field type: the same requests, and no canary in any request, storage, console line or event", async () => {
    const CANARY = "Lk9Canary";
    const viewers = [
      { first_name: CANARY, brand: "#102030", accent: "#405060", tier: "Bronze", vip: true, progress: 0.25, photo: { $pngTrailer: [64, 64, "#123456", CANARY] } },
      { first_name: "Bo", brand: "#ffffff", accent: "#000000", tier: "Gold", vip: false, progress: 1, photo: { $png: [32, 48, "#abcdef"] } },
    ];
    const requests = [];
    for (const data of viewers) {
      const { context, page, record } = await recordedPage(env);
      await page.goto(`${env.hostOrigin}/test/host.html`);
      await mountMember(page, data);
      await waitFor(page, "a", "rendered");
      await page.waitForTimeout(500);
      // Every request of this page, by URL: the host page, the SDK, the
      // player and its template, and the page's own blob: URLs (none here).
      requests.push(record.requests.map((r) => r.url.replace(/\/[0-9a-f-]{36}$/, "/<uuid>")).sort());
      if (data.first_name === CANARY) {
        // The name, the photo's bytes, the colours and the ratio as written.
        const canaries = [CANARY, "102030", "405060", "Bronze", "25%"];
        const events = await page.evaluate(() => JSON.stringify(window.__log.a));
        const dumps = await dumpStorage(page, context);
        for (const canary of canaries) {
          for (const request of record.requests) {
            for (const part of [request.url, request.headers, request.body]) assert.ok(!part.includes(canary), `${canary} in a request: ${request.url}`);
          }
          for (const line of record.console) assert.ok(!line.includes(canary), `${canary} in the console: ${line}`);
          for (const dump of dumps) assert.ok(!dump.includes(canary), `${canary} stored: ${dump}`);
          assert.ok(!events.includes(canary), events);
          assert.ok(!page.url().includes(canary) && !(await page.title()).includes(canary));
        }
      }
      await context.close();
    }
    assert.deepEqual(requests[0], requests[1], "no request depends on the data");
  });
});
