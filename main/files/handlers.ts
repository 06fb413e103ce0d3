/**
 * `files.*` channels: text files inside the open project folder, for the code editor
 * (`src/<LogicalId>/…`). Every path is confined to the project (main/project/paths.ts).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { parseTemplate } from "../../core/template/parse";
import { FlowformError, type FileEntry } from "../../preload/api";
import type { Handlers, HandlerContext } from "../ipc/registry";
import { writeFileAtomic } from "../project/atomic";
import { requireProjectDir, resolveInProject, toProjectRelative } from "../project/paths";

/** Folders never listed: dependencies and build output are not the user's code. */
const SKIPPED = new Set(["node_modules", ".git", ".aws-sam", "dist", "__pycache__", ".venv"]);
/** Largest file the editor opens (Monaco stays responsive well below this). */
const MAX_TEXT_BYTES = 5 * 1024 * 1024;

function inProject(ctx: HandlerContext, relative: string): { root: string; absolute: string } {
  const root = requireProjectDir(ctx.session.projectDir);
  return { root, absolute: resolveInProject(root, relative) };
}

function notFound(relative: string): FlowformError {
  return new FlowformError("files.notFound", `${relative} does not exist in the project.`, { path: relative });
}

async function list(root: string, dir: string, recursive: boolean, out: FileEntry[]): Promise<void> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (SKIPPED.has(entry.name)) continue;
    const absolute = path.join(dir, entry.name);
    const kind = entry.isDirectory() ? "directory" : entry.isFile() ? "file" : null;
    if (!kind) continue;
    out.push({ path: toProjectRelative(root, absolute), kind });
    if (recursive && kind === "directory") await list(root, absolute, true, out);
  }
}

type Watches = Map<string, { close(): void }>;

/**
 * A watch on a path inside the project that survives the path being deleted and made again.
 * inotify drops a watch for good when its folder is removed (`rm -rf src/Fn`, or the folder renamed
 * away), so a file of that folder that comes back later would go unnoticed. While the path is
 * missing, the nearest folder above it that exists is watched instead (not recursively: only the
 * next step down matters); once the path is back it is watched again, and every file under it is
 * reported, since each may be one an editor tab has open.
 */
function watchSurvivingDeletion(root: string, absolute: string, report: (file: string, kind: "change" | "rename") => void): { close(): void } {
  let watcher: fs.FSWatcher | null = null;
  let watchingAncestor: string | null = null;
  let closed = false;

  const reportAllUnder = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (SKIPPED.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) reportAllUnder(full);
      else if (entry.isFile()) report(full, "rename");
    }
  };

  const arm = (cameBack: boolean) => {
    if (closed) return;
    watcher?.close();
    watcher = null;
    watchingAncestor = null;
    try {
      if (fs.existsSync(absolute)) {
        const isDir = fs.statSync(absolute).isDirectory();
        watcher = fs.watch(absolute, { recursive: isDir }, (kind, name) => {
          report(isDir && name ? path.join(absolute, name.toString()) : absolute, kind === "rename" ? "rename" : "change");
          if (kind === "rename" && !fs.existsSync(absolute)) arm(false);
        });
        // Armed first, then listed: a file written in between is reported at least once.
        if (cameBack) {
          if (isDir) reportAllUnder(absolute);
          else report(absolute, "rename");
        }
        return;
      }
      let ancestor = path.dirname(absolute);
      while (!fs.existsSync(ancestor) && ancestor.startsWith(root + path.sep)) ancestor = path.dirname(ancestor);
      watchingAncestor = ancestor;
      watcher = fs.watch(ancestor, () => {
        // Back, or one step nearer (src/ made again before src/Fn/): move the watch.
        let nearest = path.dirname(absolute);
        while (!fs.existsSync(nearest) && nearest !== watchingAncestor && nearest.startsWith(root + path.sep)) nearest = path.dirname(nearest);
        if (fs.existsSync(absolute) || nearest !== watchingAncestor || !fs.existsSync(ancestor)) arm(true);
      });
    } catch {
      // The project folder itself is gone (or cannot be watched): nothing left to follow.
      watcher = null;
    }
    watcher?.on("error", () => arm(true));
  };

  arm(false);
  return {
    close() {
      closed = true;
      watcher?.close();
    },
  };
}

function watchesOf(ctx: HandlerContext): Watches {
  let watches = ctx.session.state.get("files.watches") as Watches | undefined;
  if (!watches) {
    const created: Watches = new Map();
    ctx.session.state.set("files.watches", created);
    ctx.session.disposers.add(() => {
      for (const w of created.values()) w.close();
      created.clear();
    });
    watches = created;
  }
  return watches;
}

export function filesHandlers(): Handlers {
  return {
    "files.read": async ({ path: relative }, ctx) => {
      const { absolute } = inProject(ctx, relative);
      const stat = await fsp.stat(absolute).catch(() => null);
      if (!stat?.isFile()) throw notFound(relative);
      if (stat.size > MAX_TEXT_BYTES) {
        throw new FlowformError("files.tooLarge", `${relative} is ${stat.size} bytes; the editor opens files up to 5 MB.`);
      }
      return { path: relative, text: await fsp.readFile(absolute, "utf8") };
    },
    "files.write": async ({ path: relative, text }, ctx) => {
      const { root, absolute } = inProject(ctx, relative);
      // The template goes through the same rule as Save: text that does not parse never replaces it.
      if (absolute === path.join(root, ctx.session.templateFile) && !parseTemplate(text, ctx.session.templateFile).parsed) {
        throw new FlowformError("project.templateDoesNotParse", `Not written: ${relative} does not parse, and a template that does not parse is never saved over the file.`);
      }
      await writeFileAtomic(absolute, text);
      return { path: relative, savedAt: new Date().toISOString() };
    },
    "files.list": async ({ path: relative, recursive }, ctx) => {
      const { root, absolute } = inProject(ctx, relative);
      const stat = await fsp.stat(absolute).catch(() => null);
      if (!stat?.isDirectory()) throw notFound(relative);
      const out: FileEntry[] = [];
      await list(root, absolute, recursive, out);
      return out;
    },
    "files.stat": async ({ path: relative }, ctx) => {
      const { absolute } = inProject(ctx, relative);
      const stat = await fsp.stat(absolute).catch(() => null);
      if (!stat) return null;
      return { path: relative, kind: stat.isDirectory() ? "directory" : "file", size: stat.size, modifiedMs: stat.mtimeMs };
    },
    "files.watch": async ({ path: relative }, ctx) => {
      const { root, absolute } = inProject(ctx, relative);
      if (!fs.existsSync(absolute)) throw notFound(relative);
      const watchId = randomUUID();
      const watcher = watchSurvivingDeletion(root, absolute, (changed, kind) => {
        ctx.emit("files.changed", { watchId, path: toProjectRelative(root, changed), kind });
      });
      watchesOf(ctx).set(watchId, watcher);
      return { watchId };
    },
    "files.unwatch": async ({ watchId }, ctx) => {
      const watches = watchesOf(ctx);
      const watcher = watches.get(watchId);
      watcher?.close();
      return { stopped: watches.delete(watchId) };
    },
  };
}
