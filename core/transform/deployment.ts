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

export function deploymentPreference(ctx: TransformContext, fnId: string, preference: JsonObject, aliasId: string | undefined): void {
  if (preference.Enabled === false || preference.Enabled === "false") return;
  if (!aliasId) {
    ctx.unsupported.push(`${fnId}: DeploymentPreference without AutoPublishAlias`);
    return;
  }
  if (preference.PassthroughCondition !== undefined || preference.Condition !== undefined || preference.TriggerConfigurations !== undefined) {
    ctx.unsupported.push(`${fnId}: DeploymentPreference with Condition / PassthroughCondition / TriggerConfigurations`);
    return;
  }
  if (!ctx.resources.ServerlessDeploymentApplication) {
    ctx.resources.ServerlessDeploymentApplication = { Type: "AWS::CodeDeploy::Application", Properties: { ComputePlatform: "Lambda" } };
  }
  let serviceRole: unknown = preference.Role;
  if (serviceRole === undefined) {
    if (!ctx.resources.CodeDeployServiceRole) {
      ctx.resources.CodeDeployServiceRole = {
        Type: "AWS::IAM::Role",
        Properties: {
          AssumeRolePolicyDocument: assumeRolePolicy("codedeploy.amazonaws.com"),
          ManagedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda"],
        },
      };
    }
    serviceRole = getAtt("CodeDeployServiceRole", "Arn");
  }
  const type = preference.Type;
  const group: JsonObject = {
    ApplicationName: ref("ServerlessDeploymentApplication"),
    AutoRollbackConfiguration: { Enabled: true, Events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST"] },
    DeploymentConfigName: typeof type === "string" && PREDEFINED.has(type) ? { "Fn::Sub": ["CodeDeployDefault.Lambda${ConfigName}", { ConfigName: type }] } : type,
    DeploymentStyle: { DeploymentOption: "WITH_TRAFFIC_CONTROL", DeploymentType: "BLUE_GREEN" },
    ServiceRoleArn: serviceRole,
  };
  if (Array.isArray(preference.Alarms) && preference.Alarms.length > 0) {
    group.AlarmConfiguration = { Alarms: preference.Alarms.map((a) => ({ Name: a })), Enabled: true };
  }
  const groupId = `${fnId}DeploymentGroup`;
  ctx.resources[groupId] = { Type: "AWS::CodeDeploy::DeploymentGroup", Properties: group };
  const update: JsonObject = { ApplicationName: ref("ServerlessDeploymentApplication"), DeploymentGroupName: ref(groupId) };
  const hooks = isPlainObject(preference.Hooks) ? preference.Hooks : {};
  if (hooks.PreTraffic !== undefined) update.BeforeAllowTrafficHook = hooks.PreTraffic;
  if (hooks.PostTraffic !== undefined) update.AfterAllowTrafficHook = hooks.PostTraffic;
  ctx.resources[aliasId].UpdatePolicy = { CodeDeployLambdaAliasUpdate: update };
}
