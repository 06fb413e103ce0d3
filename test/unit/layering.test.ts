/**
 * The import-direction rules (eslint.config.js) really fail a wrong import: each case lints a
 * one-line file as if it sat in that folder.
 */
import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(__dirname, "..", "..") });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-globals").map((m) => m.message);
}

describe("layering", () => {
  it.each([
    ["core/ may not use Node's fs", "core/probe.ts", 'import fs from "node:fs";\nexport const x = fs;\n', /core\/ is pure/],
    ["core/ may not import the renderer", "core/probe.ts", 'import { api } from "../renderer/transport";\nexport const x = api;\n', /core\/ imports nothing/],
    ["core/ may not import Electron", "core/probe.ts", 'import { app } from "electron";\nexport const x = app;\n', /no Electron/],
    ["core/ may not read process", "core/probe.ts", "export const x = process.env.HOME;\n", /no Node globals/],
    ["the renderer may not import main", "renderer/probe.ts", 'import { startWebHost } from "../main/webhost/server";\nexport const x = startWebHost;\n', /never imports main/],
    ["the renderer may not import Electron", "renderer/probe.ts", 'import { ipcRenderer } from "electron";\nexport const x = ipcRenderer;\n', /only through window.flowform/],
    ["preload may not import main", "preload/probe.ts", 'import { dispatch } from "../main/ipc/registry";\nexport const x = dispatch;\n', /exposes the contract only/],
  ])("fails lint: %s", async (_name, file, code, message) => {
    const messages = await restrictedImports(file, code);
    expect(messages).toEqual([expect.stringMatching(message)]);
  });

  it("allows what the layers may use", async () => {
    expect(await restrictedImports("renderer/probe.ts", 'import { importTemplate } from "../core";\nexport const x = importTemplate;\n')).toEqual([]);
    expect(await restrictedImports("main/probe.ts", 'import fs from "node:fs";\nimport { importTemplate } from "../core";\nexport const x = [fs, importTemplate];\n')).toEqual([]);
  });
});
