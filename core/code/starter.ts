/**
 * Starter code from a function's wiring. The triggers decide the handler's shape (AWS Lambda
 * developer guide, "Using Lambda with …" pages for each source):
 *  - API → returns { statusCode, headers, body };
 *  - S3 → loops over Records, URL-decoding object keys (keys arrive URL-encoded);
 *  - SQS → partial batch response { batchItemFailures: [{ itemIdentifier: messageId }] }
 *    ("Handling errors for an SQS event source in Lambda", needs ReportBatchItemFailures);
 *  - DynamoDB / Kinesis streams → process records in order, report the first failed
 *    SequenceNumber as the batch item failure (checkpointing, "Configuring partial batch response");
 *  - SNS → loop over Records[].Sns.Message; EventBridge → event.detail; schedule → event.time.
 * The access wires add one environment-variable read and one AWS SDK v3 (Python: boto3) call per
 * resource. Clients are created outside the handler so warm invocations reuse them
 * ("Best practices for working with AWS Lambda functions").
 */
import { envVarNameFor } from "./wiring";
import { entryPoint, languageOf, type StarterOptions } from "./runtimes";
import type { AccessService, CodeLanguage, FunctionAccess, FunctionWiring, GeneratedFile, TriggerKind } from "./types";
import { handlerEventType, handlerResultType } from "./declarations";
import { TRIGGER_LABELS } from "./sample-events";

function camel(id: string): string {
  return id.charAt(0).toLowerCase() + id.slice(1);
}
function snake(id: string): string {
  return envVarNameFor(id).toLowerCase();
}

interface SdkClient {
  module: string;
  client: string;
  variable: string;
  pythonService: string;
}

/** AWS SDK for JavaScript v3 client packages (one package per service). */
const SDK: Record<Exclude<AccessService, "other">, SdkClient> = {
  dynamodb: { module: "@aws-sdk/client-dynamodb", client: "DynamoDBClient", variable: "dynamodb", pythonService: "dynamodb" },
  s3: { module: "@aws-sdk/client-s3", client: "S3Client", variable: "s3", pythonService: "s3" },
  sqs: { module: "@aws-sdk/client-sqs", client: "SQSClient", variable: "sqs", pythonService: "sqs" },
  sns: { module: "@aws-sdk/client-sns", client: "SNSClient", variable: "sns", pythonService: "sns" },
  eventbridge: { module: "@aws-sdk/client-eventbridge", client: "EventBridgeClient", variable: "eventBridge", pythonService: "events" },
  kinesis: { module: "@aws-sdk/client-kinesis", client: "KinesisClient", variable: "kinesis", pythonService: "kinesis" },
  stepfunctions: { module: "@aws-sdk/client-sfn", client: "SFNClient", variable: "stepFunctions", pythonService: "stepfunctions" },
  secretsmanager: { module: "@aws-sdk/client-secrets-manager", client: "SecretsManagerClient", variable: "secretsManager", pythonService: "secretsmanager" },
};

const writes = (a: FunctionAccess) => a.mode !== "read";

