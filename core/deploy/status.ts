/**
 * Reading CloudFormation statuses for people: what each resource's status means on the
 * canvas, whether a stack operation has finished, what a stack state lets you do next, and
 * which event is the first real failure. Status names: CloudFormation API reference,
 * "StackStatus" and "ResourceStatus" (docs.aws.amazon.com/AWSCloudFormation/latest/APIReference).
 */

/** What a node on the canvas shows while deploying. */
export type NodeDeployStatus = "pending" | "in-progress" | "complete" | "failed" | "rolling-back" | "rolled-back" | "deleted";

export interface StackEventLike {
  EventId?: string;
  LogicalResourceId?: string;
  PhysicalResourceId?: string;
  ResourceType?: string;
  ResourceStatus?: string;
  ResourceStatusReason?: string;
  Timestamp?: Date | string;
}

export function isStackInProgress(status: string | undefined): boolean {
  return !!status && status.endsWith("_IN_PROGRESS") && status !== "REVIEW_IN_PROGRESS";
}

/** The operation is over: nothing more will happen until someone acts. */
export function isStackSettled(status: string | undefined): boolean {
  return !isStackInProgress(status);
}

export function isRollbackStatus(status: string | undefined): boolean {
  return !!status && status.includes("ROLLBACK");
}

export type StackOutcome = "succeeded" | "failed" | "rolled-back" | "deleted" | "in-progress" | "not-created";

/** How an operation ended, in one word the UI and CLI can branch on. */
export function stackOutcome(status: string | undefined): StackOutcome {
  if (!status || status === "REVIEW_IN_PROGRESS") return "not-created";
  if (isStackInProgress(status)) return "in-progress";
  if (status === "DELETE_COMPLETE") return "deleted";
  if (status === "ROLLBACK_COMPLETE" || status === "UPDATE_ROLLBACK_COMPLETE") return "rolled-back";
  if (status.endsWith("_FAILED")) return "failed";
  return "succeeded";
}

/** A resource status as the canvas shows it; `rollingBack` is true while the stack rolls back. */
export function nodeStatusFor(resourceStatus: string, rollingBack: boolean): NodeDeployStatus {
  if (resourceStatus.endsWith("_FAILED")) return "failed";
  if (resourceStatus === "DELETE_COMPLETE" || resourceStatus === "DELETE_SKIPPED") return rollingBack ? "rolled-back" : "deleted";
  if (resourceStatus.endsWith("_IN_PROGRESS")) return rollingBack ? "rolling-back" : "in-progress";
  if (resourceStatus.endsWith("_COMPLETE")) return rollingBack ? "rolled-back" : "complete";
  return "pending";
}

/** How a stack in this state can be deployed to, or why it cannot (with what to do). */
export type DeployPath =
  | { kind: "create" }
  | { kind: "update" }
  | { kind: "blocked"; reason: string; action?: "delete-stack" | "wait" | "continue-rollback" };

export function deployPathFor(status: string | undefined): DeployPath {
  if (!status || status === "REVIEW_IN_PROGRESS" || status === "DELETE_COMPLETE") return { kind: "create" };
  const guidance = stackGuidance(status);
  if (status === "ROLLBACK_COMPLETE" || status === "ROLLBACK_FAILED" || status === "DELETE_FAILED" || status === "CREATE_FAILED") {
    return { kind: "blocked", reason: guidance!, action: "delete-stack" };
  }
  if (status === "UPDATE_ROLLBACK_FAILED") return { kind: "blocked", reason: guidance!, action: "continue-rollback" };
  if (isStackInProgress(status)) return { kind: "blocked", reason: `The stack is busy (${status}). Wait for the current operation to finish, then deploy again.`, action: "wait" };
  return { kind: "update" };
}

/** What a person should do about a stack state that blocks deploying, in words; undefined when nothing is needed. */
export function stackGuidance(status: string | undefined): string | undefined {
  switch (status) {
    case "ROLLBACK_COMPLETE":
      return "The stack's first creation failed and was rolled back (ROLLBACK_COMPLETE). CloudFormation cannot update a stack in this state: delete the stack, then deploy again.";
    case "ROLLBACK_FAILED":
      return "The stack's creation failed and its rollback failed too (ROLLBACK_FAILED). Delete the stack (resources that could not be deleted may need removing by hand in the console), then deploy again.";
    case "CREATE_FAILED":
      return "The stack could not be created (CREATE_FAILED). Delete it, fix the cause shown above, then deploy again.";
    case "DELETE_FAILED":
      return "Deleting the stack failed (DELETE_FAILED), usually because a resource (such as a non-empty S3 bucket) could not be deleted. Empty or remove that resource, then delete the stack again.";
    case "UPDATE_ROLLBACK_FAILED":
      return "The update failed and rolling it back failed too (UPDATE_ROLLBACK_FAILED). Fix the resource named in the error, then continue the rollback in the CloudFormation console (Stack actions → Continue update rollback, optionally skipping the resources that cannot roll back); or delete the stack. It cannot be updated until then.";
    case "UPDATE_ROLLBACK_COMPLETE":
      return "The update failed and the stack was rolled back to its previous state (UPDATE_ROLLBACK_COMPLETE). The stack is usable; fix the cause and deploy again.";
    default:
      return undefined;
  }
}

/** Reasons CloudFormation gives to resources stopped because another one failed; not the cause. */
const CONSEQUENTIAL_REASONS = /^(Resource creation cancelled|Resource update cancelled|Resource deletion cancelled)/i;

/** The first failure that explains what went wrong: resource, type and reason. */
export interface PinnedFailure {
  logicalId: string;
  resourceType?: string;
  status: string;
  reason: string;
  eventId?: string;
}

/** Pick the first real failure from events given oldest first (stack-level reasons only as a fallback). */
export function firstFailure(eventsOldestFirst: StackEventLike[], stackType = "AWS::CloudFormation::Stack"): PinnedFailure | undefined {
  let fallback: PinnedFailure | undefined;
  for (const e of eventsOldestFirst) {
    if (!e.ResourceStatus?.endsWith("_FAILED")) continue;
    const failure = { logicalId: e.LogicalResourceId ?? "?", resourceType: e.ResourceType, status: e.ResourceStatus, reason: e.ResourceStatusReason ?? "(no reason given)", eventId: e.EventId };
    if (e.ResourceType === stackType) {
      fallback ??= failure;
      continue;
    }
    if (CONSEQUENTIAL_REASONS.test(failure.reason)) {
      fallback ??= failure;
      continue;
    }
    return failure;
  }
  return fallback;
}

/**
 * Which canvas node a logical ID belongs to. SAM names the resources it generates after their
 * owner (`GetOrdersRole`, `GetOrdersApiEventPermission`), so a generated ID maps to the longest
 * node ID it starts with; the implicit APIs SAM adds map to themselves.
 */
export function nodeForLogicalId(logicalId: string, nodeIds: readonly string[]): string | undefined {
  if (nodeIds.includes(logicalId)) return logicalId;
  let best: string | undefined;
  for (const id of nodeIds) if (logicalId.startsWith(id) && (!best || id.length > best.length)) best = id;
  return best;
}

const PRIORITY: NodeDeployStatus[] = ["failed", "rolling-back", "in-progress", "pending", "rolled-back", "complete", "deleted"];

/** A node's status from the statuses of its own and its generated resources: the most urgent wins. */
export function combineNodeStatus(statuses: NodeDeployStatus[]): NodeDeployStatus | undefined {
  for (const s of PRIORITY) if (statuses.includes(s)) return s;
  return undefined;
}
