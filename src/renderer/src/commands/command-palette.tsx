import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { COMMAND_IDS, commandDefinition, type CommandId } from '../../../shared/commands/commands';
import { useCommands, useDialogs } from '../app-context';
import { Modal } from '../ui/modal';
import { shortcutText } from './shortcut-text';

/** Every command but the palette itself, in registry order. */
const LISTED = COMMAND_IDS.filter((id) => id !== 'commandPalette');

/** Commands whose label or description holds every word typed; those whose label alone does come first. */
export function matchCommands(query: string): CommandId[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const holdsAll = (text: string) => words.every((word) => text.includes(word));
  const inLabel: CommandId[] = [];
  const inDescription: CommandId[] = [];
  for (const id of LISTED) {
    const { label, description = '' } = commandDefinition(id);
    if (holdsAll(label.toLowerCase())) inLabel.push(id);
    else if (holdsAll(`${label} ${description}`.toLowerCase())) inDescription.push(id);
  }
  return [...inLabel, ...inDescription];
}

/**
 * Find and run any command by name (Ctrl+K or Ctrl+Shift+P), with its shortcut beside it, so every command is one
 * search away and shortcuts are learnt by seeing them. Commands that do not apply now are listed but dimmed.
 */
export function CommandPalette() {
  const commands = useCommands();
  const dialogs = useDialogs();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => matchCommands(query), [query]);
  const current = Math.min(active, matches.length - 1);

  const run = (id: CommandId | undefined) => {
    if (!id || !commands.isEnabled(id)) return;
    dialogs.close();
    commands.run(id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0 && matches.length > 0) {
      e.preventDefault();
      setActive((current + step + matches.length) % matches.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(matches[current]);
    }
  };

  return (
    <Modal title="Command palette" onClose={() => dialogs.close()}>
      <input
        className="palette-search"
        type="text"
        role="combobox"
        aria-label="Search commands"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={matches.length > 0 ? `${listId}-${matches[current]}` : undefined}
        aria-autocomplete="list"
        placeholder="Type a command…"
        data-autofocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="command-list" role="listbox" id={listId} aria-label="Commands">
        {matches.map((id, i) => {
          const enabled = commands.isEnabled(id);
          const shortcut = shortcutText(id);
          return (
            <li
              key={id}
              id={`${listId}-${id}`}
              role="option"
              aria-selected={i === current}
              aria-disabled={!enabled}
              className={`command-option${i === current ? ' is-active' : ''}`}
              onMouseMove={() => i !== current && setActive(i)}
              onClick={() => run(id)}
            >
              <span>{commandDefinition(id).label}</span>
              {shortcut && <kbd>{shortcut}</kbd>}
            </li>
          );
        })}
      </ul>
      {matches.length === 0 && <p className="empty-hint">No command matches “{query}”.</p>}
    </Modal>
  );
}
