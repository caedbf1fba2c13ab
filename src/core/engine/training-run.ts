import * as tf from '@tensorflow/tfjs';
import type { TrainingEvent } from '../../shared/ipc/training-events';
import type { RunModel, StartTrainingRequest } from '../../shared/ipc/training-protocol';
import { datasetName, type DatasetDescriptor, type DatasetRef } from '../../shared/training/dataset';
import { analyzeGraph } from '../../shared/graph/analyze-graph';
import { DatasetError } from '../datasets/dataset-error';
import type { LoadedDataset, Split } from '../datasets/loaded-dataset';
import { selectBackend } from './backend';
import { createBatchThrottle } from './batch-throttle';
import { buildModel } from './build-model';
import { fuseLayers } from './kernels/index';
import { EngineError } from './engine-error';
import type { EpochRecord } from './export-model';
import { setInitialWeights } from './initial-weights';
import { lossFunction, type LossFunction } from './loss';
import { addToConfusionMatrix, emptyConfusionMatrix, perClassScores } from './metrics';
import { createOptimizer } from './optimizer';
import { deriveSeed, installSeededMathRandom, mulberry32, shuffleInPlace } from '../../shared/seeded-random';
import { RunDiagnostician } from './diagnose-run';
import { fillFeatures, fillTargets, planTargets, type TargetPlan } from './training-data';
import type { ViewQuery, ViewResults } from '../../shared/views/view-queries';
import { answerViewQuery } from '../inspect/answer-query';
import { decisionBoundary, isPlaneClassifier, loadModelWeights, type InspectedModel } from '../inspect/model-inspector';
import { firstLayerKernel, ViewRecorder } from '../inspect/view-recorder';
import { ViewBudget } from '../inspect/view-budget';

/** What starts a run (graph, training config, dataset, task). */
export type TrainingRequest = StartTrainingRequest;

export interface DataSource {
  /** `maxMemoryMB` bounds what the decoded data may take (the request's TrainConfig.maxMemoryMB). */
  loadDataset(ref: DatasetRef, options?: { maxMemoryMB?: number }): Promise<LoadedDataset>;
  splitDataset(
    data: LoadedDataset,
    options: { validationSplit: number; seed: number },
  ): { train: Split; validation: Split };
}

export interface TrainingRunOptions {
  /** Where samples come from; defaults to src/core/datasets. Tests pass small in-memory data. */
  data?: DataSource;
  /** Clock in milliseconds, for throttling and timing. */
  now?: () => number;
  /**
   * Share of the training time the views may take (default VIEW_TIME_SHARE). Tests that check what the views record
   * pass Infinity, so what is kept does not depend on how busy the machine is.
   */
  viewTimeShare?: number;
}

type Metrics = { loss: number; accuracy: number | null; valLoss: number | null; valAccuracy: number | null };

/** Validation runs in chunks this big: large enough to be fast, small enough to bound memory on big datasets. */
const EVAL_CHUNK = 256;

/** Side of the decision-boundary grid kept with each epoch's snapshot (the live view asks for its own). */
const SNAPSHOT_BOUNDARY_RESOLUTION = 32;

/**
 * One training run: builds the model, trains it batch by batch with its own loop (not `model.fit`) so it can
 * pause between batches, stop after the current batch, throttle batch events and catch divergence, and emits the
 * TrainingEvent union. Holds the trained model afterwards for export.
 */
export class TrainingRun {
  model: tf.LayersModel | null = null;
  readonly history: EpochRecord[] = [];
  private readonly request: TrainingRequest;
  private readonly emit: (event: TrainingEvent) => void;
  private readonly options: TrainingRunOptions;
  private readonly now: () => number;
  private stopRequested = false;
  private paused = false;
  private resumeWaiter: (() => void) | null = null;
  private loopActive = false;
  private queuedWork: (() => Promise<void>)[] = [];
  /** View queries waiting for a batch boundary where the views' time budget allows them. */
  private queuedViews: (() => Promise<void>)[] = [];
  private readonly budget: ViewBudget;
  /** The model with its data, once built: what view queries are answered from. */
  private inspected: InspectedModel | null = null;
  /** Records gradients, predictions and snapshots when the request asks for views. */
  private recorder: ViewRecorder | null = null;
  /** Epochs finished and the batch in progress, for view answers. */
  private position = { epoch: 0, batch: 0 };
  /** A restored run that can't list the samples of its matrix cells says why (see `restore`). */
  private predictionsProblem: string | undefined;

