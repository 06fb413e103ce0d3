/**
 * Reading a template: YAML or JSON, SAM or CloudFormation, with every intrinsic short form.
 *
 * The `yaml` Document is kept (with source ranges) so that edits can splice the text in place;
 * `value` is the same template as plain JS with intrinsics in their long form
 * (`!GetAtt A.B` → `{ "Fn::GetAtt": ["A", "B"] }`). Parsing never throws: bad input becomes
 * located problems (file, line, column, what is wrong).
 */
import {
  Document,
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type Node as YamlNode,
  type Tags,
  type YAMLError,
} from "yaml";
import type { Problem, SourcePosition } from "../model/types";

/** CloudFormation short-form tags and the long-form key each stands for. */
export const INTRINSIC_TAGS: Readonly<Record<string, string>> = {
  "!Ref": "Ref",
  "!Condition": "Condition",
  "!Sub": "Fn::Sub",
  "!GetAtt": "Fn::GetAtt",
  "!If": "Fn::If",
  "!Join": "Fn::Join",
  "!Select": "Fn::Select",
  "!Split": "Fn::Split",
  "!FindInMap": "Fn::FindInMap",
  "!Base64": "Fn::Base64",
  "!Cidr": "Fn::Cidr",
  "!GetAZs": "Fn::GetAZs",
  "!ImportValue": "Fn::ImportValue",
  "!Equals": "Fn::Equals",
  "!Not": "Fn::Not",
  "!And": "Fn::And",
  "!Or": "Fn::Or",
  "!Transform": "Fn::Transform",
  "!Length": "Fn::Length",
  "!ToJsonString": "Fn::ToJsonString",
};

/**
 * Tag definitions that keep the node as it is: the tag stays on the node (so it is written back
 * exactly) and `toPlain` turns it into the long form.
 */
const CFN_TAGS: Tags = Object.keys(INTRINSIC_TAGS).flatMap((tag) => [
  { tag, resolve: (source: string) => source },
  { tag, collection: "seq" as const, resolve: (seq: unknown) => seq as YamlNode },
  { tag, collection: "map" as const, resolve: (map: unknown) => map as YamlNode },
]);

export type TemplateFormat = "yaml" | "json";

export interface ParsedTemplate {
  text: string;
  file?: string;
  format: TemplateFormat;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The template as plain JS, intrinsics in long form. */
  value: Record<string, unknown>;
  /** True when the document had duplicate keys (the model then keeps the last value, as PyYAML-based AWS tools do). */
  hasDuplicateKeys: boolean;
}

export interface ParseOutcome {
  parsed: ParsedTemplate | null;
  problems: Problem[];
}

/** JSON when the file name says so or the text starts with `{`. */
export function detectFormat(text: string, file?: string): TemplateFormat {
  if (file && /\.json$/i.test(file)) return "json";
  if (file && /\.ya?ml$/i.test(file)) return "yaml";
  return /^\s*\{/.test(text) ? "json" : "yaml";
}

function parseWith(text: string, uniqueKeys: boolean) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    customTags: CFN_TAGS,
    uniqueKeys,
    keepSourceTokens: true,
    lineCounter,
    prettyErrors: false,
    strict: true,
    version: "1.2",
  });
  return { doc, lineCounter };
}

function errorProblem(err: YAMLError, lineCounter: LineCounter, file: string | undefined, severity: Problem["severity"]): Problem {
  const pos = lineCounter.linePos(err.pos[0]);
  const code = err.code === "DUPLICATE_KEY" ? "yaml/duplicate-key" : `yaml/${err.code.toLowerCase().replace(/_/g, "-")}`;
  const firstLine = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  return { severity, code, message: firstLine, source: "parse", file, line: pos.line, column: pos.col };
}

/**
 * The last few parses, by file and text. One edit in the app reads the same text several times
 * (the operation, the store's import and checks, the inspector), and a parse of a 1,000-resource
 * template costs ~200 ms. The ParsedTemplate is shared and treated as read-only; each caller gets
 * its own copies of the problems, which callers append to.
 */
const recentParses: { text: string; file: string | undefined; outcome: ParseOutcome }[] = [];
const RECENT_PARSES = 4;

/** Parse template text. Never throws. */
export function parseTemplate(text: string, file?: string): ParseOutcome {
  let hit = recentParses.findIndex((e) => e.file === file && e.text === text);
  if (hit < 0) {
    recentParses.unshift({ text, file, outcome: parseUncached(text, file) });
    if (recentParses.length > RECENT_PARSES) recentParses.pop();
    hit = 0;
  } else if (hit > 0) {
    recentParses.unshift(...recentParses.splice(hit, 1));
  }
  const { parsed, problems } = recentParses[0].outcome;
  return { parsed, problems: problems.map((p) => ({ ...p })) };
}

