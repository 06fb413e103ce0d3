/**
 * `flowform cost PATH [--usage usage.json] [--region R] [--no-free-tier] [--json]`
 *
 * PATH is a template file or a project folder (template.yaml/.yml/.json + flowform.json, whose
 * `usage` section is used unless --usage is given). Prices come from resources/pricing/<region>.json.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { estimate, PRICED_REGIONS, type CostBreakdown, type PriceTable, type UsageInput } from "../../core/cost";
import { importTemplate } from "../../core/model/import";
import type { Command, CommandIO } from "../command";

const HELP = `Options:
  --usage FILE      usage assumptions: a flowform.json (its "usage" section) or the usage object itself
  --region R        price table: ${PRICED_REGIONS.join(", ")} (default: usage.region or us-east-1)
  --no-free-tier    do not deduct free-tier allowances
  --12-month-free-tier  also deduct 12-month allowances (API Gateway, S3; new accounts only)
  --hours N         hours in the month (default 730)
  --json            print the whole breakdown as JSON

Usage keys (per logical ID under "resources", per connection id under "connections"):
  entry points   requestsPerMonth (APIs), uploadsPerMonth (bucket), messagesPerMonth (queue, topic),
                 eventsPerMonth (event bus/rule), recordsPerMonth (stream), executionsPerMonth (state machine)
  functions      durationMs, memoryMb, architecture, failureRate, retries, logBytesPerInvocation, provisionedConcurrency
  wires          share, averageBatchSize (triggers); callsPerInvocation, readsPerInvocation, writesPerInvocation (access)
  data           payloadKb, requestKb, responseKb, itemKb, storageGb, recordKb
See core/cost/usage.ts for every key and its default.`;

/** resources/pricing sits two levels above both cli/commands/cost.ts and the bundle dist/cli/index.mjs. */
function pricingDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "resources", "pricing");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error("price tables not found (resources/pricing)");
}

export function loadPriceTable(region: string): PriceTable {
  if (!(PRICED_REGIONS as readonly string[]).includes(region)) {
    throw new UsageError(`no price table for region "${region}"; available: ${PRICED_REGIONS.join(", ")}`);
  }
  return JSON.parse(readFileSync(join(pricingDir(), `${region}.json`), "utf8")) as PriceTable;
}

class UsageError extends Error {}

function readUsageFile(file: string): UsageInput {
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  return (raw.usage && typeof raw.usage === "object" ? raw.usage : raw) as UsageInput;
}

function findTemplate(folder: string): string {
  for (const name of ["template.yaml", "template.yml", "template.json"]) {
    const file = join(folder, name);
    if (existsSync(file)) return file;
  }
  throw new UsageError(`no template.yaml, template.yml or template.json in ${folder}`);
}

