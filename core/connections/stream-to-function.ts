/**
 * A DynamoDB stream or a Kinesis stream triggers a function.
 *
 * SAM: a `DynamoDB` event (`Stream: !GetAtt T.StreamArn`) or a `Kinesis` event
 * (`Stream: !GetAtt S.Arn`). New wires start at LATEST, split a failing batch in two
 * (BisectBatchOnFunctionError) and stop retrying after 3 attempts, so one bad record cannot block
 * the shard for the stream's whole retention period (Lambda docs, "Using Lambda with Kinesis",
 * "Error handling"). A table with no stream gets `StreamSpecification: NEW_AND_OLD_IMAGES`.
 */
import type { Resource } from "../model/types";
import { addEventPlan, freeEventName, recogniseEventTriggers, updateEventPlan, type EventTriggerSpec } from "./event-trigger";
import { recogniseEventSourceMappings } from "./event-source-mapping";
import { refuse, type ConnectionRule } from "./rule";

const spec: EventTriggerSpec = {
  rule: "stream-to-function",
  eventTypes: ["DynamoDB", "Kinesis"],
  label: (e) => `batch ${String(e.properties.BatchSize ?? 100)}`,
  settings: (e) => ({
    startingPosition: e.properties.StartingPosition,
    batchSize: e.properties.BatchSize ?? 100,
    bisectBatchOnFunctionError: e.properties.BisectBatchOnFunctionError,
    maximumRetryAttempts: e.properties.MaximumRetryAttempts,
    parallelizationFactor: e.properties.ParallelizationFactor,
  }),
  summary: (e, from) => `${e.type} event ${e.name} on ${e.owner.id}: reads ${from}'s stream from ${String(e.properties.StartingPosition ?? "?")}`,
  why: () => "SAM creates the event source mapping and gives the function permission to read the stream",
  settingProperties: {
    startingPosition: "StartingPosition",
    batchSize: "BatchSize",
    bisectBatchOnFunctionError: "BisectBatchOnFunctionError",
    maximumRetryAttempts: "MaximumRetryAttempts",
    parallelizationFactor: "ParallelizationFactor",
    destinationConfig: "DestinationConfig",
  },
};

const isStreamSource = (r: Resource) => r.kind === "stream" || (r.kind === "table" && r.type !== "AWS::Serverless::SimpleTable");

export const streamToFunction: ConnectionRule = {
  id: "stream-to-function",
  kind: "trigger",
  title: "A DynamoDB or Kinesis stream triggers a function",
  recognise: (ctx) => [...recogniseEventTriggers(ctx, spec), ...recogniseEventSourceMappings(ctx, "stream-to-function", ["stream", "table"])],
  canConnect(from, to) {
    if (from.kind !== "stream" && from.kind !== "table") return undefined;
    if (to.kind !== "function") {
      if (from.kind === "table") return undefined; // the table's other wires are access wires, drawn from the function
      return refuse(`A Kinesis stream is read by a consumer; it cannot push records to a ${to.kind}.`, `Connect ${from.id} → a function.`);
    }
    if (!isStreamSource(from)) {
      return refuse(`${from.id} is an AWS::Serverless::SimpleTable, which cannot have a stream.`, "Change it to AWS::DynamoDB::Table first.");
    }
    if (to.type !== "AWS::Serverless::Function") {
      return refuse(`${to.id} is a plain AWS::Lambda::Function, which has no SAM events.`, "Use an AWS::Serverless::Function, or add an AWS::Lambda::EventSourceMapping by hand.");
    }
    return { ok: true, rule: "stream-to-function", kind: "trigger", label: "batch 100", summary: `Invokes ${to.id} with batches of ${from.id}'s ${from.kind === "table" ? "stream records" : "records"}` };
  },
  connect(_ctx, from, to, settings) {
    const dynamo = from.kind === "table";
    const properties: Record<string, unknown> = {
      Stream: { "Fn::GetAtt": [from.id, dynamo ? "StreamArn" : "Arn"] },
      StartingPosition: settings.startingPosition ?? "LATEST",
      BatchSize: Number(settings.batchSize ?? 100),
      BisectBatchOnFunctionError: settings.bisectBatchOnFunctionError ?? true,
      MaximumRetryAttempts: Number(settings.maximumRetryAttempts ?? 3),
    };
    const name = freeEventName(to, settings.event ? String(settings.event) : `${from.id}Stream`);
    const plan = addEventPlan(to, name, dynamo ? "DynamoDB" : "Kinesis", properties, `Adds the ${dynamo ? "DynamoDB" : "Kinesis"} event ${name} to ${to.id}, reading ${from.id} from LATEST in batches of ${String(properties.BatchSize)}`, spec.why(undefined as never, from.id));
    if (dynamo && from.properties.StreamSpecification === undefined) {
      plan.changes.unshift({ change: "set", path: ["Resources", from.id, "Properties", "StreamSpecification"], value: { StreamViewType: "NEW_AND_OLD_IMAGES" } });
      plan.summary += `, and turns on ${from.id}'s stream (NEW_AND_OLD_IMAGES)`;
      plan.touched.push(from.id);
    }
    return plan;
  },
  update: (ctx, connection, settings) =>
    connection.writes[0]?.path.length ? updateEventPlan(ctx, connection, spec, settings) : refuse("This mapping is plain CloudFormation; edit the AWS::Lambda::EventSourceMapping itself."),
};
