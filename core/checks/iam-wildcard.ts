/**
 * IAM statements with `*` actions or resources.
 *
 * Matched, in Allow statements of identity policies (SAM `Policies`, role inline policies,
 * `AWS::IAM::Policy` / `ManagedPolicy`; not trust policies nor resource policies):
 * - error: `Action: "*"` (every action of every service), and the AWS managed policies
 *   AdministratorAccess / PowerUserAccess;
 * - warning: a whole-service action (`s3:*`), `NotAction` with Allow, or `Resource: "*"` for
 *   actions that can be scoped to a resource.
 * Not reported: `Resource: "*"` when every action in the statement only works with "*" (X-Ray
 * writes, CloudWatch PutMetricData, EC2 network-interface and Describe calls for VPC functions,
 * list/describe calls listed below, AI services' stateless Detect/Translate calls).
 */
import type { Problem, Severity } from "../model/types";
import { actionAllows } from "./iam";
import { finding, type CheckRule } from "./rule";

const WHY =
  "Grant only the permissions a task needs (least privilege): a function with broad actions or every resource can read, change or " +
  "delete far more than it should if its code or dependencies are compromised. Sources: IAM User Guide, \"Security best practices in " +
  "IAM\" — apply least-privilege permissions (https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege) " +
  "and AWS Control Tower control CT.IAM.PR.1 (https://docs.aws.amazon.com/controltower/latest/controlreference/iam-rules.html), read 2026-11-23.";

/** Actions that only accept Resource "*" (their service authorization reference lists no resource type). */
const ONLY_STAR = [
  "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
  "cloudwatch:PutMetricData", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics",
  "ec2:Describe*", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
  "sts:GetCallerIdentity", "s3:ListAllMyBuckets", "sqs:ListQueues", "sns:ListTopics", "dynamodb:ListTables", "lambda:ListFunctions",
  "states:ListStateMachines", "kms:ListKeys", "kms:ListAliases", "secretsmanager:ListSecrets", "secretsmanager:GetRandomPassword",
  "ssm:DescribeParameters", "logs:DescribeLogGroups", "iam:ListRoles", "iam:ListPolicies", "events:ListRules", "tag:GetResources",
  "rekognition:Detect*", "rekognition:CompareFaces", "rekognition:RecognizeCelebrities", "comprehend:Detect*", "comprehend:BatchDetect*",
  "translate:TranslateText", "textract:AnalyzeDocument", "textract:DetectDocumentText", "textract:AnalyzeExpense", "textract:AnalyzeID",
  "textract:StartDocument*", "textract:GetDocument*", "polly:SynthesizeSpeech", "transcribe:StartTranscriptionJob", "transcribe:GetTranscriptionJob",
  "ses:SendEmail", "ses:SendRawEmail", "cognito-idp:ListUserPools", "apigateway:GET", "servicequotas:Get*", "pricing:*",
];

function onlyStar(action: string): boolean {
  return ONLY_STAR.some((pattern) => actionAllows(pattern, action) || pattern.toLowerCase() === action.toLowerCase());
}

function hasStarResource(resource: unknown): boolean {
  return resource === "*" || (Array.isArray(resource) && resource.includes("*"));
}

export const iamWildcard: CheckRule = {
  id: "iam-wildcard",
  title: "IAM statement with * actions or resources",
  severity: "warning",
  source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  run(ctx) {
    const problems: Problem[] = [];
    for (const statement of ctx.facts.permissions.statements) {
      if (statement.effect !== "Allow") continue;
      const reasons: string[] = [];
      let severity: Severity = "warning";
      const starResource = hasStarResource(statement.resource);
      if (statement.notAction) {
        reasons.push(`allows every action except ${statement.actions.join(", ") || "the listed ones"} (NotAction)${starResource ? ' on every resource (Resource "*")' : ""}`);
      } else if (statement.actions.includes("*")) {
        reasons.push(`allows every action of every service (Action "*")${starResource ? ' on every resource (Resource "*")' : ""}`);
        severity = "error";
      } else {
        const whole = statement.actions.filter((a) => /^[\w-]+:\*$/.test(a));
        if (whole.length > 0) reasons.push(`allows every action of ${whole.map((a) => a.split(":")[0]).join(", ")} (${whole.join(", ")})`);
        const scopable = starResource ? statement.actions.filter((a) => !onlyStar(a)) : [];
        if (scopable.length > 0) reasons.push(`allows ${scopable.slice(0, 4).join(", ")}${scopable.length > 4 ? "…" : ""} on every resource (Resource "*")`);
      }
      if (reasons.length === 0) continue;
      const owner = ctx.facts.resources.get(statement.owner);
      const holder = owner?.type === "AWS::IAM::Role" ? `Role ${statement.owner}` : owner?.type?.startsWith("AWS::IAM::") ? `Policy ${statement.owner}` : `${statement.owner}'s policy`;
      const users = statement.functions.filter((f) => f !== statement.owner);
      problems.push(
        finding(ctx, {
          rule: iamWildcard,
          severity,
          resource: statement.owner,
          path: statement.path,
          message: `${holder} has a statement that ${reasons.join(" and ")}${users.length ? ` (used by ${users.join(", ")})` : ""}. Name the actions and resources it needs.`,
          why: WHY,
        }),
      );
    }
    for (const policy of ctx.facts.permissions.managedPolicies) {
      if (policy.name !== "AdministratorAccess" && policy.name !== "PowerUserAccess") continue;
      problems.push(
        finding(ctx, {
          rule: iamWildcard,
          severity: policy.name === "AdministratorAccess" ? "error" : "warning",
          resource: policy.owner,
          path: policy.path,
          message: `${policy.owner} attaches the AWS managed policy ${policy.name}, which allows ${policy.name === "AdministratorAccess" ? "every action on every resource" : "every action outside IAM and Organizations"}.`,
          why: WHY,
        }),
      );
    }
    return problems;
  },
};
