/**
 * Electron main: one window running the renderer from dist/renderer (file://), locked down —
 * context isolation, sandbox, no Node in the page, a strict CSP header, no navigation, no new
 * windows, no remote content — and the application menu. Menu items reach the renderer as
 * `menu.command` push events, so the page runs the same commands as its in-page toolbar.
 * Every IPC channel goes through the shared registry (main/ipc), as in the web host.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session as electronSession, shell, type MenuItemConstructorOptions } from "electron";
import path from "node:path";
import pkg from "../package.json";
import { CHANNELS, type EventName, type MenuCommand } from "../preload/api";
import { defaultProjectsDir } from "./host";
import { installHandlers } from "./ipc";
import { contextFor, createSession, disposeSession, dispatch, type Session } from "./ipc/registry";
import { RecentProjects } from "./project/recent";
import { CONTENT_SECURITY_POLICY_HEADER } from "./security";

/** The IPC channel push events travel on (preload/index.ts listens to it). */
const EVENT_CHANNEL = "flowform:event";

const rendererIndex = path.join(__dirname, "..", "renderer", "index.html");
const preloadScript = path.join(__dirname, "..", "preload", "index.cjs");

let mainWindow: BrowserWindow | null = null;
let windowSession: Session | null = null;

function sendMenuCommand(command: MenuCommand, path?: string): void {
  mainWindow?.webContents.send(EVENT_CHANNEL, { name: "menu.command", payload: path ? { command, path } : { command } });
}

async function buildMenu(): Promise<void> {
  const recent = await new RecentProjects(dataDir()).list();
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendMenuCommand(command),
  });
  /**
   * Shortcuts the page handles itself are shown but not registered: a registered accelerator
   * would take the key away from the focused editor (Monaco's own Ctrl+S / Ctrl+Z, a text
   * field's undo) before the page sees it.
   */
  const pageKey = (label: string, command: MenuCommand, accelerator: string): MenuItemConstructorOptions => ({
    ...item(label, command, accelerator),
    registerAccelerator: false,
  });
  const openRecent: MenuItemConstructorOptions[] =
    recent.length > 0
      ? recent.map((r) => ({
          label: `${r.name} — ${r.dir}`,
          // The page opens it (after asking about unsaved edits), like File › Open.
          click: () => sendMenuCommand("project.openRecent", r.dir),
        }))
      : [{ label: "No recent projects", enabled: false }];

  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === "darwin" ? [{ role: "appMenu" as const }] : []),
    {
      label: "File",
      submenu: [
        item("New Project", "project.new", "CmdOrCtrl+N"),
        pageKey("Open…", "project.open", "CmdOrCtrl+O"),
        { label: "Open Recent", submenu: openRecent },
        { type: "separator" },
        pageKey("Save", "project.save", "CmdOrCtrl+S"),
        pageKey("Save As…", "project.saveAs", "CmdOrCtrl+Shift+S"),
        item("Export…", "project.export", "CmdOrCtrl+E"),
        { type: "separator" },
        { role: "quit", label: "Quit" },
      ],
    },
    {
      label: "Edit",
      submenu: [
        // Undo/Redo are the template's history (canvas, inspector and template view share it), not the text field's.
        pageKey("Undo", "edit.undo", "CmdOrCtrl+Z"),
        pageKey("Redo", "edit.redo", process.platform === "darwin" ? "Cmd+Shift+Z" : "Ctrl+Y"),
        { type: "separator" },
        { role: "cut" },
        { role: "copy" },
        { role: "paste" },
        { role: "selectAll" },
      ],
    },
    {
      label: "View",
      submenu: [
        { role: "zoomIn" },
        { role: "zoomOut" },
        { role: "resetZoom" },
        { type: "separator" },
        item("Toggle Palette", "view.togglePalette"),
        item("Toggle Inspector", "view.toggleInspector"),
        item("Toggle Bottom Panel", "view.toggleBottomPanel", "CmdOrCtrl+J"),
        item("Toggle Theme", "view.toggleTheme"),
        ...(app.isPackaged ? [] : [{ type: "separator" as const }, { role: "toggleDevTools" as const }]),
      ],
    },
    { label: "Help", submenu: [item("About Flowform", "help.about")] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function dataDir(): string {
  return process.env.FLOWFORM_DATA_DIR ? path.resolve(process.env.FLOWFORM_DATA_DIR) : app.getPath("userData");
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: "Flowform",
    show: false,
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow = win;
  windowSession = createSession();
  const session = windowSession;
  session.eventSinks.add((name: EventName, payload: unknown) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, { name, payload });
  });

  // No navigation away from the app, no new windows; links to the web open in the browser.
  win.webContents.on("will-navigate", (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: "deny" };
  });
  win.webContents.on("will-attach-webview", (event) => event.preventDefault());
  // The page title carries the project name and unsaved marker (renderer/app/effects.ts).
  win.on("page-title-updated", (_event, title) => win.setTitle(title));
  win.once("ready-to-show", () => win.show());
  // The page refuses to unload with unsaved edits (renderer/app/effects.ts); ask natively.
  win.webContents.on("will-prevent-unload", (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: "question",
      buttons: ["Close without saving", "Cancel"],
      defaultId: 1,
      cancelId: 1,
      title: "Unsaved changes",
      message: "This project has unsaved changes.",
      detail: "They are kept in the recovery file and offered the next time Flowform starts.",
    });
    if (choice === 0) event.preventDefault();
  });
  win.on("closed", () => {
    disposeSession(session);
    mainWindow = null;
    windowSession = null;
  });
  void win.loadFile(rendererIndex);
}

async function start(): Promise<void> {
  await app.whenReady();

  installHandlers({
    kind: "electron",
    dataDir: dataDir(),
    version: pkg.version,
    defaultProjectsDir: defaultProjectsDir(),
    dialogs: {
      async openProject() {
        const result = await dialog.showOpenDialog(mainWindow!, {
          title: "Open project folder or template",
          properties: ["openFile", "openDirectory"],
          filters: [{ name: "Templates", extensions: ["yaml", "yml", "json"] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      async chooseFolder({ title, defaultPath }) {
        const result = await dialog.showOpenDialog(mainWindow!, {
          title: title ?? "Choose folder",
          defaultPath,
          properties: ["openDirectory", "createDirectory", "promptToCreate"],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    },
  });

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => {
      // Only our own window's page may call; a frame with any other origin is refused.
      if (!windowSession || !mainWindow || event.sender !== mainWindow.webContents || !event.senderFrame?.url.startsWith("file://")) {
        return { ok: false, error: { code: "ipc.forbidden", message: "Calls are accepted from the Flowform window only." } };
      }
      return dispatch(channel, input, contextFor(windowSession, "electron")).finally(() => {
        if (channel === "project.open" || channel === "project.saveAs") void buildMenu();
      });
    });
  }

  // The CSP header for everything the window loads, and no permission prompts (camera, geolocation…).
  const ses = electronSession.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [CONTENT_SECURITY_POLICY_HEADER] } });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  // No remote content: only the app's own files (and devtools) may load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = /^(file|devtools|data|blob):/.test(details.url);
    callback({ cancel: !allowed });
  });

  await buildMenu();
  createWindow();

  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});

void start();
