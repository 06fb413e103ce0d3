/** Loopback AWS emulator (a test double, not AWS): see server.ts. */
export { startAwsEmulator, scriptFor, DEFAULT_FAILURE_REASON } from "./server";
export type { AwsEmulator, EmulatorScript, ScriptedOutcome, RecordedCall, StoredObject } from "./server";
export type { ScriptedFailure } from "./cloudformation";
