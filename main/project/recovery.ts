/**
 * Recovery files: the renderer sends debounced snapshots of unsaved edits (`project.autosave`);
 * they are written atomically to `<dataDir>/recovery/<key>.json`, one per project folder (or
 * one for a never-saved project). A clean Save or Discard removes the file, so a file that is
 * still there on the next start means the last session ended with unsaved edits (crash, kill,
 * power loss) and the UI offers them back.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { FlowformSettingsSchema, defaultSettings } from "../../core/project/settings";
import type { RecoverySnapshot } from "../../preload/api";
import { writeFileAtomic } from "./atomic";

const UNTITLED_KEY = "untitled";

export class RecoveryStore {
  constructor(private readonly dataDir: string) {}

  private get folder(): string {
    return path.join(this.dataDir, "recovery");
  }

  fileFor(dir: string | null): string {
    const key = dir === null ? UNTITLED_KEY : createHash("sha256").update(path.resolve(dir)).digest("hex").slice(0, 24);
    return path.join(this.folder, `${key}.json`);
  }

  async write(snapshot: RecoverySnapshot): Promise<void> {
    await writeFileAtomic(this.fileFor(snapshot.dir), JSON.stringify(snapshot, null, 2) + "\n");
  }

  async read(dir: string | null): Promise<RecoverySnapshot | null> {
    return readSnapshot(this.fileFor(dir));
  }

  async discard(dir: string | null): Promise<boolean> {
    try {
      await fs.rm(this.fileFor(dir));
      return true;
    } catch {
      return false;
    }
  }

  /** Every recovery snapshot on disk, newest first. Unreadable files are skipped. */
  async list(): Promise<RecoverySnapshot[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.folder);
    } catch {
      return [];
    }
    const snapshots = await Promise.all(
      names.filter((n) => n.endsWith(".json")).map((n) => readSnapshot(path.join(this.folder, n))),
    );
    return snapshots
      .filter((s): s is RecoverySnapshot => s !== null)
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }
}

async function readSnapshot(file: string): Promise<RecoverySnapshot | null> {
  try {
    const raw = JSON.parse(await fs.readFile(file, "utf8")) as Partial<RecoverySnapshot>;
    if (typeof raw.templateText !== "string" || typeof raw.savedAt !== "string") return null;
    const settings = FlowformSettingsSchema.safeParse(raw.settings ?? {});
    return {
      dir: typeof raw.dir === "string" ? raw.dir : null,
      name: typeof raw.name === "string" ? raw.name : "Untitled",
      templateText: raw.templateText,
      settings: settings.success ? settings.data : defaultSettings(),
      savedAt: raw.savedAt,
    };
  } catch {
    return null;
  }
}
