import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../shared/graph/analyze-graph';
import { setFlowDirection } from '../../../shared/graph/graph-edits';
import { getTemplate } from '../../../shared/templates';
import { commandTestbed } from '../testing/command-testbed';
import { graphSvg, type PicturePalette } from './graph-picture';

const PALETTE: PicturePalette = {
  background: '#fff',
  card: '#fff',
  border: '#ccc',
  text: '#111',
  muted: '#666',
  accent: '#25e',
  category: () => '#25e',
};
const size = () => ({ width: 200, height: 76 });

describe('graphSvg', () => {
  it('draws every layer as a card with its kind, name, shape and parameters, and every connection', () => {
    const template = getTemplate('wide-cnn') ?? getTemplate('cnn')!;
    const graph = {
      ...template.graph,
      nodes: template.graph.nodes.map((n, i) => (i === 1 ? { ...n, label: 'edges & <corners>' } : n)),
    };
    const analysis = analyzeGraph(graph, { inputShape: [36, 36, 1], numClasses: 5 });
    const svg = graphSvg(graph, analysis, size, PALETTE);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const ids = [...svg.matchAll(/data-node-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    expect(svg.match(/marker-end/g)).toHaveLength(graph.edges.length);
    expect(svg).toContain('edges &amp; &lt;corners&gt;');
    expect(svg).toContain(`${analysis.params[graph.nodes[1].id].trainable.toLocaleString('en-US')} params`);
    expect(svg).toMatch(/36×36×\d+|\[36, 36, \d+\]/);
  });

  it('draws connections out of the side of each card when the graph runs left to right', () => {
    const graph = setFlowDirection(getTemplate('cnn')!.graph, 'right');
    const svg = graphSvg(graph, analyzeGraph(graph), size, PALETTE);
    const first = graph.nodes.find((n) => n.id === graph.edges[0].source)!;
    expect(svg).toContain(`M${first.position.x + 200} ${first.position.y + 38} C`);
  });
});

describe('Export graph as SVG', () => {
  it('saves the picture through the host under the project’s name', async () => {
    const t = getTemplate('cnn')!;
    const bed = commandTestbed({ graph: t.graph, training: t.training, dataset: t.dataset });
    expect(bed.runner.isEnabled('exportGraphSvg')).toBe(true);
    bed.runner.run('exportGraphSvg');
    await expect.poll(() => bed.fake.saved.length).toBe(1);
    const [file] = bed.fake.saved;
    expect(file.suggestedName).toBe('Untitled.svg');
    const svg = Buffer.from(file.base64, 'base64').toString('utf8');
    for (const node of t.graph.nodes) expect(svg).toContain(`data-node-id="${node.id}"`);
    expect(commandTestbed().runner.isEnabled('exportGraphPng')).toBe(false);
  });
});
