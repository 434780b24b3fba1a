// A customer's React app, built by each bundler from the packed SDK
// (tests/bundlers.test.mjs), under StrictMode (effects run twice): a
// <PercusVideo> whose data, visibility and template the test changes
// through window.__app, and a ref that pauses it.
import { StrictMode, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { PercusVideo } from "@percus/embed/react";

const query = new URLSearchParams(location.search);
window.__events = [];

function App() {
  const [shown, setShown] = useState(true);
  const [template, setTemplate] = useState("greeting");
  // The viewer's name from the fragment (never sent to a server), as an
  // app would get it from its API.
  const [data, setData] = useState({ first_name: new URLSearchParams(location.hash.slice(1)).get("name") });
  const video = useRef(null);
  window.__app = { setShown, setTemplate, setData, pause: () => video.current?.pause() };
  const record = (detail) => window.__events.push({ type: detail.type, code: detail.code });
  return (
    <main style={{ width: 480 }}>
      {shown && (
        <PercusVideo
          ref={video}
          player={query.get("player")}
          template={template}
          data={data}
          locale="en-US"
          controls
          onReady={record}
          onRendered={record}
          onPause={record}
          onError={record}
        />
      )}
    </main>
  );
}

createRoot(document.getElementById("root")).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