/** The SDK v3 command each access uses: a write when the wire allows it, a read otherwise. */
function jsCommand(a: FunctionAccess): { imports: [string, string][]; call: string } {
  const v = a.envVar;
  switch (a.service) {
    case "dynamodb":
      return writes(a)
        ? { imports: [["@aws-sdk/lib-dynamodb", "PutCommand"]], call: `await documentClient.send(new PutCommand({ TableName: ${v}, Item: { id: randomUUID(), ...asObject(payload) } }));` }
        : { imports: [["@aws-sdk/lib-dynamodb", "GetCommand"]], call: `const { Item } = await documentClient.send(new GetCommand({ TableName: ${v}, Key: { id: "example-id" } }));\n  console.log("${a.target} item", Item);` };
    case "s3":
      return writes(a)
        ? { imports: [[SDK.s3.module, "PutObjectCommand"]], call: `await s3.send(new PutObjectCommand({ Bucket: ${v}, Key: \`results/\${randomUUID()}.json\`, Body: JSON.stringify(payload), ContentType: "application/json" }));` }
        : { imports: [[SDK.s3.module, "GetObjectCommand"]], call: `const object = await s3.send(new GetObjectCommand({ Bucket: ${v}, Key: "example.json" }));\n  console.log("${a.target} object", await object.Body?.transformToString());` };
    case "sqs":
      return { imports: [[SDK.sqs.module, "SendMessageCommand"]], call: `await sqs.send(new SendMessageCommand({ QueueUrl: ${v}, MessageBody: JSON.stringify(payload) }));` };
    case "sns":
      return { imports: [[SDK.sns.module, "PublishCommand"]], call: `await sns.send(new PublishCommand({ TopicArn: ${v}, Message: JSON.stringify(payload) }));` };
    case "eventbridge":
      return { imports: [[SDK.eventbridge.module, "PutEventsCommand"]], call: `await eventBridge.send(new PutEventsCommand({ Entries: [{ EventBusName: ${v}, Source: "${a.target}.producer", DetailType: "Example", Detail: JSON.stringify(payload) }] }));` };
    case "kinesis":
      return { imports: [[SDK.kinesis.module, "PutRecordCommand"]], call: `await kinesis.send(new PutRecordCommand({ StreamName: ${v}, PartitionKey: randomUUID(), Data: new TextEncoder().encode(JSON.stringify(payload)) }));` };
    case "stepfunctions":
      return { imports: [[SDK.stepfunctions.module, "StartExecutionCommand"]], call: `await stepFunctions.send(new StartExecutionCommand({ stateMachineArn: ${v}, input: JSON.stringify(payload) }));` };
    case "secretsmanager":
      return { imports: [[SDK.secretsmanager.module, "GetSecretValueCommand"]], call: `const secret = await secretsManager.send(new GetSecretValueCommand({ SecretId: ${v} }));\n  console.log("${a.target} has a value:", secret.SecretString !== undefined);` };
    case "other":
      return { imports: [], call: `console.log("${a.target}:", ${v});` };
  }
}

function pyCall(a: FunctionAccess): string {
  const v = a.envVar;
  switch (a.service) {
    case "dynamodb":
      return writes(a)
        ? `${snake(a.target)}.put_item(Item={"id": str(uuid.uuid4()), **as_dict(payload)})`
        : `item = ${snake(a.target)}.get_item(Key={"id": "example-id"}).get("Item")\n    print("${a.target} item", item)`;
    case "s3":
      return writes(a)
        ? `s3.put_object(Bucket=${v}, Key=f"results/{uuid.uuid4()}.json", Body=json.dumps(payload), ContentType="application/json")`
        : `body = s3.get_object(Bucket=${v}, Key="example.json")["Body"].read()\n    print("${a.target} object", body)`;
    case "sqs":
      return `sqs.send_message(QueueUrl=${v}, MessageBody=json.dumps(payload))`;
    case "sns":
      return `sns.publish(TopicArn=${v}, Message=json.dumps(payload))`;
    case "eventbridge":
      return `events.put_events(Entries=[{"EventBusName": ${v}, "Source": "${a.target}.producer", "DetailType": "Example", "Detail": json.dumps(payload)}])`;
    case "kinesis":
      return `kinesis.put_record(StreamName=${v}, PartitionKey=str(uuid.uuid4()), Data=json.dumps(payload).encode())`;
    case "stepfunctions":
      return `stepfunctions.start_execution(stateMachineArn=${v}, input=json.dumps(payload))`;
    case "secretsmanager":
      return `secret = secretsmanager.get_secret_value(SecretId=${v})\n    print("${a.target} has a value:", "SecretString" in secret)`;
    case "other":
      return `print("${a.target}:", ${v})`;
  }
}

