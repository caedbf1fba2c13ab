import { isCommandId, type CommandId } from '../../../shared/commands/commands';
import type { LayerLabApi, MenuCommandDetail } from '../../../shared/ipc/api';

/** What the native menu can make the renderer do. */
export interface MenuHandlers {
  run(command: CommandId): void;
  /** File ▸ Open recent ▸ <file>; the handle comes from the host's own recent list. */
  openRecent(handle: string): void;
  /** A message the renderer cannot act on (unknown command, missing file): tell the user rather than fail silently. */
  reportError(message: string): void;
}

/**
 * Listens to the native menu and routes each command. `openRecent` is the one command that carries data (which
 * file), so it is not a registry command the keyboard could share. Returns the unsubscribe function.
 */
export function listenToMenu(api: LayerLabApi, handlers: MenuHandlers): () => void {
  return api.app.onMenuCommand((command: unknown, detail?: MenuCommandDetail) => {
    if (command !== 'openRecent') {
      if (isCommandId(command)) handlers.run(command);
      else handlers.reportError(`The menu sent a command this window does not know (${JSON.stringify(command)}).`);
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
