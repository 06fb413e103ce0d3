/**
 * Where every domain's handlers are registered. Add your domain with ONE line in
 * `installHandlers` below; write the handlers in your own folder as a `Handlers` map:
 *
 *   export function deployHandlers(services: HostServices): Handlers {
 *     return { "deploy.createChangeSet": async (input, ctx) => { …; ctx.emit("deploy.progress", …); return … } };
 *   }
 *
 * `input` is already validated against the zod schema in preload/api.ts; throw a
 * `FlowformError(code, message)` for a typed error answer. `ctx.session.projectDir` is the open
 * project folder (use main/project/paths.ts `resolveInProject` for any path the renderer gives).
 */
import type { HostServices } from "../host";
import { appHandlers } from "../app/handlers";
import { dialogHandlers } from "../dialog/handlers";
import { filesHandlers } from "../files/handlers";
import { projectHandlers } from "../project/handlers";
import { invokeHandlers } from "../invoke/handlers";
import { deployHandlers } from "../deploy/handlers";
import { clearHandlers, registerHandlers, registeredChannels } from "./registry";

export * from "./registry";
export type { HostServices } from "../host";

let installed = false;

/** Register every domain once per process (Electron main or web host). */
export function installHandlers(services: HostServices): void {
  if (installed) return;
  installed = true;
  registerHandlers(appHandlers(services));
  registerHandlers(projectHandlers(services));
  registerHandlers(filesHandlers());
  registerHandlers(dialogHandlers(services));
  registerHandlers(invokeHandlers());
  registerHandlers(deployHandlers());
  // Other domains: one line each, e.g. registerHandlers(deployHandlers(services));
}

/** Tests: forget every handler so the next installHandlers uses new services. */
export function uninstallHandlers(): void {
  clearHandlers();
  installed = false;
}

export { registeredChannels };
