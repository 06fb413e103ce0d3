/** The web host's guard: token, Origin and Host checks, CSP on the HTML, events over SSE. */
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installHandlers, uninstallHandlers } from "../ipc";
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from "../security";
import { startWebHost, type WebHost } from "./server";

let host: WebHost;
let rendererDir: string;

beforeAll(async () => {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), "flowform-webhost-"));
  rendererDir = path.join(base, "renderer");
  await fs.mkdir(path.join(rendererDir, "assets"), { recursive: true });
  await fs.writeFile(path.join(rendererDir, "index.html"), "<!doctype html><title>Flowform</title>");
  await fs.writeFile(path.join(rendererDir, "assets", "app.js"), "console.log(1)");
  await fs.writeFile(path.join(base, "secret.txt"), "secret");
  uninstallHandlers();
  installHandlers({ kind: "web", dataDir: path.join(base, "data"), version: "0.0.0-test", defaultProjectsDir: base, dialogs: null });
  host = await startWebHost({ rendererDir });
});

afterAll(async () => {
  await host.close();
  uninstallHandlers();
});

/** Raw request (fetch cannot set Host or a forbidden Origin header). */
function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: host.port, method: options.method ?? "GET", path: options.path, headers: options.headers },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const call = (headers: Record<string, string>, body = "") =>
  request({ method: "POST", path: "/api/app.info", headers: { "content-type": "application/json", ...headers }, body });

describe("web host", () => {
  it("listens on 127.0.0.1 only, on a port it picked", () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.port).toBeGreaterThan(0);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it("answers 401 to an API call without the token", async () => {
    const res = await call({});
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: "http.unauthorized" } });
  });

  it("answers 401 to a wrong token", async () => {
    expect((await call({ "x-flowform-token": host.token.slice(0, -1) + "x" })).status).toBe(401);
  });

  it("answers 403 to a call from another Origin, even with the right token", async () => {
    const res = await call({ "x-flowform-token": host.token, origin: "http://evil.example" });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: "http.foreignOrigin" } });
  });

  it("answers 403 to a request addressed to another host name (DNS rebinding)", async () => {
    expect((await call({ "x-flowform-token": host.token, host: `attacker.example:${host.port}` })).status).toBe(403);
  });

  it("serves the API to its own origin with the token", async () => {
    const res = await call({ "x-flowform-token": host.token, origin: `http://127.0.0.1:${host.port}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: "Flowform", host: "web", nativeDialogs: false } });
  });

  it("answers a malformed payload with a typed error, not a crash", async () => {
    const res = await request({
      method: "POST",
      path: "/api/project.open",
      headers: { "x-flowform-token": host.token },
      body: JSON.stringify({ path: ["not", "a", "string"] }),
    });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: "ipc.invalidInput" } });
    const notJson = await request({ method: "POST", path: "/api/project.open", headers: { "x-flowform-token": host.token }, body: "{" });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: "ipc.invalidJson" } });
  });

  it("serves the page with a strict Content-Security-Policy and no referrer", async () => {
    const res = await request({ path: "/" });
    expect(res.status).toBe(200);
    expect(res.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("does not serve files outside the renderer folder", async () => {
    const res = await request({ path: "/..%2fsecret.txt" });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("secret");
  });

  it("pushes events to the page over the event stream, which also needs the token", async () => {
    expect((await request({ path: "/api/events" })).status).toBe(401);
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port: host.port, path: `/api/events?token=${host.token}` }, (res) => {
        expect(res.headers["content-type"]).toMatch(/text\/event-stream/);
        let text = "";
        res.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes(": connected")) {
            for (const sink of host.session.eventSinks) sink("project.changedOnDisk", { path: "template.yaml" });
          }
          const frame = /data: (.*)\n\n/.exec(text);
          if (frame) {
            req.destroy();
            resolve(frame[1]);
          }
        });
      });
      req.on("error", reject);
    });
    expect(JSON.parse(received)).toEqual({ name: "project.changedOnDisk", payload: { path: "template.yaml" } });
  });
});

describe("Content-Security-Policy", () => {
  it("is the same in renderer/index.html (for file:// loads) as in the headers", async () => {
    const html = await fs.readFile(path.join(__dirname, "..", "..", "renderer", "index.html"), "utf8");
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});
