/**
 * Reading permissions: where IAM statements are written in a template, which functions they apply
 * to, and which of them let a function write to a resource of the same template (the other half
 * of a runaway loop).
 *
 * Covered: SAM `Policies` (AWS managed policy names, SAM policy templates, inline statements),
 * SAM connectors, `AWS::IAM::Role` inline policies and managed policy ARNs, `AWS::IAM::Policy` and
 * `AWS::IAM::ManagedPolicy` attached to roles, and the role a function names in `Role`.
 */
import type { Resource } from "../model/types";
import { isObject, referencedNames, sameValue } from "./references";

export type Service = "s3" | "sqs" | "sns" | "dynamodb" | "kinesis" | "events";

/** The service whose resources a CloudFormation type holds (for the resources loops go through). */
export const SERVICE_OF_TYPE: Readonly<Record<string, Service>> = {
  "AWS::S3::Bucket": "s3",
  "AWS::SQS::Queue": "sqs",
  "AWS::SNS::Topic": "sns",
  "AWS::DynamoDB::Table": "dynamodb",
  "AWS::DynamoDB::GlobalTable": "dynamodb",
  "AWS::Serverless::SimpleTable": "dynamodb",
  "AWS::Kinesis::Stream": "kinesis",
  "AWS::Events::EventBus": "events",
};

/** The property holding a resource's physical name, to match names written the same way twice. */
const NAME_PROPERTY: Readonly<Record<string, string>> = {
  "AWS::S3::Bucket": "BucketName",
  "AWS::SQS::Queue": "QueueName",
  "AWS::SNS::Topic": "TopicName",
  "AWS::DynamoDB::Table": "TableName",
  "AWS::DynamoDB::GlobalTable": "TableName",
  "AWS::Serverless::SimpleTable": "TableName",
  "AWS::Kinesis::Stream": "Name",
  "AWS::Events::EventBus": "Name",
};

/** Logical ID used for the account's default event bus, which is never a template resource. */
export const DEFAULT_EVENT_BUS = "(default event bus)";

/**
 * Actions that produce a new event on each service: the write half of a loop. Source: the
 * service authorization reference pages of each service (IAM User Guide, "Actions, resources,
 * and condition keys for …").
 */
const WRITE_ACTIONS: Readonly<Record<Service, readonly string[]>> = {
  s3: ["s3:PutObject"],
  sqs: ["sqs:SendMessage"],
  sns: ["sns:Publish"],
  dynamodb: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"],
  kinesis: ["kinesis:PutRecord", "kinesis:PutRecords"],
  events: ["events:PutEvents"],
};

/**
 * SAM policy templates that grant a write, and the parameter naming the resource. Source: AWS SAM
 * Developer Guide, "AWS SAM policy template list".
 */
const SAM_WRITE_TEMPLATES: Readonly<Record<string, { service: Service; param: string }>> = {
  S3CrudPolicy: { service: "s3", param: "BucketName" },
  S3WritePolicy: { service: "s3", param: "BucketName" },
  S3FullAccessPolicy: { service: "s3", param: "BucketName" },
  SQSSendMessagePolicy: { service: "sqs", param: "QueueName" },
  SNSPublishMessagePolicy: { service: "sns", param: "TopicName" },
  SNSCrudPolicy: { service: "sns", param: "TopicName" },
  DynamoDBCrudPolicy: { service: "dynamodb", param: "TableName" },
  DynamoDBWritePolicy: { service: "dynamodb", param: "TableName" },
  KinesisCrudPolicy: { service: "kinesis", param: "StreamName" },
  EventBridgePutEventsPolicy: { service: "events", param: "EventBusName" },
};

/**
 * True for the permissions this file reads itself (statements, the SAM policy templates above,
 * read-only templates): a wire from core/connections built on one of these adds nothing, and its
 * coarser access level (DeleteMessage counts as "write" there) must not invent a write.
 */
export function readsPolicyItself(name: string): boolean {
  return name === "statement" || name in SAM_WRITE_TEMPLATES || name in BROAD_MANAGED_POLICIES || /(Read|Poller|ReadOnly|Describe|List)\w*Policy$|ReadOnlyAccess$/.test(name);
}

