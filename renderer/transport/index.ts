/**
 * The renderer's only way to reach the machine. `api()` returns the typed `FlowformApi`
 * (preload/api.ts) over whichever transport exists:
 * - Electron: the preload exposed `window.flowform` (ipcRenderer.invoke underneath);
 * - web host: `POST /api/<channel>` with the per-run token, and push events from the
 *   `/api/events` server-sent-event stream.
 * Nothing else in the renderer knows which. Every failed call rejects with a `FlowformError`
 * whose `code` says what went wrong (`ipc.invalidInput`, `project.pathOutsideProject`, …).
 */
import {
  buildApi,
  FlowformError,
  unwrap,
  type Answer,
  type Channel,
  type EventName,
  type EventsApi,
  type FlowformApi,
} from "../../preload/api";

export { FlowformError };
export type { FlowformApi };

declare global {
  interface Window {
    /** Set by the Electron preload (preload/index.ts); absent in the web host. */
    flowform?: FlowformApi;
  }
}

const TOKEN_KEY = "flowform.token";

/**
 * The web host's token arrives once in the URL (`/?token=…`). It is moved to sessionStorage
 * (per tab, gone when the tab closes) and removed from the address bar so it is not bookmarked,
 * shared in a screenshot, or kept in history.
 */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // storage disabled: the token still lives in this closure for the page's lifetime
    }
    url.searchParams.delete("token");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Wrap Electron's bridge so errors come back as FlowformError with their code. */
function fromElectronBridge(bridge: FlowformApi): FlowformApi {
  const raw = bridge as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  return buildApi(async (channel: Channel, input: unknown) => {
    const dot = channel.indexOf(".");
    const method = raw[channel.slice(0, dot)]?.[channel.slice(dot + 1)];
    if (!method) throw new FlowformError("ipc.unknownChannel", `The preload does not expose ${channel}; rebuild the app.`);
    try {
      return await method(input);
    } catch (error) {
      throw FlowformError.from(error);
    }
  }, bridge.events);
}

function overHttp(): FlowformApi {
  const token = takeToken();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let stream: EventSource | null = null;

  const openStream = () => {
    if (stream || !token) return;
    stream = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    stream.onmessage = (message) => {
      let frame: { name: EventName; payload: unknown };
      try {
        frame = JSON.parse(message.data as string) as { name: EventName; payload: unknown };
      } catch {
        return;
      }
      for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
    };
  };

  const events: EventsApi = {
    on(name, listener) {
      openStream();
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };

  return buildApi(async (channel, input) => {
    if (!token) {
      throw new FlowformError(
        "http.unauthorized",
        "This page has no access token: open the URL the web host printed when it started (it ends with ?token=…).",
      );
    }
    let response: Response;
    try {
      response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-flowform-token": token },
        body: input === undefined ? "" : JSON.stringify(input),
      });
    } catch (error) {
      throw new FlowformError("ipc.transportFailed", `The web host did not answer (${String(error)}); is it still running?`);
    }
    let answer: Answer<unknown>;
    try {
      answer = (await response.json()) as Answer<unknown>;
    } catch {
      throw new FlowformError("ipc.transportFailed", `The web host answered ${response.status} without JSON.`);
    }
    return unwrap(answer);
  }, events);
}

let instance: FlowformApi | null = null;

/** The typed API; created on first use. */
export function api(): FlowformApi {
  instance ??= typeof window !== "undefined" && window.flowform ? fromElectronBridge(window.flowform) : overHttp();
  return instance;
}
