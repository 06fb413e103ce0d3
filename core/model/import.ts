/**
 * Reading a template into the model: resources with their catalog kind, parameters, conditions,
 * mappings, outputs, Globals, the implicit resources SAM would create, and the wires between them.
 * Never throws; a file it cannot read gives located problems and `model: null`.
 */
import { kindOf } from "../catalog";
import { implicitResources, recogniseConnections } from "../connections";
import { isMap, isScalar } from "yaml";
import { keyLineAt, nodeAt, parseTemplate, positionAt, type ParsedTemplate } from "../template/parse";
import type { ImportResult, Problem, Resource, TemplateModel, TemplateOutput, TemplateParameter } from "./types";

const KNOWN_SECTIONS = new Set([
  "AWSTemplateFormatVersion",
  "Description",
  "Transform",
  "Globals",
  "Parameters",
  "Conditions",
  "Mappings",
  "Resources",
  "Outputs",
  "Metadata",
  "Rules",
]);

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** True when the Transform names the SAM transform (string or list form). */
function declaresSam(transform: unknown): boolean {
  const names = ([] as unknown[]).concat(transform ?? []);
  return names.some((t) => typeof t === "string" && t.startsWith("AWS::Serverless"));
}

/**
 * Models already built, by parse (parseTemplate reuses recent parses, so the operation, the
 * store's import and the checks of one edit all start from the same ParsedTemplate). Models are
 * treated as read-only; the problems found while building are replayed as copies.
 */
const builtModels = new WeakMap<ParsedTemplate, { model: TemplateModel; problems: Problem[] }>();

/** Build the model from an already parsed template. */
export function modelFromParsed(parsed: ParsedTemplate, problems: Problem[] = []): TemplateModel {
  const built = builtModels.get(parsed);
  if (built) {
    problems.push(...built.problems.map((p) => ({ ...p })));
    return built.model;
  }
  const before = problems.length;
  const model = buildModel(parsed, problems);
  builtModels.set(parsed, { model, problems: problems.slice(before).map((p) => ({ ...p })) });
  return model;
}

function buildModel(parsed: ParsedTemplate, problems: Problem[]): TemplateModel {
  const v = parsed.value;
  const file = parsed.file;
  const line = (path: (string | number)[]) => keyLineAt(parsed, path) ?? 1;
  // Lines of the logical IDs, read once from the Resources map (keyLineAt per resource is quadratic).
  const resourceLines = new Map<string, number>();
  const resourcesNode = nodeAt(parsed, ["Resources"]);
  if (isMap(resourcesNode)) {
    for (const pair of resourcesNode.items) {
      const key = pair.key as { value?: unknown; range?: [number, number, number] } | null;
      if (key?.range && isScalar(key)) resourceLines.set(String(key.value), positionAt(parsed, key.range[0]).line);
    }
  }
  const resources: Resource[] = [];
  const rawResources = v.Resources;
  if (rawResources === undefined) {
    problems.push({ severity: "error", code: "template/no-resources", message: "The template has no Resources section (CloudFormation requires at least one resource)", source: "parse", file, line: 1, column: 1 });
  } else if (!isRecord(rawResources)) {
    problems.push({ severity: "error", code: "template/resources-shape", message: "Resources must be a mapping of logical IDs to resources", source: "parse", file, line: line(["Resources"]), column: 1, path: ["Resources"] });
  } else {
    for (const [id, raw] of Object.entries(rawResources)) {
      const at = resourceLines.get(id) ?? line(["Resources", id]);
      if (id.startsWith("Fn::ForEach::")) {
        // Expanded by the AWS::LanguageExtensions transform at deploy time; kept verbatim.
        problems.push({
          severity: "info",
          code: "template/foreach",
          message: `${id} is a loop expanded by the AWS::LanguageExtensions transform when deploying; the resources it makes are not drawn`,
          source: "parse",
          file,
          line: at,
          column: 1,
        });
        continue;
      }
      if (!isRecord(raw) || typeof raw.Type !== "string") {
        problems.push({
          severity: "error",
          code: "template/resource-shape",
          message: isRecord(raw) ? `Resource ${id} has no Type` : `Resource ${id} must be a mapping with a Type`,
          source: "parse",
          file,
          resource: id,
          line: at,
          column: 1,
        });
        resources.push({ id, type: "Unknown", kind: "generic", properties: {}, line: at, dependsOn: [] });
        continue;
      }
      const properties = isRecord(raw.Properties) ? raw.Properties : {};
      if (raw.Properties !== undefined && raw.Properties !== null && !isRecord(raw.Properties)) {
        problems.push({ severity: "error", code: "template/properties-shape", message: `Properties of ${id} must be a mapping`, source: "parse", file, resource: id, path: ["Properties"], line: line(["Resources", id, "Properties"]), column: 1 });
      }
      const dependsOn = ([] as unknown[]).concat(raw.DependsOn ?? []).filter((d): d is string => typeof d === "string");
      resources.push({
        id,
        type: raw.Type,
        kind: kindOf(raw.Type, properties),
        properties,
        line: at,
        condition: typeof raw.Condition === "string" ? raw.Condition : undefined,
        dependsOn,
        metadata: raw.Metadata,
        ...(isRecord(raw.Connectors) ? { connectors: raw.Connectors } : {}),
      });
    }
  }

  const parameters: TemplateParameter[] = isRecord(v.Parameters)
    ? Object.entries(v.Parameters).map(([name, raw]) => {
        const p = isRecord(raw) ? raw : {};
        return {
          name,
          type: typeof p.Type === "string" ? p.Type : "String",
          default: p.Default,
          description: typeof p.Description === "string" ? p.Description : undefined,
          allowedValues: Array.isArray(p.AllowedValues) ? p.AllowedValues : undefined,
          line: line(["Parameters", name]),
        };
      })
    : [];
  const outputs: TemplateOutput[] = isRecord(v.Outputs)
    ? Object.entries(v.Outputs).map(([name, raw]) => {
        const o = isRecord(raw) ? raw : {};
        return { name, value: o.Value, description: typeof o.Description === "string" ? o.Description : undefined, line: line(["Outputs", name]) };
      })
    : [];

  const isSam = declaresSam(v.Transform) || resources.some((r) => r.type.startsWith("AWS::Serverless::"));
  const model: TemplateModel = {
    file,
    format: parsed.format,
    isSam,
    description: typeof v.Description === "string" ? v.Description : undefined,
    resources: [...resources, ...(isSam ? implicitResources(resources) : [])],
    connections: [],
    parameters,
    conditions: isRecord(v.Conditions) ? Object.keys(v.Conditions) : [],
    mappings: isRecord(v.Mappings) ? Object.keys(v.Mappings) : [],
    outputs,
    globals: isRecord(v.Globals) ? v.Globals : undefined,
    otherSections: Object.keys(v).filter((k) => !KNOWN_SECTIONS.has(k)),
  };
  model.connections = recogniseConnections(model);
  return model;
}

/** Read a template (YAML or JSON, SAM or CloudFormation). Never throws. */
export function importTemplate(text: string, file?: string): ImportResult {
  const { parsed, problems } = parseTemplate(text, file);
  if (!parsed) return { model: null, problems };
  try {
    const model = modelFromParsed(parsed, problems);
    return { model, problems };
  } catch (err) {
    // A shape no rule expected must not take the app down: report it where the file starts.
    problems.push({ severity: "error", code: "template/unreadable", message: `Flowform could not read this template: ${(err as Error).message}`, source: "parse", file, line: 1, column: 1 });
    return { model: null, problems };
  }
}