/** AWS managed policies that allow writing to every resource of a service ("*" = every service). */
const BROAD_MANAGED_POLICIES: Readonly<Record<string, Service | "*">> = {
  AdministratorAccess: "*",
  PowerUserAccess: "*",
  AmazonS3FullAccess: "s3",
  AmazonSQSFullAccess: "sqs",
  AmazonSNSFullAccess: "sns",
  AmazonDynamoDBFullAccess: "dynamodb",
  AmazonKinesisFullAccess: "kinesis",
  AmazonEventBridgeFullAccess: "events",
  CloudWatchEventsFullAccess: "events",
};

/** One IAM statement as written, with where it is and which functions it applies to. */
export interface PolicyStatement {
  /** Resource that holds the statement. */
  owner: string;
  /** Path inside `owner`, e.g. ["Properties","Policies",0,"Statement",1]. */
  path: (string | number)[];
  effect: string;
  actions: string[];
  /** True when the statement uses NotAction (everything except the list). */
  notAction: boolean;
  /** The Resource element as written (plain JS), or undefined when the statement uses NotResource. */
  resource: unknown;
  /** Functions whose execution role carries the statement. */
  functions: string[];
}

/** A function's permission to write to a resource of the template. */
export interface WriteAccess {
  function: string;
  target: string;
  service: Service;
  /** Object key prefix the write is limited to (S3 only); undefined = anywhere in the bucket. */
  prefix?: string;
  /** In words: "S3CrudPolicy on Uploads", "s3:PutObject on Uploads/out/*". */
  via: string;
  /** True when the permission covers every resource of the service ("*" or a broad managed policy), not this one by name. */
  broad?: boolean;
  /** Where the permission is written. */
  declaredIn: string;
  path: (string | number)[];
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function strings(value: unknown): string[] {
  return asList(value).filter((v): v is string => typeof v === "string");
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

/** True when an action pattern from a statement allows `action` (globs and case as IAM reads them). */
export function actionAllows(pattern: string, action: string): boolean {
  return globToRegExp(pattern).test(action);
}

/** The services whose write actions a list of action patterns allows. */
function writtenServices(actions: string[]): Service[] {
  return (Object.keys(WRITE_ACTIONS) as Service[]).filter((service) =>
    actions.some((pattern) => WRITE_ACTIONS[service].some((action) => actionAllows(pattern, action))),
  );
}

/** Render a Resource element as text with `${Id}` for references, so prefixes can be read. */
function resourceText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isObject(value)) {
    if (typeof value.Ref === "string") return `\${${value.Ref}}`;
    if ("Fn::GetAtt" in value) {
      const arg = value["Fn::GetAtt"];
      const parts = Array.isArray(arg) ? arg : typeof arg === "string" ? arg.split(".") : [];
      return `\${${parts.join(".")}}`;
    }
    if ("Fn::Sub" in value) {
      const arg = value["Fn::Sub"];
      return typeof arg === "string" ? arg : Array.isArray(arg) && typeof arg[0] === "string" ? arg[0] : undefined;
    }
    if ("Fn::Join" in value) {
      const arg = value["Fn::Join"];
      if (Array.isArray(arg) && typeof arg[0] === "string" && Array.isArray(arg[1])) {
        const parts = arg[1].map(resourceText);
        return parts.every((p) => p !== undefined) ? parts.join(arg[0]) : undefined;
      }
    }
  }
  return undefined;
}

/**
 * The object prefix an S3 object ARN limits writes to: "" for `bucket/*`, "out/" for
 * `bucket/out/*`, undefined when it cannot be read.
 */
export function objectPrefix(resource: unknown): string | undefined {
  const text = resourceText(resource);
  if (text === undefined) return undefined;
  const m = /(?:\$\{[^}]+\}|arn:[^/]*?:::[^/]+)\/(.*)$/.exec(text);
  if (!m) return undefined;
  const star = m[1].search(/[*?$]/);
  return star < 0 ? m[1] : m[1].slice(0, star);
}

export interface TemplateIndex {
  resources: Map<string, Resource>;
  /** Resource IDs by service. */
  byService: Map<Service, string[]>;
}

