/**
 * Pure helpers of the inspector's forms: reading a property at a path, turning what the person
 * typed into the value to write (or a reason it cannot be written), and the settings a wire
 * offers for editing.
 */
import type { EditableProperty } from "../../core/catalog";

export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** An intrinsic function (`{ Ref: … }`, `{ "Fn::Sub": … }`) — shown as-is, edited in the template. */
export function isIntrinsic(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === "Ref" || keys[0] === "Condition" || keys[0].startsWith("Fn::"));
}

/** Short form of an intrinsic for display: `!Ref Table`, `!GetAtt Table.Arn`, `!Sub …`. */
export function describeIntrinsic(value: unknown): string {
  const [key, arg] = Object.entries(value as Record<string, unknown>)[0];
  if (key === "Ref") return `!Ref ${String(arg)}`;
  if (key === "Fn::GetAtt") return `!GetAtt ${Array.isArray(arg) ? arg.join(".") : String(arg)}`;
  const name = key.replace(/^Fn::/, "");
  return `!${name} ${typeof arg === "string" ? arg : JSON.stringify(arg)}`;
}

/** The text shown in a field for the current value. */
export function displayValue(property: Pick<EditableProperty, "type">, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (isIntrinsic(value)) return describeIntrinsic(value);
  if (property.type === "enum" && Array.isArray(value)) return value.length ? String(value[0]) : "";
  if (property.type === "map" || property.type === "json" || property.type === "list" || typeof value === "object") {
    return JSON.stringify(value, null, 2);
  }
  return String(value);
}

export type ParsedInput = { remove: true } | { value: unknown } | { error: string };

/**
 * What to write for the text in a field. Empty means "remove the property" (CloudFormation then
 * uses its default), except for required ones.
 */
export function parseFieldInput(property: EditableProperty, text: string, current: unknown): ParsedInput {
  const trimmed = text.trim();
  if (trimmed === "") return property.required ? { error: `${property.label} is required.` } : { remove: true };
  switch (property.type) {
    case "number": {
      const n = Number(trimmed);
      if (!Number.isFinite(n)) return { error: `${property.label} must be a number.` };
      if (property.min !== undefined && n < property.min) return { error: `${property.label} must be at least ${property.min}.` };
      if (property.max !== undefined && n > property.max) return { error: `${property.label} must be at most ${property.max}.` };
      return { value: n };
    }
    case "boolean":
      return { value: trimmed === "true" };
    case "enum": {
      if (property.enum && !property.enum.includes(trimmed)) return { error: `${property.label} must be one of ${property.enum.join(", ")}.` };
      // Some properties hold one choice in a list (Lambda's Architectures is ["arm64"]).
      const asList = Array.isArray(current) || property.path[property.path.length - 1] === "Architectures";
      return { value: asList ? [trimmed] : trimmed };
    }
    case "list": {
      if (trimmed.startsWith("[")) return parseJson(property, trimmed);
      return { value: trimmed.split(/[,\n]/).map((s) => s.trim()).filter(Boolean) };
    }
    case "map":
    case "json":
      return parseJson(property, trimmed);
    default:
      return { value: trimmed };
  }
}

function parseJson(property: EditableProperty, text: string): ParsedInput {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: `${property.label}: not valid JSON (${(e as Error).message}).` };
  }
}

/** How a wire setting is edited. Settings that name what the wire is (event name, type) are read-only. */
export interface SettingField {
  key: string;
  label: string;
  type: "text" | "number" | "boolean" | "enum" | "json" | "readonly";
  options?: readonly string[];
}

const settingLabels: Record<string, string> = {
  method: "Method",
  path: "Path",
  batchSize: "Batch size",
  startingPosition: "Starting position",
  access: "Access level",
  level: "Access level",
  as: "Kind",
  maxReceiveCount: "Max receives before DLQ",
  schedule: "Schedule expression",
  enabled: "Enabled",
  pattern: "Event pattern",
  filter: "Filter",
  filters: "Filters",
  event: "Event name",
  type: "Event type",
  resource: "Defined by",
  prefix: "Key prefix",
  suffix: "Key suffix",
  events: "S3 events",
};

const settingOptions: Record<string, readonly string[]> = {
  method: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"],
  access: ["read", "write", "read-write"],
  level: ["read", "write", "read-write"],
  startingPosition: ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"],
};

const readOnlySettings = new Set(["event", "type", "resource", "as", "rule"]);

export function settingFields(settings: Record<string, unknown>): SettingField[] {
  return Object.entries(settings)
    .filter(([, v]) => v !== undefined)
    .map(([key, value]) => {
      const label = settingLabels[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
      if (readOnlySettings.has(key) || isIntrinsic(value)) return { key, label, type: "readonly" as const };
      if (settingOptions[key]) return { key, label, type: "enum" as const, options: settingOptions[key] };
      if (typeof value === "number") return { key, label, type: "number" as const };
      if (typeof value === "boolean") return { key, label, type: "boolean" as const };
      if (typeof value === "object") return { key, label, type: "json" as const };
      return { key, label, type: "text" as const };
    });
}

/** The value of a wire setting from what was typed. */
export function parseSettingInput(field: SettingField, text: string): { value: unknown } | { error: string } {
  if (field.type === "number") {
    const n = Number(text);
    return Number.isFinite(n) && text.trim() !== "" ? { value: n } : { error: `${field.label} must be a number.` };
  }
  if (field.type === "boolean") return { value: text === "true" };
  if (field.type === "json") {
    try {
      return { value: JSON.parse(text) };
    } catch (e) {
      return { error: `${field.label}: not valid JSON (${(e as Error).message}).` };
    }
  }
  return { value: text.trim() };
}
