/**
 * Writing new template snippets in the document's own style: YAML block style with CloudFormation
 * short forms (`!Ref X`, `!GetAtt X.Arn`, `!Sub '…'`) when the document uses them, or JSON with the
 * document's indent. Only new text is produced here; existing text is never re-serialised.
 */
import { INTRINSIC_TAGS } from "./parse";

export interface SnippetStyle {
  format: "yaml" | "json";
  /** Spaces per nesting level. */
  unit: number;
  /** YAML: write `!Ref X` rather than `Ref: X`. */
  shortForms: boolean;
  /** YAML: block sequence dashes indented under their key (`Key:\n  - a`) or level with it (`Key:\n- a`). */
  indentSequences: boolean;
}

const LONG_TO_SHORT: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(INTRINSIC_TAGS).map(([tag, long]) => [long, tag]));

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The intrinsic a value is, when it is `{ "Fn::X": arg }` / `{ Ref: arg }`. */
function intrinsic(value: unknown): { tag: string; arg: unknown } | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const tag = LONG_TO_SHORT[keys[0]];
  return tag ? { tag, arg: value[keys[0]] } : undefined;
}

const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

/** A YAML scalar as plain text when that reads back as the same string, quoted otherwise. */
export function yamlScalar(value: unknown, inFlow = false): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const s = String(value);
  const plainSafe =
    s.length > 0 &&
    !RESERVED.test(s) &&
    /^[A-Za-z_$/.][^\n\r\t]*$/.test(s) &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/[:]\s|\s#|:$|\s$/.test(s) &&
    !(inFlow && /[[\]{},]/.test(s)) &&
    !/^[-+]?(\.\d|\d)/.test(s);
  if (plainSafe) return s;
  if (/[\n\r\t\\]/.test(s) || /[^\x20-\x7e]/.test(s)) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

export function yamlKey(key: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.:/-]*$/.test(key) && !RESERVED.test(key) && !/:$/.test(key) ? key : yamlScalar(key);
}

/** YAML flow style, used for intrinsic arguments that are collections (`!Join ['', [a, b]]`). */
export function yamlFlow(value: unknown, style: SnippetStyle): string {
  const i = style.shortForms ? intrinsic(value) : undefined;
  if (i) {
    if (i.tag === "!GetAtt" && Array.isArray(i.arg) && i.arg.every((x) => typeof x === "string")) return `!GetAtt ${i.arg.join(".")}`;
    return `${i.tag} ${yamlFlow(i.arg, style)}`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => yamlFlow(v, style)).join(", ")}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return entries.length ? `{ ${entries.map(([k, v]) => `${yamlKey(k)}: ${yamlFlow(v, style)}`).join(", ")} }` : "{}";
  }
  return yamlScalar(value, true);
}

/** True for values written on the key's own line (`Key: value`). */
function isInline(value: unknown, style: SnippetStyle): boolean {
  if (style.shortForms && intrinsic(value)) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return true;
}

function inlineYaml(value: unknown, style: SnippetStyle): string {
  const i = style.shortForms ? intrinsic(value) : undefined;
  if (i) {
    if (i.tag === "!GetAtt" && Array.isArray(i.arg) && i.arg.every((x) => typeof x === "string")) return `!GetAtt ${i.arg.join(".")}`;
    return typeof i.arg === "string" || typeof i.arg === "number" || typeof i.arg === "boolean" ? `${i.tag} ${yamlScalar(i.arg)}` : `${i.tag} ${yamlFlow(i.arg, style)}`;
  }
  if (Array.isArray(value)) return "[]";
  if (isRecord(value)) return "{}";
  return yamlScalar(value);
}

const spaces = (n: number) => " ".repeat(Math.max(0, n));

/**
 * YAML text for a value that follows `key:` whose key starts at column `keyColumn` (0-based).
 * Starts with " " (inline) or "\n" (block). Does not end with a newline.
 */
export function yamlAfterKey(value: unknown, keyColumn: number, style: SnippetStyle): string {
  if (isInline(value, style)) return ` ${inlineYaml(value, style)}`;
  if (Array.isArray(value)) {
    const dash = keyColumn + (style.indentSequences ? style.unit : 0);
    return value.map((item) => `\n${spaces(dash)}${yamlSeqItem(item, dash, style)}`).join("");
  }
  const column = keyColumn + style.unit;
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `\n${spaces(column)}${yamlKey(k)}:${yamlAfterKey(v, column, style)}`)
    .join("");
}

/** YAML text for a sequence item whose dash is at column `dashColumn`: starts with "- ". */
export function yamlSeqItem(item: unknown, dashColumn: number, style: SnippetStyle): string {
  if (isInline(item, style)) return `- ${inlineYaml(item, style)}`;
  if (Array.isArray(item)) return `- ${yamlFlow(item, style)}`;
  const column = dashColumn + 2;
  const entries = Object.entries(item as Record<string, unknown>);
  return entries.map(([k, v], i) => `${i === 0 ? "- " : `\n${spaces(column)}`}${yamlKey(k)}:${yamlAfterKey(v, column, style)}`).join("");
}

/** YAML lines for a key and its value at a column: "Key: value" / "Key:\n  child: …". */
export function yamlEntry(key: string, value: unknown, column: number, style: SnippetStyle): string {
  return `${spaces(column)}${yamlKey(key)}:${yamlAfterKey(value, column, style)}`;
}

/** JSON text for a value whose first line continues a line indented by `lineIndent` spaces. */
export function jsonValue(value: unknown, lineIndent: number, style: SnippetStyle): string {
  const text = JSON.stringify(value ?? null, null, style.unit);
  return text.replace(/\n/g, `\n${spaces(lineIndent)}`);
}
