/**
 * Edits on real templates: every edit changes only the lines it must, re-imports to the expected
 * graph, and its inverse gives back the original bytes.
 */
import { describe, expect, it } from "vitest";
import { canConnect } from "../connections";
import { importTemplate } from "../model/import";
import type { EditResult, Refusal, TemplateModel, TextEdit } from "../model/types";
import { corpusAvailable, corpusTemplates, editedLines, everyNth, minus, wireKeys, type CorpusFile } from "./corpus.test-support";
import { applyTextEdits, parseForEdit, spanOf } from "./edits";
import { applyOperation, undoText } from "./operations";

interface Loaded extends CorpusFile {
  model: TemplateModel;
}

function loadable(): Loaded[] {
  return corpusTemplates()
    .filter((f) => f.kind === "sam" || f.kind === "cfn")
    .map((f) => ({ ...f, model: importTemplate(f.text, f.path).model! }))
    .filter((f) => f.model && f.model.resources.some((r) => !r.implicit));
}

const isRefusal = (r: EditResult | Refusal): r is Refusal => "refused" in r;

/**
 * Failures are collected per test and shown together (one bad template should not hide the
 * others); each test ends with `expect(failures).toEqual([])`.
 */
let failures: string[] = [];
function soft(fn: () => void) {
  try {
    fn();
  } catch (err) {
    failures.push((err as Error).message.split("\n")[0]);
  }
}

