/**
 * AWS::Serverless::Connector (and connectors embedded in a resource's `Connectors` attribute) →
 * the least-privilege permissions between a source and a destination:
 * - an identity-based policy `<Connector>Policy` (AWS::IAM::ManagedPolicy) attached to the role of
 *   whichever side acts (the source's role, or for queue / stream polling the function's role);
 * - or a resource-based permission: `<Connector>WriteLambdaPermission` (AWS::Lambda::Permission),
 *   `<Connector>TopicPolicy` (AWS::SNS::TopicPolicy) or `<Connector>QueuePolicy`
 *   (AWS::SQS::QueuePolicy).
 * With several destinations each gets the suffix `Destination<i>`. A `DependsOn` naming the
 * connector is replaced by what it generated, and an event source mapping between the same
 * source and function waits for the policy (so it does not start polling without permission).
 *
 * The pairs, their Read / Write permissions and the properties each side needs are those of the
 * "AWS SAM connector reference" (docs.aws.amazon.com/serverless-application-model/latest/
 * developerguide/reference-sam-connector.html); the actions and resource ARNs each grants are the
 * ones SAM writes in its published translator outputs (tests/translator/output/connector_*.json).
 * A pair or permission not in this table is reported as unsupported, never guessed.
 */
import { isPlainObject } from "../validate/intrinsics";
import { getAtt, ref, type JsonObject, type TransformContext } from "./context";

type Permission = "Read" | "Write";

/** One side of a connector, resolved to the values its statements need. */
interface Endpoint {
  /** The type as written (or of the resource named by Id): SAM's metadata records it. */
  type: string;
  /** The plain CloudFormation type the profiles are keyed by. */
  kind: string;
  id?: string;
  arn?: unknown;
  name?: unknown;
  roleName?: unknown;
  queueUrl?: unknown;
  resourceId?: unknown;
  qualifier?: unknown;
}

interface Statement {
  actions: string[];
  resources: (src: Endpoint, dst: Endpoint) => unknown[];
}

/** The role-attached policy: which side's role carries it, and its statements per permission. */
interface PolicyProfile {
  kind: "policy";
  role: "source" | "destination";
  /** In the order SAM writes them. */
  order: Permission[];
  statements: Partial<Record<Permission, Statement[]>>;
}

interface ResourceProfile {
  kind: "lambda" | "topic" | "queue";
  principal: string;
  sourceArn: (src: Endpoint) => unknown;
  sourceAccount?: boolean;
}

type Profile = PolicyProfile | ResourceProfile;

const SAM_TYPES: Record<string, string> = {
  "AWS::Serverless::Function": "AWS::Lambda::Function",
  "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
  "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
  "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
  "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
};

