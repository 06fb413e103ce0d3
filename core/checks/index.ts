/**
 * Architecture checks: the mistakes that cost money or lose events, caught while the person draws.
 *
 * `runChecks(model, parsed?, options)` runs every rule (one file per rule in this folder) and
 * returns located problems with `source: "check"`, a code `check/<rule id>`, the reason with its
 * AWS source, and a quick fix (an Operation for core/template/operations.applyOperation) where one
 * exists. Pure: no I/O; the caller passes the price table and the flowform.json preferences.
 */
import type { Problem, TemplateModel } from "../model/types";
import { modelFromParsed } from "../model/import";
import { parseTemplate, type ParsedTemplate } from "../template/parse";
import { apiWithoutAuthorizer } from "./api-without-authorizer";
import { asyncWithoutFailureDestination } from "./async-without-failure-destination";
import { bucketPublicAccess } from "./bucket-public-access";
import { readDesignFacts } from "./design-facts";
import { functionTimeout } from "./function-timeout";
import { iamWildcard } from "./iam-wildcard";
import { logGroupRetention } from "./log-group-retention";
import { reservedConcurrencyBudget } from "./reserved-concurrency-budget";
import type { CheckContext, CheckOptions, CheckRule } from "./rule";
import { runawayLoop } from "./runaway-loop";
import { secretInEnvironment } from "./secret-in-environment";
import { sqsVisibilityTimeout } from "./sqs-visibility-timeout";
import { streamWithoutFailureHandling } from "./stream-without-failure-handling";

export type { CheckOptions, CheckRule } from "./rule";
export { concurrencyBudgetIn } from "./reserved-concurrency-budget";

/** Every rule, in the order their problems are listed. */
export const CHECK_RULES: readonly CheckRule[] = [
  runawayLoop,
  asyncWithoutFailureDestination,
  streamWithoutFailureHandling,
  sqsVisibilityTimeout,
  functionTimeout,
  apiWithoutAuthorizer,
  bucketPublicAccess,
  iamWildcard,
  secretInEnvironment,
  logGroupRetention,
  reservedConcurrencyBudget,
];

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Run the architecture checks on a model. Never throws: a rule that fails on odd input is skipped. */
export function runChecks(model: TemplateModel, parsed?: ParsedTemplate | null, options: CheckOptions = {}): Problem[] {
  const facts = readDesignFacts(model);
  const ctx: CheckContext = { model, parsed: parsed ?? undefined, options, facts };
  const problems: Problem[] = [];
  for (const rule of CHECK_RULES) {
    if (options.rules && !options.rules.includes(rule.id)) continue;
    try {
      problems.push(...rule.run(ctx));
    } catch {
      // A rule must not take the whole panel down on a template shape it did not expect.
    }
  }
  return problems.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}

export interface TemplateCheckResult {
  /** The checks' problems (empty when the template did not parse). */
  problems: Problem[];
  /** Parse and import problems, so a caller can tell "no findings" from "could not read". */
  readProblems: Problem[];
  model: TemplateModel | null;
}

/** Parse, import and check template text in one call (the CLI and tests use this). */
export function checkTemplate(text: string, options: CheckOptions = {}): TemplateCheckResult {
  const { parsed, problems: readProblems } = parseTemplate(text, options.file);
  if (!parsed) return { problems: [], readProblems, model: null };
  let model: TemplateModel;
  try {
    model = modelFromParsed(parsed, readProblems);
  } catch (err) {
    readProblems.push({ severity: "error", code: "template/unreadable", message: `Flowform could not read this template: ${(err as Error).message}`, source: "parse", file: options.file, line: 1, column: 1 });
    return { problems: [], readProblems, model: null };
  }
  return { problems: runChecks(model, parsed, options), readProblems, model };
}
