import { describe, expect, it } from "vitest";
import { useStore } from "./index";
import { emptyHistory } from "./history";
import { concurrencyBudgetOf, parseConcurrencyBudget, withConcurrencyBudget } from "./checks";

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

  it("sets the concurrency budget as one undoable, saved step that the reserved-concurrency check reads", () => {
    load(QUEUE_LOOP);
    s().updateSettings((settings) => ({ ...settings, preferences: { theme: "kept" } }));
    s().changePreferences("Set the concurrency budget to 50", (prefs) => withConcurrencyBudget(prefs, 50));
    expect(s().settings.preferences).toEqual({ theme: "kept", concurrencyBudget: 50 });
    expect(s().dirty).toBe(true);
    expect(s().history.past.at(-1)?.label).toBe("Set the concurrency budget to 50");
    const budget = s().problems.find((p) => p.code === "check/reserved-concurrency-budget")!;
    expect(budget.message).toContain("your concurrency budget is 50");
    expect(budget.fix?.operation).toEqual({ op: "setProperty", id: "Worker", path: ["ReservedConcurrentExecutions"], value: 50 });

    s().undo();
    expect(s().settings.preferences).toEqual({ theme: "kept" });
    expect(s().problems.some((p) => p.code === "check/reserved-concurrency-budget")).toBe(false);
    expect(s().templateText).toBe(QUEUE_LOOP);
    s().redo();
    expect(concurrencyBudgetOf(s().settings)).toBe(50);
    expect(s().problems.some((p) => p.code === "check/reserved-concurrency-budget")).toBe(true);
  });

  it("records nothing when the budget is set to the value it already has", () => {
    load(QUEUE_LOOP);
    s().changePreferences("Set", (prefs) => withConcurrencyBudget(prefs, 20));
    const steps = s().history.past.length;
    s().changePreferences("Set", (prefs) => withConcurrencyBudget(prefs, 20));
    expect(s().history.past.length).toBe(steps);
    s().changePreferences("Off", (prefs) => withConcurrencyBudget(prefs, undefined));
    expect(s().settings.preferences).not.toHaveProperty("concurrencyBudget");
  });

  it("reads a typed budget as a whole number, empty as off, and refuses anything else", () => {
    expect(parseConcurrencyBudget(" 1,000 ")).toEqual({ budget: 1000 });
    expect(parseConcurrencyBudget("")).toEqual({ budget: undefined });
    for (const bad of ["0", "-5", "2.5", "ten"]) expect(parseConcurrencyBudget(bad)).toHaveProperty("error");
  });
});
