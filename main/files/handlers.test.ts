import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { clearHandlers, contextFor, createSession, disposeSession, dispatch, registerHandlers, type Session } from "../ipc/registry";
import { filesHandlers } from "./handlers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flowform-files-ipc-"));
let session: Session;
let changed: string[] = [];

beforeAll(() => {
  clearHandlers();
  registerHandlers(filesHandlers());
});
afterAll(() => {
  clearHandlers();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => disposeSession(session));

async function watchHello(): Promise<ReturnType<typeof contextFor>> {
  fs.rmSync(path.join(dir, "src"), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "src", "Hello"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "Hello", "index.mjs"), "export const handler = async () => 1;\n");
  session = createSession({ projectDir: dir });
  changed = [];
  session.eventSinks.add((name, payload) => {
    if (name === "files.changed") changed.push((payload as { path: string }).path);
  });
  const ctx = contextFor(session, "web");
  const answer = await dispatch("files.watch", { path: "src/Hello" }, ctx);
  expect(answer).toMatchObject({ ok: true });
  return ctx;
}

describe("files.watch", () => {
  it("reports a watched file deleted by another program", async () => {
    await watchHello();
    fs.unlinkSync(path.join(dir, "src", "Hello", "index.mjs"));
    await vi.waitFor(() => expect(changed).toContain("src/Hello/index.mjs"));
  });

  it("reports the files of a deleted folder, and reports them again when the folder is made again", async () => {
    await watchHello();
    fs.rmSync(path.join(dir, "src"), { recursive: true });
    await vi.waitFor(() => expect(changed).toContain("src/Hello/index.mjs"));
    changed = [];
    // Made again step by step, as `mkdir -p` and an editor would.
    fs.mkdirSync(path.join(dir, "src"));
    await new Promise((r) => setTimeout(r, 50));
    fs.mkdirSync(path.join(dir, "src", "Hello"));
    await new Promise((r) => setTimeout(r, 50));
    fs.writeFileSync(path.join(dir, "src", "Hello", "index.mjs"), "back\n");
    await vi.waitFor(() => expect(changed).toContain("src/Hello/index.mjs"));
    // And the folder is watched again as before.
    changed = [];
    fs.writeFileSync(path.join(dir, "src", "Hello", "index.mjs"), "edited\n");
    await vi.waitFor(() => expect(changed).toContain("src/Hello/index.mjs"));
  });

  it("stops reporting after unwatch, even while waiting for a deleted folder", async () => {
    const ctx = await watchHello();
    const { value } = (await dispatch("files.watch", { path: "src/Hello" }, ctx)) as { value: { watchId: string } };
    fs.rmSync(path.join(dir, "src", "Hello"), { recursive: true });
    await vi.waitFor(() => expect(changed).toContain("src/Hello/index.mjs"));
    await dispatch("files.unwatch", { watchId: value.watchId }, ctx);
    disposeSession(session);
    changed = [];
    fs.mkdirSync(path.join(dir, "src", "Hello"));
    fs.writeFileSync(path.join(dir, "src", "Hello", "index.mjs"), "back\n");
    await new Promise((r) => setTimeout(r, 200));
    expect(changed).toEqual([]);
  });
});
