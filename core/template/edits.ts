/**
 * Text splices on the template source. Every change finds its place through the yaml node ranges
 * that `parseTemplate` keeps, and writes new text only where the change is: comments, key order,
 * quoting, blank lines and short-form tags elsewhere stay byte-identical.
 *
 * The primitives work on one parsed text each; `applyChanges` re-parses between changes so each
 * one sees the text the previous one produced.
 */
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import type { TextEdit } from "../model/types";
import { parseTemplate, toPlain, type ParsedTemplate } from "./parse";
import { jsonValue, yamlAfterKey, yamlFlow, yamlKey, yamlSeqItem, type SnippetStyle } from "./serialize";

export type Path = (string | number)[];

/** A change that cannot be made, with the reason (turned into a Refusal by operations). */
export class EditError extends Error {}

type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

// ---------------------------------------------------------------------------------------------
// Text helpers

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf("\n", offset - 1) + 1;
/** Offset of the newline ending the line at `offset` (or the text's end). */
function newlineAt(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl < 0 ? text.length : nl;
}
/** Where the line's content ends: before its newline, and before the \r of a CRLF ending. */
function lineEnd(text: string, offset: number): number {
  const nl = newlineAt(text, offset);
  return nl > 0 && text[nl - 1] === "\r" && nl - 1 >= offset ? nl - 1 : nl;
}
const columnOf = (text: string, offset: number) => offset - lineStart(text, offset);
const onlySpaceBefore = (text: string, offset: number) => /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));

/**
 * Records splices made one after another and gives them back as non-overlapping edits on the
 * original text (and their inverse on the final text), as an editor such as Monaco applies them.
 */
export class EditLog {
  private readonly entries: TextEdit[] = [];
  private current: string;

  constructor(readonly original: string) {
    this.current = original;
  }

  get text(): string {
    return this.current;
  }

  /** Apply non-overlapping edits given in the current text's offsets. */
  apply(edits: readonly TextEdit[]): string {
    for (const e of [...edits].sort((a, b) => b.start - a.start)) this.splice(e);
    return this.current;
  }

  private splice(e: TextEdit): void {
    const before = this.current;
    this.current = before.slice(0, e.start) + e.text + before.slice(e.end);
    let shift = 0;
    let first = -1;
    let last = -1;
    let shiftBeforeFirst = 0;
    for (let i = 0; i < this.entries.length; i++) {
      const x = this.entries[i];
      const curStart = x.start + shift;
      const curEnd = curStart + x.text.length;
      if (curEnd < e.start) {
        shift += x.text.length - (x.end - x.start);
        continue;
      }
      if (curStart > e.end) break;
      if (first < 0) {
        first = i;
        shiftBeforeFirst = shift;
      }
      last = i;
      shift += x.text.length - (x.end - x.start);
    }
    if (first < 0) {
      const entry = { start: e.start - shift, end: e.end - shift, text: e.text };
      let at = this.entries.findIndex((x) => x.start > entry.start || (x.start === entry.start && x.end > entry.start));
      if (at < 0) at = this.entries.length;
      this.entries.splice(at, 0, entry);
      return;
    }
    const a = this.entries[first];
    const b = this.entries[last];
    const curStartA = a.start + shiftBeforeFirst;
    const shiftAfterB = shift;
    const curEndB = b.end + shiftAfterB;
    const mergedStart = Math.min(curStartA, e.start);
    const mergedEnd = Math.max(curEndB, e.end);
    const merged: TextEdit = {
      start: Math.min(a.start, e.start - shiftBeforeFirst),
      end: Math.max(b.end, e.end - shiftAfterB),
      text: before.slice(mergedStart, e.start) + e.text + before.slice(e.end, mergedEnd),
    };
    this.entries.splice(first, last - first + 1, merged);
  }

  /** The edits on the original text, trimmed to the characters that change. */
  edits(): TextEdit[] {
    return this.entries.map((e) => trimEdit(this.original, e)).filter((e) => e.start !== e.end || e.text.length > 0);
  }

