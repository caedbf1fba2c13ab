import type { Diagnosis, DiagnosisCode } from '../../shared/training/diagnosis';
import { learningRateRatio, preflightDiagnoses, type PreflightSettings } from '../../shared/training/preflight';
import type { EpochRecord } from './export-model';

/** Epochs a classifier must stay at chance, with a flat loss, before it is said to have learned nothing. */
export const LEARNED_NOTHING_WINDOW = 3;
/** Epochs without a better training loss before the loss is said not to decrease. */
export const FLAT_LOSS_WINDOW = 5;
/** Epochs in a row of rising validation loss and falling training loss that make overfitting. */
export const OVERFITTING_WINDOW = 3;

/** A relative improvement of the loss smaller than this is no improvement. */
const FLAT_LOSS_TOLERANCE = 0.01;
/** Share of validation predictions falling on one class that makes a classifier "stuck" on it. */
const STUCK_SHARE = 0.95;
/** An epoch loss this many times the best so far (and above the first epoch's) has blown up. */
const EXPLODED_FACTOR = 3;

const percent = (value: number) => `${Math.round(value * 100)} %`;

/** What the diagnosis needs of the run besides its history. */
export interface RunFacts {
  training: PreflightSettings;
  /** Number of classes; 0 for a run that does not classify (autoencoder, regression). */
  classes: number;
}

/**
 * Watches a run epoch by epoch and says, once per problem, what is going wrong: a classifier at chance with a flat
 * loss (learned nothing), predictions stuck on one class, a loss that stopped falling or blew up, a widening gap
 * between training and validation (overfitting). `observe` returns the problems first noticed at that epoch (for the
 * epoch event); `finish` what the whole run showed (for the done event). Pure: tests feed it histories.
 */
export class RunDiagnostician {
  private readonly history: EpochRecord[] = [];
  private readonly found = new Map<DiagnosisCode, Diagnosis>();
  /** Epochs in a row whose validation predictions fell (almost) all on one class. */
  private stuckEpochs = 0;

  /** The warnings from the settings alone (for the started event); they are part of `finish`'s list too. */
  readonly preflight: Diagnosis[];

  constructor(private readonly facts: RunFacts) {
    this.preflight = preflightDiagnoses(facts.training);
    for (const diagnosis of this.preflight) this.found.set(diagnosis.code, diagnosis);
  }

  /** Problems first noticed at this epoch. `confusionMatrix`: the validation one (rows true, columns predicted). */
  observe(record: EpochRecord, confusionMatrix: number[][]): Diagnosis[] {
    this.history.push(record);
    const candidates = [
      this.diverged(),
      this.learnedNothing(LEARNED_NOTHING_WINDOW, confusionMatrix),
      this.stuckOnOneClass(confusionMatrix),
      this.lossNotDecreasing(),
      this.overfitting(),
    ];
    return this.keepNew(candidates);
  }

  /**
   * Everything diagnosed about the finished run. A short run (fewer epochs than the window) that ended at chance
   * with a loss that did not fall is said to have learned nothing here.
   */
  finish(confusionMatrix: number[][]): Diagnosis[] {
    if (this.history.length >= 2 && this.history.length < LEARNED_NOTHING_WINDOW)
      this.keepNew([this.learnedNothing(this.history.length, confusionMatrix)]);
    return [...this.found.values()];
  }

  private keepNew(candidates: (Diagnosis | null)[]): Diagnosis[] {
    const fresh: Diagnosis[] = [];
    for (const diagnosis of candidates) {
      if (diagnosis == null || this.found.has(diagnosis.code)) continue;
      this.found.set(diagnosis.code, diagnosis);
      fresh.push(diagnosis);
    }
    return fresh;
  }

  private get epoch(): number {
    return this.history.at(-1)!.epoch;
  }

  /** Advice for a run that does not learn: the learning rate first when it is high, else scaling and Adam. */
  private learningAdvice(): string {
    const { usual, ratio, label } = learningRateRatio(this.facts.training);
    if (ratio > 3)
      return `Lower the learning rate (now ${this.facts.training.learningRate}; ${label} usually starts with ${usual}).`;
    return 'Scale the inputs to a small range such as [0, 1], try Adam with learning rate 0.001, or train longer.';
  }

  /** The training loss of the last `window` epochs has not fallen below the first of them by more than the tolerance. */
  private lossFlat(window: number): boolean {
    if (this.history.length < window) return false;
    const recent = this.history.slice(-window).map((record) => record.loss);
    const best = Math.min(...recent.slice(1));
    return best > recent[0] * (1 - FLAT_LOSS_TOLERANCE);
  }

  private diverged(): Diagnosis | null {
    const losses = this.history.map((record) => record.loss);
    if (losses.length < 2) return null;
    const last = losses.at(-1)!;
    const best = Math.min(...losses.slice(0, -1));
    if (!(last > best * EXPLODED_FACTOR && last > losses[0])) return null;
    return {
      code: 'diverged',
      severity: 'error',
      epoch: this.epoch,
      title: 'The loss blew up',
      message: `The training loss rose to ${last.toPrecision(3)} at epoch ${this.epoch}, from ${best.toPrecision(3)} at best.`,
      advice: this.learningAdvice(),
    };
  }

