import { flowDirection, type GraphNode, type ModelGraph } from '../../../shared/graph/model-graph';
import { getLayerDefinition, withDefaults } from '../../../shared/layers/catalogue';
import { getCategory } from '../../../shared/layers/categories';
import { formatShape } from '../../../shared/layers/shape-math';
import type { GraphAnalysis } from '../store/analysis';
import { formatCount } from './format';

/** The colours of a picture: the theme's, read from its CSS variables (see `themePalette`). */
export interface PicturePalette {
  background: string;
  card: string;
  border: string;
  text: string;
  muted: string;
  accent: string;
  /** By CSS variable name, e.g. `--cat-core`. */
  category: (variable: string) => string;
}

/** Room around the graph in the picture, in flow units (the picture is drawn 1:1 with the canvas). */
const MARGIN = 24;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const MONO = "ui-monospace, Menlo, Consolas, 'Roboto Mono', monospace";

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The graph as an SVG picture for handouts and slides: every layer a card where it sits on the canvas (kind, name,
 * key settings, output shape, parameters, in its category's colour) and every connection a curve labelled with the
 * shape it carries, along the graph's flow (down or right). Text stays text, so the picture is sharp at any size.
 */
export function graphSvg(
  graph: ModelGraph,
  analysis: GraphAnalysis,
  sizeOf: (node: GraphNode) => { width: number; height: number },
  palette: PicturePalette,
): string {
  const boxes = new Map(graph.nodes.map((node) => [node.id, { ...node.position, ...sizeOf(node) }]));
  const all = [...boxes.values()];
  const left = Math.min(0, ...all.map((b) => b.x)) - MARGIN;
  const top = Math.min(0, ...all.map((b) => b.y)) - MARGIN;
  const right = Math.max(0, ...all.map((b) => b.x + b.width)) + MARGIN;
  const bottom = Math.max(0, ...all.map((b) => b.y + b.height)) + MARGIN;
  const across = flowDirection(graph) === 'right';

  const edges = graph.edges.flatMap((edge) => {
    const a = boxes.get(edge.source);
    const b = boxes.get(edge.target);
    if (!a || !b) return [];
    const [x1, y1, x2, y2] = across
      ? [a.x + a.width, a.y + a.height / 2, b.x, b.y + b.height / 2]
      : [a.x + a.width / 2, a.y + a.height, b.x + b.width / 2, b.y];
    const bend = across ? Math.max(30, (x2 - x1) / 2) : Math.max(30, (y2 - y1) / 2);
    const path = across
      ? `M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}`
      : `M${x1} ${y1} C${x1} ${y1 + bend} ${x2} ${y2 - bend} ${x2} ${y2}`;
    const label = formatShape(analysis.shapes[edge.source]);
    const mx = (x1 + x2) / 2;
    const my = (y1 + y2) / 2;
    return [
      `<path d="${path}" fill="none" stroke="${palette.muted}" stroke-width="1.5" marker-end="url(#arrow)"/>`,
      `<text x="${mx + 6}" y="${my + 4}" font-family="${MONO}" font-size="10" fill="${palette.muted}">${escape(label)}</text>`,
    ];
  });

  const cards = graph.nodes.map((node) => {
    const box = boxes.get(node.id)!;
    const definition = getLayerDefinition(node.kind);
    const color = palette.category(getCategory(definition.category).colorVariable);
    const summary = definition.summary(withDefaults(node.kind, node.config));
    const params = analysis.params[node.id];
    const count = params ? params.trainable + params.nonTrainable : 0;
    const x = box.x;
    const y = box.y;
    const lines = [
      `<text x="${x + 10}" y="${y + 22}" font-family="${FONT}" font-size="13" font-weight="700" fill="${palette.text}">${escape(definition.displayName)}${
        node.label ? `<tspan font-weight="400" fill="${palette.muted}"> ${escape(node.label)}</tspan>` : ''
      }</text>`,
      summary
        ? `<text x="${x + 10}" y="${y + 38}" font-family="${MONO}" font-size="11" fill="${palette.muted}">${escape(summary)}</text>`
        : '',
      `<text x="${x + 10}" y="${y + box.height - 10}" font-family="${MONO}" font-size="11" font-weight="600" fill="${palette.accent}">${escape(formatShape(analysis.shapes[node.id]))}</text>`,
      `<text x="${x + box.width - 10}" y="${y + box.height - 10}" text-anchor="end" font-family="${MONO}" font-size="11" fill="${palette.muted}">${count > 0 ? `${formatCount(count)} params` : '—'}</text>`,
    ];
    return [
      `<g data-node-id="${escape(node.id)}" data-kind="${node.kind}">`,
      `<rect x="${x}" y="${y}" width="${box.width}" height="${box.height}" rx="6" fill="${palette.card}" stroke="${palette.border}"/>`,
      `<rect x="${x}" y="${y}" width="${box.width}" height="4" rx="2" fill="${color}"/>`,
      ...lines.filter(Boolean),
      '</g>',
    ].join('');
  });

  const width = right - left;
  const height = bottom - top;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${left} ${top} ${width} ${height}">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${palette.muted}"/></marker></defs>`,
    `<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="${palette.background}"/>`,
    ...edges,
    ...cards,
    '</svg>',
  ].join('\n');
}

/** The current theme's colours, read from the page's CSS variables (the light theme's where there is no page). */
export function themePalette(): PicturePalette {
  const css = typeof document === 'undefined' ? null : getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
  return {
    background: read('--bg', '#ffffff'),
    card: read('--surface', '#ffffff'),
    border: read('--border', '#d8dce3'),
    text: read('--text', '#1c2330'),
    muted: read('--text-muted', '#5f6b7d'),
    accent: read('--accent', '#2563eb'),
    category: (variable) => read(variable, '#888888'),
  };
}

/** The SVG drawn at `scale` × its size (sharp on slides), as PNG bytes. Browser only: it needs a canvas. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(image.width * scale);
  canvas.height = Math.ceil(image.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw pictures (no 2-D canvas).');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The picture could not be encoded as PNG.');
  return new Uint8Array(await blob.arrayBuffer());
}
