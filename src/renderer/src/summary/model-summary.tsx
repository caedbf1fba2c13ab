import { memo } from 'react';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import { useAnalysis, useEditor, useEditorSelector } from '../app-context';
import { formatCount } from '../canvas/format';

/** Like Keras's `model.summary()`: layer, output shape (with the batch axis as None), parameters, totals. */
export const ModelSummary = memo(function ModelSummary() {
  const editor = useEditor();
  const graph = useEditorSelector((s) => s.doc.graph);
  const selectedNodes = useEditorSelector((s) => s.selectedNodes);
  const analysis = useAnalysis();
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const ordered = analysis.order.length > 0 ? analysis.order : graph.nodes.map((n) => n.id);
  const inOrder = new Set(ordered);
  const rows = [...ordered, ...graph.nodes.map((n) => n.id).filter((id) => !inOrder.has(id))].flatMap((id) => {
    const node = byId.get(id);
    return node ? [node] : [];
  });
  const nonTrainable = analysis.totalParams - analysis.trainableParams;
  if (rows.length === 0) {
    return (
      <section className="summary" aria-label="Model summary">
        <p className="empty-hint">
          The summary lists each layer's output shape and parameters once the graph has layers.
        </p>
      </section>
    );
  }
  return (
    <section className="summary" aria-label="Model summary">
      <table className="summary-table" aria-label="Model summary table">
        <thead>
          <tr>
            <th scope="col">Layer (type)</th>
            <th scope="col">Output shape</th>
            <th scope="col" className="num">
              Param #
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((node) => {
            const shape = analysis.shapes[node.id];
            const p = analysis.params[node.id];
            return (
              <tr
                key={node.id}
                className={selectedNodes.has(node.id) ? 'is-selected' : undefined}
                onClick={() => editor.select([node.id])}
              >
                <td>
                  {node.label ?? node.id} <span className="muted">({getLayerDefinition(node.kind).displayName})</span>
                </td>
                <td className="mono">{shape ? `(None, ${shape.join(', ')})` : '?'}</td>
                <td className="num mono">{formatCount(p ? p.trainable + p.nonTrainable : 0)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total params
            </th>
            <td className="num mono">{formatCount(analysis.totalParams)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              Trainable params
            </th>
            <td className="num mono">{formatCount(analysis.trainableParams)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={2}>
              Non-trainable params
            </th>
            <td className="num mono">{formatCount(nonTrainable)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
});
