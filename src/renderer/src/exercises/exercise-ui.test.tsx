// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { getCourseExercise } from '../../../shared/exercises/course';
import type { ExerciseResult } from '../../../shared/exercises/exercise-result';
import { base64ToBytes } from '../../../shared/base64';
import { parseProjectFile } from '../../../shared/graph/project-file';
import { parseExerciseFile } from '../../../shared/exercises/exercise-file';
import { AppProviders } from '../app-context';
import { Palette } from '../palette/palette';
import { EditorStore } from '../store/editor-store';
import { createFakeApi } from '../testing/fake-api';
import { TrainingSessionStore } from '../training/training-session';
import { Dialogs } from '../ui/dialogs';
import { SidePanel } from '../ui/side-panel';
import { Toolbar } from '../ui/toolbar';
import { ExerciseBar } from './exercise-panel';
import { getTemplate } from '../../../shared/templates';

afterEach(cleanup);
beforeEach(() => window.localStorage.clear());

const XOR = getCourseExercise('xor')!;

const FAILED: ExerciseResult = {
  exercise: 'xor',
  title: XOR.title,
  passed: false,
  score: 3,
  maxScore: 6,
  criteria: [
    {
      id: 'val-accuracy-min',
      kind: 'val-accuracy-min',
      description: 'Validation accuracy ≥ 90.0 %',
      passed: false,
      measured: 0.52,
      target: 0.9,
      points: 3,
      hint: 'A linear model cannot separate XOR.',
      measuredText: '52.0 %',
      targetText: '≥ 90.0 %',
    },
    {
      id: 'params-max',
      kind: 'params-max',
      description: 'At most 20 trainable parameters',
      passed: true,
      measured: 6,
      target: 20,
      points: 2,
      hint: 'Three units are enough.',
      measuredText: '6',
      targetText: '≤ 20',
    },
  ],
  problems: [],
  adjustments: [],
  run: null,
};

function setup(doc = {}) {
  const fake = createFakeApi();
  const editor = new EditorStore(doc);
  render(
    <AppProviders api={fake.api} editor={editor} training={new TrainingSessionStore(fake.api)}>
      <Toolbar />
      <ExerciseBar />
      <Palette />
      <SidePanel />
      <Dialogs />
    </AppProviders>,
  );
  return { fake, editor };
}

async function openXorFromThePack() {
  fireEvent.click(screen.getByRole('button', { name: 'Exercises' }));
  const dialog = screen.getByRole('dialog', { name: 'Exercises' });
  const list = within(dialog).getByRole('list', { name: 'Course exercises' });
  expect(within(list).getAllByRole('listitem')).toHaveLength(9);
  await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: /^XOR with a tiny network/ })));
}

