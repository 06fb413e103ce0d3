/**
 * The auto-layout's input and output, and the pure parts around ELK: building the ELK graph
 * (layered, left → right, so event sources sit left of the functions they trigger and the
 * services a function uses sit to its right) and the grid used when ELK is too slow or fails.
 */
import type { ElkNode } from "elkjs/lib/elk-api";

/** Size of a resource node on the canvas; the layout reserves exactly this. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 64;

export interface LayoutNode {
  id: string;
  width?: number;
  height?: number;
}

export interface LayoutEdge {
  id: string;
  from: string;
  to: string;
}

export interface LayoutInput {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
}

export type Positions = Record<string, { x: number; y: number }>;

export interface LayoutResult {
  positions: Positions;
  /** Which engine produced the positions; "grid" means ELK timed out or failed (see `reason`). */
  engine: "elk" | "grid";
  reason?: string;
}

export const ELK_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.layered.spacing.nodeNodeBetweenLayers": "140",
  "elk.spacing.nodeNode": "30",
  "elk.spacing.componentComponent": "60",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
  "elk.edgeRouting": "POLYLINE",
};

export function toElkGraph(input: LayoutInput): ElkNode {
  const ids = new Set(input.nodes.map((n) => n.id));
  return {
    id: "root",
    layoutOptions: ELK_OPTIONS,
    children: input.nodes.map((n) => ({ id: n.id, width: n.width ?? NODE_WIDTH, height: n.height ?? NODE_HEIGHT })),
    // Self-loops and wires to resources that are not on the canvas add nothing to the placement.
    edges: input.edges
      .filter((e) => e.from !== e.to && ids.has(e.from) && ids.has(e.to))
      .map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
}

export function positionsFromElk(result: ElkNode): Positions {
  const positions: Positions = {};
  for (const child of result.children ?? []) {
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return positions;
}

/**
 * The fallback: a grid in reading order, columns chosen so the grid is roughly as wide as it is
 * tall on a 16:9 screen. Sources still come first because nodes are ordered by their longest
 * path from a node without incoming wires.
 */
export function gridLayout(input: LayoutInput): Positions {
  const order = orderSourcesFirst(input);
  const columns = Math.max(1, Math.ceil(Math.sqrt(order.length * 1.6)));
  const positions: Positions = {};
  order.forEach((id, i) => {
    positions[id] = { x: (i % columns) * (NODE_WIDTH + 80), y: Math.floor(i / columns) * (NODE_HEIGHT + 60) };
  });
  return positions;
}

/**
 * A quick layered layout without ELK: columns by longest path from a source (left → right),
 * rows ordered by the average row of each node's predecessors so wires cross less. Used at once
 * while ELK runs, and instead of ELK when it times out or fails.
 */
export function layeredLayout(input: LayoutInput): Positions {
  const depth = depthsOf(input);
  const known = new Set(input.nodes.map((n) => n.id));
  const preds = new Map<string, string[]>();
  for (const e of input.edges) {
    if (e.from === e.to || !known.has(e.from) || !known.has(e.to)) continue;
    preds.set(e.to, [...(preds.get(e.to) ?? []), e.from]);
  }
  const columns = new Map<number, string[]>();
  for (const n of input.nodes) {
    const d = depth.get(n.id) ?? 0;
    columns.set(d, [...(columns.get(d) ?? []), n.id]);
  }
  const row = new Map<string, number>();
  const ordered = [...columns.keys()].sort((a, b) => a - b);
  let tallest = 0;
  for (const d of ordered) {
    const ids = columns.get(d)!;
    const score = (id: string) => {
      const rows = (preds.get(id) ?? []).map((p) => row.get(p)).filter((r): r is number => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.POSITIVE_INFINITY;
    };
    const index = new Map(ids.map((id, i) => [id, i]));
    ids.sort((a, b) => score(a) - score(b) || index.get(a)! - index.get(b)!);
    ids.forEach((id, i) => row.set(id, i));
    tallest = Math.max(tallest, ids.length);
  }
  const positions: Positions = {};
  for (const d of ordered) {
    const ids = columns.get(d)!;
    const offset = ((tallest - ids.length) * (NODE_HEIGHT + 36)) / 2;
    ids.forEach((id, i) => {
      positions[id] = { x: d * (NODE_WIDTH + 140), y: Math.round(offset + i * (NODE_HEIGHT + 36)) };
    });
  }
  return positions;
}

/** Node ids ordered by depth (longest path from a node with no incoming wire), stable otherwise. */
export function orderSourcesFirst(input: LayoutInput): string[] {
  const ids = input.nodes.map((n) => n.id);
  const depth = depthsOf(input);
  const index = new Map(ids.map((id, i) => [id, i]));
  return [...ids].sort((a, b) => depth.get(a)! - depth.get(b)! || index.get(a)! - index.get(b)!);
}

/** Longest path from a node without incoming wires; nodes on a cycle keep the depth reached so far. */
function depthsOf(input: LayoutInput): Map<string, number> {
  const ids = input.nodes.map((n) => n.id);
  const known = new Set(ids);
  const outgoing = new Map<string, string[]>();
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of input.edges) {
    if (e.from === e.to || !known.has(e.from) || !known.has(e.to)) continue;
    outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e.to]);
    indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  }
  const depth = new Map<string, number>(ids.map((id) => [id, 0]));
  // Kahn's algorithm.
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const remaining = new Map(indegree);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    for (const to of outgoing.get(id) ?? []) {
      depth.set(to, Math.max(depth.get(to) ?? 0, (depth.get(id) ?? 0) + 1));
      const left = (remaining.get(to) ?? 0) - 1;
      remaining.set(to, left);
      if (left === 0) queue.push(to);
    }
  }
  return depth;
}
