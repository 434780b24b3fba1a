// The designer preview: opens a template from the designer's own files (a
// folder, files, or a demo template of this server), checks it as a player
// would (PreviewRenderer.check: manifest problems with their JSON paths,
// what is not drawn, expressions), and draws it with the player's own
// binding and renderer (the frame build of the player), re-bound as the
// designer types. Stress presets fill the form with hard data; texts that
// are shrunk, cut or overflow are outlined and listed; the grid draws one
// frame for every preset. A template's actions (docs/interaction.md) are
// listed at the frame shown, their labels filled from the form's data, the
// active ones' hit areas outlined; its chapters are listed too. Text is
// set as text only, never as HTML (the page's CSP requires Trusted Types).
// Nothing is uploaded: files are read in the page,
// images and video shown from object URLs. A .lottie file becomes a
// template package in the frame wasm (LottieImport, the same code as
// percus-import) and opens as a folder would, with the import's notes in
// the Check panel.
import init, { LottieImport, PreviewRenderer } from "./pkg/frame/player.js";

const ready = init();
const $ = (id) => document.getElementById(id);
const LOCALES = ["en-US", "de-DE", "fr-FR", "ar-EG", "hi-IN", "ja-JP"];

/** The opened template: its files, manifest, animation summary and renderer. */
let current = null;

// ---------- opening a template ----------

/** A template's files by package path (Blob each), from a file list. */
function filesFromList(list) {
  const files = new Map();
  for (const file of list) {
    // A folder's files carry their path below the folder chosen.
    const relative = file.webkitRelativePath ? file.webkitRelativePath.split("/").slice(1).join("/") : file.name;
    files.set(relative, file);
  }
  return files;
}

/** The files of a dropped folder (or files), by package path. */
async function filesFromDrop(transfer) {
  const items = transfer.items;
  const files = new Map();
  const walk = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      files.set(prefix + entry.name, file);
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      }
    }
  };
  const entries = [...items].map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  // Without file system entries (some browsers, synthetic drops): the files.
  if (!entries.length) return filesFromList(transfer.files);
  // A single dropped folder is the package itself.
  if (entries.length === 1 && entries[0].isDirectory) {
    const reader = entries[0].createReader();
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (!batch.length) break;
      for (const child of batch) await walk(child, "");
    }
  } else {
    for (const entry of entries) await walk(entry, "");
  }
  return files;
}

/** A demo template of this server, fetched file by file as its manifest lists them. */
async function filesFromDemo(id) {
  const base = `templates/${encodeURIComponent(id)}/`;
  const files = new Map();
  const manifest = await (await fetch(`${base}manifest.json`)).blob();
  files.set("manifest.json", manifest);
  const listed = JSON.parse(await manifest.text()).assets || [];
  await Promise.all(
    listed.map(async ({ path }) => {
      const response = await fetch(base + path.split("/").map(encodeURIComponent).join("/"));
      if (response.ok) files.set(path, await response.blob());
    }),
  );
  return files;
}

const textOf = async (files, path) => (path && files.has(path) ? files.get(path).text() : undefined);

/** What the import of a .lottie left out or decided, shown with the check. */
let importNotes = [];

const NOTES = {
  "theme-rule-skipped": "theme rule not imported",
  "theme-missing": "theme file missing",
  "state-machines-ignored": "state machines are not imported",
  "other-animations": "other animations of the file (import one with percus-import --animation)",
  "slot-not-bindable": "slot no field can set",
  "slot-themed": "slot set by the theme choice",
  "too-many-fields": "only the first 200 fields and 1,000 bindings",
};

/** Opens a .lottie file: made into a template package in the wasm, then opened as its files. */
async function openLottie(file) {
  await ready;
  let imported;
  try {
    imported = new LottieImport(new Uint8Array(await file.arrayBuffer()), undefined);
  } catch (error) {
    closeTemplate();
    let code = "internal";
    let name = "";
    try {
      ({ code, name } = JSON.parse(String(error)));
    } catch {
      // A wasm trap: the message is not the import's JSON.
    }
    importNotes = [];
    $("check").hidden = false;
    $("template-name").textContent = `“${file.name}”`;
    showCheck({ error: code, problems: name ? [{ code, path: file.name, name }] : [], report: {} });
    return;
  }
  const files = new Map();
  for (const path of JSON.parse(imported.paths())) files.set(path, new Blob([imported.file(path)]));
  const notes = JSON.parse(imported.notes());
  const animation = imported.animation();
  imported.free();
  await openTemplate(files, `${file.name} (${animation})`, notes);
}

