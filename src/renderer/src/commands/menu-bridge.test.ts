import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../shared/templates';
import type { CommandId } from '../../../shared/commands/commands';
import type { MenuCommand } from '../../../shared/ipc/api';
import { listenToMenu } from './menu-bridge';
import { ProjectController, projectText } from '../project/project-controller';
import { EditorStore } from '../store/editor-store';
import { createFakeApi } from '../testing/fake-api';
import { TrainingSessionStore } from '../training/training-session';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(answer: boolean) {
  const fake = createFakeApi();
  const editor = new EditorStore();
  const questions: string[] = [];
  const projects = new ProjectController(
    fake.api,
    editor,
    async (q) => {
      questions.push(q.title);
      return answer;
    },
    new TrainingSessionStore(fake.api),
  );
  const ran: CommandId[] = [];
  const stop = listenToMenu(fake.api, {
    run: (command) => ran.push(command),
    openRecent: (handle) => void projects.openRecent(handle),
    reportError: (message) => editor.setStatus(message, 'error'),
  });
  const cnn = getTemplate('cnn')!;
  fake.files.set(
    'cnn.layerlab.json',
    projectText({ graph: cnn.graph, training: cnn.training, dataset: cnn.dataset, task: cnn.task }),
  );
  return { fake, editor, questions, ran, stop, cnn };
}

describe('listenToMenu', () => {
  it('opens the recent file the menu names, asking first when there are unsaved changes', async () => {
    const { fake, editor, questions, ran, cnn } = setup(true);
    editor.loadProject(
      { ...editor.getState().doc, graph: getTemplate('xor-mlp')!.graph },
      { handle: null, name: 'mine' },
      { dirty: true },
    );
    fake.menu('openRecent', { handle: 'cnn.layerlab.json' });
    await settle();
    expect(questions).toEqual(['Discard unsaved changes?']);
    expect(editor.graph).toEqual(cnn.graph);
    expect(editor.getState().project).toMatchObject({ handle: 'cnn.layerlab.json', name: 'cnn' });
    expect(ran).toEqual([]);
  });

  it('keeps the unsaved project when the user declines', async () => {
    const { fake, editor, questions } = setup(false);
    const mine = getTemplate('xor-mlp')!.graph;
    editor.loadProject({ ...editor.getState().doc, graph: mine }, { handle: null, name: 'mine' }, { dirty: true });
    fake.menu('openRecent', { handle: 'cnn.layerlab.json' });
    await settle();
    expect(questions).toHaveLength(1);
    expect(editor.graph).toEqual(mine);
    expect(editor.getState().project.name).toBe('mine');
  });

  it('reports an openRecent without a file instead of doing nothing, and routes plain commands to run', async () => {
    const { fake, editor, ran, stop } = setup(true);
    fake.menu('openRecent');
    expect(editor.getState().status).toMatchObject({ tone: 'error' });
    expect(editor.getState().status!.text).toMatch(/which file/);
    fake.menu('save');
    fake.menu('zoomIn');
    expect(ran).toEqual(['save', 'zoomIn']);
    stop();
    fake.menu('undo');
    expect(ran).toEqual(['save', 'zoomIn']);
  });

  it('reports a command it does not know (an older or newer host) instead of running nothing silently', () => {
    const { fake, editor, ran } = setup(true);
    fake.menu('formatDisk' as MenuCommand);
    expect(ran).toEqual([]);
    expect(editor.getState().status).toMatchObject({ tone: 'error' });
    expect(editor.getState().status!.text).toMatch(/does not know \("formatDisk"\)/);
  });
});
