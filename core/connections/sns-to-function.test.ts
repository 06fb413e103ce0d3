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

  it("subscribes a queue with raw delivery and a queue policy only the topic may use, and removes both on disconnect", () => {
    const { result, wire: w } = wire("Notices", "Jobs");
    expect(result.text).toContain(`  JobsNoticesSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Notices
      Protocol: sqs
      Endpoint: !GetAtt Jobs.Arn
      RawMessageDelivery: true`);
    expect(result.text).toContain(`  JobsPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Jobs
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: sns.amazonaws.com
            Action: sqs:SendMessage
            Resource: !GetAtt Jobs.Arn
            Condition:
              ArnEquals:
                aws:SourceArn: !Ref Notices`);
    expect(w.writes.map((x) => x.resource).sort()).toEqual(["JobsNoticesSubscription", "JobsPolicy"]);
  });

  it("adds a statement to the queue's existing policy rather than a second policy that would replace it", () => {
    const first = wire("Notices", "Jobs");
    const text = first.result.text.replace("  Bus:\n", "  Alerts:\n    Type: AWS::SNS::Topic\n\n  Bus:\n");
    const { result, wire: w } = wire("Alerts", "Jobs", {}, text);
    expect(result.text.match(/AWS::SQS::QueuePolicy/g)).toHaveLength(1);
    expect(result.text).toContain("aws:SourceArn: !Ref Alerts");
    expect(w.writes).toContainEqual({ resource: "JobsPolicy", path: ["Properties", "PolicyDocument", "Statement", 1], description: "statement letting Alerts send to Jobs" });
  });

  it("refuses a subscription to a table, saying what to do instead", () => {
    expect(refusal("Notices", "Orders").fix).toContain("function");
  });
});
