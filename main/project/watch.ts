/**
 * Notices when the open project's template or flowform.json is changed outside Flowform (another
 * editor, `git checkout`) and pushes `project.changedOnDisk`. Flowform's own saves are told
 * apart by content: the watcher remembers what was last read or written and stays quiet when the
 * file holds exactly that.
 */
import fs from "node:fs";
import path from "node:path";
import type { HandlerContext } from "../ipc/registry";

const STATE_KEY = "project.watch";
/** Editors often write a file in several steps; report once they are done. */
const SETTLE_MS = 150;

interface ProjectWatch {
  dir: string;
  watcher: fs.FSWatcher;
  /** File name → the content Flowform last saw (read or wrote). */
  known: Map<string, string>;
  timers: Map<string, ReturnType<typeof setTimeout>>;
}

function current(ctx: HandlerContext): ProjectWatch | undefined {
  return ctx.session.state.get(STATE_KEY) as ProjectWatch | undefined;
}

export function stopWatchingProject(ctx: HandlerContext): void {
  const watch = current(ctx);
  if (!watch) return;
  watch.watcher.close();
  for (const timer of watch.timers.values()) clearTimeout(timer);
  ctx.session.state.delete(STATE_KEY);
}

/** Record what Flowform itself wrote or read, so the change it causes is not reported. */
export function rememberContent(ctx: HandlerContext, file: string, text: string): void {
  current(ctx)?.known.set(file, text);
}

/** Watch the project folder's template and settings file (replacing any earlier watch). */
export function watchProject(ctx: HandlerContext, dir: string, files: Record<string, string>): void {
  stopWatchingProject(ctx);
  let watcher: fs.FSWatcher;
  try {
    watcher = fs.watch(dir, { persistent: false });
  } catch {
    return; // a folder that cannot be watched (network share) still works, just without the notice
  }
  const watch: ProjectWatch = { dir, watcher, known: new Map(Object.entries(files)), timers: new Map() };
  watcher.on("error", () => stopWatchingProject(ctx));
  watcher.on("change", (_kind, name) => {
    const file = name?.toString();
    if (!file || !watch.known.has(file)) return;
    clearTimeout(watch.timers.get(file));
    watch.timers.set(
      file,
      setTimeout(() => {
        watch.timers.delete(file);
        let text: string;
        try {
          text = fs.readFileSync(path.join(dir, file), "utf8");
        } catch {
          text = "";
        }
        if (text === watch.known.get(file)) return;
        watch.known.set(file, text);
        ctx.emit("project.changedOnDisk", { path: file });
      }, SETTLE_MS),
    );
  });
  ctx.session.state.set(STATE_KEY, watch);
  ctx.session.disposers.add(() => stopWatchingProject(ctx));
}
