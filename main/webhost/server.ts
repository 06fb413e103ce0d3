/**
 * The web host: the same main-side handlers as Electron, served to a browser on this machine.
 *
 * Why: Electron's binary is downloaded by an install script, which cannot run offline (CI here),
 * so `npm start` falls back to this and the e2e tests drive it in Chromium.
 *
 * Security model (it exposes local files, so it must not be reachable by other sites or users):
 * - bound to 127.0.0.1 only, random port unless one is asked for;
 * - a random per-run token (32 bytes) is required on every API call (`x-flowform-token` header,
 *   or `?token=` for the event stream, which EventSource cannot send headers for): missing or
 *   wrong → 401;
 * - a request carrying an `Origin` other than this host's own → 403 (a page on another site
 *   cannot call the API even if it guessed the port), and a `Host` header other than
 *   127.0.0.1/localhost:<port> → 403 (DNS rebinding);
 * - the HTML is served with a strict CSP, no-referrer (the token is in the first URL) and
 *   frame-ancestors 'none'.
 * The page gets the token from the URL printed at start (`/?token=…`), keeps it in
 * sessionStorage and removes it from the address bar (renderer/transport).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { EventName } from "../../preload/api";
import { contextFor, createSession, disposeSession, dispatch, type Session } from "../ipc/registry";
import { CONTENT_SECURITY_POLICY_HEADER } from "../security";

export interface WebHostOptions {
  /** Folder with the built renderer (index.html + assets). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Fixed token (tests); random when omitted. */
  token?: string;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  /** URL including the token: what a person opens. */
  openUrl: string;
  port: number;
  token: string;
  session: Session;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

const BASE_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: 401 | 403 | 404 | 405 | 413, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString("base64url");
  const rendererDir = path.resolve(options.rendererDir);
  const maxBody = options.maxBodyBytes ?? 32 * 1024 * 1024;
  const session = createSession();
  const ctx = contextFor(session, "web");
  const streams = new Set<http.ServerResponse>();
  let port = 0;

  session.eventSinks.add((name: EventName, payload: unknown) => {
    const frame = `data: ${JSON.stringify({ name, payload })}\n\n`;
    for (const stream of streams) stream.write(frame);
  });

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> {
    if (req.method !== "GET" && req.method !== "HEAD") return refuse(res, 405, "http.method", "Only GET here.");
    const relative = pathname === "/" ? "index.html" : decodeURIComponent(pathname).replace(/^\/+/, "");
    const file = path.resolve(rendererDir, relative);
    if (file !== rendererDir && !file.startsWith(rendererDir + path.sep)) return refuse(res, 404, "http.notFound", "Not found.");
    let data: Buffer;
    try {
      data = await fs.readFile(file);
    } catch {
      if (relative === "index.html") {
        res.writeHead(500, { ...BASE_HEADERS, "content-type": "text/plain; charset=utf-8" });
        res.end(`The renderer is not built: ${file} is missing. Run "npm run build".`);
        return;
      }
      return refuse(res, 404, "http.notFound", "Not found.");
    }
    const type = MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    const headers: Record<string, string> = { ...BASE_HEADERS, "content-type": type };
    if (type.startsWith("text/html")) {
      headers["content-security-policy"] = CONTENT_SECURITY_POLICY_HEADER;
      headers["x-frame-options"] = "DENY";
      headers["cache-control"] = "no-store";
    } else {
      headers["cache-control"] = relative.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    }
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : data);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (!allowedHosts().has(req.headers.host ?? "")) {
      return refuse(res, 403, "http.foreignHost", "Requests must be addressed to 127.0.0.1 or localhost.");
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      return refuse(res, 403, "http.foreignOrigin", `Origin ${origin} may not use the Flowform web host.`);
    }
    if (!url.pathname.startsWith("/api/")) return serveStatic(req, res, url.pathname);

    const given = (req.headers["x-flowform-token"] as string | undefined) ?? url.searchParams.get("token");
    if (!sameToken(given, token)) {
      return refuse(res, 401, "http.unauthorized", "Missing or wrong token: open the URL printed when the web host started.");
    }

    if (url.pathname === "/api/events") {
      if (req.method !== "GET") return refuse(res, 405, "http.method", "The event stream is GET.");
      res.writeHead(200, {
        ...BASE_HEADERS,
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write(": connected\n\n");
      streams.add(res);
      // A comment line every 20 s keeps proxies and idle timers from closing the stream.
      const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), 20_000);
      req.on("close", () => {
        clearInterval(keepAlive);
        streams.delete(res);
      });
      return;
    }

    if (req.method !== "POST") return refuse(res, 405, "http.method", "API calls are POST.");
    const channel = decodeURIComponent(url.pathname.slice("/api/".length));
    const body = await readBody(req, maxBody);
    if (body === null) return refuse(res, 413, "http.tooLarge", `Request body over ${maxBody} bytes.`);
    let input: unknown = undefined;
    if (body.trim() !== "") {
      try {
        input = JSON.parse(body);
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: "ipc.invalidJson", message: "The request body is not JSON." } });
      }
    }
    sendJson(res, 200, await dispatch(channel, input, ctx));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: "internal", message: String(error) } });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    openUrl: `${url}?token=${token}`,
    port,
    token,
    session,
    close: async () => {
      for (const stream of streams) stream.end();
      streams.clear();
      disposeSession(session);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