/** The handler body per trigger kind, for TypeScript/JavaScript. `process` is the per-item work. */
function jsHandlerBody(kind: TriggerKind | undefined): string {
  switch (kind) {
    case "api-rest":
    case "api-http":
      return [
        `  const payload = event.body ? JSON.parse(event.isBase64Encoded ? atob(event.body) : event.body) : {};`,
        `  try {`,
        `    const result = await processPayload(payload);`,
        `    return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(result) };`,
        `  } catch (error) {`,
        `    console.error("Request failed", error);`,
        `    return { statusCode: 500, headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "Internal error" }) };`,
        `  }`,
      ].join("\n");
    case "s3":
      return [
        `  for (const record of event.Records) {`,
        `    // Object keys arrive URL-encoded, with spaces as "+".`,
        `    const key = decodeURIComponent(record.s3.object.key.replace(/\\+/g, " "));`,
        `    await processPayload({ bucket: record.s3.bucket.name, key, size: record.s3.object.size });`,
        `  }`,
      ].join("\n");
    case "sqs":
      return [
        `  const batchItemFailures${TS_MARK}{ itemIdentifier: string }[]${TS_END} = [];`,
        `  for (const record of event.Records) {`,
        `    try {`,
        `      await processPayload(JSON.parse(record.body));`,
        `    } catch (error) {`,
        `      console.error("Message failed", record.messageId, error);`,
        `      // Only this message returns to the queue (needs ReportBatchItemFailures on the event source).`,
        `      batchItemFailures.push({ itemIdentifier: record.messageId });`,
        `    }`,
        `  }`,
        `  return { batchItemFailures };`,
      ].join("\n");
    case "dynamodb":
      return [
        `  for (const record of event.Records) {`,
        `    try {`,
        `      await processPayload({ eventName: record.eventName, keys: record.dynamodb?.Keys, newImage: record.dynamodb?.NewImage });`,
        `    } catch (error) {`,
        `      console.error("Record failed", record.eventID, error);`,
        `      // Lambda checkpoints before this record and retries from it (ReportBatchItemFailures).`,
        `      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? "" }] };`,
        `    }`,
        `  }`,
        `  return { batchItemFailures: [] };`,
      ].join("\n");
    case "kinesis":
      return [
        `  for (const record of event.Records) {`,
        `    try {`,
        `      // Kinesis data arrives base64-encoded.`,
        `      const data = new TextDecoder().decode(Uint8Array.from(atob(record.kinesis.data), (c) => c.charCodeAt(0)));`,
        `      await processPayload({ partitionKey: record.kinesis.partitionKey, data });`,
        `    } catch (error) {`,
        `      console.error("Record failed", record.eventID, error);`,
        `      return { batchItemFailures: [{ itemIdentifier: record.kinesis.sequenceNumber }] };`,
        `    }`,
        `  }`,
        `  return { batchItemFailures: [] };`,
      ].join("\n");
    case "sns":
      return [
        `  for (const record of event.Records) {`,
        `    await processPayload({ subject: record.Sns.Subject, message: record.Sns.Message });`,
        `  }`,
      ].join("\n");
    case "eventbridge":
      return `  await processPayload({ source: event.source, detailType: event["detail-type"], detail: event.detail });`;
    case "schedule":
      return `  await processPayload({ scheduledAt: event.time });`;
    case "scheduler":
      return `  // EventBridge Scheduler passes the schedule's Input as the event.\n  await processPayload(event);`;
    default:
      return `  return processPayload(event);`;
  }
}

