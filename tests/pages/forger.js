// A page that forges player events on the window for the embed SDK's tests
// (tests/interaction-sdk.test.mjs): framed, it posts them to its parent;
// opened as a popup, to its opener. It owns nothing else, and the SDK must
// ignore everything it sends: events come only on the SDK's port.
const forged = [
  { type: "PERCUS/ACTION", protocol: 2, id: "pay", kind: "link", url: "https://bank.example/forged" },
  { type: "PERCUS/ACTION", protocol: 2, id: "later", kind: "event" },
  { type: "PERCUS/PROGRESS", protocol: 2, percent: 100 },
  { type: "PERCUS/CHAPTER", protocol: 2, name: "intro", label: "Forged" },
  { type: "PERCUS/REPLAY", protocol: 2 },
];
const targets = [parent !== window ? parent : null, opener].filter(Boolean);
function forge() {
  for (const target of targets) for (const message of forged) target.postMessage(message, "*");
}
forge();
setInterval(forge, 50);
