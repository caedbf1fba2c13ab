import type { MenuCommandId } from '../commands/commands';
import type { CheckExerciseRequest } from '../exercises/check-request';
import type { ExerciseResult } from '../exercises/exercise-result';
import type { ExportFormat } from '../interop/export-formats';
import type { DatasetDescriptor, DatasetRef } from '../training/dataset';
import type { TrainingEvent } from './training-events';
import type { RunModel, StartRunRequest, StartRunResponse } from './training-protocol';
import type { ViewQuery, ViewResults } from '../views/view-queries';

/** How a stopped check's `exercises.check` call fails, so the app tells it from a failure. */
export const CHECK_STOPPED_MESSAGE = 'The check was stopped.';

/**
 * Samples per class the dataset picker shows. The host prepares a preview of this size when it first reads a data set,
 * so the picker's request is answered without reading the file again.
 */
export const DATASET_PREVIEW_PER_CLASS = 4;

/** A few decoded samples per class, for the dataset picker. Pixels are 0..255 grayscale or RGB, row-major. */
/**
 * How much memory a data read may take: the project's TrainConfig.maxMemoryMB, sent with every read (see
 * shared/training/memory-limit.ts; the default when absent).
 */
export interface DatasetReadLimits {
  maxMemoryMB?: number;
}

export interface DatasetPreview {
  descriptor: DatasetDescriptor;
  samples: { classIndex: number; width: number; height: number; channels: number; pixels: number[] }[];
  /** Two-feature sets (inputShape [2]) have no pixels: their points, for a scatter plot (features as handed to the model). */
  points?: { x: number; y: number; classIndex: number }[];
}

/** A project file as text plus the name to show; the renderer never sees arbitrary paths. */
export interface OpenedProject {
  /** Opaque handle for "Save" to write back to the same file (a path in Electron, a name in browser mode). */
  handle: string | null;
  name: string;
  text: string;
}

/** A model.json read as a LayerLab project (Open model…): the project's text, to open unsaved in the editor. */
export interface ImportedModel {
  /** The model file's name, e.g. "model.json". */
  name: string;
  /** A project file (format layerlab): graph, training settings, dataset, task, and the model's weights (`weights`). */
  text: string;
  layers: number;
  params: number;
  /** What the import decided (where the settings and dataset come from), one sentence each. */
  notes: string[];
}

/**
 * What the native menu sends the renderer: a command from the registry that has a menu placement, or File ▸ Open
 * recent ▸ <file>, which comes with `{ handle }` for `projects.openRecent`.
 */
export type MenuCommand = MenuCommandId | 'openRecent';

/** Extra data some menu commands carry: the recent file chosen for `openRecent`. */
export interface MenuCommandDetail {
  handle: string;
}

/**
 * Everything the renderer can ask of the host: `window.layerlab` in Electron (preload) and in browser mode
 * (WebSocket bridge). Both implement exactly this interface; the renderer knows nothing else.
 */
