/** Central validation: every payload is checked against the contract before a handler runs. */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installHandlers, uninstallHandlers } from "./index";
import { contextFor, createSession, dispatch, registerHandlers } from "./registry";

let dataDir: string;
let projectDir: string;

beforeEach(async () => {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), "flowform-ipc-"));
  dataDir = path.join(base, "data");
  projectDir = path.join(base, "project");
  await fs.mkdir(path.join(projectDir, "src", "Fn"), { recursive: true });
  await fs.writeFile(path.join(projectDir, "template.yaml"), "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n");
  await fs.writeFile(path.join(projectDir, "src", "Fn", "index.mjs"), "export const handler = async () => 1;\n");
  uninstallHandlers();
  installHandlers({ kind: "web", dataDir, version: "0.0.0-test", defaultProjectsDir: base, dialogs: null });
});

afterEach(() => uninstallHandlers());

function webContext() {
  return contextFor(createSession(), "web");
}

describe("IPC dispatch", () => {
  it("answers a malformed payload with a typed ipc.invalidInput error naming the field", async () => {
    const answer = await dispatch("project.open", { path: 42 }, webContext());
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe("ipc.invalidInput");
    expect(answer.error.message).toMatch(/path/);
    expect(answer.error.details).toEqual([expect.objectContaining({ path: ["path"] })]);
  });

  it("refuses unknown fields instead of ignoring them", async () => {
    const answer = await dispatch("project.open", { path: projectDir, sneaky: true }, webContext());
    expect(answer).toMatchObject({ ok: false, error: { code: "ipc.invalidInput" } });
  });

  it("answers an unknown channel with ipc.unknownChannel", async () => {
    const answer = await dispatch("project.format", {}, webContext());
    expect(answer).toMatchObject({ ok: false, error: { code: "ipc.unknownChannel" } });
  });

  it("passes a handler's typed error through unchanged", async () => {
    const answer = await dispatch("project.open", { path: path.join(projectDir, "missing-folder") }, webContext());
    expect(answer).toMatchObject({ ok: false, error: { code: "project.notFound" } });
  });

  it("turns a handler's unexpected exception into an 'internal' answer instead of crashing", async () => {
    uninstallHandlers();
    registerHandlers({
      "app.info": () => {
        throw new TypeError("boom");
      },
    });
    const answer = await dispatch("app.info", undefined, webContext());
    expect(answer).toEqual({ ok: false, error: { code: "internal", message: "app.info failed: boom" } });
  });

  it("refuses to register a channel that is not in the contract", () => {
    expect(() => registerHandlers({ ["nope.never" as "app.info"]: () => ({}) as never })).toThrow(/not in preload\/api\.ts/);
  });

  it("refuses a file path that escapes the open project", async () => {
    const ctx = webContext();
    expect((await dispatch("project.open", { path: projectDir }, ctx)).ok).toBe(true);
    for (const escape of ["../outside.txt", "/etc/passwd", "src/../../outside.txt"]) {
      const read = await dispatch("files.read", { path: escape }, ctx);
      expect(read).toMatchObject({ ok: false, error: { code: "project.pathOutsideProject" } });
      const write = await dispatch("files.write", { path: escape, text: "x" }, ctx);
      expect(write).toMatchObject({ ok: false, error: { code: "project.pathOutsideProject" } });
    }
    await expect(fs.stat(path.join(projectDir, "..", "outside.txt"))).rejects.toThrow();
  });

  it("refuses a symlink inside the project that points outside it", async () => {
    const ctx = webContext();
    await dispatch("project.open", { path: projectDir }, ctx);
    const outside = path.join(projectDir, "..", "secret.txt");
    await fs.writeFile(outside, "secret");
    await fs.symlink(outside, path.join(projectDir, "link.txt"));
    const read = await dispatch("files.read", { path: "link.txt" }, ctx);
    expect(read).toMatchObject({ ok: false, error: { code: "project.pathOutsideProject" } });
  });

  it("reads, writes and lists files inside the project", async () => {
    const ctx = webContext();
    await dispatch("project.open", { path: projectDir }, ctx);
    expect(await dispatch("files.write", { path: "src/Fn/util.mjs", text: "export const x = 1;\n" }, ctx)).toMatchObject({ ok: true });
    expect(await dispatch("files.read", { path: "src/Fn/util.mjs" }, ctx)).toMatchObject({ ok: true, value: { text: "export const x = 1;\n" } });
    const listed = await dispatch("files.list", { path: "src", recursive: true }, ctx);
    expect(listed).toMatchObject({
      ok: true,
      value: [
        { path: "src/Fn", kind: "directory" },
        { path: "src/Fn/index.mjs", kind: "file" },
        { path: "src/Fn/util.mjs", kind: "file" },
      ],
    });
  });

  it("refuses files.write of template text that does not parse, like Save", async () => {
    const ctx = webContext();
    await dispatch("project.open", { path: projectDir }, ctx);
    const before = await fs.readFile(path.join(projectDir, "template.yaml"), "utf8");
    const answer = await dispatch("files.write", { path: "template.yaml", text: "Resources: [unclosed\n" }, ctx);
    expect(answer).toMatchObject({ ok: false, error: { code: "project.templateDoesNotParse" } });
    expect(await fs.readFile(path.join(projectDir, "template.yaml"), "utf8")).toBe(before);
  });

  it("answers files.* with project.noProjectOpen before a project folder exists", async () => {
    const answer = await dispatch("files.read", { path: "template.yaml" }, webContext());
    expect(answer).toMatchObject({ ok: false, error: { code: "project.noProjectOpen" } });
  });

  it("answers dialog.* with dialog.unavailable in the web host", async () => {
    const answer = await dispatch("dialog.openProject", undefined, webContext());
    expect(answer).toMatchObject({ ok: false, error: { code: "dialog.unavailable" } });
  });
});
