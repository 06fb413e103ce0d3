import { describe, expect, it } from "vitest";
import { STARTERS, starterById } from ".";
import { importTemplate } from "../model/import";

describe("starters", () => {
  it("offers a blank template and five starters", () => {
    expect(STARTERS.map((s) => s.id)).toEqual(["blank", "http-api-crud", "s3-upload-processing", "queue-worker", "scheduled-job", "sns-fan-out"]);
    expect(starterById("queue-worker")?.title).toContain("dead-letter");
  });

  it.each(STARTERS.map((s) => [s.id, s.template]))("%s imports as SAM with no problems and comments kept", (_id, template) => {
    const r = importTemplate(template, "template.yaml");
    expect(r.problems).toEqual([]);
    expect(r.model?.isSam).toBe(true);
    expect(template).toMatch(/#/);
  });

  it.each([
    ["http-api-crud", ["Api->ItemsFunction trigger", "Api->ItemsFunction trigger", "ItemsFunction->ItemsTable access"]],
    ["s3-upload-processing", ["ProcessUpload->FilesTable access", "ProcessUpload->UploadsBucket access", "UploadsBucket->ProcessUpload trigger"]],
    ["queue-worker", ["JobsQueue->JobsDeadLetterQueue destination", "JobsQueue->Worker trigger"]],
    ["scheduled-job", ["HourlyJob->RunsTable access", "HourlyJobEveryHour->HourlyJob trigger"]],
  ])("%s draws the wires it is about", (id, wires) => {
    const model = importTemplate(starterById(id)!.template).model!;
    expect(model.connections.map((c) => `${c.from}->${c.to} ${c.kind}`).sort()).toEqual(wires);
  });

  it("gives every starter function its own code folder under src/", () => {
    for (const s of STARTERS) {
      for (const r of importTemplate(s.template).model!.resources.filter((x) => x.kind === "function")) {
        expect(r.properties.CodeUri).toBe(`src/${r.id}/`);
      }
    }
  });
});
