/**
 * Secrets in plain environment variables.
 *
 * What is matched (to keep false positives low):
 * - a variable whose NAME says it holds a secret — PASSWORD, PASSWD, PWD, SECRET, TOKEN, API_KEY /
 *   APIKEY, PRIVATE_KEY, ACCESS_KEY, SECRET_KEY, CLIENT_SECRET, CREDENTIAL(S), as a whole word of
 *   the snake_case or camelCase name — unless the name says it holds a reference to the secret
 *   (ends in _ARN, _NAME, _ID, _PARAM/_PARAMETER, _PATH, _URL/_URI, _TABLE, _BUCKET, _QUEUE, _TOPIC,
 *   _REGION, _HEADER, _TTL, _ENABLED, _TYPE…) or the value is an ARN, a path or a Ref/GetAtt to
 *   a resource;
 *   - literal value → warning; value from a template parameter or a `{{resolve:…}}` dynamic
 *     reference → info (it still ends up in plain text in the function's configuration);
 * - any variable whose VALUE looks like a known credential format (AWS access key id, PEM private
 *   key, GitHub token, Slack token, Stripe live key, Google API key) → warning.
 */
import type { Problem, Severity } from "../model/types";
import { isObject, referencedNames } from "./references";
import { describe, finding, type CheckRule } from "./rule";

const WHY =
  "Environment variables are stored in the function's configuration and shown to anyone who can read it (console, GetFunctionConfiguration, " +
  "template history). AWS recommends keeping database credentials, API keys and tokens in AWS Secrets Manager and reading them at run time. " +
  "Source: AWS Lambda Developer Guide, \"Working with Lambda environment variables\" (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html), read 2026-11-23.";

const SECRET_WORDS = /(^|_)(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|SECRET_?KEY|CLIENT_?SECRET|CREDENTIALS?)(_|$)/;
const REFERENCE_SUFFIX = /_(ARN|NAME|ID|IDS|PARAM|PARAMETER|PARAMETER_NAME|PATH|URL|URI|TABLE|BUCKET|QUEUE|TOPIC|REGION|HEADER|TTL|EXPIRY|EXPIRATION|LENGTH|TYPE|FIELD|ENABLED|VERSION|SIZE|LOCATION|STAGE|ENDPOINT|KEY_ID|SSM|PREFIX)$/;

const VALUE_PATTERNS: { name: string; re: RegExp }[] = [
  { name: "an AWS access key id", re: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: "a PEM private key", re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: "a GitHub token", re: /\bgh[pousr]_[A-Za-z0-9]{36}\b/ },
  { name: "a Slack token", re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { name: "a Stripe live key", re: /\b[sr]k_live_[0-9a-zA-Z]{16,}/ },
  { name: "a Google API key", re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
];

/** "dbPassword" → "DB_PASSWORD"; "DB-PASSWORD" → "DB_PASSWORD". */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
}

export function secretLikeName(name: string): boolean {
  const s = snake(name);
  return SECRET_WORDS.test(s) && !REFERENCE_SUFFIX.test(s);
}

export const secretInEnvironment: CheckRule = {
  id: "secret-in-environment",
  title: "Secret in a plain environment variable",
  severity: "warning",
  source: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html",
  run(ctx) {
    const problems: Problem[] = [];
    const parameters = new Set(ctx.model.parameters.map((p) => p.name));
    const globalsVars = isObject(ctx.model.globals?.Function) && isObject(ctx.model.globals.Function.Environment) && isObject(ctx.model.globals.Function.Environment.Variables)
      ? ctx.model.globals.Function.Environment.Variables
      : {};
    const reportedGlobals = new Set<string>();
    for (const fn of ctx.facts.functions.values()) {
      const env = isObject(fn.props.Environment) ? fn.props.Environment.Variables : undefined;
      if (!isObject(env)) continue;
      const own = isObject(fn.resource.properties.Environment) && isObject(fn.resource.properties.Environment.Variables) ? fn.resource.properties.Environment.Variables : {};
      for (const [name, value] of Object.entries(env)) {
        const fromGlobals = !(name in own) && name in globalsVars && fn.resource.type === "AWS::Serverless::Function";
        if (fromGlobals && reportedGlobals.has(name)) continue;
        let severity: Severity | undefined;
        let what = "";
        const text = typeof value === "string" ? value : undefined;
        const pattern = text ? VALUE_PATTERNS.find((p) => p.re.test(text)) : undefined;
        if (pattern) {
          severity = "warning";
          what = `holds what looks like ${pattern.name}`;
        } else if (secretLikeName(name)) {
          if (text !== undefined) {
            if (text.trim() === "" || /^(arn:|\/|\$\{)/.test(text)) continue;
            if (/^\{\{resolve:/.test(text)) {
              severity = "info";
              what = "is filled from a dynamic reference at deploy time; the resolved secret is stored in plain text in the function's configuration";
            } else {
              severity = "warning";
              what = "is written in the template in plain text";
            }
          } else if (isObject(value)) {
            const names = [...referencedNames(value)];
            const params = names.filter((n) => parameters.has(n));
            const dynamic = JSON.stringify(value).includes("{{resolve:");
            if (params.length === 0 && !dynamic) continue;
            severity = "info";
            what = params.length
              ? `comes from parameter ${params.join(", ")}; the value is stored in plain text in the function's configuration`
              : "is filled from a dynamic reference at deploy time; the resolved secret is stored in plain text in the function's configuration";
          }
        }
        if (!severity) continue;
        if (fromGlobals) reportedGlobals.add(name);
        problems.push(
          finding(ctx, {
            rule: secretInEnvironment,
            severity,
            resource: fn.resource,
            path: ["Properties", "Environment", "Variables", name],
            message: `Environment variable ${name}${fromGlobals ? " (set in Globals for every function)" : ` of ${describe(fn.resource, fn.resource.id)}`} ${what}. Keep it in Secrets Manager and read it at run time.`,
            why: WHY,
          }),
        );
      }
    }
    return problems;
  },
};
