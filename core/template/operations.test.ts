import { describe, expect, it } from "vitest";
import { applyOperation, undoText } from "./operations";
import type { EditResult, Refusal } from "../model/types";

const ok = (r: EditResult | Refusal): EditResult => {
  if ("refused" in r) throw new Error(r.reason);
  return r;
};

const YAML = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Orders # keep this comment

Resources:
  # The orders table
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]

  GetOrders:
    Type: AWS::Serverless::Function
    DependsOn: [OrdersTable]
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Environment:
        Variables:
          TABLE: !Ref OrdersTable
          ARN: { "Fn::GetAtt": [OrdersTable, Arn] }
          URL: !Sub "https://\${OrdersTable}/\${OrdersTable.Arn}/\${AWS::Region}"
          KEEP: !Sub ["\${OrdersTable}", { OrdersTable: literal }]
      Role: !GetAtt GetOrdersRole.Arn

  GetOrdersRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}

Outputs:
  TableArn:
    Value: !GetAtt OrdersTable.Arn
    Condition: SomeCondition
`;

const JSON_TEMPLATE = `{
    "Resources": {
        "Topic": {
            "Type": "AWS::SNS::Topic"
        },
        "Fn": {
            "Type": "AWS::Serverless::Function",
            "Properties": {
                "Handler": "index.handler",
                "Runtime": "nodejs22.x"
            }
        }
    }
}
`;

describe("applyOperation", () => {
  it("renames a resource in every Ref, GetAtt (both forms), Sub string, DependsOn and output, keeping everything else byte for byte", () => {
    const r = ok(applyOperation(YAML, { op: "renameResource", from: "OrdersTable", to: "Orders" }));
    expect(r.text).toBe(
      YAML.replace("  OrdersTable:\n", "  Orders:\n")
        .replace("DependsOn: [OrdersTable]", "DependsOn: [Orders]")
        .replace("TABLE: !Ref OrdersTable", "TABLE: !Ref Orders")
        .replace('[OrdersTable, Arn]', "[Orders, Arn]")
        .replace("${OrdersTable}/${OrdersTable.Arn}", "${Orders}/${Orders.Arn}")
        .replace("Value: !GetAtt OrdersTable.Arn", "Value: !GetAtt Orders.Arn"),
    );
    // A Sub variable defined in the Sub's own map is not the resource.
    expect(r.text).toContain('KEEP: !Sub ["${OrdersTable}", { OrdersTable: literal }]');
    expect(undoText(r)).toBe(YAML);
  });

  it("refuses a rename to an ID that is taken or not alphanumeric", () => {
    expect(applyOperation(YAML, { op: "renameResource", from: "OrdersTable", to: "GetOrders" })).toMatchObject({ refused: true });
    expect(applyOperation(YAML, { op: "renameResource", from: "OrdersTable", to: "orders-table" })).toMatchObject({ refused: true });
  });

  it("renames references to the role SAM generates for a function", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs22.x }
Outputs:
  Role:
    Value: !GetAtt FnRole.Arn
`;
    const r = ok(applyOperation(text, { op: "renameResource", from: "Fn", to: "Worker" }));
    expect(r.text).toContain("!GetAtt WorkerRole.Arn");
    expect(r.notes?.[0]).toContain("FnRole");
  });

  it("sets a property inside Properties, creating it in block style", () => {
    const r = ok(applyOperation(YAML, { op: "setProperty", id: "GetOrders", path: ["Timeout"], value: 30 }));
    expect(r.text).toBe(YAML.replace("      Role: !GetAtt GetOrdersRole.Arn\n", "      Role: !GetAtt GetOrdersRole.Arn\n      Timeout: 30\n"));
    expect(r.edits).toEqual([{ start: YAML.indexOf("GetOrdersRole.Arn\n") + "GetOrdersRole.Arn".length, end: YAML.indexOf("GetOrdersRole.Arn\n") + "GetOrdersRole.Arn".length, text: "\n      Timeout: 30" }]);
  });

  it("replaces an existing value in place, keeping its comment", () => {
    const r = ok(applyOperation(YAML, { op: "setTemplateSection", path: ["Description"], value: "Orders service" }));
    expect(r.text).toBe(YAML.replace("Description: Orders # keep this comment", "Description: Orders service # keep this comment"));
  });

  it("removes a property and nothing else", () => {
    const r = ok(applyOperation(YAML, { op: "removeProperty", id: "GetOrders", path: ["Runtime"] }));
    expect(r.text).toBe(YAML.replace("      Runtime: nodejs22.x\n", ""));
  });

  it("adds a resource with the card's defaults after the last one, spaced like the others", () => {
    const r = ok(applyOperation(YAML, { op: "addResource", kind: "queue" }));
    expect(r.text).toBe(YAML.replace("      AssumeRolePolicyDocument: {}\n", "      AssumeRolePolicyDocument: {}\n\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 60\n"));
    expect(r.touched).toEqual(["Queue"]);
  });

  it("leaves out defaults that the template's Globals already set", () => {
    const text = "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.12\n    Timeout: 30\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n";
    const r = ok(applyOperation(text, { op: "addResource", kind: "function", id: "Worker" }));
    expect(r.model.resources.find((x) => x.id === "Worker")?.properties).toEqual({ Handler: "index.handler", CodeUri: "src/Worker/", MemorySize: 128, Architectures: ["arm64"] });
  });

  it("adds a resource of any CloudFormation type through the generic card", () => {
    const r = ok(applyOperation(YAML, { op: "addResource", kind: "AWS::SSM::Parameter", properties: { Type: "String", Value: "x" } }));
    expect(r.model.resources.find((x) => x.id === "Parameter")).toMatchObject({ kind: "generic", type: "AWS::SSM::Parameter" });
  });

  it("removes a resource with its comment, its DependsOn entries and the outputs naming it, and says what is left", () => {
    const r = ok(applyOperation(YAML, { op: "removeResource", id: "OrdersTable" }));
    expect(r.text).not.toContain("# The orders table");
    expect(r.text).not.toContain("Outputs:");
    expect(r.text).not.toContain("DependsOn");
    // The variables naming the table were its access wire: they go with it; the Sub whose own map defines OrdersTable stays.
    expect(r.text).not.toContain("TABLE: !Ref OrdersTable");
    expect(r.text).toContain('KEEP: !Sub ["${OrdersTable}", { OrdersTable: literal }]');
    expect(r.notes).toEqual(["Output TableArn referred to OrdersTable and was removed with it."]);
    expect(undoText(r)).toBe(YAML);
  });

  it("edits JSON templates in JSON, with the document's indent", () => {
    const r = ok(applyOperation(JSON_TEMPLATE, { op: "connect", from: "Topic", to: "Fn" }, "template.json"));
    expect(r.text).toBe(
      JSON_TEMPLATE.replace(
        '"Runtime": "nodejs22.x"\n',
        '"Runtime": "nodejs22.x",\n                "Events": {\n                    "TopicMessage": {\n                        "Type": "SNS",\n                        "Properties": {\n                            "Topic": {\n                                "Ref": "Topic"\n                            }\n                        }\n                    }\n                }\n',
      ),
    );
    expect(JSON.parse(r.text)).toBeTruthy();
    const back = ok(applyOperation(r.text, { op: "disconnect", connectionId: r.model.connections[0].id }, "template.json"));
    expect(back.text).toBe(JSON_TEMPLATE);
  });

  it("adds a resource to a JSON template", () => {
    const r = ok(applyOperation(JSON_TEMPLATE, { op: "addResource", kind: "queue", id: "Jobs" }, "template.json"));
    expect(JSON.parse(r.text).Resources.Jobs).toEqual({ Type: "AWS::SQS::Queue", Properties: { VisibilityTimeout: 60 } });
    expect(r.text.startsWith(JSON_TEMPLATE.slice(0, JSON_TEMPLATE.indexOf('        }\n    }\n}')))).toBe(true);
  });

  it("edits the event behind an implicit schedule when its properties are set", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Job:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      Events:
        Hourly:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
`;
    const r = ok(applyOperation(text, { op: "setProperty", id: "JobHourly", path: ["Schedule"], value: "rate(5 minutes)" }));
    expect(r.text).toBe(text.replace("rate(1 hour)", "rate(5 minutes)"));
    expect(r.model.resources.find((x) => x.id === "JobHourly")?.properties.Schedule).toBe("rate(5 minutes)");
  });

  it("never overwrites a value a wire would write: it refuses instead", () => {
    const text = YAML.replace("      Role: !GetAtt GetOrdersRole.Arn\n", "      Role: !GetAtt GetOrdersRole.Arn\n      DeadLetterQueue: { Type: SQS, TargetArn: arn:aws:sqs:us-east-1:1:q }\n").replace("Outputs:", "  Dlq:\n    Type: AWS::SQS::Queue\n\nOutputs:");
    const r = applyOperation(text, { op: "connect", from: "GetOrders", to: "Dlq", settings: { as: "dlq" } });
    expect(r).toMatchObject({ refused: true, reason: "GetOrders already has a dead-letter queue; a function has one." });
  });

  it("refuses edits on a template that does not parse", () => {
    expect(applyOperation("Resources: [", { op: "addResource", kind: "queue" })).toMatchObject({ refused: true });
  });
});

describe("templates written with CRLF line endings", () => {
  const crlf = "Resources:\r\n  Topic:\r\n    Type: AWS::SNS::Topic\r\n\r\n  Worker:\r\n    Type: AWS::Serverless::Function\r\n    Properties:\r\n      Handler: index.handler\r\n      Runtime: nodejs22.x\r\n";

  it("get new lines with CRLF too, and lose them cleanly on disconnect", () => {
    const r = ok(applyOperation(crlf, { op: "connect", from: "Topic", to: "Worker" }));
    expect(r.text).toBe(`${crlf}      Events:\r\n        TopicMessage:\r\n          Type: SNS\r\n          Properties:\r\n            Topic: !Ref Topic\r\n`);
    const back = ok(applyOperation(r.text, { op: "disconnect", connectionId: r.model.connections[0].id }));
    expect(back.text).toBe(crlf);
  });

  it("keep CRLF when a resource is added and removed", () => {
    const r = ok(applyOperation(crlf, { op: "addResource", kind: "topic", id: "Alerts" }));
    expect(r.text).toBe(`${crlf}\r\n  Alerts:\r\n    Type: AWS::SNS::Topic\r\n`);
    expect(ok(applyOperation(r.text, { op: "removeResource", id: "Alerts" })).text).toBe(crlf);
  });
});
