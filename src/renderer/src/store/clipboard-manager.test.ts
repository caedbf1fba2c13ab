import { describe, expect, it } from 'vitest';
import type { GraphFragment } from '../../../shared/graph/graph-edits';
import { serializeFragment } from './clipboard-fragment';
import { ClipboardManager, PASTE_OFFSET } from './clipboard-manager';

const dense: GraphFragment = {
  nodes: [{ id: 'dense-1', kind: 'Dense', config: { units: 8 }, position: { x: 0, y: 0 } }],
  edges: [],
};
const flatten: GraphFragment = {
  nodes: [{ id: 'flatten-1', kind: 'Flatten', config: {}, position: { x: 0, y: 0 } }],
  edges: [],
};

describe('ClipboardManager', () => {
  it('has nothing to paste before a copy, and ignores a copy of nothing', () => {
    const clipboard = new ClipboardManager();
    expect(clipboard.nextPaste()).toBeNull();
    expect(clipboard.copy({ nodes: [], edges: [] })).toBe(0);
    expect(clipboard.copiedText).toBeNull();
  });

  it('pastes each copy one offset further each time, and starts over with a new copy', () => {
    const clipboard = new ClipboardManager();
    expect(clipboard.copy(dense)).toBe(1);
    expect(clipboard.nextPaste()).toEqual({ fragment: dense, offset: PASTE_OFFSET });
    expect(clipboard.nextPaste()?.offset).toBe(2 * PASTE_OFFSET);
    clipboard.copy(flatten);
    expect(clipboard.nextPaste()).toEqual({ fragment: flatten, offset: PASTE_OFFSET });
  });

  it('recognises its own text from the system clipboard and keeps fanning out', () => {
    const clipboard = new ClipboardManager();
    clipboard.copy(dense);
    clipboard.nextPaste();
    expect(clipboard.adopt(clipboard.copiedText!)).toEqual({ ok: true });
    expect(clipboard.nextPaste()?.offset).toBe(2 * PASTE_OFFSET);
  });

  it('takes layers copied elsewhere as the new copy, and refuses other or damaged text, saying which', () => {
    const clipboard = new ClipboardManager();
    clipboard.copy(dense);
    expect(clipboard.adopt('hello')).toEqual({
      ok: false,
      foreign: true,
      reason: 'The clipboard holds no LayerLab layers.',
    });
    const damaged = JSON.stringify({ format: 'layerlab/graph-fragment', version: 99, nodes: [], edges: [] });
    expect(clipboard.adopt(damaged)).toMatchObject({ ok: false, foreign: false, reason: expect.stringMatching(/99/) });
    expect(clipboard.nextPaste()?.fragment).toBe(dense);

    const elsewhere = serializeFragment(flatten);
    expect(clipboard.adopt(elsewhere)).toEqual({ ok: true });
    expect(clipboard.copiedText).toBe(elsewhere);
    expect(clipboard.nextPaste()).toEqual({ fragment: flatten, offset: PASTE_OFFSET });
  });
});
