import { listBuiltinDatasets, loadDataset, previewDataset } from '../datasets/index';
import {
  DatasetAccess,
  guardAutosave,
  guardDatasetService,
  guardTrainingService,
  ProjectDatasetGrants,
} from './dataset-access';
import type { DatasetService } from './dataset-service';
import { HandleRegistry } from './handle-registry';
import { createProjectStore, type ProjectStore } from './project-store';
import { createTrainingService, type TrainingHostLike, type TrainingService } from './training-service';

export interface Services {
  training: TrainingService;
  datasets: DatasetService;
  projects: ProjectStore;
  handles: HandleRegistry;
  /** Which data files `datasets` and `training` may read; the handlers add to it on import and project open. */
  datasetAccess: DatasetAccess;
  /** What opening or saving a project may add to `datasetAccess`. */
  projectGrants: ProjectDatasetGrants;
  dispose(): void;
}

/** The dataset operations over src/core/datasets. Built-in refs without parameters are described without generating samples. */
export function createDatasetService(): DatasetService {
  return {
    list: async () => listBuiltinDatasets(),
    async describe(ref) {
      if (ref.kind === 'builtin' && (!ref.params || Object.keys(ref.params).length === 0)) {
        const known = listBuiltinDatasets().find((d) => d.id === ref.id);
        if (known) return known;
      }
      return (await loadDataset(ref)).descriptor;
    },
    preview: (ref, perClass) => previewDataset(ref, perClass),
  };
}

/**
 * Everything both hosts (Electron main, browser-mode server) need, wired once. Dataset reads and training runs go
 * through the session's DatasetAccess here, so no entry point can reach a data file the user did not choose.
 */
export function createServices(options: { userDataDir: string; trainingHost: TrainingHostLike }): Services {
  const datasetAccess = new DatasetAccess();
  const training = guardTrainingService(createTrainingService(options.trainingHost), datasetAccess);
  return {
    training,
    datasets: guardDatasetService(createDatasetService(), datasetAccess),
    projects: guardAutosave(
      createProjectStore({ userDataDir: options.userDataDir }),
      datasetAccess,
      options.userDataDir,
    ),
    handles: new HandleRegistry(),
    datasetAccess,
    projectGrants: new ProjectDatasetGrants(datasetAccess, options.userDataDir),
    dispose: () => training.dispose(),
  };
}
