import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';

export async function importCommand(_args: string[], _io: CliIo): Promise<number> {
  throw new CliError('layerlab import: not yet');
}
