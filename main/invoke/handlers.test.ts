import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { clearHandlers, contextFor, createSession, dispatch, registerHandlers } from "../ipc/registry";
import { invokeHandlers } from "./handlers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flowform-invoke-ipc-"));
const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs20.x, Handler: index.handler, CodeUri: src/Hello/, Timeout: 2 }
`;

beforeAll(() => {
  fs.mkdirSync(path.join(dir, "src", "Hello"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "Hello", "index.mjs"), "export const handler = async (e) => ({ statusCode: 200, body: JSON.stringify(e) });\n");
  fs.writeFileSync(path.join(dir, "template.yaml"), template);
  clearHandlers();
  registerHandlers(invokeHandlers());
});
afterAll(() => {
  clearHandlers();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ctx = () => contextFor(createSession({ projectDir: dir }), "web");

describe("invoke and code channels", () => {
  it("runs a function of the open project through invoke.run", async () => {
    const answer = await dispatch("invoke.run", { functionId: "Hello", event: { a: 1 }, templateText: template }, ctx());
    expect(answer).toMatchObject({ ok: true, value: { status: "ok", value: { statusCode: 200, body: '{"a":1}' } } });
  });

  it("refuses a call without a function id", async () => {
    const answer = await dispatch("invoke.run", { event: {}, templateText: template }, ctx());
    expect(answer).toMatchObject({ ok: false, error: { code: "ipc.invalidInput" } });
  });

  it("answers with a typed error when no project folder is open", async () => {
    const answer = await dispatch("invoke.run", { functionId: "Hello", event: {}, templateText: template }, contextFor(createSession(), "web"));
    expect(answer).toMatchObject({ ok: false, error: { code: "project.noProjectOpen" } });
  });

  it("renames a code folder inside the project and refuses to leave it", async () => {
    fs.mkdirSync(path.join(dir, "src", "Old"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", "Old", "app.py"), "x = 1\n");
    expect(await dispatch("code.renameFolder", { from: "src/Old", to: "src/New" }, ctx())).toEqual({ ok: true, value: { renamed: true } });
    expect(fs.existsSync(path.join(dir, "src", "New", "app.py"))).toBe(true);
    expect(await dispatch("code.renameFolder", { from: "src/New", to: "../escape" }, ctx())).toMatchObject({ ok: false, error: { code: "project.pathOutsideProject" } });
  });

  it("stops a running handler when asked to cancel it", async () => {
    fs.mkdirSync(path.join(dir, "src", "Busy"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", "Busy", "index.mjs"), "export const handler = () => new Promise(() => setInterval(() => {}, 1000));\n");
    const busy = template + "  Busy:\n    Type: AWS::Serverless::Function\n    Properties: { Runtime: nodejs20.x, Handler: index.handler, CodeUri: src/Busy/, Timeout: 600 }\n";
    const context = ctx();
    const run = dispatch("invoke.run", { functionId: "Busy", event: {}, templateText: busy, runId: "r1" }, context);
    // Cancel as soon as the run is registered (the call is in flight).
    let cancelled: unknown;
    do cancelled = await dispatch("invoke.cancel", { runId: "r1" }, context);
    while ((cancelled as { value?: { cancelled: boolean } }).value?.cancelled !== true);
    expect(await run).toMatchObject({ ok: true, value: { status: "crashed", error: { type: "Flowform.Cancelled" } } });
  });

  it("reports the local runtimes", async () => {
    const answer = await dispatch("invoke.runtimes", undefined, ctx());
    expect(answer).toMatchObject({ ok: true, value: { node: process.versions.node } });
  });
});
