/**
 * A value of the viewer's data, by the manifest field's type: a string
 * (text, date `YYYY-MM-DD`, color `#RRGGBB`, choice), a number (number,
 * currency, percent), a boolean, null (use the default), or for an image
 * field the image's bytes (copied to the player by structured clone; a URL
 * is never fetched).
 */
export type PercusDataValue =
  | string
  | number
  | boolean
  | null
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | ImageBitmap;

/** Options for {@link mount}. */
export interface MountOptions {
  /** URL of the player page (player.html) on the Percus player origin. */
  player: string;
  /** Template id, e.g. "greeting". */
  template: string;
  /**
   * The viewer's data: one key per manifest field, each a
   * {@link PercusDataValue}. Sent once to the player only (on a private
   * MessageChannel after the handshake), then not referenced by the SDK.
   */
  data: Record<string, unknown>;
  /** BCP 47 locale for formatting, e.g. "en-US". */
  locale?: string;
  /** Accessible name of the iframe. Default "Personalized video". */
  title?: string;
  /**
   * CSS aspect-ratio of the iframe. By default "16 / 9" until the player
   * reports the template's size (before anything is shown), then that
   * size's ratio. Give it when known to reserve the exact box from the
   * first paint.
   */
  aspectRatio?: string;
  /** Start playing once the data is bound. Default true. */
  autoplay?: boolean;
  /** Start over at the end. Default true. */
  loop?: boolean;
  /** Show the player's play/pause button. Default false. */
  controls?: boolean;
  /** Show the template's captions (filled with the data) over the video. Default false. */
  captions?: boolean;
  /** Seconds from the start of the frame shown before playing. Default 0. */
  poster?: number;
  /** Playback rate, 1/16 to 16. Default 1. */
  speed?: number;
  /**
   * Start a template's background video muted. Default true: browsers let
   * only muted media start without a gesture (when they refuse sound, the
   * player starts muted anyway). With `controls`, the viewer can unmute.
   */
  muted?: boolean;
  /** Name of a marker of the template: only its frames play, times count from its start. */
  segment?: string;
  /**
   * Milliseconds the player may take, from its page loading, to finish the
   * handshake before an "error" event with code "player-timeout". Default
   * 20000. An iframe that loads without a player in it (refused by the
   * player's frame-ancestors, a wrong `player` URL, an unreachable server)
   * gives "player-unavailable" about a second after loading instead. The
   * iframe is lazy: far below the fold it does not load, and this timer
   * does not start, until it is scrolled near.
   */
  timeout?: number;
  /**
   * Which `link` actions of the template the SDK opens for you. Without it
   * (or without `open: true`) nothing is opened: the "action" event
   * (`kind: "link"`, `opened: false`) lets you decide.
   */
  links?: PercusLinks;
}

/**
 * Links a template's `link` actions may open in your page
 * ({@link MountOptions.links}).
 */
export interface PercusLinks {
  /**
   * Open a link action's URL in a new tab (no opener, no referrer) when it
   * is `https:` on one of `origins`. Any other gives an "error" event with
   * code "link-refused" and opens nothing. Default false.
   */
  open?: boolean;
  /**
   * The origins links may open on, e.g. `["https://bank.example"]`: each
   * read by the URL parser (a path is ignored), exact matches only
   * (no subdomains); entries that are not https are ignored.
   */
  origins?: string[];
}

/** What a template's action does (docs: interactive templates). */
export type PercusActionKind = "event" | "segment" | "link" | "replay";

/** A named part of the template's timeline, in "ready"'s `chapters`. */
export interface PercusChapter {
  /** The marker's name: pass it to {@link Embed.playSegment}. */
  name: string;
  /** What the viewer sees (fixed text of the template, never data). */
  label: string;
  /** Start, in seconds. */
  time: number;
  /** Length, in seconds. */
  duration: number;
}

/** The error codes the SDK itself reports in an "error" event (PROTOCOL.md). */
export type EmbedErrorCode =
  | "player-unavailable"
  | "player-timeout"
  | "player-navigated"
  | "protocol-version"
  | "data-not-cloneable"
  | "no-channel"
  | "link-refused";

