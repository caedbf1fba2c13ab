import { afterEach, describe, expect, it, vi } from 'vitest';
import { getCourseExercise } from '../../../shared/exercises/course';
import { serializeExercise } from '../../../shared/exercises/exercise-file';
import { exerciseStartProject } from '../../../shared/exercises/exercise-project';
import type { ExerciseResult } from '../../../shared/exercises/exercise-result';
import { CHECK_STOPPED_MESSAGE } from '../../../shared/ipc/api';
import { commandTestbed } from '../testing/command-testbed';
import { PROGRESS_KEY, readProgress } from './exercise-progress';
import { ExerciseSession } from './exercise-session';
import type { SavedRun } from '../../../shared/runs/saved-run';
import { runsChanged } from '../training/training-session';
import { AUTOSAVE_DELAY_MS } from '../project/project-controller';
import { OPEN_EXERCISE_FIELD } from '../../../shared/exercises/open-exercise';

const XOR = getCourseExercise('xor')!; // locks input; allows Dense and Activation; rules: lr 0.001–0.1, ≤ 30 epochs

/** A finished run as a project file keeps it. */
const XOR_RUN: SavedRun = {
  number: 1,
  name: 'XOR',
  startedAt: '2025-01-01T10:00:00.000Z',
  status: 'done',
  request: { ...exerciseStartProject(XOR), views: true },
  backend: 'cpu',
  params: 17,
  trainSize: 360,
  valSize: 40,
  classNames: ['same sign', 'opposite sign'],
  history: [{ epoch: 1, loss: 0.7, accuracy: 0.5, valLoss: 0.69, valAccuracy: 0.55 }],
  confusionMatrix: [
    [10, 10],
    [8, 12],
  ],
  perClass: [
    { precision: 0.5, recall: 0.5, f1: 0.5 },
    { precision: 0.5, recall: 0.6, f1: 0.55 },
  ],
  seconds: 1.5,
  snapshots: [],
};

