import type { CommandHandlers } from './command-context';
import { EDIT_COMMANDS } from './edit-commands';
import { EXERCISE_COMMANDS } from './exercise-commands';
import { FILE_COMMANDS } from './file-commands';
import { HELP_COMMANDS } from './help-commands';
import { TRAINING_COMMANDS } from './training-commands';
import { VIEW_COMMANDS } from './view-commands';

/**
 * What every command in the registry (src/shared/commands/commands.ts) does. Typed `Record<CommandId, …>`: a
 * command added to the registry without a handler here is a compile error, not a dead menu item.
 */
export const COMMAND_HANDLERS: CommandHandlers = {
  ...FILE_COMMANDS,
  ...EXERCISE_COMMANDS,
  ...EDIT_COMMANDS,
  ...VIEW_COMMANDS,
  ...TRAINING_COMMANDS,
  ...HELP_COMMANDS,
};
