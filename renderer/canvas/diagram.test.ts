import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importTemplate, STARTERS } from "../../core";
import { buildDiagram } from "./diagram";

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");

describe("diagram from the model", () => {
  it("names every node by its card and logical ID", () => {
    const { model } = importTemplate(fs.readFileSync(path.join(CORPUS, "serverless-patterns/apigw-lambda-dynamodb/template.yaml"), "utf8"));
    const d = buildDiagram(model, { nodes: [], edges: [] }, {}, new Set());
    expect(d.nodes.map((n) => n.ariaLabel).sort()).toEqual(["DynamoDB table DynamoDBTable", "Function LambdaFunction", "REST API ServerlessRestApi"]);
    expect(d.unplaced).toHaveLength(3);
  });

  it("keeps every unchanged node and wire object when the model is re-imported", () => {
    const text = STARTERS.find((s) => s.id === "sns-fan-out")!.template;
    const first = buildDiagram(importTemplate(text).model, { nodes: [], edges: [] }, {}, new Set());
    const again = buildDiagram(importTemplate(text + "\n# a comment\n").model, first, {}, new Set());
    expect(again.nodes).toBe(first.nodes);
    expect(again.edges).toBe(first.edges);
  });

  it("fans out wires that join the same two resources (GET and POST routes to one function)", () => {
    const text = STARTERS.find((s) => s.id === "http-api-crud")!.template;
    const d = buildDiagram(importTemplate(text).model, { nodes: [], edges: [] }, {}, new Set());
    const routes = d.edges.filter((e) => e.data?.kind === "trigger");
    expect(routes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(routes.map((e) => e.data?.lane)).size).toBe(routes.length);
    expect(routes.every((e) => e.data?.lanes === routes.length)).toBe(true);
  });

  it("uses saved positions and places new resources to the right of the rest", () => {
    const text = STARTERS.find((s) => s.id === "queue-worker")!.template;
    const model = importTemplate(text).model!;
    const [first, ...rest] = model.resources;
    const d = buildDiagram(model, { nodes: [], edges: [] }, { [first.id]: { x: 40, y: 50 } }, new Set());
    expect(d.nodes.find((n) => n.id === first.id)!.position).toEqual({ x: 40, y: 50 });
    for (const r of rest) expect(d.nodes.find((n) => n.id === r.id)!.position.x).toBeGreaterThan(40);
    expect(d.unplaced.sort()).toEqual(rest.map((r) => r.id).sort());
  });
});
