import type { ModelGraph } from '../../shared/graph/model-graph';
import { PROJECT_WEIGHTS_FORMAT, zProjectWeights, type ProjectWeights } from '../../shared/graph/project-weights';
import { layerNamesForGraph } from '../engine/layer-names';
import { InteropError } from './interop-error';
import type { LayerWeights, NamedWeights } from './weights/named-weights';

/** Weights a project file may carry inline; bigger models keep theirs beside it (about 32 M parameters). */
export const MAX_EMBEDDED_WEIGHT_BYTES = 128 * 1024 * 1024;

/** The project file's `weights` field for weights given by node id. */
export function encodeProjectWeights(byNode: ReadonlyMap<string, LayerWeights>, source: string): ProjectWeights {
  let bytes = 0;
  const layers: ProjectWeights['layers'] = {};
  for (const [nodeId, roles] of byNode) {
    const encoded: ProjectWeights['layers'][string] = {};
    for (const [role, tensor] of roles) {
      bytes += tensor.values.length * 4;
      if (bytes > MAX_EMBEDDED_WEIGHT_BYTES) {
        throw new InteropError(
          `The weights are larger than a project file carries (${MAX_EMBEDDED_WEIGHT_BYTES / 1024 / 1024} MB); ` +
            'import without weights (--no-weights)',
        );
      }
      encoded[role] = { shape: [...tensor.shape], data: Buffer.from(littleEndian(tensor.values)).toString('base64') };
    }
    layers[nodeId] = encoded;
  }
  return { format: PROJECT_WEIGHTS_FORMAT, version: 1, source, layers };
}

/**
 * A project file's weights by layer name (the names the engine builds with), ready for `matchWeights`. Throws an
 * InteropError naming the node when the field is malformed or a tensor's bytes do not match its shape.
 */
export function decodeProjectWeights(graph: ModelGraph, raw: unknown): NamedWeights {
  const parsed = zProjectWeights.safeParse(raw);
  if (!parsed.success) {
    throw new InteropError(`The project's weights are not readable: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  }
  const names = layerNamesForGraph(graph);
  const weights: NamedWeights = new Map();
  for (const [nodeId, roles] of Object.entries(parsed.data.layers)) {
    const name = names.get(nodeId);
    if (name == null) continue; // weights of a node that was deleted since
    const layer: LayerWeights = new Map();
    for (const [role, tensor] of Object.entries(roles)) {
      const bytes = Buffer.from(tensor.data, 'base64');
      const count = tensor.shape.reduce((product, dim) => product * dim, 1);
      if (bytes.length !== count * 4) {
        throw new InteropError(
          `The project's weights for node "${nodeId}" (${role}) hold ${bytes.length} bytes, expected ${count * 4} for shape [${tensor.shape}]`,
        );
      }
      const values = new Float32Array(count);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
      layer.set(role, { shape: tensor.shape, values });
    }
    weights.set(name, layer);
  }
  return weights;
}

function littleEndian(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return out;
}
