import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importTemplate } from "../model/import";
import type { TemplateModel } from "../model/types";
import { estimate, SERIES_POINTS } from "./estimate";
import type { PriceTable } from "./prices";
import type { UsageInput } from "./usage";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const priceFile = (region: string) => JSON.parse(readFileSync(resolve(repo, `resources/pricing/${region}.json`), "utf8")) as PriceTable;
const prices = priceFile("us-east-1");

function model(yaml: string): TemplateModel {
  const result = importTemplate(`Transform: AWS::Serverless-2016-10-31\nResources:\n${yaml}`);
  if (!result.model) throw new Error(result.problems.map((p) => p.message).join("; "));
  return result.model;
}

const fn = (id: string, extra = "") => `  ${id}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      Handler: index.handler\n${extra}`;

function traffic(breakdown: ReturnType<typeof estimate>, id: string): number {
  return breakdown.resources.find((r) => r.id === id)!.traffic.quantity;
}
function line(breakdown: ReturnType<typeof estimate>, id: string, dimension: string) {
  return breakdown.resources.find((r) => r.id === id)!.lines.find((l) => l.dimension.startsWith(dimension));
}

const apiToFunction = model(`  Api:
    Type: AWS::Serverless::HttpApi
${fn("GetOrders", `      Events:
        Get: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /orders, Method: GET } }
`)}${fn("PutOrder", `      Events:
        Put: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /orders, Method: PUT } }
`)}`);

describe("traffic follows trigger wires", () => {
  it("splits an API's requests equally between its routes, and a share on a wire overrides that", () => {
    const usage: UsageInput = { resources: { Api: { requestsPerMonth: 4_000_000 } } };
    const even = estimate(apiToFunction, usage, prices, { series: false });
    expect(traffic(even, "GetOrders")).toBe(2_000_000);
    expect(traffic(even, "PutOrder")).toBe(2_000_000);
    const wire = apiToFunction.connections.find((c) => c.to === "GetOrders")!;
    const skewed = estimate(apiToFunction, { ...usage, connections: { [wire.id]: { share: 0.75 } } }, prices, { series: false });
    expect(traffic(skewed, "GetOrders")).toBe(3_000_000);
  });

  it("charges HTTP API requests per 512 KB unit", () => {
    const small = estimate(apiToFunction, { resources: { Api: { requestsPerMonth: 2_000_000, requestKb: 100 } } }, prices, { series: false });
    const large = estimate(apiToFunction, { resources: { Api: { requestsPerMonth: 2_000_000, requestKb: 600 } } }, prices, { series: false });
    expect(line(small, "Api", "HTTP API")!.quantity).toBe(2_000_000);
    expect(line(large, "Api", "HTTP API")!.quantity).toBe(4_000_000);
    expect(line(small, "Api", "HTTP API")!.usd).toBeCloseTo(2.0, 10);
  });

  it("turns queue messages into invocations divided by the batch size", () => {
    const m = model(`  Jobs:
    Type: AWS::SQS::Queue
${fn("Worker", `      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn, BatchSize: 5 } }
`)}`);
    const b = estimate(m, { resources: { Jobs: { messagesPerMonth: 1_000_000 } } }, prices, { series: false });
    expect(traffic(b, "Worker")).toBe(200_000);
    // 1M sends + 200k receive batches + 200k delete batches.
    expect(line(b, "Jobs", "Standard queue")!.quantity).toBe(1_400_000);
  });

  it("fans an SNS message out to every subscriber", () => {
    const m = model(`  Alerts:
    Type: AWS::SNS::Topic
${fn("A", `      Events:
        S: { Type: SNS, Properties: { Topic: !Ref Alerts } }
`)}${fn("B", `      Events:
        S: { Type: SNS, Properties: { Topic: !Ref Alerts } }
`)}`);
    const b = estimate(m, { resources: { Alerts: { messagesPerMonth: 300_000 } } }, prices, { series: false });
    expect(traffic(b, "A")).toBe(300_000);
    expect(traffic(b, "B")).toBe(300_000);
    expect(line(b, "Alerts", "Publishes")!.quantity).toBe(300_000);
  });

  it("fires a scheduled function exactly as often as its rate says", () => {
    const m = model(fn("Nightly", `      Events:
        Tick: { Type: Schedule, Properties: { Schedule: rate(5 minutes) } }
`));
    const b = estimate(m, {}, prices, { series: false });
    expect(traffic(b, "Nightly")).toBe(8760);
    expect(b.assumptions.join(" ")).toMatch(/8760 times a month \(rate\(5 minutes\)/);
  });
});

