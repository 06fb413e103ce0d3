import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importTemplate } from "../../core";
import { buildDiagram } from "../canvas/diagram";
import { exportDiagramSvg, exportTemplateText } from "./formats";

const text = fs.readFileSync(path.resolve(__dirname, "../../../shared/corpus/serverless-patterns/apigw-lambda-dynamodb/template.yaml"), "utf8");

describe("export", () => {
  it("writes the SAM template byte for byte, comments and short forms included", () => {
    expect(exportTemplateText("sam-yaml", text, "template.yaml").text).toBe(text);
  });

  it("writes plain CloudFormation without the SAM transform", () => {
    const cfn = JSON.parse(exportTemplateText("cfn-json", text, "template.yaml").text);
    expect(cfn.Transform).toBeUndefined();
    expect(cfn.Resources.LambdaFunction.Type).toBe("AWS::Lambda::Function");
  });

  it("refuses a template that does not parse, saying where", () => {
    expect(() => exportTemplateText("sam-json", "Resources: [unclosed\n", "template.yaml")).toThrow(/line \d+/);
  });

  it("draws the diagram from the canvas positions", () => {
    const model = importTemplate(text).model!;
    const d = buildDiagram(model, { nodes: [], edges: [] }, { LambdaFunction: { x: 300, y: 0 }, DynamoDBTable: { x: 600, y: 0 }, ServerlessRestApi: { x: 0, y: 0 } }, new Set());
    const svg = exportDiagramSvg(model, d.nodes, d.edges);
    expect(svg).toContain("<title>Function LambdaFunction</title>");
    expect(svg).toContain("POST /");
  });
});
