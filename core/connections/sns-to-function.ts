/**
 * An SNS topic delivers each message to a subscribed function or queue.
 *
 * SAM: an `SNS` event (`Topic: !Ref T`); SAM adds the subscription and the invoke permission.
 * Plain CloudFormation: `AWS::SNS::Subscription` resources and the topic's inline `Subscription`
 * list, with protocol `lambda` or `sqs`.
 */
import type { Connection, ConnectionWrite, Resource } from "../model/types";
import { addEventPlan, freeEventName, recogniseEventTriggers, updateEventPlan, type EventTriggerSpec } from "./event-trigger";
import { asRecord, findReferences } from "./references-walk";
import { makeConnection, refuse, type ConnectPlan, type ConnectionRule, type RuleContext, type TemplateChange } from "./rule";

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

/** Queue policies naming this queue, with the index of their statement that lets this topic send. */
function queuePolicies(ctx: RuleContext, queue: string, topic: string): { policy: Resource; statements: number; index: number }[] {
  const out: { policy: Resource; statements: number; index: number }[] = [];
  for (const p of ctx.model.resources) {
    if (p.type !== "AWS::SQS::QueuePolicy" || !findReferences(p.properties.Queues).some((x) => x.id === queue)) continue;
    const statements = ([] as unknown[]).concat(asRecord(p.properties.PolicyDocument)?.Statement ?? []);
    const index = statements.findIndex((st) => findReferences(asRecord(st)?.Condition).some((x) => x.id === topic));
    out.push({ policy: p, statements: statements.length, index });
  }
  return out;
}

/** The part of a queue policy a topic → queue wire owns: the whole policy when it only serves this topic. */
function queuePolicyWrites(ctx: RuleContext, queue: string, topic: string): ConnectionWrite[] {
  return queuePolicies(ctx, queue, topic)
    .filter((q) => q.index >= 0)
    .map((q) =>
      q.statements === 1
        ? { resource: q.policy.id, path: [], description: `queue policy ${q.policy.id}` }
        : { resource: q.policy.id, path: ["Properties", "PolicyDocument", "Statement", q.index], description: `statement letting ${topic} send to ${queue}` },
    );
}

function sendStatement(queue: string, topic: string): Record<string, unknown> {
  return {
    Effect: "Allow",
    Principal: { Service: "sns.amazonaws.com" },
    Action: "sqs:SendMessage",
    Resource: { "Fn::GetAtt": [queue, "Arn"] },
    Condition: { ArnEquals: { "aws:SourceArn": { Ref: topic } } },
  };
}

function freeId(ctx: RuleContext, base: string): string {
  let id = base;
  for (let n = 2; ctx.byId.has(id); n++) id = `${base}${n}`;
  return id;
}

/**
 * Topic → queue: an AWS::SNS::Subscription (protocol sqs, raw delivery so the queue gets the
 * message as published, not wrapped in SNS's JSON envelope) and a queue policy statement letting
 * only this topic send (SNS docs, "Fanout to Amazon SQS queues"). A queue keeps one policy: a
 * second AWS::SQS::QueuePolicy on the same queue would replace the first, so an existing one gets
 * the statement added instead.
 */
