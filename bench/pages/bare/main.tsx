/**
 * The benchmark's baseline: a bare @xyflow/react canvas with the same nodes and edges as the
 * Flowform design under test (given by the harness in `window.__BENCH_GRAPH__`), default node and
 * edge types, the library's own state hooks, and nothing else.
 */
import { createRoot } from "react-dom/client";
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";

interface BenchGraph {
  nodes: { id: string; x: number; y: number }[];
  edges: { id: string; source: string; target: string }[];
}

const graph = (window as unknown as { __BENCH_GRAPH__: BenchGraph }).__BENCH_GRAPH__;

function Bare() {
  const [nodes, , onNodesChange] = useNodesState<Node>(
    graph.nodes.map((n) => ({ id: n.id, position: { x: n.x, y: n.y }, data: { label: n.id }, style: { width: 220, height: 64 } })),
  );
  const [edges, , onEdgesChange] = useEdgesState<Edge>(graph.edges);
  return (
    <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} minZoom={0.05} maxZoom={2} fitView selectionKeyCode="Shift">
    </ReactFlow>
  );
}

createRoot(document.getElementById("root")!).render(<Bare />);
document.documentElement.dataset.benchReady = "1";
