/** Public face of the problems panel (a bottom-panel tab). */
export { ProblemsPanel, selectProblem, sortProblems } from "./ProblemsPanel";
export { WireProblemBadge, problemCountsByWire } from "./WireProblemBadge";
