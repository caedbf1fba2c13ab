import { useMemo } from 'react';
import type { LayerKind } from '../../../shared/graph/model-graph';
import { getOutgoers, reachable } from '../../../shared/graph/graph-traversal';
import { unpack } from '../../../shared/views/packed-array';
import { firstConv2D, inputShapeOf, pixelDense } from '../../../shared/views/view-availability';
import { VIEW_REFRESH_MS } from '../../../shared/views/view-queries';
import { KernelPictures } from './kernel-pictures';
import { useRunView } from './use-run-view';
import { modelUnavailable } from '../training/training-session';
import type { RunViewProps } from './view-props';

const MODEL_QUERY = { kind: 'model' } as const;

/**
 * What the first layer looks for: the first Conv2D's filters, or — for a model whose Dense layer sees the pixels (the
 * logistic regression, the feed-forward net) — that layer's weights as one picture per unit (per class for the
 * logistic regression). Updated while the network trains.
 */
export function WeightsView(props: RunViewProps) {
  const { run, subject } = props;
  const unavailable = modelUnavailable(run);
  const conv = firstConv2D(subject.graph);
  const dense = conv ? null : pixelDense(subject.graph);
  const node = conv ?? dense;
  const model = useRunView(run, unavailable === null ? MODEL_QUERY : null, VIEW_REFRESH_MS.weights);
  const layer = model.data?.layers.find((l) => l.nodeId === node?.id) ?? null;
  const query = useMemo(() => (layer ? ({ kind: 'weights', layer: layer.name } as const) : null), [layer]);
  const weights = useRunView(run, query, VIEW_REFRESH_MS.weights);
  const kernel = weights.data?.weights[0] ?? null;
  const values = useMemo(() => (kernel ? unpack(kernel.values) : null), [kernel]);
  // A run read back from its project has only what its last snapshot kept (small first layers).
  const saved = run?.snapshots?.at(-1)?.weights ?? null;
  const savedValues = useMemo(() => (saved ? unpack(saved.values) : null), [saved]);
  // A Dense with one unit per class and nothing learned after it scores the classes: name its pictures by class.
  const scoresClasses =
    dense !== null &&
    run !== null &&
    layer?.outputShape[0] === run.classNames.length &&
    lastWeighted(subject, dense.id);
  const names = scoresClasses ? run.classNames : undefined;

  if (!node) return <p className="muted">This model has no first layer whose weights can be drawn.</p>;
  const title = conv
    ? `Filters of the first Conv2D (${node.label ?? node.id}): the patterns it responds to.`
    : `Weights of ${node.label ?? node.id} per pixel: what each ${names ? 'class' : 'unit'} looks for in the picture.`;

  const shown =
    values && kernel && layer
      ? { values, shape: kernel.values.shape, name: layer.name }
      : savedValues && saved
        ? { values: savedValues, shape: saved.values.shape, name: saved.layer }
        : null;
  return (
    <div className="view-weights">
      <p>{title}</p>
      {shown ? (
        <KernelPictures
          layer={shown.name}
          values={shown.values}
          shape={shown.shape}
          pictureShape={inputShapeOf(subject.graph) ?? undefined}
          names={names}
        />
      ) : (
        <p className="muted">{unavailable ?? weights.error ?? model.error ?? 'Reading the weights…'}</p>
      )}
      {unavailable && saved && <p className="muted small">As saved after the last epoch.</p>}
    </div>
  );
}

/** No layer with weights follows `nodeId` (only activations, dropout and the like). */
function lastWeighted(subject: RunViewProps['subject'], nodeId: string): boolean {
  const { graph } = subject;
  const after = reachable([nodeId], (id) => getOutgoers(graph, id).map((node) => node.id));
  return graph.nodes.every((node) => node.id === nodeId || !after.has(node.id) || !WEIGHTED.has(node.kind));
}

const WEIGHTED: ReadonlySet<LayerKind> = new Set<LayerKind>(['Dense', 'Maxout', 'Conv2D', 'BatchNorm']);
