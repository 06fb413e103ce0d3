/** `app.*` channels: facts about the host. */
import os from "node:os";
import type { Handlers } from "../ipc/registry";
import type { HostServices } from "../host";

export function appHandlers(services: HostServices): Handlers {
  return {
    "app.info": () => ({
      name: "Flowform",
      version: services.version,
      host: services.kind,
      platform: os.platform(),
      defaultProjectsDir: services.defaultProjectsDir,
      nativeDialogs: services.dialogs !== null,
    }),
  };
}
