import type { ImportedModel, LayerLabApi, OpenedProject } from '../../../shared/ipc/api';
import {
  parseProjectFile,
  serializeProject,
  unknownTopLevelFields,
  zProjectFile,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  type ProjectFile,
} from '../../../shared/graph/project-file';
import { readProjectWeights, type ProjectWeights } from '../../../shared/graph/project-weights';
import {
  droppedUnknownFields,
  findUnknownFields,
  listUnknownFields,
  type UnknownField,
} from '../../../shared/graph/unknown-fields';
import {
  OPEN_EXERCISE_FIELD,
  openExerciseRecord,
  readOpenExercise,
  type OpenExercise,
} from '../../../shared/exercises/open-exercise';
import type { SavedRun } from '../../../shared/runs/saved-run';
import { getTemplate } from '../../../shared/templates';
import { projectDoc, UNTITLED, type EditorStore, type ProjectDoc } from '../store/editor-store';

/**
 * The project's runs as the training session keeps them (TrainingSessionStore), and the weights its model was
 * imported with: saved and opened with the project.
 */
export interface ProjectRuns {
  savedRuns(): SavedRun[];
  loadRuns(runs: readonly SavedRun[], options?: { dirty?: boolean }): void;
  markRunsSaved(revision?: number): void;
  setImportedWeights(weights: ProjectWeights | null): void;
  getState(): { runsRevision: number; savedRunsRevision: number; importedWeights: ProjectWeights | null };
  subscribe(listener: () => void): () => void;
}

/**
 * The exercise open over the project (ExerciseSession): the autosave slot carries it, and Recover puts it back in
 * force over the recovered project.
 */
export interface OpenExerciseHolder {
  openExercise(): OpenExercise | null;
  resume(open: OpenExercise): void;
  subscribe(listener: () => void): () => void;
}

/**
 * Work found in the autosave slot: the project, its runs and its imported weights, and the exercise that was open
 * (`exercise`), or why it could not be read back (`exerciseProblem`).
 */
export type Recovery = ProjectDoc & {
  runs: SavedRun[];
  weights: ProjectWeights | null;
  exercise: OpenExercise | null;
  exerciseProblem?: string;
};

/** Asks the user a yes/no question; resolves true to go ahead. */
export type ConfirmFn = (question: { title: string; message: string; confirmLabel: string }) => Promise<boolean>;

/** Quiet time after the last edit before the autosave slot is written, in milliseconds. */
export const AUTOSAVE_DELAY_MS = 1500;

const EXTENSION = '.layerlab.json';

/** The project file of `doc`, `runs` and imported `weights`, with the opened file's fields this version does not know. */
export function projectFile(
  doc: ProjectDoc,
  runs: readonly SavedRun[] = [],
  weights: ProjectWeights | null = null,
): ProjectFile {
  return {
    ...doc.unknownFields,
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    graph: doc.graph,
    training: doc.training,
    dataset: doc.dataset,
    task: doc.task,
    ...(weights ? { weights } : {}),
    ...(runs.length > 0 ? { runs: [...runs] } : {}),
  };
}

export function projectText(
  doc: ProjectDoc,
  runs: readonly SavedRun[] = [],
  weights: ProjectWeights | null = null,
): string {
  return serializeProject(projectFile(doc, runs, weights));
}

/** The doc a parsed project opens as: its graph, settings, data, task, and the fields this version does not know. */
function docOf(project: ProjectFile): ProjectDoc {
  const { graph, training, dataset, task } = project;
  const unknownFields = unknownTopLevelFields(project);
  return { graph, training, dataset, task, ...(Object.keys(unknownFields).length > 0 ? { unknownFields } : {}) };
}

function displayName(name: string): string {
  return name.endsWith(EXTENSION) ? name.slice(0, -EXTENSION.length) : name.replace(/\.json$/, '');
}

/**
 * New / Open / Save / Save as / recent files / autosave and recovery, all through LayerLabApi.projects. Toolbar,
 * keyboard shortcuts and native menu commands call the same methods.
 */
export class ProjectController {
  private autosaveTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The fields of the opened (or last saved) file this version does not know: kept by every edit; should a save be
   * about to lose one whose object is still there, it asks first, naming them.
   */
  private unknownInFile: UnknownField[] = [];

  constructor(
    private readonly api: LayerLabApi,
    private readonly editor: EditorStore,
    private readonly confirm: ConfirmFn,
    private readonly runs: ProjectRuns,
    /** Shows a problem too long for the status line (every unsupported layer of a model), e.g. in a dialog. */
    private readonly showProblem: (problem: { title: string; message: string }) => void = () => {},
    /** The open exercise, autosaved with the project and recovered with it; none in tests that have no exercises. */
    private readonly exercises: OpenExerciseHolder | null = null,
  ) {}

  /** The graph, settings or runs differ from the file (or there is no file yet for an edited project). */
  get dirty(): boolean {
    const { runsRevision, savedRunsRevision } = this.runs.getState();
    return this.editor.dirty || runsRevision !== savedRunsRevision;
  }

