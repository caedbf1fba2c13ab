import { listBuiltinDatasets, loadDataset, previewDataset } from '../datasets/index';
import type { DatasetService } from './dataset-service';
import { HandleRegistry } from './handle-registry';
import { createProjectStore, type ProjectStore } from './project-store';
import { createTrainingService, type TrainingHostLike, type TrainingService } from './training-service';

export interface Services {
  training: TrainingService;
  datasets: DatasetService;
  projects: ProjectStore;
  handles: HandleRegistry;
  dispose(): void;
}

/** The dataset operations over src/main/datasets. Built-in refs without parameters are described without generating samples. */
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

/** Everything both hosts (Electron main, browser-mode server) need, wired once. */
export function createServices(options: { userDataDir: string; trainingHost: TrainingHostLike }): Services {
  const training = createTrainingService(options.trainingHost);
  return {
    training,
    datasets: createDatasetService(),
    projects: createProjectStore({ userDataDir: options.userDataDir }),
    handles: new HandleRegistry(),
    dispose: () => training.dispose(),
  };
}
