/**
 * Auto-layout for the canvas: ELK (layered, left → right, sources first) in a Web Worker, with a
 * time limit. When the worker cannot start, fails or takes too long, a quick layered layout of
 * our own places the nodes instead, so opening a template always ends with every resource visible.
 */
import { layeredLayout, type LayoutInput, type LayoutResult, type Positions } from "./graph";

export { NODE_HEIGHT, NODE_WIDTH, gridLayout, layeredLayout, orderSourcesFirst, toElkGraph, positionsFromElk } from "./graph";
export type { LayoutEdge, LayoutInput, LayoutNode, LayoutResult, Positions } from "./graph";

/** Long enough for ELK on 1,000 nodes on a slow laptop; past it the grid is the better answer. */
export const LAYOUT_TIMEOUT_MS = 8_000;

let worker: Worker | null = null;
let nextRequest = 1;

function layoutWorker(): Worker {
  worker ??= new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
  return worker;
}

/** Start the worker (and ELK's 1.5 MB script) before the first layout is needed. */
export function prewarmLayout(): void {
  try {
    if (typeof Worker !== "undefined") layoutWorker();
  } catch {
    // autoLayout falls back to the grid and says why
  }
}

export async function autoLayout(input: LayoutInput, timeoutMs = LAYOUT_TIMEOUT_MS): Promise<LayoutResult> {
  if (input.nodes.length === 0) return { positions: {}, engine: "elk" };
  let w: Worker;
  try {
    if (typeof Worker === "undefined") throw new Error("Web Workers are not available here");
    w = layoutWorker();
  } catch (error) {
    return fallback(input, (error as Error).message);
  }
  const requestId = nextRequest++;
  return new Promise<LayoutResult>((resolve) => {
    const finish = (result: LayoutResult) => {
      clearTimeout(timer);
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
      resolve(result);
    };
    const onMessage = (event: MessageEvent<{ requestId: number; positions?: Positions; error?: string }>) => {
      if (event.data.requestId !== requestId) return;
      if (event.data.positions) finish({ positions: event.data.positions, engine: "elk" });
      else finish(fallback(input, event.data.error ?? "layout failed"));
    };
    const onError = (event: ErrorEvent) => {
      worker = null;
      finish(fallback(input, event.message || "the layout worker failed to start"));
    };
    const timer = setTimeout(() => {
      // A stuck ELK run would answer later requests late too: start a fresh worker next time.
      w.terminate();
      worker = null;
      finish(fallback(input, `ELK took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    w.postMessage({ requestId, input });
  });
}

function fallback(input: LayoutInput, reason: string): LayoutResult {
  return { positions: layeredLayout(input), engine: "grid", reason };
}
