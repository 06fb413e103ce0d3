/**
 * Atomic writes: the new content goes to a temporary file in the same folder, is flushed to
 * disk, and then renamed over the target. A crash or kill mid-write leaves either the old file
 * or the new one, never half of each (rename is atomic within a file system on POSIX, and
 * replaces the target on Windows since Node uses MoveFileEx with REPLACE_EXISTING).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fs.open(temp, "w", 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
