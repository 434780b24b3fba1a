// The designer preview (www/preview.html) in headless Chromium: a demo
// template opens, its generated form re-binds the canvas as the designer
// types, a stress preset outlines the texts that do not fit, a broken
// template (chosen as files) lists its problems with their JSON paths, the
// stress grid renders every preset, a .lottie file opens as the template
// package it becomes (its themes a choice that recolours the canvas), an
// interactive template lists its actions at the frame shown (labels filled
// from the form's data, active or not) with the active ones' hit areas
// outlined, and nothing is requested beyond the page, its wasm and the
// demo template's files.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordedPage, sharedEnv } from "./harness.mjs";

const env = sharedEnv();
const ROOT = new URL("..", import.meta.url).pathname;

async function previewPage() {
  const recorded = await recordedPage(env, { viewport: { width: 1280, height: 1400 } });
  await recorded.page.goto(`${env.hostOrigin}/preview.html`);
  return recorded;
}

/** A hash of the stage's pixels, to see it change. */
const stagePixels = (page) =>
  page.evaluate(() => {
    const canvas = document.getElementById("stage");
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 0;
    for (let i = 0; i < data.length; i += 16) hash = (hash * 31 + data[i] + data[i + 1] * 7 + data[i + 2] * 13) | 0;
    return hash;
  });