  constructor(request: TrainingRequest, emit: (event: TrainingEvent) => void, options: TrainingRunOptions = {}) {
    this.request = request;
    this.emit = emit;
    this.options = options;
    this.now = options.now ?? (() => performance.now());
    this.budget = new ViewBudget(this.now, options.viewTimeShare);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.resumeWaiter?.();
  }

  stop(): void {
    this.stopRequested = true;
    this.resumeWaiter?.();
  }

  /**
   * Answers a view query from the model as it is: between two batches while training, at once when paused or
   * finished. Fails with a `bad-input` EngineError before the model is built or for a query that doesn't apply.
   */
  inspect<Q extends ViewQuery>(query: Q): Promise<ViewResults[Q['kind']]> {
    return this.atBatchBoundary(async () => {
      if (this.inspected == null)
        throw new EngineError('bad-input', 'The model is not built yet: wait for training to start.');
      return answerViewQuery(
        {
          target: this.inspected,
          recorder: this.recorder,
          progress: this.position,
          predictionsProblem: this.predictionsProblem,
        },
        query,
      );
    }, this.queuedViews);
  }

  /** Writes model.json + weights, the project file and history.csv; waits for the current batch to finish first. */
  exportTo(dir: string): Promise<void> {
    return this.atBatchBoundary(async () => {
      if (this.model == null) throw new EngineError('bad-input', 'There is no trained model to export yet');
      const { graph, training, dataset, task } = this.request;
      // Loaded on demand: most runs are never exported.
      const { exportTrainedModel } = await import('./export-model');
      await exportTrainedModel(dir, {
        model: this.model,
        project: { graph, training, dataset, task },
        history: this.history,
      });
    });
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }

  /** Runs to the end; never throws: failures become an `error` event. */
  async run(): Promise<void> {
    const restoreRandom = installSeededMathRandom(this.request.training.seed);
    this.loopActive = true;
    try {
      await this.train();
    } catch (error) {
      this.emit(toErrorEvent(error));
    } finally {
      this.loopActive = false;
      restoreRandom();
      await this.drainQueuedWork();
    }
  }

  /**
   * Loads a finished run's saved weights instead of training it, so its views can be answered after its own process
   * is gone. The model is prepared exactly as `run` prepares it (same seeded data, backend, fused layers and split), so
   * every view answers as the live run did. Without its data (`dataProblem`, or a file that can no longer be read)
   * the views that need samples say why and the others still work. A run that ended normally gets its last epoch's
   * validation predictions back, for the samples of its matrix cells.
   */
  async restore(saved: RunModel, dataProblem: string | null): Promise<void> {
    const restoreRandom = installSeededMathRandom(this.request.training.seed);
    let prepared: Prepared;
    try {
      prepared = await this.prepare({ dataProblem, classNames: saved.classNames });
    } finally {
      restoreRandom();
    }
    const { model, plan, validation } = prepared;
    loadModelWeights(model, saved.weights);
    const classes = prepared.classNames.length;
    this.position = { epoch: saved.epochs, batch: 0 };
    this.inspected = this.inspectedModel(prepared);
    if (prepared.dataProblem !== undefined || plan.task !== 'classification' || validation.count === 0) return;
    if (saved.status !== 'done' || saved.epochs === 0) {
      this.predictionsProblem =
        'This run was stopped part-way through an epoch: its saved weights are not the ones its confusion matrix was ' +
        'computed with, so the samples of its cells can’t be listed.';
      return;
    }
    this.recorder = new ViewRecorder(model, {
      classes,
      validation,
      inputShape: prepared.inputShape,
      valueRange: prepared.descriptor.valueRange,
      batchesPerEpoch: 1,
    });
    const context = {
      model,
      loss: lossFunction(this.request.training.loss),
      plan,
      validation,
      inputShape: prepared.inputShape,
      outputWidth: size(prepared.outputShape),
      sampleSize: prepared.sampleSize,
      classes,
    };
    await this.evaluate(context, saved.epochs);
  }