/** Resources of `service` that a value names: through Ref/GetAtt/Sub, or by the same physical name. */
export function targetsOf(value: unknown, service: Service, index: TemplateIndex): string[] {
  const candidates = index.byService.get(service) ?? [];
  const named = [...referencedNames(value)].filter((id) => candidates.includes(id));
  if (named.length > 0) return named;
  if (service === "events" && (value === "default" || value === undefined)) return [DEFAULT_EVENT_BUS];
  return candidates.filter((id) => {
    const resource = index.resources.get(id)!;
    const nameProp = NAME_PROPERTY[resource.type];
    const name = nameProp ? resource.properties[nameProp] : undefined;
    return name !== undefined && sameValue(name, value);
  });
}

/** All resources of a service, plus the default bus for EventBridge (a "*" resource reaches it too). */
function allOf(service: Service, index: TemplateIndex): string[] {
  const ids = index.byService.get(service) ?? [];
  return service === "events" ? [...ids, DEFAULT_EVENT_BUS] : ids;
}

function statementsIn(document: unknown, owner: string, path: (string | number)[], functions: string[], out: PolicyStatement[]): void {
  if (!isObject(document)) return;
  const statement = document.Statement;
  const list = asList(statement);
  list.forEach((item, i) => {
    if (!isObject(item)) return;
    const notAction = item.NotAction !== undefined;
    out.push({
      owner,
      path: Array.isArray(statement) ? [...path, "Statement", i] : [...path, "Statement"],
      effect: typeof item.Effect === "string" ? item.Effect : "Allow",
      actions: strings(notAction ? item.NotAction : item.Action),
      notAction,
      resource: item.NotResource !== undefined ? undefined : item.Resource,
      functions,
    });
  });
}

export interface PermissionFacts {
  statements: PolicyStatement[];
  writes: WriteAccess[];
  /** AWS managed policies attached, by name, with where they are written. */
  managedPolicies: { owner: string; path: (string | number)[]; name: string; functions: string[] }[];
}

const FUNCTION_TYPES = new Set(["AWS::Serverless::Function", "AWS::Lambda::Function"]);

