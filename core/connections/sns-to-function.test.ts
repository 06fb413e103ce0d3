import { describe, expect, it } from "vitest";
import { importTemplate } from "../model/import";
import { STARTERS } from "../starters";
import { refusal, wire } from "./fixture.test-support";

describe("sns-to-function", () => {
  it("recognises SNS events, filtered subscriptions and an AWS::SNS::Subscription to a queue", () => {
    const model = importTemplate(STARTERS.find((s) => s.id === "sns-fan-out")!.template).model!;
    const wires = model.connections.filter((c) => c.rule === "sns-to-function").map((c) => `${c.from}->${c.to} ${c.label}`).sort();
    expect(wires).toEqual(["OrderEventsTopic->FlagLargeOrder filtered", "OrderEventsTopic->FulfilmentQueue sqs", "OrderEventsTopic->SendConfirmation subscription"]);
  });

  it("writes an SNS event subscribing the function", () => {
    const { added } = wire("Notices", "Worker");
    expect(added).toBe(`      Events:
        NoticesMessage:
          Type: SNS
          Properties:
            Topic: !Ref Notices`);
  });

  it("refuses to subscribe a queue, saying what to write instead", () => {
    const r = refusal("Notices", "Jobs");
    expect(r.fix).toContain("AWS::SQS::QueuePolicy");
  });
});
