import { z } from 'zod';
import type { GraphFragment } from '../../../shared/graph/graph-edits';
import { zGraphEdge, zGraphNode } from '../../../shared/graph/model-graph';

/** Marks clipboard text as LayerLab layers, so a paste can tell it from any other text the user copied. */
export const CLIPBOARD_FORMAT = 'layerlab/graph-fragment';
export const CLIPBOARD_VERSION = 1;

const zFragment = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  version: z.literal(CLIPBOARD_VERSION),
  nodes: z.array(zGraphNode).min(1),
  edges: z.array(zGraphEdge),
});

export function serializeFragment(fragment: GraphFragment): string {
  return JSON.stringify({
    format: CLIPBOARD_FORMAT,
    version: CLIPBOARD_VERSION,
    nodes: fragment.nodes,
    edges: fragment.edges,
  });
}

export type ParsedClipboard =
  | { kind: 'fragment'; fragment: GraphFragment }
  /** Not ours (plain text, another app's JSON): paste falls back to the in-memory clipboard. */
  | { kind: 'foreign' }
  /** Marked as ours but unusable (newer version, hand-edited): the reason, for the status line. */
  | { kind: 'invalid'; reason: string };

/** Reads clipboard text back into layers, checking it as strictly as a project file's graph. */
export function parseClipboardText(text: string): ParsedClipboard {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'foreign' };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== CLIPBOARD_FORMAT)
    return { kind: 'foreign' };
  const version = (raw as { version?: unknown }).version;
  if (version !== CLIPBOARD_VERSION) {
    return {
      kind: 'invalid',
      reason: `The copied layers are in clipboard format version ${JSON.stringify(version)}; this LayerLab reads version ${CLIPBOARD_VERSION}.`,
    };
  }
  const parsed = zFragment.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'invalid',
      reason: `The copied layers are damaged: ${issue.path.join('.') || 'fragment'}: ${issue.message}.`,
    };
  }
  const { nodes, edges } = parsed.data;
  const ids = new Set<string>();
  for (const n of nodes) {
    if (ids.has(n.id))
      return { kind: 'invalid', reason: `The copied layers are damaged: two layers share the id “${n.id}”.` };
    ids.add(n.id);
  }
  const dangling = edges.find((e) => !ids.has(e.source) || !ids.has(e.target));
  if (dangling) {
    return {
      kind: 'invalid',
      reason: `The copied layers are damaged: edge “${dangling.id}” connects a layer that was not copied.`,
    };
  }
  return { kind: 'fragment', fragment: { nodes, edges } };
}
