import { beforeEach, describe, expect, it, vi } from "vitest";

/** An in-memory project folder behind the transport, as main's files.* would answer. */
const disk = new Map<string, string>();
const listeners = new Map<string, (payload: any) => void>();
const invokeCalls: unknown[] = [];
/** files.watch / files.unwatch / code.renameFolder calls, in order. */
const folderCalls: string[] = [];
vi.mock("../transport", () => {
  class FlowformError extends Error {
    code = "test";
    static from(e: unknown) {
      return e instanceof Error ? e : new Error(String(e));
    }
  }
  const api = {
    files: {
      read: async ({ path }: { path: string }) => {
        // As main answers for a missing file (main/files/handlers.ts).
        if (!disk.has(path)) throw Object.assign(new Error(`${path} does not exist in the project.`), { code: "files.notFound" });
        return { path, text: disk.get(path)! };
      },
      write: async ({ path, text }: { path: string; text: string }) => {
        disk.set(path, text);
        return { path, savedAt: "now" };
      },
      stat: async ({ path }: { path: string }) => (disk.has(path) ? { path, kind: "file", size: disk.get(path)!.length, modifiedMs: 0 } : null),
      watch: async ({ path }: { path: string }) => {
        folderCalls.push(`watch ${path}`);
        return { watchId: `watch:${path}` };
      },
      unwatch: async ({ watchId }: { watchId: string }) => {
        folderCalls.push(`unwatch ${watchId}`);
        return { stopped: true };
      },
    },
    invoke: {
      run: async (input: unknown) => {
        invokeCalls.push(input);
        return { status: "ok", value: 1, logs: "", durationMs: 1, notes: [], environment: {} };
      },
    },
    code: {
      renameFolder: async ({ from, to }: { from: string; to: string }) => {
        folderCalls.push(`rename ${from} ${to}`);
        for (const [p, text] of [...disk]) {
          if (!p.startsWith(`${from}/`)) continue;
          disk.delete(p);
          disk.set(to + p.slice(from.length), text);
        }
        return { renamed: true };
      },
    },
    events: {
      on: (name: string, cb: (payload: any) => void) => {
        listeners.set(name, cb);
        return () => listeners.delete(name);
      },
    },
  };
  return { api: () => api, FlowformError };
});

const { useStore } = await import("../store");
const s = () => useStore.getState();

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      CodeUri: ./src/Worker
      Events:
        Jobs: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } }
  Jobs:
    Type: AWS::SQS::Queue
`;

beforeEach(() => {
  disk.clear();
  invokeCalls.length = 0;
  // Another project first: the slice forgets the folders the previous test watched.
  useStore.setState({ project: null });
  useStore.setState({ project: { dir: "/p", name: "p", templateFile: "template.yaml" } });
  folderCalls.length = 0;
  useStore.setState({ codeTabs: [], codeActivePath: null, codeBuffers: {}, codeCreateFor: null, codeTestFunction: null, testRuns: {} });
  s().setTemplateText(TEMPLATE, "load");
});

describe("code slice", () => {
  it("opens the handler file named by CodeUri and Handler", async () => {
    disk.set("src/Worker/index.mjs", "export const handler = async () => 1;\n");
    await s().openFunctionCode("Worker");
    expect(s().codeActivePath).toBe("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"]).toMatchObject({ functionId: "Worker", text: "export const handler = async () => 1;\n" });
    expect(s().bottomTab).toBe("code");
  });

  it("offers to create code when the function has none, then writes the starter and points the template at it", async () => {
    await s().openFunctionCode("Worker");
    expect(s().codeCreateFor).toBe("Worker");
    await s().createFunctionCode("Worker", { runtime: "python3.13", architecture: "arm64" });
    expect(disk.get("src/Worker/app.py")).toContain("batch_item_failures");
    expect(s().templateText).toMatch(/Handler: app\.handler/);
    expect(s().templateText).toMatch(/Runtime: python3\.13/);
    expect(s().templateText).toMatch(/CodeUri: src\/Worker\//);
    expect(s().codeActivePath).toBe("src/Worker/app.py");
  });

  it("replaces a function's inline code with the code folder it creates", async () => {
    s().setTemplateText(`Transform: AWS::Serverless-2016-10-31
