/**
 * Circular dependencies between resources. CloudFormation orders creation by `Ref`, `Fn::GetAtt`,
 * `Fn::Sub` references and `DependsOn`, and rejects a template whose resources depend on each
 * other in a circle ("Circular dependency between resources").
 */
import type { Problem } from "../../model/types";
import { problemAt, type ValidationContext } from "../context";
import { resourceReferences } from "./references";

/** Resource → resources it depends on. */
export function dependencyGraph(ctx: ValidationContext): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const id of ctx.resourceTypes.keys()) {
    const deps = new Set<string>();
    const type = ctx.resourceTypes.get(id) ?? "";
    // SAM moves a function's event sources into resources of their own (permissions, mappings,
    // subscriptions) and expands GraphQL APIs, so those references do not order the SAM resource itself.
    if (type === "AWS::Serverless::GraphQLApi") {
      graph.set(id, deps);
      continue;
    }
    const sam = type.startsWith("AWS::Serverless::");
    for (const ref of resourceReferences(ctx, id)) {
      if (ref.kind === "Condition" || ref.kind === "FindInMap") continue;
      if (sam && ref.path[0] === "Properties" && ref.path[1] === "Events") continue;
      if (ctx.resourceTypes.has(ref.target)) deps.add(ref.target);
    }
    graph.set(id, deps);
  }
  return graph;
}

/** Strongly connected components with more than one resource, or a resource that depends on itself (Tarjan's algorithm, iterative). */
export function findCycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  for (const start of graph.keys()) {
    if (indexes.has(start)) continue;
    const work: { node: string; children: string[]; next: number }[] = [];
    const enter = (node: string) => {
      indexes.set(node, index);
      low.set(node, index);
      index++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: [...(graph.get(node) ?? [])], next: 0 });
    };
    enter(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.children.length) {
        const child = frame.children[frame.next++];
        if (!graph.has(child)) continue;
        if (!indexes.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, indexes.get(child)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === indexes.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || graph.get(frame.node)?.has(frame.node)) cycles.push(component.reverse());
      }
    }
  }
  return cycles;
}

export function checkCycles(ctx: ValidationContext): Problem[] {
  const cycles = findCycles(dependencyGraph(ctx));
  return cycles.map((cycle) => {
    const first = [...cycle].sort()[0];
    const text = cycle.length === 1 ? `${first} refers to itself` : `${cycle.join(" → ")} → ${cycle[0]}`;
    return problemAt(ctx, "error", "cfn/circular-dependency", ["Resources", first], `Circular dependency between resources: ${text}. CloudFormation cannot decide which to create first; break the circle (e.g. build an ARN with Fn::Sub instead of GetAtt, or move the permission to its own resource)`);
  });
}
