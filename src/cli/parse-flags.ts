import { CliError } from './cli-error';

export type FlagType = 'string' | 'number' | 'boolean';
export type FlagSpec = Record<string, FlagType>;
export type ParsedFlags = Record<string, string | number | boolean | undefined>;

/**
 * Parses `--name value`, `--name=value` and boolean `--name` against the flags a command accepts. Anything else
 * (an unknown flag, a missing or non-numeric value, a stray argument) is a CliError naming it.
 */
export function parseFlags(command: string, args: readonly string[], spec: FlagSpec): ParsedFlags {
  const flags: ParsedFlags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new CliError(`layerlab ${command}: unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const type = spec[name];
    if (type === undefined) {
      const known = Object.keys(spec)
        .map((flag) => `--${flag}`)
        .join(', ');
      throw new CliError(`layerlab ${command}: unknown flag --${name} (accepted: ${known || 'none'})`);
    }
    if (name in flags) throw new CliError(`layerlab ${command}: --${name} given twice`);
    if (type === 'boolean') {
      if (eq >= 0) throw new CliError(`layerlab ${command}: --${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      i++;
    }
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      throw new CliError(`layerlab ${command}: --${name} needs a value`);
    if (type === 'number') {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number))
        throw new CliError(`layerlab ${command}: --${name} must be a number, got "${value}"`);
      flags[name] = number;
    } else {
      flags[name] = value;
    }
  }
  return flags;
}
