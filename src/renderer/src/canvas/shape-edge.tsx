import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { CanvasEdge } from './canvas-mapping';

/** An edge labelled with the shape of the tensor it carries, so shape changes are visible along the path. */
export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<CanvasEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  const data = props.data;
  const port = data?.targetPort;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        className={data?.invalid ? 'edge-invalid' : undefined}
      />
      <EdgeLabelRenderer>
        <div
          className={`edge-label${props.selected ? ' is-selected' : ''}${data?.invalid ? ' is-invalid' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          title="Tensor shape carried by this connection"
        >
          {data?.shapeText ?? '?'}
          {port !== undefined ? <span className="edge-port"> · in {port + 1}</span> : null}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
