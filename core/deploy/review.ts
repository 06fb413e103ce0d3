/**
 * The one pre-deploy review: resource changes from the change set (add / modify / remove,
 * replacement flagged), IAM changes in words, and the monthly cost delta. The same words are
 * used by the deploy panel and by `flowform deploy`.
 */
import type { IamChange } from "./iam";

/** The part of an SDK `Change` the review reads (structural, so core needs no SDK import). */
export interface ChangeLike {
  Type?: string;
  ResourceChange?: {
    Action?: string;
    LogicalResourceId?: string;
    PhysicalResourceId?: string;
    ResourceType?: string;
    Replacement?: string;
    Details?: { Target?: { Attribute?: string; Name?: string; RequiresRecreation?: string } }[];
  };
}

export type ChangeAction = "add" | "modify" | "remove" | "import" | "dynamic" | "other";

export interface ResourceChangeLine {
  action: ChangeAction;
  logicalId: string;
  resourceType: string;
  physicalId?: string;
  /** "always": the resource is replaced (new physical resource, data may be lost); "conditional": may be. */
  replacement?: "always" | "conditional";
  changedProperties: string[];
}

export type CostDelta =
  | { available: true; before: number; after: number; currency: "USD"; note?: string }
  | { available: false; reason: string };

export interface PackagedArtifactLine {
  resource: string;
  localPath: string;
  bucket: string;
  key: string;
  /** False when an object with the same hash was already in the bucket. */
  uploaded: boolean;
  bytes: number;
}

export interface ChangeSetReview {
  stackName: string;
  region: string;
  kind: "create" | "update";
  changeSetId?: string;
  changeSetName?: string;
  /** CloudFormation found nothing to change; the change set has been deleted. */
  noChanges: boolean;
  changes: ResourceChangeLine[];
  iam: IamChange[];
  cost: CostDelta;
  artifacts: PackagedArtifactLine[];
  /** Set when the template was too big for TemplateBody and went by URL. */
  templateUrl?: string;
}

const ACTIONS: Record<string, ChangeAction> = { Add: "add", Modify: "modify", Remove: "remove", Import: "import", Dynamic: "dynamic" };

export function resourceChanges(changes: ChangeLike[]): ResourceChangeLine[] {
  return changes
    .filter((c) => c.ResourceChange)
    .map((c) => {
      const rc = c.ResourceChange!;
      const props = [...new Set((rc.Details ?? []).map((d) => d.Target?.Name).filter((n): n is string => !!n))];
      return {
        action: ACTIONS[rc.Action ?? ""] ?? "other",
        logicalId: rc.LogicalResourceId ?? "?",
        resourceType: rc.ResourceType ?? "?",
        physicalId: rc.PhysicalResourceId,
        replacement: rc.Replacement === "True" ? "always" : rc.Replacement === "Conditional" ? "conditional" : undefined,
        changedProperties: props,
      };
    });
}

/** "$12.34" — cost figures in the review. */
export function formatUsd(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  return `${sign}$${Math.abs(amount).toFixed(2)}`;
}

export function costDeltaText(cost: CostDelta): string {
  if (!cost.available) return `Cost: not estimated — ${cost.reason}`;
  const delta = cost.after - cost.before;
  const direction = Math.abs(delta) < 0.005 ? "no change" : `${delta > 0 ? "+" : ""}${formatUsd(delta)}/month`;
  return `Cost: ${formatUsd(cost.before)}/month → ${formatUsd(cost.after)}/month (${direction})${cost.note ? ` — ${cost.note}` : ""}`;
}

const VERB: Record<ChangeAction, string> = { add: "Add", modify: "Modify", remove: "Remove", import: "Import", dynamic: "Dynamic", other: "Change" };

export function changeLineText(c: ResourceChangeLine): string {
  const replace = c.replacement === "always" ? " — REPLACED (a new physical resource; data in the old one is not carried over)" : c.replacement === "conditional" ? " — may be replaced" : "";
  const props = c.changedProperties.length ? ` (${c.changedProperties.join(", ")})` : "";
  return `${VERB[c.action]} ${c.logicalId} [${c.resourceType}]${props}${replace}`;
}

/** The whole review as text: what the CLI prints and what the panel's copy button copies. */
export function reviewText(review: ChangeSetReview): string {
  const lines: string[] = [];
  lines.push(`${review.kind === "create" ? "Create" : "Update"} stack ${review.stackName} in ${review.region}`);
  if (review.artifacts.length) {
    lines.push("", "Packaged code:");
    for (const a of review.artifacts) lines.push(`  ${a.localPath} → s3://${a.bucket}/${a.key} (${a.uploaded ? "uploaded" : "already there"}, ${a.bytes} bytes)`);
  }
  if (review.templateUrl) lines.push("", `Template passed by URL (over 51,200 bytes): ${review.templateUrl}`);
  lines.push("");
  if (review.noChanges) {
    lines.push("No changes: the stack already matches this template. Nothing to deploy.");
    return lines.join("\n");
  }
  const counts = (["add", "modify", "remove"] as const).map((a) => `${review.changes.filter((c) => c.action === a).length} to ${a}`);
  const replaced = review.changes.filter((c) => c.replacement === "always").length;
  lines.push(`Resource changes: ${counts.join(", ")}${replaced ? `, ${replaced} replaced` : ""}`);
  for (const c of review.changes) lines.push(`  ${changeLineText(c)}`);
  lines.push("");
  if (review.iam.length) {
    lines.push("IAM changes:");
    for (const i of review.iam) {
      lines.push(`  ${i.summary}${i.broad ? " — BROAD: grants every action or every resource" : ""}`);
      for (const g of i.grants) lines.push(`    - ${g}`);
    }
  } else lines.push("IAM changes: none");
  lines.push("", costDeltaText(review.cost));
  return lines.join("\n");
}