function result(passed: boolean, score: number): ExerciseResult {
  return {
    exercise: 'xor',
    title: XOR.title,
    passed,
    score,
    maxScore: 6,
    criteria: [],
    problems: [],
    adjustments: [],
    run: null,
  };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

const EPOCH_1 = {
  epoch: 1,
  loss: 0.6,
  accuracy: 0.6,
  valLoss: 0.5,
  valAccuracy: 0.625,
  confusionMatrix: [],
  perClass: [],
  samplesPerSecond: 1000,
  etaSeconds: 1,
};

function openXor() {
  const bed = commandTestbed();
  bed.exercises.open(XOR);
  return bed;
}

describe('ExerciseSession', () => {
  it('opens an exercise: its starting graph and settings, locks and palette in force, history clean', () => {
    const { editor, exercises } = openXor();
    expect(editor.graph).toEqual(XOR.start.graph);
    expect(editor.getState().doc.training).toEqual(XOR.start.training);
    expect(editor.getState().doc.dataset).toEqual({ kind: 'builtin', id: 'xor' });
    expect(editor.getState().project.name).toBe(XOR.title);
    expect(editor.dirty).toBe(false);
    expect(editor.isLocked('input')).toBe(true);
    expect(editor.isLocked('output')).toBe(false);
    expect([...editor.getState().constraints!.paletteKinds]).toEqual(['Dense', 'Activation']);
    expect(exercises.getState().exercise?.id).toBe('xor');
  });

  it('keeps a locked layer: delete, rewire and edit are refused with a sentence on the status line', () => {
    const { editor } = openXor();
    editor.select(['input']);
    editor.deleteSelection();
    expect(editor.graph.nodes.map((n) => n.id)).toEqual(['input', 'output']);
    expect(editor.getState().status).toMatchObject({
      text: 'Input "input" is locked in this exercise: it can\'t be deleted.',
      tone: 'error',
    });
    editor.updateConfig('input', 'shape', [3]);
    expect(editor.graph.nodes[0].config).toEqual({ shape: [2] });
    expect(editor.getState().status?.text).toMatch(/Input "input" is locked .*settings/);
    expect(editor.getState().canUndo).toBe(false);
  });

  it('deletes the unlocked part of a selection and says what stayed', () => {
    const { editor } = openXor();
    editor.selectAll();
    editor.deleteSelection();
    expect(editor.graph.nodes.map((n) => n.id)).toEqual(['input']);
    expect(editor.getState().status?.text).toBe(
      "1 locked layer of the exercise stayed: locked layers can't be deleted.",
    );
  });

  it('refuses a kind the exercise does not offer (pasted or dropped) and allows the offered ones', () => {
    const { editor } = openXor();
    expect(editor.addNode('Conv2D', { x: 0, y: 0 })).toBeNull();
    expect(editor.getState().status?.text).toMatch(/^Conv2D is not part of this exercise/);
    editor.select(['input']);
    const hidden = editor.addNodeAfterSelection('Dense');
    expect(hidden?.kind).toBe('Dense');
    expect(editor.graph.nodes).toHaveLength(3);
  });

  it('trains within the rules: Train is blocked by a broken rule and runs the ruled settings', async () => {
    const { editor, runner, fake } = openXor();
    editor.setTraining({ learningRate: 0.5 });
    expect(runner.isEnabled('train')).toBe(false);
    editor.setTraining({ learningRate: 0.05, epochs: 500, seed: 9 });
    expect(runner.run('train')).toBe(true);
    await Promise.resolve();
    expect(fake.requests[0].training).toMatchObject({ epochs: 30, seed: 1, validationSplit: 0.25 });
    expect(editor.getState().status?.text).toMatch(/^Training under the exercise's rules: seed 9 → 1/);
  });

  it('checks the canvas through the host, shows the result and keeps the progress (best score, passed stays)', async () => {
    const bed = commandTestbed();
    const storage = memoryStorage();
    const exercises = new ExerciseSession(bed.fake.api, bed.editor, storage);
    exercises.open(XOR);
    bed.fake.answerCheck = async () => result(false, 3);
    await exercises.check();
    expect(bed.fake.checks[0]).toEqual({
      exercise: XOR,
      submission: { graph: XOR.start.graph, training: XOR.start.training },
    });
    expect(exercises.getState().checked?.result.score).toBe(3);
    expect(bed.editor.getState().status?.text).toBe(
      'Not passed yet: 3 of 6 points. The checklist says what is missing.',
    );
    bed.fake.answerCheck = async () => result(true, 6);
    await exercises.check();
    bed.fake.answerCheck = async () => result(false, 2);
    await exercises.check();
    expect(readProgress(storage)).toEqual({ xor: { passed: true, bestScore: 6, maxScore: 6 } });
    // A restart reads it back.
    expect(new ExerciseSession(bed.fake.api, bed.editor, storage).getState().progress.xor.passed).toBe(true);
    expect(JSON.parse(storage.items.get(PROGRESS_KEY)!)).toHaveProperty('xor');
  });

  it("follows the running check's training events, keeps the last progress beside the result, and drops it on a stop", async () => {
    const { exercises, fake } = openXor();
    fake.emitCheck({ type: 'epoch', ...EPOCH_1 });
    expect(exercises.getState().checkProgress).toBeNull(); // no check runs: another tab's check is not ours
    let finish: (r: ExerciseResult) => void = () => {};
    fake.answerCheck = () => new Promise((resolve) => (finish = resolve));
    const checking = exercises.check();
    expect(exercises.getState().checkProgress).toEqual({ epochs: null, epoch: 0, valAccuracy: null, valLoss: null });
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
    fake.emitCheck({ type: 'epoch', ...EPOCH_1 });
    expect(exercises.getState().checkProgress).toEqual({ epochs: 30, epoch: 1, valAccuracy: 0.625, valLoss: 0.5 });
    finish(result(false, 3));
    await checking;
    expect(exercises.getState()).toMatchObject({ checkingSince: null, checkProgress: { epochs: 30, epoch: 1 } });

    fake.answerCheck = async () => {
      throw new Error(CHECK_STOPPED_MESSAGE);
    };
    await exercises.check();
    expect(exercises.getState().checkProgress).toBeNull();
    // A check refused before training (nothing started) shows no progress beside its result.
    fake.answerCheck = async () => result(false, 0);
    await exercises.check();
    expect(exercises.getState().checkProgress).toBeNull();
  });

  it('says the result is out of date once the graph changes, and why a check could not run', async () => {
    const { exercises, editor, fake } = openXor();
    fake.answerCheck = async () => result(false, 1);
    await exercises.check();
    expect(exercises.isStale()).toBe(false);
    editor.updateConfig('output', 'units', 2);
    editor.setLabel('output', 'scores');
    expect(exercises.isStale()).toBe(true);
    fake.answerCheck = async () => {
      throw new Error('the training process crashed');
    };
    await exercises.check();
    expect(exercises.getState()).toMatchObject({ checkingSince: null, checkError: 'the training process crashed' });
    // Stopped by the student: no error, just what happened (Electron words the host's error its own way).
    fake.answerCheck = async () => {
      throw new Error(`Error invoking remote method 'layerlab:exercises.check': Error: ${CHECK_STOPPED_MESSAGE}`);
    };
    await exercises.check();
    expect(exercises.getState()).toMatchObject({ checkingSince: null, checkError: null });
    expect(editor.getState().status?.text).toBe('Stopped the check.');
  });

  it('closes when another project is loaded, and lifts the locks', async () => {
    const { exercises, editor, runner } = openXor();
    runner.run('new');
    await (await import('../commands/exercise-commands')).openExercise(runner.context, XOR);
    expect(exercises.getState().exercise).not.toBeNull();
    editor.loadProject({ ...editor.getState().doc }, { handle: null, name: 'Other' });
    expect(exercises.getState().exercise).toBeNull();
    expect(editor.getState().constraints).toBeNull();
    editor.select(['input']);
    editor.deleteSelection();
    expect(editor.graph.nodes.map((n) => n.id)).toEqual(['output']);
  });

  it('opens an exercise file, and names what is wrong with a bad one', async () => {
    const { exercises, fake, editor } = commandTestbed();
    fake.exerciseFile = { name: 'xor.layerlab-exercise.json', text: serializeExercise(XOR) };
    expect((await exercises.pickFile())?.id).toBe('xor');
    fake.exerciseFile = { name: 'bad.layerlab-exercise.json', text: '{"format":"layerlab","version":2}' };
    expect(await exercises.pickFile()).toBeNull();
    expect(editor.getState().status?.text).toBe(
      "Could not open bad.layerlab-exercise.json: format is 'layerlab', expected 'layerlab-exercise' (this is a project file, not an exercise)",
    );
  });

  it('brings the teacher’s project back when a preview closes', () => {
    const { exercises, editor } = commandTestbed();
    editor.addNode('Dense', { x: 0, y: 0 });
    const { doc, project, savedDoc } = editor.getState();
    exercises.open(XOR, { returnTo: { doc, project, savedDoc } });
    expect(editor.graph).toEqual(XOR.start.graph);
    exercises.close();
    expect(editor.graph).toBe(doc.graph);
    expect(editor.dirty).toBe(true);
  });

  it('starts without the previous project’s runs, and a closed preview brings the teacher’s runs back', () => {
    const { exercises, editor, training } = commandTestbed();
    const teacherRun = { ...XOR_RUN, request: { ...XOR_RUN.request, graph: editor.graph } };
    training.loadRuns([teacherRun]);
    const { doc, project, savedDoc } = editor.getState();
    exercises.open(XOR, { returnTo: { doc, project, savedDoc } });
    expect(training.savedRuns()).toEqual([]);
    exercises.close();
    expect(training.savedRuns()).toEqual([teacherRun]);
    expect(runsChanged(training.getState())).toBe(false);
  });

  describe('crash recovery', () => {
    afterEach(() => vi.useRealTimers());

    /** A session with the xor exercise open, a hidden layer added and checked, autosaved; returns the slot's text. */
    async function crashedSession(): Promise<string> {
      vi.useFakeTimers();
      const { editor, exercises, fake, runner } = openXor();
      const stop = runner.context.projects.startAutosave();
      editor.select(['input']);
      editor.addNodeAfterSelection('Dense');
      fake.answerCheck = async () => result(false, 3);
      await exercises.check();
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 1);
      stop();
      return fake.autosave!;
    }

    it('recovers the open exercise with the project: locks, palette, rules and its last checklist', async () => {
      const slot = await crashedSession();
      const { editor, exercises, fake, runner } = commandTestbed();
      fake.autosave = slot;
      const recovery = await runner.context.projects.findRecovery();
      expect(recovery?.exercise?.exercise).toEqual(XOR);
      runner.context.projects.recover(recovery!);

      expect(exercises.getState()).toMatchObject({ exercise: XOR, checked: { result: { score: 3 } } });
      expect(exercises.isStale()).toBe(false);
      expect(editor.graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Dense', 'Dense']);
      expect(editor.dirty).toBe(true);
      expect(editor.getState().status?.text).toBe(
        `Recovered the unsaved work of your last session in the exercise “${XOR.title}”. Save it to keep it.`,
      );
      // Locked as before the crash: the Input stays.
      editor.select(['input']);
      editor.deleteSelection();
      expect(editor.graph.nodes.map((n) => n.id)).toContain('input');
      expect(editor.getState().status?.text).toMatch(/Input "input" is locked in this exercise/);
      expect([...editor.getState().constraints!.paletteKinds]).toEqual(['Dense', 'Activation']);
      // The slot's field never reaches the project file the student saves.
      await runner.context.projects.save();
      expect([...fake.files.values()][0]).not.toContain(OPEN_EXERCISE_FIELD);
      // Loading another project still closes the recovered exercise.
      await runner.context.projects.newProject(null);
      expect(exercises.getState().exercise).toBeNull();
      expect(editor.getState().constraints).toBeNull();
    });

    it('autosaves closing the exercise, and a slot from before exercises were carried recovers as it did', async () => {
      vi.useFakeTimers();
      const { editor, exercises, fake, runner } = openXor();
      const stop = runner.context.projects.startAutosave();
      editor.select(['input']);
      editor.addNodeAfterSelection('Dense');
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 1);
      expect(JSON.parse(fake.autosave!)).toHaveProperty(OPEN_EXERCISE_FIELD);
      exercises.close();
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 1);
      stop();
      expect(JSON.parse(fake.autosave!)).not.toHaveProperty(OPEN_EXERCISE_FIELD);

      const next = commandTestbed();
      next.fake.autosave = fake.autosave;
      const recovery = await next.runner.context.projects.findRecovery();
      expect(recovery).toMatchObject({ exercise: null });
      next.runner.context.projects.recover(recovery!);
      expect(next.exercises.getState().exercise).toBeNull();
      expect(next.editor.getState().constraints).toBeNull();
    });

    it('recovers the project without an exercise that can no longer be read, and says so', async () => {
      const slot = JSON.parse(await crashedSession()) as Record<string, { exercise: { version: number } }>;
      slot[OPEN_EXERCISE_FIELD].exercise.version = 99;
      const { editor, exercises, fake, runner } = commandTestbed();
      fake.autosave = JSON.stringify(slot);
      const recovery = await runner.context.projects.findRecovery();
      runner.context.projects.recover(recovery!);
      expect(editor.graph.nodes).toHaveLength(3);
      expect(exercises.getState().exercise).toBeNull();
      expect(editor.getState().doc.unknownFields).toBeUndefined();
      expect(editor.getState().status).toMatchObject({
        tone: 'error',
        text: 'Recovered the unsaved work of your last session, without the exercise that was open (version 99 is newer than this LayerLab understands (1): update LayerLab). Save it to keep it.',
      });
    });
  });
});
