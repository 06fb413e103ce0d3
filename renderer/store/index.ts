/**
 * THE renderer store: one zustand store made of slices. Each feature owns a slice file and adds
 * one line below (its type in `FlowformState`, its creator in `useStore`). Components select the
 * smallest piece they need (`useStore((s) => s.templateText)`), never the whole state.
 *
 *   // renderer/store/selection.ts
 *   export interface SelectionSlice { selected: string[]; select(ids: string[]): void }
 *   export const createSelectionSlice: SliceCreator<SelectionSlice> = (set) => ({ selected: [], select: (ids) => set({ selected: ids }) });
 *
 * Slices here: project (the open project, its template text, derived model/problems, save/open)
 * and ui (theme, panel visibility, bottom-panel tab, prompts, status line).
 */
import { create, type StateCreator } from "zustand";
import { createProjectSlice, type ProjectSlice } from "./project";
import { createUiSlice, type UiSlice } from "./ui";
import { createSelectionSlice, type SelectionSlice } from "./selection";
import { createCanvasSlice, type CanvasSlice } from "./canvas";
import { createHistorySlice, type HistorySlice } from "./history-slice";
import { createCostSlice, type CostSlice } from "../cost/slice";
import { createCodeSlice, type CodeSlice } from "../code/slice";
import { createDeploySlice, type DeploySlice } from "../deploy/slice";

export type FlowformState = ProjectSlice & UiSlice & SelectionSlice & CanvasSlice & HistorySlice & CostSlice & CodeSlice & DeploySlice;

/** A slice creator with access to the whole store (`get()` sees every slice). */
export type SliceCreator<T> = StateCreator<FlowformState, [], [], T>;

export const useStore = create<FlowformState>()((...args) => ({
  ...createProjectSlice(...args),
  ...createUiSlice(...args),
  ...createSelectionSlice(...args),
  ...createCanvasSlice(...args),
  ...createHistorySlice(...args),
  ...createCostSlice(...args),
  ...createCodeSlice(...args),
  ...createDeploySlice(...args),
}));

export type { ProjectSlice, TextOrigin, OpenProject } from "./project";
export type { UiSlice, ThemeChoice, PanelId, PathPromptRequest, ConfirmRequest } from "./ui";
