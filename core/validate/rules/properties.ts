/**
 * CloudFormation resource types and their properties against @aws-cdk/aws-service-spec:
 * unknown type, unknown property, wrong shape (string vs list vs object), missing required
 * property, value outside the allowed values. Intrinsic functions are accepted wherever
 * CloudFormation resolves them to a value; both branches of `Fn::If` are checked.
 */
import type { Problem } from "../../model/types";
import type { PropertySpec, Shape } from "../../spec/types";
import { describeShape, isSamType, isThirdPartyType, propertiesOf } from "../../spec/lookup";
import { problemAt, raw, located, where, type RawProblem, type TemplatePath, type ValidationContext } from "../context";
import { intrinsicName, isPlainObject } from "../intrinsics";
import { closest } from "../suggest";

/** Types CloudFormation accepts that have no entry in the spec: custom resources and the like. */
const ACCEPTED_WITHOUT_SPEC = new Set(["AWS::CloudFormation::CustomResource", "AWS::CDK::Metadata"]);

export function checkResourceType(ctx: ValidationContext, id: string): Problem[] {
  const type = ctx.resourceTypes.get(id);
  if (!type) return [];
  if (isSamType(type)) {
    if (ctx.spec.sam && !ctx.spec.sam.resources[type]) {
      return [problemAt(ctx, "error", "sam/unknown-type", ["Resources", id, "Type"], `${id}: unknown SAM resource type ${type}`)];
    }
    return [];
  }
  if (isThirdPartyType(type) || ACCEPTED_WITHOUT_SPEC.has(type) || ctx.spec.cfn.resources[type]) return [];
  const hint = closest(type, Object.keys(ctx.spec.cfn.resources));
  return [
    problemAt(ctx, "error", "cfn/unknown-type", ["Resources", id, "Type"], `${id}: unknown resource type ${type}${hint ? `; did you mean ${hint}?` : ""}`),
  ];
}

function numeric(value: unknown): boolean {
  return typeof value === "number" || (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)));
}

/** A value a YAML/JSON parser gives for an unquoted timestamp-like scalar. */
function isDate(value: unknown): boolean {
  return value instanceof Date;
}

function kindOf(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && !isDate(value)) return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "a boolean";
  return typeof value;
}

class ShapeChecker {
  constructor(private readonly ctx: ValidationContext, private readonly typeName: string) {}

  /** Problems for `value` against `shape` at `path`. */
  check(value: unknown, shape: Shape, path: TemplatePath, out: RawProblem[], enumValues?: string[]): void {
    if (value === null || value === undefined) {
      out.push(raw("error", "cfn/null-value", path, `${where(path)} has no value; CloudFormation rejects null values (remove the key or give it a value)`));
      return;
    }
    const fn = intrinsicName(value);
    if (fn) {
      const produces = this.produces(value as Record<string, unknown>, fn);
      if (produces !== "unknown" && !this.accepts(shape, produces)) {
        out.push(raw("error", "cfn/wrong-type", path, `${where(path)} must be ${describeShape(shape)}, but ${fn === "Ref" ? `Ref ${String((value as Record<string, unknown>).Ref)}` : fn} gives ${produces === "list" ? "a list" : "a string"}`));
        return;
      }
      if (fn === "Fn::If") {
        const args = (value as Record<string, unknown>)[fn];
        if (Array.isArray(args) && args.length === 3) {
          for (const i of [1, 2]) {
            const branch = args[i];
            if (isPlainObject(branch) && branch.Ref === "AWS::NoValue") continue;
            this.check(branch, shape, [...path, "Fn::If", i], out, enumValues);
          }
        }
      }
      return;
    }
    if (typeof shape === "string") {
      this.checkPrimitive(value, shape, path, out, enumValues);
      return;
    }
    if ("l" in shape) {
      if (!Array.isArray(value)) {
        out.push(this.wrongType(path, shape, value));
        return;
      }
      value.forEach((item, i) => this.check(item, shape.l, [...path, i], out, enumValues));
      return;
    }
    if ("m" in shape) {
      if (!isPlainObject(value) || isDate(value)) {
        out.push(this.wrongType(path, shape, value));
        return;
      }
      for (const [k, v] of Object.entries(value)) this.check(v, shape.m, [...path, k], out);
      return;
    }
    if ("r" in shape) {
      if (!isPlainObject(value) || isDate(value)) {
        out.push(this.wrongType(path, shape, value));
        return;
      }
      const props = propertiesOf(this.ctx.spec, shape.r);
      // A nested type with no listed properties is free-form in the spec.
      if (props && Object.keys(props).length > 0) this.checkProperties(value, props, path, out, shape.r);
      return;
    }
    // A union: fine when any member fits; otherwise report the member that matches the value's kind.
    for (const member of shape.u) {
      const trial: RawProblem[] = [];
      this.check(value, member, path, trial, enumValues);
      if (trial.length === 0) return;
    }
    const kindMember = shape.u.find((m) => this.kindMatches(value, m));
    if (kindMember) {
      this.check(value, kindMember, path, out, enumValues);
      return;
    }
    out.push(this.wrongType(path, shape, value));
  }

