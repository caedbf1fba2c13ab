import path from 'node:path';
import { exerciseStartProject } from '../../shared/exercises/exercise-project';
import { PROJECT_FORMAT, PROJECT_VERSION, type ProjectFile, serializeProject } from '../../shared/graph/project-file';
import { getTemplate, TEMPLATES } from '../../shared/templates';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { parseFlags } from '../parse-flags';
import { exerciseFromFlags } from '../resolve-exercise';
import { writeNewFile } from './exercises';

const FLAGS = { template: 'string', exercise: 'string', out: 'string' } as const;

/**
 * `layerlab new (--template ID | --exercise ID|FILE) [--out FILE]`: a new project file from a template, or an
 * exercise's starting project; on stdout without --out. Never overwrites a file.
 */
export async function newCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags('layerlab new', args, FLAGS);
  if ((flags.template === undefined) === (flags.exercise === undefined))
    throw new CliError('layerlab new: give exactly one of --template ID or --exercise ID|FILE');
  const project = flags.template !== undefined ? templateProject(String(flags.template)) : null;
  const text = serializeProject(project ?? exerciseStartProject(await exerciseFromFlags('new', flags)));
  if (flags.out === undefined) {
    io.out(text.trimEnd());
    return 0;
  }
  const file = path.resolve(String(flags.out));
  await writeNewFile('new', file, text);
  io.err(`Wrote ${file}`);
  return 0;
}

function templateProject(id: string): ProjectFile {
  const template = getTemplate(id);
  if (template === undefined)
    throw new CliError(`layerlab new: unknown template "${id}" (known: ${TEMPLATES.map((t) => t.id).join(', ')})`);
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    graph: template.graph,
    training: template.training,
    dataset: template.dataset,
    task: template.task,
  };
}
