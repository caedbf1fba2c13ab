// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { parseProjectFile } from '../../../shared/graph/project-file';
import { projectText } from '../project/project-controller';
import type { DatasetDescriptor } from '../../../shared/training/dataset';
import { AppProviders } from '../app-context';
import { EditorStore } from '../store/editor-store';
import { createFakeApi } from '../testing/fake-api';
import { DatasetPicker } from './dataset-picker';
import { TrainingSessionStore } from './training-session';
import { classColor } from './scatter-plot';

afterEach(cleanup);

const XOR: DatasetDescriptor = {
  id: 'xor',
  name: 'XOR',
  description: 'Two classes in opposite quadrants',
  inputShape: [2],
  classNames: ['negative', 'positive'],
  countsPerClass: [250, 250],
  splits: { train: 500, validation: 0, test: 0 },
  valueRange: [-1, 1],
  source: 'built-in generator',
};

function renderPicker(points: { x: number; y: number; classIndex: number }[] | undefined, descriptor = XOR) {
  const fake = createFakeApi({ descriptor, points });
  const editor = new EditorStore({ dataset: { kind: 'builtin', id: descriptor.id } });
  render(
    <AppProviders api={fake.api} editor={editor} training={new TrainingSessionStore(fake.api)}>
      <DatasetPicker dataset={{ kind: 'builtin', id: descriptor.id }} disabled={false} />
    </AppProviders>,
  );
}

/** Dot centres of one class's path, in SVG units. */
function dots(path: Element): [number, number][] {
  return [...path.getAttribute('d')!.matchAll(/M([\d.]+) ([\d.]+)h0/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('DatasetPicker with a 2-D set', () => {
  it('draws the points as a scatter plot, one colour per class, with names and counts in the legend', async () => {
    const points = [
      { x: -1, y: -1, classIndex: 0 },
      { x: 1, y: 1, classIndex: 0 },
      { x: -1, y: 1, classIndex: 1 },
      { x: 1, y: -1, classIndex: 1 },
      { x: 0.5, y: -0.5, classIndex: 1 },
      { x: Number.NaN, y: 0, classIndex: 1 },
    ];
    renderPicker(points);
    const plot = await screen.findByRole('img', { name: 'Scatter plot of the XOR data set' });
    const paths = plot.querySelectorAll('path');
    expect([...paths].map((p) => p.getAttribute('data-class-index'))).toEqual(['0', '1']);
    expect(paths[0].getAttribute('stroke')).toBe(classColor(0));
    expect(paths[1].getAttribute('stroke')).toBe(classColor(1));
    expect(classColor(0)).not.toBe(classColor(1));
    // The NaN point is left out; the rest keep their places: x to the right, y upwards (SVG y grows down).
    expect(dots(paths[0])).toHaveLength(2);
    expect(dots(paths[1])).toHaveLength(3);
    const [[lowLeftX, lowLeftY], [upRightX, upRightY]] = dots(paths[0]);
    expect(upRightX).toBeGreaterThan(lowLeftX);
    expect(upRightY).toBeLessThan(lowLeftY);

    const legend = screen.getByRole('list', { name: 'Classes' });
    const items = within(legend)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual(['negative250', 'positive250']);
    expect(screen.getByText('6 of 500 points shown')).toBeTruthy();
  });

  it('keeps showing image samples, and no scatter plot, for image sets', async () => {
    renderPicker(undefined, { ...XOR, id: 'fonts', name: 'Fonts', inputShape: [36, 36, 1] });
    await screen.findByText('Two classes in opposite quadrants');
    expect(screen.queryByRole('img', { name: /Scatter plot/ })).toBeNull();
    expect(screen.getByText('negative')).toBeTruthy();
  });
});

describe('DatasetPicker with an imported file', () => {
  it('lets the classes of an imported file be named; the names are saved with the project and undone as edits', async () => {
    const descriptor = { ...XOR, id: 'file:data.npz', name: 'data.npz', inputShape: [8, 8, 1], classNames: ['0', '1'] };
    const fake = createFakeApi({ descriptor });
    const dataset = { kind: 'file' as const, path: '/data/data.npz', name: 'data.npz' };
    const editor = new EditorStore({ dataset });
    const asked: unknown[] = [];
    const preview = fake.api.datasets.preview;
    fake.api.datasets.preview = (ref, perClass) => {
      asked.push(ref);
      return preview(ref, perClass);
    };
    const view = () => (
      <AppProviders api={fake.api} editor={editor} training={new TrainingSessionStore(fake.api)}>
        <DatasetPicker dataset={editor.getState().doc.dataset} disabled={false} />
      </AppProviders>
    );
    const { rerender } = render(view());
    editor.subscribe(() => rerender(view()));
    const first = (await screen.findByRole('textbox', { name: 'Name of class 0' })) as HTMLInputElement;
    // The file's own name shows until the class is given one.
    expect(first.placeholder).toBe('0');
    fireEvent.change(first, { target: { value: 'circle' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of class 1' }), { target: { value: 'square' } });
    expect(editor.getState().doc.dataset).toMatchObject({ classNames: ['circle', 'square'] });
    const saved = parseProjectFile(projectText(editor.getState().doc));
    expect(saved.ok && saved.project.dataset).toMatchObject({ classNames: ['circle', 'square'] });
    // Renaming reads nothing again: the preview was asked for once, without the names.
    expect(asked).toEqual([dataset]);
    expect(screen.getByText(/File: data.npz/)).toBeTruthy();
    editor.undo();
    expect(editor.getState().doc.dataset).toMatchObject({ classNames: ['circle', ''] });
  });
});
