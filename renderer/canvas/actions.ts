/**
 * What canvas gestures and shortcuts do, as plain functions over the store: each one turns a
 * gesture into core operations (`addResource`, `connect`, `renameResource`, `removeResource`…)
 * and runs them through the history slice, so every one of them can be undone.
 */
import { cardFor } from "../../core/catalog";
import type { Operation } from "../../core/model/types";
import { NODE_HEIGHT, NODE_WIDTH } from "../layout/graph";
import { useStore } from "../store";
import { clipboardEntry, freeId, nextLogicalId } from "../store/canvas";
import { isRefusal } from "../store/history-slice";

const store = () => useStore.getState();

/** Where a refusal or note is shown when no pointer position is known: the canvas' centre. */
function canvasCentreOnScreen(): { x: number; y: number } {
  const el = document.querySelector(".ff-canvas");
  const r = el?.getBoundingClientRect();
  return r ? { x: r.left + r.width / 2, y: r.top + r.height / 3 } : { x: window.innerWidth / 2, y: window.innerHeight / 3 };
}

function takenIds(): string[] {
  return store().lastGoodModel?.resources.map((r) => r.id) ?? [];
}

/** A free spot near `at`: nudge down-right while another node sits there. */
function freeSpot(at: { x: number; y: number }): { x: number; y: number } {
  const nodes = store().nodes;
  let p = { ...at };
  for (let i = 0; i < 30 && nodes.some((n) => Math.abs(n.position.x - p.x) < 30 && Math.abs(n.position.y - p.y) < 30); i++) {
    p = { x: p.x + 30, y: p.y + 30 };
  }
  return p;
}

/** Add a resource; `position` is the top-left in flow coordinates (default: centred in view). */
export function addResource(kind: string, position?: { x: number; y: number }): string | null {
  const s = store();
  const id = nextLogicalId(kind, takenIds());
  const centre = s.canvasView?.centre() ?? { x: 0, y: 0 };
  const spot = position ?? freeSpot({ x: centre.x - NODE_WIDTH / 2, y: centre.y - NODE_HEIGHT / 2 });
  s.placeResource(id, spot);
  const result = s.runOperation({ op: "addResource", kind, id });
  if (isRefusal(result)) {
    s.showToast({ message: result.reason, detail: result.fix, ...canvasCentreOnScreen(), tone: "refusal" });
    return null;
  }
  const created = result.touched[0] ?? id;
  store().select([created]);
  store().setStatus(`Added ${cardFor(kind).label} ${created}`);
  return created;
}

/** Wire two resources; a refused pair shows its reason at `at` (client coordinates). */
export function connectResources(from: string, to: string, at?: { x: number; y: number }, settings?: Record<string, unknown>): boolean {
  const s = store();
  const where = at ?? canvasCentreOnScreen();
  if (from === to) {
    s.showToast({ message: `${from} cannot be wired to itself.`, ...where, tone: "refusal" });
    return false;
  }
  const before = new Set(s.lastGoodModel?.connections.map((c) => c.id) ?? []);
  const result = s.runOperation(settings ? { op: "connect", from, to, settings } : { op: "connect", from, to });
  if (isRefusal(result)) {
    s.showToast({ message: result.reason, detail: result.fix, ...where, tone: "refusal" });
    return false;
  }
  const added = store().lastGoodModel?.connections.find((c) => !before.has(c.id) && c.from === from && c.to === to)
    ?? store().lastGoodModel?.connections.find((c) => !before.has(c.id));
  if (added) {
    store().selectWire(added.id);
    store().setStatus(added.summary || `Connected ${from} to ${to}`);
  }
  return true;
}