  /**
   * Everything before the first batch, the same for a run and a restored one: data (seeded), one analysis, the model
   * (built, fused), the targets' plan and the split. `dataProblem` (restore only): the data is not to be read; a
   * restored run whose data can't be read is prepared without it too, with the reason.
   */
  private async prepare(restoring?: { dataProblem: string | null; classNames: string[] }): Promise<Prepared> {
    const { graph, training, dataset: datasetRef, task } = this.request;
    const backend = await selectBackend(training.backend ?? 'auto');
    const source = this.options.data ?? (await defaultDataSource());
    let dataProblem = restoring?.dataProblem ?? undefined;
    let data: LoadedDataset | null = null;
    if (dataProblem === undefined) {
      try {
        data = await source.loadDataset(datasetRef, { maxMemoryMB: training.maxMemoryMB });
      } catch (error) {
        if (!restoring) throw error;
        dataProblem = unreadableDataProblem(datasetRef, error);
      }
    }
    if (data === null) return this.prepareWithoutData(backend, restoring!.classNames, dataProblem!);
    const { descriptor } = data;
    const classNames = descriptor.classNames;
    // One analysis validates the graph against the data and the request's task (never guessed here).
    const analysis = analyzeGraph(graph, {
      inputShape: descriptor.inputShape,
      numClasses: classNames.length,
      task,
    });
    const problems = analysis.problems.filter((problem) => problem.severity === 'error');
    if (problems.length > 0)
      throw new EngineError('invalid-graph', problems.map((problem) => problem.message).join('\n'));
    const model = this.buildModel(backend);

    const inputShape = model.inputs[0].shape.slice(1) as number[];
    const outputShape = model.outputs[0].shape.slice(1) as number[];
    const sampleSize = size(inputShape);
    if (sampleSize !== size(descriptor.inputShape)) {
      throw new EngineError(
        'bad-input',
        `The Input node expects samples of shape [${inputShape}] (${sampleSize} values), but ${descriptor.name} has ` +
          `samples of shape [${descriptor.inputShape}] (${size(descriptor.inputShape)} values): set the Input shape to [${descriptor.inputShape}]`,
      );
    }
    const plan = planTargets({
      task,
      inputShape,
      outputShape,
      loss: training.loss,
      classNames,
      datasetName: `dataset "${descriptor.name}"`,
    });
    const { train, validation } = source.splitDataset(data, {
      validationSplit: training.validationSplit,
      seed: training.seed,
    });
    // The split copied the samples: the loaded arrays go with `data` when this returns.
    return { backend, model, descriptor, classNames, plan, inputShape, outputShape, sampleSize, train, validation };
  }

  /** A restored run whose data is not available: the model alone, with empty splits and the reason. */
  private prepareWithoutData(backend: string, classNames: string[], dataProblem: string): Prepared {
    const { training, task, dataset } = this.request;
    const model = this.buildModel(backend);
    const inputShape = model.inputs[0].shape.slice(1) as number[];
    const outputShape = model.outputs[0].shape.slice(1) as number[];
    const plan = planTargets({
      task,
      inputShape,
      outputShape,
      loss: training.loss,
      classNames,
      datasetName: `dataset "${datasetName(dataset)}"`,
    });
    const empty: Split = { x: new Float32Array(0), labels: new Int32Array(0), count: 0 };
    const descriptor: DatasetDescriptor = {
      id: datasetName(dataset),
      name: datasetName(dataset),
      description: dataProblem,
      inputShape,
      classNames,
      countsPerClass: classNames.map(() => 0),
      splits: { train: 0, validation: 0, test: 0 },
      // The importers and built-in sets scale features to [0, 1]; an uploaded picture is scaled the same way.
      valueRange: [0, 1],
      source: dataProblem,
    };
    return {
      backend,
      model,
      descriptor,
      classNames,
      plan,
      inputShape,
      outputShape,
      sampleSize: size(inputShape),
      train: empty,
      validation: empty,
      dataProblem,
    };
  }

