import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";
import { secretLikeName } from "./secret-in-environment";

const run = (text: string) => checkTemplate(text, { rules: ["secret-in-environment"] }).problems;

const fn = (vars: string, params = "") => `Transform: AWS::Serverless-2016-10-31
${params}Resources:
  Secret:
    Type: AWS::SecretsManager::Secret
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Environment:
        Variables:
${vars}`;

describe("secret in environment variables", () => {
  it("reports a password written in plain text", () => {
    const [p] = run(fn("          DB_PASSWORD: hunter2\n"));
    expect(p.severity).toBe("warning");
    expect(p.message).toBe("Environment variable DB_PASSWORD of function Fn is written in the template in plain text. Keep it in Secrets Manager and read it at run time.");
    expect(p.line).toBe(12);
  });

  it("reports a value that looks like an AWS access key whatever its name", () => {
    expect(run(fn("          UPSTREAM: AKIAIOSFODNN7EXAMPLE\n"))[0].message).toContain("an AWS access key id");
  });

  it("notes, as info, a secret passed in through a parameter", () => {
    const [p] = run(fn("          API_KEY: !Ref ApiKey\n", "Parameters:\n  ApiKey:\n    Type: String\n    NoEcho: true\n"));
    expect(p.severity).toBe("info");
    expect(p.message).toContain("comes from parameter ApiKey");
  });

  it("leaves references to secrets alone: names ending in _ARN/_NAME, ARNs and Refs to resources", () => {
    expect(run(fn("          DB_PASSWORD_SECRET_ARN: !Ref Secret\n          API_KEY_NAME: my-key\n          TOKEN_TABLE: tokens\n          SECRET: !Ref Secret\n          CLIENT_SECRET: arn:aws:secretsmanager:us-east-1:1:secret:x\n"))).toEqual([]);
  });

  it("matches whole words of snake_case and camelCase names only", () => {
    expect(secretLikeName("dbPassword")).toBe(true);
    expect(secretLikeName("GITHUB_TOKEN")).toBe(true);
    expect(secretLikeName("TOKENIZER_MODEL")).toBe(false);
    expect(secretLikeName("PASSTHROUGH")).toBe(false);
    expect(secretLikeName("SECRET_ARN")).toBe(false);
  });
});
