import { describe, expect, it } from "vitest";
import { importTemplate } from "../model/import";
import { applyOperation } from "../template/operations";
import { STARTERS } from "../starters";
import { refusal, wire } from "./fixture.test-support";

describe("sqs-to-function", () => {
  it("recognises an SQS event with its batch size", () => {
    const model = importTemplate(STARTERS.find((s) => s.id === "queue-worker")!.template).model!;
    const c = model.connections.find((x) => x.rule === "sqs-to-function")!;
    expect(`${c.from}->${c.to} ${c.label}`).toBe("JobsQueue->Worker batch 10");
    expect(c.settings.reportBatchItemFailures).toBe(true);
  });

  it("recognises a plain CloudFormation event source mapping, owning the mapping resource", () => {
    const text = `Resources:
  Q:
    Type: AWS::SQS::Queue
  F:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, Role: arn:aws:iam::1:role/r, Code: { ZipFile: x } }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Q.Arn
      FunctionName: !Ref F
      BatchSize: 5
`;
    const c = importTemplate(text).model!.connections.find((x) => x.rule === "sqs-to-function")!;
    expect(`${c.from}->${c.to} ${c.label}`).toBe("Q->F batch 5");
    expect(c.writes).toEqual([{ resource: "Mapping", path: [], description: "event source mapping Mapping" }]);
  });

  it("writes an SQS event with batch size 10 and partial batch failure reporting", () => {
    const { added } = wire("Jobs", "Worker");
    expect(added).toBe(`      Events:
        JobsMessages:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 10
            FunctionResponseTypes:
              - ReportBatchItemFailures`);
  });

  it("changes the batch size in place", () => {
    const { result, wire: w } = wire("Jobs", "Worker");
    const updated = applyOperation(result.text, { op: "updateConnection", connectionId: w.id, settings: { batchSize: 25 } });
    if ("refused" in updated) throw new Error(updated.reason);
    expect(updated.text).toContain("BatchSize: 25");
    expect(updated.model.connections.find((c) => c.rule === "sqs-to-function")?.label).toBe("batch 25");
  });

  it("refuses a queue pushing to a topic", () => {
    expect(refusal("Jobs", "Notices").reason).toContain("cannot push");
  });
});
