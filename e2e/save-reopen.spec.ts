import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

test('save a project and open it again', async ({ layerlab }) => {
  const { canvas } = layerlab;
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-e2e-save-'));
  try {
    await layerlab.ready();
    await layerlab.newProject('Feed-forward network');
    const kinds = await canvas.nodes().evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThan(2);

    const saved = await layerlab.saveAs(join(dir, 'feed-forward.layerlab.json'));
    expect(saved.name).toMatch(/\.layerlab\.json$/);
    const project = JSON.parse(saved.text) as { format: string; version: number; graph: { nodes: unknown[] } };
    expect(project.format).toBe('layerlab');
    expect(project.graph.nodes).toHaveLength(kinds.length);

    await layerlab.newProject(null);
    await expect(canvas.nodes()).toHaveCount(0);

    const path = join(dir, saved.name);
    writeFileSync(path, saved.text);
    await layerlab.open(path);
    await expect(canvas.nodes()).toHaveCount(kinds.length);
    expect(await canvas.nodes().evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(kinds);
    await expect(canvas.invalidNodes()).toHaveCount(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