function pyHandlerBody(kind: TriggerKind | undefined): string {
  switch (kind) {
    case "api-rest":
    case "api-http":
      return [
        `    body = event.get("body") or "{}"`,
        `    if event.get("isBase64Encoded"):`,
        `        body = base64.b64decode(body).decode()`,
        `    try:`,
        `        result = process_payload(json.loads(body))`,
        `        return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(result)}`,
        `    except Exception:`,
        `        logger.exception("Request failed")`,
        `        return {"statusCode": 500, "headers": {"content-type": "application/json"}, "body": json.dumps({"message": "Internal error"})}`,
      ].join("\n");
    case "s3":
      return [
        `    for record in event["Records"]:`,
        `        # Object keys arrive URL-encoded, with spaces as "+".`,
        `        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])`,
        `        process_payload({"bucket": record["s3"]["bucket"]["name"], "key": key, "size": record["s3"]["object"].get("size")})`,
      ].join("\n");
    case "sqs":
      return [
        `    batch_item_failures = []`,
        `    for record in event["Records"]:`,
        `        try:`,
        `            process_payload(json.loads(record["body"]))`,
        `        except Exception:`,
        `            logger.exception("Message %s failed", record["messageId"])`,
        `            # Only this message returns to the queue (needs ReportBatchItemFailures on the event source).`,
        `            batch_item_failures.append({"itemIdentifier": record["messageId"]})`,
        `    return {"batchItemFailures": batch_item_failures}`,
      ].join("\n");
    case "dynamodb":
      return [
        `    for record in event["Records"]:`,
        `        try:`,
        `            process_payload({"eventName": record["eventName"], "keys": record["dynamodb"].get("Keys"), "newImage": record["dynamodb"].get("NewImage")})`,
        `        except Exception:`,
        `            logger.exception("Record %s failed", record["eventID"])`,
        `            # Lambda checkpoints before this record and retries from it (ReportBatchItemFailures).`,
        `            return {"batchItemFailures": [{"itemIdentifier": record["dynamodb"]["SequenceNumber"]}]}`,
        `    return {"batchItemFailures": []}`,
      ].join("\n");
    case "kinesis":
      return [
        `    for record in event["Records"]:`,
        `        try:`,
        `            # Kinesis data arrives base64-encoded.`,
        `            data = base64.b64decode(record["kinesis"]["data"]).decode()`,
        `            process_payload({"partitionKey": record["kinesis"]["partitionKey"], "data": data})`,
        `        except Exception:`,
        `            logger.exception("Record %s failed", record["eventID"])`,
        `            return {"batchItemFailures": [{"itemIdentifier": record["kinesis"]["sequenceNumber"]}]}`,
        `    return {"batchItemFailures": []}`,
      ].join("\n");
    case "sns":
      return [
        `    for record in event["Records"]:`,
        `        process_payload({"subject": record["Sns"].get("Subject"), "message": record["Sns"]["Message"]})`,
      ].join("\n");
    case "eventbridge":
      return `    process_payload({"source": event["source"], "detailType": event["detail-type"], "detail": event["detail"]})`;
    case "schedule":
      return `    process_payload({"scheduledAt": event.get("time")})`;
    case "scheduler":
      return `    # EventBridge Scheduler passes the schedule's Input as the event.\n    process_payload(event)`;
    default:
      return `    return process_payload(event)`;
  }
}

// Markers for TypeScript-only syntax, stripped for JavaScript.
const TS_MARK = "\u27e8ts:";
const TS_END = "\u27e9";
function finishJs(text: string, typescript: boolean): string {
  return typescript
    ? text.split(TS_MARK).join(": ").split(TS_END).join("")
    : text.replace(/\u27e8ts:[^\u27e9]*\u27e9/g, "");
}

function describeTriggers(wiring: FunctionWiring): string {
  if (wiring.triggers.length === 0) return "nothing yet (invoke it directly or wire a trigger to it)";
  return wiring.triggers.map((t) => `${TRIGGER_LABELS[t.kind]}${t.source ? ` from ${t.source}` : ""}${t.method || t.path ? ` (${[t.method, t.path].filter(Boolean).join(" ")})` : ""}`).join(", ");
}

