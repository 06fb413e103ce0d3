/**
 * DeploymentPreference (gradual deployments with CodeDeploy), as SAM generates it (SAM developer
 * guide, "Deploying serverless applications gradually"): one `ServerlessDeploymentApplication`
 * (AWS::CodeDeploy::Application, ComputePlatform Lambda) and one `CodeDeployServiceRole` per
 * template, a deployment group `<Fn>DeploymentGroup` per function, and an UpdatePolicy on the
 * function's alias that hands alias updates to CodeDeploy (with the pre/post traffic hooks).
 */
import { isPlainObject } from "../validate/intrinsics";
import { getAtt, ref, type JsonObject, type TransformContext } from "./context";
import { assumeRolePolicy } from "./policies";

/** CodeDeploy's predefined Lambda deployment configurations (CodeDeployDefault.Lambda<Name>). */
const PREDEFINED = new Set([
  "Canary10Percent30Minutes",
  "Canary10Percent5Minutes",
  "Canary10Percent10Minutes",
  "Canary10Percent15Minutes",
  "Linear10PercentEvery10Minutes",
  "Linear10PercentEvery1Minute",
  "Linear10PercentEvery2Minutes",
  "Linear10PercentEvery3Minutes",
  "AllAtOnce",
]);

const isIf = (v: unknown): v is { "Fn::If": unknown[] } => isPlainObject(v) && Array.isArray(v["Fn::If"]) && Object.keys(v).length === 1;

/** Apply `f` to a value, or to each branch of its Fn::If (nested ones too); AWS::NoValue stays. */
function eachBranch(value: unknown, f: (v: unknown) => unknown): unknown {
  if (isIf(value)) {
    const [cond, a, b] = value["Fn::If"];
    return { "Fn::If": [cond, eachBranch(a, f), eachBranch(b, f)] };
  }
  return isPlainObject(value) && value.Ref === "AWS::NoValue" ? value : f(value);
}

/** Conditions of the deployment groups that use each shared resource (undefined: unconditional). */
const users = new WeakMap<TransformContext, Map<string, unknown[]>>();

/** A resource every function shares: conditional only when all its users carry the same condition. */
function shared(ctx: TransformContext, id: string, condition: unknown, make: () => JsonObject): void {
  const byId = users.get(ctx) ?? new Map<string, unknown[]>();
  users.set(ctx, byId);
  const conditions = [...(byId.get(id) ?? []), condition];
  byId.set(id, conditions);
  const common = conditions.every((c) => c !== undefined && JSON.stringify(c) === JSON.stringify(conditions[0])) ? conditions[0] : undefined;
  const res = ctx.resources[id] ?? make();
  if (common !== undefined) res.Condition = common;
  else delete res.Condition;
  ctx.resources[id] = res;
}

export function deploymentPreference(ctx: TransformContext, fnId: string, preference: JsonObject, aliasId: string | undefined, fnCondition?: unknown): void {
  if (preference.Enabled === false || preference.Enabled === "false") return;
  // Whether CodeDeploy resources exist at all is decided here; a parameter's deploy-time value cannot decide it.
  if (preference.Enabled !== undefined && preference.Enabled !== true && preference.Enabled !== "true") {
    ctx.unsupported.push(`${fnId}: DeploymentPreference Enabled given by an intrinsic function`);
    return;
  }
  if (!aliasId) {
    ctx.unsupported.push(`${fnId}: DeploymentPreference without AutoPublishAlias`);
    return;
  }
  if (preference.Condition !== undefined || (preference.PassthroughCondition !== undefined && typeof preference.PassthroughCondition !== "boolean")) {
    ctx.unsupported.push(`${fnId}: DeploymentPreference with Condition / PassthroughCondition given by an intrinsic function`);
    return;
  }
  // PassthroughCondition: the CodeDeploy resources exist only when the function does (SAM DeploymentPreference "PassthroughCondition").
  const condition = preference.PassthroughCondition === true ? fnCondition : undefined;
  const attrs = condition !== undefined ? { Condition: condition } : {};
  shared(ctx, "ServerlessDeploymentApplication", condition, () => ({ Type: "AWS::CodeDeploy::Application", Properties: { ComputePlatform: "Lambda" } }));
  let serviceRole: unknown = preference.Role;
  if (serviceRole === undefined) {
    shared(ctx, "CodeDeployServiceRole", condition, () => ({
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: assumeRolePolicy("codedeploy.amazonaws.com"),
        ManagedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda"],
      },
    }));
    serviceRole = getAtt("CodeDeployServiceRole", "Arn");
  }
  const type = preference.Type;
  const group: JsonObject = {
    ApplicationName: ref("ServerlessDeploymentApplication"),
    AutoRollbackConfiguration: { Enabled: true, Events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST"] },
    DeploymentConfigName: eachBranch(type, (t) => (typeof t === "string" && PREDEFINED.has(t) ? { "Fn::Sub": ["CodeDeployDefault.Lambda${ConfigName}", { ConfigName: t }] } : t)),
    DeploymentStyle: { DeploymentOption: "WITH_TRAFFIC_CONTROL", DeploymentType: "BLUE_GREEN" },
    ServiceRoleArn: serviceRole,
  };
  if ((Array.isArray(preference.Alarms) && preference.Alarms.length > 0) || isIf(preference.Alarms)) {
    group.AlarmConfiguration = eachBranch(preference.Alarms, (list) => (Array.isArray(list) ? { Alarms: list.map((a) => ({ Name: a })), Enabled: true } : list));
  }
  if (preference.TriggerConfigurations !== undefined) group.TriggerConfigurations = preference.TriggerConfigurations;
  const groupId = `${fnId}DeploymentGroup`;
  ctx.resources[groupId] = { Type: "AWS::CodeDeploy::DeploymentGroup", ...attrs, Properties: group };
  const update: JsonObject = { ApplicationName: ref("ServerlessDeploymentApplication"), DeploymentGroupName: ref(groupId) };
  const hooks = isPlainObject(preference.Hooks) ? preference.Hooks : {};
  if (hooks.PreTraffic !== undefined) update.BeforeAllowTrafficHook = hooks.PreTraffic;
  if (hooks.PostTraffic !== undefined) update.AfterAllowTrafficHook = hooks.PostTraffic;
  ctx.resources[aliasId].UpdatePolicy = { CodeDeployLambdaAliasUpdate: update };
}
