import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTemplate } from "../template/parse";
import type { Spec } from "../spec/types";
import { createValidationContext, validateResource, validateTemplate } from ".";

const root = join(import.meta.dirname, "../..");
const spec: Spec = {
  cfn: JSON.parse(readFileSync(join(root, "resources/spec/cloudformation.json"), "utf8")),
  sam: JSON.parse(readFileSync(join(root, "resources/spec/sam.json"), "utf8")),
};

function problems(text: string) {
  const { parsed } = parseTemplate(text, "template.yaml");
  if (!parsed) throw new Error("test template does not parse");
  return validateTemplate(parsed, spec);
}

const codes = (text: string) => problems(text).map((p) => p.code);

const FUNCTION = `
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code: { ZipFile: "exports.handler = async () => 1" }
      Handler: index.handler
      Runtime: nodejs20.x
      Role: arn:aws:iam::123456789012:role/r`;

describe("validateTemplate", () => {
  it("finds nothing wrong in a small valid template with short-form intrinsics", () => {
    expect(
      problems(`AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
      QueueName: !Sub "\${AWS::StackName}-\${Stage}"
  Topic:
    Type: AWS::SNS::Topic
    Condition: IsProd
    Properties:
      Subscription:
        - Endpoint: !GetAtt Queue.Arn
          Protocol: sqs
Outputs:
  QueueUrl:
    Value: !Ref Queue
  QueueArn:
    Value: !GetAtt [Queue, Arn]
`),
    ).toEqual([]);
  });

  it("reports an unknown AWS resource type with a suggestion and its line", () => {
    const [p] = problems(`Resources:\n  Q:\n    Type: AWS::SQS::Queu\n`);
    expect(p).toMatchObject({ code: "cfn/unknown-type", severity: "error", resource: "Q", line: 3, column: 5 });
    expect(p.message).toContain("did you mean AWS::SQS::Queue");
  });

  it("accepts custom resources, registry types and modules", () => {
    expect(
      codes(`Resources:
  A: { Type: Custom::Thing, Properties: { ServiceToken: arn:aws:lambda:us-east-1:1:function:f, Anything: 1 } }
  B: { Type: MyOrg::Service::Thing, Properties: { Whatever: [1] } }
  C: { Type: MyOrg::Service::Thing::MODULE }
`),
    ).toEqual([]);
  });

  it("reports an unknown property at its own line and suggests the near name", () => {
    const [p] = problems(`Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimout: 30\n`);
    expect(p).toMatchObject({ code: "cfn/unknown-property", line: 5, resource: "Q", path: ["Properties", "VisibilityTimout"] });
    expect(p.message).toContain("did you mean VisibilityTimeout");
  });

  it("reports a list where a string belongs, and an object where a list belongs", () => {
    const found = problems(`Resources:${FUNCTION}
      Description: [a, b]
      Layers: { a: b }
`);
    expect(found.map((p) => [p.code, p.path?.join(".")])).toEqual([
      ["cfn/wrong-type", "Properties.Description"],
      ["cfn/wrong-type", "Properties.Layers"],
    ]);
  });

  it("accepts numbers and booleans written as strings, as CloudFormation does", () => {
    expect(codes(`Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: "30"\n      FifoQueue: "true"\n`)).toEqual([]);
  });

  it("rejects a word where a number belongs", () => {
    expect(codes(`Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: thirty\n`)).toEqual(["cfn/wrong-type"]);
  });

  it("checks both branches of Fn::If and skips AWS::NoValue", () => {
    const found = problems(`Conditions:\n  C: !Equals [a, b]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: !If [C, 30, [1]]\n      DelaySeconds: !If [C, 5, !Ref AWS::NoValue]\n`);
    expect(found.map((p) => p.code)).toEqual(["cfn/wrong-type"]);
    expect(found[0].path).toEqual(["Properties", "VisibilityTimeout", "Fn::If", 2]);
  });

  it("reports a missing required property", () => {
    const [p] = problems(`Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      Code: { ZipFile: x }\n`);
    expect(p.code).toBe("cfn/required-property");
    expect(p.message).toContain("Role");
  });

  it("reports a value outside the allowed values", () => {
    expect(codes(`Resources:${FUNCTION}\n      PackageType: Tarball\n`)).toEqual(["cfn/allowed-values"]);
  });

  it("validates SAM resources against the SAM schema", () => {
    const found = problems(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/
      Timeout: 10
      MemorySise: 256
      Events:
        Q:
          Type: SQS
          Properties:
            BatchSize: 10
`);
    expect(found.map((p) => p.code).sort()).toEqual(["sam/required-property", "sam/unknown-property"]);
    expect(found.find((p) => p.code === "sam/unknown-property")?.message).toContain("did you mean MemorySize");
    expect(found.find((p) => p.code === "sam/required-property")?.message).toContain("Queue");
  });

  it("names an unknown SAM event type and suggests the near one", () => {
    const [p] = problems(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s, Events: { E: { Type: Shedule, Properties: { Schedule: rate(1 minute) } } } }
`);
    expect(p.code).toBe("sam/unknown-event-type");
    expect(p.message).toContain("did you mean Schedule");
  });

  it("reports Ref, GetAtt and Sub to names the template does not declare, but not pseudo parameters", () => {
    const found = problems(`Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "\${AWS::Region}-\${Missing}-\${Queue2.Arn}-\${!Literal}"
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt DLQ.Arn
      DelaySeconds: !Ref Nope
`);
    expect(found.map((p) => p.code)).toEqual(["cfn/missing-reference", "cfn/missing-reference", "cfn/missing-reference", "cfn/missing-reference"]);
    expect(found.map((p) => p.message).join("\n")).toMatch(/\$\{Missing\}[\s\S]*Queue2\.Arn[\s\S]*DLQ\.Arn[\s\S]*Ref Nope/);
  });

  it("reports DependsOn, Condition and Fn::If names that do not exist", () => {
    const found = problems(`Resources:
  Q:
    Type: AWS::SQS::Queue
    DependsOn: [Ghost]
    Condition: NotDeclared
    Properties:
      DelaySeconds: !If [AlsoNotDeclared, 1, 2]
`);
    expect(found.map((p) => p.message)).toEqual([
      expect.stringContaining("DependsOn Ghost"),
      expect.stringContaining("condition NotDeclared"),
      expect.stringContaining("condition AlsoNotDeclared"),
    ]);
  });

  it("reports GetAtt of an attribute the type lacks", () => {
    const [p] = problems(`Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt Q.Url\n`);
    expect(p.code).toBe("cfn/unknown-attribute");
    expect(p.message).toContain("QueueUrl");
  });

  it("accepts SAM's generated names: implicit API, function role and alias", () => {
    expect(
      codes(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s, AutoPublishAlias: live, Events: { Get: { Type: Api, Properties: { Path: /, Method: get } } } }
Outputs:
  Url: { Value: !Sub "https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/" }
  Role: { Value: !GetAtt FnRole.Arn }
  Alias: { Value: !Ref Fn.Alias }
`),
    ).toEqual([]);
  });

  it("reports a dependency cycle once, naming every resource in it", () => {
    const found = problems(`Resources:
  A:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !GetAtt B.QueueName }
  B:
    Type: AWS::SQS::Queue
    DependsOn: C
  C:
    Type: AWS::SQS::Queue
    Properties: { QueueName: !Ref A }
`);
    const cycles = found.filter((p) => p.code === "cfn/circular-dependency");
    expect(cycles).toHaveLength(1);
    expect(cycles[0].message).toMatch(/A.*B.*C|A.*C.*B/);
  });

  it("enforces the resource, parameter and output limits and warns about the inline body size", () => {
    const resources = Array.from({ length: 501 }, (_, i) => `  Q${i}:\n    Type: AWS::SQS::Queue\n`).join("");
    const found = problems(`Resources:\n${resources}`);
    expect(found.filter((p) => p.code === "cfn/limit").map((p) => p.severity)).toEqual(["error"]);
    const big = problems(`Description: "${"x".repeat(52_000)}"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n`);
    expect(big.filter((p) => p.code === "cfn/limit").map((p) => p.severity)).toEqual(["warning"]);
    const params = Array.from({ length: 201 }, (_, i) => `  P${i}: { Type: String }\n`).join("");
    expect(codes(`Parameters:\n${params}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n`)).toContain("cfn/limit");
  });

  it("reports unknown top-level sections and resource attributes", () => {
    expect(codes(`Resource:\n  Q: { Type: AWS::SQS::Queue }\n`).sort()).toEqual(["cfn/no-resources", "cfn/unknown-section"]);
    expect(codes(`Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Propertys: {}\n`)).toEqual(["cfn/unknown-resource-attribute"]);
  });

  it("validates one resource at a time from a context built once", () => {
    const { parsed } = parseTemplate(`Resources:\n  Good: { Type: AWS::SQS::Queue }\n  Bad: { Type: AWS::SQS::Queue, Properties: { Nope: 1 } }\n`);
    const ctx = createValidationContext(parsed!, spec);
    expect(validateResource(ctx, "Good")).toEqual([]);
    expect(validateResource(ctx, "Bad").map((p) => p.code)).toEqual(["cfn/unknown-property"]);
  });

  it("validates a model when no parsed document is at hand, locating problems by resource line", () => {
    const found = validateTemplate(
      { format: "yaml", isSam: false, resources: [{ id: "Q", type: "AWS::SQS::Queue", kind: "queue", properties: { Nope: 1 }, line: 7, dependsOn: [] }], connections: [], parameters: [], conditions: [], mappings: [], outputs: [], otherSections: [] },
      spec,
    );
    expect(found).toMatchObject([{ code: "cfn/unknown-property", line: 7, resource: "Q" }]);
  });

  it("reports intrinsic functions with the wrong arguments or sharing their mapping with other keys", () => {
    const found = problems(`Parameters:
  Stage: { Type: String }
Resources:
  Q:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: { "Fn::Join": ["-", "a", "b"] }
      DelaySeconds: { "Fn::Select": [0] }
      RedrivePolicy: { Ref: Stage, Extra: 1 }
`);
    expect(found.map((p) => [p.code, p.message.replace(/^.*?: /, "")])).toEqual([
      ["cfn/intrinsic-shape", "Fn::Join takes [delimiter, [values…]]"],
      ["cfn/intrinsic-shape", "Fn::Select takes [index, [values…]]"],
      ["cfn/intrinsic-shape", "Ref must be the only key of its mapping (found Ref, Extra)"],
    ]);
  });

  it("requires Handler and Runtime of a zip-packaged function, taking SAM Globals into account", () => {
    expect(codes(`Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: { Role: r, Code: { S3Bucket: b, S3Key: k }, Handler: index.handler }\n`)).toEqual(["cfn/required-property"]);
    expect(codes(`Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: { Role: r, Code: { ImageUri: uri }, PackageType: Image }\n`)).toEqual([]);
    const sam = (globals: string) => codes(`Transform: AWS::Serverless-2016-10-31\n${globals}Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: s3://b/k, Handler: a.b }\n`);
    expect(sam("")).toEqual(["cfn/required-property"]);
    expect(sam("Globals:\n  Function:\n    Runtime: python3.12\n")).toEqual([]);
  });

  it("reports IgnoreGlobals names that Globals cannot set", () => {
    const [p] = problems(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: python3.12, Timeout: 30 }
Resources:
  F:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Timeot]
    Properties: { CodeUri: s3://b/k, Handler: a.b }
`);
    expect(p).toMatchObject({ code: "sam/ignore-globals", line: 7 });
    expect(p.message).toContain("did you mean Timeout");
  });

  it("turns errors into warnings when a macro may rewrite the template first", () => {
    const found = problems(`Transform: MyMacro\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties: { Nope: 1 }\n`);
    expect(found.map((p) => p.severity)).toEqual(["warning"]);
    expect(found[0].message).toContain("macro MyMacro");
  });

  it("does not see a cycle between a SAM function's API event and the API that invokes it", () => {
    expect(
      codes(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        paths:
          /:
            get:
              x-amazon-apigateway-integration:
                uri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations"
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s3://b/k, Events: { Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /, Method: get } } } }
`),
    ).toEqual([]);
  });

  it("knows what Ref of a parameter, GetAZs and Split give, and reports a list where a string belongs and the reverse", () => {
    const found = problems(`Parameters:
  Subnet: { Type: String }
  Subnets: { Type: "List<AWS::EC2::Subnet::Id>" }
Resources:
  F:
    Type: AWS::Lambda::Function
    Properties:
      Code: { ZipFile: x }
      Handler: index.handler
      Runtime: nodejs20.x
      Role: arn:aws:iam::123456789012:role/r
      Description: !Ref Subnets
      VpcConfig:
        SubnetIds: !Ref Subnet
        SecurityGroupIds: !Split [",", "sg-1,sg-2"]
`);
    expect(found.map((p) => p.message)).toEqual([
      "F.Properties.Description must be String, but Ref Subnets gives a list",
      "F.Properties.VpcConfig.SubnetIds must be List of String, but Ref Subnet gives a string",
    ]);
  });
});


