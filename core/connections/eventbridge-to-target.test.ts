import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { importTemplate } from "../model/import";
import { CORPUS, corpusAvailable } from "../template/corpus.test-support";
import { APP, refusal, wire } from "./fixture.test-support";

describe("eventbridge-to-target", () => {
  it.runIf(corpusAvailable)("recognises Schedule and EventBridgeRule events through the rules SAM creates (sam-translator eventbridgerule.yaml)", () => {
    const model = importTemplate(readFileSync(`${CORPUS}sam-translator/input/eventbridgerule.yaml`, "utf8")).model!;
    const wires = model.connections.filter((c) => c.rule === "eventbridge-to-target").map((c) => `${c.from}->${c.to} ${c.label}`).sort();
    expect(wires).toEqual(["ScheduledFunctionSchedule->ScheduledFunction rate(1 minute)", "TriggeredFunctionOnTerminate->TriggeredFunction event pattern"]);
    expect(model.resources.find((r) => r.id === "ScheduledFunctionSchedule")?.kind).toBe("schedule");
  });

  it("adds a target and the Lambda permission for a rule → function, and removes both on disconnect", () => {
    const { result, wire: w } = wire("Nightly", "Worker");
    expect(result.text).toContain("      Targets:\n        - Id: WorkerTarget\n          Arn: !GetAtt Worker.Arn");
    expect(result.text).toContain("  WorkerNightlyPermission:\n    Type: AWS::Lambda::Permission");
    expect(result.text).toContain("      Principal: events.amazonaws.com\n      SourceArn: !GetAtt Nightly.Arn");
    expect(w.writes.map((x) => x.resource).sort()).toEqual(["Nightly", "WorkerNightlyPermission"]);
  });

  it("adds a target with a role for a rule → state machine", () => {
    const { result, wire: w } = wire("Nightly", "Flow");
    expect(result.text).toContain("RoleArn: !GetAtt NightlyFlowRole.Arn");
    expect(result.text).toContain("Action: states:StartExecution");
    expect(w.writes.map((x) => x.resource).sort()).toEqual(["Nightly", "NightlyFlowRole"]);
  });

  it("writes an EventBridgeRule event for a bus → function, drawn as bus → rule → function", () => {
    const { result, added } = wire("Bus", "Worker");
    expect(added).toContain("Type: EventBridgeRule");
    expect(added).toContain("EventBusName: !Ref Bus");
    expect(result.model.connections.some((c) => c.from === "Bus" && c.to === "WorkerBusEvents")).toBe(true);
  });

  it("sets an EventBridge Scheduler schedule's one target, with a role the scheduler assumes", () => {
    const text = APP.replace("  Clicks:\n", "  Every5:\n    Type: AWS::Scheduler::Schedule\n    Properties:\n      ScheduleExpression: rate(5 minutes)\n      FlexibleTimeWindow:\n        Mode: 'OFF'\n\n  Clicks:\n");
    const { result, wire: w } = wire("Every5", "Worker", {}, text);
    expect(result.text).toContain("      Target:\n        Arn: !GetAtt Worker.Arn\n        RoleArn: !GetAtt Every5Role.Arn");
    expect(result.text).toContain("Service: scheduler.amazonaws.com");
    expect(result.text).toContain("Action: lambda:InvokeFunction");
    expect(w.writes.map((x) => x.resource).sort()).toEqual(["Every5", "Every5Role"]);
    expect(refusal("Every5", "Helper", {}, result.text).reason).toContain("exactly one");
  });

  it("refuses to wire the rule SAM creates for another function's event", () => {
    const { result } = wire("Bus", "Worker");
    const r = refusal("WorkerBusEvents", "Helper", {}, result.text);
    expect(r.reason).toContain("SAM creates");
  });
});
