"use client";
// `@percus/embed/react`: <PercusVideo>, the embed SDK as a React component
// (README.md, "React"). React is a peer dependency, never bundled here.
//
// It renders the <percus-video> element (percus-video.js) and gives it the
// viewer's data as a property, so everything the element holds true holds
// here: the data never becomes an attribute (not in server-rendered HTML,
// not in the DOM), one player per element however often React runs
// effects (StrictMode runs them twice; fast refresh runs them again), and
// the player goes when React removes the element. What this file adds:
// data is handed over only when it is a new object (an effect run again
// with the same data does not restart the video), events become `on…`
// props (the latest ones, without re-subscribing), `links` goes to the
// element as a property (which compares it by value: an inline object
// every render mounts nothing again), and a ref exposes play/pause/seek
// and playSegment. Importing it on a server touches no `window`: the
// element's module defines nothing without a DOM, and nothing here runs
// outside effects but rendering. "use client": in React Server Components
// (Next.js's App Router) it is a client component, rendered to HTML on the
// server and hydrated.
import { createElement, forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import "./percus-video.js";

/** Event props and the element's DOM events they listen to. */
const EVENTS = {
  onReady: "percus-ready",
  onRendered: "percus-rendered",
  onPlay: "percus-play",
  onPause: "percus-pause",
  onTimeUpdate: "percus-timeupdate",
  onEnded: "percus-ended",
  onError: "percus-error",
  onAction: "percus-action",
  onProgress: "percus-progress",
  onChapter: "percus-chapter",
  onReplay: "percus-replay",
};

/**
 * The element's attributes from the props. Strings only, or undefined for
 * an absent attribute: React 18 and 19 write booleans on custom elements
 * differently, and the element reads a flag as on unless it is "false".
 */
function attributes(props) {
  const text = (value) => (value === undefined || value === null ? undefined : String(value));
  const flag = (value, fallback) => (value === undefined || value === fallback ? undefined : value ? "" : "false");
  return {
    player: text(props.player),
    template: text(props.template),
    locale: text(props.locale),
    "aspect-ratio": text(props.aspectRatio),
    segment: text(props.segment),
    poster: text(props.poster),
    speed: text(props.speed),
    timeout: text(props.timeout),
    autoplay: flag(props.autoplay, true),
    loop: flag(props.loop, true),
    muted: flag(props.muted, true),
    controls: flag(props.controls, false),
    captions: flag(props.captions, false),
  };
}

/** A Percus player (percus-react.d.ts). */
export const PercusVideo = forwardRef(function PercusVideo(props, ref) {
  const element = useRef(null);
  const sent = useRef(undefined); // the data object last handed to this element
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const el = element.current;
    const listeners = Object.entries(EVENTS).map(([prop, type]) => {
      const listener = (event) => latest.current[prop]?.(event.detail);
      el.addEventListener(type, listener);
      return [type, listener];
    });
    return () => {
      for (const [type, listener] of listeners) el.removeEventListener(type, listener);
    };
  }, []);

  // `title` and `id` are properties of every element: React 19 would set
  // `el.title = undefined` (the text "undefined") when the prop goes away,
  // so they are attributes set here.
  const { title, id } = props;
  useEffect(() => {
    for (const [name, value] of [["title", title], ["id", id]]) {
      if (value === undefined || value === null) element.current.removeAttribute(name);
      else element.current.setAttribute(name, String(value));
    }
  }, [title, id]);

  // Before the data: the element mounts with the links it has then.
  const links = props.links;
  useEffect(() => {
    element.current.links = links;
  }, [links]);

  const data = props.data;
  useEffect(() => {
    // The same object again (StrictMode's second run, fast refresh, a
    // re-render) is not new data: the video goes on as it is.
    if (data && data !== sent.current) {
      sent.current = data;
      element.current.data = data;
    }
  }, [data]);

  useImperativeHandle(
    ref,
    () => ({
      play: () => element.current?.play(),
      pause: () => element.current?.pause(),
      seek: (time) => element.current?.seek(time),
      seekToFrame: (frame) => element.current?.seekToFrame(frame),
      playSegment: (name, options) => element.current?.playSegment(name, options),
    }),
    [],
  );

  // Absent attributes are left out rather than passed as undefined.
  const own = { ...attributes(props), class: props.className };
  for (const key of Object.keys(own)) if (own[key] === undefined) delete own[key];
  return createElement("percus-video", { ...own, ref: element, style: props.style });
});
