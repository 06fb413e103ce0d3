/**
 * What the export writes: the template in the project's own SAM form (YAML byte for byte, or
 * JSON), plain CloudFormation (SAM transformed locally by core/transform), and the diagram.
 */
import { exportTemplate } from "../../core";
import { cardFor } from "../../core/catalog";
import type { TemplateModel } from "../../core/model/types";
import type { ResourceNode, WireEdge } from "../canvas/diagram";
import { diagramSvg, DARK_THEME, LIGHT_THEME, type SvgNode, type SvgWire } from "./diagram-svg";

export type ExportFormat = "sam-yaml" | "sam-json" | "cfn-yaml" | "cfn-json" | "svg" | "png";

export interface ExportChoice {
  format: ExportFormat;
  label: string;
  extension: string;
  mime: string;
}

export const EXPORT_CHOICES: readonly ExportChoice[] = [
  { format: "sam-yaml", label: "SAM template (YAML)", extension: "yaml", mime: "application/yaml" },
  { format: "sam-json", label: "SAM template (JSON)", extension: "json", mime: "application/json" },
  { format: "cfn-yaml", label: "CloudFormation template (YAML)", extension: "cfn.yaml", mime: "application/yaml" },
  { format: "cfn-json", label: "CloudFormation template (JSON)", extension: "cfn.json", mime: "application/json" },
  { format: "svg", label: "Diagram (SVG)", extension: "svg", mime: "image/svg+xml" },
  { format: "png", label: "Diagram (PNG)", extension: "png", mime: "image/png" },
];

export interface ExportedText {
  text: string;
  /** Parts core could not transform locally (they still need the SAM transform to deploy). */
  unsupported: string[];
}

/** The template in the chosen form (core/transform's exportTemplate). */
export function exportTemplateText(format: Exclude<ExportFormat, "svg" | "png">, text: string, file?: string): ExportedText {
  const result = exportTemplate(text, { format: format.startsWith("cfn") ? "cfn" : "sam", as: format.endsWith("json") ? "json" : "yaml", file });
  if (result.text === null) {
    const first = result.problems.find((p) => p.severity === "error") ?? result.problems[0];
    throw new Error(`The template cannot be exported: ${first ? `${first.line ? `line ${first.line}: ` : ""}${first.message}` : "it does not parse"}.`);
  }
  return { text: result.text, unsupported: result.unsupported };
}

/** The diagram's nodes and wires as the SVG drawer wants them. */
export function diagramParts(model: TemplateModel, nodes: readonly ResourceNode[], edges: readonly WireEdge[]): { nodes: SvgNode[]; wires: SvgWire[] } {
  const index = new Map(model.resources.map((r) => [r.id, r]));
  const svgNodes: SvgNode[] = [];
  for (const n of nodes) {
    const r = index.get(n.id);
    if (!r) continue;
    const card = cardFor(r.kind);
    svgNodes.push({ id: r.id, x: n.position.x, y: n.position.y, kindLabel: r.kind === "generic" ? r.type.replace(/^AWS::/, "") : card.label, icon: card.icon, category: card.category });
  }
  const wires = edges.map((e) => ({ from: e.source, to: e.target, kind: e.data?.kind ?? "reference", label: e.data?.label ?? "", lane: e.data?.lane, lanes: e.data?.lanes }));
  return { nodes: svgNodes, wires };
}

export function exportDiagramSvg(model: TemplateModel, nodes: readonly ResourceNode[], edges: readonly WireEdge[], dark = false): string {
  const parts = diagramParts(model, nodes, edges);
  return diagramSvg(parts.nodes, parts.wires, dark ? DARK_THEME : LIGHT_THEME, model.description ?? "Flowform diagram");
}

/** PNG from the SVG, drawn at twice the size for sharp text on high-density screens. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("The diagram could not be drawn as an image."));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(image.width * scale);
    canvas.height = Math.ceil(image.height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("No 2D canvas available.");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed."))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Save a file through the browser's download (the web host) or Electron's save dialog. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
