/**
 * Runs ELK off the main thread so a 1,000-node layout never freezes the canvas.
 * Message in: { requestId, input: LayoutInput }. Message out: { requestId, positions } or { requestId, error }.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import { positionsFromElk, toElkGraph, type LayoutInput } from "./graph";

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ requestId: number; input: LayoutInput }>) => {
  const { requestId, input } = event.data;
  try {
    const result = await elk.layout(toElkGraph(input));
    self.postMessage({ requestId, positions: positionsFromElk(result) });
  } catch (error) {
    self.postMessage({ requestId, error: error instanceof Error ? error.message : String(error) });
  }
};
