/**
 * The exposed API surface. A new channel or event is a visible diff in this snapshot, reviewed
 * like any other change to the contract (update with `npx vitest run preload -u`).
 */
import { describe, expect, it } from "vitest";
import { buildApi, CHANNELS, EVENT_NAMES, FlowformError, MENU_COMMANDS, unwrap } from "./api";

describe("the IPC contract", () => {
  it("exposes exactly these channels and events", () => {
    expect({ channels: [...CHANNELS].sort(), events: [...EVENT_NAMES].sort(), menuCommands: [...MENU_COMMANDS] }).toMatchSnapshot();
  });

  it("names every channel <domain>.<verb> so it becomes window.flowform.<domain>.<verb>", () => {
    for (const channel of CHANNELS) expect(channel).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
  });

  it("builds one method per channel, grouped by domain, that calls through with the channel name", async () => {
    const calls: [string, unknown][] = [];
    const api = buildApi(async (channel, input) => {
      calls.push([channel, input]);
      return "answer";
    }, { on: () => () => {} });
    await expect(api.project.open({ path: "/tmp/x" })).resolves.toBe("answer");
    expect(calls).toEqual([["project.open", { path: "/tmp/x" }]]);
    const surface = Object.fromEntries(
      Object.entries(api)
        .filter(([domain]) => domain !== "events")
        .map(([domain, verbs]) => [domain, Object.keys(verbs as object).sort()]),
    );
    const expected: Record<string, string[]> = {};
    for (const channel of CHANNELS) {
      const [domain, verb] = channel.split(".");
      (expected[domain] ??= []).push(verb);
    }
    for (const verbs of Object.values(expected)) verbs.sort();
    expect(surface).toEqual(expected);
  });

  it("turns an error answer into a thrown FlowformError with its code", () => {
    expect(() => unwrap({ ok: false, error: { code: "project.notFound", message: "gone" } })).toThrow(FlowformError);
    try {
      unwrap({ ok: false, error: { code: "project.notFound", message: "gone" } });
    } catch (error) {
      expect((error as FlowformError).code).toBe("project.notFound");
    }
  });

  it("recovers the error code from a message that crossed Electron's contextBridge", () => {
    const crossed = new Error(`Error invoking remote method: ${FlowformError.encodeForBridge({ code: "ipc.invalidInput", message: "bad path" })}`);
    const error = FlowformError.from(crossed);
    expect(error.code).toBe("ipc.invalidInput");
    expect(error.message).toBe("bad path");
    expect(FlowformError.from(new Error("plain")).code).toBe("ipc.transportFailed");
  });
});
