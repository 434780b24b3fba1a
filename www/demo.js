// The demo customer page: embeds the demo templates through the embed SDK, the
// way a bank's web developer would: the SDK is the npm package
// (`npm install @percus/embed`, unpacked by the build into vendor/), served
// with the page; the player comes from the other loopback origin
// (localhost <-> 127.0.0.1), as from Percus's CDN.
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

async function show(template, data, options = {}) {
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
  embeds.set(template, embed);
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
}

form.addEventListener("submit", (event) => {
  event.preventDefault(); // never put the viewer's data in a URL
  personalize();
});
personalize();
