/** Project files: atomic writes, New/Open/Save/Save As, recent projects and recovery files. */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { defaultSettings } from "../../core/project/settings";
import { installHandlers, uninstallHandlers } from "../ipc";
import { contextFor, createSession, dispatch, disposeSession } from "../ipc/registry";
import { writeFileAtomic } from "./atomic";
import { ProjectService } from "./service";

let base: string;
let projects: ProjectService;

const TEMPLATE = "# my comment\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n";

beforeEach(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), "flowform-project-"));
  projects = new ProjectService(path.join(base, "data"));
});

describe("atomic writes", () => {
  it("replaces the file in one step and leaves no temporary file behind", async () => {
    const file = path.join(base, "a", "template.yaml");
    await writeFileAtomic(file, "one\n");
    await writeFileAtomic(file, "two\n");
    expect(await fs.readFile(file, "utf8")).toBe("two\n");
    expect(await fs.readdir(path.dirname(file))).toEqual(["template.yaml"]);
  });

  it("keeps the old content when the write fails", async () => {
    const dir = path.join(base, "locked");
    await fs.mkdir(dir);
    const file = path.join(dir, "template.yaml");
    await writeFileAtomic(file, "old\n");
    // A directory where the target is makes rename fail after the temp file was written.
    const blocked = path.join(dir, "blocked");
    await fs.mkdir(path.join(blocked, "not-empty"), { recursive: true });
    await expect(writeFileAtomic(blocked, "new\n")).rejects.toThrow();
    expect(await fs.readFile(file, "utf8")).toBe("old\n");
    expect((await fs.readdir(dir)).sort()).toEqual(["blocked", "template.yaml"]);
  });
});

describe("opening projects", () => {
  it("opens a folder with template.yaml and flowform.json", async () => {
    const dir = path.join(base, "app");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "template.yaml"), TEMPLATE);
    await fs.writeFile(path.join(dir, "flowform.json"), JSON.stringify({ usage: { region: "eu-west-1" } }));
    const snapshot = await projects.open(createSession(), dir);
    expect(snapshot).toMatchObject({ dir, name: "app", templateFile: "template.yaml", templateText: TEMPLATE, recovery: null });
    expect(snapshot.settings.usage.region).toBe("eu-west-1");
  });

  it("makes a project around a single template file, keeping its name", async () => {
    const dir = path.join(base, "loose");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "stack.yml"), TEMPLATE);
    const session = createSession();
    const snapshot = await projects.open(session, path.join(dir, "stack.yml"));
    expect(snapshot).toMatchObject({ dir, templateFile: "stack.yml", templateText: TEMPLATE });
    expect(session.projectDir).toBe(dir);
    await projects.save(session, TEMPLATE + "# more\n", defaultSettings());
    expect(await fs.readFile(path.join(dir, "stack.yml"), "utf8")).toBe(TEMPLATE + "# more\n");
  });

  it("finds the one template-looking file in a folder without template.yaml", async () => {
    const dir = path.join(base, "other");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "buildspec.yml"), "version: 0.2\nphases: {}\n");
    await fs.writeFile(path.join(dir, "infra.yaml"), TEMPLATE);
    expect((await projects.open(createSession(), dir)).templateFile).toBe("infra.yaml");
  });

  it("opens an empty folder as a new project there, written on the first save", async () => {
    const dir = path.join(base, "empty");
    await fs.mkdir(dir);
    const session = createSession();
    const snapshot = await projects.open(session, dir);
    expect(snapshot).toMatchObject({ dir, templateFile: "template.yaml", recovery: null });
    expect(snapshot.templateText).toMatch(/^AWSTemplateFormatVersion/);
    expect(await fs.readdir(dir)).toEqual([]);
    await projects.save(session, snapshot.templateText, snapshot.settings);
    expect((await fs.readdir(dir)).sort()).toEqual(["flowform.json", "template.yaml"]);
  });

  it("refuses a file that is not a template and a path that does not exist", async () => {
    await fs.writeFile(path.join(base, "notes.txt"), "hi");
    await expect(projects.open(createSession(), path.join(base, "notes.txt"))).rejects.toMatchObject({ code: "project.notATemplate" });
    await expect(projects.open(createSession(), path.join(base, "nope"))).rejects.toMatchObject({ code: "project.notFound" });
  });

  it("opens with default settings and says why when flowform.json is broken", async () => {
    const dir = path.join(base, "broken-settings");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "template.yaml"), TEMPLATE);
    await fs.writeFile(path.join(dir, "flowform.json"), "{ nope");
    const snapshot = await projects.open(createSession(), dir);
    expect(snapshot.settingsProblem).toMatch(/not valid JSON/);
    expect(snapshot.settings).toEqual(defaultSettings());
  });
});

