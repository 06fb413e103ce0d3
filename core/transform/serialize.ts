/**
 * Writing a CloudFormation template as JSON or as YAML with intrinsic short forms
 * (`!Ref X`, `!GetAtt A.B`, `!Sub …`), the way people write templates by hand.
 */
import { Document, Scalar, YAMLMap, YAMLSeq, isMap, isSeq, type Node as YamlNode } from "yaml";
import { isPlainObject } from "../validate/intrinsics";

const SHORT_TAGS: Record<string, string> = {
  Ref: "!Ref",
  Condition: "!Condition",
  "Fn::Sub": "!Sub",
  "Fn::GetAtt": "!GetAtt",
  "Fn::If": "!If",
  "Fn::Join": "!Join",
  "Fn::Select": "!Select",
  "Fn::Split": "!Split",
  "Fn::FindInMap": "!FindInMap",
  "Fn::Base64": "!Base64",
  "Fn::Cidr": "!Cidr",
  "Fn::GetAZs": "!GetAZs",
  "Fn::ImportValue": "!ImportValue",
  "Fn::Equals": "!Equals",
  "Fn::Not": "!Not",
  "Fn::And": "!And",
  "Fn::Or": "!Or",
  "Fn::Length": "!Length",
  "Fn::ToJsonString": "!ToJsonString",
};

export function toJson(template: unknown): string {
  return JSON.stringify(template, null, 2) + "\n";
}

function build(doc: Document, value: unknown, inConditionFunction: boolean): YamlNode {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const item of value) seq.items.push(build(doc, item, inConditionFunction));
    return seq;
  }
  if (isPlainObject(value) && !(value instanceof Date)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && SHORT_TAGS[keys[0]]) {
      const key = keys[0];
      // `{Condition: X}` is only a function inside condition functions; elsewhere it is a key.
      if (key !== "Condition" || inConditionFunction) {
        const arg = value[key];
        const isCond = key === "Fn::And" || key === "Fn::Or" || key === "Fn::Not" || key === "Fn::If" || key === "Fn::Equals";
        let node: YamlNode;
        if (key === "Fn::GetAtt" && Array.isArray(arg) && arg.length === 2 && arg.every((a) => typeof a === "string")) {
          node = new Scalar(`${arg[0]}.${arg[1]}`);
        } else {
          node = build(doc, arg, isCond);
        }
        // YAML cannot tag a node that is itself a tagged short form inside a scalar position in some
        // cases (e.g. `!Sub` holding `!Ref`) — nested tags on collections are fine.
        if (isMap(node) || isSeq(node) || node instanceof Scalar) {
          node.tag = SHORT_TAGS[key];
          return node;
        }
      }
    }
    const map = new YAMLMap();
    for (const [k, v] of Object.entries(value)) map.items.push(doc.createPair(k, build(doc, v, inConditionFunction)) as never);
    return map;
  }
  const scalar = new Scalar(value instanceof Date ? value.toISOString() : value);
  return scalar;
}

/** YAML text with short-form intrinsics, through the yaml library's Document (slower; kept as the reference writer). */
export function toYamlDocument(template: unknown): string {
  // YAML 1.1 rules for quoting, so "2012-10-17", "yes" or "0755" stay strings for every parser
  // (CloudFormation's and PyYAML-based tools read YAML 1.1).
  const doc = new Document(undefined, { version: "1.1" });
  doc.contents = build(doc, template, false) as never;
  return doc.toString({ lineWidth: 0 });
}

/**
 * Scalars that may be written plain: no YAML 1.1 or 1.2 special meaning (booleans, null,
 * numbers, dates, sexagesimals), no indicator first, no ": " or " #" inside.
 */
const PLAIN = /^[A-Za-z_/$.(][^\n\r\t]*$/;
const SPECIAL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN|[-+]?\.(inf|Inf|INF))$/;

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const text = String(value);
  if (
    PLAIN.test(text) &&
    !SPECIAL.test(text) &&
    !/: |:$| #|^[-?:,[\]{}#&*!|>'"%@`]|\s$/.test(text) &&
    !/^[-+]?(\.[0-9]|[0-9])/.test(text)
  ) {
    return text;
  }
  return JSON.stringify(text);
}

function isTagged(value: unknown, inCondition: boolean): string | undefined {
  if (!isPlainObject(value) || value instanceof Date) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !SHORT_TAGS[keys[0]]) return undefined;
  if (keys[0] === "Condition" && !inCondition) return undefined;
  return keys[0];
}

