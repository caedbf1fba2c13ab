import { TEMPLATES } from '../../shared/templates';
import { formatTable } from '../format/table';
import { parseFlags } from '../parse-flags';
import type { CliIo } from '../cli-io';

/** `layerlab templates [--json]`: ids and one-line descriptions. */
export async function templatesCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('layerlab templates', args, { json: 'boolean' });
  const rows = TEMPLATES.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    dataset: t.dataset,
    task: t.task,
  }));
  if (flags.json) io.out(JSON.stringify(rows));
  else
    io.out(
      formatTable(
        ['ID', 'DESCRIPTION'],
        rows.map((t) => [t.id, t.description]),
      ),
    );
  return 0;
}