  /** The request's graph as a tfjs model, with the starting weights it asks for. */
  private buildModel(backend: string): tf.LayersModel {
    const { graph, training } = this.request;
    const model = buildModel(graph, { seed: training.seed });
    // LayerLab's CPU kernels train each Conv2D and Dense as one fused op (same weights, config and results)
    if (backend === 'cpu') fuseLayers(model);
    this.model = model;
    if (this.request.initialWeights) setInitialWeights(model, graph, this.request.initialWeights);
    return model;
  }

  private inspectedModel(prepared: Prepared): InspectedModel {
    const { model, plan, classNames, descriptor, train, validation, dataProblem } = prepared;
    return {
      model,
      graph: this.request.graph,
      task: plan.task,
      encoding: plan.encoding,
      classNames,
      descriptor,
      splits: { train, validation },
      ...(dataProblem !== undefined ? { dataProblem } : {}),
    };
  }

  private async train(): Promise<void> {
    const { training } = this.request;
    const prepared = await this.prepare();
    const { backend, model, descriptor, classNames, plan, inputShape, outputShape, sampleSize, train, validation } =
      prepared;
    if (train.count === 0) throw new EngineError('bad-input', `Dataset "${descriptor.name}" has no training samples`);

    const optimizer = createOptimizer(training);
    const loss = lossFunction(training.loss);
    const batchSize = Math.min(training.batchSize, train.count);
    const batchesPerEpoch = Math.ceil(train.count / batchSize);
    const classifier = plan.task === 'classification';
    // What goes wrong is said as it is noticed (epoch events) and once more in full at the end (done).
    const doctor = new RunDiagnostician({ training, classes: classifier ? classNames.length : 0 });
    const preflight = doctor.preflight;
    this.emit({
      type: 'started',
      backend,
      params: model.countParams(),
      trainSize: train.count,
      valSize: validation.count,
      classNames,
      epochs: training.epochs,
      batchesPerEpoch,
      ...(preflight.length > 0 ? { diagnoses: preflight } : {}),
    });

    this.inspected = this.inspectedModel(prepared);
    if (this.request.views) {
      this.recorder = new ViewRecorder(model, {
        classes: classNames.length,
        validation,
        inputShape,
        valueRange: descriptor.valueRange,
        batchesPerEpoch,
      });
    }

    const context: LoopContext = {
      model,
      optimizer,
      loss,
      variables: model.trainableWeights.map((weight) => weight.read() as tf.Variable),
      plan,
      train,
      validation,
      inputShape,
      outputWidth: size(outputShape),
      sampleSize,
      classes: classNames.length,
      batchSize,
      batchesPerEpoch,
    };
    const shuffleRandom = mulberry32(deriveSeed(training.seed, 0x5bff1e));
    const order = Int32Array.from({ length: train.count }, (_, i) => i);
    const throttle = createBatchThrottle(10, this.now);
    const runStart = this.now();
    this.budget.start();
    let last: { metrics: Metrics; confusionMatrix: number[][] } | null = null;

    try {
      for (let epoch = 1; epoch <= training.epochs; epoch++) {
        if (training.shuffle) shuffleInPlace(order, shuffleRandom);
        const epochStart = this.now();
        let pausedMs = 0;
        let lossSum = 0;
        let correctSum = 0;
        for (let batch = 1; batch <= batchesPerEpoch; batch++) {
          const start = (batch - 1) * batchSize;
          const end = Math.min(start + batchSize, train.count);
          this.position = { epoch: epoch - 1, batch };
          // One measured batch per epoch always; the others only while the views' time budget allows.
          const measure = (this.recorder?.measuresGradients(batch) ?? false) && (batch === 1 || this.budget.allows());
          const result = await this.trainBatch(context, order, start, end, measure);
          if (!Number.isFinite(result.loss)) throw divergedError(result.loss, epoch, batch, training.learningRate);
          lossSum += result.loss * (end - start);
          correctSum += result.correct;
          if (throttle()) {
            const accuracy = classifier ? result.correct / (end - start) : undefined;
            this.emit({
              type: 'batch',
              epoch,
              batch,
              loss: result.loss,
              ...(accuracy === undefined ? {} : { accuracy }),
            });
          }
          // Let IPC messages (pause, stop, export) in: the CPU backend never yields on its own.
          await yieldToEventLoop();
          await this.drainQueuedWork();
          if (this.paused && !this.stopRequested) {
            const waited = await this.waitWhilePaused(epoch, batch);
            pausedMs += waited;
            this.budget.exclude(waited);
          }
          if (this.stopRequested) {
            this.emit({ type: 'cancelled', epochs: epoch - 1, metrics: last?.metrics ?? null });
            return;
          }
        }
        const trainMs = this.now() - epochStart - pausedMs;
        const evaluation = validation.count > 0 ? await this.evaluate(context, epoch) : null;
        const metrics: Metrics = {
          loss: lossSum / train.count,
          accuracy: classifier ? correctSum / train.count : null,
          valLoss: evaluation?.loss ?? null,
          valAccuracy: classifier && evaluation ? evaluation.accuracy : null,
        };
        if (evaluation && !Number.isFinite(evaluation.loss))
          throw divergedError(evaluation.loss, epoch, null, training.learningRate);
        const confusionMatrix = classifier && evaluation ? evaluation.confusionMatrix : [];
        last = { metrics, confusionMatrix };
        this.history.push({ epoch, ...metrics });
        this.position = { epoch, batch: 0 };
        const gradientNorms = this.recorder?.takeEpochGradientNorms();
        if (this.recorder) this.recorder.addSnapshot(this.snapshot(epoch, metrics, confusionMatrix));
        const diagnoses = doctor.observe({ epoch, ...metrics }, confusionMatrix);
        const elapsedPerEpoch = (this.now() - runStart) / epoch;
        this.emit({
          type: 'epoch',
          epoch,
          ...metrics,
          confusionMatrix,
          perClass: classifier && evaluation ? perClassScores(confusionMatrix) : [],
          samplesPerSecond: train.count / Math.max(trainMs / 1000, 1e-9),
          etaSeconds: (elapsedPerEpoch * (training.epochs - epoch)) / 1000,
          ...(gradientNorms ? { gradientNorms } : {}),
          ...(diagnoses.length > 0 ? { diagnoses } : {}),
        });
      }
    } finally {
      optimizer.dispose();
    }
    this.emit({
      type: 'done',
      metrics: last!.metrics,
      confusionMatrix: last!.confusionMatrix,
      classNames,
      epochs: training.epochs,
      seconds: (this.now() - runStart) / 1000,
      diagnoses: doctor.finish(last!.confusionMatrix),
    });
  }

