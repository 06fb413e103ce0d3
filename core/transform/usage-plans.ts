/**
 * A REST API's `Auth.UsagePlan` (SAM developer guide, ApiUsagePlan): a usage plan for the API's
 * stage, an API key and the key's link to the plan.
 * - PER_API: `<Api>UsagePlan`, `<Api>ApiKey`, `<Api>UsagePlanKey`;
 * - SHARED: one `ServerlessUsagePlan`, `ServerlessApiKey`, `ServerlessUsagePlanKey` for every
 *   API that asks for it, listing each API's stage. When every such API has a Condition the shared
 *   resources get `SharedUsagePlanCondition` (any of them), and the most protective
 *   DeletionPolicy / UpdateReplacePolicy among the APIs;
 * - NONE (or no UsagePlan): nothing.
 * `Ref: <Api>.UsagePlan`, `.ApiKey` and `.UsagePlanKey` name the generated resources.
 */
import { isPlainObject } from "../validate/intrinsics";
import { conditionOf, pick, ref, type JsonObject, type TransformContext } from "./context";

interface SharedPlan {
  apis: string[];
  stages: JsonObject[];
  conditions: unknown[];
  deletion: unknown[];
  replace: unknown[];
  props: JsonObject;
  tags?: unknown;
}

const shared = new WeakMap<TransformContext, SharedPlan>();

/** Retain keeps the most, Delete the least (CloudFormation user guide, DeletionPolicy attribute). */
const PROTECTION = ["Delete", "Snapshot", "RetainExceptOnCreate", "Retain"];
const mostProtective = (values: unknown[]) => values.filter((v) => typeof v === "string").sort((a, b) => PROTECTION.indexOf(a as string) - PROTECTION.indexOf(b as string)).at(-1);

const tagList = (tags: unknown) => (isPlainObject(tags) ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : undefined);

export function addUsagePlan(ctx: TransformContext, apiId: string, api: JsonObject, stageId: string, plan: unknown): void {
  if (plan === undefined) return;
  if (!isPlainObject(plan) || !["PER_API", "SHARED", "NONE"].includes(plan.CreateUsagePlan as string)) {
    const given = isPlainObject(plan) && isPlainObject(plan.CreateUsagePlan) ? "given by an intrinsic function" : "must be PER_API, SHARED or NONE";
    ctx.unsupported.push(`${apiId}: Auth.UsagePlan (CreateUsagePlan ${given})`);
    return;
  }
  if (plan.CreateUsagePlan === "NONE") return;
  const props = (isPlainObject(api.Properties) ? api.Properties : {}) as JsonObject;
  // With PropagateTags the API's tags go on the resources it generates (SAM AWS::Serverless::Api "PropagateTags").
  const apiTags = props.PropagateTags === true ? tagList(props.Tags) : undefined;
  const settings = pick(plan, ["Description", "Quota", "Tags", "Throttle", "UsagePlanName"]);
  const stage = { ApiId: ref(apiId), Stage: ref(stageId) };
  if (plan.CreateUsagePlan === "PER_API") {
    const attrs = conditionOf(api);
    write(ctx, `${apiId}UsagePlan`, `${apiId}ApiKey`, `${apiId}UsagePlanKey`, { ...settings, ...(apiTags && !settings.Tags ? { Tags: apiTags } : {}), ApiStages: [stage] }, [apiId], [{ RestApiId: ref(apiId), StageName: ref(stageId) }], attrs, apiTags);
    for (const [name, id] of [["UsagePlan", "UsagePlan"], ["ApiKey", "ApiKey"], ["UsagePlanKey", "UsagePlanKey"]]) ctx.refRewrites.set(`${apiId}.${name}`, `${apiId}${id}`);
    return;
  }
  const state = shared.get(ctx) ?? { apis: [], stages: [], conditions: [], deletion: [], replace: [], props: {} };
  shared.set(ctx, state);
  state.apis.push(apiId);
  state.stages.push(stage);
  state.conditions.push(api.Condition);
  state.deletion.push(api.DeletionPolicy);
  state.replace.push(api.UpdateReplacePolicy);
  state.props = { ...settings, ...state.props };
  state.tags ??= apiTags;
  const attrs: JsonObject = {};
  if (state.conditions.every((c) => typeof c === "string")) {
    const distinct = [...new Set(state.conditions as string[])];
    if (distinct.length === 1) attrs.Condition = distinct[0];
    else {
      const conditions = (isPlainObject(ctx.template.Conditions) ? ctx.template.Conditions : (ctx.template.Conditions = {})) as JsonObject;
      conditions.SharedUsagePlanCondition = { "Fn::Or": distinct.map((c) => ({ Condition: c })) };
      attrs.Condition = "SharedUsagePlanCondition";
    }
  }
  const deletion = mostProtective(state.deletion);
  const replace = mostProtective(state.replace);
  if (deletion) attrs.DeletionPolicy = deletion;
  if (replace) attrs.UpdateReplacePolicy = replace;
  const planProps = { ...state.props, ...(state.tags && !state.props.Tags ? { Tags: state.tags } : {}), ApiStages: state.stages };
  write(ctx, "ServerlessUsagePlan", "ServerlessApiKey", "ServerlessUsagePlanKey", planProps, state.apis, state.stages.map((s) => ({ RestApiId: s.ApiId, StageName: s.Stage })), attrs, state.tags);
  for (const name of ["UsagePlan", "ApiKey", "UsagePlanKey"]) ctx.refRewrites.set(`${apiId}.${name}`, `Serverless${name}`);
}

function write(ctx: TransformContext, planId: string, keyId: string, linkId: string, planProps: JsonObject, apis: string[], stageKeys: JsonObject[], attrs: JsonObject, tags: unknown): void {
  ctx.resources[planId] = { Type: "AWS::ApiGateway::UsagePlan", ...attrs, DependsOn: [...apis], Properties: planProps };
  ctx.resources[keyId] = { Type: "AWS::ApiGateway::ApiKey", ...attrs, DependsOn: [planId], Properties: { Enabled: true, StageKeys: stageKeys, ...(tags ? { Tags: tags } : {}) } };
  ctx.resources[linkId] = { Type: "AWS::ApiGateway::UsagePlanKey", ...attrs, DependsOn: [keyId], Properties: { KeyId: ref(keyId), KeyType: "API_KEY", UsagePlanId: ref(planId) } };
}
