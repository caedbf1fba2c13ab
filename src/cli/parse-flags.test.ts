import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error';
import { formatConfusionMatrix } from './format/confusion-matrix';
import { parseFlags, parseFlagsAndArguments } from './parse-flags';

const SPEC = { epochs: 'number', template: 'string', json: 'boolean' } as const;

describe('parseFlags', () => {
  it('reads --name value, --name=value and boolean flags', () => {
    expect(parseFlags('layerlab train', ['--epochs', '3', '--template=cnn', '--json'], SPEC)).toEqual({
      epochs: 3,
      template: 'cnn',
      json: true,
    });
  });

  it('takes a value starting with one dash, and collects a repeatable flag', () => {
    expect(parseFlags('layerlab train', ['--epochs', '-1', '--template=--x'], SPEC)).toEqual({
      epochs: -1,
      template: '--x',
    });
    expect(parseFlags('bench', ['--model', 'a', '--model=b'], { model: 'strings' })).toEqual({ model: ['a', 'b'] });
  });

  it.each([
    [['--bogus'], /unknown flag --bogus/],
    [['--epochs'], /--epochs needs a value/],
    [['--epochs', 'many'], /--epochs must be a number, got "many"/],
    [['--epochs', '--json'], /--epochs needs a value/],
    [['--json=yes'], /--json takes no value/],
    [['stray'], /unexpected argument "stray"/],
    [['-e', '3'], /unexpected argument "-e"/],
    [['--', '--json'], /unexpected argument "--"/],
    [['--bogus=1'], /unknown flag --bogus \(accepted: --epochs, --template, --json\)/],
    [['--epochs', '1', '--epochs', '2'], /--epochs given twice/],
  ])('rejects %j with a CliError naming the problem', (args, message) => {
    expect(() => parseFlags('layerlab train', args, SPEC)).toThrow(CliError);
    expect(() => parseFlags('layerlab train', args, SPEC)).toThrow(message);
    expect(() => parseFlags('layerlab train', args, SPEC)).toThrow(/^layerlab train: /);
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

describe('parseFlagsAndArguments', () => {
  it('keeps plain arguments apart from flag values, wherever they stand', () => {
    const spec = { exercise: 'string', out: 'string', json: 'boolean' } as const;
    expect(
      parseFlagsAndArguments(
        'layerlab grade',
        ['--exercise', 'cnn', 'submissions', '--out', 'grades.csv', '--json'],
        spec,
      ),
    ).toEqual({ flags: { exercise: 'cnn', out: 'grades.csv', json: true }, positionals: ['submissions'] });
    expect(() => parseFlagsAndArguments('layerlab grade', ['dir', '--outt', 'x'], spec)).toThrow(
      'layerlab grade: unknown flag --outt',
    );
  });
});
