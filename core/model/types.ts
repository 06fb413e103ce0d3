/**
 * The Flowform domain model. Everything here is plain data: no Electron, React, DOM or Node.
 *
 * The template text is the truth. A `TemplateModel` is derived from it by `importTemplate`,
 * and every edit is an operation on the text (see core/template/edits) that returns the new
 * text plus the re-derived model, so untouched bytes stay byte-identical.
 */

/** A 1-based line and column in the template source. */
export interface SourcePosition {
  line: number;
  column: number;
}

export type Severity = "error" | "warning" | "info";

/** Where a problem came from: the parser, CloudFormation/SAM validation, or an architecture check. */
export type ProblemSource = "parse" | "validate" | "check";

/** One located problem, shown in the problems panel and by the CLI as file:line. */
export interface Problem {
  severity: Severity;
  /** Stable code, e.g. "yaml/duplicate-key", "cfn/unknown-property", "check/runaway-loop". */
  code: string;
  message: string;
  source: ProblemSource;
  file?: string;
  /** Logical ID of the resource the problem is about, when there is one. */
  resource?: string;
  /** Property path inside the resource (or template path when no resource), e.g. ["Properties","Timeout"]. */
  path?: (string | number)[];
  line?: number;
  column?: number;
  /** Why it matters, with a source (architecture checks). */
  why?: string;
  /** A template edit that fixes it, when one exists. */
  fix?: QuickFix;
  /** Ids of the wires (model connections) the problem is about, so the canvas can badge them too (architecture checks). */
  connections?: string[];
}

export interface QuickFix {
  title: string;
  /** Operation to apply; interpreted by core/template/operations.applyOperation. */
  operation: Operation;
}

/** Categories used by the palette. */
export type Category =
  | "api"
  | "compute"
  | "storage"
  | "database"
  | "messaging"
  | "integration"
  | "orchestration"
  | "security"
  | "monitoring"
  | "other";

/** A resource as the canvas and every engine see it. */
export interface Resource {
  /** Logical ID. */
  id: string;
  /** CloudFormation / SAM type, e.g. "AWS::Serverless::Function". */
  type: string;
  /** Catalog kind id, e.g. "function", "table", "queue"; "generic" for types without a card. */
  kind: string;
  /** The resource's Properties as plain JS (intrinsics in long form: { Ref: "X" }, { "Fn::GetAtt": [...] }). */
  properties: Record<string, unknown>;
  /** Line of the logical ID key in the source (1-based). */
  line: number;
  condition?: string;
  dependsOn: string[];
  /** Raw Metadata section, if any. */
  metadata?: unknown;
  /** SAM embedded connectors (the resource-level `Connectors` attribute), as plain JS. */
  connectors?: Record<string, unknown>;
  /**
   * Set on resources SAM creates implicitly that Flowform still draws, so that traffic and wires
   * have somewhere to start: `ServerlessRestApi` / `ServerlessHttpApi` (Api/HttpApi events with no
   * API id) and the rule or schedule behind a function's `Schedule`, `ScheduleV2`, `EventBridgeRule`
   * or `CloudWatchEvent` event (logical ID = function ID + event name, as SAM names it).
   * `properties` of an implicit schedule/rule are the event's Properties. Not in `Resources`.
   */
  implicit?: ImplicitOrigin;
}

/** Where an implicit resource comes from: the event that makes SAM create it. */
export interface ImplicitOrigin {
  /** Logical ID of the resource whose event creates it (the first one, for shared implicit APIs). */
  owner: string;
  /** Path of that event inside the owner, e.g. ["Properties","Events","Nightly"]. */
  path: (string | number)[];
  /** In words: "SAM creates this API for Api events that name no RestApiId". */
  reason: string;
}

export type ConnectionKind = "trigger" | "access" | "destination" | "reference";

/** Access level of an access wire. */
export type AccessLevel = "read" | "write" | "read-write";

/** One thing a connection writes into the template, in words and as a location. */
export interface ConnectionWrite {
  /** Logical ID of the resource that holds the written part. */
  resource: string;
  /** Path inside that resource, e.g. ["Properties","Events","GetOrders"]. */
  path: (string | number)[];
  /** What it is, in words: "API event GET /orders", "DynamoDBCrudPolicy on OrdersTable". */
  description: string;
}

export interface Connection {
  /** Stable id derived from what the wire owns, e.g. "trigger:OrdersApi->GetOrders:Events.GetOrders". */
  id: string;
  kind: ConnectionKind;
  /** Logical ID of the source (for access: the function; for trigger: the event source). */
  from: string;
  to: string;
  /** Rule that produced or recognises it, e.g. "sqs-to-function". */
  rule: string;
  /** Short label drawn on the wire: "GET /orders", "read-write", "batch 10", "on failure". */
  label: string;
  /** Settings of the wire (route, method, batchSize, access level, filter…), editable in the inspector. */
  settings: Record<string, unknown>;
  /** What the wire adds to the template, in words. */
  summary: string;
  /** Why it is needed, in words (e.g. "Lambda needs permission to read the table"). */
  why: string;
  writes: ConnectionWrite[];
}

export interface TemplateParameter {
  name: string;
  type: string;
  default?: unknown;
  description?: string;
  allowedValues?: unknown[];
  line: number;
}

export interface TemplateOutput {
  name: string;
  value: unknown;
  description?: string;
  line: number;
}

/** The whole template as Flowform understands it. */
export interface TemplateModel {
  file?: string;
  format: "yaml" | "json";
  /** True when the template declares the SAM transform (or uses AWS::Serverless::* types). */
  isSam: boolean;
  description?: string;
  resources: Resource[];
  connections: Connection[];
  parameters: TemplateParameter[];
  conditions: string[];
  mappings: string[];
  outputs: TemplateOutput[];
  /** SAM Globals section, as plain JS. */
  globals?: Record<string, unknown>;
  /** Sections Flowform does not interpret (kept verbatim in the text). */
  otherSections: string[];
}

/** The result of reading a template: a model when it parsed, and located problems either way. */
export interface ImportResult {
  model: TemplateModel | null;
  problems: Problem[];
}

/** A replacement of the source text between two offsets. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Named, serialisable edit operations. Undo/redo records these (and their inverse text). */
export type Operation =
  | { op: "addResource"; kind: string; id?: string; properties?: Record<string, unknown> }
  | { op: "removeResource"; id: string }
  | { op: "renameResource"; from: string; to: string }
  | { op: "setProperty"; id: string; path: (string | number)[]; value: unknown }
  | { op: "removeProperty"; id: string; path: (string | number)[] }
  | { op: "connect"; from: string; to: string; settings?: Record<string, unknown> }
  | { op: "disconnect"; connectionId: string }
  | { op: "updateConnection"; connectionId: string; settings: Record<string, unknown> }
  | { op: "setTemplateSection"; path: (string | number)[]; value: unknown };

/** What an operation returns: the new text, the edits applied, and the re-imported model. */
export interface EditResult {
  text: string;
  edits: TextEdit[];
  model: TemplateModel;
  /** The inverse edits (apply to `text` to get the previous text back). */
  inverse: TextEdit[];
  /** Logical IDs the operation created or renamed to, so the UI can select them. */
  touched: string[];
  /** Things the person should know about the edit (e.g. references left pointing at a removed resource). */
  notes?: string[];
}

/** An operation that cannot be done, with the reason and, where one exists, the usual fix. */
export interface Refusal {
  refused: true;
  reason: string;
  fix?: string;
}
