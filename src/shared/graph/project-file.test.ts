import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PROJECT_MIGRATIONS,
  PROJECT_VERSION,
  parseProjectFile,
  serializeProject,
  unknownTopLevelFields,
  zProjectFile,
  type ProjectFile,
} from './project-file';
import { describeUnknownField, droppedUnknownFields, findUnknownFields, listUnknownFields } from './unknown-fields';
import { projectWithUnknownFields, unknownFieldNames } from './testing/unknown-fields-project';
import { COURSE_CNN } from './testing/fixtures';
import { arbAnyJson } from './testing/random-graphs';
import { DEFAULT_TRAIN_CONFIG } from '../training/train-config';
import { getTemplate } from '../templates';

const PROJECT: ProjectFile = {
  format: 'layerlab',
  version: PROJECT_VERSION,
  graph: COURSE_CNN,
  training: DEFAULT_TRAIN_CONFIG,
  dataset: { kind: 'builtin', id: 'fonts' },
  task: 'classification',
};
const TEXT = serializeProject(PROJECT);

function errorOf(text: string): string {
  const result = parseProjectFile(text);
  if (result.ok) throw new Error('expected a failure');
  return result.error;
}

describe('serializeProject / parseProjectFile', () => {
  it('round-trips and keeps opaque weights', () => {
    expect(parseProjectFile(TEXT)).toEqual({ ok: true, project: PROJECT });
    const withWeights = { ...PROJECT, weights: { format: 'tfjs', data: [1, 2, { deep: null }] } };
    const parsed = parseProjectFile(serializeProject(withWeights));
    expect(parsed.ok && parsed.project.weights).toEqual(withWeights.weights);
  });

  it('writes 2-space JSON with a stable key order', () => {
    expect(
      TEXT.startsWith(
        '{\n  "format": "layerlab",\n  "version": 2,\n  "graph": {\n    "version": 1,\n    "nodes": [\n      {\n        "id": "input",\n        "kind": "Input",',
      ),
    ).toBe(true);
    expect(TEXT.endsWith('}\n')).toBe(true);
    const shuffled = JSON.parse(TEXT);
    const reordered = {
      task: shuffled.task,
      dataset: shuffled.dataset,
      training: shuffled.training,
      graph: shuffled.graph,
      version: PROJECT_VERSION,
      format: 'layerlab',
    };
    expect(serializeProject(reordered as ProjectFile)).toBe(TEXT);
  });
});

