/**
 * The environment a function gets when it is tested locally: its template variables with every
 * reference replaced by a readable placeholder ("<OrdersTable name>"), plus the variables the
 * Lambda runtime defines. Never any AWS credentials: local invoke must not touch a real account.
 */
import type { TemplateModel } from "../model/types";
import { functionEnvironment, functionRunSettings, refValueOf } from "./wiring";

export interface PlaceholderContext {
  region: string;
  accountId: string;
  stackName: string;
}

const DEFAULT_CONTEXT: PlaceholderContext = { region: "us-east-1", accountId: "123456789012", stackName: "local-stack" };

/** A readable stand-in for a template value, resolving what can be resolved without AWS. */
export function placeholderValue(model: TemplateModel, value: unknown, ctx: PlaceholderContext = DEFAULT_CONTEXT): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((v) => placeholderValue(model, v, ctx)).join(",");
  const obj = value as Record<string, unknown>;
  const ref = (name: string, attribute?: string): string => {
    switch (name) {
      case "AWS::Region": return ctx.region;
      case "AWS::AccountId": return ctx.accountId;
      case "AWS::StackName": return ctx.stackName;
      case "AWS::Partition": return "aws";
      case "AWS::URLSuffix": return "amazonaws.com";
      case "AWS::NoValue": return "";
    }
    const parameter = model.parameters.find((p) => p.name === name);
    if (parameter && !attribute) return parameter.default !== undefined ? placeholderValue(model, parameter.default, ctx) : `<${name} parameter>`;
    const resource = model.resources.find((r) => r.id === name);
    if (attribute) return `<${name} ${attribute === "Arn" ? "ARN" : attribute}>`;
    return `<${name} ${resource ? refValueOf(resource.type) : "value"}>`;
  };
  if (typeof obj.Ref === "string") return ref(obj.Ref);
  const getAtt = obj["Fn::GetAtt"];
  if (Array.isArray(getAtt)) return ref(String(getAtt[0]), String(getAtt[1]));
  if (typeof getAtt === "string") {
    const [id, ...attr] = getAtt.split(".");
    return ref(id, attr.join("."));
  }
  const sub = obj["Fn::Sub"];
  if (sub !== undefined) {
    const [text, vars] = Array.isArray(sub) ? [String(sub[0]), (sub[1] ?? {}) as Record<string, unknown>] : [String(sub), {}];
    return text.replace(/\$\{([^!}][^}]*)\}/g, (_m, expr: string) => {
      const key = expr.trim();
      if (key in vars) return placeholderValue(model, vars[key], ctx);
      const [id, ...attr] = key.split(".");
      return ref(id, attr.length ? attr.join(".") : undefined);
    }).replace(/\$\{!/g, "${");
  }
  const join = obj["Fn::Join"];
  if (Array.isArray(join) && Array.isArray(join[1])) return join[1].map((v) => placeholderValue(model, v, ctx)).join(String(join[0]));
  const findInMap = obj["Fn::FindInMap"];
  if (Array.isArray(findInMap)) return `<${findInMap.map((v) => placeholderValue(model, v, ctx)).join(".")} from mappings>`;
  const key = Object.keys(obj)[0];
  return key?.startsWith("Fn::") ? `<${key} value>` : JSON.stringify(value);
}

/** Variables for a local test invoke of one function. */
export function invokeEnvironment(model: TemplateModel, functionId: string, ctx: Partial<PlaceholderContext> = {}): Record<string, string> {
  const context = { ...DEFAULT_CONTEXT, ...ctx };
  const settings = functionRunSettings(model, functionId);
  const env: Record<string, string> = {
    // "Defined runtime environment variables", https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
    AWS_REGION: context.region,
    AWS_DEFAULT_REGION: context.region,
    AWS_LAMBDA_FUNCTION_NAME: functionId,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(settings.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionId}`,
    AWS_LAMBDA_LOG_STREAM_NAME: "local",
    AWS_EXECUTION_ENV: settings.runtime ? `AWS_Lambda_${settings.runtime}` : "AWS_Lambda_local",
    TZ: ":UTC",
  };
  const fn = model.resources.find((r) => r.id === functionId);
  if (fn) for (const v of functionEnvironment(model, fn)) env[v.name] = placeholderValue(model, v.value, context);
  return env;
}
