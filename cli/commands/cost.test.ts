import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tsx = join(repo, "node_modules/.bin/tsx");
let dir: string;

/** Runs the real CLI entry (cli/index.ts) in a child process, as `flowform cost …` would. */
function flowform(...args: string[]) {
  const runner = join(dir, "run.mts");
  const result = spawnSync(tsx, [runner, ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flowform-cost-"));
  writeFileSync(
    join(dir, "run.mts"),
    `import { runCli } from ${JSON.stringify(join(repo, "cli/index.ts"))};\nprocess.exitCode = await runCli(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), cwd: process.cwd() });\n`,
  );
  writeFileSync(
    join(dir, "template.yaml"),
    `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      MemorySize: 512
      Events:
        Get: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /hello, Method: GET } }
`,
  );
  writeFileSync(join(dir, "usage.json"), JSON.stringify({ resources: { Api: { requestsPerMonth: 3_000_000 }, Hello: { durationMs: 1000 } } }));
  writeFileSync(join(dir, "flowform.json"), JSON.stringify({ version: 1, usage: { region: "eu-central-1", resources: { Api: { requestsPerMonth: 1_000_000 } } } }));
});

describe("flowform cost", () => {
  it("prints a table, the total with and without free tier, and the assumptions", () => {
    const run = flowform("cost", "template.yaml", "--usage", "usage.json");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    // Lambda: 3M × 1 s × 0.5 GB = 1.5M GB-s − 400k free = $18.33; 2M billable requests $0.40; HTTP API 3M × $1.00/M.
    expect(run.stdout).toMatch(/Total: \$21\.73 \/ month with free tier/);
    expect(run.stdout).toMatch(/Hello\s+Lambda: Duration \(x86_64\)/);
    expect(run.stdout).toMatch(/Assumptions:/);
  });

  it("answers JSON with --json and drops the free tier with --no-free-tier", () => {
    const run = flowform("cost", "template.yaml", "--usage", "usage.json", "--json", "--no-free-tier");
    expect(run.code).toBe(0);
    const breakdown = JSON.parse(run.stdout);
    expect(breakdown.freeTier.alwaysFree).toBe(false);
    expect(breakdown.total).toBe(breakdown.totalWithoutFreeTier);
    expect(breakdown.total).toBeCloseTo(3 + 0.6 + 1_500_000 * 0.0000166667, 2);
    expect(breakdown.series.length).toBeGreaterThan(10);
  });

  it("reads the project folder's flowform.json usage and region when given a folder", () => {
    const run = flowform("cost", ".", "--json");
    expect(run.code).toBe(0);
    const breakdown = JSON.parse(run.stdout);
    expect(breakdown.region).toBe("eu-central-1");
    expect(breakdown.entryRequests).toBe(1_000_000);
  });

  it("lets --region override the usage region", () => {
    const run = flowform("cost", ".", "--json", "--region", "ap-southeast-2");
    expect(JSON.parse(run.stdout).regionName).toBe("Asia Pacific (Sydney)");
  });

  it("refuses an unknown region and a missing path with exit code 2", () => {
    const bad = flowform("cost", "template.yaml", "--region", "mars-1");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no price table for region "mars-1"/);
    const none = flowform("cost");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/PATH is required/);
  });

  it("is listed in flowform --help", () => {
    const run = flowform("--help");
    expect(run.stdout).toMatch(/cost\s+Estimate the monthly AWS cost/);
  });
});
