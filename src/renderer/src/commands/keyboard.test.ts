// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { COMMAND_IDS, commandDefinition } from '../../../shared/commands/commands';
import { parseKeyBinding } from '../../../shared/commands/key-bindings';
import { bindKeyboard, commandForKey } from './keyboard';

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
    expect(commandForKey(key('+', { ctrl: true, shift: true }))).toBe('zoomIn');
    expect(commandForKey(key('k', { ctrl: true }))).toBe('commandPalette');
    expect(commandForKey(key('x'))).toBeNull();
  });

  it('leaves editing keys to text fields but keeps file commands', () => {
    const input = document.createElement('input');
    expect(commandForKey(key('z', { ctrl: true }, input))).toBeNull();
    expect(commandForKey(key('Backspace', {}, input))).toBeNull();
    expect(commandForKey(key('s', { ctrl: true }, input))).toBe('save');
    expect(commandForKey(key('F5', {}, input))).toBe('train');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(commandForKey(key('z', { ctrl: true }, checkbox))).toBe('undo');
  });

  it('does not delete layers when Backspace is pressed on a toolbar button', () => {
    const button = document.createElement('button');
    document.body.appendChild(button);
    expect(commandForKey(key('Backspace', {}, button))).toBeNull();
    expect(commandForKey(key('z', { ctrl: true }, button))).toBe('undo');
  });

  it('reaches every shortcut of the registry (no binding hidden behind another)', () => {
    for (const id of COMMAND_IDS) {
      for (const binding of commandDefinition(id).keys ?? []) {
        const chord = parseKeyBinding(binding);
        const k = chord.key.length === 1 && chord.shift ? chord.key.toUpperCase() : chord.key;
        expect(commandForKey({ ...key(k, { ctrl: chord.mod, shift: chord.shift }), altKey: chord.alt }), binding).toBe(
          id,
        );
      }
    }
  });
});

describe('bindKeyboard', () => {
  it('runs the command a key means and keeps the browser from acting on it too, except while a dialog is open', () => {
    const run = vi.fn();
    let dialogOpen = false;
    const stop = bindKeyboard(window, run, () => dialogOpen);
    const press = (init: KeyboardEventInit) => {
      const event = new KeyboardEvent('keydown', { ...init, cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(press({ key: 's', ctrlKey: true })).toBe(true);
    expect(run).toHaveBeenLastCalledWith('save');
    expect(press({ key: 'q' })).toBe(false);
    dialogOpen = true;
    expect(press({ key: 's', ctrlKey: true })).toBe(false);
    dialogOpen = false;
    stop();
    press({ key: 'z', ctrlKey: true });
    expect(run).toHaveBeenCalledTimes(1);
  });
});
