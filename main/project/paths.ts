/**
 * Confinement: every file the renderer names is resolved inside the open project folder.
 * A path that escapes it (`../x`, an absolute path elsewhere, or a symlink pointing out) is
 * refused with `project.pathOutsideProject`, so a bug or a hostile template cannot make the
 * renderer read or write anywhere else on the machine.
 */
import fs from "node:fs";
import path from "node:path";
import { FlowformError } from "../../preload/api";

export function requireProjectDir(projectDir: string | null): string {
  if (!projectDir) {
    throw new FlowformError("project.noProjectOpen", "No project folder is open: save the project first.");
  }
  return projectDir;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The real path of the nearest existing ancestor of `p` (symlinks resolved), plus the rest. */
function realPathOfExistingPart(p: string): string {
  let existing = p;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(existing), ...rest.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return p;
      rest.push(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * Resolve `relative` (relative to the project folder; absolute paths are accepted only when
 * they point inside it) and refuse anything outside. Returns the absolute path.
 */
export function resolveInProject(projectDir: string, relative: string): string {
  const root = path.resolve(projectDir);
  const target = path.resolve(root, relative);
  const refuse = () =>
    new FlowformError(
      "project.pathOutsideProject",
      `"${relative}" is outside the project folder ${root}; Flowform only reads and writes files inside the open project.`,
      { path: relative, projectDir: root },
    );
  if (!isInside(root, target)) throw refuse();
  const realRoot = realPathOfExistingPart(root);
  if (!isInside(realRoot, realPathOfExistingPart(target))) throw refuse();
  return target;
}

/** Project-relative form with forward slashes (what the renderer sees). */
export function toProjectRelative(projectDir: string, absolute: string): string {
  return path.relative(projectDir, absolute).split(path.sep).join("/") || ".";
}
