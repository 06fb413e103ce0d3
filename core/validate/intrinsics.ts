/**
 * Recognising CloudFormation intrinsic functions in a template's plain-JS value (long form, as
 * core/template/parse.ts produces it).
 */

/** Every intrinsic function name CloudFormation accepts inside Properties and Outputs. */
export const INTRINSIC_FUNCTIONS: ReadonlySet<string> = new Set([
  "Ref",
  "Fn::Base64",
  "Fn::Cidr",
  "Fn::FindInMap",
  "Fn::GetAtt",
  "Fn::GetAZs",
  "Fn::If",
  "Fn::ImportValue",
  "Fn::Join",
  "Fn::Length",
  "Fn::Select",
  "Fn::Split",
  "Fn::Sub",
  "Fn::ToJsonString",
  "Fn::Transform",
  "Fn::And",
  "Fn::Equals",
  "Fn::Not",
  "Fn::Or",
  "Fn::ForEach",
]);

/**
 * Pseudo parameters: always available to `Ref` and `${…}` in `Fn::Sub`.
 * Source: AWS CloudFormation User Guide, "Pseudo parameters reference" (read 2026-11-23).
 */
export const PSEUDO_PARAMETERS: ReadonlySet<string> = new Set([
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix",
]);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The function name when `value` is a single-key intrinsic call (`{ "Fn::Sub": … }`), else undefined. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0];
  if (INTRINSIC_FUNCTIONS.has(key) || key.startsWith("Fn::")) return key;
  return undefined;
}

/** The logical ID and attribute of a `Fn::GetAtt` argument (list or "A.B" string form). */
export function getAttTarget(arg: unknown): { resource: string; attribute: unknown } | undefined {
  if (typeof arg === "string") {
    const dot = arg.indexOf(".");
    return dot < 0 ? { resource: arg, attribute: undefined } : { resource: arg.slice(0, dot), attribute: arg.slice(dot + 1) };
  }
  if (Array.isArray(arg) && typeof arg[0] === "string") {
    const attribute = arg.length > 2 ? arg.slice(1).join(".") : arg[1];
    return { resource: arg[0], attribute };
  }
  return undefined;
}

/**
 * The `${Name}` and `${Resource.Attribute}` variables of a `Fn::Sub` string, with their offsets.
 * `${!Literal}` is an escaped literal and is skipped.
 */
export function subVariables(template: string): { name: string; index: number }[] {
  const out: { name: string; index: number }[] = [];
  const re = /\$\{([^}]*)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template))) {
    const name = m[1].trim();
    if (name.startsWith("!") || name.length === 0) continue;
    out.push({ name, index: m.index });
  }
  return out;
}
