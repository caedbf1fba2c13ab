import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/seeded-random';
import { encodeNpz } from '../../datasets/npz-writer';
import { exportProject, type ExportResult } from '../export-project';
import { interopCases } from '../testing/interop-cases';
import { prepareCase, type PreparedCase } from '../testing/prepared-case';
import { pythonPeer, runPython, runRanks } from '../testing/python-peer';

/*
 * The PyTorch export checked by PyTorch itself (/usr/bin/python3 with python3-torch): LayerLab's weights give
 * LayerLab's predictions, parameter counts agree, and train.py trains one epoch as one process and as two
 * DistributedDataParallel ranks started with the env:// variables (gloo on CPU), as a cluster would start them.
 */
const peer = pythonPeer(['torch', 'numpy']);
const CHECK_SCRIPT = fileURLToPath(new URL('../testing/torch_check.py', import.meta.url));
const TOLERANCE = 1e-4;
/** A loaded build machine can take a while to start PyTorch; a hung rendezvous still ends the test. */
const PROCESS_TIMEOUT = 180_000;
const cases = interopCases();
const work = mkdtempSync(path.join(tmpdir(), 'layerlab-torch-'));
const exported = new Map<string, { prepared: PreparedCase; result: ExportResult; dir: string }>();

/** Prints, as JSON, how far each BatchNorm tensor of frozen.pt moved from weights.npz (largest absolute change). */
const FROZEN_CHECK = `
import json, numpy as np, torch
state = torch.load('frozen.pt')
start = np.load('weights.npz')
keys = [k for k in start.files if k.startswith(('bn_vec.', 'bn_seq.'))]
print(json.dumps({k: float(np.abs(state[k].numpy() - start[k]).max()) for k in keys}))
`;

/** Measured differences, printed once for the record (the README's and the lead's figures). */
const measured: string[] = [];