describe("saving", () => {
  it("saves a new project with Save As, then Save writes the same folder, and Recent lists it", async () => {
    const session = createSession();
    const fresh = await projects.newProject(session);
    const dir = path.join(base, "new-app");
    const saved = await projects.saveAs(session, dir, fresh.templateText, fresh.settings);
    expect(saved).toMatchObject({ dir, name: "new-app", templateFile: "template.yaml" });
    expect(await fs.readFile(path.join(dir, "template.yaml"), "utf8")).toBe(fresh.templateText);
    expect(JSON.parse(await fs.readFile(path.join(dir, "flowform.json"), "utf8"))).toEqual(fresh.settings);
    await projects.save(session, TEMPLATE, fresh.settings);
    expect(await fs.readFile(path.join(dir, "template.yaml"), "utf8")).toBe(TEMPLATE);
    expect((await projects.recent.list()).map((r) => r.dir)).toEqual([dir]);
  });

  it("never overwrites the template with text that does not parse", async () => {
    const session = createSession();
    const dir = path.join(base, "app");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "template.yaml"), TEMPLATE);
    await projects.open(session, dir);
    await expect(projects.save(session, "Resources:\n  Queue: [unclosed\n", defaultSettings())).rejects.toMatchObject({
      code: "project.templateDoesNotParse",
    });
    expect(await fs.readFile(path.join(dir, "template.yaml"), "utf8")).toBe(TEMPLATE);
  });

  it("refuses Save before the project has a folder", async () => {
    const session = createSession();
    await projects.newProject(session);
    await expect(projects.save(session, TEMPLATE, defaultSettings())).rejects.toMatchObject({ code: "project.noProjectOpen" });
  });

  it("brings src/ along on Save As and refuses a folder that already holds a template", async () => {
    const session = createSession();
    const dir = path.join(base, "app");
    await fs.mkdir(path.join(dir, "src", "Fn"), { recursive: true });
    await fs.writeFile(path.join(dir, "template.yaml"), TEMPLATE);
    await fs.writeFile(path.join(dir, "src", "Fn", "index.py"), "def handler(e, c): pass\n");
    await projects.open(session, dir);
    const copy = path.join(base, "copy");
    await projects.saveAs(session, copy, TEMPLATE, defaultSettings());
    expect(await fs.readFile(path.join(copy, "src", "Fn", "index.py"), "utf8")).toMatch(/def handler/);
    expect(session.projectDir).toBe(copy);
    await expect(projects.saveAs(session, dir, TEMPLATE, defaultSettings())).rejects.toMatchObject({ code: "project.targetHasTemplate" });
  });
});

describe("recovery files", () => {
  it("offers unsaved edits on the next open, and forgets them after a save", async () => {
    const dir = path.join(base, "app");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "template.yaml"), TEMPLATE);
    const first = createSession();
    await projects.open(first, dir);
    await projects.autosave(first, TEMPLATE + "# unsaved\n", defaultSettings());

    // A new session (the app restarted after a crash) sees the edits.
    const second = createSession();
    const reopened = await projects.open(second, dir);
    expect(reopened.recovery).toMatchObject({ dir, templateText: TEMPLATE + "# unsaved\n" });
    expect((await projects.recovery.list()).map((r) => r.dir)).toEqual([dir]);

    await projects.save(second, TEMPLATE + "# unsaved\n", defaultSettings());
    expect(await projects.recovery.list()).toEqual([]);
    expect((await projects.open(createSession(), dir)).recovery).toBeNull();
  });

  it("keeps a never-saved project's edits under 'Untitled'", async () => {
    const session = createSession();
    await projects.newProject(session);
    await projects.autosave(session, TEMPLATE, defaultSettings());
    expect(await projects.recovery.list()).toEqual([expect.objectContaining({ dir: null, name: "Untitled", templateText: TEMPLATE })]);
    expect(await projects.recovery.discard(null)).toBe(true);
    expect(await projects.recovery.list()).toEqual([]);
  });

  it("skips a recovery file that is corrupt instead of failing", async () => {
    await fs.mkdir(path.join(base, "data", "recovery"), { recursive: true });
    await fs.writeFile(path.join(base, "data", "recovery", "junk.json"), "{ half a file");
    expect(await projects.recovery.list()).toEqual([]);
  });
});

describe("changes on disk", () => {
  it("reports an outside edit of the template once, but not Flowform's own save", async () => {
    uninstallHandlers();
    installHandlers({ kind: "web", dataDir: path.join(base, "data"), version: "0", defaultProjectsDir: base, dialogs: null });
    const dir = path.join(base, "watched");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "template.yaml"), TEMPLATE);
    const session = createSession();
    const events: unknown[] = [];
    let notify: () => void = () => {};
    session.eventSinks.add((name, payload) => {
      events.push({ name, payload });
      notify();
    });
    const ctx = contextFor(session, "web");
    try {
      expect((await dispatch("project.open", { path: dir }, ctx)).ok).toBe(true);
      expect((await dispatch("project.save", { templateText: TEMPLATE + "# saved by Flowform\n", settings: {} }, ctx)).ok).toBe(true);
      const reported = new Promise<void>((resolve) => (notify = resolve));
      await fs.writeFile(path.join(dir, "template.yaml"), TEMPLATE + "# edited elsewhere\n");
      await reported;
      expect(events).toEqual([{ name: "project.changedOnDisk", payload: { path: "template.yaml" } }]);
    } finally {
      disposeSession(session);
      uninstallHandlers();
    }
  });
});
