/**
 * A small SAM application with one resource of each kind, for the connection rule tests, and a
 * helper that wires two of its resources and checks the round trip.
 */
import { expect } from "vitest";
import { importTemplate } from "../model/import";
import type { Connection, EditResult, Refusal, TemplateModel } from "../model/types";
import { applyOperation, undoText } from "../template/operations";

export const APP = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: One resource of each kind, for the connection rule tests

Resources:
  Api:
    Type: AWS::Serverless::HttpApi

  RestApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: Prod

  # The function most wires end at.
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/Worker/

  Helper:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/Helper/
      Policies: AWSLambdaBasicExecutionRole

  Uploads:
    Type: AWS::S3::Bucket

  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH

  Jobs:
    Type: AWS::SQS::Queue

  JobsDlq:
    Type: AWS::SQS::Queue

  Notices:
    Type: AWS::SNS::Topic

  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: app-bus

  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 day)

  Clicks:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1

  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Done
        States:
          Done:
            Type: Succeed

  Legacy:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/legacy
      Code:
        ZipFile: exports.handler = async () => {};
`;

export const appModel = (): TemplateModel => importTemplate(APP, "template.yaml").model!;

const isRefusal = (r: EditResult | Refusal): r is Refusal => "refused" in r;

/** The lines an edit added, as text (for exact expectations on what a wire writes). */
export function addedText(before: string, after: string): string {
  const a = before.split("\n");
  const b = after.split("\n");
  let pre = 0;
  while (pre < a.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  return b.slice(pre, b.length - suf).join("\n");
}

/**
 * Wire two resources of the fixture; check the wire is recognised on re-import, undo gives back
 * the bytes, and (unless `keepsExtra`) disconnecting gives back the bytes too.
 */
export function wire(from: string, to: string, settings: Record<string, unknown> = {}, text = APP, keepsExtra = false): { result: EditResult; wire: Connection; added: string } {
  const result = applyOperation(text, { op: "connect", from, to, settings }, "template.yaml");
  if (isRefusal(result)) throw new Error(`refused: ${result.reason}`);
  const made = result.model.connections.filter((c) => (c.from === from || result.model.resources.find((r) => r.id === c.from)?.implicit) && c.to === to && c.writes.length > 0 && !importTemplate(text).model!.connections.some((o) => o.id === c.id));
  expect(made.length).toBe(1);
  expect(undoText(result)).toBe(text);
  const back = applyOperation(result.text, { op: "disconnect", connectionId: made[0].id }, "template.yaml");
  if (isRefusal(back)) throw new Error(`disconnect refused: ${back.reason}`);
  if (!keepsExtra) expect(back.text).toBe(text);
  return { result, wire: made[0], added: addedText(text, result.text) };
}

export function refusal(from: string, to: string, settings: Record<string, unknown> = {}, text = APP): Refusal {
  const result = applyOperation(text, { op: "connect", from, to, settings }, "template.yaml");
  if (!isRefusal(result)) throw new Error(`expected a refusal, got:\n${addedText(text, result.text)}`);
  return result;
}
