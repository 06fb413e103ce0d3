import { describe, expect, it } from "vitest";
import { defaultSettings, parseSettings, serializeSettings } from "../../core/project/settings";
import { useStore } from "../store";

const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Events:
        Get: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /hello, Method: GET } }
`;

describe("cost slice", () => {
  it("re-estimates when usage is typed in and when the template changes", () => {
    useStore.getState().loadSnapshot({ dir: null, name: "Untitled", templateFile: "template.yaml", templateText: template, settings: defaultSettings(), recovery: null });
    expect(useStore.getState().cost?.total).toBe(0);

    useStore.getState().setUsageValue({ resource: "Api" }, "requestsPerMonth", 3_000_000);
    const afterUsage = useStore.getState();
    expect(afterUsage.settings.usage.resources.Api).toEqual({ requestsPerMonth: 3_000_000 });
    // 3M HTTP API requests at $1.00/M + 2M billable Lambda requests at $0.20/M; duration stays free.
    expect(afterUsage.cost?.total).toBe(3.4);
    expect(afterUsage.costByResource.Api).toBeCloseTo(3, 10);
    expect(afterUsage.dirty).toBe(true);

    useStore.getState().setTemplateText(template.replace("Handler: index.handler", "Handler: index.handler\n      MemorySize: 2048"), "inspector");
    expect(useStore.getState().costByResource.Hello).toBeGreaterThan(afterUsage.costByResource.Hello);
  });

  it("removes a usage value when it is cleared, and switches price tables with the region", () => {
    useStore.getState().setUsageValue({ resource: "Api" }, "requestsPerMonth", undefined);
    expect(useStore.getState().settings.usage.resources.Api).toBeUndefined();
    useStore.getState().setUsageValue({ resource: "Api" }, "requestsPerMonth", 100_000_000);
    const virginia = useStore.getState().cost!.total;
    useStore.getState().updateUsage((u) => ({ ...u, region: "eu-central-1" }));
    expect(useStore.getState().cost!.region).toBe("eu-central-1");
    expect(useStore.getState().cost!.total).toBeGreaterThan(virginia);
  });
});

describe("12-month free tier", () => {
  it("deducts API Gateway's 1M new-account calls only when chosen, and flowform.json keeps the choice", () => {
    useStore.getState().updateUsage((u) => ({ ...u, region: "us-east-1", resources: { Api: { requestsPerMonth: 3_000_000 } } }));
    const without = useStore.getState().costByResource.Api;
    useStore.getState().updateUsage((u) => ({ ...u, twelveMonthFreeTier: true }));
    expect(useStore.getState().costByResource.Api).toBeCloseTo(without - 1, 10);
    const saved = serializeSettings(useStore.getState().settings);
    const reread = parseSettings(saved);
    expect("settings" in reread && reread.settings.usage.twelveMonthFreeTier).toBe(true);
  });
});
