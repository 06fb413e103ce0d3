import { describe, expect, it } from "vitest";
import { sampleEvent, defaultTestEvent } from "./sample-events";
import { handlerEventType } from "./declarations";
import { typeErrors } from "../../test/unit/code/typecheck";
import { TRIGGER_KINDS, type TriggerKind } from "./types";

/**
 * The fields each event source's documented example event has at the top of a record, as listed
 * on the AWS pages cited in sample-events.ts (read 2026-11-23).
 */
const DOCUMENTED_FIELDS: Record<Exclude<TriggerKind, "scheduler">, { path: string; fields: string[] }> = {
  "api-rest": { path: "", fields: ["resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body", "isBase64Encoded"] },
  "api-http": { path: "", fields: ["version", "routeKey", "rawPath", "rawQueryString", "headers", "requestContext", "isBase64Encoded"] },
  s3: { path: "Records.0", fields: ["eventVersion", "eventSource", "awsRegion", "eventTime", "eventName", "userIdentity", "requestParameters", "responseElements", "s3"] },
  sqs: { path: "Records.0", fields: ["messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion"] },
  dynamodb: { path: "Records.0", fields: ["eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "eventSourceARN"] },
  kinesis: { path: "Records.0", fields: ["kinesis", "eventSource", "eventVersion", "eventID", "eventName", "invokeIdentityArn", "awsRegion", "eventSourceARN"] },
  sns: { path: "Records.0", fields: ["EventVersion", "EventSubscriptionArn", "EventSource", "Sns"] },
  eventbridge: { path: "", fields: ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"] },
  schedule: { path: "", fields: ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"] },
};

const NESTED: [TriggerKind, string, string[]][] = [
  ["api-http", "requestContext.http", ["method", "path", "protocol", "sourceIp", "userAgent"]],
  ["s3", "Records.0.s3", ["s3SchemaVersion", "configurationId", "bucket", "object"]],
  ["s3", "Records.0.s3.object", ["key", "size", "eTag", "sequencer"]],
  ["sqs", "Records.0.attributes", ["ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"]],
  ["dynamodb", "Records.0.dynamodb", ["Keys", "NewImage", "SequenceNumber", "SizeBytes", "StreamViewType"]],
  ["kinesis", "Records.0.kinesis", ["kinesisSchemaVersion", "partitionKey", "sequenceNumber", "data", "approximateArrivalTimestamp"]],
  ["sns", "Records.0.Sns", ["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertUrl", "UnsubscribeUrl", "MessageAttributes"]],
];

function at(value: unknown, path: string): Record<string, unknown> {
  let v: any = value;
  for (const part of path ? path.split(".") : []) v = v?.[part];
  return v;
}

describe("sample events", () => {
  const ENVELOPE_KINDS = TRIGGER_KINDS.filter((k): k is Exclude<TriggerKind, "scheduler"> => k !== "scheduler");
  for (const kind of ENVELOPE_KINDS) {
    it(`have the field names AWS documents for ${kind}`, () => {
      const { path, fields } = DOCUMENTED_FIELDS[kind];
      const record = at(sampleEvent({ kind }), path);
      expect(Object.keys(record).sort()).toEqual(expect.arrayContaining([...fields].sort()));
      for (const key of Object.keys(record)) expect(fields).toContain(key);
    });
  }

  for (const [kind, path, fields] of NESTED) {
    it(`fill ${kind} ${path} with the documented fields`, () => {
      expect(Object.keys(at(sampleEvent({ kind }), path))).toEqual(expect.arrayContaining(fields));
    });
  }

  it("type-check as the @types/aws-lambda event of their trigger", () => {
    const lines = ENVELOPE_KINDS.map((kind, i) => `export const e${i}: import("aws-lambda").${handlerEventType(kind)} = ${JSON.stringify(sampleEvent({ kind }))};`);
    expect(typeErrors({ "events.ts": lines.join("\n") })).toEqual([]);
  });

  it("use the wired source's names", () => {
    expect(at(sampleEvent({ kind: "sqs", source: "OrdersQueue" }), "Records.0").eventSourceARN).toBe("arn:aws:sqs:us-east-1:123456789012:OrdersQueue");
    expect(at(sampleEvent({ kind: "s3", source: "UploadsBucket" }), "Records.0.s3.bucket").name).toBe("uploads-bucket");
    const api = sampleEvent({ kind: "api-rest", method: "POST", path: "/orders/{id}" });
    expect(api).toMatchObject({ httpMethod: "POST", resource: "/orders/{id}", path: "/orders/id-value", pathParameters: { id: "id-value" } });
    expect(typeof api.body).toBe("string");
    expect(sampleEvent({ kind: "api-http", method: "GET", path: "/items" })).toMatchObject({ routeKey: "GET /items", rawPath: "/items" });
  });

  it("pass EventBridge Scheduler's Input as the event itself", () => {
    expect(sampleEvent({ kind: "scheduler", input: '{"job":"nightly"}' })).toEqual({ job: "nightly" });
    expect(sampleEvent({ kind: "scheduler", input: "plain text" })).toEqual({ input: "plain text" });
    expect(sampleEvent({ kind: "scheduler" })).toEqual({});
  });

  it("start a function without triggers with an empty object", () => {
    expect(defaultTestEvent({ functionId: "F", triggers: [], accesses: [], environment: [] })).toEqual({});
  });
});
