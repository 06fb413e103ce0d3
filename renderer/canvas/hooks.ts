/**
 * Small store selectors for the canvas' memoized components. Each one reads one resource's
 * facts by logical ID through an index cached per model, so a node's selector is O(1) and
 * returns the same object until that resource itself changes.
 */
import { useCallback, useMemo } from "react";
import type { Problem, Resource, TemplateModel } from "../../core/model/types";
import { useStore } from "../store";
import { addResource } from "./actions";

const resourceIndexes = new WeakMap<TemplateModel, Map<string, Resource>>();

export function resourceIndex(model: TemplateModel): Map<string, Resource> {
  let index = resourceIndexes.get(model);
  if (!index) {
    index = new Map(model.resources.map((r) => [r.id, r]));
    resourceIndexes.set(model, index);
  }
  return index;
}

export function useResource(id: string): Resource | undefined {
  return useStore((s) => (s.lastGoodModel ? resourceIndex(s.lastGoodModel).get(id) : undefined));
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
}
const NO_PROBLEMS: ProblemCounts = Object.freeze({ errors: 0, warnings: 0 });
const problemIndexes = new WeakMap<Problem[], Map<string, ProblemCounts>>();

export function problemCountsByResource(problems: Problem[]): Map<string, ProblemCounts> {
  let index = problemIndexes.get(problems);
  if (!index) {
    index = new Map();
    for (const p of problems) {
      if (!p.resource || p.severity === "info") continue;
      const counts = index.get(p.resource) ?? { errors: 0, warnings: 0 };
      if (p.severity === "error") counts.errors++;
      else counts.warnings++;
      index.set(p.resource, counts);
    }
    problemIndexes.set(problems, index);
  }
  return index;
}

/**
 * A node's problem counts. Each edit re-derives the problem list; selecting the two numbers (not
 * the counts object) lets a node whose counts did not change skip re-rendering.
 */
export function useResourceProblemCounts(id: string): ProblemCounts {
  const errors = useStore((s) => (problemCountsByResource(s.problems).get(id) ?? NO_PROBLEMS).errors);
  const warnings = useStore((s) => (problemCountsByResource(s.problems).get(id) ?? NO_PROBLEMS).warnings);
  return useMemo(() => ({ errors, warnings }), [errors, warnings]);
}

/** What a node draws about its resource. Every edit re-imports the model (new objects), so the node selects these facts as one string and re-renders only when one of them changes. */
export interface NodeFacts {
  kind: string;
  type: string;
  implicitReason?: string;
}

/** One key per resource object, so a node's selector (run on every store change, including each drag step) does not serialise anything. */
const factKeys = new WeakMap<Resource, string>();
function factsKey(r: Resource): string {
  let key = factKeys.get(r);
  if (key === undefined) {
    key = JSON.stringify([r.kind, r.type, r.implicit?.reason ?? null]);
    factKeys.set(r, key);
  }
  return key;
}

export function useNodeFacts(id: string): NodeFacts | undefined {
  const key = useStore((s) => {
    const r = s.lastGoodModel ? resourceIndex(s.lastGoodModel).get(id) : undefined;
    return r ? factsKey(r) : null;
  });
  return useMemo(() => {
    if (key === null) return undefined;
    const [kind, type, implicitReason] = JSON.parse(key) as [string, string, string | null];
    return implicitReason === null ? { kind, type } : { kind, type, implicitReason };
  }, [key]);
}

export function useIsRenaming(id: string): boolean {
  return useStore((s) => s.renamingId === id);
}

/** Add a resource of a kind at the centre of the view (palette click / Enter). */
export function useAddResource(): (kind: string) => void {
  return useCallback((kind: string) => addResource(kind), []);
}
