import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_VERSION, serializeProject } from '../../shared/graph/project-file';
import { chain, node } from '../../shared/graph/testing/fixtures';
import { XOR_MLP } from '../../shared/templates/xor-mlp';
import type { CliIo } from '../cli-io';
import { runCli } from '../main';

const dir = mkdtempSync(join(tmpdir(), 'layerlab-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), status: () => {} };
}

describe('layerlab summary', () => {
  it("checks a project against its built-in data set's parameters, not the defaults", async () => {
    // Three spiral arms: the default spiral has two, so describing it without its parameters reported a bogus problem.
    const project = join(dir, 'spiral3.layerlab.json');
    writeFileSync(
      project,
      serializeProject({
        format: 'layerlab',
        version: PROJECT_VERSION,
        graph: chain(
          node('in', 'Input', { shape: [2] }),
          node('hidden', 'Dense', { units: 8, activation: 'tanh' }),
          node('out', 'Dense', { units: 3, activation: 'softmax' }),
        ),
        training: XOR_MLP.training,
        dataset: { kind: 'builtin', id: 'spiral', params: { classes: 3, size: 60 } },
        task: 'classification',
      }),
    );
    const io = capture();
    expect(await runCli(['summary', '--project', project, '--json'], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ dataset: 'spiral', task: 'classification', totalParams: 51 });
  });

  it("counts a frozen layer's weights as not trainable and names it, as tfjs does", async () => {
    const project = join(dir, 'frozen.layerlab.json');
    writeFileSync(
      project,
      serializeProject({
        format: 'layerlab',
        version: PROJECT_VERSION,
        graph: chain(
          node('in', 'Input', { shape: [2] }),
          node('hidden', 'Dense', { units: 8, activation: 'tanh', trainable: false }),
          node('norm', 'BatchNorm', { trainable: false }),
          node('out', 'Dense', { units: 2, activation: 'softmax' }),
        ),
        training: XOR_MLP.training,
        dataset: { kind: 'builtin', id: 'xor' },
        task: 'classification',
      }),
    );
    const json = capture();
    expect(await runCli(['summary', '--project', project, '--json'], json)).toBe(0);
    const summary = JSON.parse(json.stdout[0]);
    // hidden 2·8+8 and norm 4·8 frozen; out 8·2+2 trained (tfjs's own counts, from the built model).
    expect(summary).toMatchObject({ totalParams: 24 + 32 + 18, trainableParams: 18 });
    expect(summary.nodes.filter((n: { frozen?: boolean }) => n.frozen).map((n: { id: string }) => n.id)).toEqual([
      'hidden',
      'norm',
    ]);
    const text = capture();
    expect(await runCli(['summary', '--project', project], text)).toBe(0);
    expect(text.stdout).toContain('Total params: 74 (trainable 18)');
    expect(text.stdout).toContain('Frozen (not trained): hidden, norm');
  });

  it('names an unknown built-in data set and exits 2', async () => {
    const io = capture();
    expect(await runCli(['summary', '--template', 'xor-mlp', '--dataset', 'mnist'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/Unknown dataset "mnist" \(known: fonts, xor/);
  });

  it('prints a cycle once, naming a few of its nodes, and exits 2', async () => {
    // Before: one line per node of the cycle, each naming every node (1.5 GB of text for 10,000 nodes).
    const hidden = Array.from({ length: 500 }, (_, i) => node(`d${i}`, 'Dense', { units: 4 }));
    const graph = chain(node('in', 'Input', { shape: [2] }), ...hidden, node('out', 'Dense', { units: 2 }));
    graph.edges.push({ id: 'back', source: 'd499', target: 'd0' });
    const project = join(dir, 'cycle.layerlab.json');
    writeFileSync(
      project,
      serializeProject({
        format: 'layerlab',
        version: PROJECT_VERSION,
        graph,
        training: XOR_MLP.training,
        dataset: { kind: 'builtin', id: 'xor' },
        task: 'classification',
      }),
    );
    const io = capture();
    expect(await runCli(['summary', '--project', project], io)).toBe(2);
    const cycle = io.stderr.filter((line) => line.includes('A cycle runs through'));
    expect(cycle).toEqual([
      'error: 500 nodes (node "d0", node "d1", node "d2", node "d3", node "d4", node "d5", node "d6", node "d7" and 492 more): ' +
        'A cycle runs through Dense "d0", Dense "d1", Dense "d2", Dense "d3", Dense "d4", Dense "d5", Dense "d6", Dense "d7" and 492 more: ' +
        'data must flow one way, from the Input to the output. Remove one of these connections.',
    ]);
    expect(io.stderr.join('\n').length).toBeLessThan(2000);
  });
});
