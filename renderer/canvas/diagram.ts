/**
 * From the template model to React Flow's nodes and edges, keeping every node and edge object
 * whose content did not change (same identity), so that React Flow and the memoized node
 * components skip them. Node data carries only the logical ID: a node reads its resource from
 * the store by id, never from the node array.
 */
import type { Edge, Node } from "@xyflow/react";
import type { Connection, ConnectionKind, TemplateModel } from "../../core/model/types";
import { cardFor } from "../../core/catalog";
import { NODE_HEIGHT, NODE_WIDTH, type Positions } from "../layout/graph";

export interface ResourceNodeData extends Record<string, unknown> {
  id: string;
}
export interface WireEdgeData extends Record<string, unknown> {
  kind: ConnectionKind;
  label: string;
  /** Position among wires joining the same two resources (GET and POST routes to one function), so they fan out. */
  lane: number;
  lanes: number;
}
export type ResourceNode = Node<ResourceNodeData, "resource">;
export type WireEdge = Edge<WireEdgeData, "wire">;

export interface Diagram {
  nodes: ResourceNode[];
  edges: WireEdge[];
  /** Logical IDs that had no position (saved or current) and were placed provisionally. */
  unplaced: string[];
}

/**
 * Build the diagram for `model`. Positions come from the current nodes first (what the person
 * sees), then from the saved layout, then provisional spots to the right of everything else.
 */
export function buildDiagram(
  model: TemplateModel | null,
  previous: { nodes: ResourceNode[]; edges: WireEdge[] },
  saved: Positions,
  selected: ReadonlySet<string>,
): Diagram {
  if (!model) return { nodes: [], edges: [], unplaced: [] };
  const before = new Map(previous.nodes.map((n) => [n.id, n]));
  const nodes: ResourceNode[] = [];
  const unplaced: string[] = [];
  let maxX = -Infinity;
  let minY = Infinity;
  for (const n of previous.nodes) {
    maxX = Math.max(maxX, n.position.x);
    minY = Math.min(minY, n.position.y);
  }
  for (const p of Object.values(saved)) {
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
  }
  if (!Number.isFinite(maxX)) maxX = -NODE_WIDTH - 80;
  if (!Number.isFinite(minY)) minY = 0;
  let stack = 0;
  for (const resource of model.resources) {
    const old = before.get(resource.id);
    const isSelected = selected.has(resource.id);
    // The node's accessible name: the card's label and the logical ID ("Function OrdersHandler").
    const ariaLabel = `${cardFor(resource.kind).label} ${resource.id}`;
    if (old) {
      nodes.push(Boolean(old.selected) === isSelected && old.ariaLabel === ariaLabel ? old : { ...old, selected: isSelected, ariaLabel });
      continue;
    }
    let position = saved[resource.id];
    if (!position) {
      position = { x: maxX + NODE_WIDTH + 80, y: minY + stack++ * (NODE_HEIGHT + 40) };
      unplaced.push(resource.id);
    }
    nodes.push({
      id: resource.id,
      type: "resource",
      position: { x: position.x, y: position.y },
      data: { id: resource.id },
      selected: isSelected,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      ariaLabel,
    });
  }
  const ids = new Set(model.resources.map((r) => r.id));
  const oldEdges = new Map(previous.edges.map((e) => [e.id, e]));
  const edges: WireEdge[] = [];
  const seen = new Set<string>();
  const drawn: Connection[] = [];
  const lanesOf = new Map<string, number>();
  const pair = (c: Connection) => (c.from < c.to ? `${c.from}\u0000${c.to}` : `${c.to}\u0000${c.from}`);
  for (const c of model.connections) {
    // A wire to something that is not drawn (a parameter, an imported value) has no end to draw.
    if (!ids.has(c.from) || !ids.has(c.to) || seen.has(c.id)) continue;
    seen.add(c.id);
    drawn.push(c);
    lanesOf.set(pair(c), (lanesOf.get(pair(c)) ?? 0) + 1);
  }
  const nextLane = new Map<string, number>();
  for (const c of drawn) {
    const lane = nextLane.get(pair(c)) ?? 0;
    nextLane.set(pair(c), lane + 1);
    const lanes = lanesOf.get(pair(c)) ?? 1;
    const old = oldEdges.get(c.id);
    edges.push(old && sameWire(old, c, lane, lanes) ? old : toEdge(c, old?.selected ?? false, lane, lanes));
  }
  return { nodes: sameList(nodes, previous.nodes) ? previous.nodes : nodes, edges: sameList(edges, previous.edges) ? previous.edges : edges, unplaced };
}

function sameWire(edge: WireEdge, c: Connection, lane: number, lanes: number): boolean {
  const d = edge.data;
  return edge.source === c.from && edge.target === c.to && d?.kind === c.kind && d?.label === c.label && d.lane === lane && d.lanes === lanes;
}

function toEdge(c: Connection, selected: boolean, lane: number, lanes: number): WireEdge {
  return {
    id: c.id,
    type: "wire",
    source: c.from,
    target: c.to,
    data: { kind: c.kind, label: c.label, lane, lanes },
    selected,
    ariaLabel: `${c.kind} wire from ${c.from} to ${c.to}${c.label ? `: ${c.label}` : ""}`,
  };
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Apply new positions (layout, tidy) to the nodes that moved, keeping the others' identity. */
export function withPositions(nodes: ResourceNode[], positions: Positions): ResourceNode[] {
  let changed = false;
  const next = nodes.map((n) => {
    const p = positions[n.id];
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? next : nodes;
}

/** Current positions of all nodes, for flowform.json. */
export function positionsOf(nodes: readonly ResourceNode[]): Positions {
  const out: Positions = {};
  for (const n of nodes) out[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
  return out;
}
