import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, COMMANDS, commandDefinition, isCommandId, menuGroups, MENUS, shownKey } from './commands';
import { findKeyConflicts, parseKeyBinding } from './key-bindings';

describe('the command registry', () => {
  it('writes every shortcut in the notation the menu and the keyboard read', () => {
    for (const id of COMMAND_IDS) {
      for (const binding of commandDefinition(id).keys ?? []) expect(() => parseKeyBinding(binding), id).not.toThrow();
    }
  });

  it('binds no chord to two commands', () => {
    expect(findKeyConflicts(COMMANDS)).toEqual([]);
  });

  it('shows on macOS a shortcut the page actually accepts', () => {
    for (const id of COMMAND_IDS) {
      const { keys, macKey } = commandDefinition(id);
      if (macKey) expect(keys, id).toContain(macKey);
    }
    expect(shownKey('redo', 'mac')).toBe('Mod+Shift+Z');
    expect(shownKey('redo', 'other')).toBe('Mod+Y');
    expect(shownKey('about', 'other')).toBeUndefined();
  });

  it('groups each menu in registry order and leaves out commands without a placement', () => {
    const placed = (Object.keys(MENUS) as (keyof typeof MENUS)[]).flatMap((menu) => menuGroups(menu).flat());
    expect(placed).toEqual(COMMAND_IDS.filter((id) => commandDefinition(id).menu));
    expect(placed).not.toContain('train');
    for (const menu of Object.keys(MENUS) as (keyof typeof MENUS)[]) {
      for (const group of menuGroups(menu)) {
        const names = new Set(group.map((id) => commandDefinition(id).menu?.group));
        expect(names.size, `${menu}: ${group.join(', ')}`).toBe(1);
      }
    }
  });

  it('recognises command ids, and nothing inherited from Object', () => {
    expect(isCommandId('save')).toBe(true);
    expect(isCommandId('openRecent')).toBe(false);
    expect(isCommandId('toString')).toBe(false);
    expect(isCommandId(undefined)).toBe(false);
  });
});
