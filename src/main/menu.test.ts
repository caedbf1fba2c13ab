import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { COMMAND_IDS, commandDefinition, shownKey } from '../shared/commands/commands';
import { toAccelerator } from '../shared/commands/key-bindings';
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
/** Labels with "—" for separators, to check where the groups break. */
const layout = (items: MenuItemConstructorOptions[]) =>
  items.map((i) => (i.type === 'separator' ? '—' : (i.label ?? i.role)));
const find = (items: MenuItemConstructorOptions[], label: string) => {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
};
const allItems = (template: MenuItemConstructorOptions[]) => template.flatMap((m) => submenu(m));
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();
const placed = COMMAND_IDS.filter((id) => commandDefinition(id).menu);

describe('buildMenuTemplate', () => {
  it('lays out File, Edit, View, Help from the registry, with separators between groups only', () => {
    const { template } = build();
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(layout(submenu(template[0]))).toEqual([
      'New from template…',
      'Open…',
      'Open recent',
      'Open model…',
      '—',
      'Save',
      'Save as…',
      '—',
      'Export model…',
      'Export graph as PNG…',
      'Export graph as SVG…',
      '—',
      'Exercises…',
      'Open exercise file…',
      'Check',
      'Stop check',
      'Export submission…',
      'Close exercise',
      'Save as exercise…',
      '—',
      'Quit',
    ]);
    for (const menu of template) {
      const items = layout(submenu(menu)).join('|');
      expect(items, menu.label).not.toMatch(/^—|—$|—\|—/);
    }
  });

  it('lists every registry command that has a menu place, once, with its label and accelerator, sending its id', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const { template, send } = build({ platform });
      for (const id of placed) {
        const items = allItems(template).filter((i) => i.id === id);
        expect(items, `${platform}: ${id}`).toHaveLength(1);
        const [item] = items;
        expect(item.label).toBe(commandDefinition(id).label);
        const key = shownKey(id, platform === 'darwin' ? 'mac' : 'other');
        expect(item.accelerator).toBe(key ? toAccelerator(key) : undefined);
        send.mockClear();
        click(item);
        expect(send).toHaveBeenCalledWith(id);
      }
      // Commands without a menu place (Train, Pause…) stay out.
      expect(allItems(template).some((i) => i.id === 'train')).toBe(false);
    }
  });

  it('shows each platform its own keys: Ctrl+Y and Delete elsewhere, ⇧⌘Z and Backspace on macOS', () => {
    const linux = allItems(build().template);
    const mac = allItems(build({ platform: 'darwin' }).template);
    expect(find(linux, 'Copy').accelerator).toBe('CmdOrCtrl+C');
    expect(find(linux, 'Redo').accelerator).toBe('CmdOrCtrl+Y');
    expect(find(mac, 'Redo').accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(find(linux, 'Delete').accelerator).toBe('Delete');
    expect(find(mac, 'Delete').accelerator).toBe('Backspace');
  });

  it('leaves every shortcut to the page (which knows when a text field has focus): none is registered', () => {
    const withKeys = allItems(build().template).filter((i) => i.accelerator);
    expect(withKeys.length).toBeGreaterThan(10);
    for (const item of withKeys) expect(item.registerAccelerator, item.label).toBe(false);
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
    const { template, send } = build({ platform: 'darwin' });
    expect(template.map((m) => m.label)).toEqual(['LayerLab', 'File', 'Edit', 'View', 'Help']);
    expect(labels(submenu(template[0]))).toContain('About LayerLab');
    expect(submenu(template[0]).some((i) => i.role === 'quit')).toBe(true);
    expect(labels(submenu(template[1]))).not.toContain('Quit');
    expect(labels(submenu(template[4]))).not.toContain('About LayerLab');
    click(find(submenu(template[0]), 'About LayerLab'));
    expect(send).toHaveBeenCalledWith('about');
  });

  it('gives every command item a unique accelerator', () => {
    const accelerators = allItems(build().template)
      .map((i) => i.accelerator)
      .filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});
