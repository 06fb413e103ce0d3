/**
 * The handler registry behind the typed IPC contract (preload/api.ts). Each domain registers
 * typed handlers; `dispatch` validates the payload with the contract's zod schema, runs the
 * handler and always answers with an envelope (`Answer<T>`): a malformed payload, an unknown
 * channel or a thrown error becomes `{ ok:false, error:{ code, message } }`, never a crash.
 *
 * The same `dispatch` serves Electron (`ipcMain.handle`, main/electron.ts) and the web host
 * (`POST /api/<channel>`, main/webhost/server.ts).
 */
import {
  contract,
  FlowformError,
  type Answer,
  type Channel,
  type EventName,
  type EventPayload,
  type Output,
  type ParsedInput,
} from "../../preload/api";

/** What a handler knows about the shell it runs in and the project that is open. */
export interface HandlerContext {
  /** Which shell is serving this call. */
  readonly host: "electron" | "web";
  /** The per-window (Electron) or per-run (web host) session: open project folder and friends. */
  readonly session: Session;
  /** Push an event to this session's renderer. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/**
 * State that lives as long as a window (Electron) or a web-host run. Domains keep their
 * per-session state in `session.state` under their own key (e.g. `state.get("files.watches")`).
 */
export interface Session {
  /** Absolute path of the open project folder, or null when nothing (or an unsaved project) is open. */
  projectDir: string | null;
  /** Template file name inside projectDir (usually "template.yaml"). */
  templateFile: string;
  /** Per-domain state; key by your domain name. */
  readonly state: Map<string, unknown>;
  /** Listeners for events pushed to this session. */
  readonly eventSinks: Set<(name: EventName, payload: unknown) => void>;
  /** Functions to run when the session ends (watchers, timers). */
  readonly disposers: Set<() => void>;
}

export function createSession(init?: Partial<Pick<Session, "projectDir" | "templateFile">>): Session {
  return {
    projectDir: init?.projectDir ?? null,
    templateFile: init?.templateFile ?? "template.yaml",
    state: new Map(),
    eventSinks: new Set(),
    disposers: new Set(),
  };
}

export function disposeSession(session: Session): void {
  for (const dispose of session.disposers) {
    try {
      dispose();
    } catch {
      // a failing disposer must not keep the others from running
    }
  }
  session.disposers.clear();
  session.eventSinks.clear();
}

export function contextFor(session: Session, host: "electron" | "web"): HandlerContext {
  return {
    host,
    session,
    emit(name, payload) {
      for (const sink of session.eventSinks) sink(name, payload);
    },
  };
}

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: HandlerContext,
) => Promise<Output<C>> | Output<C>;

export type Handlers = { [C in Channel]?: Handler<C> };

const registry = new Map<Channel, Handler<Channel>>();

/** Register a domain's handlers. Registering the same channel twice is a programming error. */
export function registerHandlers(handlers: Handlers): void {
  for (const [channel, handler] of Object.entries(handlers) as [Channel, Handler<Channel>][]) {
    if (!(channel in contract)) throw new Error(`registerHandlers: "${channel}" is not in preload/api.ts`);
    if (registry.has(channel)) throw new Error(`registerHandlers: "${channel}" is registered twice`);
    registry.set(channel, handler);
  }
}

export function registeredChannels(): Channel[] {
  return [...registry.keys()];
}

/** Test helper: forget every handler. */
export function clearHandlers(): void {
  registry.clear();
}

/** Validate, run, and answer. Never throws. */
export async function dispatch(channel: string, rawInput: unknown, ctx: HandlerContext): Promise<Answer<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(contract, channel)) {
    return { ok: false, error: { code: "ipc.unknownChannel", message: `Unknown channel "${channel}".` } };
  }
  const handler = registry.get(channel as Channel);
  if (!handler) {
    return {
      ok: false,
      error: { code: "ipc.notImplemented", message: `No handler is registered for "${channel}" in this host.` },
    };
  }
  const schema = contract[channel as Channel].input;
  const parsed = schema.safeParse(rawInput === null ? undefined : rawInput);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
    const first = issues[0];
    return {
      ok: false,
      error: {
        code: "ipc.invalidInput",
        message: `Invalid input for ${channel}: ${first ? `${first.path.join(".") || "(input)"}: ${first.message}` : "rejected"}`,
        details: issues,
      },
    };
  }
  try {
    const value = await handler(parsed.data as ParsedInput<Channel>, ctx);
    return { ok: true, value: value === undefined ? null : value };
  } catch (error) {
    if (error instanceof FlowformError) return { ok: false, error: error.toInfo() };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: "internal", message: `${channel} failed: ${message}` } };
  }
}
