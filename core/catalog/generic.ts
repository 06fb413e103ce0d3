/**
 * Form fields for any CloudFormation type, read from the resource specification
 * (@aws-cdk/aws-service-spec, compacted by core-validate into resources/spec). The spec is passed
 * in by the caller: core never loads files.
 */
import { propertiesOf, type Shape, type Spec } from "../spec";
import { CFN_DOCS, type EditableProperty, type PropertyType } from "./card";

function fieldType(shape: Shape, hasEnum: boolean): PropertyType {
  if (hasEnum) return "enum";
  if (typeof shape === "string") {
    if (shape === "string" || shape === "date-time") return "string";
    if (shape === "integer" || shape === "number") return "number";
    if (shape === "boolean") return "boolean";
    return "json";
  }
  if ("l" in shape) return typeof shape.l === "string" && shape.l !== "json" && shape.l !== "tag" ? "list" : "json";
  if ("m" in shape) return typeof shape.m === "string" && shape.m === "string" ? "map" : "json";
  return "json";
}

/**
 * The editable properties of a type without a card of its own: every top-level property in the
 * spec, required ones first, each linking to its anchor on the type's reference page
 * (`#cfn-<service>-<resource>-<property>`, the CloudFormation docs' own anchor scheme).
 */
export function specProperties(spec: Spec, type: string): EditableProperty[] {
  const props = propertiesOf(spec, type);
  if (!props) return [];
  const parts = type.split("::");
  const page = parts.length === 3 ? `${CFN_DOCS}/aws-resource-${parts[1].toLowerCase()}-${parts[2].toLowerCase()}.html` : `${CFN_DOCS}/aws-template-resource-type-ref.html`;
  const anchor = parts.length === 3 ? `cfn-${parts[1].toLowerCase()}-${parts[2].toLowerCase()}-` : undefined;
  return Object.entries(props)
    .map(([name, p]) => ({
      path: [name],
      label: name,
      type: fieldType(p.t, Boolean(p.enum?.length)),
      ...(p.enum?.length ? { enum: p.enum } : {}),
      ...(p.req ? { required: true } : {}),
      docs: anchor ? `${page}#${anchor}${name.toLowerCase()}` : page,
    }))
    .sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)) || a.label.localeCompare(b.label));
}
