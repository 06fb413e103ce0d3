import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { importTemplate } from "../../core/model/import";
import { invokeFunction, findPython } from "./service";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "flowform-invoke-test-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A project folder with one function (Timeout 1 s) whose code is `source`. */
function project(name: string, runtime: string, file: string, source: string, extra = ""): { dir: string; model: NonNullable<ReturnType<typeof importTemplate>["model"]> } {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, "src", "Fn"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "Fn", file), source);
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: ${runtime}
      Handler: ${file.startsWith("app") ? "app" : "index"}.handler
      CodeUri: src/Fn/
      Timeout: 1
      MemorySize: 128
      Environment:
        Variables:
          TABLE_NAME: !Ref Orders
          GREETING: hello
${extra}
  Orders:
    Type: AWS::DynamoDB::Table
`;
  fs.writeFileSync(path.join(dir, "template.yaml"), template);
  const { model } = importTemplate(template, "template.yaml");
  if (!model) throw new Error("template did not import");
  return { dir, model };
}

const event = { name: "Ada" };

const NODE_CASES = {
  js: {
    runtime: "nodejs20.x",
    file: "index.mjs",
    ok: `export const handler = async (event, context) => { console.log("hi from", context.functionName); return { greeting: process.env.GREETING + " " + event.name, table: process.env.TABLE_NAME }; };`,
    throws: `export const handler = async () => {\n  throw new TypeError("bad input");\n};`,
    hangs: `export const handler = () => new Promise(() => { setInterval(() => {}, 1000); });`,
    syntax: `export const handler = async (event => {`,
  },
  ts: {
    runtime: "nodejs22.x",
    file: "index.ts",
    ok: `interface E { name: string }\nexport const handler = async (event: E, context: { functionName: string }): Promise<{ greeting: string; table?: string }> => {\n  console.log("hi from", context.functionName);\n  return { greeting: process.env.GREETING + " " + event.name, table: process.env.TABLE_NAME };\n};`,
    throws: `export const handler = async (): Promise<void> => {\n  const reason: string = "bad input";\n  throw new TypeError(reason);\n};`,
    hangs: `export const handler = async (): Promise<never> => { for (;;) {} };`,
    syntax: `export const handler = async (event: { name: string } => {`,
  },
};

for (const [lang, c] of Object.entries(NODE_CASES)) {
  describe(`local invoke of a Node.js ${lang === "ts" ? "TypeScript" : "JavaScript"} handler`, () => {
    it("returns the value, logs, duration and the template environment with placeholders", async () => {
      const p = project(`node-${lang}-ok`, c.runtime, c.file, c.ok);
      const r = await invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event });
      expect(r.error).toBeUndefined();
      expect(r.status).toBe("ok");
      expect(r.value).toEqual({ greeting: "hello Ada", table: "<Orders name>" });
      expect(r.logs).toContain("hi from Fn");
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
    });

    it("reports a thrown error with its type and a stack that points at the source file", async () => {
      const p = project(`node-${lang}-throws`, c.runtime, c.file, c.throws);
      const r = await invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event });
      expect(r.status).toBe("error");
      expect(r.error).toMatchObject({ type: "TypeError", message: "bad input" });
      expect(r.error?.stack).toContain(`${c.file}:`);
    });

    it("kills a handler that runs past the function's timeout and says so", async () => {
      const p = project(`node-${lang}-hangs`, c.runtime, c.file, c.hangs);
      const r = await invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event });
      expect(r.status).toBe("timeout");
      expect(r.error?.message).toMatch(/timed out after 1\.00 seconds/);
    });

    it("reports a syntax error with its location", async () => {
      const p = project(`node-${lang}-syntax`, c.runtime, c.file, c.syntax);
      const r = await invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event });
      expect(r.status).toBe("error");
      expect(r.error?.type).toBe("SyntaxError");
      if (lang === "ts") expect(r.error?.message).toMatch(/index\.ts:1:\d+/);
    });
  });
}

describe("local invoke isolation", () => {
  it("gives the handler no AWS credentials even when the parent has some", async () => {
    process.env.AWS_ACCESS_KEY_ID = "AKIAFLOWFORMTEST";
    process.env.AWS_SECRET_ACCESS_KEY = "secret";
    process.env.AWS_PROFILE = "prod";
    try {
      const p = project("node-creds", "nodejs20.x", "index.mjs", `export const handler = async () => Object.keys(process.env).filter((k) => /KEY|SECRET|TOKEN|PROFILE/.test(k)).concat(process.env.AWS_EC2_METADATA_DISABLED);`);
      const r = await invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event });
      expect(r.value).toEqual(["true"]);
    } finally {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      delete process.env.AWS_PROFILE;
    }
  });

  it("stops a handler that allocates past its memory size", async () => {
    const p = project("node-oom", "nodejs20.x", "index.mjs", `export const handler = async () => { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); };`);
    const r = await invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event, timeoutSeconds: 30 });
    expect(r.status).toBe("crashed");
    expect(r.error?.type).toBe("Runtime.OutOfMemory");
  });

  it("reports a handler that kills its own process as crashed, with what it logged", async () => {
    const p = project("node-exit", "nodejs20.x", "index.mjs", `export const handler = async () => { console.log("about to exit"); process.exit(3); };`);
    const r = await invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event });
    expect(r.status).toBe("crashed");
    expect(r.error).toMatchObject({ type: "Runtime.ExitError", message: expect.stringContaining("exit code 3") });
    expect(r.logs).toContain("about to exit");
  });

  it("keeps the calling process responsive while a handler hangs", async () => {
    const p = project("node-busy", "nodejs20.x", "index.mjs", `export const handler = async () => { for (;;) {} };`);
    const order: string[] = [];
    const run = invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event }).then(() => order.push("invoke finished"));
    await new Promise((resolve) => setTimeout(resolve, 50)).then(() => order.push("timer fired"));
    await run;
    expect(order).toEqual(["timer fired", "invoke finished"]);
  });

  it("says how to install an AWS SDK package the Lambda runtime would provide", async () => {
    const p = project("node-sdk", "nodejs22.x", "index.ts", `import { SQSClient } from "@aws-sdk/client-flowform-missing";\nexport const handler = async () => String(new SQSClient({}));\n`);
    const r = await invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event });
    expect(r.status).toBe("error");
    expect(r.notes.join(" ")).toContain("npm install --save-dev @aws-sdk/client-flowform-missing");
  });

  it("explains when the handler file is missing", async () => {
    const p = project("node-missing", "nodejs20.x", "other.mjs", "export const handler = async () => 1;");
    const r = await invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event });
    expect(r.status).toBe("unavailable");
    expect(r.error?.message).toMatch(/No handler file for index\.handler in src\/Fn\//);
  });
});

describe("local invoke of a Python handler", async () => {
  const python = await findPython();
  const run = (name: string, source: string) => {
    const p = project(name, "python3.12", "app.py", source);
    return invokeFunction({ projectDir: p.dir, model: p.model, functionId: "Fn", event });
  };

  it.runIf(python)("returns the value, logs and environment", async () => {
    const r = await run("py-ok", `import os\n\ndef handler(event, context):\n    print("hi from", context.function_name)\n    return {"greeting": os.environ["GREETING"] + " " + event["name"], "table": os.environ["TABLE_NAME"]}\n`);
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual({ greeting: "hello Ada", table: "<Orders name>" });
    expect(r.logs).toContain("hi from Fn");
  });

  it.runIf(python)("shows what the handler logs through the logging module, as the Lambda runtime does", async () => {
    const r = await run("py-logging", `import logging\nlogger = logging.getLogger()\nlogger.setLevel(logging.INFO)\n\ndef handler(event, context):\n    logger.info("processing %s", event["name"])\n    return 1\n`);
    expect(r.logs).toMatch(/\[INFO\]\t.*\tprocessing Ada/);
  });

  it.runIf(python)("reports a raised exception with its traceback", async () => {
    const r = await run("py-throws", `def handler(event, context):\n    raise ValueError("bad input")\n`);
    expect(r.status).toBe("error");
    expect(r.error).toMatchObject({ type: "ValueError", message: "bad input" });
    expect(r.error?.stack).toMatch(/app\.py", line 2/);
  });

  it.runIf(python)("kills a handler that runs past the timeout", async () => {
    const r = await run("py-hangs", `import time\n\ndef handler(event, context):\n    while True:\n        time.sleep(0.05)\n`);
    expect(r.status).toBe("timeout");
  });

  it.runIf(python)("reports a syntax error with file and line", async () => {
    const r = await run("py-syntax", `def handler(event, context)\n    return 1\n`);
    expect(r.status).toBe("error");
    expect(r.error?.type).toBe("SyntaxError");
    expect(r.error?.stack).toMatch(/app\.py", line 1/);
  });

  it.runIf(python)("notes when the local Python differs from the function's runtime", async () => {
    const r = await run("py-version", `def handler(event, context):\n    return 1\n`);
    if (!python!.version.includes(" 3.12.")) expect(r.notes.join(" ")).toMatch(/the function's runtime is python3\.12/);
    expect(r.ranWith).toBe(python!.version);
  });
});
