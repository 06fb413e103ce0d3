/**
 * `flowform deploy PATH --stack NAME --region R [--profile P] [--yes]`: the same deploy as the
 * app — package the code, create a change set, print the one review (changes, IAM in words,
 * cost delta), execute on confirmation and follow the stack events to the end.
 *
 * Defaults come from the project's flowform.json `deploy` section (profile, region, stack name,
 * staging bucket, parameter values). Without --yes it asks on a terminal; without a terminal it
 * stops after the review (and deletes the change set), so a script never deploys by accident.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { fileURLToPath } from "node:url";
import { reviewText, type DeployProgress } from "../../core/deploy";
import { parseSettings } from "../../core/project/settings";
import { DeployService, loadPriceTables, type DeployServiceOptions } from "../../main/deploy";
import type { Command, CommandIO } from "../command";

const USAGE = "flowform deploy PATH --stack NAME --region R [--profile P] [--bucket B] [--parameter KEY=VALUE]... [--yes]";

const HELP = `PATH is a project folder (template.yaml + src/) or a template file in one.
  --stack NAME        stack name (default: flowform.json deploy.stackName)
  --region R          AWS region (default: flowform.json deploy.region)
  --profile P         AWS profile from ~/.aws/config or ~/.aws/credentials (default: the SDK's default chain)
  --bucket B          staging bucket for code and large templates (default: flowform.json deploy.stagingBucket)
  --parameter K=V     a template parameter value (repeatable; adds to flowform.json deploy.parameters)
  --yes               do not ask: create a missing staging bucket and execute the change set
Exit codes: 0 deployed (or nothing to change), 1 failed or not confirmed, 2 usage error.
FLOWFORM_AWS_ENDPOINT points the AWS clients at another endpoint (the test emulator; not AWS).`;

interface Options {
  path?: string;
  stack?: string;
  region?: string;
  profile?: string;
  bucket?: string;
  parameters: Record<string, string>;
  yes: boolean;
}

class UsageError extends Error {}

function parseArgs(args: string[]): Options {
  const o: Options = { parameters: {}, yes: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--stack") o.stack = value();
    else if (arg === "--region") o.region = value();
    else if (arg === "--profile") o.profile = value();
    else if (arg === "--bucket") o.bucket = value();
    else if (arg === "--parameter") {
      const [k, ...rest] = value().split("=");
      if (!k || !rest.length) throw new UsageError("--parameter takes KEY=VALUE");
      o.parameters[k] = rest.join("=");
    } else if (arg === "--yes" || arg === "-y") o.yes = true;
    else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}`);
    else if (!o.path) o.path = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  return o;
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** One line per stack event, in the order CloudFormation reported them: what the CLI prints while watching. */
function progressPrinter(io: CommandIO) {
  let printed = 0;
  let notice: string | undefined;
  return (p: DeployProgress) => {
    if (p.notice && p.notice !== notice) io.err(`  … ${p.notice}\n`);
    notice = p.notice;
    for (const e of p.events.slice(printed)) {
      const reason = e.ResourceStatusReason ? ` ${e.ResourceStatusReason}` : "";
      if (e.ResourceType === "AWS::CloudFormation::Stack" && e.LogicalResourceId === p.stackName) io.out(`Stack ${p.stackName}: ${e.ResourceStatus}${reason}\n`);
      else io.out(`  ${(e.LogicalResourceId ?? "").padEnd(32)} ${(e.ResourceStatus ?? "").padEnd(28)}${reason}\n`);
    }
    printed = p.events.length;
  };
}

