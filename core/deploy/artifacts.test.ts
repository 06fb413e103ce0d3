import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTemplate } from "../template/parse";
import { artifactId, deployableTemplateText, findLocalArtifacts, needsTemplateUrl, normaliseLocalPath, rewriteArtifacts, TEMPLATE_BODY_LIMIT } from "./artifacts";

const CORPUS = join(__dirname, "../../../shared/corpus/serverless-patterns");

function templatesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...templatesUnder(p));
    else if (/^template\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

const SAM = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
Resources:
  GetOrders:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./src/get-orders/
      Handler: index.handler
  Conventional:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
  Inline:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async () => 1"
      Handler: index.handler
  Already:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/code.zip
      Handler: index.handler
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/shared
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
`;

describe("finding local artifacts", () => {
  const value = parseTemplate(SAM).parsed!.value;

  it("finds code folders, the src/<LogicalId> convention, layers and definition files, and skips inline and S3 code", () => {
    expect(findLocalArtifacts(value).map((a) => [a.resource, a.localPath, a.packaging, a.conventional])).toEqual([
      ["GetOrders", "src/get-orders", "zip-folder", false],
      ["Conventional", "src/Conventional", "zip-folder", true],
      ["Layer", "layers/shared", "zip-folder", false],
      ["Flow", "statemachine/flow.asl.json", "file", false],
    ]);
  });

  it("normalises relative paths to project-relative POSIX paths", () => {
    expect(normaliseLocalPath("./src//a/../b/")).toBe("src/b");
    expect(normaliseLocalPath(".\\src\\fn")).toBe("src/fn");
    expect(normaliseLocalPath("./")).toBe(".");
  });
});

describe("rewriting the deployed copy", () => {
  it("points each artifact at its s3:// URI and leaves the original value untouched", () => {
    const value = parseTemplate(SAM).parsed!.value;
    const before = JSON.stringify(value);
    const artifacts = findLocalArtifacts(value);
    const locations = new Map(artifacts.map((a, i) => [artifactId(a), { bucket: "staging", key: `flowform/${i}.zip` }]));
    const copy = rewriteArtifacts(value, locations, artifacts) as any;
    expect(JSON.stringify(value)).toBe(before);
    expect(copy.Resources.GetOrders.Properties.CodeUri).toBe("s3://staging/flowform/0.zip");
    expect(copy.Resources.Conventional.Properties.CodeUri).toBe("s3://staging/flowform/1.zip");
    expect(copy.Resources.Layer.Properties.ContentUri).toBe("s3://staging/flowform/2.zip");
    expect(copy.Resources.Flow.Properties.DefinitionUri).toBe("s3://staging/flowform/3.zip");
    expect(copy.Resources.Inline.Properties.InlineCode).toBe("exports.handler = async () => 1");
    expect(copy.Resources.Already.Properties.CodeUri).toBe("s3://bucket/code.zip");
  });

  it("rewrites Globals.Function.CodeUri once instead of each function", () => {
    const value = parseTemplate("Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    CodeUri: app/\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.handler\n").parsed!.value;
    const artifacts = findLocalArtifacts(value);
    expect(artifacts.map((a) => a.path.join("."))).toEqual(["Globals.Function.CodeUri"]);
    const copy = rewriteArtifacts(value, new Map([[artifactId(artifacts[0]), { bucket: "b", key: "k.zip" }]]), artifacts) as any;
    expect(copy.Globals.Function.CodeUri).toBe("s3://b/k.zip");
    expect(copy.Resources.A.Properties.CodeUri).toBeUndefined();
  });

  it("changes nothing but the artifact properties on every serverless-patterns template", () => {
    const files = templatesUnder(CORPUS);
    let templatesWithArtifacts = 0;
    let artifactsSeen = 0;
    for (const file of files) {
      const { parsed } = parseTemplate(readFileSync(file, "utf8"), file);
      if (!parsed) continue;
      const artifacts = findLocalArtifacts(parsed.value);
      if (!artifacts.length) continue;
      templatesWithArtifacts += 1;
      artifactsSeen += artifacts.length;
      const locations = new Map(artifacts.map((a) => [artifactId(a), { bucket: "b", key: `${artifactId(a)}.zip` }]));
      const copy = rewriteArtifacts(parsed.value, locations, artifacts);
      // Put the original values back into the copy: it must then equal the original exactly.
      for (const a of artifacts) {
        let node: any = copy;
        for (const k of a.path.slice(0, -1)) node = node[k];
        let orig: any = parsed.value;
        for (const k of a.path.slice(0, -1)) orig = orig?.[k];
        expect(node[a.path.at(-1)!]).toBe(`s3://b/${artifactId(a)}.zip`);
        if (orig?.[a.path.at(-1)!] === undefined) delete node[a.path.at(-1)!];
        else node[a.path.at(-1)!] = orig[a.path.at(-1)!];
      }
      expect(copy).toEqual(parsed.value);
    }
    expect(files.length).toBeGreaterThan(100);
    expect(templatesWithArtifacts).toBeGreaterThan(100);
    expect(artifactsSeen).toBeGreaterThanOrEqual(templatesWithArtifacts);
  });
});

describe("template size", () => {
  it("sends templates over 51,200 UTF-8 bytes by URL", () => {
    expect(needsTemplateUrl("x".repeat(TEMPLATE_BODY_LIMIT))).toBe(false);
    expect(needsTemplateUrl("x".repeat(TEMPLATE_BODY_LIMIT + 1))).toBe(true);
    // 25,601 two-byte characters are 51,202 bytes although only 25,601 characters.
    expect(needsTemplateUrl("é".repeat(25_601))).toBe(true);
  });

  it("writes the deployed copy as JSON that reads back to the same template", () => {
    const value = parseTemplate(SAM).parsed!.value;
    expect(JSON.parse(deployableTemplateText(value))).toEqual(value);
  });
});
