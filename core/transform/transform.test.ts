import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseTemplate } from "../template/parse";
import { exportTemplate, expandPolicyTemplate, toCloudFormation, toYaml } from ".";
import { samIdHash, sha1Hex } from "./context";

function transform(text: string) {
  const { parsed } = parseTemplate(text);
  return toCloudFormation(parsed!);
}

const FN = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::Serverless::SimpleTable
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: s3://bucket/worker.zip
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Table
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
            BatchSize: 5
        Get:
          Type: HttpApi
          Properties:
            Path: /orders/{id}
            Method: get
`;

describe("toCloudFormation", () => {
  it("writes a function, its role with the expanded policy template, and its event sources as SAM names them", () => {
    const { template, unsupported } = transform(FN);
    const r = template.Resources as Record<string, any>;
    expect(unsupported).toEqual([]);
    expect(template.Transform).toBeUndefined();
    expect(Object.entries(r).map(([id, v]) => `${id} ${v.Type}`).sort()).toEqual([
      "Orders AWS::SQS::Queue",
      "ServerlessHttpApi AWS::ApiGatewayV2::Api",
      "ServerlessHttpApiApiGatewayDefaultStage AWS::ApiGatewayV2::Stage",
      "Table AWS::DynamoDB::Table",
      "Worker AWS::Lambda::Function",
      "WorkerGetPermission AWS::Lambda::Permission",
      "WorkerQueue AWS::Lambda::EventSourceMapping",
      "WorkerRole AWS::IAM::Role",
    ]);
    expect(r.Worker.Properties).toMatchObject({ Code: { S3Bucket: "bucket", S3Key: "worker.zip" }, Role: { "Fn::GetAtt": ["WorkerRole", "Arn"] } });
    expect(r.WorkerRole.Properties.ManagedPolicyArns).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
    ]);
    const crud = r.WorkerRole.Properties.Policies[0];
    expect(crud.PolicyName).toBe("WorkerRolePolicy0");
    expect(JSON.stringify(crud.PolicyDocument)).toContain('"tableName":{"Ref":"Table"}');
    expect(r.WorkerQueue.Properties).toEqual({ BatchSize: 5, EventSourceArn: { "Fn::GetAtt": ["Orders", "Arn"] }, FunctionName: { Ref: "Worker" } });
    expect(JSON.stringify(r.WorkerGetPermission.Properties.SourceArn)).toContain("/GET/orders/*");
    expect(Object.keys(r.ServerlessHttpApi.Properties.Body.paths)).toEqual(["/orders/{id}"]);
    expect(r.Table.Properties).toMatchObject({ BillingMode: "PAY_PER_REQUEST", KeySchema: [{ AttributeName: "id", KeyType: "HASH" }] });
  });

  it("applies Globals to every function, the resource's own values winning", () => {
    const { template } = transform(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Timeout: 10
    Environment: { Variables: { A: global, B: global } }
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, CodeUri: s3://b/k, Timeout: 30, Environment: { Variables: { B: local } } }
`);
    const f = (template.Resources as any).F.Properties;
    expect(f).toMatchObject({ Runtime: "python3.12", Timeout: 30, Environment: { Variables: { A: "global", B: "local" } } });
    expect(template.Globals).toBeUndefined();
  });

  it("publishes a version and alias and points event sources and Ref X.Alias at the alias", () => {
    const { template } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      AutoPublishAlias: live
      Events:
        Every:
          Type: Schedule
          Properties: { Schedule: rate(5 minutes) }
Outputs:
  Alias: { Value: !Ref F.Alias }
`);
    const r = template.Resources as Record<string, any>;
    expect(r.FAliaslive.Type).toBe("AWS::Lambda::Alias");
    expect(Object.keys(r).some((id) => /^FVersion[0-9a-f]{10}$/.test(id))).toBe(true);
    expect(r.FEvery.Properties.Targets[0]).toEqual({ Arn: { Ref: "FAliaslive" }, Id: "FEveryLambdaTarget" });
    expect((template.Outputs as any).Alias.Value).toEqual({ Ref: "FAliaslive" });
  });

  it("publishes a new version for any property change only with AutoPublishAliasAllProperties", () => {
    const version = (memory: number, all: boolean) => {
      const r = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s3://b/k, MemorySize: ${memory}, AutoPublishAlias: live, AutoPublishAliasAllProperties: ${all} }
`);
      expect(r.unsupported).toEqual([]);
      return Object.keys(r.template.Resources as object).find((k) => k.startsWith("FVersion"));
    };
    expect(version(128, false)).toBe(version(256, false));
    expect(version(128, true)).not.toBe(version(256, true));
  });

  it("passes a function's condition to its CodeDeploy resources with PassthroughCondition, and writes trigger configurations", () => {
    const r = transform(`Transform: AWS::Serverless-2016-10-31
Conditions:
  On: { Fn::Equals: [a, a] }
Resources:
  F:
    Type: AWS::Serverless::Function
    Condition: On
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      AutoPublishAlias: live
      DeploymentPreference:
        Type: !If [On, Canary10Percent5Minutes, AllAtOnce]
        PassthroughCondition: true
        TriggerConfigurations: [{ TriggerEvents: [DeploymentFailure], TriggerName: t, TriggerTargetArn: arn:aws:sns:us-east-1:123456789012:t }]
`);
    expect(r.unsupported).toEqual([]);
    const res = r.template.Resources as Record<string, any>;
    expect(res.FDeploymentGroup.Condition).toBe("On");
    expect(res.ServerlessDeploymentApplication.Condition).toBe("On");
    expect(res.CodeDeployServiceRole.Condition).toBe("On");
    expect(res.FDeploymentGroup.Properties.TriggerConfigurations[0].TriggerName).toBe("t");
    expect(res.FDeploymentGroup.Properties.DeploymentConfigName).toEqual({
      "Fn::If": ["On", { "Fn::Sub": ["CodeDeployDefault.Lambda${ConfigName}", { ConfigName: "Canary10Percent5Minutes" }] }, { "Fn::Sub": ["CodeDeployDefault.Lambda${ConfigName}", { ConfigName: "AllAtOnce" }] }],
    });
  });

  it("creates the dead-letter queue of a schedule and lets only that rule send to it", () => {
    const r = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      Events:
        Tick: { Type: Schedule, Properties: { Schedule: rate(1 hour), DeadLetterConfig: { Type: SQS } } }
`);
    expect(r.unsupported).toEqual([]);
    const res = r.template.Resources as Record<string, any>;
    expect(res.FTickQueue).toEqual({ Type: "AWS::SQS::Queue", Properties: {} });
    expect(res.FTick.Properties.Targets[0].DeadLetterConfig).toEqual({ Arn: { "Fn::GetAtt": ["FTickQueue", "Arn"] } });
    expect(res.FTickQueuePolicy.Properties.PolicyDocument.Statement[0]).toMatchObject({ Action: "sqs:SendMessage", Condition: { ArnEquals: { "aws:SourceArn": { "Fn::GetAtt": ["FTick", "Arn"] } } } });
  });

  it("keeps a rule's target ID within EventBridge's 64 characters", () => {
    const long = "Handler".repeat(8);
    const r = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  ${long}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      Events:
        Nightly: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
`);
    const id = (r.template.Resources as any)[`${long}Nightly`].Properties.Targets[0].Id as string;
    expect(id).toHaveLength(64);
    expect(id.endsWith("LambdaTarget")).toBe(true);
  });

  it("keeps the template's own resource named like the role SAM would generate, when the function uses it", () => {
    const r = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s3://b/k, Role: !GetAtt FRole.Arn }
  FRole:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: { Statement: [] } }
`).template.Resources as Record<string, any>;
    expect(r.FRole).toEqual({ Type: "AWS::IAM::Role", Properties: { AssumeRolePolicyDocument: { Statement: [] } } });
  });

  it("adds an S3 notification to the bucket and makes it wait for the permission", () => {
    const { template } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads: { Type: AWS::S3::Bucket }
  F:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s3://b/k, Events: { Up: { Type: S3, Properties: { Bucket: !Ref Uploads, Events: s3:ObjectCreated:* } } } }
`);
    const bucket = (template.Resources as any).Uploads;
    expect(bucket.DependsOn).toEqual(["FUpPermission"]);
    expect(bucket.Properties.NotificationConfiguration.LambdaConfigurations).toEqual([{ Event: "s3:ObjectCreated:*", Function: { "Fn::GetAtt": ["F", "Arn"] } }]);
  });

  it("lists what it cannot transform instead of guessing, and keeps those resources", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  App: { Type: AWS::Serverless::Application, Properties: { Location: { ApplicationId: "arn:aws:serverlessrepo:us-east-1:123456789012:applications/x", SemanticVersion: 1.0.0 } } }
  Nested: { Type: AWS::Serverless::Application, Properties: { Location: "https://bucket.s3.amazonaws.com/nested.yaml" } }
  F:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s3://b/k, AutoPublishAlias: !Ref AWS::StackName }
`);
    expect(unsupported).toEqual(["App: Location in the Serverless Application Repository (its template URL is signed by the repository at deploy time)", "F: AutoPublishAlias given by an intrinsic function"]);
    expect((template.Resources as any).App.Type).toBe("AWS::Serverless::Application");
    expect((template.Resources as any).Nested).toEqual({
      Type: "AWS::CloudFormation::Stack",
      Properties: { TemplateURL: "https://bucket.s3.amazonaws.com/nested.yaml", Tags: [{ Key: "lambda:createdBy", Value: "SAM" }] },
    });
  });

  it("leaves a plain CloudFormation template as it is", () => {
    const { template, unsupported } = transform(`Resources:\n  Q: { Type: AWS::SQS::Queue }\n`);
    expect(template).toEqual({ Resources: { Q: { Type: "AWS::SQS::Queue" } } });
    expect(unsupported).toEqual([]);
  });
});

describe("API authorizers", () => {
  it("writes a REST API's Lambda and Cognito authorizers into the Swagger body, secures routes, and lets API Gateway call the Lambda authorizer", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Pool: { Type: AWS::Cognito::UserPool }
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s3://b/k }
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Token
        Authorizers:
          Token: { FunctionArn: !GetAtt AuthFn.Arn }
          Users: { UserPoolArn: !GetAtt Pool.Arn }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      Events:
        Private: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /private, Method: get } }
        Members: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /members, Method: get, Auth: { Authorizer: Users } } }
        Public: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /public, Method: get, Auth: { Authorizer: NONE } } }
`);
    expect(unsupported).toEqual([]);
    const r = template.Resources as Record<string, any>;
    const body = r.Api.Properties.Body;
    expect(Object.keys(body.securityDefinitions)).toEqual(["Token", "Users"]);
    expect(body.securityDefinitions.Token["x-amazon-apigateway-authorizer"].type).toBe("token");
    expect(body.paths["/private"].get.security).toEqual([{ Token: [] }]);
    expect(body.paths["/members"].get.security).toEqual([{ Users: [] }]);
    expect(body.paths["/public"].get.security).toBeUndefined();
    expect(r.ApiTokenAuthorizerPermission.Properties).toMatchObject({ FunctionName: { "Fn::GetAtt": ["AuthFn", "Arn"] }, Principal: "apigateway.amazonaws.com" });
    expect(r.ApiprodStage.Properties.StageName).toBe("prod");
  });

  it("writes an HTTP API's JWT authorizer as an OpenAPI security scheme with its scopes", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt:
            AuthorizationScopes: [read]
            IdentitySource: $request.header.Authorization
            JwtConfiguration: { Audience: [app], Issuer: https://issuer.example.com }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      Events:
        Get: { Type: HttpApi, Properties: { ApiId: !Ref Api, Path: /items, Method: get } }
`);
    expect(unsupported).toEqual([]);
    const body = (template.Resources as any).Api.Properties.Body;
    expect(body.components.securitySchemes.Jwt).toEqual({
      type: "oauth2",
      "x-amazon-apigateway-authorizer": { type: "jwt", identitySource: "$request.header.Authorization", jwtConfiguration: { audience: ["app"], issuer: "https://issuer.example.com" } },
    });
    expect(body.paths["/items"].get.security).toEqual([{ Jwt: ["read"] }]);
  });

  it("requires an API key and IAM signatures where the API or the event asks, with the caller's credentials by default", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, Auth: { ApiKeyRequired: true, DefaultAuthorizer: AWS_IAM, UsagePlan: { CreateUsagePlan: PER_API, Quota: { Limit: 100, Period: DAY } } } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      Events:
        Open: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /open, Method: get, Auth: { Authorizer: NONE, ApiKeyRequired: false } } }
        Signed: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /signed, Method: get } }
        Role: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /role, Method: get, Auth: { InvokeRole: arn:aws:iam::123456789012:role/r } } }
Outputs:
  Key: { Value: !Ref Api.ApiKey }
`);
    expect(unsupported).toEqual([]);
    const r = template.Resources as Record<string, any>;
    const body = r.Api.Properties.Body;
    expect(body.securityDefinitions).toEqual({
      AWS_IAM: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" },
      api_key: { type: "apiKey", name: "x-api-key", in: "header" },
    });
    expect(body.paths["/open"].get.security).toBeUndefined();
    expect(body.paths["/signed"].get.security).toEqual([{ AWS_IAM: [] }, { api_key: [] }]);
    expect(body.paths["/signed"].get["x-amazon-apigateway-integration"].credentials).toBe("arn:aws:iam::*:user/*");
    expect(body.paths["/role"].get["x-amazon-apigateway-integration"].credentials).toBe("arn:aws:iam::123456789012:role/r");
    expect(r.ApiUsagePlan).toEqual({ Type: "AWS::ApiGateway::UsagePlan", DependsOn: ["Api"], Properties: { Quota: { Limit: 100, Period: "DAY" }, ApiStages: [{ ApiId: { Ref: "Api" }, Stage: { Ref: "ApiprodStage" } }] } });
    expect(r.ApiApiKey.Properties).toEqual({ Enabled: true, StageKeys: [{ RestApiId: { Ref: "Api" }, StageName: { Ref: "ApiprodStage" } }] });
    expect(r.ApiUsagePlanKey.Properties).toEqual({ KeyId: { Ref: "ApiApiKey" }, KeyType: "API_KEY", UsagePlanId: { Ref: "ApiUsagePlan" } });
    expect((template.Outputs as any).Key.Value).toEqual({ Ref: "ApiApiKey" });
  });

  it("shares one usage plan and key among the APIs that ask for SHARED, conditional only when all of them are", () => {
    const r = transform(`Transform: AWS::Serverless-2016-10-31
Conditions:
  A: { Fn::Equals: [a, a] }
  B: { Fn::Equals: [b, b] }
Resources:
  One: { Type: AWS::Serverless::Api, Condition: A, Properties: { StageName: prod, Auth: { UsagePlan: { CreateUsagePlan: SHARED } } } }
  Two: { Type: AWS::Serverless::Api, Condition: B, DeletionPolicy: Retain, Properties: { StageName: prod, Auth: { UsagePlan: { CreateUsagePlan: SHARED } } } }
`).template;
    const res = r.Resources as Record<string, any>;
    expect(res.ServerlessUsagePlan.Properties.ApiStages.map((s: any) => s.ApiId.Ref)).toEqual(["One", "Two"]);
    expect(res.ServerlessUsagePlan.DependsOn).toEqual(["One", "Two"]);
    expect(res.ServerlessApiKey).toMatchObject({ Condition: "SharedUsagePlanCondition", DeletionPolicy: "Retain" });
    expect((r.Conditions as any).SharedUsagePlanCondition).toEqual({ "Fn::Or": [{ Condition: "A" }, { Condition: "B" }] });
  });

  it("writes a resource policy scoped to each method, and custom statements once", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      OpenApiVersion: 3.0.1
      Auth:
        ResourcePolicy:
          IpRangeWhitelist: [10.0.0.0/8]
          SourceVpcBlacklist: [vpce-1234]
          CustomStatements: [{ Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: execute-api:/*/GET/health }]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      Events:
        Item: { Type: Api, Properties: { RestApiId: !Ref Api, Path: "/items/{id}", Method: get } }
`);
    expect(unsupported).toEqual([]);
    const body = (template.Resources as any).Api.Properties.Body;
    expect(body.openapi).toBe("3.0.1");
    const resource = [{ "Fn::Sub": ["execute-api:/${__Stage__}/GET/items/*", { __Stage__: "prod" }] }];
    expect(body["x-amazon-apigateway-policy"]).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Action: "execute-api:Invoke", Effect: "Allow", Principal: "*", Resource: resource },
        { Action: "execute-api:Invoke", Effect: "Deny", Principal: "*", Resource: resource, Condition: { NotIpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } } },
        { Action: "execute-api:Invoke", Effect: "Allow", Principal: "*", Resource: resource },
        { Action: "execute-api:Invoke", Effect: "Deny", Principal: "*", Resource: resource, Condition: { StringEquals: { "aws:SourceVpce": ["vpce-1234"] } } },
        { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*/GET/health" },
      ],
    });
  });

  it("keeps an OpenAPI 3 document's security schemes under components", () => {
    const body = (transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, OpenApiVersion: 3.0.1, Auth: { ApiKeyRequired: true } }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s3://b/k, Events: { Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /, Method: get } } } }
`).template.Resources as any).Api.Properties.Body;
    expect(body.securityDefinitions).toBeUndefined();
    expect(body.components.securitySchemes.api_key).toEqual({ type: "apiKey", name: "x-api-key", in: "header" });
  });
});

describe("request models", () => {
  it("adds the API's Models as schemas, a route's RequestModel as its body and the request validator it asks for", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: hoge-fuga
      Models: { User: { type: object, properties: { name: { type: string } } } }
  F:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      Events:
        Create: { Type: Api, Properties: { RestApiId: Api, Path: /users, Method: post, RequestModel: { Model: User, Required: true, ValidateBody: true } } }
`);
    expect(unsupported).toEqual([]);
    const r = template.Resources as Record<string, any>;
    const body = r.Api.Properties.Body;
    expect(body.definitions.user).toEqual({ type: "object", properties: { name: { type: "string" } } });
    expect(body.paths["/users"].post.parameters).toEqual([{ in: "body", name: "user", required: true, schema: { $ref: "#/definitions/user" } }]);
    expect(body.paths["/users"].post["x-amazon-apigateway-request-validator"]).toBe("body-only");
    expect(body["x-amazon-apigateway-request-validators"]).toEqual({ "body-only": { validateRequestBody: true, validateRequestParameters: false } });
    // A stage name with other characters gets SAM's hashed ID: sha1("hoge-fuga") starts 0c8ecc62cb.
    expect(r.ApiStage0c8ecc62cb.Properties.StageName).toBe("hoge-fuga");
    // The API named by a plain string is the template's API; the permission refers to it, not to the string.
    expect(r.FCreatePermission0c8ecc62cb.Properties.SourceArn["Fn::Sub"][1].__ApiId__).toEqual({ Ref: "Api" });
  });
});