/** Delete the selected resources, or the selected wire. */
export function deleteSelection(): void {
  const s = store();
  let ops: Operation[] = [];
  let label = "";
  if (s.selectedWire) {
    ops = [{ op: "disconnect", connectionId: s.selectedWire }];
    label = "Remove connection";
  } else if (s.selectedIds.length) {
    // Implicit resources (SAM's ServerlessRestApi, a function's schedule) live inside their owner's events.
    const index = new Map(s.lastGoodModel?.resources.map((r) => [r.id, r]) ?? []);
    const removable = s.selectedIds.filter((id) => !index.get(id)?.implicit);
    ops = removable.map((id) => ({ op: "removeResource", id }) as Operation);
    label = removable.length === 1 ? `Delete ${removable[0]}` : `Delete ${removable.length} resources`;
    if (removable.length < s.selectedIds.length) {
      s.showToast({
        message: "Implicit resources are created by SAM from a function's events; remove the event (its wire) instead.",
        ...canvasCentreOnScreen(),
        tone: "info",
      });
    }
  }
  if (ops.length === 0) return;
  const result = s.runOperations(ops, label);
  if (isRefusal(result)) {
    s.showToast({ message: result.reason, detail: result.fix, ...canvasCentreOnScreen(), tone: "refusal" });
    return;
  }
  store().clearSelection();
  store().setStatus(result.notes.length ? result.notes.join(" ") : label);
}

export function copySelection(): number {
  const s = store();
  const index = new Map(s.lastGoodModel?.resources.map((r) => [r.id, r]) ?? []);
  const nodes = new Map(s.nodes.map((n) => [n.id, n]));
  const entries = s.selectedIds
    .map((id) => index.get(id))
    .filter((r): r is NonNullable<typeof r> => Boolean(r) && !r!.implicit)
    .map((r) => clipboardEntry(r, nodes.get(r.id)?.position));
  if (entries.length) s.setClipboard(entries);
  return entries.length;
}

/** Paste the clipboard as new resources (new logical IDs), offset from the originals. */
export function paste(): void {
  const s = store();
  if (s.clipboard.length === 0) return;
  const taken = new Set(takenIds());
  const ops: Operation[] = [];
  const created: string[] = [];
  for (const entry of s.clipboard) {
    const id = freeId(`${entry.id}Copy`, taken);
    taken.add(id);
    created.push(id);
    const p = entry.position ?? s.canvasView?.centre() ?? { x: 0, y: 0 };
    s.placeResource(id, freeSpot({ x: p.x + 40, y: p.y + 40 }));
    // Generic resources are added by their CloudFormation type.
    ops.push({ op: "addResource", kind: entry.kind === "generic" ? entry.type : entry.kind, id, properties: entry.properties });
  }
  if (ops.length === 0) return;
  const result = s.runOperations(ops, created.length === 1 ? `Paste ${created[0]}` : `Paste ${created.length} resources`);
  if (isRefusal(result)) {
    s.showToast({ message: result.reason, detail: result.fix, ...canvasCentreOnScreen(), tone: "refusal" });
    return;
  }
  store().select(created);
}

export function duplicateSelection(): void {
  if (copySelection() > 0) paste();
}

/** Valid CloudFormation logical ID: alphanumeric, at most 255 characters (CloudFormation user guide, "Resources"). */
export function logicalIdProblem(id: string, taken: readonly string[]): string | null {
  if (!id) return "A logical ID cannot be empty.";
  if (!/^[A-Za-z0-9]+$/.test(id)) return "A logical ID may contain only letters and digits (A–Z, a–z, 0–9).";
  if (id.length > 255) return "A logical ID is at most 255 characters.";
  if (taken.includes(id)) return `${id} is already used by another resource.`;
  return null;
}

/** Rename a resource, updating every reference to it (core's renameResource). */
export function renameResource(from: string, to: string, at?: { x: number; y: number }): boolean {
  const s = store();
  if (from === to) return true;
  const problem = logicalIdProblem(to, takenIds().filter((id) => id !== from));
  const where = at ?? canvasCentreOnScreen();
  if (problem) {
    s.showToast({ message: problem, ...where, tone: "refusal" });
    return false;
  }
  const node = s.nodes.find((n) => n.id === from);
  if (node) s.placeResource(to, node.position);
  const result = s.runOperation({ op: "renameResource", from, to });
  if (isRefusal(result)) {
    s.showToast({ message: result.reason, detail: result.fix, ...where, tone: "refusal" });
    return false;
  }
  store().select([to]);
  store().setStatus(`Renamed ${from} to ${to}`);
  return true;
}
