/**
 * A machine without Python: this file runs in its own worker with an empty PATH, so `findPython`
 * (cached per process) finds neither `python3` nor `python`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importTemplate } from "../../core/model/import";
import { findPython, invokeFunction } from "./service";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "flowform-no-python-"));
const savedPath = process.env.PATH;
beforeAll(() => {
  fs.mkdirSync(path.join(root, "empty-bin"));
  process.env.PATH = path.join(root, "empty-bin");
});
afterAll(() => {
  process.env.PATH = savedPath;
  fs.rmSync(root, { recursive: true, force: true });
});

describe("local invoke without Python", () => {
  it("says Python 3 is not installed and how to fix it, instead of failing to start", async () => {
    expect(await findPython()).toBeNull();
    fs.mkdirSync(path.join(root, "src", "Fn"), { recursive: true });
    fs.writeFileSync(path.join(root, "src", "Fn", "app.py"), "def handler(event, context):\n    return 1\n");
    const { model } = importTemplate(
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: src/Fn/
`,
      "template.yaml",
    );
    const result = await invokeFunction({ projectDir: root, model: model!, functionId: "Fn", event: {} });
    expect(result.status).toBe("unavailable");
    expect(result.error?.message).toMatch(/Python 3 is not installed on this machine .* Fn \(python3\.13\) cannot be tested locally\. Install Python 3/);
  });
});
