import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuOptions } from './menu';

function build(overrides: Partial<MenuOptions> = {}) {
  const send = vi.fn();
  const template = buildMenuTemplate({
    appName: 'LayerLab',
    platform: 'linux',
    dev: false,
    recent: [],
    send,
    ...overrides,
  });
  return { template, send };
}

const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const labels = (items: MenuItemConstructorOptions[]) =>
  items.filter((i) => i.type !== 'separator').map((i) => i.label ?? i.role);
const find = (items: MenuItemConstructorOptions[], label: string) => {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
};
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Help with the specified items', () => {
    const { template } = build();
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(submenu(template[0]))).toEqual([
      'New from template…',
      'Open…',
      'Open recent',
      'Save',
      'Save as…',
      'Export model…',
      'Quit',
    ]);
    expect(labels(submenu(template[1]))).toEqual(['Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Delete', 'Select all']);
    expect(labels(submenu(template[2]))).toEqual(['Fit', 'Zoom in', 'Zoom out', 'Toggle theme']);
    expect(labels(submenu(template[3]))).toEqual(['Layer reference', 'About LayerLab']);
  });

  it('sends each item as a MenuCommand to the renderer', () => {
    const { template, send } = build();
    const expected: [number, string, string][] = [
      [0, 'New from template…', 'new'],
      [0, 'Open…', 'open'],
      [0, 'Save', 'save'],
      [0, 'Save as…', 'saveAs'],
      [0, 'Export model…', 'exportModel'],
      [1, 'Undo', 'undo'],
      [1, 'Redo', 'redo'],
      [1, 'Cut', 'cut'],
      [1, 'Copy', 'copy'],
      [1, 'Paste', 'paste'],
      [1, 'Delete', 'delete'],
      [1, 'Select all', 'selectAll'],
      [2, 'Fit', 'fitView'],
      [2, 'Zoom in', 'zoomIn'],
      [2, 'Zoom out', 'zoomOut'],
      [2, 'Toggle theme', 'toggleTheme'],
      [3, 'Layer reference', 'layerReference'],
      [3, 'About LayerLab', 'about'],
    ];
    for (const [menu, label, command] of expected) {
      send.mockClear();
      click(find(submenu(template[menu]), label));
      expect(send).toHaveBeenCalledWith(command);
    }
    expect(find(submenu(template[0]), 'Quit').role).toBe('quit');
  });

  it('lists recent files, each opening its handle, or a disabled placeholder', () => {
    const empty = build();
    const none = submenu(find(submenu(empty.template[0]), 'Open recent'));
    expect(none).toEqual([{ label: 'No recent files', enabled: false }]);
    const { template, send } = build({
      recent: [
        { handle: 'h1', name: 'cnn.layerlab.json' },
        { handle: 'h2', name: 'mlp.layerlab.json' },
      ],
    });
    const recent = submenu(find(submenu(template[0]), 'Open recent'));
    expect(labels(recent)).toEqual(['cnn.layerlab.json', 'mlp.layerlab.json']);
    click(recent[1]);
    expect(send).toHaveBeenCalledWith('openRecent', { handle: 'h2' });
  });

  it('adds DevTools only in development', () => {
    expect(labels(submenu(build({ dev: true }).template[2]))).toContain('DevTools');
    expect(find(submenu(build({ dev: true }).template[2]), 'DevTools').role).toBe('toggleDevTools');
    expect(labels(submenu(build({ dev: false }).template[2]))).not.toContain('DevTools');
  });

  it('follows macOS conventions: app menu first, with About and Quit', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((m) => m.label)).toEqual(['LayerLab', 'File', 'Edit', 'View', 'Help']);
    expect(labels(submenu(template[0]))).toContain('About LayerLab');
    expect(submenu(template[0]).some((i) => i.role === 'quit')).toBe(true);
    expect(labels(submenu(template[1]))).not.toContain('Quit');
  });

  it('leaves editing keys to the page (which knows when a text field has focus) but registers the rest', () => {
    const { template } = build();
    const copy = find(submenu(template[1]), 'Copy');
    expect(copy.accelerator).toBe('CmdOrCtrl+C');
    expect(copy.registerAccelerator).toBe(false);
    expect(find(submenu(template[1]), 'Delete').registerAccelerator).toBe(false);
    expect(find(submenu(template[2]), 'Toggle theme').registerAccelerator).toBeUndefined();
    expect(find(submenu(template[3]), 'Layer reference').registerAccelerator).toBeUndefined();
  });

  it('gives every command item a unique accelerator', () => {
    const { template } = build();
    const accelerators = template
      .flatMap((m) => submenu(m))
      .map((i) => i.accelerator)
      .filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});
