/**
 * The diagram as a standalone SVG, drawn from node positions and wires (not a screenshot of the
 * DOM): crisp at any size, no external fonts or images, opens in any browser or design tool.
 */
import type { Category, ConnectionKind } from "../../core/model/types";
import { iconSvgMarkup } from "../canvas/icons";
import { NODE_HEIGHT, NODE_WIDTH } from "../layout/graph";

export interface SvgNode {
  id: string;
  x: number;
  y: number;
  /** Second line under the logical ID: the card label ("Function") or the CloudFormation type. */
  kindLabel: string;
  icon: string;
  category?: Category;
}

export interface SvgWire {
  from: string;
  to: string;
  kind: ConnectionKind;
  label: string;
  /** Position among wires joining the same two resources, so parallel wires fan out as on the canvas. */
  lane?: number;
  lanes?: number;
}

export interface SvgTheme {
  background: string;
  nodeFill: string;
  nodeStroke: string;
  text: string;
  mutedText: string;
  wire: string;
  referenceWire: string;
}

export const LIGHT_THEME: SvgTheme = {
  background: "#ffffff",
  nodeFill: "#ffffff",
  nodeStroke: "#c9d1da",
  text: "#16191f",
  mutedText: "#5f6b7a",
  wire: "#4a5a6e",
  referenceWire: "#aab4c0",
};

export const DARK_THEME: SvgTheme = {
  background: "#15191e",
  nodeFill: "#232a32",
  nodeStroke: "#3d4956",
  text: "#e9edf1",
  mutedText: "#9aa7b4",
  wire: "#9fb0c2",
  referenceWire: "#5b6876",
};

const MARGIN = 40;
const dash: Record<ConnectionKind, string> = { trigger: "", access: "7 5", destination: "2 4", reference: "" };

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Fit a text to roughly `max` characters for the node's fixed width. */
function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

export function diagramSvg(nodes: readonly SvgNode[], wires: readonly SvgWire[], theme: SvgTheme = LIGHT_THEME, title = "Flowform diagram"): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const minX = nodes.length ? Math.min(...nodes.map((n) => n.x)) : 0;
  const minY = nodes.length ? Math.min(...nodes.map((n) => n.y)) : 0;
  const maxX = nodes.length ? Math.max(...nodes.map((n) => n.x + NODE_WIDTH)) : 200;
  const maxY = nodes.length ? Math.max(...nodes.map((n) => n.y + NODE_HEIGHT)) : 100;
  const width = Math.ceil(maxX - minX + MARGIN * 2);
  const height = Math.ceil(maxY - minY + MARGIN * 2);
  const ox = MARGIN - minX;
  const oy = MARGIN - minY;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${theme.wire}"/></marker></defs>`,
    `<rect width="${width}" height="${height}" fill="${theme.background}"/>`,
  );
  const labels: string[] = [];
  for (const w of wires) {
    const a = byId.get(w.from);
    const b = byId.get(w.to);
    if (!a || !b) continue;
    const sx = a.x + ox + NODE_WIDTH;
    const sy = a.y + oy + NODE_HEIGHT / 2;
    const tx = b.x + ox;
    const ty = b.y + oy + NODE_HEIGHT / 2;
    const bend = Math.max(40, Math.abs(tx - sx) / 2);
    const lanes = w.lanes ?? 1;
    const bulge = lanes > 1 ? ((w.lane ?? 0) - (lanes - 1) / 2) * 30 * 1.35 : 0;
    const d = `M${sx} ${sy} C${sx + bend} ${sy + bulge} ${tx - bend} ${ty + bulge} ${tx} ${ty}`;
    const isRef = w.kind === "reference";
    out.push(
      `<path class="wire" d="${d}" fill="none" stroke="${isRef ? theme.referenceWire : theme.wire}" stroke-width="${isRef ? 1 : 1.8}"` +
        (dash[w.kind] ? ` stroke-dasharray="${dash[w.kind]}"` : "") +
        (isRef ? "" : ` marker-end="url(#arrow)"`) +
        `><title>${escapeXml(`${w.kind}: ${w.from} → ${w.to}${w.label ? ` (${w.label})` : ""}`)}</title></path>`,
    );
    // Reference wires are many and their labels ("Ref", "GetAtt Arn") say little: drawn without.
    if (w.label && !isRef) {
      const lx = (sx + tx) / 2;
      const ly = (sy + ty) / 2 + bulge * 0.75;
      const text = clip(w.label, 28);
      const lw = text.length * 6.4 + 12;
      labels.push(
        `<g><rect x="${lx - lw / 2}" y="${ly - 10}" width="${lw}" height="20" rx="10" fill="${theme.background}" stroke="${theme.nodeStroke}"/>` +
          `<text x="${lx}" y="${ly + 4}" text-anchor="middle" font-size="11" fill="${theme.mutedText}">${escapeXml(text)}</text></g>`,
      );
    }
  }
  for (const n of nodes) {
    const x = n.x + ox;
    const y = n.y + oy;
    out.push(
      `<g><title>${escapeXml(`${n.kindLabel} ${n.id}`)}</title>` +
        `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="10" fill="${theme.nodeFill}" stroke="${theme.nodeStroke}" stroke-width="1.2"/>` +
        iconSvgMarkup(n.icon, n.category, x + 14, y + (NODE_HEIGHT - 34) / 2, 34) +
        `<text x="${x + 60}" y="${y + 28}" font-size="13" font-weight="600" fill="${theme.text}">${escapeXml(clip(n.id, 22))}</text>` +
        `<text x="${x + 60}" y="${y + 46}" font-size="11" fill="${theme.mutedText}">${escapeXml(clip(n.kindLabel, 26))}</text></g>`,
    );
  }
  out.push(...labels, `</svg>`);
  return out.join("\n");
}