describe("facts the service enforces at creation", () => {
  it("requires every DynamoDB key attribute to be defined, and only key attributes", () => {
    const found = problems(`Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }, { AttributeName: extra, AttributeType: N }, { AttributeName: gsi, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }, { AttributeName: sk, KeyType: RANGE }]
      GlobalSecondaryIndexes:
        - IndexName: byGsi
          KeySchema: [{ AttributeName: gsi, KeyType: HASH }]
          Projection: { ProjectionType: ALL }
`).filter((p) => p.code === "cfn/dynamodb-attributes");
    expect(found.map((p) => p.message).sort()).toEqual([
      "Table: AttributeDefinitions lists extra, which no key schema uses (DynamoDB accepts only key attributes there)",
      "Table: key attribute sk is not in AttributeDefinitions (DynamoDB requires a definition for every key attribute)",
    ]);
  });

  it("allows one role per instance profile, needs a policy to name who it applies to, and checks SNS topic names", () => {
    const found = codes(`Parameters:
  Topic: { Type: String }
Resources:
  Profile: { Type: AWS::IAM::InstanceProfile, Properties: { Roles: [a, b] } }
  Policy: { Type: AWS::IAM::Policy, Properties: { PolicyName: p, PolicyDocument: { Version: "2012-10-17", Statement: [] } } }
  Topic: { Type: AWS::SNS::Topic, Properties: { TopicName: "orders.events" } }
`);
    expect(found).toEqual(expect.arrayContaining(["cfn/iam-instance-profile-roles", "cfn/iam-policy-target", "cfn/sns-topic-name", "cfn/duplicate-logical-id"]));
    expect(codes(`Resources:
  Profile: { Type: AWS::IAM::InstanceProfile, Properties: { Roles: [a] } }
  Policy: { Type: AWS::IAM::Policy, Properties: { PolicyName: p, Roles: [a], PolicyDocument: { Version: "2012-10-17", Statement: [] } } }
  Topic: { Type: AWS::SNS::Topic, Properties: { TopicName: orders.fifo, FifoTopic: true } }
`)).toEqual([]);
  });

  it("refuses an export name built by another Fn::ImportValue or given as a list", () => {
    const found = problems(`Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      CidrBlock: { "Fn::ImportValue": { "Fn::ImportValue": Cidr } }
      VpcId: { "Fn::ImportValue": [Vpc] }
      AvailabilityZone: { "Fn::ImportValue": { "Fn::Sub": "\${AWS::StackName}-az" } }
`).filter((p) => p.code === "cfn/intrinsic-shape");
    expect(found.map((p) => p.message.split(":")[0]).sort()).toEqual(["Subnet.Properties.CidrBlock", "Subnet.Properties.VpcId"]);
  });
});

