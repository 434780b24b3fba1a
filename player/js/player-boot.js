// The player page's only script; no data passes here (ARCHITECTURE.md,
// "Two builds"). It fetches the template's manifest while the lite
// player's wasm downloads (player.html preloads it), then the files the
// player loads before READY (animation, captions, video, fonts, images),
// and runs the build the manifest's `player` hint names: a template that
// needs the full player never instantiates the lite one. Without the hint,
// or with a wrong one, the lite player finds out itself: its boot()
// resolves false before it has told the host anything, and the full one
// runs. The players read `files` (and check every file against the
// manifest), and fetch themselves only what is not there.

// PERCUS/LOADING (PROTOCOL.md), self-contained: "a player runs here", before
// any wasm, so that the SDK tells a refused or missing player from a slow one.
try {
  const host = new URLSearchParams(location.hash.slice(1)).get("host");
  if (parent !== window && /^https?:\/\/[\w.:[\]-]+$/.test(host)) {
    parent.postMessage({ type: "PERCUS/LOADING", protocol: 2 }, host); // its origin, never "*"
  }
} catch {} // an origin postMessage rejects: silent, as the player

// Built into www/pkg/ beside the two builds' folders (scripts/toolchain/build.sh
// minifies it there): imports resolve from this module's URL.
const LITE = "./player/player.js";
const FULL = "./player-full/player.js";
// protocol::is_template_id and the loader's manifest limit: anything else
// is left to the player, which fetches and reports it.
const TEMPLATE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_MANIFEST_BYTES = 1 << 20;
// The files fetched ahead: of the manifest's assets, those it names
// (animation, captions, video) and the fonts and images (which the
// animation names; not license texts), by a path that stays inside the
// package (binding_engine::manifest::is_package_path), no larger than the
// player's largest file (a video's 64 MiB).
const INSIDE = /^(?!.{257})(?!(.*\/)?\.\.?(\/|$))[\w.-]+(\/[\w.-]+)*$/;
const FONT_OR_IMAGE = /\.(woff2?|ttf|otf|png|jpe?g|webp|gif)$/;
const MAX_AHEAD_BYTES = 1 << 26;

// Template files fetched so far, by the URL the player's loader asks for
// (its `boot(files)`): the manifest and the files fetched ahead. Dropped
// when boot is done.
const files = new Map();

// A panic was reported to the host by the panic hook; its trap must not
// reach the console as an uncaught exception.
addEventListener("error", (e) => {
  if (e.error instanceof WebAssembly.RuntimeError) e.preventDefault();
});

// The files fetched ahead, each settled once it is in `files` or failed
// (the player then fetches it again, and reports why). Emptied by the first
// boot: a settled promise holds its file's bytes.
const ahead = [];

/** Fetches a template file into `files`, as the player's loader would. */
async function fetchInto(url) {
  const response = await fetch(url, { credentials: "omit", referrerPolicy: "no-referrer" });
  if (!response.ok) return null; // the player asks again, and reports why
  const bytes = await response.arrayBuffer();
  files.set(url, bytes);
  return bytes;
}

/**
 * Fetches the manifest into `files`, and starts fetching the files it
 * lists ahead (`ahead`); resolves to its `player` hint, if any.
 */
async function manifestHint() {
  const id = new URLSearchParams(location.search).get("template");
  if (!id || !TEMPLATE_ID.test(id)) return null;
  const base = `templates/${id}/`;
  const bytes = await fetchInto(`${base}manifest.json`);
  if (!bytes || bytes.byteLength > MAX_MANIFEST_BYTES) return null;
  const text = new TextDecoder().decode(bytes);
  setTimeout(warmIntl, 0, text);
  const manifest = JSON.parse(text);
  // (A path listed twice is fetched twice: the player refuses the manifest.)
  const named = [manifest.animation, manifest.captions, manifest.video];
  for (const { path, size } of manifest.assets ?? []) {
    const wanted = named.includes(path) || FONT_OR_IMAGE.test(path);
    if (typeof path == "string" && wanted && INSIDE.test(path) && !(size > MAX_AHEAD_BYTES)) {
      ahead.push(fetchInto(base + path).catch(() => null));
    }
  }
  return manifest.player;
}

// The first Intl formatter of a page costs 20-30 ms (ICU starts up;
// docs/benchmarks.md, "INIT to the first frame"), and binding makes one for
// a template that writes numbers or dates (not for a locale alone: the
// locale is tried on the first of them). Made here, while the wasm loads,
// that is not in the wait between INIT and the viewer's first frame. (A false match, such as a field named "date", costs only time.
// Not a RegExp: V8 keeps a RegExp's last input, the manifest, alive.)
function warmIntl(manifest) {
  if (["number", "currency", "percent", "date"].some((word) => manifest.includes(`"${word}"`))) {
    new Intl.NumberFormat(), new Intl.DateTimeFormat();
  }
}

/** Loads one build's glue and wasm. */
async function load(path) {
  const build = await import(path);
  await build.default();
  return build;
}

/** Boots `build` once the files fetched ahead are in `files`. */
async function boot(build) {
  await Promise.all(ahead.splice(0));
  return build.boot(files);
}

(async () => {
  const hint = await manifestHint().catch(() => null);
  if (hint === "full") {
    const full = await load(FULL).catch(() => null);
    if (full) return boot(full);
    // Unreachable full player: the lite one loads, finds out, and tells
    // the host through fullUnavailable below.
  }
  const lite = await load(LITE);
  if (await boot(lite)) return;
  const full = await load(FULL).catch(() => null);
  if (!full) return lite.fullUnavailable(); // the host hears ERROR "internal" now
  // Nothing of the lite module runs any more: its glue lets go of its
  // instance, so that its wasm memory (the template it imported) is freed.
  lite.release();
  await full.boot(files);
})()
  .catch(() => {
    // The wasm could not load (network, CSP): the host sees no READY. Never
    // rethrow into the page, never log.
  })
  .finally(() => files.clear()); // the player has what it needs of them
