import type { CommandId } from '../../../shared/commands/commands';
import type { LayerLabApi } from '../../../shared/ipc/api';
import type { ExerciseSession } from '../exercises/exercise-session';
import type { ProjectController } from '../project/project-controller';
import type { EditorStore } from '../store/editor-store';
import type { TextClipboard } from '../store/system-clipboard';
import type { TrainingSessionStore } from '../training/training-session';
import type { DialogStore } from '../ui/dialog-store';
import type { PanelStore } from '../ui/panel-store';

/** The canvas's camera (canvas/canvas-viewport.ts over React Flow; tests pass a fake). */
export interface Viewport {
  /**
   * Shows the whole graph as large as fits, but never below a legible zoom: a graph too large for that is shown from
   * its start (see fit-view.ts).
   */
  fit(options?: { duration?: number }): void;
  zoomIn(options: { duration?: number }): Promise<unknown>;
  zoomOut(options: { duration?: number }): Promise<unknown>;
  /** Pans, at the same zoom, until the card is in view; nothing when it already is. */
  reveal(nodeId: string): void;
}

/** Everything a command may act on: the app's stores and services, injected. */
export interface CommandContext {
  api: LayerLabApi;
  editor: EditorStore;
  training: TrainingSessionStore;
  projects: ProjectController;
  dialogs: DialogStore;
  theme: { toggle(): void };
  viewport: Viewport;
  /** The system clipboard, or null where the page may not use it. */
  clipboard: TextClipboard | null;
  /** The workspace's resizable, collapsible panels. */
  panels: PanelStore;
  /** The open exercise, its checks and the stored progress. */
  exercises: ExerciseSession;
}

/** What a command does, and when it can. */
export interface CommandHandler {
  /** A returned promise that rejects is reported on the status line. */
  perform(context: CommandContext): void | Promise<unknown>;
  /**
   * Whether the command applies now (default: always). Reads only the editor, training and exercise stores, whose
   * changes the runner forwards, so buttons and the command palette stay current.
   */
  enabled?(context: CommandContext): boolean;
}

/** What the commands do, by id. The area files each hold some (`satisfies Partial<…>`: a misspelt id does not compile). */
export type CommandHandlers = Record<CommandId, CommandHandler>;
