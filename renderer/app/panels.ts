/**
 * Bottom-panel tabs. To add a tab, add an entry here (or call `registerBottomPanel` from your
 * feature's module): App.tsx renders whatever is registered, in `order`.
 */
import type { ComponentType } from "react";
import { CodePanel } from "../code";
import { CostPanel } from "../cost";
import { DeployPanel } from "../deploy";
import { ProblemsPanel } from "../problems";
import { useStore } from "../store";
import { TemplateView } from "../template-view";

export interface BottomPanel {
  /** Stable id, used by `setBottomTab(id)` and in test ids. */
  id: string;
  /** Tab label (the tab's accessible name). */
  title: string;
  order: number;
  component: ComponentType;
  /** Optional hook returning a badge shown after the title (e.g. the problem count). */
  useBadge?: () => string | number | null;
}

const panels: BottomPanel[] = [
  { id: "template", title: "Template", order: 10, component: TemplateView },
  {
    id: "problems",
    title: "Problems",
    order: 20,
    component: ProblemsPanel,
    useBadge: () => useStore((s) => s.problems.filter((p) => p.severity !== "info").length) || null,
  },
  { id: "cost", title: "Cost", order: 30, component: CostPanel },
  { id: "deploy", title: "Deploy", order: 40, component: DeployPanel },
  { id: "code", title: "Code", order: 50, component: CodePanel },
];

export function registerBottomPanel(panel: BottomPanel): void {
  const at = panels.findIndex((p) => p.id === panel.id);
  if (at >= 0) panels[at] = panel;
  else panels.push(panel);
}

export function bottomPanels(): readonly BottomPanel[] {
  return [...panels].sort((a, b) => a.order - b.order);
}
