/**
 * Test support: a TemplateModel from a small SAM snippet, with the trigger/access connections a
 * test names explicitly. (Tests that need the full import use core's importTemplate.)
 */
import { parseTemplate } from "../../template/parse";
import type { Connection, Resource, TemplateModel } from "../../model/types";

export function modelFrom(yaml: string, connections: Partial<Connection>[] = []): TemplateModel {
  const { parsed, problems } = parseTemplate(yaml, "template.yaml");
  if (!parsed) throw new Error(problems.map((p) => p.message).join("; "));
  const value = parsed.value;
  const resources: Resource[] = Object.entries((value.Resources ?? {}) as Record<string, Record<string, unknown>>).map(([id, r]) => ({
    id,
    type: String(r.Type),
    kind: String(r.Type) === "AWS::Serverless::Function" ? "function" : "generic",
    properties: (r.Properties ?? {}) as Record<string, unknown>,
    line: 1,
    dependsOn: [],
  }));
  return {
    format: "yaml",
    isSam: true,
    resources,
    connections: connections.map((c, i) => ({
      id: c.id ?? `c${i}`,
      kind: c.kind ?? "access",
      from: c.from ?? "",
      to: c.to ?? "",
      rule: c.rule ?? "test",
      label: c.label ?? "",
      settings: c.settings ?? {},
      summary: "",
      why: "",
      writes: c.writes ?? [],
    })),
    parameters: Object.entries((value.Parameters ?? {}) as Record<string, Record<string, unknown>>).map(([name, p]) => ({ name, type: String(p.Type), default: p.Default, line: 1 })),
    conditions: [],
    mappings: [],
    outputs: [],
    globals: value.Globals as Record<string, unknown> | undefined,
    otherSections: [],
  };
}
