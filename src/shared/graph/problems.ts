import type { LayerKind, Shape } from './model-graph';

/** Problems a layer's own shape rule can report (the `code` of a failed `ShapeResult`). */
export type ShapeProblemCode =
  /** Conv2D/pooling got something other than [height, width, channels]; fix with Reshape. */
  | 'needs-image'
  /** Maxout got a rank > 1 input; fix with Flatten. */
  | 'needs-flat'
  /** Flatten got an input that is already one-dimensional (tfjs refuses it). */
  | 'already-flat'
  /** A kernel or pooling window larger than its input (with `valid` padding). */
  | 'window-too-large'
  /** Reshape target holds a different number of elements than its input. */
  | 'reshape-size-mismatch'
  /** Add or Concatenate inputs that cannot be combined. */
  | 'merge-shape-mismatch'
  /** Concatenate axis outside the inputs' axes (or the batch axis). */
  | 'bad-axis';

export type ProblemCode =
  | ShapeProblemCode
  /** The graph object itself is malformed (not an object, nodes not a list, node without id...). */
  | 'invalid-graph'
  | 'cycle'
  | 'no-input'
  /** The engine builds models with exactly one Input. */
  | 'multiple-inputs'
  /** No sink to use as the output. */
  | 'no-output'
  /** Several sinks and no `outputId` to choose one. */
  | 'multiple-outputs'
  /** `outputId` names a node that does not exist. */
  | 'unknown-output'
  /** A node that is not on the path from the input to the output (ignored when the model is built). */
  | 'dangling-node'
  /** An edge whose source or target node does not exist. */
  | 'missing-endpoint'
  | 'duplicate-node-id'
  | 'duplicate-edge-id'
  /** A layer with too few or too many incoming edges (merges need ≥ 2, others exactly 1, Input 0). */
  | 'wrong-input-count'
  | 'invalid-config'
  /** A classifier whose output still has spatial axes (e.g. Dense on a Conv2D output without Flatten). */
  | 'output-not-flat'
  /** The output has a different number of units than the dataset has classes. */
  | 'class-count-mismatch'
  /** An autoencoder whose output shape differs from its input shape. */
  | 'autoencoder-shape-mismatch'
  /** The Input layer's shape differs from the dataset's sample shape. */
  | 'input-shape-mismatch'
  /** More layers or connections than LayerLab builds (graph-limits.ts). */
  | 'graph-too-large'
  /** A layer, or the whole model, with more parameters than LayerLab builds. */
  | 'too-many-params'
  /** A layer whose output per sample is too big to train. */
  | 'output-too-large';

/** A one-click repair the UI can offer next to a problem; apply it with `applyFix`. */
export type GraphFix =
  | { type: 'insert-flatten'; beforeNodeId: string; label: string }
  /** Insert a Reshape to [height, width, channels] before a Conv2D/pooling node fed a flat input. */
  | { type: 'insert-reshape'; beforeNodeId: string; targetShape: Shape; label: string }
  | { type: 'set-input-shape'; nodeId: string; shape: Shape; label: string }
  /** Set one config field, e.g. the output Dense's units to the number of classes. */
  | {
      type: 'set-config';
      nodeId: string;
      key: string;
      value: number | string | boolean | number[] | null;
      label: string;
    }
  | { type: 'remove-edge'; edgeId: string; label: string }
  | { type: 'set-output'; nodeId: string; label: string }
  /**
   * Move a layer that needs an image above the Flatten feeding it: x → Flatten → Conv2D → y becomes
   * x → Conv2D → Flatten → y (the two cards swap places).
   */
  | { type: 'move-before'; nodeId: string; beforeNodeId: string; label: string }
  /** Make an edge read from another layer, e.g. a Conv2D branching off a Flatten reads the image before it. */
  | { type: 'set-edge-source'; edgeId: string; sourceId: string; label: string };

export interface GraphProblem {
  /** The node the problem shows on, when it belongs to one. */
  nodeId?: string;
  /** The edge the problem belongs to (missing endpoints, duplicate edge ids). */
  edgeId?: string;
  code: ProblemCode;
  /** A sentence for the user naming the node, the shape or the field involved. */
  message: string;
  /** Errors block training; warnings (e.g. a node left unconnected) do not. */
  severity: 'error' | 'warning';
  fix?: GraphFix;
}

/** How nodes are named in messages: kind plus the user's label, or the id when there is no label. */
export function describeNode(node: { id: string; kind: LayerKind | string; label?: string }): string {
  const name = node.label && node.label.trim() !== '' ? node.label : node.id;
  return `${node.kind} "${name}"`;
}
