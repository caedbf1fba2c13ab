import * as tf from '@tensorflow/tfjs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InteropError } from '../interop-error';
import type { WeightTensor } from './named-weights';

/** Weights bigger than this are refused before anything is read (about 128 M float32 parameters). */
export const MAX_WEIGHT_BYTES = 512 * 1024 * 1024;

const zWeightEntry = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()).max(8),
  dtype: z.string(),
  quantization: z
    .object({
      dtype: z.enum(['uint8', 'uint16', 'float16']),
      scale: z.number().optional(),
      min: z.number().optional(),
    })
    .optional(),
});

/** `weightsManifest` of a TF.js model.json: groups of weights, each stored in one or more shard files. */
export const zWeightsManifest = z.array(
  z.object({ paths: z.array(z.string().min(1)).max(10_000), weights: z.array(zWeightEntry).max(100_000) }),
);

export type WeightsManifest = z.infer<typeof zWeightsManifest>;

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1 };
const QUANTIZED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2 };

/**
 * Reads the weights a model.json's manifest describes from the shard files beside it, as float32 tensors by
 * weight name. Bounded: shard paths must stay inside `dir`, every shard must exist, the byte count must be exactly
 * what the manifest declares, and the total at most MAX_WEIGHT_BYTES; each failure names the file and the numbers.
 */
export async function readWeightsManifest(dir: string, manifest: WeightsManifest): Promise<Map<string, WeightTensor>> {
  const weights = new Map<string, WeightTensor>();
  let total = 0;
  const groups = manifest.map((group, g) => {
    const expected = group.weights.reduce((sum, entry) => sum + entryBytes(entry), 0);
    total += expected;
    const files = group.paths.map((shard) => shardPath(dir, shard, g));
    return { group, expected, files };
  });
  if (total > MAX_WEIGHT_BYTES) {
    throw new InteropError(
      `The weights take ${formatBytes(total)}, more than LayerLab loads (${formatBytes(MAX_WEIGHT_BYTES)})`,
    );
  }
  for (const { group, expected, files } of groups) {
    let present = 0;
    for (const file of files) present += await shardSize(file);
    if (present !== expected) {
      const which = files.map((file) => path.basename(file)).join(', ');
      throw new InteropError(
        `The weight file${files.length === 1 ? '' : 's'} ${which} hold${files.length === 1 ? 's' : ''} ${present} bytes, ` +
          `but model.json describes ${expected} (${present < expected ? 'truncated or the wrong file' : 'extra data: the wrong file?'})`,
      );
    }
    if (group.weights.length === 0) continue;
    const buffers: ArrayBuffer[] = [];
    for (const file of files) {
      const bytes = await readFile(file);
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
    const decoded = tf.io.decodeWeights(
      tf.io.concatenateArrayBuffers(buffers),
      group.weights as tf.io.WeightsManifestEntry[],
    );
    try {
      for (const entry of group.weights) {
        if (weights.has(entry.name)) throw new InteropError(`model.json lists the weight "${entry.name}" twice`);
        const tensor = decoded[entry.name];
        weights.set(entry.name, { shape: [...entry.shape], values: Float32Array.from(tensor.dataSync()) });
      }
    } finally {
      tf.dispose(Object.values(decoded));
    }
  }
  return weights;
}

function entryBytes(entry: z.infer<typeof zWeightEntry>): number {
  const elements = entry.shape.reduce((product, dim) => product * dim, 1);
  const size = entry.quantization ? QUANTIZED_BYTES[entry.quantization.dtype] : BYTES_PER_ELEMENT[entry.dtype];
  if (size === undefined) {
    throw new InteropError(`The weight "${entry.name}" has dtype ${entry.dtype}; LayerLab reads float32, int32, bool`);
  }
  const bytes = elements * size;
  if (!Number.isSafeInteger(bytes) || bytes > MAX_WEIGHT_BYTES) {
    throw new InteropError(
      `The weight "${entry.name}" has shape [${entry.shape.join(', ')}], more than LayerLab loads (${formatBytes(MAX_WEIGHT_BYTES)})`,
    );
  }
  return bytes;
}

/** A shard's path, refused when it would leave the model's folder (`../../secret`, an absolute path, a URL). */
function shardPath(dir: string, shard: string, group: number): string {
  const resolved = path.resolve(dir, shard);
  const relative = path.relative(dir, resolved);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(shard) || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new InteropError(
      `weightsManifest[${group}] names the weight file "${shard}", which is not in the model's folder`,
    );
  }
  return resolved;
}

async function shardSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new InteropError(`The weight file ${file} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof InteropError) throw error;
    throw new InteropError(
      `The weight file ${path.basename(file)} named in model.json is missing from ${path.dirname(file)}`,
    );
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}
