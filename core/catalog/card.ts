/**
 * What a catalog card is: everything the palette, inspector, import and connection rules need to
 * know about one kind of resource, in one place.
 */
import type { Category } from "../model/types";

export type PropertyType = "string" | "number" | "boolean" | "enum" | "list" | "map" | "json";

/** One property the inspector offers as a form field. Anything else stays editable as YAML. */
export interface EditableProperty {
  /** Property path below `Properties`, e.g. ["MemorySize"] or ["ProvisionedThroughput", "ReadCapacityUnits"]. */
  path: string[];
  label: string;
  type: PropertyType;
  enum?: readonly string[];
  /** The value CloudFormation / SAM uses when the property is absent. */
  default?: unknown;
  required?: boolean;
  /** Number limits, where AWS documents them. */
  min?: number;
  max?: number;
  help?: string;
  docs?: string;
}

/** How other resources reach this one: what `Ref` gives and which attribute holds the ARN. */
export interface ResourceHandles {
  /** What `!Ref` returns, in words: "name", "ARN", "URL", "ID". */
  ref: "name" | "arn" | "url" | "id";
  /** Attribute holding the ARN (for `!GetAtt X.<arn>`), or "Ref" when Ref is already the ARN. */
  arn?: string;
  /** Attribute holding the name, when Ref is not the name. */
  name?: string;
}

export interface CatalogCard {
  /** Stable kind id used across Flowform ("function", "queue", …). */
  kind: string;
  label: string;
  category: Category;
  /** One line for the palette tooltip. */
  description: string;
  /** CloudFormation / SAM types this card represents. The first is used for new resources. */
  types: readonly string[];
  /** Stable icon name; the canvas owner maps it to a drawing. */
  icon: string;
  docs: string;
  /** Prefix for new logical IDs ("Function" → Function1, Function2…). */
  idPrefix: string;
  /** Properties written for a new resource (plain JS, intrinsics in long form). */
  defaults(logicalId: string): Record<string, unknown>;
  /** Why the defaults are what they are (shown in the palette's "about" text). */
  defaultsWhy?: string;
  properties: readonly EditableProperty[];
  handles?: ResourceHandles;
  /** True for kinds where traffic enters the application (cost usage is entered there). */
  entryPoint?: boolean;
}

export const SAM_DOCS = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide";
export const CFN_DOCS = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide";
