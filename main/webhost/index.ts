/**
 * `node dist/main/webhost.mjs [--port N] [--project PATH] [--renderer DIR]`: start the web host
 * and print the URL (with its token). `scripts/start.mjs` runs this when Electron is missing.
 * The line `FLOWFORM_URL=<url>` is printed for scripts (the e2e fixture reads it).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import pkg from "../../package.json";
import { installHandlers } from "../ipc";
import { contextFor, dispatch } from "../ipc/registry";
import { defaultDataDir, defaultProjectsDir } from "../host";
import { startWebHost } from "./server";

function argValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at >= 0) return args[at + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = path.resolve(argValue(args, "--renderer") ?? path.join(here, "..", "renderer"));
  const portArg = argValue(args, "--port");
  const port = portArg ? Number(portArg) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${portArg} is not a port number`);

  installHandlers({
    kind: "web",
    dataDir: defaultDataDir(),
    version: pkg.version,
    defaultProjectsDir: defaultProjectsDir(),
    dialogs: null,
  });
  const host = await startWebHost({ rendererDir, port });

  const project = argValue(args, "--project");
  if (project) {
    const answer = await dispatch("project.open", { path: path.resolve(project) }, contextFor(host.session, "web"));
    if (!answer.ok) console.error(`Could not open ${project}: ${answer.error.message}`);
  }

  console.log(`Flowform web host listening on ${host.url} (127.0.0.1 only; data in ${defaultDataDir()})`);
  console.log(`Open: ${host.openUrl}`);
  console.log(`FLOWFORM_URL=${host.openUrl}`);

  const stop = () => {
    host.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