function jsSource(wiring: FunctionWiring, typescript: boolean): string {
  const kind = wiring.triggers[0]?.kind;
  const services = [...new Set(wiring.accesses.map((a) => a.service))].filter((s): s is Exclude<AccessService, "other"> => s !== "other");
  const imports = new Map<string, Set<string>>();
  const add = (module: string, name: string) => {
    if (!imports.has(module)) imports.set(module, new Set());
    imports.get(module)!.add(name);
  };
  for (const s of services) {
    add(SDK[s].module, SDK[s].client);
    if (s === "dynamodb") add("@aws-sdk/lib-dynamodb", "DynamoDBDocumentClient");
  }
  const calls = wiring.accesses.map((a) => {
    const c = jsCommand(a);
    c.imports.forEach(([m, n]) => add(m, n));
    return c;
  });
  const needsUuid = calls.some((c) => c.call.includes("randomUUID("));
  const lines: string[] = [];
  lines.push(`// ${wiring.functionId}: invoked by ${describeTriggers(wiring)}.`);
  lines.push(`// Generated by Flowform from the function's wiring; it is yours to edit.`);
  if (typescript) {
    const eventType = handlerEventType(kind);
    const resultType = handlerResultType(kind);
    const types = [eventType, resultType].filter((t): t is string => !!t && /^[A-Z]/.test(t)).map((t) => t.replace(/<.*$/, ""));
    lines.push(`import type { Context${types.length ? ", " + [...new Set(types)].join(", ") : ""} } from "aws-lambda";`);
  }
  if (needsUuid) lines.push(`import { randomUUID } from "node:crypto";`);
  for (const [module, names] of imports) lines.push(`import { ${[...names].sort().join(", ")} } from "${module}";`);
  lines.push("");
  if (services.length) {
    lines.push("// Clients are created once per execution environment and reused by warm invocations.");
    for (const s of services) {
      if (s === "dynamodb") lines.push(`const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));`);
      else lines.push(`const ${SDK[s].variable} = new ${SDK[s].client}({});`);
    }
    lines.push("");
  }
  for (const a of wiring.accesses) {
    lines.push(`// ${a.target} (${a.mode}): its ${a.envValue}, set by the wire${a.envVarDeclared ? "" : " (add this variable to the function's environment)"}.`);
    lines.push(`const ${a.envVar} = process.env.${a.envVar}${typescript ? " ?? \"\"" : ""};`);
  }
  if (wiring.accesses.length) lines.push("");
  const eventType = typescript ? handlerEventType(kind) ?? "unknown" : "";
  const resultType = typescript ? handlerResultType(kind) : "";
  const signature = typescript
    ? `export const handler = async (event: ${eventType}, context: Context): Promise<${resultType ?? "unknown"}> => {`
    : `export const handler = async (event, context) => {`;
  lines.push(signature);
  lines.push(`  console.log("Request", context.awsRequestId);`);
  lines.push(finishJs(jsHandlerBody(kind), typescript));
  lines.push("};");
  lines.push("");
  lines.push(`/** The work for one request, message or record. */`);
  lines.push(`async function processPayload(payload${typescript ? ": unknown" : ""})${typescript ? ": Promise<unknown>" : ""} {`);
  lines.push(`  console.log("Processing", JSON.stringify(payload));`);
  for (const c of calls) lines.push(`  ${c.call}`);
  lines.push(`  return { ok: true, received: payload };`);
  lines.push("}");
  if (calls.some((c) => c.call.includes("asObject("))) {
    lines.push("");
    lines.push(`function asObject(value${typescript ? ": unknown" : ""})${typescript ? ": Record<string, unknown>" : ""} {`);
    lines.push(`  return value && typeof value === "object" && !Array.isArray(value) ? ${typescript ? "(value as Record<string, unknown>)" : "value"} : { value };`);
    lines.push("}");
  }
  return lines.join("\n") + "\n";
}