  /**
   * What an intrinsic function evaluates to, when that is certain: `Ref` of a list parameter,
   * `Fn::GetAZs`, `Fn::Split` and `Fn::Cidr` give lists; `Ref` of a scalar parameter or a
   * resource, `Fn::Join`, `Fn::Sub` and `Fn::Base64` give strings.
   */
  private produces(value: Record<string, unknown>, fn: string): "string" | "list" | "unknown" {
    switch (fn) {
      case "Ref": {
        const target = value.Ref;
        if (typeof target !== "string" || target === "AWS::NoValue") return "unknown";
        if (target === "AWS::NotificationARNs") return "list";
        if (target.startsWith("AWS::")) return "string";
        const params = this.ctx.template.Parameters as Record<string, { Type?: unknown }> | undefined;
        const param = params?.[target];
        if (param && typeof param.Type === "string") {
          return /^(CommaDelimitedList|List<.*>|AWS::SSM::Parameter::Value<(List<.*>|CommaDelimitedList)>)$/.test(param.Type) ? "list" : "string";
        }
        return this.ctx.resourceTypes.has(target) ? "string" : "unknown";
      }
      case "Fn::GetAZs":
      case "Fn::Split":
      case "Fn::Cidr":
        return "list";
      case "Fn::Join":
      case "Fn::Sub":
      case "Fn::Base64":
        return "string";
      default:
        return "unknown";
    }
  }

  /** Whether a value of the given kind can fill the shape. */
  private accepts(shape: Shape, kind: "string" | "list"): boolean {
    if (typeof shape === "string") {
      if (shape === "json") return true;
      if (shape === "tag") return false;
      return kind === "string";
    }
    if ("l" in shape) return kind === "list";
    if ("m" in shape || "r" in shape) return false;
    return shape.u.some((m) => this.accepts(m, kind));
  }

  private kindMatches(value: unknown, shape: Shape): boolean {
    if (typeof shape === "string") {
      if (shape === "json") return true;
      if (shape === "tag") return isPlainObject(value);
      return !Array.isArray(value) && !isPlainObject(value);
    }
    if ("l" in shape) return Array.isArray(value);
    if ("m" in shape || "r" in shape) return isPlainObject(value);
    return shape.u.some((m) => this.kindMatches(value, m));
  }

  private wrongType(path: TemplatePath, shape: Shape, value: unknown): RawProblem {
    return raw("error", "cfn/wrong-type", path, `${where(path)} must be ${describeShape(shape)}, not ${kindOf(value)}`);
  }

  private checkPrimitive(value: unknown, shape: Shape & string, path: TemplatePath, out: RawProblem[], enumValues?: string[]): void {
    const scalar = !Array.isArray(value) && (!isPlainObject(value) || isDate(value));
    switch (shape) {
      case "json":
        // A JSON property is a document (an object, or its text); never a list.
        if (Array.isArray(value)) out.push(this.wrongType(path, shape, value));
        return;
      case "tag":
        if (!isPlainObject(value)) out.push(this.wrongType(path, shape, value));
        else {
          for (const k of ["Key", "Value"]) {
            if (!(k in value)) out.push(raw("error", "cfn/required-property", path, `${where(path)} is a tag and needs ${k}`));
          }
        }
        return;
      case "integer":
      case "number":
        if (!numeric(value)) {
          out.push(raw("error", "cfn/wrong-type", path, `${where(path)} must be ${describeShape(shape)}, not ${kindOf(value)}${typeof value === "string" ? ` "${value}"` : ""}`));
        }
        return;
      case "boolean":
        if (typeof value === "boolean") return;
        if (typeof value === "string" && /^(true|false)$/i.test(value)) return;
        out.push(raw("error", "cfn/wrong-type", path, `${where(path)} must be true or false, not ${kindOf(value)}${scalar ? ` ${JSON.stringify(value)}` : ""}`));
        return;
      default:
        if (!scalar) {
          out.push(this.wrongType(path, shape, value));
          return;
        }
        if (enumValues && typeof value === "string" && !enumValues.includes(value)) {
          // Case differences are common and some services accept them; only a value that matches
          // no allowed value even ignoring case is reported.
          if (!enumValues.some((e) => e.toLowerCase() === value.toLowerCase())) {
            const shown = enumValues.length > 12 ? `${enumValues.slice(0, 12).join(", ")}, …` : enumValues.join(", ");
            out.push(raw("error", "cfn/allowed-values", path, `${where(path)} is "${value}", which is not one of: ${shown}`));
          }
        }
    }
  }

