import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuCommandDetail } from '../shared/ipc/api';

/**
 * Commands whose keys the renderer already handles itself (src/renderer/src/shortcuts.ts), knowing whether a text
 * field has focus. Their menu items show the shortcut but don't register it, so Ctrl+C still copies text in an
 * input and a key press never fires twice.
 */
const KEYS_HANDLED_BY_PAGE: ReadonlySet<MenuCommand> = new Set<MenuCommand>([
  'new',
  'open',
  'save',
  'saveAs',
  'exportModel',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'delete',
  'selectAll',
  'fitView',
  'zoomIn',
  'zoomOut',
]);

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** DevTools appear only in development. */
  dev: boolean;
  /** Most recent first; handles come from main's handle registry. */
  recent: { handle: string; name: string }[];
  /** Forward a command to the focused window's renderer, which owns the graph and does the work. */
  send(command: MenuCommand, detail?: MenuCommandDetail): void;
}

/**
 * The application menu as a plain template (Menu.buildFromTemplate takes it as is). Items that act on the project
 * send a MenuCommand to the renderer instead of acting in main: the renderer has the graph, its undo history and its
 * selection. Quit and DevTools use Electron roles; quitting still goes through the close guard.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    ...(accelerator && KEYS_HANDLED_BY_PAGE.has(command) ? { registerAccelerator: false } : {}),
    click: () => options.send(command),
  });

  const recentItems: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : options.recent.map(({ handle, name }) => ({
          label: name,
          click: () => options.send('openRecent', { handle }),
        }));

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      item('New from template…', 'new', 'CmdOrCtrl+N'),
      item('Open…', 'open', 'CmdOrCtrl+O'),
      { label: 'Open recent', submenu: recentItems },
      { type: 'separator' },
      item('Save', 'save', 'CmdOrCtrl+S'),
      item('Save as…', 'saveAs', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      item('Export model…', 'exportModel', 'CmdOrCtrl+E'),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      item('Undo', 'undo', 'CmdOrCtrl+Z'),
      item('Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      item('Cut', 'cut', 'CmdOrCtrl+X'),
      item('Copy', 'copy', 'CmdOrCtrl+C'),
      item('Paste', 'paste', 'CmdOrCtrl+V'),
      item('Delete', 'delete', mac ? 'Backspace' : 'Delete'),
      item('Select all', 'selectAll', 'CmdOrCtrl+A'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      item('Fit', 'fitView', 'CmdOrCtrl+0'),
      item('Zoom in', 'zoomIn', 'CmdOrCtrl+='),
      item('Zoom out', 'zoomOut', 'CmdOrCtrl+-'),
      { type: 'separator' },
      item('Toggle theme', 'toggleTheme', 'CmdOrCtrl+Shift+T'),
      ...(options.dev ? [{ type: 'separator' } as const, { role: 'toggleDevTools', label: 'DevTools' } as const] : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: 'Help',
    submenu: [
      item('Layer reference', 'layerReference', 'F1'),
      ...(mac ? [] : [item(`About ${options.appName}`, 'about')]),
    ],
  };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: options.appName,
          submenu: [
            item(`About ${options.appName}`, 'about'),
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit', label: 'Quit' },
          ],
        },
      ]
    : [];

  return [...appMenu, file, edit, view, help];
}