async function openTemplate(files, name, notes = []) {
  await ready;
  closeTemplate();
  importNotes = notes;
  const manifestText = await textOf(files, "manifest.json");
  $("check").hidden = false;
  $("template-name").textContent = name ? `“${name}”` : "";
  if (manifestText === undefined) {
    showCheck({ error: "template-not-found", problems: [], report: {} });
    return;
  }
  let manifest = {};
  try {
    manifest = JSON.parse(manifestText);
  } catch {
    // The check reports the syntax error with its line.
  }
  const animationPath = typeof manifest.animation === "string" ? manifest.animation : "animation.json";
  const animationText = await textOf(files, animationPath);
  const captionsText = await textOf(files, manifest.captions);
  const check = JSON.parse(PreviewRenderer.check(manifestText, animationText, captionsText));
  showCheck(check);
  if (check.error) return;

  const stage = $("stage");
  const animation = JSON.parse(animationText);
  stage.style.setProperty("--ratio", `${animation.w} / ${animation.h}`);
  const renderer = PreviewRenderer.open(stage, manifestText, animationText, captionsText);
  current = { files, manifest, animation, animationText, manifestText, captionsText, renderer, urls: [], images: [] };
  current.chapters = JSON.parse(renderer.chapters());
  current.interactive = Boolean((manifest.actions || []).length || current.chapters.length);
  await loadFonts(renderer, files);
  current.images = await loadImages(renderer, files, current.urls);
  loadVideo(files, manifest.video, current.urls);
  buildWorkspace();
}

function closeTemplate() {
  stopPlaying();
  if (!current) return;
  for (const url of current.urls) URL.revokeObjectURL(url);
  current.renderer.free();
  for (const cell of current.grid || []) cell.renderer.free();
  current = null;
  $("workspace").hidden = true;
  $("grid").replaceChildren();
}

/** The template's font files, through the FontFace API (none is fetched). */
async function loadFonts(renderer, files) {
  for (const font of JSON.parse(renderer.fonts())) {
    if (!font.file || !files.has(font.file)) continue;
    try {
      const face = new FontFace(font.family, await files.get(font.file).arrayBuffer(), {
        weight: String(font.weight),
        style: font.italic ? "italic" : "normal",
      });
      document.fonts.add(await face.load());
    } catch {
      // An unreadable font falls back to the system's, as in the player.
    }
  }
}

/** The template's images, decoded, handed to `renderer`; returns them for the grid. */
async function loadImages(renderer, files, urls) {
  const images = [];
  for (const [index, image] of JSON.parse(renderer.images()).entries()) {
    let source = image.source;
    if (!source && image.file && files.has(image.file)) {
      source = URL.createObjectURL(files.get(image.file));
      urls.push(source);
    }
    if (!source) continue;
    const element = new Image();
    element.src = source;
    try {
      await element.decode();
      renderer.set_image(index, element);
      images.push([index, element]);
    } catch {
      // Undecodable: drawn as nothing, as in the player.
    }
  }
  return images;
}

function loadVideo(files, path, urls) {
  const video = $("video");
  video.removeAttribute("src");
  if (!path || !files.has(path)) return;
  const url = URL.createObjectURL(files.get(path));
  urls.push(url);
  video.src = url;
}

// ---------- the check ----------

function item(text) {
  const li = document.createElement("li");
  li.textContent = text;
  return li;
}

function showCheck(check) {
  const status = $("status");
  const report = check.report || {};
  if (check.error) {
    status.textContent = `A player would refuse this template: ${check.error}`;
    status.className = "bad";
  } else {
    const player = check.fullOnly
      ? ` Viewers' pages load the full player, for ${check.fullOnly} (the lite one finds out first).`
      : " Viewers' pages load only the lite player.";
    status.textContent = `A player takes this template: its manifest and bindings fit the animation.${player}`;
    status.className = "good";
  }
  $("problems").replaceChildren(
    ...(check.problems || []).map((p) => item(`${p.code} at ${p.path}${p.name ? ` (${p.name})` : ""}`)),
  );
  $("import-notes").replaceChildren(
    ...importNotes.map((n) => item(`import: ${NOTES[n.code] || n.code}${n.name ? `: ${n.name}` : ""} (${n.code})`)),
  );
  $("features").textContent = report.features ? `Features: ${report.features.join(", ")}` : "";
  $("unsupported").replaceChildren(
    ...(report.unsupported || []).map((w) => item(`not drawn as in After Effects: ${w.code} ${w.what} (layer “${w.layer}”)`)),
  );
  $("expressions").replaceChildren(
    ...(report.expressions || []).map((e) =>
      item(
        e.runs
          ? `expression (runs): layer “${e.layer}”, ${e.property}: ${e.excerpt}`
          : `expression (its static value is drawn: ${e.fallsBack}): layer “${e.layer}”, ${e.property}: ${e.excerpt}`,
      ),
    ),
  );
  $("report-details").open = Boolean((report.unsupported || []).length || (report.expressions || []).length);
}