describe.skipIf(!peer.available)('PyTorch export, run by PyTorch', () => {
  beforeAll(async () => {
    for (const [index, interopCase] of cases.entries()) {
      const prepared = prepareCase(interopCase, 100 + index);
      const dir = path.join(work, interopCase.name);
      const result = await exportProject({
        format: 'pytorch',
        graph: interopCase.graph,
        training: interopCase.training,
        dataset: { kind: 'builtin', id: 'fonts' },
        task: interopCase.task,
        projectName: interopCase.name,
        weights: { source: prepared.weights, origin: 'the test model' },
        outDir: dir,
      });
      writeFileSync(
        path.join(dir, 'check.npz'),
        encodeNpz({
          x: { dtype: 'float32', ...prepared.inputs },
          expected: { dtype: 'float32', ...prepared.expected },
        }),
      );
      writeFileSync(path.join(dir, 'small.npz'), encodeNpz(smallData(result, 100 + index)));
      exported.set(interopCase.name, { prepared, result, dir });
    }
  }, PROCESS_TIMEOUT);
  afterAll(() => {
    if (measured.length > 0) console.info(`PyTorch vs LayerLab, max |difference|:\n${measured.join('\n')}`);
    rmSync(work, { recursive: true, force: true });
  });

  it(
    `loads LayerLab's weights from weights.npz and predicts what LayerLab predicts (within ${TOLERANCE})`,
    { timeout: PROCESS_TIMEOUT },
    async () => {
      const dirs = cases.map((c) => exported.get(c.name)!.dir);
      const run = await runPython([CHECK_SCRIPT, ...dirs]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const lines = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines).toHaveLength(cases.length);
      for (const [i, line] of lines.entries()) {
        const { prepared, result } = exported.get(cases[i].name)!;
        measured.push(`  ${cases[i].name.padEnd(22)} ${line.maxAbsDiff.toExponential(2)}`);
        expect(line.shape, cases[i].name).toEqual(prepared.expected.shape);
        expect(line.maxAbsDiff, cases[i].name).toBeLessThan(TOLERANCE);
        expect(line.params, cases[i].name).toBe(result.plan.totalParams);
        expect(line.declared, cases[i].name).toBe(result.plan.totalParams);
      }
    },
  );

  it(
    'keeps a frozen BatchNorm as it was through a training epoch: running statistics and affine parameters',
    { timeout: PROCESS_TIMEOUT },
    async () => {
      const { dir } = exported.get('every-kind')!;
      const run = await runPython(
        ['train.py', '--epochs', '1', '--data', 'small.npz', '--weights', 'weights.npz', '--out', 'frozen.pt'],
        { cwd: dir },
      );
      expect(run.code, run.stderr).toBe(0);
      // How far each BatchNorm's state moved from the weights it started from (bn_vec is frozen, bn_seq is not).
      const compare = await runPython(['-c', FROZEN_CHECK], { cwd: dir });
      expect(compare.code, compare.stderr).toBe(0);
      const moved = JSON.parse(compare.stdout) as Record<string, number>;
      expect(moved['bn_vec.running_mean']).toBe(0);
      expect(moved['bn_vec.running_var']).toBe(0);
      expect(moved['bn_vec.weight']).toBe(0);
      expect(moved['bn_vec.bias']).toBe(0);
      expect(moved['bn_seq.running_mean']).toBeGreaterThan(0);
      expect(moved['bn_seq.weight']).toBeGreaterThan(0);
    },
  );

  // One case after the other: each Python process loads PyTorch (seconds of CPU), and the machines have two cores.
  describe.each(cases.map((c) => c.name))('train.py of %s', (name) => {
    it(
      "trains one epoch in one process and prints LayerLab's parameter count",
      { timeout: PROCESS_TIMEOUT },
      async () => {
        const { dir, result } = exported.get(name)!;
        const out = path.join(dir, 'single.pt');
        const run = await runPython(['train.py', '--epochs', '1', '--data', 'small.npz', '--out', out], { cwd: dir });
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toContain(`params: ${result.plan.totalParams}\n`);
        expect(run.stdout).toMatch(/^epoch 1\/1 loss \d+\.\d+/m);
        expect(existsSync(out)).toBe(true);
      },
    );

    it(
      'trains one epoch as two DDP ranks over env:// (gloo); only rank 0 prints and saves',
      { timeout: PROCESS_TIMEOUT },
      async () => {
        const { dir, result } = exported.get(name)!;
        const out = path.join(dir, 'ddp.pt');
        const [rank0, rank1] = await runRanks(2, ['train.py', '--epochs', '1', '--data', 'small.npz', '--out', out], {
          cwd: dir,
        });
        expect(rank0.code, rank0.stderr).toBe(0);
        expect(rank1.code, rank1.stderr).toBe(0);
        expect(rank0.stdout).toContain(`params: ${result.plan.totalParams}\n`);
        expect(rank0.stdout).toContain('2 process(es) on cpu');
        expect(rank0.stdout).toMatch(/^epoch 1\/1 loss \d+\.\d+/m);
        expect(rank1.stdout).toBe('');
        expect(existsSync(out)).toBe(true);
      },
    );
  });
});

/** 48 training and 16 validation samples of random data shaped for the model, labels for its classes. */
function smallData(result: ExportResult, seed: number) {
  const random = mulberry32(seed);
  const shape = result.plan.input.outputShape;
  const classes = Math.max(result.plan.targets.classes, 1);
  const part = (count: number) => ({
    x: {
      dtype: 'float32' as const,
      shape: [count, ...shape],
      values: Float32Array.from({ length: count * shape.reduce((a, b) => a * b, 1) }, () => random()),
    },
    y: {
      dtype: 'int32' as const,
      shape: [count],
      values: Int32Array.from({ length: count }, (_, i) => i % classes),
    },
  });
  const train = part(48);
  const val = part(16);
  return { x_train: train.x, y_train: train.y, x_val: val.x, y_val: val.y };
}