describe("designer preview", () => {
  test("a demo template opens, checks clean, and re-binds live as a field is typed", async () => {
    const { context, page, record } = await previewPage();
    await page.selectOption("#demo", "member");
    await page.waitForSelector("#workspace:not([hidden])");
    assert.match(await page.textContent("#status"), /A player takes this template/);
    // Which player viewers' pages load (the member card binds a photo).
    assert.match(await page.textContent("#status"), /load the full player, for a viewer's image/);
    // The form has one row per field, filled with the samples.
    assert.equal(await page.inputValue("#field-first_name"), "Jane");
    assert.equal(await page.inputValue("#field-tier"), "Gold");
    await page.fill("#scrub", "60");
    await page.dispatchEvent("#scrub", "input");
    const before = await stagePixels(page);
    await page.fill("#field-first_name", "Zoë");
    await page.waitForFunction((before) => {
      const canvas = document.getElementById("stage");
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let hash = 0;
      for (let i = 0; i < data.length; i += 16) hash = (hash * 31 + data[i] + data[i + 1] * 7 + data[i + 2] * 13) | 0;
      return hash !== before;
    }, before);
    assert.equal(await page.getAttribute("#stage", "aria-label"), "Hi Zoë! A Gold member card: 62% of your yearly goal.");
    // A value the player would refuse is shown as the viewer's error.
    await page.fill("#field-progress", "7");
    await page.waitForFunction(() => document.getElementById("bind-error").textContent.includes("out-of-range"));
    assert.match(await page.textContent("#bind-error"), /ERROR out-of-range for field progress/);
    // The longest allowed name does not fit at full size: outlined and listed.
    await page.click('[data-preset="longest"]');
    await page.waitForFunction(() => document.querySelectorAll("#fit-notes li").length > 0);
    const notes = await page.$$eval("#fit-notes li", (items) => items.map((i) => i.textContent));
    assert.ok(notes.some((n) => /cut with an ellipsis|shrunk to/.test(n)), notes.join("\n"));
    assert.equal(await page.textContent("#bind-error"), "");
    // Markers and frame numbers: the scrubber shows the frame.
    assert.match(await page.textContent("#frame-number"), /^frame 60 \/ 90$/);
    // The poster of that frame, as a PNG download.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    assert.equal(download.suggestedFilename(), "member-frame-60.png");
    const png = readFileSync(await download.path());
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Requests: the page, its scripts and wasm, the demo template's files,
    // and the page's own blob: URLs (the package's image). Nothing else.
    const foreign = record.requests.filter(
      (r) =>
        !r.url.startsWith(`blob:${env.hostOrigin}/`) &&
        (!r.url.startsWith(`${env.hostOrigin}/`) || !/\/(preview\.(html|js|css)|pkg\/frame\/|templates\/member\/)/.test(r.url)),
    );
    assert.deepEqual(foreign.map((r) => r.url), []);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("expressions: the check says which run in the full player and why another falls back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "percus-preview-"));
    const animation = {
      v: "5.7.0", w: 100, h: 100, fr: 30, ip: 0, op: 30,
      layers: [
        { ty: 5, nm: "Name", ind: 1, ip: 0, op: 30, st: 0, ks: {},
          t: { d: { k: [{ t: 0, s: { t: "x", s: 20, f: "F", fc: [0, 0, 0] } }] } } },
        { ty: 4, nm: "Dot", ind: 2, ip: 0, op: 30, st: 0,
          ks: {
            r: { k: 0, x: "var $bm_rt;\n$bm_rt = thisComp.layer('Name').transform.rotation;" },
            o: { k: 100, x: "var $bm_rt;\n$bm_rt = wiggle(2, 10);" },
          },
          shapes: [{ ty: "el", s: { k: [20, 20] }, p: { k: [50, 50] } }, { ty: "fl", c: { k: [1, 0, 0, 1] }, o: { k: 100 } }] },
      ],
    };
    const manifest = {
      version: 1, name: "scripted", animation: "animation.json", player: "full",
      fields: [{ name: "who", type: "text" }],
      bindings: [{ target: { layer: "Name" }, text: "{who}" }],
    };
    writeFileSync(join(dir, "animation.json"), JSON.stringify(animation));
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    const { context, page, record } = await previewPage();
    await page.setInputFiles("#files", [join(dir, "manifest.json"), join(dir, "animation.json")]);
    await page.waitForFunction(() => document.querySelectorAll("#expressions li").length === 2);
    const items = await page.$$eval("#expressions li", (list) => list.map((i) => i.textContent).sort());
    assert.match(items[0], /^expression \(its static value is drawn: `wiggle` is not supported\): layer “Dot”, ks\.o: /);
    assert.match(items[1], /^expression \(runs\): layer “Dot”, ks\.r: /);
    assert.match(await page.textContent("#status"), /load the full player, for expressions/);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("a broken template chosen as files lists its problems with their JSON paths", async () => {
    const dir = mkdtempSync(join(tmpdir(), "percus-preview-"));
    const member = join(ROOT, "www/templates/member");
    const manifest = JSON.parse(readFileSync(join(member, "manifest.json"), "utf8"));
    manifest.bindings[0].target.layer = "Nmae"; // a typo
    manifest.bindings[3].target.slot = "acent";
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    cpSync(join(member, "animation.json"), join(dir, "animation.json"));
    const { context, page } = await previewPage();
    await page.setInputFiles("#files", [join(dir, "manifest.json"), join(dir, "animation.json")]);
    await page.waitForFunction(() => document.querySelectorAll("#problems li").length >= 2);
    assert.match(await page.textContent("#status"), /would refuse this template: template-mismatch/);
    const problems = await page.$$eval("#problems li", (items) => items.map((i) => i.textContent));
    assert.deepEqual(problems, ["unknown-layer at bindings[0].target.layer (Nmae)", "unknown-slot at bindings[3].target.slot (acent)"]);
    assert.equal(await page.isHidden("#workspace"), true);
    // The same files dropped on the page.
    await page.selectOption("#demo", "greeting");
    await page.waitForSelector("#workspace:not([hidden])");
    const texts = { "manifest.json": JSON.stringify(manifest), "animation.json": readFileSync(join(member, "animation.json"), "utf8") };
    await page.evaluate((texts) => {
      const transfer = new DataTransfer();
      for (const [name, text] of Object.entries(texts)) transfer.items.add(new File([text], name));
      document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, texts);
    await page.waitForFunction(() => document.getElementById("status").textContent.includes("template-mismatch"));
    assert.equal(await page.isHidden("#workspace"), true);
    await context.close();
  });

  test("a .lottie file opens as the package it becomes, its themes a choice", async () => {
    const fixtures = join(ROOT, "player/tests/dotlottie");
    const { context, page, record } = await previewPage();
    await page.setInputFiles("#lottie", join(fixtures, "v2-bouncy-ball.lottie"));
    await page.waitForSelector("#workspace:not([hidden])");
    assert.match(await page.textContent("#status"), /A player takes this template/);
    assert.match(await page.textContent("#template-name"), /v2-bouncy-ball\.lottie \(bouncy_ball\)/);
    const notes = await page.$$eval("#import-notes li", (items) => items.map((i) => i.textContent));
    assert.ok(notes.includes("import: theme rule not imported: dark/ball_position (Position) (theme-rule-skipped)"), notes.join("\n"));
    // The themes are a choice, the file's initial theme first.
    assert.equal(await page.inputValue("#field-theme"), "dark");
    /** Pixels of the ball in each theme's colour: #1a1a1f dark, #ffcc33 light. */
    const ball = () =>
      page.evaluate(() => {
        const canvas = document.getElementById("stage");
        const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        let light = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
          if (data[i + 3] > 200 && Math.abs(r - 26) < 6 && Math.abs(g - 26) < 6 && Math.abs(b - 31) < 6) dark++;
          if (data[i + 3] > 200 && r > 245 && Math.abs(g - 204) < 6 && b < 60) light++;
        }
        return { dark, light };
      });
    await page.waitForFunction(() => window.percusPreview.frame === 0);
    const dark = await ball();
    assert.ok(dark.dark > 100 && dark.light === 0, JSON.stringify(dark));
    await page.selectOption("#field-theme", "light");
    await page.waitForFunction(() => {
      const canvas = document.getElementById("stage");
      const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) if (data[i] > 245 && Math.abs(data[i + 1] - 204) < 6 && data[i + 2] < 60) return true;
      return false;
    });
    const light = await ball();
    assert.ok(light.light > 100 && light.dark === 0, JSON.stringify(light));

    // A v1 file dropped on the page: its image is a package file, drawn.
    const v1 = readFileSync(join(fixtures, "v1-heart.lottie")).toString("base64");
    await page.evaluate((v1) => {
      const bytes = Uint8Array.from(atob(v1), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], "v1-heart.lottie"));
      document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, v1);
    await page.waitForFunction(() => document.getElementById("template-name").textContent.includes("v1-heart.lottie (heart)"));
    await page.waitForSelector("#workspace:not([hidden])");
    assert.match(await page.textContent("#status"), /load only the lite player/);
    assert.match(await page.textContent("#import-notes"), /other animations of the file .*: centered_text/);

    // Not a zip: the import's code, nothing opened.
    await page.setInputFiles("#lottie", { name: "broken.lottie", mimeType: "application/zip", buffer: Buffer.from("{\"v\":\"5.7\"}") });
    await page.waitForFunction(() => document.getElementById("status").textContent.includes("not-a-zip"));
    assert.equal(await page.isHidden("#workspace"), true);
    // Nothing left the page: the .lottie files were read in it.
    const foreign = record.requests.filter(
      (r) => !r.url.startsWith(`blob:${env.hostOrigin}/`) && (!r.url.startsWith(`${env.hostOrigin}/`) || !/\/(preview\.(html|js|css)|pkg\/frame\/)/.test(r.url)),
    );
    assert.deepEqual(foreign.map((r) => r.url), []);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("an interactive template's actions are listed at the frame, labels bound, the active ones outlined", async () => {
    const { context, page, record } = await previewPage();
    await page.selectOption("#demo", "bill");
    await page.waitForSelector("#interaction:not([hidden])");
    const moveTo = async (to) => {
      await page.fill("#scrub", String(to));
      await page.dispatchEvent("#scrub", "input");
      await page.waitForFunction((to) => window.percusPreview.frame === to, to);
    };
    const listed = () =>
      page.$$eval("#actions li", (items) => items.map((i) => ({ id: i.dataset.id, active: i.dataset.active, text: i.textContent })));
    /** Overlay pixels of the actions' outline colour (#00a152): in all, and within 3 px of each rectangle's edge. */
    const outlines = (rects) =>
      page.evaluate((rects) => {
        const overlay = document.getElementById("overlay");
        const { width } = overlay;
        const data = overlay.getContext("2d").getImageData(0, 0, width, overlay.height).data;
        const green = (x, y) => {
          const i = (y * width + x) * 4;
          return data[i + 3] > 60 && data[i] < 60 && Math.abs(data[i + 1] - 161) < 40 && Math.abs(data[i + 2] - 82) < 40;
        };
        let total = 0;
        for (let y = 0; y < overlay.height; y++) for (let x = 0; x < width; x++) total += green(x, y);
        const edges = rects.map(([x, y, w, h]) => {
          let hits = 0;
          // Along the top and bottom edges, the middle half of them.
          for (let px = Math.round(x + w / 4); px < x + (3 * w) / 4; px++) {
            const near = (edge) => [-2, -1, 0, 1, 2].some((d) => green(px, Math.round(edge) + d));
            hits += near(y) && near(y + h);
          }
          return hits / Math.round(w / 2);
        });
        return { total, edges };
      }, rects);

    // Inside the `choice` marker (frames 90–150): the three choices.
    await moveTo(120);
    await page.waitForFunction(() => document.querySelector('#actions li[data-id="pay"]')?.textContent.includes("$84.20"));
    const choice = await listed();
    assert.deepEqual(
      choice.map((a) => [a.id, a.active]),
      [["pay", "true"], ["later", "true"], ["why", "true"], ["again", "false"]],
    );
    assert.equal(
      choice[0].text,
      "pay (link to https://bank.example/pay): “Pay $84.20 now” · in choice, frames 90–150, playback waits at frame 149 · active at this frame",
    );
    assert.equal(choice[1].text, "later (event): “Remind me later” · in choice, frames 90–150 · active at this frame");
    assert.equal(choice[2].text, "why (segment: plays details, then stop): “What is this charge?” · in choice, frames 90–150 · active at this frame");
    assert.equal(choice[3].text, "again (replay): “Watch again” · in thanks, frames 225–270 · inactive at this frame");
    const chapters = await page.$$eval("#chapters li", (items) => items.map((i) => i.textContent));
    assert.deepEqual(chapters, ["“Your bill”: marker intro, frames 0–90", "“The charge explained”: marker details, frames 150–225"]);
    // The hit areas where the buttons are drawn (centred at 320,164 / 226 /
    // 288 of the 640×360 composition), outlined on the overlay.
    const actions = await page.evaluate(() => window.percusPreview.actions);
    const width = await page.evaluate(() => document.getElementById("stage").width);
    const scale = width / 640;
    for (const [index, y] of [164, 226, 288].entries()) {
      const [bx, by, bw, bh] = actions[index].bounds;
      assert.ok(Math.abs(bx + bw / 2 - 320 * scale) < 3 * scale, `${actions[index].id} ${actions[index].bounds}`);
      assert.ok(Math.abs(by + bh / 2 - y * scale) < 3 * scale, `${actions[index].id} ${actions[index].bounds}`);
      // The same box in CSS pixels, for the page's own layout.
      const ratio = await page.evaluate(() => document.getElementById("stage").width / document.getElementById("stage").clientWidth);
      assert.ok(Math.abs(actions[index].cssBounds[2] * ratio - bw) < 0.01);
    }
    const drawn = await outlines(actions.slice(0, 3).map((a) => a.bounds));
    assert.ok(drawn.edges.every((share) => share > 0.9), JSON.stringify(drawn));
    // The box unticked: no outlines.
    await page.uncheck("#actions-outline");
    assert.equal((await outlines([])).total, 0);
    await page.check("#actions-outline");
    assert.ok((await outlines([])).total > 0);

    // In `intro` (frame 30): nothing clickable, nothing outlined; the
    // labels are the data's all the same, and the chapter is marked.
    await moveTo(30);
    await page.waitForFunction(() => document.querySelector('#actions li[data-id="pay"]').dataset.active === "false");
    const intro = await listed();
    assert.deepEqual(
      intro.map((a) => a.active),
      ["false", "false", "false", "false"],
    );
    assert.match(intro[0].text, /“Pay \$84\.20 now” .* · inactive at this frame$/);
    assert.equal((await outlines([])).total, 0);
    assert.equal(await page.textContent('#chapters li[data-here="true"]'), "“Your bill”: marker intro, frames 0–90 · this frame");
    // Another amount typed: the label follows the data.
    await moveTo(120);
    await page.fill("#field-amount", "1234.5");
    await page.waitForFunction(() => document.querySelector('#actions li[data-id="pay"]').textContent.includes("“Pay $1,234.50 now”"));
    // A template without actions or chapters has no such panel.
    await page.selectOption("#demo", "greeting");
    await page.waitForFunction(() => document.getElementById("interaction").hidden);
    const foreign = record.requests.filter(
      (r) =>
        !r.url.startsWith(`blob:${env.hostOrigin}/`) &&
        (!r.url.startsWith(`${env.hostOrigin}/`) || !/\/(preview\.(html|js|css)|pkg\/frame\/|templates\/(bill|greeting)\/)/.test(r.url)),
    );
    assert.deepEqual(foreign.map((r) => r.url), []);
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });

  test("the stress grid draws every preset, and the check reports expressions", async () => {
    const { context, page, record } = await previewPage();
    await page.selectOption("#demo", "balance");
    await page.waitForSelector("#workspace:not([hidden])");
    await page.click("#grid-toggle");
    // Nine presets in the manifest's locale, then the large amounts in every other locale.
    await page.waitForFunction(() => document.querySelectorAll("#grid figure").length === 14);
    const captions = await page.$$eval("#grid figcaption", (items) => items.map((i) => i.textContent));
    assert.deepEqual(
      captions.map((c) => c.split(" · ")[0]),
      [
        ...["Samples", "Longest allowed", "Right-to-left", "Mixed scripts", "CJK", "Emoji", "Very large amounts", "Negative amounts"],
        ...["Optional fields missing", "Very large amounts, de-DE", "Very large amounts, fr-FR", "Very large amounts, ar-EG"],
        ...["Very large amounts, hi-IN", "Very large amounts, ja-JP"],
      ],
    );
    // The balance in Arabic digits, as the player writes it for ar-EG.
    const arabic = await page.evaluate(() => {
      const canvas = document.querySelectorAll("#grid canvas")[11];
      return canvas.getAttribute("aria-label");
    });
    assert.match(arabic, /[٠-٩]/, arabic);
    // Each cell has drawn something (more than one colour).
    const colours = await page.$$eval("#grid canvas", (canvases) =>
      canvases.map((canvas) => {
        const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length; i += 4 * 13) seen.add(data.slice(i, i + 4).join());
        return seen.size;
      }),
    );
    assert.ok(colours.every((n) => n > 2), colours.join());
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});
