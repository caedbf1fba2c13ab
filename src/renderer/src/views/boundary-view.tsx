import { useEffect, useMemo, useState } from 'react';
import type { DatasetRef } from '../../../shared/training/dataset';
import { planeExtent, pointBounds } from '../../../shared/views/plane';
import { VIEW_LIMITS, VIEW_REFRESH_MS } from '../../../shared/views/view-queries';
import { useApi, useEditorSelector } from '../app-context';
import { classColor } from '../training/scatter-plot';
import { BoundaryPlot, type PlanePoint } from './boundary-plot';
import { useRunView } from './use-run-view';
import { modelUnavailable } from '../training/training-session';
import type { RunViewProps } from './view-props';

const QUERY = { kind: 'boundary', resolution: VIEW_LIMITS.boundaryResolution.default } as const;

/** The data set's points (at most VIEW_LIMITS.boundaryPoints), for a plane with no live model behind it. */
export function usePlanePoints(dataset: DatasetRef): PlanePoint[] {
  const api = useApi();
  const [points, setPoints] = useState<PlanePoint[]>([]);
  const key = JSON.stringify(dataset);
  const maxMemoryMB = useEditorSelector((s) => s.doc.training.maxMemoryMB);
  useEffect(() => {
    let live = true;
    api.datasets.preview(JSON.parse(key) as DatasetRef, 1, { maxMemoryMB }).then(
      (preview) => {
        const all = preview.points ?? [];
        const stride = Math.max(1, Math.ceil(all.length / VIEW_LIMITS.boundaryPoints));
        if (live) setPoints(all.filter((_, i) => i % stride === 0));
      },
      () => live && setPoints([]),
    );
    return () => {
      live = false;
    };
  }, [api, key, maxMemoryMB]);
  return points;
}

export function extentOfPoints(points: readonly PlanePoint[]) {
  return planeExtent(
    pointBounds(
      points.length,
      (i) => points[i].x,
      (i) => points[i].y,
    ),
  );
}

/**
 * TensorFlow Playground's picture: the class the model predicts everywhere in the plane, with the data on top,
 * updated about once a second while the network trains. A finished run is asked through its saved weights; one that
 * can't be asked shows its last snapshot.
 */
export function BoundaryView(props: RunViewProps) {
  const { run } = props;
  const unavailable = modelUnavailable(run);
  const view = useRunView(run, unavailable === null ? QUERY : null, VIEW_REFRESH_MS.boundary);
  const previewPoints = usePlanePoints(props.subject.dataset);
  const saved = run?.snapshots?.at(-1)?.boundary ?? null;
  // Without a model to ask (or when it can't answer, e.g. its data is gone), the last snapshot saved with the run.
  const grid = view.data?.grid ?? (unavailable !== null || view.error !== null ? saved : null);
  const points = view.data?.points ?? previewPoints;
  const extent = useMemo(() => grid?.extent ?? extentOfPoints(points), [grid, points]);
  const classNames = run?.classNames.length ? run.classNames : [];

  let caption: string;
  if (view.data)
    caption = `After epoch ${view.data.at.epoch}${view.data.at.batch ? `, batch ${view.data.at.batch}` : ''}.`;
  else if (grid) caption = `As saved after epoch ${run?.snapshots?.at(-1)?.epoch}.`;
  else caption = unavailable ?? 'Computing…';

  return (
    <div className="view-boundary">
      <BoundaryPlot label="Decision boundary" extent={extent} grid={grid} points={points} />
      <div className="view-side">
        <p className="muted">
          The background shows the class the network predicts at each point of the plane: faint where it hesitates,
          strong where it is sure. The dots are the data.
        </p>
        {classNames.length > 0 && (
          <ul className="legend" aria-label="Classes">
            {classNames.map((name, i) => (
              <li key={i}>
                <span className="swatch" style={{ background: classColor(i) }} aria-hidden="true" /> {name}
              </li>
            ))}
          </ul>
        )}
        <p className="muted small" role="status">
          {caption}
        </p>
        {view.error && <p className="field-error">{view.error}</p>}
      </div>
    </div>
  );
}
