/**
 * Local test invoke: run one function's handler with a test event in a child process, the way
 * Lambda would call it, and report the returned value, logs, duration and any error.
 *
 * - Node runtimes run in a Node child (Electron's own binary with ELECTRON_RUN_AS_NODE in the app,
 *   `node` under the web host); TypeScript is compiled on the fly with esbuild (inline source
 *   maps, so stacks point at the .ts lines). Python runtimes run in `python3` when it is installed.
 * - Limits: the function's Timeout (the child is killed when it runs over) and its MemorySize
 *   (`--max-old-space-size` for Node; an address-space limit for Python). Lambda's 10-second
 *   init limit applies to loading the module ("Lambda execution environment lifecycle").
 * - Environment: the template's variables with references as readable placeholders, the
 *   Lambda-defined variables, and NO AWS credentials: the parent's environment is not inherited,
 *   credential files point at an empty folder and instance metadata is disabled, so an SDK call
 *   fails fast with "Could not load credentials" instead of touching a real account.
 * - Everything is asynchronous: the main process never waits on the child.
 */
import { spawn, execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TemplateModel } from "../../core/model/types";
import { functionRunSettings, handlerFileCandidates, invokeEnvironment, runtimeFamily } from "../../core/code";
import { NODE_RUNNER, PYTHON_RUNNER } from "./runners";

export type InvokeStatus = "ok" | "error" | "timeout" | "crashed" | "unavailable";

export interface InvokeError {
  type: string;
  message: string;
  stack?: string;
}

export interface InvokeResult {
  status: InvokeStatus;
  /** The handler's return value (JSON), when status is "ok". */
  value?: unknown;
  error?: InvokeError;
  /** stdout and stderr of the run, interleaved in arrival order. */
  logs: string;
  /** Time inside the handler (ms), or until it was killed. */
  durationMs: number;
  /** What ran it, e.g. "Node.js v20.20.2", "Python 3.11.7". */
  ranWith?: string;
  /** Things worth knowing about the run (version differences, placeholders, truncation). */
  notes: string[];
  /** The environment variables the handler saw. */
  environment: Record<string, string>;
}

export interface InvokeRequest {
  /** Absolute project folder (CodeUri is relative to it). */
  projectDir: string;
  model: TemplateModel;
  functionId: string;
  event: unknown;
  /** Seconds; defaults to the function's Timeout. */
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

/** Lambda's init phase limit ("Lambda execution environment lifecycle", Init phase: 10 seconds). */
const INIT_LIMIT_MS = 10_000;
const MAX_LOG_CHARS = 1_000_000;

let runnerDir: Promise<string> | undefined;
async function runners(): Promise<string> {
  runnerDir ??= (async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "flowform-runners-"));
    await fs.writeFile(path.join(dir, "node-runner.cjs"), NODE_RUNNER);
    await fs.writeFile(path.join(dir, "python-runner.py"), PYTHON_RUNNER);
    return dir;
  })();
  return runnerDir;
}

let pythonInfo: Promise<{ command: string; version: string } | null> | undefined;
/** The local Python 3, if any (`python3`, or `python` when that is Python 3). */
export function findPython(): Promise<{ command: string; version: string } | null> {
  pythonInfo ??= (async () => {
    for (const command of process.platform === "win32" ? ["python", "py"] : ["python3", "python"]) {
      const version = await new Promise<string | null>((resolve) => {
        execFile(command, ["--version"], { timeout: 5000 }, (error, stdout, stderr) => resolve(error ? null : (stdout || stderr).trim()));
      });
      if (version && /^Python 3\./.test(version)) return { command, version };
    }
    return null;
  })();
  return pythonInfo;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then((s) => s.isFile(), () => false);
}

function unavailable(message: string, environment: Record<string, string> = {}): InvokeResult {
  return { status: "unavailable", error: { type: "Flowform.CannotRun", message }, logs: "", durationMs: 0, notes: [], environment };
}

/** Remove anything credential-like, whatever the template says. */
function withoutCredentials(env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|PROFILE|DEFAULT_PROFILE|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE|CONTAINER_CREDENTIALS_.*)$/.test(k)) continue;
    out[k] = v;
  }
  return out;
}

