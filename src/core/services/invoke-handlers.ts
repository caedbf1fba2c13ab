import { basename, join } from 'node:path';
import { serializeProject } from '../../shared/graph/project-file';
import type { ImportedModel } from '../../shared/ipc/api';
import type { InvokeHandlers } from '../../shared/ipc/ipc-contract';
import type { TrainingHost } from '../engine/training-host';
import type { RunViewer } from '../engine/run-viewer';
import { writeExportFiles } from '../interop/export-file';
import { importModelFile } from '../interop/import/import-model';
import { DatasetAccessError, type DatasetAccess, type ProjectDatasetGrants } from './dataset-access';
import type { DatasetService } from './dataset-service';
import type { ExerciseService } from './exercise-service';
import { writeFileAtomic } from './atomic-write';
import type { HandleRegistry } from './handle-registry';
import type { HostDialogs } from './host-dialogs';
import type { ProjectStore } from './project-store';
import { renderRunExport } from './run-export';
import type { RunModelStore } from './run-models';
import { safeFileName } from './safe-file-name';
import { startRun } from './start-run';

export interface HandlerDeps {
  training: TrainingHost;
  /** Each finished run's model, by run id: what `training.exportModel` exports. */
  runModels: RunModelStore;
  /** Finished runs loaded from their saved weights, for their views. */
  viewer: RunViewer;
  datasets: DatasetService;
  projects: ProjectStore;
  handles: HandleRegistry;
  /** Granted the files the user picks; `datasets` and `training` check it. */
  datasetAccess: DatasetAccess;
  /** Grants a project's data file only when the user, not the renderer's own saved text, chose it. */
  projectGrants: ProjectDatasetGrants;
  dialogs: HostDialogs;
  exercises: ExerciseService;
  /** Called after the recent list changed, e.g. to rebuild the File ▸ Open recent menu. */
  onRecentChanged?: () => void;
}

/** Thrown for a handle main never issued: the renderer can only name files the user picked. */
export class UnknownHandleError extends Error {
  constructor() {
    super('That file is no longer known to LayerLab: open it again from the File menu.');
    this.name = 'UnknownHandleError';
  }
}

/**
 * A model.json as the project the editor opens (Open model…): the same import as `layerlab import`, all or nothing,
 * with the weights read from the weight files beside it (the folder the user picked it in, or where browser mode put
 * the files uploaded with it) into the project's `weights`, which the app offers as "Imported model weights". A
 * weight file missing or not fitting fails the whole import with a message naming it.
 */
export async function importModel(path: string, name = basename(path)): Promise<ImportedModel> {
  const result = await importModelFile(path, {
    weightsHint: 'pick the model.json together with the weight files beside it',
  });
  return {
    name,
    text: serializeProject(result.project),
    layers: result.layers,
    params: result.params,
    notes: result.notes,
  };
}

/** The recent list as the renderer and the menu see it: opaque handles and file names, no paths. */
export async function recentEntries(
  projects: ProjectStore,
  handles: HandleRegistry,
): Promise<{ handle: string; name: string }[]> {
  return (await projects.recent()).map((path) => ({ handle: handles.handleFor(path), name: basename(path) }));
}

/**
 * Every invoke channel as a plain function over the services: the one handler table both hosts (Electron main and
 * the browser-mode server) use. Payloads arrive already parsed (dispatch.ts). This is also the boundary where the
 * session's DatasetAccess is enforced for training: a run starts only on data the user chose.
 */