/** Old-text line ranges (0-based, inclusive) of the given resources' blocks, with comment lines above. */
function resourceLines(text: string, file: string, ids: readonly string[]): [number, number][] {
  const parsed = parseForEdit(text, file);
  const out: [number, number][] = [];
  const all = text.split("\n");
  for (const id of ids) {
    const span = spanOf(parsed, ["Resources", id]);
    if (!span) continue;
    let first = text.slice(0, span.start).split("\n").length - 1;
    const last = text.slice(0, span.end).split("\n").length - 1;
    while (first > 0 && /^\s*(#.*)?$/.test(all[first - 1])) first--;
    out.push([first, last + 1]);
  }
  return out;
}

function inside(range: { first: number; last: number }, allowed: [number, number][]): boolean {
  for (let line = range.first; line <= range.last; line++) if (!allowed.some(([a, b]) => line >= a && line <= b)) return false;
  return true;
}

function expectUndo(before: string, result: EditResult, label: string) {
  expect(undoText(result), `${label}: undo`).toBe(before);
  expect(applyTextEdits(before, result.edits), `${label}: edits`).toBe(result.text);
}

const tally: Record<string, { tried: number; passed: number }> = {};
const count = (name: string, passed: boolean) => {
  tally[name] ??= { tried: 0, passed: 0 };
  tally[name].tried++;
  if (passed) tally[name].passed++;
};

describe.runIf(corpusAvailable)("editing real templates", () => {
  const files = corpusAvailable ? loadable() : [];

  it("renames the first resource of every corpus template, changing only lines that name it, and undo restores the bytes", () => {
    failures = [];
    for (const f of files) soft(() => {
      const target = f.model.resources.find((r) => !r.implicit && /^[A-Za-z0-9]+$/.test(r.id));
      if (!target) return;
      const to = `${target.id}Renamed`;
      const result = applyOperation(f.text, { op: "renameResource", from: target.id, to }, f.path);
      const label = `${f.path} rename ${target.id}`;
      if (isRefusal(result)) {
        // Refused only when the new name is taken.
        expect(f.model.resources.some((r) => r.id === to), `${label}: ${result.reason}`).toBe(true);
        return;
      }
      // A rename never adds or removes lines; each changed line named the resource and now names it anew.
      const oldLines = f.text.split("\n");
      const newLines = result.text.split("\n");
      expect(newLines.length, label).toBe(oldLines.length);
      oldLines.forEach((line, i) => {
        if (line === newLines[i]) return;
        expect(line, `${label}: line ${i + 1}`).toContain(target.id);
        expect(newLines[i], `${label}: line ${i + 1}`).toContain(to);
      });
      // Same wires, with the new name (implicit resources SAM names after the function follow it).
      const rename = (id: string) => (id === target.id ? to : f.model.resources.find((r) => r.id === id)?.implicit?.owner === target.id && id.startsWith(target.id) ? to + id.slice(target.id.length) : id);
      expect(wireKeys(result.model), label).toEqual(wireKeys(f.model, rename));
      expect(result.model.resources.map((r) => r.id).sort(), label).toEqual(f.model.resources.map((r) => rename(r.id)).sort());
      expectUndo(f.text, result, label);
      count("rename", true);
    });
    console.log(`[edits] rename: ${tally.rename?.passed}/${files.length} templates`);
    if (failures.length) console.log(`[failures]\n${failures.join("\n")}`);
    expect(failures).toEqual([]);
  });

  const sample = corpusAvailable ? everyNth(files, 150) : [];

  it("adds a resource to 150 corpus templates as one insertion that re-imports with every old wire kept", () => {
    const kinds = ["queue", "function", "table", "topic", "bucket", "event-bus", "schedule", "state-machine", "AWS::SSM::Parameter"];
    failures = [];
    sample.forEach((f, i) => soft(() => {
      const kind = kinds[i % kinds.length];
      const result = applyOperation(f.text, { op: "addResource", kind, id: "FlowformAdded", properties: kind.includes("::") ? { Type: "String", Value: "x" } : undefined }, f.path);
      const label = `${f.path} add ${kind}`;
      expect(isRefusal(result), `${label}: ${isRefusal(result) ? result.reason : ""}`).toBe(false);
      if (isRefusal(result)) return;
      expect(result.edits.length, label).toBe(1);
      const [edit] = result.edits as TextEdit[];
      expect(edit.start === edit.end && edit.text.includes("FlowformAdded"), label).toBe(true);
      expect(result.model.resources.find((r) => r.id === "FlowformAdded")?.kind, label).toBe(kind.includes("::") ? "generic" : kind === "schedule" ? "schedule" : kind);
      expect(wireKeys(result.model), label).toEqual(wireKeys(f.model));
      expectUndo(f.text, result, label);
      count("add", true);
    }));
    console.log(`[edits] add: ${tally.add?.passed}/${sample.length} templates`);
    if (failures.length) console.log(`[failures]\n${failures.join("\n")}`);
    expect(failures).toEqual([]);
  });

  it("removes a resource from 150 corpus templates, touching only its block, its wires' parts and references to it", () => {
    failures = [];
    for (const f of sample) soft(() => {
      const own = f.model.resources.filter((r) => !r.implicit);
      const target = own[Math.floor(own.length / 2)];
      const result = applyOperation(f.text, { op: "removeResource", id: target.id }, f.path);
      const label = `${f.path} remove ${target.id}`;
      expect(isRefusal(result), `${label}: ${isRefusal(result) ? result.reason : ""}`).toBe(false);
      if (isRefusal(result)) return;
      expect(result.model.resources.some((r) => r.id === target.id), label).toBe(false);
      // Allowed: the resource, resources its wires wrote on, outputs and DependsOn naming it.
      const wired = f.model.connections.filter((c) => c.from === target.id || c.to === target.id).flatMap((c) => c.writes.map((w) => w.resource));
      const allowed = resourceLines(f.text, f.path, [target.id, ...wired]);
      const parsed = parseForEdit(f.text, f.path);
      const outputs = parsed.value.Outputs as Record<string, unknown> | undefined;
      const oldLines = f.text.split("\n");
      for (const [name] of Object.entries(outputs ?? {})) {
        const span = spanOf(parsed, ["Outputs", name]);
        if (span) allowed.push([f.text.slice(0, span.start).split("\n").length - 1, f.text.slice(0, span.end).split("\n").length]);
      }
      const outputsKey = spanOf(parsed, ["Outputs"]);
      if (outputsKey) allowed.push([f.text.slice(0, outputsKey.start).split("\n").length - 1, f.text.slice(0, outputsKey.start).split("\n").length]);
      // In JSON the line before a removed member loses its comma.
      if (f.path.endsWith(".json")) for (const range of allowed) range[0] = Math.max(0, range[0] - 1);
      for (const e of result.edits) {
        const r = editedLines(f.text, e);
        let ok = true;
        for (let line = r.first; line <= r.last; line++) {
          if (!inside({ first: line, last: line }, allowed) && !oldLines[line].includes(target.id) && !/^\s*(#.*)?$/.test(oldLines[line])) ok = false;
        }
        expect(ok, `${label}: changed lines ${r.first + 1}-${r.last + 1}: ${oldLines.slice(r.first, r.last + 1).join(" / ").slice(0, 300)}`).toBe(true);
      }
      // Every wire not involving the removed resource (or SAM resources that go with it) is still there.
      const survivors = new Set(result.model.resources.map((r) => r.id));
      const ownedByTarget = (c: { writes: { resource: string }[] }) => c.writes.length > 0 && c.writes.every((w) => w.resource === target.id);
      const expected = f.model.connections.filter((c) => c.from !== target.id && c.to !== target.id && !ownedByTarget(c) && survivors.has(c.from) && survivors.has(c.to));
      expect(minus(wireKeys({ ...f.model, connections: expected }), wireKeys(result.model)), label).toEqual([]);
      expect(result.model.connections.some((c) => c.from === target.id || c.to === target.id), label).toBe(false);
      expectUndo(f.text, result, label);
      count("remove", true);
    });
    console.log(`[edits] remove: ${tally.remove?.passed}/${sample.length} templates`);
    if (failures.length) console.log(`[failures]\n${failures.join("\n")}`);
    expect(failures).toEqual([]);
  });

  it("connects pairs of every rule in corpus templates inside the touched resources, and disconnecting gives back the original", () => {
    failures = [];
    const quota = 20;
    const tried: Record<string, number> = {};
    let restored = 0;
    const notRestored: Record<string, number> = {};
    let total = 0;
    const settingsToTry: Record<string, unknown>[] = [{}, { as: "on-failure" }, { as: "dlq" }, { level: "read" }];
    for (const f of files) {
      const ids = f.model.resources.map((r) => r.id).sort();
      const existing = new Set(f.model.connections.map((c) => `${c.from}|${c.to}`));
      const chosen = new Map<string, { from: string; to: string; settings: Record<string, unknown> }>();
      for (const a of ids) {
        for (const b of ids) {
          if (a === b || existing.has(`${a}|${b}`)) continue;
          for (const settings of settingsToTry) {
            const verdict = canConnect(f.model, a, b, settings);
            if (!("ok" in verdict) || (tried[verdict.rule] ?? 0) >= quota || chosen.has(verdict.rule)) continue;
            chosen.set(verdict.rule, { from: a, to: b, settings });
          }
        }
      }
      for (const [rule, { from, to, settings }] of chosen) {
        tried[rule] = (tried[rule] ?? 0) + 1;
        total++;
        soft(() => {
          const label = `${f.path} connect ${from} -> ${to} (${rule} ${JSON.stringify(settings)})`;
          const result = applyOperation(f.text, { op: "connect", from, to, settings }, f.path);
          expect(isRefusal(result), `${label}: ${isRefusal(result) ? result.reason : ""}`).toBe(false);
          if (isRefusal(result)) return;
          // A bus wired to a function goes through the rule SAM creates for the new event: bus → rule → function.
          const newImplicit = result.model.resources.filter((r) => r.implicit && !f.model.resources.some((x) => x.id === r.id)).map((r) => r.id);
          const made = result.model.connections.filter((c) => c.rule === rule && ((c.from === from && c.to === to) || (newImplicit.includes(c.from) && c.to === to)));
          expect(made.length, `${label}: wire re-imported`).toBe(1);
          if (made[0]?.from !== from) expect(result.model.connections.some((c) => c.from === from && c.to === made[0].from), `${label}: bus feeds the new rule`).toBe(true);
          expect(minus(wireKeys(f.model), wireKeys(result.model)), label).toEqual([]);
          const allowed = resourceLines(f.text, f.path, result.touched);
          const newIds = result.touched.filter((id) => !f.model.resources.some((r) => r.id === id));
          for (const e of result.edits) {
            const r = editedLines(f.text, e);
            const newResource = r.insertion && newIds.some((id) => new RegExp(`^\\s*"?${id}"?\\s*:`, "m").test(e.text));
            expect(inside(r, allowed) || newResource, `${label}: edit at lines ${r.first + 1}-${r.last + 1} outside ${result.touched.join(",")}`).toBe(true);
          }
          expectUndo(f.text, result, label);
          const back = applyOperation(result.text, { op: "disconnect", connectionId: made[0].id }, f.path);
          expect(isRefusal(back), `${label}: disconnect ${isRefusal(back) ? back.reason : ""}`).toBe(false);
          if (isRefusal(back)) return;
          expect(wireKeys(back.model), `${label}: wires after disconnect`).toEqual(wireKeys(f.model));
          // A wire that also switched on something it does not own (a table's stream) leaves that behind.
          const ownsAll = result.touched.every((id) => made[0].writes.some((w) => w.resource === id));
          if (ownsAll && back.text !== f.text) {
            // The one accepted difference: a single policy that connecting turned into a list stays a list.
            const normalise = (m: TemplateModel) =>
              JSON.stringify(m.resources.map((r) => ({ ...r, line: 0, properties: { ...r.properties, Policies: Array.isArray(r.properties.Policies) && r.properties.Policies.length === 1 ? r.properties.Policies[0] : r.properties.Policies } })));
            expect(normalise(back.model), `${label}: disconnect gives back the original template`).toBe(normalise(f.model));
          }
          if (back.text === f.text) restored++;
          else { notRestored[rule] = (notRestored[rule] ?? 0) + 1; if (process.env.DEBUG_RESTORE) console.log("NOT RESTORED", label, JSON.stringify(back.edits)); }
          count("connect", true);
        });
      }
    }
    console.log(`[edits] connect: ${tally.connect?.passed ?? 0}/${total} wires; disconnect restored the original bytes in ${restored}/${total} (the rest the same template but for a table stream left on or a single policy left as a one-item list: ${JSON.stringify(notRestored)}); per rule ${JSON.stringify(tried)}`);
    if (failures.length) console.log(`[failures]\n${failures.join("\n")}`);
    expect(total).toBeGreaterThanOrEqual(50);
    expect(Object.keys(tried).length).toBeGreaterThanOrEqual(8);
    expect(failures).toEqual([]);
  });
});
