import type { CheckExerciseRequest } from '../../../shared/exercises/check-request';
import type { ExerciseResult } from '../../../shared/exercises/exercise-result';
import type {
  DatasetPreview,
  ImportedModel,
  LayerLabApi,
  MenuCommand,
  MenuCommandDetail,
} from '../../../shared/ipc/api';
import type { TrainingEvent } from '../../../shared/ipc/training-events';
import type { RunModel, StartTrainingRequest } from '../../../shared/ipc/training-protocol';
import type { DatasetDescriptor } from '../../../shared/training/dataset';
import type { ViewQuery } from '../../../shared/views/view-queries';

/** Answers the views' queries in component tests; throws to make a query fail. */
export type FakeViewHandler = (runId: string, query: ViewQuery) => unknown;

export const FONTS_DESCRIPTOR: DatasetDescriptor = {
  id: 'fonts',
  name: 'Fonts',
  description: '5 font types',
  inputShape: [36, 36, 1],
  classNames: ['serif', 'mono', 'condensed', 'script', 'black'],
  countsPerClass: [558, 558, 558, 558, 558],
  splits: { train: 2790, validation: 0, test: 0 },
  valueRange: [0, 1],
  source: 'built-in generator',
};

/**
 * An in-memory LayerLabApi for component tests: records every call, lets the test emit training events and
 * menu commands, and keeps the autosave slot and saved files in memory.
 */
export function createFakeApi(overrides: { descriptor?: DatasetDescriptor; points?: DatasetPreview['points'] } = {}) {
  const descriptor = overrides.descriptor ?? FONTS_DESCRIPTOR;
  const trainingListeners = new Set<(e: TrainingEvent & { runId: string }) => void>();
  const menuListeners = new Set<(c: MenuCommand, detail?: MenuCommandDetail) => void>();
  const checkListeners = new Set<(e: TrainingEvent) => void>();
  const calls: string[] = [];
  /** Every training request the UI sent, as the host received it. */
  const requests: StartTrainingRequest[] = [];
  /** Every export the UI asked for: which run, under which name, with the dialog's choices. */
  const exports: Parameters<LayerLabApi['training']['exportModel']>[0][] = [];
  /** What Open model… answers next: a model, null (cancelled), or an Error it rejects with. */
  let importedModel: ImportedModel | Error | null = null;
  /** Every file the UI saved through `files.save` (pictures of the graph). */
  const saved: { suggestedName: string; base64: string }[] = [];
  const files = new Map<string, string>();
  /** Every check the UI asked for; `answerCheck` says what the host answers (a test sets it). */
  const checks: CheckExerciseRequest[] = [];
  let answerCheck: (request: CheckExerciseRequest) => Promise<ExerciseResult> = async () => {
    throw new Error('no check answer set in this test');
  };
  /** What the next "Open exercise file…" picks (null: cancelled). */
  let exerciseFile: { name: string; text: string } | null = null;
  let autosave: string | null = null;
  let runs = 0;
  let viewHandler: FakeViewHandler = () => {
    throw new Error('This test answers no view queries');
  };
  /** Every view query the UI sent, with its run id. */
  const viewQueries: { runId: string; query: ViewQuery }[] = [];
  /** Every finished run the UI loaded into the viewer (`views.open`); the n-th answers as `viewer-n`. */
  const viewerRuns: RunModel[] = [];
  const api: LayerLabApi = {
    platform: 'web',
    training: {
      start: async (request) => {
        calls.push('training.start');
        requests.push(request);
        return { runId: `run-${++runs}` };
      },
      pause: async () => void calls.push('training.pause'),
      resume: async () => void calls.push('training.resume'),
      stop: async () => void calls.push('training.stop'),
      exportModel: async (request) => {
        calls.push('training.exportModel');
        exports.push(request);
        return { saved: true, where: `/tmp/${request.name}` };
      },
      onEvent: (listener) => {
        trainingListeners.add(listener);
        return () => trainingListeners.delete(listener);
      },
    },
    views: {
      query: async (runId, query) => {
        viewQueries.push({ runId, query });
        return viewHandler(runId, query) as never;
      },
      open: async (run) => {
        calls.push('views.open');
        viewerRuns.push(run);
        return { runId: `viewer-${viewerRuns.length}` };
      },
      close: async () => void calls.push('views.close'),
    },
    datasets: {
      list: async () => [descriptor],
      describe: async () => descriptor,
      preview: async () => ({ descriptor, samples: [], ...(overrides.points ? { points: overrides.points } : {}) }),
      importFile: async () => null,
    },
    projects: {
      open: async () => null,
      importModel: async () => {
        calls.push('projects.importModel');
        if (importedModel instanceof Error) throw importedModel;
        return importedModel;
      },
      openRecent: async (handle) => (files.has(handle) ? { handle, name: handle, text: files.get(handle)! } : null),
      save: async (request) => {
        calls.push('projects.save');
        const handle = request.handle ?? request.suggestedName;
        files.set(handle, request.text);
        return { handle, name: request.suggestedName };
      },
      recent: async () => [...files.keys()].map((handle) => ({ handle, name: handle })),
      writeAutosave: async (text) => {
        autosave = text;
      },
      readAutosave: async () => autosave,
      clearAutosave: async () => {
        autosave = null;
      },
    },
    files: {
      save: async (request) => {
        calls.push('files.save');
        saved.push(request);
        return { saved: true, where: `/tmp/${request.suggestedName}` };
      },
    },
    exercises: {
      check: async (request) => {
        calls.push('exercises.check');
        checks.push(request);
        return answerCheck(request);
      },
      stopCheck: async () => void calls.push('exercises.stopCheck'),
      onCheckEvent: (listener) => {
        checkListeners.add(listener);
        return () => checkListeners.delete(listener);
      },
      openFile: async () => exerciseFile,
    },
    app: {
      onMenuCommand: (listener) => {
        menuListeners.add(listener);
        return () => menuListeners.delete(listener);
      },
      setDirtyState: () => undefined,
    },
  };
  return {
    api,
    calls,
    requests,
    exports,
    saved,
    files,
    checks,
    set answerCheck(answer: (request: CheckExerciseRequest) => Promise<ExerciseResult>) {
      answerCheck = answer;
    },
    set exerciseFile(file: { name: string; text: string } | null) {
      exerciseFile = file;
    },
    viewQueries,
    viewerRuns,
    /** Sets how view queries are answered. */
    answerViews(handler: FakeViewHandler) {
      viewHandler = handler;
    },
    get autosave() {
      return autosave;
    },
    set autosave(text: string | null) {
      autosave = text;
    },
    set importedModel(next: ImportedModel | Error | null) {
      importedModel = next;
    },
    emit(event: TrainingEvent, runId = `run-${runs}`) {
      for (const l of [...trainingListeners]) l({ ...event, runId });
    },
    /** Sends one of the running check's training events, as the host would. */
    emitCheck(event: TrainingEvent) {
      for (const l of [...checkListeners]) l(event);
    },
    menu(command: MenuCommand, detail?: MenuCommandDetail) {
      for (const l of [...menuListeners]) l(command, detail);
    },
  };
}
