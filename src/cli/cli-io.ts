/** Where a command writes: stdout for results (and only NDJSON with --json), stderr for progress and problems. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current stderr line (progress bars); a plain line where stderr is not a terminal. */
  status(line: string): void;
}

/** Exit code when whoever reads our output went away (`layerlab train --json | head -1`): 128 + SIGPIPE, as Unix tools. */
export const EXIT_BROKEN_PIPE = 141;

export function processIo(): CliIo {
  const tty = Boolean(process.stderr.isTTY);
  // A closed pipe ends the command quietly (the training process follows its parent out), not with an EPIPE trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
      throw error;
    });
  }
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) process.stderr.write('\r\x1b[K');
    statusShown = false;
  };
  return {
    out: (line) => {
      process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      clearStatus();
      process.stderr.write(`${line}\n`);
    },
    status: (line) => {
      if (!tty) return;
      process.stderr.write(`\r\x1b[K${line}`);
      statusShown = true;
    },
  };
}
