import { describe, expect, it } from 'vitest';
import { zDiagnosis } from '../../shared/training/diagnosis';
import { RunDiagnostician, type RunFacts } from './diagnose-run';
import type { EpochRecord } from './export-model';

const ADAM: RunFacts = { training: { optimizer: 'adam', learningRate: 0.001 }, classes: 5 };
/** 100 validation samples, 20 per class, as a model predicting `predict(trueClass, i)` answers them. */
function matrix(predict: (trueClass: number, i: number) => number, classes = 5): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let c = 0; c < classes; c++) for (let i = 0; i < 20; i++) m[c][predict(c, i)]++;
  return m;
}
const record = (epoch: number, loss: number, accuracy: number | null, valLoss: number | null = null) => ({
  epoch,
  loss,
  accuracy,
  valLoss,
  valAccuracy: accuracy,
});

/** Feeds a history; returns the codes each epoch reported and the final list. */
function diagnose(facts: RunFacts, history: EpochRecord[], cm: number[][]) {
  const doctor = new RunDiagnostician(facts);
  const perEpoch = history.map((r) => doctor.observe(r, cm).map((d) => d.code));
  const all = doctor.finish(cm);
  for (const d of all) zDiagnosis.parse(d);
  return { perEpoch, all };
}

describe('run diagnosis', () => {
  it('says a diverged SGD classifier (lr 10, clipped loss flat, accuracy at chance) learned nothing, with advice', () => {
    // The run of issue #14: cross-entropy is clipped, so no NaN ever appears; it ended "done" with no word.
    const facts: RunFacts = { training: { optimizer: 'sgd', learningRate: 10 }, classes: 5 };
    const everythingClass2 = matrix(() => 2);
    const history = [1, 2, 3, 4].map((epoch) => record(epoch, 12.9 + (epoch % 2) * 0.01, 0.2, 12.9));
    const { perEpoch, all } = diagnose(facts, history, everythingClass2);
    expect(perEpoch).toEqual([[], [], ['learned-nothing', 'stuck-on-one-class'], []]);
    const learned = all.find((d) => d.code === 'learned-nothing')!;
    expect(learned).toMatchObject({ severity: 'error', epoch: 3, title: 'The network learned nothing' });
    expect(learned.message).toBe(
      'Validation accuracy 20 % is what guessing gets (20 %), and the loss has not fallen for 3 epochs.',
    );
    expect(learned.advice).toBe('Lower the learning rate (now 10; SGD usually starts with 0.01).');
    expect(all.map((d) => d.code)).toEqual(['high-learning-rate', 'learned-nothing', 'stuck-on-one-class']);
    expect(all[2].message).toBe(
      '100 % of the validation samples are predicted as class 3 (it holds 20 % of them), for 3 epochs.',
    );
  });

  it('says nothing about a run that learns', () => {
    const history = [1, 2, 3, 4, 5, 6, 7, 8].map((epoch) =>
      record(epoch, 1.6 / epoch, 0.2 + epoch * 0.09, 1.7 / epoch),
    );
    const { all } = diagnose(
      ADAM,
      history,
      matrix((c, i) => (i < 18 ? c : (c + 1) % 5)),
    );
    expect(all).toEqual([]);
  });

  it('judges a two-epoch run at its end', () => {
    const history = [record(1, 0.693, 0.5), record(2, 0.693, 0.51)];
    const cm = matrix((_, i) => i % 2, 2);
    const doctor = new RunDiagnostician({ ...ADAM, classes: 2 });
    expect(history.flatMap((r) => doctor.observe(r, cm))).toEqual([]);
    expect(doctor.finish(cm).map((d) => d.code)).toEqual(['learned-nothing']);
  });

  it('finds a loss that blew up, a loss that stopped falling, and overfitting, each once', () => {
    const exploded = diagnose(
      ADAM,
      [record(1, 1.0, 0.5), record(2, 0.5, 0.7), record(3, 2.5, 0.3), record(4, 3, 0.3)],
      matrix((c) => c),
    );
    expect(exploded.perEpoch).toEqual([[], [], ['diverged'], []]);

    const plateau = [0.9, 0.5, 0.4, 0.4, 0.401, 0.4, 0.402, 0.4].map((loss, i) => record(i + 1, loss, 0.8));
    expect(
      diagnose(
        ADAM,
        plateau,
        matrix((c) => c),
      ).perEpoch,
    ).toEqual([[], [], [], [], [], [], [], ['loss-not-decreasing']]);

    const overfit = [0.8, 0.5, 0.3, 0.2, 0.1].map((loss, i) => ({
      epoch: i + 1,
      loss,
      accuracy: 0.7 + i * 0.07,
      valLoss: [0.9, 0.7, 0.75, 0.8, 0.9][i],
      valAccuracy: 0.7,
    }));
    const { perEpoch, all } = diagnose(
      ADAM,
      overfit,
      matrix((c) => c),
    );
    expect(perEpoch).toEqual([[], [], [], [], ['overfitting']]);
    expect(all[0].message).toBe(
      'Training accuracy 98 %, validation 70 %: the validation loss rose for 3 epochs while the training loss fell.',
    );
  });

  it('does not call an autoencoder (no classes) a classifier that learned nothing', () => {
    const flat = [1, 2, 3, 4].map((epoch) => ({ ...record(epoch, 0.05, null, 0.05), valAccuracy: null }));
    expect(diagnose({ ...ADAM, classes: 0 }, flat, []).all).toEqual([]);
  });
});
