/**
 * Run the AWS emulator (a test double, NOT AWS) on its own, to try the Deploy tab or
 * `flowform deploy` without an account:
 *
 *   npx tsx test/emulators/start.ts [--outcome success|resource-fails|rollback-fails|throttling|dropped-connection|slow] [--fail LogicalId]
 *
 * It prints the environment to set for the app or the CLI, and runs until Ctrl+C. The outcome
 * can be changed while it runs: POST {"outcome": "...", "failure": {...}} to /__emulator/script.
 */
import { DEFAULT_FAILURE_REASON, startAwsEmulator, type ScriptedOutcome } from "./index";

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const outcome = (option("--outcome") ?? "success") as ScriptedOutcome;
const failing = option("--fail");

const emulator = await startAwsEmulator();
emulator.scriptOutcome(outcome, failing ? { resource: failing, reason: DEFAULT_FAILURE_REASON } : undefined);
process.stdout.write(
  `Flowform AWS emulator (a test double, NOT AWS) on ${emulator.endpoint}, outcome: ${outcome}${failing ? ` (${failing} fails)` : ""}\n` +
    `Set for the app or the CLI:\n  export FLOWFORM_AWS_ENDPOINT=${emulator.endpoint} AWS_ACCESS_KEY_ID=emulator AWS_SECRET_ACCESS_KEY=emulator\n`,
);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
