/**
 * Sample events per trigger kind, shaped as AWS documents them, filled in with the names from the
 * function's wiring (queue, bucket, route…) so a local test looks like the real thing.
 * Field names follow the example events in these pages (read 2026-11-23):
 *  - REST API (payload 1.0) and HTTP API (payload 2.0): "Create AWS Lambda proxy integrations for
 *    HTTP APIs in API Gateway", https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 *  - S3: "Event message structure", https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 *  - SQS: "Using Lambda with Amazon SQS", https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 *  - DynamoDB: "Using AWS Lambda with Amazon DynamoDB", https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
 *  - Kinesis: "Using Lambda with Kinesis Data Streams", https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 *  - SNS: "Using Lambda with Amazon SNS", https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 *  - EventBridge / schedule: "Event structure reference", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
 *    and "Tutorial: Create an EventBridge scheduled rule for AWS Lambda functions"
 *    (detail-type "Scheduled Event", source "aws.events").
 */
import type { FunctionTrigger, FunctionWiring, TriggerKind } from "./types";

const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const TIME_ISO = "2026-01-15T12:00:00Z";
const TIME_MS = 1768478400000;

function lower(id: string | undefined, fallback: string): string {
  return (id ?? fallback).replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

function restApiEvent(t: FunctionTrigger): Record<string, unknown> {
  const method = t.method && t.method !== "ANY" ? t.method : "GET";
  const resource = t.path ?? "/";
  const path = resource.replace(/\{([^}+]+)\+?\}/g, "$1-value");
  const pathParameters: Record<string, string> = {};
  for (const m of resource.matchAll(/\{([^}+]+)\+?\}/g)) pathParameters[m[1]] = `${m[1]}-value`;
  const body = method === "GET" || method === "DELETE" ? null : JSON.stringify({ hello: "world" });
  return {
    resource,
    path,
    httpMethod: method,
    headers: { "content-type": "application/json", Host: "example.execute-api.us-east-1.amazonaws.com" },
    multiValueHeaders: { "content-type": ["application/json"], Host: ["example.execute-api.us-east-1.amazonaws.com"] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT,
      apiId: "1234567890",
      resourceId: "abc123",
      resourcePath: resource,
      httpMethod: method,
      path: `/Prod${path}`,
      stage: "Prod",
      protocol: "HTTP/1.1",
      requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
      requestTimeEpoch: TIME_MS,
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: "192.0.2.1", user: null,
        userAgent: "Flowform local test", userArn: null,
      },
      authorizer: null,
    },
    body,
    isBase64Encoded: false,
  };
}

function httpApiEvent(t: FunctionTrigger): Record<string, unknown> {
  const method = t.method && t.method !== "ANY" ? t.method : "GET";
  const route = t.path ?? "/";
  const rawPath = route.replace(/\{([^}+]+)\+?\}/g, "$1-value");
  const pathParameters: Record<string, string> = {};
  for (const m of route.matchAll(/\{([^}+]+)\+?\}/g)) pathParameters[m[1]] = `${m[1]}-value`;
  const event: Record<string, unknown> = {
    version: "2.0",
    routeKey: t.path ? `${t.method ?? "ANY"} ${route}` : "$default",
    rawPath,
    rawQueryString: "",
    headers: { "content-type": "application/json", host: "example.execute-api.us-east-1.amazonaws.com" },
    requestContext: {
      accountId: ACCOUNT,
      apiId: "api-id",
      domainName: "example.execute-api.us-east-1.amazonaws.com",
      domainPrefix: "example",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "Flowform local test" },
      requestId: "JKJaXmPLvHcESHA=",
      routeKey: t.path ? `${t.method ?? "ANY"} ${route}` : "$default",
      stage: "$default",
      time: "15/Jan/2026:12:00:00 +0000",
      timeEpoch: TIME_MS,
    },
    isBase64Encoded: false,
  };
  if (Object.keys(pathParameters).length) event.pathParameters = pathParameters;
  if (method !== "GET" && method !== "DELETE") event.body = JSON.stringify({ hello: "world" });
  return event;
}

function s3Event(t: FunctionTrigger): Record<string, unknown> {
  const bucket = lower(t.source, "example-bucket");
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: REGION,
        eventTime: "2026-01-15T12:00:00.000Z",
        eventName: "ObjectCreated:Put",
        userIdentity: { principalId: "EXAMPLE" },
        requestParameters: { sourceIPAddress: "192.0.2.1" },
        responseElements: { "x-amz-request-id": "EXAMPLE123456789", "x-amz-id-2": "EXAMPLE123/abcdefghijklmnopqrstuvwxyz" },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: t.eventName ?? "flowform-test",
          bucket: { name: bucket, ownerIdentity: { principalId: "EXAMPLE" }, arn: `arn:aws:s3:::${bucket}` },
          object: { key: "uploads/example.json", size: 1024, eTag: "0123456789abcdef0123456789abcdef", sequencer: "0A1B2C3D4E5F678901" },
        },
      },
    ],
  };
}

function sqsEvent(t: FunctionTrigger): Record<string, unknown> {
  const queue = t.source ?? "ExampleQueue";
  const record = (n: number) => ({
    messageId: `059f36b4-87a3-44ab-83d2-66197583000${n}`,
    receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a-${n}`,
    body: JSON.stringify({ orderId: `order-${n}` }),
    attributes: {
      ApproximateReceiveCount: "1",
      SentTimestamp: String(TIME_MS),
      SenderId: "AIDAIENQZJOLO23YVJ4VO",
      ApproximateFirstReceiveTimestamp: String(TIME_MS + 2),
    },
    messageAttributes: {},
    md5OfBody: "e4e68fb7bd0e697a0ae8f1bb342846b3",
    eventSource: "aws:sqs",
    eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queue}`,
    awsRegion: REGION,
  });
  return { Records: [record(1), record(2)] };
}

