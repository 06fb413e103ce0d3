/** `project.*` channels: thin adapters from the contract to ProjectService. */
import type { Handlers } from "../ipc/registry";
import type { HostServices } from "../host";
import { ProjectService } from "./service";

export function projectHandlers(services: HostServices): Handlers {
  const projects = new ProjectService(services.dataDir);
  return {
    "project.current": (_input, ctx) => projects.current(ctx.session),
    "project.new": (_input, ctx) => projects.newProject(ctx.session),
    "project.open": ({ path }, ctx) => projects.open(ctx.session, path),
    "project.save": ({ templateText, settings }, ctx) => projects.save(ctx.session, templateText, settings),
    "project.saveAs": ({ dir, templateText, settings }, ctx) => projects.saveAs(ctx.session, dir, templateText, settings),
    "project.recent": () => projects.recent.list(),
    "project.autosave": ({ templateText, settings }, ctx) => projects.autosave(ctx.session, templateText, settings),
    "project.recoveries": () => projects.recovery.list(),
    "project.discardRecovery": async ({ dir }) => ({ discarded: await projects.recovery.discard(dir) }),
  };
}
