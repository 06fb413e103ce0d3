/**
 * The first-class cards. Defaults are what a careful person would start a SAM template with;
 * each card's `defaultsWhy` says why. Docs links point at the AWS reference page for the type.
 */
import { CFN_DOCS, SAM_DOCS, type CatalogCard, type EditableProperty } from "./card";

const LAMBDA_RUNTIMES = [
  "nodejs22.x",
  "nodejs20.x",
  "python3.13",
  "python3.12",
  "python3.11",
  "java21",
  "java17",
  "dotnet8",
  "ruby3.3",
  "provided.al2023",
  "provided.al2",
] as const;

const functionProperties: EditableProperty[] = [
  { path: ["Runtime"], label: "Runtime", type: "enum", enum: LAMBDA_RUNTIMES, required: true, docs: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html" },
  { path: ["Handler"], label: "Handler", type: "string", required: true, help: "file.export, e.g. index.handler" },
  { path: ["CodeUri"], label: "Code folder", type: "string", help: "Folder with the function code, relative to the template" },
  { path: ["MemorySize"], label: "Memory (MB)", type: "number", default: 128, min: 128, max: 10240, help: "CPU scales with memory" },
  { path: ["Timeout"], label: "Timeout (s)", type: "number", default: 3, min: 1, max: 900 },
  { path: ["Architectures"], label: "Architecture", type: "enum", enum: ["arm64", "x86_64"], default: "x86_64", help: "Written as a one-item list" },
  { path: ["FunctionName"], label: "Function name", type: "string", help: "Leave empty to let CloudFormation name it (recommended: allows replacement)" },
  { path: ["Description"], label: "Description", type: "string" },
  { path: ["ReservedConcurrentExecutions"], label: "Reserved concurrency", type: "number", min: 0 },
  { path: ["Tracing"], label: "X-Ray tracing", type: "enum", enum: ["Active", "PassThrough"] },
  { path: ["Environment", "Variables"], label: "Environment variables", type: "map" },
];

export const functionCard: CatalogCard = {
  kind: "function",
  label: "Function",
  category: "compute",
  description: "AWS Lambda function: your code, run on demand",
  types: ["AWS::Serverless::Function", "AWS::Lambda::Function"],
  icon: "aws-lambda",
  docs: `${SAM_DOCS}/sam-resource-function.html`,
  idPrefix: "Function",
  defaults: (id) => ({
    Runtime: "nodejs22.x",
    Handler: "index.handler",
    CodeUri: `src/${id}/`,
    MemorySize: 128,
    Timeout: 10,
    Architectures: ["arm64"],
  }),
  defaultsWhy:
    "Node.js 22 is the newest Lambda Node.js LTS runtime. 128 MB is Lambda's minimum and cheapest size. " +
    "10 s instead of SAM's 3 s default leaves room for a cold start plus a few AWS SDK calls, and stays far " +
    "below the 29 s API Gateway limit. arm64 (Graviton) costs about 20% less per GB-second than x86_64 and " +
    "runs plain JavaScript/Python unchanged (see Lambda pricing). Code lives in src/<LogicalId>/.",
  properties: functionProperties,
  handles: { ref: "name", arn: "Arn" },
};

export const httpApiCard: CatalogCard = {
  kind: "http-api",
  label: "HTTP API",
  category: "api",
  description: "API Gateway HTTP API: low-cost HTTPS endpoints for functions",
  // AWS::ApiGatewayV2::Api is the CloudFormation type behind HTTP (and WebSocket) APIs; it is
  // priced and wired like an HTTP API, so it shares this card.
  types: ["AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api"],
  icon: "aws-api-gateway-http",
  docs: `${SAM_DOCS}/sam-resource-httpapi.html`,
  idPrefix: "HttpApi",
  defaults: () => ({}),
  defaultsWhy: "SAM creates the $default stage with auto-deploy; routes are added by wiring the API to functions.",
  properties: [
    { path: ["StageName"], label: "Stage name", type: "string", default: "$default" },
    { path: ["Description"], label: "Description", type: "string" },
    { path: ["DisableExecuteApiEndpoint"], label: "Disable default endpoint", type: "boolean", default: false },
    { path: ["CorsConfiguration"], label: "CORS", type: "json" },
  ],
  handles: { ref: "id" },
  entryPoint: true,
};

export const restApiCard: CatalogCard = {
  kind: "rest-api",
  label: "REST API",
  category: "api",
  description: "API Gateway REST API: API keys, usage plans, request validation, caching",
  types: ["AWS::Serverless::Api", "AWS::ApiGateway::RestApi"],
  icon: "aws-api-gateway-rest",
  docs: `${SAM_DOCS}/sam-resource-api.html`,
  idPrefix: "RestApi",
  defaults: () => ({ StageName: "Prod" }),
  defaultsWhy: "StageName is required by AWS::Serverless::Api; SAM's own implicit API uses Prod.",
  properties: [
    { path: ["StageName"], label: "Stage name", type: "string", required: true, default: "Prod" },
    { path: ["Description"], label: "Description", type: "string" },
    { path: ["EndpointConfiguration", "Type"], label: "Endpoint type", type: "enum", enum: ["EDGE", "REGIONAL", "PRIVATE"], default: "EDGE" },
    { path: ["TracingEnabled"], label: "X-Ray tracing", type: "boolean", default: false },
    { path: ["Cors"], label: "CORS", type: "json" },
  ],
  handles: { ref: "id" },
  entryPoint: true,
};

export const bucketCard: CatalogCard = {
  kind: "bucket",
  label: "S3 bucket",
  category: "storage",
  description: "Amazon S3 bucket: objects and files",
  types: ["AWS::S3::Bucket"],
  icon: "aws-s3",
  docs: `${CFN_DOCS}/aws-resource-s3-bucket.html`,
  idPrefix: "Bucket",
  defaults: () => ({}),
  defaultsWhy:
    "No name, so CloudFormation generates a unique one (bucket names are global). New buckets already " +
    "block public access and encrypt with SSE-S3 by default (S3 defaults since January 2023).",
  properties: [
    { path: ["BucketName"], label: "Bucket name", type: "string", help: "Globally unique; leave empty to let CloudFormation name it" },
    { path: ["VersioningConfiguration", "Status"], label: "Versioning", type: "enum", enum: ["Enabled", "Suspended"] },
  ],
  handles: { ref: "name", arn: "Arn" },
  entryPoint: true,
};

export const tableCard: CatalogCard = {
  kind: "table",
  label: "DynamoDB table",
  category: "database",
  description: "Amazon DynamoDB table: key-value and document storage",
  types: ["AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable", "AWS::DynamoDB::GlobalTable"],
  icon: "aws-dynamodb",
  docs: `${CFN_DOCS}/aws-resource-dynamodb-table.html`,
  idPrefix: "Table",
  defaults: () => ({
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
  }),
  defaultsWhy:
    "On-demand billing costs nothing when idle and needs no capacity planning. A full AWS::DynamoDB::Table " +
    "(not SimpleTable) so that a sort key, indexes and a stream can be added later without replacing it.",
  properties: [
    { path: ["TableName"], label: "Table name", type: "string" },
    { path: ["BillingMode"], label: "Billing mode", type: "enum", enum: ["PAY_PER_REQUEST", "PROVISIONED"], default: "PROVISIONED" },
    { path: ["StreamSpecification", "StreamViewType"], label: "Stream", type: "enum", enum: ["NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"] },
    { path: ["AttributeDefinitions"], label: "Attributes", type: "json", required: true },
    { path: ["KeySchema"], label: "Key schema", type: "json", required: true },
  ],
  handles: { ref: "name", arn: "Arn" },
};

export const queueCard: CatalogCard = {
  kind: "queue",
  label: "SQS queue",
  category: "messaging",
  description: "Amazon SQS queue, standard or FIFO",
  types: ["AWS::SQS::Queue"],
  icon: "aws-sqs",
  docs: `${CFN_DOCS}/aws-resource-sqs-queue.html`,
  idPrefix: "Queue",
  defaults: () => ({ VisibilityTimeout: 60 }),
  defaultsWhy:
    "Visibility timeout 60 s: AWS recommends at least six times the timeout of the function that reads the " +
    "queue (Lambda docs, 'Using Lambda with Amazon SQS'), and the default function timeout here is 10 s.",
  properties: [
    { path: ["QueueName"], label: "Queue name", type: "string", help: "FIFO queue names must end in .fifo" },
    { path: ["FifoQueue"], label: "FIFO", type: "boolean", default: false },
    { path: ["ContentBasedDeduplication"], label: "Content-based deduplication (FIFO)", type: "boolean", default: false },
    { path: ["VisibilityTimeout"], label: "Visibility timeout (s)", type: "number", default: 30, min: 0, max: 43200 },
    { path: ["MessageRetentionPeriod"], label: "Retention (s)", type: "number", default: 345600, min: 60, max: 1209600 },
    { path: ["DelaySeconds"], label: "Delay (s)", type: "number", default: 0, min: 0, max: 900 },
    { path: ["RedrivePolicy"], label: "Dead-letter queue", type: "json" },
  ],
  handles: { ref: "url", arn: "Arn", name: "QueueName" },
  entryPoint: true,
};

export const topicCard: CatalogCard = {
  kind: "topic",
  label: "SNS topic",
  category: "messaging",
  description: "Amazon SNS topic: publish once, deliver to many subscribers",
  types: ["AWS::SNS::Topic"],
  icon: "aws-sns",
  docs: `${CFN_DOCS}/aws-resource-sns-topic.html`,
  idPrefix: "Topic",
  defaults: () => ({}),
  properties: [
    { path: ["TopicName"], label: "Topic name", type: "string" },
    { path: ["FifoTopic"], label: "FIFO", type: "boolean", default: false },
    { path: ["DisplayName"], label: "Display name", type: "string" },
  ],
  handles: { ref: "arn", arn: "Ref", name: "TopicName" },
  entryPoint: true,
};

export const eventBusCard: CatalogCard = {
  kind: "event-bus",
  label: "EventBridge bus",
  category: "integration",
  description: "Amazon EventBridge custom event bus",
  types: ["AWS::Events::EventBus"],
  icon: "aws-eventbridge-bus",
  docs: `${CFN_DOCS}/aws-resource-events-eventbus.html`,
  idPrefix: "EventBus",
  defaults: (id) => ({ Name: { "Fn::Sub": `\${AWS::StackName}-${id}` } }),
  defaultsWhy: "Name is required; prefixing it with the stack name keeps two stacks of the same app apart.",
  properties: [{ path: ["Name"], label: "Bus name", type: "string", required: true }],
  handles: { ref: "name", arn: "Arn" },
  entryPoint: true,
};

export const eventRuleCard: CatalogCard = {
  kind: "event-rule",
  label: "EventBridge rule",
  category: "integration",
  description: "Amazon EventBridge rule: route matching events to targets",
  types: ["AWS::Events::Rule"],
  icon: "aws-eventbridge-rule",
  docs: `${CFN_DOCS}/aws-resource-events-rule.html`,
  idPrefix: "Rule",
  defaults: () => ({ EventPattern: { source: ["my.application"] }, State: "ENABLED" }),
  defaultsWhy: "A rule needs an event pattern or a schedule; this pattern matches events your own code puts with source my.application.",
  properties: [
    { path: ["EventPattern"], label: "Event pattern", type: "json" },
    { path: ["EventBusName"], label: "Event bus", type: "string", default: "default" },
    { path: ["State"], label: "State", type: "enum", enum: ["ENABLED", "DISABLED"], default: "ENABLED" },
    { path: ["Description"], label: "Description", type: "string" },
  ],
  handles: { ref: "name", arn: "Arn" },
};

export const scheduleCard: CatalogCard = {
  kind: "schedule",
  label: "Schedule",
  category: "integration",
  description: "Runs a target on a schedule (rate or cron expression)",
  // New schedules are EventBridge rules with a ScheduleExpression: unlike AWS::Scheduler::Schedule
  // they need no IAM role of their own, and a Lambda permission is enough to invoke a function.
  types: ["AWS::Events::Rule", "AWS::Scheduler::Schedule"],
  icon: "aws-eventbridge-scheduler",
  docs: `${CFN_DOCS}/aws-resource-events-rule.html`,
  idPrefix: "Schedule",
  defaults: () => ({ ScheduleExpression: "rate(1 hour)", State: "ENABLED" }),
  defaultsWhy: "Hourly is a safe, cheap starting rate; change it to any rate() or cron() expression.",
  properties: [
    { path: ["ScheduleExpression"], label: "Schedule expression", type: "string", required: true, help: "rate(5 minutes) or cron(0 12 * * ? *)", docs: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html" },
    { path: ["State"], label: "State", type: "enum", enum: ["ENABLED", "DISABLED"], default: "ENABLED" },
    { path: ["Description"], label: "Description", type: "string" },
  ],
  handles: { ref: "name", arn: "Arn" },
  entryPoint: true,
};

export const streamCard: CatalogCard = {
  kind: "stream",
  label: "Kinesis stream",
  category: "messaging",
  description: "Amazon Kinesis data stream: ordered, replayable records",
  types: ["AWS::Kinesis::Stream"],
  icon: "aws-kinesis",
  docs: `${CFN_DOCS}/aws-resource-kinesis-stream.html`,
  idPrefix: "Stream",
  defaults: () => ({ StreamModeDetails: { StreamMode: "ON_DEMAND" } }),
  defaultsWhy: "On-demand mode scales shards automatically, so nobody has to size the stream up front.",
  properties: [
    { path: ["Name"], label: "Stream name", type: "string" },
    { path: ["StreamModeDetails", "StreamMode"], label: "Capacity mode", type: "enum", enum: ["ON_DEMAND", "PROVISIONED"], default: "PROVISIONED" },
    { path: ["ShardCount"], label: "Shards (provisioned)", type: "number", min: 1 },
    { path: ["RetentionPeriodHours"], label: "Retention (hours)", type: "number", default: 24, min: 24, max: 8760 },
  ],
  handles: { ref: "name", arn: "Arn" },
  entryPoint: true,
};

export const stateMachineCard: CatalogCard = {
  kind: "state-machine",
  label: "State machine",
  category: "orchestration",
  description: "AWS Step Functions state machine: workflows across services",
  types: ["AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"],
  icon: "aws-step-functions",
  docs: `${SAM_DOCS}/sam-resource-statemachine.html`,
  idPrefix: "StateMachine",
  defaults: () => ({
    Type: "STANDARD",
    Definition: { StartAt: "Done", States: { Done: { Type: "Succeed" } } },
  }),
  defaultsWhy: "A one-state STANDARD workflow that deploys as is; add states in the definition.",
  properties: [
    { path: ["Type"], label: "Type", type: "enum", enum: ["STANDARD", "EXPRESS"], default: "STANDARD", help: "EXPRESS is cheaper for short, high-volume workflows" },
    { path: ["Name"], label: "Name", type: "string" },
    { path: ["DefinitionUri"], label: "Definition file", type: "string" },
    { path: ["Definition"], label: "Definition", type: "json" },
  ],
  handles: { ref: "arn", arn: "Ref", name: "Name" },
};

export const userPoolCard: CatalogCard = {
  kind: "user-pool",
  label: "Cognito user pool",
  category: "security",
  description: "Amazon Cognito user pool: sign-up and sign-in",
  types: ["AWS::Cognito::UserPool"],
  icon: "aws-cognito",
  docs: `${CFN_DOCS}/aws-resource-cognito-userpool.html`,
  idPrefix: "UserPool",
  defaults: () => ({ UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] }),
  defaultsWhy: "People sign in with their e-mail address, which Cognito verifies.",
  properties: [
    { path: ["UserPoolName"], label: "Pool name", type: "string" },
    { path: ["MfaConfiguration"], label: "MFA", type: "enum", enum: ["OFF", "ON", "OPTIONAL"], default: "OFF" },
    { path: ["UsernameAttributes"], label: "Sign-in with", type: "list" },
  ],
  handles: { ref: "id", arn: "Arn" },
  entryPoint: true,
};

export const layerCard: CatalogCard = {
  kind: "layer",
  label: "Lambda layer",
  category: "compute",
  description: "Lambda layer: code and libraries shared by functions",
  types: ["AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion"],
  icon: "aws-lambda-layer",
  docs: `${SAM_DOCS}/sam-resource-layerversion.html`,
  idPrefix: "Layer",
  defaults: (id) => ({ ContentUri: `layers/${id}/`, CompatibleRuntimes: ["nodejs22.x"], RetentionPolicy: "Delete" }),
  defaultsWhy: "Delete retention removes old layer versions with the stack instead of leaving them behind.",
  properties: [
    { path: ["LayerName"], label: "Layer name", type: "string" },
    { path: ["ContentUri"], label: "Content folder", type: "string", required: true },
    { path: ["CompatibleRuntimes"], label: "Runtimes", type: "list" },
    { path: ["RetentionPolicy"], label: "Old versions", type: "enum", enum: ["Retain", "Delete"], default: "Retain" },
  ],
  handles: { ref: "arn", arn: "Ref" },
};

/** Every type without a card of its own. Its fields come from the CloudFormation spec (core/spec). */
export const genericCard: CatalogCard = {
  kind: "generic",
  label: "Resource",
  category: "other",
  description: "Any other CloudFormation resource type",
  types: [],
  icon: "aws-generic",
  docs: `${CFN_DOCS}/aws-template-resource-type-ref.html`,
  idPrefix: "Resource",
  defaults: () => ({}),
  properties: [],
};

export const CARDS: readonly CatalogCard[] = [
  httpApiCard,
  restApiCard,
  functionCard,
  bucketCard,
  tableCard,
  queueCard,
  topicCard,
  eventBusCard,
  eventRuleCard,
  scheduleCard,
  streamCard,
  stateMachineCard,
  userPoolCard,
  layerCard,
  genericCard,
];
