/**
 * Packaging function code deterministically: the same files give the same zip bytes and so
 * the same SHA-256, which is the S3 key — unchanged code is never uploaded twice and never
 * makes CloudFormation think the function changed. Entries are sorted by path, every entry
 * gets the same timestamp (1980-01-01 00:00, the DOS epoch, written without the extended
 * timestamp field so the local time zone cannot leak in) and normalised modes (0644, or 0755
 * for files executable on disk, e.g. a custom runtime's `bootstrap`).
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { ZipFile } from "yazl";

/** The DOS epoch in local time: yazl writes DOS fields from local-time getters. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
/** Folders that are never code (version control, OS litter). */
const SKIPPED = new Set([".git", ".DS_Store", "Thumbs.db", ".aws-sam"]);

async function filesUnder(root: string, dir = root): Promise<{ path: string; abs: string }[]> {
  const out: { path: string; abs: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const abs = join(dir, entry.name);
    const info = await stat(abs); // follows symlinks, as `sam build` does
    if (info.isDirectory()) out.push(...(await filesUnder(root, abs)));
    else if (info.isFile()) out.push({ path: relative(root, abs).split(sep).join("/"), abs });
  }
  return out;
}

/** Byte-wise order so the result does not depend on the locale. */
const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export interface ZipResult {
  bytes: Buffer;
  sha256: string;
  files: number;
}

export async function zipFolder(dir: string): Promise<ZipResult> {
  const files = (await filesUnder(dir)).sort(byPath);
  if (!files.length) throw new Error(`${dir} has no files to package`);
  const zip = new ZipFile();
  for (const f of files) {
    const [content, info] = await Promise.all([readFile(f.abs), stat(f.abs)]);
    const executable = (info.mode & 0o111) !== 0;
    zip.addBuffer(content, f.path, { mtime: FIXED_MTIME, mode: executable ? 0o100755 : 0o100644, compress: true, forceDosTimestamp: true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  return { bytes, sha256: sha256(bytes), files: files.length };
}

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
