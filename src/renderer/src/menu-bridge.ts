import type { LayerLabApi, MenuCommandDetail } from '../../shared/ipc/api';
import type { Command } from './shortcuts';

/** What the native menu can make the renderer do. */
export interface MenuHandlers {
  run(command: Command): void;
  /** File ▸ Open recent ▸ <file>; the handle comes from the host's own recent list. */
  openRecent(handle: string): void;
  /** A command arrived without the data it needs: tell the user rather than fail silently. */
  reportError(message: string): void;
}

/**
 * Listens to the native menu and routes each command. `openRecent` is the one command that carries data (which
 * file), so it cannot go through the plain command switch the keyboard shares. Returns the unsubscribe function.
 */
export function listenToMenu(api: LayerLabApi, handlers: MenuHandlers): () => void {
  return api.app.onMenuCommand((command, detail?: MenuCommandDetail) => {
    if (command !== 'openRecent') {
      handlers.run(command);
      return;
    }
    const handle: unknown = detail?.handle;
    if (typeof handle !== 'string' || handle === '') {
      handlers.reportError('Open recent: the menu did not say which file to open.');
      return;
    }
    handlers.openRecent(handle);
  });
}
