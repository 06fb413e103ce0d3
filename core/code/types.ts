/**
 * What the code feature knows about one function: how it is invoked (its triggers), what it
 * uses (its access wires) and how it runs (runtime, architecture, handler, limits). Derived from
 * the template model by `functionWiring`, consumed by the starter generator, the type
 * declarations, the sample events and local invoke.
 */

/** The event shapes a Lambda handler can receive from the triggers Flowform draws. */
export type TriggerKind =
  | "api-rest" // API Gateway REST API (SAM `Api`), payload format 1.0
  | "api-http" // API Gateway HTTP API (SAM `HttpApi`), payload format 2.0
  | "s3"
  | "sqs"
  | "dynamodb"
  | "kinesis"
  | "sns"
  | "eventbridge"
  | "schedule" // EventBridge scheduled rule (SAM `Schedule`): a "Scheduled Event" envelope
  | "scheduler"; // EventBridge Scheduler (SAM `ScheduleV2`): the schedule's Input, no envelope

export const TRIGGER_KINDS: readonly TriggerKind[] = [
  "api-rest", "api-http", "s3", "sqs", "dynamodb", "kinesis", "sns", "eventbridge", "schedule", "scheduler",
];

export interface FunctionTrigger {
  kind: TriggerKind;
  /** Logical ID of the event source, when the template names one. */
  source?: string;
  /** SAM event name (key under Properties.Events), when the trigger is a SAM event. */
  eventName?: string;
  /** API route details, for API triggers. */
  method?: string;
  path?: string;
  /** EventBridge Scheduler's Input for the target, as written in the template. */
  input?: unknown;
}

/** Services an access wire can point at, each with its own SDK client. */
export type AccessService =
  | "dynamodb"
  | "s3"
  | "sqs"
  | "sns"
  | "eventbridge"
  | "kinesis"
  | "stepfunctions"
  | "secretsmanager"
  | "other";

export type AccessMode = "read" | "write" | "read-write";

export interface FunctionAccess {
  /** Logical ID of the resource the function uses. */
  target: string;
  /** CloudFormation type of the target. */
  targetType: string;
  service: AccessService;
  mode: AccessMode;
  /** Environment variable that holds the target's name/URL/ARN. */
  envVar: string;
  /** True when that variable is in the template; false when Flowform suggests it. */
  envVarDeclared: boolean;
  /** What the variable holds, in words: "name", "URL", "ARN". */
  envValue: string;
}

/** One environment variable of a function as declared in the template. */
export interface FunctionEnvVar {
  name: string;
  /** Value as in the template (plain JS, intrinsics in long form). */
  value: unknown;
  /** Logical ID the value refers to, when it is a Ref/GetAtt/Sub of one resource. */
  refersTo?: string;
}

export type CodeLanguage = "typescript" | "javascript" | "python";
export type LambdaArchitecture = "x86_64" | "arm64";

export interface FunctionWiring {
  functionId: string;
  triggers: FunctionTrigger[];
  accesses: FunctionAccess[];
  /** All variables the function gets (Globals.Function first, then its own, which win). */
  environment: FunctionEnvVar[];
}

/** How a function runs, read from its properties with SAM Globals applied. */
export interface FunctionRunSettings {
  runtime?: string;
  handler?: string;
  codeUri?: string;
  /** Seconds. Lambda's default is 3. */
  timeout: number;
  /** MB. Lambda's default is 128. */
  memorySize: number;
  architecture: LambdaArchitecture;
}

/** A file of generated starter code, relative to the project folder. */
export interface GeneratedFile {
  path: string;
  content: string;
}
