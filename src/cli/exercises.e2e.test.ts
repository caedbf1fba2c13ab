import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, STACK_TRACE, spawnLayerlab } from './testing/spawn-layerlab';
import { afterAll, describe, it } from 'vitest';
import { parseExerciseFile } from '../shared/exercises/exercise-file';
import { zExerciseResult } from '../shared/exercises/exercise-result';
import { parseProjectFile } from '../shared/graph/project-file';
import { zTrainingEvent } from '../shared/ipc/training-events';

const SOLUTIONS = path.join(ROOT, 'src', 'core', 'exercises', 'testing', 'solutions');
const work = mkdtempSync(path.join(tmpdir(), 'layerlab-exercises-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the real CLI binary in the scratch folder. */
const layerlab = (...args: string[]) => spawnLayerlab(work, ...args);

const STACK = STACK_TRACE;
const xorSolution = (which: 'reference' | 'naive') => path.join(SOLUTIONS, `xor.${which}.layerlab.json`);

// Each case waits on child processes that train: on a loaded two-core machine a check takes up to a minute or two.
describe.concurrent('layerlab exercises, new, check, grade', { timeout: 300_000 }, () => {
  it('lists the built-in exercises (the ids DESIGN.md promises) and exports one as an exercise file', async ({
    expect,
  }) => {
    const listed = await layerlab('exercises', '--json');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout);
    expect(rows.map((row: { id: string }) => row.id)).toEqual(
      expect.arrayContaining([
        'lr-baseline',
        'feed-forward',
        'cnn',
        'vanishing-gradients',
        'dropout',
        'maxout',
        'optimizers',
        'autoencoder',
        'xor',
      ]),
    );
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'title', 'description']));

    const file = path.join(work, 'my-xor.layerlab-exercise.json');
    expect((await layerlab('exercises', '--export', 'xor', '--out', file)).code).toBe(0);
    const parsed = parseExerciseFile(readFileSync(file, 'utf8'));
    expect(parsed.ok && parsed.exercise.id).toBe('xor');
    const again = await layerlab('exercises', '--export', 'xor', '--out', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('writes a template or an exercise start as a new project file', async ({ expect }) => {
    const template = await layerlab('new', '--template', 'xor-mlp');
    expect(template.code).toBe(0);
    expect(parseProjectFile(template.stdout).ok).toBe(true);
    const out = path.join(work, 'cnn-start.layerlab.json');
    expect((await layerlab('new', '--exercise', 'cnn', '--out', out)).code).toBe(0);
    const project = parseProjectFile(readFileSync(out, 'utf8'));
    expect(project.ok && project.project.graph.nodes.map((node) => node.id)).toEqual(['input', 'output']);
    const unknown = await layerlab('new', '--template', 'resnet');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown template "resnet"');
  });

  it('check --json: training events, then the result; exit 0 when passed', async ({ expect }) => {
    const result = await layerlab(
      'check',
      '--exercise',
      'xor',
      '--project',
      xorSolution('reference'),
      '--json',
      '--backend',
      'cpu',
    );
    expect(result.stderr).not.toMatch(STACK);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const verdict = zExerciseResult.parse(lines.pop());
    expect(verdict).toMatchObject({ exercise: 'xor', passed: true, score: 6, maxScore: 6 });
    expect(lines.map((line) => zTrainingEvent.parse(line).type)).toEqual(
      expect.arrayContaining(['started', 'epoch', 'done']),
    );
  });

  it('check without --json: a readable checklist with the hint of what failed; exit 3 when not passed', async ({
    expect,
  }) => {
    const result = await layerlab('check', '--exercise', 'xor', '--project', xorSolution('naive'), '--backend', 'cpu');
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('[ ] Validation accuracy ≥ 90.0 %: measured');
    expect(result.stdout).toContain('Hint: A linear model cannot separate XOR');
    expect(result.stdout).toContain('[x] Parameters (trainable or frozen) ≤ 20: measured 6');
    expect(result.stdout).toMatch(/Score 3\/6: not passed yet$/m);
  });

  it('check refuses a model over the budget before training, and bad input exits 2 with the reason', async ({
    expect,
  }) => {
    const hostile = JSON.parse(readFileSync(xorSolution('reference'), 'utf8'));
    hostile.graph.nodes[1].config.units = 1e9;
    const hostileFile = path.join(work, 'hostile.layerlab.json');
    writeFileSync(hostileFile, JSON.stringify(hostile));
    const started = Date.now();
    const refused = await layerlab('check', '--exercise', 'xor', '--project', hostileFile, '--json');
    expect(refused.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(60_000);
    const verdict = JSON.parse(refused.stdout.trim());
    expect(verdict.run).toBeNull();
    expect(verdict.problems.join('\n')).toMatch(
      /Dense "[^"]+" would have [\d,]+ parameters; a layer may have at most 100,000,000/,
    );

    const broken = path.join(work, 'broken.layerlab.json');
    writeFileSync(broken, '{"format": "layerlab", "version": 1, "graph": ');
    const bad = await layerlab('check', '--exercise', 'xor', '--project', broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('(file truncated?)');
    expect(bad.stderr).not.toMatch(STACK);
    const unknown = await layerlab('check', '--exercise', 'nope', '--project', broken);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"nope" is neither a built-in exercise');
    const exerciseAsProject = await layerlab(
      'check',
      '--exercise',
      path.join(SOLUTIONS, 'xor.naive.layerlab.json'),
      '--project',
      broken,
    );
    expect(exerciseAsProject.code).toBe(2);
    expect(exerciseAsProject.stderr).toContain('this is a project file, not an exercise');
  });

  it('grade: one CSV row per file, passing, failing, broken and hostile, and exit 0', async ({ expect }) => {
    const dir = path.join(work, 'submissions');
    mkdirSync(path.join(dir, 'group-a'), { recursive: true });
    writeFileSync(path.join(dir, 'group-a', 'ana.layerlab.json'), readFileSync(xorSolution('reference')));
    writeFileSync(path.join(dir, 'ben.layerlab.json'), readFileSync(xorSolution('naive')));
    writeFileSync(path.join(dir, '=cmd|calc.layerlab.json'), 'not json, "quoted", with commas');
    const hostile = JSON.parse(readFileSync(xorSolution('reference'), 'utf8'));
    hostile.graph.nodes[1].config.units = 1e9;
    writeFileSync(path.join(dir, 'huge.layerlab.json'), JSON.stringify(hostile));
    const out = path.join(work, 'grades.csv');
    const result = await layerlab('grade', '--exercise', 'xor', dir, '--out', out, '--jobs', '2', '--backend', 'cpu');
    expect(result.stderr).not.toMatch(STACK);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Graded 4 files');
    const csv = readFileSync(out, 'utf8').split('\r\n');
    expect(csv[0]).toBe('file,passed,score,maxScore,val-accuracy-min,params-max,locked-unchanged,error');
    expect(csv[1]).toMatch(/^'=cmd\|calc\.layerlab\.json,false,,,,,,"not JSON: /);
    expect(csv[2]).toBe('ben.layerlab.json,false,3,6,0,2,1,');
    expect(csv[3]).toBe('group-a/ana.layerlab.json,true,6,6,3,2,1,');
    expect(csv[4]).toMatch(
      /^huge\.layerlab\.json,false,1,6,0,0,1,"the graph has a problem: Dense ""[^"]+"" would have [\d,]+ parameters/,
    );
    expect(csv[5]).toBe('');
  });
});
