// The player's half of interactive templates (issue 23, docs/interaction.md)
// with the real player and SDK, on the demo's `bill` template: a choice
// waits on its last frame; each active action is a button named by its
// bound label; a viewer's click on what the layer draws (not its box), or
// Enter on its button, does what the action says; a click beside the
// drawing, on an inactive action or from a script does nothing; chapters
// come in `ready` and playSegment jumps to them; progress comes once per
// play-through, in the lite player too; a link opens only where the host
// allowed it; and none of the viewer's values reaches the host, a request
// or the console, nor stays in the page after DESTROY.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { inJsHeap, recordedPage, sharedEnv } from "./harness.mjs";

const EVENTS = ["ready", "rendered", "play", "pause", "timeupdate", "ended", "error", "action", "progress", "chapter", "replay"];
/** The bill's data, each value a canary (and how the player writes it). */
const DATA = { first_name: "Zq7Ann", biller: "Zq7Power", amount: 987654.32, due: "2031-07-19", period: "Zq7Period" };
const WRITTEN = ["Zq7Ann", "Zq7Power", "987,654.32", "987654.32", "July 19, 2031", "2031-07-19", "Zq7Period"];
/** The bill's choice marker: frames 90..150 at 30 fps (the pause on 149). */
const CHOICE_PAUSE_SECONDS = 149 / 30;

const env = sharedEnv();

/**
 * A host page (another origin than the player's) with the bill mounted by
 * the SDK with `options`; every event is logged in `window.__log`, the
 * embed is `window.__embed`. Resolves once `rendered` came, with the
 * player's frame.
 */
async function mounted(options = {}, template = "bill") {
  return mountedWith({}, options, template);
}

/** [`mounted`] in a browser context made with `contextOptions`. */
async function mountedWith(contextOptions, options = {}, template = "bill") {
  const recorded = await recordedPage(env, contextOptions);
  const { page } = recorded;
  await page.goto(`${env.hostOrigin}/test/host.html`);
  await page.evaluate(
    async ({ playerOrigin, options, events, template, data }) => {
      const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
      const holder = document.getElementById("video");
      holder.style.width = "640px";
      window.__log = [];
      const embed = await mount(holder, { player: `${playerOrigin}/player.html`, template, data, ...options });
      for (const event of events) embed.on(event, (detail) => window.__log.push({ event, ...detail }));
      window.__embed = embed;
    },
    { playerOrigin: env.playerOrigin, options, events: EVENTS, template, data: template === "bill" ? DATA : { first_name: "Zq7Ann" } },
  );
  await waitForLog(page, "rendered");
  const player = page.frames().find((f) => f.url().startsWith(`${env.playerOrigin}/player.html`));
  return { ...recorded, player };
}

const log = (page) => page.evaluate(() => window.__log);
const named = async (page, event) => (await log(page)).filter((e) => e.event === event);
/** Waits until `count` events named `event` are in the log. */
const waitForLog = (page, event, count = 1, timeout = 20_000) =>
  page.waitForFunction(({ event, count }) => (window.__log || []).filter((e) => e.event === event).length >= count, { event, count }, { polling: 20, timeout });

/** The action buttons of the player's page, by their order. */
const buttons = (player) => player.locator("button[data-action]");

/** Waits for the choice's pause, and returns the three choice buttons' boxes (page coordinates). */
async function atTheChoice(page, player) {
  await waitForLog(page, "pause");
  const boxes = [];
  for (let i = 0; i < 3; i++) boxes.push(await buttons(player).nth(i).boundingBox());
  return boxes;
}

const centre = (box) => [box.x + box.width / 2, box.y + box.height / 2];

