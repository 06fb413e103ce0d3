/**
 * Template quotas. Source: AWS CloudFormation User Guide, "Understand CloudFormation quotas"
 * (read 2026-11-23): 500 resources, 200 parameters, 200 outputs, 200 mappings per template;
 * a template body passed inline in the request may be at most 51,200 bytes (1 MB from S3).
 */
import type { Problem } from "../../model/types";
import { problemAt, type ValidationContext } from "../context";
import { isPlainObject } from "../intrinsics";

export const TEMPLATE_LIMITS = {
  resources: 500,
  parameters: 200,
  outputs: 200,
  mappings: 200,
  inlineBodyBytes: 51_200,
  s3BodyBytes: 1_048_576,
} as const;

function count(section: unknown): number {
  return isPlainObject(section) ? Object.keys(section).length : 0;
}

export function checkLimits(ctx: ValidationContext): Problem[] {
  const out: Problem[] = [];
  const t = ctx.template;
  const sections: [string, keyof typeof TEMPLATE_LIMITS][] = [
    ["Resources", "resources"],
    ["Parameters", "parameters"],
    ["Outputs", "outputs"],
    ["Mappings", "mappings"],
  ];
  for (const [section, key] of sections) {
    const n = count(t[section]);
    const limit = TEMPLATE_LIMITS[key];
    if (n > limit) {
      out.push(problemAt(ctx, "error", "cfn/limit", [section], `${section} has ${n} entries; CloudFormation allows at most ${limit} per template (split it into nested stacks)`));
    }
  }
  if (ctx.text !== undefined) {
    const bytes = new TextEncoder().encode(ctx.text).length;
    if (bytes > TEMPLATE_LIMITS.s3BodyBytes) {
      out.push(problemAt(ctx, "error", "cfn/limit", [], `The template is ${bytes.toLocaleString("en-US")} bytes; CloudFormation accepts at most 1,048,576 bytes even from S3`));
    } else if (bytes > TEMPLATE_LIMITS.inlineBodyBytes) {
      out.push(problemAt(ctx, "warning", "cfn/limit", [], `The template is ${bytes.toLocaleString("en-US")} bytes, over the 51,200-byte limit for an inline template body; it must be uploaded to S3 to deploy (Flowform's deploy does that)`));
    }
  }
  return out;
}
