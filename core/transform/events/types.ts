/** What an event source of a function (or state machine) needs from the resource it triggers. */
import type { JsonObject, TransformContext } from "../context";

export interface EventTarget {
  /** Logical ID of the function / state machine. */
  id: string;
  kind: "function" | "statemachine";
  /** The source SAM resource (for Condition). */
  source: JsonObject;
  /** `Ref` of what gets invoked (the alias when AutoPublishAlias is set). */
  invokeRef: JsonObject;
  /** ARN of what gets invoked. */
  invokeArn: unknown;
  /** Managed policies the execution role needs (event source polling). */
  managedPolicies: unknown[];
  /** Inline policies for the execution role. */
  inlinePolicies: JsonObject[];
}

export type EventHandler = (ctx: TransformContext, target: EventTarget, name: string, props: JsonObject) => void;
