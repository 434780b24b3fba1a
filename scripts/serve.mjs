// Static server for www/ with the headers production must set (see
// docs/headers.md). One server, two origins: a page opened on
// http://localhost:PORT embeds the player from http://127.0.0.1:PORT (and
// the reverse), so the demo and the tests always cross an origin boundary,
// as on a customer's site. It logs nothing about requests.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const WWW = fileURLToPath(new URL("../www/", import.meta.url));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".vtt": "text/vtt; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** The other loopback origin of the same port: localhost <-> 127.0.0.1. */
export function pairedOrigin(hostHeader) {
  const [hostname, port] = (hostHeader || "").split(":");
  const other = hostname === "127.0.0.1" ? "localhost" : "127.0.0.1";
  return `http://${other}:${port}`;
}

/** Headers for one response, by path. Exported for tests and docs. */
export function headersFor(pathname, hostHeader) {
  const self = `http://${hostHeader}`;
  const paired = pairedOrigin(hostHeader);
  const headers = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
  };
  if (pathname === "/player.html" || pathname === "/frame.html") {
    // The player and frame pages: nothing but their own scripts, wasm and the template
    // store (same origin here). Embeddable only by the demo host origins.
    Object.assign(headers, {
      "Content-Security-Policy": [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "connect-src 'self'",
        "font-src 'self'",
        "img-src 'self' data: blob:",
        // A template's background video plays from its checked bytes.
        "media-src blob:",
        "style-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        `frame-ancestors ${self} ${paired}`,
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
      ].join("; "),
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()",
    });
  } else if (pathname === "/preview.html") {
    // The designer preview: the frame build of the player, the demo
    // templates of this server, and the designer's own files as blob: URLs.
    // Nothing leaves the page; it embeds nothing and is embedded nowhere.
    Object.assign(headers, {
      "Content-Security-Policy": [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "connect-src 'self'",
        "img-src 'self' data: blob:",
        "media-src blob:",
        "style-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
      ].join("; "),
    });
  } else if (pathname.endsWith(".html")) {
    // A customer page: a strict CSP of its own that still allows the SDK
    // from the player origin and the player iframe.
    Object.assign(headers, {
      "Content-Security-Policy": [
        "default-src 'self'",
        `script-src 'self' ${paired} 'wasm-unsafe-eval'`,
        `connect-src 'self' ${paired}`,
        `frame-src ${paired}`,
        "style-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "object-src 'none'",
      ].join("; "),
    });
  }
  if (pathname.startsWith("/pkg/embed/")) {
    // The SDK is loaded cross-origin by customer pages (module + wasm fetch).
    headers["Access-Control-Allow-Origin"] = "*";
    headers["Cross-Origin-Resource-Policy"] = "cross-origin";
  } else {
    headers["Cross-Origin-Resource-Policy"] = "same-site";
  }
  return headers;
}

/** Only loopback hosts on our port may name themselves in headers. */
const HOST = /^(localhost|127\.0\.0\.1):\d{1,5}$/;

async function handle(req, res, testPages) {
  const host = req.headers.host || "";
  if (!HOST.test(host)) {
    res.writeHead(421).end();
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  // Headers are chosen by path, so a path must have one spelling only: no
  // encoded separators, no dot segments, no backslashes.
  if (/[\\\0]|\/\.{1,2}(\/|$)|\/\//.test(pathname)) {
    res.writeHead(404).end();
    return;
  }
  if (pathname.endsWith("/")) pathname += "index.html";
  // Test pages (tests/pages/, only when the tests start the server) live
  // under /test/ and get the headers of a www page of the same name.
  let root = WWW;
  let prefix = "";
  if (testPages && pathname.startsWith("/test/")) {
    root = testPages;
    prefix = "/test";
    pathname = pathname.slice(prefix.length);
  }
  const file = normalize(join(root, pathname));
  if (!file.startsWith(root) || relative(root, file).split(sep).some((part) => part.startsWith("."))) {
    res.writeHead(404).end();
    return;
  }
  // The canonical path of the file served, for the headers.
  const canonical = `/${relative(root, file).split(sep).join("/")}`;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a file");
    const body = await readFile(file);
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] || "application/octet-stream",
      "Content-Length": body.length,
      ...headersFor(canonical, host),
      ...(root === testPages ? await testHeaders(file, host) : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", ...headersFor(canonical, host) });
    res.end("not found\n");
  }
}

/**
 * A test page's own headers, from `<page>.headers.json` beside it, with
 * `{self}` and `{paired}` standing for the two origins: for pages that need
 * another CSP than a customer page's.
 */
async function testHeaders(file, host) {
  try {
    const text = await readFile(`${file}.headers.json`, "utf8");
    return JSON.parse(text.replaceAll("{self}", `http://${host}`).replaceAll("{paired}", pairedOrigin(host)));
  } catch {
    return {};
  }
}

/**
 * Starts the server on `port` (0: any free port) on loopback; resolves to
 * it. `testPages`: a folder served under /test/ (the browser tests' pages).
 */
export function startServer(port = 0, { testPages } = {}) {
  const pages = testPages && `${normalize(testPages).replace(/[\\/]+$/, "")}${sep}`;
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      handle(req, res, pages).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080);
  const server = await startServer(port);
  const actual = server.address().port;
  console.log(`Percus demo: http://localhost:${actual}/  (player served from http://127.0.0.1:${actual})`);
  console.log("Ctrl-C stops.");
}