const sub = (template: string, vars: JsonObject): JsonObject => ({ "Fn::Sub": [template, vars] });
const dstArn = (_s: Endpoint, d: Endpoint) => [d.arn];
const srcArn = (s: Endpoint) => [s.arn];
const withSuffix = (suffix: string) => (_s: Endpoint, d: Endpoint) => [d.arn, sub(`\${DestinationArn}${suffix}`, { DestinationArn: d.arn })];
const executions = (_s: Endpoint, d: Endpoint) => [sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${DestinationName}:*", { DestinationName: d.name })];
// Step Functions' managed rule for synchronous nested executions (Step Functions developer guide,
// "IAM policies for integrated services", StartExecution .sync).
const syncRule = () => [{ "Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule" }];

const DYNAMODB_READ = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PartiQLSelect"];
const DYNAMODB_WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate"];
const TABLE: PolicyProfile = {
  kind: "policy",
  role: "source",
  order: ["Read", "Write"],
  statements: { Read: [{ actions: DYNAMODB_READ, resources: withSuffix("/index/*") }], Write: [{ actions: DYNAMODB_WRITE, resources: withSuffix("/index/*") }] },
};
const INVOKE: PolicyProfile = { kind: "policy", role: "source", order: ["Write"], statements: { Write: [{ actions: ["lambda:InvokeAsync", "lambda:InvokeFunction"], resources: dstArn }] } };
const STATE_MACHINE_TO_STATE_MACHINE: PolicyProfile = {
  kind: "policy",
  role: "source",
  order: ["Read", "Write"],
  statements: {
    Read: [
      { actions: ["states:DescribeExecution"], resources: executions },
      { actions: ["events:DescribeRule"], resources: syncRule },
    ],
    Write: [
      { actions: ["states:StartExecution"], resources: dstArn },
      { actions: ["states:StopExecution"], resources: executions },
      { actions: ["events:PutTargets", "events:PutRule"], resources: syncRule },
    ],
  },
};
const PUT_EVENTS: PolicyProfile = { kind: "policy", role: "source", order: ["Write"], statements: { Write: [{ actions: ["events:PutEvents"], resources: dstArn }] } };
const API_INVOKE: ResourceProfile = {
  kind: "lambda",
  principal: "apigateway.amazonaws.com",
  sourceArn: (s) => sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${SourceResourceId}/${SourceQualifier}", { SourceQualifier: s.qualifier ?? "*", SourceResourceId: s.resourceId }),
};

const PROFILES: Record<string, Profile> = {
  "AWS::Lambda::Function|AWS::DynamoDB::Table": TABLE,
  "AWS::AppSync::DataSource|AWS::DynamoDB::Table": TABLE,
  "AWS::Lambda::Function|AWS::SQS::Queue": {
    kind: "policy",
    role: "source",
    order: ["Read", "Write"],
    statements: {
      Read: [{ actions: ["sqs:ReceiveMessage", "sqs:GetQueueAttributes"], resources: dstArn }],
      Write: [{ actions: ["sqs:DeleteMessage", "sqs:SendMessage", "sqs:ChangeMessageVisibility", "sqs:PurgeQueue"], resources: dstArn }],
    },
  },
  "AWS::Lambda::Function|AWS::S3::Bucket": {
    kind: "policy",
    role: "source",
    order: ["Read", "Write"],
    statements: {
      Read: [
        {
          actions: ["s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectLegalHold", "s3:GetObjectRetention", "s3:GetObjectTorrent", "s3:GetObjectVersion", "s3:GetObjectVersionAcl", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTorrent", "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions", "s3:ListMultipartUploadParts"],
          resources: withSuffix("/*"),
        },
      ],
      Write: [{ actions: ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:RestoreObject"], resources: withSuffix("/*") }],
    },
  },
  "AWS::Lambda::Function|AWS::SNS::Topic": { kind: "policy", role: "source", order: ["Write"], statements: { Write: [{ actions: ["sns:Publish"], resources: dstArn }] } },
  "AWS::Lambda::Function|AWS::Lambda::Function": INVOKE,
  "AWS::Lambda::Function|AWS::Events::EventBus": PUT_EVENTS,
  "AWS::Lambda::Function|AWS::StepFunctions::StateMachine": {
    kind: "policy",
    role: "source",
    order: ["Write", "Read"],
    statements: {
      Read: [
        { actions: ["states:DescribeStateMachine", "states:ListExecutions"], resources: dstArn },
        { actions: ["states:DescribeExecution", "states:DescribeStateMachineForExecution", "states:GetExecutionHistory"], resources: executions },
      ],
      Write: [
        { actions: ["states:StartExecution", "states:StartSyncExecution"], resources: dstArn },
        { actions: ["states:StopExecution"], resources: executions },
      ],
    },
  },
  "AWS::Lambda::Function|AWS::Location::PlaceIndex": {
    kind: "policy",
    role: "source",
    order: ["Read"],
    statements: { Read: [{ actions: ["geo:DescribePlaceIndex", "geo:GetPlace", "geo:SearchPlaceIndexForPosition", "geo:SearchPlaceIndexForSuggestions", "geo:SearchPlaceIndexForText"], resources: dstArn }] },
  },
  "AWS::StepFunctions::StateMachine|AWS::Lambda::Function": INVOKE,
  "AWS::StepFunctions::StateMachine|AWS::SQS::Queue": { kind: "policy", role: "source", order: ["Write"], statements: { Write: [{ actions: ["sqs:SendMessage"], resources: dstArn }] } },
  "AWS::StepFunctions::StateMachine|AWS::StepFunctions::StateMachine": STATE_MACHINE_TO_STATE_MACHINE,
  "AWS::Events::Rule|AWS::Events::EventBus": PUT_EVENTS,
  "AWS::Events::Rule|AWS::StepFunctions::StateMachine": { kind: "policy", role: "source", order: ["Write"], statements: { Write: [{ actions: ["states:StartExecution"], resources: dstArn }] } },
  "AWS::AppSync::DataSource|AWS::Events::EventBus": PUT_EVENTS,
  "AWS::AppSync::DataSource|AWS::Lambda::Function": { kind: "policy", role: "source", order: ["Write"], statements: { Write: [{ actions: ["lambda:InvokeAsync", "lambda:InvokeFunction"], resources: withSuffix(":*") }] } },
  // The function polls: the policy goes on the function's role (Lambda developer guide, "Execution role permissions" for SQS and DynamoDB streams).
  "AWS::SQS::Queue|AWS::Lambda::Function": {
    kind: "policy",
    role: "destination",
    order: ["Write", "Read"],
    statements: {
      Read: [{ actions: ["sqs:ReceiveMessage", "sqs:GetQueueAttributes"], resources: srcArn }],
      Write: [{ actions: ["sqs:DeleteMessage"], resources: srcArn }],
    },
  },
  "AWS::DynamoDB::Table|AWS::Lambda::Function": {
    kind: "policy",
    role: "destination",
    order: ["Read"],
    statements: { Read: [{ actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"], resources: (s) => [sub("${SourceArn}/stream/*", { SourceArn: s.arn })] }] },
  },
  "AWS::ApiGateway::RestApi|AWS::Lambda::Function": API_INVOKE,
  "AWS::ApiGatewayV2::Api|AWS::Lambda::Function": API_INVOKE,
  "AWS::AppSync::GraphQLApi|AWS::Lambda::Function": {
    kind: "lambda",
    principal: "appsync.amazonaws.com",
    sourceArn: (s) => sub("arn:${AWS::Partition}:appsync:${AWS::Region}:${AWS::AccountId}:apis/${SourceResourceId}", { SourceResourceId: s.resourceId }),
  },
  "AWS::SNS::Topic|AWS::Lambda::Function": { kind: "lambda", principal: "sns.amazonaws.com", sourceArn: (s) => s.arn },
  "AWS::S3::Bucket|AWS::Lambda::Function": { kind: "lambda", principal: "s3.amazonaws.com", sourceArn: (s) => s.arn, sourceAccount: true },
  "AWS::Events::Rule|AWS::Lambda::Function": { kind: "lambda", principal: "events.amazonaws.com", sourceArn: (s) => s.arn },
  "AWS::Events::Rule|AWS::SNS::Topic": { kind: "topic", principal: "events.amazonaws.com", sourceArn: (s) => s.arn },
  "AWS::Events::Rule|AWS::SQS::Queue": { kind: "queue", principal: "events.amazonaws.com", sourceArn: (s) => s.arn },
  "AWS::SNS::Topic|AWS::SQS::Queue": { kind: "queue", principal: "sns.amazonaws.com", sourceArn: (s) => s.arn },
};

/** `!GetAtt Role.Arn` or `!Ref Role` → `!Ref Role` (the role's name); anything else is not a role in this template. */
function roleNameOf(roleArn: unknown): unknown {
  if (!isPlainObject(roleArn)) return undefined;
  if (typeof roleArn.Ref === "string") return ref(roleArn.Ref);
  const att = roleArn["Fn::GetAtt"];
  const parts = typeof att === "string" ? att.split(".") : att;
  if (Array.isArray(parts) && typeof parts[0] === "string" && parts[1] === "Arn") return ref(parts[0]);
  return undefined;
}

/** What a resource named by `Id` provides, by type (the ARN, name and role each connector side may need). */
function fromResource(id: string, res: JsonObject, qualifier: unknown): Endpoint {
  const type = String(res.Type);
  const kind = SAM_TYPES[type] ?? type;
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  const serverless = type.startsWith("AWS::Serverless::");
  const end: Endpoint = { type, kind, id };
  switch (kind) {
    case "AWS::Lambda::Function":
      end.arn = getAtt(id, "Arn");
      end.roleName = serverless && props.Role === undefined ? ref(`${id}Role`) : roleNameOf(props.Role);
      break;
    case "AWS::StepFunctions::StateMachine":
      end.arn = ref(id);
      end.name = getAtt(id, "Name");
      end.roleName = serverless ? (props.Role === undefined ? ref(`${id}Role`) : roleNameOf(props.Role)) : roleNameOf(props.RoleArn);
      break;
    case "AWS::SQS::Queue":
      end.arn = getAtt(id, "Arn");
      end.queueUrl = ref(id);
      break;
    case "AWS::SNS::Topic":
      end.arn = ref(id);
      break;
    case "AWS::Events::Rule": {
      end.arn = getAtt(id, "Arn");
      const targets = Array.isArray(props.Targets) ? props.Targets : [];
      const withRole = targets.find((t) => isPlainObject(t) && t.RoleArn !== undefined) as JsonObject | undefined;
      end.roleName = withRole ? roleNameOf(withRole.RoleArn) : undefined;
      break;
    }
    case "AWS::ApiGateway::RestApi":
    case "AWS::ApiGatewayV2::Api":
      end.resourceId = ref(id);
      end.qualifier = qualifier;
      break;
    case "AWS::AppSync::DataSource":
      end.arn = getAtt(id, "DataSourceArn");
      end.roleName = roleNameOf(props.ServiceRoleArn);
      break;
    case "AWS::AppSync::GraphQLApi":
      end.resourceId = getAtt(id, "ApiId");
      break;
    default:
      end.arn = getAtt(id, "Arn");
  }
  return end;
}

/** Resolve one side: `Id` (and optionally `Qualifier`) of a resource here, or `Type` with `Arn`, `Name`, `RoleName`, `QueueUrl`, `ResourceId`, `Qualifier`. */
function endpoint(side: unknown, resources: Record<string, unknown>): Endpoint | string {
  if (!isPlainObject(side)) return "is not an object";
  let end: Endpoint;
  if (typeof side.Id === "string") {
    const res = resources[side.Id];
    if (!isPlainObject(res) || typeof res.Type !== "string") return `names ${side.Id}, which is not a resource in this template`;
    end = fromResource(side.Id, res, side.Qualifier);
  } else if (typeof side.Type === "string") {
    // SAM records a type given by name as the CloudFormation type it stands for.
    const kind = SAM_TYPES[side.Type] ?? side.Type;
    end = { type: kind, kind };
  } else return "has neither Id nor Type";
  // Explicit properties override what the Id gives (SAM connector reference: "Source/Destination" properties).
  const explicit: [keyof Endpoint, string][] = [["arn", "Arn"], ["name", "Name"], ["roleName", "RoleName"], ["queueUrl", "QueueUrl"], ["resourceId", "ResourceId"], ["qualifier", "Qualifier"]];
  for (const [key, prop] of explicit) if (side[prop] !== undefined) (end as unknown as JsonObject)[key] = side[prop];
  return end;
}

/** The connectors of a template: standalone resources and those embedded in other resources. */
interface ConnectorEntry {
  id: string;
  connector: JsonObject;
  props: JsonObject;
  /** The resource an embedded connector sits on. */
  host?: string;
}

function collect(resources: Record<string, unknown>): ConnectorEntry[] {
  const out: ConnectorEntry[] = [];
  for (const [id, res] of Object.entries(resources)) {
    if (!isPlainObject(res)) continue;
    if (res.Type === "AWS::Serverless::Connector") out.push({ id, connector: res, props: (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject });
    if (isPlainObject(res.Connectors)) {
      // Embedded connector: `<Resource><Name>`, with the resource as its source (SAM developer guide, "Embedded connectors").
      for (const [name, embedded] of Object.entries(res.Connectors)) {
        if (!isPlainObject(embedded)) continue;
        const own = (isPlainObject(embedded.Properties) ? embedded.Properties : {}) as JsonObject;
        // `SourceReference` adds to the implied source what it cannot say itself (a Qualifier).
        const props = { ...own, Source: { ...(isPlainObject(own.SourceReference) ? own.SourceReference : {}), Id: id } };
        out.push({ id: `${id}${name}`, connector: embedded, props, host: id });
      }
    }
  }
  return out;
}

const ATTRIBUTES = ["Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy"] as const;

/**
 * Transform every connector. `resources` is the template's resources as written (after Globals),
 * used to resolve `Id`s; the generated resources go into `ctx.resources`.
 */
export function transformConnectors(ctx: TransformContext, resources: Record<string, unknown>): void {
  const generatedBy = new Map<string, string[]>();
  /** Policies a source → function event source mapping must wait for. */
  const pollers: { source: string; fn: string; policy: string }[] = [];
  const keepEmbedded = new Set<string>();
  for (const { id, connector, props, host } of collect(resources)) {
    // What cannot be transformed is reported and kept as written, for the SAM transform to handle.
    const fail = (why: string) => {
      ctx.unsupported.push(`${id}: connector ${why}`);
      if (host) keepEmbedded.add(host);
      else ctx.resources[id] = connector;
    };
    const permissions = Array.isArray(props.Permissions) ? props.Permissions : [];
    if (permissions.length === 0 || !permissions.every((p) => p === "Read" || p === "Write")) {
      fail("Permissions must be a list of Read / Write");
      continue;
    }
    const source = endpoint(props.Source, resources);
    if (typeof source === "string") {
      fail(`Source ${source}`);
      continue;
    }
    const destinations = Array.isArray(props.Destination) ? props.Destination : [props.Destination];
    const made: string[] = [];
    const attributes: JsonObject = {};
    for (const k of ATTRIBUTES) if (connector[k] !== undefined) attributes[k] = connector[k];
    let failed = false;
    destinations.forEach((side, i) => {
      const suffix = destinations.length > 1 ? `Destination${i}` : "";
      const dst = endpoint(side, resources);
      if (typeof dst === "string") {
        fail(`Destination ${dst}`);
        failed = true;
        return;
      }
      const profile = PROFILES[`${source.kind}|${dst.kind}`];
      if (!profile) {
        fail(`from ${source.type} to ${dst.type} (a pair this transform does not know)`);
        failed = true;
        return;
      }
      const own = isPlainObject(connector.Metadata) ? connector.Metadata : {};
      const metadata = { ...own, "aws:sam:connectors": { [id]: { Source: { Type: source.type }, Destination: { Type: dst.type } } } };
      const result = emit(ctx, id, suffix, profile, source, dst, permissions as Permission[], { ...attributes, Metadata: metadata });
      if ("error" in result) {
        fail(result.error);
        failed = true;
        return;
      }
      made.push(result.id);
      if (profile.kind === "policy" && profile.role === "destination" && source.id && dst.id) pollers.push({ source: source.id, fn: dst.id, policy: result.id });
    });
    if (!failed) generatedBy.set(id, made);
  }
  for (const host of new Set(collect(resources).flatMap((c) => (c.host ? [c.host] : [])))) {
    const res = ctx.resources[host];
    if (isPlainObject(res) && !keepEmbedded.has(host)) delete res.Connectors;
  }
  // `DependsOn: <Connector>` means "after its permissions exist".
  for (const res of Object.values(ctx.resources)) {
    if (!isPlainObject(res) || res.DependsOn === undefined) continue;
    const list = (Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn]) as unknown[];
    if (!list.some((d) => typeof d === "string" && generatedBy.has(d))) continue;
    const kept = list.filter((d) => !(typeof d === "string" && generatedBy.has(d)));
    res.DependsOn = [...kept, ...list.flatMap((d) => (typeof d === "string" ? (generatedBy.get(d) ?? []) : []))];
  }
  for (const { source, fn, policy } of pollers) {
    for (const res of Object.values(ctx.resources)) {
      if (!isPlainObject(res) || res.Type !== "AWS::Lambda::EventSourceMapping" || !isPlainObject(res.Properties)) continue;
      const p = res.Properties as JsonObject;
      if (!names(p.FunctionName, fn) || !names(p.EventSourceArn, source)) continue;
      const list = (res.DependsOn === undefined ? [] : Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn]) as unknown[];
      res.DependsOn = list.includes(policy) ? list : [...list, policy];
    }
  }
}

/** Whether a value is `Ref id` or `GetAtt id.*`. */
function names(value: unknown, id: string): boolean {
  if (!isPlainObject(value)) return false;
  if (value.Ref === id) return true;
  const att = value["Fn::GetAtt"];
  return (Array.isArray(att) && att[0] === id) || (typeof att === "string" && att.split(".")[0] === id);
}

/** Write the resource for one source → destination; returns its logical ID, or why it cannot. */
function emit(ctx: TransformContext, id: string, suffix: string, profile: Profile, src: Endpoint, dst: Endpoint, permissions: Permission[], attributes: JsonObject): { id: string } | { error: string } {
  if (profile.kind === "policy") {
    const unknown = permissions.find((p) => !profile.statements[p]);
    if (unknown) return { error: `${unknown} is not a permission from ${src.type} to ${dst.type}` };
    const actor = profile.role === "source" ? src : dst;
    if (actor.roleName === undefined) return { error: `${profile.role === "source" ? "Source" : "Destination"} needs a role (RoleName, or an Id whose role is in this template)` };
    const statements = profile.order
      .filter((p) => permissions.includes(p))
      .flatMap((p) => profile.statements[p]!.map((s) => ({ Effect: "Allow", Action: s.actions, Resource: s.resources(src, dst) })));
    const policyId = `${id}Policy${suffix}`;
    ctx.resources[policyId] = {
      Type: "AWS::IAM::ManagedPolicy",
      ...attributes,
      Properties: { PolicyDocument: { Version: "2012-10-17", Statement: statements }, Roles: [actor.roleName] },
    };
    return { id: policyId };
  }
  // Resource-based permissions only exist for Write (a service delivering to the destination).
  if (permissions.some((p) => p !== "Write")) return { error: `only Write is a permission from ${src.type} to ${dst.type}` };
  const sourceArn = profile.sourceArn(src);
  if (sourceArn === undefined) return { error: "Source needs an Arn (or ResourceId)" };
  if (profile.kind === "lambda") {
    const permissionId = `${id}WriteLambdaPermission${suffix}`;
    const props: JsonObject = { Action: "lambda:InvokeFunction", FunctionName: dst.arn, Principal: profile.principal, SourceArn: sourceArn };
    if (profile.sourceAccount) props.SourceAccount = { "Fn::Sub": "${AWS::AccountId}" };
    ctx.resources[permissionId] = { Type: "AWS::Lambda::Permission", ...attributes, Properties: props };
    return { id: permissionId };
  }
  const statement = {
    Effect: "Allow",
    Principal: { Service: profile.principal },
    Action: profile.kind === "topic" ? "sns:Publish" : "sqs:SendMessage",
    Resource: dst.arn,
    Condition: { ArnEquals: { "aws:SourceArn": sourceArn } },
  };
  const policyId = `${id}${profile.kind === "topic" ? "TopicPolicy" : "QueuePolicy"}${suffix}`;
  const properties: JsonObject =
    profile.kind === "topic" ? { Topics: [dst.arn], PolicyDocument: { Version: "2012-10-17", Statement: [statement] } } : { Queues: [dst.queueUrl], PolicyDocument: { Version: "2012-10-17", Statement: [statement] } };
  if (profile.kind === "queue" && dst.queueUrl === undefined) return { error: "Destination needs a QueueUrl" };
  ctx.resources[policyId] = { Type: profile.kind === "topic" ? "AWS::SNS::TopicPolicy" : "AWS::SQS::QueuePolicy", ...attributes, Properties: properties };
  return { id: policyId };
}