  /** The small record of an epoch the replay shows: metrics, matrix, boundary of a 2-D classifier, small first kernel. */
  private snapshot(epoch: number, metrics: Metrics, confusionMatrix: number[][]) {
    const target = this.inspected!;
    // The grid is the costly part: kept while the views' time budget allows (the replay shows the latest one kept).
    const plane = isPlaneClassifier(target) && this.budget.allows();
    const weights = firstLayerKernel(target.model);
    return {
      epoch,
      ...metrics,
      confusionMatrix,
      ...(plane ? { boundary: this.budget.measure(() => decisionBoundary(target, SNAPSHOT_BOUNDARY_RESOLUTION)) } : {}),
      ...(weights ? { weights } : {}),
    };
  }

  private async trainBatch(
    context: LoopContext,
    order: Int32Array,
    start: number,
    end: number,
    measureGradients: boolean,
  ): Promise<{ loss: number; correct: number }> {
    const { model, optimizer, loss, plan, train, sampleSize, classes, outputWidth } = context;
    const count = end - start;
    const features = new Float32Array(count * sampleSize);
    fillFeatures(train, order, start, end, sampleSize, features);
    const targets = new Float32Array(count * outputWidth);
    fillTargets(plan, train, order, start, end, classes, sampleSize, targets);
    const labels = new Int32Array(count);
    for (let i = start; i < end; i++) labels[i - start] = train.labels[order[i]];

    const stats = tf.tidy(() => {
      const x = tf.tensor(features, [count, ...context.inputShape]);
      const y = tf.tensor(targets, [count, ...model.outputs[0].shape.slice(1)] as number[]);
      // The forward pass runs in the gradient's own tidy, so the prediction must be kept to score it, then freed here.
      const held: { prediction?: tf.Tensor } = {};
      const forward = () => {
        const prediction = model.apply(x, { training: true }) as tf.Tensor;
        held.prediction = tf.keep(prediction);
        return loss(y, prediction) as tf.Scalar;
      };
      // What optimizer.minimize does, spelled out so the views can measure the gradients before they are applied.
      const { value: cost, grads } = optimizer.computeGradients(forward, context.variables);
      const gradients = context.variables.map((variable) => grads[variable.name]);
      const recorder = this.recorder;
      const norms = measureGradients && recorder ? this.budget.measure(() => recorder.gradientNorms(gradients)) : null;
      optimizer.applyGradients(context.variables.map((variable, i) => ({ name: variable.name, tensor: gradients[i] })));
      const prediction = held.prediction!;
      const correct =
        plan.task === 'classification' ? countCorrect(prediction, tf.tensor1d(labels, 'int32'), plan) : tf.scalar(0);
      const stacked = norms ? tf.concat([tf.stack([cost, correct]), norms]) : tf.stack([cost, correct]);
      prediction.dispose();
      return stacked;
    });
    const values = await stats.data();
    stats.dispose();
    if (values.length > 2) this.recorder?.addGradientNorms(values.subarray(2));
    return { loss: values[0], correct: values[1] };
  }

