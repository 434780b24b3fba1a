// Writes the demo templates in www/templates/ (animation.json + manifest.json,
// captions.vtt where a template has captions, and bill's copy of the fonts),
// then every package's `assets` list. `bill` is the interactive one: scenes
// as markers, buttons as layers its manifest's actions target.
// A motion designer would export these from After Effects; here they are
// generated so that every keyframe is reviewable. Run: node scripts/generators/make-demo-templates.mjs
import { copyFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashTemplate } from "./hash-template.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "www", "templates");

// --- small Lottie builders -------------------------------------------------
const fixed = (k) => ({ a: 0, k });
const easeOut = { o: { x: [0.33], y: [0] }, i: { x: [0.12], y: [1] } };
const easeInOut = { o: { x: [0.42], y: [0] }, i: { x: [0.58], y: [1] } };
// keys: [[t, value, easing?], ...]; easing "hold" or an {o, i} pair; last key has no easing.
const anim = (keys) => ({
  a: 1,
  k: keys.map(([t, s, ease]) => {
    const key = { t, s: Array.isArray(s) ? s : [s] };
    if (ease === "hold") key.h = 1;
    else if (ease) Object.assign(key, ease);
    return key;
  }),
});
const transform = ({ a = [0, 0], p = [0, 0], s = [100, 100], r = 0, o = 100 } = {}) => ({
  a: a.k ? a : fixed(a),
  p: p.k ? p : fixed(p),
  s: s.k ? s : fixed(s),
  r: r.k ? r : fixed(r),
  o: o.k ? o : fixed(o),
});
const groupTransform = (opts) => ({ ty: "tr", nm: "Transform", ...transform(opts) });
const layer = (ty, ind, nm, extra) => ({ ddd: 0, ind, ty, nm, sr: 1, ip: 0, op: 9999, st: 0, ...extra });
const fill = (rgb, o = 100) => ({ ty: "fl", nm: "Fill", c: fixed([...rgb, 1]), o: fixed(o), r: 1 });
const stroke = (rgb, w, o = 100) => ({ ty: "st", nm: "Stroke", c: fixed([...rgb, 1]), o: fixed(o), w: fixed(w), lc: 2, lj: 2, ml: 4 });
const group = (nm, items, tr = {}) => ({ ty: "gr", nm, it: [...items, groupTransform(tr)] });
const rect = (size, r = 0, p = [0, 0]) => ({ ty: "rc", nm: "Rect", p: fixed(p), s: size.k ? size : fixed(size), r: fixed(r) });
const ellipse = (size, p = [0, 0]) => ({ ty: "el", nm: "Ellipse", p: fixed(p), s: fixed(size) });
const path = (vertices, closed = true) => ({
  ty: "sh",
  nm: "Path",
  ks: fixed({ c: closed, v: vertices, i: vertices.map(() => [0, 0]), o: vertices.map(() => [0, 0]) }),
});
const hex = (h) => [1, 3, 5].map((i) => Math.round((parseInt(h.slice(i, i + 2), 16) / 255) * 1000) / 1000);
const text = (ind, nm, { t, f, s, fc, j = 0, lh }, extra) =>
  layer(5, ind, nm, {
    t: { d: { k: [{ t: 0, s: { t, f, s, fc, j, lh: lh ?? s * 1.2, tr: 0, ls: 0 } }] }, p: {}, m: { g: 1, a: fixed([0, 0]) }, a: [] },
    ...extra,
  });
const font = (fName, fStyle, file) => ({ fName, fFamily: "Percus Demo Sans", fStyle, fPath: `fonts/${file}`, origin: 3, ascent: 76 });

function star(points, outer, inner) {
  const v = [];
  for (let i = 0; i < points * 2; i++) {
    const a = (Math.PI * i) / points - Math.PI / 2;
    const r = i % 2 ? inner : outer;
    v.push([Math.round(Math.cos(a) * r * 100) / 100, Math.round(Math.sin(a) * r * 100) / 100]);
  }
  return v;
}