describe("request parameters", () => {
  it("declares an event's RequestParameters on its method and caches by those that ask for it", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      Events:
        Get:
          Type: Api
          Properties:
            Path: /items
            Method: get
            RequestParameters: [method.request.querystring.page, { method.request.header.Authorization: { Required: true, Caching: true } }]
`);
    expect(unsupported).toEqual([]);
    const op = (template.Resources as any).ServerlessRestApi.Properties.Body.paths["/items"].get;
    expect(op.parameters).toEqual([
      { in: "query", name: "page", required: false, type: "string" },
      { in: "header", name: "Authorization", required: true, type: "string" },
    ]);
    expect(op["x-amazon-apigateway-integration"].cacheKeyParameters).toEqual(["method.request.header.Authorization"]);
  });
});

describe("gateway responses", () => {
  it("writes GatewayResponses into the body with API Gateway's parameter names and a string status code", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      GatewayResponses:
        UNAUTHORIZED:
          StatusCode: 401
          ResponseParameters:
            Headers: { WWW-Authenticate: "'Bearer'" }
            QueryStrings: { q: "'x'" }
`);
    expect(unsupported).toEqual([]);
    expect((template.Resources as any).Api.Properties.Body["x-amazon-apigateway-gateway-responses"]).toEqual({
      UNAUTHORIZED: { statusCode: "401", responseTemplates: {}, responseParameters: { "gatewayresponse.header.WWW-Authenticate": "'Bearer'", "gatewayresponse.querystring.q": "'x'" } },
    });
  });
});