  private async evaluate(
    context: EvaluationContext,
    epoch: number,
  ): Promise<{ loss: number; accuracy: number; confusionMatrix: number[][] }> {
    const { model, loss, plan, validation, sampleSize, classes, outputWidth } = context;
    const all = Int32Array.from({ length: validation.count }, (_, i) => i);
    const confusionMatrix = emptyConfusionMatrix(classes);
    let lossSum = 0;
    let correctSum = 0;
    // The views list the samples of a matrix cell with their probabilities: keep this epoch's predictions.
    const record = this.recorder != null && plan.task === 'classification';
    const allPredicted = record ? new Int32Array(validation.count) : null;
    const allProbabilities = record ? new Float32Array(validation.count * classes) : null;
    for (let start = 0; start < validation.count; start += EVAL_CHUNK) {
      const end = Math.min(start + EVAL_CHUNK, validation.count);
      const count = end - start;
      const features = new Float32Array(count * sampleSize);
      fillFeatures(validation, all, start, end, sampleSize, features);
      const targets = new Float32Array(count * outputWidth);
      fillTargets(plan, validation, all, start, end, classes, sampleSize, targets);
      const [lossTensor, predictedTensor, probabilityTensor] = tf.tidy(() => {
        const x = tf.tensor(features, [count, ...context.inputShape]);
        const y = tf.tensor(targets, [count, ...model.outputs[0].shape.slice(1)] as number[]);
        const prediction = model.apply(x, { training: false }) as tf.Tensor;
        const predicted = plan.task === 'classification' ? predictedClasses(prediction, plan) : tf.zeros([0], 'int32');
        const probabilities = !record
          ? tf.zeros([0])
          : plan.encoding === 'binary'
            ? tf.concat([tf.sub(1, prediction), prediction], 1)
            : prediction;
        return [loss(y, prediction), predicted, probabilities];
      });
      const [chunkLoss] = await lossTensor.data();
      const predicted = await predictedTensor.data();
      if (allPredicted && allProbabilities) {
        allPredicted.set(predicted, start);
        allProbabilities.set(await probabilityTensor.data(), start * classes);
      }
      lossTensor.dispose();
      predictedTensor.dispose();
      probabilityTensor.dispose();
      lossSum += chunkLoss * count;
      if (plan.task === 'classification') {
        const truth = validation.labels.subarray(start, end);
        addToConfusionMatrix(confusionMatrix, truth, predicted);
        for (let i = 0; i < count; i++) if (truth[i] === predicted[i]) correctSum += 1;
      }
    }
    if (allPredicted) this.recorder!.recordPredictions(epoch, allPredicted, allProbabilities);
    return { loss: lossSum / validation.count, accuracy: correctSum / validation.count, confusionMatrix };
  }

