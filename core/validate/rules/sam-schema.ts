/**
 * AWS::Serverless::* resources and the Globals section against the SAM JSON schema
 * (aws/serverless-application-model, schema_source/sam.schema.json, Apache-2.0; reduced at build
 * time into resources/spec/sam.json). A small validator for the subset the schema uses: type,
 * properties, additionalProperties, required, enum, items, anyOf, allOf, $ref. Intrinsic
 * functions are accepted for any value, as SAM resolves or passes them through.
 *
 * The schema is stricter than the SAM translator about value types (the translator still takes,
 * e.g., `EndpointConfiguration: REGIONAL` as a string), so a wrong type is a warning; an unknown
 * or missing property is an error, as the translator rejects those.
 */
import type { Problem } from "../../model/types";
import type { JsonSchema, SamSpec } from "../../spec/types";
import { raw, located, where, type RawProblem, type TemplatePath, type ValidationContext } from "../context";
import { intrinsicName, isPlainObject } from "../intrinsics";
import { closest } from "../suggest";

function resolve(sam: SamSpec, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; i < 20 && s.$ref; i++) s = sam.definitions[s.$ref.replace("#/definitions/", "")] ?? {};
  return s;
}

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return isPlainObject(value) && !(value instanceof Date);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string" || value instanceof Date;
    case "integer":
      return Number.isInteger(value) || (typeof value === "string" && /^-?\d+$/.test(value));
    case "number":
      return typeof value === "number" || (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)));
    case "boolean":
      return typeof value === "boolean" || (typeof value === "string" && /^(true|false)$/i.test(value));
    case "null":
      return value === null;
    default:
      return true;
  }
}

const TYPE_WORDS: Record<string, string> = {
  object: "an object",
  array: "a list",
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
};

class SamChecker {
  constructor(private readonly ctx: ValidationContext, private readonly sam: SamSpec) {}

  check(value: unknown, schema: JsonSchema, path: TemplatePath, out: RawProblem[]): void {
    const s = resolve(this.sam, schema);
    if (intrinsicName(value)) return;
    if (s.allOf) for (const part of s.allOf) this.check(value, part, path, out);
    if (s.anyOf) {
      this.checkAnyOf(value, s.anyOf, path, out);
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => typeMatches(value, t))) {
        out.push(
          raw("warning", "sam/wrong-type", path, `${where(path)} must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(" or ")}`),
        );
        return;
      }
    }
    if (s.enum && !s.enum.some((e) => e === value)) {
      out.push(raw("error", "sam/allowed-values", path, `${where(path)} is ${JSON.stringify(value)}, which is not one of: ${s.enum.map((e) => String(e)).join(", ")}`));
      return;
    }
    if (Array.isArray(value) && s.items) value.forEach((item, i) => this.check(item, s.items!, [...path, i], out));
    if (isPlainObject(value) && (s.properties || s.additionalProperties !== undefined || s.required)) {
      const props = s.properties ?? {};
      for (const [key, v] of Object.entries(value)) {
        if (props[key]) {
          this.check(v, props[key], [...path, key], out);
        } else if (s.additionalProperties === false) {
          if (key === "Fn::Transform") continue;
          const hint = closest(key, Object.keys(props));
          out.push(
            raw("error", "sam/unknown-property", [...path, key], `${where([...path, key])}: ${key} is not a valid property here${hint ? `; did you mean ${hint}?` : ""}`),
          );
        } else if (isPlainObject(s.additionalProperties)) {
          this.check(v, s.additionalProperties, [...path, key], out);
        }
      }
      for (const key of s.required ?? []) {
        if (!(key in value)) out.push(raw("error", "sam/required-property", path, `${where(path)}: required property ${key} is missing`));
      }
    }
  }

  /**
   * anyOf: fine when one branch fits. Otherwise report the branch the author most likely meant —
   * the one whose `Type` discriminator matches (event sources), else the one with fewest problems.
   */
  private checkAnyOf(value: unknown, branches: JsonSchema[], path: TemplatePath, out: RawProblem[]): void {
    let best: RawProblem[] | undefined;
    for (const branch of branches) {
      const trial: RawProblem[] = [];
      this.check(value, branch, path, trial);
      if (trial.length === 0) return;
      const resolved = resolve(this.sam, branch);
      const discriminator = resolved.properties?.Type ? resolve(this.sam, resolved.properties.Type).enum : undefined;
      if (isPlainObject(value) && discriminator && discriminator.includes(value.Type)) {
        out.push(...trial);
        return;
      }
      if (!best || trial.length < best.length) best = trial;
    }
    if (isPlainObject(value) && typeof value.Type === "string") {
      const types = branches
        .map((b) => resolve(this.sam, b).properties?.Type)
        .flatMap((t) => (t ? (resolve(this.sam, t).enum ?? []) : []))
        .map(String);
      if (types.length > 0) {
        const hint = closest(value.Type, types);
        out.push(raw("error", "sam/unknown-event-type", [...path, "Type"], `${where(path)}: ${value.Type} is not a valid Type here${hint ? `; did you mean ${hint}?` : ""}`));
        return;
      }
    }
    if (best) out.push(...best);
  }
}

/** One AWS::Serverless::* resource's Properties against the SAM schema. */
export function checkSamResource(ctx: ValidationContext, id: string): Problem[] {
  const sam = ctx.spec.sam;
  const type = ctx.resourceTypes.get(id);
  if (!sam || !type || !type.startsWith("AWS::Serverless::")) return [];
  const schema = sam.resources[type];
  if (!schema) return [];
  const res = (ctx.template.Resources as Record<string, unknown>)[id] as Record<string, unknown>;
  const props = res.Properties ?? {};
  const out: RawProblem[] = [];
  new SamChecker(ctx, sam).check(props, schema, ["Resources", id, "Properties"], out);
  return located(ctx, out);
}

/** The SAM Globals section against the schema. */
export function checkSamGlobals(ctx: ValidationContext): Problem[] {
  const sam = ctx.spec.sam;
  if (!sam || !ctx.isSam || !("Globals" in ctx.template)) return [];
  const out: RawProblem[] = [];
  new SamChecker(ctx, sam).check(ctx.template.Globals, sam.globals, ["Globals"], out);
  return located(ctx, out);
}
