/**
 * Execution roles SAM generates (`<Id>Role`): a trust policy for the service, AWS managed
 * policies, and the resource's `Policies` turned into managed policy ARNs or inline policies
 * named `<Id>RolePolicy<index>` — including SAM policy templates such as DynamoDBCrudPolicy,
 * expanded from resources/spec/sam-policy-templates.json.
 */
import policyData from "../../resources/spec/sam-policy-templates.json";
import { intrinsicName, isPlainObject } from "../validate/intrinsics";
import type { JsonObject } from "./context";

interface PolicyTemplate {
  Parameters: string[];
  Statement: unknown;
}

const POLICY_TEMPLATES = (policyData as { templates: Record<string, PolicyTemplate> }).templates;

export function isPolicyTemplate(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(POLICY_TEMPLATES, name);
}

/** A policy template's statements with its parameters filled in, or undefined for an unknown name. */
export function expandPolicyTemplate(name: string, args: unknown): unknown[] | undefined {
  const template = POLICY_TEMPLATES[name];
  if (!template) return undefined;
  const values = isPlainObject(args) ? args : {};
  const fill = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(fill);
    if (!isPlainObject(node)) return node;
    if (typeof node.Ref === "string" && Object.keys(node).length === 1 && template.Parameters.includes(node.Ref)) {
      return values[node.Ref] ?? node;
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
  };
  return fill(template.Statement) as unknown[];
}

export function assumeRolePolicy(service: string): JsonObject {
  return {
    Version: "2012-10-17",
    Statement: [{ Action: ["sts:AssumeRole"], Effect: "Allow", Principal: { Service: [service] } }],
  };
}

/** `arn:aws:iam::aws:policy/<Name>` for a managed policy given by name, as SAM writes it. */
export function managedPolicyArn(name: string): string {
  // ARNs and dynamic references pass through; so do names that are not AWS managed policies
  // (SAM only expands names it finds in IAM's list of AWS managed policies, which start AWS/Amazon).
  if (name.startsWith("arn:") || name.startsWith("{{resolve:") || !(/^(AWS|Amazon)/.test(name) || OTHER_AWS_MANAGED.has(name))) return name;
  return `arn:aws:iam::aws:policy/${SERVICE_ROLE_POLICIES.has(name) ? "service-role/" : ""}${name}`;
}

/** AWS managed policies commonly given to functions whose names do not start with AWS / Amazon. */
const OTHER_AWS_MANAGED = new Set([
  "CloudWatchLambdaInsightsExecutionRolePolicy",
  "CloudWatchFullAccess",
  "CloudWatchReadOnlyAccess",
  "CloudWatchLogsFullAccess",
  "CloudWatchLogsReadOnlyAccess",
  "CloudWatchAgentServerPolicy",
  "SecretsManagerReadWrite",
  "IAMFullAccess",
  "IAMReadOnlyAccess",
  "ReadOnlyAccess",
  "PowerUserAccess",
  "AdministratorAccess",
  "ComprehendFullAccess",
  "ComprehendReadOnly",
  "TranslateReadOnly",
  "TranslateFullAccess",
]);

/**
 * AWS managed policies whose ARN has the `service-role/` path (IAM console, "AWS managed
 * policies", read 2026-11-23). SAM looks names up in IAM; this list covers the Lambda ones.
 */
const SERVICE_ROLE_POLICIES = new Set([
  "AWSLambdaRole",
  "AWSLambdaBasicExecutionRole",
  "AWSLambdaVPCAccessExecutionRole",
  "AWSLambdaDynamoDBExecutionRole",
  "AWSLambdaKinesisExecutionRole",
  "AWSLambdaSQSQueueExecutionRole",
  "AWSLambdaENIManagementAccess",
  "AWSLambdaMSKExecutionRole",
  "AWSLambdaBasicDurableExecutionRolePolicy",
  "AWSConfigRulesExecutionRole",
  "AWSLambdaReplicator",
  "AWSIoTRuleActions",
  "AWSAppSyncPushToCloudWatchLogs",
  "AmazonAPIGatewayPushToCloudWatchLogs",
]);

export interface RoleParts {
  managed: unknown[];
  inline: JsonObject[];
  /** Entries that could not be expanded, in words. */
  unsupported: string[];
}

/**
 * Split a SAM `Policies` value into managed ARNs and inline policies. `prefix` is the role's
 * logical ID (inline policies are named `<prefix>Policy<index>`).
 */
export function rolePolicies(policies: unknown, prefix: string): RoleParts {
  const parts: RoleParts = { managed: [], inline: [], unsupported: [] };
  if (policies === undefined || policies === null) return parts;
  const list = Array.isArray(policies) ? policies : [policies];
  list.forEach((entry, index) => {
    const name = `${prefix}Policy${index}`;
    if (typeof entry === "string") {
      parts.managed.push(managedPolicyArn(entry));
      return;
    }
    if (!isPlainObject(entry)) return;
    const fn = intrinsicName(entry);
    if (fn === "Fn::If") {
      const [cond, a, b] = entry["Fn::If"] as unknown[];
      const branch = (v: unknown): unknown => {
        if (isPlainObject(v) && v.Ref === "AWS::NoValue") return v;
        const inner = rolePolicies([v], prefix);
        parts.unsupported.push(...inner.unsupported);
        if (inner.inline.length > 0) return { ...inner.inline[0], PolicyName: name };
        return inner.managed[0];
      };
      const isManaged = (v: unknown) => typeof v === "string" || (isPlainObject(v) && (intrinsicName(v) === "Ref" || intrinsicName(v) === "Fn::Sub" || intrinsicName(v) === "Fn::GetAtt" || intrinsicName(v) === "Fn::ImportValue") && v.Ref !== "AWS::NoValue");
      if (isManaged(a) || isManaged(b)) parts.managed.push({ "Fn::If": [cond, branch(a), branch(b)] });
      else parts.inline.push({ "Fn::If": [cond, branch(a), branch(b)] } as JsonObject);
      return;
    }
    if (fn) {
      // Ref/Sub/GetAtt/ImportValue give a managed policy ARN.
      parts.managed.push(entry);
      return;
    }
    if ("Statement" in entry) {
      parts.inline.push({ PolicyName: name, PolicyDocument: entry });
      return;
    }
    const keys = Object.keys(entry);
    if (keys.length === 1 && isPolicyTemplate(keys[0])) {
      parts.inline.push({ PolicyName: name, PolicyDocument: { Statement: expandPolicyTemplate(keys[0], entry[keys[0]]) } });
      return;
    }
    parts.unsupported.push(`policy ${keys.join(", ")}`);
  });
  return parts;
}
