import { describe, expect, it } from "vitest";
import { CARDS, cardFor, docsForType, kindOf, newResourceType, paletteCards, scheduleExpressionOf } from ".";

describe("catalog", () => {
  it("has a card for every first-class kind, each with a stable icon, docs link and editable properties", () => {
    const kinds = paletteCards().map((c) => c.kind);
    expect(kinds).toEqual(["http-api", "rest-api", "function", "bucket", "table", "queue", "topic", "event-bus", "event-rule", "schedule", "stream", "state-machine", "user-pool", "layer"]);
    for (const card of paletteCards()) {
      expect(card.icon, card.kind).toMatch(/^aws-[a-z0-9-]+$/);
      expect(card.docs, card.kind).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(card.properties.length, card.kind).toBeGreaterThan(0);
      for (const p of card.properties) if (p.type === "enum") expect(p.enum?.length, `${card.kind} ${p.label}`).toBeGreaterThan(1);
    }
    expect(new Set(CARDS.map((c) => c.icon)).size).toBe(CARDS.length);
  });

  it.each([
    ["AWS::Serverless::Function", "function"],
    ["AWS::Lambda::Function", "function"],
    ["AWS::Serverless::HttpApi", "http-api"],
    ["AWS::ApiGatewayV2::Api", "http-api"],
    ["AWS::Serverless::Api", "rest-api"],
    ["AWS::ApiGateway::RestApi", "rest-api"],
    ["AWS::Serverless::SimpleTable", "table"],
    ["AWS::Scheduler::Schedule", "schedule"],
    ["AWS::Serverless::StateMachine", "state-machine"],
    ["AWS::StepFunctions::StateMachine", "state-machine"],
    ["AWS::Lambda::LayerVersion", "layer"],
    ["AWS::EC2::VPC", "generic"],
    ["Custom::Thing", "generic"],
  ])("gives %s the kind %s", (type, kind) => {
    expect(kindOf(type)).toBe(kind);
  });

  it("tells a scheduled EventBridge rule from a pattern rule", () => {
    expect(kindOf("AWS::Events::Rule", { ScheduleExpression: "rate(1 hour)" })).toBe("schedule");
    expect(kindOf("AWS::Events::Rule", { EventPattern: { source: ["x"] } })).toBe("event-rule");
  });

  it("reads a schedule's rate from rules, Scheduler schedules and SAM schedule events alike", () => {
    const base = { id: "S", type: "AWS::Events::Rule", kind: "schedule", line: 1, dependsOn: [] };
    expect(scheduleExpressionOf({ ...base, properties: { ScheduleExpression: "rate(5 minutes)" } })).toBe("rate(5 minutes)");
    expect(scheduleExpressionOf({ ...base, properties: { Schedule: "cron(0 12 * * ? *)" } })).toBe("cron(0 12 * * ? *)");
  });

  it("starts a new function with SAM-style defaults and its own code folder", () => {
    expect(newResourceType("function")).toBe("AWS::Serverless::Function");
    expect(cardFor("function").defaults("Orders")).toEqual({ Runtime: "nodejs22.x", Handler: "index.handler", CodeUri: "src/Orders/", MemorySize: 128, Timeout: 10, Architectures: ["arm64"] });
    expect(cardFor("queue").defaults("Q")).toEqual({ VisibilityTimeout: 60 });
  });

  it("links any CloudFormation type to its reference page", () => {
    expect(docsForType("AWS::EC2::VPC")).toBe("https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpc.html");
    expect(docsForType("AWS::Serverless::Function")).toContain("sam-resource-function");
  });

  it("falls back to the generic card for unknown kinds", () => {
    expect(cardFor("nope").kind).toBe("generic");
  });
});
