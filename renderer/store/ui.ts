/**
 * UI slice: theme, which regions are shown, the bottom-panel tab, the in-page path prompt (web
 * host's stand-in for native dialogs) and the status line.
 */
import type { SliceCreator } from "./index";

/** "system" follows the OS (prefers-color-scheme). */
export type ThemeChoice = "system" | "light" | "dark";
export type PanelId = "palette" | "inspector" | "bottom";

export interface PathPromptRequest {
  title: string;
  /** Label of the confirm button ("Open", "Save"). */
  confirmLabel: string;
  initialValue: string;
  /** Short help under the field. */
  hint?: string;
  /** Recent projects to pick from, if any. */
  suggestions?: { label: string; path: string }[];
  resolve(path: string | null): void;
}

/** An in-page question with buttons (no window.confirm: it blocks, and tests cannot see it). */
export interface ConfirmRequest {
  title: string;
  message: string;
  /** Buttons, first is the default; the answer is the chosen label, or null when dismissed. */
  choices: string[];
  resolve(choice: string | null): void;
}

export interface UiSlice {
  theme: ThemeChoice;
  panels: Record<PanelId, boolean>;
  bottomTab: string;
  pathPrompt: PathPromptRequest | null;
  confirmRequest: ConfirmRequest | null;
  /** One line in the status bar: the last thing that happened ("Saved", an error). */
  statusMessage: { text: string; kind: "info" | "error" } | null;
  /** When the recovery file was last written (unsaved edits are safe from a crash). */
  recoverySavedAt: string | null;

  setTheme(theme: ThemeChoice): void;
  togglePanel(panel: PanelId): void;
  setBottomTab(id: string): void;
  /** Ask for a path in the page; resolves null when cancelled. */
  askForPath(request: Omit<PathPromptRequest, "resolve">): Promise<string | null>;
  closePathPrompt(path: string | null): void;
  /** Ask a question in the page; resolves with the chosen button label, or null. */
  ask(request: Omit<ConfirmRequest, "resolve">): Promise<string | null>;
  closeConfirm(choice: string | null): void;
  setStatus(text: string, kind?: "info" | "error"): void;
  setRecoverySavedAt(at: string | null): void;
}

const THEME_KEY = "flowform.theme";

function initialTheme(): ThemeChoice {
  try {
    const saved = globalThis.localStorage?.getItem(THEME_KEY);
    if (saved === "light" || saved === "dark" || saved === "system") return saved;
  } catch {
    // no storage: follow the OS
  }
  return "system";
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  theme: initialTheme(),
  panels: { palette: true, inspector: true, bottom: true },
  bottomTab: "template",
  pathPrompt: null,
  confirmRequest: null,
  statusMessage: null,
  recoverySavedAt: null,

  setTheme(theme) {
    try {
      globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // not persisted; still applied
    }
    set({ theme });
  },
  togglePanel(panel) {
    set((s) => ({ panels: { ...s.panels, [panel]: !s.panels[panel] } }));
  },
  setBottomTab(id) {
    set((s) => ({ bottomTab: id, panels: { ...s.panels, bottom: true } }));
  },
  askForPath(request) {
    get().pathPrompt?.resolve(null);
    return new Promise((resolve) => set({ pathPrompt: { ...request, resolve } }));
  },
  closePathPrompt(path) {
    const prompt = get().pathPrompt;
    set({ pathPrompt: null });
    prompt?.resolve(path);
  },
  ask(request) {
    get().confirmRequest?.resolve(null);
    return new Promise((resolve) => set({ confirmRequest: { ...request, resolve } }));
  },
  closeConfirm(choice) {
    const request = get().confirmRequest;
    set({ confirmRequest: null });
    request?.resolve(choice);
  },
  setStatus(text, kind = "info") {
    set({ statusMessage: { text, kind } });
  },
  setRecoverySavedAt(at) {
    set({ recoverySavedAt: at });
  },
});
