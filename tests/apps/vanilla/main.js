// A customer's plain app, built by each bundler from the packed SDK
// (tests/bundlers.test.mjs): `mount` and the <percus-video> element, side
// by side. The player's URL comes from the page's query (an app's
// config), the viewer's name from its fragment (never sent to a server),
// as a real app would get it from its API.
import { mount } from "@percus/embed";
import "@percus/embed/element";

const query = new URLSearchParams(location.search);
const player = query.get("player");
const name = new URLSearchParams(location.hash.slice(1)).get("name");
const data = { first_name: name };
window.__events = [];
const record = (source) => (detail) => window.__events.push({ source, type: detail.type, code: detail.code });

mount(document.getElementById("video"), { player, template: "greeting", data, locale: "en-US" })
  .then((embed) => {
    for (const type of ["ready", "rendered", "error"]) embed.on(type, record("mount"));
  })
  .catch((error) => window.__events.push({ source: "mount", type: "rejected", code: error.code }));

const element = document.getElementById("element");
element.setAttribute("player", player);
element.setAttribute("template", "badge");
for (const type of ["ready", "rendered", "error"]) {
  element.addEventListener(`percus-${type}`, (event) => record("element")(event.detail));
}
element.data = { first_name: name };
