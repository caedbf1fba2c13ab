/** A problem with what the user asked for: printed as one line, never with a stack trace. */
export class CliError extends Error {
  /** 2 for bad input (flags, files, graphs, data), 1 for internal failures. */
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