describe('exercises in the app', () => {
  it('lists the pack with passed / not yet, opens an exercise with its instructions and a restricted palette', async () => {
    window.localStorage.setItem(
      'layerlab.exerciseProgress',
      JSON.stringify({ cnn: { passed: true, bestScore: 5, maxScore: 5 } }),
    );
    const { editor } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Exercises' }));
    expect(screen.getByRole('button', { name: 'The course CNN: Passed · 5/5' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'XOR with a tiny network: Not yet' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await openXorFromThePack();

    expect(editor.graph).toEqual(XOR.start.graph);
    const instructions = screen.getByRole('region', { name: 'Exercise instructions' });
    expect(within(instructions).getByRole('heading', { name: 'XOR', level: 1 })).toBeTruthy();
    expect(within(instructions).getByText('hidden layer').tagName).toBe('STRONG');
    const palette = screen.getByRole('navigation', { name: 'Layer palette' });
    const kinds = within(palette)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(kinds).toEqual(['Dense', 'Activation']);
    expect(screen.getByRole('region', { name: 'Exercise' }).textContent).toContain('XOR with a tiny network');
  });

  it('Check shows the Exercise checklist: passed or failed, measured against target, points, the hint', async () => {
    const { fake } = setup();
    await openXorFromThePack();
    let answer!: (result: ExerciseResult) => void;
    fake.answerCheck = () => new Promise((resolve) => (answer = resolve));
    const check = screen.getByRole('button', { name: 'Check' }) as HTMLButtonElement;
    await act(async () => fireEvent.click(check));
    expect(check.disabled).toBe(true);
    expect(screen.getByRole('status').textContent).toMatch(
      /^Checking… training up to 30 epochs under the exercise's rules/,
    );
    expect(screen.getByRole('button', { name: 'Stop check' })).toBeTruthy();
    // The check's training, epoch by epoch, from the events its process sends.
    const bar = within(screen.getByRole('region', { name: 'Exercise' })).getByRole('progressbar', {
      name: 'Check progress',
    });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    act(() => {
      fake.emitCheck({
        type: 'started',
        backend: 'cpu',
        params: 9,
        trainSize: 300,
        valSize: 100,
        classNames: ['same sign', 'opposite sign'],
        epochs: 30,
        batchesPerEpoch: 10,
      });
      fake.emitCheck({
        type: 'epoch',
        epoch: 3,
        loss: 0.6,
        accuracy: 0.6,
        valLoss: 0.5,
        valAccuracy: 0.625,
        confusionMatrix: [],
        perClass: [],
        samplesPerSecond: 1000,
        etaSeconds: 1,
      });
    });
    expect([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuemax')]).toEqual(['3', '30']);
    expect(bar.getAttribute('aria-valuetext')).toBe('Epoch 3 of 30 · validation accuracy 62.5 % · validation loss 0.5');
    await act(async () => answer(FAILED));

    const checklist = screen.getByRole('list', { name: 'Exercise checklist' });
    const items = within(checklist).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      '✗Failed: Validation accuracy ≥ 90.0 %0/3 pointsMeasured 52.0 %, target ≥ 90.0 %Hint: A linear model cannot separate XOR.',
      '✓Passed: At most 20 trainable parameters2/2 pointsMeasured 6, target ≤ 20',
    ]);
    expect(screen.getByText('Not passed yet')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Exercise' }).textContent).toContain('Not yet · best 3/6');
    expect(check.disabled).toBe(false);
    expect(screen.queryByRole('button', { name: 'Stop check' })).toBeNull();
  });

  it('exports the submission as a project file named after the exercise', async () => {
    const { fake } = setup();
    await openXorFromThePack();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Export submission' })));
    expect(fake.saved[0].suggestedName).toBe('xor-submission.layerlab.json');
    const parsed = parseProjectFile(new TextDecoder().decode(base64ToBytes(fake.saved[0].base64)));
    expect(parsed.ok && parsed.project.graph).toEqual(XOR.start.graph);
  });

  it('Save as exercise… turns the project into an exercise file that reads back, and refuses a bad form', async () => {
    const template = getTemplate('xor-mlp')!;
    const { fake } = setup({
      graph: template.graph,
      training: template.training,
      dataset: template.dataset,
      task: template.task,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Commands' }));
    fireEvent.click(screen.getByRole('option', { name: /Save as exercise…/ }));
    const dialog = screen.getByRole('dialog', { name: 'Save as exercise' });
    const field = (name: string) => within(dialog).getByLabelText(name) as HTMLInputElement;
    fireEvent.change(field('Exercise id'), { target: { value: 'Bad Id' } });
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toMatch(/^id: use lowercase/));
    expect((within(dialog).getByRole('button', { name: 'Save exercise…' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(field('Exercise id'), { target: { value: 'my-xor' } });
    fireEvent.change(field('One-line summary'), { target: { value: 'Solve XOR.' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /^Input / }));
    fireEvent.change(field('Minimum accuracy'), { target: { value: '85' } });
    await act(async () => fireEvent.click(within(dialog).getByRole('button', { name: 'Save exercise…' })));

    expect(fake.saved[0].suggestedName).toBe('my-xor.layerlab-exercise.json');
    const parsed = parseExerciseFile(new TextDecoder().decode(base64ToBytes(fake.saved[0].base64)));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.exercise).toMatchObject({
      id: 'my-xor',
      summary: 'Solve XOR.',
      lockedNodeIds: [template.graph.nodes.find((n) => n.kind === 'Input')!.id],
      criteria: [{ kind: 'val-accuracy-min', params: { min: 0.85 }, points: 1 }],
      dataset: template.dataset,
    });
  });
});
