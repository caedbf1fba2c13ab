import { InteropError } from '../interop-error';

/** One layer of a Keras/TF.js model config, reduced to what the importer needs. */
export interface KerasLayer {
  name: string;
  className: string;
  config: Record<string, unknown>;
  /** Names of the layers whose outputs it takes, in argument order (merges: the order of their inputs). */
  inbound: string[];
}

/** A model config read as a single-input, single-output graph of layers. */
export interface KerasTopology {
  layers: KerasLayer[];
  input: string;
  output: string;
  /** Keras's own model class (`Sequential`, `Functional`, `Model`). */
  modelClass: string;
  /** The training settings a converted model.json may carry (`training_config`), unparsed. */
  trainingConfig: unknown;
}

/** More layers than this is not a model a student edits on a canvas: refused before any work. */
export const MAX_IMPORTED_LAYERS = 2000;
/** Nesting deeper than this in a layer's inbound nodes is not something Keras writes. */
const MAX_NESTING = 16;

/**
 * Finds the model config in a parsed file and reads its layers: a TF.js layers model.json (tfjs's own `save`, the
 * TF.js converter's output with `model_config`), or a Keras `model.to_json()` (Keras 2 and Keras 3 formats), each
 * Sequential or functional. Structural problems (several inputs or outputs, shared layers, nested models) throw
 * an InteropError naming them.
 */
export function readKerasTopology(file: Record<string, unknown>): KerasTopology {
  const { modelConfig, trainingConfig } = findModelConfig(file);
  const modelClass = stringField(modelConfig, 'class_name', 'the model');
  const config = modelConfig.config;
  if (modelClass === 'Sequential') return { ...readSequential(config), modelClass, trainingConfig };
  if (modelClass === 'Functional' || modelClass === 'Model') {
    return { ...readFunctional(config), modelClass, trainingConfig };
  }
  throw new InteropError(`The model is a ${modelClass}; LayerLab imports Sequential and functional (Model) models`);
}

function findModelConfig(file: Record<string, unknown>): {
  modelConfig: Record<string, unknown>;
  trainingConfig: unknown;
} {
  if (file.format === 'graph-model' || (isRecord(file.modelTopology) && 'node' in file.modelTopology)) {
    throw new InteropError(
      'This is a TF.js graph model (converted from a SavedModel or frozen graph): it has no layers to edit. ' +
        'Convert the Keras model (.h5 or .keras) with tensorflowjs_converter --input_format keras instead',
    );
  }
  const topology = isRecord(file.modelTopology) ? file.modelTopology : file;
  const modelConfig = isRecord(topology.model_config) ? topology.model_config : topology;
  if (typeof modelConfig.class_name !== 'string' || !('config' in modelConfig)) {
    throw new InteropError(
      'Not a model LayerLab can import: expected a TF.js layers model.json (with modelTopology) or the JSON of ' +
        "Keras's model.to_json() (with class_name and config)",
    );
  }
  return { modelConfig, trainingConfig: topology.training_config ?? file.training_config ?? null };
}

function readSequential(config: unknown): Pick<KerasTopology, 'layers' | 'input' | 'output'> {
  // Keras 2.2 wrote a Sequential's config as the bare list of layers.
  const list = Array.isArray(config) ? config : isRecord(config) ? config.layers : undefined;
  const entries = layerList(list);
  const layers: KerasLayer[] = [];
  const names = new Set<string>();
  entries.forEach((entry, i) => {
    const layer = readLayer(entry, i);
    if (i === 0 && layer.className !== 'InputLayer') {
      // Keras 2 keeps the input shape on the first layer instead of an InputLayer.
      const shape = layer.config.batch_input_shape ?? layer.config.batch_shape;
      if (shape === undefined) {
        throw new InteropError(`The Sequential model has no input shape (no InputLayer, no batch_input_shape)`);
      }
      const name = freeName('input', entries);
      layers.push({ name, className: 'InputLayer', config: { batch_input_shape: shape }, inbound: [] });
      names.add(name);
    }
    if (names.has(layer.name)) throw new InteropError(`Two layers are named "${layer.name}"`);
    names.add(layer.name);
    const previous = layers[layers.length - 1];
    layers.push({ ...layer, inbound: previous ? [previous.name] : [] });
  });
  return { layers, input: layers[0].name, output: layers[layers.length - 1].name };
}

