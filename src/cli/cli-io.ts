/** Where a command writes: stdout for results (and only NDJSON with --json), stderr for progress and problems. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current stderr line (progress bars); a plain line where stderr is not a terminal. */
  status(line: string): void;
}

export function processIo(): CliIo {
  const tty = Boolean(process.stderr.isTTY);
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
