import { describe, expect, it } from "vitest";
import ELK from "elkjs/lib/elk.bundled.js";
import { gridLayout, orderSourcesFirst, positionsFromElk, toElkGraph, NODE_WIDTH } from "./graph";

const api = { nodes: [{ id: "Table" }, { id: "Fn" }, { id: "Api" }], edges: [{ id: "t", from: "Api", to: "Fn" }, { id: "a", from: "Fn", to: "Table" }] };

describe("auto-layout", () => {
  it("places an API left of the function it triggers and the table the function uses to its right", async () => {
    const result = await new ELK().layout(toElkGraph(api));
    const p = positionsFromElk(result);
    expect(p.Api.x).toBeLessThan(p.Fn.x);
    expect(p.Fn.x).toBeLessThan(p.Table.x);
    expect(p.Fn.x - p.Api.x).toBeGreaterThanOrEqual(NODE_WIDTH);
  });

  it("ignores wires to resources that are not on the canvas and self-wires", () => {
    const graph = toElkGraph({ nodes: [{ id: "A" }], edges: [{ id: "x", from: "A", to: "Gone" }, { id: "y", from: "A", to: "A" }] });
    expect(graph.edges).toEqual([]);
  });

  it("orders the grid fallback sources first, even when the template lists them last", () => {
    expect(orderSourcesFirst(api)).toEqual(["Api", "Fn", "Table"]);
  });

  it("gives every node its own grid cell", () => {
    const nodes = Array.from({ length: 50 }, (_, i) => ({ id: `N${i}` }));
    const p = gridLayout({ nodes, edges: [] });
    const cells = new Set(Object.values(p).map((q) => `${q.x},${q.y}`));
    expect(cells.size).toBe(50);
  });

  it("survives a cycle of wires", () => {
    const order = orderSourcesFirst({ nodes: [{ id: "A" }, { id: "B" }], edges: [{ id: "1", from: "A", to: "B" }, { id: "2", from: "B", to: "A" }] });
    expect(order.sort()).toEqual(["A", "B"]);
  });
});

describe("quick layered layout", () => {
  it("puts each wire's source in an earlier column than its target", async () => {
    const { layeredLayout } = await import("./graph");
    const input = {
      nodes: ["Table", "Worker", "Queue", "Api", "Fn", "Dlq"].map((id) => ({ id })),
      edges: [
        { id: "1", from: "Api", to: "Fn" },
        { id: "2", from: "Fn", to: "Table" },
        { id: "3", from: "Queue", to: "Worker" },
        { id: "4", from: "Worker", to: "Table" },
        { id: "5", from: "Queue", to: "Dlq" },
      ],
    };
    const p = layeredLayout(input);
    for (const e of input.edges) expect(p[e.from].x).toBeLessThan(p[e.to].x);
    const cells = new Set(Object.values(p).map((q) => `${q.x},${q.y}`));
    expect(cells.size).toBe(6);
  });
});
