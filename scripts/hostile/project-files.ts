import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summaryCommand } from '../../src/cli/commands/summary';
import { CliError } from '../../src/cli/cli-error';
import { listBuiltinDatasets } from '../../src/core/datasets/builtin-datasets';
import { analyzeGraph } from '../../src/shared/graph/analyze-graph';
import { parseProjectFile, PROJECT_FORMAT, PROJECT_VERSION } from '../../src/shared/graph/project-file';
import { mulberry32, type RandomSource } from '../../src/shared/seeded-random';
import { TEMPLATES } from '../../src/shared/templates';
import { CategoryResult, MiB } from './category';

/**
 * Hostile project files through what reads them: the parser (never throws), the analysis (never throws, every limit a
 * readable problem) and `layerlab summary` (a CliError for bad input, exit 2, never an internal error or a flood of
 * output). Inputs: seeded mutations of every template's project file, plus the shapes the first review found
 * dangerous (deep nesting, huge numbers, long cycles and chains, huge layers).
 */

/** Longest an input may take through parser, analysis and summary. */
const SLOW_MS = 5000;
/** Most output a summary may write for one input (the first review saw 1.5 GB for a 10k-node cycle). */
const MAX_OUTPUT_CHARS = 1 * MiB;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export async function fuzzProjectFiles(options: {
  seed: number;
  count: number;
  /** Every how many parsed inputs one also goes through `layerlab summary` (it builds the model with tfjs). */
  summaryEvery?: number;
}): Promise<CategoryResult> {
  const result = new CategoryResult('fuzzed project files');
  const random = mulberry32(options.seed);
  const summaryEvery = options.summaryEvery ?? 10;
  const work = mkdtempSync(join(tmpdir(), 'layerlab-hostile-projects-'));
  const descriptors = new Map(listBuiltinDatasets().map((d) => [d.id, d]));
  const bases = TEMPLATES.map(
    (t) =>
      ({
        format: PROJECT_FORMAT,
        version: PROJECT_VERSION,
        graph: t.graph,
        training: t.training,
        dataset: t.dataset,
        task: t.task,
      }) as unknown as Json,
  );
  let parsedCount = 0;
  let slowest = 0;
  const inputs: (() => string)[] = [...handMade(bases)];
  for (let i = inputs.length; i < options.count; i++) inputs.push(() => mutatedText(bases, random));
  try {
    for (const [index, make] of inputs.entries()) {
      const text = make();
      result.tried();
      const started = performance.now();
      const label = `input ${index} (${text.length.toLocaleString('en-US')} chars: ${text.slice(0, 80)})`;
      let parsed: ReturnType<typeof parseProjectFile>;
      try {
        parsed = parseProjectFile(text);
      } catch (error) {
        result.crash(`parseProjectFile threw on ${label}: ${String(error)}`);
        continue;
      }
      if (!parsed.ok) {
        if (parsed.error.length > 2000) result.fail(`a ${parsed.error.length}-char parse error for ${label}`);
        continue;
      }
      parsedCount++;
      const { graph, dataset, task } = parsed.project;
      const descriptor = dataset.kind === 'builtin' ? descriptors.get(dataset.id) : undefined;
      try {
        const analysis = analyzeGraph(graph, {
          ...(descriptor ? { inputShape: descriptor.inputShape, numClasses: descriptor.classNames.length } : {}),
          task,
        });
        const bug = analysis.problems.find((p) => p.message.startsWith('The graph could not be analysed'));
        if (bug) result.crash(`analyzeGraph failed inside on ${label}: ${bug.message}`);
      } catch (error) {
        result.crash(`analyzeGraph threw on ${label}: ${String(error)}`);
        continue;
      }
      if (parsedCount % summaryEvery === 0 || index < HAND_MADE_COUNT) {
        const file = join(work, `p${index}.layerlab.json`);
        writeFileSync(file, text);
        let written = 0;
        const io = {
          out: (line: string) => void (written += line.length),
          err: (line: string) => void (written += line.length),
          status: () => {},
        };
        try {
          await summaryCommand(['--project', file, '--json'], io);
        } catch (error) {
          if (!(error instanceof CliError))
            result.crash(`layerlab summary failed internally on ${label}: ${String(error)}`);
        }
        if (written > MAX_OUTPUT_CHARS) result.fail(`layerlab summary wrote ${written} chars for ${label}`);
        rmSync(file, { force: true });
      }
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      if (took > SLOW_MS) result.fail(`${Math.round(took)} ms for ${label}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  result.figures.push(`${parsedCount} parsed`, `slowest ${Math.round(slowest)} ms`);
  return result;
}

const HAND_MADE_COUNT = 12;

/** The shapes the first review found dangerous, each built on a template's file. */
function handMade(bases: Json[]): (() => string)[] {
  const base = () => structuredClone(bases.find((b) => (b as { graph: { nodes: unknown[] } }).graph.nodes.length > 3)!);
  /** JSON text nesting `depth` lists and objects (built as text: JSON.stringify itself overflows on it). */
  const deep = (depth: number): string => `${'[{"a":'.repeat(depth / 2)}1${'}]'.repeat(depth / 2)}`;
  const PLACEHOLDER = '@@value@@';
  const withConfig = (key: string, value: Json | { text: string }) => () => {
    const project = base() as { graph: { nodes: { kind: string; config: Record<string, Json> }[] } };
    const dense = project.graph.nodes.find((n) => n.kind === 'Dense')!;
    const isText = typeof value === 'object' && value !== null && 'text' in value;
    dense.config[key] = isText ? PLACEHOLDER : (value as Json);
    const text = JSON.stringify(project);
    return isText ? text.replace(`"${PLACEHOLDER}"`, (value as { text: string }).text) : text;
  };
  const chain = (length: number, cycle: boolean) => () => {
    const project = base() as { graph: { nodes: Json[]; edges: Json[]; outputId?: string } };
    const nodes: Json[] = [{ id: 'in', kind: 'Input', config: { shape: [2] }, position: { x: 0, y: 0 } }];
    const edges: Json[] = [];
    for (let i = 0; i < length; i++) {
      nodes.push({ id: `d${i}`, kind: 'Dense', config: { units: 2 }, position: { x: 0, y: i } });
      edges.push({ id: `e${i}`, source: i === 0 ? 'in' : `d${i - 1}`, target: `d${i}` });
    }
    if (cycle) edges.push({ id: 'back', source: `d${length - 1}`, target: 'd0' });
    project.graph.nodes = nodes;
    project.graph.edges = edges;
    delete project.graph.outputId;
    return JSON.stringify(project);
  };
  const made: (() => string)[] = [
    withConfig('units', { text: deep(1500) }),
    withConfig('units', { text: deep(100_000) }),
    withConfig('units', 1e9),
    withConfig('units', 1e300),
    withConfig('units', -1),
    withConfig('activation', 'x'.repeat(1_000_000)),
    chain(10_000, true),
    chain(10_000, false),
    chain(50, true),
    () => `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
    () => JSON.stringify(base()).slice(0, 500),
    () => JSON.stringify({ ...(base() as object), graph: { version: 1, nodes: 'x'.repeat(10), edges: {} } }),
  ];
  if (made.length !== HAND_MADE_COUNT) throw new Error('HAND_MADE_COUNT is out of date');
  return made;
}

/** One of the templates' files with 1-4 seeded mutations, as text (sometimes with the text itself damaged). */
function mutatedText(bases: Json[], random: RandomSource): string {
  let value = structuredClone(bases[Math.floor(random() * bases.length)]);
  const mutations = 1 + Math.floor(random() * 4);
  for (let i = 0; i < mutations; i++) value = mutate(value, random);
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    // Nested deeper than JSON.stringify itself goes (mutations stacking up): the hand-made inputs cover that as text.
    text = JSON.stringify(bases[0]);
  }
  const damage = random();
  if (damage < 0.05) return text.slice(0, Math.floor(random() * text.length));
  if (damage < 0.1) {
    const at = Math.floor(random() * text.length);
    return `${text.slice(0, at)}${String.fromCharCode(Math.floor(random() * 128))}${text.slice(at + 1)}`;
  }
  return text;
}

const HUGE_NUMBERS: Json[] = [1e300, -1e300, 1e9, 2 ** 53 + 1, -0, 5e-324, 1e21, 0.1, -(2 ** 31), 2 ** 32];

/** Replaces one random place in `root` (or `root` itself) with something hostile. */
function mutate(root: Json, random: RandomSource): Json {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  // Walk down a random path, remembering the parent of where we stop. Most walks start in a node's config or in the
  // edges, where the file still parses and the analysis has to cope.
  let parent: Json[] | { [key: string]: Json } | null = null;
  let key: string | number | null = null;
  let here: Json = root;
  const graph = (root as { graph?: { nodes?: Json; edges?: Json } } | null)?.graph;
  const start = random();
  if (start < 0.5 && Array.isArray(graph?.nodes) && graph.nodes.length > 0) {
    const node = pick(graph.nodes) as { config?: Json } | null;
    if (node?.config && typeof node.config === 'object' && !Array.isArray(node.config)) {
      parent = node.config;
      const keys = Object.keys(node.config);
      key = keys.length > 0 && random() < 0.8 ? pick(keys) : pick(['units', 'filters', 'kernelSize', 'shape', 'rate']);
      here = node.config[key] ?? null;
      return replaceAt(parent, key, hostileValue(here, random), root);
    }
  } else if (start < 0.7 && Array.isArray(graph?.edges) && graph.edges.length > 0) {
    const edge = pick(graph.edges) as Record<string, Json> | null;
    if (edge && typeof edge === 'object') {
      key = pick(['source', 'target', 'targetPort', 'id']);
      return replaceAt(
        edge,
        key,
        random() < 0.5 ? pick(['d0', 'input-1', edge.target ?? null, '']) : hostileValue(edge[key] ?? null, random),
        root,
      );
    }
  }
  while (here !== null && typeof here === 'object' && random() < 0.8) {
    const keys: (string | number)[] = Array.isArray(here) ? here.map((_, i) => i) : Object.keys(here);
    if (keys.length === 0) break;
    parent = here;
    key = pick(keys);
    here = (here as Record<string | number, Json>)[key];
  }
  const replacement = hostileValue(here, random);
  if (parent === null || key === null) return replacement === undefined ? root : replacement;
  return replaceAt(parent, key, replacement, root);
}

function replaceAt(
  parent: Json[] | { [key: string]: Json },
  key: string | number,
  value: Json | undefined,
  root: Json,
): Json {
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else (parent as Record<string | number, Json>)[key] = value;
  return root;
}

/** Something to put where `current` was; undefined deletes it. */
function hostileValue(current: Json, random: RandomSource): Json | undefined {
  const choice = Math.floor(random() * 12);
  switch (choice) {
    case 0:
      return undefined;
    case 1:
      return HUGE_NUMBERS[Math.floor(random() * HUGE_NUMBERS.length)];
    case 2:
      return null;
    case 3:
      return random() < 0.5;
    case 4:
      return ['', 'Dense', 'Input', '__proto__', 'constructor', 'x'.repeat(10_000), '\u0000', 'NaN'][
        Math.floor(random() * 8)
      ];
    case 5: {
      let value: Json = current;
      const depth = Math.floor(random() * 1500);
      for (let i = 0; i < depth; i++) value = [value];
      return value;
    }
    case 6:
      return Array.isArray(current) ? [...current, ...current, ...current] : [current];
    case 7:
      return Array.isArray(current) && current.length > 0
        ? Array.from({ length: 2000 }, () => structuredClone(current[0]))
        : {};
    case 8:
      return typeof current === 'number' ? current * (random() < 0.5 ? -1 : 1e6) : Math.floor(random() * 2 ** 31);
    case 9:
      return JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x", "toString": 1}') as Json;
    case 10:
      return typeof current === 'string' ? `${current}${current}` : (JSON.stringify(current) ?? 'undefined');
    default:
      return Array.isArray(current) ? current.reverse() : current;
  }
}
