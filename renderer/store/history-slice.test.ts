import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { useStore } from "./index";
import { emptyHistory } from "./history";

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const corpus = (rel: string) => fs.readFileSync(path.join(CORPUS, rel), "utf8");
const s = () => useStore.getState();

function load(text: string) {
  useStore.setState({ history: emptyHistory(), nodes: [], edges: [], selectedIds: [], selectedWire: null });
  s().setTemplateText(text, "load");
}

const START = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
# my comment stays
Resources: {}
`;

describe("editing through operations, with undo and redo", () => {
  beforeEach(() => load(START));

  it("adds a function, a table and wires them; the template gains the policy and the env var", () => {
    expect(s().runOperation({ op: "addResource", kind: "function", id: "Orders" })).not.toHaveProperty("refused");
    expect(s().runOperation({ op: "addResource", kind: "table", id: "OrdersTable" })).not.toHaveProperty("refused");
    const wired = s().runOperation({ op: "connect", from: "Orders", to: "OrdersTable" });
    expect(wired).not.toHaveProperty("refused");
    expect(s().templateText).toContain("# my comment stays");
    expect(s().templateText).toMatch(/DynamoDB(Crud|Read|Write)Policy/);
    expect(s().templateText).toMatch(/TableName: !Ref OrdersTable/);
    expect(s().nodes.map((n) => n.id).sort()).toEqual(["Orders", "OrdersTable"]);
    expect(s().edges).toHaveLength(1);
    expect(s().history.past.map((e) => e.label)).toEqual(["Add Orders", "Add OrdersTable", "Connect Orders to OrdersTable"]);
  });

  it("undoes every step back to the original bytes and redoes them all", () => {
    s().runOperation({ op: "addResource", kind: "queue", id: "Jobs" });
    s().runOperation({ op: "addResource", kind: "function", id: "Worker" });
    s().runOperation({ op: "connect", from: "Jobs", to: "Worker" });
    const done = s().templateText;
    s().undo();
    s().undo();
    s().undo();
    expect(s().templateText).toBe(START);
    expect(s().nodes).toHaveLength(0);
    s().redo();
    s().redo();
    s().redo();
    expect(s().templateText).toBe(done);
    expect(s().edges).toHaveLength(1);
    // Redo selects what the step touched: here the worker the queue now triggers.
    expect(s().selectedIds.length).toBeGreaterThan(0);
  });

  it("records a typed edit in the template view as one undoable step", () => {
    const typed = START.replace("Resources: {}", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket");
    s().setTemplateText(typed, "template-view");
    expect(s().nodes.map((n) => n.id)).toEqual(["Bucket"]);
    s().undo();
    expect(s().templateText).toBe(START);
    expect(s().nodes).toHaveLength(0);
  });

  it("keeps the last good diagram while the typed text does not parse", () => {
    s().runOperation({ op: "addResource", kind: "bucket", id: "Uploads" });
    s().setTemplateText(s().templateText + "\n  Broken: [unclosed\n", "template-view");
    expect(s().model).toBeNull();
    expect(s().problems.some((p) => p.source === "parse" && p.severity === "error")).toBe(true);
    expect(s().nodes.map((n) => n.id)).toEqual(["Uploads"]);
  });

  it("refuses an invalid wire with a reason and changes nothing", () => {
    s().runOperation({ op: "addResource", kind: "bucket", id: "Uploads" });
    s().runOperation({ op: "addResource", kind: "queue", id: "Jobs" });
    const before = s().templateText;
    const pastLength = s().history.past.length;
    const result = s().runOperation({ op: "connect", from: "Uploads", to: "Jobs" });
    if ("refused" in result) expect(result.reason.length).toBeGreaterThan(10);
    else expect.fail("a bucket cannot trigger a queue directly");
    expect(s().templateText).toBe(before);
    expect(s().history.past).toHaveLength(pastLength);
  });

  it("deletes several resources as one undo step", () => {
    s().runOperation({ op: "addResource", kind: "bucket", id: "A" });
    s().runOperation({ op: "addResource", kind: "bucket", id: "B" });
    const both = s().templateText;
    s().runOperations([{ op: "removeResource", id: "A" }, { op: "removeResource", id: "B" }], "Delete 2 resources");
    expect(s().nodes).toHaveLength(0);
    s().undo();
    expect(s().templateText).toBe(both);
  });

  it("starts a fresh history when another template is opened", () => {
    s().runOperation({ op: "addResource", kind: "bucket", id: "A" });
    load(corpus("serverless-patterns/apigw-lambda-dynamodb/template.yaml"));
    expect(s().history.past).toHaveLength(0);
    expect(s().nodes.map((n) => n.id).sort()).toEqual(["DynamoDBTable", "LambdaFunction", "ServerlessRestApi"]);
  });
});

describe("selection", () => {
  beforeEach(() => load(START));

  it("marks only the selected nodes and keeps the other node objects unchanged", () => {
    s().runOperation({ op: "addResource", kind: "bucket", id: "A" });
    s().runOperation({ op: "addResource", kind: "bucket", id: "B" });
    const [a, b] = s().nodes;
    s().select(["A"]);
    const [a2, b2] = s().nodes;
    expect(a2.selected).toBe(true);
    expect(a2).not.toBe(a);
    expect(b2).toBe(b);
  });

  it("drops a deleted resource from the selection", () => {
    s().runOperation({ op: "addResource", kind: "bucket", id: "A" });
    s().select(["A"]);
    s().runOperation({ op: "removeResource", id: "A" });
    expect(s().selectedIds).toEqual([]);
    expect(s().nodes).toHaveLength(0);
  });
});

describe("positions", () => {
  beforeEach(() => load(START));

  it("keeps a node's object when another node moves", () => {
    s().runOperation({ op: "addResource", kind: "bucket", id: "A" });
    s().runOperation({ op: "addResource", kind: "bucket", id: "B" });
    const [a] = s().nodes;
    s().onNodesChange([{ type: "position", id: "B", position: { x: 500, y: 300 }, dragging: false }]);
    expect(s().nodes[0]).toBe(a);
    expect(s().settings.layout.nodes.B).toEqual({ x: 500, y: 300 });
    expect(s().dirty).toBe(true);
  });

  it("undoes a whole drag in one step and redoes it, positions saved each time", () => {
    s().runOperation({ op: "addResource", kind: "bucket", id: "A" });
    const start = { ...s().nodes[0].position };
    for (const [x, dragging] of [[10, true], [60, true], [120, false]] as const) {
      s().onNodesChange([{ type: "position", id: "A", position: { x, y: 7 }, dragging }]);
    }
    expect(s().history.past.at(-1)?.label).toBe("Move A");
    s().undo();
    expect(s().nodes[0].position).toEqual(start);
    expect(s().settings.layout.nodes.A).toEqual(start);
    expect(s().nodes).toHaveLength(1);
    s().redo();
    expect(s().nodes[0].position).toEqual({ x: 120, y: 7 });
    // The text edit before the move is undone next, by the same Undo.
    s().undo();
    s().undo();
    expect(s().nodes).toHaveLength(0);
  });

  it("undoes a group drag to where each node started, as one step", () => {
    s().placeResource("A", { x: 0, y: 0 });
    s().runOperation({ op: "addResource", kind: "bucket", id: "A" });
    s().placeResource("B", { x: 400, y: 200 });
    s().runOperation({ op: "addResource", kind: "queue", id: "B" });
    const steps = [[10, true], [40, true], [90, false]] as const;
    for (const [dx, dragging] of steps) {
      s().onNodesChange([
        { type: "position", id: "A", position: { x: dx, y: dx }, dragging },
        { type: "position", id: "B", position: { x: 400 + dx, y: 200 + dx }, dragging },
      ]);
    }
    expect(s().history.past.at(-1)?.label).toBe("Move 2 resources");
    expect(s().settings.layout.nodes).toMatchObject({ A: { x: 90, y: 90 }, B: { x: 490, y: 290 } });
    s().undo();
    expect(s().nodes.map((n) => [n.id, n.position])).toEqual([["A", { x: 0, y: 0 }], ["B", { x: 400, y: 200 }]]);
    // The next drag starts from where the nodes are now, not from the last drag's start.
    s().onNodesChange([{ type: "position", id: "A", position: { x: 5, y: 5 }, dragging: true }]);
    s().onNodesChange([{ type: "position", id: "A", position: { x: 7, y: 7 }, dragging: false }]);
    s().undo();
    expect(s().nodes[0].position).toEqual({ x: 0, y: 0 });
  });

  it("places a new resource where it was dropped", () => {
    s().placeResource("Drop", { x: 123, y: 456 });
    s().runOperation({ op: "addResource", kind: "function", id: "Drop" });
    expect(s().nodes.find((n) => n.id === "Drop")?.position).toEqual({ x: 123, y: 456 });
  });
});

describe("a 1,000-resource template", () => {
  it("moves one node without replacing any other node object", () => {
    const lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Transform: AWS::Serverless-2016-10-31", "Resources:"];
    for (let i = 0; i < 500; i++) {
      lines.push(`  Queue${i}:`, "    Type: AWS::SQS::Queue");
      lines.push(
        `  Worker${i}:`,
        "    Type: AWS::Serverless::Function",
        "    Properties:",
        "      Runtime: nodejs22.x",
        "      Handler: index.handler",
        "      Events:",
        "        Work:",
        "          Type: SQS",
        "          Properties:",
        `            Queue: !GetAtt Queue${i}.Arn`,
      );
    }
    let t = performance.now();
    load(lines.join("\n") + "\n");
    const loadMs = performance.now() - t;
    expect(s().nodes).toHaveLength(1000);
    expect(s().edges).toHaveLength(500);
    const before = s().nodes;
    t = performance.now();
    for (let step = 1; step <= 20; step++) s().onNodesChange([{ type: "position", id: "Worker7", position: { x: step * 5, y: 0 }, dragging: true }]);
    const moveMs = (performance.now() - t) / 20;
    const after = s().nodes;
    expect(after.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual(["Worker7"]);
    t = performance.now();
    s().runOperation({ op: "setProperty", id: "Worker3", path: ["Properties", "MemorySize"], value: 256 });
    const editMs = performance.now() - t;
    t = performance.now();
    console.log(`1,000 resources: open ${loadMs.toFixed(0)} ms, one drag step ${moveMs.toFixed(2)} ms, one property edit ${editMs.toFixed(0)} ms`);
  });
});
