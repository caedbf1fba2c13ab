import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serializeProject } from '../../shared/graph/project-file';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { parseFlags } from '../parse-flags';

const FLAGS = { out: 'string', 'no-weights': 'boolean' } as const;

/**
 * `layerlab import MODEL_JSON [--out FILE] [--no-weights]`: a TF.js layers model.json or a Keras model.to_json()
 * file as a LayerLab project (stdout without --out). Unsupported layers or options: each is named, exit 2, no file.
 */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || file.startsWith('--')) {
    throw new CliError('layerlab import: give the model file first: layerlab import MODEL_JSON [--out FILE]');
  }
  const flags = parseFlags('layerlab import', rest, FLAGS);
  (await import('@tensorflow/tfjs')).enableProdMode();
  const { importModelFile } = await import('../../core/interop/import/import-model');
  const result = await importModelFile(file, { weights: flags['no-weights'] !== true });
  const text = serializeProject(result.project);
  if (flags.out === undefined) io.out(text.trimEnd());
  else {
    const out = path.resolve(flags.out);
    const temp = `${out}.${process.pid}.tmp`;
    try {
      await writeFile(temp, text, 'utf8');
      await rename(temp, out);
    } catch (error) {
      throw new CliError(`Cannot write ${out}: ${(error as Error).message}`);
    }
  }
  io.err(
    `Imported ${result.layers} layers (${result.params.toLocaleString('en-US')} parameters) from ${path.resolve(file)}` +
      `${flags.out === undefined ? '' : ` into ${path.resolve(flags.out)}`}`,
  );
  for (const note of result.notes) io.err(`  ${note}`);
  return 0;
}
