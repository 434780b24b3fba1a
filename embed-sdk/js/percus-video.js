// <percus-video>: the embed SDK as one HTML element (README.md, "One element").
// Its own entry point (`@percus/embed/element`), so that `mount` alone stays
// as small as it is. Importing it defines the element, and touches nothing
// when there is no DOM (server rendering).
//
// The viewer's data is a JavaScript property only (`el.data = {...}`),
// never an attribute: attributes are part of the DOM that session-replay,
// analytics and extension scripts on a page record and send away. The
// property cannot be read back, and the element keeps the object only
// while it is connected (to mount again after a move in the DOM or a
// change of attribute); it lets go of it when it leaves the document.
import { mount } from "./percus-embed.js";

/** The SDK's events, re-dispatched on the element as `percus-<name>`. */
const EVENTS = ["ready", "rendered", "play", "pause", "timeupdate", "ended", "error", "action", "progress", "chapter", "replay"];
/** Attributes that change what is mounted (a change mounts again). */
const MOUNTED = ["player", "template", "locale", "title", "aspect-ratio", "autoplay", "loop", "controls", "captions", "poster", "speed", "muted", "segment", "timeout"];
/** Attributes read as booleans, with their defaults when absent. */
const FLAGS = { autoplay: true, loop: true, controls: false, captions: false, muted: true };

const Base = typeof HTMLElement === "undefined" ? class {} : HTMLElement;

/** The `<percus-video>` element (percus-video.d.ts). */
export class PercusVideoElement extends Base {
  static get observedAttributes() {
    return MOUNTED;
  }

  #data = undefined; // the viewer's data, while connected
  #links = undefined; // MountOptions.links (no personal data)
  #linksKey = "null"; // its value as JSON: the same links again change nothing
  #embed = undefined; // the mounted Embed
  #mounting = 0; // the current mount's number (0: none loading)
  #mounts = 0; // mounts started: a finished one that is not current is destroyed
  #scheduled = false;
  #moved = false; // left the document since the last settle
  #root = undefined; // a closed shadow root: the iframe is not in the page's DOM tree

  /** The viewer's data: set it to show the video (again) with it. It cannot be read back. */
  set data(value) {
    if (value === null || value === undefined) {
      this.#data = undefined;
      return;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
      throw new TypeError("percus-video: data must be an object with one key per manifest field");
    }
    this.#data = value;
    if (this.#embed) {
      this.#embed.update(value); // sent once, then not referenced by the SDK
    } else {
      this.#schedule();
    }
  }

  get data() {
    return undefined;
  }

  /**
   * Which link actions the SDK opens in a new tab (MountOptions.links).
   * A property, as it is an object; a different value mounts again, as an
   * attribute change does.
   */
  set links(value) {
    const key = JSON.stringify(value ?? null);
    if (key === this.#linksKey) return;
    this.#links = value ?? undefined;
    this.#linksKey = key;
    if (this.#embed || this.#mounting) {
      this.#unmount();
      this.#schedule();
    }
  }

  get links() {
    return this.#links;
  }

  connectedCallback() {
    this.#schedule();
  }

  disconnectedCallback() {
    // Removed, or moved (removed and inserted again in one task): settled
    // at the end of the task; a moved iframe reloads, so it mounts again.
    this.#moved = true;
    this.#schedule();
  }

  attributeChangedCallback(name, before, after) {
    if (before !== after && this.isConnected) {
      this.#unmount();
      this.#schedule();
    }
  }

  /** Starts or resumes playback. */
  play() {
    this.#embed?.play();
  }

  /** Pauses playback. */
  pause() {
    this.#embed?.pause();
  }

  /** Moves to `time` seconds from the start. */
  seek(time) {
    this.#embed?.seek(time);
  }

  /** Moves to frame `frame` of the template's Lottie file. */
  seekToFrame(frame) {
    this.#embed?.seekToFrame(frame);
  }

  /** Plays the segment of marker `name`; `options.then`: "stop", "loop" or "continue". */
  playSegment(name, options) {
    this.#embed?.playSegment(name, options);
  }

  // Connects, disconnects, moves and attribute changes in one task settle
  // once, at its end.
  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#settle();
    });
  }

  #settle() {
    const moved = this.#moved;
    this.#moved = false;
    if (!this.isConnected) {
      this.#unmount();
      this.#data = undefined; // gone from the document: the data goes too
      return;
    }
    if (moved) this.#unmount();
    if (!this.#embed && !this.#mounting && this.#data) this.#mount();
  }

  async #mount() {
    const player = this.getAttribute("player");
    const template = this.getAttribute("template");
    if (!player || !template) {
      this.#dispatch("error", { type: "PERCUS/ERROR", code: "element-attributes", message: "percus-video needs its player and template attributes" });
      return;
    }
    const data = this.#data;
    const attempt = (this.#mounting = ++this.#mounts);
    if (!this.#root) {
      this.#root = this.attachShadow({ mode: "closed" });
      // A constructed sheet, not a <style>: a strict style-src allows it.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(":host{display:block}");
      this.#root.adoptedStyleSheets = [sheet];
    }
    const container = document.createElement("div");
    this.#root.replaceChildren(container);
    let embed;
    try {
      embed = await mount(container, { ...this.#options(), links: this.#links, player, template, data });
    } catch (error) {
      if (attempt === this.#mounting) {
        this.#mounting = 0;
        this.#dispatch("error", { type: "PERCUS/ERROR", code: error?.code ?? "sdk-load", message: error?.message });
      }
      return;
    }
    if (attempt !== this.#mounting || !this.isConnected) {
      embed.destroy(); // unmounted or mounted again while this one loaded
      return;
    }
    this.#mounting = 0;
    this.#embed = embed;
    for (const name of EVENTS) embed.on(name, (detail) => this.#dispatch(name, detail));
    // Data set again while the SDK loaded: shown now.
    if (this.#data && this.#data !== data) embed.update(this.#data);
  }

  #unmount() {
    this.#mounting = 0;
    this.#embed?.destroy();
    this.#embed = undefined;
    this.#root?.replaceChildren();
  }

  #options() {
    const options = {};
    const text = (name, key = name) => {
      const value = this.getAttribute(name);
      if (value !== null) options[key] = value;
    };
    const number = (name) => {
      const value = this.getAttribute(name);
      if (value !== null && value.trim() !== "" && Number.isFinite(Number(value))) options[name] = Number(value);
    };
    text("locale");
    text("title");
    text("aspect-ratio", "aspectRatio");
    text("segment");
    number("poster");
    number("speed");
    number("timeout");
    for (const [name, fallback] of Object.entries(FLAGS)) {
      const value = this.getAttribute(name);
      options[name] = value === null ? fallback : value !== "false";
    }
    return options;
  }

  #dispatch(name, detail) {
    this.dispatchEvent(new CustomEvent(`percus-${name}`, { detail, bubbles: true }));
  }
}

if (typeof customElements !== "undefined" && !customElements.get("percus-video")) {
  customElements.define("percus-video", PercusVideoElement);
}