describe('parseProjectFile errors name the problem', () => {
  it('truncated or non-JSON text', () => {
    const truncated = errorOf(TEXT.slice(0, 120));
    expect(truncated).toMatch(/^not JSON: .*position \d+.*\(file truncated\?\)$/);
    expect(errorOf('{"format": layerlab}')).toMatch(/^not JSON: /);
    expect(errorOf('{"format": layerlab}')).not.toContain('truncated');
    expect(errorOf('')).toBe('the file is empty');
    expect(errorOf('[1, 2]')).toBe('not a LayerLab project: expected a JSON object, found a list');
  });

  it('format and version', () => {
    expect(errorOf(JSON.stringify({ ...PROJECT, format: 'foo' }))).toBe("format is 'foo', expected 'layerlab'");
    expect(errorOf(JSON.stringify({ ...PROJECT, format: undefined }))).toContain('format is missing');
    expect(errorOf(JSON.stringify({ ...PROJECT, version: 7 }))).toBe(
      'version 7 is newer than this LayerLab understands (2): update LayerLab',
    );
    expect(errorOf(JSON.stringify({ ...PROJECT, version: '1' }))).toContain("version is '1'");
  });

  it('zod paths, with the offending value', () => {
    const badKind = JSON.parse(TEXT);
    badKind.graph.nodes[3].kind = 'Dens';
    expect(errorOf(JSON.stringify(badKind))).toBe("graph.nodes[3].kind: 'Dens' is not a layer kind");
    const badTraining = JSON.parse(TEXT);
    badTraining.training.optimizer = 'adamw';
    delete badTraining.training.epochs;
    const message = errorOf(JSON.stringify(badTraining));
    expect(message).toContain("training.optimizer: 'adamw' is not one of 'sgd'");
    expect(message).toContain('training.epochs is missing (expected number)');
    const badPosition = JSON.parse(TEXT);
    badPosition.graph.nodes[0].position.x = 'left';
    expect(errorOf(JSON.stringify(badPosition))).toBe("graph.nodes[0].position.x: expected number, found 'left'");
  });

  it('refuses deeply nested JSON instead of overflowing the stack', () => {
    const nested = TEXT.replace('"config": {', `"config": {"deep": ${'['.repeat(100_000)}${']'.repeat(100_000)},`);
    expect(errorOf(nested)).toBe('the file nests lists or objects more than 64 levels deep');
  });

  it('never throws and always explains itself, on random JSON and on mutated valid files', () => {
    const mutatedFile = fc
      .tuple(fc.nat(), fc.oneof(arbAnyJson(), fc.constant(undefined)), fc.nat(TEXT.length))
      .map(([pick, value, cut]) => {
        const raw = JSON.parse(TEXT);
        const paths = collectPaths(raw);
        const path = paths[pick % paths.length];
        setAt(raw, path, value);
        return pick % 5 === 0 ? JSON.stringify(raw).slice(0, cut) : JSON.stringify(raw);
      });
    fc.assert(
      fc.property(
        fc.oneof(
          arbAnyJson().map((value) => JSON.stringify(value)),
          mutatedFile,
          fc.string(),
        ),
        (text) => {
          const result = parseProjectFile(text);
          if (!result.ok) {
            expect(result.error.length).toBeGreaterThan(5);
            expect(result.error).not.toMatch(/\n\s+at /); // no stack trace
          }
        },
      ),
      { seed: 2024, numRuns: 500 },
    );
  });
});

describe('migrations', () => {
  it('upgrades a version-0 file (nodes with `type`) to the current version', () => {
    const raw = JSON.parse(TEXT);
    raw.version = 0;
    raw.graph.version = 0;
    raw.graph.nodes = raw.graph.nodes.map(({ kind, ...rest }: { kind: string }) => ({ ...rest, type: kind }));
    const result = parseProjectFile(JSON.stringify(raw));
    expect(result).toEqual({ ok: true, project: PROJECT, migratedFrom: 0 });
  });

  it('has a migration from every older version, each raising the version by one', () => {
    for (let version = 0; version < PROJECT_VERSION; version++) {
      expect(PROJECT_MIGRATIONS[version]).toBeTypeOf('function');
      expect(PROJECT_MIGRATIONS[version]({ version, graph: { nodes: [] } }).version).toBe(version + 1);
    }
  });

  describe('version 1 → 2: the task the file never stated, decided once by resolveTask', () => {
    // Files written by LayerLab before the task was saved (generated from the templates by the version-1 writer).
    const dir = new URL('./testing/v1-projects/', import.meta.url);
    const open = (name: string) => {
      const text = readFileSync(new URL(`${name}.layerlab.json`, dir), 'utf8');
      expect(JSON.parse(text)).toMatchObject({ version: 1 });
      expect(JSON.parse(text)).not.toHaveProperty('task');
      const result = parseProjectFile(text);
      if (!result.ok) throw new Error(result.error);
      expect(result.migratedFrom).toBe(1);
      return result.project;
    };

    it('XOR trained with mean squared error stays a classifier (its softmax output has the input shape [2])', () => {
      const project = open('xor-mse');
      expect(project.training.loss).toBe('meanSquaredError');
      expect(project.task).toBe('classification');
    });

    it('the autoencoder templates become autoencoders; the classifiers (any loss) classifiers', () => {
      expect(open('autoencoder').task).toBe('autoencoder');
      expect(open('denoising-autoencoder').task).toBe('autoencoder');
      expect(open('xor').task).toBe('classification');
      expect(open('cnn').task).toBe('classification');
      expect(open('feed-forward-mse').task).toBe('classification');
    });

    it('every fixture upgrades to the task its template states, and saving writes version 2 with it', () => {
      const fixtures = readdirSync(dir).filter((name) => name.endsWith('.layerlab.json'));
      expect(fixtures.length).toBeGreaterThanOrEqual(6);
      for (const name of fixtures) {
        const project = open(name.replace('.layerlab.json', ''));
        const template = getTemplate(name.startsWith('xor') ? 'xor-mlp' : name.replace(/(-mse)?\.layerlab\.json$/, ''));
        expect(project.task, name).toBe(template?.task);
        const saved = JSON.parse(serializeProject(project));
        expect(saved).toMatchObject({ version: 2, task: project.task });
        expect(parseProjectFile(serializeProject(project))).toEqual({ ok: true, project });
      }
    });

    it('keeps a task a version-1 file already carried, and names an invalid one', () => {
      const raw = JSON.parse(readFileSync(new URL('xor-mse.layerlab.json', dir), 'utf8'));
      const explicit = parseProjectFile(JSON.stringify({ ...raw, task: 'autoencoder' }));
      expect(explicit.ok && explicit.project.task).toBe('autoencoder');
      expect(errorOf(JSON.stringify({ ...raw, task: 'regression' }))).toBe(
        "task: 'regression' is not one of 'classification', 'autoencoder'",
      );
    });

    it('a broken graph reports the graph, not a missing task', () => {
      const raw = JSON.parse(readFileSync(new URL('cnn.layerlab.json', dir), 'utf8'));
      raw.graph.nodes[1].kind = 'Dens';
      expect(errorOf(JSON.stringify(raw))).toBe("graph.nodes[1].kind: 'Dens' is not a layer kind");
    });
  });

  it('a version-2 file without a task is refused, naming the field', () => {
    const raw = JSON.parse(TEXT);
    delete raw.task;
    expect(errorOf(JSON.stringify(raw))).toBe("task is missing (expected one of 'classification', 'autoencoder')");
  });

  it('reports files older than any migration', () => {
    expect(errorOf(JSON.stringify({ ...PROJECT, version: -1 }))).toContain('version is -1');
  });
});

