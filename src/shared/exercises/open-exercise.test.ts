import { describe, expect, it } from 'vitest';
import { getCourseExercise } from './course';
import type { ExerciseResult } from './exercise-result';
import { openExerciseRecord, readOpenExercise } from './open-exercise';

const XOR = getCourseExercise('xor')!;
const RESULT: ExerciseResult = {
  exercise: 'xor',
  title: XOR.title,
  passed: false,
  score: 2,
  maxScore: 6,
  criteria: [],
  problems: [],
  adjustments: [],
  run: null,
};
const CHECKED = { result: RESULT, graph: XOR.start.graph, training: XOR.start.training };

/** The record as the autosave slot's text carries it. */
const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the open exercise in the autosave slot', () => {
  it('reads back the exercise and its last check as written', () => {
    const read = readOpenExercise(throughJson(openExerciseRecord({ exercise: XOR, checked: CHECKED })));
    expect(read).toEqual({ ok: true, open: { exercise: XOR, checked: CHECKED } });
    expect(readOpenExercise(throughJson(openExerciseRecord({ exercise: XOR, checked: null })))).toEqual({
      ok: true,
      open: { exercise: XOR, checked: null },
    });
  });

  it('keeps the exercise but drops a damaged checklist, or one of another exercise', () => {
    const damaged = { exercise: XOR, checked: { result: { score: 'lots' } } };
    expect(readOpenExercise(throughJson(damaged))).toEqual({ ok: true, open: { exercise: XOR, checked: null } });
    const other = { exercise: XOR, checked: { ...CHECKED, result: { ...RESULT, exercise: 'cnn' } } };
    expect(readOpenExercise(throughJson(other))).toEqual({ ok: true, open: { exercise: XOR, checked: null } });
  });

  it('says why an exercise cannot be read back, as the exercise file would', () => {
    expect(readOpenExercise({ exercise: { ...XOR, version: 99 }, checked: null })).toEqual({
      ok: false,
      error: 'version 99 is newer than this LayerLab understands (1): update LayerLab',
    });
    expect(readOpenExercise('xor')).toEqual({ ok: false, error: 'its record is damaged' });
    expect(readOpenExercise({ checked: null })).toEqual({ ok: false, error: 'its record is damaged' });
    expect(readOpenExercise({ exercise: 'xor', checked: null })).toEqual({
      ok: false,
      error: 'not a LayerLab exercise: expected a JSON object',
    });
  });
});
