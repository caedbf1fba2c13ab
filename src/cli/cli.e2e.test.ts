import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LAYERLAB_BIN as BIN, ROOT, STACK_TRACE, spawnLayerlab } from './testing/spawn-layerlab';
import { afterAll, describe, it } from 'vitest';
import {
  parseProjectFile,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  serializeProject,
  zProjectFile,
} from '../shared/graph/project-file';
import { describeUnknownField, findUnknownFields } from '../shared/graph/unknown-fields';
import { projectWithUnknownFields, unknownFieldNames } from '../shared/graph/testing/unknown-fields-project';
import { zTrainingEvent } from '../shared/ipc/training-events';
import { getTemplate } from '../shared/templates';
import { encodeNpz } from '../core/datasets/test-support/npy-writer';
import { mulberry32 } from '../shared/seeded-random';

const work = mkdtempSync(path.join(tmpdir(), 'layerlab-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real CLI binary in the scratch folder. */
const layerlab = (...args: string[]) => spawnLayerlab(work, ...args);

const STACK = STACK_TRACE;

// Each case waits on child processes, not on this one: running them side by side halves the wall time.
describe.concurrent('layerlab CLI', () => {
  it('lists templates and datasets as JSON', async ({ expect }) => {
    const [templates, datasets] = await Promise.all([layerlab('templates', '--json'), layerlab('datasets', '--json')]);
    expect(templates.code).toBe(0);
    const ids = JSON.parse(templates.stdout).map((t: { id: string }) => t.id);
    expect(ids).toEqual([
      'logistic-regression',
      'feed-forward',
      'cnn',
      'wide-cnn',
      'maxout-mlp',
      'autoencoder',
      'denoising-autoencoder',
      'pretrained-classifier',
      'xor-mlp',
    ]);
    expect(datasets.code).toBe(0);
    expect(JSON.parse(datasets.stdout).map((d: { id: string }) => d.id)).toEqual(
      expect.arrayContaining(['fonts', 'xor', 'circles', 'moons', 'spiral', 'blobs']),
    );
  });

  it('summarizes a template with per-node shapes and the tfjs parameter count', async ({ expect }) => {
    const result = await layerlab('summary', '--template', 'cnn', '--json');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.totalParams).toBe(4 * 25 + 4 + 1296 * 32 + 32 + 32 * 5 + 5);
    expect(summary.nodes.map((n: { kind: string }) => n.kind)).toEqual([
      'Input',
      'Conv2D',
      'MaxPool2D',
      'Flatten',
      'Dense',
      'Dropout',
      'Dense',
    ]);
    expect(summary.nodes[2].outputShape).toEqual([18, 18, 4]);
  });

  it('prints each problem of an invalid graph on stderr and exits 2', async ({ expect }) => {
    const xor = getTemplate('xor-mlp')!;
    const graph = structuredClone(xor.graph);
    graph.nodes[2].config.units = 3;
    const file = path.join(work, 'bad.layerlab.json');
    // A version-1 file (no task), as LayerLab wrote them before: still read by every command.
    writeFileSync(
      file,
      JSON.stringify({ format: 'layerlab', version: 1, graph, training: xor.training, dataset: xor.dataset }),
    );
    const result = await layerlab('summary', '--project', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dense-2/);
    expect(result.stderr).toMatch(/3/);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).toBe('');
  });

  it('trains the course CNN on an npz in the course layout (arr_0 uint8 (N,36,36), arr_1 uint8 (N,))', async ({
    expect,
  }) => {
    // 60 images of 3 classes, each class a bright square in its own corner: learnable in one epoch.
    const count = 60;
    const random = mulberry32(5);
    const pixels = new Uint8Array(count * 36 * 36);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      labels[i] = i % 3;
      const [r0, c0] = [
        [2, 2],
        [2, 20],
        [20, 11],
      ][labels[i]];
      for (let r = 0; r < 14; r++)
        for (let c = 0; c < 14; c++) pixels[i * 1296 + (r0 + r) * 36 + c0 + c] = 200 + Math.floor(random() * 55);
    }
    const file = path.join(work, 'data_with_labels.npz');
    writeFileSync(
      file,
      encodeNpz({
        arr_0: { descr: '|u1', shape: [count, 36, 36], values: pixels },
        arr_1: { descr: '|u1', shape: [count], values: labels },
      }),
    );
    const cnn = getTemplate('cnn')!;
    const graph = structuredClone(cnn.graph);
    graph.nodes.find((n) => n.id === 'dense-2')!.config.units = 3;
    const project = path.join(work, 'cnn3.layerlab.json');
    writeFileSync(
      project,
      serializeProject({
        format: PROJECT_FORMAT,
        version: PROJECT_VERSION,
        graph,
        training: cnn.training,
        dataset: cnn.dataset,
        task: cnn.task,
      }),
    );
    const result = await layerlab(
      'train',
      '--project',
      project,
      '--data',
      file,
      '--epochs',
      '1',
      '--seed',
      '1',
      '--json',
    );
    expect(result.stderr).not.toMatch(STACK);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => zTrainingEvent.parse(JSON.parse(line)));
    expect(events[0]).toMatchObject({ type: 'started', trainSize: 54, valSize: 6, classNames: ['0', '1', '2'] });
    const done = events[events.length - 1];
    expect(done.type).toBe('done');
    if (done.type === 'done') expect(done.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('trains xor with --json: only NDJSON TrainingEvents on stdout, ending with done; --out writes the model', async ({
    expect,
  }) => {
    const out = path.join(work, 'xor-out');
    const result = await layerlab(
      'train',
      '--template',
      'xor-mlp',
      '--dataset',
      'xor',
      '--epochs',
      '2',
      '--seed',
      '3',
      '--json',
      '--out',
      out,
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const events = lines.map((line) => zTrainingEvent.parse(JSON.parse(line)));
    expect(events[0]).toMatchObject({ type: 'started', trainSize: 360, valSize: 40 });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    const done = events[events.length - 1];
    expect(done.type).toBe('done');
    if (done.type === 'done') expect(done.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(40);
    for (const file of ['model.json', 'weights.bin', 'project.layerlab.json', 'history.csv'])
      expect(existsSync(path.join(out, file))).toBe(true);
  });

  it('keeps the fields this version does not know in the project files train --out and export write', async ({
    expect,
  }) => {
    // Before: the project file of a run folder or a TF.js export was rebuilt from the known fields only.
    const source = path.join(work, 'future.layerlab.json');
    writeFileSync(source, JSON.stringify(projectWithUnknownFields()));
    const trained = path.join(work, 'future-run');
    const exported = path.join(work, 'future-tfjs');
    const [train, exportRun] = await Promise.all([
      layerlab('train', '--project', source, '--epochs', '1', '--out', trained),
      layerlab('export', '--project', source, '--format', 'tfjs', '--out', exported),
    ]);
    expect(train.stderr).not.toMatch(STACK);
    expect([train.code, exportRun.code]).toEqual([0, 0]);
    // Runs are the project's history, not part of what a run folder or an export holds.
    const expected = unknownFieldNames().filter((name) => !name.startsWith('runs'));
    for (const dir of [trained, exported]) {
      const written = parseProjectFile(readFileSync(path.join(dir, 'project.layerlab.json'), 'utf8'));
      if (!written.ok) throw new Error(written.error);
      const names = findUnknownFields(written.project, zProjectFile).map(describeUnknownField);
      expect(names.sort()).toEqual(expected.sort());
    }
  });

  it('trains a version-1 XOR project with --loss meanSquaredError as the classifier it is', async ({ expect }) => {
    // Written by LayerLab before projects recorded their task; the engine used to take it for an autoencoder.
    const project = path.join(ROOT, 'src/shared/graph/testing/v1-projects/xor-mse.layerlab.json');
    const train = await layerlab(
      'train',
      '--project',
      project,
      '--loss',
      'meanSquaredError',
      '--epochs',
      '2',
      '--json',
    );
    expect(train.code).toBe(0);
    const events = train.stdout
      .trim()
      .split('\n')
      .map((line) => zTrainingEvent.parse(JSON.parse(line)));
    const done = events[events.length - 1];
    expect(done).toMatchObject({ type: 'done', metrics: { accuracy: expect.any(Number) } });
    if (done.type === 'done') expect(done.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('exits 2 with a one-line reason for bad input, never a stack trace', async ({ expect }) => {
    const cases: [string[], RegExp][] = [
      [['train', '--template', 'xor-mlp', '--bogus', '1'], /unknown flag --bogus/],
      [['train', '--template', 'nope', '--dataset', 'xor'], /unknown template "nope"/],
      [['train', '--template', 'xor-mlp', '--data', 'missing.csv'], /not found: .*missing\.csv/],
      [['train', '--template', 'xor-mlp', '--dataset', 'xor', '--lr', '-1'], /--lr -1/],
      [['train', '--template', 'xor-mlp', '--task', 'regression'], /--task must be one of classification, autoencoder/],
      [['train', '--template', 'xor-mlp', '--dataset', 'xor', '--backend', 'node', '--json'], /tfjs-node/],
      [['frobnicate'], /unknown command/],
      // Node's recursive mkdir used to spin forever on /proc/x.
      ...(process.platform === 'linux'
        ? [
            [
              ['train', '--template', 'xor-mlp', '--dataset', 'xor', '--out', '/proc/x'],
              /\/proc\/x: folders cannot be made there/,
            ] as [string[], RegExp],
          ]
        : []),
    ];
    const results = await Promise.all(cases.map(([args]) => layerlab(...args)));
    for (const [i, [args, message]] of cases.entries()) {
      const result = results[i];
      expect([args.join(' '), result.code]).toEqual([args.join(' '), 2]);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(STACK);
    }
  });
});

// Cases that are slow under load or depend on timing: one at a time, after the others.
describe('layerlab CLI, one at a time', () => {
  it('refuses data over --max-memory with exit 2 and a message naming the size and the limit', async ({ expect }) => {
    const data = path.join(work, 'twenty-mb.npz');
    const rows = 5000;
    writeFileSync(
      data,
      encodeNpz({
        x: { descr: '<f4', shape: [rows, 1000], values: new Float32Array(rows * 1000) },
        y: { descr: '<i4', shape: [rows], values: Int32Array.from({ length: rows }, (_, i) => i % 2) },
      }),
    );
    const [over, invalid] = await Promise.all([
      layerlab('train', '--template', 'xor-mlp', '--data', data, '--max-memory', '16', '--json'),
      layerlab('train', '--template', 'xor-mlp', '--dataset', 'xor', '--max-memory', '3'),
    ]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/would take 19\.1 MiB of memory, more than the limit of 16\.0 MiB/);
    expect(over.stderr).not.toMatch(STACK);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/invalid --max-memory 3: .*16/);
  });

  it('says so when a classifier learned nothing (SGD at lr 10), after a warning about the learning rate', async ({
    expect,
  }) => {
    const args = ['--template', 'xor-mlp', '--dataset', 'xor', '--optimizer', 'sgd', '--lr', '10', '--epochs', '4'];
    const result = await layerlab('train', ...args, '--batch-size', '8', '--seed', '1');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Warning: The learning rate is very high\. Learning rate 10 is 1,000 times what SGD/);
    expect(result.stderr).toMatch(
      /Problem: The network learned nothing\. Validation accuracy \d+ % is what guessing gets .* Lower the learning rate \(now 10; SGD usually starts with 0\.01\)\./,
    );
  });

  it('ends quietly with 141 when the reader of its output goes away (`| head -1`)', async ({ expect }) => {
    // Before: the first write after the pipe closed threw EPIPE out of the event loop, a stack trace from the CLI and
    // another from the training process.
    const child = spawn(
      process.execPath,
      [BIN, 'train', '--template', 'xor-mlp', '--dataset', 'xor', '--epochs', '500', '--json'],
      { cwd: work },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(141);
    expect(stderr).not.toMatch(STACK);
    expect(stderr).not.toMatch(/EPIPE/);
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});
