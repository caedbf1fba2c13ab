/**
 * `npm run hostile`: the hostile review of #14 again, seeded, in a few minutes on two cores. One line per category:
 * inputs tried / crashes / failures (a crash: something died or a never-throw function threw; a failure: a wrong
 * outcome without a crash, such as a file outside the allowlist read, a torn save or a hang). Exits 1 when any
 * category has a crash or a failure, 2 for bad flags.
 *
 *   npm run hostile                          every category, seed 14
 *   npm run hostile -- --seed 7 --only projects,websocket --projects 20000
 */
import { execFileSync } from 'node:child_process';
import { parseFlagsOrExit } from '../../src/cli/parse-flags';
import { tryAllowlist } from './allowlist';
import { killDuringSaves } from './atomic-save';
import type { CategoryResult } from './category';
import { hostileImports } from './imports';
import { fuzzProjectFiles } from './project-files';
import { hangAndKillTraining } from './training';
import { attackWebSocket } from './websocket';

const flags = parseFlagsOrExit('npm run hostile', process.argv.slice(2), {
  seed: 'number',
  only: 'string',
  projects: 'number',
  kills: 'number',
  frames: 'number',
});
const seed = flags.seed ?? 14;

/** The categories in the order they run (cheapest first), by the name `--only` takes. */
const CATEGORIES: Record<string, () => Promise<CategoryResult>> = {
  projects: () => fuzzProjectFiles({ seed, count: flags.projects ?? 5000 }),
  allowlist: () => tryAllowlist(),
  websocket: () => attackWebSocket({ seed, count: flags.frames ?? 500 }),
  saves: () => killDuringSaves({ seed, kills: flags.kills ?? 30 }),
  imports: () => hostileImports(),
  training: () => hangAndKillTraining(),
};

const only = flags.only?.split(',').map((name) => name.trim()) ?? Object.keys(CATEGORIES);
const unknown = only.filter((name) => !Object.hasOwn(CATEGORIES, name));
if (unknown.length > 0) {
  console.error(`npm run hostile: unknown --only ${unknown.join(', ')} (known: ${Object.keys(CATEGORIES).join(', ')})`);
  process.exit(2);
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
console.log(`hostile review, seed ${seed}; machine: ${uptime()}`);
const started = performance.now();
let bad = 0;
for (const name of only) {
  const categoryStarted = performance.now();
  const result = await CATEGORIES[name]();
  const seconds = ((performance.now() - categoryStarted) / 1000).toFixed(0);
  console.log(`${result.line()} [${seconds} s]`);
  for (const detail of result.details()) console.log(`  ${detail}`);
  bad += result.crashes + result.failures;
}
console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; machine: ${uptime()}`);
process.exit(bad > 0 ? 1 : 0);
