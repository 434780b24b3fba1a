// A fake Percus player for the embed SDK's tests (tests/interaction-sdk.test.mjs):
// speaks the version 2 handshake as PROTOCOL.md says (LOADING and READY
// to its parent at the fragment's host origin, CONNECTED on the port it is
// given) and then sends whatever the test asks. It owns nothing but that:
// it never renders, and it must never be served as a real player.
//
// What the test drives: `window.send(message)` posts on the port;
// `window.__next` is the message the #act button posts when clicked (a
// viewer's click, so that the host page has user activation, as with the
// real player); `window.__received` lists every message the port got.
const host = new URLSearchParams(location.hash.slice(1)).get("host");
window.__received = [];
window.__next = undefined;
let port;

window.send = (message) => port?.postMessage(message);

document.getElementById("act").addEventListener("click", () => window.send(window.__next));

addEventListener("message", (event) => {
  if (event.source !== parent || event.origin !== host || port) return;
  if (event.data?.type !== "PERCUS/CONNECT" || !event.ports[0]) return;
  port = event.ports[0];
  port.onmessage = ({ data }) => window.__received.push(data?.type === "PERCUS/INIT" ? { type: data.type } : data);
  port.postMessage({
    type: "PERCUS/CONNECTED",
    protocol: 2,
    time: 0,
    duration: 6,
    width: 640,
    height: 360,
    // One good chapter, one with an extra key (dropped from the copy),
    // then malformed ones the SDK must leave out.
    chapters: [
      { name: "intro", label: "Your bill", time: 0, duration: 2 },
      { name: "details", label: "The charge explained", time: 2, duration: 4, secret: "Zq7Canary" },
      { name: 7, label: "Numbered", time: 0, duration: 1 },
      { name: "text-time", label: "Time as text", time: "0", duration: 1 },
      { name: "no-label", time: 0, duration: 1 },
      { name: "infinite", label: "Forever", time: 0, duration: Infinity },
      null,
      "intro",
    ],
  });
});

if (host && parent !== window) {
  parent.postMessage({ type: "PERCUS/LOADING", protocol: 2 }, host);
  parent.postMessage({ type: "PERCUS/READY", protocol: 1, versions: [1, 2] }, host);
}
