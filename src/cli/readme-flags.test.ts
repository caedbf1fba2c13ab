import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOSSES } from '../shared/training/losses';
import { OPTIMIZERS } from '../shared/training/optimizers';
import { TASKS } from '../shared/training/task';
import { BACKENDS } from '../shared/training/train-config';
import { USAGE } from './main';

/** The README's command-line section and `layerlab --help` must name exactly the values the CLI accepts. */
describe('flag values in the README and in --help come from the registries', () => {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8').replace(/\s+/g, ' ');
  const help = USAGE.replace(/\s+/g, ' ');
  const registries: [string, readonly string[]][] = [
    ['optimizer', OPTIMIZERS],
    ['loss', LOSSES],
    ['backend', BACKENDS],
    ['task', TASKS],
  ];

  for (const [flag, names] of registries) {
    it(`--${flag}`, () => {
      const listed = (text: string) => new RegExp(`--${flag} ([A-Za-z-]+(?:\\|[A-Za-z-]+)*)`).exec(text)?.[1];
      expect(listed(readme)?.split('|'), 'README.md').toEqual([...names]);
      expect(listed(help)?.split('|'), 'layerlab --help').toEqual([...names]);
    });
  }
});
