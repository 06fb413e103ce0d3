/**
 * What one trip round a runaway loop costs: every function in the loop is invoked once and runs
 * (at worst) until its timeout, and every write starts the next trip.
 *
 * The cost engine's `estimate` prices a month of traffic entered at the entry points; a loop has
 * no such traffic (it feeds itself), so this figure is the marginal price of one trip, read from
 * the same regional price table (core/cost/prices.ts) when the caller passes one. Without a table
 * it falls back to Lambda's us-east-1 list price per request and per GB-second
 * (https://aws.amazon.com/lambda/pricing/, read 2026-11-23) and says so.
 */
import { unitPrice, type PriceTable } from "../cost/prices";
import type { Service } from "./iam";

/** Lambda x86 list prices, us-east-1 (https://aws.amazon.com/lambda/pricing/, read 2026-11-23). */
const LAMBDA_REQUEST_USD = 0.2 / 1_000_000;
const LAMBDA_GB_SECOND_USD = 0.0000166667;

export interface LoopStepFunction {
  id: string;
  timeoutSeconds: number;
  memoryMb: number;
  arm: boolean;
}

export interface LoopCost {
  /** USD for one trip round the loop, worst case (every function runs to its timeout). */
  perTrip: number;
  /** Words: what the figure is made of and where the prices come from. */
  breakdown: string;
}

const WRITE_NAMES: Record<Service, string> = {
  s3: "S3 PUT",
  sqs: "SQS request",
  sns: "SNS publish",
  dynamodb: "DynamoDB write request unit",
  kinesis: "Kinesis PUT payload unit",
  events: "EventBridge custom event",
};

function writePrice(service: Service, prices: PriceTable): number {
  switch (service) {
    case "s3":
      return unitPrice(prices.s3.put);
    case "sqs":
      return unitPrice(prices.sqs.standard);
    case "sns":
      return unitPrice(prices.sns.publish);
    case "dynamodb":
      return unitPrice(prices.dynamodb.writeRequest);
    case "kinesis":
      return unitPrice(prices.kinesis.putPayloadUnits);
    case "events":
      return unitPrice(prices.eventbridge.customEvents);
  }
}

export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  if (usd >= 100) return `$${Math.round(usd).toLocaleString("en-US")}`;
  if (usd >= 0.01) return `$${usd.toFixed(2)}`;
  // Small figures: three significant digits, without exponent notation or trailing zeros.
  const decimals = Math.min(12, -Math.floor(Math.log10(usd)) + 2);
  return `$${Number(usd.toPrecision(3)).toFixed(decimals).replace(/0+$/, "")}`;
}

/** The worst-case cost of one trip round a loop made of these functions and writes. */
export function loopTripCost(functions: LoopStepFunction[], writes: Service[], prices?: PriceTable): LoopCost {
  const request = prices ? unitPrice(prices.lambda.requests) : LAMBDA_REQUEST_USD;
  const parts: string[] = [];
  let perTrip = 0;
  for (const fn of functions) {
    const gbSecondPrice = prices ? unitPrice(fn.arm ? prices.lambda.durationArm : prices.lambda.durationX86) : LAMBDA_GB_SECOND_USD;
    const duration = (fn.memoryMb / 1024) * fn.timeoutSeconds * gbSecondPrice;
    perTrip += request + duration;
    parts.push(`${fn.id}: ${formatUsd(request)} request + up to ${fn.timeoutSeconds} s at ${fn.memoryMb} MB ${formatUsd(duration)}`);
  }
  if (prices) {
    for (const service of writes) {
      const usd = writePrice(service, prices);
      perTrip += usd;
      parts.push(`${WRITE_NAMES[service]} ${formatUsd(usd)}`);
    }
  }
  const where = prices
    ? `prices for ${prices.region} from Flowform's price table (compiled ${prices.compiled})`
    : "Lambda's us-east-1 price per request and per GB-second only (aws.amazon.com/lambda/pricing, read 2026-11-23); the writes themselves add to it";
  return { perTrip, breakdown: `${parts.join("; ")} — ${where}` };
}
