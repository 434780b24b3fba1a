// How a customer's TypeScript uses the package (tests/package.test.mjs
// type-checks it against the packed @percus/embed). The lines expected to
// fail must keep failing: the types catch those mistakes.
import {
  mount,
  PercusError,
  type Embed,
  type EmbedErrorCode,
  type EmbedEventDetail,
  type PercusChapter,
  type PercusDataValue,
} from "@percus/embed";

export async function show(element: HTMLElement): Promise<Embed | undefined> {
  try {
    const video: Embed = await mount(element, {
      player: "https://player.percus.example/player.html",
      template: "greeting",
      data: { first_name: "Jane", saving: 1234.56 },
      locale: "en-US",
      controls: true,
      loop: false,
      poster: 1.5,
      muted: false,
      timeout: 10_000,
    });
    video.on("timeupdate", (detail: EmbedEventDetail) => {
      const time: number | undefined = detail.time;
      return time;
    });
    video.on("error", ({ code, field }) => [code, field]);
    // The SDK's own codes are named; a message says why for some of them.
    video.on("error", ({ code, message }) => {
      const unavailable: EmbedErrorCode = "player-unavailable";
      const why: string | undefined = message;
      return code === unavailable ? why : code;
    });
    // @ts-expect-error: a misspelt code of the SDK's
    const misspelt: EmbedErrorCode = "player-unavailible";
    video.seek(2);
    video.seekToFrame(48);
    video.pause();
    video.play();
    video.update({ first_name: "Jo" });
    // A member card: a colour, a choice, a flag, a ratio and a photo's bytes.
    const photo: PercusDataValue = new Blob([new Uint8Array(4)], { type: "image/png" });
    const member: Record<string, PercusDataValue> = { brand: "#0b6e4f", tier: "Gold", vip: true, progress: 0.62, photo };
    video.update(member);
    // Interactive templates: the viewer's actions, progress and chapters,
    // forwarded to an analytics function (ids and kinds, never data).
    const track = (name: string, props: Record<string, unknown>) => [name, props];
    video.on("action", ({ id, kind, opened }) => track("video_action", { id, kind, opened }));
    video.on("progress", ({ percent }) => {
      const at: number | undefined = percent;
      return track("video_progress", { percent: at });
    });
    video.on("chapter", ({ name, label }) => track("video_chapter", { name, label }));
    video.on("replay", () => track("video_replay", {}));
    video.on("ready", ({ chapters }) => {
      const first: PercusChapter | undefined = chapters?.[0];
      if (first) video.playSegment(first.name, { then: "continue" });
    });
    video.on("error", ({ code }) => code === "link-refused");
    video.playSegment("details");
    video.playSegment("details", { then: "loop" });
    // @ts-expect-error: then is "stop", "loop" or "continue"
    video.playSegment("details", { then: "forever" });
    // @ts-expect-error: a segment is named by its marker, a string
    video.playSegment(2);
    await mount(element, {
      player: "https://player.percus.example/player.html",
      template: "bill",
      data: {},
      links: { open: true, origins: ["https://bank.example"] },
    });
    // @ts-expect-error: origins is a list
    await mount(element, { player: "p", template: "t", data: {}, links: { open: true, origins: "https://bank.example" } });
    // @ts-expect-error: not an event of the embed
    video.on("finished", () => {});
    // @ts-expect-error: seek takes seconds as a number
    video.seek("2s");
    // @ts-expect-error: muted is a boolean
    await mount(element, { player: "p", template: "t", data: {}, muted: "no" });
    return video;
  } catch (e) {
    if (e instanceof PercusError && e.code === "wasm-blocked") return undefined;
    throw e;
  }
}

export async function mistakes(element: HTMLElement): Promise<void> {
  // @ts-expect-error: the template is required
  await mount(element, { player: "https://p.example/player.html", data: {} });
  // @ts-expect-error: autoplay is a boolean
  await mount(element, { player: "p", template: "t", data: {}, autoplay: "yes" });
}

// The <percus-video> element: typed by tag name, data a write-only property.
import { PercusVideoElement } from "@percus/embed/element";

export function element(): void {
  const video = document.querySelector("percus-video");
  if (!video) return;
  const typed: PercusVideoElement = video;
  typed.data = { first_name: "Jane", saving: 1234.56 };
  typed.data = null;
  const read: undefined = typed.data;
  typed.addEventListener("percus-error", (event) => {
    const code: string | undefined = event.detail.code;
    return code;
  });
  typed.seek(2);
  typed.links = { open: true, origins: ["https://bank.example"] };
  typed.playSegment("details", { then: "stop" });
  typed.addEventListener("percus-action", (event) => event.detail.id);
  typed.addEventListener("percus-chapter", (event) => event.detail.label);
  // @ts-expect-error: then is "stop", "loop" or "continue"
  typed.playSegment("details", { then: "again" });
  // @ts-expect-error: data is an object of fields, not a string
  typed.data = "first_name=Jane";
  void read;
}
