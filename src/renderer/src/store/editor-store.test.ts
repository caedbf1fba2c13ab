import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../shared/templates';
import { TestEditor } from './test-editor';

describe('editor store (driven headlessly)', () => {
  it('builds a chain by pressing palette kinds, wiring each after the previous one', () => {
    const ed = new TestEditor();
    const [input, flatten, dense] = ed.chain('Input', 'Flatten', 'Dense');
    expect(ed.wiring).toEqual([`${flatten}->${dense}`, `${input}->${flatten}`].sort());
    expect(ed.shapeOf(flatten)).toEqual([36 * 36]);
    expect(ed.selection).toEqual([dense]);
  });

  it('inserts after the selected node and takes over its outgoing connections', () => {
    const ed = new TestEditor();
    const [input, flatten, dense] = ed.chain('Input', 'Flatten', 'Dense');
    ed.select(flatten);
    const dropout = ed.press('Dropout');
    expect(ed.wiring).toEqual([`${input}->${flatten}`, `${flatten}->${dropout}`, `${dropout}->${dense}`].sort());
    // The inserted node sits one row under its anchor and the rest moved down to make room.
    expect(ed.node(dropout).position.y).toBeGreaterThan(ed.node(flatten).position.y);
    expect(ed.node(dense).position.y).toBeGreaterThan(ed.node(dropout).position.y);
  });

  it('refuses a second input into a single-input layer and cycles, with a reason, without changing the graph', () => {
    const ed = new TestEditor();
    const [input, flatten, dense] = ed.chain('Input', 'Flatten', 'Dense');
    const other = ed.drop('Input', 300, 0);
    const before = ed.graph;

    const second = ed.connect(other, flatten);
    expect(second.ok).toBe(false);
    expect(!second.ok && second.reason).toMatch(/single input/);

    const cycle = ed.connect(dense, flatten);
    expect(cycle.ok).toBe(false);
    expect(!cycle.ok && cycle.reason).toMatch(/cycle/);

    const intoInput = ed.connect(flatten, input);
    expect(!intoInput.ok && intoInput.reason).toMatch(/takes no inputs/);

    expect(ed.graph).toBe(before);
    expect(ed.store.getState().status?.tone).toBe('error');
  });

  it('lets merge layers take several inputs, numbering their slots in order', () => {
    const ed = new TestEditor();
    const input = ed.drop('Input', 0, 0);
    ed.setConfig(input, 'shape', [8]);
    const a = ed.drop('Dense', -100, 100);
    const b = ed.drop('Dense', 100, 100);
    const concat = ed.drop('Concatenate', 0, 200);
    expect(ed.connect(input, a).ok).toBe(true);
    expect(ed.connect(input, b).ok).toBe(true);
    expect(ed.connect(a, concat).ok).toBe(true);
    expect(ed.connect(b, concat).ok).toBe(true);
    expect(ed.graph.edges.filter((e) => e.target === concat).map((e) => e.targetPort)).toEqual([0, 1]);
    const units = ed.node(a).config.units as number;
    expect(ed.shapeOf(concat)).toEqual([units * 2]);
  });

  it('deletes the selection (bridging a removed middle layer) and undo/redo restore it exactly', () => {
    const ed = new TestEditor();
    const [input, dropout, dense] = ed.chain('Input', 'Dropout', 'Dense');
    const before = ed.graph;
    ed.select(dropout).deleteSelection();
    expect(ed.graph.nodes.map((n) => n.id)).toEqual([input, dense]);
    expect(ed.wiring).toEqual([`${input}->${dense}`]);
    ed.undo();
    expect(ed.graph).toBe(before);
    ed.redo();
    expect(ed.wiring).toEqual([`${input}->${dense}`]);
  });

  it('counts a whole drag as one edit and keeps the graph untouched until the drop', () => {
    const ed = new TestEditor();
    const [a, b] = ed.chain('Input', 'Flatten');
    const start = ed.node(a).position;
    const before = ed.graph;
    ed.store.dragNodes(new Map([[a, { x: 50, y: 50 }]]));
    expect(ed.graph).toBe(before);
    ed.store.endDrag();
    ed.drag([a, b], 100, 40);
    expect(ed.node(a).position).toEqual({ x: 150, y: 90 });
    ed.undo();
    expect(ed.node(a).position).toEqual({ x: 50, y: 50 });
    ed.undo();
    expect(ed.node(a).position).toEqual(start);
    expect(ed.store.getState().dragPositions).toBeNull();
  });

  it('copies and pastes the selected layers with fresh ids, their inner edges, offset, and selects the copies', () => {
    const ed = new TestEditor();
    const [input, flatten, dense] = ed.chain('Input', 'Flatten', 'Dense');
    ed.select(flatten, dense).copy().paste();
    const copies = ed.selection;
    expect(copies).toHaveLength(2);
    expect(copies.some((id) => [input, flatten, dense].includes(id))).toBe(false);
    const [fCopy, dCopy] = copies.map((id) => ed.node(id));
    expect(fCopy.kind).toBe('Flatten');
    expect(dCopy.kind).toBe('Dense');
    // Beside the originals (a card is 200 wide before it is measured), not on top of them.
    expect(fCopy.position.x).toBe(ed.node(flatten).position.x + 240);
    expect(fCopy.position.y).toBe(ed.node(flatten).position.y);
    expect(ed.wiring).toContain(`${fCopy.id}->${dCopy.id}`);
    // The edge into the copied group from outside is not copied.
    expect(ed.graph.edges.filter((e) => e.target === fCopy.id)).toHaveLength(0);
    ed.undo();
    expect(ed.graph.nodes).toHaveLength(3);
  });

  it('clears an error on the status line once a later edit succeeds, but keeps information', () => {
    const ed = new TestEditor();
    const [input, dense] = ed.chain('Input', 'Dense');
    expect(ed.connect(dense, input).ok).toBe(false);
    expect(ed.store.getState().status?.tone).toBe('error');
    ed.setConfig(dense, 'units', 3);
    expect(ed.store.getState().status).toBeNull();
    ed.store.setStatus('Saved x.');
    ed.setConfig(dense, 'units', 4);
    expect(ed.store.getState().status?.text).toBe('Saved x.');
  });

  it('applies a one-click fix (Insert Flatten) as one undoable edit', () => {
    const ed = new TestEditor();
    const [, conv, dense] = ed.chain('Input', 'Conv2D', 'Dense');
    ed.setConfig(dense, 'units', 5);
    ed.store.setDatasetDescriptor({
      id: 'fonts',
      name: 'Fonts',
      description: '',
      inputShape: [36, 36, 1],
      classNames: ['a', 'b', 'c', 'd', 'e'],
      countsPerClass: [1, 1, 1, 1, 1],
      splits: { train: 5, validation: 0, test: 0 },
      valueRange: [0, 1],
      source: 'test',
    });
    const problem = ed.problems.find((p) => p.fix?.type === 'insert-flatten');
    expect(problem, ed.problems.map((p) => p.message).join('\n')).toBeDefined();
    const before = ed.graph;
    ed.store.applyFix(problem!);
    const flatten = ed.idsOf('Flatten')[0];
    expect(flatten).toBeDefined();
    expect(ed.wiring).toContain(`${conv}->${flatten}`);
    // The inserted layer gets its own row instead of covering its neighbours.
    expect(ed.node(flatten).position.y - ed.node(conv).position.y).toBeGreaterThanOrEqual(100);
    expect(ed.node(dense).position.y - ed.node(flatten).position.y).toBeGreaterThanOrEqual(100);
    expect(ed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    ed.undo();
    expect(ed.graph).toBe(before);
  });

  it('merges keystrokes in one field into one undo step, and tracks unsaved changes by identity', () => {
    const ed = new TestEditor({ graph: getTemplate('cnn')!.graph });
    expect(ed.store.dirty).toBe(false);
    const dense = ed.idsOf('Dense')[0];
    ed.setConfig(dense, 'units', 3)
      .setConfig(dense, 'units', 32 + 1)
      .setConfig(dense, 'units', 64);
    expect(ed.store.dirty).toBe(true);
    ed.undo();
    expect(ed.node(dense).config.units).toBe(32);
    expect(ed.store.dirty).toBe(false);
  });

  it('records no undo step for an edit that changes nothing', () => {
    const ed = new TestEditor();
    ed.chain('Input', 'Dense');
    ed.undo(2);
    ed.redo(2);
    ed.select('gone').deleteSelection();
    ed.drag([ed.idsOf('Input')[0]], 0, 0);
    ed.undo();
    expect(ed.idsOf('Dense')).toEqual([]);
  });

  it('keeps view state (selection, drag) out of the saved doc and of undo', () => {
    const ed = new TestEditor();
    const [a] = ed.chain('Input');
    const doc = ed.store.getState().doc;
    ed.select(a);
    ed.store.clearSelection();
    expect(ed.store.getState().doc).toBe(doc);
    expect(ed.store.getState().canRedo).toBe(false);
  });
});

describe('analysis context', () => {
  const fonts = {
    id: 'fonts',
    name: 'Fonts',
    description: '',
    inputShape: [36, 36, 1],
    classNames: ['a', 'b', 'c', 'd', 'e'],
    countsPerClass: [1, 1, 1, 1, 1],
    splits: { train: 5, validation: 0, test: 0 },
    valueRange: [0, 1] as [number, number],
    source: 'test',
  };

  it('checks every course template and the autoencoders against the fonts data without errors', () => {
    for (const id of [
      'logistic-regression',
      'feed-forward',
      'cnn',
      'autoencoder',
      'denoising-autoencoder',
      'maxout-mlp',
    ]) {
      const t = getTemplate(id)!;
      const ed = new TestEditor({ graph: t.graph, training: t.training, dataset: t.dataset });
      ed.store.setDatasetDescriptor(fonts);
      expect(
        ed.problems.filter((p) => p.severity === 'error'),
        id,
      ).toEqual([]);
    }
  });

  it('reads a mean-squared-error classifier as a classifier, not as a broken autoencoder', () => {
    const t = getTemplate('feed-forward')!;
    const ed = new TestEditor({
      graph: t.graph,
      training: { ...t.training, loss: 'meanSquaredError' },
      dataset: t.dataset,
    });
    ed.store.setDatasetDescriptor(fonts);
    expect(ed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
