/**
 * Loopback AWS emulator for deploy tests — a TEST DOUBLE, NOT AWS.
 *
 * One HTTP server on 127.0.0.1 (random port) answers the CloudFormation query-protocol calls
 * Flowform makes (POST / with `Action=…`, XML answers in the shapes the AWS SDK v3 parses) and
 * the S3 REST calls it makes (path-style: CreateBucket, HeadBucket, HeadObject, PutObject, plus
 * GetObject so TemplateURL can be read back). The real `@aws-sdk/client-cloudformation` and
 * `@aws-sdk/client-s3` talk to it through an endpoint override. Outcomes are scripted:
 * success, a resource that fails and rolls back, throttling, a dropped connection, slow
 * progress, auth errors. Stacks advance one step per poll, so tests need no timing.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CfnError, CloudFormationEmulator, Params, type ScriptedFailure } from "./cloudformation";
import { escapeXml, toXml, type XmlValue } from "./xml";

const CFN_NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

export type ScriptedOutcome = "success" | "resource-fails" | "throttling" | "dropped-connection" | "slow" | "rollback-fails";

export interface EmulatorScript {
  /** A resource that fails to create/update, then the stack rolls back. */
  failure?: ScriptedFailure;
  /** The rollback fails too (an update ends in UPDATE_ROLLBACK_FAILED). */
  rollbackFails?: boolean;
  /** Polls per step: 1 is normal, more is slow progress. */
  ticksPerStep?: number;
  /** Answer the next N CloudFormation calls (optionally only these actions) with `Throttling`. */
  throttle?: { count: number; actions?: string[] };
  /**
   * Drop the connection (no answer) on the next `count` calls of `action`; `afterEffect` applies
   * the call first, then drops; `afterAction` arms the drop only once that action has been called;
   * `hang` never answers and keeps the connection open (the client's timeout must end it).
   */
  drops?: { action: string; count: number; afterEffect?: boolean; afterAction?: string; hang?: boolean }[];
  /** Answer every call with this credentials/permission error. */
  authError?: "ExpiredToken" | "AccessDenied";
}

export interface RecordedCall {
  service: "cloudformation" | "s3";
  action: string;
  outcome: "ok" | "error" | "throttled" | "dropped";
}

export interface StoredObject {
  body: Buffer;
  etag: string;
  contentType?: string;
  lastModified: Date;
}

export interface AwsEmulator {
  /** Base URL to pass as the SDK clients' `endpoint` (and to Flowform as FLOWFORM_AWS_ENDPOINT). */
  endpoint: string;
  port: number;
  cloudformation: CloudFormationEmulator;
  buckets: Map<string, Map<string, StoredObject>>;
  calls: RecordedCall[];
  script: EmulatorScript;
  /** Set the script from one of the named outcomes (or a full script). */
  scriptOutcome(outcome: ScriptedOutcome, failure?: ScriptedFailure): void;
  close(): Promise<void>;
}

/** The failure scripted by "resource-fails" unless the test names another resource. */
export const DEFAULT_FAILURE_REASON =
  "Resource handler returned message: \"Invalid request provided: Provisioned throughput for the table exceeds the account limit (Service: DynamoDb, Status Code: 400)\" (emulated failure)";

export function scriptFor(outcome: ScriptedOutcome, failure?: ScriptedFailure): EmulatorScript {
  switch (outcome) {
    case "success": return {};
    case "resource-fails": return { failure };
    case "rollback-fails": return { failure, rollbackFails: true };
    case "throttling": return { throttle: { count: 3 } };
    case "dropped-connection": return { drops: [{ action: "ExecuteChangeSet", count: 1, afterEffect: true }, { action: "DescribeStackEvents", count: 2, afterAction: "ExecuteChangeSet" }] };
    case "slow": return { ticksPerStep: 4 };
  }
}

