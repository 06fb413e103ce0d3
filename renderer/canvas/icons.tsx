/**
 * Resource icons, drawn here and bundled (Flowform fetches nothing at run time). One simple
 * 24×24 line drawing per catalog icon id; the tile colour comes from the card's category so a
 * diagram reads at a glance (API purple, compute orange, storage green, database blue, …).
 */
import { memo } from "react";
import type { Category } from "../../core/model/types";

/** Tile colours per category (light and dark both readable with a white glyph). */
export const categoryColor: Record<Category, string> = {
  api: "#8c4fff",
  compute: "#e07b00",
  storage: "#3f8624",
  database: "#2e73b8",
  messaging: "#d6246e",
  integration: "#c7254e",
  orchestration: "#b0084d",
  security: "#d13212",
  monitoring: "#6b7a8f",
  other: "#5a6b7b",
};

export interface ResourceIconProps {
  icon: string;
  category?: Category;
  size?: number;
}

/** A coloured tile with the kind's glyph. Decorative: the node or card carries the accessible name. */
export const ResourceIcon = memo(function ResourceIcon({ icon, category = "other", size = 32 }: ResourceIconProps) {
  const glyph = glyphFor(icon);
  return (
    <svg
      className="ff-icon"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="6" fill={categoryColor[category] ?? categoryColor.other} />
      <g
        transform="translate(4 4)"
        fill="none"
        stroke="#fff"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
        // Static drawings defined in this file, never user input.
        dangerouslySetInnerHTML={{ __html: glyph }}
      />
    </svg>
  );
});

/** The raw SVG markup of an icon, for the exported diagram (no React at export time). */
export function iconSvgMarkup(icon: string, category: Category | undefined, x: number, y: number, size: number): string {
  const inner = glyphFor(icon);
  const s = size / 32;
  return (
    `<g transform="translate(${x} ${y}) scale(${s})">` +
    `<rect width="32" height="32" rx="6" fill="${categoryColor[category ?? "other"] ?? categoryColor.other}"/>` +
    `<g transform="translate(4 4)" fill="none" stroke="#fff" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${inner}</g>` +
    `</g>`
  );
}

// One drawing per catalog icon id, as SVG markup so the canvas and the exported diagram share it.
export const iconInnerMarkup: Record<string, string> = {
  function: `<path d="M6 20 L11 10 M8.5 4 H10 L17 20 H19"/>`,
  "http-api": `<path d="M4 12 H20 M8 8 L4 12 L8 16 M16 8 L20 12 L16 16"/>`,
  "rest-api": `<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M7 10 H17 M7 14 H13"/>`,
  bucket: `<path d="M4 6 C4 4 20 4 20 6 L18 19 C18 21 6 21 6 19 Z M4 6 C4 8 20 8 20 6"/>`,
  table: `<ellipse cx="12" cy="6" rx="7" ry="2.5"/><path d="M5 6 V18 C5 19.5 19 19.5 19 18 V6 M5 12 C5 13.5 19 13.5 19 12"/>`,
  queue: `<rect x="3" y="8" width="18" height="8" rx="1.5"/><path d="M8 8 V16 M13 8 V16 M17 10 L19 12 L17 14"/>`,
  topic: `<circle cx="6" cy="12" r="2.5"/><path d="M8.5 12 H12 M12 12 L17 6 M12 12 H17 M12 12 L17 18"/><circle cx="19" cy="6" r="1.5"/><circle cx="19" cy="12" r="1.5"/><circle cx="19" cy="18" r="1.5"/>`,
  "event-bus": `<path d="M3 12 H21"/><path d="M7 12 V7 M12 12 V17 M17 12 V7"/><circle cx="7" cy="6" r="1.5"/><circle cx="12" cy="18" r="1.5"/><circle cx="17" cy="6" r="1.5"/>`,
  "event-rule": `<path d="M4 6 H20 L14 13 V19 L10 17 V13 Z"/>`,
  schedule: `<circle cx="12" cy="12" r="8"/><path d="M12 7 V12 L15.5 14"/>`,
  stream: `<path d="M3 8 C7 5 9 11 13 8 S19 5 21 8 M3 13 C7 10 9 16 13 13 S19 10 21 13 M3 18 C7 15 9 21 13 18 S19 15 21 18"/>`,
  "state-machine": `<rect x="3" y="3" width="7" height="5" rx="1"/><rect x="14" y="10" width="7" height="5" rx="1"/><rect x="3" y="16" width="7" height="5" rx="1"/><path d="M10 5.5 H17.5 V10 M17.5 15 V18.5 H10"/>`,
  "user-pool": `<circle cx="9" cy="8" r="3"/><path d="M3 19 C3 14 15 14 15 19"/><circle cx="17" cy="9" r="2.2"/><path d="M15.5 14 C18 13.5 21 14.5 21 18"/>`,
  layer: `<path d="M12 4 L21 8.5 L12 13 L3 8.5 Z"/><path d="M3 12.5 L12 17 L21 12.5 M3 16 L12 20.5 L21 16"/>`,
  generic: `<path d="M12 3 L20 7.5 V16.5 L12 21 L4 16.5 V7.5 Z"/><path d="M4 7.5 L12 12 L20 7.5 M12 12 V21"/>`,
};

export const ICON_IDS = Object.keys(iconInnerMarkup);

/** The catalog names its icons after the AWS services; each maps to one drawing above. */
const catalogIconNames: Record<string, string> = {
  "aws-lambda": "function",
  "aws-api-gateway-http": "http-api",
  "aws-api-gateway-rest": "rest-api",
  "aws-s3": "bucket",
  "aws-dynamodb": "table",
  "aws-sqs": "queue",
  "aws-sns": "topic",
  "aws-eventbridge-bus": "event-bus",
  "aws-eventbridge-rule": "event-rule",
  "aws-eventbridge-scheduler": "schedule",
  "aws-kinesis": "stream",
  "aws-step-functions": "state-machine",
  "aws-cognito": "user-pool",
  "aws-lambda-layer": "layer",
  "aws-generic": "generic",
};

/** The drawing for an icon id (a drawing id, a catalog icon name, or a kind id). */
export function glyphFor(icon: string): string {
  return iconInnerMarkup[icon] ?? iconInnerMarkup[catalogIconNames[icon] ?? ""] ?? iconInnerMarkup.generic;
}
