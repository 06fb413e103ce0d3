import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { importTemplate } from "../model/import";
import { applyOperation } from "../template/operations";
import { CORPUS, corpusAvailable } from "../template/corpus.test-support";
import { APP, refusal, wire } from "./fixture.test-support";

describe("s3-to-function", () => {
  it.runIf(corpusAvailable)("recognises SAM's S3 event example (sam-translator input s3.yaml)", () => {
    const model = importTemplate(readFileSync(`${CORPUS}sam-translator/input/s3.yaml`, "utf8")).model!;
    const c = model.connections.find((x) => x.rule === "s3-to-function")!;
    expect(`${c.from}->${c.to}`).toBe("Images->ThumbnailFunction");
    expect(c.label).toBe("ObjectCreated:*");
  });

  it("writes an S3 event with the key prefix filter", () => {
    const { added, wire: w } = wire("Uploads", "Worker", { prefix: "incoming/", suffix: ".jpg" });
    expect(added).toBe(`      Events:
        UploadsEvent:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: incoming/
                  - Name: suffix
                    Value: .jpg`);
    expect(w.settings).toMatchObject({ prefix: "incoming/", suffix: ".jpg" });
  });

  it("refuses S3 → queue with the usual fix", () => {
    const r = refusal("Uploads", "Jobs");
    expect(r.reason).toContain("S3 cannot send to a queue");
    expect(r.fix).toContain("S3 → function");
  });

  it("refuses a notification to a function that already references the bucket (a circular dependency)", () => {
    const withAccess = applyOperation(APP, { op: "connect", from: "Worker", to: "Uploads" });
    if ("refused" in withAccess) throw new Error(withAccess.reason);
    expect(refusal("Uploads", "Worker", {}, withAccess.text).reason).toContain("circular dependency");
  });

  it("names the bucket by its BucketName when a notified function gets access to it", () => {
    const named = APP.replace("  Uploads:\n    Type: AWS::S3::Bucket\n", "  Uploads:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub ${AWS::StackName}-uploads\n");
    const notified = applyOperation(named, { op: "connect", from: "Uploads", to: "Worker" });
    if ("refused" in notified) throw new Error(notified.reason);
    const { added, wire: w } = wire("Worker", "Uploads", { level: "read" }, notified.text);
    expect(added).toContain("BucketName: !Sub ${AWS::StackName}-uploads");
    expect(added).toContain("UPLOADS_BUCKET_NAME: !Sub ${AWS::StackName}-uploads");
    expect(added).not.toContain("!Ref Uploads");
    expect(w.label).toBe("read");
  });
});