function dynamodbEvent(t: FunctionTrigger): Record<string, unknown> {
  const table = t.source ?? "ExampleTable";
  return {
    Records: [
      {
        eventID: "c4ca4238a0b923820dcc509a6f75849b",
        eventName: "INSERT",
        eventVersion: "1.1",
        eventSource: "aws:dynamodb",
        awsRegion: REGION,
        dynamodb: {
          ApproximateCreationDateTime: TIME_MS / 1000,
          Keys: { id: { S: "101" } },
          NewImage: { id: { S: "101" }, message: { S: "New item!" } },
          SequenceNumber: "4421584500000000017450439091",
          SizeBytes: 26,
          StreamViewType: "NEW_AND_OLD_IMAGES",
        },
        eventSourceARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}/stream/2026-01-15T00:00:00.000`,
      },
    ],
  };
}

function kinesisEvent(t: FunctionTrigger): Record<string, unknown> {
  const stream = t.source ?? "ExampleStream";
  const sequenceNumber = "49590338271490256608559692538361571095921575989136588898";
  return {
    Records: [
      {
        kinesis: {
          kinesisSchemaVersion: "1.0",
          partitionKey: "1",
          sequenceNumber,
          // "Hello, this is a test." in base64: Kinesis record data always arrives base64-encoded.
          data: "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==",
          approximateArrivalTimestamp: TIME_MS / 1000,
        },
        eventSource: "aws:kinesis",
        eventVersion: "1.0",
        eventID: `shardId-000000000006:${sequenceNumber}`,
        eventName: "aws:kinesis:record",
        invokeIdentityArn: `arn:aws:iam::${ACCOUNT}:role/lambda-role`,
        awsRegion: REGION,
        eventSourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${stream}`,
      },
    ],
  };
}

function snsEvent(t: FunctionTrigger): Record<string, unknown> {
  const topic = t.source ?? "ExampleTopic";
  const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT}:${topic}`;
  return {
    Records: [
      {
        EventVersion: "1.0",
        EventSubscriptionArn: `${topicArn}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
        EventSource: "aws:sns",
        Sns: {
          SignatureVersion: "1",
          Timestamp: "2026-01-15T12:00:00.000Z",
          Signature: "EXAMPLE",
          SigningCertUrl: "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem",
          MessageId: "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
          Message: JSON.stringify({ hello: "from SNS" }),
          MessageAttributes: {},
          Type: "Notification",
          UnsubscribeUrl: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=EXAMPLE",
          TopicArn: topicArn,
          Subject: "Example subject",
        },
      },
    ],
  };
}

function eventBridgeEvent(t: FunctionTrigger): Record<string, unknown> {
  return {
    version: "0",
    id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
    "detail-type": "Order Placed",
    source: "com.example.orders",
    account: ACCOUNT,
    time: TIME_ISO,
    region: REGION,
    resources: t.source ? [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${t.source}`] : [],
    detail: { orderId: "order-1" },
  };
}

function scheduleEvent(t: FunctionTrigger): Record<string, unknown> {
  return {
    version: "0",
    id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: ACCOUNT,
    time: TIME_ISO,
    region: REGION,
    resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/${t.source ?? t.eventName ?? "my-schedule"}`],
    detail: {},
  };
}

/**
 * EventBridge Scheduler delivers the schedule's Input (text or JSON) to a templated Lambda target
 * as the event itself ("Target" in the EventBridge Scheduler API Reference,
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_Target.html).
 */
function schedulerEvent(t: FunctionTrigger): Record<string, unknown> {
  if (typeof t.input === "string") {
    try {
      const parsed: unknown = JSON.parse(t.input);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // plain text input: shown as a field so the sample stays an object
    }
    return { input: t.input };
  }
  return t.input && typeof t.input === "object" && !Array.isArray(t.input) ? (t.input as Record<string, unknown>) : {};
}

const BUILDERS: Record<TriggerKind, (t: FunctionTrigger) => Record<string, unknown>> = {
  "api-rest": restApiEvent,
  "api-http": httpApiEvent,
  s3: s3Event,
  sqs: sqsEvent,
  dynamodb: dynamodbEvent,
  kinesis: kinesisEvent,
  sns: snsEvent,
  eventbridge: eventBridgeEvent,
  schedule: scheduleEvent,
  scheduler: schedulerEvent,
};

/** A sample event for one trigger. */
export function sampleEvent(trigger: FunctionTrigger): Record<string, unknown> {
  return BUILDERS[trigger.kind](trigger);
}

/** The sample event a function's Test action starts with: its first trigger's, or `{}` when it has none. */
export function defaultTestEvent(wiring: FunctionWiring): Record<string, unknown> {
  return wiring.triggers[0] ? sampleEvent(wiring.triggers[0]) : {};
}

/** Human label of a trigger kind, for menus. */
export const TRIGGER_LABELS: Record<TriggerKind, string> = {
  "api-rest": "REST API request",
  "api-http": "HTTP API request",
  s3: "S3 object created",
  sqs: "SQS messages",
  dynamodb: "DynamoDB stream records",
  kinesis: "Kinesis records",
  sns: "SNS notification",
  eventbridge: "EventBridge event",
  schedule: "Scheduled event",
  scheduler: "EventBridge Scheduler input",
};
