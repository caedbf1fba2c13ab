import { z } from 'zod';
import { LAYER_DEFINITIONS } from '../layers/catalogue';

/** Every layer kind LayerLab knows, in the catalogue's order (the palette's order within each category). */
export type LayerKind = (typeof LAYER_DEFINITIONS)[number]['kind'];

export const LAYER_KINDS = LAYER_DEFINITIONS.map((definition) => definition.kind) as [LayerKind, ...LayerKind[]];

export const zLayerKind = z.enum(LAYER_KINDS);

/** A JSON value: configs must survive JSON.stringify/parse unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const zJsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(zJsonValue), z.record(z.string(), zJsonValue)]),
);

/** A tensor shape without the batch axis, e.g. [36, 36, 1] or [1296]. */
export type Shape = number[];

export const zGraphNode = z.object({
  /** Stable id, unique in the graph; edges refer to it. */
  id: z.string().min(1),
  kind: zLayerKind,
  /** Layer settings keyed like the tfjs `*LayerArgs` (units, filters, kernelSize, ...). */
  config: z.record(z.string(), zJsonValue),
  /** Canvas position in flow coordinates; the only view state that is saved. */
  position: z.object({ x: z.number(), y: z.number() }),
  /** Optional user-given name shown on the node and used as the tfjs layer name. */
  label: z.string().optional(),
});

export const zGraphEdge = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  /** For merge layers (Add, Concatenate): which input slot, 0-based; order matters for Concatenate. */
  targetPort: z.number().int().min(0).optional(),
});

export const MODEL_GRAPH_VERSION = 1 as const;

export const zModelGraph = z.object({
  version: z.literal(MODEL_GRAPH_VERSION),
  nodes: z.array(zGraphNode),
  edges: z.array(zGraphEdge),
  /** The node whose output is the model's output; when absent, the graph's single sink. */
  outputId: z.string().optional(),
  /**
   * Which way data flows on the canvas: `down` (the default: inputs on top of each card, outputs below) or `right`
   * (inputs on the left, for wide screens and slides). Auto-layout and new layers follow it.
   */
  direction: z.enum(['down', 'right']).optional(),
});

/** Which way data flows on the canvas (see `ModelGraph.direction`). */
export type FlowDirection = 'down' | 'right';

export function flowDirection(graph: Pick<ModelGraph, 'direction'>): FlowDirection {
  return graph.direction ?? 'down';
}

export type GraphNode = z.infer<typeof zGraphNode>;
export type GraphEdge = z.infer<typeof zGraphEdge>;
export type ModelGraph = z.infer<typeof zModelGraph>;
