/**
 * Regenerates resources/datasets/fonts-36.llds, the built-in font-type recognition set, from the @fontsource WOFF files.
 * Deterministic: same seed → same bytes (a test compares the shipped file with a fresh generation).
 *   npx tsx scripts/generate-fonts-dataset.ts [--seed N] [--per-class N] [--out FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseFlagsOrExit } from '../src/cli/parse-flags';
import { DEFAULT_FONTS_OPTIONS, generateFontsDataset } from '../src/core/datasets/fonts-generator';
import { encodeImageSet } from '../src/core/datasets/fonts-format';
import { fontsDatasetPath } from '../src/core/datasets/builtin-fonts';

const flags = parseFlagsOrExit('generate-fonts-dataset', process.argv.slice(2), {
  seed: 'number',
  'per-class': 'number',
  out: 'string',
});
const seed = flags.seed ?? DEFAULT_FONTS_OPTIONS.seed;
const perClass = flags['per-class'] ?? DEFAULT_FONTS_OPTIONS.perClass;
const out = flags.out ?? fontsDatasetPath();
const started = performance.now();
const set = generateFontsDataset({ ...DEFAULT_FONTS_OPTIONS, seed, perClass });
const bytes = encodeImageSet(set);
writeFileSync(out, bytes);
const seconds = (performance.now() - started) / 1000;
console.log(`${out}: ${set.header.count} images, ${bytes.length} bytes, ${seconds.toFixed(1)} s`);