  checkProperties(value: Record<string, unknown>, props: Record<string, PropertySpec>, path: TemplatePath, out: RawProblem[], ownerName: string, skip: readonly string[] = []): void {
    for (const [key, v] of Object.entries(value)) {
      if (skip.includes(key)) continue;
      const prop = props[key];
      if (!prop) {
        if (key === "Fn::Transform" || key.startsWith("Fn::ForEach")) continue;
        if (intrinsicName({ [key]: v }) === "Fn::If" && Object.keys(value).length === 1) continue;
        const hint = closest(key, Object.keys(props));
        out.push(
          raw("error", "cfn/unknown-property", [...path, key], `${where([...path, key])}: ${key} is not a property of ${ownerName}${hint ? `; did you mean ${hint}?` : ""}`),
        );
        continue;
      }
      this.check(v, prop.t, [...path, key], out, prop.enum);
    }
    if (Object.keys(value).some((k) => k === "Fn::Transform")) return;
    for (const [key, prop] of Object.entries(props)) {
      if (prop.req && !(key in value)) {
        out.push(raw("error", "cfn/required-property", path, `${where(path)}: required property ${key} (${describeShape(prop.t)}) is missing from ${ownerName}`));
      }
    }
  }
}

/**
 * Properties that may hold a local path before `aws cloudformation package` / `sam build`
 * uploads it and writes the S3 location (AWS CLI reference, "cloudformation package",
 * read 2026-11-23). A plain string there is not a type error.
 */
const PACKAGEABLE: Readonly<Record<string, readonly string[]>> = {
  "AWS::Lambda::Function": ["Code"],
  "AWS::Lambda::LayerVersion": ["Content"],
  "AWS::ApiGateway::RestApi": ["BodyS3Location"],
  "AWS::ApiGatewayV2::Api": ["BodyS3Location"],
  "AWS::AppSync::GraphQLSchema": ["DefinitionS3Location"],
  "AWS::AppSync::Resolver": ["RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location", "CodeS3Location"],
  "AWS::AppSync::FunctionConfiguration": ["RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location", "CodeS3Location"],
  "AWS::CloudFormation::Stack": ["TemplateURL"],
  "AWS::CloudFormation::ModuleVersion": ["ModulePackage"],
  "AWS::CloudFormation::ResourceVersion": ["SchemaHandlerPackage"],
  "AWS::ElasticBeanstalk::ApplicationVersion": ["SourceBundle"],
  "AWS::Glue::Job": ["Command"],
  "AWS::StepFunctions::StateMachine": ["DefinitionS3Location"],
  "AWS::CodeCommit::Repository": ["Code"],
  "AWS::ECR::Repository": [],
};

/** Properties of one resource against its CloudFormation type. */
export function checkResourceProperties(ctx: ValidationContext, id: string): Problem[] {
  const type = ctx.resourceTypes.get(id);
  if (!type || isSamType(type)) return [];
  const spec = ctx.spec.cfn.resources[type];
  if (!spec) return [];
  const res = (ctx.template.Resources as Record<string, unknown>)[id] as Record<string, unknown>;
  const out: RawProblem[] = [];
  const base: TemplatePath = ["Resources", id, "Properties"];
  const props = res.Properties;
  const checker = new ShapeChecker(ctx, type);
  if (props === undefined) {
    const required = Object.entries(spec.p).filter(([, p]) => p.req).map(([k]) => k);
    if (required.length > 0) {
      out.push(raw("error", "cfn/required-property", ["Resources", id], `${id} (${type}) needs Properties with ${required.join(", ")}`));
    }
    return located(ctx, out);
  }
  if (intrinsicName(props)) return located(ctx, out);
  if (!isPlainObject(props)) return located(ctx, out);
  if (type === "AWS::CloudFormation::CustomResource") {
    // A custom resource takes whatever properties its provider reads; only ServiceToken is CloudFormation's.
    if (!("ServiceToken" in props)) out.push(raw("error", "cfn/required-property", base, `${id}.Properties: required property ServiceToken is missing from ${type}`));
    return located(ctx, out);
  }
  const packageable = PACKAGEABLE[type] ?? [];
  const localPaths = Object.keys(props).filter((k) => packageable.includes(k) && typeof props[k] === "string");
  checker.checkProperties(props, spec.p, base, out, type, localPaths);
  return located(ctx, out);
}
