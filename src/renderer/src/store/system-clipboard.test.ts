import { describe, expect, it } from 'vitest';
import { FakeClipboard } from '../testing/fake-clipboard';
import { CLIPBOARD_FORMAT } from './clipboard-fragment';
import { TestEditor } from './test-editor';

/** An editor with Input → Flatten → Dense (units 7) and Flatten + Dense selected. */
function withChain() {
  const ed = new TestEditor();
  const [input, flatten, dense] = ed.chain('Input', 'Flatten', 'Dense');
  ed.setConfig(dense, 'units', 7);
  ed.select(flatten, dense);
  return { ed, input, flatten, dense };
}

describe('copy and paste through the system clipboard', () => {
  it('writes the selected layers and the edges among them as a marked JSON fragment', async () => {
    const { ed, flatten, dense } = withChain();
    const clipboard = new FakeClipboard();
    expect(await ed.copyToClipboard(clipboard)).toBe(2);
    const fragment = JSON.parse(clipboard.text);
    expect(fragment).toMatchObject({ format: CLIPBOARD_FORMAT, version: 1 });
    expect(fragment.nodes.map((n: { id: string }) => n.id)).toEqual([flatten, dense]);
    expect(fragment.edges.map((e: { source: string; target: string }) => `${e.source}->${e.target}`)).toEqual([
      `${flatten}->${dense}`,
    ]);
  });

  it('pastes layers copied in another window (another store) with fresh ids, config and inner edge', async () => {
    const { ed: source } = withChain();
    const clipboard = new FakeClipboard();
    await source.copyToClipboard(clipboard);

    const target = new TestEditor();
    const [existing] = target.chain('Input');
    expect(await target.pasteFromClipboard(clipboard)).toBe('system');
    expect(target.graph.nodes).toHaveLength(3);
    const [fCopy, dCopy] = target.selection.map((id) => target.node(id));
    expect([fCopy.kind, dCopy.kind]).toEqual(['Flatten', 'Dense']);
    expect(dCopy.config.units).toBe(7);
    expect(target.selection).not.toContain(existing);
    expect(target.wiring).toEqual([`${fCopy.id}->${dCopy.id}`]);
    // A second paste of the same text lines up beside the first instead of landing on it.
    await target.pasteFromClipboard(clipboard);
    const second = target.node(target.selection[0]);
    expect(second.position.x - fCopy.position.x).toBeGreaterThanOrEqual(200);
    target.undo(2);
    expect(target.graph.nodes.map((n) => n.id)).toEqual([existing]);
  });

  it('falls back to the in-memory copy when reading is refused or the clipboard holds other text', async () => {
    const { ed } = withChain();
    const clipboard = new FakeClipboard();
    clipboard.denyWrite = true;
    expect(await ed.copyToClipboard(clipboard)).toBe(2);
    expect(clipboard.text).toBe('');

    clipboard.text = 'some text the user copied from a web page';
    expect(await ed.pasteFromClipboard(clipboard)).toBe('memory');
    expect(ed.graph.nodes).toHaveLength(5);

    for (const other of ['null', '[1, 2]', '{"format": "excalidraw/clipboard", "elements": []}']) {
      clipboard.text = other;
      expect(await ed.pasteFromClipboard(clipboard), other).toBe('memory');
    }
    expect(ed.graph.nodes).toHaveLength(11);

    clipboard.denyRead = true;
    expect(await ed.pasteFromClipboard(clipboard)).toBe('memory');
    expect(ed.graph.nodes).toHaveLength(13);
    expect(await ed.pasteFromClipboard(null)).toBe('memory');
    expect(ed.graph.nodes).toHaveLength(15);
    expect(ed.store.getState().status?.tone).not.toBe('error');

    expect(await new TestEditor().pasteFromClipboard(clipboard)).toBe('nothing');
  });

  it('cuts: the layers leave the graph and can be pasted back', async () => {
    const { ed, input } = withChain();
    const clipboard = new FakeClipboard();
    await ed.copyToClipboard(clipboard, { cut: true });
    expect(ed.graph.nodes.map((n) => n.id)).toEqual([input]);
    expect(await ed.pasteFromClipboard(clipboard)).toBe('system');
    expect(ed.graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Flatten', 'Dense']);
  });

  it('reports a damaged or newer LayerLab fragment by name instead of pasting something else', async () => {
    const { ed } = withChain();
    const clipboard = new FakeClipboard();
    await ed.copyToClipboard(clipboard);
    const good = JSON.parse(clipboard.text);

    clipboard.text = JSON.stringify({ ...good, version: 2 });
    expect(await ed.pasteFromClipboard(clipboard)).toBe('invalid');
    expect(ed.store.getState().status).toMatchObject({ tone: 'error' });
    expect(ed.store.getState().status!.text).toMatch(/version 2.*reads version 1/);

    clipboard.text = JSON.stringify({ ...good, nodes: [{ ...good.nodes[0], kind: 'Teleport' }, good.nodes[1]] });
    expect(await ed.pasteFromClipboard(clipboard)).toBe('invalid');
    expect(ed.store.getState().status!.text).toMatch(/damaged: nodes\.0\.kind/);

    clipboard.text = JSON.stringify({ ...good, nodes: [good.nodes[1]] });
    expect(await ed.pasteFromClipboard(clipboard)).toBe('invalid');
    expect(ed.store.getState().status!.text).toMatch(/edge “.+” connects a layer that was not copied/);

    clipboard.text = JSON.stringify({ ...good, nodes: [good.nodes[0], good.nodes[0]], edges: [] });
    expect(await ed.pasteFromClipboard(clipboard)).toBe('invalid');
    expect(ed.store.getState().status!.text).toMatch(/share the id/);
    expect(ed.graph.nodes).toHaveLength(3);
  });
});