  /** The autosave slot's text: the project file, and the open exercise beside it. */
  private autosaveText(): string {
    const file = projectFile(this.editor.getState().doc, this.runs.savedRuns(), this.runs.getState().importedWeights);
    const open = this.exercises?.openExercise() ?? null;
    if (open === null) return serializeProject(file);
    const beside = { [OPEN_EXERCISE_FIELD]: openExerciseRecord(open) };
    return serializeProject({ ...file, ...beside });
  }

  /** True when it is fine to replace the current project (nothing unsaved, or the user agreed to discard it). */
  async confirmDiscard(action: string): Promise<boolean> {
    if (!this.dirty) return true;
    return this.confirm({
      title: 'Discard unsaved changes?',
      message: `“${this.editor.getState().project.name}” has changes that are not saved. ${action} anyway and lose them?`,
      confirmLabel: 'Discard changes',
    });
  }

  /** Starts a new project from a template, or an empty one with `null`. */
  async newProject(templateId: string | null): Promise<boolean> {
    if (!(await this.confirmDiscard('Start a new project'))) return false;
    this.unknownInFile = [];
    if (templateId === null) {
      this.editor.loadProject(projectDoc(), { handle: null, name: UNTITLED });
      this.runs.loadRuns([]);
      this.runs.setImportedWeights(null);
      return true;
    }
    const template = getTemplate(templateId);
    if (!template) {
      this.editor.setStatus(`There is no template “${templateId}”.`, 'error');
      return false;
    }
    const { graph, training, dataset, task } = template;
    this.editor.loadProject({ graph, training, dataset, task }, { handle: null, name: template.name });
    this.runs.loadRuns([]);
    this.runs.setImportedWeights(null);
    this.editor.setStatus(`New project from the “${template.name}” template.`);
    return true;
  }

  async open(): Promise<boolean> {
    if (!(await this.confirmDiscard('Open another project'))) return false;
    return this.load(() => this.api.projects.open());
  }

  async openRecent(handle: string): Promise<boolean> {
    if (!(await this.confirmDiscard('Open another project'))) return false;
    return this.load(() => this.api.projects.openRecent(handle));
  }

  /**
   * Open model…: a TF.js or Keras model.json as a new, unsaved project (Save asks where). A model that can't be
   * imported leaves the current project as it was and shows the host's message, which names every unsupported layer.
   */
  async importModel(): Promise<boolean> {
    if (!(await this.confirmDiscard('Open a model'))) return false;
    let imported: ImportedModel | null;
    try {
      imported = await this.api.projects.importModel();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.editor.setStatus(`Could not open the model: ${message.split('\n')[0]}`, 'error');
      this.showProblem({ title: 'Could not open the model', message });
      return false;
    }
    if (!imported) return false;
    const parsed = parseProjectFile(imported.text);
    if (!parsed.ok) {
      this.editor.setStatus(`Could not open ${imported.name}: ${parsed.error}`, 'error');
      return false;
    }
    const { graph, training, dataset, task } = parsed.project;
    this.unknownInFile = [];
    this.editor.loadProject(
      { graph, training, dataset, task },
      { handle: null, name: displayName(imported.name) },
      { dirty: true },
    );
    this.runs.loadRuns([]);
    this.runs.setImportedWeights(readProjectWeights(parsed.project.weights));
    const layers = `${imported.layers} layer${imported.layers === 1 ? '' : 's'}`;
    this.editor.setStatus(
      `Opened ${imported.name} as a new project: ${layers}, ${imported.params.toLocaleString('en-US')} parameters` +
        `${imported.notes.length > 0 ? ` (${imported.notes.join('; ')})` : ''}.`,
    );
    return true;
  }

