/** `AWS::Lambda::Permission` that lets a service invoke the function. */
import { conditionOf, type JsonObject, type TransformContext } from "../context";
import type { EventTarget } from "./types";

export function addPermission(ctx: TransformContext, target: EventTarget, id: string, principal: string, extra: JsonObject): void {
  ctx.resources[id] = {
    Type: "AWS::Lambda::Permission",
    ...conditionOf(target.source),
    Properties: { Action: "lambda:InvokeFunction", FunctionName: target.invokeRef, Principal: principal, ...extra },
  };
}
