/**
 * Electron's binary cannot be downloaded here, so the main process is checked against a
 * recording stand-in for the `electron` module: the window's security settings, blocked
 * navigation / new windows / remote requests, the CSP header, the menu, and that IPC calls are
 * answered only for the Flowform window.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";

type Listener = (...args: any[]) => any;

const recorded = vi.hoisted(() => ({
  windows: [] as any[],
  handlers: new Map<string, Listener>(),
  menu: [] as any[],
  onHeadersReceived: null as Listener | null,
  onBeforeRequest: null as Listener | null,
  permissionHandler: null as Listener | null,
  dataDir: "",
}));

vi.mock("electron", () => {
  class FakeWebContents {
    listeners = new Map<string, Listener[]>();
    sent: [string, unknown][] = [];
    windowOpenHandler: Listener | null = null;
    on(event: string, fn: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }
    emit(event: string, ...args: any[]) {
      for (const fn of this.listeners.get(event) ?? []) fn(...args);
    }
    setWindowOpenHandler(fn: Listener) {
      this.windowOpenHandler = fn;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }
  class BrowserWindow {
    webContents = new FakeWebContents();
    loaded: string | null = null;
    constructor(public options: any) {
      recorded.windows.push(this);
    }
    on() {
      return this;
    }
    once() {
      return this;
    }
    loadFile(file: string) {
      this.loaded = file;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    setTitle() {}
    show() {}
    static getAllWindows() {
      return recorded.windows;
    }
  }
  return {
    app: {
      whenReady: () => Promise.resolve(),
      getPath: () => recorded.dataDir,
      on: () => undefined,
      isPackaged: false,
      quit: () => undefined,
    },
    BrowserWindow,
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showMessageBoxSync: () => 1 },
    ipcMain: { handle: (channel: string, fn: Listener) => recorded.handlers.set(channel, fn) },
    Menu: { buildFromTemplate: (template: any[]) => template, setApplicationMenu: (menu: any[]) => (recorded.menu = menu) },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (fn: Listener) => (recorded.onHeadersReceived = fn),
          onBeforeRequest: (fn: Listener) => (recorded.onBeforeRequest = fn),
        },
        setPermissionRequestHandler: (fn: Listener) => (recorded.permissionHandler = fn),
      },
    },
    shell: { openExternal: async () => undefined },
  };
});

beforeAll(async () => {
  recorded.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "flowform-electron-main-"));
  process.env.FLOWFORM_DATA_DIR = recorded.dataDir;
  await import("./electron");
  await vi.waitUntil(() => recorded.windows.length > 0 && recorded.menu.length > 0);
});

const win = () => recorded.windows[0];

describe("Electron main", () => {
  it("opens one window with context isolation, the sandbox and no Node integration", () => {
    expect(recorded.windows).toHaveLength(1);
    expect(win().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(win().options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(win().loaded).toMatch(/renderer[\\/]index\.html$/);
  });

  it("blocks navigation and new windows", () => {
    const navigate = { preventDefault: vi.fn() };
    win().webContents.emit("will-navigate", navigate, "https://example.com");
    expect(navigate.preventDefault).toHaveBeenCalled();
    expect(win().webContents.windowOpenHandler({ url: "https://example.com" })).toEqual({ action: "deny" });
    expect(win().webContents.windowOpenHandler({ url: "file:///etc/passwd" })).toEqual({ action: "deny" });
  });

  it("cancels every request that is not the app's own files", () => {
    const decide = (url: string) => {
      let verdict: any;
      recorded.onBeforeRequest!({ url }, (v: any) => (verdict = v));
      return verdict.cancel;
    };
    expect(decide("https://example.com/tracker.js")).toBe(true);
    expect(decide("http://127.0.0.1:8080/")).toBe(true);
    expect(decide("file:///app/dist/renderer/assets/index.js")).toBe(false);
  });

  it("adds the strict Content-Security-Policy header and refuses permission prompts", () => {
    let headers: any;
    recorded.onHeadersReceived!({ responseHeaders: {} }, (v: any) => (headers = v.responseHeaders));
    expect(headers["Content-Security-Policy"][0]).toContain("default-src 'none'");
    let granted: boolean | undefined;
    recorded.permissionHandler!(null, "geolocation", (g: boolean) => (granted = g));
    expect(granted).toBe(false);
  });

  it("has File, Edit, View and Help menus with the project commands", () => {
    const labels = (menu: any[]) => menu.filter((m) => m.label || m.role).map((m) => m.label ?? m.role);
    const top = Object.fromEntries(recorded.menu.filter((m) => m.label).map((m) => [m.label, labels(m.submenu)]));
    expect(top.File).toEqual(["New Project", "Open…", "Open Recent", "Save", "Save As…", "Export…", "Quit"]);
    expect(top.Edit).toEqual(["Undo", "Redo", "cut", "copy", "paste", "selectAll"]);
    expect(top.View).toEqual(expect.arrayContaining(["zoomIn", "zoomOut", "resetZoom", "Toggle Palette", "Toggle Inspector", "Toggle Bottom Panel", "Toggle Theme"]));
    expect(top.Help).toEqual(["About Flowform"]);
  });

  it("leaves Undo, Redo, Open and Save keys to the page so a focused editor gets them first", () => {
    const items = recorded.menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    for (const label of ["Undo", "Redo", "Open…", "Save", "Save As…"]) {
      const entry = items.find((i: any) => i.label === label);
      expect(entry.accelerator).toBeTruthy();
      expect(entry.registerAccelerator).toBe(false);
    }
    expect(items.find((i: any) => i.label === "New Project").registerAccelerator).toBeUndefined();
  });

  it("sends a chosen menu item to the page as a menu.command event", () => {
    const save = recorded.menu.find((m) => m.label === "File").submenu.find((m: any) => m.label === "Save");
    save.click();
    expect(win().webContents.sent.at(-1)).toEqual(["flowform:event", { name: "menu.command", payload: { command: "project.save" } }]);
  });

  it("answers IPC from the Flowform window and refuses any other sender", async () => {
    const handler = recorded.handlers.get("app.info")!;
    const ours = { sender: win().webContents, senderFrame: { url: "file:///app/dist/renderer/index.html" } };
    expect(await handler(ours, undefined)).toMatchObject({ ok: true, value: { host: "electron", nativeDialogs: true } });
    const foreign = { sender: {}, senderFrame: { url: "https://evil.example/" } };
    expect(await handler(foreign, undefined)).toMatchObject({ ok: false, error: { code: "ipc.forbidden" } });
    const malformed = await recorded.handlers.get("project.open")!(ours, { path: 7 });
    expect(malformed).toMatchObject({ ok: false, error: { code: "ipc.invalidInput" } });
  });
});