function collectPaths(
  value: unknown,
  path: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
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

describe('fields this version does not know', () => {
  it('survive a parse and a save, at every level, and are named where they are', () => {
    // Before: zod dropped them at parse, so any save wrote the file without them, silently.
    const raw = projectWithUnknownFields();
    const parsed = parseProjectFile(JSON.stringify(raw));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(JSON.parse(serializeProject(parsed.project))).toEqual(raw);
    expect(unknownTopLevelFields(parsed.project)).toEqual({ notes: raw.notes });
    const names = findUnknownFields(parsed.project, zProjectFile).map(describeUnknownField);
    expect(names.sort()).toEqual(unknownFieldNames().sort());
  });

  it('are reported as dropped only where the object that held them is still there', () => {
    const parsed = parseProjectFile(JSON.stringify(projectWithUnknownFields()));
    if (!parsed.ok) throw new Error(parsed.error);
    const fields = findUnknownFields(parsed.project, zProjectFile);
    const [first, ...rest] = parsed.project.graph.nodes;
    const { color: _color, ...plain } = first as typeof first & { color?: string };
    // The first node loses its colour; the edge is deleted (its field goes with it); the data set is replaced.
    const next = {
      ...parsed.project,
      graph: { ...parsed.project.graph, nodes: [...rest, plain], edges: parsed.project.graph.edges.slice(1) },
      dataset: { kind: 'builtin', id: 'circles' },
    };
    const dropped = droppedUnknownFields(fields, next).map(describeUnknownField);
    expect(dropped).toEqual([`graph.nodes[id ${JSON.stringify(first.id)}].color`]);
    expect(listUnknownFields(fields, 2)).toMatch(/^[^,]+, [^,]+ and 8 more$/);
  });

  it('are never copied onto the prototype', () => {
    const parsed = parseProjectFile(TEXT.replace('"format"', '"__proto__": {"polluted": true}, "format"'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect((parsed.project as unknown as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
