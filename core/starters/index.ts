/**
 * Starter templates for a new project: a blank one and five common serverless shapes. Each is a
 * valid SAM template with comments that say why its settings are what they are.
 */
import { blank } from "./blank";
import { httpApiCrud } from "./http-api-crud";
import { queueWorker } from "./queue-worker";
import { s3UploadProcessing } from "./s3-upload-processing";
import { scheduledJob } from "./scheduled-job";
import { snsFanOut } from "./sns-fan-out";

export interface Starter {
  id: string;
  title: string;
  description: string;
  /** template.yaml contents. */
  template: string;
}

export const STARTERS: readonly Starter[] = [
  { id: "blank", title: "Blank", description: "An empty SAM template", template: blank },
  { id: "http-api-crud", title: "HTTP API + function + table", description: "GET and POST /items on an HTTP API, stored in DynamoDB", template: httpApiCrud },
  { id: "s3-upload-processing", title: "S3 upload processing", description: "A function processes each file uploaded under incoming/ and records it in a table", template: s3UploadProcessing },
  { id: "queue-worker", title: "Queue worker with dead-letter queue", description: "A worker drains an SQS queue; messages that keep failing move to a dead-letter queue", template: queueWorker },
  { id: "scheduled-job", title: "Scheduled job", description: "A function runs every hour and records each run in a table", template: scheduledJob },
  { id: "sns-fan-out", title: "SNS fan-out", description: "An API publishes orders to a topic; two functions and a queue consume them", template: snsFanOut },
];

export function starterById(id: string): Starter | undefined {
  return STARTERS.find((s) => s.id === id);
}
