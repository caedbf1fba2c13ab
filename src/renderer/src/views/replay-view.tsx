import { useEffect, useMemo, useState } from 'react';
import { unpack } from '../../../shared/views/packed-array';
import { inputShapeOf } from '../../../shared/views/view-availability';
import { ConfusionMatrix } from '../training/confusion-matrix';
import { isActive } from '../training/training-session';
import { BoundaryPlot } from './boundary-plot';
import { usePlanePoints } from './boundary-view';
import { percent, shortNumber } from './format';
import { KernelPictures } from './kernel-pictures';
import type { RunViewProps } from './view-props';

/**
 * The run epoch by epoch after it ended: a slider over the snapshots the run kept — metrics, confusion matrix (its
 * cells open their samples of that epoch), decision boundary of a 2-D set, and the first layer's weights when small.
 */
export function ReplayView(props: RunViewProps) {
  const { run } = props;
  const snapshots = run?.snapshots ?? null;
  const [position, setPosition] = useState(0);
  useEffect(() => setPosition(Math.max(0, (snapshots?.length ?? 1) - 1)), [snapshots]);
  const snapshot = snapshots?.[position] ?? null;
  // Grids are kept while the views' time budget allows: an epoch without one shows the latest before it.
  const boundarySnapshot = snapshots?.slice(0, position + 1).findLast((s) => s.boundary !== undefined) ?? null;
  const weights = useMemo(() => (snapshot?.weights ? unpack(snapshot.weights.values) : null), [snapshot]);
  const planePoints = usePlanePoints(props.subject.dataset);

  if (!run) return <p className="muted">Train the network, then replay the run epoch by epoch here.</p>;
  if (isActive(run.phase)) return <p className="muted">The replay opens when the run ends.</p>;
  if (!snapshots || snapshots.length === 0 || !snapshot)
    return <p className="muted">This run kept no snapshots (runs trained in the app keep one per epoch).</p>;

  return (
    <div className="view-replay">
      <label className="replay-slider">
        Epoch {snapshot.epoch} of {snapshots[snapshots.length - 1].epoch}
        <input
          type="range"
          min={0}
          max={snapshots.length - 1}
          value={position}
          onChange={(e) => setPosition(Number(e.target.value))}
          aria-label="Epoch to replay"
          aria-valuetext={`Epoch ${snapshot.epoch}`}
        />
      </label>
      <p>
        Loss {shortNumber(snapshot.loss)}
        {snapshot.valLoss !== null && `, validation loss ${shortNumber(snapshot.valLoss)}`}
        {snapshot.accuracy !== null && `, accuracy ${percent(snapshot.accuracy)}`}
        {snapshot.valAccuracy !== null && `, validation accuracy ${percent(snapshot.valAccuracy)}`}
      </p>
      <div className="replay-parts">
        {snapshot.confusionMatrix.length > 0 && (
          <ConfusionMatrix
            name={`Replayed matrix, epoch ${snapshot.epoch}`}
            compact
            classNames={run.classNames}
            matrix={snapshot.confusionMatrix}
            perClass={[]}
            accuracy={snapshot.valAccuracy}
            total={run.valSize}
            onCellClick={
              // A run whose process is gone lists the cells of its last epoch only (recomputed from its weights).
              !run.inProcess && snapshot.epoch !== run.epochs.at(-1)?.epoch
                ? undefined
                : (trueClass, predictedClass) => props.showCell({ epoch: snapshot.epoch, trueClass, predictedClass })
            }
          />
        )}
        {boundarySnapshot?.boundary && (
          <figure className="replay-boundary">
            <BoundaryPlot
              label={`Replayed boundary, epoch ${boundarySnapshot.epoch}`}
              extent={boundarySnapshot.boundary.extent}
              grid={boundarySnapshot.boundary}
              points={planePoints}
            />
            {boundarySnapshot !== snapshot && (
              <figcaption className="muted small">Boundary as of epoch {boundarySnapshot.epoch}.</figcaption>
            )}
          </figure>
        )}
        {snapshot.weights && weights && (
          <KernelPictures
            layer={snapshot.weights.layer}
            values={weights}
            shape={snapshot.weights.values.shape}
            pictureShape={inputShapeOf(props.subject.graph) ?? undefined}
            size={40}
          />
        )}
      </div>
    </div>
  );
}
