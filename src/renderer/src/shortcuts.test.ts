// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { commandForKey } from './shortcuts';

const key = (
  k: string,
  mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {},
  target: EventTarget | null = document.body,
) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: false,
  target,
});

describe('commandForKey', () => {
  it('maps the editing shortcuts on both Ctrl and Cmd', () => {
    expect(commandForKey(key('z', { ctrl: true }))).toBe('undo');
    expect(commandForKey(key('Z', { meta: true, shift: true }))).toBe('redo');
    expect(commandForKey(key('y', { ctrl: true }))).toBe('redo');
    expect(commandForKey(key('c', { ctrl: true }))).toBe('copy');
    expect(commandForKey(key('v', { meta: true }))).toBe('paste');
    expect(commandForKey(key('d', { ctrl: true }))).toBe('duplicate');
    expect(commandForKey(key('Delete'))).toBe('delete');
    expect(commandForKey(key('s', { ctrl: true, shift: true }))).toBe('saveAs');
  });

  it('leaves editing keys to text fields but keeps file commands', () => {
    const input = document.createElement('input');
    expect(commandForKey(key('z', { ctrl: true }, input))).toBeNull();
    expect(commandForKey(key('Backspace', {}, input))).toBeNull();
    expect(commandForKey(key('s', { ctrl: true }, input))).toBe('save');
  });

  it('does not delete layers when Backspace is pressed on a toolbar button', () => {
    const button = document.createElement('button');
    document.body.appendChild(button);
    expect(commandForKey(key('Backspace', {}, button))).toBeNull();
  });
});
