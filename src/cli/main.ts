import { EXPORT_FORMATS } from '../shared/interop/export-formats';
import { importerHelp } from '../shared/training/importers';
import { LOSSES } from '../shared/training/losses';
import { DEFAULT_MAX_MEMORY_MB } from '../shared/training/memory-limit';
import { OPTIMIZERS } from '../shared/training/optimizers';
import { TASKS } from '../shared/training/task';
import { BACKENDS } from '../shared/training/train-config';
import { CliError } from './cli-error';
import { type CliIo, processIo } from './cli-io';

/** `--flag a|b|c`, listed from the registry the flag's value is checked against. */
const choices = (flag: string, names: readonly string[]) => `--${flag} ${names.join('|')}`;

export const USAGE = `Usage: layerlab <command> [flags]

  templates [--json]                     ready-made projects
  datasets [--json]                      built-in data sets
  summary (--template ID | --project FILE) [--dataset ID | --data FILE] [${choices('task', TASKS)}]
        [--max-memory MB] [--json]
  train (--template ID | --project FILE) (--dataset ID | --data FILE [--x NAME --y NAME])
        [${choices('task', TASKS)}] [--epochs N] [--batch-size N]
        [${choices('optimizer', OPTIMIZERS)}] [--lr X]
        [${choices('loss', LOSSES)}] [--validation-split F] [--seed N]
        [${choices('backend', BACKENDS)}] [--max-memory MB] [--init-from RUN_DIR|MODEL_JSON]
        [--out DIR] [--json]
  export (--template ID | --project FILE) ${choices('format', EXPORT_FORMATS)} --out DIR
        [--dataset ID | --data FILE] [--from RUN_DIR] [${choices('task', TASKS)}]
                                         the model as TF.js, PyTorch or Keras code, or ONNX
  import MODEL_JSON [--out FILE] [--no-weights]
                                         a TF.js or Keras model as an editable project
  inspect --model DIR (--dataset ID | --data FILE [--x NAME --y NAME]) [--sample N] [--json]
        a saved model's layers (shapes, parameters, weight statistics) and, for sample N of the data,
        every layer's activations and the prediction
  bench [--json]                         kernel benchmark
  new (--template ID | --exercise ID|FILE) [--out FILE]      a new project file
  exercises [--json] [--export ID [--out FILE]]              the built-in exercises
  check --exercise ID|FILE --project FILE [--json] [${choices('backend', BACKENDS)}] [--timeout SECONDS]
        retrain a project from scratch under an exercise's rules and judge it (exit 0 passed, 3 not passed)
  grade --exercise ID|FILE DIR [--out grades.csv] [--jobs N] [--json] [${choices('backend', BACKENDS)}] [--timeout SECONDS]
        check every *.layerlab.json under DIR, one CSV row per file

Data files (--data FILE, --x/--y pick arrays or columns):
${importerHelp()
  .map((line) => `  ${line}`)
  .join('\n')}

--max-memory MB: most memory the data may take once loaded (default ${DEFAULT_MAX_MEMORY_MB}); a file needing more
  is refused (exit 2) before it is read.

Exit codes: 0 success, 2 bad input, 1 internal failure (check: 3 not passed).`;

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Loaded on demand: `layerlab templates` should not pay for TensorFlow.js and the dataset importers. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  templates: async () => (await import('./commands/templates')).templatesCommand,
  datasets: async () => (await import('./commands/datasets')).datasetsCommand,
  summary: async () => (await import('./commands/summary')).summaryCommand,
  train: async () => {
    const { trainCommand } = await import('./commands/train');
    return (args, io) => trainCommand(args, io);
  },
  export: async () => (await import('./commands/export')).exportCommand,
  import: async () => (await import('./commands/import')).importCommand,
  bench: async () => (await import('./commands/bench')).benchCommand,
  inspect: async () => (await import('./commands/inspect')).inspectCommand,
  new: async () => (await import('./commands/new')).newCommand,
  exercises: async () => (await import('./commands/exercises')).exercisesCommand,
  check: async () => (await import('./commands/check')).checkCommand,
  grade: async () => (await import('./commands/grade')).gradeCommand,
};

/** Runs one CLI invocation and returns its exit code; bad input never escapes as a stack trace. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (load == null) {
    io.err(`layerlab: unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(error.message);
      return error.exitCode;
    }
    // Dataset and engine errors with a user-facing code are bad input, not crashes.
    const code = (error as { code?: unknown } | null)?.code;
    if (
      error instanceof Error &&
      (code === 'bad-input' || code === 'invalid-graph' || code === 'backend-unavailable')
    ) {
      io.err(`layerlab ${name}: ${error.message}`);
      return 2;
    }
    io.err(`layerlab ${name}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.LAYERLAB_DEBUG) io.err(error instanceof Error ? (error.stack ?? '') : '');
    return 1;
  }
}
