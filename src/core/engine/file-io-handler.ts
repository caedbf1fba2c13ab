import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../services/atomic-write';
import { makeWritableFolder } from '../services/make-folder';

/** File names of a saved model, as tfjs's own `file://` handler (tfjs-node) writes them. */
export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/**
 * Saves a model as TensorFlow.js layers format (model.json + weights.bin) with plain node:fs: tfjs's `file://`
 * handler exists only in tfjs-node, which is optional. Each file is written to a temp name and renamed, so a
 * crash never leaves a half-written model.json beside old weights.
 */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    await makeWritableFolder(dir);
    const weightData =
      artifacts.weightData == null
        ? new ArrayBuffer(0)
        : tf.io.concatenateArrayBuffers(toBuffers(artifacts.weightData));
    const modelJson = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format ?? 'layers-model',
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
    };
    await writeAtomically(path.join(dir, WEIGHTS_BIN), new Uint8Array(weightData));
    await writeAtomically(path.join(dir, MODEL_JSON), JSON.stringify(modelJson));
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  });
}

/** Reads what `fileSaveHandler` (or any single-shard tfjs layers export) wrote, for `tf.loadLayersModel`. */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const modelJson = JSON.parse(await readFile(path.join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      for (const group of modelJson.weightsManifest) {
        for (const spec of group.weights) weightSpecs.push(spec);
        for (const shard of group.paths) {
          const bytes = await readFile(path.join(dir, shard));
          buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
        }
      }
      return {
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs,
        weightData: tf.io.concatenateArrayBuffers(buffers),
      };
    },
  };
}

function toBuffers(data: ArrayBuffer | ArrayBuffer[]): ArrayBuffer[] {
  return Array.isArray(data) ? data : [data];
}

function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomic(file, data);
}
