/**
 * Validation of CloudFormation and SAM templates against the resource specification.
 *
 * `validateTemplate` checks a whole template; `validateResource` checks one resource against a
 * context built once (`createValidationContext`), so the editor can revalidate only what changed.
 * Rules live one per file in ./rules. Parse problems come from core/template/parse, not here.
 */
import type { Problem } from "../model/types";
import type { Spec } from "../spec/types";
import { createValidationContext, type ValidationContext, type ValidationInput } from "./context";
import { checkCycles } from "./rules/cycles";
import { checkIntrinsicShapes, checkSectionIntrinsicShapes } from "./rules/intrinsic-shapes";
import { checkIgnoreGlobals, checkLambdaFunction } from "./rules/lambda";
import { checkLimits } from "./rules/limits";
import { checkResourceProperties, checkResourceType } from "./rules/properties";
import { checkResourceReferences, checkSectionReferences } from "./rules/references";
import { checkSamGlobals, checkSamResource } from "./rules/sam-schema";
import { checkServiceFacts } from "./rules/service-facts";
import { checkResourceStructure, checkTemplateStructure } from "./rules/structure";

export { createValidationContext } from "./context";
export type { ValidationContext, ValidationInput, TemplatePath } from "./context";
export { collectReferences, type TemplateReference } from "./rules/references";
export { dependencyGraph, findCycles } from "./rules/cycles";
export { TEMPLATE_LIMITS } from "./rules/limits";
export { INTRINSIC_FUNCTIONS, PSEUDO_PARAMETERS, intrinsicName } from "./intrinsics";

/** Problems of one resource: structure, type, properties (CloudFormation or SAM), references. */
export function validateResource(ctx: ValidationContext, id: string): Problem[] {
  const structure = checkResourceStructure(ctx, id);
  if (structure.some((p) => p.code === "cfn/resource-shape" || p.code === "cfn/resource-type-missing")) return structure;
  const typeProblems = checkResourceType(ctx, id);
  const properties = typeProblems.length > 0 ? [] : [...checkResourceProperties(ctx, id), ...checkSamResource(ctx, id)];
  return [
    ...structure,
    ...typeProblems,
    ...properties,
    ...checkLambdaFunction(ctx, id),
    ...checkIgnoreGlobals(ctx, id),
    ...(typeProblems.length === 0 && !properties.some((p) => p.severity === "error") ? checkServiceFacts(ctx, id) : []),
    ...checkIntrinsicShapes(ctx, id),
    ...checkResourceReferences(ctx, id),
  ];
}

/** Problems that concern the template as a whole rather than one resource. */
export function validateTemplateLevel(ctx: ValidationContext): Problem[] {
  return [...checkTemplateStructure(ctx), ...checkSectionIntrinsicShapes(ctx), ...checkSectionReferences(ctx), ...checkSamGlobals(ctx), ...checkCycles(ctx), ...checkLimits(ctx)];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Every validation problem of a parsed template (or a model), sorted by line. Never throws. */
export function validateTemplate(input: ValidationInput, spec: Spec): Problem[] {
  const ctx = createValidationContext(input, spec);
  const problems: Problem[] = validateTemplateLevel(ctx);
  for (const id of ctx.resourceTypes.keys()) problems.push(...validateResource(ctx, id));
  if (ctx.macros.length > 0) {
    // A macro rewrites the template before CloudFormation checks it, so what looks wrong here may be
    // what the macro consumes: report it, but not as an error.
    for (const p of problems) {
      if (p.severity !== "error" || p.code === "cfn/limit") continue;
      p.severity = "warning";
      p.message += ` (the template uses the macro ${ctx.macros.join(", ")}, which may change this before CloudFormation sees it)`;
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