function readFunctional(config: unknown): Pick<KerasTopology, 'layers' | 'input' | 'output'> {
  if (!isRecord(config)) throw new InteropError('The functional model has no config object');
  const layers: KerasLayer[] = [];
  const names = new Set<string>();
  layerList(config.layers).forEach((entry, i) => {
    const layer = readLayer(entry, i);
    if (names.has(layer.name)) throw new InteropError(`Two layers are named "${layer.name}"`);
    names.add(layer.name);
    const nodes = Array.isArray(entry.inbound_nodes) ? entry.inbound_nodes : [];
    if (nodes.length > 1) {
      throw new InteropError(
        `Layer "${layer.name}" is applied ${nodes.length} times (shared weights); LayerLab gives each layer one use`,
      );
    }
    const inbound = nodes.length === 0 ? [] : tensorSources(nodes[0], 0).map(([source]) => source);
    layers.push({ ...layer, inbound });
  });
  const inputs = endpointNames(config.input_layers, 'input_layers');
  const outputs = endpointNames(config.output_layers, 'output_layers');
  if (inputs.length !== 1) {
    throw new InteropError(`The model has ${inputs.length} inputs (${inputs.join(', ')}); LayerLab models have one`);
  }
  if (outputs.length !== 1) {
    throw new InteropError(`The model has ${outputs.length} outputs (${outputs.join(', ')}); LayerLab models have one`);
  }
  for (const layer of layers) {
    for (const source of layer.inbound) {
      if (!names.has(source))
        throw new InteropError(`Layer "${layer.name}" takes the output of "${source}", which is not in the model`);
    }
  }
  for (const name of [...inputs, ...outputs]) {
    if (!names.has(name)) throw new InteropError(`The model's input or output "${name}" is not one of its layers`);
  }
  return { layers, input: inputs[0], output: outputs[0] };
}

function layerList(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value) || value.length === 0) throw new InteropError('The model has no list of layers');
  if (value.length > MAX_IMPORTED_LAYERS) {
    throw new InteropError(`The model has ${value.length} layers; LayerLab imports at most ${MAX_IMPORTED_LAYERS}`);
  }
  return value.map((entry, i) => {
    if (!isRecord(entry)) throw new InteropError(`Layer ${i + 1} of the model is not an object`);
    return entry;
  });
}

function readLayer(entry: Record<string, unknown>, index: number): Omit<KerasLayer, 'inbound'> {
  const className = stringField(entry, 'class_name', `layer ${index + 1}`);
  const config = isRecord(entry.config) ? entry.config : {};
  const name = typeof entry.name === 'string' ? entry.name : typeof config.name === 'string' ? config.name : null;
  if (name == null || name === '' || name.length > 200 || name === '__proto__') {
    throw new InteropError(`Layer ${index + 1} (${className}) has no usable name`);
  }
  if (['Sequential', 'Functional', 'Model'].includes(className)) {
    throw new InteropError(
      `Layer "${name}" is a whole ${className} model inside the model; LayerLab imports flat models`,
    );
  }
  return { name, className, config };
}

/**
 * The (layer, tensor index) pairs an inbound node refers to, in order. Keras 2 writes `[[name, node, tensor,
 * kwargs], ...]`; Keras 3 writes `{args: [...], kwargs}` with `{class_name: '__keras_tensor__', config:
 * {keras_history: [name, node, tensor]}}` tensors, a list of them for merges.
 */
function tensorSources(value: unknown, depth: number): [string, number][] {
  if (depth > MAX_NESTING) throw new InteropError("A layer's inbound nodes are nested too deeply");
  if (isRecord(value)) {
    if (value.class_name === '__keras_tensor__' && isRecord(value.config)) {
      return tensorSources(value.config.keras_history, depth + 1);
    }
    if ('keras_history' in value) return tensorSources(value.keras_history, depth + 1);
    if ('args' in value) return tensorSources(value.args, depth + 1);
    return [];
  }
  if (!Array.isArray(value)) return [];
  if (isHistory(value)) return [[value[0] as string, value[2] as number]];
  return value.flatMap((item) => tensorSources(item, depth + 1));
}

/** `[name, node index, tensor index, ...]`: one reference to a layer's output. */
function isHistory(value: unknown[]): boolean {
  return typeof value[0] === 'string' && typeof value[1] === 'number' && typeof value[2] === 'number';
}

function endpointNames(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) throw new InteropError(`The functional model has no ${field}`);
  // One endpoint may be written bare ([name, 0, 0]) or in a list ([[name, 0, 0]]).
  const entries = isHistory(value) ? [value] : value;
  return entries.map((entry) => {
    if (!Array.isArray(entry) || !isHistory(entry)) throw new InteropError(`The model's ${field} are unreadable`);
    if (entry[2] !== 0)
      throw new InteropError(`${field} refers to output ${entry[2]} of "${entry[0]}"; LayerLab layers have one`);
    return entry[0] as string;
  });
}

function freeName(base: string, entries: Record<string, unknown>[]): string {
  const taken = new Set(entries.map((entry) => (isRecord(entry.config) ? entry.config.name : entry.name)));
  let name = base;
  for (let suffix = 2; taken.has(name); suffix++) name = `${base}_${suffix}`;
  return name;
}

function stringField(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw new InteropError(`${where} has no ${key}`);
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
