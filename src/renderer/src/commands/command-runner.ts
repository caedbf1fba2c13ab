import { commandDefinition, type CommandId } from '../../../shared/commands/commands';
import type { CommandContext, CommandHandlers } from './command-context';
import { COMMAND_HANDLERS } from './command-handlers';

/**
 * Runs commands by id for every way of giving one (menu, keyboard, toolbar, command palette): checks that the
 * command applies, performs it and reports a failure on the status line instead of losing it in a promise.
 */
export class CommandRunner {
  constructor(
    readonly context: CommandContext,
    private readonly handlers: CommandHandlers = COMMAND_HANDLERS,
  ) {}

  isEnabled(id: CommandId): boolean {
    return this.handlers[id].enabled?.(this.context) ?? true;
  }

  /** Performs the command if it applies now; returns whether it ran. */
  run(id: CommandId): boolean {
    if (!this.isEnabled(id)) return false;
    const report = (error: unknown) =>
      this.context.editor.setStatus(
        `${commandDefinition(id).label.replace(/…$/, '')} failed: ${error instanceof Error ? error.message : String(error)}`,
        'error',
      );
    try {
      const result = this.handlers[id].perform(this.context);
      if (result instanceof Promise) result.catch(report);
    } catch (error) {
      report(error);
    }
    return true;
  }

  /** Calls back whenever a command's `enabled` may have changed: on any change of the editor, training or exercise. */
  readonly subscribe = (listener: () => void): (() => void) => {
    const stops = [
      this.context.editor.subscribe(listener),
      this.context.training.subscribe(listener),
      this.context.exercises.subscribe(listener),
    ];
    return () => stops.forEach((stop) => stop());
  };
}
