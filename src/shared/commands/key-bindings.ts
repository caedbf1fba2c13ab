/**
 * Keyboard shortcuts written once, in a platform-neutral notation, and turned into what each reader needs: an
 * Electron accelerator for the native menu, the text shown beside a command, and a chord to match key presses.
 *
 * Notation: modifiers then the key, joined by "+": `Mod+Shift+S`, `F5`, `Delete`, `Mod+=`, `Mod+Plus`. `Mod` is Ctrl
 * on Windows/Linux and ⌘ on macOS (either one is accepted when matching, as before); `Plus` is the "+" key.
 */

/** Which conventions to show a shortcut in. */
export type KeyPlatform = 'mac' | 'other';

export interface KeyChord {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** A single character in lower case ("s", "=", "+") or a named key as `KeyboardEvent.key` spells it ("F5"). */
  key: string;
}

const MODIFIERS = ['Mod', 'Shift', 'Alt'] as const;
const NAMED_KEYS: ReadonlySet<string> = new Set([
  'Delete',
  'Backspace',
  'Enter',
  'Escape',
  'Tab',
  'Space',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
]);

/** Reads `Mod+Shift+S`; throws naming the binding when it is not in the notation (the registry is checked by a test). */
export function parseKeyBinding(binding: string): KeyChord {
  const parts = binding.split('+');
  const keyPart = parts.pop() ?? '';
  const chord: KeyChord = { mod: false, shift: false, alt: false, key: '' };
  for (const part of parts) {
    if (!(MODIFIERS as readonly string[]).includes(part))
      throw new Error(`Key binding "${binding}": "${part}" is not a modifier (use ${MODIFIERS.join(', ')}).`);
    const name = part === 'Mod' ? 'mod' : part === 'Shift' ? 'shift' : 'alt';
    if (chord[name]) throw new Error(`Key binding "${binding}" names ${part} twice.`);
    chord[name] = true;
  }
  if (keyPart === 'Plus') chord.key = '+';
  else if (keyPart.length === 1 && keyPart !== ' ') chord.key = keyPart.toLowerCase();
  else if (NAMED_KEYS.has(keyPart)) chord.key = keyPart;
  else throw new Error(`Key binding "${binding}": "${keyPart}" is not a key (one character, Plus, or a named key).`);
  // Shifted punctuation ("+" is Shift+= on many layouts) already shows in the character, so Shift is not part of it.
  if (isPunctuation(chord.key)) chord.shift = false;
  return chord;
}

function isPunctuation(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/.test(key);
}

/** One spelling per chord ("mod+shift+s"), so two ways of writing the same keys compare equal. */
export function chordKey(chord: KeyChord): string {
  return [chord.mod && 'mod', chord.alt && 'alt', chord.shift && 'shift', chord.key].filter(Boolean).join('+');
}

/** The key press a chord matches: Ctrl or ⌘ for `Mod`; Shift is ignored for punctuation, which shows it itself. */
export function chordMatches(
  chord: KeyChord,
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): boolean {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key !== chord.key) return false;
  if ((event.ctrlKey || event.metaKey) !== chord.mod || event.altKey !== chord.alt) return false;
  return isPunctuation(chord.key) || event.shiftKey === chord.shift;
}

/** The binding as an Electron accelerator: `Mod+Shift+S` → `CmdOrCtrl+Shift+S`, `Mod+Plus` → `CmdOrCtrl+Plus`. */
export function toAccelerator(binding: string): string {
  const chord = parseKeyBinding(binding);
  const key = chord.key === '+' ? 'Plus' : chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
  return [chord.mod && 'CmdOrCtrl', chord.alt && 'Alt', chord.shift && 'Shift', key].filter(Boolean).join('+');
}

/** The binding as people read it: `⇧⌘S` on macOS, `Ctrl+Shift+S` elsewhere. */
export function formatKeyBinding(binding: string, platform: KeyPlatform): string {
  const chord = parseKeyBinding(binding);
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
  if (platform === 'mac') {
    const macKey = key === 'Backspace' ? '⌫' : key === 'Delete' ? '⌦' : key;
    return `${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${chord.mod ? '⌘' : ''}${macKey}`;
  }
  return [chord.mod && 'Ctrl', chord.alt && 'Alt', chord.shift && 'Shift', key].filter(Boolean).join('+');
}

/** A chord bound to more than one command: which one a key press means would depend on declaration order. */
export interface KeyConflict {
  chord: string;
  commands: string[];
}

/** Every chord that two or more commands claim (also when spelled differently, e.g. `Shift+Mod+S` and `Mod+Shift+S`). */
export function findKeyConflicts(
  commands: Readonly<Record<string, { label: string; keys?: readonly string[] }>>,
): KeyConflict[] {
  const owners = new Map<string, string[]>();
  for (const [id, command] of Object.entries(commands)) {
    for (const binding of command.keys ?? []) {
      const chord = chordKey(parseKeyBinding(binding));
      const list = owners.get(chord) ?? [];
      if (!list.includes(id)) list.push(id);
      owners.set(chord, list);
    }
  }
  return [...owners].filter(([, ids]) => ids.length > 1).map(([chord, ids]) => ({ chord, commands: ids }));
}
