import { describe, expect, it } from "vitest";
import { applyTextEdits, diffEdits, EditLog } from "./edits";
import { yamlAfterKey, yamlScalar, type SnippetStyle } from "./serialize";

const style: SnippetStyle = { format: "yaml", unit: 2, shortForms: true, indentSequences: true };

describe("EditLog", () => {
  it("turns splices made one after another into edits on the original text, and their exact inverse", () => {
    const original = "a\nb\nc\nd\n";
    const log = new EditLog(original);
    log.apply([{ start: 2, end: 3, text: "B" }]); // a B c d
    log.apply([{ start: 0, end: 0, text: "zero\n" }]); // before everything: offsets shift
    log.apply([{ start: 9, end: 10, text: "CC" }]); // c is at 9 now, 4 in the original
    expect(log.text).toBe("zero\na\nB\nCC\nd\n");
    expect(applyTextEdits(original, log.edits())).toBe(log.text);
    expect(applyTextEdits(log.text, log.inverse())).toBe(original);
    expect(log.edits()).toEqual([
      { start: 0, end: 0, text: "zero\n" },
      { start: 2, end: 3, text: "B" },
      { start: 4, end: 5, text: "CC" },
    ]);
  });

  it("merges a splice that overlaps an earlier one", () => {
    const original = "one two three";
    const log = new EditLog(original);
    log.apply([{ start: 4, end: 7, text: "2" }]); // one 2 three
    log.apply([{ start: 2, end: 6, text: "E-" }]); // onE-three
    expect(log.text).toBe("onE-three");
    expect(applyTextEdits(original, log.edits())).toBe(log.text);
    expect(applyTextEdits(log.text, log.inverse())).toBe(original);
  });
});

describe("diffEdits", () => {
  it("finds the changed characters between two texts", () => {
    const before = "A: 1\nB: 2\nC: 3";
    const after = "A: 1\nB: 20\nC: 3\nD: 4";
    const edits = diffEdits(before, after);
    expect(applyTextEdits(before, edits)).toBe(after);
    // The first line is untouched; the edit starts right after "B: 2".
    expect(edits[0].start).toBe(9);
    expect(diffEdits(before, before)).toEqual([]);
  });
});

describe("snippets in the document's style", () => {
  it("quotes only strings that would not read back as themselves", () => {
    expect(yamlScalar("index.handler")).toBe("index.handler");
    expect(yamlScalar("s3:ObjectCreated:*")).toBe("s3:ObjectCreated:*");
    expect(yamlScalar("rate(1 hour)")).toBe("rate(1 hour)");
    expect(yamlScalar("true")).toBe("'true'");
    expect(yamlScalar("2012-10-17")).toBe("'2012-10-17'");
    expect(yamlScalar("a: b")).toBe("'a: b'");
    expect(yamlScalar("*")).toBe("'*'");
    expect(yamlScalar("it's")).toBe("it's");
    expect(yamlScalar("line\nbreak")).toBe('"line\\nbreak"');
  });

  it("writes intrinsics in short form, maps and lists in block style", () => {
    expect(yamlAfterKey({ Queue: { "Fn::GetAtt": ["Jobs", "Arn"] }, Events: ["a", { Ref: "B" }] }, 4, style)).toBe("\n      Queue: !GetAtt Jobs.Arn\n      Events:\n        - a\n        - !Ref B");
    expect(yamlAfterKey({ "Fn::Join": ["", ["a", { Ref: "B" }]] }, 0, style)).toBe(" !Join ['', [a, !Ref B]]");
    expect(yamlAfterKey({ Ref: "X" }, 0, { ...style, shortForms: false })).toBe("\n  Ref: X");
  });
});
