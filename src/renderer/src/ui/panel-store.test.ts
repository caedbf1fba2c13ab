import { describe, expect, it } from 'vitest';
import { PANELS, PanelStore, readPanels } from './panel-store';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

describe('PanelStore', () => {
  it('remembers sizes and collapsed panels across sessions, within each panel’s bounds', () => {
    const storage = memoryStorage();
    const panels = new PanelStore(storage);
    panels.resize('dock', 10_000);
    panels.resize('palette', 250);
    panels.toggle('side');
    const next = new PanelStore(storage).getState();
    expect(next.dock.size).toBe(PANELS.dock.max);
    expect(next.palette).toEqual({ size: 250, collapsed: false });
    expect(next.side.collapsed).toBe(true);
  });

  it('opens a collapsed panel when it is resized', () => {
    const panels = new PanelStore(memoryStorage());
    panels.setCollapsed('dock', true);
    panels.resize('dock', 300);
    expect(panels.getState().dock).toEqual({ size: 300, collapsed: false });
  });

  it('falls back to the defaults for anything unreadable', () => {
    const state = readPanels(memoryStorage({ 'layerlab.panels': '{"dock":{"size":"big"},"side":5}' }));
    expect(state.dock.size).toBe(PANELS.dock.initial);
    expect(state.side).toEqual({ size: PANELS.side.initial, collapsed: false });
    expect(readPanels(memoryStorage({ 'layerlab.panels': 'not json' })).palette.size).toBe(PANELS.palette.initial);
  });
});
