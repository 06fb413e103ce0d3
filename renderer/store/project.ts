/**
 * Project slice: the open project, its template text (the truth), what is derived from it, and
 * the file actions. The canvas owner builds undo/operations on `setTemplateText`: every change of
 * the text, from anywhere, goes through it with an `origin` so views can tell their own edits
 * from others' (the template view keeps its cursor when the canvas edits, and vice versa).
 */
import type { Problem, TemplateModel } from "../../core/model/types";
import { defaultSettings, type FlowformSettings } from "../../core/project/settings";
import type { ProjectSnapshot, RecoverySnapshot } from "../../preload/api";
import { api } from "../transport";
import { checkInputs } from "./checks";
import { deriveFromText } from "./derive";
import type { SliceCreator } from "./index";

/** Who changed the text. "load" = opened/new/restored; others are the editing surfaces. */
export type TextOrigin = "load" | "canvas" | "inspector" | "template-view" | "code" | "undo" | "redo" | (string & {});

export interface OpenProject {
  /** Absolute folder; null until a new project is saved. */
  dir: string | null;
  name: string;
  templateFile: string;
}

export interface ProjectSlice {
  /** null until the first project is loaded (new, opened or restored). */
  project: OpenProject | null;
  templateText: string;
  /** Who made the last change of templateText, and a counter that increases with every change. */
  textOrigin: TextOrigin;
  textVersion: number;
  /** Derived from templateText (see derive.ts). */
  model: TemplateModel | null;
  problems: Problem[];
  /** The last model of a text that parsed: the canvas keeps showing it while the text is broken. */
  lastGoodModel: TemplateModel | null;
  settings: FlowformSettings;
  /** Text and settings differ from what was last saved or loaded. */
  dirty: boolean;
  /** Unsaved edits from an earlier session, offered to the user. */
  recoveryOffer: RecoverySnapshot | null;

  /** Show a snapshot main returned (start-up, page reload). */
  loadSnapshot(snapshot: ProjectSnapshot): void;
  /** Offer unsaved edits from an earlier session. */
  offerRecovery(recovery: RecoverySnapshot | null): void;
  newProject(): Promise<void>;
  openProject(path: string): Promise<void>;
  /** Save into the project folder. Throws FlowformError "project.noProjectOpen" for a never-saved project (ask for a folder, then saveAs). */
  save(): Promise<void>;
  saveAs(dir: string): Promise<void>;
  setTemplateText(text: string, origin: TextOrigin): void;
  updateSettings(update: (settings: FlowformSettings) => FlowformSettings): void;
  /** Load a recovery snapshot's text and settings (the project stays dirty until saved). */
  restoreRecovery(): Promise<void>;
  discardRecovery(): Promise<void>;
}

/**
 * What `dirty` is computed from, kept outside the state (nobody renders it): the text last saved
 * or loaded, and whether `updateSettings` ran since. Settings written straight into the state
 * with `setState` (the canvas mirroring the automatic layout of a freshly opened template) do
 * not count as unsaved edits; they are written with the next save.
 */
let baseline = { text: "", settingsEdited: false };

function isDirty(text: string): boolean {
  return text !== baseline.text || baseline.settingsEdited;
}

export const createProjectSlice: SliceCreator<ProjectSlice> = (set, get) => {
  const derive = (text: string, file: string, settings: FlowformSettings = get().settings) => {
    const derived = deriveFromText(text, file, settings);
    return {
      model: derived.model,
      problems: derived.problems,
      ...(derived.parses && derived.model ? { lastGoodModel: derived.model } : {}),
    };
  };

  const load = (snapshot: ProjectSnapshot) => {
    baseline = { text: snapshot.templateText, settingsEdited: false };
    const derived = deriveFromText(snapshot.templateText, snapshot.templateFile, snapshot.settings);
    set((s) => ({
      project: { dir: snapshot.dir, name: snapshot.name, templateFile: snapshot.templateFile },
      templateText: snapshot.templateText,
      textOrigin: "load",
      textVersion: s.textVersion + 1,
      model: derived.model,
      problems: derived.problems,
      lastGoodModel: derived.model,
      settings: snapshot.settings,
      dirty: false,
      recoveryOffer: snapshot.recovery,
    }));
    if (snapshot.settingsProblem) {
      get().setStatus(`${snapshot.settingsProblem} — default settings are used and will be written when you save.`, "error");
    }
  };

  return {
    project: null,
    templateText: "",
    textOrigin: "load",
    textVersion: 0,
    model: null,
    problems: [],
    lastGoodModel: null,
    settings: defaultSettings(),
    dirty: false,
    recoveryOffer: null,

    loadSnapshot: load,
    offerRecovery(recovery) {
      set({ recoveryOffer: recovery });
    },

    async newProject() {
      load(await api().project.new());
    },

    async openProject(path) {
      load(await api().project.open({ path }));
    },

    async save() {
      const { templateText, settings } = get();
      await api().project.save({ templateText, settings });
      // Edits made while the save was under way stay unsaved.
      baseline = { text: templateText, settingsEdited: baseline.settingsEdited && get().settings !== settings };
      set({ dirty: isDirty(get().templateText) });
    },

    async saveAs(dir) {
      const { templateText, settings } = get();
      const snapshot = await api().project.saveAs({ dir, templateText, settings });
      baseline = { text: templateText, settingsEdited: baseline.settingsEdited && get().settings !== settings };
      set({
        project: { dir: snapshot.dir, name: snapshot.name, templateFile: snapshot.templateFile },
        dirty: isDirty(get().templateText),
      });
    },

    setTemplateText(text, origin) {
      const state = get();
      if (text === state.templateText) return;
      set({
        templateText: text,
        textOrigin: origin,
        textVersion: state.textVersion + 1,
        ...derive(text, state.project?.templateFile ?? "template.yaml"),
        dirty: isDirty(text),
      });
    },

    updateSettings(update) {
      const before = get().settings;
      const settings = update(before);
      // Checks read preferences and the usage region: re-derive only when those change.
      if (settings === before) return;
      const recheck = checkInputs(before) !== checkInputs(settings);
      baseline.settingsEdited = true;
      set({
        settings,
        dirty: true,
        ...(recheck ? derive(get().templateText, get().project?.templateFile ?? "template.yaml", settings) : {}),
      });
    },

    async restoreRecovery() {
      const offer = get().recoveryOffer;
      if (!offer) return;
      const current = get().project;
      // A recovery of another project (offered at start-up) opens that project first.
      if (offer.dir && offer.dir !== current?.dir) {
        load(await api().project.open({ path: offer.dir }));
      } else if (!current) {
        load(await api().project.new());
      }
      const file = get().project?.templateFile ?? "template.yaml";
      set((s) => ({
        templateText: offer.templateText,
        textOrigin: "load",
        textVersion: s.textVersion + 1,
        ...derive(offer.templateText, file, offer.settings),
        settings: offer.settings,
        // Recovered edits are unsaved by definition.
        dirty: true,
        recoveryOffer: null,
      }));
    },

    async discardRecovery() {
      const offer = get().recoveryOffer;
      if (!offer) return;
      await api().project.discardRecovery({ dir: offer.dir });
      set({ recoveryOffer: null });
    },
  };
};
