/**
 * S3 bucket without a public access block.
 *
 * - warning: the bucket turns one of the four Block Public Access settings off, or grants a
 *   public canned ACL (PublicRead / PublicReadWrite / AuthenticatedRead);
 * - info: the template does not state the settings. S3 blocks public access on new buckets by
 *   default, so this is not a hole by itself, but stating it keeps the protection if the bucket
 *   or account defaults change.
 * No quick fix for buckets meant to be public (a website configuration or a bucket policy with
 * Principal "*"): blocking would break them.
 */
import type { Problem } from "../model/types";
import { booleanValue, isObject, referencedNames } from "./references";
import { describe, finding, setPropertyFix, type CheckRule } from "./rule";

const SETTINGS = ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"] as const;

const WHY =
  "S3 Block Public Access overrides bucket policies and ACLs that would make data public. New buckets block public access by default, " +
  "but a template that turns a setting off, or does not state it, leaves the protection to account defaults. Source: Amazon S3 User " +
  "Guide, \"Blocking public access to your Amazon S3 storage\" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html), read 2026-11-23.";

function publicByPolicy(bucketId: string, resources: Iterable<{ type: string; properties: Record<string, unknown> }>): boolean {
  for (const r of resources) {
    if (r.type !== "AWS::S3::BucketPolicy" || !referencedNames(r.properties.Bucket).has(bucketId)) continue;
    const doc = r.properties.PolicyDocument;
    const statements = isObject(doc) ? (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) : [];
    for (const s of statements) {
      if (!isObject(s) || s.Effect !== "Allow") continue;
      const principal = s.Principal;
      if (principal === "*" || (isObject(principal) && (principal.AWS === "*" || (Array.isArray(principal.AWS) && principal.AWS.includes("*"))))) return true;
    }
  }
  return false;
}

export const bucketPublicAccess: CheckRule = {
  id: "bucket-public-access",
  title: "S3 bucket without a public access block",
  severity: "warning",
  source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
  run(ctx) {
    const problems: Problem[] = [];
    for (const bucket of ctx.facts.resources.values()) {
      if (bucket.type !== "AWS::S3::Bucket") continue;
      const p = bucket.properties;
      const meantPublic = p.WebsiteConfiguration !== undefined || publicByPolicy(bucket.id, ctx.facts.resources.values());
      const allOn = Object.fromEntries(SETTINGS.map((s) => [s, true]));
      const fix = meantPublic ? undefined : setPropertyFix("Block all public access", bucket.id, ["PublicAccessBlockConfiguration"], allOn);
      const name = describe(bucket, bucket.id);
      const acl = typeof p.AccessControl === "string" ? p.AccessControl : undefined;
      if (acl && /^(PublicRead|PublicReadWrite|AuthenticatedRead)$/.test(acl)) {
        problems.push(finding(ctx, { rule: bucketPublicAccess, resource: bucket, path: ["Properties", "AccessControl"], message: `${name} grants the public canned ACL ${acl}.`, why: WHY, fix }));
        continue;
      }
      const pab = p.PublicAccessBlockConfiguration;
      if (pab === undefined) {
        problems.push(
          finding(ctx, {
            rule: bucketPublicAccess,
            severity: "info",
            resource: bucket,
            message: `${name} does not state its Block Public Access settings${meantPublic ? " (it looks meant to be public: website or public bucket policy)" : ""}; it relies on S3's defaults.`,
            why: WHY,
            fix,
          }),
        );
        continue;
      }
      if (!isObject(pab)) continue;
      const off = SETTINGS.filter((s) => pab[s] === undefined || booleanValue(pab[s], ctx.model) === false);
      if (off.length === 0) continue;
      problems.push(
        finding(ctx, {
          rule: bucketPublicAccess,
          severity: meantPublic ? "info" : "warning",
          resource: bucket,
          path: ["Properties", "PublicAccessBlockConfiguration"],
          message: `${name} leaves ${off.join(", ")} off${meantPublic ? " (it looks meant to be public: website or public bucket policy)" : ""}.`,
          why: WHY,
          fix,
        }),
      );
    }
    return problems;
  },
};
