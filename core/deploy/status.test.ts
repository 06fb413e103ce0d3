import { describe, expect, it } from "vitest";
import { applyStackDescription, applyStackEvents, startProgress } from "./progress";
import { deployPathFor, firstFailure, nodeForLogicalId, nodeStatusFor, stackOutcome } from "./status";

const ev = (id: string, status: string, reason?: string, type = "AWS::Lambda::Function") => ({ EventId: `${id}-${status}`, LogicalResourceId: id, ResourceType: type, ResourceStatus: status, ResourceStatusReason: reason });
const stackEv = (status: string, reason?: string) => ev("demo", status, reason, "AWS::CloudFormation::Stack");

describe("deploy statuses", () => {
  it("maps resource statuses to what a node shows, including during a rollback", () => {
    expect(nodeStatusFor("CREATE_IN_PROGRESS", false)).toBe("in-progress");
    expect(nodeStatusFor("CREATE_COMPLETE", false)).toBe("complete");
    expect(nodeStatusFor("UPDATE_FAILED", false)).toBe("failed");
    expect(nodeStatusFor("DELETE_IN_PROGRESS", true)).toBe("rolling-back");
    expect(nodeStatusFor("DELETE_COMPLETE", true)).toBe("rolled-back");
    expect(nodeStatusFor("DELETE_COMPLETE", false)).toBe("deleted");
  });

  it("tells create from update and explains the states that block deploying", () => {
    expect(deployPathFor(undefined)).toEqual({ kind: "create" });
    expect(deployPathFor("REVIEW_IN_PROGRESS")).toEqual({ kind: "create" });
    expect(deployPathFor("UPDATE_ROLLBACK_COMPLETE")).toEqual({ kind: "update" });
    const rollback = deployPathFor("ROLLBACK_COMPLETE");
    expect(rollback).toMatchObject({ kind: "blocked", action: "delete-stack" });
    expect(rollback.kind === "blocked" && rollback.reason).toMatch(/delete the stack, then deploy again/);
    expect(deployPathFor("UPDATE_ROLLBACK_FAILED")).toMatchObject({ kind: "blocked", action: "continue-rollback" });
    expect(deployPathFor("UPDATE_IN_PROGRESS")).toMatchObject({ kind: "blocked", action: "wait" });
    expect(stackOutcome("ROLLBACK_COMPLETE")).toBe("rolled-back");
  });

  it("pins the failure that caused a rollback, not the cancellations it triggered", () => {
    const events = [
      stackEv("CREATE_IN_PROGRESS", "User Initiated"),
      ev("Fn", "CREATE_IN_PROGRESS"),
      ev("Queue", "CREATE_FAILED", "Resource creation cancelled"),
      ev("Table", "CREATE_FAILED", "Table limit exceeded", "AWS::DynamoDB::Table"),
      stackEv("ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [Table]."),
    ];
    expect(firstFailure(events)).toMatchObject({ logicalId: "Table", reason: "Table limit exceeded", resourceType: "AWS::DynamoDB::Table" });
  });

  it("maps SAM-generated resources to the node that owns them", () => {
    const nodes = ["GetOrders", "GetOrdersTable", "Api"];
    expect(nodeForLogicalId("GetOrdersRole", nodes)).toBe("GetOrders");
    expect(nodeForLogicalId("GetOrdersTableStream", nodes)).toBe("GetOrdersTable");
    expect(nodeForLogicalId("ServerlessHttpApi", nodes)).toBeUndefined();
  });
});

describe("deploy progress", () => {
  it("starts every changed resource as pending, then follows the events to the end", () => {
    const nodes = ["Fn", "Table"];
    let p = startProgress("demo", "create", ["Fn", "FnRole", "Table"], nodes);
    expect(p.nodes).toEqual({ Fn: "pending", Table: "pending" });
    p = applyStackEvents(p, [stackEv("CREATE_IN_PROGRESS", "User Initiated"), ev("FnRole", "CREATE_IN_PROGRESS", undefined, "AWS::IAM::Role")], nodes);
    expect(p.nodes).toEqual({ Fn: "in-progress", Table: "pending" });
    p = applyStackEvents(p, [ev("FnRole", "CREATE_COMPLETE"), ev("Fn", "CREATE_COMPLETE"), ev("Table", "CREATE_FAILED", "limit")], nodes);
    expect(p.nodes).toEqual({ Fn: "complete", Table: "failed" });
    p = applyStackEvents(p, [stackEv("ROLLBACK_IN_PROGRESS"), ev("Fn", "DELETE_IN_PROGRESS")], nodes);
    expect(p.nodes.Fn).toBe("rolling-back");
    expect(p.failure).toMatchObject({ logicalId: "Table", reason: "limit" });
    p = applyStackDescription(p, { StackStatus: "ROLLBACK_COMPLETE", StackId: "arn:x" });
    expect(p.done).toBe(true);
    expect(p.outcome).toBe("rolled-back");
    expect(p.guidance).toMatch(/delete the stack/);
  });

  it("collects outputs when the stack completes", () => {
    const p = applyStackDescription(startProgress("demo", "create", [], []), { StackStatus: "CREATE_COMPLETE", Outputs: [{ OutputKey: "ApiUrl", OutputValue: "https://x" }] });
    expect(p.outputs).toEqual([{ key: "ApiUrl", value: "https://x", description: undefined, exportName: undefined }]);
    expect(p.outcome).toBe("succeeded");
  });
});

describe("the end of an operation", () => {
  it("marks resources the operation never reached as not started and takes their badges off", () => {
    let p = startProgress("demo", "create", ["Table", "Fn"], ["Table", "Fn"]);
    p = applyStackEvents(p, [stackEv("CREATE_IN_PROGRESS"), ev("Table", "CREATE_IN_PROGRESS"), ev("Table", "CREATE_FAILED", "limit")], ["Table", "Fn"]);
    expect(p.nodes).toEqual({ Table: "failed", Fn: "pending" });
    p = applyStackDescription(p, { StackStatus: "ROLLBACK_COMPLETE" });
    expect(p.resources.find((r) => r.logicalId === "Fn")!.status).toBe("NOT_STARTED");
    expect(p.nodes).toEqual({ Table: "failed" });
  });
});
