/**
 * `flowform.json`: everything about a project that is not the template itself — canvas layout,
 * usage assumptions for the cost estimate, deploy settings (never credentials) and saved test
 * events. Parsed with zod so that a hand-edited or older file gives a clear error, not a crash.
 */
import { z } from "zod";

export const FLOWFORM_JSON_VERSION = 1;

const Position = z.object({ x: z.number(), y: z.number() });

export const LayoutSchema = z.object({
  /** Node positions by logical ID. A resource without a position is auto-laid out. */
  nodes: z.record(z.string(), Position).default({}),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});

/**
 * Usage assumptions (owned by core/cost; see its README for the keys). Free-form records keyed
 * by logical ID / connection id so that the cost engine can grow without a schema migration.
 */
export const UsageSchema = z.object({
  region: z.string().default("us-east-1"),
  freeTier: z.boolean().default(true),
  /** Also deduct the 12-month allowances (API Gateway, S3) that only new accounts have. */
  twelveMonthFreeTier: z.boolean().optional(),
  hoursPerMonth: z.number().positive().default(730),
  resources: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  connections: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});

export const DeploySettingsSchema = z.object({
  profile: z.string().optional(),
  region: z.string().optional(),
  stackName: z.string().optional(),
  stagingBucket: z.string().optional(),
  parameters: z.record(z.string(), z.string()).default({}),
});

export const FlowformSettingsSchema = z.object({
  version: z.literal(FLOWFORM_JSON_VERSION).default(FLOWFORM_JSON_VERSION),
  layout: LayoutSchema.default({ nodes: {} }),
  usage: UsageSchema.default({ region: "us-east-1", freeTier: true, hoursPerMonth: 730, resources: {}, connections: {} }),
  deploy: DeploySettingsSchema.default({ parameters: {} }),
  /** Saved sample events for local test invoke, by function logical ID. */
  testEvents: z.record(z.string(), z.unknown()).default({}),
  /** Settings the person chose that the template cannot hold (e.g. a concurrency budget for checks). */
  preferences: z.record(z.string(), z.unknown()).default({}),
});

export type FlowformSettings = z.infer<typeof FlowformSettingsSchema>;
export type Layout = z.infer<typeof LayoutSchema>;
export type UsageSettings = z.infer<typeof UsageSchema>;
export type DeploySettings = z.infer<typeof DeploySettingsSchema>;

export function defaultSettings(): FlowformSettings {
  return FlowformSettingsSchema.parse({});
}

/** Parse flowform.json text. Returns the settings, or an error naming what is wrong and where. */
export function parseSettings(text: string): { settings: FlowformSettings } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { error: `flowform.json is not valid JSON: ${(e as Error).message}` };
  }
  const parsed = FlowformSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `flowform.json: ${issue.path.join(".") || "(root)"}: ${issue.message}` };
  }
  return { settings: parsed.data };
}

/** Stable, readable serialisation (2-space indent, trailing newline) so diffs stay small. */
export function serializeSettings(settings: FlowformSettings): string {
  return JSON.stringify(settings, null, 2) + "\n";
}
