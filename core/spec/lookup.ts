/**
 * Pure lookups over the resource specification. The data is passed in; nothing is loaded here.
 */
import type { PropertySpec, ResourceTypeSpec, Shape, Spec } from "./types";

/**
 * The CloudFormation type whose attributes a SAM resource exposes to `Fn::GetAtt`: SAM passes
 * `GetAtt` on a serverless resource through to the resource it generates (SAM developer guide,
 * "Referencing AWS SAM generated resources").
 */
export const SAM_ATTRIBUTE_SOURCE: Readonly<Record<string, string>> = {
  "AWS::Serverless::Function": "AWS::Lambda::Function",
  "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
  "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
  "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
  "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
  "AWS::Serverless::WebSocketApi": "AWS::ApiGatewayV2::Api",
  "AWS::Serverless::LayerVersion": "AWS::Lambda::LayerVersion",
  "AWS::Serverless::Application": "AWS::CloudFormation::Stack",
  "AWS::Serverless::GraphQLApi": "AWS::AppSync::GraphQLApi",
};

export function isSamType(type: string): boolean {
  return type.startsWith("AWS::Serverless::");
}

/**
 * True for types Flowform cannot know and must accept: custom resources (`Custom::X`), registry
 * and third-party types (`MyOrg::Service::Thing`, modules `…::MODULE`), and anything outside the
 * `AWS::` / `Alexa::` namespaces.
 */
export function isThirdPartyType(type: string): boolean {
  if (type.startsWith("Custom::")) return true;
  if (type.endsWith("::MODULE")) return true;
  return !type.startsWith("AWS::") && !type.startsWith("Alexa::");
}

export function resourceTypeSpec(spec: Spec, type: string): ResourceTypeSpec | undefined {
  return spec.cfn.resources[type];
}

/** Properties of a resource type or a nested property type, by name. */
export function propertiesOf(spec: Spec, typeName: string): Record<string, PropertySpec> | undefined {
  return spec.cfn.resources[typeName]?.p ?? spec.cfn.types[typeName]?.p;
}

/** Attribute names `Fn::GetAtt` accepts for a type, or undefined when Flowform cannot know them. */
export function attributesOf(spec: Spec, type: string): string[] | undefined {
  const source = SAM_ATTRIBUTE_SOURCE[type] ?? type;
  return spec.cfn.resources[source]?.a;
}

/**
 * Whether `Fn::GetAtt [resource, attribute]` is valid for the type. Unknown types, custom
 * resources (any attribute their provider returns) and nested stacks' `Outputs.X` are accepted.
 */
export function hasAttribute(spec: Spec, type: string, attribute: string): boolean {
  if (type === "AWS::CloudFormation::Stack" || type === "AWS::Serverless::Application") {
    if (attribute.startsWith("Outputs.")) return true;
  }
  if (type === "AWS::CloudFormation::CustomResource" || isThirdPartyType(type)) return true;
  // SAM resolves `GetAtt Fn.Version.FunctionArn`, `Fn.Alias…` and the like to resources it generates.
  if (isSamType(type) && (attribute.includes(".") || /^(Alias|Version|Stage|Deployment)$/.test(attribute))) return true;
  const attrs = attributesOf(spec, type);
  if (!attrs) return true;
  if (attrs.includes(attribute)) return true;
  // Some types publish attributes whose dotted names are not in the spec in full
  // (e.g. a JSON attribute read as "Attr.Field"): accept a known prefix followed by a dot.
  return attrs.some((a) => attribute.startsWith(`${a}.`));
}

/** A shape in words, for messages: "String", "List of String", "Map of Integer", "Code (object)". */
export function describeShape(shape: Shape): string {
  if (typeof shape === "string") {
    switch (shape) {
      case "json":
        return "JSON object";
      case "tag":
        return "Tag ({Key, Value})";
      case "date-time":
        return "timestamp";
      default:
        return shape[0].toUpperCase() + shape.slice(1);
    }
  }
  if ("l" in shape) return `List of ${describeShape(shape.l)}`;
  if ("m" in shape) return `Map of ${describeShape(shape.m)}`;
  if ("r" in shape) return `${shape.r.slice(shape.r.lastIndexOf(".") + 1)} (object)`;
  return shape.u.map(describeShape).join(" or ");
}
