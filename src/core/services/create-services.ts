import { createDatasetCache, type DatasetReader } from '../datasets/dataset-cache';
import type { TrainingHost } from '../engine/training-host';
import { createRunViewer, type RunViewer } from '../engine/run-viewer';
import { DatasetAccess, guardAutosave, ProjectDatasetGrants } from './dataset-access';
import { createExerciseService, type ExerciseService } from './exercise-service';
import { createDatasetService, type DatasetService } from './dataset-service';
import { HandleRegistry } from './handle-registry';
import { createProjectStore, type ProjectStore } from './project-store';
import { RunModelStore } from './run-models';

export interface Services {
  /** The engine's host itself: one run at a time, events stamped with their run id. */
  training: TrainingHost;
  /** Every finished run's model this session (the host fills it as runs end), for export by run id. */
  runModels: RunModelStore;
  /** Answers the views of finished runs whose training process is gone, from their saved weights. */
  viewer: RunViewer;
  datasets: DatasetService;
  projects: ProjectStore;
  handles: HandleRegistry;
  /** Which data files `datasets` and `training` may read; the handlers add to it on import and project open. */
  datasetAccess: DatasetAccess;
  /** What opening or saving a project may add to `datasetAccess`. */
  projectGrants: ProjectDatasetGrants;
  /** The app's exercise checks, each in a training process of its own. */
  exercises: ExerciseService;
  dispose(): void;
}

/**
 * Everything both hosts (Electron main, browser-mode server) need, wired once. Dataset reads go through the session's
 * DatasetAccess here, and the handler table checks it before a run starts, so no entry point can reach a data file the
 * user did not choose.
 */
export function createServices(options: {
  userDataDir: string;
  trainingHost: TrainingHost;
  /** Where finished runs are loaded to be looked at (Electron: a utilityProcess); default: a forked Node process. */
  runViewer?: RunViewer;
  /** A fresh host for each exercise check (Electron: a utilityProcess); default: a forked Node process. */
  createCheckHost?: () => TrainingHost;
  /**
   * How imports are read: the hosts pass a data process (engine/dataset-process.ts) so no file is ever parsed in the
   * host; without it, in this process (tests).
   */
  readDataset?: DatasetReader;
}): Services {
  const datasetAccess = new DatasetAccess();
  const training = options.trainingHost;
  const catalog = options.readDataset ? createDatasetCache({ read: options.readDataset }) : undefined;
  const runModels = new RunModelStore();
  training.keepModels(runModels.keep);
  const exercises = createExerciseService(options.createCheckHost ? { createHost: options.createCheckHost } : {});
  const viewer = options.runViewer ?? createRunViewer();
  return {
    training,
    runModels,
    viewer,
    datasets: createDatasetService(datasetAccess, catalog),
    projects: guardAutosave(
      createProjectStore({ userDataDir: options.userDataDir }),
      datasetAccess,
      options.userDataDir,
    ),
    handles: new HandleRegistry(),
    datasetAccess,
    projectGrants: new ProjectDatasetGrants(datasetAccess, options.userDataDir),
    exercises,
    dispose: () => {
      exercises.dispose();
      training.keepModels(null);
      training.dispose();
      viewer.dispose();
      runModels.dispose();
    },
  };
}
