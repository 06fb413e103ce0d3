/**
 * Compares Flowform's local SAM → CloudFormation transform with SAM's own expected outputs
 * (../shared/corpus/sam-translator). Normalisation: hashed suffixes of generated IDs
 * (deployments, versions, layer versions) are removed; key order is ignored; resources are
 * compared by logical ID and type, and by the properties that decide behaviour for each type.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseTemplate } from "../../core/template/parse";
import { toCloudFormation } from "../../core/transform";

export const TRANSLATOR = join(import.meta.dirname, "../../../shared/corpus/sam-translator");

type Obj = Record<string, any>;

const HASHED = new Set(["AWS::ApiGateway::Deployment", "AWS::Lambda::Version", "AWS::Lambda::LayerVersion"]);

function normaliseIds(resources: Obj): Obj {
  const rename = new Map<string, string>();
  for (const [id, res] of Object.entries(resources)) {
    if (HASHED.has(res?.Type)) {
      const m = /^(.*?)[0-9a-f]{10}$/.exec(id);
      if (m) rename.set(id, `${m[1]}#`);
    }
  }
  let text = JSON.stringify(resources);
  for (const [from, to] of rename) text = text.split(`"${from}"`).join(`"${to}"`).split(`\${${from}`).join(`\${${to}`);
  return JSON.parse(text);
}

/** JSON with object keys sorted, so key order never counts as a difference. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val) => (val && typeof val === "object" && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b))) : val));
}

const sortedSet = (v: unknown) => (Array.isArray(v) ? [...v].map((x) => canonical(x)).sort() : v);

function routes(body: Obj | undefined): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(body?.paths ?? {})) for (const m of Object.keys(item as Obj)) out.push(`${m} ${path}`);
  return out.sort();
}

/** The properties compared for each type. */
function keyProperties(res: Obj): unknown {
  const p = res.Properties ?? {};
  switch (res.Type) {
    case "AWS::Lambda::Function":
      return [p.Handler, p.Runtime, p.Role, p.Code, p.Timeout, p.MemorySize, p.Environment, p.Layers, p.DeadLetterConfig];
    case "AWS::IAM::Role":
      return [sortedSet(p.ManagedPolicyArns), sortedSet((p.Policies ?? []).map((x: Obj) => x.PolicyName ?? x)), p.AssumeRolePolicyDocument?.Statement?.[0]?.Principal];
    case "AWS::Lambda::Permission":
      return [p.FunctionName, p.Principal, p.SourceArn, p.SourceAccount];
    case "AWS::Lambda::EventSourceMapping":
      return [p.EventSourceArn, p.FunctionName, p.BatchSize, p.StartingPosition];
    case "AWS::SNS::Subscription":
      return [p.TopicArn, p.Endpoint, p.Protocol];
    case "AWS::Events::Rule":
      return [p.ScheduleExpression, p.EventPattern, (p.Targets ?? []).map((t: Obj) => [t.Arn, t.Id])];
    case "AWS::Scheduler::Schedule":
      return [p.ScheduleExpression, p.Target?.Arn];
    case "AWS::ApiGateway::RestApi":
    case "AWS::ApiGatewayV2::Api":
      return routes(p.Body);
    case "AWS::ApiGateway::Stage":
    case "AWS::ApiGatewayV2::Stage":
      return [p.StageName];
    case "AWS::DynamoDB::Table":
      return [p.KeySchema, p.AttributeDefinitions, p.BillingMode, p.ProvisionedThroughput];
    case "AWS::StepFunctions::StateMachine":
      // SAM writes an inline Definition as DefinitionString; CloudFormation accepts either.
      return [p.RoleArn, p.StateMachineType, p.Definition !== undefined || p.DefinitionString !== undefined, p.DefinitionS3Location];
    case "AWS::Lambda::LayerVersion":
      return [p.Content, p.LayerName];
    case "AWS::S3::Bucket":
      return sortedSet(p.NotificationConfiguration?.LambdaConfigurations);
    default:
      return null;
  }
}

export interface Comparison {
  name: string;
  attempted: boolean;
  matched: boolean;
  unsupported: string[];
  differences: string[];
}

export function compareOne(name: string): Comparison {
  const input = readFileSync(join(TRANSLATOR, "input", `${name}.yaml`), "utf8");
  const expected = JSON.parse(readFileSync(join(TRANSLATOR, "output", `${name}.json`), "utf8"));
  const { parsed } = parseTemplate(input, `${name}.yaml`);
  if (!parsed) return { name, attempted: false, matched: false, unsupported: ["unparsable"], differences: [] };
  const { template, unsupported } = toCloudFormation(parsed);
  if (unsupported.length > 0) return { name, attempted: false, matched: false, unsupported, differences: [] };
  const ours = normaliseIds(template.Resources as Obj);
  const theirs = normaliseIds(expected.Resources);
  const differences: string[] = [];
  for (const id of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const a = ours[id];
    const b = theirs[id];
    if (!a) differences.push(`missing ${id} (${b.Type})`);
    else if (!b) differences.push(`extra ${id} (${a.Type})`);
    else if (a.Type !== b.Type) differences.push(`${id}: type ${a.Type} ≠ ${b.Type}`);
    else if (canonical(keyProperties(a)) !== canonical(keyProperties(b))) {
      differences.push(`${id} (${a.Type}): ${canonical(keyProperties(a))} ≠ ${canonical(keyProperties(b))}`);
    }
  }
  return { name, attempted: true, matched: differences.length === 0, unsupported, differences };
}

export function translatorCases(): string[] {
  return readdirSync(join(TRANSLATOR, "input"))
    .filter((f) => f.endsWith(".yaml") && !f.startsWith("error_"))
    .map((f) => f.replace(/\.yaml$/, ""))
    .filter((n) => {
      try {
        readFileSync(join(TRANSLATOR, "output", `${n}.json`));
        return true;
      } catch {
        return false;
      }
    });
}

if (process.argv[1] && process.argv[1].endsWith("sam-translator-compare.ts")) {
  const results = translatorCases().map(compareOne);
  const attempted = results.filter((r) => r.attempted);
  const matched = attempted.filter((r) => r.matched);
  console.log(`cases ${results.length}, attempted ${attempted.length}, matched ${matched.length}`);
  const verbose = process.argv.includes("-v");
  if (verbose) for (const r of attempted.filter((x) => !x.matched)) console.log(r.name, "\n   " + r.differences.slice(0, 5).join("\n   "));
  if (process.argv.includes("-u")) {
    const counts = new Map<string, number>();
    for (const r of results) for (const u of r.unsupported) { const k = u.replace(/^[^:]+: /, "").replace(/Events\.\w+ /, "Events "); counts.set(k, (counts.get(k) ?? 0) + 1); }
    console.log([...counts].sort((a, b) => b[1] - a[1]).slice(0, 40));
  }
}