describe("GraphQL APIs", () => {
  it("writes the AppSync API, schema, a table data source with its own least-privilege role, a function and a pipeline resolver", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Notes:
    Type: AWS::Serverless::GraphQLApi
    Properties:
      SchemaInline: "type Query { note(id: ID!): String }"
      Auth: { Type: API_KEY }
      ApiKeys: { Default: { Description: dev } }
      DataSources:
        DynamoDb:
          Table: { TableName: notes, TableArn: !GetAtt NotesTable.Arn }
      Functions:
        GetNote: { DataSource: Table, Runtime: { Name: APPSYNC_JS, Version: 1.0.0 }, InlineCode: "export const request = () => ({})" }
      Resolvers:
        Query:
          note: { Pipeline: [GetNote] }
  NotesTable: { Type: AWS::DynamoDB::Table }
`);
    expect(unsupported).toEqual([]);
    const r = template.Resources as Record<string, any>;
    expect(r.Notes.Properties).toMatchObject({ Name: "Notes", AuthenticationType: "API_KEY", LogConfig: { FieldLogLevel: "ALL", CloudWatchLogsRoleArn: { "Fn::GetAtt": ["NotesCloudWatchRole", "Arn"] } } });
    expect(r.NotesSchema.Properties.Definition).toBe("type Query { note(id: ID!): String }");
    expect(r.NotesDefault).toEqual({ Type: "AWS::AppSync::ApiKey", Properties: { ApiId: { "Fn::GetAtt": ["Notes", "ApiId"] }, Description: "dev" } });
    expect(r.NotesTableDynamoDBDataSource.Properties.ServiceRoleArn).toEqual({ "Fn::GetAtt": ["NotesTableDynamoDBDataSourceRole", "Arn"] });
    const policy = r.NotesTableDynamoDBDataSourceToTableConnectorPolicy.Properties;
    expect(policy.Roles).toEqual([{ Ref: "NotesTableDynamoDBDataSourceRole" }]);
    expect(policy.PolicyDocument.Statement[0].Resource[0]).toEqual({ "Fn::GetAtt": ["NotesTable", "Arn"] });
    expect(r.NotesGetNote.Properties).toMatchObject({ DataSourceName: { "Fn::GetAtt": ["NotesTableDynamoDBDataSource", "Name"] }, Runtime: { Name: "APPSYNC_JS", RuntimeVersion: "1.0.0" } });
    expect(r.NotesQuerynote).toMatchObject({ DependsOn: ["NotesSchema"], Properties: { Kind: "PIPELINE", TypeName: "Query", FieldName: "note", PipelineConfig: { Functions: [{ "Fn::GetAtt": ["NotesGetNote", "FunctionId"] }] } } });
  });
});

describe("capacity providers", () => {
  it("writes the capacity provider with an operator role, and manual scaling on a CPU target", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fleet:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig: { SubnetIds: [subnet-1], SecurityGroupIds: [sg-1] }
      InstanceRequirements: { AllowedTypes: [c7g.large] }
      ScalingConfig: { MaxVCpuCount: 8, AverageCPUUtilization: 60 }
`);
    expect(unsupported).toEqual([]);
    const r = template.Resources as Record<string, any>;
    expect(r.Fleet.Properties).toEqual({
      VpcConfig: { SubnetIds: ["subnet-1"], SecurityGroupIds: ["sg-1"] },
      PermissionsConfig: { CapacityProviderOperatorRoleArn: { "Fn::GetAtt": ["FleetOperatorRole", "Arn"] } },
      InstanceRequirements: { AllowedInstanceTypes: ["c7g.large"] },
      CapacityProviderScalingConfig: { MaxVCpuCount: 8, ScalingMode: "Manual", ScalingPolicies: [{ PredefinedMetricType: "LambdaCapacityProviderAverageCPUUtilization", TargetValue: 60 }] },
      Tags: [{ Key: "lambda:createdBy", Value: "SAM" }],
    });
    expect(r.FleetOperatorRole.Properties.ManagedPolicyArns).toEqual(["arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"]);
  });

  it("runs a function on a capacity provider, and its published version carries the scaling and is deleted with the stack", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: s3://b/k
      AutoPublishAlias: live
      CapacityProviderConfig: { Arn: arn:aws:lambda:us-east-1:123456789012:capacity-provider:fleet, PerExecutionEnvironmentMaxConcurrency: 10 }
      FunctionScalingConfig: { MinExecutionEnvironments: 1, MaxExecutionEnvironments: 4 }
`);
    expect(unsupported).toEqual([]);
    const r = template.Resources as Record<string, any>;
    expect(r.F.Properties.CapacityProviderConfig).toEqual({ LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: "arn:aws:lambda:us-east-1:123456789012:capacity-provider:fleet", PerExecutionEnvironmentMaxConcurrency: 10 } });
    const version = Object.values(r).find((x: any) => x.Type === "AWS::Lambda::Version") as any;
    expect(version.DeletionPolicy).toBe("Delete");
    expect(version.Properties.FunctionScalingConfig).toEqual({ MinExecutionEnvironments: 1, MaxExecutionEnvironments: 4 });
  });
});

describe("state machine versions", () => {
  it("publishes a version and an alias that events and API routes start, with a gradual deployment", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: Done, States: { Done: { Type: Succeed } } }
      AutoPublishAlias: live
      UseAliasAsEventTarget: true
      DeploymentPreference: { Type: LINEAR, Percentage: 10, Interval: 5 }
      Events:
        Start: { Type: Api, Properties: { Path: /start, Method: post } }
`);
    expect(unsupported).toEqual([]);
    const r = template.Resources as Record<string, any>;
    expect(r.FlowVersion).toMatchObject({ Type: "AWS::StepFunctions::StateMachineVersion", DeletionPolicy: "Retain", Properties: { StateMachineArn: { Ref: "Flow" } } });
    expect(r.FlowAliaslive.Properties).toEqual({ Name: "live", DeploymentPreference: { StateMachineVersionArn: { Ref: "FlowVersion" }, Type: "LINEAR", Percentage: 10, Interval: 5 } });
    expect(r.FlowStartRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource).toEqual({ Ref: "FlowAliaslive" });
    const template2 = r.ServerlessRestApi.Properties.Body.paths["/start"].post["x-amazon-apigateway-integration"].requestTemplates["application/json"]["Fn::Sub"];
    expect(template2).toContain("${FlowAliaslive}");
  });
});

