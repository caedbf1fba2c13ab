import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../shared/templates';
import { loadDataset } from '../../core/datasets';
import { fileLoadHandler } from '../../core/engine/file-io-handler';
import { TrainingRun } from '../../core/engine/training-run';
import type { CliIo } from '../cli-io';
import { runCli } from '../main';

tf.enableProdMode();

const dir = mkdtempSync(join(tmpdir(), 'layerlab-inspect-cli-'));
const modelDir = join(dir, 'xor');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), status: () => {} };
}

beforeAll(async () => {
  const xor = getTemplate('xor-mlp')!;
  const run = new TrainingRun(
    {
      graph: xor.graph,
      training: { ...xor.training, epochs: 3, backend: 'cpu' },
      dataset: xor.dataset,
      task: xor.task,
    },
    () => {},
  );
  await run.run();
  await run.exportTo(modelDir);
  run.dispose();
});

describe('layerlab inspect', () => {
  it("prints every layer's shape, parameters and weight statistics, and a sample's activations and prediction", async () => {
    const io = capture();
    expect(await runCli(['inspect', '--model', modelDir, '--dataset', 'xor', '--sample', '7', '--json'], io)).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const report = JSON.parse(io.stdout[0]);
    expect(
      report.layers.map((l: { kind: string; outputShape: number[]; params: number }) => [
        l.kind,
        l.outputShape,
        l.params,
      ]),
    ).toEqual([
      ['Dense', [8], 24],
      ['Dense', [2], 18],
    ]);
    expect(report.params).toBe(42);
    expect(report.layers[0].weights.map((w: { shape: number[] }) => w.shape)).toEqual([[2, 8], [8]]);

    // The prediction and the first layer's activations are the exported model's own, for sample 7 of the data set.
    const model = await tf.loadLayersModel(fileLoadHandler(modelDir));
    const data = await loadDataset({ kind: 'builtin', id: 'xor' });
    const x = tf.tensor2d(data.x.slice(14, 16), [1, 2]);
    const expected = (model.predict(x) as tf.Tensor).dataSync();
    expect(report.sample.label).toBe(data.labels[7]);
    report.sample.prediction.probabilities.forEach((p: number, i: number) => expect(p).toBeCloseTo(expected[i], 6));
    const hidden = tf.model({ inputs: model.inputs, outputs: model.layers[1].output as tf.SymbolicTensor });
    const activations = (hidden.predict(x) as tf.Tensor).dataSync();
    expect(report.sample.layers[0].mean).toBeCloseTo(
      Array.from(activations).reduce((a, b) => a + b, 0) / activations.length,
      5,
    );
    expect(report.sample.layers[0].histogram.reduce((a: number, b: number) => a + b, 0)).toBe(8);
  });

  it('says what is wrong with bad input, exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--dataset', 'xor'], /--model DIR is required/],
      [['--model', dir, '--dataset', 'xor'], /has no model\.json/],
      [['--model', modelDir], /--dataset ID or --data FILE/],
      [['--model', modelDir, '--dataset', 'xor', '--sample', '400'], /--sample 400: XOR has 400 samples \(0–399\)/],
      [['--model', modelDir, '--dataset', 'fonts'], /takes \[2\] \(2 values\), but .* \(1296 values\)/],
    ];
    for (const [args, message] of cases) {
      const io = capture();
      expect(await runCli(['inspect', ...args], io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
    }
  });
});