  /** The edits that turn the final text back into the original. */
  inverse(): TextEdit[] {
    const out: TextEdit[] = [];
    let shift = 0;
    for (const e of this.edits()) {
      const start = e.start + shift;
      out.push({ start, end: start + e.text.length, text: this.original.slice(e.start, e.end) });
      shift += e.text.length - (e.end - e.start);
    }
    return out;
  }
}

/**
 * The smallest set of edits turning `before` into `after`, on whole lines: a common prefix and
 * suffix, then a line diff of the middle (longest common subsequence when it is small).
 */
export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = before.split(/(?<=\n)/);
  const b = after.split(/(?<=\n)/);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const offsetOf = (lines: string[], upto: number) => lines.slice(0, upto).reduce((n, l) => n + l.length, 0);
  const base = offsetOf(a, pre);
  if (am.length * bm.length > 4_000_000) {
    return [trimEdit(before, { start: base, end: base + am.join("").length, text: bm.join("") })];
  }
  // LCS table over the middle lines.
  const n = am.length;
  const m = bm.length;
  const dp: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = am[i] === bm[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  let offset = base;
  let pending: TextEdit | undefined;
  const flush = () => {
    if (pending) edits.push(pending);
    pending = undefined;
  };
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      flush();
      offset += am[i].length;
      i++;
      j++;
    } else if (j < m && (i === n || dp[i][j + 1] >= dp[i + 1][j])) {
      pending ??= { start: offset, end: offset, text: "" };
      pending.text += bm[j++];
    } else {
      pending ??= { start: offset, end: offset, text: "" };
      pending.end += am[i].length;
      offset += am[i++].length;
    }
  }
  flush();
  return edits.map((e) => trimEdit(before, e));
}

/** Shrink an edit to the characters that really change (a last line without a newline shows up whole otherwise). */
function trimEdit(before: string, edit: TextEdit): TextEdit {
  const old = before.slice(edit.start, edit.end);
  let pre = 0;
  while (pre < old.length && pre < edit.text.length && old[pre] === edit.text[pre]) pre++;
  let suf = 0;
  while (suf < old.length - pre && suf < edit.text.length - pre && old[old.length - 1 - suf] === edit.text[edit.text.length - 1 - suf]) suf++;
  return { start: edit.start + pre, end: edit.end - suf, text: edit.text.slice(pre, edit.text.length - suf) };
}

// ---------------------------------------------------------------------------------------------
// Document style