  private async load(read: () => Promise<OpenedProject | null>): Promise<boolean> {
    let opened: OpenedProject | null;
    try {
      opened = await read();
    } catch (e) {
      this.editor.setStatus(`Could not open the project: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return false;
    }
    if (!opened) return false;
    const parsed = parseProjectFile(opened.text);
    if (!parsed.ok) {
      this.editor.setStatus(`Could not open ${opened.name}: ${parsed.error}`, 'error');
      return false;
    }
    this.unknownInFile = findUnknownFields(parsed.project, zProjectFile);
    this.editor.loadProject(docOf(parsed.project), { handle: opened.handle, name: displayName(opened.name) });
    this.runs.loadRuns(parsed.project.runs ?? []);
    this.runs.setImportedWeights(readProjectWeights(parsed.project.weights));
    this.editor.setStatus(
      parsed.migratedFrom !== undefined
        ? `Opened ${opened.name} (upgraded from format version ${parsed.migratedFrom}; saving writes the new version).`
        : `Opened ${opened.name}.`,
    );
    return true;
  }

  async save(saveAs = false): Promise<boolean> {
    const state = this.editor.getState();
    const doc = state.doc;
    const runsRevision = this.runs.getState().runsRevision;
    const file = projectFile(doc, this.runs.savedRuns(), this.runs.getState().importedWeights);
    const dropped = droppedUnknownFields(this.unknownInFile, file);
    if (dropped.length > 0) {
      const go = await this.confirm({
        title: 'Save without fields LayerLab does not know?',
        message:
          `The file has fields this version of LayerLab does not know and cannot keep: ${listUnknownFields(dropped)}. ` +
          'Save without them?',
        confirmLabel: 'Save without them',
      });
      if (!go) {
        this.editor.setStatus('Not saved: the file keeps the fields this version does not know.');
        return false;
      }
    }
    try {
      const result = await this.api.projects.save({
        handle: saveAs ? null : state.project.handle,
        suggestedName: `${state.project.name || UNTITLED}${EXTENSION}`,
        text: serializeProject(file),
        saveAs,
      });
      if (!result) return false;
      this.unknownInFile = findUnknownFields(file, zProjectFile);
      this.editor.markSaved({ handle: result.handle, name: displayName(result.name) }, doc);
      this.runs.markRunsSaved(runsRevision);
      this.editor.setStatus(`Saved ${result.name}.`);
      if (!this.dirty) await this.api.projects.clearAutosave().catch(() => undefined);
      return true;
    } catch (e) {
      this.editor.setStatus(`Could not save: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return false;
    }
  }

  recent(): Promise<{ handle: string; name: string }[]> {
    return this.api.projects.recent().catch(() => []);
  }

  /**
   * Writes the autosave slot a moment after edits stop, and empties it once everything is saved, so a crash
   * loses at most the last second and a half of work. Returns the unsubscribe function.
   */
  startAutosave(delayMs = AUTOSAVE_DELAY_MS): () => void {
    const snapshot = () => {
      const open = this.exercises?.openExercise() ?? null;
      return [this.editor.getState().doc, this.runs.getState().runsRevision, open?.exercise, open?.checked] as const;
    };
    let last = snapshot();
    const onChange = () => {
      const now = snapshot();
      if (now.every((part, i) => part === last[i])) return;
      last = now;
      if (this.autosaveTimer) clearTimeout(this.autosaveTimer);
      this.autosaveTimer = setTimeout(() => {
        this.autosaveTimer = null;
        const write = this.dirty
          ? this.api.projects.writeAutosave(this.autosaveText())
          : this.api.projects.clearAutosave();
        write.catch((e: unknown) =>
          this.editor.setStatus(`Autosave failed: ${e instanceof Error ? e.message : String(e)}`, 'error'),
        );
      }, delayMs);
    };
    const unsubscribeEditor = this.editor.subscribe(onChange);
    const unsubscribeRuns = this.runs.subscribe(onChange);
    const unsubscribeExercises = this.exercises?.subscribe(onChange);
    return () => {
      unsubscribeEditor();
      unsubscribeRuns();
      unsubscribeExercises?.();
      if (this.autosaveTimer) clearTimeout(this.autosaveTimer);
      this.autosaveTimer = null;
    };
  }

  /** Work an earlier session left in the autosave slot (it crashed or was closed unsaved), if it can be read. */
  async findRecovery(): Promise<Recovery | null> {
    try {
      const text = await this.api.projects.readAutosave();
      if (!text) return null;
      const parsed = parseProjectFile(text);
      if (!parsed.ok) return null;
      const { [OPEN_EXERCISE_FIELD]: openField, ...project } = parsed.project as ProjectFile & Record<string, unknown>;
      const open = openField === undefined ? null : readOpenExercise(openField);
      return {
        ...docOf(project as ProjectFile),
        runs: parsed.project.runs ?? [],
        weights: readProjectWeights(parsed.project.weights),
        exercise: open?.ok ? open.open : null,
        ...(open && !open.ok ? { exerciseProblem: open.error } : {}),
      };
    } catch {
      return null;
    }
  }

  recover(recovery: Recovery): void {
    const { runs, weights, exercise, exerciseProblem, ...doc } = recovery;
    this.unknownInFile = findUnknownFields(projectFile(doc, runs, weights), zProjectFile);
    this.editor.loadProject(doc, { handle: null, name: 'Recovered project' }, { dirty: true });
    this.runs.loadRuns(runs, { dirty: true });
    this.runs.setImportedWeights(weights);
    if (exercise && this.exercises) this.exercises.resume(exercise);
    this.editor.setStatus(
      exercise && this.exercises
        ? `Recovered the unsaved work of your last session in the exercise “${exercise.exercise.title}”. Save it to keep it.`
        : exerciseProblem !== undefined
          ? `Recovered the unsaved work of your last session, without the exercise that was open (${exerciseProblem}). Save it to keep it.`
          : 'Recovered the unsaved work of your last session. Save it to keep it.',
      exerciseProblem !== undefined ? 'error' : 'info',
    );
  }

  async discardRecovery(): Promise<void> {
    await this.api.projects.clearAutosave().catch(() => undefined);
  }
}
