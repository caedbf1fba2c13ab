import { CommandRunner } from '../commands/command-runner';
import type { CommandHandlers, Viewport } from '../commands/command-context';
import { ExerciseSession } from '../exercises/exercise-session';
import { ProjectController } from '../project/project-controller';
import { EditorStore, type ProjectDoc } from '../store/editor-store';
import { TrainingSessionStore } from '../training/training-session';
import { DialogStore } from '../ui/dialog-store';
import { PanelStore } from '../ui/panel-store';
import { createFakeApi } from './fake-api';
import { FakeClipboard } from './fake-clipboard';

/**
 * A command runner over real stores and a fake host, viewport, theme and clipboard, for driving commands headlessly
 * the way the menu, the keyboard and the buttons do. `viewportCalls` and `themeToggles` record what reached the view.
 */
export function commandTestbed(doc?: Partial<ProjectDoc>, handlers?: CommandHandlers) {
  const fake = createFakeApi();
  const editor = new EditorStore(doc);
  const training = new TrainingSessionStore(fake.api);
  const dialogs = new DialogStore();
  const exercises = new ExerciseSession(fake.api, editor, null, Date.now, training);
  exercises.start();
  const projects = new ProjectController(
    fake.api,
    editor,
    dialogs.confirm,
    training,
    (problem) => dialogs.open({ type: 'message', ...problem }),
    exercises,
  );
  const clipboard = new FakeClipboard();
  const viewportCalls: string[] = [];
  const viewport: Viewport = {
    fit: () => void viewportCalls.push('fitView'),
    zoomIn: async () => viewportCalls.push('zoomIn'),
    zoomOut: async () => viewportCalls.push('zoomOut'),
    reveal: (id) => void viewportCalls.push(`reveal ${id}`),
  };
  let themeToggles = 0;
  const theme = { toggle: () => void themeToggles++ };
  const panels = new PanelStore(null);
  const context = { api: fake.api, editor, training, projects, dialogs, theme, viewport, clipboard, panels, exercises };
  const runner = new CommandRunner(context, handlers);
  return {
    runner,
    fake,
    editor,
    training,
    dialogs,
    clipboard,
    panels,
    exercises,
    viewportCalls,
    get themeToggles() {
      return themeToggles;
    },
  };
}
