/**
 * What an architecture check is: a pure function from the design to located problems.
 *
 * Every rule has a stable id (the problem code is `check/<id>`), a default severity, and cites
 * the AWS page that says why the mistake matters. Rules never throw on odd input: a template
 * they cannot read well enough gives no problem rather than a wrong one.
 */
import type { Connection, Operation, Problem, QuickFix, Resource, Severity, TemplateModel } from "../model/types";
import type { ParsedTemplate } from "../template/parse";
import { keyLineAt } from "../template/parse";
import { isPrefix } from "../connections/references-walk";
import type { PriceTable } from "../cost/prices";
import type { DesignFacts } from "./design-facts";

export interface CheckOptions {
  /** File name, copied onto every problem so the CLI can print file:line. */
  file?: string;
  /**
   * `preferences` from flowform.json. Checks read:
   * - `concurrencyBudget` (number): the most concurrent executions the person wants this
   *   application to use; turns on the reserved-concurrency check.
   */
  preferences?: Record<string, unknown>;
  /** Regional price table (resources/pricing/<region>.json) for the cost of a loop trip. */
  prices?: PriceTable;
  /** Only run these rule ids (all when absent). */
  rules?: readonly string[];
}

export interface CheckContext {
  model: TemplateModel;
  parsed?: ParsedTemplate;
  options: CheckOptions;
  facts: DesignFacts;
}

export interface CheckRule {
  /** Stable id, e.g. "runaway-loop"; problems carry the code `check/<id>`. */
  id: string;
  /** Short name shown in rule lists. */
  title: string;
  /** The severity most problems of this rule carry (a rule may raise or lower it per finding). */
  severity: Severity;
  /** The page that explains why (also repeated in each problem's `why`). */
  source: string;
  run(ctx: CheckContext): Problem[];
}

export interface FindingInput {
  rule: CheckRule;
  severity?: Severity;
  resource: Resource | string;
  /** Path inside the resource, starting with "Properties" when it is a property. */
  path?: (string | number)[];
  message: string;
  why: string;
  fix?: QuickFix;
  /** The wires the problem is about (see `wiresOfDeclarations` / `wiresBetween`), badged on the canvas. */
  wires?: string[];
}

/** Build a problem with its line: the most precise key that exists, else the resource's line. */
export function finding(ctx: CheckContext, input: FindingInput): Problem {
  const resourceId = typeof input.resource === "string" ? input.resource : input.resource.id;
  const resource = typeof input.resource === "string" ? ctx.facts.resources.get(input.resource) : input.resource;
  let line = resource?.line;
  if (ctx.parsed && input.path) {
    // Walk up the path until a key that is really written in the file (Globals may supply the value).
    for (let n = input.path.length; n > 0; n--) {
      const found = keyLineAt(ctx.parsed, ["Resources", resourceId, ...input.path.slice(0, n)]);
      if (found !== undefined) {
        line = found;
        break;
      }
    }
  }
  const problem: Problem = {
    severity: input.severity ?? input.rule.severity,
    code: `check/${input.rule.id}`,
    // Messages often start with a resource's noun ("function Resize …"): make it a sentence.
    message: input.message.charAt(0).toUpperCase() + input.message.slice(1),
    source: "check",
    resource: resourceId,
    why: input.why,
  };
  if (ctx.options.file) problem.file = ctx.options.file;
  if (input.path) problem.path = input.path;
  if (line !== undefined) problem.line = line;
  if (input.fix) problem.fix = input.fix;
  if (input.wires?.length) problem.connections = [...new Set(input.wires)];
  return problem;
}

/** Where a trigger or route is written: the resource that holds it and the path inside it. */
export interface Declaration {
  declaredIn: string;
  path: (string | number)[];
  /** The function it invokes and its source, when known: used when no wire owns the path. */
  function?: string;
  source?: string;
}

/**
 * The model's trigger wires that carry these declarations: the wire that owns the path (a SAM
 * event, a notification, a mapping), else a trigger wire from the source to the function.
 */
