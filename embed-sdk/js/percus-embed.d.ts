/** Options for {@link mount}. */
export interface MountOptions {
  /** URL of the player page (player.html) on the Percus player origin. */
  player: string;
  /** Template id, e.g. "greeting". */
  template: string;
  /**
   * The viewer's data: one key per manifest field. Sent once to the player
   * origin only (never to "*"), then not referenced by the SDK.
   */
  data: Record<string, unknown>;
  /** BCP 47 locale for formatting, e.g. "en-US". */
  locale?: string;
  /** Accessible name of the iframe. Default "Personalized video". */
  title?: string;
  /** CSS aspect-ratio of the iframe. Default "16 / 9". */
  aspectRatio?: string;
}

/** What an event callback receives. Never contains data values. */
export interface EmbedEventDetail {
  type: "PERCUS/READY" | "PERCUS/RENDERED" | "PERCUS/ERROR";
  /** Stable error code (PROTOCOL.md), for "error". */
  code?: string;
  /** The manifest field an error concerns, for data errors. */
  field?: string;
  /** Template problems, for template errors. */
  problems?: { code: string; path: string; name: string }[];
}

export type EmbedEvent = "ready" | "rendered" | "error";

/** One embedded player. */
export interface Embed {
  /** Calls `callback` on every `event`. */
  on(event: EmbedEvent, callback: (detail: EmbedEventDetail) => void): void;
  /** Removes the player iframe and forgets everything. Idempotent. */
  destroy(): void;
}

/** Embeds a Percus player in `element`. Rejects on invalid options. */
export function mount(element: HTMLElement, options: MountOptions): Promise<Embed>;
