import { describe, expect, it } from "vitest";
import { importTemplate } from "../model/import";
import { applyOperation } from "../template/operations";
import { typeErrors } from "../../test/unit/code/typecheck";
import { generateDeclarations, handlerEventType } from "./declarations";
import { functionWiring } from "./wiring";
import type { TriggerKind } from "./types";

/** One function with one trigger of each kind, as SAM writes them. */
const TRIGGERS: Record<TriggerKind, { event: string; extra?: string }> = {
  "api-rest": { event: "Get: { Type: Api, Properties: { Path: /orders, Method: get } }" },
  "api-http": { event: "Get: { Type: HttpApi, Properties: { Path: /orders, Method: get } }" },
  s3: { event: "Up: { Type: S3, Properties: { Bucket: !Ref Uploads, Events: s3:ObjectCreated:* } }", extra: "  Uploads: { Type: AWS::S3::Bucket }" },
  sqs: { event: "Q: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } }", extra: "  Jobs: { Type: AWS::SQS::Queue }" },
  dynamodb: {
    event: "S: { Type: DynamoDB, Properties: { Stream: !GetAtt Orders.StreamArn, StartingPosition: LATEST } }",
    extra: "  Orders: { Type: AWS::DynamoDB::Table, Properties: { StreamSpecification: { StreamViewType: NEW_IMAGE } } }",
  },
  kinesis: { event: "K: { Type: Kinesis, Properties: { Stream: !GetAtt Clicks.Arn, StartingPosition: LATEST } }", extra: "  Clicks: { Type: AWS::Kinesis::Stream }" },
  sns: { event: "T: { Type: SNS, Properties: { Topic: !Ref Alerts } }", extra: "  Alerts: { Type: AWS::SNS::Topic }" },
  eventbridge: { event: "E: { Type: EventBridgeRule, Properties: { Pattern: { source: [com.example] } } }" },
  schedule: { event: "Tick: { Type: Schedule, Properties: { Schedule: rate(5 minutes) } }" },
  scheduler: { event: "Nightly: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 day) } }" },
};

function templateWith(kind: TriggerKind): string {
  const { event, extra } = TRIGGERS[kind];
  return `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/Fn/
      Events:
        ${event}
${extra ?? ""}
`;
}

function declarationsOf(text: string, functionId = "Fn"): string {
  const { model, problems } = importTemplate(text, "template.yaml");
  if (!model) throw new Error(problems.map((p) => p.message).join("; "));
  return generateDeclarations(functionWiring(model, functionId));
}

/** A field only the right event type has, read in a handler typed with the generated event. */
const FIELD_OF: Record<Exclude<TriggerKind, "scheduler">, string> = {
  "api-rest": "e.httpMethod",
  "api-http": "e.requestContext.http.method",
  s3: "e.Records[0].s3.object.key",
  sqs: "e.Records[0].messageId",
  dynamodb: "e.Records[0].dynamodb?.NewImage",
  kinesis: "e.Records[0].kinesis.data",
  sns: "e.Records[0].Sns.Message",
  eventbridge: "e.detail",
  schedule: "e['detail-type']",
};

describe("declarations per trigger kind", () => {
  for (const kind of Object.keys(TRIGGERS) as TriggerKind[]) {
    it(`types the ${kind} handler's event as @types/aws-lambda's ${handlerEventType(kind)}`, () => {
      const dts = declarationsOf(templateWith(kind));
      const expected = kind === "scheduler" ? "unknown" : `import("aws-lambda").${handlerEventType(kind)}`;
      expect(dts).toContain(`type FnEvent = ${expected};`);
      if (kind === "scheduler") return;
      // The field of its own event compiles; SQS's messageId on any other event does not.
      expect(typeErrors({ "a.ts": `export const f = (e: FnEvent) => ${FIELD_OF[kind]};`, "fn.d.ts": dts })).toEqual([]);
      if (kind !== "sqs") {
        expect(typeErrors({ "a.ts": "export const f = (e: FnEvent) => e.Records[0].messageId;", "fn.d.ts": dts })).not.toEqual([]);
      }
    });
  }
});

describe("declarations per access kind", () => {
  const TARGETS: [string, string, RegExp][] = [
    ["Orders", "AWS::DynamoDB::Table", /The name of Orders/],
    ["Uploads", "AWS::S3::Bucket", /The name of Uploads/],
    ["Jobs", "AWS::SQS::Queue", /The URL of Jobs/],
    ["Alerts", "AWS::SNS::Topic", /The ARN of Alerts/],
  ];
  for (const [target, type, doc] of TARGETS) {
    it(`adds the variable an access wire to an ${type} writes, and nothing else, when the wire is drawn`, () => {
      const before = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/Fn/
  ${target}:
    Type: ${type}
`;
      const beforeDts = declarationsOf(before);
      const connected = applyOperation(before, { op: "connect", from: "Fn", to: target }, "template.yaml");
      if ("refused" in connected) throw new Error(connected.reason);
      const access = functionWiring(connected.model, "Fn").accesses.find((a) => a.target === target);
      expect(access?.envVarDeclared).toBe(true);
      const variable = access!.envVar;
      const afterDts = declarationsOf(connected.text);

      // Before the wire, reading the variable is a type error; after it, the variable is a string.
      const reader = `export const v: string = process.env.${variable};`;
      expect(beforeDts).not.toContain(variable);
      expect(typeErrors({ "a.ts": reader, "fn.d.ts": beforeDts }).join("\n")).toMatch(new RegExp(`Property '${variable}' does not exist`));
      expect(afterDts).toMatch(doc);
      expect(typeErrors({ "a.ts": reader, "fn.d.ts": afterDts })).toEqual([]);
      // Exactly the wired variables (plus the runtime's own): another name is still an error.
      expect(typeErrors({ "a.ts": "export const v = process.env.SOMETHING_ELSE;", "fn.d.ts": afterDts }).join("\n")).toMatch(/SOMETHING_ELSE/);
    });
  }
});
