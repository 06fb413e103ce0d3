/**
 * Packaging cannot run here (no Electron binary, no platform tools), so the packaging config is
 * checked against electron-builder's own JSON schema, and the files it points at must exist.
 */
import Ajv from "ajv";
import { build } from "esbuild";
import { builtinModules } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const config = parse(fs.readFileSync(path.join(root, "electron-builder.yml"), "utf8")) as Record<string, any>;
const schema = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "app-builder-lib", "scheme.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

describe("electron-builder.yml", () => {
  it("is valid against electron-builder's schema (app-builder-lib/scheme.json)", () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("rejects a config with a misspelt key, so the schema check can fail", () => {
    expect(validate({ ...config, prodcutName: "Typo" })).toBe(false);
  });

  it("builds AppImage and deb for Linux, dmg for macOS and nsis for Windows", () => {
    expect(config.appId).toBe("dev.flowform.app");
    expect(config.productName).toBe("Flowform");
    expect(config.linux.target).toEqual(["AppImage", "deb"]);
    expect(config.mac.target).toEqual(["dmg"]);
    expect(config.win.target).toEqual(["nsis"]);
  });

  it("points at icons that exist: a 512×512 PNG and the Linux size set", () => {
    expect(pngSize(path.join(root, config.mac.icon))).toEqual({ width: 512, height: 512 });
    expect(pngSize(path.join(root, config.win.icon))).toEqual({ width: 512, height: 512 });
    for (const size of [16, 32, 64, 128, 256, 512]) {
      expect(pngSize(path.join(root, config.linux.icon, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it("packs the entry points package.json names", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg.main).toBe("dist/main/electron.cjs");
    expect(config.files).toContain("dist/main/**");
    expect(config.files).toContain("dist/preload/**");
    expect(config.files).toContain("dist/renderer/**");
  });
});

describe("what the packaged app needs at run time", () => {
  it("lists every package the main process and CLI load as a dependency (devDependencies are not packaged)", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    // Bundle the entry points the way scripts/build.mjs does (packages external) and read what stays external.
    const result = await build({
      absWorkingDir: root,
      entryPoints: ["main/electron.ts", "main/webhost/index.ts", "cli/index.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      outdir: "out/imports-check",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const external = new Set<string>();
    for (const output of Object.values(result.metafile.outputs)) {
      for (const imported of output.imports) {
        if (!imported.external || imported.path.startsWith("node:") || builtinModules.includes(imported.path)) continue;
        const spec = imported.path;
        external.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
      }
    }
    external.delete("electron"); // the runtime itself
    expect(external.size).toBeGreaterThan(3);
    expect([...external].filter((name) => !pkg.dependencies[name])).toEqual([]);
  });
});
