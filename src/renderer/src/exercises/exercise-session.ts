import { Emitter } from '../../../shared/emitter';
import { exerciseConstraints } from '../../../shared/exercises/edit-guard';
import type { Exercise } from '../../../shared/exercises/exercise';
import { parseExerciseFile } from '../../../shared/exercises/exercise-file';
import { exerciseStartProject } from '../../../shared/exercises/exercise-project';
import type { ExerciseResult } from '../../../shared/exercises/exercise-result';
import type { CheckedSubmission, OpenExercise } from '../../../shared/exercises/open-exercise';
import { sameModel } from '../../../shared/graph/same-model';
import { CHECK_STOPPED_MESSAGE, type LayerLabApi } from '../../../shared/ipc/api';
import type { SavedRun } from '../../../shared/runs/saved-run';
import type { OpenExerciseHolder, ProjectRuns } from '../project/project-controller';
import type { EditorState, EditorStore } from '../store/editor-store';
import { CHECK_STARTING, type CheckProgress, reduceCheckProgress } from './check-progress';
import {
  type ExerciseProgress,
  type ProgressStorage,
  readProgress,
  withResult,
  writeProgress,
} from './exercise-progress';

export interface ExerciseSessionState {
  /** The exercise open in the editor, or null. */
  exercise: Exercise | null;
  /** A check under way: when it started (ms since the epoch), for the elapsed time shown. */
  checkingSince: number | null;
  /**
   * How far the running check's training got (its events); kept after it ends, beside the result, until the next
   * check, a stop or the exercise closes. Null when no check has trained.
   */
  checkProgress: CheckProgress | null;
  checked: CheckedSubmission | null;
  /** Why the last check could not be run at all (the host failed, not the student's model). */
  checkError: string | null;
  /** Every exercise's progress, as stored locally. */
  progress: ExerciseProgress;
}

/**
 * The exercise a student works on: opening one loads its starting project and puts its locks, palette and training
 * rules in force (EditorStore.setConstraints); `check` has the host train the graph under the exercise's rules and
 * judge it (the same check as `layerlab check`), and the result updates the stored progress. Loading any other
 * project closes the exercise.
 */
export class ExerciseSession implements OpenExerciseHolder {
  private state: ExerciseSessionState;
  private readonly changed = new Emitter();
  /** The editor's loadCount after the exercise's own load: any other load closes the exercise. */
  private ownLoad = -1;
  /** What closing a teacher's preview brings back: the project and its runs. */
  private returnTo: Pick<EditorState, 'doc' | 'project' | 'savedDoc'> | null = null;
  private returnRuns: { runs: SavedRun[]; dirty: boolean } | null = null;

  constructor(
    private readonly api: LayerLabApi,
    private readonly editor: EditorStore,
    private readonly storage: ProgressStorage | null,
    private readonly now: () => number = Date.now,
    /** The project's runs (the training session): an exercise starts without the previous project's runs. */
    private readonly runs: ProjectRuns | null = null,
  ) {
    this.state = {
      exercise: null,
      checkingSince: null,
      checkProgress: null,
      checked: null,
      checkError: null,
      progress: readProgress(storage),
    };
  }

  readonly getState = (): ExerciseSessionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => this.changed.on(listener);

  /**
   * Follows the editor — a project opened, made new or recovered while an exercise is open closes it — and the
   * running check's training events, for its progress.
   */
  start(): () => void {
    const unsubscribeEditor = this.editor.subscribe(() => {
      if (this.state.exercise !== null && this.editor.getState().loadCount !== this.ownLoad) this.close();
    });
    const unsubscribeCheck = this.api.exercises.onCheckEvent((event) => {
      const { checkProgress } = this.state;
      if (!this.checking || checkProgress === null) return;
      const next = reduceCheckProgress(checkProgress, event);
      if (next !== checkProgress) this.publish({ checkProgress: next });
    });
    return () => {
      unsubscribeEditor();
      unsubscribeCheck();
    };
  }

  private publish(patch: Partial<ExerciseSessionState>): void {
    this.state = { ...this.state, ...patch };
    this.changed.emit();
  }

  /**
   * Loads the exercise's starting project, with its constraints in force; the caller asked about unsaved work. A
   * teacher's preview passes `returnTo`, the project that closing the exercise brings back.
   */
  open(exercise: Exercise, options: { returnTo?: Pick<EditorState, 'doc' | 'project' | 'savedDoc'> } = {}): void {
    const { graph, training, dataset, task } = exerciseStartProject(exercise);
    this.returnTo = options.returnTo ?? null;
    this.returnRuns = null;
    if (this.returnTo && this.runs) {
      const { runsRevision, savedRunsRevision } = this.runs.getState();
      this.returnRuns = { runs: this.runs.savedRuns(), dirty: runsRevision !== savedRunsRevision };
    }
    this.ownLoad = this.editor.getState().loadCount + 1;
    this.editor.loadProject({ graph, training, dataset, task }, { handle: null, name: exercise.title });
    this.runs?.loadRuns([]);
    this.editor.setConstraints(exerciseConstraints(exercise));
    this.publish({ exercise, checkingSince: null, checkProgress: null, checked: null, checkError: null });
    const locked = exercise.lockedNodeIds?.length ?? 0;
    this.editor.setStatus(
      `Opened the exercise “${exercise.title}”.${locked > 0 ? ' Layers with a lock are part of the task and stay as they are.' : ''}`,
    );
  }