function connectQueue(ctx: RuleContext, topic: Resource, queue: Resource): ConnectPlan {
  const subscription = freeId(ctx, `${queue.id}${topic.id}Subscription`);
  const changes: TemplateChange[] = [
    {
      change: "set",
      path: ["Resources", subscription],
      value: { Type: "AWS::SNS::Subscription", Properties: { TopicArn: { Ref: topic.id }, Protocol: "sqs", Endpoint: { "Fn::GetAtt": [queue.id, "Arn"] }, RawMessageDelivery: true } },
    },
  ];
  const existing = queuePolicies(ctx, queue.id, topic.id)[0];
  let policyWords: string;
  if (existing) {
    changes.push({ change: "append", path: ["Resources", existing.policy.id, "Properties", "PolicyDocument", "Statement"], value: sendStatement(queue.id, topic.id) });
    policyWords = `a statement in ${existing.policy.id}`;
  } else {
    const policy = freeId(ctx, `${queue.id}Policy`);
    changes.push({
      change: "set",
      path: ["Resources", policy],
      value: { Type: "AWS::SQS::QueuePolicy", Properties: { Queues: [{ Ref: queue.id }], PolicyDocument: { Version: "2012-10-17", Statement: [sendStatement(queue.id, topic.id)] } } },
    });
    policyWords = `the queue policy ${policy}`;
  }
  return {
    changes,
    summary: `Adds the subscription ${subscription} (sqs, raw delivery) and ${policyWords} letting ${topic.id} send to ${queue.id}`,
    why: "SNS delivers each message to the queue; the queue's policy must allow the topic (and only it) to send",
    touched: [subscription, ...(existing ? [existing.policy.id] : [changes[1].path[1] as string])],
  };
}

function recogniseSubscriptions(ctx: RuleContext): Connection[] {
  const out: Connection[] = [];
  const subscriber = (endpoint: unknown) => findReferences(endpoint).map((r) => r.id).find((id) => SUBSCRIBER_KINDS.includes(ctx.byId.get(id)?.kind ?? ""));
  const topicOf = (arn: unknown) => findReferences(arn).map((r) => r.id).find((id) => ctx.byId.get(id)?.kind === "topic");
  for (const r of ctx.model.resources) {
    if (r.type === "AWS::SNS::Subscription") {
      const topic = topicOf(r.properties.TopicArn);
      const to = subscriber(r.properties.Endpoint);
      if (!topic || !to) continue;
      const writes: ConnectionWrite[] = [{ resource: r.id, path: [], description: `subscription ${r.id}` }];
      if (ctx.byId.get(to)?.kind === "queue") writes.push(...queuePolicyWrites(ctx, to, topic));
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
          writes,
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
    if (to.kind === "queue") {
      const fifo = (r: Resource) => r.properties.FifoQueue === true || r.properties.FifoQueue === "true" || r.properties.FifoTopic === true || r.properties.FifoTopic === "true";
      if (fifo(to) && !fifo(from)) return refuse("A FIFO queue can only subscribe to a FIFO topic (SNS docs, 'FIFO topics').");
      return { ok: true, rule: "sns-to-function", kind: "trigger", label: "sqs", summary: `Subscribes ${to.id} to ${from.id} and lets the topic send to it` };
    }
    if (to.kind !== "function") {
      return refuse(`Flowform wires SNS topics to functions and queues; a subscription to a ${to.kind} is not written for you.`, `Subscribe a function that forwards to ${to.id}.`);
    }
    if (to.type !== "AWS::Serverless::Function") {
      return refuse(`${to.id} is a plain AWS::Lambda::Function, which has no SAM events.`, "Use an AWS::Serverless::Function, or add an AWS::SNS::Subscription and Lambda permission by hand.");
    }
    return { ok: true, rule: "sns-to-function", kind: "trigger", label: "subscription", summary: `Subscribes ${to.id} to ${from.id}` };
  },
  connect(ctx, from, to, settings) {
    if (to.kind === "queue") return connectQueue(ctx, from, to);
    const properties: Record<string, unknown> = { Topic: { Ref: from.id } };
    if (settings.filterPolicy) properties.FilterPolicy = settings.filterPolicy;
    const name = freeEventName(to, settings.event ? String(settings.event) : `${from.id}Message`);
    return addEventPlan(to, name, "SNS", properties, `Adds the SNS event ${name} to ${to.id}, subscribing it to ${from.id}`, spec.why(undefined as never, from.id));
  },
  update: (ctx, connection, settings) =>
    connection.writes[0]?.path.includes("Events") ? updateEventPlan(ctx, connection, spec, settings) : refuse("This subscription is plain CloudFormation; edit it in the template."),
};
