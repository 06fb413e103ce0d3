import { describe, expect, it } from "vitest";
import { refusal, wire } from "./fixture.test-support";

describe("api-to-state-machine", () => {
  it("writes an Api event on the state machine for POST /<name>", () => {
    const { added, wire: w } = wire("RestApi", "Flow");
    expect(added).toBe(`      Events:
        PostFlow:
          Type: Api
          Properties:
            Path: /flow
            Method: post
            RestApiId: !Ref RestApi`);
    expect(w.rule).toBe("api-to-state-machine");
  });

  it("refuses an HTTP API, which SAM state machines do not take", () => {
    const r = refusal("Api", "Flow");
    expect(r.reason).toContain("REST API");
    expect(r.fix).toContain("function");
  });
});
