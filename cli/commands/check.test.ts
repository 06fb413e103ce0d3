import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tsx = join(repo, "node_modules/.bin/tsx");
let dir: string;

/** Runs the real CLI entry (cli/index.ts) in a child process, as `flowform check …` would. */
function flowform(...args: string[]) {
  const result = spawnSync(tsx, [join(dir, "run.mts"), ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const LOOP = `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      EventInvokeConfig: { DestinationConfig: { OnFailure: { Type: SQS } } }
      Policies:
        - S3CrudPolicy: { BucketName: !Ref Uploads }
      Events:
        Upload: { Type: S3, Properties: { Bucket: !Ref Uploads, Events: "s3:ObjectCreated:*" } }
`;

const CLEAN = `Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Timeout: 10
      Events:
        Get: { Type: HttpApi, Properties: { Path: /hello, Method: GET } }
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flowform-check-"));
  writeFileSync(
    join(dir, "run.mts"),
    `import { runCli } from ${JSON.stringify(join(repo, "cli/index.ts"))};\nprocess.exitCode = await runCli(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), cwd: process.cwd() });\n`,
  );
  writeFileSync(join(dir, "loop.yaml"), LOOP);
  writeFileSync(join(dir, "clean.yaml"), CLEAN);
  writeFileSync(join(dir, "broken.yaml"), "Resources:\n  A: [unclosed\n");
  mkdirSync(join(dir, "project"));
  writeFileSync(join(dir, "project", "template.yaml"), CLEAN);
  writeFileSync(join(dir, "project", "flowform.json"), JSON.stringify({ version: 1, preferences: { concurrencyBudget: 50 } }));
});

describe("flowform check", () => {
  it("prints the runaway loop as file:line with its quick fix and exits 1", () => {
    const { code, stdout } = flowform("check", "loop.yaml");
    expect(code).toBe(1);
    expect(stdout).toContain("loop.yaml:16: error check/runaway-loop Runaway loop: S3 bucket Uploads triggers function Resize");
    expect(stdout).toContain("quick fix: Trigger Resize only for uploads under incoming/");
    expect(stdout).toContain("loop.yaml: 1 error(s), 0 warning(s), 0 note(s)");
  });

  it("exits 0 when there are warnings but no errors", () => {
    const { code, stdout } = flowform("check", "clean.yaml");
    expect(code).toBe(0);
    expect(stdout).toContain("warning check/api-without-authorizer");
  });

  it("prints JSON with --json", () => {
    const { code, stdout } = flowform("check", "loop.yaml", "--json");
    expect(code).toBe(1);
    const [result] = JSON.parse(stdout);
    expect(result.file).toBe("loop.yaml");
    expect(result.problems.map((p: { code: string }) => p.code)).toEqual(["check/runaway-loop"]);
    expect(result.problems[0].fix.operation.op).toBe("setProperty");
  });

  it("reads the concurrency budget from the project's flowform.json", () => {
    const { stdout } = flowform("check", "project");
    expect(stdout).toContain("check/reserved-concurrency-budget Function Hello has no reserved concurrency");
    expect(stdout).toContain("your concurrency budget is 50");
  });

  it("reports a template that does not parse and exits 1", () => {
    const { code, stdout } = flowform("check", "broken.yaml");
    expect(code).toBe(1);
    expect(stdout).toMatch(/broken\.yaml:\d+(:\d+)?: error yaml\//);
  });

  it("exits 2 on a missing path", () => {
    const { code, stderr } = flowform("check", "nope.yaml");
    expect(code).toBe(2);
    expect(stderr).toContain("no such file or folder: nope.yaml");
  });
});
