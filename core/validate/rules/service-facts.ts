/**
 * Facts CloudFormation or the service enforces when the stack is created, that the resource
 * specification cannot express. Each check looks only at literal values (anything built by an
 * intrinsic function is left alone) and cites its source:
 * - DynamoDB: every key attribute (table, global and local secondary indexes) is in
 *   AttributeDefinitions, and AttributeDefinitions lists only key attributes (DynamoDB API
 *   reference, CreateTable "AttributeDefinitions": "An array of attributes that describe the key
 *   schema for the table and indexes"; anything else fails with "Number of attributes in KeySchema
 *   does not exactly match number of attributes defined in AttributeDefinitions").
 * - IAM instance profiles hold at most one role (IAM User Guide, "IAM and AWS STS quotas":
 *   "Roles in an instance profile: 1", not adjustable).
 * - An AWS::IAM::Policy is attached to at least one of Groups, Roles or Users (AWS::IAM::Policy
 *   reference: "you must specify at least one of the Groups, Roles or Users properties").
 * - An SNS topic name is 1–256 letters, digits, hyphens and underscores, plus ".fifo" for a FIFO
 *   topic (Amazon SNS API reference, CreateTopic "Name").
 */
import type { Problem } from "../../model/types";
import { located, raw, type RawProblem, type ValidationContext } from "../context";
import { intrinsicName, isPlainObject } from "../intrinsics";

type Obj = Record<string, unknown>;

/** The values a property may take: both branches of Fn::If, or the value itself. */
function variants(value: unknown): unknown[] {
  if (intrinsicName(value) === "Fn::If") {
    const args = (value as Obj)["Fn::If"];
    return Array.isArray(args) ? [...variants(args[1]), ...variants(args[2])] : [value];
  }
  return [value];
}

const isNoValue = (v: unknown) => isPlainObject(v) && v.Ref === "AWS::NoValue";

function keyNames(schema: unknown): string[] | undefined {
  if (!Array.isArray(schema)) return undefined;
  const names: string[] = [];
  for (const k of schema) {
    if (!isPlainObject(k) || typeof k.AttributeName !== "string") return undefined;
    names.push(k.AttributeName);
  }
  return names;
}

function dynamoDbTable(id: string, props: Obj, out: RawProblem[]): void {
  const defs = props.AttributeDefinitions;
  if (!Array.isArray(defs) || !defs.every((d) => isPlainObject(d) && typeof d.AttributeName === "string")) return;
  const defined = defs.map((d) => (d as Obj).AttributeName as string);
  const used = new Set<string>();
  const schemas: { path: (string | number)[]; names: string[] }[] = [];
  const table = keyNames(props.KeySchema);
  if (!table) return;
  schemas.push({ path: ["KeySchema"], names: table });
  for (const kind of ["GlobalSecondaryIndexes", "LocalSecondaryIndexes"]) {
    const indexes = props[kind];
    if (indexes === undefined) continue;
    if (!Array.isArray(indexes)) return;
    for (const [i, index] of indexes.entries()) {
      const names = isPlainObject(index) ? keyNames(index.KeySchema) : undefined;
      if (!names) return;
      schemas.push({ path: [kind, i, "KeySchema"], names });
    }
  }
  for (const { path, names } of schemas) {
    for (const name of names) {
      used.add(name);
      if (!defined.includes(name)) out.push(raw("error", "cfn/dynamodb-attributes", ["Resources", id, "Properties", ...path], `${id}: key attribute ${name} is not in AttributeDefinitions (DynamoDB requires a definition for every key attribute)`));
    }
  }
  defs.forEach((d, i) => {
    const name = (d as Obj).AttributeName as string;
    if (!used.has(name)) out.push(raw("error", "cfn/dynamodb-attributes", ["Resources", id, "Properties", "AttributeDefinitions", i], `${id}: AttributeDefinitions lists ${name}, which no key schema uses (DynamoDB accepts only key attributes there)`));
  });
}

function instanceProfile(id: string, props: Obj, out: RawProblem[]): void {
  for (const roles of variants(props.Roles)) {
    if (Array.isArray(roles) && roles.length > 1) {
      out.push(raw("error", "cfn/iam-instance-profile-roles", ["Resources", id, "Properties", "Roles"], `${id}: an instance profile holds at most one role (IAM quota "Roles in an instance profile: 1"); found ${roles.length}`));
      return;
    }
  }
}

function iamPolicy(id: string, props: unknown, out: RawProblem[]): void {
  for (const p of variants(props)) {
    if (!isPlainObject(p) || intrinsicName(p) !== undefined) return;
    const attached = ["Groups", "Roles", "Users"].some((k) => p[k] !== undefined && !isNoValue(p[k]) && !(Array.isArray(p[k]) && (p[k] as unknown[]).length === 0));
    if (!attached) {
      out.push(raw("error", "cfn/iam-policy-target", ["Resources", id, "Properties"], `${id}: an IAM policy must name at least one of Groups, Roles or Users`));
      return;
    }
  }
}

function snsTopic(id: string, props: Obj, out: RawProblem[]): void {
  const name = props.TopicName;
  if (typeof name !== "string") return;
  const base = props.FifoTopic === true || props.FifoTopic === "true" ? name.replace(/\.fifo$/, "") : name;
  if (name.length > 256 || !/^[A-Za-z0-9_-]+$/.test(base)) {
    out.push(raw("error", "cfn/sns-topic-name", ["Resources", id, "Properties", "TopicName"], `${id}: TopicName must be 1 to 256 letters, digits, hyphens or underscores (".fifo" at the end of a FIFO topic); this one has ${name.length} characters`));
  }
}

export function checkServiceFacts(ctx: ValidationContext, id: string): Problem[] {
  const res = (ctx.template.Resources as Obj)[id];
  if (!isPlainObject(res) || res.Properties === undefined) return [];
  const props = isPlainObject(res.Properties) ? res.Properties : {};
  const out: RawProblem[] = [];
  switch (ctx.resourceTypes.get(id)) {
    case "AWS::DynamoDB::Table":
      dynamoDbTable(id, props, out);
      break;
    case "AWS::IAM::InstanceProfile":
      instanceProfile(id, props, out);
      break;
    case "AWS::IAM::Policy":
      iamPolicy(id, res.Properties, out);
      break;
    case "AWS::SNS::Topic":
      snsTopic(id, props, out);
      break;
  }
  return located(ctx, out);
}