export interface LayerLabApi {
  platform: 'electron' | 'web';
  training: {
    /**
     * Start a run. With `weightsFrom` it starts from those weights, layer by layer where names and shapes match (the
     * answer's `reuse` says what was reused); when no layer matches, it rejects with a message and does not start.
     */
    start(request: StartRunRequest): Promise<StartRunResponse>;
    pause(): Promise<void>;
    resume(): Promise<void>;
    stop(): Promise<void>;
    /**
     * Write a finished run's model in `format` (the project it was trained from, history.csv, and data.npz when
     * `includeData`) under `name`: Electron asks for a folder and writes a `name` folder in it, browser mode downloads
     * `name.zip`. Any run of the session the host still keeps, not only the latest.
     */
    exportModel(request: {
      runId: string;
      name: string;
      /** Default tfjs. */
      format?: ExportFormat;
      /** Default false. */
      includeData?: boolean;
      /** Default true. */
      includeWeights?: boolean;
    }): Promise<{ saved: boolean; where?: string }>;
    onEvent(listener: (event: TrainingEvent & { runId: string }) => void): () => void;
  };
  views: {
    /**
     * Look inside run `runId`'s model: computed by its training process from the model as it is (between two batches
     * while it trains) and sent back as the reply. Fails with a readable message for a run whose model is gone or a
     * query that doesn't apply (a boundary for images, a picture that is not one).
     */
    query<Q extends ViewQuery>(runId: string, query: Q): Promise<ViewResults[Q['kind']]>;
    /**
     * Load a finished run whose training process is gone (an older run, a reopened project, a reloaded page) from its
     * saved weights into the host's viewer, and get the id `query` answers it under (the same run, the same id). Its
     * data is read as the run recorded it; when the file is not available, the views that need samples say so and the
     * others still work. One run is loaded at a time.
     */
    open(run: RunModel): Promise<{ runId: string }>;
    /** Unload the viewer's run (the project is being replaced). */
    close(): Promise<void>;
  };
  datasets: {
    list(): Promise<DatasetDescriptor[]>;
    /** Each read below runs within `limits` (the project's memory limit); one needing more is refused, naming both sizes. */
    describe(ref: DatasetRef, limits?: DatasetReadLimits): Promise<DatasetDescriptor>;
    preview(ref: DatasetRef, perClass: number, limits?: DatasetReadLimits): Promise<DatasetPreview>;
    /** Pick a data file (native dialog or upload) and return a ref to it, or null if cancelled. */
    importFile(limits?: DatasetReadLimits): Promise<DatasetRef | null>;
  };
  projects: {
    /** Native open dialog or file upload; null if cancelled. */
    open(): Promise<OpenedProject | null>;
    openRecent(handle: string): Promise<OpenedProject | null>;
    /** Write `text`; with a null handle (or saveAs) ask where. Atomic on disk. Null if cancelled. */
    save(request: {
      handle: string | null;
      suggestedName: string;
      text: string;
      saveAs?: boolean;
    }): Promise<{ handle: string | null; name: string } | null>;
    /**
     * Open a TF.js layers or Keras model.json as an editable project, with the weights its manifest names read from
     * the files beside it (native dialog, or an upload of the model.json and those files). Null if cancelled; an
     * unsupported layer or option, or a weight file missing or not fitting, rejects with a message naming each.
     */
    importModel(): Promise<ImportedModel | null>;
    recent(): Promise<{ handle: string; name: string }[]>;
    /** Crash-safe autosave slot, read back on next start. */
    writeAutosave(text: string): Promise<void>;
    readAutosave(): Promise<string | null>;
    clearAutosave(): Promise<void>;
  };
  files: {
    /**
     * Save a file the app made (a picture of the graph, …) under a name like `suggestedName`: Electron asks where,
     * browser mode downloads it. `saved` is false when the user cancelled.
     */
    save(request: { suggestedName: string; base64: string }): Promise<{ saved: boolean; where?: string }>;
  };
  exercises: {
    /**
     * Retrain the submission from scratch in a training process under the exercise's rules and judge it, as
     * `layerlab check` does (src/core/exercises/check-submission.ts). Resolves when the check has finished.
     */
    check(request: CheckExerciseRequest): Promise<ExerciseResult>;
    /** Stop the running check: its `check` call rejects with CHECK_STOPPED_MESSAGE. Nothing when none runs. */
    stopCheck(): Promise<void>;
    /**
     * The running check's training events (started, epoch, done…) while `check` waits, for its progress: the same
     * TrainingEvent union a Train run sends, without a run id (one check runs at a time).
     */
    onCheckEvent(listener: (event: TrainingEvent) => void): () => void;
    /** Pick an exercise file (native dialog or upload) and return its text; null if cancelled. */
    openFile(): Promise<{ name: string; text: string } | null>;
  };
  app: {
    /** Menu commands from the native menu (Electron) — browser mode never fires them. */
    onMenuCommand(listener: (command: MenuCommand, detail?: MenuCommandDetail) => void): () => void;
    /** Tell the host whether there are unsaved changes / a run in progress, so closing can ask first. */
    setDirtyState(state: { unsavedChanges: boolean; training: boolean }): void;
  };
}
