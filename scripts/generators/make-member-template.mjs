// Writes the demo template `member` (www/templates/member): a member card
// that takes every kind of field the BindingEngine binds. A text by layer
// name and one by slot (`sid`), the card's fill and an accent colour slot,
// a tier shown by one badge per option, a VIP flag, a progress ratio that
// scales a bar, a line with a date, a number and an amount, and a photo the host passes as bytes, over a placeholder
// image of the package. Run it after changing this script, then
// `node scripts/generators/hash-template.mjs www/templates/member`
// (both from the repository's root).
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const out = "www/templates/member";
mkdirSync(`${out}/images`, { recursive: true });
mkdirSync(`${out}/fonts`, { recursive: true });
for (const file of ["DejaVuSans-Bold.woff", "LICENSE.txt"]) {
  copyFileSync(`www/templates/greeting/fonts/${file}`, `${out}/fonts/${file}`);
}

const fixed = (k) => ({ a: 0, k });
const transform = ({ p = [0, 0], a = [0, 0], s = [100, 100], o = fixed(100) } = {}) => ({
  a: fixed(a),
  p: fixed(p),
  s: Array.isArray(s) ? fixed(s) : s,
  r: fixed(0),
  o,
});
const layer = (ind, nm, ty, extra) => ({ ddd: 0, ind, ty, nm, sr: 1, ip: 0, op: 90, st: 0, ...extra });
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const fill = (hex, extra = {}) => ({ ty: "fl", c: { a: 0, k: [...rgb(hex), 1], ...extra }, o: fixed(100), r: 1 });
const ellipse = (size) => ({ ty: "el", p: fixed([0, 0]), s: fixed([size, size]) });
const rect = (p, s, r = 0) => ({ ty: "rc", p: fixed(p), s: fixed(s), r: fixed(r) });
const group = (items) => ({ ty: "gr", it: [...items, { ty: "tr", ...transform() }] });
const text = (t, size, extra = {}, animators = []) => ({
  d: { k: [{ t: 0, s: { t, f: "DejaVuSans-Bold", s: size, fc: [1, 1, 1], j: 0, lh: size * 1.2, tr: 0, ls: 0 } }], ...extra },
  p: {},
  m: { g: 1, a: fixed([0, 0]) },
  a: animators,
});
// Letters appear one by one (frames 4 to 24): a range selector whose start
// sweeps across the text, the selected letters transparent.
const typewriter = {
  nm: "Typewriter",
  s: { t: 0, b: 1, sh: 1, r: 1, a: fixed(100), e: fixed(100), o: fixed(0), s: { a: 1, k: [{ t: 4, s: [0], o: { x: [0.3], y: [0] }, i: { x: [0.7], y: [1] } }, { t: 24, s: [100] }] } },
  a: { o: fixed(0) },
};
const badge = (ind, nm, hex) =>
  layer(ind, nm, 4, {
    hd: true, // shown only for its tier
    ks: transform({ p: [420, 64] }),
    shapes: [group([ellipse(56), fill(hex)]), group([ellipse(64), fill("#ffffff")])],
  });
const fadeIn = { a: 1, k: [{ t: 0, s: [0], o: { x: [0.3], y: [0] }, i: { x: [0.2], y: [1] } }, { t: 12, s: [100] }] };

const animation = {
  v: "5.7.0",
  nm: "member",
  fr: 30,
  ip: 0,
  op: 90,
  w: 480,
  h: 270,
  ddd: 0,
  fonts: {
    list: [{ fName: "DejaVuSans-Bold", fFamily: "Percus Demo Sans", fStyle: "Bold", fPath: "fonts/DejaVuSans-Bold.woff", origin: 3, ascent: 76 }],
  },
  // Slot values in the file are what a template shows unbound.
  slots: { accent: { p: { a: 0, k: [...rgb("#ffd166"), 1] } } },
  assets: [{ id: "avatar", sid: "photo", w: 120, h: 120, u: "images/", p: "avatar.png", e: 0 }],
  layers: [
    layer(1, "Name", 5, { ks: transform({ p: [170, 84] }), t: text("Hi there!", 30, {}, [typewriter]) }),
    layer(2, "Tier", 5, { ks: transform({ p: [170, 120], o: fadeIn }), t: text("Member", 18, { sid: "tier_line" }) }),
    // A date, a number and a currency amount in one line.
    layer(12, "Since", 5, { ks: transform({ p: [170, 150], o: fadeIn }), t: text("Member since 2020", 13) }),
    badge(3, "Gold", "#d4a017"),
    badge(4, "Silver", "#a8a9ad"),
    badge(5, "Bronze", "#b0713a"),
    layer(6, "VIP", 4, {
      hd: true,
      ks: transform({ p: [420, 130] }),
      shapes: [group([{ ty: "sr", sy: 1, p: fixed([0, 0]), pt: fixed(5), r: fixed(0), or: fixed(16), os: fixed(0), ir: fixed(7), is: fixed(0) }, fill("#ffd166")])],
    }),
    // The bar grows in with its parent; its own x scale is the viewer's progress.
    layer(7, "Grow", 3, {
      ks: transform({ p: [170, 200], s: { a: 1, k: [{ t: 10, s: [0, 100, 100], o: { x: [0.3], y: [0] }, i: { x: [0.2], y: [1] } }, { t: 40, s: [100, 100, 100] }] } }),
    }),
    layer(8, "Bar", 4, {
      parent: 7,
      ks: transform(),
      shapes: [group([rect([120, 0], [240, 12], 6), fill("#ff0000", { sid: "accent" })])],
    }),
    layer(9, "Track", 4, {
      ks: transform({ p: [170, 200] }),
      shapes: [group([rect([120, 0], [240, 12], 6), { ...fill("#ffffff"), o: fixed(25) }])],
    }),
    layer(10, "Photo", 2, { refId: "avatar", ks: transform({ p: [24, 75] }) }),
    layer(11, "Card", 1, { ks: transform(), sc: "#1d3557", sw: 480, sh: 270 }),
  ],
  markers: [],
};
writeFileSync(`${out}/animation.json`, JSON.stringify(animation) + "\n");

// The placeholder photo: a grey head and shoulders, 120 × 120.
const size = 120;
const rows = [];
for (let y = 0; y < size; y++) {
  const row = [0]; // filter: none
  for (let x = 0; x < size; x++) {
    const head = (x - 60) ** 2 + (y - 48) ** 2 < 22 ** 2;
    const body = (x - 60) ** 2 / 44 ** 2 + (y - 120) ** 2 / 44 ** 2 < 1;
    const v = head || body ? 0x9a : 0xd8;
    row.push(v, v, v + 6, 255);
  }
  rows.push(Buffer.from(row));
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
writeFileSync(
  `${out}/images/avatar.png`,
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]),
);
