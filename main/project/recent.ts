/** Recent projects, newest first, kept in `<dataDir>/recent.json` (at most 10). */
import fs from "node:fs/promises";
import path from "node:path";
import type { RecentProject } from "../../preload/api";
import { writeFileAtomic } from "./atomic";

const MAX_RECENT = 10;

export class RecentProjects {
  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return path.join(this.dataDir, "recent.json");
  }

  async list(): Promise<RecentProject[]> {
    try {
      const raw = JSON.parse(await fs.readFile(this.file, "utf8")) as unknown;
      if (!Array.isArray(raw)) return [];
      return raw.filter(
        (r): r is RecentProject =>
          typeof r === "object" && r !== null && typeof r.dir === "string" && typeof r.name === "string" && typeof r.openedAt === "string",
      );
    } catch {
      return [];
    }
  }

  async add(dir: string): Promise<RecentProject[]> {
    const entry: RecentProject = { dir, name: path.basename(dir), openedAt: new Date().toISOString() };
    const next = [entry, ...(await this.list()).filter((r) => r.dir !== dir)].slice(0, MAX_RECENT);
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2) + "\n");
    return next;
  }
}
