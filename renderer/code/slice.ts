/**
 * Code slice: the function code files open in the code panel, their unsaved edits, changes made
 * on disk by other programs (including deleting or renaming the file away), the "new function
 * code" form, and local test runs.
 *
 * Files are read and written through `files.*` (confined to the project folder, atomic writes);
 * test runs go through `invoke.run`. Everything the template must say about the code (CodeUri,
 * Handler, Runtime, Architectures) is written with core operations, so it is undoable and keeps
 * the rest of the template byte-identical.
 */
import {
  codeProperties,
  defaultTestEvent,
  functionRunSettings,
  functionWiring,
  generateStarter,
  handlerFileCandidates,
  isFunctionResource,
  type StarterOptions,
} from "../../core/code";
import type { Operation } from "../../core/model/types";
import type { InvokeRunResult } from "../../preload/api";
import { api, FlowformError } from "../transport";
import type { SliceCreator } from "../store";

export interface CodeBuffer {
  path: string;
  functionId: string | null;
  /** Text in the editor. */
  text: string;
  /** Text last read from or written to disk. */
  savedText: string;
  /** Set when the file changed on disk and differs from what we last saw: offered to the user. */
  diskText: string | null;
  /**
   * The file is gone from disk (deleted, or renamed away, by another program). The tab stays open
   * with its text, as VS Code keeps an editor whose file was deleted; saving writes it back.
   */
  deletedOnDisk: boolean;
  /** Increases when the text is replaced from outside the editor (reload): the editor resets its model. */
  revision: number;
}

export type TestRun = { state: "running"; runId: string } | { state: "done"; result: InvokeRunResult } | { state: "failed"; message: string };

export interface CodeSlice {
  codeTabs: string[];
  codeActivePath: string | null;
  codeBuffers: Record<string, CodeBuffer>;
  /** A function that has no code yet: the panel shows the "create code" form for it. */
  codeCreateFor: string | null;
  /** The function whose Test pane is shown (follows the active tab). */
  codeTestFunction: string | null;
  testRuns: Record<string, TestRun>;

  /** Open a function's handler in the code panel (double-click on a function node, "Edit code"). */
  openFunctionCode(functionId: string): Promise<void>;
  openCodeFile(path: string, functionId: string | null): Promise<void>;
  /**
   * Close a tab, asking first when its text would be lost: unsaved edits, or a file deleted on
   * disk (its text is nowhere else). `letDeletedGo` is the deleted-file banner's "Close tab",
   * where the person has already chosen not to save it again: only unsaved edits ask then.
   */
  closeCodeTab(path: string, options?: { letDeletedGo?: boolean }): Promise<void>;
  setActiveCodeTab(path: string): void;
  editCode(path: string, text: string): void;
  /** Write a buffer to disk (atomic, through main). */
  saveCode(path: string): Promise<void>;
  saveAllCode(): Promise<void>;
  /** Accept or decline the version on disk after an outside change. */
  reloadFromDisk(path: string): void;
  keepMyVersion(path: string): void;
  /** Disk changed (files.changed): offer the new text if it differs, or mark the tab when the file is gone. */
  noticeDiskChange(path: string): Promise<void>;
  /** Create starter code for a function from its wiring and point the template at it. */
  createFunctionCode(functionId: string, options: StarterOptions): Promise<void>;
  cancelCreateCode(): void;
  /** The test event of a function: the saved one (flowform.json testEvents) or a sample from its first trigger. */
  testEventFor(functionId: string): unknown;
  setTestEvent(functionId: string, event: unknown): void;
  runTest(functionId: string, event: unknown): Promise<void>;
  /** Stop a running test (the child process is killed). */
  stopTest(functionId: string): Promise<void>;
}

const watchedFolders = new Map<string, string>();
/** Code folders renamed with their function in this session (new folder → old), for undo/redo. */
const folderRenames = new Map<string, string>();
let unsubscribeFiles: (() => void) | null = null;
let unsubscribeMenu: (() => void) | null = null;

