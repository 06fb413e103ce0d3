/**
 * What the shell (Electron or the web host) provides to the IPC domains: where app data lives,
 * the version, and native dialogs when there are any.
 */
import os from "node:os";
import path from "node:path";

export interface NativeDialogs {
  /** Ask for a project folder or template file; null when cancelled. */
  openProject(): Promise<string | null>;
  chooseFolder(options: { title?: string; defaultPath?: string }): Promise<string | null>;
}

export interface HostServices {
  kind: "electron" | "web";
  /** App data folder: recent projects, recovery files. */
  dataDir: string;
  version: string;
  /** Suggested parent folder for new projects. */
  defaultProjectsDir: string;
  dialogs: NativeDialogs | null;
}

/**
 * Where recent projects and recovery files live: `$FLOWFORM_DATA_DIR` when set (tests give each
 * run its own), else the platform's app-data folder (the same folder Electron's userData uses).
 */
export function defaultDataDir(): string {
  if (process.env.FLOWFORM_DATA_DIR) return path.resolve(process.env.FLOWFORM_DATA_DIR);
  const home = os.homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Application Support", "Flowform");
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? path.join(home, "AppData", "Roaming"), "Flowform");
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, ".config"), "Flowform");
}

/** Suggested parent folder for new projects. */
export function defaultProjectsDir(): string {
  return path.join(os.homedir(), "Flowform Projects");
}
