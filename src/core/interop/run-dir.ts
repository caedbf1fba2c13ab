import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseProjectFile, type ProjectFile } from '../../shared/graph/project-file';
import { HISTORY_CSV, PROJECT_FILE } from '../engine/export-model';
import { MODEL_JSON } from '../engine/file-io-handler';
import { InteropError } from './interop-error';
import { groupWeightsByLayer, type NamedWeights } from './weights/named-weights';
import { readWeightsManifest, zWeightsManifest } from './weights/tfjs-weights-file';

/** model.json files larger than this are refused unread (a model's topology is kilobytes). */
export const MAX_MODEL_JSON_BYTES = 32 * 1024 * 1024;

/** What `layerlab train --out DIR` (or the app's export) left in a folder: the project and the trained weights. */
export interface RunDir {
  dir: string;
  project: ProjectFile;
  weights: NamedWeights;
}

/** Reads a run folder: project.layerlab.json, model.json and its weight files; each problem names the file. */
export async function readRunDir(dir: string): Promise<RunDir> {
  const full = path.resolve(dir);
  const info = await stat(full).catch(() => null);
  if (info == null || !info.isDirectory()) throw new InteropError(`Run folder not found: ${full}`);
  const projectPath = path.join(full, PROJECT_FILE);
  const projectText = await readFile(projectPath, 'utf8').catch(() => null);
  if (projectText == null) {
    throw new InteropError(
      `${full} has no ${PROJECT_FILE}: is it a folder written by layerlab train --out (model.json, weights, ` +
        `${PROJECT_FILE}, ${HISTORY_CSV})?`,
    );
  }
  const parsed = parseProjectFile(projectText);
  if (!parsed.ok) throw new InteropError(`${projectPath}: ${parsed.error}`);
  const modelJson = await readModelJson(path.join(full, MODEL_JSON));
  const manifest = zWeightsManifest.safeParse(modelJson.weightsManifest);
  if (!manifest.success) throw new InteropError(`${path.join(full, MODEL_JSON)} has no readable weightsManifest`);
  const flat = await readWeightsManifest(full, manifest.data);
  return { dir: full, project: parsed.project, weights: groupWeightsByLayer(flat) };
}

/** A model.json as a JSON object, read only when it is a reasonably sized file. */
export async function readModelJson(file: string): Promise<Record<string, unknown>> {
  const info = await stat(file).catch(() => null);
  if (info == null || !info.isFile()) throw new InteropError(`${file} not found`);
  if (info.size > MAX_MODEL_JSON_BYTES) {
    throw new InteropError(
      `${file} is ${info.size} bytes; a model.json larger than ${MAX_MODEL_JSON_BYTES} is refused`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    // A RangeError here is JSON nested too deeply for the parser: hostile or broken either way.
    throw new InteropError(`${file} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InteropError(`${file} is not a model.json: expected a JSON object`);
  }
  return raw as Record<string, unknown>;
}