const CONDITION_FUNCTIONS = new Set(["Fn::And", "Fn::Or", "Fn::Not", "Fn::If", "Fn::Equals"]);

/**
 * Write `value` as the right-hand side of "key:" or "-": returns the text to put after the
 * indicator (starting with " " for inline values, "\n" for block collections).
 */
function emit(value: unknown, indent: string, inCondition: boolean, out: string[]): void {
  const fn = isTagged(value, inCondition);
  if (fn) {
    const tag = SHORT_TAGS[fn];
    const arg = (value as Record<string, unknown>)[fn];
    if (fn === "Fn::GetAtt" && Array.isArray(arg) && arg.length === 2 && arg.every((a) => typeof a === "string")) {
      out.push(` ${tag} ${scalarText(`${arg[0]}.${arg[1]}`)}`);
      return;
    }
    if (Array.isArray(arg) || (isPlainObject(arg) && !(arg instanceof Date) && !isTagged(arg, CONDITION_FUNCTIONS.has(fn)))) {
      if ((Array.isArray(arg) && arg.length === 0) || (isPlainObject(arg) && Object.values(arg).every((v) => v === undefined))) {
        out.push(` ${tag} ${Array.isArray(arg) ? "[]" : "{}"}`);
        return;
      }
      out.push(` ${tag}`);
      emitCollection(arg, indent + "  ", CONDITION_FUNCTIONS.has(fn), out);
      return;
    }
    if (isTagged(arg, CONDITION_FUNCTIONS.has(fn)) || arg === null || arg === undefined) {
      // A function whose argument is itself a function (or null): the long form avoids a tag on a tag.
      out.push("");
      emitCollection({ [fn]: arg }, indent + "  ", inCondition, out, true);
      return;
    }
    if (typeof arg === "string" && arg.includes("\n")) {
      out.push(` ${tag}${blockScalar(arg, indent + "  ")}`);
      return;
    }
    out.push(` ${tag} ${scalarText(arg)}`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(" []");
    else emitCollection(value, indent + "  ", inCondition, out);
    return;
  }
  if (isPlainObject(value) && !(value instanceof Date)) {
    if (Object.values(value).every((v) => v === undefined)) out.push(" {}");
    else emitCollection(value, indent + "  ", inCondition, out);
    return;
  }
  if (typeof value === "string" && value.includes("\n")) {
    out.push(blockScalar(value, indent + "  "));
    return;
  }
  out.push(` ${scalarText(value)}`);
}

/** A literal block scalar when the text allows one, else a double-quoted string. */
function blockScalar(text: string, indent: string): string {
  if (/^[ \t\n]|\r|\t|[ \t]\n|\n\n$/.test(text) || text.endsWith(" ")) return ` ${JSON.stringify(text)}`;
  const chomp = text.endsWith("\n") ? "" : "-";
  const body = (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n").map((line) => (line.length > 0 ? indent + line : "")).join("\n");
  return ` |${chomp}\n${body}`;
}

/** A block mapping or sequence starting on the next line, at `indent`. */
function emitCollection(value: unknown, indent: string, inCondition: boolean, out: string[], forceLongKeys = false): void {
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const parts: string[] = [];
      emit(item, indent, inCondition, parts);
      const text = parts.join("");
      // A block mapping or sequence item starts on the dash's line.
      if (text.startsWith("\n") && (Array.isArray(item) || (isPlainObject(item) && !isTagged(item, inCondition)))) lines.push(`${indent}-${" " + text.slice(indent.length + 3)}`);
      else lines.push(`${indent}-${text}`);
    }
  } else {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // Like JSON: a key whose value is undefined is not written.
      if (v === undefined) continue;
      const parts: string[] = [];
      emit(v, indent, inCondition, parts);
      lines.push(`${indent}${forceLongKeys ? JSON.stringify(k) : scalarText(k)}:${parts.join("")}`);
    }
  }
  out.push("\n" + lines.join("\n"));
}

/** YAML text with short-form intrinsics (`!Ref X`, `!GetAtt A.B`, `!Sub …`), quoted for YAML 1.1 and 1.2 readers alike. */
export function toYaml(template: unknown): string {
  if (!isPlainObject(template) || Object.values(template).every((v) => v === undefined)) return toYamlDocument(template);
  const out: string[] = [];
  emitCollection(template, "", false, out);
  return out.join("").slice(1) + "\n";
}
