/**
 * The public face of Flowform's core: pure TypeScript, no Node/DOM/Electron/React. Main, renderer
 * and the CLI import from here (`import { importTemplate } from "../core"`).
 *
 * Model (core/model)
 * - `importTemplate(text, file?) → ImportResult` ({ model: TemplateModel | null, problems }).
 *   Never throws. `model.resources` includes the implicit resources SAM creates (`implicit` set:
 *   ServerlessRestApi, ServerlessHttpApi, the rule/schedule behind Schedule/EventBridge events);
 *   `model.connections` are the wires derived from events, policies, env vars, Ref/GetAtt/Sub,
 *   DependsOn. `modelFromParsed(parsed, problems?)` does the same from a ParsedTemplate.
 * - All shared types: Resource, Connection, TemplateModel, Problem, Operation, EditResult, …
 *   Added by core-model: `Resource.implicit` (ImplicitOrigin), `Resource.connectors` (SAM
 *   embedded connectors), `EditResult.notes`.
 *
 * Catalog (core/catalog)
 * - `CARDS`, `paletteCards()`, `cardFor(kind)`, `kindOf(type, properties?)`,
 *   `newResourceType(kind)`, `docsForType(type)`, `scheduleExpressionOf(resource)`,
 *   `isFifoQueue(resource)`, `editablePropertiesFor(resource, spec?)` (card fields, or for
 *   generic resources every property of the type from the spec, required first, with docs
 *   anchors), `specProperties(spec, type)`, types `CatalogCard`, `EditableProperty`, `ResourceHandles`.
 *   Kind ids: http-api, rest-api, function, bucket, table, queue, topic, event-bus, event-rule,
 *   schedule, stream, state-machine, user-pool, layer, generic.
 *
 * Connections (core/connections)
 * - `RULES` (one per family), `canConnect(model, fromId, toId, settings?) → ConnectVerdict`
 *   ({ ok, rule, kind, label, summary } or a Refusal with reason and fix),
 *   `connectionOptions(model, from, to)` (the alternative wires for a pair, e.g. access vs
 *   on-failure destination), `planConnect` / `planDisconnect` / `planUpdate` (the template
 *   changes, in words and as paths), `recogniseConnections(model)`, `findReferences(value)`.
 *   Wire ids are stable across unrelated edits: "<rule>:<from>-><to>:<what it owns>", e.g.
 *   "sqs-to-function:Jobs->Worker:Worker.Properties.Events.JobsMessages", and one access wire per
 *   pair "function-access:Worker->Orders" (they change when a resource or event is renamed).
 *   Settings: `level` ("read" | "write" | "read-write") for access wires; `as` ("on-failure" |
 *   "on-success" | "dlq") for destination wires; `method`, `path` for API routes; `batchSize`…
 *
 * Template (core/template)
 * - `applyOperation(text, op: Operation, file?) → EditResult | Refusal`: addResource (kind id,
 *   or a CloudFormation type for generic resources), removeResource (also removes the wires'
 *   parts on other resources, DependsOn entries and Outputs naming it), renameResource (every
 *   Ref, GetAtt both forms, ${Id}/${Id.Attr} in Sub, DependsOn, connector Ids, Outputs, and
 *   references to SAM's generated <Function>Role),
 *   setProperty / removeProperty (path relative to the resource; a first key that is not a
 *   resource attribute means under Properties; on an implicit schedule/rule it edits the event),
 *   connect, disconnect, updateConnection, setTemplateSection. Edits are text splices: bytes
 *   outside the edit are unchanged. `EditResult.edits` / `.inverse` are non-overlapping edits on
 *   the old / new text (apply with `applyTextEdits`); `undoText(result)` gives the old text.
 *   `EditResult.notes` says what the person should know (e.g. references left to a removed
 *   resource). Connecting never overwrites a value already written (it refuses instead).
 * - `applyChanges(text, changes, file?)` applies connection-plan changes directly.
 * - `spanOf(parsed, path)` → { start, end } offsets of a key and its whole value (reveal in text).
 * - `parseTemplate(text, file?)`, `INTRINSIC_TAGS`, `positionAt`, `nodeAt`, `keyLineAt`.
 *
 * Starters (core/starters)
 * - `STARTERS` ({ id, title, description, template }[]: blank, http-api-crud,
 *   s3-upload-processing, queue-worker, scheduled-job, sns-fan-out), `starterById(id)`.
 */
