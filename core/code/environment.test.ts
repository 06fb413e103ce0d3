import { describe, expect, it } from "vitest";
import { modelFrom } from "./testing/model";
import { invokeEnvironment } from "./environment";
import { functionRunSettings, functionWiring } from "./wiring";

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: dev }
  ApiKey: { Type: String }
Globals:
  Function:
    Timeout: 10
    Environment:
      Variables:
        LOG_LEVEL: info
        STAGE: !Ref Stage
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: 512
      Architectures: [arm64]
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/Fn/
      Environment:
        Variables:
          TABLE: !Ref OrdersTable
          QUEUE_URL: !Ref Jobs
          TOPIC: !Ref Alerts
          QUEUE_ARN: !GetAtt Jobs.Arn
          KEY: !Ref ApiKey
          URL: !Sub "https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/\${Stage}"
          LOG_LEVEL: debug
          RETRIES: 3
      Events:
        Work: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn, BatchSize: 5 } }
  OrdersTable: { Type: AWS::Serverless::SimpleTable }
  Jobs: { Type: AWS::SQS::Queue }
  Alerts: { Type: AWS::SNS::Topic }
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: prod } }
`;

describe("local invoke environment", () => {
  const model = modelFrom(TEMPLATE, [{ kind: "access", from: "Fn", to: "OrdersTable", label: "read" }]);

  it("replaces references with readable placeholders and resolves what it can", () => {
    const env = invokeEnvironment(model, "Fn");
    expect(env).toMatchObject({
      TABLE: "<OrdersTable name>",
      QUEUE_URL: "<Jobs URL>",
      TOPIC: "<Alerts ARN>",
      QUEUE_ARN: "<Jobs ARN>",
      KEY: "<ApiKey parameter>",
      URL: "https://<Api ID>.execute-api.us-east-1.amazonaws.com/dev",
      STAGE: "dev",
      RETRIES: "3",
    });
  });

  it("lets the function's own variables win over Globals", () => {
    expect(invokeEnvironment(model, "Fn").LOG_LEVEL).toBe("debug");
  });

  it("sets the runtime's own variables and never AWS credentials", () => {
    const env = invokeEnvironment(model, "Fn");
    expect(env.AWS_LAMBDA_FUNCTION_NAME).toBe("Fn");
    expect(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE).toBe("512");
    expect(Object.keys(env).filter((k) => /SECRET|ACCESS_KEY|SESSION_TOKEN|PROFILE/.test(k))).toEqual([]);
  });

  it("reads run settings with Globals applied", () => {
    expect(functionRunSettings(model, "Fn")).toEqual({ timeout: 10, memorySize: 512, architecture: "arm64", runtime: "python3.12", handler: "app.handler", codeUri: "src/Fn/" });
  });

  it("tells a ScheduleV2 (EventBridge Scheduler) trigger from a scheduled rule", () => {
    const m = modelFrom(`Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Old: { Type: Schedule, Properties: { Schedule: rate(1 hour) } }
        New: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 day), Input: '{"a":1}' } }`);
    expect(functionWiring(m, "Fn").triggers).toEqual([
      { kind: "schedule", eventName: "Old" },
      { kind: "scheduler", eventName: "New", input: '{"a":1}' },
    ]);
  });

  it("reads a plain CloudFormation function's local Code folder", () => {
    const m = modelFrom(`Resources:
  Plain: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs20.x, Handler: index.handler, Code: ./lambda, Timeout: 7 } }
  Zipped: { Type: AWS::Lambda::Function, Properties: { Runtime: nodejs20.x, Handler: index.handler, Code: { ZipFile: "exports.handler = async () => 1" } } }`);
    expect(functionRunSettings(m, "Plain")).toMatchObject({ codeUri: "./lambda", timeout: 7 });
    expect(functionRunSettings(m, "Zipped").codeUri).toBeUndefined();
  });

  it("finds the SQS trigger and the variable the access wire wrote", () => {
    const w = functionWiring(model, "Fn");
    expect(w.triggers).toEqual([{ kind: "sqs", eventName: "Work", source: "Jobs" }]);
    expect(w.accesses).toEqual([{ target: "OrdersTable", targetType: "AWS::Serverless::SimpleTable", service: "dynamodb", mode: "read", envVar: "TABLE", envVarDeclared: true, envValue: "name" }]);
  });
});