function pySource(wiring: FunctionWiring): string {
  const kind = wiring.triggers[0]?.kind;
  const services = [...new Set(wiring.accesses.map((a) => a.service))].filter((s): s is Exclude<AccessService, "other"> => s !== "other");
  const calls = wiring.accesses.map(pyCall);
  const modules = new Set(["json", "logging"]);
  if (kind === "api-rest" || kind === "api-http" || kind === "kinesis") modules.add("base64");
  if (kind === "s3") modules.add("urllib.parse");
  if (calls.some((c) => c.includes("uuid."))) modules.add("uuid");
  if (wiring.accesses.length) modules.add("os");
  const lines: string[] = [];
  lines.push(`# ${wiring.functionId}: invoked by ${describeTriggers(wiring)}.`);
  lines.push(`# Generated by Flowform from the function's wiring; it is yours to edit.`);
  for (const m of [...modules].sort()) lines.push(`import ${m}`);
  if (services.length) {
    lines.push("");
    lines.push("import boto3  # provided by the Lambda Python runtime");
  }
  lines.push("");
  lines.push("logger = logging.getLogger()");
  lines.push("logger.setLevel(logging.INFO)");
  lines.push("");
  for (const a of wiring.accesses) {
    lines.push(`# ${a.target} (${a.mode}): its ${a.envValue}, set by the wire${a.envVarDeclared ? "" : " (add this variable to the function's environment)"}.`);
    lines.push(`${a.envVar} = os.environ.get("${a.envVar}", "")`);
  }
  if (services.length) {
    lines.push("");
    lines.push("# Clients are created once per execution environment and reused by warm invocations.");
    for (const s of services) {
      if (s === "dynamodb") {
        lines.push(`dynamodb = boto3.resource("dynamodb")`);
        for (const a of wiring.accesses.filter((x) => x.service === "dynamodb")) lines.push(`${snake(a.target)} = dynamodb.Table(${a.envVar}) if ${a.envVar} else None`);
      } else lines.push(`${SDK[s].pythonService} = boto3.client("${SDK[s].pythonService}")`);
    }
  }
  lines.push("");
  lines.push("");
  lines.push("def handler(event, context):");
  lines.push(`    logger.info("Request %s", context.aws_request_id)`);
  lines.push(pyHandlerBody(kind));
  lines.push("");
  lines.push("");
  lines.push("def process_payload(payload):");
  lines.push(`    """The work for one request, message or record."""`);
  lines.push(`    logger.info("Processing %s", json.dumps(payload, default=str))`);
  for (const c of calls) lines.push(`    ${c}`);
  lines.push(`    return {"ok": True, "received": payload}`);
  if (calls.some((c) => c.includes("as_dict("))) {
    lines.push("");
    lines.push("");
    lines.push("def as_dict(value):");
    lines.push(`    return value if isinstance(value, dict) else {"value": value}`);
  }
  return lines.join("\n") + "\n";
}

/** The source of the entry file for a function, in the chosen language. */
export function starterSource(wiring: FunctionWiring, language: CodeLanguage): string {
  if (language === "python") return pySource(wiring);
  return jsSource(wiring, language === "typescript");
}

/** The files a new function starts with, under `src/<LogicalId>/`. */
export function generateStarter(wiring: FunctionWiring, options: StarterOptions): { files: GeneratedFile[]; handler: string } {
  const language = languageOf(options);
  const entry = entryPoint(language);
  const folder = `src/${wiring.functionId}/`;
  const files: GeneratedFile[] = [{ path: folder + entry.file, content: starterSource(wiring, language) }];
  if (language !== "python") {
    const modules = new Set<string>();
    for (const a of wiring.accesses) {
      if (a.service === "other") continue;
      modules.add(SDK[a.service].module);
      if (a.service === "dynamodb") modules.add("@aws-sdk/lib-dynamodb");
    }
    const pkg: Record<string, unknown> = {
      name: camel(wiring.functionId).replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()),
      private: true,
      type: "module",
      // The Node.js runtimes include AWS SDK v3, so these are for local type checking and tests.
      devDependencies: Object.fromEntries([...[...modules].map((m) => [m, "^3.0.0"]), ...(language === "typescript" ? [["@types/aws-lambda", "^8.10.0"]] : [])].sort()),
    };
    files.push({ path: folder + "package.json", content: JSON.stringify(pkg, null, 2) + "\n" });
  } else {
    files.push({ path: folder + "requirements.txt", content: "# boto3 is included in the Lambda Python runtime; list other dependencies here.\n" });
  }
  return { files, handler: entry.handler };
}
