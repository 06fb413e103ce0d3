/**
 * Every quick fix, applied through the real text-splice engine (core/template/operations), makes
 * its problem go away (or, for a loop, lowers it to the note that the prefix must be respected).
 */
import { describe, expect, it } from "vitest";
import type { Problem } from "../model/types";
import { applyOperation } from "../template/operations";
import { checkTemplate } from "./index";

function applyFix(text: string, problem: Problem): string {
  const result = applyOperation(text, problem.fix!.operation);
  if ("refused" in result) throw new Error(`refused: ${result.reason}`);
  return result.text;
}

const CASES: { name: string; rule: string; text: string; after: (problems: Problem[]) => void; preferences?: Record<string, unknown> }[] = [
  {
    name: "limiting an S3 trigger to incoming/ turns a loop error into a note",
    rule: "runaway-loop",
    text: `Transform: AWS::Serverless-2016-10-31
Resources:
  # uploads land here
  Uploads:
    Type: AWS::S3::Bucket
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Policies:
        - S3CrudPolicy:
            BucketName: !Ref Uploads
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
`,
    after: (problems) => expect(problems.map((p) => p.severity)).toEqual(["info"]),
  },
  {
    name: "a SAM-created on-failure queue satisfies the async check",
    rule: "async-without-failure-destination",
    text: `Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        M: { Type: SNS, Properties: { Topic: !Ref Topic } }
`,
    after: (problems) => expect(problems).toEqual([]),
  },
  {
    name: "a retry limit on a Kinesis event leaves only the missing destination",
    rule: "stream-without-failure-handling",
    text: `Transform: AWS::Serverless-2016-10-31
Resources:
  S:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 1 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        K:
          Type: Kinesis
          Properties:
            Stream: !GetAtt S.Arn
            StartingPosition: LATEST
`,
    after: (problems) => {
      expect(problems).toHaveLength(1);
      expect(problems[0].message).toContain("records given up on after the retries are lost");
    },
  },
  {
    name: "six times the function timeout satisfies the visibility check",
    rule: "sqs-visibility-timeout",
    text: `Transform: AWS::Serverless-2016-10-31
Resources:
  Q:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Timeout: 15
      Events:
        J: { Type: SQS, Properties: { Queue: !GetAtt Q.Arn } }
`,
    after: (problems) => expect(problems).toEqual([]),
  },
  {
    name: "29 s satisfies the REST API timeout check",
    rule: "function-timeout",
    text: `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 60
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        G: { Type: Api, Properties: { Path: /, Method: get } }
`,
    after: (problems) => expect(problems).toEqual([]),
  },
  {
    name: "making the declared authorizer the default closes the open route",
    rule: "api-without-authorizer",
    text: `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        Authorizers:
          Users:
            UserPoolArn: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        G: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /, Method: get } }
`,
    after: (problems) => expect(problems).toEqual([]),
  },
  {
    name: "blocking all public access satisfies the bucket check",
    rule: "bucket-public-access",
    text: "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: false\n",
    after: (problems) => expect(problems).toEqual([]),
  },
  {
    name: "a retention satisfies the log group check",
    rule: "log-group-retention",
    text: "Resources:\n  L:\n    Type: AWS::Logs::LogGroup\n",
    after: (problems) => expect(problems).toEqual([]),
  },
  {
    name: "reserving concurrency satisfies the budget check",
    rule: "reserved-concurrency-budget",
    preferences: { concurrencyBudget: 10 },
    text: `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        G: { Type: HttpApi, Properties: { Path: /, Method: get } }
`,
    after: (problems) => expect(problems).toEqual([]),
  },
];

describe("quick fixes applied through the template engine", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const before = checkTemplate(c.text, { rules: [c.rule], preferences: c.preferences }).problems;
      expect(before).toHaveLength(1);
      expect(before[0].fix).toBeDefined();
      const fixed = applyFix(c.text, before[0]);
      expect(fixed).not.toBe(c.text);
      c.after(checkTemplate(fixed, { rules: [c.rule], preferences: c.preferences }).problems);
    });
  }

  it("keeps the rest of the file byte-identical, comments included", () => {
    const text = CASES[0].text;
    const fixed = applyFix(text, checkTemplate(text, { rules: ["runaway-loop"] }).problems[0]);
    expect(fixed.startsWith(text.slice(0, text.indexOf("            Events: s3:ObjectCreated:*")))).toBe(true);
    expect(fixed).toContain("# uploads land here");
  });
});
