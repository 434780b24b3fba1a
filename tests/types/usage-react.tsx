// Customer TSX against `@percus/embed/react` (tests/package.test.mjs runs
// tsc --strict with @types/react): the component's props and ref, and
// <percus-video> typed in JSX. Each @ts-expect-error is a mistake the
// types must catch.
import { useRef } from "react";
import { PercusVideo, type PercusVideoHandle } from "@percus/embed/react";
import type { PercusVideoElement } from "@percus/embed/element";

export function Greeting({ name }: { name: string }) {
  const video = useRef<PercusVideoHandle>(null);
  const element = useRef<PercusVideoElement>(null);
  return (
    <>
      <PercusVideo
        ref={video}
        player="https://player.example/player.html"
        template="greeting"
        data={{ first_name: name, saving: 1234.56 }}
        locale="en-US"
        controls
        autoplay={false}
        poster={1.5}
        onRendered={(detail) => detail.type}
        onError={(detail) => detail.code}
        links={{ open: true, origins: ["https://bank.example"] }}
        onAction={({ id, kind }) => [id, kind]}
        onProgress={({ percent }) => percent}
        onChapter={({ name, label }) => [name, label]}
        onReplay={(detail) => detail.type}
      />
      <button onClick={() => video.current?.pause()}>Pause</button>
      <button onClick={() => video.current?.playSegment("details", { then: "stop" })}>Details</button>
      <percus-video ref={element} player="https://player.example/player.html" template="greeting" data={{ first_name: name }} controls autoplay="false" />
      {/* @ts-expect-error: the template is required */}
      <PercusVideo player="https://player.example/player.html" data={{}} />
      {/* @ts-expect-error: controls is a boolean */}
      <PercusVideo player="p" template="t" controls="yes" />
      {/* @ts-expect-error: data is an object of fields, not a string */}
      <percus-video player="p" template="t" data="first_name=Jane" />
    </>
  );
}
