/**
 * Project files: New / Open / Save / Save As / Recent / recovery, for one session (an Electron
 * window or a web-host run). A project is a folder with the template (usually `template.yaml`),
 * `flowform.json` and `src/`. Opening a single template file makes its folder the project.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { parseTemplate } from "../../core/template/parse";
import { blank as STARTER_TEMPLATE } from "../../core/starters/blank";
import {
  FlowformSettingsSchema,
  defaultSettings,
  parseSettings,
  serializeSettings,
  type FlowformSettings,
} from "../../core/project/settings";
import { FlowformError, type ProjectSnapshot, type RecoverySnapshot } from "../../preload/api";
import type { Session } from "../ipc/registry";
import { writeFileAtomic } from "./atomic";
import { RecentProjects } from "./recent";
import { RecoveryStore } from "./recovery";

export const SETTINGS_FILE = "flowform.json";
/** Template names looked for, in order, when a folder is opened. */
export const TEMPLATE_NAMES = ["template.yaml", "template.yml", "template.json"];
const TEMPLATE_EXTENSION = /\.(ya?ml|json)$/i;

const UNTITLED = "Untitled";

async function statOrNull(p: string) {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

/** Looks like a CloudFormation/SAM template (not a random YAML file such as a CI config). */
function looksLikeTemplate(text: string): boolean {
  return /^\s*"?(AWSTemplateFormatVersion|Resources|Transform)"?\s*:/m.test(text);
}

export class ProjectService {
  readonly recent: RecentProjects;
  readonly recovery: RecoveryStore;

  constructor(readonly dataDir: string) {
    this.recent = new RecentProjects(dataDir);
    this.recovery = new RecoveryStore(dataDir);
  }

  /** A fresh, unsaved project. */
  async newProject(session: Session): Promise<ProjectSnapshot> {
    session.projectDir = null;
    session.templateFile = TEMPLATE_NAMES[0];
    return {
      dir: null,
      name: UNTITLED,
      templateFile: session.templateFile,
      templateText: STARTER_TEMPLATE,
      settings: defaultSettings(),
      recovery: null,
    };
  }

  /** Open a folder or a single template file. */
  async open(session: Session, target: string): Promise<ProjectSnapshot> {
    const absolute = path.resolve(target);
    const stat = await statOrNull(absolute);
    if (!stat) throw new FlowformError("project.notFound", `Nothing exists at ${absolute}.`, { path: absolute });

    let dir: string;
    let templateFile: string | null = null;
    if (stat.isDirectory()) {
      dir = absolute;
      templateFile = await this.findTemplate(dir);
    } else {
      if (!TEMPLATE_EXTENSION.test(absolute)) {
        throw new FlowformError(
          "project.notATemplate",
          `${path.basename(absolute)} is not a template: open a folder, or a .yaml, .yml or .json file.`,
        );
      }
      dir = path.dirname(absolute);
      templateFile = path.basename(absolute);
    }

    const templatePath = templateFile ? path.join(dir, templateFile) : null;
    const templateText = templatePath ? await fs.readFile(templatePath, "utf8") : STARTER_TEMPLATE;
    const { settings, settingsProblem } = await this.readSettings(dir);

    session.projectDir = dir;
    session.templateFile = templateFile ?? TEMPLATE_NAMES[0];
    await this.recent.add(dir);

    const recovery = await this.recovery.read(dir);
    return {
      dir,
      name: path.basename(dir),
      templateFile: session.templateFile,
      templateText,
      settings,
      ...(settingsProblem ? { settingsProblem } : {}),
      // A recovery file identical to what is on disk offers nothing.
      recovery: recovery && recovery.templateText !== templateText ? recovery : null,
    };
  }

  /** The template file in a folder: a conventional name first, else the one template-looking file. */
  private async findTemplate(dir: string): Promise<string | null> {
    for (const name of TEMPLATE_NAMES) {
      if ((await statOrNull(path.join(dir, name)))?.isFile()) return name;
    }
    const candidates: string[] = [];
    for (const name of (await fs.readdir(dir)).sort()) {
      if (!TEMPLATE_EXTENSION.test(name) || name === SETTINGS_FILE) continue;
      const file = path.join(dir, name);
      if (!(await statOrNull(file))?.isFile()) continue;
      const head = (await fs.readFile(file, "utf8")).slice(0, 20_000);
      if (looksLikeTemplate(head)) candidates.push(name);
    }
    return candidates[0] ?? null;
  }

  private async readSettings(dir: string): Promise<{ settings: FlowformSettings; settingsProblem?: string }> {
    let text: string;
    try {
      text = await fs.readFile(path.join(dir, SETTINGS_FILE), "utf8");
    } catch {
      return { settings: defaultSettings() };
    }
    const result = parseSettings(text);
    if ("error" in result) return { settings: defaultSettings(), settingsProblem: result.error };
    return { settings: result.settings };
  }

  /** Current state of the session's project as on disk (used when a page reloads). */
  async current(session: Session): Promise<ProjectSnapshot | null> {
    if (!session.projectDir) return null;
    const file = path.join(session.projectDir, session.templateFile);
    if (!(await statOrNull(file))) return null;
    return this.open(session, file);
  }

  /** Write template and settings into the open project folder. */
  async save(session: Session, templateText: string, rawSettings: unknown): Promise<{ dir: string; savedAt: string }> {
    if (!session.projectDir) {
      throw new FlowformError("project.noProjectOpen", "This project has not been saved yet: use Save As to choose a folder.");
    }
    await this.writeProject(session.projectDir, session.templateFile, templateText, rawSettings);
    await this.recovery.discard(session.projectDir);
    await this.recovery.discard(null);
    return { dir: session.projectDir, savedAt: new Date().toISOString() };
  }

  /** Save into `targetDir` (created if missing), bring src/ along, and make it the open project. */
  async saveAs(session: Session, targetDir: string, templateText: string, rawSettings: unknown): Promise<ProjectSnapshot> {
    const dir = path.resolve(targetDir);
    const existing = await statOrNull(dir);
    if (existing && !existing.isDirectory()) {
      throw new FlowformError("project.notAFolder", `${dir} is a file; Save As needs a folder.`);
    }
    const templateFile = session.templateFile;
    if (dir !== session.projectDir && (await statOrNull(path.join(dir, templateFile)))) {
      throw new FlowformError(
        "project.targetHasTemplate",
        `${dir} already holds ${templateFile}; choose an empty folder or open that project instead.`,
      );
    }
    this.validateTemplate(templateText, templateFile);
    await fs.mkdir(dir, { recursive: true });
    if (session.projectDir && session.projectDir !== dir) {
      const src = path.join(session.projectDir, "src");
      if ((await statOrNull(src))?.isDirectory() && !(await statOrNull(path.join(dir, "src")))) {
        await fs.cp(src, path.join(dir, "src"), { recursive: true });
      }
    }
    const previousDir = session.projectDir;
    await this.writeProject(dir, templateFile, templateText, rawSettings);
    await this.recovery.discard(previousDir);
    await this.recovery.discard(dir);
    session.projectDir = dir;
    session.templateFile = templateFile;
    await this.recent.add(dir);
    const settings = FlowformSettingsSchema.parse(rawSettings);
    return { dir, name: path.basename(dir), templateFile, templateText, settings, recovery: null };
  }

  /** Refuse text that does not parse: a broken template must never replace the file on disk. */
  private validateTemplate(templateText: string, templateFile: string): void {
    const { parsed, problems } = parseTemplate(templateText, templateFile);
    if (!parsed) {
      const first = problems.find((p) => p.severity === "error");
      throw new FlowformError(
        "project.templateDoesNotParse",
        `Not saved: the template does not parse${first ? ` (line ${first.line ?? "?"}: ${first.message})` : ""}. ` +
          "Your edits are kept in the recovery file; fix the template and save again.",
        { problems },
      );
    }
  }

  private async writeProject(dir: string, templateFile: string, templateText: string, rawSettings: unknown): Promise<void> {
    this.validateTemplate(templateText, templateFile);
    const settings = FlowformSettingsSchema.safeParse(rawSettings);
    if (!settings.success) {
      const issue = settings.error.issues[0];
      throw new FlowformError("project.invalidSettings", `flowform.json: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    }
    await writeFileAtomic(path.join(dir, templateFile), templateText);
    await writeFileAtomic(path.join(dir, SETTINGS_FILE), serializeSettings(settings.data));
  }

  /** The settings as they are written to flowform.json (defaults applied). */
  settingsOf(rawSettings: unknown): FlowformSettings {
    return FlowformSettingsSchema.parse(rawSettings);
  }

  /** Keep unsaved edits in the recovery file. */
  async autosave(session: Session, templateText: string, rawSettings: unknown): Promise<{ savedAt: string }> {
    const settings = FlowformSettingsSchema.safeParse(rawSettings);
    const snapshot: RecoverySnapshot = {
      dir: session.projectDir,
      name: session.projectDir ? path.basename(session.projectDir) : UNTITLED,
      templateText,
      settings: settings.success ? settings.data : defaultSettings(),
      savedAt: new Date().toISOString(),
    };
    await this.recovery.write(snapshot);
    return { savedAt: snapshot.savedAt };
  }
}
