import { describe, expect, it } from 'vitest';
import { chordMatches, findKeyConflicts, formatKeyBinding, parseKeyBinding, toAccelerator } from './key-bindings';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('key bindings', () => {
  it('refuses bindings outside the notation, naming the binding and the bad part', () => {
    expect(() => parseKeyBinding('Ctrl+S')).toThrow(/"Ctrl\+S".*"Ctrl" is not a modifier/);
    expect(() => parseKeyBinding('Mod+')).toThrow(/"Mod\+".*is not a key/);
    expect(() => parseKeyBinding('Mod+Mod+S')).toThrow(/names Mod twice/);
    expect(() => parseKeyBinding('Mod+Home')).toThrow(/"Home" is not a key/);
  });

  it('matches Ctrl and ⌘ alike, tells Shift apart for letters, and ignores it for punctuation', () => {
    const saveAs = parseKeyBinding('Mod+Shift+S');
    expect(chordMatches(saveAs, press('S', { ctrl: true, shift: true }))).toBe(true);
    expect(chordMatches(saveAs, press('S', { meta: true, shift: true }))).toBe(true);
    expect(chordMatches(saveAs, press('s', { ctrl: true }))).toBe(false);
    expect(chordMatches(saveAs, press('S', { ctrl: true, shift: true, alt: true }))).toBe(false);
    // "+" needs Shift on a US keyboard and not on others: the character decides.
    const plus = parseKeyBinding('Mod+Plus');
    expect(chordMatches(plus, press('+', { ctrl: true, shift: true }))).toBe(true);
    expect(chordMatches(plus, press('+', { ctrl: true }))).toBe(true);
    expect(chordMatches(parseKeyBinding('F5'), press('F5'))).toBe(true);
    expect(chordMatches(parseKeyBinding('F5'), press('F5', { ctrl: true }))).toBe(false);
  });

  it('writes Electron accelerators and the text shown beside a command, per platform', () => {
    expect(toAccelerator('Mod+Shift+S')).toBe('CmdOrCtrl+Shift+S');
    expect(toAccelerator('Mod+Plus')).toBe('CmdOrCtrl+Plus');
    expect(toAccelerator('Mod+=')).toBe('CmdOrCtrl+=');
    expect(toAccelerator('Backspace')).toBe('Backspace');
    expect(formatKeyBinding('Mod+Shift+S', 'other')).toBe('Ctrl+Shift+S');
    expect(formatKeyBinding('Mod+Shift+S', 'mac')).toBe('⇧⌘S');
    expect(formatKeyBinding('Backspace', 'mac')).toBe('⌫');
    expect(formatKeyBinding('F1', 'other')).toBe('F1');
  });

  it('finds a chord claimed twice, however it is spelled, and only then', () => {
    expect(
      findKeyConflicts({
        save: { label: 'save', keys: ['Mod+S'] },
        saveAs: { label: 'saveAs', keys: ['Mod+Shift+S'] },
        share: { label: 'share', keys: ['Shift+Mod+S'] },
        zoom: { label: 'zoom', keys: ['Mod+='] },
        zoomToo: { label: 'zoomToo', keys: ['Mod+Shift+='] },
        help: { label: 'help', keys: ['F1'] },
      }),
    ).toEqual([
      { chord: 'mod+shift+s', commands: ['saveAs', 'share'] },
      { chord: 'mod+=', commands: ['zoom', 'zoomToo'] },
    ]);
    expect(
      findKeyConflicts({
        a: { label: 'a', keys: ['Mod+A'] },
        b: { label: 'b', keys: ['Mod+Shift+A'] },
        c: { label: 'c' },
      }),
    ).toEqual([]);
  });
});
