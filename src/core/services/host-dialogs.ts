/**
 * The native pickers a host offers. Electron implements them with `dialog`; the browser mode has none (the
 * browser client uploads and downloads instead), so its implementation refuses with a clear message.
 * Each returns an absolute path, or null when the user cancels.
 */
export interface HostDialogs {
  chooseProjectToOpen(): Promise<string | null>;
  chooseSavePath(suggestedName: string): Promise<string | null>;
  chooseExportDir(): Promise<string | null>;
  chooseDatasetFile(): Promise<string | null>;
  /** An exercise file (`*.layerlab-exercise.json`) to open. */
  chooseExerciseFile(): Promise<string | null>;
  /** A TF.js layers model.json or a Keras model.to_json() file, for Open model…. */
  chooseModelFile(): Promise<string | null>;
  /** Where to save a file the app made (a picture of the graph): a save dialog for that file's type. */
  chooseExportFile(suggestedName: string): Promise<string | null>;
}

/** For hosts without native dialogs: every picker fails, naming what to use instead. */
export function unavailableDialogs(hostName: string): HostDialogs {
  const refuse = (what: string, instead: string) => () =>
    Promise.reject(new Error(`${what} has no file dialog in ${hostName}: ${instead}.`));
  return {
    chooseProjectToOpen: refuse('Opening a project', 'upload the file instead'),
    chooseSavePath: refuse('Saving a project', 'it is downloaded instead'),
    chooseExportDir: refuse('Exporting a model', 'it is downloaded as a zip instead'),
    chooseDatasetFile: refuse('Importing a dataset', 'upload the file instead'),
    chooseExerciseFile: refuse('Opening an exercise', 'upload the file instead'),
    chooseModelFile: refuse('Opening a model', 'upload the file instead'),
    chooseExportFile: refuse('Saving a file', 'it is downloaded instead'),
  };
}
