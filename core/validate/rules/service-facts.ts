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
 * - EBS volumes: VolumeType is one of standard, io1, io2, gp2, gp3, sc1, st1; Iops is only for io1,
 *   io2 and gp3 volumes, and at least 100 for io1 / io2 (Amazon EC2 API reference, EbsBlockDevice
 *   "Iops" and "VolumeType").
 * - AWS Backup: a recovery point moved to cold storage stays there at least 90 days, so
 *   DeleteAfterDays must be at least MoveToColdStorageAfterDays + 90 (AWS Backup API reference,
 *   Lifecycle).
 * - Route 53 TXT and SPF records: each character string is at most 255 characters (Route 53
 *   developer guide, "Supported DNS record types", TXT record type).
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

const VOLUME_TYPES = ["standard", "io1", "io2", "gp2", "gp3", "sc1", "st1"];

function ebsVolume(id: string, ebs: unknown, path: (string | number)[], out: RawProblem[]): void {
  if (!isPlainObject(ebs)) return;
  const type = ebs.VolumeType;
  if (typeof type === "string" && !VOLUME_TYPES.includes(type)) {
    out.push(raw("error", "cfn/ebs-volume", ["Resources", id, "Properties", ...path, "VolumeType"], `${id}: VolumeType ${type} is not an EBS volume type (${VOLUME_TYPES.join(", ")})`));
    return;
  }
  const iops = typeof ebs.Iops === "number" ? ebs.Iops : typeof ebs.Iops === "string" && /^\d+$/.test(ebs.Iops) ? Number(ebs.Iops) : undefined;
  if (iops === undefined || typeof type !== "string") return;
  if (!["io1", "io2", "gp3"].includes(type)) out.push(raw("error", "cfn/ebs-volume", ["Resources", id, "Properties", ...path, "Iops"], `${id}: Iops applies only to io1, io2 and gp3 volumes, not ${type}`));
  else if (type !== "gp3" && iops < 100) out.push(raw("error", "cfn/ebs-volume", ["Resources", id, "Properties", ...path, "Iops"], `${id}: an ${type} volume needs at least 100 Iops (found ${iops})`));
}

function blockDevices(id: string, mappings: unknown, path: (string | number)[], out: RawProblem[]): void {
  if (!Array.isArray(mappings)) return;
  mappings.forEach((m, i) => {
    if (isPlainObject(m)) ebsVolume(id, m.Ebs, [...path, i, "Ebs"], out);
  });
}

function backupPlan(id: string, props: Obj, out: RawProblem[]): void {
  const plan = props.BackupPlan;
  if (!isPlainObject(plan) || !Array.isArray(plan.BackupPlanRule)) return;
  plan.BackupPlanRule.forEach((rule, i) => {
    const lifecycles: [unknown, (string | number)[]][] = [];
    if (isPlainObject(rule)) {
      lifecycles.push([rule.Lifecycle, ["BackupPlanRule", i, "Lifecycle"]]);
      if (Array.isArray(rule.CopyActions)) rule.CopyActions.forEach((c, j) => isPlainObject(c) && lifecycles.push([c.Lifecycle, ["BackupPlanRule", i, "CopyActions", j, "Lifecycle"]]));
    }
    for (const [lifecycle, path] of lifecycles) {
      if (!isPlainObject(lifecycle)) continue;
      const cold = lifecycle.MoveToColdStorageAfterDays;
      const del = lifecycle.DeleteAfterDays;
      if (typeof cold === "number" && typeof del === "number" && del < cold + 90) {
        out.push(raw("error", "cfn/backup-lifecycle", ["Resources", id, "Properties", "BackupPlan", ...path], `${id}: DeleteAfterDays (${del}) must be at least 90 days more than MoveToColdStorageAfterDays (${cold}); cold storage keeps a backup 90 days at least`));
      }
    }
  });
}

/** The character strings of a TXT value: quoted strings as written, or the whole unquoted value. */
function txtStrings(value: string): string[] {
  const quoted = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, "$1"));
  return quoted.length > 0 ? quoted : [value];
}

function recordSet(id: string, props: Obj, path: (string | number)[], out: RawProblem[]): void {
  if ((props.Type !== "TXT" && props.Type !== "SPF") || !Array.isArray(props.ResourceRecords)) return;
  props.ResourceRecords.forEach((record, i) => {
    if (typeof record !== "string") return;
    const long = txtStrings(record).find((s) => s.length > 255);
    if (long !== undefined) out.push(raw("error", "cfn/route53-txt", ["Resources", id, "Properties", ...path, "ResourceRecords", i], `${id}: a ${props.Type} string may hold 255 characters; this one has ${long.length} (split it into several quoted strings)`));
  });
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
    case "AWS::EC2::Instance":
    case "AWS::AutoScaling::LaunchConfiguration":
      blockDevices(id, props.BlockDeviceMappings, ["BlockDeviceMappings"], out);
      break;
    case "AWS::EC2::LaunchTemplate":
      if (isPlainObject(props.LaunchTemplateData)) blockDevices(id, props.LaunchTemplateData.BlockDeviceMappings, ["LaunchTemplateData", "BlockDeviceMappings"], out);
      break;
    case "AWS::EC2::Volume":
      ebsVolume(id, props, [], out);
      break;
    case "AWS::Backup::BackupPlan":
      backupPlan(id, props, out);
      break;
    case "AWS::Route53::RecordSet":
      recordSet(id, props, [], out);
      break;
    case "AWS::Route53::RecordSetGroup":
      if (Array.isArray(props.RecordSets)) props.RecordSets.forEach((r, i) => isPlainObject(r) && recordSet(id, r, ["RecordSets", i], out));
      break;
  }
  return located(ctx, out);
}
