/**
 * Public face of the deploy panel region. The shell (renderer/app/App.tsx) renders `DeployPanel`.
 * Minimal empty region until issue 8 fills it (owner: replace this file).
 */
import { createElement } from "react";

export function DeployPanel() {
  return createElement("div", { className: "region-empty" });
}
