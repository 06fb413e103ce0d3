/**
 * Plain CloudFormation event source mappings (`AWS::Lambda::EventSourceMapping`): the poller that
 * reads a queue or stream and invokes a function. Shared by the SQS and stream rules.
 */
import type { Connection } from "../model/types";
import { findReferences } from "./references-walk";
import { makeConnection, type RuleContext } from "./rule";

export function recogniseEventSourceMappings(ctx: RuleContext, rule: string, sourceKinds: readonly string[]): Connection[] {
  const out: Connection[] = [];
  for (const r of ctx.model.resources) {
    if (r.type !== "AWS::Lambda::EventSourceMapping") continue;
    const source = findReferences(r.properties.EventSourceArn).map((x) => x.id).find((id) => sourceKinds.includes(ctx.byId.get(id)?.kind ?? ""));
    const fn = findReferences(r.properties.FunctionName).map((x) => x.id).find((id) => ctx.byId.get(id)?.kind === "function");
    if (!source || !fn) continue;
    const batch = r.properties.BatchSize;
    out.push(
      makeConnection({
        kind: "trigger",
        from: source,
        to: fn,
        rule,
        label: batch !== undefined ? `batch ${String(batch)}` : "poll",
        settings: { batchSize: batch, resource: r.id, startingPosition: r.properties.StartingPosition },
        summary: `Event source mapping ${r.id}: Lambda polls ${source} and invokes ${fn}`,
        why: "Lambda's poller reads the source in batches and invokes the function with each batch",
        writes: [{ resource: r.id, path: [], description: `event source mapping ${r.id}` }],
      }),
    );
  }
  return out;
}