// --- greeting: "Hi {first_name}!" ------------------------------------------
function greeting() {
  const white = [1, 1, 1];
  const confetti = [
    ["#e63946", [80, 60], [[0, [80, -20], "hold"], [20, [80, 60], "hold"], [40, [95, 120], "hold"], [60, [80, 200]]]],
    ["#f4a261", [560, 70], [[0, [560, -20], "hold"], [25, [560, 70], "hold"], [45, [540, 140], "hold"], [65, [555, 220]]]],
    ["#2a9d8f", [600, 300], [[0, [620, 390], "hold"], [30, [600, 300], "hold"], [50, [585, 250], "hold"], [70, [600, 180]]]],
  ].map(([color, _p, keys], i) =>
    layer(4, i + 1, `Confetti ${i + 1}`, {
      ks: transform({ p: anim(keys), r: anim([[0, 0], [90, 270]]) }),
      shapes: [group("Piece", [rect([14, 22], 3), fill(hex(color))])],
    }),
  );

  const layers = [
    text(1, "Greeting", { t: "Hi there!", f: "DejaVuSans-Bold", s: 44, fc: white, j: 2, lh: 52 }, {
      parent: 3,
      ks: transform({ o: anim([[4, 0, easeOut], [18, 100]]) }),
    }),
    text(2, "Subtitle", { t: "Here is your year with us", f: "DejaVuSans-Bold", s: 20, fc: hex("#a8dadc"), j: 2 }, {
      parent: 3,
      ks: transform({ p: [0, 40], o: anim([[14, 0, easeOut], [30, 100]]) }),
    }),
    layer(3, 3, "Rig", { ks: transform({ p: anim([[0, [-220, 180], easeOut], [22, [320, 180], "hold"], [100, [320, 180], easeInOut], [118, [320, 150]]]) }) }),
    layer(4, 4, "Sparkle", {
      ks: transform({ p: [548, 84], r: anim([[0, 0], [120, 360]]), s: anim([[18, [0, 0], easeOut], [34, [100, 100]]]) }),
      shapes: [group("Star", [path(star(5, 34, 14)), stroke(white, 3), fill(hex("#ffd166"))])],
    }),
    layer(0, 5, "Confetti", { refId: "confetti", w: 640, h: 360, st: 8, ks: transform() }),
    layer(4, 6, "Badge", {
      parent: 3,
      ks: transform({ p: [-250, 110], s: anim([[30, [100, 100], easeInOut], [45, [118, 118], easeInOut], [60, [100, 100]]]) }),
      shapes: [
        group("Ring", [ellipse([54, 54]), stroke(hex("#ffd166"), 4)]),
        group("Dot", [ellipse([30, 30]), fill(hex("#e63946"))]),
      ],
    }),
    layer(1, 7, "Background", { sc: "#1d3557", sw: 640, sh: 360, ks: transform() }),
  ];
  return {
    v: "5.7.4",
    fr: 30,
    ip: 0,
    op: 120,
    w: 640,
    h: 360,
    nm: "Greeting",
    ddd: 0,
    assets: [{ id: "confetti", nm: "Confetti", layers: confetti }],
    fonts: { list: [font("DejaVuSans-Bold", "Bold", "DejaVuSans-Bold.woff")] },
    layers,
    // Segments a host can play on their own (INIT `segment`).
    markers: [
      { cm: "intro", tm: 0, dr: 45 },
      { cm: "hello", tm: 45, dr: 75 },
    ],
  };
}

