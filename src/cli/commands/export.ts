import path from 'node:path';
import { EXPORT_FORMATS, isExportFormat } from '../../shared/interop/export-formats';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { parseFlags } from '../parse-flags';
import { keepUnknownFieldsIn } from '../keep-unknown-fields';
import { resolveProject, type ResolvedProject } from '../resolve-project';
import { PROJECT_FILE } from '../../core/engine/export-model';

const FLAGS = {
  template: 'string',
  project: 'string',
  format: 'string',
  out: 'string',
  dataset: 'string',
  data: 'string',
  x: 'string',
  y: 'string',
  from: 'string',
  task: 'string',
} as const;

/**
 * `layerlab export`: the project as TensorFlow.js, PyTorch or Keras code, or ONNX, in --out DIR; with --dataset or
 * --data the data goes along as data.npz, with --from RUN_DIR the weights a `layerlab train --out` run left there.
 */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('layerlab export', args, FLAGS);
  const format = flags.format;
  if (format === undefined || !isExportFormat(format)) {
    const given = format === undefined ? 'missing' : `"${format}" is not one of them`;
    throw new CliError(`layerlab export: --format ${EXPORT_FORMATS.join('|')} is required (${given})`);
  }
  if (flags.out === undefined) throw new CliError('layerlab export: --out DIR is required');
  const outDir = path.resolve(flags.out);
  (await import('@tensorflow/tfjs')).enableProdMode();
  const { exportProject } = await import('../../core/interop/export-project');

  const { readRunDir } = await import('../../core/interop/run-dir');
  const run = flags.from === undefined ? null : await readRunDir(flags.from);
  const project =
    run != null && flags.template === undefined && flags.project === undefined
      ? await resolveProject('export', { ...flags, project: path.join(run.dir, 'project.layerlab.json') })
      : await resolveProject('export', flags);
  const explicitData = flags.dataset !== undefined || flags.data !== undefined;

  const result = await exportProject({
    format,
    graph: project.graph,
    training: project.training,
    dataset: project.dataset,
    task: project.task,
    projectName: projectName(project, run?.dir),
    ...(explicitData ? { data: project.dataset } : {}),
    ...(run ? { weights: { source: run.weights, origin: run.dir } } : {}),
    outDir,
  });
  const written = result.files.find((file) => path.basename(file) === PROJECT_FILE);
  if (written !== undefined) await keepUnknownFieldsIn(written, project.file);
  const names = result.files.map((file) => path.basename(file)).join(', ');
  io.out(
    `Exported ${result.plan.projectName} as ${format} to ${outDir}: ${names} ` +
      `(${result.plan.totalParams.toLocaleString('en-US')} parameters${run ? ', trained weights' : ''})`,
  );
  return 0;
}

/** `cnn` for a template, the file name for a project (`my-net.layerlab.json` → `my-net`), the folder for a run. */
function projectName(project: ResolvedProject, runDir: string | undefined): string {
  if (project.origin.startsWith('template ')) return project.origin.slice('template '.length);
  const base = path.basename(project.origin).replace(/(\.layerlab)?\.json$/i, '');
  return base === 'project' && runDir ? path.basename(runDir) : base;
}
