// Types of `@percus/embed/element`: the <percus-video> element.
import type { EmbedEventDetail, PercusLinks, PlaySegmentOptions } from "./percus-embed.js";

/**
 * `<percus-video player="…" template="…" locale="…" controls>`: mounts a
 * Percus player when connected (once `data` is set), destroys it when
 * removed, mounts again when moved or when an attribute changes, and shows
 * the video again when `data` is set again. The SDK's events are
 * dispatched on it as `percus-ready`, `percus-rendered`, `percus-play`,
 * `percus-pause`, `percus-timeupdate`, `percus-ended`, `percus-error`,
 * `percus-action`, `percus-progress`, `percus-chapter` and `percus-replay`
 * (a `CustomEvent` whose `detail` is the {@link EmbedEventDetail}).
 *
 * Attributes: `player`, `template` (required); `locale`, `title`,
 * `aspect-ratio`, `segment`; numbers `poster`, `speed`, `timeout`;
 * flags `autoplay`, `loop`, `muted` (present unless `="false"`: default on)
 * and `controls`, `captions` (default off). See MountOptions.
 */
export class PercusVideoElement extends HTMLElement {
  /**
   * The viewer's data (one key per manifest field): a property only, never
   * an attribute, so that it is not part of the page's DOM. Write-only:
   * reading it gives `undefined`. Kept by the element only while it is in
   * the document; `null` lets go of it.
   */
  set data(value: Record<string, unknown> | null | undefined);
  get data(): undefined;
  /**
   * Which link actions the SDK opens (MountOptions.links): a property, not
   * an attribute. A different value mounts the player again.
   */
  set links(value: PercusLinks | null | undefined);
  get links(): PercusLinks | undefined;
  /** Starts or resumes playback. */
  play(): void;
  /** Pauses playback. */
  pause(): void;
  /** Moves to `time` seconds from the start. */
  seek(time: number): void;
  /** Moves to frame `frame` of the template's Lottie file. */
  seekToFrame(frame: number): void;
  /** Plays the segment of the template's marker `name`. */
  playSegment(name: string, options?: PlaySegmentOptions): void;
}

/** The element's events. */
export interface PercusVideoEventMap {
  "percus-ready": CustomEvent<EmbedEventDetail>;
  "percus-rendered": CustomEvent<EmbedEventDetail>;
  "percus-play": CustomEvent<EmbedEventDetail>;
  "percus-pause": CustomEvent<EmbedEventDetail>;
  "percus-timeupdate": CustomEvent<EmbedEventDetail>;
  "percus-ended": CustomEvent<EmbedEventDetail>;
  "percus-error": CustomEvent<EmbedEventDetail>;
  "percus-action": CustomEvent<EmbedEventDetail>;
  "percus-progress": CustomEvent<EmbedEventDetail>;
  "percus-chapter": CustomEvent<EmbedEventDetail>;
  "percus-replay": CustomEvent<EmbedEventDetail>;
}

export interface PercusVideoElement {
  addEventListener<K extends keyof PercusVideoEventMap>(
    type: K,
    listener: (this: PercusVideoElement, event: PercusVideoEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "percus-video": PercusVideoElement;
  }
}
