/**
 * The loopback emulator (a test double, not AWS) answers the real AWS SDK v3 clients in the
 * shapes they parse. These tests talk to it with the SDK directly, without Flowform's deploy code.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CloudFormationClient, CreateChangeSetCommand, DescribeChangeSetCommand, DescribeStackEventsCommand,
  DescribeStacksCommand, ExecuteChangeSetCommand, ValidateTemplateCommand, GetTemplateCommand,
} from "@aws-sdk/client-cloudformation";
import { CreateBucketCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startAwsEmulator, type AwsEmulator } from "../emulators";

const credentials = { accessKeyId: "AKIDEMULATOR", secretAccessKey: "emulator-secret" };
const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
Outputs:
  QueueUrl:
    Value: !Ref Queue
  TableArn:
    Value: !GetAtt Table.Arn
`;

let emulator: AwsEmulator;
let cfn: CloudFormationClient;
let s3: S3Client;

beforeEach(async () => {
  emulator = await startAwsEmulator();
  cfn = new CloudFormationClient({ region: "eu-west-1", endpoint: emulator.endpoint, credentials, maxAttempts: 1 });
  s3 = new S3Client({ region: "eu-west-1", endpoint: emulator.endpoint, credentials, forcePathStyle: true, maxAttempts: 1 });
});
afterEach(async () => {
  cfn.destroy();
  s3.destroy();
  await emulator.close();
});

async function createStack(name: string) {
  const created = await cfn.send(new CreateChangeSetCommand({ StackName: name, ChangeSetName: "cs1", ChangeSetType: "CREATE", TemplateBody: TEMPLATE }));
  let cs;
  do cs = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id }));
  while (cs.Status !== "CREATE_COMPLETE" && cs.Status !== "FAILED");
  return { created, cs };
}

describe("AWS emulator (test double)", () => {
  it("creates a change set whose changes the SDK reads as typed objects", async () => {
    const { created, cs } = await createStack("demo");
    expect(created.Id).toMatch(/^arn:aws:cloudformation:eu-west-1:123456789012:changeSet\/cs1\//);
    expect(cs.Changes?.map((c) => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])).toEqual([["Add", "Queue"], ["Add", "Table"]]);
    expect(cs.CreationTime).toBeInstanceOf(Date);
  });

  it("runs a stack to CREATE_COMPLETE one poll at a time and reports evaluated outputs", async () => {
    const { created } = await createStack("demo");
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
    const statuses: string[] = [];
    let stack;
    do {
      stack = (await cfn.send(new DescribeStacksCommand({ StackName: "demo" }))).Stacks![0];
      statuses.push(stack.StackStatus!);
    } while (stack.StackStatus === "CREATE_IN_PROGRESS");
    expect(statuses.at(-1)).toBe("CREATE_COMPLETE");
    expect(statuses.length).toBeGreaterThan(3);
    const outputs = Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs.TableArn).toMatch(/^arn:aws:dynamodb:eu-west-1:123456789012:demo-Table-/);
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: "demo" }))).StackEvents!;
    expect(events[0].ResourceStatus).toBe("CREATE_COMPLETE");
    expect(events[0].Timestamp).toBeInstanceOf(Date);
    expect((await cfn.send(new GetTemplateCommand({ StackName: "demo" }))).TemplateBody).toBe(TEMPLATE);
  });

  it("answers a broken template with the ValidationError CloudFormation gives", async () => {
    await expect(cfn.send(new ValidateTemplateCommand({ TemplateBody: "Resources:\n  X:\n    Type: AWS::Nope\n" })))
      .rejects.toMatchObject({ name: "ValidationError", message: expect.stringContaining("Unrecognized resource types") });
  });

  it("refuses a TemplateBody over 51,200 bytes, as CloudFormation does, and reads the same template from a TemplateURL", async () => {
    const big = `${TEMPLATE}\n# ${"x".repeat(51_200)}\n`;
    await expect(cfn.send(new CreateChangeSetCommand({ StackName: "big", ChangeSetName: "cs1", ChangeSetType: "CREATE", TemplateBody: big })))
      .rejects.toMatchObject({ name: "ValidationError", message: expect.stringContaining("Member must have length less than or equal to 51200") });
    await s3.send(new CreateBucketCommand({ Bucket: "templates-bucket", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
    await s3.send(new PutObjectCommand({ Bucket: "templates-bucket", Key: "big.yaml", Body: Buffer.from(big) }));
    const created = await cfn.send(new CreateChangeSetCommand({ StackName: "big", ChangeSetName: "cs1", ChangeSetType: "CREATE", TemplateURL: `${emulator.endpoint}/templates-bucket/big.yaml` }));
    expect(created.Id).toBeDefined();
  });

  it("answers throttled calls with the Throttling error code", async () => {
    emulator.script.throttle = { count: 1 };
    await expect(cfn.send(new DescribeStacksCommand({}))).rejects.toMatchObject({ name: "Throttling" });
    await expect(cfn.send(new DescribeStacksCommand({}))).resolves.toBeDefined();
  });

  it("stores S3 objects path-style and answers HeadBucket/HeadObject", async () => {
    await expect(s3.send(new HeadBucketCommand({ Bucket: "staging-bucket" }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    await s3.send(new CreateBucketCommand({ Bucket: "staging-bucket", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
    await s3.send(new PutObjectCommand({ Bucket: "staging-bucket", Key: "a/b.zip", Body: Buffer.from("hello") }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: "staging-bucket", Key: "a/b.zip" }));
    expect(head.ContentLength).toBe(5);
    expect(emulator.buckets.get("staging-bucket")!.get("a/b.zip")!.body.toString()).toBe("hello");
  });
});