/**
 * How long a missing file must stay missing before its tab is marked deleted. Some programs
 * replace a file by deleting it and writing it again (and some watchers report a delete for a
 * file that is still there), so the absence is checked a second time first — VS Code waits 100 ms
 * and checks that the file really is gone before it marks an editor deleted ("orphaned"), after
 * reports of delete events for files that still existed (microsoft/vscode#13665;
 * src/vs/workbench/services/textfile/common/textFileEditorModel.ts, onDidFilesChange).
 */
export const DELETE_RECHECK_MS = 100;

function isNotFound(error: unknown): boolean {
  return FlowformError.from(error).code === "files.notFound";
}

export const createCodeSlice: SliceCreator<CodeSlice> = (set, get, store) => {
  const patchBuffer = (path: string, patch: Partial<CodeBuffer>) =>
    set((s) => (s.codeBuffers[path] ? { codeBuffers: { ...s.codeBuffers, [path]: { ...s.codeBuffers[path], ...patch } } } : {}));

  const watchFolder = async (path: string) => {
    const folder = path.replace(/\/[^/]*$/, "") || ".";
    if (watchedFolders.has(folder)) return;
    watchedFolders.set(folder, "");
    try {
      const { watchId } = await api().files.watch({ path: folder });
      watchedFolders.set(folder, watchId);
      unsubscribeFiles ??= api().events.on("files.changed", (change) => {
        if (get().codeBuffers[change.path]) void get().noticeDiskChange(change.path);
      });
      // Electron's File › Save accelerator (Ctrl/Cmd+S) may reach the menu before the editor:
      // saving the project then saves the open code files too.
      unsubscribeMenu ??= api().events.on("menu.command", ({ command }) => {
        if (command === "project.save") void get().saveAllCode().catch(() => undefined);
      });
    } catch {
      watchedFolders.delete(folder);
    }
  };

  // A new project: forget open files and watches.
  store.subscribe((state, prev) => {
    if (state.project?.dir === prev.project?.dir) return;
    for (const id of watchedFolders.values()) if (id) void api().files.unwatch({ watchId: id }).catch(() => undefined);
    watchedFolders.clear();
    folderRenames.clear();
    set({ codeTabs: [], codeActivePath: null, codeBuffers: {}, codeCreateFor: null, codeTestFunction: null, testRuns: {} });
  });

  /**
   * Move a code folder on disk and everything open from it: tabs, unsaved edits, the disk watch
   * (the old folder's watch would report paths under a name that no longer exists).
   */
  const moveCodeFolder = async (from: string, to: string, ids?: { from: string; to: string }) => {
    await api().code.renameFolder({ from, to });
    set((s) => {
      const move = (p: string) => (p.startsWith(`${from}/`) ? to + p.slice(from.length) : p);
      const id = (f: string | null) => (ids && f === ids.from ? ids.to : f);
      const codeBuffers: Record<string, CodeBuffer> = {};
      for (const [p, b] of Object.entries(s.codeBuffers)) codeBuffers[move(p)] = { ...b, path: move(p), functionId: id(b.functionId) };
      return { codeBuffers, codeTabs: s.codeTabs.map(move), codeActivePath: s.codeActivePath ? move(s.codeActivePath) : null, codeTestFunction: id(s.codeTestFunction) };
    });
    for (const [folder, watchId] of [...watchedFolders]) {
      if (folder !== from && !folder.startsWith(`${from}/`)) continue;
      watchedFolders.delete(folder);
      if (watchId) void api().files.unwatch({ watchId }).catch(() => undefined);
    }
    for (const path of get().codeTabs) void watchFolder(path);
    get().setStatus(`Renamed ${from}/ to ${to}/`);
  };

  // Renaming a function whose code is in src/<OldId>/ offers to rename the folder too.
  store.subscribe((state, prev) => {
    if (state.textVersion === prev.textVersion || state.textOrigin === "undo" || state.textOrigin === "redo") return;
    const last = state.history?.past[state.history.past.length - 1];
    if (!last || last === prev.history?.past[prev.history.past.length - 1]) return;
    const op = last.operation;
    if (op?.op !== "renameResource" || !state.project?.dir) return;
    const model = state.model;
    const fn = model?.resources.find((r) => r.id === op.to);
    if (!model || !isFunctionResource(fn)) return;
    // "src/Old", "./src/Old/" and "src/Old/" all name the folder Flowform made for it.
    const codeUri = functionRunSettings(model, op.to).codeUri?.replace(/^\.\//, "").replace(/\/*$/, "/");
    if (codeUri !== `src/${op.from}/`) return;
    void (async () => {
      const choice = await get().ask({
        title: "Rename the code folder?",
        message: `${op.to}'s code is in src/${op.from}/. Rename the folder to src/${op.to}/ and update CodeUri? The folder is renamed now; save the project to keep the template in step.`,
        choices: ["Rename folder", "Keep folder"],
      });
      if (choice !== "Rename folder") return;
      try {
        await moveCodeFolder(`src/${op.from}`, `src/${op.to}`, op);
        // Its own undo step: undoing it offers to move the folder back (below).
        get().runOperation({ op: "setProperty", id: op.to, path: ["CodeUri"], value: `src/${op.to}/` }, "code");
        folderRenames.set(`src/${op.to}`, `src/${op.from}`);
      } catch (e) {
        get().setStatus(FlowformError.from(e).message, "error");
      }
    })();
  });

  // Undoing (or redoing) that CodeUri step offers to move the folder with it, so the template and
  // the disk do not disagree about where the code is.
  store.subscribe((state, prev) => {
    if (state.textVersion === prev.textVersion || (state.textOrigin !== "undo" && state.textOrigin !== "redo")) return;
    const undoing = state.textOrigin === "undo";
    const entry = undoing ? state.history.future[state.history.future.length - 1] : state.history.past[state.history.past.length - 1];
    const op = entry?.operation;
    if (op?.op === "renameResource") {
      // Open files follow the function's ID back (or forward again).
      const [from, to] = undoing ? [op.to, op.from] : [op.from, op.to];
      set((s) => ({
        codeBuffers: Object.fromEntries(Object.entries(s.codeBuffers).map(([p, b]) => [p, b.functionId === from ? { ...b, functionId: to } : b])),
        codeTestFunction: s.codeTestFunction === from ? to : s.codeTestFunction,
        codeCreateFor: s.codeCreateFor === from ? to : s.codeCreateFor,
      }));
      return;
    }
    if (op?.op !== "setProperty" || op.path.join(".") !== "CodeUri" || typeof op.value !== "string") return;
    const renamedTo = op.value.replace(/\/+$/, "");
    const renamedFrom = folderRenames.get(renamedTo);
    if (!renamedFrom) return;
    const [from, to] = undoing ? [renamedTo, renamedFrom] : [renamedFrom, renamedTo];
    void (async () => {
      const choice = await get().ask({
        title: undoing ? "Move the code folder back?" : "Rename the code folder again?",
        message: `CodeUri says ${to}/ again, but the code is in ${from}/. Rename the folder to ${to}/?`,
        choices: ["Rename folder", "Keep folder"],
      });
      if (choice !== "Rename folder") return;
      try {
        await moveCodeFolder(from, to);
      } catch (e) {
        get().setStatus(FlowformError.from(e).message, "error");
      }
    })();
  });

  return {
    codeTabs: [],
    codeActivePath: null,
    codeBuffers: {},
    codeCreateFor: null,
    codeTestFunction: null,
    testRuns: {},

    async openFunctionCode(functionId) {
      const { model, project } = get();
      get().setBottomTab("code");
      const fn = model?.resources.find((r) => r.id === functionId);
      if (!model || !isFunctionResource(fn)) return;
      set({ codeTestFunction: functionId });
      if (!project?.dir) {
        set({ codeCreateFor: null });
        get().setStatus("Save the project first: function code lives in the project folder (src/<function>/).", "error");
        return;
      }
      const settings = functionRunSettings(model, functionId);
      if (settings.codeUri && settings.handler && !/^s3:\/\//.test(settings.codeUri)) {
        // "src/Fn/", "./src/Fn", "." → "src/Fn/", "src/Fn/", "" (paths relative to the project folder).
        const trimmed = settings.codeUri.replace(/^\.(\/|$)/, "").replace(/\/+$/, "");
        const folder = trimmed ? `${trimmed}/` : "";
        for (const file of handlerFileCandidates(settings.handler, settings.runtime).files) {
          const path = folder + file;
          const stat = await api().files.stat({ path }).catch(() => null);
          if (stat?.kind === "file") {
            set({ codeCreateFor: null });
            await get().openCodeFile(path, functionId);
            return;
          }
        }
      }
      set({ codeCreateFor: functionId });
    },

    async openCodeFile(path, functionId) {
      if (!get().codeBuffers[path]) {
        const { text } = await api().files.read({ path });
        set((s) => ({
          codeBuffers: { ...s.codeBuffers, [path]: { path, functionId, text, savedText: text, diskText: null, deletedOnDisk: false, revision: 0 } },
          codeTabs: s.codeTabs.includes(path) ? s.codeTabs : [...s.codeTabs, path],
        }));
        void watchFolder(path);
      }
      set({ codeActivePath: path, codeCreateFor: null, ...(functionId ? { codeTestFunction: functionId } : {}) });
    },

    async closeCodeTab(path, options) {
      const buffer = get().codeBuffers[path];
      const deletedAsk = !!buffer?.deletedOnDisk && !options?.letDeletedGo;
      if (buffer && (buffer.text !== buffer.savedText || deletedAsk)) {
        const choice = await get().ask({
          title: "Unsaved changes",
          message: buffer.deletedOnDisk ? `${path} was deleted on disk. Save it again before closing?` : `Save ${path} before closing?`,
          choices: ["Save", "Don't save", "Cancel"],
        });
        if (choice === "Cancel" || choice === null) return;
        if (choice === "Save") await get().saveCode(path);
      }
      set((s) => {
        const codeTabs = s.codeTabs.filter((p) => p !== path);
        const codeBuffers = { ...s.codeBuffers };
        delete codeBuffers[path];
        const at = s.codeTabs.indexOf(path);
        const codeActivePath = s.codeActivePath === path ? (codeTabs[Math.min(at, codeTabs.length - 1)] ?? null) : s.codeActivePath;
        return { codeTabs, codeBuffers, codeActivePath };
      });
    },

    setActiveCodeTab(path) {
      const buffer = get().codeBuffers[path];
      set({ codeActivePath: path, codeCreateFor: null, ...(buffer?.functionId ? { codeTestFunction: buffer.functionId } : {}) });
    },

    editCode(path, text) {
      if (get().codeBuffers[path]?.text !== text) patchBuffer(path, { text });
    },

    async saveCode(path) {
      const buffer = get().codeBuffers[path];
      if (!buffer) return;
      const text = buffer.text;
      try {
        // An atomic write that also makes the folder again when it was deleted (main/project/atomic.ts).
        await api().files.write({ path, text });
        patchBuffer(path, { savedText: text, diskText: null, deletedOnDisk: false });
        get().setStatus(buffer.deletedOnDisk ? `Saved ${path} again` : `Saved ${path}`);
      } catch (e) {
        get().setStatus(`Could not save ${path}: ${FlowformError.from(e).message}`, "error");
        throw e;
      }
    },

    async saveAllCode() {
      for (const b of Object.values(get().codeBuffers)) if (b.text !== b.savedText) await get().saveCode(b.path);
    },

    reloadFromDisk(path) {
      const b = get().codeBuffers[path];
      if (!b || b.diskText === null) return;
      patchBuffer(path, { text: b.diskText, savedText: b.diskText, diskText: null, revision: b.revision + 1 });
    },

    keepMyVersion(path) {
      const b = get().codeBuffers[path];
      // What is on disk is now the baseline: the editor's text differs from it, so the tab shows unsaved.
      if (b && b.diskText !== null) patchBuffer(path, { savedText: b.diskText, diskText: null });
    },

    async noticeDiskChange(path) {
      const b = get().codeBuffers[path];
      if (!b) return;
      const read = () => api().files.read({ path }).then((r) => ({ text: r.text }), (e: unknown) => (isNotFound(e) ? ("gone" as const) : null));
      let disk = await read();
      if (disk === "gone" && !b.deletedOnDisk) {
        await new Promise((resolve) => setTimeout(resolve, DELETE_RECHECK_MS));
        disk = await read();
      }
      const now = get().codeBuffers[path];
      // Unreadable for another reason (too large, permissions): nothing to offer.
      if (disk === null || !now) return;
      if (disk === "gone") {
        // The text stays in the tab; a pending "changed on disk" offer has nothing left to offer.
        if (!now.deletedOnDisk) patchBuffer(path, { deletedOnDisk: true, diskText: null });
        return;
      }
      // Back on disk: the marker clears, and different text is offered as for any outside change.
      if (now.deletedOnDisk) patchBuffer(path, { deletedOnDisk: false });
      // Our own save, or the same text: nothing to offer.
      if (disk.text === now.savedText || disk.text === now.text) {
        if (disk.text !== now.savedText) patchBuffer(path, { savedText: disk.text, diskText: null });
        return;
      }
      patchBuffer(path, { diskText: disk.text });
    },

    async createFunctionCode(functionId, options) {
      const { model } = get();
      if (!model) return;
      const starter = generateStarter(functionWiring(model, functionId), options);
      try {
        for (const file of starter.files) {
          const exists = await api().files.stat({ path: file.path }).catch(() => null);
          // Never overwrite code the user already has (e.g. a package.json of their own).
          if (!exists) await api().files.write({ path: file.path, text: file.content });
        }
      } catch (e) {
        get().setStatus(`Could not create the code: ${FlowformError.from(e).message}`, "error");
        return;
      }
      const fn = model.resources.find((r) => r.id === functionId);
      const ops: Operation[] = codeProperties(functionId, options, fn?.type).map((p) => ({ op: "setProperty", id: functionId, path: p.path, value: p.value }));
      // Code in a folder replaces inline code (a function has one or the other).
      if (fn?.properties.InlineCode !== undefined) ops.push({ op: "removeProperty", id: functionId, path: ["InlineCode"] });
      const result = get().runOperations(ops, `Create code for ${functionId}`, "code");
      if ("refused" in result) get().setStatus(`Code created, but the template was not updated: ${result.reason}`, "error");
      set({ codeCreateFor: null });
      await get().openCodeFile(starter.files[0].path, functionId);
    },

    cancelCreateCode() {
      set({ codeCreateFor: null });
    },

    testEventFor(functionId) {
      const saved = get().settings.testEvents[functionId];
      if (saved !== undefined) return saved;
      const model = get().model;
      return model ? defaultTestEvent(functionWiring(model, functionId)) : {};
    },

    setTestEvent(functionId, event) {
      if (JSON.stringify(get().settings.testEvents[functionId]) === JSON.stringify(event)) return;
      get().updateSettings((s) => ({ ...s, testEvents: { ...s.testEvents, [functionId]: event } }));
    },

    async stopTest(functionId) {
      const run = get().testRuns[functionId];
      if (run?.state === "running") await api().invoke.cancel({ runId: run.runId }).catch(() => undefined);
    },

    async runTest(functionId, event) {
      const runId = `${functionId}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      set((s) => ({ testRuns: { ...s.testRuns, [functionId]: { state: "running", runId } } }));
      try {
        // The handler runs from disk: save its open files first.
        for (const b of Object.values(get().codeBuffers)) if (b.functionId === functionId && b.text !== b.savedText) await get().saveCode(b.path);
        const result = await api().invoke.run({ functionId, event, templateText: get().templateText, runId });
        set((s) => ({ testRuns: { ...s.testRuns, [functionId]: { state: "done", result } } }));
      } catch (e) {
        set((s) => ({ testRuns: { ...s.testRuns, [functionId]: { state: "failed", message: FlowformError.from(e).message } } }));
      }
    },
  };
};
