import { describe, expect, it } from 'vitest';
import type { GraphFragment } from '../../../shared/graph/graph-edits';
import { serializeFragment } from './clipboard-fragment';
import { ClipboardManager } from './clipboard-manager';

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
    expect(clipboard.fragment).toBeNull();
    expect(clipboard.copy({ nodes: [], edges: [] })).toBe(0);
    expect(clipboard.copiedText).toBeNull();
  });

  it('holds the last copy, replaced by the next one', () => {
    const clipboard = new ClipboardManager();
    expect(clipboard.copy(dense)).toBe(1);
    expect(clipboard.fragment).toBe(dense);
    clipboard.copy(flatten);
    expect(clipboard.fragment).toBe(flatten);
  });

  it('recognises its own text from the system clipboard and keeps the copy as it is', () => {
    const clipboard = new ClipboardManager();
    clipboard.copy(dense);
    expect(clipboard.adopt(clipboard.copiedText!)).toEqual({ ok: true });
    expect(clipboard.fragment).toBe(dense);
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
    expect(clipboard.fragment).toBe(dense);

    const elsewhere = serializeFragment(flatten);
    expect(clipboard.adopt(elsewhere)).toEqual({ ok: true });
    expect(clipboard.copiedText).toBe(elsewhere);
    expect(clipboard.fragment).toEqual(flatten);
  });
});
