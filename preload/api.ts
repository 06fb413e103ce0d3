/**
 * THE typed IPC contract: every call the renderer makes to the machine, and every push message
 * the machine sends back, is declared here once. Main validates each payload with the same zod
 * schema (main/ipc), Electron's preload exposes it as `window.flowform`, and the web host serves
 * it over HTTP (`POST /api/<channel>`) plus server-sent events. A test snapshots the channel and
 * event names (preload/api.test.ts), so a new channel is a visible, reviewed diff.
 *
 * ## Adding a channel
 *   1. Add an entry below: `"domain.verb": { input: z.object({...}), output: returns<T>() }`.
 *      The name is `<domain>.<verb>`; the renderer calls it as `window.flowform.domain.verb(input)`
 *      (through `renderer/transport`). Use `NoInput` when the call takes nothing.
 *   2. Register a handler in main (`main/ipc/index.ts`): `"domain.verb": async (input, ctx) => …`.
 *      `input` is already validated and typed; return the output type or throw a `FlowformError`.
 *   3. Update the surface snapshot (`npx vitest run preload -u`).
 *
 * ## Adding a push event
 *   Add `"domain.event": returns<Payload>()` to `events`; main sends it with `ctx.emit(name, payload)`;
 *   the renderer listens with `api.events.on(name, cb)` which returns an unsubscribe function.
 *
 * ## Errors
 *   On the wire every answer is an envelope: `{ ok: true, value }` or
 *   `{ ok: false, error: { code, message, details? } }` (`Answer<T>`). A malformed payload is
 *   answered with code `ipc.invalidInput` (with the zod issues in `details`), never a crash.
 *   On the renderer side the API methods *throw* a `FlowformError` carrying that `code`, so
 *   callers write ordinary `try/await/catch` and branch on `err.code`.
 *
 * This file is shared by main, preload and renderer: it may import zod and core *types* only.
 */
import { z } from "zod";
import type { FlowformSettings } from "../core/project/settings";
import type { AwsProfile, ChangeSetReview, DeployPath, DeployProgress, PackagedArtifactLine } from "../core/deploy";

/** Phantom marker for an output or event payload type (no runtime validation of outputs). */
export function returns<T>(): T {
  return undefined as unknown as T;
}

/** Input schema of a channel that takes nothing. */
export const NoInput = z.object({}).strict().optional();

/** Paths are plain strings; main resolves and confines them (see main/project/paths.ts). */
const PathString = z.string().min(1, "path is empty").max(4096);
/** A path relative to the open project folder. */
const ProjectPath = z.string().min(1, "path is empty").max(4096);

const SettingsInput = z.record(z.string(), z.unknown());

/** Which stack, where, with which profile (never credentials). */
const DeployTargetInput = z.object({
  profile: z.string().max(256).optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "not an AWS region name"),
  stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, "a stack name starts with a letter and has only letters, digits and hyphens (up to 128)"),
}).strict();

/** Operations that watch a stack also take the canvas's logical IDs, for per-node status. */
const DeployWatchInput = DeployTargetInput.extend({ nodeIds: z.array(z.string().max(255)).max(5000).default([]) }).strict();

const DeployPrepareInput = DeployTargetInput.extend({
  templateText: z.string(),
  stagingBucket: z.string().max(63).optional(),
  createBucket: z.boolean().default(false),
  parameters: z.record(z.string(), z.string()).default({}),
  usage: z.record(z.string(), z.unknown()).optional(),
}).strict();

/** What `deploy.status` answers. */
export interface DeployStatus {
  exists: boolean;
  stackStatus?: string;
  statusReason?: string;
  outputs: { key: string; value: string; description?: string }[];
  path: DeployPath;
  /** The last progress main saw for this stack (a deploy may still be running). */
  progress?: DeployProgress;
}

// ---------------------------------------------------------------------------------------------
// Shared payload types
// ---------------------------------------------------------------------------------------------

/** Unsaved edits kept by main in a recovery file, offered back after a crash or kill. */
export interface RecoverySnapshot {
  /** Project folder the edits belong to, or null for a never-saved project. */
  dir: string | null;
  name: string;
  templateText: string;
  settings: FlowformSettings;
  /** ISO time the snapshot was written. */
  savedAt: string;
}

