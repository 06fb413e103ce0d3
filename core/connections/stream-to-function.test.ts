import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { importTemplate } from "../model/import";
import { CORPUS, corpusAvailable } from "../template/corpus.test-support";
import { APP, refusal, wire } from "./fixture.test-support";

describe("stream-to-function", () => {
  it.runIf(corpusAvailable)("recognises a Kinesis event whose settings are intrinsics (sam-translator kinesis_intrinsics.yaml)", () => {
    const model = importTemplate(readFileSync(`${CORPUS}sam-translator/input/kinesis_intrinsics.yaml`, "utf8")).model!;
    const c = model.connections.find((x) => x.rule === "stream-to-function");
    expect(c?.to).toBe("MyLambdaFunction");
    expect(c?.settings.batchSize).toEqual({ Ref: "IntValue" });
  });

  it("writes a Kinesis event that starts at LATEST, bisects failing batches and retries 3 times", () => {
    const { added } = wire("Clicks", "Worker");
    expect(added).toBe(`      Events:
        ClicksStream:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Clicks.Arn
            StartingPosition: LATEST
            BatchSize: 100
            BisectBatchOnFunctionError: true
            MaximumRetryAttempts: 3`);
  });

  it("turns on a table's stream when it has none, and leaves it on after disconnect", () => {
    const { result, wire: w } = wire("Orders", "Worker", {}, APP, true);
    expect(result.text).toContain("      StreamSpecification:\n        StreamViewType: NEW_AND_OLD_IMAGES");
    expect(result.text).toContain("Stream: !GetAtt Orders.StreamArn");
    expect(w.writes.map((x) => x.resource)).toEqual(["Worker"]);
  });

  it("refuses a SimpleTable, which cannot have a stream", () => {
    const text = APP.replace("  Jobs:\n", "  Simple:\n    Type: AWS::Serverless::SimpleTable\n\n  Jobs:\n");
    expect(refusal("Simple", "Worker", {}, text).reason).toContain("SimpleTable");
  });
});