function parseUncached(text: string, file?: string): ParseOutcome {
  const format = detectFormat(text, file);
  const problems: Problem[] = [];
  let { doc, lineCounter } = parseWith(text, true);
  let hasDuplicateKeys = false;

  const fatal = doc.errors.filter((e) => e.code !== "DUPLICATE_KEY");
  const duplicates = doc.errors.filter((e) => e.code === "DUPLICATE_KEY");
  if (fatal.length > 0) {
    for (const err of fatal) problems.push(errorProblem(err, lineCounter, file, "error"));
    return { parsed: null, problems };
  }
  if (duplicates.length > 0) {
    hasDuplicateKeys = true;
    for (const err of duplicates) {
      const p = errorProblem(err, lineCounter, file, "error");
      p.message = `${p.message}; the last value is used, as AWS's own tools do, but CloudFormation may reject the file`;
      problems.push(p);
    }
    ({ doc, lineCounter } = parseWith(text, false));
  }
  for (const warning of doc.warnings) {
    const pos = lineCounter.linePos(warning.pos[0]);
    const tagMatch = /tag ([^\s]+)/.exec(warning.message);
    problems.push({
      severity: "info",
      code: warning.code === "TAG_RESOLVE_FAILED" ? "yaml/unknown-tag" : `yaml/${warning.code.toLowerCase().replace(/_/g, "-")}`,
      message:
        warning.code === "TAG_RESOLVE_FAILED"
          ? `Unknown tag ${tagMatch ? tagMatch[1] : ""} is kept as written (it is not a CloudFormation intrinsic; a preprocessor such as rain must expand it before deploying)`
          : warning.message.split("\n")[0],
      source: "parse",
      file,
      line: pos.line,
      column: pos.col,
    });
  }

  const root = doc.contents;
  if (!isMap(root)) {
    problems.push({
      severity: "error",
      code: "template/not-a-mapping",
      message: root == null ? "The template is empty" : "The template must be a mapping of sections (AWSTemplateFormatVersion, Resources, …)",
      source: "parse",
      file,
      line: 1,
      column: 1,
    });
    return { parsed: null, problems };
  }
  const value = toPlain(root, doc) as Record<string, unknown>;
  return { parsed: { text, file, format, doc, lineCounter, value, hasDuplicateKeys }, problems };
}

/** Convert a yaml node to plain JS with intrinsics in long form. */
export function toPlain(node: unknown, doc: Document): unknown {
  if (node == null) return null;
  if (isAlias(node)) return toPlain(node.resolve(doc), doc);
  const tag = (node as { tag?: string }).tag;
  const longForm = tag ? INTRINSIC_TAGS[tag] : undefined;
  let plain: unknown;
  if (isScalar(node)) {
    plain = node.value;
    if (longForm === "Fn::GetAtt" && typeof plain === "string") {
      const dot = plain.indexOf(".");
      plain = dot < 0 ? [plain] : [plain.slice(0, dot), plain.slice(dot + 1)];
    }
  } else if (isSeq(node)) {
    plain = node.items.map((item) => toPlain(item, doc));
  } else if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toPlain(pair.key, doc));
      obj[key] = toPlain(pair.value, doc);
    }
    plain = obj;
  } else {
    plain = null;
  }
  return longForm ? { [longForm]: plain } : plain;
}

/** Line and column (1-based) of an offset in the parsed text. */
export function positionAt(parsed: ParsedTemplate, offset: number): SourcePosition {
  const pos = parsed.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The yaml node at a path (keys of maps, indexes of sequences), or undefined. */
export function nodeAt(parsed: ParsedTemplate, path: readonly (string | number)[]): YamlNode | undefined {
  let node: unknown = parsed.doc.contents;
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(parsed.doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : undefined) === String(key));
      if (!pair) return undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
    } else {
      return undefined;
    }
  }
  return (node ?? undefined) as YamlNode | undefined;
}

/** Line (1-based) where the key at `path` is written, or undefined. */
export function keyLineAt(parsed: ParsedTemplate, path: readonly (string | number)[]): number | undefined {
  if (path.length === 0) return 1;
  const parent = nodeAt(parsed, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => (isScalar(p.key) ? String(p.key.value) : undefined) === String(last));
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    return range ? positionAt(parsed, range[0]).line : undefined;
  }
  if (isSeq(parent) && typeof last === "number") {
    const item = parent.items[last] as { range?: [number, number, number] } | undefined;
    return item?.range ? positionAt(parsed, item.range[0]).line : undefined;
  }
  return undefined;
}
