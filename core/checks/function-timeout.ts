/**
 * Function timeout longer than its caller can wait, or above Lambda's maximum.
 *
 * - Lambda's maximum timeout is 900 seconds (15 minutes): a larger value is rejected.
 * - API Gateway REST APIs wait at most 29 seconds for an integration (the quota can be raised for
 *   Regional and private REST APIs since June 2024); HTTP APIs at most 30 seconds (not raisable).
 *   A function allowed to run longer keeps running, and billing, after the client got a 504.
 */
import type { Problem } from "../model/types";
import { describe, finding, setPropertyFix, wiresOfDeclarations, type CheckRule } from "./rule";

const MAX_TIMEOUT = 900;
const REST_LIMIT = 29;
const HTTP_LIMIT = 30;

const WHY_MAX =
  "Lambda runs a function for at most 900 seconds (15 minutes); a larger timeout is rejected at deploy. Source: AWS Lambda Developer " +
  "Guide, \"Configure Lambda function timeout\" (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html), read 2026-11-23.";

const WHY_API =
  "API Gateway stops waiting for an integration after 29 seconds for REST APIs (raisable only for Regional and private REST APIs) and " +
  "30 seconds for HTTP APIs; the client gets a 504 while the function keeps running and billing. Sources: \"Quotas for configuring and " +
  "running a REST API in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html) " +
  "and \"Quotas for configuring and running an HTTP API in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html), read 2026-11-23.";

export const functionTimeout: CheckRule = {
  id: "function-timeout",
  title: "Function timeout longer than its API can wait, or above 900 s",
  severity: "warning",
  source: "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html",
  run(ctx) {
    const problems: Problem[] = [];
    for (const fn of ctx.facts.functions.values()) {
      const timeout = fn.timeout;
      if (timeout === undefined) continue;
      const id = fn.resource.id;
      const where = fn.timeoutFromGlobals ? " (from Globals)" : "";
      if (timeout > MAX_TIMEOUT) {
        problems.push(
          finding(ctx, {
            rule: functionTimeout,
            severity: "error",
            resource: fn.resource,
            path: ["Properties", "Timeout"],
            message: `${describe(fn.resource, id)} has a timeout of ${timeout} s${where}; Lambda allows at most ${MAX_TIMEOUT} s.`,
            why: WHY_MAX,
            fix: setPropertyFix(`Set the timeout to ${MAX_TIMEOUT} s`, id, ["Timeout"], MAX_TIMEOUT),
          }),
        );
        continue;
      }
      const kinds = new Set((ctx.facts.triggersOf.get(id) ?? []).map((t) => t.kind));
      const limit = kinds.has("rest-api") ? REST_LIMIT : kinds.has("http-api") ? HTTP_LIMIT : undefined;
      if (limit === undefined || timeout <= limit) continue;
      const api = kinds.has("rest-api") ? "REST API" : "HTTP API";
      problems.push(
        finding(ctx, {
          rule: functionTimeout,
          resource: fn.resource,
          path: ["Properties", "Timeout"],
          message: `${describe(fn.resource, id)} has a timeout of ${timeout} s${where}, but the ${api} that calls it waits at most ${limit} s: callers get a 504 while the function keeps running.`,
          why: WHY_API,
          fix: setPropertyFix(`Set the timeout to ${limit} s`, id, ["Timeout"], limit),
          wires: wiresOfDeclarations(ctx, (ctx.facts.triggersOf.get(id) ?? []).filter((t) => t.kind === (api === "REST API" ? "rest-api" : "http-api"))),
        }),
      );
    }
    return problems;
  },
};