describe("interactive templates", () => {
  test("a choice waits on its last frame; its buttons carry the bound labels; a click on the drawn button acts", async () => {
    const { page, player, context } = await mounted({ loop: false, speed: 4 });
    const boxes = await atTheChoice(page, player);
    const time = await page.evaluate(() => window.__log.filter((e) => e.event === "timeupdate").at(-1).time);
    assert.ok(Math.abs(time - CHOICE_PAUSE_SECONDS) < 0.05, `paused at ${time}`);
    const labels = await buttons(player).evaluateAll((all) => all.map((b) => [b.getAttribute("aria-label"), b.hidden]));
    assert.deepEqual(labels, [
      ["Pay $987,654.32 now", false],
      ["Remind me later", false],
      ["What is this charge?", false],
      ["Watch again", true],
    ]);
    // Each button covers its drawn pill, in the manifest's tab order.
    assert.ok(boxes[0].y < boxes[1].y && boxes[1].y < boxes[2].y && boxes[0].width > 100);
    await page.mouse.click(...centre(boxes[2]));
    await waitForLog(page, "chapter", 2);
    assert.deepEqual((await named(page, "action")).map(({ id, kind }) => [id, kind]), [["why", "segment"]]);
    assert.deepEqual((await named(page, "chapter")).map((c) => c.name), ["intro", "details"]);
    // `then: stop`: the segment ends held, and the host hears ENDED.
    await waitForLog(page, "ended");
    await context.close();
  });

  test("a click beside the drawing, on an inactive action, or from a script does nothing", async () => {
    const { page, player, context } = await mounted({ loop: false, speed: 4 });
    const [pay] = await atTheChoice(page, player);
    // The pill's rounded corner: inside its box, outside what is drawn.
    await page.mouse.click(pay.x + 2, pay.y + 2);
    // Where the replay button will be: not active during the choice.
    await page.mouse.click(pay.x + pay.width / 2, pay.y + 2 * pay.height + 100);
    // A click no viewer made (isTrusted false), on the button and the canvas.
    await player.evaluate(() => {
      document.querySelector("button[data-action]").click();
      document.getElementById("stage").dispatchEvent(new MouseEvent("click", { clientX: 100, clientY: 100, bubbles: true }));
    });
    await page.waitForTimeout(300);
    assert.deepEqual(await named(page, "action"), []);
    // The cursor says where a click acts.
    await page.mouse.move(...centre(pay));
    await player.waitForFunction(() => document.getElementById("stage").style.cursor === "pointer");
    await page.mouse.move(pay.x + 2, pay.y + 2);
    await player.waitForFunction(() => document.getElementById("stage").style.cursor === "");
    await context.close();
  });

  test("keyboard: Tab reaches the active actions in order, Enter and Space act", async () => {
    const { page, player, context } = await mounted({ loop: false, speed: 4, controls: true });
    await atTheChoice(page, player);
    await player.locator("#stage").focus().catch(() => {});
    await page.focus("iframe");
    const focused = () => player.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.id);
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "Pay $987,654.32 now");
    const ring = await player.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(ring, "solid", "a visible focus ring");
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "Remind me later");
    await page.keyboard.press("Enter");
    await waitForLog(page, "action");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    await waitForLog(page, "action", 2);
    assert.deepEqual((await named(page, "action")).map((a) => a.id), ["later", "why"]);
    await context.close();
  });

  test("no choice waits before where playback starts or outside what plays", async () => {
    // INIT's segment after the choice, and a poster past it: both play to
    // their end without a PAUSE.
    for (const options of [{ segment: "details" }, { poster: 6 }]) {
      const { page, context } = await mounted({ loop: false, speed: 4, ...options });
      await waitForLog(page, "ended");
      assert.deepEqual(await named(page, "pause"), [], JSON.stringify(options));
      await context.close();
    }
    // A `stop` segment played from the choice, then played again: it
    // starts over as a play-through of its own, still without a PAUSE.
    const { page, player, context } = await mounted({ loop: false, speed: 4 });
    const [, , why] = await atTheChoice(page, player);
    await page.mouse.click(...centre(why));
    await waitForLog(page, "ended");
    await page.evaluate(() => window.__embed.play());
    await waitForLog(page, "ended", 2);
    assert.equal((await named(page, "pause")).length, 1, "only the choice's own");
    assert.equal((await named(page, "replay")).length, 1);
    const percents = (await named(page, "progress")).map((p) => p.percent);
    assert.deepEqual(percents, [25, 50, 25, 50, 75, 100, 25, 50, 75, 100], "the segment's quarters, twice");
    await context.close();
  });

  test("with reduced motion the poster frame's actions work: shown, and a click acts", async () => {
    const { page, player, context } = await mountedWith({ reducedMotion: "reduce" }, { poster: 4.8 });
    assert.deepEqual(await named(page, "play"), [], "no autoplay");
    await player.waitForFunction(() => !document.querySelector("button[data-action]").hidden);
    const pay = await buttons(player).first().boundingBox();
    await page.mouse.click(...centre(pay));
    await waitForLog(page, "action");
    assert.equal((await named(page, "action"))[0].id, "pay");
    await context.close();
  });

  test("chapters come in ready; playSegment jumps to one, an unknown name is an error", async () => {
    const { page, context } = await mounted({ autoplay: false });
    const [ready] = await named(page, "ready");
    assert.deepEqual(ready.chapters, [
      { name: "intro", label: "Your bill", time: 0, duration: 3 },
      { name: "details", label: "The charge explained", time: 5, duration: 2.5 },
    ]);
    await page.evaluate(() => window.__embed.playSegment("details", { then: "continue" }));
    await waitForLog(page, "chapter", 2);
    assert.equal((await named(page, "chapter")).at(-1).name, "details");
    await waitForLog(page, "play");
    await page.evaluate(() => window.__embed.playSegment("nope"));
    await waitForLog(page, "error");
    assert.equal((await named(page, "error"))[0].code, "unknown-segment");
    await context.close();
  });

  test("progress at each quarter once per play-through, and replay after the end, in the lite player too", async () => {
    const { page, context } = await mounted({ loop: false, speed: 8 }, "greeting");
    await waitForLog(page, "ended");
    assert.deepEqual((await named(page, "progress")).map((p) => p.percent), [25, 50, 75, 100]);
    await page.evaluate(() => window.__embed.play());
    await waitForLog(page, "ended", 2);
    assert.equal((await named(page, "replay")).length, 1);
    assert.deepEqual((await named(page, "progress")).map((p) => p.percent), [25, 50, 75, 100, 25, 50, 75, 100]);
    await context.close();
  });

  test("a loop is a new play-through; a choice's replay action starts over", async () => {
    const { page, context } = await mounted({ loop: true, speed: 8 }, "greeting");
    await waitForLog(page, "progress", 6);
    const percents = (await named(page, "progress")).map((p) => p.percent);
    assert.deepEqual(percents.slice(0, 6), [25, 50, 75, 100, 25, 50]);
    await context.close();
    // The bill's "Watch again" is active in its last scene.
    const bill = await mounted({ loop: false, speed: 8 });
    // Past the choice (playing on from its pause), to the end.
    await waitForLog(bill.page, "pause");
    await bill.page.evaluate(() => window.__embed.play());
    await waitForLog(bill.page, "ended");
    const again = await buttons(bill.player).nth(3).boundingBox();
    assert.ok(again, "the replay button shows on the last frame");
    await bill.page.mouse.click(...centre(again));
    await waitForLog(bill.page, "replay");
    assert.deepEqual((await named(bill.page, "action")).map(({ id, kind }) => [id, kind]), [["again", "replay"]]);
    await waitForLog(bill.page, "play", 2);
    await bill.context.close();
  });

  test("a link opens in the host page only where the host allowed it", async () => {
    const allowed = await mounted({ loop: false, speed: 4, links: { open: true, origins: ["https://bank.example"] } });
    const [pay] = await atTheChoice(allowed.page, allowed.player);
    // (No network here: the new tab's request shows where it went.)
    const request = allowed.context.waitForEvent("request", (r) => r.url().startsWith("https://bank.example/"));
    await allowed.page.mouse.click(...centre(pay));
    assert.equal((await request).url(), "https://bank.example/pay");
    const [action] = await named(allowed.page, "action");
    assert.deepEqual([action.id, action.kind, action.opened, action.url], ["pay", "link", true, undefined]);
    await allowed.context.close();
    const silent = await mounted({ loop: false, speed: 4 });
    const [pay2] = await atTheChoice(silent.page, silent.player);
    let popups = 0;
    silent.context.on("page", () => popups++);
    await silent.page.mouse.click(...centre(pay2));
    await waitForLog(silent.page, "action");
    assert.equal((await named(silent.page, "action"))[0].opened, false);
    await silent.page.waitForTimeout(300);
    assert.equal(popups, 0);
    await silent.context.close();
  });

  test("no value of the viewer's data reaches the host, a request or the console; DESTROY takes the buttons and their labels", async () => {
    const { page, player, context, record } = await mounted({ loop: false, speed: 4 });
    const [, , why] = await atTheChoice(page, player);
    await page.mouse.click(...centre(why));
    await waitForLog(page, "ended");
    const heard = JSON.stringify(await log(page));
    const requests = JSON.stringify(record.requests);
    for (const value of WRITTEN) {
      assert.ok(!heard.includes(value), `${value} in an event`);
      assert.ok(!requests.includes(value), `${value} in a request`);
      assert.ok(!record.console.join("\n").includes(value), `${value} in the console`);
    }
    assert.equal(await buttons(player).count(), 4, "while bound, the buttons are there");
    assert.equal(await inJsHeap(context, player, "Pay $987,654.32 now"), true, "and their labels (the check can see them)");
    // Keep the iframe after destroy, to look inside the player.
    await page.evaluate(() => {
      document.querySelector("iframe").remove = () => {};
      window.__embed.destroy();
    });
    await player.waitForFunction(() => !document.querySelector("button[data-action]"));
    await player.waitForTimeout(100);
    assert.equal(await inJsHeap(context, player, "987,654.32"), false, "no label left in the player's JS heap");
    assert.deepEqual(record.pageErrors, []);
    await context.close();
  });
});
