/**
 * Public face of the code panel region. The shell (renderer/app/App.tsx) renders `CodePanel`.
 * Minimal empty region until issue 6 fills it (owner: replace this file).
 */
import { createElement } from "react";

export function CodePanel() {
  return createElement("div", { className: "region-empty" });
}
