import { parseArgs } from 'node:util';
import { CliError } from './cli-error';

/** `strings`: a flag that may be given several times (`--model a --model b`). */
export type FlagType = 'string' | 'number' | 'boolean' | 'strings';
export type FlagSpec = Record<string, FlagType>;

type FlagValue<T extends FlagType> = T extends 'string'
  ? string
  : T extends 'number'
    ? number
    : T extends 'boolean'
      ? boolean
      : string[];

/** The flags given, typed by their spec; absent flags are undefined. */
export type ParsedFlags<S extends FlagSpec = FlagSpec> = { [K in keyof S]?: FlagValue<S[K]> };

/**
 * Reads `--name value`, `--name=value` and boolean `--name` against the flags a command (or script) accepts, with
 * `node:util`'s parseArgs doing the reading. Anything else is a CliError naming it, prefixed with `who` ("layerlab
 * train", "npm run bench"): an unknown flag, a missing or non-numeric value, a flag given twice, a stray argument.
 * A value may start with one dash (`--lr -1`), never with two (`--epochs --json` means the value is missing).
 */
export function parseFlags<S extends FlagSpec>(who: string, args: readonly string[], spec: S): ParsedFlags<S> {
  return readArgs(who, args, spec, false).flags;
}

/** As parseFlags, for a command that also takes plain arguments (`grade --exercise cnn DIR`): the flags and those. */
export function parseFlagsAndArguments<S extends FlagSpec>(
  who: string,
  args: readonly string[],
  spec: S,
): { flags: ParsedFlags<S>; positionals: string[] } {
  return readArgs(who, args, spec, true);
}

function readArgs<S extends FlagSpec>(
  who: string,
  args: readonly string[],
  spec: S,
  positionalsAllowed: boolean,
): { flags: ParsedFlags<S>; positionals: string[] } {
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(
      Object.entries(spec).map(([name, type]) => [
        name,
        { type: type === 'boolean' ? ('boolean' as const) : ('string' as const), multiple: type === 'strings' },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const flags: Record<string, string | number | boolean | string[]> = {};
  const positionals: string[] = [];
  const fail = (message: string) => new CliError(`${who}: ${message}`);
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!positionalsAllowed) throw fail(`unexpected argument "${token.value}"`);
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') throw fail('unexpected argument "--"');
    if (!token.rawName.startsWith('--')) throw fail(`unexpected argument "${args[token.index]}"`);
    const { name } = token;
    const type = spec[name];
    if (type === undefined) {
      const known = Object.keys(spec)
        .map((flag) => `--${flag}`)
        .join(', ');
      throw fail(`unknown flag --${name} (accepted: ${known || 'none'})`);
    }
    if (name in flags && type !== 'strings') throw fail(`--${name} given twice`);
    if (type === 'boolean') {
      if (token.value !== undefined) throw fail(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('--'))) throw fail(`--${name} needs a value`);
    if (type === 'number') {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) throw fail(`--${name} must be a number, got "${value}"`);
      flags[name] = number;
    } else if (type === 'strings') {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    } else {
      flags[name] = value;
    }
  }
  return { flags: flags as ParsedFlags<S>, positionals };
}

/** For scripts: the parsed flags, or the problem on stderr and exit code 2 (bad input), never a stack trace. */
export function parseFlagsOrExit<S extends FlagSpec>(who: string, args: readonly string[], spec: S): ParsedFlags<S> {
  try {
    return parseFlags(who, args, spec);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(error.message);
    process.exit(error.exitCode);
  }
}