/** Every event an embed sends. */
export type EmbedEvent =
  | "ready"
  | "rendered"
  | "play"
  | "pause"
  | "timeupdate"
  | "ended"
  | "error"
  | "action"
  | "progress"
  | "chapter"
  | "replay";

/** What an event callback receives. Never contains data values. */
export interface EmbedEventDetail {
  type:
    | "PERCUS/READY"
    | "PERCUS/RENDERED"
    | "PERCUS/PLAY"
    | "PERCUS/PAUSE"
    | "PERCUS/TIMEUPDATE"
    | "PERCUS/ENDED"
    | "PERCUS/ERROR"
    | "PERCUS/ACTION"
    | "PERCUS/PROGRESS"
    | "PERCUS/CHAPTER"
    | "PERCUS/REPLAY";
  /** Position in seconds, for "timeupdate". */
  time?: number;
  /** Length in seconds, for "ready" and "timeupdate". */
  duration?: number;
  /**
   * Stable error code (PROTOCOL.md), for "error": the player's (such as
   * "missing-field", "template-not-found") or the SDK's own
   * ({@link EmbedErrorCode}).
   */
  code?: EmbedErrorCode | (string & {});
  /**
   * For some of the SDK's own errors ("player-unavailable",
   * "player-timeout"): a sentence for the developer that names the likely
   * causes. Only URLs and origins you configured, never a data value.
   */
  message?: string;
  /** The manifest field an error concerns, for data errors. */
  field?: string;
  /** Template problems, for template errors. */
  problems?: { code: string; path: string; name: string }[];
  /** For "ready": the template's chapters (empty when it has none). */
  chapters?: PercusChapter[];
  /** For "action": the action's id in the template's manifest. */
  id?: string;
  /** For "action": what the action does. */
  kind?: PercusActionKind | (string & {});
  /**
   * For "action" of kind "link": whether the SDK opened its URL (see
   * {@link MountOptions.links}). The URL itself is never in an event.
   */
  opened?: boolean;
  /** For "progress": 25, 50, 75 or 100, each once per play-through. */
  percent?: number;
  /** For "chapter": the chapter playback entered (its marker's name)... */
  name?: string;
  /** ...and its label. */
  label?: string;
}

/** What {@link Embed.playSegment} does at the segment's end. */
export interface PlaySegmentOptions {
  /** "stop" (default: hold its last frame), "loop", or "continue" to the end of the video. */
  then?: "stop" | "loop" | "continue";
}

/** One embedded player. Several on a page are independent. */
export interface Embed {
  /** Calls `callback` on every `event`. */
  on(event: EmbedEvent, callback: (detail: EmbedEventDetail) => void): void;
  /** Starts or resumes playback. */
  play(): void;
  /** Pauses playback. */
  pause(): void;
  /** Moves to `time` seconds from the start. */
  seek(time: number): void;
  /** Moves to frame `frame`, numbered as in the template's Lottie file (After Effects' frame numbers). */
  seekToFrame(frame: number): void;
  /**
   * Plays the segment of the template's marker `name` (a chapter's `name`,
   * say); an unknown name gives an "error" event "unknown-segment".
   */
  playSegment(name: string, options?: PlaySegmentOptions): void;
  /** Shows the video with new data: sent once, then not referenced. Throws if `data` is not an object. */
  update(data: Record<string, unknown>): void;
  /** Removes the player iframe and forgets everything. Idempotent. */
  destroy(): void;
}

/** An error of the SDK itself (rejects {@link mount}), with a stable code. */
export class PercusError extends Error {
  readonly name: "PercusError";
  /** "wasm-blocked" (the page's CSP lacks 'wasm-unsafe-eval'), "wasm-unavailable" or "sdk-load". */
  readonly code: "wasm-blocked" | "wasm-unavailable" | "sdk-load";
}

/**
 * Embeds a Percus player in `element`. Rejects with a {@link PercusError}
 * when the SDK cannot run on this page, and with an Error on invalid options.
 */
export function mount(element: HTMLElement, options: MountOptions): Promise<Embed>;
