/**
 * Public face of the cost panel region. The shell (renderer/app/App.tsx) renders `CostPanel`.
 * Minimal empty region until issue 7 fills it (owner: replace this file).
 */
import { createElement } from "react";

export function CostPanel() {
  return createElement("div", { className: "region-empty" });
}
