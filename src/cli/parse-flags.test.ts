import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error';
import { formatConfusionMatrix } from './format/confusion-matrix';
import { parseFlags } from './parse-flags';

const SPEC = { epochs: 'number', template: 'string', json: 'boolean' } as const;

describe('parseFlags', () => {
  it('reads --name value, --name=value and boolean flags', () => {
    expect(parseFlags('train', ['--epochs', '3', '--template=cnn', '--json'], SPEC)).toEqual({
      epochs: 3,
      template: 'cnn',
      json: true,
    });
  });

  it.each([
    [['--bogus'], /unknown flag --bogus/],
    [['--epochs'], /--epochs needs a value/],
    [['--epochs', 'many'], /--epochs must be a number, got "many"/],
    [['--epochs', '--json'], /--epochs needs a value/],
    [['--json=yes'], /--json takes no value/],
    [['stray'], /unexpected argument "stray"/],
    [['--epochs', '1', '--epochs', '2'], /--epochs given twice/],
  ])('rejects %j with a CliError naming the problem', (args, message) => {
    expect(() => parseFlags('train', args, SPEC)).toThrow(CliError);
    expect(() => parseFlags('train', args, SPEC)).toThrow(message);
  });
});

describe('formatConfusionMatrix', () => {
  it('prints one row per true class with the class names and right-aligned counts', () => {
    const text = formatConfusionMatrix(
      [
        [12, 3],
        [0, 105],
      ],
      ['cat', 'dog'],
    );
    expect(text.split('\n')).toEqual([
      'true \\ predicted   cat   dog',
      'cat                 12     3',
      'dog                  0   105',
    ]);
  });
});
