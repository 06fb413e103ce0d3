/**
 * `invoke.*` and `code.*` channels. The renderer sends the current template text (saved or not),
 * so a test run uses the timeout, memory and variables the user sees; the code itself is read
 * from the project folder (save before running, as the code panel does).
 */
import fs from "node:fs/promises";
import { importTemplate } from "../../core/model/import";
import { FlowformError } from "../../preload/api";
import type { Handlers } from "../ipc/registry";
import { requireProjectDir, resolveInProject } from "../project/paths";
import { findPython, invokeFunction } from "./service";

export function invokeHandlers(): Handlers {
  return {
    "invoke.run": async ({ functionId, event, templateText }, ctx) => {
      const projectDir = requireProjectDir(ctx.session.projectDir);
      const { model, problems } = importTemplate(templateText, ctx.session.templateFile);
      if (!model) {
        throw new FlowformError("invoke.templateBroken", `The template does not parse, so ${functionId} cannot be run: ${problems[0]?.message ?? "unknown error"}`);
      }
      return invokeFunction({ projectDir, model, functionId, event });
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