/** Everything the renderer needs to show an open project. */
export interface ProjectSnapshot {
  /** Absolute project folder; null for a new project that has not been saved yet. */
  dir: string | null;
  /** Shown in the title bar: the folder name, or "Untitled". */
  name: string;
  /** Template file name inside `dir` (usually "template.yaml"). */
  templateFile: string;
  templateText: string;
  settings: FlowformSettings;
  /** Set when flowform.json exists but could not be read; the defaults are used instead. */
  settingsProblem?: string;
  /** Unsaved edits from an earlier session (crash or kill), if any: the UI offers to restore them. */
  recovery: RecoverySnapshot | null;
}

export interface RecentProject {
  dir: string;
  name: string;
  openedAt: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** Which shell serves the API; the renderer uses it only to word things ("Open folder…"). */
  host: "electron" | "web";
  platform: string;
  /** Where the New/Save As prompts suggest putting projects. */
  defaultProjectsDir: string;
  /** Native file dialogs exist (Electron). The web host uses an in-page path prompt instead. */
  nativeDialogs: boolean;
}

export interface FileStat {
  path: string;
  kind: "file" | "directory";
  size: number;
  modifiedMs: number;
}

export interface FileEntry {
  /** Path relative to the project folder, with forward slashes. */
  path: string;
  kind: "file" | "directory";
}

/** The outcome of a local test invoke (main/invoke). */
export interface InvokeRunResult {
  /** ok: returned a value; error: threw (or did not compile); timeout: killed at the function's Timeout;
   *  crashed: the process died (out of memory…); unavailable: could not run (no code, no Python…). */
  status: "ok" | "error" | "timeout" | "crashed" | "unavailable";
  value?: unknown;
  error?: { type: string; message: string; stack?: string };
  /** stdout + stderr of the run. */
  logs: string;
  durationMs: number;
  /** What ran it, e.g. "Node.js v20.20.2". */
  ranWith?: string;
  notes: string[];
  /** The environment variables the handler saw (placeholders for references, never credentials). */
  environment: Record<string, string>;
}

