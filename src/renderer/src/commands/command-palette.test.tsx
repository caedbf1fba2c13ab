// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { COMMAND_IDS, commandDefinition } from '../../../shared/commands/commands';
import { AppProviders } from '../app-context';
import { EditorStore } from '../store/editor-store';
import { createFakeApi } from '../testing/fake-api';
import { TrainingSessionStore } from '../training/training-session';
import { Dialogs } from '../ui/dialogs';
import { Toolbar } from '../ui/toolbar';
import { bindKeyboard } from './keyboard';
import { useCommands } from '../app-context';
import { useEffect } from 'react';

afterEach(cleanup);

/** The keyboard wired as the app wires it, so Ctrl+K opens the palette. */
function Keys() {
  const commands = useCommands();
  useEffect(
    () =>
      bindKeyboard(
        window,
        (id) => commands.run(id),
        () => false,
      ),
    [commands],
  );
  return null;
}

function setup() {
  const fake = createFakeApi();
  const editor = new EditorStore();
  render(
    <AppProviders api={fake.api} editor={editor} training={new TrainingSessionStore(fake.api)}>
      <Keys />
      <Toolbar />
      <Dialogs />
    </AppProviders>,
  );
  const open = () => act(() => void fireEvent.keyDown(window, { key: 'k', ctrlKey: true }));
  const options = () => within(screen.getByRole('listbox', { name: 'Commands' })).queryAllByRole('option');
  const search = () => screen.getByRole('combobox', { name: 'Search commands' });
  return { editor, open, options, search };
}

describe('command palette', () => {
  it('lists every command with its shortcut, and narrows the list as you type', () => {
    const { open, options, search } = setup();
    open();
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();
    expect(options()).toHaveLength(COMMAND_IDS.length - 1);
    fireEvent.change(search(), { target: { value: 'save as' } });
    expect(options().map((o) => o.textContent)).toEqual(['Save as…Ctrl+Shift+S', 'Save as exercise…']);
    fireEvent.change(search(), { target: { value: 'no such command' } });
    expect(options()).toHaveLength(0);
    expect(screen.getByText(/No command matches/)).toBeTruthy();
  });

  it('runs the highlighted command with Enter and closes, but not one that does not apply', () => {
    const { editor, open, options, search } = setup();
    editor.addNode('Dense', { x: 0, y: 0 });
    editor.addNode('Dropout', { x: 0, y: 100 });
    editor.clearSelection();
    open();
    fireEvent.change(search(), { target: { value: 'redo' } });
    expect(options()[0].getAttribute('aria-disabled')).toBe('true');
    fireEvent.keyDown(search(), { key: 'Enter' });
    expect(screen.getByRole('dialog', { name: 'Command palette' })).toBeTruthy();

    fireEvent.change(search(), { target: { value: 'select' } });
    fireEvent.keyDown(search(), { key: 'Enter' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(editor.getState().selectedNodes.size).toBe(2);
  });

  it('moves the highlight with the arrow keys, wrapping around', () => {
    const { open, options, search } = setup();
    open();
    fireEvent.change(search(), { target: { value: 'zoom' } });
    const labels = options().map((o) => o.textContent?.replace(/Ctrl.*$/, ''));
    expect(labels).toEqual([commandDefinition('zoomIn').label, commandDefinition('zoomOut').label]);
    const active = () => options().findIndex((o) => o.getAttribute('aria-selected') === 'true');
    expect(active()).toBe(0);
    fireEvent.keyDown(search(), { key: 'ArrowDown' });
    expect(active()).toBe(1);
    fireEvent.keyDown(search(), { key: 'ArrowDown' });
    expect(active()).toBe(0);
    fireEvent.keyDown(search(), { key: 'ArrowUp' });
    expect(active()).toBe(1);
  });
});

describe('toolbar', () => {
  it('keeps its buttons’ names and shortcuts, and enables Undo once there is something to undo', () => {
    const { editor } = setup();
    const names = screen.getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? b.textContent);
    expect(names).toEqual(
      expect.arrayContaining([
        'New…',
        'Open…',
        'Recent ▾',
        'Save',
        'Save as…',
        'Undo',
        'Redo',
        'Auto-layout',
        'Fit view',
        'Commands',
        'Layer reference',
      ]),
    );
    expect(screen.getByRole('button', { name: /^Switch to (dark|light) theme$/ })).toBeTruthy();
    const undo = screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement;
    expect(undo.title).toBe('Undo (Ctrl+Z)');
    expect(undo.disabled).toBe(true);
    act(() => void editor.addNode('Dense', { x: 0, y: 0 }));
    expect(undo.disabled).toBe(false);
    fireEvent.click(undo);
    expect(editor.graph.nodes).toEqual([]);
  });

  it('opens the template dialog from New…', () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'New…' }));
    expect(screen.getByRole('dialog', { name: 'New project' })).toBeTruthy();
  });
});