// ---------- the form, presets and binding ----------

const SAMPLES = {
  rtl: "محمد بن عبدالله بن سعود الفيصل",
  mixed: "Jane مريم 李 Ωmega",
  cjk: "山田太郎山田花子佐藤健一鈴木一郎",
  emoji: "👩‍👩‍👧‍👦 Zoë 🎉🇩🇪",
};

/** A value of `field` for preset `preset`, or undefined to leave it out. */
function presetValue(field, preset) {
  const { type, maxLength = 1000, minimum, maximum, options = [] } = field;
  const sample = field.sample ?? field.default;
  const cut = (text) => [...text.repeat(Math.ceil(maxLength / [...text].length))].slice(0, maxLength).join("");
  if (preset === "missing" && !field.required) return undefined;
  switch (type) {
    case "text":
      if (preset === "longest") return "W".repeat(Math.min(maxLength, 1000));
      if (SAMPLES[preset]) return cut(SAMPLES[preset]);
      return sample ?? "";
    case "number":
    case "currency":
    case "percent": {
      const clamp = (n) => Math.min(maximum ?? Infinity, Math.max(minimum ?? -Infinity, n));
      if (preset === "large" || preset === "longest") return clamp(type === "percent" ? 12.3456 : 9876543210.98);
      if (preset === "negative") return clamp(type === "percent" ? -0.5 : -1234567.89);
      return sample ?? clamp(0);
    }
    case "date":
      if (preset === "longest") return "2099-09-30";
      return sample ?? "2026-11-26";
    case "choice":
      if (preset === "longest") return options.reduce((a, b) => (b.length > a.length ? b : a), options[0]);
      return sample ?? options[0];
    case "boolean":
      return preset === "longest" ? true : sample ?? false;
    case "color":
      return sample ?? "#000000";
    default:
      return undefined; // images: the template's own unless the designer picks one
  }
}

const PRESETS = [
  ["samples", "Samples"],
  ["longest", "Longest allowed"],
  ["rtl", "Right-to-left"],
  ["mixed", "Mixed scripts"],
  ["cjk", "CJK"],
  ["emoji", "Emoji"],
  ["large", "Very large amounts"],
  ["negative", "Negative amounts"],
  ["missing", "Optional fields missing"],
];