describe("traffic follows access and destination wires", () => {
  const chain = model(`  Api:
    Type: AWS::Serverless::HttpApi
${fn("Front", `      Events:
        Post: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /jobs, Method: POST } }
      Policies:
        - DynamoDBCrudPolicy: { TableName: !Ref Orders }
        - SQSSendMessagePolicy: { QueueName: !GetAtt Jobs.QueueName }
`)}  Orders:
    Type: AWS::Serverless::SimpleTable
  Jobs:
    Type: AWS::SQS::Queue
${fn("Worker", `      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn, BatchSize: 10 } }
`)}`);

  it("makes a function's writes to a queue that queue's traffic, and the queue's consumer runs per batch", () => {
    const b = estimate(chain, { resources: { Api: { requestsPerMonth: 1_000_000 } } }, prices, { series: false });
    expect(traffic(b, "Front")).toBe(1_000_000);
    expect(traffic(b, "Jobs")).toBe(1_000_000);
    expect(traffic(b, "Worker")).toBe(100_000);
  });

  it("multiplies calls per invocation on an access wire", () => {
    const wire = chain.connections.find((c) => c.kind === "access" && c.to === "Jobs")!;
    const b = estimate(chain, { resources: { Api: { requestsPerMonth: 1_000_000 } }, connections: { [wire.id]: { callsPerInvocation: 3 } } }, prices, { series: false });
    expect(traffic(b, "Jobs")).toBe(3_000_000);
    expect(traffic(b, "Worker")).toBe(300_000);
  });

  it("counts a read-write table wire as one read and one write per invocation, in request units by item size", () => {
    const b = estimate(chain, { resources: { Api: { requestsPerMonth: 1_000_000 }, Orders: { itemKb: 6 } } }, prices, { series: false });
    // 6 KB item: 6 WRU per write; eventually consistent read of 6 KB = 2 × 0.5 RRU.
    expect(line(b, "Orders", "On-demand write")!.quantity).toBe(6_000_000);
    expect(line(b, "Orders", "On-demand read")!.quantity).toBe(1_000_000);
    expect(line(b, "Orders", "On-demand write")!.usd).toBeCloseTo(6 * 0.625, 10);
  });

  it("retries failures and sends what still fails down the destination wire", () => {
    const m = model(`  Uploads:
    Type: AWS::S3::Bucket
${fn("Thumbs", `      Events:
        Up: { Type: S3, Properties: { Bucket: !Ref Uploads, Events: s3:ObjectCreated:* } }
      EventInvokeConfig:
        DestinationConfig:
          OnFailure: { Type: SQS, Destination: !GetAtt Failed.Arn }
`)}  Failed:
    Type: AWS::SQS::Queue
`);
    const b = estimate(m, { resources: { Uploads: { uploadsPerMonth: 1_000_000 }, Thumbs: { failureRate: 0.1 } } }, prices, { series: false });
    // S3 invokes asynchronously: Lambda retries twice → 1 + 0.1 + 0.01 attempts per upload.
    expect(traffic(b, "Thumbs")).toBeCloseTo(1_110_000, 6);
    expect(m.connections.some((c) => c.kind === "destination" && c.to === "Failed")).toBe(true);
    // 0.1³ of uploads still fail after the two retries.
    expect(traffic(b, "Failed")).toBeCloseTo(1_000, 6);
  });
});

