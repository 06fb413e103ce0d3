import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { typeErrors } from "../../test/unit/code/typecheck";
import { modelFrom } from "./testing/model";
import { functionWiring } from "./wiring";
import { generateStarter, starterSource } from "./starter";
import { codeProperties } from "./runtimes";
import { generateDeclarations } from "./declarations";
import type { FunctionWiring, TriggerKind } from "./types";

const ALL_ACCESS = `
  OrdersTable: { Type: AWS::DynamoDB::Table }
  UploadsBucket: { Type: AWS::S3::Bucket }
  WorkQueue: { Type: AWS::SQS::Queue }
  AlertsTopic: { Type: AWS::SNS::Topic }
`;

function wiringFor(events: string, accesses: string[] = [], env = ""): FunctionWiring {
  const model = modelFrom(
    `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
${env ? `      Environment:\n        Variables:\n${env}` : ""}
${events ? `      Events:\n${events}` : ""}
${ALL_ACCESS}`,
    accesses.map((to) => ({ kind: "access", from: "Fn", to, label: to === "OrdersTable" ? "read-write" : "write" })),
  );
  return functionWiring(model, "Fn");
}

const EVENTS: Record<TriggerKind, string> = {
  "api-rest": "        Get: { Type: Api, Properties: { Path: '/orders/{id}', Method: get } }",
  "api-http": "        Get: { Type: HttpApi, Properties: { Path: /orders, Method: post } }",
  s3: "        Up: { Type: S3, Properties: { Bucket: !Ref UploadsBucket, Events: s3:ObjectCreated:* } }",
  sqs: "        Q: { Type: SQS, Properties: { Queue: !GetAtt WorkQueue.Arn } }",
  dynamodb: "        S: { Type: DynamoDB, Properties: { Stream: !GetAtt OrdersTable.StreamArn, StartingPosition: LATEST } }",
  kinesis: "        K: { Type: Kinesis, Properties: { Stream: arn:aws:kinesis:us-east-1:123456789012:stream/x, StartingPosition: LATEST } }",
  sns: "        T: { Type: SNS, Properties: { Topic: !Ref AlertsTopic } }",
  eventbridge: "        E: { Type: EventBridgeRule, Properties: { Pattern: { source: [com.example] } } }",
  schedule: "        Tick: { Type: Schedule, Properties: { Schedule: rate(5 minutes) } }",
  scheduler: `        Nightly: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 day), Input: '{"job":"nightly"}' } }`,
};

const ENV = `          TABLE_NAME: !Ref OrdersTable
          BUCKET: !Ref UploadsBucket
          QUEUE_URL: !Ref WorkQueue
          TOPIC_ARN: !Ref AlertsTopic
          STAGE: prod`;

describe("starter code from the wiring", () => {
  it("gives an API-triggered function a handler that returns a status code and a body", () => {
    const src = starterSource(wiringFor(EVENTS["api-http"]), "typescript");
    expect(src).toMatch(/statusCode: 200/);
    expect(src).toMatch(/body: JSON\.stringify\(result\)/);
    expect(src).toContain("APIGatewayProxyEventV2");
  });

  it("loops over S3 records and URL-decodes the object key", () => {
    const src = starterSource(wiringFor(EVENTS.s3), "javascript");
    expect(src).toContain("for (const record of event.Records)");
    expect(src).toContain("decodeURIComponent(record.s3.object.key.replace(/\\+/g, \" \"))");
  });

  it("returns a partial batch response with the failed SQS message ids", () => {
    const w = wiringFor(EVENTS.sqs);
    expect(starterSource(w, "typescript")).toMatch(/batchItemFailures\.push\(\{ itemIdentifier: record\.messageId \}\)/);
    expect(starterSource(w, "javascript")).toContain("const batchItemFailures = [];");
    expect(starterSource(w, "python")).toContain('batch_item_failures.append({"itemIdentifier": record["messageId"]})');
  });

  it("reports the first failed stream record's sequence number for DynamoDB and Kinesis", () => {
    expect(starterSource(wiringFor(EVENTS.dynamodb), "typescript")).toContain("itemIdentifier: record.dynamodb?.SequenceNumber");
    expect(starterSource(wiringFor(EVENTS.kinesis), "python")).toContain('"itemIdentifier": record["kinesis"]["sequenceNumber"]');
  });

  it("reads SNS messages, EventBridge detail and the schedule's time", () => {
    expect(starterSource(wiringFor(EVENTS.sns), "typescript")).toContain("record.Sns.Message");
    expect(starterSource(wiringFor(EVENTS.eventbridge), "typescript")).toContain("event.detail");
    expect(starterSource(wiringFor(EVENTS.schedule), "python")).toContain('event.get("time")');
  });

  it("adds the env var read and the SDK v3 call for each resource the function is wired to", () => {
    const w = wiringFor(EVENTS.sqs, ["OrdersTable", "UploadsBucket", "WorkQueue", "AlertsTopic"], ENV);
    const src = starterSource(w, "typescript");
    expect(src).toContain('import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";');
    expect(src).toContain("const TABLE_NAME = process.env.TABLE_NAME");
    expect(src).toContain("new PutCommand({ TableName: TABLE_NAME");
    expect(src).toContain("new PutObjectCommand({ Bucket: BUCKET");
    expect(src).toContain("new SendMessageCommand({ QueueUrl: QUEUE_URL");
    expect(src).toContain("new PublishCommand({ TopicArn: TOPIC_ARN");
    const py = starterSource(w, "python");
    expect(py).toContain('TABLE_NAME = os.environ.get("TABLE_NAME", "")');
    expect(py).toContain("sqs.send_message(QueueUrl=QUEUE_URL");
    expect(py).toContain('boto3.client("sns")');
  });

  it("uses a read call for a read-only wire", () => {
    const model = modelFrom(`Resources:
  Fn: { Type: AWS::Serverless::Function, Properties: { Environment: { Variables: { T: !Ref Tbl } } } }
  Tbl: { Type: AWS::DynamoDB::Table }`, [{ kind: "access", from: "Fn", to: "Tbl", settings: { access: "read" } }]);
    const src = starterSource(functionWiring(model, "Fn"), "javascript");
    expect(src).toContain("new GetCommand({ TableName: T");
    expect(src).not.toContain("PutCommand");
  });

  it("names an env var for a wire whose variable is missing from the template and says so", () => {
    const w = wiringFor("", ["WorkQueue"]);
    expect(w.accesses[0]).toMatchObject({ envVar: "WORK_QUEUE", envVarDeclared: false, envValue: "URL" });
    expect(starterSource(w, "typescript")).toContain("add this variable to the function's environment");
    expect(generateDeclarations(w)).toContain("readonly WORK_QUEUE?: string;");
    expect(typeErrors({ "index.ts": starterSource(w, "typescript"), "fn.d.ts": generateDeclarations(w) })).toEqual([]);
  });

  it("puts the files under src/<LogicalId>/ with the handler the template should point at", () => {
    const ts1 = generateStarter(wiringFor(EVENTS.sqs, ["OrdersTable"], ENV), { runtime: "nodejs22.x", language: "typescript", architecture: "arm64" });
    expect(ts1.handler).toBe("index.handler");
    expect(ts1.files.map((f) => f.path)).toEqual(["src/Fn/index.ts", "src/Fn/package.json"]);
    expect(JSON.parse(ts1.files[1].content).devDependencies).toHaveProperty("@aws-sdk/lib-dynamodb");
    const py = generateStarter(wiringFor(EVENTS.sqs), { runtime: "python3.13", architecture: "x86_64" });
    expect(py.handler).toBe("app.handler");
    expect(py.files[0].path).toBe("src/Fn/app.py");
    expect(codeProperties("Fn", { runtime: "nodejs22.x", language: "typescript", architecture: "arm64" }).map((p) => p.path.join("."))).toEqual(["Properties.CodeUri", "Properties.Handler", "Properties.Runtime", "Properties.Architectures", "Metadata"]);
    expect(codeProperties("Fn", { runtime: "nodejs22.x", language: "typescript", architecture: "arm64" }, "AWS::Lambda::Function").map((p) => p.path.join("."))).toEqual(["Properties.Code", "Properties.Handler", "Properties.Runtime", "Properties.Architectures"]);
    const js = generateStarter(wiringFor(""), { runtime: "nodejs20.x", language: "javascript", architecture: "x86_64" });
    expect(js.files[0].path).toBe("src/Fn/index.mjs");
  });
});