export function detectStyle(parsed: ParsedTemplate): SnippetStyle {
  const { text } = parsed;
  const root = parsed.doc.contents as YAMLMap;
  let unit = 2;
  const resources = root.items.find((p) => isScalar(p.key) && p.key.value === "Resources");
  const firstChild = resources && isMap(resources.value) ? (resources.value.items[0]?.key as YamlNode | undefined) : undefined;
  if (resources && firstChild?.range && isScalar(resources.key) && resources.key.range) {
    const diff = columnOf(text, firstChild.range[0]) - columnOf(text, resources.key.range[0]);
    if (diff > 0 && diff <= 8) unit = diff;
  } else if (parsed.format === "json" && root.items[0]?.key && (root.items[0].key as YamlNode).range) {
    const col = columnOf(text, (root.items[0].key as YamlNode).range![0]);
    if (col > 0 && col <= 8) unit = col;
  }
  const usesShort = /(^|[\s\-:[,])!(Ref|GetAtt|Sub|Join|If|Select|FindInMap)\b/m.test(text);
  const usesLong = /(^|[\s{,])["']?(Ref|Fn::GetAtt|Fn::Sub)["']?\s*:/m.test(text);
  // Block sequences written level with their key ("Key:\n- a") vs indented ("Key:\n  - a").
  let compact = 0;
  let indented = 0;
  const visit = (node: unknown, keyColumn: number | undefined) => {
    if (isMap(node)) {
      for (const p of node.items) {
        const k = p.key as YamlNode | undefined;
        visit(p.value, k?.range ? columnOf(text, k.range[0]) : undefined);
      }
    } else if (isSeq(node)) {
      if (!node.flow && keyColumn !== undefined && node.items[0]) {
        const dash = dashOffset(text, node.items[0] as YamlNode);
        if (dash !== undefined && columnOf(text, dash) === keyColumn) compact++;
        else if (dash !== undefined) indented++;
      }
      for (const item of node.items) visit(item, undefined);
    }
  };
  if (parsed.format === "yaml") visit(root, undefined);
  return { format: parsed.format, unit, shortForms: usesShort || !usesLong, indentSequences: indented >= compact };
}

// ---------------------------------------------------------------------------------------------
// Finding things in the parsed document

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function findPair(map: YAMLMap, key: string | number): Pair | undefined {
  // With duplicate keys the last one wins, as in the model.
  const pairs = map.items.filter((p) => keyOf(p as Pair) === String(key));
  return pairs[pairs.length - 1] as Pair | undefined;
}

/** Offset of the `-` of a block sequence item (the item's range excludes its tag and dash). */
function dashOffset(text: string, item: YamlNode | null | undefined): number | undefined {
  const start = item?.range?.[0];
  if (start === undefined) return undefined;
  let i = start - 1;
  // Skip back over spaces (the item may start on the line after its dash), then a tag or anchor
  // (`!Ref `, `&a `) and spaces again, to the dash.
  const skipSpace = () => {
    while (i >= 0 && /\s/.test(text[i])) i--;
  };
  skipSpace();
  if (i >= 0 && text[i] !== "-") {
    while (i >= 0 && !/\s/.test(text[i])) i--;
    skipSpace();
  }
  if (i < 0 || text[i] !== "-") return undefined;
  // The dash must start an item: at line start or after spaces or another dash.
  return /^[ \t-]*$/.test(text.slice(lineStart(text, i), i)) ? i : undefined;
}

/** Where a node's content really ends: after its last character, before trailing comments and blank lines. */
function contentEnd(text: string, node: unknown): number {
  if (isPair(node)) {
    const v = node.value as YamlNode | null;
    if (v && v.range && v.range[1] > v.range[0]) return contentEnd(text, v);
    if (v && (isMap(v) || isSeq(v)) && v.items.length) return contentEnd(text, v);
    const k = node.key as YamlNode;
    const colon = text.indexOf(":", k.range![1]);
    return colon + 1;
  }
  if ((isMap(node) || isSeq(node)) && !node.flow && node.items.length) {
    return contentEnd(text, node.items[node.items.length - 1]);
  }
  const range = (node as YamlNode).range!;
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The colon after a key (JSON keys are quoted; YAML keys may be). */
function colonAfter(text: string, pair: Pair): number {
  return text.indexOf(":", (pair.key as YamlNode).range![1]);
}

interface Located {
  node: unknown;
  /** Pair holding the node (for map values). */
  pair?: Pair;
  parent?: Collection;
}

function locate(parsed: ParsedTemplate, path: Path): Located | undefined {
  let current: Located = { node: parsed.doc.contents };
  for (const key of path) {
    const node = current.node;
    if (isMap(node)) {
      const pair = findPair(node, key);
      if (!pair) return undefined;
      current = { node: pair.value, pair, parent: node };
    } else if (isSeq(node) && typeof key === "number") {
      if (key < 0 || key >= node.items.length) return undefined;
      current = { node: node.items[key], parent: node };
    } else {
      return undefined;
    }
  }
  return current;
}

export const isNullScalar = (node: unknown) => node == null || (isScalar(node) && node.value === null && !(node as YamlNode).tag);

// ---------------------------------------------------------------------------------------------
// Primitives: each returns the edits for one change on one parsed text.

/** Text replacing the value of a pair (from just after the colon to the value's end). */
function replacePairValue(parsed: ParsedTemplate, pair: Pair, value: unknown, style: SnippetStyle): TextEdit {
  const { text } = parsed;
  const colon = colonAfter(text, pair);
  const v = pair.value as YamlNode | null;
  const end = v && !isNullScalar(v) ? contentEnd(text, v) : colon + 1;
  if (style.format === "json") {
    return { start: colon + 1, end, text: ` ${jsonValue(value, indentOfLine(text, colon), style)}` };
  }
  const keyColumn = columnOf(text, (pair.key as YamlNode).range![0]);
  return { start: colon + 1, end, text: yamlAfterKey(value, keyColumn, style) };
}

function indentOfLine(text: string, offset: number): number {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0].length;
}

/** Text replacing a sequence item. */
function replaceSeqItem(parsed: ParsedTemplate, seq: YAMLSeq, index: number, value: unknown, style: SnippetStyle): TextEdit {
  const { text } = parsed;
  const item = seq.items[index] as YamlNode;
  if (seq.flow || style.format === "json") {
    const start = tagStart(text, item);
    return { start, end: contentEnd(text, item), text: style.format === "json" ? jsonValue(value, indentOfLine(text, start), style) : flowItem(value, style) };
  }
  const dash = dashOffset(text, item);
  if (dash === undefined) throw new EditError("Cannot find the list item in the text");
  const itemText = yamlSeqItem(value, columnOf(text, dash), style);
  return { start: dash, end: contentEnd(text, item), text: itemText };
}

/** Start of a node including its tag (`!Ref X` starts at `!`). */
function tagStart(text: string, node: YamlNode): number {
  const start = node.range![0];
  if (!node.tag) return start;
  const before = text.lastIndexOf(node.tag.startsWith("!") ? node.tag : "!", start);
  return before >= 0 && before >= lineStart(text, start) ? before : start;
}

const flowItem = (value: unknown, style: SnippetStyle) => yamlFlow(value, style);

/** Insert a key into an existing map. */
function insertIntoMap(parsed: ParsedTemplate, map: YAMLMap, key: string, value: unknown, style: SnippetStyle): TextEdit {
  const { text } = parsed;
  const json = style.format === "json";
  if (map.flow || json) {
    const quotedKey = json ? JSON.stringify(key) : yamlKey(key);
    const open = map.range![0];
    const close = contentEnd(text, map) - 1; // the closing brace
    if (map.items.length === 0) {
      const ownerIndent = indentOfLine(text, open);
      if (json) {
        const col = ownerIndent + style.unit;
        return { start: open + 1, end: close, text: `\n${" ".repeat(col)}${quotedKey}: ${jsonValue(value, col, style)}\n${" ".repeat(ownerIndent)}` };
      }
      return { start: open, end: close + 1, text: `{ ${quotedKey}: ${flowItem(value, style)} }` };
    }
    const last = map.items[map.items.length - 1] as Pair;
    const lastKey = last.key as YamlNode;
    const end = contentEnd(text, last);
    const multiline = text.slice(open, lastKey.range![0]).includes("\n");
    if (json) {
      const col = columnOf(text, lastKey.range![0]);
      const sep = multiline ? `,\n${" ".repeat(col)}` : ", ";
      return { start: end, end, text: `${sep}${quotedKey}: ${jsonValue(value, multiline ? col : indentOfLine(text, open), style)}` };
    }
    return { start: end, end, text: `, ${quotedKey}: ${flowItem(value, style)}` };
  }
  if (map.items.length === 0) {
    // An empty block map is written `{}` or as nothing; both are handled by the caller.
    throw new EditError("empty block map");
  }
  const first = map.items[0] as Pair;
  const column = columnOf(text, (first.key as YamlNode).range![0]);
  const last = map.items[map.items.length - 1] as Pair;
  const at = lineEnd(text, contentEnd(text, last));
  return { start: at, end: at, text: `\n${" ".repeat(column)}${yamlKey(key)}:${yamlAfterKey(value, column, style)}` };
}

/** Nest a value under the remaining keys: (["A","B"], v) → { A: { B: v } }. */
function nest(keys: Path, value: unknown): unknown {
  return keys.reduceRight<unknown>((acc, key) => ({ [String(key)]: acc }), value);
}

export function setEdit(parsed: ParsedTemplate, path: Path, value: unknown, style: SnippetStyle): TextEdit {
  if (path.length === 0) throw new EditError("Cannot replace the whole template");
  // Find the deepest existing ancestor.
  for (let depth = path.length; depth >= 1; depth--) {
    const found = locate(parsed, path.slice(0, depth));
    if (!found) continue;
    const rest = path.slice(depth);
    const newValue = nest(rest, value);
    if (depth === path.length || isNullScalar(found.node)) {
      if (found.pair) return replacePairValue(parsed, found.pair, newValue, style);
      if (isSeq(found.parent) && typeof path[depth - 1] === "number") return replaceSeqItem(parsed, found.parent, Number(path[depth - 1]), newValue, style);
      throw new EditError(`Cannot write at ${path.join(".")}`);
    }
    if (isMap(found.node)) {
      if (typeof rest[0] === "number") throw new EditError(`${path.slice(0, depth).join(".")} is a mapping, not a list`);
      const map = found.node;
      // An empty map (`{}` or nothing) in YAML is rewritten in block style.
      if (map.items.length === 0 && style.format === "yaml") {
        if (found.pair) return replacePairValue(parsed, found.pair, newValue, style);
      }
      return insertIntoMap(parsed, map, String(rest[0]), nest(rest.slice(1), value), style);
    }
    throw new EditError(`${path.slice(0, depth).join(".")} is not a mapping`);
  }
  // Nothing of the path exists: add a top-level key.
  const root = parsed.doc.contents as YAMLMap;
  return insertIntoMap(parsed, root, String(path[0]), nest(path.slice(1), value), style);
}

export function appendEdit(parsed: ParsedTemplate, path: Path, value: unknown, style: SnippetStyle): TextEdit {
  const found = locate(parsed, path);
  if (!found || isNullScalar(found.node)) return setEdit(parsed, path, [value], style);
  const { text } = parsed;
  const node = found.node;
  if (isSeq(node)) {
    if (node.items.length === 0) return setEdit(parsed, path, [value], style);
    const last = node.items[node.items.length - 1] as YamlNode;
    const end = contentEnd(text, last);
    if (node.flow || style.format === "json") {
      const multiline = text.slice(node.range![0], last.range![0]).includes("\n");
      const col = columnOf(text, tagStart(text, last));
      if (style.format === "json") {
        return { start: end, end, text: multiline ? `,\n${" ".repeat(col)}${jsonValue(value, col, style)}` : `, ${jsonValue(value, indentOfLine(text, end), style)}` };
      }
      return { start: end, end, text: multiline ? `,\n${" ".repeat(col)}${flowItem(value, style)}` : `, ${flowItem(value, style)}` };
    }
    const dash = dashOffset(text, node.items[0] as YamlNode);
    if (dash === undefined) throw new EditError("Cannot find the list's items in the text");
    const at = lineEnd(text, end);
    const column = columnOf(text, dash);
    return { start: at, end: at, text: `\n${" ".repeat(column)}${yamlSeqItem(value, column, style)}` };
  }
  // A single value where a list is allowed (`Policies: AWSLambdaBasicExecutionRole`): make it a list.
  return setEdit(parsed, path, [toPlain(node, parsed.doc), value], style);
}

/** Edits removing the key or list item at a path. `wholeResource` also removes comment lines right above it. */
export function removeEdit(parsed: ParsedTemplate, path: Path, wholeResource = false): TextEdit {
  const found = locate(parsed, path);
  if (!found) throw new EditError(`Nothing at ${path.join(".")} to remove`);
  const { text } = parsed;
  const parent = found.parent!;
  const json = parsed.format === "json";
  if (isMap(parent)) {
    const pair = found.pair!;
    if (parent.flow || json) return removeFlowItem(text, parent, parent.items.indexOf(pair));
    const keyStart = tagStart(text, pair.key as YamlNode);
    const end = contentEnd(text, pair);
    if (!onlySpaceBefore(text, keyStart)) {
      // First key of a map that is a list item (`- Key: v`): remove up to the next key.
      const index = parent.items.indexOf(pair);
      const next = parent.items[index + 1] as Pair | undefined;
      if (next) return { start: keyStart, end: (next.key as YamlNode).range![0], text: "" };
      const grand = locate(parsed, path.slice(0, -1));
      if (grand && isSeq(grand.parent)) return removeEdit(parsed, path.slice(0, -1));
      throw new EditError(`Cannot remove ${path.join(".")}`);
    }
    return removeLines(text, lineStart(text, keyStart), end, wholeResource);
  }
  // Sequence item.
  const seq = parent as YAMLSeq;
  const index = Number(path[path.length - 1]);
  if (seq.flow || json) return removeFlowItem(text, seq, index);
  const item = seq.items[index] as YamlNode;
  const dash = dashOffset(text, item);
  if (dash === undefined) throw new EditError("Cannot find the list item in the text");
  if (!onlySpaceBefore(text, dash)) throw new EditError("Nested list items on one line are not supported");
  return removeLines(text, lineStart(text, dash), contentEnd(text, item), false);
}

/** Remove whole lines [start, end-of-line(end)], tidying blank lines and (for resources) the comment above. */
function removeLines(text: string, start: number, end: number, withLeadingComments: boolean): TextEdit {
  let from = start;
  let to = newlineAt(text, end);
  to = to < text.length ? to + 1 : to;
  if (withLeadingComments) {
    const indent = indentOfLine(text, start);
    while (from > 0) {
      const prevStart = lineStart(text, from - 1);
      const line = text.slice(prevStart, from - 1);
      if (/^\s*#/.test(line) && indentOfLine(text, prevStart) === indent) from = prevStart;
      else break;
    }
  }
  // A blank line below, and above it either a blank line or the parent key (a less indented
  // line): drop the blank line below so no gap is doubled or left under the parent.
  const prevLine = from > 0 ? text.slice(lineStart(text, from - 1), from - 1) : undefined;
  const blankAbove = prevLine !== undefined && /^[ \t\r]*$/.test(prevLine);
  const parentAbove = prevLine !== undefined && !blankAbove && !/^\s*#/.test(prevLine) && indentOfLine(text, lineStart(text, from - 1)) < indentOfLine(text, start);
  const nextEnd = newlineAt(text, to);
  // Only whole blank lines (ending in a newline) count: whitespace at the very end stays.
  const blankBelow = to < text.length && nextEnd < text.length && /^[ \t\r]*$/.test(text.slice(to, nextEnd));
  if ((blankAbove || parentAbove) && blankBelow) {
    // Under the parent key, only when a sibling follows the gap (not the next outer section).
    let after = nextEnd + 1;
    while (after < text.length && /^[ \t\r]*$/.test(text.slice(after, newlineAt(text, after)))) after = newlineAt(text, after) + 1;
    const siblingFollows = after < text.length && indentOfLine(text, after) >= indentOfLine(text, start);
    if (blankAbove || siblingFollows) to = nextEnd + 1;
  } else if (blankAbove && !blankBelow && (/^\s*$/.test(text.slice(to)) || indentOfLine(text, to) < indentOfLine(text, start))) {
    // The last entry of its map, right before the next outer section: the gap above it goes too
    // (an entry added as "blank line + entry" is removed without a trace).
    from = lineStart(text, from - 1);
  }
  if (to === text.length && !/[ \t]$/.test(text)) {
    // Removing the end of the file: do not leave blank lines behind.
    while (from > 0) {
      const prevStart = lineStart(text, from - 1);
      if (/^[ \t\r]*$/.test(text.slice(prevStart, from - 1))) from = prevStart;
      else break;
    }
    if (from > 0 && !text.endsWith("\n")) from -= 1;
  }
  return { start: from, end: to, text: "" };
}

function removeFlowItem(text: string, collection: Collection, index: number): TextEdit {
  const items = collection.items as unknown[];
  const startOf = (item: unknown) => (isPair(item) ? tagStart(text, item.key as YamlNode) : tagStart(text, item as YamlNode));
  const endOf = (item: unknown) => contentEnd(text, item);
  if (items.length === 1) {
    const open = collection.range![0];
    const close = contentEnd(text, collection) - 1;
    return { start: open + 1, end: close, text: "" };
  }
  if (index > 0) return { start: endOf(items[index - 1]), end: endOf(items[index]), text: "" };
  const start = startOf(items[0]);
  const next = startOf(items[1]);
  // Items on lines of their own: remove the first item's whole line, leave the next line alone.
  if (onlySpaceBefore(text, start) && onlySpaceBefore(text, next)) return { start: lineStart(text, start), end: lineStart(text, next), text: "" };
  return { start, end: next, text: "" };
}

/** True when the first two entries of the map at a path are separated by a blank line (the template's spacing style). */
export function blankLineBetweenEntries(parsed: ParsedTemplate, path: Path): boolean {
  const found = locate(parsed, path);
  if (!found || !isMap(found.node) || found.node.items.length < 2 || found.node.flow) return false;
  const { text } = parsed;
  const firstEnd = lineEnd(text, contentEnd(text, found.node.items[0]));
  const secondStart = lineStart(text, tagStart(text, (found.node.items[1] as Pair).key as YamlNode));
  return /\n[ \t\r]*\n/.test(text.slice(firstEnd, secondStart));
}

/** True when the value at a path is an empty map/list or nothing at all (after a removal). */
export function isEmptyAt(parsed: ParsedTemplate, path: Path): boolean {
  const found = locate(parsed, path);
  if (!found) return false;
  const node = found.node;
  if (isNullScalar(node)) return true;
  if (isMap(node) || isSeq(node)) return node.items.length === 0;
  return false;
}

export function existsAt(parsed: ParsedTemplate, path: Path): boolean {
  return locate(parsed, path) !== undefined;
}

/** True when there is a value (not an empty `Key:`) at the path. */
export function hasValueAt(parsed: ParsedTemplate, path: Path): boolean {
  const found = locate(parsed, path);
  return found !== undefined && !isNullScalar(found.node);
}

/** Replace the text of a key (keeping its quotes). */
export function renameKeyEdit(parsed: ParsedTemplate, path: Path, newKey: string): TextEdit {
  const found = locate(parsed, path);
  if (!found?.pair) throw new EditError(`No key at ${path.join(".")}`);
  const key = found.pair.key as YamlNode;
  const [start, end] = key.range!;
  const source = parsed.text.slice(start, end);
  const quote = source[0] === '"' || source[0] === "'" ? source[0] : "";
  return { start, end, text: `${quote}${newKey}${quote}` };
}

/**
 * Where the key at a path is written, with its whole value: from the start of the key's line to
 * the end of the value's last line (offsets). For "reveal in template" and for checking edits.
 */
export function spanOf(parsed: ParsedTemplate, path: Path): { start: number; end: number } | undefined {
  const found = locate(parsed, path);
  if (!found) return undefined;
  const { text } = parsed;
  if (found.pair) {
    const keyStart = tagStart(text, found.pair.key as YamlNode);
    return { start: lineStart(text, keyStart), end: lineEnd(text, contentEnd(text, found.pair)) };
  }
  const node = found.node as YamlNode | null;
  if (!node?.range) return undefined;
  return { start: lineStart(text, tagStart(text, node)), end: lineEnd(text, contentEnd(text, node)) };
}

export type { ParsedTemplate };

/** Parse for editing: throws EditError when the text does not parse. */
export function parseForEdit(text: string, file?: string): ParsedTemplate {
  const { parsed, problems } = parseTemplate(text, file);
  if (!parsed) throw new EditError(`The template does not parse: ${problems[0]?.message ?? "unknown error"}`);
  return parsed;
}
