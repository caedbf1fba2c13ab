import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { STACK_TRACE, spawnLayerlab } from './testing/spawn-layerlab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../shared/graph/project-file';
import { runCli } from './main';
import { getTemplate } from '../shared/templates';
import { encodeNpz } from '../core/datasets/npz-writer';
import { fileLoadHandler } from '../core/engine/file-io-handler';
import '../core/engine/maxout-layer';
import { KERAS2_UNSUPPORTED } from '../core/interop/testing/keras-fixtures';
import { pythonPeer, runPython } from '../core/interop/testing/python-peer';

const work = mkdtempSync(path.join(tmpdir(), 'layerlab-interop-cli-'));
const RUN = path.join(work, 'xor-run');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI in this process (fast, for exit codes and messages); `layerlab` below spawns the real binary. */
async function inProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line), status: () => {} });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Runs the real CLI binary in the scratch folder. */
const layerlab = (...args: string[]) => spawnLayerlab(work, ...args);

const STACK = STACK_TRACE;
const torch = pythonPeer(['torch', 'numpy']);

describe('layerlab export and import', () => {
  // A real run to export from: `layerlab train --out` leaves model.json, weights, the project file and history.csv.
  beforeAll(async () => {
    const run = await layerlab(
      'train',
      '--template',
      'xor-mlp',
      '--dataset',
      'xor',
      '--epochs',
      '3',
      '--seed',
      '4',
      '--out',
      RUN,
    );
    expect(run.code, run.stderr).toBe(0);
  }, 300_000);

  describe('bad input exits 2 with a message, never a stack trace', () => {
    it.each([
      [
        ['export', '--template', 'cnn', '--format', 'caffe', '--out', path.join(work, 'x')],
        /--format tfjs\|pytorch\|keras\|onnx is required \("caffe" is not one of them\)/,
      ],
      [['export', '--template', 'cnn', '--format', 'onnx'], /--out DIR is required/],
      [['export', '--template', 'nope', '--format', 'onnx', '--out', path.join(work, 'x')], /unknown template "nope"/],
      [
        ['export', '--template', 'cnn', '--format', 'pytorch', '--out', path.join(work, 'x'), '--from', 'no-such-run'],
        /Run folder not found/,
      ],
      [
        ['export', '--template', 'cnn', '--format', 'pytorch', '--out', path.join(work, 'x'), '--dataset', 'nope'],
        /nope/,
      ],
      [['import'], /give the model file first/],
      [['import', path.join(work, 'missing.json')], /missing.json not found/],
    ])('layerlab %s', async (args, message) => {
      const result = await inProcess(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(STACK);
    });

    it('names an output folder that cannot be written (a file is in the way)', async () => {
      const blocker = path.join(work, 'a-file');
      writeFileSync(blocker, 'not a folder');
      const result = await inProcess('export', '--template', 'xor-mlp', '--format', 'keras', '--out', blocker);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Cannot write the export to .*a-file/);
    });

    it('refuses to export an invalid graph, naming the problem, and writes nothing', async () => {
      const xor = getTemplate('xor-mlp')!;
      const graph = structuredClone(xor.graph);
      graph.edges = graph.edges.slice(1);
      const file = path.join(work, 'broken.layerlab.json');
      writeFileSync(
        file,
        serializeProject({
          format: 'layerlab',
          version: 2,
          graph,
          training: xor.training,
          dataset: xor.dataset,
          task: xor.task,
        }),
      );
      const out = path.join(work, 'broken-export');
      const result = await inProcess('export', '--project', file, '--format', 'keras', '--out', out);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/"broken" cannot be exported/);
      expect(existsSync(out)).toBe(false);
    });

    it('refuses weights from a run of another model, naming each layer that does not fit', async () => {
      const result = await inProcess(
        'export',
        '--template',
        'cnn',
        '--format',
        'pytorch',
        '--out',
        path.join(work, 'misfit'),
        '--from',
        RUN,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/do not fit this model: layer "conv2d-1" has no weights there/);
      expect(result.stderr).toMatch(/layer "dense-1": kernel is \[2, 8\], expected \[1296, 32\]/);
    });

    it('names every unsupported layer of a Keras model and writes no project', async () => {
      const model = path.join(work, 'unsupported.json');
      writeFileSync(model, JSON.stringify(KERAS2_UNSUPPORTED));
      const out = path.join(work, 'unsupported.layerlab.json');
      const result = await inProcess('import', model, '--out', out);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('layer "embed": Embedding layers are not supported');
      expect(result.stderr).toContain('layer "lstm": LSTM layers are not supported');
      expect(result.stderr).not.toMatch(STACK);
      expect(existsSync(out)).toBe(false);
    });
  });

  it('trains from an earlier run with --init-from, listing what it reuses on stderr (stdout stays NDJSON)', async () => {
    // A wider hidden layer: its weights do not fit, the output layer's neither (its input grew); named with the reason.
    const xor = getTemplate('xor-mlp')!;
    const wider = {
      ...xor.graph,
      nodes: xor.graph.nodes.map((node) =>
        node.id === 'dense-1' ? { ...node, config: { ...node.config, units: 16 } } : node,
      ),
    };
    const project = path.join(work, 'wider.layerlab.json');
    writeFileSync(
      project,
      serializeProject({
        format: 'layerlab',
        version: 2,
        graph: wider,
        training: xor.training,
        dataset: xor.dataset,
        task: xor.task,
      }),
    );
    const none = await inProcess('train', '--project', project, '--epochs', '1', '--init-from', RUN);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'not reused: dense-1 (kernel is [2, 8], expected [2, 16]; bias is [8], expected [16]',
    );
    expect(none.stderr).toMatch(/no layer of this model matches a layer there by name and shape/);

    const result = await layerlab(
      'train',
      '--template',
      'xor-mlp',
      '--epochs',
      '1',
      '--json',
      '--init-from',
      path.join(RUN, 'model.json'),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Starting from the weights in ${path.join(RUN, 'model.json')}: 2 layers reused`);
    expect(result.stderr).toMatch(/reused: dense-1\n.*reused: dense-2/);
    for (const line of result.stdout.trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('type');
    // Started where the 3-epoch run ended: its first epoch is already past where a fresh run's first epoch gets.
    const fresh = await inProcess('train', '--template', 'xor-mlp', '--epochs', '1', '--json');
    const firstLoss = (stdout: string) =>
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .find((event) => event.type === 'epoch').loss as number;
    expect(firstLoss(result.stdout)).toBeLessThan(firstLoss(fresh.stdout));
  }, 300_000);

  it('exports every format from a trained run, and imports the run back with its weights', async () => {
    const formats = ['tfjs', 'pytorch', 'keras', 'onnx'];
    const results = await Promise.all(
      formats.map((format) =>
        layerlab('export', '--format', format, '--out', path.join(work, `xor-${format}`), '--from', RUN),
      ),
    );
    for (const [i, result] of results.entries()) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Exported xor-run as ${formats[i]}`);
      expect(result.stdout).toContain('trained weights');
    }
    expect(existsSync(path.join(work, 'xor-pytorch', 'weights.npz'))).toBe(true);
    expect(existsSync(path.join(work, 'xor-keras', 'weights.npz'))).toBe(true);
    expect(existsSync(path.join(work, 'xor-onnx', 'model.onnx'))).toBe(true);

    const project = path.join(work, 'xor-imported.layerlab.json');
    const imported = await layerlab('import', path.join(RUN, 'model.json'), '--out', project);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Imported 3 layers \(42 parameters\)/);
    expect(JSON.parse(readFileSync(project, 'utf8')).weights.format).toBe('layerlab-weights');
    const summary = await layerlab('summary', '--project', project, '--json');
    expect(JSON.parse(summary.stdout).totalParams).toBe(2 * 8 + 8 + 8 * 2 + 2);
  }, 300_000);

  it.skipIf(!torch.available)(
    "the trained run's PyTorch export predicts what the run's TF.js model predicts",
    async () => {
      const dir = path.join(work, 'xor-pytorch');
      const model = await tf.loadLayersModel(fileLoadHandler(RUN));
      const x = tf.tensor2d([
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
        [0.3, -0.7],
      ]);
      const expected = model.predict(x) as tf.Tensor;
      writeFileSync(
        path.join(dir, 'check.npz'),
        encodeNpz({
          x: { dtype: 'float32', shape: [5, 2], values: Float32Array.from(x.dataSync()) },
          expected: { dtype: 'float32', shape: [5, 2], values: Float32Array.from(expected.dataSync()) },
        }),
      );
      const check = await runPython([
        fileURLToPath(new URL('../core/interop/testing/torch_check.py', import.meta.url)),
        dir,
      ]);
      expect(check.code, check.stderr).toBe(0);
      const report = JSON.parse(check.stdout);
      expect(report.maxAbsDiff).toBeLessThan(1e-4);
      expect(report.params).toBe(42);
    },
    300_000,
  );

  it.skipIf(!torch.available)(
    "trains the course CNN's PyTorch export on the fonts data for one epoch (data.npz written by export)",
    async () => {
      const out = path.join(work, 'cnn-pytorch');
      const result = await layerlab(
        'export',
        '--template',
        'cnn',
        '--format',
        'pytorch',
        '--out',
        out,
        '--dataset',
        'fonts',
      );
      expect(result.code, result.stderr).toBe(0);
      const run = await runPython(['train.py', '--epochs', '1'], { cwd: out });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('params: 41773\n');
      // LayerLab's own split of the 2,790 fonts: 10 % of each class held out.
      expect(run.stdout).toContain('training on 2510 samples, validating on 280');
      const accuracy = Number(/^epoch 1\/1 .* val_accuracy (\d\.\d+)/m.exec(run.stdout)?.[1]);
      expect(accuracy).toBeGreaterThan(0.4);
    },
    300_000,
  );
});