export * from "./model/types";
export { importTemplate, modelFromParsed } from "./model/import";
export {
  CARDS,
  cardFor,
  docsForType,
  editablePropertiesFor,
  genericCard,
  specProperties,
  isFifoQueue,
  kindOf,
  newResourceType,
  paletteCards,
  scheduleExpressionOf,
  type CatalogCard,
  type EditableProperty,
  type PropertyType,
  type ResourceHandles,
} from "./catalog";
export {
  RULES,
  canConnect,
  connectionOptions,
  findReferences,
  implicitResources,
  isRefusal,
  planConnect,
  planDisconnect,
  planUpdate,
  recogniseConnections,
  ruleById,
  samEvents,
  IMPLICIT_HTTP_API,
  IMPLICIT_REST_API,
  type ConnectPlan,
  type ConnectVerdict,
  type ConnectionRule,
  type TemplateChange,
} from "./connections";
export { applyOperation, applyChanges, undoText, resourcePath } from "./template/operations";
export { applyTextEdits, diffEdits, spanOf } from "./template/edits";
export { parseTemplate, INTRINSIC_TAGS, positionAt, nodeAt, keyLineAt, detectFormat, type ParsedTemplate, type ParseOutcome } from "./template/parse";
export { STARTERS, starterById, type Starter } from "./starters";

/**
 * Cost (core/cost) — `estimate(model, usage, prices, options) → CostBreakdown` (per resource and
 * pricing dimension, totals with/without free tier, per million entry requests, assumptions,
 * cost-vs-traffic series, break-even vs an always-on instance); `firingsPerMonth(expression)`;
 * `priceWorkedExample(case, prices)`. Prices are passed in (resources/pricing/<region>.json).
 */
export {
  estimate,
  costVsTraffic,
  firingsPerMonth,
  priceWorkedExample,
  PRICED_REGIONS,
  type CostBreakdown,
  type CostLine,
  type PriceTable,
  type UsageInput,
} from "./cost";

/**
 * Validation (core/validate) — `validateTemplate(parsedOrModel, spec) → Problem[]` (unknown type /
 * property, wrong shape, required, allowed values, SAM schema, missing Ref/GetAtt/Sub/DependsOn/
 * Condition targets, GetAtt attributes, intrinsic argument shapes, cycles, template limits); for
 * the editor: `createValidationContext(parsed, spec)` once, then `validateResource(ctx, id)`.
 * The spec is passed in: `resources/spec/cloudformation.json` + `sam.json` (built by
 * scripts/build-spec.mjs; the CLI reads them with cli/commands/validate.ts `loadSpec()`, the
 * renderer can `import()` them).
 * Resource spec (core/spec) — data types and pure lookups (`propertiesOf`, `attributesOf`,
 * `hasAttribute`, `describeShape`, `isThirdPartyType`).
 * Export (core/transform) — `exportTemplate(text, { format: "sam" | "cfn", as: "yaml" | "json" })`
 * → { text, unsupported, problems }; `toCloudFormation(parsed) → { template, unsupported }` (local
 * SAM transform); `toYaml` (short-form intrinsics) / `toJson`; `expandPolicyTemplate(name, args)`.
 */
export { validateTemplate, validateResource, validateTemplateLevel, createValidationContext, collectReferences, dependencyGraph, findCycles, TEMPLATE_LIMITS, type ValidationContext, type ValidationInput } from "./validate";
export { attributesOf, describeShape, hasAttribute, isSamType, isThirdPartyType, propertiesOf, resourceTypeSpec, SAM_ATTRIBUTE_SOURCE, type CloudFormationSpec, type SamSpec, type Shape, type Spec } from "./spec";
export { exportTemplate, toCloudFormation, toJson, toYaml, expandPolicyTemplate, isPolicyTemplate, type CloudFormationResult, type ExportOptions, type ExportResult } from "./transform";

/**
 * Function code (core/code) — `functionWiring(model, id)` (triggers, access wires and the env vars
 * that carry them), `functionRunSettings(model, id)` (runtime, handler, CodeUri, timeout, memory
 * with Globals), `generateStarter(wiring, { runtime, language, architecture })` → files under
 * `src/<Id>/` + Handler, `codeProperties(id, options, type)` (the template edits that point at
 * them), `generateDeclarations(wiring)` (the function's .d.ts: event type from @types/aws-lambda,
 * exact `process.env`), `sampleEvent(trigger)` / `defaultTestEvent(wiring)` (documented shapes),
 * `invokeEnvironment(model, id)` (template variables with readable placeholders, no credentials).
 */
export {
  functionWiring,
  functionRunSettings,
  generateStarter,
  codeProperties,
  generateDeclarations,
  sampleEvent,
  defaultTestEvent,
  invokeEnvironment,
  STARTER_RUNTIMES,
  type FunctionWiring,
  type FunctionTrigger,
  type FunctionAccess,
  type TriggerKind,
  type StarterOptions,
} from "./code";
