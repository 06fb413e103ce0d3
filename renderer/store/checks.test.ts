import { describe, expect, it } from "vitest";
import { useStore } from "./index";
import { emptyHistory } from "./history";

const s = () => useStore.getState();

const QUEUE_LOOP = `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Timeout: 20
      Policies:
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Jobs.QueueName
      Events:
        Job:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
`;

function load(text: string) {
  useStore.setState({ history: emptyHistory(), nodes: [], edges: [], selectedIds: [], selectedWire: null });
  s().setTemplateText(text, "load");
}

describe("architecture checks in the store", () => {
  it("lists check problems with the reading problems, located on the template's lines", () => {
    load(QUEUE_LOOP);
    const codes = s().problems.filter((p) => p.source === "check").map((p) => p.code);
    expect(codes).toContain("check/runaway-loop");
    expect(codes).toContain("check/sqs-visibility-timeout");
    const visibility = s().problems.find((p) => p.code === "check/sqs-visibility-timeout")!;
    expect(visibility.line).toBe(6);
    expect(visibility.file).toBe("template.yaml");
  });

  it("applies a quick fix as an undoable operation", () => {
    load(QUEUE_LOOP);
    const visibility = s().problems.find((p) => p.code === "check/sqs-visibility-timeout")!;
    expect(s().runOperation(visibility.fix!.operation, "problems")).not.toHaveProperty("refused");
    expect(s().templateText).toContain("VisibilityTimeout: 120");
    expect(s().problems.some((p) => p.code === "check/sqs-visibility-timeout")).toBe(false);
    s().undo();
    expect(s().templateText).toBe(QUEUE_LOOP);
    expect(s().problems.some((p) => p.code === "check/sqs-visibility-timeout")).toBe(true);
  });

  it("re-runs the checks when the concurrency budget preference changes", () => {
    load(QUEUE_LOOP);
    expect(s().problems.some((p) => p.code === "check/reserved-concurrency-budget")).toBe(false);
    s().updateSettings((settings) => ({ ...settings, preferences: { ...settings.preferences, concurrencyBudget: 10 } }));
    expect(s().problems.some((p) => p.code === "check/reserved-concurrency-budget")).toBe(true);
  });
});
