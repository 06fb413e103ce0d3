/** The browser the e2e tests and scripts/screenshot.mjs use: Debian's Chromium, quiet flags. */
export const CHROMIUM_PATH = process.env.FLOWFORM_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
