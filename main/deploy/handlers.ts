/**
 * IPC handlers of the `deploy.*` domain (contract in preload/api.ts). One DeployService per
 * process: it remembers reviewed change sets and running watches, so a renderer that reloads can
 * ask `deploy.status` and get the live progress back. Progress is pushed to the session that
 * started the operation as `deploy.progress` events.
 */
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import { reviewText } from "../../core/deploy";
import type { UsageInput } from "../../core/cost";
import { FlowformError } from "../../preload/api";
import type { HandlerContext, Handlers } from "../ipc/registry";
import { endpointFor, type AwsTarget } from "./aws";
import { readProfiles } from "./profiles";
import { DeployService, loadPriceTables, type ProgressListener } from "./service";

let shared: DeployService | undefined;

/** The process's deploy service (tests may pass their own). */
export function deployService(): DeployService {
  // FLOWFORM_DEPLOY_POLL_MS shortens the 2 s poll interval (end-to-end tests against the emulator).
  const pollMs = Number(process.env.FLOWFORM_DEPLOY_POLL_MS) || undefined;
  shared ??= new DeployService({ prices: loadPriceTables(dirname(fileURLToPath(import.meta.url))), pollMs });
  return shared;
}

function targetOf(input: { profile?: string; region: string }): AwsTarget {
  return { region: input.region, profile: input.profile || undefined };
}

function projectDirOf(ctx: HandlerContext): string {
  if (!ctx.session.projectDir) throw new FlowformError("deploy.projectNotSaved", "Save the project to a folder first: deploying packages the function code from src/ in the project folder.");
  return ctx.session.projectDir;
}

export function deployHandlers(service: DeployService = deployService()): Handlers {
  const emitTo = (ctx: HandlerContext): ProgressListener => (progress) => ctx.emit("deploy.progress", progress);
  return {
    "deploy.listProfiles": async () => {
      const { profiles, files } = await readProfiles();
      return { profiles, files, endpointOverride: endpointFor({ region: "us-east-1" }) ?? null };
    },
    "deploy.status": (input) => service.status(targetOf(input), input.stackName),
    "deploy.package": async (input, ctx) => ({
      artifacts: await service.package({
        projectDir: projectDirOf(ctx), templateText: input.templateText, target: targetOf(input), stackName: input.stackName,
        stagingBucket: input.stagingBucket, createBucket: input.createBucket, parameters: input.parameters,
      }),
    }),
    "deploy.createChangeSet": async (input, ctx) => {
      const { review, stackStatus } = await service.prepare({
        projectDir: projectDirOf(ctx), templateText: input.templateText, target: targetOf(input), stackName: input.stackName,
        stagingBucket: input.stagingBucket, createBucket: input.createBucket, parameters: input.parameters, usage: input.usage as UsageInput | undefined,
      });
      return { review, reviewText: reviewText(review), stackStatus: stackStatus ?? null };
    },
    "deploy.execute": async (input, ctx) => {
      const { progress, done } = await service.execute(input.changeSetId, emitTo(ctx));
      done.catch(() => undefined); // failures reach the renderer as progress notices
      return { progress };
    },
    "deploy.watch": async (input, ctx) => {
      const { progress, done } = await service.resume(targetOf(input), input.stackName, input.nodeIds, emitTo(ctx));
      done.catch(() => undefined);
      return { progress };
    },
    "deploy.cancel": async (input) => {
      await service.cancelChangeSet(input.changeSetId);
      return { cancelled: true as const };
    },
    "deploy.cancelUpdate": async (input, ctx) => {
      const { progress, done } = await service.cancelUpdate(targetOf(input), input.stackName, input.nodeIds, emitTo(ctx));
      done.catch(() => undefined);
      return { progress };
    },
    "deploy.deleteStack": async (input, ctx) => {
      const { progress, done } = await service.deleteStack(targetOf(input), input.stackName, input.confirmName, input.nodeIds, emitTo(ctx));
      done.catch(() => undefined);
      return { progress };
    },
  };
}