/** One form row per manifest field, with an "omit" box for optional ones. */
function buildForm() {
  const form = $("fields");
  form.replaceChildren();
  for (const field of current.manifest.fields || []) {
    const id = `field-${field.name}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = `${field.name} (${field.type}${field.type === "currency" ? ` ${field.currency}` : ""})${field.required ? " *" : ""}`;
    let input;
    if (field.type === "choice") {
      input = document.createElement("select");
      for (const option of field.options || []) {
        const o = document.createElement("option");
        o.textContent = option;
        input.append(o);
      }
    } else {
      input = document.createElement("input");
      input.type =
        { number: "number", currency: "number", percent: "number", date: "date", color: "color", boolean: "checkbox", image: "file" }[
          field.type
        ] || "text";
      if (input.type === "number") input.step = "any";
      if (field.type === "text") input.maxLength = field.maxLength || 1000;
      if (field.type === "image") input.accept = "image/*";
    }
    input.id = id;
    input.name = field.name;
    const omit = document.createElement("input");
    omit.type = "checkbox";
    omit.title = "Leave this field out of the data";
    omit.setAttribute("aria-label", `Leave ${field.name} out`);
    omit.dataset.omit = field.name;
    omit.disabled = Boolean(field.required);
    form.append(label, input, omit);
  }
  applyPreset("samples");
}

function applyPreset(preset) {
  for (const field of current.manifest.fields || []) {
    const input = $(`field-${field.name}`);
    const omit = $("fields").querySelector(`[data-omit="${field.name}"]`);
    const value = presetValue(field, preset);
    omit.checked = value === undefined && !field.required && field.type !== "image";
    if (field.type === "image") {
      if (preset === "missing") omit.checked = true;
      continue;
    }
    if (value === undefined) continue;
    if (input.type === "checkbox") input.checked = Boolean(value);
    else input.value = String(value);
  }
  rebind();
}

/** The form's data, as a host would pass it in INIT. */
async function formData() {
  const data = {};
  for (const field of current.manifest.fields || []) {
    const input = $(`field-${field.name}`);
    if ($("fields").querySelector(`[data-omit="${field.name}"]`).checked) continue;
    if (field.type === "image") {
      const file = input.files[0];
      if (file) data[field.name] = await createImageBitmap(file).catch(() => null);
      continue;
    }
    if (input.type === "checkbox") data[field.name] = input.checked;
    else if (input.type === "number") data[field.name] = input.value === "" ? null : input.valueAsNumber;
    else data[field.name] = input.value;
  }
  return data;
}

/** Rebinds counted, so that an older one still decoding a photo never wins. */
let rebinds = 0;

async function rebind() {
  if (!current) return;
  const mine = ++rebinds;
  const data = await formData();
  if (mine !== rebinds || !current) return;
  const error = current.renderer.bind(data, $("locale").value);
  showBindError(error);
  draw();
  if (!$("grid").hidden) drawGrid();
}

function showBindError(error) {
  if (!error) {
    $("bind-error").textContent = "";
    return;
  }
  const { code, field } = JSON.parse(error);
  $("bind-error").textContent = `A viewer with this data would get ERROR ${code}${field ? ` for field ${field}` : ""}.`;
}

// ---------- drawing, scrubbing, playing ----------

let frame = 0;
let playing = null;

/** The actions at the frame drawn last (PreviewRenderer.actions), for the list and for scripts. */
let actions = [];

function draw() {
  if (!current) return;
  const { renderer, animation } = current;
  renderer.draw(animation.ip + frame, devicePixelRatio);
  $("scrub").value = String(frame);
  $("frame-number").textContent = `frame ${Math.round(animation.ip + frame)} / ${animation.op}`;
  const video = $("video");
  if (video.src && !playing) video.currentTime = frame / animation.fr;
  actions = current.interactive ? JSON.parse(renderer.actions()) : [];
  outline(JSON.parse(renderer.fit_notes()), actions);
  listActions(actions);
}

/** The colour of the active actions' outlines (none of the fit notes' colours). */
const ACTION_COLOUR = "#00a152";

/**
 * Outlines the texts that do not fit as designed, and lists them; outlines
 * the active actions' hit areas (their bounds) when the box is ticked.
 */
function outline(notes, actions) {
  const stage = $("stage");
  const overlay = $("overlay");
  overlay.width = stage.width;
  overlay.height = stage.height;
  const ctx = overlay.getContext("2d");
  ctx.lineWidth = 2 * devicePixelRatio;
  for (const note of notes) {
    const [left, top, right, bottom] = note.rect;
    ctx.strokeStyle = note.overflow ? "#e00000" : note.cut ? "#ff8c00" : "#1e88e5";
    ctx.setLineDash(note.overflow ? [] : [6, 4]);
    ctx.strokeRect(left, top, right - left, bottom - top);
  }
  if ($("actions-outline").checked) {
    ctx.setLineDash([]);
    ctx.strokeStyle = ACTION_COLOUR;
    ctx.fillStyle = ACTION_COLOUR;
    ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
    ctx.textBaseline = "bottom";
    for (const action of actions) {
      if (!action.active || !action.bounds) continue;
      const [x, y, width, height] = action.bounds;
      ctx.strokeRect(x, y, width, height);
      ctx.fillText(action.id, x, Math.max(y - 2 * devicePixelRatio, 12 * devicePixelRatio));
    }
  }
  $("fit-notes").replaceChildren(...notes.map((n) => item(describeNote(n))));
  if (!notes.length) $("fit-notes").replaceChildren(item("none: every bound text fits at its designed size"));
}

/** `[first, end)` frames as the marker buttons write them. */
const frames = ([first, end]) => `frames ${first}–${end}`;

/** One action as the panel lists it: what it is, its label as bound, and whether a click counts now. */
function describeAction(action) {
  const kind =
    action.kind === "link"
      ? `link to ${action.url}`
      : action.kind === "segment"
        ? `segment: plays ${action.marker}, then ${action.then}`
        : action.kind;
  const label = action.label === null ? "no label: the data does not bind" : `“${action.label}”`;
  const range = action.range ? `${action.when ? `in ${action.when}, ` : ""}${frames(action.range)}` : "always";
  const pause = action.pauseAt === null ? "" : `, playback waits at frame ${action.pauseAt}`;
  const state = action.active
    ? "active at this frame"
    : action.inRange
      ? "inactive: its layer draws nothing visible at this frame"
      : "inactive at this frame";
  return `${action.id} (${kind}): ${label} · ${range}${pause} · ${state}`;
}

/** Lists the actions and chapters at the frame (only when that changed: this runs every frame while playing). */
function listActions(actions) {
  const at = current.animation.ip + frame;
  const texts = actions.map(describeAction);
  const chapters = current.chapters.map((chapter) => {
    const here = at >= chapter.range[0] && at < chapter.range[1];
    return { chapter, here, text: `“${chapter.label}”: marker ${chapter.marker}, ${frames(chapter.range)}${here ? " · this frame" : ""}` };
  });
  const key = [...texts, ...chapters.map((c) => c.text)].join("\n");
  if (key === current.interactionListed) return;
  current.interactionListed = key;
  $("actions").replaceChildren(
    ...actions.map((action, index) => {
      const li = item(texts[index]);
      li.dataset.id = action.id;
      li.dataset.active = String(action.active);
      return li;
    }),
  );
  if (!actions.length) $("actions").replaceChildren(item("none"));
  $("chapters").replaceChildren(
    ...chapters.map(({ chapter, here, text }) => {
      const li = item(text);
      li.dataset.marker = chapter.marker;
      li.dataset.here = String(here);
      return li;
    }),
  );
  if (!chapters.length) $("chapters").replaceChildren(item("none"));
}

function describeNote(note) {
  const what = note.overflow
    ? "overflows its room even at its smallest size"
    : note.cut
      ? `cut with an ellipsis at ${Math.round(note.scale * 100)}% size`
      : `shrunk to ${Math.round(note.scale * 100)}% size`;
  return `“${note.text}”: ${what}`;
}

function stopPlaying() {
  if (playing) cancelAnimationFrame(playing.id);
  playing = null;
  $("play").textContent = "Play";
  $("video").pause();
}

function play() {
  if (playing) return stopPlaying();
  const { animation } = current;
  const frames = animation.op - animation.ip;
  const start = performance.now() - (frame / animation.fr) * 1000;
  const video = $("video");
  if (video.src) {
    video.currentTime = frame / animation.fr;
    video.play().catch(() => {});
  }
  const tick = (now) => {
    frame = Math.floor((((now - start) / 1000) * animation.fr) % frames);
    draw();
    playing.id = requestAnimationFrame(tick);
  };
  playing = { id: requestAnimationFrame(tick) };
  $("play").textContent = "Pause";
}

function buildWorkspace() {
  const { animation, manifest } = current;
  $("workspace").hidden = false;
  frame = 0;
  const scrub = $("scrub");
  scrub.max = String(Math.max(0, animation.op - animation.ip - 1));
  const locales = [...new Set([manifest.locale, ...LOCALES].filter(Boolean))];
  $("locale").replaceChildren(
    ...locales.map((l) => {
      const o = document.createElement("option");
      o.textContent = l;
      return o;
    }),
  );
  $("markers").replaceChildren(
    ...(animation.markers || []).map((m) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${m.cm} (${m.tm}–${m.tm + m.dr})`;
      button.addEventListener("click", () => {
        stopPlaying();
        frame = Math.max(0, m.tm - animation.ip);
        draw();
      });
      return button;
    }),
  );
  $("presets").replaceChildren(
    ...PRESETS.map(([id, label]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.dataset.preset = id;
      button.addEventListener("click", () => applyPreset(id));
      return button;
    }),
  );
  $("grid").hidden = true;
  $("grid-toggle").setAttribute("aria-pressed", "false");
  $("interaction").hidden = !current.interactive;
  buildForm();
}