export function wiresOfDeclarations(ctx: CheckContext, declarations: readonly Declaration[]): string[] {
  const out: string[] = [];
  for (const d of declarations) {
    // A write inside the declaration belongs to it (an EventBridge event's bus → rule wire too); a
    // write that covers it, such as a whole NotificationConfiguration, only when it reaches this function.
    const owning = (wireIndex(ctx.model).triggersWritingTo.get(d.declaredIn) ?? []).filter((c) =>
      c.writes.some((w) => w.resource === d.declaredIn && w.path.length > 1 && (isPrefix(d.path, w.path) || (isPrefix(w.path, d.path) && (!d.function || c.to === d.function)))),
    );
    if (owning.length) out.push(...owning.map((c) => c.id));
    else if (d.function && d.source) out.push(...wiresBetween(ctx, d.source, d.function, "trigger"));
  }
  return [...new Set(out)];
}

/** The drawn wires from one resource to another (any kind but plain references, unless `kind` says). */
export function wiresBetween(ctx: CheckContext, from: string, to: string, kind?: "trigger" | "access" | "destination"): string[] {
  const between = wireIndex(ctx.model).byEnds.get(`${from}\u0000${to}`) ?? [];
  return between.filter((c) => (kind ? c.kind === kind : c.kind !== "reference")).map((c) => c.id);
}

interface WireIndex {
  /** Trigger wires by the resources their writes touch. */
  triggersWritingTo: Map<string, Connection[]>;
  /** Every wire by "from\0to". */
  byEnds: Map<string, Connection[]>;
}

/**
 * Findings ask for their wires one by one; scanning every wire for each made the checks grow with
 * findings × wires (a third of their time at 1,000 resources). One index per model, built on first use.
 */
const wireIndexes = new WeakMap<readonly Connection[], WireIndex>();

function wireIndex(model: TemplateModel): WireIndex {
  const cached = wireIndexes.get(model.connections);
  if (cached) return cached;
  const index: WireIndex = { triggersWritingTo: new Map(), byEnds: new Map() };
  const add = (map: Map<string, Connection[]>, key: string, c: Connection) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  for (const c of model.connections) {
    add(index.byEnds, `${c.from}\u0000${c.to}`, c);
    if (c.kind !== "trigger") continue;
    for (const resource of new Set(c.writes.map((w) => w.resource))) add(index.triggersWritingTo, resource, c);
  }
  wireIndexes.set(model.connections, index);
  return index;
}

/**
 * A quick fix that sets one property of a resource. `path` is below `Properties`, as
 * `applyOperation`'s setProperty expects.
 */
export function setPropertyFix(title: string, id: string, path: (string | number)[], value: unknown): QuickFix {
  const operation: Operation = { op: "setProperty", id, path, value };
  return { title, operation };
}

/** "function Resize", "S3 bucket Uploads": how messages name resources. */
export function describe(resource: Resource | undefined, fallbackId: string): string {
  if (!resource) return fallbackId;
  const noun = NOUNS[resource.type] ?? resource.type;
  return `${noun} ${resource.id}`;
}

const NOUNS: Record<string, string> = {
  "AWS::Serverless::Function": "function",
  "AWS::Lambda::Function": "function",
  "AWS::S3::Bucket": "S3 bucket",
  "AWS::SQS::Queue": "SQS queue",
  "AWS::SNS::Topic": "SNS topic",
  "AWS::DynamoDB::Table": "DynamoDB table",
  "AWS::DynamoDB::GlobalTable": "DynamoDB table",
  "AWS::Serverless::SimpleTable": "DynamoDB table",
  "AWS::Kinesis::Stream": "Kinesis stream",
  "AWS::Events::EventBus": "event bus",
  "AWS::Events::Rule": "EventBridge rule",
  "AWS::Serverless::Api": "REST API",
  "AWS::ApiGateway::RestApi": "REST API",
  "AWS::Serverless::HttpApi": "HTTP API",
  "AWS::ApiGatewayV2::Api": "HTTP API",
  "AWS::Logs::LogGroup": "log group",
  "AWS::IAM::Role": "IAM role",
  "AWS::IAM::Policy": "IAM policy",
  "AWS::IAM::ManagedPolicy": "IAM managed policy",
  "AWS::Serverless::StateMachine": "state machine",
};
