import { describe, expect, it } from "vitest";
import { cardFor } from "../../core/catalog";
import { describeIntrinsic, displayValue, parseFieldInput, parseSettingInput, settingFields, valueAt } from "./fields";

const prop = (label: string) => cardFor("function").properties.find((p) => p.label === label)!;

describe("inspector fields", () => {
  it("reads nested properties by path", () => {
    expect(valueAt({ Environment: { Variables: { TABLE: "x" } } }, ["Environment", "Variables", "TABLE"])).toBe("x");
    expect(valueAt({}, ["Environment", "Variables"])).toBeUndefined();
  });

  it("refuses a memory size outside Lambda's limits and accepts one inside", () => {
    expect(parseFieldInput(prop("Memory (MB)"), "64", 128)).toEqual({ error: "Memory (MB) must be at least 128." });
    expect(parseFieldInput(prop("Memory (MB)"), "512", 128)).toEqual({ value: 512 });
  });

  it("removes an optional property when its field is emptied, but not a required one", () => {
    expect(parseFieldInput(prop("Timeout (s)"), "", 10)).toEqual({ remove: true });
    expect(parseFieldInput(prop("Runtime"), "", "nodejs22.x")).toHaveProperty("error");
  });

  it("writes the architecture as a one-item list, as Lambda expects", () => {
    expect(parseFieldInput(prop("Architecture"), "x86_64", ["arm64"])).toEqual({ value: ["x86_64"] });
    expect(displayValue(prop("Architecture"), ["arm64"])).toBe("arm64");
  });

  it("shows intrinsic values in their short form", () => {
    expect(describeIntrinsic({ Ref: "OrdersTable" })).toBe("!Ref OrdersTable");
    expect(describeIntrinsic({ "Fn::GetAtt": ["OrdersTable", "Arn"] })).toBe("!GetAtt OrdersTable.Arn");
    expect(displayValue(prop("Environment variables"), { TABLE: { Ref: "T" } })).toContain('"Ref": "T"');
  });

  it("offers a wire's route and method for editing and keeps the event name read-only", () => {
    const fields = settingFields({ event: "GetOrders", type: "HttpApi", method: "GET", path: "/orders", batchSize: 10 });
    expect(fields.map((f) => [f.key, f.type])).toEqual([
      ["event", "readonly"],
      ["type", "readonly"],
      ["method", "enum"],
      ["path", "text"],
      ["batchSize", "number"],
    ]);
    expect(parseSettingInput(fields[4], "abc")).toHaveProperty("error");
    expect(parseSettingInput(fields[4], "25")).toEqual({ value: 25 });
  });
});