describe("WebSocket APIs", () => {
  it("writes an integration, route and permission per route key, the stage, and the $connect authorizer", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Chat:
    Type: AWS::Serverless::WebSocketApi
    Properties:
      RouteSelectionExpression: $request.body.action
      Auth: { AuthType: CUSTOM, AuthArn: !GetAtt Authorize.Arn, IdentitySource: [route.request.querystring.token] }
      Routes:
        $connect: { FunctionArn: !GetAtt OnConnect.Arn }
        send: { FunctionArn: !GetAtt OnSend.Arn, IntegrationTimeout: 5000 }
  OnConnect: { Type: AWS::Lambda::Function }
  OnSend: { Type: AWS::Lambda::Function }
  Authorize: { Type: AWS::Lambda::Function }
`);
    expect(unsupported).toEqual([]);
    const r = template.Resources as Record<string, any>;
    expect(r.Chat.Properties).toEqual({ Name: "Chat", ProtocolType: "WEBSOCKET", RouteSelectionExpression: "$request.body.action", Tags: { "websocketapi:createdBy": "SAM" } });
    expect(r.ChatSendIntegration.Properties.TimeoutInMillis).toBe(5000);
    expect(r.ChatSendRoute.Properties).toEqual({ ApiId: { Ref: "Chat" }, RouteKey: "send", Target: { "Fn::Join": ["/", ["integrations", { Ref: "ChatSendIntegration" }]] } });
    expect(r.ChatConnectRoute.Properties).toMatchObject({ AuthorizationType: "CUSTOM", AuthorizerId: { Ref: "ChatConnectAuthorizer" } });
    expect(r.ChatConnectAuthorizer.Properties).toMatchObject({ AuthorizerType: "REQUEST", IdentitySource: ["route.request.querystring.token"], Name: "ChatConnectAuthorizer" });
    expect(r.ChatAuthorizerPermission.Properties.FunctionName).toEqual({ "Fn::GetAtt": ["Authorize", "Arn"] });
    expect(r.ChatSendPermission.Properties.SourceArn).toEqual({ "Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Chat.ApiId}/default/send" });
    expect(r.ChatDefaultStage.Properties).toEqual({ ApiId: { Ref: "Chat" }, AutoDeploy: true, StageName: "default", Tags: { "websocketapi:createdBy": "SAM" } });
  });
});

describe("connectors", () => {
  const CONNECTED = `Transform: AWS::Serverless-2016-10-31
Resources:
  Table: { Type: AWS::DynamoDB::Table }
  Queue: { Type: AWS::SQS::Queue }
  Topic:
    Type: AWS::SNS::Topic
    Connectors:
      ToQueue:
        Properties: { Destination: { Id: Queue }, Permissions: [Write] }
  Reader:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.b, Runtime: python3.12, CodeUri: s3://b/k }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Reader, EventSourceArn: !GetAtt Queue.Arn }
  ReadTable:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: Reader }
      Destination: [{ Id: Table }, { Type: AWS::SNS::Topic, Arn: !Ref Topic }]
      Permissions: [Write]
  PollQueue:
    Type: AWS::Serverless::Connector
    Properties: { Source: { Id: Queue }, Destination: { Id: Reader }, Permissions: [Read, Write] }
  AfterIt:
    Type: AWS::SQS::Queue
    DependsOn: ReadTable
`;

  it("grants the source's role exactly the actions of each permission, one policy per destination", () => {
    const { template, unsupported } = transform(CONNECTED);
    const r = template.Resources as Record<string, any>;
    expect(unsupported).toEqual([]);
    expect(r.ReadTable).toBeUndefined();
    const toTable = r.ReadTablePolicyDestination0;
    expect(toTable.Type).toBe("AWS::IAM::ManagedPolicy");
    expect(toTable.Properties.Roles).toEqual([{ Ref: "ReaderRole" }]);
    expect(toTable.Properties.PolicyDocument.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate"],
        Resource: [{ "Fn::GetAtt": ["Table", "Arn"] }, { "Fn::Sub": ["${DestinationArn}/index/*", { DestinationArn: { "Fn::GetAtt": ["Table", "Arn"] } }] }],
      },
    ]);
    expect(toTable.Metadata).toEqual({ "aws:sam:connectors": { ReadTable: { Source: { Type: "AWS::Serverless::Function" }, Destination: { Type: "AWS::DynamoDB::Table" } } } });
    expect(r.ReadTablePolicyDestination1.Properties.PolicyDocument.Statement[0]).toMatchObject({ Action: ["sns:Publish"], Resource: [{ Ref: "Topic" }] });
    expect(r.AfterIt.DependsOn).toEqual(["ReadTablePolicyDestination0", "ReadTablePolicyDestination1"]);
  });

  it("puts queue polling on the function's role and makes the event source mapping wait for it", () => {
    const r = transform(CONNECTED).template.Resources as Record<string, any>;
    expect(r.PollQueuePolicy.Properties.Roles).toEqual([{ Ref: "ReaderRole" }]);
    expect(r.PollQueuePolicy.Properties.PolicyDocument.Statement.map((s: any) => s.Action)).toEqual([["sqs:DeleteMessage"], ["sqs:ReceiveMessage", "sqs:GetQueueAttributes"]]);
    expect(r.Mapping.DependsOn).toEqual(["PollQueuePolicy"]);
  });

  it("writes a queue policy for an embedded connector and removes the Connectors attribute", () => {
    const r = transform(CONNECTED).template.Resources as Record<string, any>;
    expect(r.Topic.Connectors).toBeUndefined();
    expect(r.TopicToQueueQueuePolicy).toEqual({
      Type: "AWS::SQS::QueuePolicy",
      Metadata: { "aws:sam:connectors": { TopicToQueue: { Source: { Type: "AWS::SNS::Topic" }, Destination: { Type: "AWS::SQS::Queue" } } } },
      Properties: {
        Queues: [{ Ref: "Queue" }],
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "sns.amazonaws.com" }, Action: "sqs:SendMessage", Resource: { "Fn::GetAtt": ["Queue", "Arn"] }, Condition: { ArnEquals: { "aws:SourceArn": { Ref: "Topic" } } } }],
        },
      },
    });
  });

  it("lets an API invoke a function through a permission scoped to the qualifier", () => {
    const r = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Api: { Type: AWS::ApiGateway::RestApi }
  Fn: { Type: AWS::Lambda::Function }
  C:
    Type: AWS::Serverless::Connector
    Properties: { Source: { Id: Api, Qualifier: prod/GET/items }, Destination: { Id: Fn }, Permissions: [Write] }
`).template.Resources as Record<string, any>;
    expect(r.CWriteLambdaPermission.Properties).toEqual({
      Action: "lambda:InvokeFunction",
      FunctionName: { "Fn::GetAtt": ["Fn", "Arn"] },
      Principal: "apigateway.amazonaws.com",
      SourceArn: { "Fn::Sub": ["arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${SourceResourceId}/${SourceQualifier}", { SourceQualifier: "prod/GET/items", SourceResourceId: { Ref: "Api" } }] },
    });
  });

  it("reports a pair or permission it does not know and keeps the connector as written", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Resources:
  Topic: { Type: AWS::SNS::Topic }
  Stream: { Type: AWS::Kinesis::Stream }
  C:
    Type: AWS::Serverless::Connector
    Properties: { Source: { Id: Topic }, Destination: { Id: Stream }, Permissions: [Write] }
`);
    expect(unsupported).toEqual(["C: connector from AWS::SNS::Topic to AWS::Kinesis::Stream (a pair this transform does not know)"]);
    expect((template.Resources as any).C.Type).toBe("AWS::Serverless::Connector");
  });
});

describe("custom domains", () => {
  const DOMAINS = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Name: { Type: String, Default: api.example.com }
Resources:
  Rest:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Domain:
        DomainName: !Ref Name
        CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
        EndpointConfiguration: EDGE
        BasePath: [/v1, /orders-api]
        Route53: { HostedZoneId: Z123, IpV6: true }
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      Domain:
        DomainName: http.example.com
        CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/def
        Route53: { HostedZoneId: Z123 }
`;

  it("writes the domain, one mapping per base path and the alias records, with SAM's logical IDs", () => {
    const { template, unsupported } = transform(DOMAINS);
    const r = template.Resources as Record<string, any>;
    expect(unsupported).toEqual([]);
    // SAM hashes the domain name with the parameter's default: sha1("api.example.com") starts 1bc412bb08.
    expect(r.ApiGatewayDomainName1bc412bb08).toEqual({
      Type: "AWS::ApiGateway::DomainName",
      Properties: { DomainName: { Ref: "Name" }, EndpointConfiguration: { Types: ["EDGE"] }, CertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
    });
    expect(r.Restv1BasePathMapping.Properties).toEqual({ RestApiId: { Ref: "Rest" }, Stage: { Ref: "RestprodStage" }, DomainName: { Ref: "ApiGatewayDomainName1bc412bb08" }, BasePath: "v1" });
    expect(r.RestordersapiBasePathMapping.Properties.BasePath).toBe("ordersapi");
    expect(r.HttpApiMapping).toEqual({
      Type: "AWS::ApiGatewayV2::ApiMapping",
      Properties: { ApiId: { Ref: "Http" }, DomainName: { Ref: expect.stringMatching(/^ApiGatewayDomainNameV2[0-9a-f]{10}$/) }, Stage: { Ref: "HttpApiGatewayDefaultStage" } },
    });
  });

  it("puts every API's records for one hosted zone in one record set group: CloudFront's zone for edge names, the regional name otherwise", () => {
    const r = transform(DOMAINS).template.Resources as Record<string, any>;
    const groups = Object.keys(r).filter((id) => r[id].Type === "AWS::Route53::RecordSetGroup");
    expect(groups).toEqual(["RecordSetGroupdc5493edf0"]); // sha1("Z123")
    const sets = r[groups[0]].Properties.RecordSets;
    expect(sets.map((s: any) => s.Type)).toEqual(["A", "AAAA", "A"]);
    expect(sets[0].AliasTarget).toEqual({ DNSName: { "Fn::GetAtt": ["ApiGatewayDomainName1bc412bb08", "DistributionDomainName"] }, HostedZoneId: "Z2FDTNDATAQYW2" });
    expect(sets[2].AliasTarget.HostedZoneId["Fn::GetAtt"][1]).toBe("RegionalHostedZoneId");
  });

  it("reports an endpoint type it cannot decide on and writes no domain", () => {
    const { template, unsupported } = transform(`Transform: AWS::Serverless-2016-10-31
Parameters: { Kind: { Type: String } }
Resources:
  Rest:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, Domain: { DomainName: a.example.com, CertificateArn: arn, EndpointConfiguration: !Ref Kind } }
`);
    expect(unsupported).toEqual(["Rest: Domain.EndpointConfiguration given by an intrinsic function"]);
    expect(Object.values(template.Resources as Record<string, any>).some((x) => x.Type === "AWS::ApiGateway::DomainName")).toBe(false);
  });
});

