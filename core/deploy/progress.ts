/**
 * Live deploy progress as plain data: folded from stack events (oldest first), serialisable so
 * main can push it to the renderer (`deploy.progress`) and the CLI can print it.
 */
import {
  combineNodeStatus, firstFailure, isStackInProgress, nodeForLogicalId, nodeStatusFor, stackGuidance, stackOutcome,
  type NodeDeployStatus, type PinnedFailure, type StackEventLike, type StackOutcome,
} from "./status";

export type DeployOperation = "create" | "update" | "delete" | "cancel-update";

export interface ResourceProgress {
  logicalId: string;
  resourceType?: string;
  /** CloudFormation's status word, e.g. CREATE_IN_PROGRESS; "PENDING" before its first event. */
  status: string;
  node: NodeDeployStatus;
  reason?: string;
  physicalId?: string;
}

export interface StackOutput {
  key: string;
  value: string;
  description?: string;
  exportName?: string;
}

export interface DeployProgress {
  /** Identifies one operation (one execute, delete or cancel), so late snapshots can be told apart. */
  runId: string;
  stackName: string;
  stackId?: string;
  operation: DeployOperation;
  stackStatus?: string;
  stackStatusReason?: string;
  /** Every resource seen in the change set or the events, in first-seen order. */
  resources: ResourceProgress[];
  /** Status per canvas node (logical IDs of the project's resources). */
  nodes: Record<string, NodeDeployStatus>;
  /** The first failure, pinned: resource, type and reason. */
  failure?: PinnedFailure;
  outputs: StackOutput[];
  /** The operation is over (successfully or not). */
  done: boolean;
  outcome: StackOutcome;
  /** What to do next when the stack ended in a state that needs it. */
  guidance?: string;
  /** Events seen so far (oldest first): the source of everything above. */
  events: StackEventLike[];
  /** Set while polling is retrying after a dropped connection or throttling. */
  notice?: string;
}

export function startProgress(stackName: string, operation: DeployOperation, pendingLogicalIds: string[], nodeIds: readonly string[], runId = `${stackName}:${operation}`): DeployProgress {
  const progress: DeployProgress = {
    runId,
    stackName, operation, resources: pendingLogicalIds.map((id) => ({ logicalId: id, status: "PENDING", node: "pending" })),
    nodes: {}, outputs: [], done: false, outcome: "in-progress", events: [],
  };
  return withNodes(progress, nodeIds);
}

function withNodes(progress: DeployProgress, nodeIds: readonly string[]): DeployProgress {
  const grouped = new Map<string, NodeDeployStatus[]>();
  for (const r of progress.resources) {
    if (r.status === NOT_STARTED) continue;
    const node = nodeForLogicalId(r.logicalId, nodeIds);
    if (!node) continue;
    grouped.set(node, [...(grouped.get(node) ?? []), r.node]);
  }
  const nodes: Record<string, NodeDeployStatus> = {};
  for (const [node, statuses] of grouped) nodes[node] = combineNodeStatus(statuses)!;
  return { ...progress, nodes };
}

const STACK_TYPE = "AWS::CloudFormation::Stack";
/** A resource the operation never reached (it ended first): shown as "not started", no node badge. */
export const NOT_STARTED = "NOT_STARTED";

/** Fold new events (oldest first, already de-duplicated) into the progress. */
export function applyStackEvents(progress: DeployProgress, newEvents: StackEventLike[], nodeIds: readonly string[]): DeployProgress {
  if (!newEvents.length) return progress;
  const events = [...progress.events, ...newEvents];
  const resources = progress.resources.map((r) => ({ ...r }));
  let stackStatus = progress.stackStatus;
  let stackStatusReason = progress.stackStatusReason;
  for (const e of newEvents) {
    if (e.ResourceType === STACK_TYPE && (e.LogicalResourceId === progress.stackName || !e.LogicalResourceId)) {
      stackStatus = e.ResourceStatus;
      stackStatusReason = e.ResourceStatusReason;
      continue;
    }
    if (!e.LogicalResourceId || !e.ResourceStatus) continue;
    const rollingBack = !!stackStatus && stackStatus.includes("ROLLBACK");
    let r = resources.find((x) => x.logicalId === e.LogicalResourceId);
    if (!r) {
      r = { logicalId: e.LogicalResourceId, status: "PENDING", node: "pending" };
      resources.push(r);
    }
    r.status = e.ResourceStatus;
    r.resourceType = e.ResourceType ?? r.resourceType;
    r.physicalId = e.PhysicalResourceId || r.physicalId;
    r.node = nodeStatusFor(e.ResourceStatus, rollingBack);
    // Keep a failure's reason visible on its resource even while the rollback moves on.
    if (e.ResourceStatus.endsWith("_FAILED")) r.reason = e.ResourceStatusReason;
    else if (!r.reason || !rollingBack) r.reason = e.ResourceStatusReason ?? r.reason;
  }
  return withNodes({
    ...progress,
    events,
    resources,
    stackStatus,
    stackStatusReason,
    failure: progress.failure ?? firstFailure(events),
  }, nodeIds);
}

/** Record the stack's latest status (from DescribeStacks) and outputs; marks the end of the operation. */
export function applyStackDescription(
  progress: DeployProgress,
  stack: { StackId?: string; StackStatus?: string; StackStatusReason?: string; Outputs?: { OutputKey?: string; OutputValue?: string; Description?: string; ExportName?: string }[] } | undefined,
): DeployProgress {
  if (!stack) {
    // The stack no longer exists by name: a finished delete.
    return progress.operation === "delete" ? { ...progress, stackStatus: "DELETE_COMPLETE", done: true, outcome: "deleted", guidance: undefined } : progress;
  }
  const status = stack.StackStatus ?? progress.stackStatus;
  const done = !isStackInProgress(status) && status !== "REVIEW_IN_PROGRESS";
  const resources = done ? progress.resources.map((r) => (r.status === "PENDING" ? { ...r, status: NOT_STARTED } : r)) : progress.resources;
  const nodes = done ? Object.fromEntries(Object.entries(progress.nodes).filter(([id]) => !resources.some((r) => r.logicalId === id && r.status === NOT_STARTED))) : progress.nodes;
  return {
    ...progress,
    resources,
    nodes,
    stackId: stack.StackId ?? progress.stackId,
    stackStatus: status,
    stackStatusReason: stack.StackStatusReason ?? progress.stackStatusReason,
    outputs: (stack.Outputs ?? []).map((o) => ({ key: o.OutputKey ?? "", value: o.OutputValue ?? "", description: o.Description, exportName: o.ExportName })),
    done,
    outcome: stackOutcome(status),
    guidance: done ? stackGuidance(status) : undefined,
  };
}
