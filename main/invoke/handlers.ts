/**
 * `invoke.*` and `code.*` channels. The renderer sends the current template text (saved or not),
 * so a test run uses the timeout, memory and variables the user sees; the code itself is read
 * from the project folder (save before running, as the code panel does).
 */
import fs from "node:fs/promises";
import { importTemplate } from "../../core/model/import";
import { FlowformError } from "../../preload/api";
import type { HandlerContext, Handlers } from "../ipc/registry";
import { requireProjectDir, resolveInProject } from "../project/paths";
import { findPython, invokeFunction } from "./service";

type Runs = Map<string, AbortController>;

/** Runs in progress in this session, by the renderer's run id; all stopped when the session ends. */
function runsOf(ctx: HandlerContext): Runs {
  let runs = ctx.session.state.get("invoke.runs") as Runs | undefined;
  if (!runs) {
    const created: Runs = new Map();
    ctx.session.state.set("invoke.runs", created);
    ctx.session.disposers.add(() => {
      for (const c of created.values()) c.abort();
      created.clear();
    });
    runs = created;
  }
  return runs;
}

export function invokeHandlers(): Handlers {
  return {
    "invoke.run": async ({ functionId, event, templateText, runId }, ctx) => {
      const projectDir = requireProjectDir(ctx.session.projectDir);
      const { model, problems } = importTemplate(templateText, ctx.session.templateFile);
      if (!model) {
        throw new FlowformError("invoke.templateBroken", `The template does not parse, so ${functionId} cannot be run: ${problems[0]?.message ?? "unknown error"}`);
      }
      const controller = new AbortController();
      const runs = runsOf(ctx);
      if (runId) runs.set(runId, controller);
      try {
        return await invokeFunction({ projectDir, model, functionId, event, signal: controller.signal });
      } finally {
        if (runId) runs.delete(runId);
      }
    },
    "invoke.cancel": async ({ runId }, ctx) => {
      const controller = runsOf(ctx).get(runId);
      controller?.abort();
      return { cancelled: !!controller };
    },
    "invoke.runtimes": async () => ({ node: process.versions.node, python: (await findPython())?.version ?? null }),
    "code.renameFolder": async ({ from, to }, ctx) => {
      const root = requireProjectDir(ctx.session.projectDir);
      const source = resolveInProject(root, from);
      const target = resolveInProject(root, to);
      const sourceStat = await fs.stat(source).catch(() => null);
      if (!sourceStat?.isDirectory()) return { renamed: false };
      if (await fs.stat(target).catch(() => null)) {
        throw new FlowformError("code.folderExists", `${to} already exists; Flowform does not overwrite it.`);
      }
      await fs.mkdir(resolveInProject(root, to.replace(/[\\/][^\\/]+[\\/]?$/, "") || "."), { recursive: true });
      await fs.rename(source, target);
      return { renamed: true };
    },
  };
}
