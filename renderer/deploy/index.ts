/**
 * Public face of the deploy feature. The shell renders `DeployPanel` (Deploy tab); canvas nodes
 * render `DeployBadge` (or read `useNodeDeployStatus(id)` themselves).
 */
import "./deploy.css";

export { DeployPanel } from "./DeployPanel";
export { DeployBadge } from "./DeployBadge";
export { useNodeDeployStatus } from "./hooks";
export type { DeploySlice } from "./slice";