  private learnedNothing(window: number, confusionMatrix: number[][]): Diagnosis | null {
    const { classes } = this.facts;
    const last = this.history.at(-1)!;
    const accuracy = last.valAccuracy ?? last.accuracy;
    if (classes < 2 || accuracy == null || !this.lossFlat(window)) return null;
    const chance = chanceAccuracy(confusionMatrix, classes);
    if (accuracy > chance + Math.max(0.02, 0.1 * (1 - chance))) return null;
    const which = last.valAccuracy == null ? 'Training' : 'Validation';
    return {
      code: 'learned-nothing',
      severity: 'error',
      epoch: last.epoch,
      title: 'The network learned nothing',
      message: `${which} accuracy ${percent(accuracy)} is what guessing gets (${percent(chance)}), and the loss has not fallen for ${window} epochs.`,
      advice: this.learningAdvice(),
    };
  }

  /** Every run starts out answering one class; it is a problem when it lasts (LEARNED_NOTHING_WINDOW epochs). */
  private stuckOnOneClass(confusionMatrix: number[][]): Diagnosis | null {
    const total = confusionMatrix.flat().reduce((a, b) => a + b, 0);
    const predicted = confusionMatrix[0]?.map((_, j) => confusionMatrix.reduce((sum, row) => sum + row[j], 0)) ?? [];
    const top = predicted.indexOf(Math.max(...predicted));
    const truly = top < 0 ? 0 : confusionMatrix[top].reduce((a, b) => a + b, 0);
    const stuck =
      confusionMatrix.length >= 2 && total > 0 && predicted[top] >= STUCK_SHARE * total && truly < 0.8 * total;
    this.stuckEpochs = stuck ? this.stuckEpochs + 1 : 0;
    if (this.stuckEpochs < LEARNED_NOTHING_WINDOW) return null;
    return {
      code: 'stuck-on-one-class',
      severity: 'warning',
      epoch: this.epoch,
      title: 'Almost every sample gets the same class',
      message: `${percent(predicted[top] / total)} of the validation samples are predicted as class ${top + 1} (it holds ${percent(truly / total)} of them), for ${this.stuckEpochs} epochs.`,
      advice: `${this.learningAdvice()} If one class dominates the data, balance it.`,
    };
  }

  private lossNotDecreasing(): Diagnosis | null {
    if (this.found.has('learned-nothing') || this.history.length <= FLAT_LOSS_WINDOW) return null;
    const losses = this.history.map((record) => record.loss);
    const bestBefore = Math.min(...losses.slice(0, -FLAT_LOSS_WINDOW));
    const bestSince = Math.min(...losses.slice(-FLAT_LOSS_WINDOW));
    if (bestSince <= bestBefore * (1 - FLAT_LOSS_TOLERANCE)) return null;
    return {
      code: 'loss-not-decreasing',
      severity: 'warning',
      epoch: this.epoch,
      title: 'The loss stopped falling',
      message: `The training loss has not improved for ${FLAT_LOSS_WINDOW} epochs (${this.history.at(-1)!.loss.toPrecision(3)}).`,
      advice:
        'Stop here, or try a smaller learning rate, another optimizer (Adam) or a bigger network if the accuracy is still low.',
    };
  }

  private overfitting(): Diagnosis | null {
    const recent = this.history.slice(-(OVERFITTING_WINDOW + 1));
    if (recent.length < OVERFITTING_WINDOW + 1 || recent.some((record) => record.valLoss == null)) return null;
    for (let i = 1; i < recent.length; i++) {
      if (!(recent[i].valLoss! > recent[i - 1].valLoss! && recent[i].loss < recent[i - 1].loss)) return null;
    }
    const last = recent.at(-1)!;
    const gap = last.accuracy != null && last.valAccuracy != null ? last.accuracy - last.valAccuracy : null;
    if (gap != null && gap < 0.05) return null;
    const measured =
      gap == null
        ? `The validation loss rose for ${OVERFITTING_WINDOW} epochs while the training loss fell.`
        : `Training accuracy ${percent(last.accuracy!)}, validation ${percent(last.valAccuracy!)}: the validation loss rose for ${OVERFITTING_WINDOW} epochs while the training loss fell.`;
    return {
      code: 'overfitting',
      severity: 'warning',
      epoch: last.epoch,
      title: 'The network is overfitting',
      message: measured,
      advice: 'Stop earlier, add Dropout, use fewer parameters, or get more data.',
    };
  }
}

/** The accuracy of always answering the most frequent class: from the validation labels, else 1 / classes. */
export function chanceAccuracy(confusionMatrix: number[][], classes: number): number {
  const rows = confusionMatrix.map((row) => row.reduce((a, b) => a + b, 0));
  const total = rows.reduce((a, b) => a + b, 0);
  return total > 0 ? Math.max(...rows) / total : 1 / classes;
}
