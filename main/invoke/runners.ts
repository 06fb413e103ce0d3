/**
 * The small programs that run a handler in a child process. They are kept as source text and
 * written to a temporary folder at first use, so they work the same from the dev tree, the
 * bundled main process and a packaged app. Each one reports over file descriptor 3 (one JSON
 * line per message) so the handler's own stdout/stderr stay pure logs:
 *   {"type":"start"}                         the handler is about to be called (init finished)
 *   {"type":"result","value":…,"durationMs":…}
 *   {"type":"error","errorType":…,"message":…,"stack":…,"durationMs":…}
 */

/** Node runner (CommonJS): argv = [handlerFile, exportName, eventFile, functionName, memoryMb, timeoutSeconds]. */
export const NODE_RUNNER = String.raw`"use strict";
const fs = require("node:fs");
const { pathToFileURL } = require("node:url");
const { randomUUID } = require("node:crypto");
const [file, exportName, eventFile, functionName, memoryMb, timeoutSeconds] = process.argv.slice(2);

function send(message) {
  let line;
  try {
    line = JSON.stringify(message);
  } catch (e) {
    line = JSON.stringify({ type: "error", errorType: "Runtime.ResponseNotSerializable", message: "The handler returned a value that cannot be turned into JSON: " + e.message, durationMs: message.durationMs });
  }
  fs.writeSync(3, line + "\n");
}
function describe(error) {
  if (error instanceof Error) return { errorType: error.name || "Error", message: error.message, stack: error.stack };
  return { errorType: typeof error, message: String(error) };
}
let started = 0;
const elapsed = () => Number(process.hrtime.bigint() - BigInt(started)) / 1e6;
let finished = false;
function finish(message) {
  if (finished) return;
  finished = true;
  send(message);
  // Lambda freezes the environment once the response is sent; locally we end the process so
  // timers or sockets the handler left behind cannot keep it alive.
  process.exit(0);
}
process.on("uncaughtException", (e) => finish({ type: "error", ...describe(e), durationMs: started ? elapsed() : 0 }));
process.on("unhandledRejection", (e) => finish({ type: "error", ...describe(e), durationMs: started ? elapsed() : 0 }));

(async () => {
  const event = JSON.parse(fs.readFileSync(eventFile, "utf8"));
  const mod = await import(pathToFileURL(file).href);
  const handler = mod[exportName] ?? (mod.default && mod.default[exportName]);
  if (typeof handler !== "function") {
    throw Object.assign(new Error(file.split(/[\\/]/).pop() + " does not export a function named '" + exportName + "'."), { name: "Runtime.HandlerNotFound" });
  }
  const deadline = Date.now() + Number(timeoutSeconds) * 1000;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:" + (process.env.AWS_REGION || "us-east-1") + ":123456789012:function:" + functionName,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: "/aws/lambda/" + functionName,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {}, fail: () => {}, succeed: () => {},
  };
  send({ type: "start" });
  started = process.hrtime.bigint();
  let value;
  if (handler.length >= 3) {
    // Callback-style handler (event, context, callback).
    value = await new Promise((resolve, reject) => {
      const returned = handler(event, context, (err, result) => (err ? reject(err) : resolve(result)));
      if (returned && typeof returned.then === "function") returned.then(resolve, reject);
    });
  } else {
    value = await handler(event, context);
  }
  finish({ type: "result", value: value === undefined ? null : value, durationMs: elapsed() });
})().catch((e) => finish({ type: "error", ...describe(e), durationMs: started ? elapsed() : 0 }));
`;

/** Python runner: argv = [codeDir, module, functionName, eventFile, memoryMb, timeoutSeconds]. */
export const PYTHON_RUNNER = String.raw`import importlib, json, os, sys, time, traceback, uuid

code_dir, module_name, function_name, event_file, memory_mb, timeout_seconds = sys.argv[1:7]
channel = os.fdopen(3, "w")

def send(message):
    try:
        line = json.dumps(message)
    except (TypeError, ValueError) as e:
        line = json.dumps({"type": "error", "errorType": "Runtime.ResponseNotSerializable", "message": "The handler returned a value that cannot be turned into JSON: %s" % e, "durationMs": message.get("durationMs", 0)})
    channel.write(line + "\n")
    channel.flush()

def describe(e):
    return {"errorType": type(e).__name__, "message": str(e), "stack": "".join(traceback.format_exception(type(e), e, e.__traceback__))}

# Memory cap: address-space limit of the function's MemorySize plus room for the interpreter
# itself (an approximation of Lambda's cgroup limit; RLIMIT_AS exists on Linux and macOS).
try:
    import resource
    limit = (int(memory_mb) + 256) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
except Exception:
    pass

# The Lambda Python runtime puts a handler on the root logger, so logger.info(...) in a handler
# reaches the logs once the level allows it; do the same locally (stdout, like the runtime).
import logging
_handler = logging.StreamHandler(sys.stdout)
_handler.setFormatter(logging.Formatter("[%(levelname)s]\t%(asctime)s\t%(message)s"))
logging.getLogger().addHandler(_handler)

class Context:
    def __init__(self):
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = "arn:aws:lambda:%s:123456789012:function:%s" % (os.environ.get("AWS_REGION", "us-east-1"), function_name)
        self.memory_limit_in_mb = memory_mb
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = "/aws/lambda/" + function_name
        self.log_stream_name = "local"
        self._deadline = time.time() + float(timeout_seconds)
    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.time()) * 1000))

started = None
try:
    with open(event_file, encoding="utf-8") as f:
        event = json.load(f)
    sys.path.insert(0, code_dir)
    module_path, _, handler_name = module_name.rpartition(".")
    module = importlib.import_module(module_path.replace("/", "."))
    handler = getattr(module, handler_name, None)
    if not callable(handler):
        raise AttributeError("%s does not define a function named '%s'." % (module_path, handler_name))
    context = Context()
    send({"type": "start"})
    started = time.perf_counter()
    value = handler(event, context)
    send({"type": "result", "value": value, "durationMs": (time.perf_counter() - started) * 1000})
except BaseException as e:
    send(dict(type="error", durationMs=(time.perf_counter() - started) * 1000 if started else 0, **describe(e)))
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
`;
