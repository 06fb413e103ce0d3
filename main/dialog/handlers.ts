/**
 * `dialog.*` channels. Electron shows native dialogs. The web host has no access to the
 * browser's file system picker for server-side paths, so it answers `dialog.unavailable` and the
 * renderer shows its own in-page path prompt (renderer/app/PathPrompt.tsx).
 */
import { FlowformError } from "../../preload/api";
import type { Handlers } from "../ipc/registry";
import type { HostServices, NativeDialogs } from "../host";

function need(dialogs: NativeDialogs | null): NativeDialogs {
  if (!dialogs) {
    throw new FlowformError("dialog.unavailable", "Native dialogs are not available in the web host; type a path instead.");
  }
  return dialogs;
}

export function dialogHandlers(services: HostServices): Handlers {
  return {
    "dialog.openProject": async () => ({ path: await need(services.dialogs).openProject() }),
    "dialog.chooseFolder": async (input) => ({ path: await need(services.dialogs).chooseFolder(input ?? {}) }),
  };
}
