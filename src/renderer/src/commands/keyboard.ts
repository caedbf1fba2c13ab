import { COMMAND_IDS, commandDefinition, type CommandId, type KeyScope } from '../../../shared/commands/commands';
import { chordMatches, parseKeyBinding, type KeyChord } from '../../../shared/commands/key-bindings';

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>;

/** Every shortcut of the registry, parsed once. */
const BINDINGS: { id: CommandId; chord: KeyChord; scope: KeyScope }[] = COMMAND_IDS.flatMap((id) => {
  const { keys = [], keyScope = 'outside-text' } = commandDefinition(id);
  return keys.map((binding) => ({ id, chord: parseKeyBinding(binding), scope: keyScope }));
});

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type)
  );
}

function onCanvas(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  return target === document.body || target.closest('.react-flow') !== null;
}

function inScope(scope: KeyScope, target: EventTarget | null): boolean {
  if (scope === 'anywhere') return true;
  if (scope === 'outside-text') return !isTextEntry(target);
  return onCanvas(target);
}

/**
 * The command a key press means, or null. Ctrl on Windows/Linux and Cmd on macOS; each command's key scope says
 * where it applies (editing keys are left to text fields while one has focus, file commands work everywhere).
 */
export function commandForKey(event: KeyPress): CommandId | null {
  return BINDINGS.find((b) => chordMatches(b.chord, event) && inScope(b.scope, event.target))?.id ?? null;
}

/**
 * Runs the command each key press means, on `target` (the window); while `suspended()` (a dialog is open) keys
 * are left alone. Returns the function that stops listening.
 */
export function bindKeyboard(target: Window, run: (id: CommandId) => void, suspended: () => boolean): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (suspended()) return;
    const id = commandForKey(event);
    if (!id) return;
    event.preventDefault();
    run(id);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
