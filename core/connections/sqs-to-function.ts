/**
 * An SQS queue triggers a function: Lambda polls the queue and invokes the function with batches.
 *
 * SAM: an `SQS` event (`Queue: !GetAtt Q.Arn`, `BatchSize`); SAM adds the event source mapping and
 * the SQSPollerPolicy-style permissions. New wires report partial batch failures
 * (`FunctionResponseTypes: [ReportBatchItemFailures]`): only failed messages are retried, and a
 * handler that returns nothing still counts as full success (Lambda docs, "Handling errors for an
 * SQS event source in Lambda").
 */
import { addEventPlan, freeEventName, recogniseEventTriggers, updateEventPlan, type EventTriggerSpec } from "./event-trigger";
import { recogniseEventSourceMappings } from "./event-source-mapping";
import { refuse, type ConnectionRule } from "./rule";

const spec: EventTriggerSpec = {
  rule: "sqs-to-function",
  eventTypes: ["SQS"],
  label: (e) => `batch ${String(e.properties.BatchSize ?? 10)}`,
  settings: (e) => ({
    batchSize: e.properties.BatchSize ?? 10,
    maximumBatchingWindowInSeconds: e.properties.MaximumBatchingWindowInSeconds,
    reportBatchItemFailures: Array.isArray(e.properties.FunctionResponseTypes) && e.properties.FunctionResponseTypes.includes("ReportBatchItemFailures"),
    enabled: e.properties.Enabled,
  }),
  summary: (e, from) => `SQS event ${e.name} on ${e.owner.id}: polls ${from} in batches of ${String(e.properties.BatchSize ?? 10)}`,
  why: () => "SAM creates the event source mapping and gives the function permission to receive and delete the queue's messages",
  settingProperties: { batchSize: "BatchSize", maximumBatchingWindowInSeconds: "MaximumBatchingWindowInSeconds", enabled: "Enabled", functionResponseTypes: "FunctionResponseTypes" },
};

export const sqsToFunction: ConnectionRule = {
  id: "sqs-to-function",
  kind: "trigger",
  title: "An SQS queue triggers a function (event source mapping)",
  recognise: (ctx) => [...recogniseEventTriggers(ctx, spec), ...recogniseEventSourceMappings(ctx, "sqs-to-function", ["queue"])],
  canConnect(from, to) {
    if (from.kind !== "queue") return undefined;
    if (to.kind !== "function") {
      if (to.kind === "queue") return undefined; // dead-letter queues: destinations rule
      return refuse(`A queue cannot push messages to a ${to.kind}; queues are read by pollers.`, `Connect ${from.id} → a function that forwards the messages.`);
    }
    if (to.type !== "AWS::Serverless::Function") {
      return refuse(`${to.id} is a plain AWS::Lambda::Function, which has no SAM events.`, "Use an AWS::Serverless::Function, or add an AWS::Lambda::EventSourceMapping by hand.");
    }
    return { ok: true, rule: "sqs-to-function", kind: "trigger", label: "batch 10", summary: `Lambda polls ${from.id} and invokes ${to.id}` };
  },
  connect(_ctx, from, to, settings) {
    const batchSize = Number(settings.batchSize ?? 10);
    const properties: Record<string, unknown> = { Queue: { "Fn::GetAtt": [from.id, "Arn"] }, BatchSize: batchSize };
    if (settings.reportBatchItemFailures !== false) properties.FunctionResponseTypes = ["ReportBatchItemFailures"];
    const name = freeEventName(to, settings.event ? String(settings.event) : `${from.id}Messages`);
    return addEventPlan(
      to,
      name,
      "SQS",
      properties,
      `Adds the SQS event ${name} to ${to.id}: batches of ${batchSize} from ${from.id}${properties.FunctionResponseTypes ? ", reporting partial batch failures" : ""}`,
      spec.why(undefined as never, from.id),
    );
  },
  update: (ctx, connection, settings) => {
    if (!connection.writes[0]?.path.length) return refuse("This mapping is plain CloudFormation; edit the AWS::Lambda::EventSourceMapping itself.");
    const { reportBatchItemFailures, ...rest } = settings;
    const next: Record<string, unknown> = { ...rest };
    if (reportBatchItemFailures !== undefined) next.functionResponseTypes = reportBatchItemFailures ? ["ReportBatchItemFailures"] : undefined;
    return updateEventPlan(ctx, connection, spec, next);
  },
};