  /** The open exercise and its last check, which the autosave slot carries; null when none is open. */
  openExercise(): OpenExercise | null {
    const { exercise, checked } = this.state;
    return exercise === null ? null : { exercise, checked };
  }

  /**
   * Puts a recovered exercise back in force over the project just loaded (Recover): its locks, palette, rules and
   * instructions, and its last checklist. The project is the student's work, not the exercise's starting point.
   */
  resume(open: OpenExercise): void {
    this.returnTo = null;
    this.returnRuns = null;
    this.ownLoad = this.editor.getState().loadCount;
    this.editor.setConstraints(exerciseConstraints(open.exercise));
    this.publish({
      exercise: open.exercise,
      checkingSince: null,
      checkProgress: null,
      checked: open.checked,
      checkError: null,
    });
  }

  /** Leaves the exercise: the graph stays on the canvas, free to edit (after a preview: the teacher's project is back). */
  close(): void {
    if (this.state.exercise === null) return;
    this.editor.setConstraints(null);
    this.ownLoad = -1;
    const { returnTo, returnRuns } = this;
    this.returnTo = null;
    this.returnRuns = null;
    this.publish({ exercise: null, checkingSince: null, checkProgress: null, checked: null, checkError: null });
    if (returnTo) {
      this.editor.loadProject(returnTo.doc, returnTo.project, { dirty: returnTo.doc !== returnTo.savedDoc });
      if (returnRuns) this.runs?.loadRuns(returnRuns.runs, { dirty: returnRuns.dirty });
    }
  }

  /**
   * Reads an exercise file the user picks (native dialog or upload); the status line names what is wrong with a bad
   * one. Null when cancelled or unreadable.
   */
  async pickFile(): Promise<Exercise | null> {
    let picked: { name: string; text: string } | null;
    try {
      picked = await this.api.exercises.openFile();
    } catch (e) {
      this.editor.setStatus(`Could not open the exercise: ${errorText(e)}`, 'error');
      return null;
    }
    if (!picked) return null;
    const parsed = parseExerciseFile(picked.text);
    if (!parsed.ok) {
      this.editor.setStatus(`Could not open ${picked.name}: ${parsed.error}`, 'error');
      return null;
    }
    return parsed.exercise;
  }

  get checking(): boolean {
    return this.state.checkingSince !== null;
  }

  /**
   * Checks the graph and settings on the canvas: the host retrains them from scratch under the exercise's rules in
   * the training process and judges the run. The result and the stored progress update when it ends.
   */
  async check(): Promise<ExerciseResult | null> {
    const { exercise } = this.state;
    if (exercise === null || this.checking) return null;
    const { graph, training } = this.editor.getState().doc;
    this.publish({ checkingSince: this.now(), checkProgress: CHECK_STARTING, checkError: null });
    let result: ExerciseResult;
    try {
      result = await this.api.exercises.check({ exercise, submission: { graph, training } });
    } catch (e) {
      if (this.state.exercise !== exercise) return null;
      // Electron wraps a handler's error in its own words; the stop is recognised by its sentence.
      const stopped = errorText(e).includes(CHECK_STOPPED_MESSAGE);
      this.publish({ checkingSince: null, checkProgress: null, checkError: stopped ? null : errorText(e) });
      if (stopped) this.editor.setStatus('Stopped the check.');
      return null;
    }
    const progress = withResult(this.state.progress, result);
    writeProgress(this.storage, progress);
    // The student may have closed the exercise or opened another while it trained: the progress still counts.
    if (this.state.exercise !== exercise) {
      this.publish({ progress });
      return result;
    }
    // A check refused before training (a graph error, over the budget) has no progress to keep.
    const trained = this.state.checkProgress?.epochs != null ? this.state.checkProgress : null;
    this.publish({ progress, checkingSince: null, checkProgress: trained, checked: { result, graph, training } });
    this.editor.setStatus(
      result.passed
        ? `Passed “${exercise.title}”: ${result.score} of ${result.maxScore} points.`
        : `Not passed yet: ${result.score} of ${result.maxScore} points. The checklist says what is missing.`,
      result.passed ? 'info' : 'error',
    );
    return result;
  }

  /** Stops the running check (its training process ends); `check` then resolves to null. */
  async stopCheck(): Promise<void> {
    if (this.checking) await this.api.exercises.stopCheck();
  }

  /** Whether the graph or settings on the canvas differ from what the last check judged. */
  isStale(): boolean {
    const { checked } = this.state;
    if (checked === null) return false;
    const { graph, training } = this.editor.getState().doc;
    return !sameModel(checked.graph, graph) || JSON.stringify(checked.training) !== JSON.stringify(training);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