Resources:
  Inline:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: |
        def handler(event, context):
            return 1
`, "load");
    await s().openFunctionCode("Inline");
    expect(s().codeCreateFor).toBe("Inline");
    await s().createFunctionCode("Inline", { runtime: "python3.12", architecture: "x86_64" });
    expect(s().templateText).not.toContain("InlineCode");
    expect(s().templateText).toMatch(/CodeUri: src\/Inline\//);
    expect(s().templateText).toMatch(/Handler: app\.handler/);
  });

  it("marks unsaved edits and clears the mark after saving", async () => {
    disk.set("src/Worker/index.mjs", "a\n");
    await s().openFunctionCode("Worker");
    s().editCode("src/Worker/index.mjs", "b\n");
    expect(s().codeBuffers["src/Worker/index.mjs"].savedText).toBe("a\n");
    await s().saveCode("src/Worker/index.mjs");
    expect(disk.get("src/Worker/index.mjs")).toBe("b\n");
    expect(s().codeBuffers["src/Worker/index.mjs"].savedText).toBe("b\n");
  });

  it("ignores its own saves on disk but offers a change made by another program", async () => {
    disk.set("src/Worker/index.mjs", "a\n");
    await s().openFunctionCode("Worker");
    s().editCode("src/Worker/index.mjs", "b\n");
    await s().saveCode("src/Worker/index.mjs");
    await s().noticeDiskChange("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"].diskText).toBeNull();
    disk.set("src/Worker/index.mjs", "from elsewhere\n");
    await s().noticeDiskChange("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"].diskText).toBe("from elsewhere\n");
    s().reloadFromDisk("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"]).toMatchObject({ text: "from elsewhere\n", savedText: "from elsewhere\n", diskText: null, revision: 1 });
  });

  it("keeps my version as unsaved when I decline the disk change", async () => {
    disk.set("src/Worker/index.mjs", "mine\n");
    await s().openFunctionCode("Worker");
    s().editCode("src/Worker/index.mjs", "mine, edited\n");
    disk.set("src/Worker/index.mjs", "theirs\n");
    await s().noticeDiskChange("src/Worker/index.mjs");
    s().keepMyVersion("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"]).toMatchObject({ text: "mine, edited\n", savedText: "theirs\n", diskText: null });
  });

  it("marks a tab deleted when another program deletes its file, keeps its text, and Save again writes it back", async () => {
    disk.set("src/Worker/index.mjs", "on disk\n");
    await s().openFunctionCode("Worker");
    s().editCode("src/Worker/index.mjs", "on disk, edited\n");
    disk.delete("src/Worker/index.mjs");
    await s().noticeDiskChange("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"]).toMatchObject({ deletedOnDisk: true, text: "on disk, edited\n", diskText: null });
    expect(s().codeTabs).toEqual(["src/Worker/index.mjs"]);
    await s().saveCode("src/Worker/index.mjs");
    expect(disk.get("src/Worker/index.mjs")).toBe("on disk, edited\n");
    expect(s().codeBuffers["src/Worker/index.mjs"]).toMatchObject({ deletedOnDisk: false, savedText: "on disk, edited\n" });
    expect(s().statusMessage?.text).toBe("Saved src/Worker/index.mjs again");
  });

  it("clears the deleted mark when the file comes back, offering its text only when it differs", async () => {
    disk.set("src/Worker/index.mjs", "mine\n");
    await s().openFunctionCode("Worker");
    disk.delete("src/Worker/index.mjs");
    await s().noticeDiskChange("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"].deletedOnDisk).toBe(true);

    // Back with the same text (git checkout): nothing to offer.
    disk.set("src/Worker/index.mjs", "mine\n");
    await s().noticeDiskChange("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"]).toMatchObject({ deletedOnDisk: false, diskText: null });

    // Gone again, then back with other text: offered as any outside change.
    disk.delete("src/Worker/index.mjs");
    await s().noticeDiskChange("src/Worker/index.mjs");
    disk.set("src/Worker/index.mjs", "theirs\n");
    await s().noticeDiskChange("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"]).toMatchObject({ deletedOnDisk: false, diskText: "theirs\n", text: "mine\n" });
  });

  it("does not mark a file that another program deletes and writes again at once", async () => {
    disk.set("src/Worker/index.mjs", "v1\n");
    await s().openFunctionCode("Worker");
    disk.delete("src/Worker/index.mjs");
    const noticed = s().noticeDiskChange("src/Worker/index.mjs");
    // Written again before the absence is checked a second time.
    setTimeout(() => disk.set("src/Worker/index.mjs", "v2\n"), 0);
    await noticed;
    expect(s().codeBuffers["src/Worker/index.mjs"]).toMatchObject({ deletedOnDisk: false, diskText: "v2\n" });
  });

  it("drops a pending disk-change offer when the file is then deleted, keeping the editor's text", async () => {
    disk.set("src/Worker/index.mjs", "mine\n");
    await s().openFunctionCode("Worker");
    disk.set("src/Worker/index.mjs", "theirs\n");
    await s().noticeDiskChange("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"].diskText).toBe("theirs\n");
    disk.delete("src/Worker/index.mjs");
    await s().noticeDiskChange("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"]).toMatchObject({ deletedOnDisk: true, diskText: null, text: "mine\n" });
    // Nothing to reload from any more.
    s().reloadFromDisk("src/Worker/index.mjs");
    expect(s().codeBuffers["src/Worker/index.mjs"].text).toBe("mine\n");
  });

  it("asks before closing a deleted file's tab with ×, but not from the banner's Close tab unless there are edits", async () => {
    disk.set("src/Worker/index.mjs", "only copy\n");
    await s().openFunctionCode("Worker");
    disk.delete("src/Worker/index.mjs");
    await s().noticeDiskChange("src/Worker/index.mjs");

    const closing = s().closeCodeTab("src/Worker/index.mjs");
    await vi.waitFor(() => expect(s().confirmRequest?.message).toBe("src/Worker/index.mjs was deleted on disk. Save it again before closing?"));
    s().closeConfirm("Save");
    await closing;
    expect(disk.get("src/Worker/index.mjs")).toBe("only copy\n");
    expect(s().codeTabs).toEqual([]);

    await s().openFunctionCode("Worker");
    disk.delete("src/Worker/index.mjs");
    await s().noticeDiskChange("src/Worker/index.mjs");
    await s().closeCodeTab("src/Worker/index.mjs", { letDeletedGo: true });
    expect(s().codeTabs).toEqual([]);
    expect(disk.has("src/Worker/index.mjs")).toBe(false);
  });

  it("starts the test event from the trigger's sample, saves edits in flowform.json and runs with the current template", async () => {
    expect(s().testEventFor("Worker")).toMatchObject({ Records: [{ eventSource: "aws:sqs" }, {}] });
    s().setTestEvent("Worker", { Records: [] });
    expect(s().settings.testEvents.Worker).toEqual({ Records: [] });
    expect(s().dirty).toBe(true);
    disk.set("src/Worker/index.mjs", "x\n");
    await s().openFunctionCode("Worker");
    s().editCode("src/Worker/index.mjs", "y\n");
    await s().runTest("Worker", { Records: [] });
    // Unsaved code is saved before the run (the handler runs from disk).
    expect(disk.get("src/Worker/index.mjs")).toBe("y\n");
    expect(invokeCalls).toEqual([{ functionId: "Worker", event: { Records: [] }, templateText: TEMPLATE, runId: expect.stringMatching(/^Worker-/) }]);
    expect(s().testRuns.Worker).toMatchObject({ state: "done", result: { status: "ok" } });
  });

  it("offers to rename the code folder with the function, then follows it: tabs, CodeUri and the folder watch", async () => {
    disk.set("src/Worker/index.mjs", "export const handler = async () => 1;\n");
    await s().openFunctionCode("Worker");
    s().editCode("src/Worker/index.mjs", "unsaved\n");
    await vi.waitFor(() => expect(folderCalls).toContain("watch src/Worker"));

    s().runOperation({ op: "renameResource", from: "Worker", to: "Processor" });
    // CodeUri is "./src/Worker": the folder Flowform would make, written another way.
    await vi.waitFor(() => expect(s().confirmRequest?.title).toBe("Rename the code folder?"));
    expect(s().confirmRequest?.message).toContain("src/Worker/");
    s().closeConfirm("Rename folder");

    await vi.waitFor(() => expect(s().codeTabs).toEqual(["src/Processor/index.mjs"]));
    expect(folderCalls).toContain("rename src/Worker src/Processor");
    expect(s().templateText).toMatch(/CodeUri: src\/Processor\//);
    expect(s().codeActivePath).toBe("src/Processor/index.mjs");
    // The unsaved edit moved with the tab, and saving writes the new folder.
    expect(s().codeBuffers["src/Processor/index.mjs"]).toMatchObject({ functionId: "Processor", text: "unsaved\n" });
    await s().saveCode("src/Processor/index.mjs");
    expect(disk.get("src/Processor/index.mjs")).toBe("unsaved\n");
    // Changes on disk are now watched in the new folder.
    await vi.waitFor(() => expect(folderCalls).toContain("watch src/Processor"));
    expect(folderCalls).toContain("unwatch watch:src/Worker");
  });

  it("keeps the folder when the person says so", async () => {
    disk.set("src/Worker/index.mjs", "x\n");
    await s().openFunctionCode("Worker");
    s().runOperation({ op: "renameResource", from: "Worker", to: "Processor" });
    await vi.waitFor(() => expect(s().confirmRequest).not.toBeNull());
    s().closeConfirm("Keep folder");
    await new Promise((r) => setTimeout(r, 0));
    expect(folderCalls.filter((c) => c.startsWith("rename"))).toEqual([]);
    expect(s().templateText).toMatch(/CodeUri: \.\/src\/Worker/);
  });

  it("offers to move the folder back when the CodeUri step is undone, and again on redo; tabs follow the ID", async () => {
    disk.set("src/Worker/index.mjs", "code\n");
    await s().openFunctionCode("Worker");
    s().runOperation({ op: "renameResource", from: "Worker", to: "Processor" });
    await vi.waitFor(() => expect(s().confirmRequest).not.toBeNull());
    s().closeConfirm("Rename folder");
    await vi.waitFor(() => expect(s().templateText).toMatch(/CodeUri: src\/Processor\//));

    // Undo the CodeUri step: the template says ./src/Worker again, so the folder may go back.
    s().undo();
    expect(s().templateText).toMatch(/CodeUri: \.\/src\/Worker/);
    await vi.waitFor(() => expect(s().confirmRequest?.title).toBe("Move the code folder back?"));
    s().closeConfirm("Rename folder");
    await vi.waitFor(() => expect(disk.has("src/Worker/index.mjs")).toBe(true));
    expect(disk.has("src/Processor/index.mjs")).toBe(false);
    expect(s().codeTabs).toEqual(["src/Worker/index.mjs"]);

    // Undo the rename itself: the open file belongs to Worker again.
    s().undo();
    expect(s().codeBuffers["src/Worker/index.mjs"].functionId).toBe("Worker");
    expect(s().codeTestFunction).toBe("Worker");

    // Redo both: the file follows the ID, and the folder may move again.
    s().redo();
    expect(s().codeBuffers["src/Worker/index.mjs"].functionId).toBe("Processor");
    s().redo();
    await vi.waitFor(() => expect(s().confirmRequest?.title).toBe("Rename the code folder again?"));
    s().closeConfirm("Rename folder");
    await vi.waitFor(() => expect(s().codeTabs).toEqual(["src/Processor/index.mjs"]));
    expect(disk.has("src/Processor/index.mjs")).toBe(true);
  });
});