function money(usd: number): string {
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function quantity(n: number): string {
  if (n === 0) return "0";
  if (n >= 1000) return Math.round(n).toLocaleString("en-US");
  return n.toPrecision(4).replace(/\.?0+$/, "");
}

export function formatBreakdown(b: CostBreakdown): string {
  const rows: string[][] = [["Resource", "Dimension", "Quantity", "Price", "Monthly"]];
  for (const r of [...b.resources].sort((x, y) => y.usd - x.usd)) {
    for (const l of r.lines) {
      if (l.quantity === 0 && l.usd === 0) continue;
      rows.push([r.id, `${l.service}: ${l.dimension}`, `${quantity(l.quantity)} ${l.unit}`, `${l.price}${l.seen === "recall" ? " (recalled)" : l.seen === "derived" ? " (derived)" : ""}`, money(l.usd)]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map((row, n) => {
    const text = row.map((cell, i) => (i === row.length - 1 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ");
    return n === 0 ? `${text}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : text;
  });
  if (rows.length === 1) lines.push("(no billable usage)");
  const out = [
    `Monthly cost estimate — ${b.regionName} (${b.region}), prices compiled ${b.pricesCompiled}`,
    "",
    ...lines,
    "",
    `Total: ${money(b.total)} / month${b.freeTier.alwaysFree ? " with free tier" : " without free tier"}`,
    `Without free tier: ${money(b.totalWithoutFreeTier)}`,
  ];
  if (b.costPerMillionEntryRequests !== null) out.push(`Per million entry requests: ${money(b.costPerMillionEntryRequests)}`);
  if (b.breakEven) out.push(`Break-even: ${b.breakEven.summary}`);
  out.push("", "Assumptions:", ...b.assumptions.map((a) => `  - ${a}`));
  if (b.warnings.length) out.push("", "Warnings:", ...b.warnings.map((w) => `  - ${w}`));
  return out.join("\n") + "\n";
}

export const cost: Command = {
  name: "cost",
  summary: "Estimate the monthly AWS cost of a design at the traffic you expect",
  usage: "flowform cost PATH [--usage usage.json] [--region R] [--no-free-tier] [--json]",
  help: HELP,
  run(args: string[], io: CommandIO): number {
    let path: string | undefined;
    let usageFile: string | undefined;
    let region: string | undefined;
    let freeTier: boolean | undefined;
    let twelveMonth: boolean | undefined;
    let hours: number | undefined;
    let json = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      const value = () => {
        const v = args[++i];
        if (v === undefined) throw new UsageError(`${arg} needs a value`);
        return v;
      };
      if (arg === "--usage") usageFile = value();
      else if (arg.startsWith("--usage=")) usageFile = arg.slice(8);
      else if (arg === "--region") region = value();
      else if (arg.startsWith("--region=")) region = arg.slice(9);
      else if (arg === "--no-free-tier") freeTier = false;
      else if (arg === "--12-month-free-tier") twelveMonth = true;
      else if (arg === "--hours") hours = Number(value());
      else if (arg === "--json") json = true;
      else if (arg.startsWith("-")) {
        io.err(`flowform cost: unknown option ${arg}\nUsage: ${cost.usage}\n`);
        return 2;
      } else if (path === undefined) path = arg;
      else {
        io.err(`flowform cost: one PATH only\nUsage: ${cost.usage}\n`);
        return 2;
      }
    }
    if (!path) {
      io.err(`flowform cost: PATH is required\nUsage: ${cost.usage}\n`);
      return 2;
    }
    try {
      const target = resolve(io.cwd, path);
      if (!existsSync(target)) throw new UsageError(`${path} does not exist`);
      const isFolder = statSync(target).isDirectory();
      const templateFile = isFolder ? findTemplate(target) : target;
      let usage: UsageInput = {};
      if (usageFile) usage = readUsageFile(resolve(io.cwd, usageFile));
      else {
        const settings = join(isFolder ? target : dirname(target), "flowform.json");
        if (existsSync(settings)) usage = readUsageFile(settings);
      }
      if (hours !== undefined && !(hours > 0)) throw new UsageError("--hours must be a positive number");
      const result = importTemplate(readFileSync(templateFile, "utf8"), templateFile);
      if (!result.model) {
        for (const p of result.problems) io.err(`${templateFile}${p.line ? `:${p.line}` : ""}: ${p.message}\n`);
        return 1;
      }
      const prices = loadPriceTable(region ?? usage.region ?? "us-east-1");
      const breakdown = estimate(result.model, usage, prices, { freeTier, twelveMonthFreeTier: twelveMonth, hoursPerMonth: hours });
      io.out(json ? JSON.stringify(breakdown, null, 2) + "\n" : formatBreakdown(breakdown));
      return 0;
    } catch (error) {
      if (error instanceof UsageError) {
        io.err(`flowform cost: ${error.message}\n`);
        return 2;
      }
      if (error instanceof SyntaxError) {
        io.err(`flowform cost: usage file is not valid JSON: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};
