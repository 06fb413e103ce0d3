/**
 * Shell behaviour that is not a component: start-up (reopen the session's project or start a new
 * one, offer recovered edits), menu events, theme, window title, autosave to the recovery file,
 * and the project keyboard shortcuts.
 */
import { useEffect, useSyncExternalStore } from "react";
import { MENU_COMMANDS, type MenuCommand } from "../../preload/api";
import { useStore } from "../store";
import { api } from "../transport";
import { runCommand } from "./commands";

/** Unsaved edits are written to the recovery file this long after the last change. */
export const AUTOSAVE_DELAY_MS = 800;

export function useStartup(): void {
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const s = useStore.getState();
      const current = await api().project.current();
      if (cancelled) return;
      if (current) {
        s.loadSnapshot(current);
      } else {
        const recoveries = await api().project.recoveries();
        if (cancelled) return;
        s.loadSnapshot(await api().project.new());
        if (recoveries[0]) s.offerRecovery(recoveries[0]);
      }
      // Tests (and screenshots) wait for this before driving the UI.
      document.documentElement.dataset.flowformReady = "true";
    })().catch((error: unknown) => useStore.getState().setStatus(`Could not start: ${String((error as Error).message ?? error)}`, "error"));
    const stopMenu = api().events.on("menu.command", ({ command, path }) => {
      if ((MENU_COMMANDS as readonly string[]).includes(command)) void runCommand(command, path ? { path } : {});
    });
    const stopDisk = api().events.on("project.changedOnDisk", ({ path }) => void onChangedOnDisk(path));
    return () => {
      cancelled = true;
      stopMenu();
      stopDisk();
    };
  }, []);
}

/**
 * The template or flowform.json changed outside Flowform (another editor, git checkout). Without
 * unsaved edits the project reloads; with them the person chooses.
 */
async function onChangedOnDisk(file: string): Promise<void> {
  const s = useStore.getState();
  const dir = s.project?.dir;
  if (!dir) return;
  if (s.dirty) {
    const choice = await s.ask({
      title: "Changed on disk",
      message: `${file} was changed outside Flowform. Reload it and lose your unsaved edits, or keep your version (saving will overwrite the file)?`,
      choices: ["Keep my version", "Reload"],
    });
    if (choice !== "Reload") return;
  }
  try {
    await useStore.getState().openProject(dir);
    useStore.getState().setStatus(`Reloaded: ${file} changed on disk`);
  } catch (error) {
    useStore.getState().setStatus(`Could not reload ${file}: ${(error as Error).message}`, "error");
  }
}

export function useTheme(): "light" | "dark" {
  const theme = useStore((s) => s.theme);
  const prefersDark = usePrefersDark();
  const effective = theme === "system" ? (prefersDark ? "dark" : "light") : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = effective;
    document.documentElement.style.colorScheme = effective;
  }, [effective]);
  return effective;
}

function usePrefersDark(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const query = window.matchMedia?.("(prefers-color-scheme: dark)");
      query?.addEventListener("change", notify);
      return () => query?.removeEventListener("change", notify);
    },
    () => window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false,
  );
}

export function useWindowTitle(): void {
  const name = useStore((s) => s.project?.name);
  const dirty = useStore((s) => s.dirty);
  useEffect(() => {
    document.title = name ? `${dirty ? "● " : ""}${name} — Flowform` : "Flowform";
  }, [name, dirty]);
}

/** Debounced snapshots of unsaved edits to main's recovery file. */
export function useAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useStore.subscribe((state, previous) => {
      // Back to the saved text without saving (undo, or typing it back): the recovery file is stale.
      if (previous.dirty && !state.dirty && state.project && state.project === previous.project && state.textOrigin !== "load") {
        if (timer) clearTimeout(timer);
        void api().project.discardRecovery({ dir: state.project.dir }).catch(() => undefined);
        useStore.getState().setRecoverySavedAt(null);
        return;
      }
      if (!state.dirty || !state.project) return;
      if (state.textVersion === previous.textVersion && state.settings === previous.settings) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const { templateText, settings, dirty } = useStore.getState();
        if (!dirty) return;
        api()
          .project.autosave({ templateText, settings })
          .then(({ savedAt }) => useStore.getState().setRecoverySavedAt(savedAt))
          .catch(() => useStore.getState().setStatus("Could not write the recovery file", "error"));
      }, AUTOSAVE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, []);
}

/**
 * Closing the window or tab with unsaved edits asks first (the browser's own prompt; Electron
 * turns it into a native dialog in main). The recovery file has the edits either way.
 */
export function useUnsavedGuard(): void {
  const dirty = useStore((s) => s.dirty);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty]);
}

const SHORTCUTS: { key: string; shift?: boolean; command: MenuCommand }[] = [
  { key: "o", command: "project.open" },
  { key: "s", command: "project.save" },
  { key: "s", shift: true, command: "project.saveAs" },
];

/**
 * Ctrl/Cmd+O, S, Shift+S in the page, in both hosts: Electron's menu shows these shortcuts but
 * leaves the keys to the page (main/electron.ts), so a focused editor that handles one itself
 * (the code editor's Ctrl+S saves its file) gets it first and stops it here.
 */
export function usePageShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      const match = SHORTCUTS.find((s) => s.key === event.key.toLowerCase() && !!s.shift === event.shiftKey);
      if (!match) return;
      event.preventDefault();
      void runCommand(match.command);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
