import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const run = (text: string) => checkTemplate(text, { rules: ["iam-wildcard"] }).problems;

const samFn = (statement: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - Statement:
${statement}`;

describe("IAM wildcard check", () => {
  it("reports Action * as an error", () => {
    const [p] = run(samFn('            - Effect: Allow\n              Action: "*"\n              Resource: "*"\n'));
    expect(p.severity).toBe("error");
    expect(p.message).toContain('allows every action of every service (Action "*") on every resource (Resource "*")');
    expect(p.path).toEqual(["Properties", "Policies", 0, "Statement", 0]);
    expect(p.line).toBe(10);
  });

  it("reports a whole-service action on a named resource as a warning", () => {
    const [p] = run(samFn("            - Effect: Allow\n              Action: dynamodb:*\n              Resource: !GetAtt Table.Arn\n") + "  Table:\n    Type: AWS::DynamoDB::Table\n");
    expect(p.severity).toBe("warning");
    expect(p.message).toContain("allows every action of dynamodb (dynamodb:*)");
  });

  it("reports Resource * for actions that can be scoped", () => {
    const [p] = run(samFn('            - Effect: Allow\n              Action: [s3:GetObject, xray:PutTraceSegments]\n              Resource: "*"\n'));
    expect(p.message).toContain('allows s3:GetObject on every resource (Resource "*")');
    expect(p.message).not.toContain("xray");
  });

  it("leaves Resource * alone for actions that only work with *", () => {
    expect(run(samFn('            - Effect: Allow\n              Action: [xray:PutTraceSegments, cloudwatch:PutMetricData, ec2:DescribeNetworkInterfaces]\n              Resource: "*"\n'))).toEqual([]);
  });

  it("leaves Deny statements, scoped statements and trust policies alone", () => {
    expect(run(samFn('            - Effect: Deny\n              Action: "*"\n              Resource: "*"\n'))).toEqual([]);
    expect(run(samFn("            - Effect: Allow\n              Action: s3:GetObject\n              Resource: arn:aws:s3:::bucket/*\n"))).toEqual([]);
    const role = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: "*" }, Action: "sts:AssumeRole" }]
`;
    expect(run(role)).toEqual([]);
  });

  it("reports AdministratorAccess attached to a role", () => {
    const role = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
`;
    const [p] = run(role);
    expect(p.severity).toBe("error");
    expect(p.message).toContain("AdministratorAccess");
  });
});
