import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { finishInterruptedWrite } from '../core/services/atomic-write';
import path from 'node:path';
import type { ModelGraph } from '../shared/graph/model-graph';
import { parseProjectFile, type ProjectFile } from '../shared/graph/project-file';
import { trainingRequest, type StartTrainingRequest } from '../shared/ipc/training-protocol';
import { getTemplate, TEMPLATES } from '../shared/templates';
import type { DatasetRef } from '../shared/training/dataset';
import { MAX_MAX_MEMORY_MB, MIN_MAX_MEMORY_MB } from '../shared/training/memory-limit';
import { zTrainConfig, type TrainConfig } from '../shared/training/train-config';
import { TASKS, type Task } from '../shared/training/task';
import { CliError } from './cli-error';
import type { ParsedFlags } from './parse-flags';

export interface ResolvedProject {
  graph: ModelGraph;
  training: TrainConfig;
  dataset: DatasetRef;
  /** From `--task`, else the template or the project file (a version-1 file gets it when it is upgraded). */
  task: Task;
  /** "template cnn" or the project file's path, for messages. */
  origin: string;
  /** The project file as read (with the fields this version does not know), when it came from one. */
  file?: ProjectFile;
}

/** The graph, training config and dataset named by `--template ID | --project FILE` and `--dataset ID | --data FILE`. */
export async function resolveProject(command: string, flags: ParsedFlags): Promise<ResolvedProject> {
  const templateId = flags.template as string | undefined;
  const projectPath = flags.project as string | undefined;
  if ((templateId === undefined) === (projectPath === undefined)) {
    throw new CliError(`layerlab ${command}: give exactly one of --template ID or --project FILE`);
  }
  let resolved: ResolvedProject;
  if (templateId !== undefined) {
    const template = getTemplate(templateId);
    if (template == null) {
      throw new CliError(
        `layerlab ${command}: unknown template "${templateId}" (known: ${TEMPLATES.map((t) => t.id).join(', ')})`,
      );
    }
    resolved = {
      graph: template.graph,
      training: template.training,
      dataset: template.dataset,
      task: template.task,
      origin: `template ${template.id}`,
    };
  } else {
    resolved = await readProject(projectPath!);
  }
  const dataset = datasetFromFlags(command, flags) ?? resolved.dataset;
  if (dataset.kind === 'builtin') await checkBuiltinDataset(dataset.id);
  const task = taskFromFlags(command, flags) ?? resolved.task;
  return { ...resolved, dataset, task };
}

function taskFromFlags(command: string, flags: ParsedFlags): Task | undefined {
  const task = flags.task;
  if (task === undefined) return undefined;
  if (!(TASKS as readonly unknown[]).includes(task))
    throw new CliError(`layerlab ${command}: --task must be one of ${TASKS.join(', ')}, got "${String(task)}"`);
  return task as Task;
}

/** An unknown built-in id is bad input, named with the known ones, before any data is read. */
async function checkBuiltinDataset(id: string): Promise<void> {
  const { listBuiltinDatasets } = await import('../core/datasets');
  const known = listBuiltinDatasets().map((d) => d.id);
  if (!known.includes(id)) throw new CliError(`Unknown dataset "${id}" (known: ${known.join(', ')})`);
}

async function readProject(file: string): Promise<ResolvedProject> {
  const full = path.resolve(file);
  if (!existsSync(full)) throw new CliError(`Project file not found: ${full}`);
  let text: string;
  try {
    // A save to a hard-linked file that was killed half way is finished first (see writeFileAtomic).
    await finishInterruptedWrite(full);
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read project file ${full}: ${(error as Error).message}`);
  }
  const parsed = parseProjectFile(text);
  if (!parsed.ok) throw new CliError(`${full}: ${parsed.error}`);
  const { graph, training, dataset, task } = parsed.project;
  return { graph, training, dataset, task, origin: full, file: parsed.project };
}

/** The data named by `--dataset ID` or `--data FILE` (with `--x`/`--y`), or null when neither is given. */
export function datasetFromFlags(command: string, flags: ParsedFlags): DatasetRef | null {
  const id = flags.dataset as string | undefined;
  const file = flags.data as string | undefined;
  if (id !== undefined && file !== undefined)
    throw new CliError(`layerlab ${command}: give --dataset ID or --data FILE, not both`);
  if ((flags.x !== undefined || flags.y !== undefined) && file === undefined) {
    throw new CliError(`layerlab ${command}: --x and --y name arrays or columns of a --data FILE`);
  }
  if (id !== undefined) return { kind: 'builtin', id };
  if (file === undefined) return null;
  const full = path.resolve(file);
  if (!existsSync(full)) throw new CliError(`Data file not found: ${full}`);
  return {
    kind: 'file',
    path: full,
    ...(flags.x === undefined ? {} : { x: String(flags.x) }),
    ...(flags.y === undefined ? {} : { y: String(flags.y) }),
  };
}

/**
 * `--max-memory MB`: the memory the data may take once loaded (TrainConfig.maxMemoryMB's range), or undefined when
 * the flag is absent (the project's setting, else the default, applies).
 */
export function memoryLimitFromFlags(command: string, flags: ParsedFlags): number | undefined {
  const value = flags['max-memory'];
  if (value === undefined) return undefined;
  const parsed = zTrainConfig.shape.maxMemoryMB.safeParse(value);
  if (!parsed.success) {
    throw new CliError(
      `layerlab ${command}: invalid --max-memory ${JSON.stringify(value)}: a whole number of MB from ${MIN_MAX_MEMORY_MB} to ${MAX_MAX_MEMORY_MB}`,
    );
  }
  return parsed.data;
}

/** The request a train command sends to the engine: the project with the flags' training settings, and its task. */
export function toStartRequest(project: ResolvedProject, training: TrainConfig): StartTrainingRequest {
  return trainingRequest({ ...project, training });
}
