/** `project.*` channels: thin adapters from the contract to ProjectService, plus the disk watch. */
import { serializeSettings } from "../../core/project/settings";
import type { ProjectSnapshot } from "../../preload/api";
import type { HandlerContext, Handlers } from "../ipc/registry";
import type { HostServices } from "../host";
import { ProjectService, SETTINGS_FILE } from "./service";
import { rememberContent, stopWatchingProject, watchProject } from "./watch";

export function projectHandlers(services: HostServices): Handlers {
  const projects = new ProjectService(services.dataDir);

  /** Watch the project that was just opened or saved elsewhere. */
  const watched = (ctx: HandlerContext, snapshot: ProjectSnapshot): ProjectSnapshot => {
    if (snapshot.dir) {
      watchProject(ctx, snapshot.dir, {
        [snapshot.templateFile]: snapshot.templateText,
        [SETTINGS_FILE]: serializeSettings(snapshot.settings),
      });
    }
    return snapshot;
  };

  return {
    "project.current": async (_input, ctx) => {
      const snapshot = await projects.current(ctx.session);
      return snapshot && watched(ctx, snapshot);
    },
    "project.new": async (_input, ctx) => {
      stopWatchingProject(ctx);
      return projects.newProject(ctx.session);
    },
    "project.open": async ({ path }, ctx) => watched(ctx, await projects.open(ctx.session, path)),
    "project.save": async ({ templateText, settings }, ctx) => {
      const result = await projects.save(ctx.session, templateText, settings);
      rememberContent(ctx, ctx.session.templateFile, templateText);
      rememberContent(ctx, SETTINGS_FILE, serializeSettings(projects.settingsOf(settings)));
      return result;
    },
    "project.saveAs": async ({ dir, templateText, settings }, ctx) =>
      watched(ctx, await projects.saveAs(ctx.session, dir, templateText, settings)),
    "project.recent": () => projects.recent.list(),
    "project.autosave": ({ templateText, settings }, ctx) => projects.autosave(ctx.session, templateText, settings),
    "project.recoveries": () => projects.recovery.list(),
    "project.discardRecovery": async ({ dir }) => ({ discarded: await projects.recovery.discard(dir) }),
  };
}
