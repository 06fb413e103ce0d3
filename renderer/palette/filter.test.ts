import { describe, expect, it } from "vitest";
import { paletteCards } from "../../core/catalog";
import { filterCards } from "./Palette";

const kinds = (q: string) => filterCards(paletteCards(), q).map((c) => c.kind);

describe("palette search", () => {
  it("puts the card whose name matches first", () => {
    expect(kinds("function")[0]).toBe("function");
    expect(kinds("que")[0]).toBe("queue");
    expect(kinds("table")[0]).toBe("table");
  });

  it("finds a card by its CloudFormation type", () => {
    expect(kinds("AWS::SQS::Queue")).toEqual(["queue"]);
  });

  it("needs every word to match", () => {
    expect(kinds("s3 bucket")).toEqual(["bucket"]);
    expect(kinds("zzz")).toEqual([]);
  });

  it("shows every card for an empty search", () => {
    expect(kinds("  ")).toHaveLength(paletteCards().length);
  });
});
