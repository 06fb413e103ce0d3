import { describe, expect, it } from "vitest";
import { applyEdits, diffText, emptyHistory, entryFor, record, redo, undo, HISTORY_LIMIT } from "./history";

const v1 = "Resources:\n  # the orders table\n  Orders:\n    Type: AWS::DynamoDB::Table\n";
const v2 = v1.replace("Orders:", "OrdersTable:");
const v3 = v2 + "  Queue:\n    Type: AWS::SQS::Queue\n";

describe("undo history", () => {
  it("turns the text back byte for byte after undo, and forward again after redo", () => {
    let h = record(emptyHistory(), entryFor("Rename", v1, v2));
    h = record(h, entryFor("Add Queue", v2, v3));
    const u1 = undo(h, v3)!;
    expect(u1.text).toBe(v2);
    const u2 = undo(u1.history, u1.text)!;
    expect(u2.text).toBe(v1);
    expect(undo(u2.history, u2.text)).toBeNull();
    const r1 = redo(u2.history, u2.text)!;
    expect(r1.text).toBe(v2);
    const r2 = redo(r1.history, r1.text)!;
    expect(r2.text).toBe(v3);
    expect(redo(r2.history, r2.text)).toBeNull();
  });

  it("forgets the redo branch when a new change is made after undo", () => {
    let h = record(emptyHistory(), entryFor("Rename", v1, v2));
    const u = undo(h, v2)!;
    h = record(u.history, entryFor("Add Queue", v1, v1 + "# x\n"));
    expect(h.future).toEqual([]);
    expect(h.past.map((e) => e.label)).toEqual(["Add Queue"]);
  });

  it("does not record a change that changes nothing", () => {
    expect(record(emptyHistory(), entryFor("Nothing", v1, v1)).past).toHaveLength(0);
  });

  it("keeps only the most recent changes past the limit", () => {
    let h = emptyHistory();
    let text = "";
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      const next = text + "x";
      h = record(h, entryFor(`type ${i}`, text, next));
      text = next;
    }
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0].label).toBe("type 5");
  });

  it("diffs to the smallest middle replacement, with repeated characters at the edges", () => {
    const { forward, inverse } = diffText("aaaa", "aaaaa");
    expect(applyEdits("aaaa", forward)).toBe("aaaaa");
    expect(applyEdits("aaaaa", inverse)).toBe("aaaa");
    expect(forward[0].text).toBe("a");
  });

  it("applies several edits given against the same original text", () => {
    expect(applyEdits("abcdef", [{ start: 0, end: 1, text: "X" }, { start: 4, end: 6, text: "YZW" }])).toBe("XbcdYZW");
  });
});
