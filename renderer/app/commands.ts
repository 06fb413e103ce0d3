/**
 * The application commands: the same list as the Electron menu (MENU_COMMANDS in
 * preload/api.ts). The in-page toolbar and the menu's `menu.command` events both end up in
 * `runCommand`. Features add the commands they own with `registerCommand` (the canvas owner
 * registers edit.undo / edit.redo, the export owner project.export).
 */
import { FlowformError, type AppInfo, type MenuCommand } from "../../preload/api";
import { useStore } from "../store";
import { api } from "../transport";

/** Extra data some commands carry (File › Open Recent names the project). */
export interface CommandArgs {
  path?: string;
}

type CommandHandler = (args: CommandArgs) => void | Promise<void>;

const registered = new Map<MenuCommand, CommandHandler>();
const listeners = new Set<() => void>();

/** Provide (or replace) the handler of a command. Returns a function that removes it. */
export function registerCommand(command: MenuCommand, handler: CommandHandler): () => void {
  registered.set(command, handler);
  listeners.forEach((l) => l());
  return () => {
    if (registered.get(command) === handler) registered.delete(command);
    listeners.forEach((l) => l());
  };
}

export function isCommandAvailable(command: MenuCommand): boolean {
  return command in builtIn || registered.has(command);
}

export function onCommandsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const beforeSave = new Set<() => void>();

/**
 * Run `flush` before every save, e.g. to commit text still waiting in an editor's debounce, so a
 * save right after typing includes the last keystrokes. Returns a function that removes it.
 */
export function onBeforeSave(flush: () => void): () => void {
  beforeSave.add(flush);
  return () => beforeSave.delete(flush);
}

function flushEditors(): void {
  for (const flush of beforeSave) flush();
}

let info: Promise<AppInfo> | null = null;
export function appInfo(): Promise<AppInfo> {
  info ??= api().app.info();
  return info;
}

const store = () => useStore.getState();

function report(error: unknown): void {
  const e = FlowformError.from(error);
  store().setStatus(e.message, "error");
}

/** Dirty project: ask before throwing the edits away. True = go ahead. */
async function confirmDiscard(action: string): Promise<boolean> {
  const s = store();
  if (!s.dirty) return true;
  const choice = await s.ask({
    title: "Unsaved changes",
    message: `${s.project?.name ?? "This project"} has unsaved changes. Save them before you ${action}?`,
    choices: ["Save", "Don't save", "Cancel"],
  });
  if (choice === "Save") return saveProject();
  return choice === "Don't save";
}

async function chooseProjectPath(): Promise<string | null> {
  const about = await appInfo();
  if (about.nativeDialogs) return (await api().dialog.openProject()).path;
  const recent = await api().project.recent().catch(() => []);
  return store().askForPath({
    title: "Open project",
    confirmLabel: "Open",
    initialValue: "",
    hint: "A project folder, or a single .yaml, .yml or .json template (its folder becomes the project).",
    suggestions: recent.map((r) => ({ label: `${r.name} — ${r.dir}`, path: r.dir })),
  });
}

async function chooseSaveFolder(): Promise<string | null> {
  const about = await appInfo();
  const name = store().project?.name ?? "Untitled";
  const suggestion = `${about.defaultProjectsDir}/${name === "Untitled" ? "my-app" : name}`;
  if (about.nativeDialogs) {
    return (await api().dialog.chooseFolder({ title: "Save project in folder", defaultPath: suggestion })).path;
  }
  return store().askForPath({
    title: "Save project as",
    confirmLabel: "Save",
    initialValue: suggestion,
    hint: "The project folder (created if missing). The template, flowform.json and src/ are written there.",
  });
}

async function saveProjectAs(): Promise<boolean> {
  flushEditors();
  const dir = await chooseSaveFolder();
  if (!dir) return false;
  await store().saveAs(dir);
  store().setStatus(`Saved to ${dir}`);
  return true;
}

async function saveProject(): Promise<boolean> {
  flushEditors();
  if (!store().project?.dir) return saveProjectAs();
  await store().save();
  store().setStatus("Saved");
  return true;
}

function effectiveTheme(): "light" | "dark" {
  const theme = store().theme;
  if (theme !== "system") return theme;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

const builtIn: Partial<Record<MenuCommand, CommandHandler>> = {
  "project.new": async () => {
    if (!(await confirmDiscard("start a new project"))) return;
    await store().newProject();
    store().setStatus("New project");
  },
  "project.open": async () => {
    if (!(await confirmDiscard("open another project"))) return;
    const target = await chooseProjectPath();
    if (!target) return;
    await store().openProject(target);
    store().setStatus(`Opened ${store().project?.dir ?? target}`);
  },
  "project.openRecent": async ({ path }) => {
    if (!path || !(await confirmDiscard("open another project"))) return;
    await store().openProject(path);
    store().setStatus(`Opened ${path}`);
  },
  "project.save": async () => {
    await saveProject();
  },
  "project.saveAs": async () => {
    await saveProjectAs();
  },
  "view.togglePalette": () => store().togglePanel("palette"),
  "view.toggleInspector": () => store().togglePanel("inspector"),
  "view.toggleBottomPanel": () => store().togglePanel("bottom"),
  // Two states: follow the OS, or the other theme than the OS's. A second toggle follows the OS again.
  "view.toggleTheme": () => store().setTheme(store().theme === "system" ? (effectiveTheme() === "dark" ? "light" : "dark") : "system"),
  "help.about": async () => {
    const about = await appInfo();
    await store().ask({
      title: "About Flowform",
      message: `Flowform ${about.version} — design, cost and deploy serverless applications on AWS. Running in the ${about.host === "web" ? "web host" : "desktop app"} on ${about.platform}.`,
      choices: ["Close"],
    });
  },
};

/** Run a command; failures are shown in the status bar, never thrown at the caller. */
export async function runCommand(command: MenuCommand, args: CommandArgs = {}): Promise<void> {
  const handler = registered.get(command) ?? builtIn[command];
  if (!handler) {
    store().setStatus(`${command} is not available yet.`, "error");
    return;
  }
  try {
    await handler(args);
  } catch (error) {
    report(error);
  }
}
