import { useEffect } from 'react';
import { useApi, useCommands, useDialogs, useEditor, useProjects } from '../app-context';
import { bindKeyboard } from './keyboard';
import { listenToMenu } from './menu-bridge';

/** Keyboard shortcuts and the native menu give commands through the runner, like buttons and the palette do. */
export function useCommandBindings(): void {
  const api = useApi();
  const editor = useEditor();
  const commands = useCommands();
  const dialogs = useDialogs();
  const projects = useProjects();
  useEffect(
    () =>
      bindKeyboard(
        window,
        (id) => commands.run(id),
        () => dialogs.isOpen,
      ),
    [commands, dialogs],
  );
  useEffect(
    () =>
      listenToMenu(api, {
        run: (id) => commands.run(id),
        openRecent: (handle) => void projects.openRecent(handle),
        reportError: (message) => editor.setStatus(message, 'error'),
      }),
    [api, editor, commands, projects],
  );
}