/** esbuild on the fly: one CommonJS bundle of the handler with its npm packages left external. */
async function compileTypeScript(entry: string, outDir: string): Promise<{ file: string } | { error: InvokeError }> {
  const esbuild = await import("esbuild");
  const outfile = path.join(outDir, "handler.cjs");
  try {
    await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      packages: "external",
      sourcemap: "inline",
      sourcesContent: false,
      logLevel: "silent",
    });
    return { file: outfile };
  } catch (e) {
    const errors = (e as { errors?: { text: string; location?: { file: string; line: number; column: number; lineText: string } }[] }).errors ?? [];
    const message = errors.length
      ? errors.map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ${m.text}\n    ${m.location.lineText}` : m.text)).join("\n")
      : (e as Error).message;
    return { error: { type: "SyntaxError", message } };
  }
}

/** Run a function's handler once with an event. Never throws for a problem of the handler. */
export async function invokeFunction(req: InvokeRequest): Promise<InvokeResult> {
  const { model, functionId } = req;
  const fn = model.resources.find((r) => r.id === functionId);
  if (!fn) return unavailable(`There is no function named ${functionId} in the template.`);
  const settings = functionRunSettings(model, functionId);
  const family = runtimeFamily(settings.runtime);
  const environment = withoutCredentials(invokeEnvironment(model, functionId));
  if (!family) return unavailable(`Local test runs Node.js and Python functions; ${functionId} uses ${settings.runtime ?? "no Runtime (container image?)"}.`, environment);
  if (!settings.handler) return unavailable(`${functionId} has no Handler property, so there is nothing to call.`, environment);
  if (!settings.codeUri || /^s3:\/\//.test(settings.codeUri)) {
    return unavailable(`${functionId} has no local code folder (CodeUri ${settings.codeUri ? `is ${settings.codeUri}` : "is not set"}). Its code lives in src/${functionId}/ once Flowform creates it.`, environment);
  }
  const codeDir = path.resolve(req.projectDir, settings.codeUri);
  const rel = path.relative(path.resolve(req.projectDir), codeDir);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return unavailable(`CodeUri ${settings.codeUri} points outside the project folder.`, environment);

  const { files, exportName } = handlerFileCandidates(settings.handler, settings.runtime);
  let entry: string | undefined;
  for (const f of files) if (await exists(path.join(codeDir, f))) { entry = path.join(codeDir, f); break; }
  if (!entry) return unavailable(`No handler file for ${settings.handler} in ${settings.codeUri} (looked for ${files.join(", ")}).`, environment);

  const notes: string[] = [];
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "flowform-invoke-"));
  try {
    const eventFile = path.join(work, "event.json");
    await fs.writeFile(eventFile, JSON.stringify(req.event ?? {}));
    const emptyHome = path.join(work, "home");
    await fs.mkdir(emptyHome);
    const childEnv: Record<string, string> = {
      ...environment,
      PATH: process.env.PATH ?? "",
      HOME: emptyHome,
      LANG: process.env.LANG ?? "C.UTF-8",
      LAMBDA_TASK_ROOT: codeDir,
      // No credentials: point the SDKs' credential/config files at nothing, no instance metadata.
      AWS_SHARED_CREDENTIALS_FILE: path.join(emptyHome, "no-credentials"),
      AWS_CONFIG_FILE: path.join(emptyHome, "no-config"),
      AWS_EC2_METADATA_DISABLED: "true",
    };
    if (process.platform === "win32") childEnv.USERPROFILE = emptyHome;
    if (process.env.SYSTEMROOT) childEnv.SYSTEMROOT = process.env.SYSTEMROOT;
    if (process.env.TMPDIR) childEnv.TMPDIR = process.env.TMPDIR;

    const dir = await runners();
    let command: string;
    let args: string[];
    if (family === "node") {
      let file = entry;
      if (/\.m?ts$/.test(entry)) {
        const compiled = await compileTypeScript(entry, work);
        if ("error" in compiled) return { status: "error", error: compiled.error, logs: "", durationMs: 0, notes, environment, ranWith: `esbuild (TypeScript compile)` };
        file = compiled.file;
        // The bundle lives in a temp folder: let require() find the project's packages.
        childEnv.NODE_PATH = [path.join(codeDir, "node_modules"), path.join(req.projectDir, "node_modules")].join(path.delimiter);
      }
      command = process.execPath;
      if (process.versions.electron) childEnv.ELECTRON_RUN_AS_NODE = "1";
      args = [`--max-old-space-size=${settings.memorySize}`, "--enable-source-maps", path.join(dir, "node-runner.cjs"), file, exportName, eventFile, functionId, String(settings.memorySize), String(req.timeoutSeconds ?? settings.timeout)];
      const major = settings.runtime?.match(/^nodejs(\d+)/)?.[1];
      if (major && process.versions.node.split(".")[0] !== major) notes.push(`Ran on Node.js ${process.versions.node}; the function's runtime is ${settings.runtime}.`);
    } else {
      const python = await findPython();
      if (!python) return unavailable(`Python 3 is not installed on this machine (looked for ${process.platform === "win32" ? "python, py" : "python3, python"}), so ${functionId} (${settings.runtime}) cannot be tested locally. Install Python 3 and try again.`, environment);
      command = python.command;
      const moduleAndExport = settings.handler;
      args = [path.join(dir, "python-runner.py"), codeDir, moduleAndExport, functionId, eventFile, String(settings.memorySize), String(req.timeoutSeconds ?? settings.timeout)];
      childEnv.PYTHONUNBUFFERED = "1";
      childEnv.PYTHONDONTWRITEBYTECODE = "1";
      const wanted = settings.runtime?.replace(/^python/, "");
      if (wanted && !python.version.includes(` ${wanted}.`)) notes.push(`Ran on ${python.version}; the function's runtime is ${settings.runtime}.`);
    }
    const ranWith = family === "node" ? `Node.js ${process.versions.node}` : (await findPython())?.version;
    if (Object.values(environment).some((v) => /^<.+>$|<[^>]+ (name|ARN|URL|ID|parameter)>/.test(v))) {
      notes.push("Environment variables that refer to other resources hold placeholders such as <OrdersTable name>: nothing is deployed locally.");
    }
    const result = await runChild(command, args, childEnv, codeDir, (req.timeoutSeconds ?? settings.timeout) * 1000, req.signal);
    const missing = missingModuleNote(result.error);
    if (missing) notes.push(missing);
    return { ...result, notes: [...notes, ...result.notes], environment, ...(ranWith ? { ranWith } : {}) };
  } finally {
    await fs.rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The Lambda runtimes ship the AWS SDK (v3 for Node.js 18+, boto3 for Python), so handlers import
 * it without declaring it; on this machine it must be installed to run the code at all.
 */
function missingModuleNote(error: InvokeError | undefined): string | undefined {
  if (!error) return undefined;
  const node = /Cannot find (?:module|package) '((?:@aws-sdk\/)?[^'/]+(?:\/[^']+)?)'/.exec(error.message);
  if (node) {
    const name = node[1].startsWith("@") ? node[1].split("/").slice(0, 2).join("/") : node[1].split("/")[0];
    return name.startsWith("@aws-sdk/")
      ? `${name} is part of the Lambda Node.js runtime but is not installed here: run \`npm install --save-dev ${name}\` in the function's folder to test locally (calls to AWS still fail locally: there are no credentials).`
      : `${name} is not installed: run \`npm install ${name}\` in the function's folder.`;
  }
  const python = /No module named '([^'.]+)/.exec(error.message);
  if (python) {
    return python[1] === "boto3" || python[1] === "botocore"
      ? "boto3 is part of the Lambda Python runtime but is not installed here: run `pip install boto3` to test locally (calls to AWS still fail locally: there are no credentials)."
      : `The Python module ${python[1]} is not installed: add it to requirements.txt and pip install it.`;
  }
  return undefined;
}

