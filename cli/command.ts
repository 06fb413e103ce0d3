/** The shape of a `flowform` subcommand (see cli/index.ts). */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

export interface Command {
  name: string;
  /** One line for `flowform --help`. */
  summary: string;
  /** e.g. "flowform validate <template> [--format json]" */
  usage: string;
  /** More text for `flowform <name> --help`. */
  help?: string;
  /** Returns the exit code (0 ok, 1 findings/failure, 2 usage error). */
  run(args: string[], io: CommandIO): Promise<number> | number;
}
