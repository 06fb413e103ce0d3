/** Public face of the resource specification: its data types and pure lookups. */
export type { CloudFormationSpec, JsonSchema, PrimitiveShape, PropertySpec, PropertyTypeSpec, ResourceTypeSpec, SamSpec, Shape, Spec } from "./types";
export { SAM_ATTRIBUTE_SOURCE, attributesOf, describeShape, hasAttribute, isSamType, isThirdPartyType, propertiesOf, resourceTypeSpec } from "./lookup";
