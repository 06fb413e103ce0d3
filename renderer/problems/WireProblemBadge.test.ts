import { describe, expect, it } from "vitest";
import type { Problem } from "../../core/model/types";
import { problemCountsByWire } from "./WireProblemBadge";

const problem = (severity: Problem["severity"], connections?: string[]): Problem => ({ severity, code: "check/x", message: `${severity} on ${connections?.join(",")}`, source: "check", connections });

describe("wire problem counts", () => {
  it("counts errors and warnings on every wire a problem names, and leaves notes and wireless problems out", () => {
    const counts = problemCountsByWire([
      problem("error", ["a", "b"]),
      problem("warning", ["a"]),
      problem("info", ["b"]),
      problem("error"),
    ]);
    expect(counts.get("a")).toEqual({ errors: 1, warnings: 1, messages: ["error on a,b", "warning on a"] });
    expect(counts.get("b")).toEqual({ errors: 1, warnings: 0, messages: ["error on a,b"] });
    expect([...counts.keys()].sort()).toEqual(["a", "b"]);
  });

  it("computes the counts once per problem list", () => {
    const list = [problem("warning", ["a"])];
    expect(problemCountsByWire(list)).toBe(problemCountsByWire(list));
  });
});