// --- balance: "{first_name}, this is your year" / "You saved {saving}" ------
function balance() {
  const ink = hex("#1d3557");
  const bars = [0.35, 0.55, 0.7, 1].map((h, i) =>
    group(`Bar ${i + 1}`, [rect([44, 160 * h], 6, [0, -80 * h]), fill(hex(i === 3 ? "#e63946" : "#457b9d"))], {
      p: [i * 64, 0],
      s: anim([[10 + i * 8, [100, 0], easeOut], [34 + i * 8, [100, 100]]]),
    }),
  );
  const layers = [
    text(1, "Headline", { t: "This is your year", f: "DejaVuSans-Bold", s: 30, fc: ink }, {
      ks: transform({ p: [40, 76], o: anim([[0, 0, easeOut], [14, 100]]) }),
    }),
    text(2, "Amount", { t: "You saved a lot", f: "DejaVuSans", s: 24, fc: hex("#457b9d") }, {
      ks: transform({ p: anim([[12, [20, 120], easeOut], [30, [40, 120]]]), o: anim([[12, 0], [30, 100]]) }),
    }),
    layer(4, 3, "Bars", { ks: transform({ p: [380, 310] }), shapes: bars }),
    layer(4, 4, "Axis", {
      ks: transform({ p: [360, 312] }),
      shapes: [group("Line", [path([[0, 0], [250, 0]], false), stroke(ink, 3)])],
    }),
    layer(4, 5, "Coin", {
      ks: transform({ p: anim([[40, [600, -40], easeInOut], [70, [600, 60], "hold"], [110, [600, 60], easeInOut], [140, [600, 80]]]) }),
      shapes: [group("Coin", [ellipse([44, 44]), stroke(hex("#b8860b"), 3), fill(hex("#ffd166"))])],
    }),
    layer(1, 6, "Background", { sc: "#f1faee", sw: 640, sh: 360, ks: transform() }),
  ];
  return {
    v: "5.7.4",
    fr: 30,
    ip: 0,
    op: 150,
    w: 640,
    h: 360,
    nm: "Balance",
    ddd: 0,
    assets: [],
    fonts: {
      list: [font("DejaVuSans-Bold", "Bold", "DejaVuSans-Bold.woff"), font("DejaVuSans", "Book", "DejaVuSans.woff")],
    },
    layers,
    markers: [],
  };
}

// --- footage: "Welcome, {first_name}" over a background video ---------------
// footage.webm (scripts/generators/make-demo-video.sh) has a white block in its
// timecode strip at x = 24 + 3n on frame n; the Playhead points at it.
function footage() {
  const linear = { o: { x: [0], y: [0] }, i: { x: [1], y: [1] } };
  const layers = [
    text(1, "Welcome", { t: "Welcome!", f: "DejaVuSans-Bold", s: 40, fc: [1, 1, 1], j: 2 }, {
      ks: transform({ p: anim([[0, [320, 150], easeOut], [20, [320, 140]]]), o: anim([[0, 0, easeOut], [20, 100]]) }),
    }),
    text(2, "Offer", { t: "Your offer is ready", f: "DejaVuSans-Bold", s: 22, fc: hex("#ffd166"), j: 2 }, {
      ks: transform({ p: [320, 190], o: anim([[30, 0, easeOut], [50, 100]]) }),
    }),
    layer(4, 3, "Playhead", {
      ks: transform({ p: anim([[0, [28, 322], linear], [180, [568, 322]]]) }),
      shapes: [group("Arrow", [path([[-7, -12], [7, -12], [0, 0]]), fill(hex("#ffd166"))])],
    }),
  ];
  return {
    v: "5.7.4",
    fr: 30,
    ip: 0,
    op: 180,
    w: 640,
    h: 360,
    nm: "Footage",
    ddd: 0,
    assets: [],
    fonts: { list: [font("DejaVuSans-Bold", "Bold", "DejaVuSans-Bold.woff")] },
    layers,
    markers: [{ cm: "offer", tm: 30, dr: 150 }],
  };
}

// --- bill: an interactive bill reminder (manifest `actions` and `chapters`) --
// Four scenes, each a marker the manifest's actions and chapters name:
// `intro` greets and states the amount and due date, `choice` offers three
// buttons and waits there (the `pay` action pauses on its last frame),
// `details` explains the charge (the `why` action plays it on its own),
// `thanks` ends on a replay button. Each scene's layers live only inside its
// frames (ip/op), so a button is never clickable while another scene shows.
const BILL_SCENES = {
  intro: { tm: 0, dr: 90 },
  choice: { tm: 90, dr: 60 },
  details: { tm: 150, dr: 75 },
  thanks: { tm: 225, dr: 45 },
};