export function createInvokeHandlers(deps: HandlerDeps): InvokeHandlers {
  const { training, runModels, viewer, datasets, projects, handles, datasetAccess, projectGrants, dialogs, exercises } =
    deps;

  async function openPath(path: string, how: 'dialog' | 'recent') {
    const { name, text } = await projects.read(path);
    if (how === 'dialog') await projectGrants.openedFromDialog(path, text);
    else await projectGrants.openedFromRecent(path, text);
    await projects.addRecent(path);
    deps.onRecentChanged?.();
    return { handle: handles.handleFor(path), name, text };
  }

  return {
    'layerlab:training.start': async (request) => {
      datasetAccess.check(request.dataset);
      return startRun(request, { training, runModels });
    },
    'layerlab:training.pause': async () => training.pause(),
    'layerlab:training.resume': async () => training.resume(),
    'layerlab:training.stop': async () => training.stop(),
    'layerlab:training.exportModel': async ({ runId, name, format, includeData, includeWeights }) => {
      // Rendered before the dialog, so a run that can't be exported is refused before the user picks a folder.
      const files = await renderRunExport({
        runDir: runModels.folder(runId),
        format,
        projectName: name,
        includeData,
        includeWeights,
        access: datasetAccess,
      });
      const dir = await dialogs.chooseExportDir();
      if (!dir) return { saved: false };
      const target = join(dir, safeFileName(name));
      await writeExportFiles(target, files);
      return { saved: true, where: target };
    },

    'layerlab:views.query': ({ runId, query }) =>
      viewer.owns(runId) ? viewer.inspect(runId, query) : training.inspect(runId, query),
    'layerlab:views.open': async ({ run }) => {
      // The viewer reads the run's data only where a run could be trained on it: a file must be granted this session.
      let dataProblem: string | undefined;
      try {
        datasetAccess.check(run.request.dataset);
      } catch (error) {
        if (!(error instanceof DatasetAccessError)) throw error;
        dataProblem = `${error.message} Until then this run's samples and decision boundary can't be shown.`;
      }
      return { runId: await viewer.open(run, dataProblem === undefined ? {} : { dataProblem }) };
    },
    'layerlab:views.close': async () => viewer.close(),

    'layerlab:datasets.list': () => datasets.list(),
    'layerlab:datasets.describe': ({ ref, ...limits }) => datasets.describe(ref, limits),
    'layerlab:datasets.preview': ({ ref, perClass, ...limits }) => datasets.preview(ref, perClass, limits),
    'layerlab:datasets.importFile': async (limits) => {
      const path = await dialogs.chooseDatasetFile();
      return path ? datasets.importFile(path, undefined, limits) : null;
    },
    'layerlab:projects.open': async () => {
      const path = await dialogs.chooseProjectToOpen();
      return path ? openPath(path, 'dialog') : null;
    },
    'layerlab:projects.openRecent': async ({ handle }) => {
      const path = handles.pathFor(handle);
      if (!path) throw new UnknownHandleError();
      return openPath(path, 'recent');
    },
    'layerlab:projects.save': async ({ handle, suggestedName, text, saveAs }) => {
      let path: string | null = null;
      if (handle && !saveAs) {
        path = handles.pathFor(handle) ?? null;
        if (!path) throw new UnknownHandleError();
      } else {
        path = await dialogs.chooseSavePath(suggestedName);
        if (!path) return null;
      }
      await projects.write(path, text);
      await projectGrants.saved(path, text);
      deps.onRecentChanged?.();
      return { handle: handles.handleFor(path), name: basename(path) };
    },
    'layerlab:projects.importModel': async () => {
      const path = await dialogs.chooseModelFile();
      return path ? importModel(path) : null;
    },
    'layerlab:projects.recent': () => recentEntries(projects, handles),
    'layerlab:projects.writeAutosave': ({ text }) => projects.writeAutosave(text),
    'layerlab:projects.readAutosave': () => projects.readAutosave(),
    'layerlab:projects.clearAutosave': () => projects.clearAutosave(),
    'layerlab:files.save': async ({ suggestedName, base64 }) => {
      const path = await dialogs.chooseExportFile(safeFileName(suggestedName));
      if (!path) return { saved: false };
      await writeFileAtomic(path, Buffer.from(base64, 'base64'));
      return { saved: true, where: path };
    },

    // An exercise names a built-in data set only (zExercise), so a check reads no file the user did not choose.
    'layerlab:exercises.check': (request) => exercises.check(request),
    'layerlab:exercises.stopCheck': async () => exercises.stop(),
    'layerlab:exercises.openFile': async () => {
      const path = await dialogs.chooseExerciseFile();
      return path ? exercises.readFile(path) : null;
    },
  };
}
