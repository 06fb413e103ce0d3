import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const run = (text: string) => checkTemplate(text, { rules: ["bucket-public-access"] }).problems;
const bucket = (props: string) => `Resources:\n  Data:\n    Type: AWS::S3::Bucket\n${props}`;
const ALL_ON = "    Properties:\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true\n        RestrictPublicBuckets: true\n";

describe("S3 bucket public access check", () => {
  it("notes, as info, a bucket that does not state its Block Public Access settings, and offers to block all", () => {
    const [p] = run(bucket(""));
    expect(p.severity).toBe("info");
    expect(p.fix?.operation).toEqual({ op: "setProperty", id: "Data", path: ["PublicAccessBlockConfiguration"], value: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } });
  });

  it("warns when a setting is turned off", () => {
    const [p] = run(bucket(ALL_ON.replace("BlockPublicPolicy: true", "BlockPublicPolicy: false")));
    expect(p.severity).toBe("warning");
    expect(p.message).toBe("S3 bucket Data leaves BlockPublicPolicy off.");
  });

  it("warns about a public-read canned ACL", () => {
    expect(run(bucket("    Properties:\n      AccessControl: PublicRead\n"))[0].message).toContain("public canned ACL PublicRead");
  });

  it("accepts a bucket with all four settings on", () => {
    expect(run(bucket(ALL_ON))).toEqual([]);
  });

  it("offers no fix for a website bucket, which is meant to be public", () => {
    const [p] = run(bucket("    Properties:\n      WebsiteConfiguration: { IndexDocument: index.html }\n"));
    expect(p.fix).toBeUndefined();
    expect(p.message).toContain("meant to be public");
  });
});
