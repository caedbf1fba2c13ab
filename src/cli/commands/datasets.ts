import { listBuiltinDatasets } from '../../core/datasets';
import { formatTable } from '../format/table';
import { parseFlags } from '../parse-flags';
import type { CliIo } from '../cli-io';

/** `layerlab datasets [--json]`: built-in data sets with their shape and classes. */
export async function datasetsCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('layerlab datasets', args, { json: 'boolean' });
  const datasets = listBuiltinDatasets();
  if (flags.json) {
    io.out(JSON.stringify(datasets));
    return 0;
  }
  io.out(
    formatTable(
      ['ID', 'SHAPE', 'CLASSES', 'DESCRIPTION'],
      datasets.map((d) => [d.id, `[${d.inputShape.join(', ')}]`, String(d.classNames.length), d.description]),
    ),
  );
  return 0;
}