function bill() {
  const navy = hex("#1d3557");
  const white = [1, 1, 1];
  const mist = hex("#a8dadc");
  const gold = hex("#ffd166");
  const steel = hex("#457b9d");
  const scene = (name) => ({ ip: BILL_SCENES[name].tm, op: BILL_SCENES[name].tm + BILL_SCENES[name].dr });
  // Fade in over [from, from + 12]. Only the intro also fades out (over its
  // last 8 frames): `choice` pauses on its last frame, and `why` plays
  // `details` alone and holds its last frame, so both end fully shown.
  const fadeIn = (from) => anim([[from, 0, easeOut], [from + 12, 100]]);
  const introEnd = scene("intro").op;
  const introFade = (from) => anim([[from, 0, easeOut], [from + 12, 100, "hold"], [introEnd - 8, 100, easeInOut], [introEnd, 0]]);
  const rise = (from, [x, y]) => anim([[from, [x, y + 14], easeOut], [from + 14, [x, y]]]);
  const pop = (from) => anim([[from, [70, 70], easeOut], [from + 9, [106, 106], easeInOut], [from + 14, [100, 100]]]);
  const bold = "DejaVuSans-Bold";
  const book = "DejaVuSans";

  // A button: a rounded-rect shape layer (the action's target, so the hit
  // area is exactly the rounded rect) and its label, a text layer parented
  // to it. Parenting carries the button's position and pop; opacity is not
  // inherited in Lottie, so the label fades with the same keys.
  const button = (ind, nm, label, { sceneName, p, from, size, fillColor, textColor, outline }) => {
    const opacity = fadeIn(from);
    return [
      text(ind, `${nm.replace(/ button$/, "")} label`, { t: label, f: bold, s: 18, fc: textColor, j: 2 }, {
        ...scene(sceneName),
        parent: ind + 1,
        // 18 px text: its baseline 6.5 px below the centre centres the capitals.
        ks: transform({ p: [0, 6.5], o: opacity }),
      }),
      layer(4, ind + 1, nm, {
        ...scene(sceneName),
        ks: transform({ p, s: pop(from), o: opacity }),
        shapes: [group("Shape", [rect(size, size[1] / 2), ...(outline ? [stroke(outline, 2)] : []), fill(fillColor)])],
      }),
    ];
  };

  const intro = [
    layer(4, 10, "Bill icon", {
      ...scene("intro"),
      ks: transform({ p: [320, 64], s: pop(0), o: introFade(0) }),
      shapes: [
        group("Lines", [
          path([[-11, -8], [11, -8]], false),
          path([[-11, 1], [11, 1]], false),
          path([[-11, 10], [3, 10]], false),
          stroke(steel, 3),
        ]),
        group("Sheet", [rect([38, 48], 5), fill(hex("#f1faee"))]),
      ],
    }),
    text(11, "Greeting", { t: "Your bill is due", f: bold, s: 28, fc: white, j: 2 }, {
      ...scene("intro"),
      ks: transform({ p: rise(6, [320, 140]), o: introFade(6) }),
    }),
    text(12, "Amount", { t: "$0.00", f: bold, s: 64, fc: gold, j: 2 }, {
      ...scene("intro"),
      ks: transform({ p: [320, 226], s: pop(18), o: introFade(18) }),
    }),
    text(13, "Due", { t: "Due soon", f: book, s: 22, fc: mist, j: 2 }, {
      ...scene("intro"),
      ks: transform({ p: rise(30, [320, 272]), o: introFade(30) }),
    }),
  ];

  const choice = [
    text(20, "Choice title", { t: "What would you like to do?", f: bold, s: 26, fc: white, j: 2 }, {
      ...scene("choice"),
      ks: transform({ p: rise(90, [320, 86]), o: fadeIn(90) }),
    }),
    text(21, "Choice summary", { t: "Your bill is due", f: book, s: 16, fc: mist, j: 2 }, {
      ...scene("choice"),
      ks: transform({ p: rise(94, [320, 114]), o: fadeIn(94) }),
    }),
    ...button(22, "Pay button", "Pay now", {
      sceneName: "choice", p: [320, 164], from: 98, size: [320, 50], fillColor: gold, textColor: navy,
    }),
    ...button(24, "Later button", "Remind me later", {
      sceneName: "choice", p: [320, 226], from: 104, size: [320, 50], fillColor: steel, textColor: white,
    }),
    ...button(26, "Why button", "What is this charge?", {
      sceneName: "choice", p: [320, 288], from: 110, size: [320, 50], fillColor: navy, textColor: white, outline: mist,
    }),
  ];

  // The details card: three rows of label (left) and value (right).
  const rows = [
    ["Amount due", "Details amount", "$0.00"],
    ["Due date", "Details due", "Soon"],
    ["Billing period", "Details period", "This month"],
  ].flatMap(([label, nm, value], i) => {
    const y = 160 + i * 48;
    const from = 160 + i * 6;
    return [
      text(32 + i * 2, `${nm} label`, { t: label, f: book, s: 18, fc: mist, j: 0 }, {
        ...scene("details"),
        ks: transform({ p: rise(from, [100, y]), o: fadeIn(from) }),
      }),
      text(33 + i * 2, nm, { t: value, f: bold, s: 18, fc: white, j: 1 }, {
        ...scene("details"),
        ks: transform({ p: rise(from, [540, y]), o: fadeIn(from) }),
      }),
    ];
  });
  const details = [
    text(30, "Details title", { t: "This is your bill", f: bold, s: 22, fc: white, j: 2 }, {
      ...scene("details"),
      ks: transform({ p: rise(150, [320, 84]), o: fadeIn(150) }),
    }),
    ...rows,
    text(38, "Details note", { t: "Paying by the due date avoids a late fee.", f: book, s: 16, fc: mist, j: 2 }, {
      ...scene("details"),
      ks: transform({ p: rise(178, [320, 318]), o: fadeIn(178) }),
    }),
    layer(4, 39, "Details card", {
      ...scene("details"),
      ks: transform({ p: rise(152, [320, 198]), o: fadeIn(152) }),
      shapes: [
        group("Rules", [path([[-200, -14], [200, -14]], false), path([[-200, 34], [200, 34]], false), stroke(hex("#3d5f8a"), 1)]),
        group("Card", [rect([480, 160], 16), fill(hex("#274a76"))]),
      ],
    }),
  ];

  const thanks = [
    layer(4, 40, "Check", {
      ...scene("thanks"),
      ks: transform({ p: [320, 104], s: pop(225) }),
      shapes: [
        group("Tick", [path([[-14, 1], [-4, 11], [15, -10]], false), stroke(white, 6)]),
        group("Disc", [ellipse([76, 76]), fill(hex("#2a9d8f"))]),
      ],
    }),
    text(41, "Thanks", { t: "Thank you!", f: bold, s: 36, fc: white, j: 2 }, {
      ...scene("thanks"),
      ks: transform({ p: rise(229, [320, 194]), o: fadeIn(229) }),
    }),
    text(42, "Thanks note", { t: "We are here if you have questions.", f: book, s: 18, fc: mist, j: 2 }, {
      ...scene("thanks"),
      ks: transform({ p: rise(234, [320, 226]), o: fadeIn(234) }),
    }),
    // Shown to the end: the video holds its last frame on it.
    ...button(43, "Replay button", "Watch again", {
      sceneName: "thanks", p: [320, 284], from: 238, size: [200, 46], fillColor: steel, textColor: white,
    }),
  ];

  const layers = [
    text(1, "Brand", { t: "Northwind Bank", f: bold, s: 14, fc: mist, j: 0 }, { ks: transform({ p: [24, 34] }) }),
    ...intro,
    ...choice,
    ...details,
    ...thanks,
    layer(1, 99, "Background", { sc: "#1d3557", sw: 640, sh: 360, ks: transform() }),
  ];
  const end = Math.max(...Object.values(BILL_SCENES).map(({ tm, dr }) => tm + dr));
  return {
    v: "5.7.4",
    fr: 30,
    ip: 0,
    op: end,
    w: 640,
    h: 360,
    nm: "Bill",
    ddd: 0,
    assets: [],
    fonts: { list: [font(bold, "Bold", "DejaVuSans-Bold.woff"), font(book, "Book", "DejaVuSans.woff")] },
    layers,
    // The scenes: actions are active in one (`marker`), `why` plays
    // `details` alone, chapters jump to `intro` and `details`.
    markers: Object.entries(BILL_SCENES).map(([cm, { tm, dr }]) => ({ cm, tm, dr })),
  };
}

