import { describe, expect, it } from "vitest";
import { importTemplate } from "../model/import";
import { applyOperation } from "../template/operations";
import { STARTERS } from "../starters";
import { wire } from "./fixture.test-support";

describe("references", () => {
  const withRole = `Transform: AWS::Serverless-2016-10-31
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
`;

  it("draws hand-written references no other rule explains, and owns nothing", () => {
    const refs = importTemplate(withRole).model!.connections.filter((c) => c.rule === "references");
    expect(refs.map((c) => `${c.from}->${c.to} ${c.label}`)).toEqual(["Fn->Role GetAtt Arn"]);
    expect(refs[0].writes).toEqual([]);
  });

  it("leaves to the SNS wire the queue policy it owns (the fan-out starter)", () => {
    const model = importTemplate(STARTERS.find((s) => s.id === "sns-fan-out")!.template).model!;
    expect(model.connections.filter((c) => c.rule === "references")).toEqual([]);
    expect(model.connections.find((c) => c.to === "FulfilmentQueue" && c.rule === "sns-to-function")?.writes.map((w) => w.resource)).toEqual(["FulfilmentSubscription", "FulfilmentQueuePolicy"]);
  });

  it("refuses to disconnect a hand-written reference", () => {
    const ref = importTemplate(withRole).model!.connections.find((c) => c.rule === "references")!;
    const r = applyOperation(withRole, { op: "disconnect", connectionId: ref.id });
    expect("refused" in r && r.reason).toContain("written by hand");
  });

  it("adds a layer to a function and removes exactly it", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Shared:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/Shared/
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
`;
    const { added, wire: w } = wire("Worker", "Shared", {}, text);
    expect(added).toBe("      Layers:\n        - !Ref Shared");
    expect(w.label).toBe("layer");
  });

  it("reports DependsOn as a reference", () => {
    const text = `Resources:
  A:
    Type: AWS::SNS::Topic
  B:
    Type: AWS::SNS::Topic
    DependsOn: A
`;
    expect(importTemplate(text).model!.connections.map((c) => `${c.from}->${c.to} ${c.label}`)).toEqual(["B->A DependsOn"]);
  });
});
