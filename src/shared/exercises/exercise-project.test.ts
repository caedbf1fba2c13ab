import { describe, expect, it } from 'vitest';
import { PROJECT_VERSION } from '../graph/project-file';
import { getTemplate } from '../templates';
import { getCourseExercise } from './course';
import { exerciseFromDraft, type ExerciseDraft, exerciseStartProject } from './exercise-project';

const XOR_MLP = getTemplate('xor-mlp')!;

const DRAFT: ExerciseDraft = {
  id: 'xor-wide',
  title: 'XOR, any width',
  summary: 'Solve XOR with a hidden layer.',
  instructions: 'Add a **hidden layer**.',
  task: 'classification',
  project: { graph: XOR_MLP.graph, training: XOR_MLP.training, dataset: XOR_MLP.dataset },
  lockedNodeIds: ['input-1'],
  allowedKinds: ['Dense', 'Activation'],
  rules: { seed: 3, validationSplit: 0.2, maxEpochs: 30 },
  criteria: [{ kind: 'val-accuracy-min', params: { min: 0.9 }, points: 2, hint: 'Use tanh.' }],
};

describe('exercise projects', () => {
  it("gives a student the exercise's starting graph and settings on its data, as a project file", () => {
    const cnn = getCourseExercise('cnn')!;
    const project = exerciseStartProject(cnn);
    expect(project).toEqual({
      format: 'layerlab',
      version: PROJECT_VERSION,
      graph: cnn.start.graph,
      training: cnn.start.training,
      dataset: cnn.dataset,
      task: 'classification',
    });
    project.graph.nodes.pop();
    expect(cnn.start.graph.nodes).toHaveLength(2);
  });

  it("turns a teacher's project and choices into an exercise, checked as a file would be", () => {
    const made = exerciseFromDraft(DRAFT);
    expect(made.ok && made.exercise).toMatchObject({
      format: 'layerlab-exercise',
      version: 1,
      id: 'xor-wide',
      start: { graph: XOR_MLP.graph, training: XOR_MLP.training },
      dataset: { kind: 'builtin', id: 'xor' },
      lockedNodeIds: ['input-1'],
    });
    expect(exerciseFromDraft({ ...DRAFT, criteria: [{ kind: 'val-accuracy-min', params: { min: 90 } }] })).toEqual({
      ok: false,
      error: 'criteria[0].params.min: Too big: expected number to be <=1 (found 90)',
    });
    expect(exerciseFromDraft({ ...DRAFT, lockedNodeIds: ['dense-9'] })).toMatchObject({ ok: false });
  });
});
