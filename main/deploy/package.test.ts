import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { zipFolder } from "./package";

const made: string[] = [];
function folder(files: Record<string, string>, order = Object.keys(files)): string {
  const dir = mkdtempSync(join(tmpdir(), "flowform-zip-"));
  made.push(dir);
  for (const name of order) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), files[name]);
  }
  return dir;
}
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

const CODE = { "index.mjs": "export const handler = async () => ({ statusCode: 200 });\n", "lib/db.mjs": "export const table = process.env.TABLE;\n", "package.json": "{\"type\":\"module\"}\n" };

describe("deterministic packaging", () => {
  it("gives the same bytes and hash for the same files, whatever their timestamps and creation order", async () => {
    const a = folder(CODE);
    const b = folder(CODE, ["package.json", "lib/db.mjs", "index.mjs"]);
    utimesSync(join(b, "index.mjs"), new Date("2031-05-06T07:08:09Z"), new Date("2031-05-06T07:08:09Z"));
    const [za, zb] = [await zipFolder(a), await zipFolder(b)];
    expect(za.bytes.equals(zb.bytes)).toBe(true);
    expect(za.sha256).toBe(zb.sha256);
    expect(za.files).toBe(3);
  });

  it("gives a different hash when one byte of code changes", async () => {
    const a = await zipFolder(folder(CODE));
    const b = await zipFolder(folder({ ...CODE, "lib/db.mjs": CODE["lib/db.mjs"].replace("TABLE", "TABLF") }));
    expect(a.sha256).not.toBe(b.sha256);
  });

  it("stores sorted entries with a fixed date and normalised modes, keeping the executable bit", async () => {
    const dir = folder({ ...CODE, bootstrap: "#!/bin/sh\n" });
    chmodSync(join(dir, "bootstrap"), 0o775);
    chmodSync(join(dir, "index.mjs"), 0o600);
    const zipFile = join(folder({}), "code.zip");
    writeFileSync(zipFile, (await zipFolder(dir)).bytes);
    const listing = execFileSync("zipinfo", ["-l", "-T", zipFile]).toString();
    const lines = listing.split("\n").filter((l) => /^-/.test(l));
    expect(lines.map((l) => l.trim().split(/\s+/).at(-1))).toEqual(["bootstrap", "index.mjs", "lib/db.mjs", "package.json"]);
    expect(lines.map((l) => l.slice(0, 10))).toEqual(["-rwxr-xr-x", "-rw-r--r--", "-rw-r--r--", "-rw-r--r--"]);
    expect(lines.every((l) => l.includes("19800101.000000"))).toBe(true);
  });

  it("refuses an empty folder instead of uploading an empty zip", async () => {
    await expect(zipFolder(folder({}))).rejects.toThrow(/has no files to package/);
  });
});
