// End-to-end: the demo customer page and the embed SDK against the real
// player, in headless Chromium, across two origins. Covers the data promise
// for this slice (a canary typed by the viewer shows up nowhere it must not)
// and the bad-input paths (stable error codes, ignored foreign messages),
// and when the first frame is drawn.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  addBarePlayers,
  dumpStorage,
  embedHelpers,
  mountInPage,
  postToPlayer,
  recordedPage,
  sharedEnv,
  waitForEvent,
  waitForRaw,
} from "./harness.mjs";

const CANARY = "Zq7Canary";

const env = sharedEnv();
const embeds = embedHelpers(env);

/** Player frames of `page` (served from the player origin). */
function playerFrames(page) {
  return page.frames().filter((f) => f.url().startsWith(`${env.playerOrigin}/player.html`));
}

describe("demo page", () => {
  test("embeds the five demo templates, which render with the template's font", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    // Five embeds on the demo page, each READY and RENDERED.
    await page.waitForFunction(() => document.querySelectorAll("#events li").length >= 10, null, { timeout: 20000 });
    const events = await page.$$eval("#events li", (items) => items.map((i) => i.textContent));
    for (const template of ["greeting", "balance", "footage", "member", "bill"]) {
      assert.ok(events.includes(`${template}: PERCUS/RENDERED`), events.join("\n"));
    }

    const frames = playerFrames(page);
    assert.equal(frames.length, 5);
    await page.waitForTimeout(1200); // let the animations get going
    for (const frame of frames) {
      const state = await frame.evaluate(() => {
        const canvas = document.getElementById("stage");
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        const colours = new Set();
        for (let i = 0; i < pixels.length; i += 4 * 7) colours.add(pixels.slice(i, i + 4).join());
        return {
          width: canvas.width,
          colours: colours.size,
          font: document.fonts.check('700 20px "Percus Demo Sans"'),
        };
      });
      assert.ok(state.width > 300, `canvas sized to its element: ${state.width}`);
      assert.ok(state.colours >= 4, `the frame has content: ${state.colours} colours`);
      assert.ok(state.font, "the template's font is loaded");
    }
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("template packages", () => {
  test("an image file of the package is fetched with the template and drawn", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    await mountInPage(page, env, { template: "badge", data: { first_name: "Ann" } });
    await waitForEvent(page, "PERCUS/RENDERED");
    // The image was requested from the package, before the data arrived.
    const images = record.requests.filter((r) => r.url.includes("/templates/badge/images/"));
    assert.equal(images.length, 1, record.requests.map((r) => r.url).join("\n"));
    assert.ok(images[0].url.endsWith("/templates/badge/images/badge.png"));
    const frame = page.frames().find((f) => f.url().includes("template=badge"));
    assert.ok(frame, "the badge player frame");
    // The badge (a 16 px red square scaled 5×, top left) is on the canvas.
    const pixel = await frame.evaluate(() => {
      const canvas = document.getElementById("stage");
      const scale = canvas.width / 200;
      const p = canvas.getContext("2d").getImageData(Math.round(50 * scale), Math.round(50 * scale), 1, 1).data;
      return Array.from(p);
    });
    assert.deepEqual(pixel, [220, 20, 60, 255]);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("package integrity", () => {
  /** Mounts `template` with the player's copy of `file` changed by `change`. */
  async function withChanged(template, file, change) {
    const { context, page, record } = await recordedPage(env);
    await context.route(`${env.playerOrigin}/templates/${template}/${file}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: change(await response.text()) });
    });
    await page.goto(`${env.hostOrigin}/`);
    await mountInPage(page, env, { template, data: { first_name: CANARY } });
    const error = await waitForEvent(page, "PERCUS/ERROR");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
    return error;
  }

  test("a file whose bytes differ from the manifest's SHA-256 fails the template: asset-integrity", async () => {
    const error = await withChanged("greeting", "animation.json", (text) => text.replace('"Hi', '"Ho'));
    assert.equal(error.code, "asset-integrity");
    assert.deepEqual(error.problems, [{ code: "asset-integrity", path: "assets", name: "animation.json" }]);
  });

  test("a file the manifest does not list is never fetched: asset-unlisted", async () => {
    const error = await withChanged("greeting", "manifest.json", (text) => {
      const manifest = JSON.parse(text);
      manifest.assets = manifest.assets.filter((a) => !a.path.startsWith("fonts/"));
      return JSON.stringify(manifest);
    });
    assert.equal(error.code, "asset-unlisted");
    assert.deepEqual(error.problems, [{ code: "asset-unlisted", path: "assets", name: "fonts/DejaVuSans-Bold.woff" }]);
  });
});

describe("the viewer's data", () => {
  test("a canary typed into the host page renders, and appears in no request, storage, console line or event", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    // Five embeds on the demo page, each READY and RENDERED.
    await page.waitForFunction(() => document.querySelectorAll("#events li").length >= 10, null, { timeout: 20000 });
    const requestsBefore = record.requests.length;

    // A canary in every field of the demo page: the name, an amount whose
    // digits appear nowhere else, the member card's colour and ratio, the
    // bill's biller, amount and period.
    await page.fill("#first-name", CANARY);
    await page.fill("#saving", "73519.28");
    await page.fill("#brand", "#7a3b19");
    await page.fill("#progress", "37");
    await page.fill("#biller", "Xv4Biller");
    await page.fill("#bill-amount", "61842.37");
    await page.fill("#period", "Kp9Period");
    await page.click("button[type=submit]");
    await page.waitForFunction(
      () => [...document.querySelectorAll("#events li")].filter((li) => li.textContent.endsWith("RENDERED")).length >= 10,
      null,
      { timeout: 20000 },
    );
    // The player's events and the bill's log of what the viewer did.
    const events = await page.$$eval("#events li, #bill-events li", (items) => items.map((i) => i.textContent));
    assert.ok(!events.some((e) => e.includes("ERROR")), events.join("\n"));
    assert.ok(record.requests.length > requestsBefore, "the remount loaded the player again");

    const canaries = [CANARY, "73519", "73,519", "7a3b19", "0.37", "Xv4Biller", "61842", "61,842", "Kp9Period"];
    for (const request of record.requests) {
      for (const part of [request.url, request.headers, request.body]) {
        for (const canary of canaries) assert.ok(!part.includes(canary), `${canary} in a request: ${request.url}`);
      }
    }
    for (const canary of canaries) {
      for (const line of record.console) assert.ok(!line.includes(canary), `${canary} in the console: ${line}`);
      for (const dump of await dumpStorage(page, context)) assert.ok(!dump.includes(canary), `${canary} stored: ${dump}`);
      for (const event of events) assert.ok(!event.includes(canary));
    }
    assert.ok(!page.url().includes(CANARY) && !(await page.title()).includes(CANARY));
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("numbers for the viewer's locale", () => {
  test("a currency field is written by the browser's Intl in INIT's locale, else the template's", async () => {
    // Tall enough that no embed is below the fold (the iframes load lazily).
    const { context, page, record } = await recordedPage(env, { viewport: { width: 800, height: 2000 } });
    await page.goto(`${env.hostOrigin}/test/host.html`);
    const cases = [
      ["us", "en-US", "$1,234.50"],
      ["de", "de-DE", "1.234,50\u00a0$"],
      ["in", "hi-IN", "$12,34,567.00"],
      ["none", undefined, "$1,234.50"], // the manifest says en-US
      ["bad", "not a locale!", "$1,234.50"], // Intl refuses it: the manifest's
    ];
    for (const [name, locale] of cases) {
      const saving = name === "in" ? 1234567 : 1234.5;
      await embeds.mount(page, name, { template: "balance", data: { first_name: "Ann", saving }, locale });
    }
    for (const [name, locale, expected] of cases) {
      await embeds.waitFor(page, name, "rendered");
      const frames = page.frames().filter((f) => f.url().includes("template=balance"));
      const labels = await Promise.all(frames.map((f) => f.evaluate(() => document.getElementById("stage").getAttribute("aria-label"))));
      assert.ok(
        labels.includes(`Ann, this is your year. You saved ${expected}.`),
        `${locale}: ${JSON.stringify(labels)}`,
      );
    }
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a number that does not fit gives wrong-type or out-of-range with the field's name", async () => {
    const { context, page } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    const cases = [
      ["text", "$5", "wrong-type"],
      ["huge", 1e12, "out-of-range"],
      ["nan", NaN, "out-of-range"],
    ];
    for (const [name, saving] of cases) {
      await embeds.mount(page, name, { template: "balance", data: { first_name: CANARY, saving } });
    }
    for (const [name, , code] of cases) {
      const error = await embeds.waitFor(page, name, "error");
      assert.deepEqual([error.code, error.field], [code, "saving"], name);
      assert.ok(!JSON.stringify(error).includes(CANARY));
    }
    await context.close();
  });
});

describe("the first frame", () => {
  test("the first frame is drawn as INIT is bound, not on a later animation frame, and ICU is started before INIT or not at all", async () => {
    const { context, page, record } = await recordedPage(env);
    await context.addInitScript(() => {
      if (location.pathname !== "/player.html") return;
      // No animation frame ever comes: a RENDERED can only come from INIT.
      window.requestAnimationFrame = () => 1;
      window.__order = [];
      const NumberFormat = Intl.NumberFormat;
      Intl.NumberFormat = new Proxy(NumberFormat, {
        construct: (target, args) => (window.__order.push("Intl"), Reflect.construct(target, args)),
      });
      const listen = MessagePort.prototype.addEventListener;
      MessagePort.prototype.addEventListener = function (type, listener, ...rest) {
        const heard = function (event) {
          if (event.data?.type === "PERCUS/INIT") window.__order.push("INIT");
          return listener.call(this, event);
        };
        return listen.call(this, type, heard, ...rest);
      };
    });
    await page.goto(`${env.hostOrigin}/test/host.html`);
    await embeds.mount(page, "balance", { template: "balance", data: { first_name: "Ann", saving: 1234.5 } });
    // With a locale, as the demo page and most hosts pass one.
    await embeds.mount(page, "greeting", { template: "greeting", locale: "de-DE", data: { first_name: "Ann" } });
    for (const template of ["balance", "greeting"]) {
      await embeds.waitFor(page, template, "rendered");
      const frame = embeds.playerFrame(page, template);
      const { order, painted } = await frame.evaluate(() => {
        const canvas = document.getElementById("stage");
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        return { order: window.__order, painted: pixels.some((value, i) => i % 4 === 3 && value > 0) };
      });
      assert.ok(painted, `${template}: the frame is on the canvas`);
      // balance has a locale and an amount: its first formatter (20-30 ms
      // of ICU start-up) is made while the wasm loads; greeting writes no
      // number and makes none, not even to try INIT's locale.
      if (template === "balance") assert.deepEqual(order.slice(0, 2), ["Intl", "INIT"], `${template}: ${order}`);
      else assert.deepEqual(order, ["INIT"], `${template}: ${order}`);
    }
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("text that fits", () => {
  /** The left and right ends of the greeting's white text, in composition pixels. */
  const textExtent = (frame) =>
    frame.evaluate(() => {
      const canvas = document.getElementById("stage");
      const scale = Math.min(canvas.width / 640, canvas.height / 360);
      const top = Math.round(150 * scale);
      const rows = canvas.getContext("2d").getImageData(0, top, canvas.width, Math.round(40 * scale)).data;
      let [left, right] = [Infinity, -Infinity];
      for (let i = 0; i < rows.length; i += 4) {
        if (rows[i] > 235 && rows[i + 1] > 235 && rows[i + 2] > 235) {
          const x = (i / 4) % canvas.width;
          [left, right] = [Math.min(left, x), Math.max(right, x)];
        }
      }
      return [left / scale, right / scale];
    });

  test("a long name shrinks to the binding's maxWidth, a longer one is cut with an ellipsis", async () => {
    const { context, page, record } = await recordedPage(env, { viewport: { width: 800, height: 1200 } });
    await page.goto(`${env.hostOrigin}/test/host.html`);
    // An Arabic name is measured shaped, as drawn (joined letters: 535 px at
    // 44 px), not letter by letter (673 px, which would have shrunk it).
    const names = { short: "Ann", long: "Maximilian Alexander Wolkenste", wide: "W".repeat(30), arabic: "محمد بن عبدالله بن سعود" };
    for (const [name, first_name] of Object.entries(names)) {
      await embeds.mount(page, name, { template: "greeting", data: { first_name }, autoplay: false, poster: 2 });
    }
    const extents = {};
    const frames = {};
    for (const name of Object.keys(names)) {
      await embeds.waitFor(page, name, "rendered");
      frames[name] = await (await page.$(`#${name} iframe`)).contentFrame();
      extents[name] = await textExtent(frames[name]);
    }
    // The demo binding: maxWidth 600 around the centre (320), minSize 22 of 44.
    const [shortLeft, shortRight] = extents.short;
    assert.ok(shortRight - shortLeft > 100 && shortRight - shortLeft < 250, `"Hi Ann!" at full size: ${extents.short}`);
    for (const name of ["long", "wide"]) {
      const [left, right] = extents[name];
      assert.ok(left >= 18 && right <= 622, `${name} stays inside 600 px: ${extents[name]}`);
      assert.ok(right - left > 450, `${name} fills the width: ${extents[name]}`);
    }
    const [arabicLeft, arabicRight] = extents.arabic;
    assert.ok(arabicRight - arabicLeft > 510 && arabicLeft >= 18 && arabicRight <= 622, `the Arabic name at full size: ${extents.arabic}`);
    // The wide name does not fit even at 22 px: cut, so what is drawn is
    // shorter than the text (the accessible name keeps all of it).
    const label = await frames.wide.evaluate(() => document.getElementById("stage").getAttribute("aria-label"));
    assert.ok(label.includes(names.wide), label);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});

describe("bad input", () => {
  test("a missing template gives ERROR template-not-found", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    await mountInPage(page, env, { template: "no-such-template", data: { first_name: CANARY } });
    const error = await waitForEvent(page, "PERCUS/ERROR");
    assert.equal(error.code, "template-not-found");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("data of the wrong type gives ERROR wrong-type with the field's name and not its value", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    await mountInPage(page, env, { template: "greeting", data: { first_name: [CANARY] } });
    const error = await waitForEvent(page, "PERCUS/ERROR");
    assert.deepEqual({ code: error.code, field: error.field }, { code: "wrong-type", field: "first_name" });
    assert.ok(!JSON.stringify(error).includes(CANARY));
    for (const line of record.console) assert.ok(!line.includes(CANARY), line);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("data that cannot be cloned gives an error event and is not kept", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    await page.evaluate(async ({ playerOrigin }) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      const holder = document.createElement("div");
      document.body.append(holder);
      const embed = await mount(holder, { player: `${playerOrigin}/player.html`, template: "greeting", data: { first_name: () => "x" } });
      window.__events = [];
      embed.on("error", (detail) => window.__events.push(detail));
    }, { playerOrigin: env.playerOrigin });
    const error = await waitForEvent(page, "PERCUS/ERROR");
    assert.equal(error.code, "data-not-cloneable");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a missing required field gives ERROR missing-field", async () => {
    const { context, page } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    await mountInPage(page, env, { template: "balance", data: { first_name: "Jo" } });
    const error = await waitForEvent(page, "PERCUS/ERROR");
    assert.deepEqual({ code: error.code, field: error.field }, { code: "missing-field", field: "saving" });
    await context.close();
  });

  test("INIT from a sibling frame or the wrong origin is ignored; the real host still works", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    // One player told the truth about its host; one told that its host is
    // the player's own origin, so its real parent is foreign to it.
    await addBarePlayers(page, env, [
      { name: "truthful", host: env.hostOrigin },
      { name: "misled", host: env.playerOrigin },
    ]);
    await page.evaluate(() => {
      const sibling = document.createElement("iframe");
      sibling.name = "sibling";
      document.body.append(sibling);
    });
    await waitForRaw(page, "truthful", "PERCUS/READY");

    // A sibling frame (the host's origin, but not the player's parent) sends INIT.
    await page.frame({ name: "sibling" }).evaluate(
      ({ playerOrigin, canary }) => {
        const player = parent.frames.truthful;
        player.postMessage({ type: "PERCUS/INIT", protocol: 1, data: { first_name: canary } }, playerOrigin);
      },
      { playerOrigin: env.playerOrigin, canary: CANARY },
    );
    // The real parent, to the player that expects another origin.
    await postToPlayer(page, env, "misled", { type: "PERCUS/INIT", protocol: 1, data: { first_name: CANARY } });
    await page.waitForTimeout(1500);
    const heard = await page.evaluate(() => window.__raw.map((m) => `${m.from} ${m.type}`));
    assert.deepEqual(
      heard,
      ["truthful PERCUS/LOADING", "truthful PERCUS/READY"],
      "the misled player's LOADING and READY went nowhere, and nobody rendered",
    );
    const drawn = await Promise.all(
      ["truthful", "misled"].map((name) => page.frame({ name }).evaluate(() => document.getElementById("stage").width)),
    );
    assert.deepEqual(drawn, [300, 300], "neither player drew anything");

    // The real host, on its own, is served.
    await postToPlayer(page, env, "truthful", { type: "PERCUS/INIT", protocol: 1, data: { first_name: "Jo" } });
    await waitForRaw(page, "truthful", "PERCUS/RENDERED", 10000);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("malformed messages from the host get error codes and never throw", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    await addBarePlayers(page, env, [{ name: "player", host: env.hostOrigin }]);
    await waitForRaw(page, "player", "PERCUS/READY");
    const cases = [
      "PERCUS/INIT",
      null,
      42,
      [1, 2],
      { type: 7 },
      { type: "other/app", data: CANARY },
      { type: "PERCUS/INIT", data: { first_name: CANARY } },
      { type: "PERCUS/INIT", protocol: 99, data: { first_name: CANARY } },
      { type: "PERCUS/NOPE", protocol: 1 },
      { type: "PERCUS/INIT", protocol: 1, data: null },
      { type: "PERCUS/INIT", protocol: 1, data: [CANARY] },
      { type: "PERCUS/INIT", protocol: 1, data: JSON.parse(`{"__proto__": {"first_name": "${CANARY}"}}`) },
      { type: "PERCUS/INIT", protocol: 1, data: { first_name: CANARY.repeat(10) } },
      { type: "PERCUS/INIT", protocol: 1, data: new Map([["first_name", CANARY]]) },
    ];
    for (const message of cases) {
      if (message?.data instanceof Map) {
        // A Map does not survive the trip into page.evaluate: build it there.
        await page.evaluate(
          ({ playerOrigin, canary }) =>
            window.__players.player.contentWindow.postMessage(
              { type: "PERCUS/INIT", protocol: 1, data: new Map([["first_name", canary]]) },
              playerOrigin,
            ),
          { playerOrigin: env.playerOrigin, canary: CANARY },
        );
      } else {
        await postToPlayer(page, env, "player", message);
      }
    }
    await page.waitForTimeout(1500);
    const errors = await page.evaluate(() => window.__raw.filter((m) => m.type === "PERCUS/ERROR"));
    assert.deepEqual(
      errors.map((e) => e.code + (e.field ? `:${e.field}` : "")),
      [
        "protocol-version",
        "protocol-version",
        "unknown-message",
        "bad-data",
        "bad-data",
        "missing-field:first_name",
        "too-long:first_name",
        "bad-data",
      ],
    );
    assert.ok(!JSON.stringify(errors).includes(CANARY));
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a new INIT re-binds; a failed one clears the previous viewer's frame", async () => {
    const { context, page, record } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/`);
    await addBarePlayers(page, env, [{ name: "player", host: env.hostOrigin }]);
    await waitForRaw(page, "player", "PERCUS/READY");
    const init = (data) => postToPlayer(page, env, "player", { type: "PERCUS/INIT", protocol: 1, data });
    const opaquePixels = () =>
      page.frame({ name: "player" }).evaluate(() => {
        const canvas = document.getElementById("stage");
        const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) count++;
        return count;
      });
    const count = (type) => page.evaluate((t) => window.__raw.filter((m) => m.type === t).length, type);

    await init({ first_name: "Jo" });
    await waitForRaw(page, "player", "PERCUS/RENDERED");
    assert.ok((await opaquePixels()) > 0);

    await init({ first_name: 5 });
    await waitForRaw(page, "player", "PERCUS/ERROR");
    await page.waitForTimeout(300); // a frame that was already queued must not draw again
    assert.equal(await opaquePixels(), 0, "the previous viewer's frame is gone");

    await init({ first_name: "Al" });
    await page.waitForFunction(() => window.__raw.filter((m) => m.type === "PERCUS/RENDERED").length === 2);
    assert.equal(await count("PERCUS/ERROR"), 1);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});