// ---------- the stress grid ----------

/**
 * One small renderer per preset in the chosen locale, and the very large
 * amounts in every other locale of the list, at the current frame.
 */
async function drawGrid() {
  const grid = $("grid");
  const chosen = $("locale").value;
  const others = [...$("locale").options].map((o) => o.value).filter((l) => l !== chosen);
  const cells = [...PRESETS.map(([id, label]) => [id, label, null]), ...others.map((l) => ["large", `Very large amounts, ${l}`, l])];
  if (current.grid && current.grid.locale !== chosen) {
    for (const cell of current.grid) cell.renderer.free();
    grid.replaceChildren();
    current.grid = null;
  }
  if (!current.grid) {
    current.grid = cells.map(([id, label, locale]) => {
      const figure = document.createElement("figure");
      const canvas = document.createElement("canvas");
      canvas.style.aspectRatio = `${current.animation.w} / ${current.animation.h}`;
      const caption = document.createElement("figcaption");
      figure.append(canvas, caption);
      grid.append(figure);
      const renderer = PreviewRenderer.open(canvas, current.manifestText, current.animationText, current.captionsText);
      for (const [index, element] of current.images) renderer.set_image(index, element);
      return { id, label, locale, canvas, caption, renderer };
    });
    current.grid.locale = chosen;
  }
  for (const cell of current.grid) {
    const data = {};
    for (const field of current.manifest.fields || []) {
      const value = presetValue(field, cell.id);
      if (value !== undefined) data[field.name] = value;
    }
    const error = cell.renderer.bind(data, cell.locale || chosen);
    cell.renderer.draw(current.animation.ip + frame, 1);
    const notes = JSON.parse(cell.renderer.fit_notes());
    // Over the renderer's own canvas: its state is saved and restored, as
    // the renderer expects to find it.
    const ctx = cell.canvas.getContext("2d");
    ctx.save();
    ctx.resetTransform();
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = "source-over";
    ctx.setLineDash([]);
    ctx.lineWidth = 2;
    for (const note of notes) {
      const [left, top, right, bottom] = note.rect;
      ctx.strokeStyle = note.overflow ? "#e00000" : note.cut ? "#ff8c00" : "#1e88e5";
      ctx.strokeRect(left, top, right - left, bottom - top);
    }
    ctx.restore();
    const problem = error ? ` · ERROR ${JSON.parse(error).code}` : notes.length ? ` · ${notes.length} text(s) do not fit as designed` : "";
    cell.caption.textContent = `${cell.label}${problem}`;
  }
}

