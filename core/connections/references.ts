/**
 * Every other link between resources: a `Ref`, `Fn::GetAtt`, `${Id}` in `Fn::Sub`, or `DependsOn`
 * that no specific rule explains (a subnet's VPC, a role used by a function, a layer…). Drawn as
 * plain "reference" wires so that any CloudFormation template shows its structure.
 *
 * The only reference Flowform writes for you is function → layer (`Layers: [!Ref L]`).
 */
import type { Connection } from "../model/types";
import { findReferences, isPrefix } from "./references-walk";
import { makeConnection, refuse, type ConnectionRule, type RuleContext } from "./rule";

/**
 * References not inside a part another rule owns. `owned` lists, per resource, the paths written
 * by the other rules' connections.
 */
export function recogniseReferences(ctx: RuleContext, owned: readonly Connection[]): Connection[] {
  const ownedPaths = new Map<string, (string | number)[][]>();
  for (const c of owned) for (const w of c.writes) ownedPaths.set(w.resource, [...(ownedPaths.get(w.resource) ?? []), w.path]);
  const out: Connection[] = [];
  for (const r of ctx.model.resources) {
    if (r.implicit) continue;
    const mine = ownedPaths.get(r.id) ?? [];
    if (mine.some((p) => p.length === 0)) continue;
    const byTarget = new Map<string, { how: Set<string>; paths: (string | number)[][] }>();
    for (const ref of findReferences(r.properties, ["Properties"])) {
      if (ref.id === r.id || !ctx.byId.has(ref.id) || ctx.byId.get(ref.id)?.implicit) continue;
      if (mine.some((p) => isPrefix(p, ref.path))) continue;
      const entry = byTarget.get(ref.id) ?? { how: new Set<string>(), paths: [] };
      entry.how.add(ref.how === "GetAtt" ? `GetAtt ${ref.attribute ?? ""}`.trim() : ref.how);
      entry.paths.push(ref.path);
      byTarget.set(ref.id, entry);
    }
    r.dependsOn.forEach((id) => {
      if (!ctx.byId.has(id)) return;
      const entry = byTarget.get(id) ?? { how: new Set<string>(), paths: [] };
      entry.how.add("DependsOn");
      entry.paths.push(["DependsOn"]);
      byTarget.set(id, entry);
    });
    for (const [target, entry] of byTarget) {
      const fields = [...new Set(entry.paths.map((p) => p.filter((k) => typeof k === "string").slice(0, 2).join(".")))];
      const layer = ctx.byId.get(target)?.kind === "layer" && entry.paths.every((p) => p[1] === "Layers");
      out.push(
        makeConnection({
          kind: "reference",
          from: r.id,
          to: target,
          rule: "references",
          label: layer ? "layer" : [...entry.how].join(", "),
          settings: { how: [...entry.how], fields },
          summary: `${r.id} refers to ${target} in ${fields.join(", ")}`,
          why: `Written by hand in the template (${[...entry.how].join(", ")}); Flowform keeps it as it is`,
          // Reference wires own nothing (removing one would remove what the person wrote), except
          // a layer wire, which owns its `Layers` items.
          writes: layer ? entry.paths.map((p) => ({ resource: r.id, path: p.slice(0, 3), description: `layer ${target}` })) : [],
          id: `references:${r.id}->${target}`,
        }),
      );
    }
  }
  return out;
}

export const references: ConnectionRule = {
  id: "references",
  kind: "reference",
  title: "Any other Ref, GetAtt, Sub or DependsOn between resources; a function uses a layer",
  // Run by the registry after every other rule (it needs their wires), see index.ts.
  recognise: (ctx: RuleContext) => recogniseReferences(ctx, []),
  canConnect(from, to) {
    if (to.kind !== "layer") return undefined;
    if (from.kind !== "function") return refuse("Only functions use layers.");
    if (from.type !== "AWS::Serverless::Function" && from.type !== "AWS::Lambda::Function") return undefined;
    return { ok: true, rule: "references", kind: "reference", label: "layer", summary: `Adds ${to.id} to the layers of ${from.id}` };
  },
  connect(_ctx, from, to) {
    return {
      changes: [{ change: "append", path: ["Resources", from.id, "Properties", "Layers"], value: { Ref: to.id } }],
      summary: `Adds !Ref ${to.id} to the Layers of ${from.id}`,
      why: "The layer's content is mounted under /opt in the function's environment",
      touched: [from.id],
    };
  },
};