describe("EBS, AWS Backup and Route 53 facts", () => {
  it("reports EBS volume types and Iops EC2 refuses, short cold-storage retention and TXT strings over 255 characters", () => {
    const long = "x".repeat(256);
    const found = codes(`Resources:
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      BlockDeviceMappings:
        - { DeviceName: /dev/sdb, Ebs: { VolumeType: magnetic, VolumeSize: 10 } }
        - { DeviceName: /dev/sdc, Ebs: { VolumeType: gp2, Iops: 300, VolumeSize: 10 } }
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: p
        BackupPlanRule: [{ RuleName: r, TargetBackupVault: v, Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 50 } }]
  Txt:
    Type: AWS::Route53::RecordSet
    Properties: { HostedZoneName: example.com., Name: t.example.com., Type: TXT, TTL: "300", ResourceRecords: ['"${long}"'] }
`);
    expect(found.filter((c) => c === "cfn/ebs-volume")).toHaveLength(2);
    expect(found).toEqual(expect.arrayContaining(["cfn/backup-lifecycle", "cfn/route53-txt"]));
  });

  it("accepts provisioned Iops on io2 and gp3, a 90-day cold-storage margin and TXT values split into 255-character strings", () => {
    const part = "y".repeat(255);
    expect(
      codes(`Resources:
  Volume: { Type: AWS::EC2::Volume, Properties: { AvailabilityZone: us-east-1a, Size: 100, VolumeType: io2, Iops: 1000 } }
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: p
        BackupPlanRule: [{ RuleName: r, TargetBackupVault: v, Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 100 } }]
  Txt:
    Type: AWS::Route53::RecordSet
    Properties: { HostedZoneName: example.com., Name: t.example.com., Type: TXT, TTL: "300", ResourceRecords: ['"${part}" "${part}"'] }
`),
    ).toEqual([]);
  });
});

describe("Fn::ForEach", () => {
  it("needs the AWS::LanguageExtensions transform", () => {
    const loop = `Resources:
  Fn::ForEach::Topics:
    - Name
    - [A, B]
    - Topic\${Name}: { Type: AWS::SNS::Topic }
`;
    expect(codes(loop)).toContain("cfn/foreach-transform");
    expect(codes(`Transform: AWS::LanguageExtensions\n${loop}`)).not.toContain("cfn/foreach-transform");
  });
});
