import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { importTemplate } from "../model/import";
import { applyOperation } from "../template/operations";
import { CORPUS, corpusAvailable } from "../template/corpus.test-support";
import { refusal, wire } from "./fixture.test-support";

describe("function-access", () => {
  it.runIf(corpusAvailable)("recognises a connector as an access wire (sam-translator connector_function_to_table.yaml)", () => {
    const model = importTemplate(readFileSync(`${CORPUS}sam-translator/input/connector_function_to_table.yaml`, "utf8")).model!;
    const fromConnectors = model.connections.filter((c) => c.rule === "function-access" && c.settings.connector);
    // Four connectors: by Id, and by Arn: !GetAtt MyTable.Arn (with and without a role name).
    expect(fromConnectors.map((c) => `${c.from}->${c.to}`).sort()).toEqual(["MyFunction->MyTable", "MyFunction->MyTable", "MyFunction->MyTable", "MyServerlessFunction->MyTable"]);
    expect(fromConnectors.every((c) => c.writes[0].path.length === 0)).toBe(true);
  });

  it.runIf(corpusAvailable)("recognises embedded connectors on the source resource (sam-translator embedded_connectors_sns_to.yaml)", () => {
    const text = readFileSync(`${CORPUS}sam-translator/input/embedded_connectors_sns_to.yaml`, "utf8");
    const model = importTemplate(text).model!;
    const wires = model.connections.filter((c) => c.settings.connector).map((c) => `${c.from}->${c.to} ${c.label}`);
    expect(wires).toEqual(["MySNSTopic->MyQueue write", "MySNSTopic->MyFunction write"]);
    // Disconnecting one removes that connector only.
    const first = model.connections.find((c) => c.to === "MyQueue" && c.settings.connector)!;
    const r = applyOperation(text, { op: "disconnect", connectionId: first.id });
    if ("refused" in r) throw new Error(r.reason);
    expect(r.text).not.toContain("SnsToQueueConnector");
    expect(r.text).toContain("SnsToFunctionConnector");
  });

  it("writes a DynamoDBCrudPolicy scoped to the table and its name in a variable", () => {
    const { added, wire: w } = wire("Worker", "Orders");
    expect(added).toBe(`      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders
      Environment:
        Variables:
          ORDERS_TABLE_NAME: !Ref Orders`);
    expect(w.label).toBe("read-write");
    expect(w.why).toBe("Worker needs IAM permission to read and write Orders (the policy template is scoped to that resource only); the variable tells its code which resource to use");
  });

  it.each([
    ["Orders", "read", "DynamoDBReadPolicy"],
    ["Orders", "write", "DynamoDBWritePolicy"],
    ["Uploads", "read", "S3ReadPolicy"],
    ["Uploads", "write", "S3WritePolicy"],
    ["Uploads", "read-write", "S3CrudPolicy"],
    ["Jobs", "write", "SQSSendMessagePolicy"],
    ["Jobs", "read", "SQSPollerPolicy"],
    ["Notices", "write", "SNSPublishMessagePolicy"],
    ["Bus", "write", "EventBridgePutEventsPolicy"],
    ["Flow", "write", "StepFunctionsExecutionPolicy"],
    ["Helper", "write", "LambdaInvokePolicy"],
    ["Clicks", "read", "KinesisStreamReadPolicy"],
    ["Clicks", "read-write", "KinesisCrudPolicy"],
  ])("gives %s %s access with %s", (target, level, policy) => {
    const { added, wire: w } = wire("Worker", target, { level });
    expect(added).toContain(`- ${policy}:`);
    expect(w.settings.level).toBe(level);
  });

  it("sends and receives on a queue with both SQS policies, named by its URL", () => {
    const { added } = wire("Worker", "Jobs", { level: "read-write" });
    expect(added).toContain("SQSSendMessagePolicy:\n            QueueName: !GetAtt Jobs.QueueName");
    expect(added).toContain("SQSPollerPolicy:");
    expect(added).toContain("JOBS_QUEUE_URL: !Ref Jobs");
  });

  it("turns a single managed policy into a list when adding one", () => {
    const { result } = wire("Helper", "Jobs", {}, undefined, true);
    expect(result.text).toContain("      Policies:\n        - AWSLambdaBasicExecutionRole\n        - SQSSendMessagePolicy:");
  });

  it("changes the access level by swapping the policy template, keeping the variable", () => {
    const { result, wire: w } = wire("Worker", "Orders", { level: "read" });
    const updated = applyOperation(result.text, { op: "updateConnection", connectionId: w.id, settings: { level: "read-write" } });
    if ("refused" in updated) throw new Error(updated.reason);
    expect(updated.text).toContain("- DynamoDBCrudPolicy:");
    expect(updated.text).not.toContain("DynamoDBReadPolicy");
    expect(updated.text).toContain("ORDERS_TABLE_NAME: !Ref Orders");
  });

  it("lets a state machine invoke a function and names it in the definition substitutions", () => {
    const { added } = wire("Flow", "Worker");
    expect(added).toContain("LambdaInvokePolicy:\n            FunctionName: !Ref Worker");
    expect(added).toContain("DefinitionSubstitutions:\n        WorkerArn: !GetAtt Worker.Arn");
  });

  it("refuses reading a topic, pointing at the subscription instead", () => {
    const r = refusal("Worker", "Notices", { level: "read" });
    expect(r.fix).toContain("Notices → Worker");
  });

  it("refuses a plain AWS::Lambda::Function, whose permissions live in its role", () => {
    expect(refusal("Legacy", "Orders").reason).toContain("execution role");
  });
});
