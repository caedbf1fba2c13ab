import { describe, expect, it } from 'vitest';
import { COMMAND_IDS } from '../../../shared/commands/commands';
import { getTemplate } from '../../../shared/templates';
import { commandTestbed } from '../testing/command-testbed';
import { FONTS_DESCRIPTOR } from '../testing/fake-api';
import { COMMAND_HANDLERS } from './command-handlers';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function cnn() {
  const t = getTemplate('cnn')!;
  const bed = commandTestbed({ graph: t.graph, training: t.training, dataset: t.dataset });
  bed.editor.setDatasetDescriptor(FONTS_DESCRIPTOR);
  return bed;
}

describe('the command handlers', () => {
  it('cover exactly the registry', () => {
    expect(Object.keys(COMMAND_HANDLERS).sort()).toEqual([...COMMAND_IDS].sort());
  });
});

describe('CommandRunner', () => {
  it('runs a command only while it applies: undo needs history, copy a selection', () => {
    const { runner, editor } = commandTestbed();
    expect(runner.isEnabled('undo')).toBe(false);
    expect(runner.run('undo')).toBe(false);
    const node = editor.addNode('Dense', { x: 0, y: 0 })!;
    expect(runner.isEnabled('undo')).toBe(true);
    expect(runner.run('undo')).toBe(true);
    expect(editor.graph.nodes).toEqual([]);
    expect(runner.isEnabled('redo')).toBe(true);

    runner.run('redo');
    editor.clearSelection();
    expect(runner.isEnabled('copy')).toBe(false);
    expect(runner.isEnabled('delete')).toBe(false);
    editor.select([node.id]);
    expect(runner.isEnabled('copy')).toBe(true);
    runner.run('duplicate');
    expect(editor.graph.nodes).toHaveLength(2);
    runner.run('delete');
    expect(editor.graph.nodes).toHaveLength(1);
  });

  it('says what copy, paste and duplicate did, in the right number', async () => {
    const { runner, editor } = commandTestbed();
    const node = editor.addNode('Dense', { x: 0, y: 0 })!;
    editor.select([node.id]);
    runner.run('copy');
    await settle();
    expect(editor.getState().status?.text).toBe('Copied 1 layer.');
    runner.run('paste');
    await settle();
    expect(editor.getState().status?.text).toBe('Pasted 1 layer.');
    editor.selectAll();
    runner.run('duplicate');
    expect(editor.getState().status?.text).toBe('Duplicated 2 layers.');
  });

  it('walks train → pause → resume → stop, each enabled exactly when it makes sense', async () => {
    const { runner, fake } = cnn();
    const enabled = () =>
      (['train', 'pause', 'resume', 'stop', 'exportModel'] as const).filter((id) => runner.isEnabled(id));
    expect(enabled()).toEqual(['train']);
    runner.run('train');
    await settle();
    expect(fake.calls).toContain('training.start');
    fake.emit({
      type: 'started',
      backend: 'cpu',
      params: 1,
      trainSize: 10,
      valSize: 2,
      classNames: ['a', 'b'],
      epochs: 1,
      batchesPerEpoch: 1,
    });
    expect(enabled()).toEqual(['pause', 'stop']);
    runner.run('pause');
    await settle();
    expect(enabled()).toEqual(['resume', 'stop']);
    runner.run('resume');
    await settle();
    runner.run('stop');
    expect(enabled()).toEqual([]);
    fake.emit({ type: 'cancelled', epochs: 0, metrics: null });
    await settle();
    expect(enabled()).toEqual(['train', 'exportModel']);
    expect(fake.calls).toEqual(['training.start', 'training.pause', 'training.resume', 'training.stop']);
  });

  it('keeps Train off for an empty graph or one with errors', () => {
    expect(commandTestbed().runner.isEnabled('train')).toBe(false);
    const { runner, editor } = cnn();
    const dense = editor.graph.nodes.find((n) => n.kind === 'Dense')!;
    editor.updateConfig(dense.id, 'units', 0);
    expect(runner.isEnabled('train')).toBe(false);
  });

  it('reaches the dialogs, the viewport and the theme', () => {
    const bed = commandTestbed();
    bed.runner.run('new');
    expect(bed.dialogs.getState()).toEqual({ type: 'templates' });
    bed.runner.run('commandPalette');
    expect(bed.dialogs.getState()).toEqual({ type: 'commandPalette' });
    bed.runner.run('fitView');
    bed.runner.run('zoomIn');
    bed.runner.run('zoomOut');
    expect(bed.viewportCalls).toEqual(['fitView', 'zoomIn', 'zoomOut']);
    bed.runner.run('toggleTheme');
    expect(bed.themeToggles).toBe(1);
  });

  it('reports a command that fails on the status line instead of losing the error', async () => {
    const failing = { ...COMMAND_HANDLERS, open: { perform: () => Promise.reject(new Error('disk on fire')) } };
    const { runner, editor } = commandTestbed(undefined, failing);
    runner.run('open');
    await settle();
    expect(editor.getState().status).toMatchObject({ text: 'Open failed: disk on fire', tone: 'error' });
  });

  it('tells subscribers when the editor or the training session changes', async () => {
    const { runner, editor, fake } = cnn();
    let calls = 0;
    const stop = runner.subscribe(() => calls++);
    editor.selectAll();
    runner.run('train');
    await settle();
    fake.emit({
      type: 'started',
      backend: 'cpu',
      params: 1,
      trainSize: 10,
      valSize: 2,
      classNames: ['a', 'b'],
      epochs: 1,
      batchesPerEpoch: 1,
    });
    expect(calls).toBeGreaterThanOrEqual(3);
    stop();
    const before = calls;
    editor.clearSelection();
    expect(calls).toBe(before);
  });
});
