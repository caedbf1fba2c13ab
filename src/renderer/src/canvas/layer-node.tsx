import { memo, useEffect } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { getLayerDefinition, withDefaults } from '../../../shared/layers/catalogue';
import { useEditor } from '../app-context';
import type { CanvasNode } from './canvas-mapping';
import { formatCount } from './format';
import { kindColorStyle } from '../ui/kind-color';

/**
 * One layer card: kind, key settings, output shape and parameters, live. A problem marks the card
 * `data-invalid="true"` and shows its message, with the one-click fix when the analysis offers one.
 */
export const LayerNode = memo(function LayerNode({ id, data, selected }: NodeProps<CanvasNode>) {
  const editor = useEditor();
  const def = getLayerDefinition(data.kind);
  const summary = def.summary(withDefaults(data.kind, data.config));
  const errors = data.problems.filter((p) => p.severity === 'error');
  const shown = errors.length > 0 ? errors : data.problems;
  const invalid = errors.length > 0;
  const warning = !invalid && data.problems.length > 0;
  const tooltip = data.problems.map((p) => p.message).join('\n');
  const across = data.direction === 'right';
  // Handles move when the flow turns; React Flow must measure them again for the edges to follow.
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => updateNodeInternals(id), [across, id, updateNodeInternals]);
  return (
    <div
      className={`layer-node${selected ? ' is-selected' : ''}${data.locked ? ' is-locked' : ''}${invalid ? ' is-invalid' : ''}${warning ? ' is-warning' : ''}`}
      style={kindColorStyle(data.kind)}
      data-kind={data.kind}
      data-node-id={id}
      {...(invalid ? { 'data-invalid': 'true' } : {})}
      {...(data.locked ? { 'data-locked': 'true' } : {})}
      title={tooltip || def.displayName}
    >
      {def.inputs.max > 0 && (
        <Handle
          type="target"
          position={across ? Position.Left : Position.Top}
          className={def.inputs.max > 1 ? 'handle-merge' : undefined}
        />
      )}
      <div className="layer-node-head">
        <span className="layer-node-kind">{def.displayName}</span>
        {data.label && <span className="layer-node-label">{data.label}</span>}
        {data.locked && (
          <span className="layer-node-lock" title="Locked by the exercise: it can't be deleted, rewired or edited">
            <span aria-hidden="true">🔒</span>
            <span className="visually-hidden">locked</span>
          </span>
        )}
        {data.isOutput && (
          <span className="badge" title="The model's output">
            out
          </span>
        )}
      </div>
      {summary && <div className="layer-node-summary">{summary}</div>}
      <div className="layer-node-stats">
        <span className="layer-node-shape" title="Output shape (batch axis left out)">
          {data.shapeText}
        </span>
        <span className="layer-node-params" title="Parameters">
          {data.params > 0 ? `${formatCount(data.params)} params` : '—'}
        </span>
      </div>
      {shown.length > 0 && (
        <ul className="layer-node-problems">
          {shown.slice(0, 2).map((p, i) => (
            <li key={i} className={`problem problem-${p.severity}`} role={p.severity === 'error' ? 'alert' : undefined}>
              <span className="problem-message">{p.message}</span>
              {p.fix && (
                <button
                  type="button"
                  className="fix-button nodrag"
                  onClick={(e) => {
                    e.stopPropagation();
                    if (editor.applyFix(p)) editor.setStatus(`Applied: ${p.fix!.label}.`);
                  }}
                >
                  {p.fix.label}
                </button>
              )}
            </li>
          ))}
          {shown.length > 2 && <li className="problem-more">+{shown.length - 2} more</li>}
        </ul>
      )}
      <Handle type="source" position={across ? Position.Right : Position.Bottom} />
    </div>
  );
});
