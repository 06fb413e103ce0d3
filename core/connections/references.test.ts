import { describe, expect, it } from "vitest";
import { importTemplate } from "../model/import";
import { applyOperation } from "../template/operations";
import { STARTERS } from "../starters";
import { wire } from "./fixture.test-support";

describe("references", () => {
  it("draws hand-written references no other rule explains, and owns nothing", () => {
    const model = importTemplate(STARTERS.find((s) => s.id === "sns-fan-out")!.template).model!;
    const refs = model.connections.filter((c) => c.rule === "references");
    expect(refs.map((c) => `${c.from}->${c.to}`).sort()).toEqual(["FulfilmentQueuePolicy->FulfilmentQueue", "FulfilmentQueuePolicy->OrderEventsTopic"]);
    expect(refs.every((c) => c.writes.length === 0)).toBe(true);
  });

  it("refuses to disconnect a hand-written reference", () => {
    const text = STARTERS.find((s) => s.id === "sns-fan-out")!.template;
    const model = importTemplate(text).model!;
    const ref = model.connections.find((c) => c.rule === "references")!;
    const r = applyOperation(text, { op: "disconnect", connectionId: ref.id });
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