export async function startAwsEmulator(initial: EmulatorScript = {}): Promise<AwsEmulator> {
  const buckets = new Map<string, Map<string, StoredObject>>();
  const calls: RecordedCall[] = [];
  // Assigned once the server listens; the request handlers (closures) read it.
  // eslint-disable-next-line prefer-const
  let emulator: AwsEmulator;
  const cloudformation = new CloudFormationEmulator((url) => readTemplateUrl(url, buckets, emulator?.endpoint));

  const applyScript = (script: EmulatorScript) => {
    emulator.script = structuredClone(script);
    cloudformation.script = { failure: script.failure, rollbackFails: script.rollbackFails, ticksPerStep: Math.max(1, script.ticksPerStep ?? 1) };
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (e) {
        res.writeHead(500, { "content-type": "text/plain" }).end(String((e as Error).stack));
      }
    });
  });

  function takeDrop(action: string): { afterEffect?: boolean; hang?: boolean } | undefined {
    const drop = emulator.script.drops?.find((d) => d.action === action && d.count > 0 && (!d.afterAction || calls.some((c) => c.action === d.afterAction)));
    if (drop) drop.count -= 1;
    return drop;
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/__emulator/script" && req.method === "POST") {
      // Lets a test in another process (the e2e web host) change the scripted outcome.
      const wanted = JSON.parse(body.toString("utf8")) as { outcome?: ScriptedOutcome; failure?: ScriptedFailure; script?: EmulatorScript };
      applyScript(wanted.script ?? scriptFor(wanted.outcome ?? "success", wanted.failure));
      res.writeHead(204).end();
      return;
    }
    const contentType = String(req.headers["content-type"] ?? "");
    if (req.method === "POST" && url.pathname === "/" && contentType.startsWith("application/x-www-form-urlencoded")) {
      handleCloudFormation(req, res, new URLSearchParams(body.toString("utf8")));
    } else {
      handleS3(req, res, url, body);
    }
  }

  function handleCloudFormation(req: IncomingMessage, res: ServerResponse, search: URLSearchParams) {
    const action = search.get("Action") ?? "";
    const region = regionOf(req);
    const requestId = randomUUID();
    const sendError = (status: number, code: string, message: string, type = "Sender") => {
      res.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": requestId });
      res.end(`<ErrorResponse xmlns="${CFN_NAMESPACE}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
    };
    if (emulator.script.authError) {
      calls.push({ service: "cloudformation", action, outcome: "error" });
      if (emulator.script.authError === "ExpiredToken") return sendError(400, "ExpiredToken", "The security token included in the request is expired");
      return sendError(403, "AccessDenied", `User: arn:aws:iam::123456789012:user/flowform-test is not authorized to perform: cloudformation:${action} on resource: arn:aws:cloudformation:${region}:123456789012:stack/${search.get("StackName") ?? "*"}/* because no identity-based policy allows the cloudformation:${action} action`);
    }
    const throttle = emulator.script.throttle;
    if (throttle && throttle.count > 0 && (!throttle.actions || throttle.actions.includes(action))) {
      throttle.count -= 1;
      calls.push({ service: "cloudformation", action, outcome: "throttled" });
      return sendError(400, "Throttling", "Rate exceeded");
    }
    const drop = takeDrop(action);
    if (drop?.hang) {
      calls.push({ service: "cloudformation", action, outcome: "dropped" });
      return;
    }
    if (drop && !drop.afterEffect) {
      calls.push({ service: "cloudformation", action, outcome: "dropped" });
      req.socket.destroy();
      return;
    }
    const p = new Params(search);
    let result: XmlValue;
    try {
      switch (action) {
        case "CreateChangeSet": result = cloudformation.createChangeSet(p, region); break;
        case "DescribeChangeSet": result = cloudformation.describeChangeSet(p); break;
        case "ExecuteChangeSet": result = cloudformation.executeChangeSet(p); break;
        case "DeleteChangeSet": result = cloudformation.deleteChangeSet(p); break;
        case "DescribeStacks": result = cloudformation.describeStacks(p); break;
        case "DescribeStackEvents": result = cloudformation.describeStackEvents(p); break;
        case "DeleteStack": result = cloudformation.deleteStack(p); break;
        case "CancelUpdateStack": result = cloudformation.cancelUpdateStack(p); break;
        case "ValidateTemplate": result = cloudformation.validateTemplate(p); break;
        case "GetTemplate": result = cloudformation.getTemplate(p); break;
        default: throw new CfnError(400, "InvalidAction", `The action ${action} is not valid for this web service (the Flowform emulator implements only the calls Flowform makes).`);
      }
    } catch (e) {
      if (e instanceof CfnError) {
        calls.push({ service: "cloudformation", action, outcome: "error" });
        if (drop) return void req.socket.destroy();
        return sendError(e.status, e.code, e.message, e.type);
      }
      throw e;
    }
    if (drop) {
      calls.push({ service: "cloudformation", action, outcome: "dropped" });
      req.socket.destroy();
      return;
    }
    calls.push({ service: "cloudformation", action, outcome: "ok" });
    res.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": requestId });
    res.end(`<${action}Response xmlns="${CFN_NAMESPACE}"><${action}Result>${toXml(result)}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`);
  }

  function handleS3(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: Buffer) {
    const [, bucketName = "", ...keyParts] = url.pathname.split("/");
    const bucket = decodeURIComponent(bucketName);
    const key = keyParts.map(decodeURIComponent).join("/");
    const requestId = randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase();
    const method = req.method ?? "GET";
    const action = key
      ? ({ PUT: "PutObject", HEAD: "HeadObject", GET: "GetObject" } as Record<string, string>)[method] ?? method
      : ({ PUT: "CreateBucket", HEAD: "HeadBucket" } as Record<string, string>)[method] ?? method;
    const sendError = (status: number, code: string, message: string, extra = "") => {
      calls.push({ service: "s3", action, outcome: "error" });
      res.writeHead(status, { "content-type": "application/xml", "x-amz-request-id": requestId });
      // HEAD answers carry no body; the SDK then names the error by status code.
      res.end(method === "HEAD" ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${extra}<RequestId>${requestId}</RequestId></Error>`);
    };
    if (emulator.script.authError) return sendError(403, "AccessDenied", "Access Denied");
    const drop = takeDrop(action);
    if (drop && !drop.afterEffect) {
      calls.push({ service: "s3", action, outcome: "dropped" });
      req.socket.destroy();
      return;
    }
    const ok = (headers: Record<string, string>, body?: Buffer | string) => {
      if (drop) {
        calls.push({ service: "s3", action, outcome: "dropped" });
        req.socket.destroy();
        return;
      }
      calls.push({ service: "s3", action, outcome: "ok" });
      res.writeHead(200, { "x-amz-request-id": requestId, ...headers });
      res.end(body);
    };
    const objects = buckets.get(bucket);
    if (!key) {
      if (action === "CreateBucket") {
        if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) return sendError(400, "InvalidBucketName", "The specified bucket is not valid.", `<BucketName>${escapeXml(bucket)}</BucketName>`);
        if (objects) return sendError(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", `<BucketName>${escapeXml(bucket)}</BucketName>`);
        buckets.set(bucket, new Map());
        return ok({ location: `/${bucket}` });
      }
      if (action === "HeadBucket") {
        if (!objects) return sendError(404, "NotFound", "Not Found");
        return ok({ "x-amz-bucket-region": regionOf(req) });
      }
      return sendError(405, "MethodNotAllowed", `The emulator implements only the S3 calls Flowform makes, not ${method} on a bucket.`);
    }
    if (!objects) return sendError(404, "NoSuchBucket", "The specified bucket does not exist", `<BucketName>${escapeXml(bucket)}</BucketName>`);
    if (action === "PutObject") {
      const body = isAwsChunked(req) ? decodeAwsChunked(rawBody) : rawBody;
      const etag = `"${createHash("md5").update(body).digest("hex")}"`;
      objects.set(key, { body, etag, contentType: req.headers["content-type"], lastModified: new Date() });
      return ok({ etag });
    }
    const object = objects.get(key);
    if (!object) return sendError(404, "NoSuchKey", "The specified key does not exist.", `<Key>${escapeXml(key)}</Key>`);
    const headers = {
      etag: object.etag,
      "content-length": String(object.body.length),
      "last-modified": object.lastModified.toUTCString(),
      "content-type": object.contentType ?? "application/octet-stream",
    };
    if (action === "HeadObject") return ok(headers);
    if (action === "GetObject") return ok(headers, object.body);
    return sendError(405, "MethodNotAllowed", `The emulator implements only the S3 calls Flowform makes, not ${method} on an object.`);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  emulator = {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    cloudformation,
    buckets,
    calls,
    script: {},
    scriptOutcome(outcome, failure) {
      applyScript(scriptFor(outcome, failure));
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  applyScript(initial);
  return emulator;
}

/** The region from the SigV4 credential scope (`Credential=AKID/date/REGION/service/aws4_request`). */
function regionOf(req: IncomingMessage): string {
  const auth = String(req.headers.authorization ?? "");
  return auth.match(/Credential=[^/]+\/\d+\/([^/]+)\//)?.[1] ?? "us-east-1";
}

function isAwsChunked(req: IncomingMessage): boolean {
  return String(req.headers["content-encoding"] ?? "").includes("aws-chunked") ||
    String(req.headers["x-amz-content-sha256"] ?? "").startsWith("STREAMING-");
}

/** Decode the `aws-chunked` body encoding the SDK uses for streamed uploads with trailing checksums. */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < raw.length) {
    const lineEnd = raw.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = parseInt(raw.subarray(at, lineEnd).toString("latin1").split(";")[0], 16);
    if (!size) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Resolve a TemplateURL against the emulated S3 (path-style emulator URLs or virtual-hosted AWS URLs). */
function readTemplateUrl(url: string, buckets: Map<string, Map<string, StoredObject>>, endpoint: string | undefined): string | undefined {
  let bucket: string | undefined;
  let key: string | undefined;
  const u = new URL(url);
  const virtualHosted = u.hostname.match(/^(.+)\.s3[.-]/);
  if (virtualHosted) {
    bucket = virtualHosted[1];
    key = decodeURIComponent(u.pathname.slice(1));
  } else if (!endpoint || url.startsWith(endpoint) || /^s3[.-]/.test(u.hostname)) {
    const [, b, ...rest] = u.pathname.split("/");
    bucket = decodeURIComponent(b);
    key = rest.map(decodeURIComponent).join("/");
  }
  return bucket && key ? buckets.get(bucket)?.get(key)?.body.toString("utf8") : undefined;
}
