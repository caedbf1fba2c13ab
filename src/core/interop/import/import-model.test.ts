import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LayerConfig } from '../../../shared/layers/layer-definition';
import { parseProjectFile, serializeProject } from '../../../shared/graph/project-file';
import { LAYER_KINDS } from '../../../shared/graph/model-graph';
import { PROJECT_FILE } from '../../engine/export-model';
import { writeExportFiles } from '../export-file';
import { planExport, type ExportPlan } from '../export-plan';
import { decodeProjectWeights } from '../project-weights';
import { TFJS_EXPORTER } from '../tfjs/export-tfjs';
import { interopCases } from '../testing/interop-cases';
import {
  CONVERTER_WEIGHT_COUNT,
  converterModelJson,
  KERAS2_SEQUENTIAL,
  KERAS2_UNSUPPORTED,
  KERAS3_FUNCTIONAL,
} from '../testing/keras-fixtures';
import { maxAbsDiff, predictWith, prepareCase } from '../testing/prepared-case';
import { applyWeights } from '../weights/tfjs-model-weights';
import { importModelFile } from './import-model';

const work = mkdtempSync(path.join(tmpdir(), 'layerlab-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeJson(name: string, value: unknown): string {
  const file = path.join(work, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

/** What must survive a round trip, per layer: kind, settings (pool strides spelled out), inputs, shape, params. */
function describeLayers(plan: ExportPlan, nameOf: (id: string) => string) {
  return Object.fromEntries(
    plan.layers.map((layer) => {
      const config: LayerConfig = { ...layer.config };
      if ((layer.kind === 'MaxPool2D' || layer.kind === 'AvgPool2D') && config.strides == null)
        config.strides = config.poolSize;
      return [
        nameOf(layer.id),
        { kind: layer.kind, config, inputs: layer.inputs.map(nameOf), shape: layer.outputShape, params: layer.params },
      ];
    }),
  );
}

describe('importing TF.js layers models (LayerLab exports)', () => {
  const cases = interopCases();
  it('covers every layer kind', () => {
    const kinds = new Set(cases.flatMap((c) => c.graph.nodes.map((node) => node.kind)));
    expect([...kinds].sort()).toEqual([...LAYER_KINDS].sort());
  });

  it.each(cases.map((c, i) => [c.name, i] as const))(
    '%s: exported then imported has the same layers, shapes, parameters and predictions',
    async (name, index) => {
      const interopCase = cases[index];
      const prepared = prepareCase(interopCase, 300 + index);
      const original = planExport({ ...interopCase, projectName: name });
      const dir = path.join(work, 'roundtrip', name);
      const project = {
        graph: interopCase.graph,
        training: interopCase.training,
        dataset: { kind: 'builtin' as const, id: 'fonts' },
        task: interopCase.task,
      };
      await writeExportFiles(
        dir,
        await TFJS_EXPORTER.files({ plan: original, project, weights: prepared.weights, withData: false }),
      );

      const result = await importModelFile(path.join(dir, 'model.json'));
      const imported = result.project;
      expect(parseProjectFile(serializeProject(imported)).ok).toBe(true);
      expect(imported.training).toEqual(interopCase.training);
      expect(imported.task).toBe(interopCase.task);
      const again = planExport({
        graph: imported.graph,
        training: imported.training,
        task: imported.task,
        projectName: name,
      });
      const names = new Map(original.layers.map((layer) => [layer.id, layer.name]));
      expect(describeLayers(again, (id) => id)).toEqual(describeLayers(original, (id) => names.get(id)!));
      expect(again.totalParams).toBe(original.totalParams);
      expect(result.params).toBe(original.totalParams);
      expect(result.weightsAttached).toBe(true);

      const weights = decodeProjectWeights(imported.graph, imported.weights);
      const predicted = predictWith(imported.graph, weights, prepared.inputs, applyWeights);
      expect(maxAbsDiff(predicted, prepared.expected.values)).toBe(0);
    },
  );

  it('keeps the fields this version does not know of the project file beside the model', async () => {
    const from = path.join(work, 'roundtrip', 'cnn');
    const dir = path.join(work, 'unknown-fields');
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(from)) copyFileSync(path.join(from, name), path.join(dir, name));
    const beside = JSON.parse(readFileSync(path.join(dir, PROJECT_FILE), 'utf8'));
    beside.notes = { teacher: 'week 3' };
    beside.training.warmupEpochs = 2;
    beside.dataset.license = 'CC-BY-4.0';
    writeFileSync(path.join(dir, PROJECT_FILE), JSON.stringify(beside));
    const imported = (await importModelFile(path.join(dir, 'model.json'))).project as Record<string, unknown>;
    expect(imported.notes).toEqual({ teacher: 'week 3' });
    expect(imported.training).toMatchObject({ warmupEpochs: 2 });
    expect(imported.dataset).toMatchObject({ license: 'CC-BY-4.0' });
    expect(parseProjectFile(serializeProject(imported as never)).ok).toBe(true);
  });

  it('imports the architecture alone with --no-weights', async () => {
    const dir = path.join(work, 'roundtrip', 'cnn');
    const result = await importModelFile(path.join(dir, 'model.json'), { weights: false });
    expect(result.project.weights).toBeUndefined();
    expect(result.notes).toContain('weights not imported (--no-weights)');
  });
});

describe("importing Keras's model.to_json() and the TF.js converter's model.json", () => {
  it('reads a Keras 2 Sequential whose first layer carries the input shape', async () => {
    const result = await importModelFile(writeJson('keras2.json', KERAS2_SEQUENTIAL));
    const { graph } = result.project;
    expect(graph.nodes.map((n) => [n.id, n.kind])).toEqual([
      ['input', 'Input'],
      ['conv2d', 'Conv2D'],
      ['max_pooling2d', 'MaxPool2D'],
      ['flatten', 'Flatten'],
      ['dense', 'Dense'],
      ['dropout', 'Dropout'],
      ['dense_1', 'Dense'],
    ]);
    expect(graph.nodes[1].config).toEqual({
      filters: 2,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'valid',
      activation: 'relu',
      useBias: true,
      kernelInitializer: 'glorotUniform',
    });
    expect(graph.nodes[4].config.kernelInitializer).toBe('heNormal');
    expect(graph.outputId).toBe('dense_1');
    // (10-2)/2 = 4 → 4·4·2 = 32 → 8 → 3
    expect(result.params).toBe(3 * 3 * 1 * 2 + 2 + 32 * 8 + 8 + 8 * 3 + 3);
    expect(result.weightsAttached).toBe(false);
    expect(result.notes.join('\n')).toMatch(/carries no weights/);
    // Rows follow the data: each layer one row below its input.
    expect(graph.nodes.map((n) => n.position.y)).toEqual([0, 110, 220, 330, 440, 550, 660]);
  });

  it('reads a Keras 3 functional model with a residual Add and a Concatenate, keeping the merge order', async () => {
    const result = await importModelFile(writeJson('keras3.json', KERAS3_FUNCTIONAL));
    const { graph } = result.project;
    expect(graph.nodes.map((n) => n.kind)).toEqual([
      'Input',
      'Conv2D',
      'BatchNorm',
      'Activation',
      'Add',
      'Concatenate',
      'AvgPool2D',
      'Flatten',
      'Dense',
      'Softmax',
    ]);
    const into = (target: string) =>
      graph.edges.filter((e) => e.target === target).map((e) => [e.source, e.targetPort ?? null]);
    expect(into('skip')).toEqual([
      ['relu_a', 0],
      ['pixels', 1],
    ]);
    expect(into('both')).toEqual([
      ['skip', 0],
      ['pixels', 1],
    ]);
    expect(graph.nodes.find((n) => n.id === 'relu_a')?.config).toEqual({ activation: 'relu' });
    expect(graph.nodes.find((n) => n.id === 'conv_a')?.config.useBias).toBe(false);
    // 8×8×2 → conv 2 (no bias) 36 → BN 8 → pool 4×4×4 = 64 → Dense 4: 260
    expect(result.params).toBe(36 + 8 + 64 * 4 + 4);
    // The skip branch sits beside the main path, not on top of it.
    const pixels = graph.nodes.find((n) => n.id === 'pixels')!.position;
    const skip = graph.nodes.find((n) => n.id === 'skip')!.position;
    expect(skip.y).toBeGreaterThan(pixels.y);
  });

  it("finds weights stored behind the model's scope (sequential/dense/kernel)", async () => {
    const model = converterModelJson('scoped.bin');
    for (const entry of model.weightsManifest[0].weights) entry.name = `sequential/${entry.name}`;
    const file = writeJson('scoped/model.json', model);
    writeFileSync(path.join(work, 'scoped', 'scoped.bin'), new Uint8Array(CONVERTER_WEIGHT_COUNT * 4));
    const result = await importModelFile(file);
    expect(Object.keys((result.project.weights as { layers: object }).layers)).toEqual(['dense', 'dense_1']);
  });

  it("attaches the converter's weight shards and takes its training settings", async () => {
    const values = Float32Array.from({ length: CONVERTER_WEIGHT_COUNT }, (_, i) => (i % 7) / 7 - 0.4);
    const file = writeJson('converter/model.json', converterModelJson('group1-shard1of1.bin'));
    writeFileSync(path.join(work, 'converter', 'group1-shard1of1.bin'), new Uint8Array(values.buffer));
    const result = await importModelFile(file);
    expect(result.project.training).toMatchObject({
      optimizer: 'momentum',
      learningRate: 0.05,
      momentum: 0.9,
      nesterov: true,
      loss: 'categoricalCrossentropy',
    });
    const weights = decodeProjectWeights(result.project.graph, result.project.weights);
    expect([...weights.keys()]).toEqual(['dense', 'dense_1']);
    expect([...weights.get('dense_1')!.get('bias')!.values]).toEqual([...values.slice(-2)]);
    expect(result.project.dataset).toEqual({ kind: 'builtin', id: 'fonts' });
    expect(result.notes.join('\n')).toMatch(/no built-in dataset fits the input \[4\]/);
  });
});

describe('refusing what LayerLab cannot represent, all at once and naming each', () => {
  it('names every unsupported layer and option', async () => {
    const error = await importModelFile(writeJson('unsupported.json', KERAS2_UNSUPPORTED)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('layer "embed": Embedding layers are not supported');
    expect(message).toContain('layer "lstm": LSTM layers are not supported');
    expect(message).toContain('layer "wide" (Dense): activation "gelu" is not supported');
    expect(message).toContain('layer "wide" (Dense): option kernel_regularizer');
    expect(message).toContain('layer "drop" (Dropout): noise_shape [null,1] is not supported');
  });

  it.each([
    ['a shared layer (applied twice)', sharedLayer(), /applied 2 times/],
    ['two inputs', twoInputs(), /has 2 inputs/],
    ['a TF.js graph model', { format: 'graph-model', modelTopology: { node: [] } }, /graph model/],
    ['a JSON that is no model', { hello: 'world' }, /Not a model LayerLab can import/],
    ['a nested model', nestedModel(), /whole Sequential model inside/],
    [
      'a huge input',
      sequentialWithInput([null, 100000, 100000, 3]),
      /input shape .* is not supported|more than LayerLab handles/,
    ],
    ['an input of unknown size', sequentialWithInput([null, null, 3]), /input shape .* is not supported/],
    ['a huge Dense layer', hugeDense(), /10,000,100,000 parameters; a layer may have at most/],
    ['too many layers', tooManyLayers(), /LayerLab imports at most 2000/],
    ['inbound nodes nested too deeply', deeplyNested(), /nested too deeply/],
  ])('refuses %s', async (_what, content, pattern) => {
    const file = writeJson(`refused-${Math.random().toString(36).slice(2)}.json`, content);
    await expect(importModelFile(file)).rejects.toThrow(pattern);
  });

  it('refuses JSON nested deeper than the parser can follow, without crashing', async () => {
    const depth = 200_000;
    const file = writeJson('deep.json', `{"class_name":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    await expect(importModelFile(file)).rejects.toThrow(/./);
  });

  it('refuses text that is not JSON, and a missing file', async () => {
    await expect(importModelFile(writeJson('broken.json', '{"modelTopology": '))).rejects.toThrow(/not readable JSON/);
    await expect(importModelFile(path.join(work, 'nope.json'))).rejects.toThrow(/not found/);
  });
});

describe('bounded reading of weight files', () => {
  const manifest = (paths: string[], shape = [4, 3]) => ({
    ...converterModelJson('unused.bin'),
    weightsManifest: [{ paths, weights: [{ name: 'dense/kernel', shape, dtype: 'float32' }] }],
  });

  it('names a weight file that is missing', async () => {
    const file = writeJson('w-missing/model.json', manifest(['weights.bin']));
    await expect(importModelFile(file)).rejects.toThrow(/weights.bin named in model.json is missing/);
  });

  it('refuses a weight file shorter than the manifest says', async () => {
    const file = writeJson('w-short/model.json', manifest(['weights.bin']));
    writeFileSync(path.join(path.dirname(file), 'weights.bin'), new Uint8Array(20));
    await expect(importModelFile(file)).rejects.toThrow(/holds 20 bytes, but model.json describes 48 \(truncated/);
  });

  it('refuses a declared weight larger than LayerLab loads before reading anything', async () => {
    const file = writeJson('w-huge/model.json', manifest(['weights.bin'], [100000, 100000]));
    writeFileSync(path.join(path.dirname(file), 'weights.bin'), new Uint8Array(8));
    await expect(importModelFile(file)).rejects.toThrow(/more than LayerLab loads/);
  });

  it('refuses weight paths that leave the model folder', async () => {
    const file = writeJson('w-escape/model.json', manifest(['../../../etc/passwd']));
    await expect(importModelFile(file)).rejects.toThrow(/not in the model's folder/);
    const absolute = writeJson('w-absolute/model.json', manifest(['/etc/passwd']));
    await expect(importModelFile(absolute)).rejects.toThrow(/not in the model's folder/);
  });

  it('refuses weights that do not fit the layers, naming the layer', async () => {
    const file = writeJson('w-misfit/model.json', {
      ...converterModelJson('weights.bin'),
      weightsManifest: [
        { paths: ['weights.bin'], weights: [{ name: 'dense/kernel', shape: [5, 3], dtype: 'float32' }] },
      ],
    });
    writeFileSync(path.join(path.dirname(file), 'weights.bin'), new Uint8Array(60));
    const error = await importModelFile(file).catch((e: Error) => e);
    expect((error as Error).message).toContain('layer "dense": kernel is [5, 3], expected [4, 3]; no bias');
    expect((error as Error).message).toContain('layer "dense_1" has no weights there');
  });
});

function sequentialWithInput(batchShape: unknown[]) {
  return {
    class_name: 'Sequential',
    config: {
      name: 's',
      layers: [
        { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: batchShape } },
        { class_name: 'Flatten', config: { name: 'flat' } },
      ],
    },
  };
}

function hugeDense() {
  return {
    class_name: 'Sequential',
    config: {
      name: 's',
      layers: [
        { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 100000] } },
        { class_name: 'Dense', config: { name: 'd', units: 100000, activation: 'relu' } },
      ],
    },
  };
}

function tooManyLayers() {
  return {
    class_name: 'Sequential',
    config: {
      name: 's',
      layers: [
        { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4] } },
        ...Array.from({ length: 2000 }, (_, i) => ({ class_name: 'Dense', config: { name: `d${i}`, units: 4 } })),
      ],
    },
  };
}

function functional(layers: unknown[], inputs: unknown[], outputs: unknown[]) {
  return { class_name: 'Functional', config: { name: 'm', layers, input_layers: inputs, output_layers: outputs } };
}

function sharedLayer() {
  return functional(
    [
      { name: 'in', class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4] }, inbound_nodes: [] },
      {
        name: 'shared',
        class_name: 'Dense',
        config: { name: 'shared', units: 4 },
        inbound_nodes: [[['in', 0, 0, {}]], [['shared', 0, 0, {}]]],
      },
    ],
    [['in', 0, 0]],
    [['shared', 1, 0]],
  );
}

function twoInputs() {
  return functional(
    [
      { name: 'a', class_name: 'InputLayer', config: { name: 'a', batch_input_shape: [null, 4] }, inbound_nodes: [] },
      { name: 'b', class_name: 'InputLayer', config: { name: 'b', batch_input_shape: [null, 4] }, inbound_nodes: [] },
      {
        name: 'sum',
        class_name: 'Add',
        config: { name: 'sum' },
        inbound_nodes: [
          [
            ['a', 0, 0, {}],
            ['b', 0, 0, {}],
          ],
        ],
      },
    ],
    [
      ['a', 0, 0],
      ['b', 0, 0],
    ],
    [['sum', 0, 0]],
  );
}

function nestedModel() {
  return {
    class_name: 'Sequential',
    config: {
      name: 'outer',
      layers: [
        { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4] } },
        { class_name: 'Sequential', config: { name: 'inner', layers: [] } },
      ],
    },
  };
}

function deeplyNested() {
  let args: unknown = ['in', 0, 0, {}];
  for (let i = 0; i < 40; i++) args = [args];
  return functional(
    [
      { name: 'in', class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4] }, inbound_nodes: [] },
      { name: 'd', class_name: 'Dense', config: { name: 'd', units: 2 }, inbound_nodes: [args] },
    ],
    [['in', 0, 0]],
    [['d', 0, 0]],
  );
}

/** A Keras Sequential of Dense layers on a flat input of `inputs` values. */
function denseStack(name: string, inputs: number, layers: [units: number, activation: string][], loss?: string) {
  return {
    class_name: 'Sequential',
    config: {
      name,
      layers: [
        { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, inputs] } },
        ...layers.map(([units, activation], i) => ({
          class_name: 'Dense',
          config: { name: `d${i}`, units, activation },
        })),
      ],
    },
    ...(loss ? { training_config: { loss, optimizer_config: { class_name: 'Adam', config: {} } } } : {}),
  };
}

describe('what an imported model learns (resolveTask, from its output and loss)', () => {
  it('a classifier: class scores', async () => {
    const result = await importModelFile(writeJson('task/keras2.json', KERAS2_SEQUENTIAL));
    expect(result.project.task).toBe('classification');
    expect(result.notes).toContain('what it learns: classify into classes');
  });

  it('an output shaped like the input, without a loss: an autoencoder trained with mean squared error', async () => {
    const model = denseStack('ae', 6, [
      [2, 'relu'],
      [6, 'sigmoid'],
    ]);
    const result = await importModelFile(writeJson('task/autoencoder.json', model));
    expect(result.project.training.loss).toBe('meanSquaredError');
    expect(result.project.task).toBe('autoencoder');
  });

  it('keeps a frozen Keras layer frozen (trainable: false), where the kind holds weights', async () => {
    const model = denseStack('frozen', 4, [
      [3, 'relu'],
      [2, 'softmax'],
    ]);
    const layers = model.config.layers as { class_name: string; config: Record<string, unknown> }[];
    layers[1].config.trainable = false;
    const result = await importModelFile(writeJson('task/frozen.json', model));
    const [, hidden, output] = result.project.graph.nodes;
    expect(hidden.config.trainable).toBe(false);
    expect(output.config.trainable).toBeUndefined();
  });

  it('a softmax output shaped like the input (XOR: 2 inputs, 2 classes) stays a classifier, even with MSE', async () => {
    const model = denseStack(
      'xor',
      2,
      [
        [4, 'tanh'],
        [2, 'softmax'],
      ],
      'mean_squared_error',
    );
    const result = await importModelFile(writeJson('task/xor.json', model));
    expect(result.project.training.loss).toBe('meanSquaredError');
    expect(result.project.task).toBe('classification');
  });

  it('imports a model with an image output unlike its input as a classifier (the one rule; editable in the app)', async () => {
    const model = {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [
          { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 8, 8, 1] } },
          {
            class_name: 'Conv2D',
            config: { name: 'c', filters: 3, kernel_size: 3, padding: 'same', activation: 'relu' },
          },
        ],
      },
    };
    const result = await importModelFile(writeJson('image-output.json', model));
    expect(result.project.graph.nodes[1].config).toMatchObject({ filters: 3, kernelSize: [3, 3], strides: [1, 1] });
    expect(result.params).toBe(3 * 3 * 1 * 3 + 3);
    expect(result.project.task).toBe('classification');
  });
});
