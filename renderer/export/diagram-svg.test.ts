import { describe, expect, it } from "vitest";
import { diagramSvg, escapeXml } from "./diagram-svg";

const nodes = [
  { id: "OrdersApi", x: 0, y: 0, kindLabel: "HTTP API", icon: "aws-api-gateway-http", category: "api" as const },
  { id: "GetOrders", x: 320, y: 0, kindLabel: "Function", icon: "aws-lambda", category: "compute" as const },
  { id: "Orders<&>", x: 640, y: 120, kindLabel: "DynamoDB table", icon: "aws-dynamodb", category: "database" as const },
];
const wires = [
  { from: "OrdersApi", to: "GetOrders", kind: "trigger" as const, label: "GET /orders" },
  { from: "GetOrders", to: "Orders<&>", kind: "access" as const, label: "read-write" },
  { from: "GetOrders", to: "Missing", kind: "reference" as const, label: "" },
];

describe("diagram export as SVG", () => {
  it("draws every resource with its logical ID and kind, and every wire with its label", () => {
    const svg = diagramSvg(nodes, wires);
    for (const text of ["OrdersApi", "GetOrders", "Orders&lt;&amp;&gt;", "HTTP API", "DynamoDB table", "GET /orders", "read-write"]) {
      expect(svg).toContain(text);
    }
    // Two drawable wires; the one to a resource that is not drawn is left out.
    expect(svg.match(/<path class="wire"/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="7 5"');
  });

  it("is well-formed XML that fits all nodes inside its view box", () => {
    const svg = diagramSvg(nodes, wires);
    // No DOM in these tests: check that every element that opens also closes.
    const opened = (svg.match(/<(svg|g|title|text|defs|marker)\b/g) ?? []).length;
    const closed = (svg.match(/<\/(svg|g|title|text|defs|marker)>/g) ?? []).length;
    expect(opened).toBe(closed);
    const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
    expect(Number(w)).toBeGreaterThanOrEqual(640 + 220);
    expect(Number(h)).toBeGreaterThanOrEqual(120 + 64);
  });

  it("escapes the five XML special characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
  });
});