describe("cost properties", () => {
  const corpusDir = resolve(repo, "../shared/corpus/serverless-patterns");
  const templates = readdirSync(corpusDir)
    .map((d) => join(corpusDir, d))
    .filter((d) => statSync(d).isDirectory())
    .flatMap((d) => ["template.yaml", "template.yml"].map((f) => join(d, f)))
    .filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
  // Imported once for every corpus test below.
  const imported = new Map<string, TemplateModel | null>();
  const modelOf = (file: string) => {
    if (!imported.has(file)) imported.set(file, importTemplate(readFileSync(file, "utf8"), file).model);
    return imported.get(file)!;
  };

  it("never decreases as traffic grows, and the free tier never raises it", () => {
    const b = estimate(apiToFunction, { resources: { Api: { requestsPerMonth: 10_000 } } }, prices);
    expect(b.series.map((p) => p.entryRequests)).toEqual(SERIES_POINTS);
    for (let i = 1; i < b.series.length; i++) expect(b.series[i].usd).toBeGreaterThanOrEqual(b.series[i - 1].usd);
    for (const p of b.series) expect(p.usd).toBeLessThanOrEqual(p.usdWithoutFreeTier);
    expect(b.total).toBeLessThanOrEqual(b.totalWithoutFreeTier);
  });

  it("counts only fixed costs at zero traffic", () => {
    const m = model(`  Clicks:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 2 }
${fn("Warm", `      MemorySize: 1024
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 1 }
      AutoPublishAlias: live
`)}  Orders:
    Type: AWS::Serverless::SimpleTable
`);
    const b = estimate(m, { resources: { Orders: { storageGb: 30 } } }, prices, { series: false });
    const paid = b.resources.flatMap((r) => r.lines).filter((l) => l.usd > 0).map((l) => l.dimension).sort();
    expect(paid).toEqual(["Provisioned concurrency (x86_64)", "Provisioned shard hours", "Storage"]);
    // 2 shards × 730 h × $0.015 + 1 GB × 730 h × 3600 s × $0.0000041667 + (30 − 25 GB free) × $0.25.
    expect(b.total).toBeCloseTo(2 * 730 * 0.015 + 730 * 3600 * 0.0000041667 + 5 * 0.25, 2);
    expect(b.entryRequests).toBe(0);
  });

  it("adds up: the total is the sum of every resource's lines", () => {
    const b = estimate(apiToFunction, { resources: { Api: { requestsPerMonth: 50_000_000 }, GetOrders: { durationMs: 250, memoryMb: 1024 } } }, prices, { series: false });
    const sum = b.resources.reduce((s, r) => s + r.usd, 0);
    expect(Math.abs(sum - b.total)).toBeLessThan(0.006);
    expect(b.costPerMillionEntryRequests).toBeCloseTo(b.total / 50, 1);
  });

  it("prices the same design higher in Frankfurt than in N. Virginia for an HTTP API", () => {
    const usage = { resources: { Api: { requestsPerMonth: 100_000_000 } } };
    const virginia = estimate(apiToFunction, usage, prices, { series: false });
    const frankfurt = estimate(apiToFunction, usage, priceFile("eu-central-1"), { series: false });
    expect(frankfurt.total).toBeGreaterThan(virginia.total);
    expect(frankfurt.region).toBe("eu-central-1");
  });

  it("states the always-on instance and where it breaks even", () => {
    const b = estimate(apiToFunction, { resources: { Api: { requestsPerMonth: 1_000_000 }, GetOrders: { durationMs: 200 }, PutOrder: { durationMs: 200 } } }, prices);
    expect(b.breakEven!.instance).toBe("t3.small");
    expect(b.breakEven!.monthlyUsd).toBeCloseTo(0.0208 * 730, 2);
    const n = b.breakEven!.requestsPerMonth!;
    expect(n).toBeGreaterThan(1_000_000);
    const at = (requests: number) => estimate(apiToFunction, { resources: { Api: { requestsPerMonth: requests }, GetOrders: { durationMs: 200 }, PutOrder: { durationMs: 200 } } }, prices, { series: false }).total;
    expect(at(n * 1.01)).toBeGreaterThanOrEqual(b.breakEven!.monthlyUsd - 0.01);
    expect(at(n * 0.99)).toBeLessThanOrEqual(b.breakEven!.monthlyUsd + 0.01);
  });

  it(`estimates every serverless-patterns template without error (${templates.length} real templates)`, () => {
    let estimated = 0;
    for (const file of templates) {
      const m = modelOf(file);
      if (!m) continue;
      const usage: UsageInput = { resources: {} };
      for (const r of m.resources) usage.resources![r.id] = { requestsPerMonth: 1e6, messagesPerMonth: 1e6, uploadsPerMonth: 1e5, eventsPerMonth: 1e6 };
      const b = estimate(m, usage, prices, { series: false });
      expect(Number.isFinite(b.total), file).toBe(true);
      expect(b.total).toBeGreaterThanOrEqual(0);
      expect(b.total).toBeLessThanOrEqual(b.totalWithoutFreeTier);
      estimated++;
    }
    expect(estimated).toBeGreaterThan(templates.length * 0.95);
  });

  it("charges only fixed costs at zero traffic on real templates without schedules", () => {
    const fixed = /^(Provisioned concurrency|Provisioned shard hours|Provisioned (write|read) capacity|On-demand stream hours|Standard storage|Storage|REST API cache)/;
    let checked = 0;
    for (const file of templates) {
      const m = modelOf(file);
      if (!m || m.resources.some((r) => r.kind === "schedule")) continue;
      const b = estimate(m, {}, prices, { series: false, freeTier: false });
      for (const line of b.resources.flatMap((r) => r.lines)) if (line.usd > 0) expect(line.dimension, `${file} ${line.resource}`).toMatch(fixed);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("never decreases with traffic and is never raised by the free tier, on every tenth real template", () => {
    let checked = 0;
    for (const file of templates.filter((_, i) => i % 10 === 0)) {
      const m = modelOf(file);
      if (!m) continue;
      const b = estimate(m, {}, prices);
      for (let i = 1; i < b.series.length; i++) expect(b.series[i].usd, file).toBeGreaterThanOrEqual(b.series[i - 1].usd);
      for (const p of b.series) expect(p.usd, file).toBeLessThanOrEqual(p.usdWithoutFreeTier);
      if (b.series.length) checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("events, streams and workflows", () => {
  const design = model(`  Bus:
    Type: AWS::Events::EventBus
    Properties: { Name: orders }
${fn("OnOrder", `      Events:
        Placed:
          Type: EventBridgeRule
          Properties: { EventBusName: !Ref Bus, Pattern: { source: [shop.orders] } }
        Noon:
          Type: ScheduleV2
          Properties: { ScheduleExpression: "cron(0 12 * * ? *)" }
      Policies:
        - StepFunctionsExecutionPolicy: { StateMachineName: !GetAtt Flow.Name }
`)}${fn("OnClick", `      Events:
        Clicks:
          Type: Kinesis
          Properties: { Stream: !GetAtt Clicks.Arn, StartingPosition: LATEST, BatchSize: 50 }
`)}  Clicks:
    Type: AWS::Kinesis::Stream
    Properties: { StreamModeDetails: { StreamMode: ON_DEMAND } }
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: A
        States:
          A: { Type: Pass, Next: B }
          B: { Type: Pass, End: true }
`);
  const usage: UsageInput = { resources: { Bus: { eventsPerMonth: 2_000_000, payloadKb: 100 }, Clicks: { recordsPerMonth: 10_000_000, recordKb: 1.5 } } };
  const b = estimate(design, usage, prices, { series: false });

  it("bills custom events on the bus in 64 KB chunks and delivers each to the rule's target", () => {
    expect(line(b, "Bus", "Custom events")!.quantity).toBe(4_000_000);
    expect(line(b, "Bus", "Custom events")!.usd).toBeCloseTo(4, 10);
    // 2M events plus a noon schedule (730/24 firings a month).
    expect(traffic(b, "OnOrder")).toBeCloseTo(2_000_000 + 730 / 24, 6);
  });

  it("counts an EventBridge Scheduler schedule's invocations, inside its 14M free allowance", () => {
    const scheduler = line(b, "OnOrderNoon", "Scheduler")!;
    expect(scheduler.quantity).toBeCloseTo(730 / 24, 9);
    expect(scheduler.usd).toBe(0);
  });

  it("prices an on-demand stream by the hour and per GB with records rounded up to 1 KB, and batches its consumer", () => {
    const gbIn = (10_000_000 * 2) / (1024 * 1024);
    expect(line(b, "Clicks", "On-demand data in")!.quantity).toBeCloseTo(gbIn, 9);
    expect(line(b, "Clicks", "On-demand stream hours")!.usd).toBeCloseTo(730 * 0.04, 9);
    expect(traffic(b, "OnClick")).toBe(200_000);
  });

  it("starts a state machine from a function's access wire and counts one transition per state", () => {
    expect(traffic(b, "Flow")).toBeCloseTo(traffic(b, "OnOrder"), 6);
    expect(line(b, "Flow", "Standard state transitions")!.quantity).toBeCloseTo(2 * traffic(b, "OnOrder"), 6);
  });

  it("warns about a loop (a function publishing to the bus that triggers it) instead of running away", () => {
    const looped = model(`  Bus:
    Type: AWS::Events::EventBus
${fn("Echo", `      Events:
        Placed: { Type: EventBridgeRule, Properties: { EventBusName: !Ref Bus, Pattern: { source: [shop] } } }
      Policies:
        - EventBridgePutEventsPolicy: { EventBusName: !Ref Bus }
`)}`);
    const result = estimate(looped, { resources: { Bus: { eventsPerMonth: 1000 } } }, prices, { series: false });
    expect(result.warnings.join(" ")).toMatch(/Traffic loop through/);
    expect(Number.isFinite(result.total)).toBe(true);
  });
});

describe("honesty about what is not priced", () => {
  it("names resources it has no prices for, and leaves out ones that cost nothing by themselves", () => {
    const m = model(`  Graph:
    Type: AWS::AppSync::GraphQLApi
    Properties: { Name: g, AuthenticationType: API_KEY }
  Role:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
  Param:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: x }
`);
    const b = estimate(m, {}, prices, { series: false });
    const line = b.assumptions.find((a) => a.startsWith("Not priced"));
    expect(line).toBe("Not priced (no price table for them yet): Graph (AWS::AppSync::GraphQLApi).");
  });
});

describe("provisioned DynamoDB tables", () => {
  it("bills provisioned capacity per hour, including global secondary indexes, less the 25 WCU/RCU free all month", () => {
    const m = model(`  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PROVISIONED
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      ProvisionedThroughput: { ReadCapacityUnits: 100, WriteCapacityUnits: 40 }
      GlobalSecondaryIndexes:
        - IndexName: byDate
          KeySchema: [{ AttributeName: pk, KeyType: HASH }]
          Projection: { ProjectionType: ALL }
          ProvisionedThroughput: { ReadCapacityUnits: 20, WriteCapacityUnits: 10 }
`);
    const withFree = estimate(m, {}, prices, { series: false });
    const noFree = estimate(m, {}, prices, { series: false, freeTier: false });
    expect(line(noFree, "Orders", "Provisioned write")!.quantity).toBe(50 * 730);
    expect(noFree.total).toBeCloseTo(50 * 730 * 0.00065 + 120 * 730 * 0.00013, 2);
    expect(withFree.total).toBeCloseTo(25 * 730 * 0.00065 + 95 * 730 * 0.00013, 2);
    expect(withFree.assumptions.join(" ")).toMatch(/Orders: provisioned 50 WCU and 120 RCU all month/);
  });

  it("keeps on-demand tables on request pricing", () => {
    const m = model(`  Orders:
    Type: AWS::DynamoDB::Table
    Properties: { BillingMode: PAY_PER_REQUEST }
`);
    const b = estimate(m, { resources: { Orders: { writesPerMonth: 1_000_000 } } }, prices, { series: false });
    expect(line(b, "Orders", "On-demand write")!.usd).toBeCloseTo(0.625, 10);
  });
});

describe("cost-vs-traffic series", () => {
  it("matches a full re-estimate at every point (traffic scales linearly through the wiring)", () => {
    const m = model(`  Api:
    Type: AWS::Serverless::HttpApi
${fn("Front", `      MemorySize: 1024
      Events:
        Post: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /jobs, Method: POST } }
        Tick: { Type: Schedule, Properties: { Schedule: rate(1 minute) } }
      Policies:
        - SQSSendMessagePolicy: { QueueName: !GetAtt Jobs.QueueName }
`)}  Jobs:
    Type: AWS::SQS::Queue
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      Subscription: [{ Protocol: email, Endpoint: ops@example.com }]
${fn("Worker", `      Events:
        Q: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn, BatchSize: 7 } }
`)}`);
    const usage: UsageInput = { resources: { Api: { requestsPerMonth: 2_000_000, requestKb: 700, responseKb: 20 }, Alerts: { messagesPerMonth: 50_000 }, Front: { durationMs: 333, failureRate: 0.05 } } };
    const b = estimate(m, usage, prices);
    for (const point of b.series) {
      const scale = point.entryRequests / b.entryRequests;
      const direct = estimate(m, { resources: { ...usage.resources, Api: { ...usage.resources!.Api, requestsPerMonth: 2_000_000 * scale }, Alerts: { messagesPerMonth: 50_000 * scale } } }, prices, { series: false });
      expect(point.usd).toBeCloseTo(direct.total, 2);
      expect(point.usdWithoutFreeTier).toBeCloseTo(direct.totalWithoutFreeTier, 2);
    }
  });
});

describe("WebSocket APIs, REST API caches, pipes and user pools", () => {
  it("bills a WebSocket API's messages in 32 KB units and its connection minutes, and sends messages to the route's function", () => {
    const m = model(`  Chat:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: "$request.body.action" }
${fn("OnMessage", `      Events:
        Msg: { Type: HttpApi, Properties: { ApiId: !Ref Chat } }
`)}`);
    const b = estimate(m, { resources: { Chat: { messagesPerMonth: 3_000_000, messageKb: 33, connectionMinutesPerMonth: 4_000_000 } } }, prices, { series: false, freeTier: false });
    expect(b.resources.find((r) => r.id === "Chat")!.kind).toBe("websocket-api");
    // A 33 KB message is two 32 KB units (API Gateway pricing).
    expect(line(b, "Chat", "WebSocket messages")!.quantity).toBe(6_000_000);
    expect(line(b, "Chat", "WebSocket messages")!.usd).toBeCloseTo(6, 10);
    expect(line(b, "Chat", "WebSocket connection minutes")!.usd).toBeCloseTo(1, 10);
    expect(line(b, "Chat", "HTTP API requests")).toBeUndefined();
    expect(traffic(b, "OnMessage")).toBe(3_000_000);
  });

  it("deducts the 12-month WebSocket allowances (1M messages, 750,000 minutes) only when asked", () => {
    const m = model(`  Chat:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: "$request.body.action" }
`);
    const usage = { resources: { Chat: { messagesPerMonth: 1_000_000, connectionMinutesPerMonth: 750_000 } } };
    expect(estimate(m, usage, prices, { series: false }).total).toBeCloseTo(1.19, 2);
    expect(estimate(m, { ...usage, twelveMonthFreeTier: true }, prices, { series: false }).total).toBe(0);
  });

  it("bills a REST API cache every hour of the month at its size's price, whatever the traffic", () => {
    const m = model(`  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, CacheClusterEnabled: true, CacheClusterSize: "6.1" }
`);
    const b = estimate(m, {}, prices, { series: false });
    const cache = line(b, "Api", "REST API cache, 6.1 GB")!;
    expect(cache.quantity).toBe(730);
    expect(cache.usd).toBeCloseTo(730 * 0.2, 10);
    expect(estimate(m, {}, prices, { series: false, hoursPerMonth: 744 }).total).toBeCloseTo(744 * 0.2, 2);
    expect(b.assumptions).toContain("Api: 6.1 GB API cache provisioned all month.");
  });

  it("finds the cache on a plain CloudFormation stage, and leaves a stage without one free", () => {
    const m = model(`  Rest:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: r }
  Prod:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: !Ref Rest, StageName: prod, CacheClusterEnabled: true }
  Dev:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: !Ref Rest, StageName: dev }
`);
    const b = estimate(m, {}, prices, { series: false });
    expect(line(b, "Prod", "REST API cache, 0.5 GB")!.usd).toBeCloseTo(730 * 0.02, 10);
    expect(b.resources.find((r) => r.id === "Dev")!.usd).toBe(0);
    expect(b.assumptions.join(" ")).not.toMatch(/Not priced/);
  });

  it("bills a pipe's events after filtering in 64 KB chunks", () => {
    const m = model(`  Flow:
    Type: AWS::Pipes::Pipe
    Properties: { RoleArn: arn:aws:iam::123456789012:role/p, Source: arn:aws:sqs:us-east-1:123456789012:elsewhere, Target: arn:aws:sqs:us-east-1:123456789012:other }
`);
    const b = estimate(m, { resources: { Flow: { eventsPerMonth: 5_000_000, payloadKb: 130 } } }, prices, { series: false });
    expect(line(b, "Flow", "Pipes requests")!.quantity).toBe(15_000_000);
    expect(line(b, "Flow", "Pipes requests")!.usd).toBeCloseTo(6, 10);
  });

  it("carries a queue's messages through a pipe to its target, a batch at a time", () => {
    const m = model(`  Jobs:
    Type: AWS::SQS::Queue
  Workflow:
    Type: AWS::StepFunctions::StateMachine
    Properties: { RoleArn: arn:aws:iam::123456789012:role/s, Definition: { StartAt: A, States: { A: { Type: Succeed } } } }
  Flow:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/p
      Source: !GetAtt Jobs.Arn
      SourceParameters: { SqsQueueParameters: { BatchSize: 10 } }
      Target: !Ref Workflow
`);
    const b = estimate(m, { resources: { Jobs: { messagesPerMonth: 1_000_000 } } }, prices, { series: false });
    expect(traffic(b, "Flow")).toBe(1_000_000);
    expect(traffic(b, "Workflow")).toBe(100_000);
    // 1M sends, then one receive and one delete per batch of 10.
    expect(line(b, "Jobs", "Standard queue requests")!.quantity).toBe(1_200_000);
    expect(b.assumptions).toContain("Flow: events reach Workflow in batches of 10 (the pipe's BatchSize).");
  });

  it("prices a user pool's active users by its feature plan, Essentials by default, after 10,000 free", () => {
    const pool = (tier = "") => model(`  Users:
    Type: AWS::Cognito::UserPool
${tier ? `    Properties: { UserPoolTier: ${tier} }\n` : ""}`);
    const usage = { resources: { Users: { monthlyActiveUsers: 60_000 } } };
    const essentials = estimate(pool(), usage, prices, { series: false });
    expect(essentials.total).toBe(750);
    expect(essentials.assumptions).toContain("Users: Essentials feature plan (the default for new user pools).");
    expect(estimate(pool("LITE"), usage, prices, { series: false }).total).toBe(275);
    expect(estimate(pool("PLUS"), usage, prices, { series: false }).total).toBe(1200);
    expect(estimate(pool(), usage, prices, { series: false, freeTier: false }).total).toBe(900);
    expect(essentials.resources.find((r) => r.id === "Users")!.traffic).toEqual({ quantity: 60_000, unit: "monthly active users" });
  });

  it("marks a line recalled when the usage reaches a tier that was only recalled", () => {
    const m = model(`  Users:
    Type: AWS::Cognito::UserPool
    Properties: { UserPoolTier: LITE }
`);
    const small = estimate(m, { resources: { Users: { monthlyActiveUsers: 500_000 } } }, prices, { series: false });
    const large = estimate(m, { resources: { Users: { monthlyActiveUsers: 2_000_000 } } }, prices, { series: false });
    expect(line(small, "Users", "User pool MAUs")!.seen).toBe("3p");
    expect(line(large, "Users", "User pool MAUs")!.seen).toBe("recall");
  });
});

describe("DynamoDB stream triggers", () => {
  it("turns a table's writes into stream batches for the function, by the wire's batch size", () => {
    const m = model(`  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
${fn("OnOrder", `      Events:
        Changes: { Type: DynamoDB, Properties: { Stream: !GetAtt Orders.StreamArn, StartingPosition: LATEST, BatchSize: 50 } }
`)}`);
    const b = estimate(m, { resources: { Orders: { writesPerMonth: 1_000_000 } } }, prices, { series: false });
    expect(traffic(b, "OnOrder")).toBe(20_000);
    const halfFull = estimate(m, { resources: { Orders: { writesPerMonth: 1_000_000 } }, connections: { [m.connections.find((c) => c.kind === "trigger")!.id]: { averageBatchSize: 25 } } }, prices, { series: false });
    expect(traffic(halfFull, "OnOrder")).toBe(40_000);
  });
});

describe("honesty about how prices were checked", () => {
  it("lists the charged prices that were recalled or derived, by region", () => {
    const m = model(`  Files:
    Type: AWS::S3::Bucket
`);
    // S3 Standard's first 50 TB price was seen (third party); the 450 TB tier above it only recalled.
    const small = estimate(m, { resources: { Files: { storageGb: 100 } } }, prices, { series: false });
    expect(small.assumptions.find((a) => a.startsWith("Prices recalled"))).toBeUndefined();
    const large = estimate(m, { resources: { Files: { storageGb: 60 * 1024 } } }, prices, { series: false });
    expect(large.assumptions).toContain("Prices recalled or derived, not seen in a source for us-east-1: S3: Standard storage.");
    const frankfurt = estimate(apiToFunction, { resources: { Api: { requestsPerMonth: 5_000_000 } } }, priceFile("eu-central-1"), { series: false });
    expect(frankfurt.assumptions.find((a) => a.startsWith("Prices recalled"))).toMatch(/API Gateway: HTTP API requests/);
    expect(frankfurt.assumptions.find((a) => a.startsWith("Prices recalled"))).not.toMatch(/Lambda: Requests/);
  });
});

describe("break-even wording", () => {
  it("says when fixed costs alone already exceed the always-on instance", () => {
    const m = model(`  Users:
    Type: AWS::Cognito::UserPool
  Api:
    Type: AWS::Serverless::HttpApi
`);
    const b = estimate(m, { resources: { Users: { monthlyActiveUsers: 60_000 } } }, prices);
    expect(b.breakEven!.requestsPerMonth).toBe(0);
    expect(b.breakEven!.summary).toMatch(/^Even with no traffic this design costs more than one always-on t3\.small/);
  });
});
