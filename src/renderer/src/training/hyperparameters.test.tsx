// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { zTrainConfig, DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../../shared/training/train-config';
import { AppProviders } from '../app-context';
import { EditorStore } from '../store/editor-store';
import { createFakeApi } from '../testing/fake-api';
import { Hyperparameters, parseHyperparameter } from './hyperparameters';
import { TrainingSessionStore } from './training-session';

describe('parseHyperparameter', () => {
  it('accepts exactly what zTrainConfig accepts, for each numeric field', () => {
    const cases: [Parameters<typeof parseHyperparameter>[0], string][] = [
      ['learningRate', '0.01'],
      ['learningRate', '0'],
      ['learningRate', '11'],
      ['momentum', '0.9'],
      ['momentum', '1.5'],
      ['epochs', '5'],
      ['epochs', '2.5'],
      ['epochs', '0'],
      ['batchSize', '32'],
      ['batchSize', '-1'],
      ['validationSplit', '0.2'],
      ['validationSplit', '1'],
      ['seed', '7'],
      ['seed', '-7'],
    ];
    for (const [key, text] of cases) {
      const parsed = parseHyperparameter(key, text);
      const schema = zTrainConfig.safeParse({ ...DEFAULT_TRAIN_CONFIG, [key]: Number(text) });
      expect(parsed.ok, `${key}=${text}`).toBe(schema.success);
    }
  });

  it('explains what is wrong', () => {
    const bad = parseHyperparameter('validationSplit', '1', 'Validation split');
    expect(!bad.ok && bad.error).toBe('Validation split must be less than 1.');
    const text = parseHyperparameter('epochs', 'ten');
    expect(!text.ok && text.error).toMatch(/not a number/);
  });
});

afterEach(cleanup);

/** The panel wired to a real store, re-rendered on every change as the training panel does. */
function renderPanel(training: Partial<TrainConfig>) {
  const fake = createFakeApi();
  const editor = new EditorStore({ training: { ...DEFAULT_TRAIN_CONFIG, ...training } });
  const view = () => (
    <AppProviders api={fake.api} editor={editor} training={new TrainingSessionStore(fake.api)}>
      <Hyperparameters training={editor.getState().doc.training} task={editor.getState().doc.task} disabled={false} />
    </AppProviders>
  );
  const { rerender } = render(view());
  editor.subscribe(() => rerender(view()));
  return editor;
}

describe('Hyperparameters', () => {
  it('offers Nesterov only for the momentum optimizer and writes it to the TrainConfig', () => {
    const editor = renderPanel({ optimizer: 'adam' });
    expect(screen.queryByLabelText('Nesterov')).toBeNull();
    fireEvent.change(screen.getByLabelText('Optimizer'), { target: { value: 'momentum' } });
    const box = screen.getByLabelText('Nesterov') as HTMLInputElement;
    expect(box.type).toBe('checkbox');
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    expect(editor.getState().doc.training.nesterov).toBe(true);
    expect((screen.getByLabelText('Nesterov') as HTMLInputElement).checked).toBe(true);
    expect(zTrainConfig.safeParse(editor.getState().doc.training).success).toBe(true);
    fireEvent.change(screen.getByLabelText('Momentum'), { target: { value: '0.95' } });
    expect(editor.getState().doc.training.momentum).toBe(0.95);
    fireEvent.change(screen.getByLabelText('Optimizer'), { target: { value: 'rmsprop' } });
    expect(screen.queryByLabelText('Nesterov')).toBeNull();
  });

  it('shows the momentum the engine really uses when the project leaves it unset', () => {
    renderPanel({ optimizer: 'momentum', momentum: undefined });
    expect((screen.getByLabelText('Momentum') as HTMLInputElement).value).toBe('0.9');
    cleanup();
    renderPanel({ optimizer: 'rmsprop', momentum: undefined });
    expect((screen.getByLabelText('Momentum') as HTMLInputElement).value).toBe('0');
  });
});