const manifests = {
  greeting: {
    // Which player it needs, as `percus-check --write-hint` writes it.
    player: "lite",
    version: 1,
    name: "greeting",
    description: "A personal hello.",
    animation: "animation.json",
    fields: [{ name: "first_name", type: "text", required: true, maxLength: 30, sample: "Jane" }],
    // A long name shrinks (down to half size) to stay on screen, then is cut with "…".
    bindings: [{ target: { layer: "Greeting" }, text: "Hi {first_name}!", fit: { minSize: 22, maxWidth: 600, ellipsis: true } }],
    accessibleText: "An animated greeting: Hi {first_name}! Confetti falls around the words.",
    captions: "captions.vtt",
  },
  balance: {
    // Which player it needs, as `percus-check --write-hint` writes it.
    player: "lite",
    version: 1,
    name: "balance",
    description: "What the customer saved this year.",
    animation: "animation.json",
    locale: "en-US",
    fields: [
      { name: "first_name", type: "text", required: true, maxLength: 30, sample: "Jane" },
      // A number, written for the viewer's locale: $1,234.56, 1.234,56 $, US$1,234.56…
      { name: "saving", type: "currency", currency: "USD", required: true, minimum: -1e9, maximum: 1e9, sample: 1234.56 },
    ],
    bindings: [
      { target: { layer: "Headline" }, text: "{first_name}, this is your year" },
      { target: { layer: "Amount" }, text: "You saved {saving}" },
    ],
    accessibleText: "{first_name}, this is your year. You saved {saving}.",
  },
  footage: {
    // Which player it needs, as `percus-check --write-hint` writes it.
    player: "full",
    version: 1,
    name: "footage",
    description: "A welcome over background footage with sound.",
    animation: "animation.json",
    video: "footage.webm",
    fields: [{ name: "first_name", type: "text", required: true, maxLength: 30, sample: "Jane" }],
    bindings: [{ target: { layer: "Welcome" }, text: "Welcome, {first_name}!" }],
    accessibleText: "Welcome, {first_name}! Your offer is ready. Calm footage with a soft tone plays behind the words.",
    captions: "captions.vtt",
  },
  bill: {
    // Actions run in the full player only (the lite one hands them over).
    player: "full",
    version: 1,
    name: "bill",
    description: "A bill reminder the viewer acts on: pay, be reminded later, or see what the charge is.",
    animation: "animation.json",
    locale: "en-US",
    fields: [
      { name: "first_name", type: "text", required: true, maxLength: 30, sample: "Jane" },
      { name: "biller", type: "text", required: true, maxLength: 40, sample: "City Power" },
      { name: "amount", type: "currency", currency: "USD", required: true, minimum: 0, maximum: 1e7, sample: 84.2 },
      { name: "due", type: "date", dateStyle: "long", required: true, sample: "2026-11-25" },
      { name: "period", type: "text", required: true, maxLength: 40, sample: "October 2026" },
    ],
    // Long names and billers shrink, then are cut with "…", rather than
    // leave the 640 px frame or their button.
    bindings: [
      { target: { layer: "Greeting" }, text: "{first_name}, your {biller} bill is due", fit: { minSize: 16, maxWidth: 600, ellipsis: true } },
      { target: { layer: "Amount" }, text: "{amount}", fit: { minSize: 32, maxWidth: 600, ellipsis: true } },
      { target: { layer: "Due" }, text: "Due by {due}" },
      { target: { layer: "Choice summary" }, text: "{amount} due by {due}", fit: { minSize: 12, maxWidth: 600, ellipsis: true } },
      { target: { layer: "Pay label" }, text: "Pay {amount} now", fit: { minSize: 12, maxWidth: 290, ellipsis: true } },
      { target: { layer: "Details title" }, text: "This is your {biller} bill for {period}", fit: { minSize: 14, maxWidth: 600, ellipsis: true } },
      { target: { layer: "Details amount" }, text: "{amount}", fit: { minSize: 12, maxWidth: 240, ellipsis: true } },
      { target: { layer: "Details due" }, text: "{due}", fit: { minSize: 12, maxWidth: 240, ellipsis: true } },
      { target: { layer: "Details period" }, text: "{period}", fit: { minSize: 12, maxWidth: 240, ellipsis: true } },
      { target: { layer: "Thanks" }, text: "Thank you, {first_name}!", fit: { minSize: 18, maxWidth: 600, ellipsis: true } },
    ],
    accessibleText:
      "{first_name}, your {biller} bill of {amount} is due by {due}. Three buttons follow: pay now, remind me later, " +
      "or what is this charge. The charge is your {biller} bill for {period}. The video ends with a thank you.",
    captions: "captions.vtt",
    // Each action's id reaches the host in `action` events: fixed words,
    // never personal. Labels (read by screen readers) stay in the player.
    actions: [
      { id: "pay", target: { layer: "Pay button" }, label: "Pay {amount} now", kind: "link", url: "https://bank.example/pay", marker: "choice", pause: true },
      { id: "later", target: { layer: "Later button" }, label: "Remind me later", kind: "event", marker: "choice" },
      { id: "why", target: { layer: "Why button" }, label: "What is this charge?", kind: "segment", segment: "details", then: "stop", marker: "choice" },
      { id: "again", target: { layer: "Replay button" }, label: "Watch again", kind: "replay", marker: "thanks" },
    ],
    // Labels reach the host (`ready`, `chapter` events): fixed text.
    chapters: [
      { marker: "intro", label: "Your bill" },
      { marker: "details", label: "The charge explained" },
    ],
  },
};

