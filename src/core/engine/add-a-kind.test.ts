import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * What adding a layer kind costs, checked by the compiler: a dummy kind is added in memory (the repository is not
 * touched) as one definition file, its entry in the catalogue's registry, one builder line and one line per exporter
 * (its weights, PyTorch, Keras, ONNX), and the whole project must type-check. Without the builder line it must not,
 * nor without an exporter's line: a missing kind is a compile error, not a run-time surprise. Everything else
 * (LAYER_KINDS and the file schema, the palette, colours, the random parity graphs) derives.
 */
const ROOT = path.join(__dirname, '../../..');
const at = (file: string) => path.join(ROOT, file);
const CATALOGUE = at('src/shared/layers/catalogue.ts');
const BUILDERS = at('src/core/engine/build-model.ts');
const DEFINITION = at('src/shared/layers/kinds/dummy.ts');

/** Each exporter's `Record<kind, rule>` and the Dummy line it needs (an identity in that format's terms). */
const EXPORTER_LINES: { file: string; map: string; line: string }[] = [
  { file: at('src/core/interop/weights/weight-specs.ts'), map: 'WEIGHT_RULES', line: 'Dummy: NONE,' },
  {
    file: at('src/core/interop/pytorch/torch-layers.ts'),
    map: 'TORCH_LAYERS',
    line: "Dummy: { code: ({ module, inputs }) => ({ module: 'nn.Identity()', forward: `${module}(${inputs[0]})` }), state: NO_STATE },",
  },
  {
    file: at('src/core/interop/keras/keras-layers.ts'),
    map: 'KERAS_LAYERS',
    line: "Dummy: (layer) => ({ call: `layers.Activation(${named(layer, [pyString('linear')])})` }),",
  },
  { file: at('src/core/interop/onnx/onnx-layers.ts'), map: 'ONNX_LAYERS', line: "Dummy: sameShapeNode('Identity')," },
];

/** The new file: a parameter-free element-wise layer. */
const DUMMY_DEFINITION = `import { defineLayer } from '../layer-definition';
import { NO_PARAMS, sameShape } from '../shape-result';

export const DUMMY_LAYER = defineLayer({
  kind: 'Dummy',
  displayName: 'Dummy',
  category: 'Core',
  keepsShape: true,
  fields: [],
  inputs: { min: 1, max: 1 },
  explanation: 'Passes its input through unchanged; it exists to prove that a new kind is one file and two lines.',
  outputShape: (inputs) => sameShape(inputs),
  paramCount: () => NO_PARAMS,
  summary: () => 'identity',
});
`;

/** The registration: the import and the entry in LAYER_DEFINITIONS (the only list of kinds). */
function register(catalogue: string): string {
  const list = catalogue.indexOf('export const LAYER_DEFINITIONS = [');
  const end = catalogue.indexOf('] as const;', list);
  expect(list, 'LAYER_DEFINITIONS in catalogue.ts').toBeGreaterThan(0);
  expect(end, 'the end of LAYER_DEFINITIONS').toBeGreaterThan(list);
  const withEntry = `${catalogue.slice(0, end)}  DUMMY_LAYER,\n${catalogue.slice(end)}`;
  return `import { DUMMY_LAYER } from './kinds/dummy';\n${withEntry}`;
}

/** The builder line, first in LAYER_BUILDERS. */
function addBuilder(builders: string): string {
  const open = /const LAYER_BUILDERS: [^=]+= \{\n/.exec(builders);
  expect(open, 'LAYER_BUILDERS in build-model.ts').not.toBeNull();
  const at = open!.index + open![0].length;
  const line = `  Dummy: (_c, { name }) => tf.layers.activation({ name, activation: 'linear' }),\n`;
  return builders.slice(0, at) + line + builders.slice(at);
}

/** `line` added first in the object literal `map` of `source`. */
function addLine(source: string, map: string, line: string): string {
  const open = new RegExp(`const ${map}: [^=]+= \\{\\n`).exec(source);
  expect(open, map).not.toBeNull();
  const at = open!.index + open![0].length;
  return `${source.slice(0, at)}  ${line}\n${source.slice(at)}`;
}

/** A compiler for the project as tsconfig.json describes it, with some files replaced or added in memory. */
function compile(overlay: Map<string, string>, roots?: string[], oldProgram?: ts.Program): ts.Program {
  const config = ts.readConfigFile(at('tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const host = ts.createCompilerHost(parsed.options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => overlay.has(path.resolve(file)) || fileExists(file);
  host.readFile = (file) => overlay.get(path.resolve(file)) ?? readFile(file);
  host.getSourceFile = (file, language, onError, shouldCreate) => {
    const text = overlay.get(path.resolve(file));
    return text === undefined
      ? getSourceFile(file, language, onError, shouldCreate)
      : ts.createSourceFile(file, text, language);
  };
  const rootNames = roots ?? [...parsed.fileNames, ...[...overlay.keys()].filter((f) => !parsed.fileNames.includes(f))];
  return ts.createProgram({ rootNames, options: parsed.options, host, oldProgram });
}

function messages(diagnostics: readonly ts.Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const where = d.file ? `${path.relative(ROOT, d.file.fileName)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

describe('adding a layer kind', () => {
  it('is one definition file, one registry entry, one builder line and one line per exporter; without any of those lines it does not compile', () => {
    const registered = new Map([
      [DEFINITION, DUMMY_DEFINITION],
      [CATALOGUE, register(readFileSync(CATALOGUE, 'utf8'))],
    ]);
    const lines = [
      { file: BUILDERS, text: addBuilder(readFileSync(BUILDERS, 'utf8')) },
      ...EXPORTER_LINES.map(({ file, map, line }) => ({ file, text: addLine(readFileSync(file, 'utf8'), map, line) })),
    ];
    const complete = new Map([...registered, ...lines.map(({ file, text }) => [file, text] as const)]);
    const program = compile(complete);
    expect(messages(ts.getPreEmitDiagnostics(program))).toEqual([]);

    // The same kind without those lines: each file names what is missing (one compile checks them all, since each
    // file's error is its own).
    const files = lines.map(({ file }) => file);
    const missing = compile(registered, [...files, DEFINITION], program);
    for (const file of files) {
      const errors = messages(missing.getSemanticDiagnostics(missing.getSourceFile(file)));
      expect(errors.join('\n'), path.relative(ROOT, file)).toMatch(/Property 'Dummy' is missing/);
    }
  }, 300_000);
});