describe("generated TypeScript type-checks against @types/aws-lambda", () => {
  for (const kind of Object.keys(EVENTS) as TriggerKind[]) {
    it(`compiles the ${kind} starter with its declarations and every access kind`, () => {
      const w = wiringFor(EVENTS[kind], ["OrdersTable", "UploadsBucket", "WorkQueue", "AlertsTopic"], ENV);
      const errors = typeErrors({ "index.ts": starterSource(w, "typescript"), "fn.d.ts": generateDeclarations(w) });
      expect(errors).toEqual([]);
    });
  }

  it("types process.env with exactly the function's variables", () => {
    const w = wiringFor(EVENTS.sqs, ["OrdersTable"], ENV);
    const dts = generateDeclarations(w);
    expect(dts).toContain("readonly TABLE_NAME: string;");
    expect(dts).toContain("The name of OrdersTable (read-write wire).");
    const ok = typeErrors({ "a.ts": "export const t: string = process.env.TABLE_NAME; export const s = process.env.STAGE;", "fn.d.ts": dts });
    expect(ok).toEqual([]);
    const bad = typeErrors({ "a.ts": "export const t = process.env.NOT_WIRED;", "fn.d.ts": dts });
    expect(bad.join("\n")).toMatch(/Property 'NOT_WIRED' does not exist/);
  });

  it("types the handler's event as the union of its triggers' events", () => {
    const w = wiringFor(`${EVENTS.sqs}\n${EVENTS.schedule}`);
    const dts = generateDeclarations(w);
    expect(dts).toContain('type FnEvent = import("aws-lambda").SQSEvent | import("aws-lambda").ScheduledEvent;');
    const bad = typeErrors({ "a.ts": "export function f(e: FnEvent) { return e.Records; }", "fn.d.ts": dts });
    expect(bad.join("\n")).toMatch(/Records/);
  });
});

describe("generated JavaScript and Python are valid syntax", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "flowform-starter-"));
  const hasPython = spawnSync("python3", ["--version"]).status === 0;
  for (const kind of Object.keys(EVENTS) as TriggerKind[]) {
    it(`parses the ${kind} starter in Node and Python`, () => {
      const w = wiringFor(EVENTS[kind], ["OrdersTable", "UploadsBucket", "WorkQueue", "AlertsTopic"], ENV);
      const js = path.join(dir, `${kind}.mjs`);
      writeFileSync(js, starterSource(w, "javascript"));
      execFileSync(process.execPath, ["--check", js]);
      if (hasPython) {
        const py = path.join(dir, `${kind}.py`);
        writeFileSync(py, starterSource(w, "python"));
        execFileSync("python3", ["-m", "py_compile", py]);
      }
    });
  }
  it.runIf(true)("cleans up", () => rmSync(dir, { recursive: true, force: true }));
});