// Captions, in the animation's time (the greeting is 4 s long).
const captions = {
  greeting: ["WEBVTT", "", "00:00.000 --> 00:02.000", "Hi {first_name}!", "", "00:02.000 --> 00:04.000", "Good to see you again.", ""],
  footage: ["WEBVTT", "", "00:00.000 --> 00:03.000", "Welcome, {first_name}!", "", "00:03.000 --> 00:06.000", "Your offer is ready.", ""],  // One cue per scene (BILL_SCENES at 30 fps: 0-3 s, 3-5 s, 5-7.5 s, 7.5-9 s).
  bill: [
    "WEBVTT", "",
    "00:00.000 --> 00:03.000", "{first_name}, your {biller} bill of {amount} is due by {due}.", "",
    "00:03.000 --> 00:05.000", "Pay now, get a reminder later, or find out what this charge is.", "",
    "00:05.000 --> 00:07.500", "This is your {biller} bill for {period}.", "",
    "00:07.500 --> 00:09.000", "Thank you, {first_name}!", "",
  ],
};

for (const [name, animation] of [["greeting", greeting()], ["balance", balance()], ["footage", footage()], ["bill", bill()]]) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "animation.json"), JSON.stringify(animation) + "\n");
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifests[name], null, 2) + "\n");
  if (captions[name]) writeFileSync(join(dir, "captions.vtt"), captions[name].join("\n"));
}
// Every file of every package, with its size and SHA-256 (badge's files are
// written by hand; its manifest's list is made here too).
// bill's fonts are copies of balance's (each package carries its own files).
mkdirSync(join(root, "bill", "fonts"), { recursive: true });
for (const file of ["DejaVuSans-Bold.woff", "DejaVuSans.woff", "LICENSE.txt"]) {
  copyFileSync(join(root, "balance", "fonts", file), join(root, "bill", "fonts", file));
}
for (const name of ["greeting", "balance", "badge", "footage", "bill"]) hashTemplate(join(root, name));
