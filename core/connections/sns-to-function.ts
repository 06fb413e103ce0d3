/**
 * An SNS topic delivers each message to a subscribed function (or, recognised from existing
 * templates, a subscribed queue).
 *
 * SAM: an `SNS` event (`Topic: !Ref T`); SAM adds the subscription and the invoke permission.
 * Plain CloudFormation: `AWS::SNS::Subscription` resources and the topic's inline `Subscription`
 * list, with protocol `lambda` or `sqs`.
 */
import type { Connection } from "../model/types";
import { addEventPlan, freeEventName, recogniseEventTriggers, updateEventPlan, type EventTriggerSpec } from "./event-trigger";
import { asRecord, findReferences } from "./references-walk";
import { makeConnection, refuse, type ConnectionRule, type RuleContext } from "./rule";

const spec: EventTriggerSpec = {
  rule: "sns-to-function",
  eventTypes: ["SNS"],
  label: (e) => (e.properties.FilterPolicy ? "filtered" : "subscription"),
  settings: (e) => ({ filterPolicy: e.properties.FilterPolicy, sqsSubscription: e.properties.SqsSubscription }),
  summary: (e, from) => `SNS event ${e.name} on ${e.owner.id}: subscribes it to ${from}`,
  why: () => "SAM creates the subscription and the permission for SNS to invoke the function",
  settingProperties: { filterPolicy: "FilterPolicy" },
};

const SUBSCRIBER_KINDS = ["function", "queue"];

function recogniseSubscriptions(ctx: RuleContext): Connection[] {
  const out: Connection[] = [];
  const subscriber = (endpoint: unknown) => findReferences(endpoint).map((r) => r.id).find((id) => SUBSCRIBER_KINDS.includes(ctx.byId.get(id)?.kind ?? ""));
  const topicOf = (arn: unknown) => findReferences(arn).map((r) => r.id).find((id) => ctx.byId.get(id)?.kind === "topic");
  for (const r of ctx.model.resources) {
    if (r.type === "AWS::SNS::Subscription") {
      const topic = topicOf(r.properties.TopicArn);
      const to = subscriber(r.properties.Endpoint);
      if (!topic || !to) continue;
      out.push(
        makeConnection({
          kind: "trigger",
          from: topic,
          to,
          rule: "sns-to-function",
          label: r.properties.FilterPolicy ? "filtered" : String(r.properties.Protocol ?? "subscription"),
          settings: { protocol: r.properties.Protocol, resource: r.id, filterPolicy: r.properties.FilterPolicy },
          summary: `Subscription ${r.id} delivers ${topic}'s messages to ${to}`,
          why: `SNS pushes each published message to every subscriber${ctx.byId.get(to)?.kind === "queue" ? "; the queue also needs a policy that lets the topic send to it" : ""}`,
          writes: [{ resource: r.id, path: [], description: `subscription ${r.id}` }],
        }),
      );
    } else if (r.kind === "topic" && Array.isArray(r.properties.Subscription)) {
      r.properties.Subscription.forEach((item, i) => {
        const to = subscriber(asRecord(item)?.Endpoint);
        if (!to) return;
        out.push(
          makeConnection({
            kind: "trigger",
            from: r.id,
            to,
            rule: "sns-to-function",
            label: String(asRecord(item)?.Protocol ?? "subscription"),
            settings: { protocol: asRecord(item)?.Protocol },
            summary: `Inline subscription ${i + 1} of ${r.id} delivers its messages to ${to}`,
            why: "SNS pushes each published message to every subscriber",
            writes: [{ resource: r.id, path: ["Properties", "Subscription", i], description: `subscription ${i + 1}` }],
          }),
        );
      });
    }
  }
  return out;
}

export const snsToFunction: ConnectionRule = {
  id: "sns-to-function",
  kind: "trigger",
  title: "An SNS topic delivers messages to a subscribed function",
  recognise: (ctx) => [...recogniseEventTriggers(ctx, spec), ...recogniseSubscriptions(ctx)],
  canConnect(from, to) {
    if (from.kind !== "topic") return undefined;
    if (to.kind !== "function") {
      return refuse(
        `Flowform wires SNS topics to functions; a subscription to a ${to.kind} is not written for you.`,
        to.kind === "queue" ? "Add an AWS::SNS::Subscription (Protocol sqs) and an AWS::SQS::QueuePolicy by hand, or subscribe a function." : `Subscribe a function that forwards to ${to.id}.`,
      );
    }
    if (to.type !== "AWS::Serverless::Function") {
      return refuse(`${to.id} is a plain AWS::Lambda::Function, which has no SAM events.`, "Use an AWS::Serverless::Function, or add an AWS::SNS::Subscription and Lambda permission by hand.");
    }
    return { ok: true, rule: "sns-to-function", kind: "trigger", label: "subscription", summary: `Subscribes ${to.id} to ${from.id}` };
  },
  connect(_ctx, from, to, settings) {
    const properties: Record<string, unknown> = { Topic: { Ref: from.id } };
    if (settings.filterPolicy) properties.FilterPolicy = settings.filterPolicy;
    const name = freeEventName(to, settings.event ? String(settings.event) : `${from.id}Message`);
    return addEventPlan(to, name, "SNS", properties, `Adds the SNS event ${name} to ${to.id}, subscribing it to ${from.id}`, spec.why(undefined as never, from.id));
  },
  update: (ctx, connection, settings) =>
    connection.writes[0]?.path.includes("Events") ? updateEventPlan(ctx, connection, spec, settings) : refuse("This subscription is plain CloudFormation; edit it in the template."),
};