/** Commands of the application menu; the web host shows the same ones in the in-page toolbar. */
export const MENU_COMMANDS = [
  "project.new",
  "project.open",
  /** With `path` in the event: a project from File › Open Recent. */
  "project.openRecent",
  "project.save",
  "project.saveAs",
  "project.export",
  "edit.undo",
  "edit.redo",
  "view.togglePalette",
  "view.toggleInspector",
  "view.toggleBottomPanel",
  "view.toggleTheme",
  "help.about",
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

// ---------------------------------------------------------------------------------------------
// Calls (renderer → main)
// ---------------------------------------------------------------------------------------------

export const contract = {
  // app: facts about the host
  "app.info": { input: NoInput, output: returns<AppInfo>() },

  // project: the open project (one per window / web-host run)
  "project.current": { input: NoInput, output: returns<ProjectSnapshot | null>() },
  /** A new, unsaved project from the starter template. Save asks where to put it. */
  "project.new": { input: NoInput, output: returns<ProjectSnapshot>() },
  /** Open a project folder, or a single .yaml/.yml/.json template (its folder becomes the project). */
  "project.open": { input: z.object({ path: PathString }).strict(), output: returns<ProjectSnapshot>() },
  /** Write template + flowform.json into the open project folder. Refuses a template that does not parse. */
  "project.save": {
    input: z.object({ templateText: z.string(), settings: SettingsInput }).strict(),
    output: returns<{ dir: string; savedAt: string }>(),
  },
  /** Save into another folder (created if missing) and make it the open project. */
  "project.saveAs": {
    input: z.object({ dir: PathString, templateText: z.string(), settings: SettingsInput }).strict(),
    output: returns<ProjectSnapshot>(),
  },
  "project.recent": { input: NoInput, output: returns<RecentProject[]>() },
  /** Store unsaved edits in the recovery file (the renderer sends debounced snapshots). */
  "project.autosave": {
    input: z.object({ templateText: z.string(), settings: SettingsInput }).strict(),
    output: returns<{ savedAt: string }>(),
  },
  /** Unsaved edits left behind by earlier sessions (crash or kill), newest first. */
  "project.recoveries": { input: NoInput, output: returns<RecoverySnapshot[]>() },
  /** Forget a recovery file (the user chose Discard, or restored and saved). */
  "project.discardRecovery": {
    input: z.object({ dir: PathString.nullable() }).strict(),
    output: returns<{ discarded: boolean }>(),
  },

  // files: text files inside the open project folder (code editor, src/<LogicalId>/…)
  "files.read": { input: z.object({ path: ProjectPath }).strict(), output: returns<{ path: string; text: string }>() },
  "files.write": {
    input: z.object({ path: ProjectPath, text: z.string() }).strict(),
    output: returns<{ path: string; savedAt: string }>(),
  },
  "files.list": {
    input: z.object({ path: ProjectPath.default("."), recursive: z.boolean().default(false) }).strict(),
    output: returns<FileEntry[]>(),
  },
  "files.stat": { input: z.object({ path: ProjectPath }).strict(), output: returns<FileStat | null>() },
  /** Start reporting changes under a path as `files.changed` events; returns a watch id. */
  "files.watch": { input: z.object({ path: ProjectPath }).strict(), output: returns<{ watchId: string }>() },
  "files.unwatch": { input: z.object({ watchId: z.string() }).strict(), output: returns<{ stopped: boolean }>() },

  // code: function code folders (src/<LogicalId>/); file contents go through files.*
  /** Rename a function's code folder (after the function was renamed). Refuses to overwrite. */
  "code.renameFolder": {
    input: z.object({ from: ProjectPath, to: ProjectPath }).strict(),
    output: returns<{ renamed: boolean }>(),
  },

  // invoke: local test runs of a function's handler in a child process (main/invoke)
  /** Run a function once with an event. `templateText` is the editor's current text (saved or not). */
  "invoke.run": {
    input: z
      .object({ functionId: z.string().min(1).max(255), event: z.unknown(), templateText: z.string(), runId: z.string().max(100).optional() })
      .strict(),
    output: returns<InvokeRunResult>(),
  },
  /** Stop a run started with that `runId` (its answer then has status "crashed", type Flowform.Cancelled). */
  "invoke.cancel": { input: z.object({ runId: z.string().max(100) }).strict(), output: returns<{ cancelled: boolean }>() },
  /** What can run handlers locally: the Node.js version and Python 3 (null when not installed). */
  "invoke.runtimes": { input: NoInput, output: returns<{ node: string; python: string | null }>() },

  // deploy: AWS calls and credentials stay in main (main/deploy). Secrets never cross IPC:
  // the renderer names a profile; main resolves its credentials.
  /** Profiles from ~/.aws/config and ~/.aws/credentials (names and kinds only, SSO included). */
  "deploy.listProfiles": { input: NoInput, output: returns<{ profiles: AwsProfile[]; files: { config: string; credentials: string }; endpointOverride: string | null }>() },
  /** The stack's current state and what deploying to it will do (create, update, or blocked and why). */
  "deploy.status": { input: DeployTargetInput, output: returns<DeployStatus>() },
  /** Zip and upload the function code only (deterministic zips keyed by hash); no change set. */
  "deploy.package": { input: DeployPrepareInput, output: returns<{ artifacts: PackagedArtifactLine[] }>() },
  /**
   * Package, upload, create the change set and wait for it: the one review (resource changes,
   * IAM in words, cost delta). `templateText` is the editor's current text; code is read from
   * the saved project folder. A missing staging bucket answers `deploy.bucketMissing` until
   * `createBucket: true` (the person said yes).
   */
  "deploy.createChangeSet": { input: DeployPrepareInput, output: returns<{ review: ChangeSetReview; reviewText: string; stackStatus: string | null }>() },
  /** Execute a reviewed change set; progress arrives as `deploy.progress` events. */
  "deploy.execute": { input: z.object({ changeSetId: z.string().min(1).max(2048) }).strict(), output: returns<{ progress: DeployProgress }>() },
  /** Watch a stack again (after a reload, or when watching stopped): its current operation's progress arrives as `deploy.progress`. */
  "deploy.watch": { input: DeployWatchInput, output: returns<{ progress: DeployProgress }>() },
  /** Cancel a review: delete its change set (and the empty stack a first create leaves). */
  "deploy.cancel": { input: z.object({ changeSetId: z.string().min(1).max(2048) }).strict(), output: returns<{ cancelled: true }>() },
  /** Stop an update in progress; CloudFormation rolls it back. */
  "deploy.cancelUpdate": { input: DeployWatchInput, output: returns<{ progress: DeployProgress }>() },
  /** Delete the stack; `confirmName` must repeat the stack name. */
  "deploy.deleteStack": {
    input: DeployWatchInput.extend({ confirmName: z.string() }).strict(),
    output: returns<{ progress: DeployProgress }>(),
  },

  // dialog: native dialogs in Electron. The web host answers `dialog.unavailable` and the
  // renderer shows its in-page path prompt instead (renderer/app/PathPrompt.tsx).
  "dialog.openProject": { input: NoInput, output: returns<{ path: string | null }>() },
  "dialog.chooseFolder": {
    input: z.object({ title: z.string().max(200).optional(), defaultPath: z.string().optional() }).strict().optional(),
    output: returns<{ path: string | null }>(),
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Push events (main → renderer)
// ---------------------------------------------------------------------------------------------

export const events = {
  /** A menu item was chosen (Electron application menu). */
  "menu.command": returns<{ command: MenuCommand; path?: string }>(),
  /** The template or flowform.json of the open project changed outside Flowform. */
  "project.changedOnDisk": returns<{ path: string }>(),
  /** A watched file changed (see files.watch). */
  "files.changed": returns<{ watchId: string; path: string; kind: "change" | "rename" }>(),
  /** Live deploy progress: per-resource and per-node status, pinned failure, outputs (core/deploy/progress.ts). */
  "deploy.progress": returns<DeployProgress>(),
} as const;

// ---------------------------------------------------------------------------------------------
// Derived types
// ---------------------------------------------------------------------------------------------

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;

/** What the caller passes (zod input type: defaults may be omitted). */
export type Input<C extends Channel> = z.input<Contract[C]["input"]>;
/** What the handler receives (zod output type: defaults applied). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]["input"]>;
export type Output<C extends Channel> = Contract[C]["output"];
export type EventPayload<E extends EventName> = (typeof events)[E];

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

type DomainOf<C> = C extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<Channel>;

type Args<C extends Channel> = undefined extends Input<C> ? [input?: Input<C>] : [input: Input<C>];

/** `window.flowform`: one object per domain, one async method per verb, plus `events`. */
export type FlowformApi = {
  [D in Domain]: {
    [C in Channel as C extends `${D}.${infer V}` ? V : never]: (...args: Args<C>) => Promise<Output<C>>;
  };
} & { events: EventsApi };

export interface EventsApi {
  /** Listen to a push event. Returns the function that stops listening. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

// ---------------------------------------------------------------------------------------------
// Errors and the wire envelope
// ---------------------------------------------------------------------------------------------

export interface ErrorInfo {
  /** Stable, dotted: "ipc.invalidInput", "ipc.unknownChannel", "project.pathOutsideProject", … */
  code: string;
  message: string;
  details?: unknown;
}

export type Answer<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The error the renderer sees when a call fails; main handlers throw it too. */
export class FlowformError extends Error {
  readonly code: string;
  readonly details?: unknown;
  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = "FlowformError";
    this.code = code;
    this.details = details;
  }
  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
  /**
   * Electron's contextBridge copies only an Error's message across worlds, so the preload
   * encodes the envelope in the message and the renderer transport decodes it back here.
   */
  static readonly BRIDGE_PREFIX = "FLOWFORM_ERROR:";
  static encodeForBridge(info: ErrorInfo): string {
    return FlowformError.BRIDGE_PREFIX + JSON.stringify(info);
  }
  static from(error: unknown): FlowformError {
    if (error instanceof FlowformError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const at = message.indexOf(FlowformError.BRIDGE_PREFIX);
    if (at >= 0) {
      try {
        const info = JSON.parse(message.slice(at + FlowformError.BRIDGE_PREFIX.length)) as ErrorInfo;
        return new FlowformError(info.code, info.message, info.details);
      } catch {
        // fall through: not an encoded envelope after all
      }
    }
    return new FlowformError("ipc.transportFailed", message);
  }
}

/** Turn an answer into a value, or throw the FlowformError it carries. */
export function unwrap<T>(answer: Answer<T>): T {
  if (answer.ok) return answer.value;
  throw new FlowformError(answer.error.code, answer.error.message, answer.error.details);
}

/**
 * Build the nested `FlowformApi` object from a low-level `call(channel, input)`. Used by the
 * Electron preload (call = ipcRenderer.invoke) and the web transport (call = fetch).
 */
export function buildApi(
  call: (channel: Channel, input: unknown) => Promise<unknown>,
  eventsApi: EventsApi,
): FlowformApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const dot = channel.indexOf(".");
    const domain = channel.slice(0, dot);
    const verb = channel.slice(dot + 1);
    api[domain] ??= {};
    api[domain][verb] = (input?: unknown) => call(channel, input);
  }
  return { ...api, events: eventsApi } as unknown as FlowformApi;
}
