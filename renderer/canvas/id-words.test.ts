import { describe, expect, it } from "vitest";
import { idWords } from "./id-words";

describe("idWords", () => {
  it("cuts a camelCase logical ID at each hump", () => {
    expect(idWords("SqsHandlerLambdaExecutionRole")).toEqual(["Sqs", "Handler", "Lambda", "Execution", "Role"]);
  });

  it("keeps an acronym together and starts the next word at its last capital", () => {
    expect(idWords("APIGatewayRole")).toEqual(["API", "Gateway", "Role"]);
  });

  it("cuts after digits, hyphens and underscores", () => {
    expect(idWords("S3Bucket")).toEqual(["S3", "Bucket"]);
    expect(idWords("orders-table_v2")).toEqual(["orders-", "table_", "v2"]);
  });

  it("leaves a one-word ID whole, and the parts always join back to the ID", () => {
    expect(idWords("Queue")).toEqual(["Queue"]);
    for (const id of ["HttpApi", "DeadLetterQueue", "MyFunction2Role", "ABC"]) expect(idWords(id).join("")).toBe(id);
  });
});