/** Read every permission in the template. */
export function readPermissions(index: TemplateIndex): PermissionFacts {
  const statements: PolicyStatement[] = [];
  const managedPolicies: PermissionFacts["managedPolicies"] = [];
  const writes: WriteAccess[] = [];

  // Which functions use which role.
  const functionsOfRole = new Map<string, string[]>();
  for (const resource of index.resources.values()) {
    if (!FUNCTION_TYPES.has(resource.type)) continue;
    for (const roleId of referencedNames(resource.properties.Role)) {
      if (index.resources.get(roleId)?.type !== "AWS::IAM::Role") continue;
      functionsOfRole.set(roleId, [...(functionsOfRole.get(roleId) ?? []), resource.id]);
    }
  }
  const functionsOfRoles = (value: unknown) => [...referencedNames(value)].flatMap((id) => functionsOfRole.get(id) ?? []);
  const managedName = (value: unknown) => {
    if (typeof value !== "string") return undefined;
    const m = /^arn:[^:]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(value);
    return m ? m[1] : /^[A-Za-z0-9]+$/.test(value) ? value : undefined;
  };

  for (const resource of index.resources.values()) {
    const props = resource.properties;
    if (resource.type === "AWS::IAM::Role") {
      const functions = functionsOfRole.get(resource.id) ?? [];
      asList(props.Policies).forEach((policy, i) => {
        if (isObject(policy)) statementsIn(policy.PolicyDocument, resource.id, ["Properties", "Policies", i, "PolicyDocument"], functions, statements);
      });
      asList(props.ManagedPolicyArns).forEach((arn, i) => {
        const name = managedName(arn);
        if (name && typeof arn === "string" && arn.includes(":iam::aws:policy/")) managedPolicies.push({ owner: resource.id, path: ["Properties", "ManagedPolicyArns", i], name, functions });
      });
    } else if (resource.type === "AWS::IAM::Policy" || resource.type === "AWS::IAM::ManagedPolicy") {
      let functions = functionsOfRoles(props.Roles);
      if (resource.type === "AWS::IAM::ManagedPolicy") {
        // A managed policy can also be attached from the role's ManagedPolicyArns.
        for (const role of index.resources.values()) {
          if (role.type === "AWS::IAM::Role" && referencedNames(role.properties.ManagedPolicyArns).has(resource.id)) {
            functions = [...functions, ...(functionsOfRole.get(role.id) ?? [])];
          }
        }
      }
      statementsIn(props.PolicyDocument, resource.id, ["Properties", "PolicyDocument"], functions, statements);
    } else if (resource.type === "AWS::Serverless::Function" || resource.type === "AWS::Serverless::StateMachine") {
      const isFunction = resource.type === "AWS::Serverless::Function";
      const functions = isFunction ? [resource.id] : [];
      const policies = props.Policies;
      const items = Array.isArray(policies) ? policies : policies === undefined ? [] : [policies];
      items.forEach((item, i) => {
        const path: (string | number)[] = Array.isArray(policies) ? ["Properties", "Policies", i] : ["Properties", "Policies"];
        if (typeof item === "string") {
          const name = managedName(item);
          if (name) managedPolicies.push({ owner: resource.id, path, name, functions });
        } else if (isObject(item) && "Statement" in item) {
          statementsIn(item, resource.id, path, functions, statements);
        } else if (isObject(item) && isFunction) {
          for (const [templateName, params] of Object.entries(item)) {
            const known = SAM_WRITE_TEMPLATES[templateName];
            if (!known) continue;
            const param = isObject(params) ? params[known.param] : undefined;
            for (const target of targetsOf(param, known.service, index)) {
              writes.push({ function: resource.id, target, service: known.service, via: `${templateName} on ${target}`, declaredIn: resource.id, path: [...path, templateName] });
            }
          }
        }
      });
      // SAM connectors embedded in the function: Connectors.<Name>.Properties.{Destination, Permissions}.
      if (isFunction && isObject(props.Connectors)) {
        for (const [name, connector] of Object.entries(props.Connectors)) {
          const cprops = isObject(connector) && isObject(connector.Properties) ? connector.Properties : undefined;
          if (cprops) connectorWrites(resource.id, cprops.Destination, cprops.Permissions, resource.id, ["Properties", "Connectors", name], index, writes);
        }
      }
    } else if (resource.type === "AWS::Serverless::Connector") {
      const source = isObject(props.Source) ? props.Source.Id : undefined;
      if (typeof source === "string" && FUNCTION_TYPES.has(index.resources.get(source)?.type ?? "")) {
        connectorWrites(source, props.Destination, props.Permissions, resource.id, ["Properties"], index, writes);
      }
    }
  }

  // Statements and broad managed policies → writes.
  for (const statement of statements) {
    if (statement.effect !== "Allow" || statement.notAction || statement.functions.length === 0) continue;
    for (const service of writtenServices(statement.actions)) {
      const resources = asList(statement.resource);
      for (const res of resources) {
        const targets = res === "*" ? allOf(service, index) : targetsOf(res, service, index);
        const prefix = service === "s3" ? objectPrefix(res) : undefined;
        const ownerId = statement.owner;
        for (const fn of statement.functions) {
          for (const target of targets) {
            writes.push({
              function: fn,
              target,
              service,
              prefix: res === "*" ? undefined : prefix,
              broad: res === "*",
              via: `${WRITE_ACTIONS[service][0].split(":")[0]} write in ${ownerId === fn ? "its policy" : ownerId}${res === "*" ? " on every resource (*)" : ""}`,
              declaredIn: ownerId,
              path: statement.path,
            });
          }
        }
      }
    }
  }
  for (const policy of managedPolicies) {
    const scope = BROAD_MANAGED_POLICIES[policy.name];
    if (!scope) continue;
    const services = scope === "*" ? (Object.keys(WRITE_ACTIONS) as Service[]) : [scope];
    for (const service of services) {
      for (const target of allOf(service, index)) {
        for (const fn of policy.functions) {
          writes.push({ function: fn, target, service, via: `AWS managed policy ${policy.name}`, broad: true, declaredIn: policy.owner, path: policy.path });
        }
      }
    }
  }
  return { statements, writes, managedPolicies };
}

function connectorWrites(fn: string, destination: unknown, permissions: unknown, declaredIn: string, path: (string | number)[], index: TemplateIndex, out: WriteAccess[]): void {
  if (!strings(permissions).includes("Write")) return;
  for (const dest of asList(destination)) {
    const id = isObject(dest) ? dest.Id : undefined;
    if (typeof id !== "string") continue;
    const target = index.resources.get(id);
    const service = target ? SERVICE_OF_TYPE[target.type] : undefined;
    if (service) out.push({ function: fn, target: id, service, via: `SAM connector (Write) to ${id}`, declaredIn, path });
  }
}
