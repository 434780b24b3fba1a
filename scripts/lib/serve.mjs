// Static server for www/ with the headers production must set (see
// docs/headers.md). One server, two origins: a page opened on
// http://localhost:PORT embeds the player from http://127.0.0.1:PORT (and
// the reverse), so the demo and the tests always cross an origin boundary,
// as on a customer's site. Other origins may embed the player when named in
// PERCUS_EMBED_ORIGINS (a web developer's own dev server; docs/headers.md).
// It logs nothing about requests.
//
// Shared (scripts/lib/): `npm start` and `npm run serve` run it
// (`node scripts/lib/serve.mjs`, PORT and PERCUS_EMBED_ORIGINS from the
// environment); the tests, benchmarks and generators start it with
// startServer (most through setUp in browser.mjs).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const WWW = fileURLToPath(new URL("../../www/", import.meta.url));

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

/**
 * An origin CSP can name as a plain source: `http(s)://host[:port]`, no path,
 * no wildcard, no quote or semicolon that would end the directive (checked
 * in lower case).
 */
const ORIGIN = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)(:\d{1,5})?$/;

/**
 * The host origins allowed to embed the player besides the server's own
 * two, from PERCUS_EMBED_ORIGINS's text (separated by spaces or commas).
 * Throws an Error naming the first value that is not a plain origin: a bad
 * one would otherwise widen or break the player's frame-ancestors.
 */
export function parseEmbedOrigins(text = "") {
  return checkEmbedOrigins(text.split(/[\s,]+/).filter(Boolean));
}

function checkEmbedOrigins(origins) {
  return [
    ...new Set(
      origins.map((value) => {
        // Scheme and host are case-insensitive; CSP and browsers write them in lower case.
        const origin = typeof value === "string" ? value.toLowerCase() : "";
        const port = Number(origin.match(/:(\d+)$/)?.[1] ?? 1);
        if (!ORIGIN.test(origin) || port < 1 || port > 65535) {
          throw new Error(
            `PERCUS_EMBED_ORIGINS: ${JSON.stringify(value)} is not an origin. ` +
              'Give each as scheme://host[:port], with no path (not even "/"), "*", quotes or ";", ' +
              'separated by spaces or commas, e.g. "http://localhost:5173 http://127.0.0.1:5173".',
          );
        }
        return origin;
      }),
    ),
  ];
}

/**
 * Headers for one response, by path. Exported for tests and docs.
 * `embedOrigins`: more host origins allowed to frame the player and frame
 * pages, after the server's own two (checked by {@link parseEmbedOrigins}).
 */
export function headersFor(pathname, hostHeader, embedOrigins = []) {
  const self = `http://${hostHeader}`;
  const paired = pairedOrigin(hostHeader);
  const ancestors = [...new Set([self, paired, ...embedOrigins])].join(" ");
  const headers = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
  };
  if (pathname === "/player.html" || pathname === "/frame.html") {
    // The player and frame pages: nothing but their own scripts, wasm and the template
    // store (same origin here). Embeddable only by the demo host origins
    // and the ones PERCUS_EMBED_ORIGINS names.
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
        `frame-ancestors ${ancestors}`,
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

async function handle(req, res, testPages, embedOrigins) {
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
      ...headersFor(canonical, host, embedOrigins),
      ...(root === testPages ? await testHeaders(file, host) : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", ...headersFor(canonical, host, embedOrigins) });
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
 * `embedOrigins`: host origins that may embed the player besides the
 * server's own two (rejects when one is not a plain origin).
 */
export async function startServer(port = 0, { testPages, embedOrigins = [] } = {}) {
  const pages = testPages && `${normalize(testPages).replace(/[\\/]+$/, "")}${sep}`;
  const origins = checkEmbedOrigins(embedOrigins);
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      handle(req, res, pages, origins).catch(() => {
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
  let embedOrigins;
  try {
    embedOrigins = parseEmbedOrigins(process.env.PERCUS_EMBED_ORIGINS);
  } catch (error) {
    console.error(`serve.mjs: ${error.message}`);
    process.exit(2);
  }
  const server = await startServer(port, { embedOrigins });
  const actual = server.address().port;
  console.log(`Percus demo: http://localhost:${actual}/  (player served from http://127.0.0.1:${actual})`);
  // What frame-ancestors allows: a page elsewhere (a dev server) that is
  // not listed sees the SDK's player-unavailable error.
  const allowed = [`http://localhost:${actual}`, `http://127.0.0.1:${actual}`, ...embedOrigins];
  console.log(`Pages that may embed the player: ${[...new Set(allowed)].join(" ")}`);
  if (!embedOrigins.length) console.log("  (more with PERCUS_EMBED_ORIGINS=\"http://localhost:5173 ...\"; docs/headers.md)");
  console.log("Ctrl-C stops.");
}