  private async waitWhilePaused(epoch: number, batch: number): Promise<number> {
    const pausedAt = this.now();
    this.emit({ type: 'paused', epoch, batch });
    while (this.paused && !this.stopRequested) {
      await new Promise<void>((resolve) => {
        this.resumeWaiter = resolve;
      });
      this.resumeWaiter = null;
      await this.drainQueuedWork();
    }
    if (!this.stopRequested) this.emit({ type: 'resumed', epoch, batch });
    return this.now() - pausedAt;
  }

  private atBatchBoundary<T>(work: () => Promise<T>, queue = this.queuedWork): Promise<T> {
    if (!this.loopActive || this.paused) return work();
    return new Promise<T>((resolve, reject) => {
      queue.push(() => work().then(resolve, reject));
    });
  }

  /** Exports at once; view queries while the views' time budget allows (all of them when paused or finished). */
  private async drainQueuedWork(): Promise<void> {
    while (this.queuedWork.length > 0) await this.queuedWork.shift()!();
    while (this.queuedViews.length > 0 && (!this.loopActive || this.paused || this.budget.allows())) {
      await this.budget.measureAsync(this.queuedViews.shift()!);
    }
  }
}

/** What the validation pass needs (a restored run has no optimizer). */
type EvaluationContext = Pick<
  LoopContext,
  'model' | 'loss' | 'plan' | 'validation' | 'inputShape' | 'outputWidth' | 'sampleSize' | 'classes'
>;

/** A run's model and data, ready for the first batch (or for a restored run's views). */
interface Prepared {
  backend: string;
  model: tf.LayersModel;
  descriptor: DatasetDescriptor;
  classNames: string[];
  plan: TargetPlan;
  inputShape: number[];
  outputShape: number[];
  sampleSize: number;
  train: Split;
  validation: Split;
  /** A restored run whose data is not loaded: why (its views that need samples say so). */
  dataProblem?: string;
}

interface LoopContext {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  loss: LossFunction;
  /** The trainable variables, looked up once rather than every batch. */
  variables: tf.Variable[];
  plan: TargetPlan;
  train: Split;
  validation: Split;
  inputShape: number[];
  outputWidth: number;
  sampleSize: number;
  classes: number;
  batchSize: number;
  batchesPerEpoch: number;
}

function predictedClasses(prediction: tf.Tensor, plan: TargetPlan): tf.Tensor {
  if (plan.encoding === 'binary') return tf.cast(tf.greater(prediction.reshape([-1]), 0.5), 'int32');
  return tf.argMax(prediction, -1);
}

function countCorrect(prediction: tf.Tensor, labels: tf.Tensor, plan: TargetPlan): tf.Tensor {
  return tf.sum(tf.cast(tf.equal(predictedClasses(prediction, plan), labels), 'float32'));
}

function divergedError(loss: number, epoch: number, batch: number | null, learningRate: number): EngineError {
  const where = batch == null ? `on the validation data after epoch ${epoch}` : `at epoch ${epoch}, batch ${batch}`;
  return new EngineError(
    'diverged',
    `Training diverged: the loss became ${loss} ${where}. The weights grew out of range. Try a lower learning rate ` +
      `(now ${learningRate}), normalize the inputs to a small range such as [0, 1], or use an adaptive optimizer like Adam.`,
  );
}

function toErrorEvent(error: unknown): TrainingEvent {
  if (error instanceof EngineError) return { type: 'error', code: error.code, message: error.message };
  // Events reach the renderer: a data error is reported by its public message, which quotes nothing from the file.
  if (error instanceof DatasetError) return { type: 'error', code: 'bad-input', message: error.publicMessage };
  if (error instanceof Error && (error as { code?: unknown }).code === 'bad-input') {
    return { type: 'error', code: 'bad-input', message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'error', code: 'internal', message: `Internal error in the training engine: ${message}` };
}

/** Why a restored run's data can't be read, as its views say it (never the host's path). */
function unreadableDataProblem(ref: DatasetRef, error: unknown): string {
  const reason =
    error instanceof DatasetError ? error.publicMessage : error instanceof Error ? error.message : String(error);
  return `The data this run was trained on (${datasetName(ref)}) can't be read any more: ${reason}`;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function size(shape: number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

async function defaultDataSource(): Promise<DataSource> {
  const datasets = await import('../datasets/index');
  return { loadDataset: datasets.loadDataset, splitDataset: datasets.splitDataset } as DataSource;
}