interface ChildOutcome {
  status: InvokeStatus;
  value?: unknown;
  error?: InvokeError;
  logs: string;
  durationMs: number;
  notes: string[];
}

function runChild(command: string, args: string[], env: Record<string, string>, cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe", "pipe"], windowsHide: true });
    let logs = "";
    let truncated = false;
    const appendLog = (chunk: Buffer) => {
      if (logs.length >= MAX_LOG_CHARS) { truncated = true; return; }
      logs += chunk.toString("utf8");
    };
    child.stdout!.on("data", appendLog);
    child.stderr!.on("data", appendLog);
    let buffered = "";
    let outcome: Partial<ChildOutcome> | undefined;
    let handlerStartedAt: number | undefined;
    let killedFor: "timeout" | "init" | "cancel" | undefined;
    let timer: NodeJS.Timeout | undefined;
    const kill = (why: "timeout" | "init" | "cancel") => {
      if (killedFor || outcome) return;
      killedFor = why;
      child.kill("SIGKILL");
    };
    // Init (loading the module) has Lambda's own limit; the function's Timeout starts at the call.
    timer = setTimeout(() => kill("init"), INIT_LIMIT_MS + timeoutMs);
    const onAbort = () => kill("cancel");
    signal?.addEventListener("abort", onAbort);
    if (signal?.aborted) onAbort();
    (child.stdio[3] as NodeJS.ReadableStream).on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let message: { type: string; value?: unknown; durationMs?: number; errorType?: string; message?: string; stack?: string };
        try { message = JSON.parse(line); } catch { continue; }
        if (message.type === "start") {
          handlerStartedAt = Date.now();
          clearTimeout(timer);
          timer = setTimeout(() => kill("timeout"), timeoutMs);
        } else if (message.type === "result") {
          outcome = { status: "ok", value: message.value, durationMs: message.durationMs ?? 0 };
        } else if (message.type === "error") {
          outcome = {
            status: "error",
            error: { type: message.errorType ?? "Error", message: message.message ?? "", ...(message.stack ? { stack: message.stack } : {}) },
            durationMs: message.durationMs ?? 0,
          };
        }
      }
    });
    const done = (code: number | null, sig: NodeJS.Signals | null, spawnError?: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      const notes = truncated ? [`Logs were cut at ${MAX_LOG_CHARS.toLocaleString("en-US")} characters.`] : [];
      const elapsed = handlerStartedAt ? Date.now() - handlerStartedAt : 0;
      if (spawnError) return resolve({ status: "unavailable", error: { type: "Flowform.CannotRun", message: `Could not start ${command}: ${spawnError.message}` }, logs, durationMs: 0, notes });
      if (outcome) return resolve({ logs, notes, durationMs: 0, ...outcome } as ChildOutcome);
      if (killedFor === "timeout") {
        return resolve({ status: "timeout", error: { type: "Sandbox.Timedout", message: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds (the function's Timeout); Flowform stopped it.` }, logs, durationMs: elapsed, notes });
      }
      if (killedFor === "init") {
        return resolve({ status: "timeout", error: { type: "Sandbox.Timedout", message: `The module did not finish loading within the ${INIT_LIMIT_MS / 1000}-second init limit; Flowform stopped it.` }, logs, durationMs: elapsed, notes });
      }
      if (killedFor === "cancel") return resolve({ status: "crashed", error: { type: "Flowform.Cancelled", message: "The test run was cancelled." }, logs, durationMs: elapsed, notes });
      const oom = /heap out of memory|MemoryError|Cannot allocate memory/i.test(logs);
      resolve({
        status: "crashed",
        error: {
          type: oom ? "Runtime.OutOfMemory" : "Runtime.ExitError",
          message: oom
            ? "The handler ran out of memory (over the function's MemorySize) and the process died."
            : `The process exited before the handler returned (${sig ? `signal ${sig}` : `exit code ${code}`}).`,
        },
        logs,
        durationMs: elapsed,
        notes,
      });
    };
    child.on("error", (e) => done(null, null, e));
    child.on("close", (code, sig) => done(code, sig));
  });
}
