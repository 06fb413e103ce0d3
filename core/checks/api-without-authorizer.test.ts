import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const run = (text: string) => checkTemplate(text, { rules: ["api-without-authorizer"] }).problems;

const api = (apiAuth: string, eventAuth = "") => `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::HttpApi
    Properties:
${apiAuth || "      StageName: prod\n"}  List:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        Get:
          Type: HttpApi
          Properties:
            ApiId: !Ref Orders
            Path: /orders
            Method: get
${eventAuth}        Preflight:
          Type: HttpApi
          Properties: { ApiId: !Ref Orders, Path: /orders, Method: options }
`;

const AUTHORIZERS = "      Auth:\n        Authorizers:\n          Jwt:\n            IdentitySource: $request.header.Authorization\n            JwtConfiguration: { issuer: https://example.com, audience: [x] }\n";

describe("API route without an authorizer", () => {
  it("reports an HTTP API route without an authorizer, naming the route and the function, and not the OPTIONS route", () => {
    const [p, ...rest] = run(api(""));
    expect(rest).toEqual([]);
    expect(p.message).toBe("HTTP API Orders has a route without an authorizer: GET /orders (List). Anyone with the URL can call it.");
    expect(p.fix).toBeUndefined();
  });

  it("offers the declared authorizer as the default when the API has one but no default", () => {
    const [p] = run(api(AUTHORIZERS));
    expect(p.fix?.operation).toEqual({ op: "setProperty", id: "Orders", path: ["Auth", "DefaultAuthorizer"], value: "Jwt" });
  });

  it("accepts an API with a default authorizer", () => {
    expect(run(api(AUTHORIZERS + "        DefaultAuthorizer: Jwt\n"))).toEqual([]);
  });

  it("accepts a route explicitly opted out with Authorizer NONE", () => {
    expect(run(api(AUTHORIZERS + "        DefaultAuthorizer: Jwt\n", "            Auth:\n              Authorizer: NONE\n"))).toEqual([]);
  });

  it("reports the implicit REST API and honours a default authorizer in Globals", () => {
    const text = (globals: string) => `Transform: AWS::Serverless-2016-10-31
${globals}Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        Get: { Type: Api, Properties: { Path: /hello, Method: get } }
`;
    const [p] = run(text(""));
    expect(p.message).toContain("REST API ServerlessRestApi (created by SAM) has a route without an authorizer: GET /hello (Hello)");
    expect(p.resource).toBe("Hello");
    expect(run(text("Globals:\n  Api:\n    Auth:\n      DefaultAuthorizer: AWS_IAM\n"))).toEqual([]);
  });

  it("reports a CloudFormation method with AuthorizationType NONE and accepts COGNITO_USER_POOLS", () => {
    const text = (auth: string) => `Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: api }
  Method:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: POST
      AuthorizationType: ${auth}
      Integration: { Type: MOCK }
`;
    expect(run(text("NONE"))[0].message).toContain("REST API Api has a route without an authorizer: POST /");
    expect(run(text("COGNITO_USER_POOLS"))).toEqual([]);
  });

  it("reports a public function URL and offers IAM auth", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.handler, Runtime: python3.12, FunctionUrlConfig: { AuthType: NONE } }
`;
    const [p] = run(text);
    expect(p.message).toContain("function URL with AuthType NONE");
    expect(p.fix?.operation).toEqual({ op: "setProperty", id: "Fn", path: ["FunctionUrlConfig", "AuthType"], value: "AWS_IAM" });
    expect(run(text.replace("AuthType: NONE", "AuthType: AWS_IAM"))).toEqual([]);
  });
});
