/**
 * Electron preload (sandboxed, context-isolated): exposes `window.flowform`, built from the
 * contract in api.ts, and nothing else — never ipcRenderer itself. Each call goes over one
 * `ipcRenderer.invoke(channel, input)`; main answers with an envelope, and a failure is thrown
 * with the envelope encoded in the message (contextBridge keeps only an Error's message), which
 * renderer/transport turns back into a FlowformError.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import { buildApi, EVENT_NAMES, FlowformError, type Answer, type EventName, type EventsApi } from "./api";

/** The IPC channel every push event arrives on (see main/electron.ts). */
const EVENT_CHANNEL = "flowform:event";

const events: EventsApi = {
  on(name, listener) {
    if (!(EVENT_NAMES as string[]).includes(name)) throw new Error(`Unknown event "${name}"`);
    const wrapped = (_event: IpcRendererEvent, frame: { name: EventName; payload: unknown }) => {
      if (frame.name === name) (listener as (payload: unknown) => void)(frame.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

const api = buildApi(async (channel, input) => {
  const answer = (await ipcRenderer.invoke(channel, input)) as Answer<unknown>;
  if (answer.ok) return answer.value;
  throw new Error(FlowformError.encodeForBridge(answer.error));
}, events);

contextBridge.exposeInMainWorld("flowform", api);
