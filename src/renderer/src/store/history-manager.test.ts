import { describe, expect, it } from 'vitest';
import { HistoryManager } from './history-manager';

/** A document that is just a string, edited by `edit`, with a clock the test moves. */
function setup(limit = 10) {
  let now = 0;
  const history = new HistoryManager<string>({ limit, mergeWithinMs: 1000, now: () => now });
  let doc = '';
  const edit = (next: string, coalesce?: string) => {
    history.record(doc, coalesce);
    doc = next;
  };
  const undo = () => (doc = history.undo(doc) ?? doc);
  const redo = () => (doc = history.redo(doc) ?? doc);
  return {
    history,
    edit,
    undo,
    redo,
    doc: () => doc,
    wait: (ms: number) => (now += ms),
  };
}

describe('HistoryManager', () => {
  it('undoes and redoes edits in order, and a new edit drops the redo branch', () => {
    const h = setup();
    expect(h.history.canUndo).toBe(false);
    h.edit('a');
    h.edit('ab');
    h.undo();
    expect(h.doc()).toBe('a');
    expect(h.history.canRedo).toBe(true);
    h.redo();
    expect(h.doc()).toBe('ab');
    h.undo();
    h.edit('ax');
    expect(h.history.canRedo).toBe(false);
    h.undo();
    h.undo();
    expect(h.doc()).toBe('');
    expect(h.history.undo('')).toBeUndefined();
  });

  it('merges quick edits with the same key into one step, but not slow ones or other keys', () => {
    const h = setup();
    h.edit('3', 'units');
    h.wait(300);
    h.edit('32', 'units');
    h.wait(300);
    h.edit('32', 'rate');
    h.wait(300);
    h.edit('320', 'rate');
    h.wait(2000);
    h.edit('3200', 'rate');
    h.undo();
    expect(h.doc()).toBe('320');
    h.undo();
    expect(h.doc()).toBe('32');
    h.undo();
    expect(h.doc()).toBe('');
  });

  it('does not merge an edit into one made before an undo', () => {
    const h = setup();
    h.edit('1', 'units');
    h.edit('12', 'units');
    h.undo();
    h.edit('13', 'units');
    h.undo();
    expect(h.doc()).toBe('');
  });

  it('keeps at most `limit` steps, dropping the oldest, and forgets all on clear', () => {
    const h = setup(3);
    for (const doc of ['a', 'b', 'c', 'd', 'e']) h.edit(doc);
    let steps = 0;
    while (h.history.canUndo) {
      h.undo();
      steps++;
    }
    expect(steps).toBe(3);
    expect(h.doc()).toBe('b');
    h.redo();
    h.history.clear();
    expect([h.history.canUndo, h.history.canRedo]).toEqual([false, false]);
  });
});
