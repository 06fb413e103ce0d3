/**
 * The resource specification Flowform validates against, as plain data. It is produced at build
 * time by scripts/build-spec.mjs (resources/spec/*.json) and passed in by callers: core/ never
 * reads files.
 */

/** Primitive value kinds of CloudFormation properties. `json` is a free-form document; `tag` a {Key, Value} pair. */
export type PrimitiveShape = "string" | "integer" | "number" | "boolean" | "json" | "tag" | "date-time" | "null";

/**
 * The shape of a property value: a primitive, a list (`l`), a map with string keys (`m`), a nested
 * property type by name (`r`, e.g. "AWS::Lambda::Function.Code"), or one of several (`u`).
 */
export type Shape = PrimitiveShape | { l: Shape } | { m: Shape } | { r: string } | { u: Shape[] };

export interface PropertySpec {
  /** Type shape. */
  t: Shape;
  /** 1 when CloudFormation requires the property. */
  req?: 1;
  /** Allowed values of a string property, when the spec lists them. */
  enum?: string[];
}

export interface ResourceTypeSpec {
  /** Properties by name. */
  p: Record<string, PropertySpec>;
  /** Attribute names `Fn::GetAtt` accepts (dotted for nested ones, e.g. "Endpoint.Address"). */
  a: string[];
}

export interface PropertyTypeSpec {
  p: Record<string, PropertySpec>;
}

/** Compact CloudFormation resource specification (resources/spec/cloudformation.json). */
export interface CloudFormationSpec {
  source: string;
  resources: Record<string, ResourceTypeSpec>;
  /** Nested property types, named "<ResourceType>.<TypeName>". */
  types: Record<string, PropertyTypeSpec>;
}

/** The subset of JSON Schema the SAM schema uses. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

/** SAM resource schemas (resources/spec/sam.json), reduced from the SAM project's JSON schema. */
export interface SamSpec {
  source: string;
  /** Schema of `Properties` per AWS::Serverless::* type. */
  resources: Record<string, JsonSchema>;
  /** Schema of the Globals section. */
  globals: JsonSchema;
  definitions: Record<string, JsonSchema>;
}

/** Everything validation needs; callers load it (cli/spec.ts in Node, a JSON import in the renderer). */
export interface Spec {
  cfn: CloudFormationSpec;
  sam?: SamSpec;
}
