/**
 * Every real template in the shared corpus opens as a diagram: one node per resource the model
 * has, one wire per connection whose two ends are drawn, and a layout where no two nodes share a
 * spot. Prints the rates and times (figures, not assertions on speed).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import ELK from "elkjs/lib/elk.bundled.js";
import { importTemplate } from "../../core";
import { layeredLayout, positionsFromElk, toElkGraph } from "../layout/graph";
import { buildDiagram } from "./diagram";

const CORPUS = path.resolve(__dirname, "../../../shared/corpus");
const templates = fs
  .readFileSync(path.join(CORPUS, "MANIFEST.tsv"), "utf8")
  .split("\n")
  .slice(1)
  .map((line) => line.split("\t"))
  .filter(([file, kind]) => file && (kind === "sam" || kind === "cfn"))
  .map(([file]) => file);

describe("every corpus template as a diagram", () => {
  it("draws every resource and every wire between drawn resources, laid out without overlaps", async () => {
    let opened = 0;
    let nodes = 0;
    let wires = 0;
    let buildMs = 0;
    let layoutMs = 0;
    const largest: { file: string; input: Parameters<typeof layeredLayout>[0] }[] = [];
    for (const file of templates) {
      const text = fs.readFileSync(path.join(CORPUS, file), "utf8");
      const { model } = importTemplate(text, file);
      if (!model) continue;
      opened++;
      let t = performance.now();
      const d = buildDiagram(model, { nodes: [], edges: [] }, {}, new Set());
      buildMs += performance.now() - t;
      expect(d.nodes.map((n) => n.id)).toEqual(model.resources.map((r) => r.id));
      const ids = new Set(model.resources.map((r) => r.id));
      const drawable = new Set(model.connections.filter((c) => ids.has(c.from) && ids.has(c.to)).map((c) => c.id));
      expect(new Set(d.edges.map((e) => e.id))).toEqual(drawable);
      const input = { nodes: d.nodes.map((n) => ({ id: n.id })), edges: d.edges.map((e) => ({ id: e.id, from: e.source, to: e.target })) };
      t = performance.now();
      const p = layeredLayout(input);
      layoutMs += performance.now() - t;
      expect(new Set(Object.values(p).map((q) => `${q.x},${q.y}`)).size, file).toBe(d.nodes.length);
      nodes += d.nodes.length;
      wires += d.edges.length;
      largest.push({ file, input });
    }
    largest.sort((a, b) => b.input.nodes.length - a.input.nodes.length);
    // ELK on the ten largest diagrams: its layout keeps nodes apart too.
    const elk = new ELK();
    let elkMs = 0;
    for (const { file, input } of largest.slice(0, 10)) {
      const t = performance.now();
      const p = positionsFromElk(await elk.layout(toElkGraph(input)));
      elkMs += performance.now() - t;
      expect(new Set(Object.values(p).map((q) => `${q.x},${q.y}`)).size, file).toBe(input.nodes.length);
    }
    console.log(
      `corpus diagrams: ${opened}/${templates.length} templates opened, ${nodes} nodes, ${wires} wires; ` +
        `build ${(buildMs / opened).toFixed(2)} ms and quick layout ${(layoutMs / opened).toFixed(2)} ms per template; ` +
        `ELK on the 10 largest (${largest[0]?.input.nodes.length}…${largest[9]?.input.nodes.length} nodes): ${(elkMs / 10).toFixed(0)} ms each`,
    );
    expect(opened / templates.length).toBeGreaterThan(0.99);
  });
});
