/**
 * The project slice on its own, with a fake `window.flowform` standing in for main: dirty
 * tracking, derived model, the last good model while the text is broken, save, and restoring
 * recovered edits.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { defaultSettings } from "../../core/project/settings";
import type { ProjectSnapshot, RecoverySnapshot } from "../../preload/api";

const TEMPLATE = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n";
const calls: { channel: string; input: unknown }[] = [];
const disk = new Map<string, ProjectSnapshot>();

function snapshot(dir: string | null, text = TEMPLATE): ProjectSnapshot {
  return { dir, name: dir ? dir.split("/").pop()! : "Untitled", templateFile: "template.yaml", templateText: text, settings: defaultSettings(), recovery: null };
}

// The Electron bridge shape: domain → verb → async function. Set before the store is imported.
const answer = (channel: string, input: any): unknown => {
  calls.push({ channel, input });
  switch (channel) {
    case "project.new":
      return snapshot(null);
    case "project.open":
      return disk.get(input.path) ?? snapshot(input.path);
    case "project.save":
      return { dir: "/p/app", savedAt: "2026-01-01T00:00:00.000Z" };
    case "project.discardRecovery":
      return { discarded: true };
    default:
      throw new Error(`unexpected ${channel}`);
  }
};
const events = { on: () => () => {} };
const bridge = new Proxy(
  {},
  {
    get: (_t, domain: string) =>
      domain === "events" ? events : new Proxy({}, { get: (_u, verb: string) => async (input: unknown) => answer(`${domain}.${verb}`, input) }),
  },
);
(globalThis as any).window = { flowform: bridge };

const { useStore } = await import("./index");
const store = () => useStore.getState();

beforeEach(() => {
  calls.length = 0;
  disk.clear();
  store().loadSnapshot(snapshot("/p/app"));
});

describe("project slice", () => {
  it("derives the model from the loaded template and starts clean", () => {
    expect(store().dirty).toBe(false);
    expect(store().project).toEqual({ dir: "/p/app", name: "app", templateFile: "template.yaml" });
    expect(store().model?.resources.map((r) => r.id)).toEqual(["Queue"]);
    expect(store().lastGoodModel).toBe(store().model);
  });

  it("says when flowform.json could not be read", () => {
    store().loadSnapshot({ ...snapshot("/p/app"), settingsProblem: "flowform.json is not valid JSON: Unexpected token" });
    expect(store().statusMessage).toEqual({ kind: "error", text: expect.stringMatching(/^flowform.json is not valid JSON.*default settings are used/) });
  });

  it("is dirty after an edit and clean again when the text returns to what was saved", () => {
    store().setTemplateText(TEMPLATE + "  Topic:\n    Type: AWS::SNS::Topic\n", "template-view");
    expect(store().dirty).toBe(true);
    expect(store().textOrigin).toBe("template-view");
    expect(store().model?.resources.map((r) => r.id)).toEqual(["Queue", "Topic"]);
    store().setTemplateText(TEMPLATE, "undo");
    expect(store().dirty).toBe(false);
  });

  it("keeps the last good model on screen while the text does not parse", () => {
    const good = store().lastGoodModel;
    store().setTemplateText("Resources:\n  Queue: [unclosed\n", "template-view");
    expect(store().model).toBeNull();
    expect(store().problems.some((p) => p.severity === "error")).toBe(true);
    expect(store().lastGoodModel).toBe(good);
  });

  it("counts settings changes as unsaved edits", () => {
    store().updateSettings((s) => ({ ...s, usage: { ...s.usage, region: "eu-west-1" } }));
    expect(store().dirty).toBe(true);
  });

  it("saves the current text and settings and is clean afterwards", async () => {
    store().setTemplateText(TEMPLATE + "# note\n", "template-view");
    await store().save();
    expect(calls.at(-1)).toEqual({ channel: "project.save", input: { templateText: TEMPLATE + "# note\n", settings: store().settings } });
    expect(store().dirty).toBe(false);
  });

  it("restores recovered edits of another project by opening it first", async () => {
    disk.set("/p/shop", snapshot("/p/shop"));
    const offer: RecoverySnapshot = { dir: "/p/shop", name: "shop", templateText: TEMPLATE + "# recovered\n", settings: defaultSettings(), savedAt: "2026-01-01T00:00:00.000Z" };
    store().offerRecovery(offer);
    await store().restoreRecovery();
    expect(calls.map((c) => c.channel)).toEqual(["project.open"]);
    expect(store().project?.dir).toBe("/p/shop");
    expect(store().templateText).toBe(TEMPLATE + "# recovered\n");
    expect(store().dirty).toBe(true);
    expect(store().recoveryOffer).toBeNull();
  });
});
