#!/usr/bin/env node
/**
 * `npm start`: build, then launch the desktop app. Electron when its binary is installed;
 * otherwise (or with `--web`) the local web host, printing why and the URL with its token, and
 * opening it in the default browser when one is configured ($BROWSER, or xdg-open / open /
 * start with a desktop session).
 *   npm start                  Electron, or the web host when Electron is missing
 *   npm start -- --web         always the web host
 *   npm start -- --web --port 4321 --project ~/my-app
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const forceWeb = args.includes("--web");
const passThrough = args.filter((a) => a !== "--web");

const build = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--if-stale"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

/** The Electron executable, when its install script could download it. */
function electronBinary() {
  try {
    const executable = fs.readFileSync(path.join(root, "node_modules", "electron", "path.txt"), "utf8").trim();
    const full = path.join(root, "node_modules", "electron", "dist", executable);
    return fs.existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

const electron = forceWeb ? null : electronBinary();
if (electron) {
  console.log("Starting Flowform (Electron)…");
  const child = spawn(electron, [root, ...passThrough], { cwd: root, stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
} else {
  console.log(
    forceWeb
      ? "Starting the Flowform web host (--web)."
      : "Electron's binary is not installed (node_modules/electron/dist is missing: its install script downloads it, " +
          "which cannot work offline or with ELECTRON_SKIP_BINARY_DOWNLOAD=1). Starting the Flowform web host instead: " +
          "the same app in your browser, served only to this machine.",
  );
  const child = spawn(process.execPath, [path.join(root, "dist", "main", "webhost.mjs"), ...passThrough], {
    cwd: root,
    stdio: ["inherit", "pipe", "inherit"],
  });
  let opened = false;
  child.stdout.on("data", (chunk) => {
    const text = chunk.toString();
    process.stdout.write(text);
    const match = /FLOWFORM_URL=(\S+)/.exec(text);
    if (match && !opened) {
      opened = true;
      openBrowser(match[1]);
    }
  });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}

/** Open the URL only where a browser is configured; otherwise the printed URL is enough. */
function openBrowser(url) {
  let command = null;
  if (process.env.BROWSER) command = [process.env.BROWSER, url];
  else if (process.platform === "darwin") command = ["open", url];
  else if (process.platform === "win32") command = ["cmd", "/c", "start", "", url];
  else if ((process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && hasCommand("xdg-open")) command = ["xdg-open", url];
  if (!command) {
    console.log("No default browser is configured ($BROWSER or a desktop session): open the URL above yourself.");
    return;
  }
  const opener = spawn(command[0], command.slice(1), { stdio: "ignore", detached: true });
  opener.on("error", () => console.log(`Could not run ${command[0]}: open the URL above yourself.`));
  opener.unref();
}

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}