export function createDeployCommand(serviceOptions: DeployServiceOptions = {}, interactive = () => !!process.stdin.isTTY): Command {
  return {
    name: "deploy",
    summary: "Package, review (changes, IAM, cost delta) and deploy a project to AWS with CloudFormation",
    usage: USAGE,
    help: HELP,
    async run(args, io) {
      let o: Options;
      try {
        o = parseArgs(args);
      } catch (error) {
        io.err(`flowform deploy: ${(error as Error).message}\nUsage: ${USAGE}\n`);
        return 2;
      }
      if (!o.path) {
        io.err(`flowform deploy: PATH is required\nUsage: ${USAGE}\n`);
        return 2;
      }
      const given = resolve(io.cwd, o.path);
      if (!existsSync(given)) {
        io.err(`flowform deploy: ${given} does not exist\n`);
        return 2;
      }
      const projectDir = statSync(given).isDirectory() ? given : dirname(given);
      const templateFile = statSync(given).isDirectory()
        ? ["template.yaml", "template.yml", "template.json"].map((f) => join(given, f)).find(existsSync)
        : given;
      if (!templateFile) {
        io.err(`flowform deploy: no template.yaml in ${given}\n`);
        return 2;
      }
      const settingsFile = join(projectDir, "flowform.json");
      const parsedSettings = existsSync(settingsFile) ? parseSettings(readFileSync(settingsFile, "utf8")) : undefined;
      if (parsedSettings && "error" in parsedSettings) {
        io.err(`flowform deploy: ${parsedSettings.error}\n`);
        return 2;
      }
      const settings = parsedSettings?.settings;
      const saved = settings?.deploy;
      const stackName = o.stack ?? saved?.stackName;
      const region = o.region ?? saved?.region;
      if (!stackName || !region) {
        io.err(`flowform deploy: --stack and --region are needed (or deploy.stackName/deploy.region in flowform.json)\nUsage: ${USAGE}\n`);
        return 2;
      }
      const profile = o.profile ?? saved?.profile;
      const service = new DeployService({ prices: loadPriceTables(dirname(fileURLToPath(import.meta.url))), ...serviceOptions });
      const request = {
        projectDir,
        templateText: readFileSync(templateFile, "utf8"),
        target: { region, profile },
        stackName,
        stagingBucket: o.bucket ?? saved?.stagingBucket,
        createBucket: o.yes,
        parameters: { ...(saved?.parameters ?? {}), ...o.parameters },
        usage: settings?.usage,
      };
      try {
        let prepared;
        try {
          prepared = await service.prepare(request);
        } catch (error) {
          if ((error as { code?: string }).code !== "deploy.bucketMissing" || o.yes || !interactive()) throw error;
          if (!(await ask(`${(error as Error).message} [y/N] `))) {
            io.err("Not deployed: the staging bucket is needed for the code.\n");
            return 1;
          }
          prepared = await service.prepare({ ...request, createBucket: true });
        }
        const { review } = prepared;
        io.out(reviewText(review) + "\n\n");
        if (review.noChanges) return 0;
        const confirmed = o.yes || (interactive() && (await ask(`Execute this change set on ${stackName}? [y/N] `)));
        if (!confirmed) {
          await service.cancelChangeSet(review.changeSetId!);
          io.err(o.yes || interactive() ? "Cancelled: the change set was deleted.\n" : "Not executed (no terminal to confirm): run again with --yes to deploy. The change set was deleted.\n");
          return 1;
        }
        const { done } = await service.execute(review.changeSetId!, progressPrinter(io));
        const final = await done;
        io.out("\n");
        if (final.failure) io.out(`First failure: ${final.failure.logicalId} [${final.failure.resourceType ?? "?"}] ${final.failure.status}: ${final.failure.reason}\n`);
        if (final.guidance) io.out(`${final.guidance}\n`);
        if (final.outputs.length) {
          io.out("Outputs:\n");
          for (const out of final.outputs) io.out(`  ${out.key} = ${out.value}${out.description ? `  (${out.description})` : ""}\n`);
        }
        io.out(`${final.outcome === "succeeded" ? "Deployed" : "Not deployed"}: ${stackName} is ${final.stackStatus}.\n`);
        return final.outcome === "succeeded" ? 0 : 1;
      } catch (error) {
        io.err(`flowform deploy: ${(error as Error).message}\n`);
        return 1;
      }
    },
  };
}

export const deploy = createDeployCommand();