describe("samIdHash", () => {
  it("is the first 10 hex digits of SHA-1 of a string, or of compact sorted JSON", () => {
    expect(sha1Hex("abc")).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(sha1Hex("a".repeat(1000))).toBe("291e9a6c66994949b57ba5e650361e98fc36b1ba");
    expect(samIdHash("api-example.com")).toBe("23cdccdf9c");
    expect(samIdHash({ Ref: "HostedZoneId" })).toBe("1194dea82a");
  });
});

describe("expandPolicyTemplate", () => {
  it("fills a template's parameters into its statements", () => {
    expect(expandPolicyTemplate("SQSSendMessagePolicy", { QueueName: { "Fn::GetAtt": ["Q", "QueueName"] } })).toEqual([
      {
        Action: ["sqs:SendMessage*"],
        Effect: "Allow",
        Resource: { "Fn::Sub": ["arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${queueName}", { queueName: { "Fn::GetAtt": ["Q", "QueueName"] } }] },
      },
    ]);
    expect(expandPolicyTemplate("NoSuchPolicy", {})).toBeUndefined();
  });

  it("expands AWSSecretsManagerGetSecretValuePolicy, which SAM's all-templates test leaves out, as SAM's conditional-template test does", () => {
    // ../shared/corpus/sam-translator/output/function_with_conditional_policy_template.json
    expect(expandPolicyTemplate("AWSSecretsManagerGetSecretValuePolicy", { SecretArn: { Ref: "DbSecret" } })).toEqual([
      { Action: ["secretsmanager:GetSecretValue"], Effect: "Allow", Resource: { "Fn::Sub": ["${secretArn}", { secretArn: { Ref: "DbSecret" } }] } },
    ]);
  });

  it("expands EFSWriteAccessPolicy to mount and write through the given access point only", () => {
    const [statement] = expandPolicyTemplate("EFSWriteAccessPolicy", { FileSystem: { Ref: "Fs" }, AccessPoint: { Ref: "Ap" } }) as Record<string, unknown>[];
    expect(statement.Action).toEqual(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
    expect(statement.Resource).toEqual({ "Fn::Sub": ["arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/${FileSystem}", { FileSystem: { Ref: "Fs" } }] });
    expect(statement.Condition).toEqual({
      StringEquals: {
        "elasticfilesystem:AccessPointArn": { "Fn::Sub": ["arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:access-point/${AccessPoint}", { AccessPoint: { Ref: "Ap" } }] },
      },
    });
  });
});

describe("toYaml", () => {
  it("quotes strings YAML 1.1 or 1.2 readers would take for something else, and reads back the same", () => {
    const value = {
      Strings: ["yes", "No", "on", "null", "~", "0755", "1e3", "2012-10-17", "12:30", "-dash", "a: b", "a #b", "*star", "!bang", "@at", " lead", "trail ", "", "plain text", "arn:aws:s3:::bucket/*"],
      Numbers: [0, 1.5, -3],
      Bools: [true, false],
      Empty: { List: [], Map: {} },
      Multi: "line one\nline two\n",
      Code: "exports.handler = async () => {\n  return 1;\n};",
    };
    const text = toYaml(value);
    expect(text).toContain('- "yes"');
    expect(text).toContain('- "2012-10-17"');
    expect(text).toContain("- plain text");
    expect(text).toContain("Multi: |\n  line one\n  line two\n");
    expect(parse(text, { version: "1.1" })).toEqual(value);
    expect(parse(text)).toEqual(value);
  });

  it("writes intrinsics in short form, and the long form where a tag would sit on a tag", () => {
    const text = toYaml({
      A: { Ref: "X" },
      B: { "Fn::GetAtt": ["Fn", "Arn"] },
      C: { "Fn::Sub": ["${A}-${B}", { A: { Ref: "P" }, B: "b" }] },
      D: { "Fn::Base64": { "Fn::Sub": "echo ${AWS::Region}" } },
      E: { "Fn::If": ["Cond", { Ref: "AWS::NoValue" }, [1, 2]] },
    });
    expect(text).toBe(
      [
        "A: !Ref X",
        "B: !GetAtt Fn.Arn",
        "C: !Sub",
        "  - ${A}-${B}",
        "  - A: !Ref P",
        "    B: b",
        "D:",
        '  "Fn::Base64": !Sub echo ${AWS::Region}',
        "E: !If",
        "  - Cond",
        "  - !Ref AWS::NoValue",
        "  - - 1",
        "    - 2",
        "",
      ].join("\n"),
    );
    expect(parseTemplate(text).parsed!.value).toEqual({
      A: { Ref: "X" },
      B: { "Fn::GetAtt": ["Fn", "Arn"] },
      C: { "Fn::Sub": ["${A}-${B}", { A: { Ref: "P" }, B: "b" }] },
      D: { "Fn::Base64": { "Fn::Sub": "echo ${AWS::Region}" } },
      E: { "Fn::If": ["Cond", { Ref: "AWS::NoValue" }, [1, 2]] },
    });
  });
});

describe("exportTemplate", () => {
  const sam = `# my app\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Q:\n    Type: AWS::SQS::Queue # the queue\n    Properties:\n      QueueName: !Sub "\${AWS::StackName}-q"\n`;

  it("exports SAM YAML byte for byte", () => {
    expect(exportTemplate(sam, { format: "sam", as: "yaml" }).text).toBe(sam);
  });

  it("exports SAM as JSON with intrinsics in long form", () => {
    expect(JSON.parse(exportTemplate(sam, { format: "sam", as: "json" }).text!)).toEqual({
      Transform: "AWS::Serverless-2016-10-31",
      Resources: { Q: { Type: "AWS::SQS::Queue", Properties: { QueueName: { "Fn::Sub": "${AWS::StackName}-q" } } } },
    });
  });

  it("exports CloudFormation YAML with short-form intrinsics that parses back to the same template", () => {
    const { text } = exportTemplate(FN, { format: "cfn", as: "yaml" });
    expect(text).toContain("Role: !GetAtt WorkerRole.Arn");
    expect(text).toContain("FunctionName: !Ref Worker");
    expect(text).not.toContain("Transform:");
    const again = parseTemplate(text!);
    expect(again.parsed!.value).toEqual(toCloudFormation(parseTemplate(FN).parsed!).template);
    expect(parse(exportTemplate(FN, { format: "cfn", as: "json" }).text!)).toEqual(again.parsed!.value);
  });

  it("returns the located parse problem instead of text for an unreadable file", () => {
    const result = exportTemplate("Resources: [unclosed", { format: "cfn", as: "yaml" });
    expect(result.text).toBeNull();
    expect(result.problems[0].line).toBe(1);
  });
});
