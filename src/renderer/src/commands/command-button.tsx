import type { ReactNode } from 'react';
import { commandDefinition, type CommandId } from '../../../shared/commands/commands';
import { useCommandEnabled, useCommands } from '../app-context';
import { shortcutText } from './shortcut-text';

/**
 * A button that gives a registry command: its text (or `label`, the accessible name of an icon button) and tooltip
 * with the shortcut come from the registry, and it is disabled while the command does not apply.
 */
export function CommandButton(props: {
  command: CommandId;
  /** The accessible name when it differs from the registry's (the theme button says which theme it switches to). */
  label?: string;
  /** An icon instead of the label as text; the label stays the accessible name. */
  children?: ReactNode;
  /** Replaces the tooltip (e.g. with the reason the command does not apply). */
  tooltip?: string;
  className?: string;
}) {
  const commands = useCommands();
  const enabled = useCommandEnabled(props.command);
  const definition = commandDefinition(props.command);
  const label = props.label ?? definition.buttonLabel ?? definition.label;
  const shortcut = shortcutText(props.command);
  const tooltip =
    props.tooltip ?? `${props.label ?? definition.description ?? definition.label}${shortcut ? ` (${shortcut})` : ''}`;
  return (
    <button
      type="button"
      className={props.className}
      onClick={() => commands.run(props.command)}
      disabled={!enabled}
      title={tooltip}
      aria-label={props.children !== undefined ? label : undefined}
    >
      {props.children ?? label}
    </button>
  );
}
