/**
 * Form fields for resource types without a catalog card, from the CloudFormation resource spec
 * (resources/spec/cloudformation.json, built from @aws-cdk/aws-service-spec). The spec is 3 MB,
 * so it is loaded on first use, never with the app's start.
 */
import { docsForType, type EditableProperty } from "../../core/catalog";
import { describeShape, type CloudFormationSpec, type PropertySpec, type Shape } from "../../core/spec";

let loading: Promise<CloudFormationSpec> | null = null;

export function loadCloudFormationSpec(): Promise<CloudFormationSpec> {
  loading ??= import("../../resources/spec/cloudformation.json").then((m) => (m.default ?? m) as unknown as CloudFormationSpec);
  return loading;
}

function fieldType(shape: Shape, spec: PropertySpec): EditableProperty["type"] {
  if (spec.enum?.length) return "enum";
  if (shape === "string" || shape === "date-time") return "string";
  if (shape === "integer" || shape === "number") return "number";
  if (shape === "boolean") return "boolean";
  if (typeof shape === "object" && "l" in shape && typeof shape.l === "string" && shape.l === "string") return "list";
  return "json";
}

/** The editable properties of a CloudFormation type, required ones first, then by name. */
export function specProperties(spec: CloudFormationSpec, type: string): EditableProperty[] {
  const props = spec.resources[type]?.p;
  if (!props) return [];
  const docs = docsForType(type);
  return Object.entries(props)
    .map(([name, p]) => ({
      path: [name],
      label: name,
      type: fieldType(p.t, p),
      ...(p.enum?.length ? { enum: p.enum } : {}),
      ...(p.req ? { required: true } : {}),
      help: describeShape(p.t),
      docs,
    }))
    .sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)) || a.label.localeCompare(b.label));
}