// ---------- wiring ----------

$("folder").addEventListener("change", (e) => e.target.files.length && openTemplate(filesFromList(e.target.files), e.target.files[0].webkitRelativePath.split("/")[0]));
$("files").addEventListener("change", (e) => e.target.files.length && openTemplate(filesFromList(e.target.files), ""));
$("lottie").addEventListener("change", (e) => e.target.files.length && openLottie(e.target.files[0]));
$("demo").addEventListener("change", async (e) => e.target.value && openTemplate(await filesFromDemo(e.target.value), e.target.value));
const drop = $("drop");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const [first] = e.dataTransfer.files;
  if (e.dataTransfer.files.length === 1 && first.name.toLowerCase().endsWith(".lottie")) return openLottie(first);
  openTemplate(await filesFromDrop(e.dataTransfer), "");
});
$("fields").addEventListener("input", rebind);
$("fields").addEventListener("change", rebind);
$("locale").addEventListener("change", rebind);
$("scrub").addEventListener("input", (e) => {
  stopPlaying();
  frame = Number(e.target.value);
  draw();
  if (!$("grid").hidden) drawGrid();
});
$("play").addEventListener("click", () => current && play());
$("actions-outline").addEventListener("change", () => current && draw());
$("export").addEventListener("click", () => {
  $("stage").toBlob((blob) => {
    if (!blob) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `${current.manifest.name || "template"}-frame-${Math.round(current.animation.ip + frame)}.png`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }, "image/png");
});
$("grid-toggle").addEventListener("click", () => {
  const grid = $("grid");
  grid.hidden = !grid.hidden;
  $("grid-toggle").setAttribute("aria-pressed", String(!grid.hidden));
  if (!grid.hidden) drawGrid();
});
addEventListener("resize", () => current && draw());

// For tests and scripts: what the page has open.
window.percusPreview = {
  ready: () => ready,
  get frame() {
    return frame;
  },
  /** The actions at the frame shown (PreviewRenderer.actions). */
  get actions() {
    return actions;
  },
  open: (id) => filesFromDemo(id).then((files) => openTemplate(files, id)),
};
