import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { importTemplate } from "../model/import";
import { functionWiring, functionRunSettings, isFunctionResource } from "./wiring";
import { starterSource } from "./starter";
import { generateDeclarations } from "./declarations";
import { defaultTestEvent } from "./sample-events";
import { invokeEnvironment } from "./environment";
import { runtimeFamily } from "./runtimes";
import { typeErrors } from "../../test/unit/code/typecheck";

const CORPUS = path.resolve(process.cwd(), "../shared/corpus");

function samTemplates(): string[] {
  const manifest = readFileSync(path.join(CORPUS, "MANIFEST.tsv"), "utf8").trim().split("\n").slice(1);
  return manifest.map((l) => l.split("\t")).filter(([, kind]) => kind === "sam").map(([p]) => p);
}

describe("code generation on the real-world SAM corpus", () => {
  const functions: { file: string; id: string; model: NonNullable<ReturnType<typeof importTemplate>["model"]> }[] = [];
  for (const file of samTemplates()) {
    const { model } = importTemplate(readFileSync(path.join(CORPUS, file), "utf8"), file);
    if (!model) continue;
    for (const r of model.resources) if (isFunctionResource(r)) functions.push({ file, id: r.id, model });
  }

  it("derives wiring, starter, declarations, a sample event and an environment for every function", () => {
    let withTriggers = 0;
    let withAccess = 0;
    for (const { model, id } of functions) {
      const wiring = functionWiring(model, id);
      if (wiring.triggers.length) withTriggers++;
      // Every SAM event of a kind Flowform knows becomes a trigger of the wiring.
      const known = Object.values((model.resources.find((r) => r.id === id)!.properties.Events ?? {}) as Record<string, { Type?: string }>)
        .filter((e) => ["Api", "HttpApi", "S3", "SQS", "DynamoDB", "Kinesis", "SNS", "EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2"].includes(e?.Type ?? ""));
      expect(wiring.triggers.length).toBeGreaterThanOrEqual(known.length);
      if (wiring.accesses.length) withAccess++;
      const family = runtimeFamily(functionRunSettings(model, id).runtime) ?? "node";
      expect(starterSource(wiring, family === "python" ? "python" : "typescript").length).toBeGreaterThan(100);
      expect(generateDeclarations(wiring)).toContain(`interface ${id.replace(/[^A-Za-z0-9_]/g, "_")}Environment`);
      expect(() => JSON.stringify(defaultTestEvent(wiring))).not.toThrow();
      for (const value of Object.values(invokeEnvironment(model, id))) expect(typeof value).toBe("string");
    }
    console.log(`corpus: ${functions.length} functions, ${withTriggers} with triggers, ${withAccess} with access wires`);
    expect(functions.length).toBeGreaterThan(500);
    expect(withTriggers).toBeGreaterThan(400);
  });

  it("type-checks the TypeScript starter and declarations for a spread of corpus functions", () => {
    const sample = functions.filter((_, i) => i % 15 === 0);
    const failures: string[] = [];
    for (const { file, model, id } of sample) {
      const wiring = functionWiring(model, id);
      const errors = typeErrors({ "index.ts": starterSource(wiring, "typescript"), "fn.d.ts": generateDeclarations(wiring) });
      if (errors.length) failures.push(`${file} ${id}: ${errors.join("; ")}`);
    }
    expect(failures).toEqual([]);
    expect(sample.length).toBeGreaterThan(30);
  });
});
