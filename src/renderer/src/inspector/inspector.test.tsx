// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { getTemplate } from '../../../shared/templates';
import { AppProviders } from '../app-context';
import { EditorStore } from '../store/editor-store';
import { createFakeApi } from '../testing/fake-api';
import { TrainingSessionStore } from '../training/training-session';
import { Inspector } from './inspector';

afterEach(cleanup);

function setup() {
  const fake = createFakeApi();
  const t = getTemplate('cnn')!;
  const editor = new EditorStore({ graph: t.graph, training: t.training, dataset: t.dataset });
  render(
    <AppProviders api={fake.api} editor={editor} training={new TrainingSessionStore(fake.api)}>
      <Inspector />
    </AppProviders>,
  );
  return { editor };
}

describe('Inspector', () => {
  it('asks for a selection when nothing is selected', () => {
    setup();
    expect(screen.getByText(/Select a layer on the canvas/)).toBeTruthy();
  });

  it("shows the selected layer's fields, explanation and live output shape", () => {
    const { editor } = setup();
    const conv = editor.graph.nodes.find((n) => n.kind === 'Conv2D')!;
    act(() => editor.select([conv.id]));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toMatch(/^Conv2D/);
    expect(screen.getByText('[36, 36, 4]')).toBeTruthy();
    expect((screen.getByLabelText(/Filters/) as HTMLInputElement).value).toBe('4');
    expect(screen.getByRole('region', { name: 'About this layer' }).textContent!.length).toBeGreaterThan(40);
  });

  it('freezes a layer with its Trainable toggle (the catalogue field), undoably; a layer without weights has none', () => {
    const { editor } = setup();
    const dense = editor.graph.nodes.find((n) => n.kind === 'Dense')!;
    act(() => editor.select([dense.id]));
    const trainable = screen.getByRole('checkbox', { name: 'Trainable' }) as HTMLInputElement;
    expect(trainable.checked).toBe(true);
    act(() => fireEvent.click(trainable));
    expect(editor.graph.nodes.find((n) => n.id === dense.id)!.config.trainable).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'Trainable' }) as HTMLInputElement).checked).toBe(false);
    act(() => editor.undo());
    expect(editor.graph.nodes.find((n) => n.id === dense.id)!.config.trainable).not.toBe(false);
    // A layer without weights has nothing to freeze.
    const pool = editor.graph.nodes.find((n) => n.kind === 'MaxPool2D')!;
    act(() => editor.select([pool.id]));
    expect(screen.queryByRole('checkbox', { name: 'Trainable' })).toBeNull();
  });

  it('applies valid values as you type and refuses invalid ones with the reason beside the field', () => {
    const { editor } = setup();
    const conv = editor.graph.nodes.find((n) => n.kind === 'Conv2D')!;
    act(() => editor.select([conv.id]));
    const filters = screen.getByLabelText(/Filters/) as HTMLInputElement;

    act(() => fireEvent.change(filters, { target: { value: '8' } }));
    expect(editor.graph.nodes.find((n) => n.id === conv.id)!.config.filters).toBe(8);
    expect(screen.getByText('[36, 36, 8]')).toBeTruthy();

    act(() => fireEvent.change(filters, { target: { value: '-2' } }));
    expect(screen.getByRole('alert').textContent).toMatch(/Filters must be an integer/);
    expect(filters.getAttribute('aria-invalid')).toBe('true');
    expect(filters.value).toBe('-2');
    expect(editor.graph.nodes.find((n) => n.id === conv.id)!.config.filters).toBe(8);

    // Undo from elsewhere replaces the draft with the restored value.
    act(() => editor.undo());
    expect((screen.getByLabelText(/Filters/) as HTMLInputElement).value).toBe('4');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('edits enum fields through a select', () => {
    const { editor } = setup();
    const conv = editor.graph.nodes.find((n) => n.kind === 'Conv2D')!;
    act(() => editor.select([conv.id]));
    act(() => fireEvent.change(screen.getByLabelText(/Padding/), { target: { value: 'valid' } }));
    expect(screen.getByText('[32, 32, 4]')).toBeTruthy();
  });
});
