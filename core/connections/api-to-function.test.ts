import { describe, expect, it } from "vitest";
import { importTemplate } from "../model/import";
import { applyOperation } from "../template/operations";
import { APP, refusal, wire } from "./fixture.test-support";
import { STARTERS } from "../starters";

describe("api-to-function", () => {
  it("recognises each HttpApi event of a function as a route wire from its API", () => {
    const model = importTemplate(STARTERS.find((s) => s.id === "http-api-crud")!.template).model!;
    const routes = model.connections.filter((c) => c.rule === "api-to-function");
    expect(routes.map((c) => `${c.from}->${c.to} ${c.label}`).sort()).toEqual(["Api->ItemsFunction GET /items", "Api->ItemsFunction POST /items"]);
    expect(routes[0].writes[0].path).toEqual(["Properties", "Events", routes[0].settings.event]);
  });

  it("draws Api events without a RestApiId from SAM's implicit ServerlessRestApi", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Get:
          Type: Api
          Properties: { Path: /hello, Method: get }
`;
    const model = importTemplate(text).model!;
    expect(model.resources.find((r) => r.id === "ServerlessRestApi")?.implicit?.owner).toBe("Hello");
    expect(model.connections.find((c) => c.rule === "api-to-function")?.from).toBe("ServerlessRestApi");
  });

  it("writes an HttpApi event with the route and a !Ref to the API, and removes exactly that on disconnect", () => {
    const { added, wire: w } = wire("Api", "Worker", { method: "post", path: "/jobs" });
    expect(added).toBe(`      Events:
        PostJobs:
          Type: HttpApi
          Properties:
            Path: /jobs
            Method: post
            ApiId: !Ref Api`);
    expect(w.label).toBe("POST /jobs");
    expect(w.summary).toContain("POST /jobs");
  });

  it("writes an Api event for a REST API", () => {
    const { added } = wire("RestApi", "Worker");
    expect(added).toContain("Type: Api");
    expect(added).toContain("RestApiId: !Ref RestApi");
    expect(added).toContain("Path: /worker");
  });

  it("changes the route of a wire in place", () => {
    const { result, wire: w } = wire("Api", "Worker");
    const updated = applyOperation(result.text, { op: "updateConnection", connectionId: w.id, settings: { path: "/v2/worker" } });
    expect("refused" in updated).toBe(false);
    if ("refused" in updated) return;
    expect(updated.model.connections.find((c) => c.rule === "api-to-function")?.label).toBe("GET /v2/worker");
    expect(updated.edits).toHaveLength(1);
  });

  it("refuses a plain AWS::Lambda::Function, which has no SAM events", () => {
    expect(refusal("Api", "Legacy").reason).toContain("AWS::Lambda::Function");
  });

  it("leaves the fixture unchanged when refusing", () => {
    expect(refusal("Api", "Legacy").fix).toBeTruthy();
    expect(APP).toContain("Legacy:");
  });
});
