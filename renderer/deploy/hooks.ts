/** Selectors other features use: the canvas node badge reads one node's deploy status by ID. */
import type { NodeDeployStatus } from "../../core/deploy";
import { useStore } from "../store";

/** The live deploy status of one node (logical ID), or undefined when no deploy touched it. */
export function useNodeDeployStatus(id: string): NodeDeployStatus | undefined {
  return useStore((s) => s.deployNodeStatus[id]);
}
