/**
 * The preload exposes `window.flowform` and nothing else, calls main over ipcRenderer.invoke,
 * and throws failures in a form the renderer turns back into a FlowformError with its code.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { CHANNELS, FlowformError } from "./api";

const recorded = vi.hoisted(() => ({
  exposed: [] as [string, any][],
  invoked: [] as [string, unknown][],
  listeners: new Map<string, ((...args: any[]) => void)[]>(),
}));

vi.mock("electron", () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => recorded.exposed.push([key, value]) },
  ipcRenderer: {
    invoke: async (channel: string, input: any) => {
      recorded.invoked.push([channel, input]);
      if (channel === "project.open" && typeof input?.path !== "string") {
        return { ok: false, error: { code: "ipc.invalidInput", message: "path: expected string" } };
      }
      return { ok: true, value: { channel } };
    },
    on: (channel: string, fn: (...args: any[]) => void) => recorded.listeners.set(channel, [...(recorded.listeners.get(channel) ?? []), fn]),
    removeListener: (channel: string, fn: (...args: any[]) => void) =>
      recorded.listeners.set(channel, (recorded.listeners.get(channel) ?? []).filter((f) => f !== fn)),
  },
}));

beforeAll(async () => {
  await import("./index");
});

const api = () => recorded.exposed[0][1];

describe("preload", () => {
  it("exposes only window.flowform, with one method per channel", () => {
    expect(recorded.exposed.map(([key]) => key)).toEqual(["flowform"]);
    for (const channel of CHANNELS) {
      const [domain, verb] = channel.split(".");
      expect(typeof api()[domain][verb]).toBe("function");
    }
    expect(api().ipcRenderer).toBeUndefined();
  });

  it("calls main with the channel name and returns the value", async () => {
    await expect(api().app.info()).resolves.toEqual({ channel: "app.info" });
    expect(recorded.invoked.at(-1)).toEqual(["app.info", undefined]);
  });

  it("throws an error answer so that the renderer recovers its code", async () => {
    const error = await api().project.open({ path: 3 }).catch((e: unknown) => e);
    expect(FlowformError.from(error).code).toBe("ipc.invalidInput");
  });

  it("delivers push events by name and stops after unsubscribe", () => {
    const seen: unknown[] = [];
    const stop = api().events.on("menu.command", (payload: unknown) => seen.push(payload));
    const fire = (frame: unknown) => recorded.listeners.get("flowform:event")?.forEach((fn) => fn({}, frame));
    fire({ name: "menu.command", payload: { command: "project.save" } });
    fire({ name: "deploy.progress", payload: { stackName: "s", message: "m" } });
    stop();
    fire({ name: "menu.command", payload: { command: "project.new" } });
    expect(seen).toEqual([{ command: "project.save" }]);
  });
});
