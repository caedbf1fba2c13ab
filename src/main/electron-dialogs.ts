import { extname } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import type { HostDialogs } from '../core/services/host-dialogs';
import { DATA_FILE_EXTENSIONS } from '../shared/training/importers';

const PROJECT_FILTERS = [{ name: 'LayerLab project', extensions: ['json'] }];
const EXERCISE_FILTERS = [{ name: 'LayerLab exercise', extensions: ['json'] }];
const DATA_FILTERS = [
  { name: 'Data sets', extensions: [...DATA_FILE_EXTENSIONS] },
  { name: 'All files', extensions: ['*'] },
];

/** Native pickers attached to the window, so they are modal to it. */
export function electronDialogs(getWindow: () => BrowserWindow | null): HostDialogs {
  const parent = () => getWindow() ?? undefined;
  const open = async (options: Electron.OpenDialogOptions) => {
    const window = parent();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  };
  return {
    chooseProjectToOpen: () => open({ title: 'Open project', filters: PROJECT_FILTERS, properties: ['openFile'] }),
    chooseExerciseFile: () => open({ title: 'Open exercise', filters: EXERCISE_FILTERS, properties: ['openFile'] }),
    async chooseSavePath(suggestedName) {
      const options: Electron.SaveDialogOptions = {
        title: 'Save project',
        defaultPath: suggestedName.endsWith('.layerlab.json') ? suggestedName : `${suggestedName}.layerlab.json`,
        filters: PROJECT_FILTERS,
      };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    chooseExportDir: () =>
      open({
        title: 'Export model to folder',
        buttonLabel: 'Export here',
        properties: ['openDirectory', 'createDirectory'],
      }),
    async chooseExportFile(suggestedName) {
      const extension = extname(suggestedName).slice(1);
      const options: Electron.SaveDialogOptions = {
        title: 'Save',
        defaultPath: suggestedName,
        filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
      };
      const window = parent();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    // A folder of class sub-folders is a data set too, so both are allowed.
    chooseDatasetFile: () =>
      open({ title: 'Import data set', filters: DATA_FILTERS, properties: ['openFile', 'openDirectory'] }),
    chooseModelFile: () =>
      open({
        title: 'Open model (TensorFlow.js or Keras model.json)',
        filters: [{ name: 'Model JSON', extensions: ['json'] }],
        properties: ['openFile'],
      }),
  };
}
