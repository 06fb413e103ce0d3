/* eslint-disable no-restricted-imports -- test support: read by *.test.ts only, never by core itself */
/**
 * Shared by the corpus tests (test-only; reads files with node:fs). The corpus lives next to the
 * repository (../shared/corpus) and is never copied into it.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Connection, TemplateModel, TextEdit } from "../model/types";

export const CORPUS = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
export const corpusAvailable = existsSync(`${CORPUS}MANIFEST.tsv`);

export interface CorpusFile {
  path: string;
  kind: string;
  text: string;
}

const TEMPLATE_KINDS = new Set(["sam", "cfn", "sam-error", "cfn-bad"]);

let cache: CorpusFile[] | undefined;

/** Every template in the corpus (kinds sam, cfn, sam-error, cfn-bad), sorted by path. */
export function corpusTemplates(): CorpusFile[] {
  if (cache) return cache;
  const rows = readFileSync(`${CORPUS}MANIFEST.tsv`, "utf8").trim().split("\n").slice(1);
  cache = rows
    .map((line) => line.split("\t"))
    .filter(([, kind]) => TEMPLATE_KINDS.has(kind))
    .map(([path, kind]) => ({ path, kind, text: readFileSync(`${CORPUS}${path}`, "utf8") }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return cache;
}

export interface Quirk {
  path: string;
  reason: string;
}

export function parseQuirks(): Quirk[] {
  return readFileSync(`${CORPUS}PARSE_QUIRKS.tsv`, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => {
      const [path, reason] = l.split("\t");
      return { path, reason };
    });
}

/** Every `step`-th item, starting at `offset`: a deterministic sample. */
export function everyNth<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]);
}

/** Wires as comparable strings (ids carry list indexes, which edits may shift). */
export function wireKeys(model: TemplateModel, rename: (id: string) => string = (x) => x): string[] {
  return model.connections.map((c: Connection) => `${rename(c.from)}|${rename(c.to)}|${c.kind}|${c.rule}`).sort();
}

/** Multiset difference a − b. */
export function minus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

const lineIndex = (text: string, offset: number) => text.slice(0, offset).split("\n").length - 1;

/** The old lines an edit replaces (0-based, inclusive), or the line it inserts before. */
export function editedLines(before: string, edit: TextEdit): { first: number; last: number; insertion: boolean } {
  // An edit that starts on a line's newline leaves that line's content alone.
  const first = lineIndex(before, edit.start) + (before[edit.start] === "\n" && edit.end > edit.start ? 1 : 0);
  if (edit.end === edit.start) return { first, last: first, insertion: true };
  return { first, last: Math.max(first, lineIndex(before, edit.end - 1)), insertion: false };
}

export function lines(text: string): string[] {
  return text.split("\n");
}
