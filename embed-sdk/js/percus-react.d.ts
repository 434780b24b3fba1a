// Types of `@percus/embed/react`: the <PercusVideo> component, and JSX types
// for the <percus-video> element in React 19 TSX. Needs @types/react (any
// React 18 or 19 project has it).
import type { CSSProperties, DetailedHTMLProps, ForwardRefExoticComponent, HTMLAttributes, RefAttributes } from "react";
import type { EmbedEventDetail, PercusLinks, PlaySegmentOptions } from "./percus-embed.js";
import type { PercusVideoElement } from "./percus-video.js";

/** Props of {@link PercusVideo}: MountOptions as props, events as callbacks. */
export interface PercusVideoProps {
  /** URL of the player page (player.html) on the Percus player origin. */
  player: string;
  /** Template id, e.g. "greeting". */
  template: string;
  /**
   * The viewer's data: one key per manifest field. Given to the player as
   * a property, never written into the DOM or the server-rendered HTML.
   * Pass a new object to show new data (the same object again changes
   * nothing); the player shows nothing until data is given. To take the
   * data away, remove the component.
   */
  data?: Record<string, unknown>;
  /** BCP 47 locale for formatting, e.g. "en-US". */
  locale?: string;
  /** Accessible name of the player. Default "Personalized video". */
  title?: string;
  /** CSS aspect-ratio of the player, e.g. "16 / 9" (MountOptions.aspectRatio). */
  aspectRatio?: string;
  /** Name of a marker of the template: only its frames play. */
  segment?: string;
  /** Seconds from the start of the frame shown before playing. */
  poster?: number;
  /** Playback rate, 1/16 to 16. */
  speed?: number;
  /** Milliseconds for the player's handshake (MountOptions.timeout). */
  timeout?: number;
  /** Start playing once the data is bound. Default true. */
  autoplay?: boolean;
  /** Start over at the end. Default true. */
  loop?: boolean;
  /** Start a background video muted. Default true. */
  muted?: boolean;
  /** Show the player's play/pause button. Default false. */
  controls?: boolean;
  /** Show the template's captions. Default false. */
  captions?: boolean;
  /** Which link actions the SDK opens (MountOptions.links); compared by value. */
  links?: PercusLinks;
  className?: string;
  id?: string;
  style?: CSSProperties;
  onReady?: (detail: EmbedEventDetail) => void;
  onRendered?: (detail: EmbedEventDetail) => void;
  onPlay?: (detail: EmbedEventDetail) => void;
  onPause?: (detail: EmbedEventDetail) => void;
  onTimeUpdate?: (detail: EmbedEventDetail) => void;
  onEnded?: (detail: EmbedEventDetail) => void;
  /** The player's or the SDK's error (codes and field names, never values). */
  onError?: (detail: EmbedEventDetail) => void;
  /** A viewer's action: `id`, `kind` (and `opened` for links). */
  onAction?: (detail: EmbedEventDetail) => void;
  /** 25, 50, 75 and 100 percent played (`percent`). */
  onProgress?: (detail: EmbedEventDetail) => void;
  /** Playback entered a chapter (`name`, `label`). */
  onChapter?: (detail: EmbedEventDetail) => void;
  /** The video started over. */
  onReplay?: (detail: EmbedEventDetail) => void;
}

/** What a ref to {@link PercusVideo} controls. */
export interface PercusVideoHandle {
  play(): void;
  pause(): void;
  seek(time: number): void;
  seekToFrame(frame: number): void;
  playSegment(name: string, options?: PlaySegmentOptions): void;
}

/**
 * A Percus player: `<PercusVideo player={…} template="greeting" data={viewer} />`.
 * Correct under StrictMode, fast refresh and server rendering (README.md).
 */
export const PercusVideo: ForwardRefExoticComponent<PercusVideoProps & RefAttributes<PercusVideoHandle>>;

/**
 * The element's JSX props (React 19 passes `data` as a property): its
 * attributes as strings, `data`, and the events as `onpercus-…` are not
 * typed: listen with a ref, or use {@link PercusVideo}.
 */
export interface PercusVideoJsxProps extends DetailedHTMLProps<HTMLAttributes<PercusVideoElement>, PercusVideoElement> {
  player: string;
  template: string;
  data?: Record<string, unknown> | null;
  locale?: string;
  "aspect-ratio"?: string;
  segment?: string;
  poster?: number | string;
  speed?: number | string;
  timeout?: number | string;
  /** On unless "false" (React 19 drops an attribute that is `false`). */
  autoplay?: "false";
  /** On unless "false". */
  loop?: "false";
  /** On unless "false". */
  muted?: "false";
  controls?: boolean;
  captions?: boolean;
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "percus-video": PercusVideoJsxProps;
    }
  }
}
