import type { MenuItemConstructorOptions } from 'electron';
import {
  commandDefinition,
  menuGroups,
  MENUS,
  shownKey,
  type MenuCommandId,
  type MenuId,
} from '../shared/commands/commands';
import { toAccelerator } from '../shared/commands/key-bindings';
import type { MenuCommand, MenuCommandDetail } from '../shared/ipc/api';

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

const SEPARATOR: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The application menu as a plain template (Menu.buildFromTemplate takes it as is), laid out from the command
 * registry (src/shared/commands). Items send their command to the renderer instead of acting in main: the renderer
 * has the graph, its undo history and its selection. Only what is Electron's own is added here: Open recent, Quit,
 * DevTools and the macOS app menu; quitting still goes through the close guard.
 *
 * Accelerators are shown but not registered: the page handles every shortcut itself, knowing whether a text field
 * has focus, so Ctrl+C still copies text in an input and a key press never fires twice.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const item = (id: MenuCommandId): MenuItemConstructorOptions => {
    const key = shownKey(id, mac ? 'mac' : 'other');
    return {
      id,
      label: commandDefinition(id).label,
      ...(key ? { accelerator: toAccelerator(key), registerAccelerator: false } : {}),
      click: () => options.send(id),
    };
  };
  /** The menu's commands, a separator between groups; `after` adds host items behind a command. */
  const commands = (
    menu: MenuId,
    after: Partial<Record<MenuCommandId, MenuItemConstructorOptions[]>> = {},
    leaveOut: MenuCommandId[] = [],
  ): MenuItemConstructorOptions[] =>
    menuGroups(menu)
      .map((group) => group.filter((id) => !leaveOut.includes(id)))
      .filter((group) => group.length > 0)
      .flatMap((group, i) => [
        ...(i > 0 ? [SEPARATOR] : []),
        ...group.flatMap((id) => [item(id), ...(after[id] ?? [])]),
      ]);

  const recent: MenuItemConstructorOptions = {
    label: 'Open recent',
    submenu:
      options.recent.length === 0
        ? [{ label: 'No recent files', enabled: false }]
        : options.recent.map(({ handle, name }) => ({
            label: name,
            click: () => options.send('openRecent', { handle }),
          })),
  };
  const quit: MenuItemConstructorOptions = { role: 'quit', label: 'Quit' };

  const submenus: Record<MenuId, MenuItemConstructorOptions[]> = {
    file: [...commands('file', { open: [recent] }), ...(mac ? [] : [SEPARATOR, quit])],
    edit: commands('edit'),
    view: [
      ...commands('view'),
      ...(options.dev ? [SEPARATOR, { role: 'toggleDevTools', label: 'DevTools' } as const] : []),
    ],
    // macOS keeps About in the app menu.
    help: commands('help', {}, mac ? ['about'] : []),
  };
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [item('about'), SEPARATOR, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, SEPARATOR, quit],
  };
  const bar = (Object.keys(MENUS) as MenuId[]).map((menu) => ({ label: MENUS[menu], submenu: submenus[menu] }));
  return mac ? [appMenu, ...bar] : bar;
}
