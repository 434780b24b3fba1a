// The demo customer page: embeds the demo templates through the embed SDK, the
// way a bank's web developer would: the SDK is the npm package
// (`npm install @percus/embed`, unpacked by the build into vendor/), served
// with the page; the player comes from the other loopback origin
// (localhost <-> 127.0.0.1), as from Percus's CDN. The `bill` template is
// the interactive one: this page opens its pay link, logs what the viewer
// did (actions, progress, chapters, replays) and offers its chapters.
import { mount } from "./vendor/@percus/embed/percus-embed.js";

const here = new URL(location.href);
const playerOrigin = `${here.protocol}//${here.hostname === "127.0.0.1" ? "localhost" : "127.0.0.1"}:${here.port}`;

const form = document.getElementById("viewer");
const events = document.getElementById("events");
const embeds = new Map();

function log(template, detail) {
  const item = document.createElement("li");
  // Codes and field names only: events never carry the viewer's data.
  item.textContent = `${template}: ${detail.type}${detail.code ? ` ${detail.code}` : ""}${detail.field ? ` (${detail.field})` : ""}`;
  events.append(item);
}

const generation = new Map();

/**
 * Mounts `template` with `data` in its element, replacing the previous embed.
 * `wire(embed)`, when given, adds the template's own listeners before any
 * event can arrive (they come from the player, after mount resolves).
 */
async function show(template, data, options = {}, wire = undefined) {
  const locale = form.elements.locale.value;
  // A newer call wins: an older embed (with the previous data) never stays.
  const mine = (generation.get(template) || 0) + 1;
  generation.set(template, mine);
  embeds.get(template)?.destroy();
  embeds.delete(template);
  const embed = await mount(document.getElementById(template), {
    player: `${playerOrigin}/player.html`,
    template,
    data,
    title: `Your personal video: ${template}`,
    locale, // numbers and dates are written for it, inside the player
    ...options,
  });
  if (generation.get(template) !== mine) {
    embed.destroy();
    return;
  }
  for (const event of ["ready", "rendered", "error"]) embed.on(event, (detail) => log(template, detail));
  wire?.(embed);
  embeds.set(template, embed);
}

// --- the bill: what the viewer did -------------------------------------------
// A bank's page would send these to its analytics. Their details are action
// ids, percents and the manifest's fixed chapter labels, never the viewer's
// data; they are written as text (textContent), never as HTML.
const billEvents = document.getElementById("bill-events");
const billChapters = document.getElementById("bill-chapters");
// Enough to follow a few play-throughs; older lines go.
const BILL_LOG_LINES = 20;

function logBill(line) {
  const item = document.createElement("li");
  item.textContent = line;
  billEvents.append(item);
  while (billEvents.children.length > BILL_LOG_LINES) billEvents.firstElementChild.remove();
}

function describeBillEvent(event, detail) {
  switch (event) {
    case "action": // a link's URL never reaches the host's callbacks; whether the SDK opened it does
      return `action ${detail.id} (${detail.kind}${detail.kind === "link" ? (detail.opened ? ", opened" : ", not opened") : ""})`;
    case "progress":
      return `progress ${detail.percent}%`;
    case "chapter":
      return `chapter ${detail.name}: ${detail.label}`;
    default:
      return event;
  }
}

/** The chapters of `ready` as buttons under the video: each jumps there and plays on. */
function showChapters(embed, chapters = []) {
  billChapters.replaceChildren(
    ...chapters.map(({ name, label }) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.addEventListener("click", () => embed.playSegment(name, { then: "continue" }));
      return button;
    }),
  );
}

function wireBill(embed) {
  billEvents.replaceChildren();
  billChapters.replaceChildren();
  for (const event of ["action", "progress", "chapter", "replay"]) {
    embed.on(event, (detail) => logBill(describeBillEvent(event, detail)));
  }
  // "Remind me later" is the bank's to do (here it would schedule the
  // reminder); the video need not wait at the choice for it.
  embed.on("action", ({ id }) => {
    if (id === "later") embed.play();
  });
  embed.on("ready", ({ chapters }) => showChapters(embed, chapters));
}

function personalize() {
  const firstName = form.elements.first_name.value;
  const saving = form.elements.saving.valueAsNumber;
  show("greeting", { first_name: firstName });
  show("balance", { first_name: firstName, saving });
  // Over background footage with sound: controls to pause and unmute, captions on.
  show("footage", { first_name: firstName }, { controls: true, captions: true });
  // A member card: a colour, a choice, a flag, a ratio and, when one is
  // picked, a photo: the File goes to the player as bytes (structured
  // clone), never uploaded anywhere.
  const photo = form.elements.photo.files[0];
  show("member", {
    first_name: firstName,
    tier: form.elements.tier.value,
    brand: form.elements.brand.value,
    vip: form.elements.vip.checked,
    progress: Math.min(Math.max(form.elements.progress.valueAsNumber / 100 || 0, 0), 1),
    ...(photo ? { photo } : {}),
  });
  // The bill reminder: it ends on its replay button (no loop), and its pay
  // button's link opens here, in a new tab, only on the bank's own origin.
  // No captions: their line would cover the choice's lowest button.
  show(
    "bill",
    {
      first_name: firstName,
      biller: form.elements.biller.value,
      amount: form.elements.bill_amount.valueAsNumber,
      due: form.elements.due.value,
      period: form.elements.period.value,
    },
    { loop: false, controls: true, links: { open: true, origins: ["https://bank.example"] } },
    wireBill,
  );
}

form.addEventListener("submit", (event) => {
  event.preventDefault(); // never put the viewer's data in a URL
  personalize();
});
personalize();
