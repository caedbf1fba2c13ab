import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbAnyJson } from '../graph/testing/random-graphs';
import { COURSE_EXERCISES, getCourseExercise } from './course';
import type { Exercise } from './exercise';
import { parseExerciseFile, serializeExercise } from './exercise-file';

const XOR = getCourseExercise('xor')!;
const TEXT = serializeExercise(XOR);

function errorOf(text: string): string {
  const result = parseExerciseFile(text);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

/** The XOR exercise with one change, as text. */
function variant(change: (raw: any) => void): string {
  const raw = JSON.parse(TEXT);
  change(raw);
  return JSON.stringify(raw);
}

describe('serializeExercise / parseExerciseFile', () => {
  it('round-trips every built-in exercise', () => {
    for (const exercise of COURSE_EXERCISES) {
      expect(parseExerciseFile(serializeExercise(exercise))).toEqual({ ok: true, exercise });
    }
  });

  it('writes 2-space JSON with the fields a reader looks for first', () => {
    expect(TEXT.startsWith('{\n  "format": "layerlab-exercise",\n  "version": 1,\n  "id": "xor",\n  "title"')).toBe(
      true,
    );
    expect(TEXT.endsWith('}\n')).toBe(true);
    expect(serializeExercise(JSON.parse(variant((raw) => Object.assign(raw, { title: raw.title }))) as Exercise)).toBe(
      TEXT,
    );
  });
});

describe('parseExerciseFile errors name the problem', () => {
  it('truncated, empty, non-JSON and non-object files', () => {
    expect(errorOf(TEXT.slice(0, 200))).toMatch(/^not JSON: .*\(file truncated\?\)$/);
    expect(errorOf('   ')).toBe('the file is empty');
    expect(errorOf('[1]')).toBe('not a LayerLab exercise: expected a JSON object');
  });

  it('format and version', () => {
    expect(errorOf(variant((raw) => (raw.format = 'layerlab')))).toBe(
      "format is 'layerlab', expected 'layerlab-exercise' (this is a project file, not an exercise)",
    );
    expect(errorOf(variant((raw) => delete raw.format))).toContain('format is missing');
    expect(errorOf(variant((raw) => (raw.version = 2)))).toBe(
      'version 2 is newer than this LayerLab understands (1): update LayerLab',
    );
    expect(errorOf(variant((raw) => (raw.version = 0)))).toBe(
      'version 0 is too old: LayerLab cannot upgrade exercises of version 0',
    );
    expect(errorOf(variant((raw) => (raw.version = '1')))).toContain("version is '1'");
  });

  it('refuses deep nesting instead of overflowing the stack', () => {
    const deep = variant((raw) => (raw.start.graph.nodes[0].config.deep = 0)).replace(
      '"deep":0',
      `"deep":${'['.repeat(50_000)}${']'.repeat(50_000)}`,
    );
    expect(errorOf(deep)).toBe('the file nests lists or objects more than 64 levels deep');
  });

  it('schema problems with their paths', () => {
    expect(errorOf(variant((raw) => (raw.lockedNodes = ['input'])))).toContain('lockedNodes');
    expect(errorOf(variant((raw) => (raw.id = 'My Exercise')))).toContain('id: use lowercase letters');
    expect(errorOf(variant((raw) => (raw.criteria[0].params.min = 1.5)))).toMatch(/^criteria\[0\]\.params\.min: /);
    expect(errorOf(variant((raw) => (raw.criteria[0].kind = 'accuracy')))).toMatch(
      /^criteria\[0\]\.kind: "accuracy" is not a criterion \(known: val-accuracy-min, /,
    );
    expect(errorOf(variant((raw) => (raw.criteria[1].params.budget = 3)))).toMatch(/^criteria\[1\]\.params/);
    expect(errorOf(variant((raw) => (raw.lockedNodeIds = ['input', 'ghost'])))).toBe(
      'lockedNodeIds[1]: no node "ghost" in the starting graph (found \'ghost\')',
    );
    expect(errorOf(variant((raw) => (raw.criteria = [])))).toMatch(/^criteria: /);
    expect(errorOf(variant((raw) => (raw.dataset = { kind: 'file', path: '/data/x.npz' })))).toContain(
      'an exercise uses a built-in data set',
    );
  });

  it('criteria that cannot be judged in the exercise, and repeated ids', () => {
    expect(
      errorOf(variant((raw) => raw.criteria.push({ kind: 'reconstruction-error-max', params: { max: 0.1 } }))),
    ).toContain('criteria[3]: reconstruction-error-max: the reconstruction error is only measured for autoencoder');
    expect(errorOf(variant((raw) => raw.criteria.push({ kind: 'val-loss-max', params: { max: 0.5 } })))).toContain(
      'a validation-loss target needs a fixed loss',
    );
    expect(
      errorOf(variant((raw) => raw.criteria.push({ id: 'params-max', kind: 'params-min', params: { min: 3 } }))),
    ).toContain('criteria[3].id: "params-max" is already the id of criteria[1]');
  });

  it('starting settings outside the rules, and unsafe instructions', () => {
    expect(errorOf(variant((raw) => (raw.start.training.learningRate = 0.5)))).toContain(
      "start.training: breaks the exercise's rules: learning rate 0.5 is outside the allowed range 0.001 to 0.1",
    );
    expect(
      errorOf(variant((raw) => Object.assign(raw.rules, { fixedOptimizer: 'adam', allowedOptimizers: ['sgd'] }))),
    ).toContain('give fixedOptimizer or allowedOptimizers, not both');
    expect(errorOf(variant((raw) => (raw.instructions += '\n\n<img src="https://tracker.example/x.png">')))).toMatch(
      /^instructions: line \d+: raw HTML \(<img src=/,
    );
    expect(errorOf(variant((raw) => (raw.instructions = '![cat](https://example.com/cat.png)')))).toContain(
      'no remote images',
    );
  });

  it('never throws and always explains itself, on random JSON and on mutated valid files', () => {
    const paths = collectPaths(JSON.parse(TEXT));
    const mutated = fc
      .tuple(fc.nat(paths.length - 1), fc.oneof(arbAnyJson(), fc.constant(undefined)), fc.nat(TEXT.length))
      .map(([pick, value, cut]) => {
        const raw = JSON.parse(TEXT);
        setAt(raw, paths[pick], value);
        return pick % 5 === 0 ? JSON.stringify(raw).slice(0, cut) : JSON.stringify(raw);
      });
    fc.assert(
      fc.property(
        fc.oneof(
          arbAnyJson().map((value) => JSON.stringify(value)),
          mutated,
          fc.string(),
        ),
        (text) => {
          const result = parseExerciseFile(text);
          if (!result.ok) {
            expect(result.error.length).toBeGreaterThan(5);
            expect(result.error).not.toMatch(/\n\s+at /);
          }
        },
      ),
      { seed: 10, numRuns: 300 },
    );
  });
});

describe('migrations', () => {
  it('chains the migrations from the file version up to the current one', () => {
    const old = variant((raw) => {
      raw.version = 0;
      raw.name = raw.title;
      delete raw.title;
    });
    const renameTitle = (raw: Record<string, unknown>) => {
      const { name, ...rest } = raw;
      return { ...rest, title: name, version: 1 };
    };
    expect(parseExerciseFile(old, { 0: renameTitle })).toEqual({ ok: true, exercise: XOR, migratedFrom: 0 });
    expect(
      parseExerciseFile(old, {
        0: () => {
          throw new Error('boom');
        },
      }),
    ).toEqual({
      ok: false,
      error: 'upgrading from version 0 failed: boom',
    });
  });
});

function collectPaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => collectPaths(item, [...path, i], out));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) collectPaths(item, [...path, key], out);
  return out;
}

function setAt(root: any, path: (string | number)[], value: unknown): void {
  if (path.length === 0) return;
  let target = root;
  for (const key of path.slice(0, -1)) target = target[key];
  const last = path[path.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
}
