import { describe, expect, it } from "vitest";
import { importTemplate } from "../model/import";
import { connectionOptions } from ".";
import { STARTERS } from "../starters";
import { appModel, refusal, wire } from "./fixture.test-support";

describe("destinations", () => {
  it("recognises a queue's RedrivePolicy as a dead-letter wire", () => {
    const model = importTemplate(STARTERS.find((s) => s.id === "queue-worker")!.template).model!;
    const c = model.connections.find((x) => x.rule === "destinations")!;
    expect(`${c.from}->${c.to} ${c.label}`).toBe("JobsQueue->JobsDeadLetterQueue dead-letter after 5");
  });

  it("writes an on-failure destination for a function → queue", () => {
    const { added, wire: w } = wire("Worker", "Jobs", { as: "on-failure" });
    expect(added).toBe(`      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !GetAtt Jobs.Arn`);
    expect(w.kind).toBe("destination");
  });

  it("writes a dead-letter queue for a function", () => {
    const { added } = wire("Worker", "JobsDlq", { as: "dlq" });
    expect(added).toContain("DeadLetterQueue:\n        Type: SQS\n        TargetArn: !GetAtt JobsDlq.Arn");
  });

  it("uses the topic's ARN (its Ref) for an SNS destination", () => {
    const { added } = wire("Worker", "Notices", { as: "on-failure" });
    expect(added).toContain("Type: SNS\n            Destination: !Ref Notices");
  });

  it("writes a RedrivePolicy for a queue → queue", () => {
    const { added } = wire("Jobs", "JobsDlq");
    expect(added).toContain("RedrivePolicy:\n        deadLetterTargetArn: !GetAtt JobsDlq.Arn\n        maxReceiveCount: 5");
  });

  it("offers both access and on-failure wires for a function → queue", () => {
    const labels = connectionOptions(appModel(), "Worker", "Jobs").map((o) => `${o.rule}:${o.label}`);
    expect(labels).toContain("function-access:send");
    expect(labels).toContain("destinations:on failure");
    expect(labels).toContain("destinations:dead-letter");
  });

  it("refuses a dead-letter queue that is a table", () => {
    expect(refusal("Worker", "Orders", { as: "dlq" }).reason).toContain("SQS queue or an SNS topic");
  });
});
