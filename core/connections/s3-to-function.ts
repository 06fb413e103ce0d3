/**
 * An S3 bucket invokes a function when objects change.
 *
 * SAM: an `S3` event on the function (`Bucket: !Ref B`, `Events`, optional key filter); SAM writes
 * the bucket's notification configuration and the invoke permission. SAM requires the bucket to be
 * declared in the same template (SAM docs, "S3" event source type). Plain CloudFormation is
 * recognised too: `NotificationConfiguration.LambdaConfigurations` on the bucket.
 */
import type { Connection } from "../model/types";
import { addEventPlan, freeEventName, recogniseEventTriggers, updateEventPlan, type EventTriggerSpec } from "./event-trigger";
import { asRecord, findReferences } from "./references-walk";
import { makeConnection, refuse, type ConnectionRule, type RuleContext } from "./rule";

function filterOf(properties: Record<string, unknown>): { prefix?: string; suffix?: string } {
  const rules = asRecord(asRecord(properties.Filter)?.S3Key)?.Rules;
  const out: { prefix?: string; suffix?: string } = {};
  if (Array.isArray(rules)) {
    for (const rule of rules) {
      const r = asRecord(rule);
      const name = String(r?.Name ?? "").toLowerCase();
      if ((name === "prefix" || name === "suffix") && typeof r?.Value === "string") out[name] = r.Value;
    }
  }
  return out;
}

const eventsLabel = (events: unknown) => (Array.isArray(events) ? events.join(", ") : String(events ?? "s3:ObjectCreated:*"));

const spec: EventTriggerSpec = {
  rule: "s3-to-function",
  eventTypes: ["S3"],
  label: (e) => {
    const f = filterOf(e.properties);
    return [eventsLabel(e.properties.Events).replace(/^s3:/, ""), f.prefix && `${f.prefix}*`, f.suffix && `*${f.suffix}`].filter(Boolean).join(" ");
  },
  settings: (e) => ({ events: e.properties.Events, ...filterOf(e.properties) }),
  summary: (e, from) => `S3 event ${e.name} on ${e.owner.id}: ${eventsLabel(e.properties.Events)} in ${from}`,
  why: () => "SAM writes the bucket's notification configuration and the permission for S3 to invoke the function",
  settingProperties: { events: "Events", filter: "Filter" },
};

function recogniseNotifications(ctx: RuleContext): Connection[] {
  const out: Connection[] = [];
  for (const bucket of ctx.model.resources) {
    if (bucket.kind !== "bucket") continue;
    const configs = asRecord(bucket.properties.NotificationConfiguration)?.LambdaConfigurations;
    if (!Array.isArray(configs)) continue;
    configs.forEach((config, i) => {
      const c = asRecord(config);
      const fn = findReferences(c?.Function).map((r) => r.id).find((id) => ctx.byId.get(id)?.kind === "function");
      if (!fn) return;
      out.push(
        makeConnection({
          kind: "trigger",
          from: bucket.id,
          to: fn,
          rule: "s3-to-function",
          label: String(c?.Event ?? "").replace(/^s3:/, ""),
          settings: { events: c?.Event },
          summary: `Notification ${i + 1} of ${bucket.id} invokes ${fn} on ${String(c?.Event)}`,
          why: "S3 calls the function for each matching object event (a Lambda permission for s3.amazonaws.com is needed too)",
          writes: [{ resource: bucket.id, path: ["Properties", "NotificationConfiguration", "LambdaConfigurations", i], description: `Lambda notification ${i + 1}` }],
        }),
      );
    });
  }
  return out;
}

export const s3ToFunction: ConnectionRule = {
  id: "s3-to-function",
  kind: "trigger",
  title: "An S3 bucket invokes a function when objects are created or removed",
  recognise: (ctx) => [...recogniseEventTriggers(ctx, spec), ...recogniseNotifications(ctx)],
  canConnect(from, to) {
    if (from.kind !== "bucket") return undefined;
    if (to.kind === "queue" || to.kind === "topic") {
      return refuse(
        `S3 cannot send to a ${to.kind === "queue" ? "queue" : "topic"} through Flowform's function wiring.`,
        "Connect S3 → function, or S3 → SNS topic with a NotificationConfiguration written by hand.",
      );
    }
    if (to.kind !== "function") return undefined;
    if (to.type !== "AWS::Serverless::Function") {
      return refuse(`${to.id} is a plain AWS::Lambda::Function, which has no SAM events.`, "Use an AWS::Serverless::Function, or add a NotificationConfiguration and Lambda permission by hand.");
    }
    const { Events: _events, ...rest } = to.properties;
    if (findReferences(rest).some((r) => r.id === from.id)) {
      return refuse(
        `${to.id} already refers to ${from.id} (policy or variable); a notification from the bucket to it would be a circular dependency (bucket → function → role → bucket).`,
        `Give ${from.id} a BucketName and refer to that name in ${to.id} instead of !Ref ${from.id}, then connect again.`,
      );
    }
    return { ok: true, rule: "s3-to-function", kind: "trigger", label: "ObjectCreated", summary: `Invokes ${to.id} when objects are created in ${from.id}` };
  },
  connect(_ctx, from, to, settings) {
    const properties: Record<string, unknown> = { Bucket: { Ref: from.id }, Events: settings.events ?? "s3:ObjectCreated:*" };
    const rules: Record<string, unknown>[] = [];
    if (typeof settings.prefix === "string" && settings.prefix) rules.push({ Name: "prefix", Value: settings.prefix });
    if (typeof settings.suffix === "string" && settings.suffix) rules.push({ Name: "suffix", Value: settings.suffix });
    if (rules.length) properties.Filter = { S3Key: { Rules: rules } };
    const name = freeEventName(to, settings.event ? String(settings.event) : `${from.id}Event`);
    return addEventPlan(to, name, "S3", properties, `Adds the S3 event ${name} (${String(properties.Events)} in ${from.id}) to ${to.id}`, spec.why(undefined as never, from.id));
  },
  update: (ctx, connection, settings) => {
    if (!connection.writes[0]?.path.includes("Events")) return refuse("This notification is plain CloudFormation; edit the bucket's NotificationConfiguration itself.");
    const { prefix, suffix, ...rest } = settings;
    const next: Record<string, unknown> = { ...rest };
    if (prefix !== undefined || suffix !== undefined) {
      const p = prefix ?? connection.settings.prefix;
      const s = suffix ?? connection.settings.suffix;
      const rules = [p && { Name: "prefix", Value: p }, s && { Name: "suffix", Value: s }].filter(Boolean);
      next.filter = rules.length ? { S3Key: { Rules: rules } } : undefined;
    }
    return updateEventPlan(ctx, connection, spec, next);
  },
};
