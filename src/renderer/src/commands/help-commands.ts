import type { CommandHandlers } from './command-context';

export const HELP_COMMANDS = {
  layerReference: { perform: ({ dialogs }) => dialogs.open({ type: 'reference' }) },
  about: { perform: ({ dialogs }) => dialogs.open({ type: 'about' }) },
} satisfies Partial<CommandHandlers>;
